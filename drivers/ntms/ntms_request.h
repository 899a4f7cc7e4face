/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: library requests, the per-library queue that carries them out,
 * the operations that queue them, and session events.
 */
#ifndef _NTMS_REQUEST_H
#define _NTMS_REQUEST_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/poll.h>
#include <linux/types.h>

#include "ntms_internal.h"

/* most cartridges in one mount or dismount call */
#define NTMS_REQUEST_MAX_COUNT	64

/**
 * struct ntms_request - one queued library operation (NTMS_TYPE_LIBREQUEST)
 * @obj: object header; @obj.lib is the library (referenced)
 * @ref: references: the request table, a running worker, a waiter
 * @table_node: link in the request table, oldest first
 * @lib_node: link in &ntms_library.requests
 * @queue_node: link in &ntms_library.queue while QUEUED or WAITING
 * @owner: the session that queued it (compared, never dereferenced);
 *	NULL once that session is closed
 * @operation: NTMS_REQ_OP_*
 * @options: options of the call
 * @state: NTMS_REQ_* (written under &ntms_db.lock with WRITE_ONCE(),
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
 * @queued_ns: when queued
 * @completed_ns: when it ended, 0 while pending
 * @uid: user id of the queuing session
 * @application: application name of the queuing session
 *
 * Everything but @ref is protected by &ntms_db.lock.
 */
struct ntms_request {
	struct ntms_object obj;
	struct kref ref;
	struct list_head table_node;
	struct list_head lib_node;
	struct list_head queue_node;
	const void *owner;
	u32 operation;
	u32 options;
	u8 state;
	s8 priority;
	int error;
	u32 count;
	struct ntms_guid *media;
	struct ntms_guid *drives;
	struct ntms_guid slot;
	struct ntms_guid port;
	u64 queued_ns;
	u64 completed_ns;
	u32 uid;
	char application[NTMS_NAME_LEN];
};

extern unsigned int ntms_max_requests;

/* ntms_request.c */
struct ntms_request *ntms_request_alloc(struct ntms_session *s, u32 op,
					u32 count);
void ntms_request_put(struct ntms_request *req);
int ntms_request_room_locked(void);
int ntms_request_submit_locked(struct ntms_request *req,
			       struct ntms_library *lib);
void ntms_request_finish_locked(struct ntms_request *req, int err);
struct ntms_request *ntms_request_find_locked(const struct ntms_guid *guid);
void ntms_request_info_locked(struct ntms_request *req,
			      struct ntms_object_info *oi);
u32 ntms_request_enum_locked(struct ntms_library *lib, struct ntms_guid *out,
			     u32 n);
int ntms_request_wait(struct ntms_session *s, void __user *argp);
int ntms_request_cancel(struct ntms_session *s, void __user *argp);
int ntms_request_get_drives(struct ntms_session *s, void __user *argp);
void ntms_request_session_close(struct ntms_session *s);
void ntms_request_exit(void);
u64 ntms_request_features(void);

/* ntms_event.c */
int ntms_event_open(struct ntms_session *s);
void ntms_event_close(struct ntms_session *s);
void ntms_event_post_locked(u32 op, u32 type, const struct ntms_guid *guid,
			    u32 result, u32 state, const void *owner);
int ntms_event_set_mask(struct ntms_session *s, void __user *argp);
ssize_t ntms_event_read(struct ntms_session *s, struct file *file,
			char __user *buf, size_t count);
__poll_t ntms_event_poll(struct ntms_session *s, struct file *file,
			 poll_table *wait);

/* ntms_queue.c */
void ntms_queue_init(struct ntms_library *lib);
void ntms_queue_work(struct work_struct *work);
bool ntms_drive_opened_locked(struct ntms_drive *d);
bool ntms_drive_full_locked(struct ntms_drive *d);
bool ntms_drive_free_locked(struct ntms_drive *d);
int ntms_queue_mount_plan_locked(struct ntms_library *lib,
				 const struct ntms_guid *media,
				 struct ntms_guid *drives, u32 count,
				 bool specific);
void ntms_queue_kick_locked(struct ntms_library *lib);
void ntms_queue_abort_locked(struct ntms_library *lib, int err);
bool ntms_element_empty_locked(struct ntms_element *el);
int ntms_queue_read_range(struct ntms_library *lib, u8 type, u16 addr,
			  u16 count);
int ntms_queue_pick_home(struct ntms_library *lib, u16 src, bool src_valid,
			 u16 *dst);
int ntms_queue_move(struct ntms_library *lib, u8 stype, u16 src, u8 dtype,
		    u16 dst);

/* ntms_ops.c */
int ntms_ops_dismount_drive(struct ntms_session *s, void __user *argp);
int ntms_ops_dismount_media(struct ntms_session *s, void __user *argp);
int ntms_ops_set_enabled(struct ntms_session *s, void __user *argp);
int ntms_ops_mount(struct ntms_session *s, void __user *argp);
int ntms_ops_inventory(struct ntms_session *s, void __user *argp);
extern struct device_attribute dev_attr_ntms_modify_gid;
extern struct device_attribute dev_attr_ntms_control_gid;

#endif /* _NTMS_REQUEST_H */
