// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the /dev/ntms misc device. The file operations, and the one
 * place that touches user memory: every ioctl goes through one table row
 * {number, feature, handler, flags field and the flags it may carry,
 * reserved bytes}. The dispatcher copies the argument in, rejects
 * unknown flags and non-zero reserved bytes, calls the handler with a
 * kernel copy, copies the results out and, if the handler staged a
 * request or an operator request, publishes it once its GUID is in
 * userspace (or withdraws it).
 * No SCSI and no database here.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "ntms_call.h"
#include "ntms_internal.h"
#include "ntms_request.h"

/* "no such field" in a table row */
#define NTMS_NONE	0xffff

/* the largest argument struct */
#define NTMS_ARG_MAX	sizeof(struct ntms_object_info)

/**
 * struct ntms_ioctl - one row of the ioctl table
 * @cmd: the ioctl number (its size is the argument's)
 * @feature: the NTMS_FEATURE_* bit it belongs to
 * @fn: the handler
 * @flags_off: offset of the __u32 flags field, or %NTMS_NONE
 * @flags_valid: the flags it may carry
 * @pad_off: offset of the reserved input bytes, or %NTMS_NONE
 * @pad_len: their length
 * @in_size: bytes of the argument that are input, if not all of it
 * @probe: the handler changes state: check that the argument can be
 *	written back before calling it, so that a bad pointer fails the
 *	call before anything happened
 */
struct ntms_ioctl {
	unsigned int cmd;
	u64 feature;
	int (*fn)(struct ntms_session *s, struct ntms_call *c);
	u16 flags_off;
	u32 flags_valid;
	u16 pad_off;
	u16 pad_len;
	u16 in_size;
	bool probe;
};

/* every argument names them "flags" and "padding" */
#define NTMS_FLAGS(T, valid) \
	.flags_off = offsetof(T, flags), .flags_valid = (valid)
#define NTMS_NO_FLAGS	.flags_off = NTMS_NONE
#define NTMS_PAD(T) \
	.pad_off = offsetof(T, padding), .pad_len = sizeof_field(T, padding)
#define NTMS_NO_PAD	.pad_off = NTMS_NONE

static const struct ntms_ioctl ntms_ioctls[] = {
	{ .cmd = NTMS_IOC_GET_VERSION, NTMS_NO_FLAGS, NTMS_NO_PAD,
	  .fn = ntms_session_version_ioctl },
	{ .cmd = NTMS_IOC_SET_APPLICATION,
	  NTMS_FLAGS(struct ntms_session_setup, 0),
	  NTMS_PAD(struct ntms_session_setup),
	  .fn = ntms_session_application_ioctl },
	{ .cmd = NTMS_IOC_ENUMERATE, .feature = NTMS_FEATURE_ENUMERATE,
	  NTMS_FLAGS(struct ntms_enumerate, NTMS_ENUMERATE_F_ALL),
	  NTMS_PAD(struct ntms_enumerate),
	  .fn = ntms_info_enumerate_ioctl },
	{ .cmd = NTMS_IOC_GET_INFO, .feature = NTMS_FEATURE_INFO,
	  NTMS_FLAGS(struct ntms_object_info, 0), NTMS_NO_PAD,
	  .in_size = offsetof(struct ntms_object_info, enabled),
	  .fn = ntms_info_get_ioctl },
	{ .cmd = NTMS_IOC_SET_EVENT_MASK,
	  .feature = NTMS_FEATURE_EVENTS | NTMS_FEATURE_EVENT_OPT_IN,
	  NTMS_FLAGS(struct ntms_event_mask, 0),
	  NTMS_PAD(struct ntms_event_mask),
	  .fn = ntms_session_event_mask_ioctl },
	{ .cmd = NTMS_IOC_DISMOUNT_DRIVE, .feature = NTMS_FEATURE_DISMOUNT,
	  NTMS_FLAGS(struct ntms_dismount_drive, 0),
	  NTMS_PAD(struct ntms_dismount_drive),
	  .fn = ntms_dismount_drive_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_MOUNT,
	  .feature = NTMS_FEATURE_MOUNT | NTMS_FEATURE_MOUNT_OPTIONS_V2 |
		     NTMS_FEATURE_MOUNT_OFFLINE,
	  NTMS_NO_FLAGS, NTMS_PAD(struct ntms_mount),
	  .fn = ntms_mount_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_DISMOUNT_MEDIA, .feature = NTMS_FEATURE_DISMOUNT,
	  NTMS_NO_FLAGS, NTMS_NO_PAD,
	  .fn = ntms_dismount_media_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_REQUEST_WAIT, .feature = NTMS_FEATURE_REQUESTS,
	  NTMS_NO_FLAGS, NTMS_PAD(struct ntms_request_wait),
	  .fn = ntms_request_wait_ioctl },
	{ .cmd = NTMS_IOC_REQUEST_CANCEL, .feature = NTMS_FEATURE_REQUESTS,
	  NTMS_FLAGS(struct ntms_request_cancel, 0),
	  NTMS_PAD(struct ntms_request_cancel),
	  .fn = ntms_request_cancel_ioctl },
	{ .cmd = NTMS_IOC_SET_ENABLED, .feature = NTMS_FEATURE_ENABLE,
	  NTMS_FLAGS(struct ntms_set_enabled, 0),
	  NTMS_PAD(struct ntms_set_enabled),
	  .fn = ntms_enable_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_INVENTORY, .feature = NTMS_FEATURE_INVENTORY,
	  NTMS_FLAGS(struct ntms_inventory, 0),
	  NTMS_PAD(struct ntms_inventory),
	  .fn = ntms_inventory_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_INJECT, .feature = NTMS_FEATURE_INJECT_EJECT,
	  NTMS_FLAGS(struct ntms_inject, NTMS_PORT_F_SPECIFIC),
	  NTMS_PAD(struct ntms_inject),
	  .fn = ntms_port_inject_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_EJECT, .feature = NTMS_FEATURE_INJECT_EJECT,
	  NTMS_FLAGS(struct ntms_eject, NTMS_PORT_F_SPECIFIC),
	  NTMS_PAD(struct ntms_eject),
	  .fn = ntms_port_eject_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_REQUEST_DRIVES, .feature = NTMS_FEATURE_REQUEST_DRIVES,
	  NTMS_FLAGS(struct ntms_request_drives, 0),
	  NTMS_PAD(struct ntms_request_drives),
	  .fn = ntms_request_drives_ioctl },
	{ .cmd = NTMS_IOC_MOVE, .feature = NTMS_FEATURE_MOVE,
	  NTMS_FLAGS(struct ntms_move, NTMS_MOVE_F_ALL),
	  NTMS_PAD(struct ntms_move),
	  .fn = ntms_transfer_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_GET_ELEMENTS, .feature = NTMS_FEATURE_ELEMENTS,
	  NTMS_FLAGS(struct ntms_get_elements, 0),
	  NTMS_PAD(struct ntms_get_elements),
	  .fn = ntms_elements_ioctl },
	{ .cmd = NTMS_IOC_REQUEST_ORDER, .feature = NTMS_FEATURE_REQUEST_ORDER,
	  NTMS_FLAGS(struct ntms_request_order, NTMS_ORDER_F_SET),
	  NTMS_PAD(struct ntms_request_order),
	  .fn = ntms_request_order_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_DELETE, .feature = NTMS_FEATURE_DELETE,
	  NTMS_FLAGS(struct ntms_delete, 0), NTMS_PAD(struct ntms_delete),
	  .fn = ntms_delete_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_DOOR, .feature = NTMS_FEATURE_DOOR,
	  NTMS_FLAGS(struct ntms_door, 0), NTMS_PAD(struct ntms_door),
	  .fn = ntms_door_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_IDENTIFY_SLOT, .feature = NTMS_FEATURE_IDENTIFY_SLOT,
	  NTMS_FLAGS(struct ntms_identify_slot, 0),
	  NTMS_PAD(struct ntms_identify_slot),
	  .fn = ntms_identify_slot_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_UNLOAD_DRIVE, .feature = NTMS_FEATURE_UNLOAD,
	  NTMS_FLAGS(struct ntms_unload_drive, 0),
	  NTMS_PAD(struct ntms_unload_drive),
	  .fn = ntms_unload_drive_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_OPREQ_SUBMIT, .feature = NTMS_FEATURE_OPREQ,
	  NTMS_FLAGS(struct ntms_opreq_submit, 0), NTMS_NO_PAD,
	  .fn = ntms_opreq_submit_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_OPREQ_WAIT, .feature = NTMS_FEATURE_OPREQ,
	  NTMS_FLAGS(struct ntms_opreq_wait, 0),
	  NTMS_PAD(struct ntms_opreq_wait),
	  .fn = ntms_opreq_wait_ioctl },
	{ .cmd = NTMS_IOC_OPREQ_SATISFY, .feature = NTMS_FEATURE_OPREQ,
	  NTMS_FLAGS(struct ntms_opreq_act, 0),
	  NTMS_PAD(struct ntms_opreq_act),
	  .fn = ntms_opreq_satisfy_ioctl },
	{ .cmd = NTMS_IOC_OPREQ_CANCEL, .feature = NTMS_FEATURE_OPREQ,
	  NTMS_FLAGS(struct ntms_opreq_act, 0),
	  NTMS_PAD(struct ntms_opreq_act),
	  .fn = ntms_opreq_cancel_ioctl },
	{ .cmd = NTMS_IOC_CLEANER_SLOT, .feature = NTMS_FEATURE_CLEANER_SLOT,
	  NTMS_FLAGS(struct ntms_cleaner_slot, NTMS_CLEANER_SLOT_F_RELEASE),
	  NTMS_PAD(struct ntms_cleaner_slot),
	  .fn = ntms_cleaner_slot_ioctl },
	{ .cmd = NTMS_IOC_CLEAN_DRIVE, .feature = NTMS_FEATURE_CLEAN_DRIVE,
	  NTMS_FLAGS(struct ntms_clean_drive, 0),
	  NTMS_PAD(struct ntms_clean_drive),
	  .fn = ntms_clean_drive_ioctl, .probe = true },
	{ .cmd = NTMS_IOC_CLEANER_PORT, .feature = NTMS_FEATURE_CLEANER_PORT,
	  NTMS_FLAGS(struct ntms_cleaner_port, NTMS_CLEANER_PORT_F_EJECT),
	  NTMS_PAD(struct ntms_cleaner_port),
	  .fn = ntms_cleaner_port_ioctl, .probe = true },
};

/**
 * ntms_cdev_features() - what the driver implements
 *
 * Context: any.
 * Return: the NTMS_FEATURE_* bits of the ioctl table.
 */
u64 ntms_cdev_features(void)
{
	u64 f = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ntms_ioctls); i++)
		f |= ntms_ioctls[i].feature;
	return f;
}

/**
 * ntms_call_copy_in() - copy an array of the call from user memory
 * @c: the call
 * @uptr: the user pointer, as the argument carries it
 * @n: number of entries
 * @size: size of an entry
 *
 * Context: process context.
 * Return: the kernel copy, freed when the call ends; ERR_PTR(-EFAULT),
 * ERR_PTR(-ENOMEM).
 */
void *ntms_call_copy_in(struct ntms_call *c, u64 uptr, size_t n, size_t size)
{
	void *buf;

	if (WARN_ON_ONCE(c->nr_in == NTMS_CALL_MAX_BUFS))
		return ERR_PTR(-EINVAL);
	buf = vmemdup_user(u64_to_user_ptr(uptr), array_size(n, size));
	if (!IS_ERR(buf))
		c->in[c->nr_in++] = buf;
	return buf;
}

/**
 * ntms_call_copy_out() - copy an array to user memory when the call ends
 * @c: the call
 * @uptr: the user pointer, as the argument carries it
 * @buf: the data, allocated with kmalloc() or kvmalloc(); the call owns
 *	it from now on, whatever the result
 * @len: its length in bytes
 *
 * The arrays are copied before the argument struct.
 *
 * Context: process context.
 * Return: 0, or -EINVAL (more arrays than a call has).
 */
int ntms_call_copy_out(struct ntms_call *c, u64 uptr, void *buf, size_t len)
{
	if (WARN_ON_ONCE(c->nr_out == NTMS_CALL_MAX_BUFS)) {
		kvfree(buf);
		return -EINVAL;
	}
	c->out[c->nr_out].uptr = uptr;
	c->out[c->nr_out].buf = buf;
	c->out[c->nr_out].len = len;
	c->nr_out++;
	return 0;
}

static const struct ntms_ioctl *ntms_cdev_find(unsigned int cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ntms_ioctls); i++)
		if (_IOC_NR(cmd) == _IOC_NR(ntms_ioctls[i].cmd) &&
		    _IOC_TYPE(cmd) == _IOC_TYPE(ntms_ioctls[i].cmd))
			return &ntms_ioctls[i];
	return NULL;
}

/* the argument rules every ioctl shares */
static int ntms_cdev_check(const struct ntms_ioctl *io, const void *arg)
{
	u32 flags;

	/* only the flags this ioctl defines */
	if (io->flags_off != NTMS_NONE) {
		memcpy(&flags, arg + io->flags_off, sizeof(flags));
		if (flags & ~io->flags_valid)
			return -EINVAL;
	}
	/* reserved for growth */
	if (io->pad_off != NTMS_NONE &&
	    memchr_inv(arg + io->pad_off, 0, io->pad_len))
		return -EINVAL;
	return 0;
}

/* copy the results out; -EFAULT if any copy fails */
static int ntms_cdev_copy_out(struct ntms_call *c, void __user *uarg,
			      size_t size, bool arg)
{
	int ret = 0;
	unsigned int i;

	for (i = 0; i < c->nr_out; i++)
		if (c->out[i].len &&
		    copy_to_user(u64_to_user_ptr(c->out[i].uptr),
				 c->out[i].buf, c->out[i].len))
			ret = -EFAULT;
	if (arg && copy_to_user(uarg, c->arg, size))
		ret = -EFAULT;
	return ret;
}

static void ntms_cdev_call_free(struct ntms_call *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_in; i++)
		kvfree(c->in[i]);
	for (i = 0; i < c->nr_out; i++)
		kvfree(c->out[i].buf);
}

static long ntms_cdev_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	struct ntms_session *s = file->private_data;
	void __user *uarg = (void __user *)arg;
	const struct ntms_ioctl *io;
	struct ntms_call c = {};
	size_t size = _IOC_SIZE(cmd);
	u8 stack[128];
	int ret, out;

	io = ntms_cdev_find(cmd);
	if (!io)
		return -ENOTTY;
	/* a known number with the wrong size or direction */
	if (cmd != io->cmd)
		return -EINVAL;
	BUILD_BUG_ON(NTMS_ARG_MAX > 4096);
	c.arg = size <= sizeof(stack) ? stack : kmalloc(size, GFP_KERNEL);
	if (!c.arg)
		return -ENOMEM;
	memset(c.arg, 0, size);
	ret = -EFAULT;
	if ((_IOC_DIR(cmd) & _IOC_WRITE) &&
	    copy_from_user(c.arg, uarg, io->in_size ? io->in_size : size))
		goto out_free;
	ret = ntms_cdev_check(io, c.arg);
	if (ret)
		goto out_free;
	ret = -EFAULT;
	if (io->probe && copy_to_user(uarg, c.arg, size))
		goto out_free;

	ret = io->fn(s, &c);
	if (ret && !c.write_back) {
		ntms_cdev_call_free(&c);
		goto out_free;
	}
	out = ntms_cdev_copy_out(&c, uarg, size, _IOC_DIR(cmd) & _IOC_READ);
	ntms_cdev_call_free(&c);
	if (c.req) {
		/* nobody can name a request whose GUID did not get out */
		if (out)
			ntms_request_withdraw(c.req);
		else
			ntms_request_publish(c.req);
	}
	if (c.opreq) {
		if (out)
			ntms_opreq_withdraw(c.opreq);
		else
			ntms_opreq_publish(c.opreq);
	}
	if (out)
		ret = out;
out_free:
	if (c.arg != stack)
		kfree(c.arg);
	return ret;
}

static int ntms_cdev_open(struct inode *inode, struct file *file)
{
	struct ntms_session *s;

	s = ntms_session_open(file);
	if (!s)
		return -ENOMEM;
	file->private_data = s;
	return nonseekable_open(inode, file);
}

static int ntms_cdev_release(struct inode *inode, struct file *file)
{
	ntms_session_close(file->private_data);
	return 0;
}

/*
 * read(): whole &struct ntms_event records; a buffer smaller than one
 * record is -EINVAL; with O_NONBLOCK and nothing queued, -EAGAIN.
 */
static ssize_t ntms_cdev_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct ntms_session *s = file->private_data;
	struct ntms_event ev;
	ssize_t done = 0;
	int ret;

	if (count < sizeof(ev))
		return -EINVAL;
	while (done + sizeof(ev) <= count) {
		if (!ntms_event_pop(s, &ev)) {
			if (done)
				break;
			if (file->f_flags & O_NONBLOCK)
				return -EAGAIN;
			ret = ntms_event_wait(s);
			if (ret)
				return ret;
			continue;
		}
		if (copy_to_user(buf + done, &ev, sizeof(ev)))
			return done ? done : -EFAULT;
		done += sizeof(ev);
	}
	return done;
}

static __poll_t ntms_cdev_poll(struct file *file, poll_table *wait)
{
	struct ntms_session *s = file->private_data;

	poll_wait(file, ntms_event_waitq(s), wait);
	return ntms_event_ready(s) ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations ntms_cdev_fops = {
	.owner = THIS_MODULE,
	.open = ntms_cdev_open,
	.release = ntms_cdev_release,
	.read = ntms_cdev_read,
	.poll = ntms_cdev_poll,
	.unlocked_ioctl = ntms_cdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

static struct miscdevice ntms_cdev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ntms",
	.fops = &ntms_cdev_fops,
	.mode = 0600,
};

/**
 * ntms_cdev_register() - create /dev/ntms
 *
 * Context: module init, once the database is ready.
 * Return: 0 or a negative errno.
 */
int ntms_cdev_register(void)
{
	return misc_register(&ntms_cdev_misc);
}

/**
 * ntms_cdev_unregister() - remove /dev/ntms
 *
 * Open sessions keep working on the database until they are closed: the
 * module cannot be unloaded while they exist (fops owner).
 *
 * Context: module exit.
 */
void ntms_cdev_unregister(void)
{
	misc_deregister(&ntms_cdev_misc);
}
