// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Sessions: one open file description of /dev/ntms each, behind a handle.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

/**
 * libntms_device_path() - the ntms device node
 *
 * Return: $NTMS_DEVICE if set and not empty (not in set-uid or set-gid
 * programs), else "/dev/ntms".
 */
const char *libntms_device_path(void)
{
	const char *path = secure_getenv("NTMS_DEVICE");

	return path && *path ? path : LIBNTMS_DEVICE;
}

/**
 * libntms_ioctl() - an ioctl on the device, restarted after signals
 * @fd: session descriptor
 * @request: NTMS_IOC_*
 * @arg: its argument
 *
 * Return: 0 or a positive errno.
 */
int libntms_ioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, request, arg);
	} while (ret < 0 && errno == EINTR);
	return ret < 0 ? errno : 0;
}

/**
 * libntms_device_open() - open the device and check that it is ntms
 * @flags: extra open(2) flags (O_NONBLOCK)
 * @error: out: the Win32 reason on failure
 * @features: out (may be NULL): the driver's feature mask
 *
 * Return: the descriptor (close-on-exec), owned by the caller, or -1:
 * ERROR_NOT_READY (no device, or not the ntms driver),
 * ERROR_ACCESS_DENIED, ERROR_NOT_ENOUGH_MEMORY.
 */
int libntms_device_open(int flags, DWORD *error, uint64_t *features)
{
	struct ntms_version_info v;
	int fd, err;

	fd = open(libntms_device_path(), O_RDWR | O_CLOEXEC | flags);
	if (fd < 0) {
		switch (errno) {
		case EACCES:
		case EPERM:
			*error = ERROR_ACCESS_DENIED;
			break;
		case ENOMEM:
		case EMFILE:
		case ENFILE:
			*error = ERROR_NOT_ENOUGH_MEMORY;
			break;
		default:	/* ENOENT, ENODEV, ENXIO: driver not loaded */
			*error = ERROR_NOT_READY;
			break;
		}
		return -1;
	}

	memset(&v, 0, sizeof(v));
	err = libntms_ioctl(fd, NTMS_IOC_GET_VERSION, &v);
	/* not an ntms device, or an ABI this library does not know */
	if (err || v.api_version != NTMS_API_VERSION) {
		close(fd);
		*error = err == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_NOT_READY;
		return -1;
	}
	if (features)
		*features = v.features;
	return fd;
}

/**
 * libntms_server_is_local() - does a computer name name this machine?
 * @server: NULL, "", "localhost", "." or this machine's name, with or
 *	without a leading "\\\\" and, for the host name, with or without
 *	its domain
 *
 * Return: true for this machine.
 */
bool libntms_server_is_local(const char *server)
{
	char host[256];
	size_t len;

	if (!server)
		return true;
	if (server[0] == '\\' && server[1] == '\\')
		server += 2;
	if (!*server || !strcmp(server, ".") ||
	    !strcasecmp(server, "localhost"))
		return true;
	if (gethostname(host, sizeof(host)) < 0)
		return false;
	host[sizeof(host) - 1] = '\0';
	if (!strcasecmp(server, host))
		return true;
	/* "tapehost" for "tapehost.example.org", and the reverse */
	len = strcspn(host, ".");
	if (strlen(server) == len && !strncasecmp(server, host, len))
		return true;
	len = strcspn(server, ".");
	return strlen(host) == len && !strncasecmp(server, host, len);
}

static void session_release(struct libntms_handle *h)
{
	struct libntms_session *s = (struct libntms_session *)h;

	close(s->fd);
	free(s->notifications);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/**
 * libntms_session_open() - OpenNtmsSessionA()
 * @server: see OpenNtmsSessionA()
 * @application: application name, or NULL
 * @options: NTMS_SESSION_QUERYEXPEDITE or 0
 * @out: the new session handle
 *
 * Return: ERROR_SUCCESS or the reason, see OpenNtmsSessionA().
 */
DWORD libntms_session_open(const char *server, const char *application,
			   DWORD options, HANDLE *out)
{
	struct ntms_session_setup setup;
	struct libntms_session *s;
	DWORD ret;
	int err;

	if (options & ~(DWORD)NTMS_SESSION_QUERYEXPEDITE)
		return ERROR_INVALID_PARAMETER;
	if (!libntms_server_is_local(server))
		return ERROR_INVALID_COMPUTERNAME;

	s = calloc(1, sizeof(*s));
	if (!s)
		return ERROR_NOT_ENOUGH_MEMORY;
	s->fd = libntms_device_open(0, &ret, &s->features);
	if (s->fd < 0)
		goto err_free;
	pthread_mutex_init(&s->lock, NULL);
	if (application)
		snprintf(s->application, sizeof(s->application), "%s",
			 application);

	memset(&setup, 0, sizeof(setup));
	memcpy(setup.application, s->application, sizeof(setup.application));
	err = libntms_ioctl(s->fd, NTMS_IOC_SET_APPLICATION, &setup);
	/* a name is a nicety: a driver without the ioctl is fine */
	if (err && err != ENOTTY) {
		ret = libntms_error_from_errno(err, 0, 0);
		goto err_close;
	}

	ret = libntms_handle_add(&s->h, LIBNTMS_SESSION, session_release, out);
	if (ret)
		goto err_close;
	return ERROR_SUCCESS;

err_close:
	pthread_mutex_destroy(&s->lock);
	close(s->fd);
err_free:
	free(s);
	return ret;
}

/**
 * libntms_session_close() - CloseNtmsSession()
 * @handle: the session
 *
 * Cancels the requests of MountNtmsMedia() calls still waiting (they
 * return ERROR_CANCELLED) and closes the session's notifications. The
 * descriptor is closed when the last call using the session returns.
 *
 * Return: ERROR_SUCCESS or ERROR_INVALID_HANDLE.
 */
DWORD libntms_session_close(HANDLE handle)
{
	struct libntms_handle *h = libntms_handle_remove(handle,
							 LIBNTMS_SESSION);
	struct ntms_request_cancel cancel;
	struct libntms_mount_wait *w;
	struct libntms_session *s;
	unsigned int i, nr;
	HANDLE *notes;

	if (!h)
		return ERROR_INVALID_HANDLE;
	s = (struct libntms_session *)h;

	pthread_mutex_lock(&s->lock);
	s->closing = true;
	for (w = s->waits; w; w = w->next) {
		memset(&cancel, 0, sizeof(cancel));
		cancel.request = w->request;
		/* running or finished (ESRCH): the waiter notices closing */
		libntms_ioctl(s->fd, NTMS_IOC_REQUEST_CANCEL, &cancel);
	}
	notes = s->notifications;
	nr = s->nr_notifications;
	s->notifications = NULL;
	s->nr_notifications = 0;
	pthread_mutex_unlock(&s->lock);

	for (i = 0; i < nr; i++)
		libntms_notification_close(notes[i]);
	free(notes);
	libntms_handle_put(h);
	return ERROR_SUCCESS;
}

/**
 * libntms_session_get() - the session behind a handle, referenced
 * @handle: any value
 *
 * Return: the session, released with libntms_session_put(), or NULL.
 */
struct libntms_session *libntms_session_get(HANDLE handle)
{
	return (struct libntms_session *)libntms_handle_get(handle,
							    LIBNTMS_SESSION);
}

/* Release a reference from libntms_session_get(); NULL is fine. */
void libntms_session_put(struct libntms_session *s)
{
	if (s)
		libntms_handle_put(&s->h);
}

/**
 * libntms_session_wait_add() - register a mount waiting for its request
 * @s: the session
 * @w: the wait, with its request set; stays registered until
 *	libntms_session_wait_del()
 *
 * Return: false if the session is closing (then @w is not registered).
 */
bool libntms_session_wait_add(struct libntms_session *s,
			      struct libntms_mount_wait *w)
{
	bool ok;

	pthread_mutex_lock(&s->lock);
	ok = !s->closing;
	if (ok) {
		w->next = s->waits;
		s->waits = w;
	}
	pthread_mutex_unlock(&s->lock);
	return ok;
}

/* Unregister @w, registered by libntms_session_wait_add(). */
void libntms_session_wait_del(struct libntms_session *s,
			      struct libntms_mount_wait *w)
{
	struct libntms_mount_wait **p;

	pthread_mutex_lock(&s->lock);
	for (p = &s->waits; *p; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
}

/* Whether CloseNtmsSession() was called on @s. */
bool libntms_session_closing(struct libntms_session *s)
{
	bool closing;

	pthread_mutex_lock(&s->lock);
	closing = s->closing;
	pthread_mutex_unlock(&s->lock);
	return closing;
}

/**
 * libntms_session_notification_add() - record a notification of @s
 * @s: the session
 * @n: the notification's handle, closed with the session
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE (the session is closing),
 * ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD libntms_session_notification_add(struct libntms_session *s, HANDLE n)
{
	HANDLE *notes;
	DWORD ret = ERROR_SUCCESS;

	pthread_mutex_lock(&s->lock);
	if (s->closing) {
		ret = ERROR_INVALID_HANDLE;
		goto out;
	}
	notes = realloc(s->notifications,
			(s->nr_notifications + 1) * sizeof(*notes));
	if (!notes) {
		ret = ERROR_NOT_ENOUGH_MEMORY;
		goto out;
	}
	notes[s->nr_notifications++] = n;
	s->notifications = notes;
out:
	pthread_mutex_unlock(&s->lock);
	return ret;
}

/* Forget notification @n of @s (closed on its own). */
void libntms_session_notification_del(struct libntms_session *s, HANDLE n)
{
	unsigned int i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nr_notifications; i++) {
		if (s->notifications[i] == n) {
			s->notifications[i] =
				s->notifications[--s->nr_notifications];
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
}
