// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Notifications: each is a separate open of the device (its own event
 * queue) with an event mask for one object type, owned by a session.
 * Waiters poll() the descriptor and a wake pipe; closing the notification
 * writes the pipe, so that every waiter returns ERROR_CANCELLED.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static void notification_free(struct libntms_notification *n)
{
	if (n->fd >= 0)
		close(n->fd);
	if (n->wake[0] >= 0)
		close(n->wake[0]);
	if (n->wake[1] >= 0)
		close(n->wake[1]);
	free(n);
}

static void notification_release(struct libntms_handle *h)
{
	notification_free((struct libntms_notification *)h);
}

/**
 * libntms_notification_open() - OpenNtmsNotification()
 * @s: the session, referenced by the caller
 * @session: its handle
 * @type: object type, NTMS_UNKNOWN for all
 * @out: the notification handle
 *
 * Return: see OpenNtmsNotification().
 */
DWORD libntms_notification_open(struct libntms_session *s, HANDLE session,
				DWORD type, HANDLE *out)
{
	struct libntms_notification *n;
	struct ntms_event_mask mask;
	uint64_t features = 0;
	DWORD ret;
	int err;

	if (type >= NTMS_TYPE_MAX)
		return ERROR_INVALID_PARAMETER;
	if (!(s->features & NTMS_FEATURE_EVENTS))
		return ERROR_NOT_SUPPORTED;

	n = calloc(1, sizeof(*n));
	if (!n)
		return ERROR_NOT_ENOUGH_MEMORY;
	n->wake[0] = n->wake[1] = -1;
	n->session = session;
	n->fd = libntms_device_open(O_NONBLOCK, &ret, &features);
	if (n->fd < 0)
		goto err_free;
	if (pipe2(n->wake, O_CLOEXEC | O_NONBLOCK) < 0) {
		ret = ERROR_NOT_ENOUGH_MEMORY;
		goto err_free;
	}

	memset(&mask, 0, sizeof(mask));
	mask.types = type == NTMS_UNKNOWN ? (1ull << NTMS_TYPE_MAX) - 1 :
		     1ull << type;
	err = libntms_ioctl(n->fd, NTMS_IOC_SET_EVENT_MASK, &mask);
	if (err) {
		ret = libntms_error_from_errno(err, 0, 0);
		goto err_free;
	}

	ret = libntms_handle_add(&n->h, LIBNTMS_NOTIFICATION,
				 notification_release, out);
	if (ret)
		goto err_free;
	ret = libntms_session_notification_add(s, *out);
	if (ret) {
		libntms_handle_put(libntms_handle_remove(*out,
							 LIBNTMS_NOTIFICATION));
		return ret;
	}
	return ERROR_SUCCESS;

err_free:
	notification_free(n);
	return ret;
}

static int poll_timeout(DWORD timeout, uint64_t deadline)
{
	struct timespec ts;
	uint64_t now;

	if (timeout == INFINITE)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (now >= deadline)
		return 0;
	return deadline - now > INT_MAX ? INT_MAX : (int)(deadline - now);
}

/*
 * Read one event; ERROR_SUCCESS, ERROR_NO_DATA, or EAGAIN as -1. The end
 * of the stream or a device gone (ENODEV, EIO) is ERROR_NOT_CONNECTED:
 * Microsoft's "unable to connect to the RSM service".
 */
static long notification_read(struct libntms_notification *n,
			      NTMS_NOTIFICATIONINFORMATION *info)
{
	struct ntms_event ev;
	ssize_t len;

	len = read(n->fd, &ev, sizeof(ev));
	if (len < 0 && (errno == EAGAIN || errno == EINTR))
		return -1;
	if (len < 0 && errno != ENODEV && errno != EIO)
		return libntms_error_from_errno(errno, 0, 0);
	if (len <= 0)
		return ERROR_NOT_CONNECTED;
	if (len != sizeof(ev))
		return ERROR_GEN_FAILURE;
	/* events were lost: once, and the caller re-reads its state */
	if (ev.operation == NTMS_EVENT_OVERFLOW)
		return ERROR_NO_DATA;
	info->dwOperation = ev.operation;
	libntms_guid_from_kernel(&info->ObjectId, &ev.object);
	return ERROR_SUCCESS;
}

/**
 * libntms_notification_wait() - WaitForNtmsNotification()
 * @handle: the notification
 * @info: out
 * @timeout: ms, INFINITE
 *
 * Return: see WaitForNtmsNotification().
 */
DWORD libntms_notification_wait(HANDLE handle,
				NTMS_NOTIFICATIONINFORMATION *info,
				DWORD timeout)
{
	struct libntms_notification *n;
	struct pollfd pfd[2];
	struct timespec ts;
	uint64_t deadline;
	long ret;

	n = (struct libntms_notification *)
		libntms_handle_get(handle, LIBNTMS_NOTIFICATION);
	if (!n)
		return ERROR_INVALID_HANDLE;
	if (!info) {
		ret = ERROR_INVALID_PARAMETER;
		goto out;
	}

	clock_gettime(CLOCK_MONOTONIC, &ts);
	deadline = (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + timeout;
	for (;;) {
		pfd[0].fd = n->wake[0];
		pfd[0].events = POLLIN;
		pfd[1].fd = n->fd;
		pfd[1].events = POLLIN;
		ret = poll(pfd, 2, poll_timeout(timeout, deadline));
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0) {
			ret = ERROR_GEN_FAILURE;
			break;
		}
		if (pfd[0].revents) {
			ret = ERROR_CANCELLED;
			break;
		}
		if (!ret) {
			ret = ERROR_TIMEOUT;
			break;
		}
		/* the descriptor hung up, with nothing left to read */
		if (!(pfd[1].revents & POLLIN)) {
			ret = ERROR_NOT_CONNECTED;
			break;
		}
		/* -1: another thread took the event, wait again */
		ret = notification_read(n, info);
		if (ret >= 0)
			break;
	}
out:
	libntms_handle_put(&n->h);
	return ret;
}

/**
 * libntms_notification_close() - CloseNtmsNotification()
 * @handle: the notification
 *
 * Waiters return ERROR_CANCELLED; the descriptor is closed when the last
 * of them returns.
 *
 * Return: ERROR_SUCCESS or ERROR_INVALID_HANDLE.
 */
DWORD libntms_notification_close(HANDLE handle)
{
	struct libntms_notification *n;
	struct libntms_session *s;
	ssize_t len;

	n = (struct libntms_notification *)
		libntms_handle_remove(handle, LIBNTMS_NOTIFICATION);
	if (!n)
		return ERROR_INVALID_HANDLE;
	/* the session may be closing, and closing us: then it is gone */
	s = libntms_session_get(n->session);
	if (s) {
		libntms_session_notification_del(s, handle);
		libntms_session_put(s);
	}
	len = write(n->wake[1], "x", 1);
	(void)len;	/* a full pipe is already readable */
	libntms_handle_put(&n->h);
	return ERROR_SUCCESS;
}
