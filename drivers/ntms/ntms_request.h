/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: library requests and the operations they carry out.
 *
 * An operation is a &struct ntms_op: what the scheduler (ntms_queue.c)
 * calls, knowing nothing else of it. Each family of operations lives in
 * a file of its own (ntms_dismount.c, ntms_mount.c, ntms_enable.c,
 * ntms_inventory.c, ntms_port.c), with its ioctl: the checks in the
 * documented order under the library's lock, then a staged request that
 * the character device publishes once its GUID has reached userspace.
 * They all move cartridges with the verified element moves of
 * ntms_move.c.
 */
#ifndef _NTMS_REQUEST_H
#define _NTMS_REQUEST_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>

#include "ntms_internal.h"

/* most cartridges in one mount or dismount call */
#define NTMS_REQUEST_MAX_COUNT	64

struct ntms_request;

/**
 * struct ntms_op - an operation the queue carries out
 * @operation: NTMS_REQ_OP_* reported for its requests
 * @moves: its requests' @media and @drives say which cartridge went to or
 *	came from which drive (%NTMS_IOC_REQUEST_DRIVES)
 * @ready: NULL, or: may the request run now? Called with the library's
 *	lock held; 0 runs it, -EAGAIN leaves it WAITING (looked at again
 *	when a request ends or the library changes), another negative errno
 *	ends it FAILED
 * @run: carries the request out, on the library's workqueue, no lock held;
 *	returns 0 or the errno it fails with (uapi table)
 */
struct ntms_op {
	u32 operation;
	bool moves;
	int (*ready)(struct ntms_library *lib, struct ntms_request *req);
	int (*run)(struct ntms_library *lib, struct ntms_request *req);
};

/**
 * struct ntms_request - one queued library operation (NTMS_TYPE_LIBREQUEST)
 * @obj: object header; @obj.lib is the library (referenced)
 * @ref: references: the request table, a running worker, a waiter
 * @op: what it does
 * @table_node: link in the request table, oldest first (&ntms_db.lock)
 * @lib_node: link in &ntms_library.requests once published (&ntms_db.lock)
 * @queue_node: link in &ntms_library.queue while QUEUED or WAITING
 * @owner: the session that queued it (compared, never dereferenced);
 *	NULL once that session is closed. Written under the library's lock
 *	and &ntms_db.lock
 * @published: its GUID reached userspace and it is in the queue
 * @options: options of the call
 * @state: NTMS_REQ_* (written under the library's lock with WRITE_ONCE(),
 *	waiters read it with READ_ONCE())
 * @priority: -15..15, higher runs first
 * @error: positive errno of a failed request
 * @count: entries in @media and @drives
 * @media: the cartridges involved
 * @drives: the drives involved (dismount: the drive; mount: the drives
 *	chosen, once known)
 * @slot: the slot involved (dismount: the destination, once chosen;
 *	inject: the destination of the first cartridge; eject: the source)
 * @port: inject, eject: the import/export port asked for with
 *	%NTMS_PORT_F_SPECIFIC; eject: else the port chosen, once known
 * @addr: move: the element addresses of the source, the destination and
 *	(exchange) the second destination
 * @queued_ns: when queued
 * @completed_ns: when it ended, 0 while pending
 * @uid: user id of the queuing session
 * @application: application name of the queuing session
 * @opreq: the operator request a mount of an offline cartridge raised
 *	(%NTMS_MOUNT_F_OFFLINE_WAIT), referenced; cancelled when the
 *	request ends
 *
 * Everything not marked otherwise is protected by the library's lock.
 */
struct ntms_request {
	struct ntms_object obj;
	struct kref ref;
	const struct ntms_op *op;
	struct list_head table_node;
	struct list_head lib_node;
	struct list_head queue_node;
	const void *owner;
	bool published;
	u32 options;
	u8 state;
	s8 priority;
	int error;
	u32 count;
	struct ntms_guid *media;
	struct ntms_guid *drives;
	struct ntms_guid slot;
	struct ntms_guid port;
	u16 addr[3];
	u64 queued_ns;
	u64 completed_ns;
	u32 uid;
	char application[NTMS_NAME_LEN];
	struct ntms_opreq *opreq;
};

extern unsigned int ntms_max_requests;

/* ntms_cleaner.c */
int ntms_cleaner_slot_state_locked(const struct ntms_element *el);

/* ntms_clean.c: drives that ask for cleaning */
bool ntms_clean_needed(u64 flags);
bool ntms_clean_auto_locked(struct ntms_library *lib);
void ntms_clean_check(struct ntms_library *lib, struct ntms_drive *d);
void ntms_clean_poll(struct ntms_library *lib);

/* ntms_dismount.c: disabling a loaded drive sends its cartridge home */
extern const struct ntms_op ntms_op_disable_drive;

/* ntms_request.c */
struct ntms_request *ntms_request_alloc(struct ntms_session *s,
					const struct ntms_op *op, u32 count);
void ntms_request_put(struct ntms_request *req);
struct ntms_request *ntms_request_get(const struct ntms_guid *guid);
int ntms_request_room(void);
int ntms_request_delete(struct ntms_session *s, const struct ntms_guid *guids,
			u32 n, u32 *deleted);
int ntms_request_stage_locked(struct ntms_request *req,
			      struct ntms_library *lib);
void ntms_request_publish(struct ntms_request *req);
void ntms_request_withdraw(struct ntms_request *req);
void ntms_request_finish_locked(struct ntms_request *req, int err);
void ntms_request_set_waiting_locked(struct ntms_request *req);
void ntms_request_info_locked(struct ntms_request *req,
			      struct ntms_object_info *oi);
bool ntms_request_names_locked(struct ntms_request *req,
			       struct ntms_element *el);
u32 ntms_request_enum_locked(struct ntms_library *lib, struct ntms_guid *out,
			     u32 n);
void ntms_request_session_close(struct ntms_session *s);
void ntms_request_exit(void);

/* ntms_check.c: the checks every operation makes, in the uapi order */
#define NTMS_CHECK_CHANGER	0x1	/* needs a changer: not standalone */
#define NTMS_CHECK_DISABLED	0x2	/* acts on disabled objects too */
#define NTMS_CHECK_DAMAGED	0x4	/* may be queued in a damaged library */

int ntms_check_library_locked(struct ntms_session *s, struct ntms_library *lib,
			      u32 access, unsigned int flags);
struct ntms_object *ntms_check_lookup(struct ntms_session *s,
				      const struct ntms_guid *guid, u32 type,
				      u32 access, unsigned int flags,
				      struct ntms_library **libp);
struct ntms_object *ntms_check_find_locked(struct ntms_library *lib,
					   const struct ntms_guid *guid,
					   u32 type, int *err);
struct ntms_media *ntms_check_media_locked(struct ntms_library *lib,
					   const struct ntms_guid *guid,
					   int *err);
struct ntms_drive *ntms_check_drive_locked(struct ntms_library *lib,
					   const struct ntms_guid *guid,
					   int *err);
int ntms_check_media_lock(const struct ntms_guid *media, u32 count,
			  struct ntms_media **ms, struct ntms_library **libp);
struct ntms_call;
int ntms_check_queue_locked(struct ntms_request **reqp,
			    struct ntms_library *lib, unsigned int flags,
			    struct ntms_call *c, struct ntms_guid *guid);
int ntms_check_guids(const struct ntms_guid *list, u32 count);

#endif /* _NTMS_REQUEST_H */
