// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: tape drives.
 *
 * A class interface on the scsi_device class (as sg has) sees every SCSI
 * device without binding it; we keep the tape drives (type 01h), leaving
 * them to st. A tape is matched to a changer's drive element when the
 * DVCID identifier the changer reports for that element equals one of
 * the tape's VPD 83h designators (or ends with its VPD 80h serial). A
 * tape that matches no drive element, once every changer has been read,
 * is a standalone drive in a library of its own (type STANDALONE).
 *
 * The tape's st and sg device names are found by walking the children of
 * its scsi_device (st and sg create their class devices with the
 * scsi_device as parent) for classes "scsi_tape" (the no-rewind device
 * "nstN") and "scsi_generic" ("sgN"). The walk is done when the names are
 * asked for, so st or sg loaded later are seen too.
 */

#include <linux/ctype.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kobject.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_driver.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>

#include "ntms_internal.h"
#include "ntms_request.h"
#include "ntms_trace.h"

/* VPD 83h designator types, in the order we prefer them for identity */
static const u8 ntms_desig_pref[] = { 0x3, 0x2, 0x8, 0x1 };

static void ntms_vpd_serial(struct scsi_device *sdev, char *serial,
			    size_t len)
{
	struct scsi_vpd *vpd;
	size_t n;

	serial[0] = '\0';
	rcu_read_lock();
	vpd = rcu_dereference(sdev->vpd_pg80);
	if (vpd && vpd->len >= 4) {
		n = min3((size_t)get_unaligned_be16(&vpd->data[2]),
			 (size_t)vpd->len - 4, len - 1);
		memcpy(serial, &vpd->data[4], n);
		serial[n] = '\0';
		strim(serial);
	}
	rcu_read_unlock();
}

/**
 * ntms_vpd_identity() - the identity of a SCSI device
 * @sdev: the device
 * @ident: receives the identity bytes
 * @max: size of @ident
 * @serial: receives the VPD 80h serial number, "" if none
 * @serial_len: size of @serial
 *
 * The identity is the device's best logical-unit designator from VPD 83h
 * (NAA, then EUI-64, then SCSI name, then T10 vendor ID), prefixed by its
 * type; else "S" and the VPD 80h serial; else "I", the INQUIRY strings and
 * the SCSI address (not stable; only for devices without any serial).
 * Uses the VPD pages the SCSI core cached at scan time: no I/O.
 *
 * Context: process context.
 * Return: the identity length.
 */
size_t ntms_vpd_identity(struct scsi_device *sdev, u8 *ident, size_t max,
			 char *serial, size_t serial_len)
{
	const u8 *d, *end;
	struct scsi_vpd *vpd;
	size_t len = 0;
	unsigned int i;

	ntms_vpd_serial(sdev, serial, serial_len);
	rcu_read_lock();
	vpd = rcu_dereference(sdev->vpd_pg83);
	for (i = 0; vpd && vpd->len >= 4 && !len &&
	     i < ARRAY_SIZE(ntms_desig_pref); i++) {
		end = vpd->data + min_t(size_t, vpd->len,
					4 + get_unaligned_be16(&vpd->data[2]));
		for (d = vpd->data + 4; d + 4 <= end && d + 4 + d[3] <= end;
		     d += 4 + d[3]) {
			/* association: logical unit */
			if ((d[1] & 0x30) || (d[1] & 0x0f) != ntms_desig_pref[i])
				continue;
			ident[0] = d[1] & 0x0f;
			len = 1 + min_t(size_t, d[3], max - 1);
			memcpy(&ident[1], &d[4], len - 1);
			break;
		}
	}
	rcu_read_unlock();
	if (!len && serial[0]) {
		ident[0] = 'S';
		len = 1 + min(strlen(serial), max - 1);
		memcpy(&ident[1], serial, len - 1);
	}
	if (!len)
		len = snprintf(ident, max, "I%.8s%.16s%u:%u:%u:%llu",
			       sdev->vendor, sdev->model, sdev->host->host_no,
			       sdev->channel, sdev->id, sdev->lun);
	return min(len, max);
}

/* does the tape have the identifier the changer reported for @d? */
static bool ntms_tape_matches(struct ntms_tape *t, struct ntms_drive *d)
{
	char serial[NTMS_SERIAL_LEN];
	const u8 *p, *end;
	struct scsi_vpd *vpd;
	bool match = false;
	size_t n;

	if (!d->id_len)
		return false;
	rcu_read_lock();
	vpd = rcu_dereference(t->sdev->vpd_pg83);
	if (vpd && vpd->len >= 4) {
		end = vpd->data + min_t(size_t, vpd->len,
					4 + get_unaligned_be16(&vpd->data[2]));
		for (p = vpd->data + 4; p + 4 <= end && p + 4 + p[3] <= end;
		     p += 4 + p[3]) {
			if ((p[1] & 0x0f) == d->id_type && p[3] == d->id_len &&
			    !memcmp(&p[4], d->id, d->id_len)) {
				match = true;
				break;
			}
		}
	}
	rcu_read_unlock();
	if (match)
		return true;
	/* else: an ASCII identifier ending with the tape's serial number */
	ntms_vpd_serial(t->sdev, serial, sizeof(serial));
	n = strlen(serial);
	return n && d->id_codeset == 2 && d->id_len >= n &&
	       !memcmp(&d->id[d->id_len - n], serial, n);
}

static int ntms_tape_uevent_child(struct device *dev, void *unused)
{
	if (dev->class && !strcmp(dev->class->name, "scsi_tape"))
		kobject_uevent(&dev->kobj, KOBJ_CHANGE);
	return 0;
}

/* tell udev that the ntms attributes of this tape changed */
static void ntms_tape_changed(struct ntms_tape *t)
{
	kobject_uevent(&t->sdev->sdev_gendev.kobj, KOBJ_CHANGE);
	device_for_each_child(&t->sdev->sdev_gendev, NULL,
			      ntms_tape_uevent_child);
}

static void ntms_tape_bind_locked(struct ntms_tape *t, struct ntms_drive *d)
{
	struct ntms_library *lib = d->el.obj.lib;

	d->tape = t;
	t->drive = d;
	ntms_vpd_serial(t->sdev, d->serial, sizeof(d->serial));
	lib->modified_ns = ntms_now_ns();
	trace_ntms_tape_match(dev_name(&t->sdev->sdev_gendev), lib->index,
			      d->el.addr,
			      lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE);
	ntms_tape_changed(t);
	/* a mount waiting for a drive with a tape device may run now */
	ntms_queue_kick_locked(lib);
}

/**
 * ntms_tape_unbind_drive_locked() - forget the tape matched to a drive
 * @drive: the drive
 *
 * Context: &ntms_db.lock held.
 */
void ntms_tape_unbind_drive_locked(struct ntms_drive *drive)
{
	ntms_db_assert_held();
	if (!drive->tape)
		return;
	drive->tape->drive = NULL;
	ntms_tape_changed(drive->tape);
	drive->tape = NULL;
}

static struct ntms_drive *ntms_tape_find_drive_locked(struct ntms_tape *t)
{
	struct ntms_library *lib;
	u32 i;

	list_for_each_entry(lib, &ntms_db.libraries, node) {
		if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
			continue;
		for (i = 0; i < lib->nr_drives; i++)
			if (ntms_tape_matches(t, &lib->drives[i]))
				return &lib->drives[i];
	}
	return NULL;
}

/* the standalone library of a tape, found or created, with its drive */
static struct ntms_drive *ntms_tape_standalone_locked(struct ntms_tape *t)
{
	char serial[NTMS_SERIAL_LEN];
	u8 ident[NTMS_IDENT_MAX];
	struct ntms_library *lib;
	struct ntms_drive *d;
	size_t len;
	int ret;

	len = ntms_vpd_identity(t->sdev, ident, sizeof(ident), serial,
				sizeof(serial));
	list_for_each_entry(lib, &ntms_db.libraries, node)
		if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE &&
		    lib->ident_len == len && !memcmp(lib->ident, ident, len))
			goto found;

	lib = ntms_library_alloc_locked(NTMS_LIBRARY_TYPE_STANDALONE, ident,
					len);
	if (IS_ERR(lib))
		return ERR_CAST(lib);
	strscpy(lib->serial, serial, sizeof(lib->serial));
	d = kvcalloc(1, sizeof(*d), GFP_KERNEL);
	if (!d) {
		ret = -ENOMEM;
		goto out_unlink;
	}
	lib->drives = d;
	lib->nr_drives = 1;
	d->el.obj.lib = lib;
	d->el.obj.type = NTMS_TYPE_DRIVE;
	d->el.obj.enabled = 1;
	d->state = NTMS_DRIVE_STATE_DISMOUNTED;
	ntms_guid_make(&d->el.obj.guid, NTMS_TYPE_DRIVE, ident, len, NULL, 0,
		       0);
	ret = ntms_object_add_locked(&d->el.obj);
	if (ret)
		goto out_unlink;
found:
	ntms_copy_inquiry(lib->vendor, sizeof(lib->vendor), t->sdev->vendor,
			  8);
	ntms_copy_inquiry(lib->product, sizeof(lib->product), t->sdev->model,
			  16);
	ntms_copy_inquiry(lib->revision, sizeof(lib->revision), t->sdev->rev,
			  4);
	lib->op_state = NTMS_OPSTATE_READY;
	lib->modified_ns = ntms_now_ns();
	return &lib->drives[0];

out_unlink:
	ntms_library_unlink_locked(lib);
	return ERR_PTR(ret);
}

/*
 * The tape device of drive @guid, referenced (put_device() it), if the
 * drive is in @lib (NULL: is a standalone drive) and has one; else NULL.
 */
static struct scsi_device *ntms_tape_get_sdev(const struct ntms_guid *guid,
					      struct ntms_library *lib)
{
	struct scsi_device *sdev = NULL;
	struct ntms_object *obj;
	struct ntms_drive *d;

	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(guid);
	if (!obj || obj->type != NTMS_TYPE_DRIVE)
		goto out_unlock;
	if (lib ? obj->lib != lib :
	    obj->lib->lib_type != NTMS_LIBRARY_TYPE_STANDALONE)
		goto out_unlock;
	d = container_of(obj, struct ntms_drive, el.obj);
	if (d->tape) {
		sdev = d->tape->sdev;
		get_device(&sdev->sdev_gendev);
	}
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return sdev;
}

/* TEST UNIT READY of a standalone drive: seconds, and tries */
#define NTMS_TAPE_TUR_TIMEOUT	30
#define NTMS_TAPE_TUR_RETRIES	3

/**
 * ntms_tape_medium() - does a standalone drive hold a cartridge?
 * @guid: the drive
 *
 * A standalone drive has no changer to report its contents, so the drive
 * itself is asked: TEST UNIT READY to its tape device, where NOT READY
 * with ASC 3Ah (medium not present) means empty. Sent from the caller's
 * context with no lock held (a standalone library has no request queue);
 * the tape's &scsi_device is referenced across the command.
 *
 * Context: process context; sleeps; takes &ntms_db.lock.
 * Return: false if @guid names a standalone drive that reports no
 * medium; true otherwise (a cartridge, a drive in a library, an unknown
 * GUID, or no answer: the caller's checks decide).
 */
bool ntms_tape_medium(const struct ntms_guid *guid)
{
	struct scsi_device *sdev = ntms_tape_get_sdev(guid, NULL);
	struct scsi_sense_hdr sshdr;
	int ret;

	if (!sdev)
		return true;
	ret = scsi_test_unit_ready(sdev, NTMS_TAPE_TUR_TIMEOUT * HZ,
				   NTMS_TAPE_TUR_RETRIES, &sshdr);
	put_device(&sdev->sdev_gendev);
	return !(ret > 0 && scsi_sense_valid(&sshdr) &&
		 sshdr.sense_key == NOT_READY && sshdr.asc == 0x3a);
}

/* MODE SENSE of a tape drive: seconds, tries, bytes */
#define NTMS_TAPE_MS_TIMEOUT	30
#define NTMS_TAPE_MS_RETRIES	3
#define NTMS_TAPE_MS_LEN	64

/* NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY */
static bool ntms_tape_becoming_ready(int ret, const struct scsi_sense_hdr *sshdr)
{
	return ret && scsi_sense_valid(sshdr) &&
	       sshdr->sense_key == NOT_READY && sshdr->asc == 0x04 &&
	       sshdr->ascq == 0x01;
}

/* the WP bit of a drive that has answered TEST UNIT READY: 0, 1, -errno */
static int ntms_tape_mode_wp(struct scsi_device *sdev,
			     struct scsi_sense_hdr *sshdr)
{
	struct scsi_mode_data data = {};
	int ret;
	u8 *buf;

	buf = kzalloc(NTMS_TAPE_MS_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* dbd 8: DBD set, no block descriptors; the header is what we want */
	ret = scsi_mode_sense(sdev, 8, 0x3f, buf, NTMS_TAPE_MS_LEN,
			      NTMS_TAPE_MS_TIMEOUT * HZ, NTMS_TAPE_MS_RETRIES,
			      &data, sshdr);
	kfree(buf);
	if (ret)
		return ret;
	return !!(data.device_specific & 0x80);
}

/**
 * ntms_tape_write_protected() - is the cartridge in a drive write-protected?
 * @lib: the drive's library
 * @guid: the drive
 *
 * A drive that has just been loaded is "becoming ready" (NOT READY
 * 04h/01h) for seconds, and the midlayer does not retry a passthrough
 * command that fails so. TEST UNIT READY is therefore sent with an
 * exponential back-off, bounded by the module parameter ready_timeout,
 * until the drive is ready; then MODE SENSE(6): WP is bit 7 of the
 * device-specific parameter of the mode parameter header (SSC). A MODE
 * SENSE answered with 04h/01h starts the wait again. The tape's
 * &scsi_device is referenced across the commands.
 *
 * Context: the library's workqueue (it sleeps); takes &ntms_db.lock.
 * Return: 1 if the drive reports write protection, 0 if not or when no
 * tape device is mapped to the drive (it cannot be asked); -EHOSTDOWN if
 * it is still becoming ready after ready_timeout, -EIO if it failed the
 * commands otherwise, -ENOMEM.
 */
int ntms_tape_write_protected(struct ntms_library *lib,
			      const struct ntms_guid *guid)
{
	struct scsi_device *sdev = ntms_tape_get_sdev(guid, lib);
	unsigned long deadline = ntms_smc_ready_deadline();
	unsigned int delay = NTMS_SMC_BACKOFF_MIN_MS;
	struct scsi_sense_hdr sshdr;
	int ret;

	if (!sdev)
		return 0;
	for (;;) {
		memset(&sshdr, 0, sizeof(sshdr));
		ret = scsi_test_unit_ready(sdev, NTMS_TAPE_TUR_TIMEOUT * HZ,
					   NTMS_TAPE_TUR_RETRIES, &sshdr);
		if (!ret) {
			memset(&sshdr, 0, sizeof(sshdr));
			ret = ntms_tape_mode_wp(sdev, &sshdr);
			if (ret >= 0 || ret == -ENOMEM)
				break;
		}
		if (!ntms_tape_becoming_ready(ret, &sshdr)) {
			ret = -EIO;
			break;
		}
		if (time_after(jiffies, deadline)) {
			ret = -EHOSTDOWN;
			break;
		}
		msleep(delay);
		delay = min(delay * 2, NTMS_SMC_BACKOFF_MAX_MS);
	}
	put_device(&sdev->sdev_gendev);
	return ret;
}

static bool ntms_drive_is_standalone(struct ntms_drive *d)
{
	return d->el.obj.lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE;
}

/**
 * ntms_tape_match_locked() - (re)match every tape to a drive
 *
 * Called when a tape appears and after every read of a changer. Tapes
 * matched to a library's drive leave their standalone library, which is
 * then removed from the database.
 *
 * Context: &ntms_db.lock held; allocates with GFP_KERNEL.
 */
void ntms_tape_match_locked(void)
{
	struct ntms_library *old;
	struct ntms_drive *d;
	struct ntms_tape *t;

	ntms_db_assert_held();
	list_for_each_entry(t, &ntms_db.tapes, node) {
		if (t->drive && !ntms_drive_is_standalone(t->drive) &&
		    ntms_tape_matches(t, t->drive))
			continue;
		d = ntms_tape_find_drive_locked(t);
		if (d && d == t->drive)
			continue;
		if (d) {
			old = t->drive ? t->drive->el.obj.lib : NULL;
			if (t->drive)
				ntms_tape_unbind_drive_locked(t->drive);
			if (d->tape)
				ntms_tape_unbind_drive_locked(d);
			ntms_tape_bind_locked(t, d);
			if (old && old->lib_type == NTMS_LIBRARY_TYPE_STANDALONE)
				ntms_library_unlink_locked(old);
			continue;
		}
		if (t->drive && ntms_drive_is_standalone(t->drive))
			continue;
		if (t->drive)
			ntms_tape_unbind_drive_locked(t->drive);
		/* wait until every changer has told us its drives */
		if (ntms_db.discovering)
			continue;
		d = ntms_tape_standalone_locked(t);
		if (IS_ERR(d)) {
			dev_warn_ratelimited(&t->sdev->sdev_gendev,
					     "ntms: no room for a standalone drive: %ld\n",
					     PTR_ERR(d));
			continue;
		}
		ntms_tape_bind_locked(t, d);
	}
}

/**
 * struct ntms_devnames - result of ntms_tape_devnames()
 * @tape: "nstN" buffer
 * @sg: "sgN" buffer
 * @len: size of each buffer
 */
struct ntms_devnames {
	char *tape;
	char *sg;
	size_t len;
};

static int ntms_devname_child(struct device *dev, void *data)
{
	struct ntms_devnames *names = data;
	const char *n = dev_name(dev);

	if (!dev->class)
		return 0;
	if (!strcmp(dev->class->name, "scsi_tape") && !strncmp(n, "nst", 3) &&
	    isdigit(n[strlen(n) - 1]))
		strscpy(names->tape, n, names->len);
	else if (!strcmp(dev->class->name, "scsi_generic"))
		strscpy(names->sg, n, names->len);
	return 0;
}

/**
 * ntms_tape_devnames() - the st no-rewind and sg names of a SCSI device
 * @sdev: the device, or NULL
 * @tape: receives "nstN" or ""
 * @sg: receives "sgN" or ""
 * @len: size of @tape and @sg
 *
 * Context: process context (takes the device's klist lock).
 */
void ntms_tape_devnames(struct scsi_device *sdev, char *tape, char *sg,
			size_t len)
{
	struct ntms_devnames names = { .tape = tape, .sg = sg, .len = len };

	tape[0] = '\0';
	sg[0] = '\0';
	if (sdev)
		device_for_each_child(&sdev->sdev_gendev, &names,
				      ntms_devname_child);
}

static int ntms_tape_add(struct device *cl_dev, struct class_interface *intf)
{
	struct scsi_device *sdev = to_scsi_device(cl_dev->parent);
	struct ntms_tape *t;

	/* the return value is ignored by the core: never fail loudly */
	if (sdev->type != TYPE_TAPE)
		return 0;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	get_device(&sdev->sdev_gendev);
	t->sdev = sdev;
	t->sysfs = !ntms_sysfs_tape_add(sdev);
	mutex_lock(&ntms_db.lock);
	list_add_tail(&t->node, &ntms_db.tapes);
	ntms_tape_match_locked();
	mutex_unlock(&ntms_db.lock);
	return 0;
}

static void ntms_tape_remove(struct device *cl_dev,
			     struct class_interface *intf)
{
	struct scsi_device *sdev = to_scsi_device(cl_dev->parent);
	struct ntms_library *lib;
	struct ntms_tape *t;
	bool found = false;

	mutex_lock(&ntms_db.lock);
	list_for_each_entry(t, &ntms_db.tapes, node) {
		if (t->sdev == sdev) {
			found = true;
			break;
		}
	}
	if (!found) {
		/* a device add_dev did not keep */
		mutex_unlock(&ntms_db.lock);
		return;
	}
	if (t->drive) {
		lib = t->drive->el.obj.lib;
		if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE) {
			lib->op_state = NTMS_OPSTATE_NOT_PRESENT;
			lib->modified_ns = ntms_now_ns();
			trace_ntms_library_state(lib->index, lib->op_state,
						 lib->damaged);
		}
		t->drive->tape = NULL;
		t->drive = NULL;
	}
	list_del(&t->node);
	mutex_unlock(&ntms_db.lock);

	if (t->sysfs)
		ntms_sysfs_tape_del(sdev);
	put_device(&sdev->sdev_gendev);
	kfree(t);
}

static struct class_interface ntms_tape_interface = {
	.add_dev = ntms_tape_add,
	.remove_dev = ntms_tape_remove,
};

/**
 * ntms_tape_register() - start watching SCSI devices for tape drives
 *
 * add_dev is called at once for every existing device.
 *
 * Context: module init, after ntms_library_register().
 * Return: 0 or a negative errno.
 */
int ntms_tape_register(void)
{
	return scsi_register_interface(&ntms_tape_interface);
}

/**
 * ntms_tape_unregister() - stop watching; remove_dev runs for each device
 *
 * Context: module exit.
 */
void ntms_tape_unregister(void)
{
	scsi_unregister_interface(&ntms_tape_interface);
}
