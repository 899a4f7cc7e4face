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
 *   ntms_model_bytes  memory the driver holds for the library's model
 *   ntms_modify_gid   group granted MODIFY (and USE), -1: none
 *   ntms_control_gid  group granted CONTROL (and MODIFY and USE), -1: none
 *   ntms_displaced    cartridges found moved by someone else (a read saw
 *                     them gone from where the model had them) so far
 *   ntms_timeout_cmd, ntms_timeout_move, ntms_timeout_init
 *                     this library's SCSI timeouts, seconds, for ordinary
 *                     commands, MOVE/EXCHANGE MEDIUM and INITIALIZE
 *                     ELEMENT STATUS; 0 (the default): the module's
 *                     parameters of the same names
 *   ntms_refresh_s    read the whole library every this many seconds
 *                     while idle (0: never): for libraries that raise no
 *                     UNIT ATTENTION when others move cartridges
 *   ntms_auto_clean   1 (the default): drives that ask for cleaning are
 *                     cleaned, once a cleaner slot is reserved; 0: they
 *                     are only shown (drive information, ntms_tapealert)
 *
 * On a tape drive's scsi_device, once it is matched to a drive object:
 *   ntms_guid      the drive's GUID
 *   ntms_library   the library's name (serial of the changer, or of the
 *                  drive itself for a standalone drive)
 *   ntms_library_guid  the library's GUID
 *   ntms_drive     the drive's number in its library, from 0
 *   ntms_match     how it was matched: dvcid, vpd, fallback, admin (none
 *                  for a standalone drive)
 *   ntms_tapealert the TapeAlert flags the drive raised when last asked,
 *                  by number ("20,21"; empty line: none)
 *   ntms_needs_cleaning  1 if they include 20 (clean now) or 21 (clean
 *                  periodic), else 0
 * Each reads as empty while the tape matches no drive. A change of the
 * match sends a "change" uevent to the scsi_device and its st devices, so
 * that udev/60-ntms.rules can maintain /dev/tape/by-ntms/<library>-drive<N>.
 * And, present on every tape:
 *   ntms_bind      "LIBRARY N": the administrator binds the tape to drive N
 *                  of LIBRARY (its ntms_library name) when the changer
 *                  identifies its drives in no way ntms can use; "auto"
 *                  gives it back to automatic matching (reads as such)
 */

#include <linux/cred.h>
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

	ret = sysfs_emit(buf, "%pUb\n", lib->obj.guid.b);
	return ret;
}
static DEVICE_ATTR_RO(ntms_guid);

static ssize_t ntms_library_show(struct device *dev,
				 struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	char name[16];
	ssize_t ret;

	mutex_lock(&lib->lock);
	ret = sysfs_emit(buf, "%s\n", ntms_lib_name(lib, name, sizeof(name)));
	mutex_unlock(&lib->lock);
	return ret;
}
static DEVICE_ATTR_RO(ntms_library);

static ssize_t ntms_state_show(struct device *dev, struct device_attribute *a,
			       char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	ssize_t ret;

	mutex_lock(&lib->lock);
	ret = sysfs_emit(buf, "%s%s\n", ntms_opstate_name(lib->op_state),
			 lib->damaged ? " damaged" : "");
	mutex_unlock(&lib->lock);
	return ret;
}
static DEVICE_ATTR_RO(ntms_state);

static ssize_t ntms_commands_show(struct device *dev,
				  struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%lu\n", READ_ONCE(lib->smc.dev.nr_commands));
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

static ssize_t ntms_model_bytes_show(struct device *dev,
				     struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	size_t bytes;

	mutex_lock(&lib->lock);
	bytes = ntms_library_model_bytes_locked(lib);
	mutex_unlock(&lib->lock);
	return sysfs_emit(buf, "%zu\n", bytes);
}
static DEVICE_ATTR_RO(ntms_model_bytes);

static ssize_t ntms_displaced_show(struct device *dev,
				   struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	u32 n;

	mutex_lock(&lib->lock);
	n = lib->displaced;
	mutex_unlock(&lib->lock);
	return sysfs_emit(buf, "%u\n", n);
}
static DEVICE_ATTR_RO(ntms_displaced);

static ssize_t ntms_refresh_s_show(struct device *dev,
				   struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", READ_ONCE(lib->refresh_s));
}

static ssize_t ntms_refresh_s_store(struct device *dev,
				    struct device_attribute *a,
				    const char *buf, size_t count)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	/* at most a week: seconds times HZ stays far from wrapping */
	if (v > 7 * 24 * 3600)
		return -ERANGE;
	WRITE_ONCE(lib->refresh_s, v);
	return count;
}
static DEVICE_ATTR_RW(ntms_refresh_s);

static ssize_t ntms_auto_clean_show(struct device *dev,
				    struct device_attribute *a, char *buf)
{
	struct ntms_library *lib = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", READ_ONCE(lib->auto_clean));
}

static ssize_t ntms_auto_clean_store(struct device *dev,
				     struct device_attribute *a,
				     const char *buf, size_t count)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	bool v;
	int ret;

	ret = kstrtobool(buf, &v);
	if (ret)
		return ret;
	WRITE_ONCE(lib->auto_clean, v);
	return count;
}
static DEVICE_ATTR_RW(ntms_auto_clean);

/* a library's own SCSI timeouts: fields of its &struct ntms_scsi */
static ssize_t ntms_timeout_show(unsigned int *field, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(*field));
}

static ssize_t ntms_timeout_store(unsigned int *field, const char *buf,
				  size_t count)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	/* a day: longer than any robot's documented worst case */
	if (v > 24 * 3600)
		return -ERANGE;
	WRITE_ONCE(*field, v);
	return count;
}

#define NTMS_TIMEOUT_ATTR(which)					\
static ssize_t ntms_timeout_##which##_show(struct device *dev,		\
					   struct device_attribute *a,	\
					   char *buf)			\
{									\
	struct ntms_library *lib = dev_get_drvdata(dev);		\
									\
	return ntms_timeout_show(&lib->smc.dev.timeout_##which, buf);	\
}									\
static ssize_t ntms_timeout_##which##_store(struct device *dev,	\
					    struct device_attribute *a,	\
					    const char *buf, size_t count) \
{									\
	struct ntms_library *lib = dev_get_drvdata(dev);		\
									\
	return ntms_timeout_store(&lib->smc.dev.timeout_##which, buf,	\
				  count);				\
}									\
static DEVICE_ATTR_RW(ntms_timeout_##which)

NTMS_TIMEOUT_ATTR(cmd);
NTMS_TIMEOUT_ATTR(move);
NTMS_TIMEOUT_ATTR(init);

/*
 * ntms_modify_gid and ntms_control_gid grant MODIFY (and USE), or CONTROL
 * (and MODIFY and USE), to the members of one group; "-1" withdraws the
 * grant. Read with READ_ONCE() by ntms_session_access().
 */
static ssize_t ntms_gid_show(struct device *dev, char *buf, bool control)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	kgid_t gid;

	gid = control ? READ_ONCE(lib->control_gid) :
	      READ_ONCE(lib->modify_gid);
	if (!gid_valid(gid))
		return sysfs_emit(buf, "-1\n");
	return sysfs_emit(buf, "%u\n", from_kgid_munged(&init_user_ns, gid));
}

static ssize_t ntms_gid_store(struct device *dev, const char *buf,
			      size_t count, bool control)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	kgid_t gid = INVALID_GID;
	int val, ret;

	ret = kstrtoint(buf, 0, &val);
	if (ret)
		return ret;
	if (val < -1)
		return -EINVAL;
	if (val >= 0) {
		gid = make_kgid(current_user_ns(), val);
		if (!gid_valid(gid))
			return -EINVAL;
	}
	if (control)
		WRITE_ONCE(lib->control_gid, gid);
	else
		WRITE_ONCE(lib->modify_gid, gid);
	return count;
}

static ssize_t ntms_modify_gid_show(struct device *dev,
				    struct device_attribute *a, char *buf)
{
	return ntms_gid_show(dev, buf, false);
}

static ssize_t ntms_modify_gid_store(struct device *dev,
				     struct device_attribute *a,
				     const char *buf, size_t count)
{
	return ntms_gid_store(dev, buf, count, false);
}
static DEVICE_ATTR_RW(ntms_modify_gid);

static ssize_t ntms_control_gid_show(struct device *dev,
				     struct device_attribute *a, char *buf)
{
	return ntms_gid_show(dev, buf, true);
}

static ssize_t ntms_control_gid_store(struct device *dev,
				      struct device_attribute *a,
				      const char *buf, size_t count)
{
	return ntms_gid_store(dev, buf, count, true);
}
static DEVICE_ATTR_RW(ntms_control_gid);

static struct attribute *ntms_changer_attrs[] = {
	&dev_attr_ntms_guid.attr,
	&dev_attr_ntms_library.attr,
	&dev_attr_ntms_state.attr,
	&dev_attr_ntms_commands.attr,
	&dev_attr_ntms_rescan.attr,
	&dev_attr_ntms_model_bytes.attr,
	&dev_attr_ntms_modify_gid.attr,
	&dev_attr_ntms_control_gid.attr,
	&dev_attr_ntms_displaced.attr,
	&dev_attr_ntms_refresh_s.attr,
	&dev_attr_ntms_auto_clean.attr,
	&dev_attr_ntms_timeout_cmd.attr,
	&dev_attr_ntms_timeout_move.attr,
	&dev_attr_ntms_timeout_init.attr,
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
	NTMS_TAPE_MATCH,
	NTMS_TAPE_TAPEALERT,
	NTMS_TAPE_NEEDS_CLEANING,
};

static const char * const ntms_match_names[] = {
	[NTMS_MATCH_NONE] = "none",
	[NTMS_MATCH_DVCID] = "dvcid",
	[NTMS_MATCH_VPD] = "vpd",
	[NTMS_MATCH_FALLBACK] = "fallback",
	[NTMS_MATCH_ADMIN] = "admin",
};

/* TapeAlert flags by number, comma separated */
static ssize_t ntms_tapealert_emit(char *buf, u64 flags)
{
	ssize_t len = 0;
	unsigned int n;

	for (n = 0; n < 64; n++)
		if (flags & BIT_ULL(n))
			len += sysfs_emit_at(buf, len, "%s%u", len ? "," : "",
					     n + 1);
	return len + sysfs_emit_at(buf, len, "\n");
}

static ssize_t ntms_tape_show(struct device *dev, char *buf,
			      enum ntms_tape_attr what)
{
	struct ntms_library *lib;
	struct ntms_drive *d;
	ssize_t ret = 0;
	char name[16];

	mutex_lock(&ntms_db.topo);
	d = ntms_sysfs_drive_locked(dev);
	if (!d)
		goto out_unlock;
	lib = d->el.obj.lib;
	mutex_lock(&lib->lock);
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
		ret = sysfs_emit(buf, "%u\n", ntms_element_number(&d->el));
		break;
	case NTMS_TAPE_MATCH:
		ret = sysfs_emit(buf, "%s\n", d->tape &&
				 d->tape->match < ARRAY_SIZE(ntms_match_names) ?
				 ntms_match_names[d->tape->match] : "none");
		break;
	case NTMS_TAPE_TAPEALERT:
		ret = ntms_tapealert_emit(buf, d->tapealert);
		break;
	case NTMS_TAPE_NEEDS_CLEANING:
		ret = sysfs_emit(buf, "%d\n",
				 ntms_clean_needed(d->tapealert));
		break;
	}
	mutex_unlock(&lib->lock);
out_unlock:
	mutex_unlock(&ntms_db.topo);
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

static ssize_t ntms_tape_match_show(struct device *dev,
				    struct device_attribute *a, char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_MATCH);
}

static ssize_t ntms_tape_tapealert_show(struct device *dev,
					struct device_attribute *a, char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_TAPEALERT);
}

static ssize_t ntms_tape_needs_cleaning_show(struct device *dev,
					     struct device_attribute *a,
					     char *buf)
{
	return ntms_tape_show(dev, buf, NTMS_TAPE_NEEDS_CLEANING);
}

static ssize_t ntms_bind_show(struct device *dev, struct device_attribute *a,
			      char *buf)
{
	char lib[NTMS_SERIAL_LEN];
	u32 drive;

	if (ntms_tape_get_admin(to_scsi_device(dev), lib, sizeof(lib), &drive))
		return -ENODEV;
	if (!lib[0])
		return sysfs_emit(buf, "auto\n");
	return sysfs_emit(buf, "%s %u\n", lib, drive);
}

static ssize_t ntms_bind_store(struct device *dev, struct device_attribute *a,
			       const char *buf, size_t len)
{
	char lib[NTMS_SERIAL_LEN + 1];
	u32 drive;
	int ret;

	if (sysfs_streq(buf, "auto")) {
		ret = ntms_tape_set_admin(to_scsi_device(dev), NULL, 0);
		return ret ? ret : len;
	}
	/* a name without blanks, then a number */
	if (sscanf(buf, "%32s %u", lib, &drive) != 2 ||
	    strlen(lib) >= NTMS_SERIAL_LEN)
		return -EINVAL;
	ret = ntms_tape_set_admin(to_scsi_device(dev), lib, drive);
	return ret ? ret : len;
}

static struct device_attribute ntms_tape_dev_attrs[] = {
	__ATTR(ntms_guid, 0444, ntms_tape_guid_show, NULL),
	__ATTR(ntms_library, 0444, ntms_tape_library_show, NULL),
	__ATTR(ntms_library_guid, 0444, ntms_tape_library_guid_show, NULL),
	__ATTR(ntms_drive, 0444, ntms_tape_drive_show, NULL),
	__ATTR(ntms_match, 0444, ntms_tape_match_show, NULL),
	__ATTR(ntms_bind, 0644, ntms_bind_show, ntms_bind_store),
	__ATTR(ntms_tapealert, 0444, ntms_tape_tapealert_show, NULL),
	__ATTR(ntms_needs_cleaning, 0444, ntms_tape_needs_cleaning_show, NULL),
};

static struct attribute *ntms_tape_attrs[] = {
	&ntms_tape_dev_attrs[0].attr,
	&ntms_tape_dev_attrs[1].attr,
	&ntms_tape_dev_attrs[2].attr,
	&ntms_tape_dev_attrs[3].attr,
	&ntms_tape_dev_attrs[4].attr,
	&ntms_tape_dev_attrs[5].attr,
	&ntms_tape_dev_attrs[6].attr,
	&ntms_tape_dev_attrs[7].attr,
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
