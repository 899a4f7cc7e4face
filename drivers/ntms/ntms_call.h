/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: one ioctl call, as its handler sees it. The character device
 * (ntms_cdev.c) copies the argument in, checks its flags and reserved
 * fields, calls the handler with a kernel copy, and copies the results
 * out; user memory is touched nowhere else.
 */
#ifndef _NTMS_CALL_H
#define _NTMS_CALL_H

#include <linux/types.h>

struct ntms_session;
struct ntms_request;
struct ntms_opreq;

/* user arrays an ioctl may copy in, and out */
#define NTMS_CALL_MAX_BUFS	2

/**
 * struct ntms_call - one ioctl call
 * @arg: the kernel copy of the ioctl's argument struct
 * @req: a request the handler staged: published once @arg has been
 *	copied out, withdrawn if that fails
 * @opreq: an operator request the handler staged: published once @arg
 *	has been copied out, withdrawn if that fails
 * @write_back: copy @arg out even though the handler failed (-EOVERFLOW
 *	with the count needed, -ETIMEDOUT with the state)
 * @in: arrays copied in with ntms_call_copy_in(), freed after the call
 * @nr_in: entries of @in
 * @out: arrays to copy out with ntms_call_copy_out()
 * @nr_out: entries of @out
 */
struct ntms_call {
	void *arg;
	struct ntms_request *req;
	struct ntms_opreq *opreq;
	bool write_back;
	void *in[NTMS_CALL_MAX_BUFS];
	unsigned int nr_in;
	struct {
		u64 uptr;
		void *buf;
		size_t len;
	} out[NTMS_CALL_MAX_BUFS];
	unsigned int nr_out;
};

void *ntms_call_copy_in(struct ntms_call *c, u64 uptr, size_t n,
			size_t size);
int ntms_call_copy_out(struct ntms_call *c, u64 uptr, void *buf, size_t len);

/* the handlers, one per row of the ioctl table (ntms_cdev.c) */
int ntms_session_version_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_session_application_ioctl(struct ntms_session *s,
				   struct ntms_call *c);
int ntms_session_event_mask_ioctl(struct ntms_session *s,
				  struct ntms_call *c);
int ntms_info_enumerate_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_info_get_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_dismount_drive_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_dismount_media_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_mount_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_request_wait_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_request_cancel_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_request_drives_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_enable_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_inventory_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_port_inject_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_port_eject_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_transfer_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_elements_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_request_order_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_delete_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_door_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_identify_slot_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_unload_drive_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_opreq_submit_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_opreq_wait_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_opreq_satisfy_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_opreq_cancel_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_cleaner_slot_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_clean_drive_ioctl(struct ntms_session *s, struct ntms_call *c);
int ntms_cleaner_port_ioctl(struct ntms_session *s, struct ntms_call *c);

/* ntms_cdev.c */
int ntms_cdev_register(void);
void ntms_cdev_unregister(void);
u64 ntms_cdev_features(void);

#endif /* _NTMS_CALL_H */
