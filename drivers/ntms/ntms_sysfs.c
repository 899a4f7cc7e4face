// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: sysfs attributes for udev and administrators.
 *
 * On a changer's scsi_device (present while ntms is bound to it):
 *   ntms_guid      the library's GUID
 *   ntms_library   the library's name for udev: its serial number
 *   ntms_state     operational state (ready, initializing, ...), "damaged"
 *   ntms_commands  SCSI commands sent to the changer so far
 *   ntms_rescan    write anything: read the whole library again, wait
 *   ntms_modify_gid   group granted MODIFY (-1: none; ntms_ops.c)
 *   ntms_control_gid  group granted CONTROL (-1: none; ntms_ops.c)
 *
 * On a tape drive's scsi_device, once it is matched to a drive object:
 *   ntms_guid      the drive's GUID
 *   ntms_library   the library's name (serial of the changer, or of the
 *                  drive itself for a standalone drive)
 *   ntms_library_guid  the library's GUID
 *   ntms_drive     the drive's number in its library, from 0
 * Each reads as empty while the tape matches no drive. A change of the
 * match sends a "change" uevent to the scsi_device and its st devices, so
 * that udev/60-ntms.rules can maintain /dev/tape/by-ntms/<library>-drive<N>.
 */

#include <linux/device.h>
#include <linux/sysfs.h>

#include <scsi/scsi_device.h>

#include "ntms_internal.h"
#include "ntms_request.h"

static const char *ntms_opstate_name(u8 state)
{
	switch (state) {
	case NTMS_OPSTATE_READY:
		return "ready";
	case NTMS_OPSTATE_INITIALIZING:
		return "initializing";
	case NTMS_OPSTATE_NEEDS_SERVICE:
		return "needs_service";
	case NTMS_OPSTATE_NOT_PRESENT:
		return "not_present";
	default:
		return "unknown";
	}
}

static const char *ntms_lib_name(struct ntms_library *lib, char *buf,
				 size_t len)
{
	if (lib->serial[0])
		return lib->serial;
	snprintf(buf, len, "ntms%u", lib->index);
	return buf;
}

static ssize_t ntms_guid_show(struct device *dev, struct device_attribute *a,
			      char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	ssize_t ret;

	mutex_lock(&ntms_db.lock);
	ret = sysfs_emit(buf, "%pUb\n", lib->obj.guid.b);
	mutex_unlock(&ntms_db.lock);
	return ret;
}
static DEVICE_ATTR_RO(ntms_guid);

static ssize_t ntms_library_show(struct device *dev,
				 struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	char name[16];
	ssize_t ret;

	mutex_lock(&ntms_db.lock);
	ret = sysfs_emit(buf, "%s\n", ntms_lib_name(lib, name, sizeof(name)));
	mutex_unlock(&ntms_db.lock);
	return ret;
}
static DEVICE_ATTR_RO(ntms_library);

static ssize_t ntms_state_show(struct device *dev, struct device_attribute *a,
			       char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	ssize_t ret;

	mutex_lock(&ntms_db.lock);
	ret = sysfs_emit(buf, "%s%s\n", ntms_opstate_name(lib->op_state),
			 lib->damaged ? " damaged" : "");
	mutex_unlock(&ntms_db.lock);
	return ret;
}
static DEVICE_ATTR_RO(ntms_state);

static ssize_t ntms_commands_show(struct device *dev,
				  struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%lu\n", READ_ONCE(lib->smc.nr_commands));
}
static DEVICE_ATTR_RO(ntms_commands);

static ssize_t ntms_rescan_store(struct device *dev,
				 struct device_attribute *a, const char *buf,
				 size_t count)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	int ret;

	ret = ntms_library_rescan(lib);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(ntms_rescan);

static struct attribute *ntms_changer_attrs[] = {
	&dev_attr_ntms_guid.attr,
	&dev_attr_ntms_library.attr,
	&dev_attr_ntms_state.attr,
	&dev_attr_ntms_commands.attr,
	&dev_attr_ntms_rescan.attr,
	&dev_attr_ntms_modify_gid.attr,
	&dev_attr_ntms_control_gid.attr,
	NULL,
};

static const struct attribute_group ntms_changer_group = {
	.attrs = ntms_changer_attrs,
};

const struct attribute_group *ntms_changer_groups[] = {
	&ntms_changer_group,
	NULL,
};

/* the drive matched to a tape scsi_device, or NULL */
static struct ntms_drive *ntms_sysfs_drive_locked(struct device *dev)
{
	struct scsi_device *sdev = to_scsi_device(dev);
	struct ntms_tape *t;

	list_for_each_entry(t, &ntms_db.tapes, node)
		if (t->sdev == sdev)
			return t->drive;
	return NULL;
}

enum ntms_tape_attr {
	NTMS_TAPE_GUID,
	NTMS_TAPE_LIBRARY,
	NTMS_TAPE_LIBRARY_GUID,
	NTMS_TAPE_DRIVE,
};

static ssize_t ntms_tape_show(struct device *dev, char *buf,
			      enum ntms_tape_attr what)
{
	struct ntms_library *lib;
	struct ntms_drive *d;
	ssize_t ret = 0;
	char name[16];

	mutex_lock(&ntms_db.lock);
	d = ntms_sysfs_drive_locked(dev);
	if (!d)
		goto out_unlock;
	lib = d->el.obj.lib;
	switch (what) {
	case NTMS_TAPE_GUID:
		ret = sysfs_emit(buf, "%pUb\n", d->el.obj.guid.b);
		break;
	case NTMS_TAPE_LIBRARY:
		ret = sysfs_emit(buf, "%s\n",
				 ntms_lib_name(lib, name, sizeof(name)));
		break;
	case NTMS_TAPE_LIBRARY_GUID:
		ret = sysfs_emit(buf, "%pUb\n", lib->obj.guid.b);
		break;
	case NTMS_TAPE_DRIVE:
		ret = sysfs_emit(buf, "%u\n", d->el.number);
		break;
	}
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ret;
}

static ssize_t ntms_tape_guid_show(struct device *dev,
				   struct device_attribute *a, char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_GUID);
}

static ssize_t ntms_tape_library_show(struct device *dev,
				      struct device_attribute *a, char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_LIBRARY);
}

static ssize_t ntms_tape_library_guid_show(struct device *dev,
					   struct device_attribute *a,
					   char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_LIBRARY_GUID);
}

static ssize_t ntms_tape_drive_show(struct device *dev,
				    struct device_attribute *a, char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_DRIVE);
}

static struct device_attribute ntms_tape_dev_attrs[] = {
	__ATTR(ntms_guid, 0444, ntms_tape_guid_show, NULL),
	__ATTR(ntms_library, 0444, ntms_tape_library_show, NULL),
	__ATTR(ntms_library_guid, 0444, ntms_tape_library_guid_show, NULL),
	__ATTR(ntms_drive, 0444, ntms_tape_drive_show, NULL),
};

static struct attribute *ntms_tape_attrs[] = {
	&ntms_tape_dev_attrs[0].attr,
	&ntms_tape_dev_attrs[1].attr,
	&ntms_tape_dev_attrs[2].attr,
	&ntms_tape_dev_attrs[3].attr,
	NULL,
};

static const struct attribute_group ntms_tape_group = {
	.attrs = ntms_tape_attrs,
};

/**
 * ntms_sysfs_tape_add() - add the ntms attributes to a tape's scsi_device
 * @sdev: the tape
 *
 * Context: process context (class interface add_dev).
 * Return: 0 or a negative errno.
 */
int ntms_sysfs_tape_add(struct scsi_device *sdev)
{
	return sysfs_create_group(&sdev->sdev_gendev.kobj, &ntms_tape_group);
}

/**
 * ntms_sysfs_tape_del() - remove them
 * @sdev: the tape
 *
 * Context: process context (class interface remove_dev).
 */
void ntms_sysfs_tape_del(struct scsi_device *sdev)
{
	sysfs_remove_group(&sdev->sdev_gendev.kobj, &ntms_tape_group);
}
