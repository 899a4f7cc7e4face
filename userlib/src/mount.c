// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Mount and dismount. MountNtmsMedia() is synchronous: it queues the
 * request (NTMS_IOC_MOUNT) and waits for it with NTMS_IOC_REQUEST_WAIT in
 * slices of LIBNTMS_WAIT_SLICE_MS, so that a CloseNtmsSession() from
 * another thread (which cancels the request) is noticed promptly.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "internal.h"

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/**
 * libntms_request_cancel() - cancel a queued request
 * @s: the session
 * @request: the request
 *
 * Return: 0 or the positive errno (ESRCH: running or ended).
 */
int libntms_request_cancel(struct libntms_session *s,
			   const struct ntms_guid *request)
{
	struct ntms_request_cancel c;

	memset(&c, 0, sizeof(c));
	c.request = *request;
	return libntms_ioctl(s->fd, NTMS_IOC_REQUEST_CANCEL, &c);
}

/* The Win32 result of a mount request that ended in @state. */
static DWORD mount_result(const struct ntms_request_wait *w)
{
	switch (w->state) {
	case NTMS_REQ_PASSED:
		return ERROR_SUCCESS;
	case NTMS_REQ_CANCELLED:
		return ERROR_CANCELLED;
	default:	/* FAILED, INVALID, STOPPED */
		if (!w->error)
			return ERROR_REQUEST_REFUSED;
		return libntms_error_from_errno(w->error, ERROR_INVALID_MEDIA,
						ERROR_BUSY);
	}
}

/*
 * After a passed mount: the drive each cartridge went to, in @drives
 * (@count entries, in the order of the call), from the request
 * (NTMS_IOC_REQUEST_DRIVES). A driver without that ioctl names the drive
 * of a single mount in the request's information; then the drives of a
 * mount of several cartridges stay zero.
 */
static void mount_drives_from_request(struct libntms_session *s,
				      const struct ntms_guid *request,
				      struct ntms_guid *drives, DWORD count)
{
	struct ntms_request_drives rd;
	struct ntms_object_info k;

	memset(&rd, 0, sizeof(rd));
	rd.request = *request;
	rd.drives = (uintptr_t)drives;
	rd.count = count;
	if (!libntms_ioctl(s->fd, NTMS_IOC_REQUEST_DRIVES, &rd) ||
	    count != 1)
		return;
	memset(&k, 0, sizeof(k));
	k.id = *request;
	k.type = NTMS_TYPE_LIBREQUEST;
	if (!libntms_ioctl(s->fd, NTMS_IOC_GET_INFO, &k))
		drives[0] = k.u.request.drive;
}

/* The request's state now, without waiting: 0 or a positive errno. */
static int request_poll(struct libntms_session *s,
			const struct ntms_guid *request,
			struct ntms_request_wait *w, uint32_t timeout_ms)
{
	memset(w, 0, sizeof(*w));
	w->request = *request;
	w->timeout_ms = timeout_ms;
	return libntms_ioctl(s->fd, NTMS_IOC_REQUEST_WAIT, w);
}

/*
 * The timeout of a mount has passed: cancel its request. ERROR_BUSY if it
 * was waiting for a drive or a cartridge, ERROR_TIMEOUT if it was queued
 * or is running (a running move cannot be cancelled); the request's own
 * result if it ended meanwhile.
 */
static DWORD mount_timeout(struct libntms_session *s,
			   const struct ntms_guid *request, uint32_t state)
{
	struct ntms_request_wait w;

	if (libntms_request_cancel(s, request) == ESRCH &&
	    !request_poll(s, request, &w, 0))
		return mount_result(&w);
	return state == NTMS_REQ_WAITING ? ERROR_BUSY : ERROR_TIMEOUT;
}

/*
 * Wait for mount @request for @timeout ms (INFINITE: for ever), in slices
 * so that CloseNtmsSession() in another thread is noticed: it cancels the
 * request and the wait returns ERROR_CANCELLED.
 */
static DWORD mount_wait(struct libntms_session *s,
			const struct ntms_guid *request, DWORD timeout)
{
	uint64_t deadline = now_ms() + timeout;
	struct libntms_mount_wait mw = { .request = *request };
	struct ntms_request_wait w;
	uint64_t now, left, slice;
	DWORD ret;
	int err;

	if (!libntms_session_wait_add(s, &mw)) {
		libntms_request_cancel(s, request);
		return ERROR_CANCELLED;
	}
	for (;;) {
		if (libntms_session_closing(s)) {
			ret = ERROR_CANCELLED;
			break;
		}
		now = now_ms();
		slice = LIBNTMS_WAIT_SLICE_MS;
		if (timeout != INFINITE) {
			left = now < deadline ? deadline - now : 0;
			if (left < slice)
				slice = left;
		}
		err = request_poll(s, request, &w, slice);
		if (err != ETIMEDOUT) {
			ret = err ? libntms_error_from_errno(err, 0, 0) :
				    mount_result(&w);
			break;
		}
		if (timeout != INFINITE && now_ms() >= deadline) {
			ret = mount_timeout(s, request, w.state);
			break;
		}
	}
	libntms_session_wait_del(s, &mw);
	return ret;
}

/**
 * libntms_media_mount() - MountNtmsMedia()
 * @s: the session
 * @media: @count cartridges
 * @drives: @count drives: in with NTMS_MOUNT_SPECIFIC_DRIVE, out once
 *	mounted; may be NULL without NTMS_MOUNT_SPECIFIC_DRIVE
 * @count: 1..64
 * @options: NTMS_MOUNT_*
 * @priority: -15..15
 * @timeout: ms, INFINITE
 *
 * Return: see MountNtmsMedia().
 */
DWORD libntms_media_mount(struct libntms_session *s, const NTMS_GUID *media,
			  NTMS_GUID *drives, DWORD count, DWORD options,
			  int priority, DWORD timeout)
{
	struct ntms_guid *kmedia, *kdrives;
	struct ntms_mount m;
	DWORD i, ret;
	int err;

	if (!count || count > LIBNTMS_MAX_COUNT)
		return ERROR_INVALID_PARAMETER;
	if (options & ~(DWORD)(NTMS_MOUNT_F_ALL | NTMS_MOUNT_F_DEPRECATED))
		return ERROR_INVALID_PARAMETER;
	if (priority < NTMS_PRIORITY_LOWEST || priority > NTMS_PRIORITY_HIGHEST)
		return ERROR_INVALID_PARAMETER;
	if ((options & NTMS_MOUNT_SPECIFIC_DRIVE) && !drives)
		return ERROR_INVALID_PARAMETER;

	kmedia = calloc(2 * count, sizeof(*kmedia));
	if (!kmedia)
		return ERROR_NOT_ENOUGH_MEMORY;
	kdrives = kmedia + count;
	for (i = 0; i < count; i++) {
		libntms_guid_to_kernel(&kmedia[i], &media[i]);
		if (options & NTMS_MOUNT_SPECIFIC_DRIVE)
			libntms_guid_to_kernel(&kdrives[i], &drives[i]);
	}

	memset(&m, 0, sizeof(m));
	m.media = (uintptr_t)kmedia;
	m.drives = (uintptr_t)kdrives;
	m.count = count;
	/* READ, ERROR_OFFLINE and NOWAIT are ours: the driver ignores them */
	m.options = options & NTMS_MOUNT_F_ALL;
	/* without ERROR_OFFLINE, an offline cartridge waits for an operator */
	if (!(options & NTMS_MOUNT_ERROR_OFFLINE) &&
	    (s->features & NTMS_FEATURE_MOUNT_OFFLINE))
		m.options |= NTMS_MOUNT_F_OFFLINE_WAIT;
	m.priority = priority;
	err = libntms_ioctl(s->fd, NTMS_IOC_MOUNT, &m);
	if (err) {
		ret = libntms_error_from_errno(err, ERROR_INVALID_MEDIA,
					       ERROR_BUSY);
		goto out;
	}
	if (options & NTMS_MOUNT_NOWAIT) {
		ret = ERROR_SUCCESS;
		goto out;
	}

	ret = mount_wait(s, &m.request, timeout);
	if (ret || !drives)
		goto out;
	if (!(options & NTMS_MOUNT_SPECIFIC_DRIVE))
		mount_drives_from_request(s, &m.request, kdrives, count);
	for (i = 0; i < count; i++)
		libntms_guid_from_kernel(&drives[i], &kdrives[i]);
out:
	free(kmedia);
	return ret;
}

/**
 * libntms_media_dismount() - DismountNtmsMedia()
 * @s: the session
 * @media: @count cartridges
 * @count: 1..64
 * @options: NTMS_DISMOUNT_*; 0 means NTMS_DISMOUNT_IMMEDIATE
 *
 * Return: see DismountNtmsMedia().
 */
DWORD libntms_media_dismount(struct libntms_session *s,
			     const NTMS_GUID *media, DWORD count,
			     DWORD options)
{
	struct ntms_dismount_media d;
	struct ntms_guid *kmedia;
	DWORD i;
	int err;

	if (!count || count > LIBNTMS_MAX_COUNT)
		return ERROR_INVALID_PARAMETER;
	if (options & ~(DWORD)NTMS_DISMOUNT_F_ALL)
		return ERROR_INVALID_PARAMETER;

	kmedia = calloc(count, sizeof(*kmedia));
	if (!kmedia)
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < count; i++)
		libntms_guid_to_kernel(&kmedia[i], &media[i]);

	memset(&d, 0, sizeof(d));
	d.media = (uintptr_t)kmedia;
	d.count = count;
	d.options = options;
	err = libntms_ioctl(s->fd, NTMS_IOC_DISMOUNT_MEDIA, &d);
	free(kmedia);
	return libntms_error_from_errno(err, ERROR_INVALID_MEDIA,
					ERROR_INVALID_STATE);
}

/**
 * libntms_drive_dismount() - DismountNtmsDrive() once the handle and
 * @drive are known valid
 * @s: the session
 * @drive: the drive
 *
 * Return: see DismountNtmsDrive().
 */
DWORD libntms_drive_dismount(struct libntms_session *s,
			     const NTMS_GUID *drive)
{
	struct ntms_dismount_drive d;

	memset(&d, 0, sizeof(d));
	libntms_guid_to_kernel(&d.drive, drive);
	return libntms_error_from_errno(libntms_ioctl(s->fd,
						      NTMS_IOC_DISMOUNT_DRIVE,
						      &d),
					ERROR_INVALID_DRIVE,
					ERROR_INVALID_STATE);
}
