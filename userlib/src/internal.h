/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libntms internals: the lowercase layer under api.c. Nothing here is
 * exported from libntms.so (-fvisibility=hidden and libntms.map) or left
 * global in libntms.a (objcopy --localize-hidden).
 *
 * Objects and lifetimes:
 *  - handle.c: the handle table. A HANDLE is an encoded (index, generation)
 *    pair, never a pointer. Every object behind a handle starts with a
 *    &struct libntms_handle that counts references: one for the table, one
 *    per call in progress. Closing removes the object from the table and
 *    drops the table's reference; the object (and its file descriptor) is
 *    freed when the last call using it returns, so a descriptor is never
 *    closed under a thread still using it.
 *  - session.c: &struct libntms_session, one open file description of
 *    /dev/ntms.
 *  - notify.c: &struct libntms_notification, a second open of /dev/ntms
 *    with an event mask, owned by a session.
 *
 * Locking: the table lock (handle.c) protects the table and every
 * &libntms_handle.refs, and is held only inside handle.c (never while
 * calling out); &libntms_session.lock protects the session fields marked
 * so. No ioctl that waits is made with either lock held.
 */
#ifndef LIBNTMS_INTERNAL_H
#define LIBNTMS_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include <ntmsapi.h>

/*
 * <linux/ntms.h> and <ntmsapi.h> both name NTMS_EVENT_SIGNAL and
 * NTMS_EVENT_COMPLETE (same values): give the kernel's their own names.
 * The kernel's NTMS_INVENTORY_* and NTMS_PRIORITY_* macros have the values
 * of the enum constants of the same names and shadow them harmlessly.
 */
#define NTMS_EVENT_SIGNAL	KNTMS_EVENT_SIGNAL
#define NTMS_EVENT_COMPLETE	KNTMS_EVENT_COMPLETE
#include <linux/ntms.h>
#undef NTMS_EVENT_SIGNAL
#undef NTMS_EVENT_COMPLETE

#define LIBNTMS_API		__attribute__((visibility("default")))

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Default device; NTMS_DEVICE in the environment replaces it. */
#define LIBNTMS_DEVICE		"/dev/ntms"

/*
 * How long one NTMS_IOC_REQUEST_WAIT may block before a session close is
 * noticed by a waiting MountNtmsMedia().
 */
#define LIBNTMS_WAIT_SLICE_MS	100

#define LIBNTMS_MAX_COUNT	64	/* cartridges per mount/dismount */

enum libntms_kind {
	LIBNTMS_SESSION = 1,
	LIBNTMS_NOTIFICATION = 2,
};

/**
 * struct libntms_handle - the table's view of an object behind a HANDLE
 * @kind: &enum libntms_kind
 * @refs: references: the table's, and one per call using the object
 *	(table lock)
 * @pid: the process that opened it; in another process (a child after
 *	fork()) the handle is invalid
 * @index: slot in the table (valid while in the table)
 * @release: frees the object, called when @refs drops to zero
 */
struct libntms_handle {
	unsigned int kind;
	unsigned int refs;
	pid_t pid;
	unsigned int index;
	void (*release)(struct libntms_handle *h);
};

/* handle.c */
DWORD libntms_handle_add(struct libntms_handle *h, unsigned int kind,
			 void (*release)(struct libntms_handle *h),
			 HANDLE *out);
struct libntms_handle *libntms_handle_get(HANDLE handle, unsigned int kind);
struct libntms_handle *libntms_handle_remove(HANDLE handle, unsigned int kind);
void libntms_handle_put(struct libntms_handle *h);

/* error.c */
DWORD libntms_error_from_errno(int err, DWORD enoent, DWORD ebusy);
DWORD libntms_error_set(DWORD code);
DWORD libntms_error_get(void);

/**
 * struct libntms_mount_wait - a MountNtmsMedia() waiting for its request,
 * on &libntms_session.waits (session lock)
 * @request: the request
 * @next: next waiter
 */
struct libntms_mount_wait {
	struct ntms_guid request;
	struct libntms_mount_wait *next;
};

/**
 * struct libntms_session - an open session
 * @h: table entry
 * @fd: the /dev/ntms file description; closed on release only
 * @features: &struct ntms_version_info.features of the driver
 * @lock: protects the fields below
 * @closing: CloseNtmsSession() was called (lock)
 * @waits: MountNtmsMedia() calls waiting (lock)
 * @notifications: handles of the notifications opened from it (lock)
 * @nr_notifications: entries used in @notifications (lock)
 * @application: application name given to OpenNtmsSession()
 */
struct libntms_session {
	struct libntms_handle h;
	int fd;
	uint64_t features;
	pthread_mutex_t lock;
	bool closing;
	struct libntms_mount_wait *waits;
	HANDLE *notifications;
	unsigned int nr_notifications;
	char application[NTMS_NAME_LEN];
};

/* session.c */
const char *libntms_device_path(void);
int libntms_device_open(int flags, DWORD *error, uint64_t *features);
int libntms_ioctl(int fd, unsigned long request, void *arg);
DWORD libntms_session_open(const char *server, const char *application,
			   DWORD options, HANDLE *out);
DWORD libntms_session_close(HANDLE handle);
bool libntms_server_is_local(const char *server);
struct libntms_session *libntms_session_get(HANDLE handle);
void libntms_session_put(struct libntms_session *s);
bool libntms_session_wait_add(struct libntms_session *s,
			      struct libntms_mount_wait *w);
void libntms_session_wait_del(struct libntms_session *s,
			      struct libntms_mount_wait *w);
bool libntms_session_closing(struct libntms_session *s);
DWORD libntms_session_notification_add(struct libntms_session *s, HANDLE n);
void libntms_session_notification_del(struct libntms_session *s, HANDLE n);

/* object.c */
DWORD libntms_object_enumerate(struct libntms_session *s,
			       const NTMS_GUID *container, NTMS_GUID *list,
			       DWORD *count, DWORD type, DWORD options);
DWORD libntms_object_info(struct libntms_session *s, const NTMS_GUID *id,
			  NTMS_OBJECTINFORMATIONA *info);
DWORD libntms_object_set_enabled(struct libntms_session *s, DWORD type,
				 const NTMS_GUID *id, bool enable);
void libntms_systemtime(uint64_t ns, SYSTEMTIME *st);
bool libntms_media_disabled(struct libntms_session *s, const NTMS_GUID *media,
			    DWORD count);

/* mount.c */
DWORD libntms_media_mount(struct libntms_session *s, const NTMS_GUID *media,
			  NTMS_GUID *drives, DWORD count, DWORD options,
			  int priority, DWORD timeout);
DWORD libntms_media_dismount(struct libntms_session *s,
			     const NTMS_GUID *media, DWORD count,
			     DWORD options);
DWORD libntms_drive_dismount(struct libntms_session *s,
			     const NTMS_GUID *drive);
int libntms_request_cancel(struct libntms_session *s,
			   const struct ntms_guid *request);

/* library.c */
DWORD libntms_library_inventory(struct libntms_session *s,
				const NTMS_GUID *library, DWORD action);
DWORD libntms_clean_drive(struct libntms_session *s, const NTMS_GUID *drive);
DWORD libntms_cleaner_port(struct libntms_session *s, const NTMS_GUID *library,
			   NTMS_GUID *operation, DWORD cleans, DWORD action,
			   bool eject);
DWORD libntms_operation_stop(struct libntms_session *s,
			     const NTMS_GUID *operation, uint32_t op);
DWORD libntms_cleaner_slot(struct libntms_session *s, const NTMS_GUID *library,
			   const NTMS_GUID *slot);
DWORD libntms_library_door(struct libntms_session *s, const NTMS_GUID *library,
			   DWORD action);
DWORD libntms_library_inject(struct libntms_session *s,
			     const NTMS_GUID *library, const NTMS_GUID *port,
			     NTMS_GUID *operation, DWORD action);
DWORD libntms_media_eject(struct libntms_session *s, const NTMS_GUID *media,
			  const NTMS_GUID *port, NTMS_GUID *operation,
			  DWORD action);
DWORD libntms_library_cancel(struct libntms_session *s,
			     const NTMS_GUID *request);

/* control.c */
DWORD libntms_slot_identify(struct libntms_session *s, const NTMS_GUID *slot,
			    DWORD option);
DWORD libntms_sa_eject(const char *computer, const char *application,
		       const char *device, DWORD options);

/* request.c */
DWORD libntms_request_order(struct libntms_session *s,
			    const NTMS_GUID *request, DWORD *order, bool set);
DWORD libntms_delete(struct libntms_session *s, const NTMS_GUID *ids,
		     DWORD type, DWORD count);

/* opreq.c */
DWORD libntms_opreq_submit(struct libntms_session *s, DWORD request,
			   const char *message, const NTMS_GUID *arg1,
			   const NTMS_GUID *arg2, NTMS_GUID *id);
DWORD libntms_opreq_wait(struct libntms_session *s, const NTMS_GUID *id,
			 DWORD timeout);
DWORD libntms_opreq_act(struct libntms_session *s, const NTMS_GUID *id,
			bool satisfy);

/**
 * struct libntms_notification - an open notification (notify.c)
 * @h: table entry
 * @fd: its own session of the device, O_NONBLOCK; closed on release
 * @wake: pipe written once when the notification is closed
 * @session: handle of the session it belongs to
 */
struct libntms_notification {
	struct libntms_handle h;
	int fd;
	int wake[2];
	HANDLE session;
};

/* notify.c */
DWORD libntms_notification_open(struct libntms_session *s, HANDLE session,
				DWORD type, HANDLE *out);
DWORD libntms_notification_wait(HANDLE handle,
				NTMS_NOTIFICATIONINFORMATION *info,
				DWORD timeout);
DWORD libntms_notification_close(HANDLE handle);

/* GUIDs: both are 16 opaque bytes, copied as they are. */
static inline void libntms_guid_to_kernel(struct ntms_guid *k,
					  const NTMS_GUID *g)
{
	memcpy(k->b, g, sizeof(k->b));
}

static inline void libntms_guid_from_kernel(NTMS_GUID *g,
					    const struct ntms_guid *k)
{
	memcpy(g, k->b, sizeof(k->b));
}

static inline bool libntms_guid_is_zero(const struct ntms_guid *k)
{
	static const struct ntms_guid zero;

	return !memcmp(k, &zero, sizeof(zero));
}

_Static_assert(sizeof(NTMS_GUID) == sizeof(struct ntms_guid),
	       "NTMS_GUID and struct ntms_guid differ in size");

#endif /* LIBNTMS_INTERNAL_H */
