// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: tape drives.
 *
 * A class interface on the scsi_device class (as sg has) sees every SCSI
 * device without binding it; we keep the tape drives (type 01h), leaving
 * them to st. A tape is matched to a changer's drive element by the
 * identifier the changer reports for it, or by its place on the changer's
 * SCSI target (ntms_match.c says how). A
 * tape that matches no drive element, once every changer has been read,
 * is a standalone drive in a library of its own (type STANDALONE, made
 * by ntms_library.c). This file only matches; what the driver asks a
 * tape drive is in ntms_drive.c.
 *
 * The tape's st and sg device names are found by walking the children of
 * its scsi_device (st and sg create their class devices with the
 * scsi_device as parent) for classes "scsi_tape" (the no-rewind device
 * "nstN") and "scsi_generic" ("sgN"). The walk is done when the names are
 * asked for, so st or sg loaded later are seen too.
 */

#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_driver.h>
#include <scsi/scsi_host.h>

#include "ntms_internal.h"
#include "ntms_trace.h"

static int ntms_tape_uevent_child(struct device *dev, void *unused)
{
	if (dev->class && !strcmp(dev->class->name, "scsi_tape"))
		kobject_uevent(&dev->kobj, KOBJ_CHANGE);
	return 0;
}

/* tell udev that the ntms attributes of this tape changed */
static void ntms_tape_uevent_work(struct work_struct *work)
{
	struct ntms_tape *t = container_of(work, struct ntms_tape,
					   uevent_work);

	kobject_uevent(&t->sdev->sdev_gendev.kobj, KOBJ_CHANGE);
	device_for_each_child(&t->sdev->sdev_gendev, NULL,
			      ntms_tape_uevent_child);
}

/* bind tape @t to drive @d; both locks held (see DOC: Locking) */
static void ntms_tape_bind_locked(struct ntms_tape *t, struct ntms_drive *d)
{
	struct ntms_library *lib = d->el.obj.lib;

	d->tape = t;
	t->drive = d;
	ntms_vpd_serial(t->sdev, d->serial, sizeof(d->serial));
	ntms_library_touch_locked(lib);
	trace_ntms_tape_match(dev_name(&t->sdev->sdev_gendev), lib->index,
			      d->el.addr,
			      lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE);
	schedule_work(&t->uevent_work);
}

/**
 * ntms_tape_unbind_drive_locked() - forget the tape matched to a drive
 * @drive: the drive
 *
 * Context: &ntms_db.topo and the drive's library lock held.
 */
void ntms_tape_unbind_drive_locked(struct ntms_drive *drive)
{
	lockdep_assert_held(&ntms_db.topo);
	ntms_lib_assert_held(drive->el.obj.lib);
	if (!drive->tape)
		return;
	drive->tape->drive = NULL;
	drive->tape->match = NTMS_MATCH_NONE;
	schedule_work(&drive->tape->uevent_work);
	drive->tape = NULL;
}

/*
 * The drive of a changer's library that @t is, or NULL; how in *@how. By
 * identifier in any library first, then by position in a library that
 * reports none (ntms_match.c). Drive tables change only with
 * &ntms_db.topo held (a new geometry), so the result stays valid while
 * it is.
 */
/* is @d free for @t: not bound by the administrator to another tape? */
static bool ntms_tape_drive_free(struct ntms_tape *t, struct ntms_drive *d)
{
	return !d->tape || d->tape == t || d->tape->match != NTMS_MATCH_ADMIN;
}

/* the drive the administrator bound @t to, if its library is here */
static struct ntms_drive *ntms_tape_admin_drive(struct ntms_tape *t)
{
	struct ntms_library *lib;
	char name[16];

	list_for_each_entry(lib, &ntms_db.libraries, node) {
		if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
			continue;
		snprintf(name, sizeof(name), "ntms%u", lib->index);
		if ((!lib->serial[0] || strcmp(lib->serial, t->admin_lib)) &&
		    strcmp(name, t->admin_lib))
			continue;
		/* drive tables change only under &ntms_db.topo, held */
		return t->admin_drive < lib->nr_drives ?
		       &lib->drives[t->admin_drive] : NULL;
	}
	return NULL;
}

static struct ntms_drive *ntms_tape_find_drive(struct ntms_tape *t, u8 *how)
{
	struct ntms_drive *d = NULL;
	struct ntms_library *lib;
	u32 i;

	if (t->admin_lib[0]) {
		d = ntms_tape_admin_drive(t);
		*how = d ? NTMS_MATCH_ADMIN : NTMS_MATCH_NONE;
		return d;
	}
	list_for_each_entry(lib, &ntms_db.libraries, node) {
		if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
			continue;
		mutex_lock(&lib->lock);
		for (i = 0; !d && i < lib->nr_drives; i++)
			if (ntms_match_dvcid(t->sdev, &lib->drives[i]) &&
			    ntms_tape_drive_free(t, &lib->drives[i]))
				d = &lib->drives[i];
		mutex_unlock(&lib->lock);
		if (d) {
			*how = NTMS_MATCH_DVCID;
			return d;
		}
	}
	list_for_each_entry(lib, &ntms_db.libraries, node) {
		if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
			continue;
		mutex_lock(&lib->lock);
		*how = ntms_match_position(t->sdev, lib, &i);
		if (*how != NTMS_MATCH_NONE &&
		    ntms_tape_drive_free(t, &lib->drives[i]))
			d = &lib->drives[i];
		mutex_unlock(&lib->lock);
		if (d)
			return d;
	}
	*how = NTMS_MATCH_NONE;
	return NULL;
}

static struct ntms_tape *ntms_tape_find_locked(struct scsi_device *sdev)
{
	struct ntms_tape *t;

	list_for_each_entry(t, &ntms_db.tapes, node)
		if (t->sdev == sdev)
			return t;
	return NULL;
}

/* unbind @t from its drive, if any */
static void ntms_tape_unbind(struct ntms_tape *t)
{
	struct ntms_library *lib;

	if (!t->drive)
		return;
	lib = t->drive->el.obj.lib;
	mutex_lock(&lib->lock);
	ntms_tape_unbind_drive_locked(t->drive);
	mutex_unlock(&lib->lock);
}

/* bind @t (bound to nothing) to @d, whose tape, if any, is unbound */
static void ntms_tape_bind(struct ntms_tape *t, struct ntms_drive *d)
{
	struct ntms_library *lib = d->el.obj.lib;

	mutex_lock(&lib->lock);
	if (d->tape)
		ntms_tape_unbind_drive_locked(d);
	ntms_tape_bind_locked(t, d);
	/* a mount waiting for a drive with a tape device may run now */
	ntms_queue_kick_locked(lib);
	mutex_unlock(&lib->lock);
}

static bool ntms_tape_standalone(struct ntms_tape *t)
{
	return t->drive &&
	       t->drive->el.obj.lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE;
}

/* a tape that matches no changer's drive: its own library */
static void ntms_tape_make_standalone(struct ntms_tape *t)
{
	char serial[NTMS_SERIAL_LEN];
	u8 ident[NTMS_IDENT_MAX];
	struct ntms_library *lib;
	size_t len;

	len = ntms_vpd_identity(t->sdev, false, ident, sizeof(ident), serial,
				sizeof(serial));
	lib = ntms_library_standalone(ident, len, serial, t->sdev);
	if (IS_ERR(lib)) {
		dev_warn_ratelimited(&t->sdev->sdev_gendev,
				     "ntms: no room for a standalone drive: %ld\n",
				     PTR_ERR(lib));
		return;
	}
	t->match = NTMS_MATCH_NONE;
	ntms_tape_bind(t, &lib->drives[0]);
}

/* one pass of ntms_tape_match(): did any binding change? */
static bool ntms_tape_match_pass(void)
{
	struct ntms_library *old;
	bool changed = false;
	struct ntms_drive *d;
	struct ntms_tape *t;
	u8 how;

	list_for_each_entry(t, &ntms_db.tapes, node) {
		d = ntms_tape_find_drive(t, &how);
		if (d && d == t->drive) {
			t->match = how;
			continue;
		}
		if (d) {
			old = ntms_tape_standalone(t) ?
			      t->drive->el.obj.lib : NULL;
			ntms_tape_unbind(t);
			t->match = how;
			ntms_tape_bind(t, d);
			if (old)
				ntms_library_forget(old);
			changed = true;
			continue;
		}
		if (ntms_tape_standalone(t))
			continue;
		changed |= !!t->drive;
		ntms_tape_unbind(t);
		/* wait until every changer has told us its drives */
		if (ntms_db.discovering)
			continue;
		ntms_tape_make_standalone(t);
		changed = true;
	}
	return changed;
}

/**
 * ntms_tape_match() - (re)match every tape to a drive
 *
 * Called when a tape appears and after every read of a changer. Tapes
 * matched to a library's drive leave their standalone library, which is
 * then forgotten.
 *
 * Context: &ntms_db.topo held (libraries are locked one at a time);
 * allocates with GFP_KERNEL.
 */
void ntms_tape_match(void)
{
	struct ntms_tape *t;
	unsigned int n = 1;

	lockdep_assert_held(&ntms_db.topo);
	/*
	 * A tape unbound in a pass (its drive taken by the administrator's
	 * binding of another) may find its drive free only in the next:
	 * passes until nothing changes, at most one per tape and one more.
	 */
	list_for_each_entry(t, &ntms_db.tapes, node)
		n++;
	while (n-- && ntms_tape_match_pass())
		;
}

/**
 * ntms_tape_set_admin() - bind a tape to a drive by the administrator's
 *	word, or give it back to automatic matching
 * @sdev: the tape
 * @lib: the library's name (its serial number, as sysfs ntms_library
 *	says, or "ntmsN"); NULL or empty: automatic matching again
 * @drive: the drive's number in that library, from 0
 *
 * For libraries that identify their drives in no way ntms can use. The
 * binding holds while the tape is present; a tape matched automatically
 * to that drive is unbound. Drives are matched again at once.
 *
 * Context: process context; takes &ntms_db.topo.
 * Return: 0, -ENODEV (not a tape ntms knows), -EINVAL (a name too long).
 */
int ntms_tape_set_admin(struct scsi_device *sdev, const char *lib, u32 drive)
{
	struct ntms_tape *t;
	int ret = 0;

	if (lib && strlen(lib) >= sizeof(t->admin_lib))
		return -EINVAL;
	mutex_lock(&ntms_db.topo);
	t = ntms_tape_find_locked(sdev);
	if (!t) {
		ret = -ENODEV;
	} else {
		strscpy(t->admin_lib, lib ? lib : "", sizeof(t->admin_lib));
		t->admin_drive = drive;
		ntms_tape_match();
	}
	mutex_unlock(&ntms_db.topo);
	return ret;
}

/**
 * ntms_tape_get_admin() - the administrator's binding of a tape
 * @sdev: the tape
 * @lib: receives the library's name, empty for none
 * @len: size of @lib
 * @drive: receives the drive's number
 *
 * Context: process context; takes &ntms_db.topo.
 * Return: 0 or -ENODEV.
 */
int ntms_tape_get_admin(struct scsi_device *sdev, char *lib, size_t len,
			u32 *drive)
{
	struct ntms_tape *t;

	mutex_lock(&ntms_db.topo);
	t = ntms_tape_find_locked(sdev);
	if (t) {
		strscpy(lib, t->admin_lib, len);
		*drive = t->admin_drive;
	}
	mutex_unlock(&ntms_db.topo);
	return t ? 0 : -ENODEV;
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
	INIT_WORK(&t->uevent_work, ntms_tape_uevent_work);
	t->sysfs = !ntms_sysfs_tape_add(sdev);
	mutex_lock(&ntms_db.topo);
	list_add_tail(&t->node, &ntms_db.tapes);
	ntms_tape_match();
	mutex_unlock(&ntms_db.topo);
	return 0;
}

static struct ntms_tape *ntms_tape_find(struct scsi_device *sdev)
{
	struct ntms_tape *t;

	list_for_each_entry(t, &ntms_db.tapes, node)
		if (t->sdev == sdev)
			return t;
	return NULL;
}

static void ntms_tape_remove(struct device *cl_dev,
			     struct class_interface *intf)
{
	struct scsi_device *sdev = to_scsi_device(cl_dev->parent);
	struct ntms_library *lib;
	struct ntms_tape *t;

	mutex_lock(&ntms_db.topo);
	t = ntms_tape_find(sdev);
	if (!t) {
		/* a device add_dev did not keep */
		mutex_unlock(&ntms_db.topo);
		return;
	}
	if (t->drive) {
		lib = t->drive->el.obj.lib;
		mutex_lock(&lib->lock);
		/* a standalone drive's library goes with its tape */
		if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE)
			ntms_library_set_state_locked(lib,
						      NTMS_OPSTATE_NOT_PRESENT);
		ntms_tape_unbind_drive_locked(t->drive);
		mutex_unlock(&lib->lock);
	}
	list_del(&t->node);
	mutex_unlock(&ntms_db.topo);

	cancel_work_sync(&t->uevent_work);
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
