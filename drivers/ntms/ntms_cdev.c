// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the /dev/ntms misc device. Only the file operations and the
 * ioctl dispatch live here; no SCSI, no database.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>

#include "ntms_internal.h"
#include "ntms_request.h"

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

static const unsigned int ntms_cdev_cmds[] = {
	NTMS_IOC_GET_VERSION,
	NTMS_IOC_SET_APPLICATION,
	NTMS_IOC_ENUMERATE,
	NTMS_IOC_GET_INFO,
	NTMS_IOC_DISMOUNT_DRIVE,
	NTMS_IOC_DISMOUNT_MEDIA,
	NTMS_IOC_REQUEST_WAIT,
	NTMS_IOC_REQUEST_CANCEL,
	NTMS_IOC_SET_ENABLED,
	NTMS_IOC_SET_EVENT_MASK,
	NTMS_IOC_MOUNT,
	NTMS_IOC_INVENTORY,
	NTMS_IOC_INJECT,
	NTMS_IOC_EJECT,
	NTMS_IOC_REQUEST_DRIVES,
};

/* a known ioctl number with the wrong size or direction: -EINVAL */
static long ntms_cdev_bad_ioctl(unsigned int cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ntms_cdev_cmds); i++)
		if (_IOC_TYPE(cmd) == _IOC_TYPE(ntms_cdev_cmds[i]) &&
		    _IOC_NR(cmd) == _IOC_NR(ntms_cdev_cmds[i]))
			return -EINVAL;
	return -ENOTTY;
}

static long ntms_cdev_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	struct ntms_session *s = file->private_data;
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case NTMS_IOC_GET_VERSION:
		return ntms_session_get_version(s, argp);
	case NTMS_IOC_SET_APPLICATION:
		return ntms_session_set_application(s, argp);
	case NTMS_IOC_ENUMERATE:
		return ntms_session_enumerate(s, argp);
	case NTMS_IOC_GET_INFO:
		return ntms_session_get_info(s, argp);
	case NTMS_IOC_DISMOUNT_DRIVE:
		return ntms_ops_dismount_drive(s, argp);
	case NTMS_IOC_DISMOUNT_MEDIA:
		return ntms_ops_dismount_media(s, argp);
	case NTMS_IOC_REQUEST_WAIT:
		return ntms_request_wait(s, argp);
	case NTMS_IOC_REQUEST_CANCEL:
		return ntms_request_cancel(s, argp);
	case NTMS_IOC_REQUEST_DRIVES:
		return ntms_request_get_drives(s, argp);
	case NTMS_IOC_SET_ENABLED:
		return ntms_ops_set_enabled(s, argp);
	case NTMS_IOC_SET_EVENT_MASK:
		return ntms_event_set_mask(s, argp);
	case NTMS_IOC_MOUNT:
		return ntms_ops_mount(s, argp);
	case NTMS_IOC_INVENTORY:
		return ntms_ops_inventory(s, argp);
	case NTMS_IOC_INJECT:
		return ntms_port_inject(s, argp);
	case NTMS_IOC_EJECT:
		return ntms_port_eject(s, argp);
	}
	return ntms_cdev_bad_ioctl(cmd);
}

static ssize_t ntms_cdev_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos)
{
	return ntms_event_read(file->private_data, file, buf, count);
}

static __poll_t ntms_cdev_poll(struct file *file, poll_table *wait)
{
	return ntms_event_poll(file->private_data, file, wait);
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
	.mode = 0666,
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
