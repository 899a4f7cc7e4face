// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: library lifetime and state.
 *
 * Every library is created here: a changer's by the SCSI upper-level
 * driver (like ch), found again by the changer's identity on probe; a
 * standalone drive's for ntms_tape.c when a tape matches no changer's
 * drive. Every change of a library's operational state goes through
 * ntms_library_set_state_locked() (event, trace, and the end of the
 * requests of a library that is gone).
 *
 * Probe queues discovery on the library's ordered workqueue; remove marks
 * the library NOT_PRESENT and keeps every object, so that the same
 * changer coming back (host scan) finds the same library, the same
 * objects and the same GUIDs.
 */

#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_driver.h>

#include "ntms_internal.h"
#include "ntms_request.h"
#include "ntms_trace.h"

static unsigned int poll_ms = 5000;
module_param(poll_ms, uint, 0644);
MODULE_PARM_DESC(poll_ms, "poll each changer with TEST UNIT READY every this many ms to catch UNIT ATTENTION (0: never; default 5000)");

static unsigned int refresh_s;
module_param(refresh_s, uint, 0644);
MODULE_PARM_DESC(refresh_s, "read the element status of each new library every this many seconds while its queue is idle, for libraries that raise no UNIT ATTENTION when others move cartridges (0: never; default 0; per library: sysfs ntms_refresh_s)");

static struct workqueue_struct *ntms_reap_wq;

static void ntms_library_scan_work(struct work_struct *work);
static void ntms_library_poll_work(struct work_struct *work);

/* the last reference is gone: what ntms_library_alloc() made */
static void ntms_library_free(struct work_struct *work)
{
	struct ntms_library *lib = container_of(work, struct ntms_library,
						free_work);

	if (lib->wq)
		destroy_workqueue(lib->wq);
	ntms_opreq_put(lib->service_opreq);
	mutex_destroy(&lib->lock);
	kfree(lib);
}

/*
 * A new library, not yet in the database: NOT_PRESENT, no elements, one
 * reference. A changer's library gets its ordered workqueue (one robot,
 * one command at a time); a standalone drive's has no queue.
 */
static struct ntms_library *ntms_library_alloc(u8 lib_type, const u8 *ident,
					       size_t ident_len)
{
	struct ntms_library *lib;

	lib = kzalloc(sizeof(*lib), GFP_KERNEL);
	if (!lib)
		return NULL;
	if (lib_type == NTMS_LIBRARY_TYPE_ONLINE) {
		lib->wq = alloc_ordered_workqueue("ntms-lib", 0);
		if (!lib->wq) {
			kfree(lib);
			return NULL;
		}
	}
	kref_init(&lib->ref);
	mutex_init(&lib->lock);
	INIT_LIST_HEAD(&lib->media);
	INIT_LIST_HEAD(&lib->requests);
	INIT_LIST_HEAD(&lib->queue);
	INIT_WORK(&lib->scan_work, ntms_library_scan_work);
	INIT_DELAYED_WORK(&lib->poll_work, ntms_library_poll_work);
	INIT_WORK(&lib->queue_work, ntms_queue_work);
	INIT_WORK(&lib->free_work, ntms_library_free);
	lib->modify_gid = INVALID_GID;
	lib->control_gid = INVALID_GID;
	lib->refresh_s = READ_ONCE(refresh_s);
	lib->auto_clean = true;
	lib->clean_jiffies = jiffies;
	lib->lib_type = lib_type;
	lib->op_state = NTMS_OPSTATE_NOT_PRESENT;
	lib->ident_len = min_t(size_t, ident_len, NTMS_IDENT_MAX);
	memcpy(lib->ident, ident, lib->ident_len);
	lib->created_ns = ntms_now_ns();
	lib->modified_ns = lib->created_ns;
	lib->obj.lib = lib;
	lib->obj.type = NTMS_TYPE_LIBRARY;
	lib->obj.enabled = 1;
	ntms_guid_make(&lib->obj.guid, NTMS_TYPE_LIBRARY, lib->ident,
		       lib->ident_len, NULL, 0, lib_type);
	return lib;
}

static void ntms_library_release(struct kref *ref)
{
	struct ntms_library *lib = container_of(ref, struct ntms_library, ref);

	/*
	 * The last reference may be dropped by a work item of the library
	 * itself: destroy its workqueue from elsewhere.
	 */
	queue_work(ntms_reap_wq, &lib->free_work);
}

/**
 * ntms_library_put() - drop a reference to a library
 * @lib: the library
 *
 * Context: any process context.
 */
void ntms_library_put(struct ntms_library *lib)
{
	kref_put(&lib->ref, ntms_library_release);
}

/**
 * ntms_library_unlock_put() - unlock a library and drop a reference
 * @lib: the library, locked, as ntms_object_lock() returns it
 *
 * Context: process context.
 */
void ntms_library_unlock_put(struct ntms_library *lib)
{
	mutex_unlock(&lib->lock);
	ntms_library_put(lib);
}

/* put a new library into the database; the list owns its reference */
static int ntms_library_insert(struct ntms_library *lib)
{
	int ret;

	lockdep_assert_held(&ntms_db.topo);
	if (ntms_db.nr_libraries >= ntms_max_libraries)
		return -ENOSPC;
	lib->index = ntms_db.next_index;
	ret = ntms_object_add(&lib->obj);
	if (ret)
		return ret;
	list_add_tail(&lib->node, &ntms_db.libraries);
	ntms_db.nr_libraries++;
	ntms_db.next_index++;
	return 0;
}

/**
 * ntms_library_forget() - take a library out of the database
 * @lib: the library; its changer (or tape) must be gone
 *
 * Its objects leave the index; the memory goes with the last reference.
 *
 * Context: &ntms_db.topo held.
 */
void ntms_library_forget(struct ntms_library *lib)
{
	lockdep_assert_held(&ntms_db.topo);
	mutex_lock(&lib->lock);
	ntms_library_free_elements_locked(lib);
	mutex_unlock(&lib->lock);
	ntms_object_del(&lib->obj);
	list_del(&lib->node);
	ntms_db.nr_libraries--;
	ntms_library_put(lib);
}

/**
 * ntms_library_set_state_locked() - change a library's operational state
 * @lib: the library
 * @state: NTMS_OPSTATE_*
 *
 * The one writer of &ntms_library.op_state: records the time, traces,
 * tells the sessions (OBJ_UPDATE) and, when the library is gone
 * (NOT_PRESENT), ends every request that has not started with ENODEV.
 *
 * Context: the library's lock held.
 */
void ntms_library_set_state_locked(struct ntms_library *lib, u8 state)
{
	ntms_lib_assert_held(lib);
	if (lib->op_state == state)
		return;
	lib->op_state = state;
	lib->modified_ns = ntms_now_ns();
	trace_ntms_library_state(lib->index, state, lib->damaged);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_LIBRARY,
			&lib->obj.guid, 0, state, NULL);
	if (state == NTMS_OPSTATE_NOT_PRESENT)
		ntms_queue_abort_locked(lib, -ENODEV);
}

/**
 * ntms_library_touch_locked() - something in the library changed
 * @lib: the library
 *
 * Context: the library's lock held.
 */
void ntms_library_touch_locked(struct ntms_library *lib)
{
	ntms_lib_assert_held(lib);
	lib->modified_ns = ntms_now_ns();
}

/**
 * ntms_library_cleaner_slot_locked() - is this the reserved cleaner slot?
 * @lib: the library
 * @el: one of its elements
 *
 * Context: the library's lock held.
 * Return: true if @el is the storage slot reserved for the cleaner.
 */
bool ntms_library_cleaner_slot_locked(struct ntms_library *lib,
				      const struct ntms_element *el)
{
	ntms_lib_assert_held(lib);
	return lib->cleaner_set && el->addr == lib->cleaner_addr &&
	       el->obj.type == NTMS_TYPE_STORAGESLOT;
}

/* read MODE SENSE and every element; called on lib->wq only */
static int ntms_library_read_all(struct ntms_library *lib)
{
	static const u8 order[] = { NTMS_SMC_ET_MT, NTMS_SMC_ET_IE,
				    NTMS_SMC_ET_DT, NTMS_SMC_ET_ST };
	struct ntms_smc_geometry geo;
	unsigned int i;
	int ret;

	/* NOT READY, becoming ready, is retried inside */
	ret = ntms_scsi_test_unit_ready(&lib->smc.dev);
	if (ret == -ENODEV)
		return ret;
	ret = ntms_smc_read_geometry(&lib->smc, &geo);
	if (ret)
		return ret;
	/* what happened before this point is covered by this read */
	WRITE_ONCE(lib->smc.dev.ua_pending, false);

	/* a new geometry replaces the drives tapes are bound to */
	mutex_lock(&ntms_db.topo);
	mutex_lock(&lib->lock);
	ret = ntms_library_set_geometry_locked(lib, &geo);
	lib->generation++;
	mutex_unlock(&lib->lock);
	mutex_unlock(&ntms_db.topo);
	if (ret)
		return ret;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		ret = ntms_smc_read_elements(&lib->smc, order[i],
					     geo.first[order[i]],
					     geo.count[order[i]],
					     ntms_library_apply_elem, lib);
		if (ret)
			return ret;
	}
	return 0;
}

/* the first read of a library has ended, well or not */
static void ntms_library_discovered(struct ntms_library *lib)
{
	lockdep_assert_held(&ntms_db.topo);
	if (lib->discovering) {
		lib->discovering = false;
		ntms_db.discovering--;
	}
}

static void ntms_library_scan_work(struct work_struct *work)
{
	struct ntms_library *lib = container_of(work, struct ntms_library,
						scan_work);
	struct scsi_device *sdev;
	unsigned long cmds;
	int ret;

	mutex_lock(&lib->lock);
	sdev = lib->sdev;
	if (sdev)
		kref_get(&lib->ref);
	mutex_unlock(&lib->lock);
	if (!sdev)
		return;

	cmds = READ_ONCE(lib->smc.dev.nr_commands);
	ret = ntms_library_read_all(lib);
	cmds = READ_ONCE(lib->smc.dev.nr_commands) - cmds;
	if (ret)
		dev_warn_ratelimited(&sdev->sdev_gendev,
				     "ntms: element status read failed: %d\n",
				     ret);

	mutex_lock(&lib->lock);
	if (lib->sdev == sdev) {
		if (!ret)
			ntms_library_sweep_media_locked(lib);
		lib->damaged = ret != 0;
		lib->scans++;
		lib->read_jiffies = jiffies;
		ntms_library_set_state_locked(lib, NTMS_OPSTATE_READY);
		/* a read may free a drive a mount waits for */
		ntms_queue_kick_locked(lib);
	}
	trace_ntms_discovery(lib->index, ret, cmds, lib->nr_slots,
			     lib->nr_drives, lib->nr_ports, lib->nr_media);
	mutex_unlock(&lib->lock);

	mutex_lock(&ntms_db.topo);
	ntms_library_discovered(lib);
	ntms_tape_match();
	mutex_unlock(&ntms_db.topo);

	/* the contents changed while we were reading: read again */
	if (!ret && READ_ONCE(lib->smc.dev.ua_pending))
		queue_work(lib->wq, &lib->scan_work);
	ntms_library_put(lib);
}

static void ntms_library_poll_work(struct work_struct *work)
{
	struct ntms_library *lib = container_of(to_delayed_work(work),
						struct ntms_library, poll_work);
	unsigned int every;
	bool present, stale;

	mutex_lock(&lib->lock);
	present = lib->sdev;
	every = READ_ONCE(lib->refresh_s);
	/* a library that does not say when others move: read it, idle */
	stale = every && !lib->nr_pending &&
		time_after_eq(jiffies, lib->read_jiffies + every * HZ);
	mutex_unlock(&lib->lock);
	if (!present)
		return;
	/* runs on lib->wq: serialised with reads and moves */
	ntms_service_poll(lib, ntms_scsi_test_unit_ready(&lib->smc.dev));
	if (stale || READ_ONCE(lib->smc.dev.ua_pending))
		queue_work(lib->wq, &lib->scan_work);
	/* drives asking for cleaning */
	ntms_clean_poll(lib);
	if (poll_ms)
		queue_delayed_work(lib->wq, &lib->poll_work,
				   msecs_to_jiffies(poll_ms));
}

/* present and read without error: 0, -ENODEV or -EUCLEAN */
static int ntms_library_check(struct ntms_library *lib)
{
	int ret = 0;

	mutex_lock(&lib->lock);
	if (lib->op_state == NTMS_OPSTATE_NOT_PRESENT)
		ret = -ENODEV;
	else if (lib->damaged)
		ret = -EUCLEAN;
	mutex_unlock(&lib->lock);
	return ret;
}

/**
 * ntms_library_rescan() - read the whole library again and wait for it
 * @lib: a changer's library (referenced by the caller)
 *
 * Context: process context, sleeps; no lock held.
 * Return: 0; -ENODEV if the changer is gone; -EUCLEAN if the read failed.
 */
int ntms_library_rescan(struct ntms_library *lib)
{
	queue_work(lib->wq, &lib->scan_work);
	flush_work(&lib->scan_work);
	return ntms_library_check(lib);
}

/**
 * ntms_library_scan_sync() - read the whole library now
 * @lib: the library (referenced by the caller)
 *
 * For the library's own queue (an inventory request): runs the read in
 * the caller, which is already serialised with every other user of the
 * changer.
 *
 * Context: the library's workqueue; sleeps; no lock held.
 * Return: 0; -ENODEV if the changer is gone; -EUCLEAN if the read failed.
 */
int ntms_library_scan_sync(struct ntms_library *lib)
{
	ntms_library_scan_work(&lib->scan_work);
	return ntms_library_check(lib);
}

static struct ntms_library *ntms_library_find(u8 lib_type, const u8 *ident,
					      size_t ident_len)
{
	struct ntms_library *lib;

	lockdep_assert_held(&ntms_db.topo);
	list_for_each_entry(lib, &ntms_db.libraries, node)
		if (lib->lib_type == lib_type && lib->ident_len == ident_len &&
		    !memcmp(lib->ident, ident, ident_len))
			return lib;
	return NULL;
}

/* INQUIRY strings of @sdev into @lib */
static void ntms_library_inquiry_locked(struct ntms_library *lib,
					struct scsi_device *sdev)
{
	ntms_copy_inquiry(lib->vendor, sizeof(lib->vendor), sdev->vendor, 8);
	ntms_copy_inquiry(lib->product, sizeof(lib->product), sdev->model,
			  16);
	ntms_copy_inquiry(lib->revision, sizeof(lib->revision), sdev->rev, 4);
}

/* a standalone drive's library: its one drive object */
static int ntms_library_add_drive(struct ntms_library *lib)
{
	struct ntms_drive *d;
	int ret;

	d = kvcalloc(1, sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->el.obj.lib = lib;
	d->el.obj.type = NTMS_TYPE_DRIVE;
	d->el.obj.enabled = 1;
	d->el.known = 1;
	d->state = NTMS_DRIVE_STATE_DISMOUNTED;
	ntms_guid_make(&d->el.obj.guid, NTMS_TYPE_DRIVE, lib->ident,
		       lib->ident_len, NULL, 0, 0);
	ret = ntms_object_add(&d->el.obj);
	if (ret) {
		kvfree(d);
		return ret;
	}
	mutex_lock(&lib->lock);
	lib->drives = d;
	lib->nr_drives = 1;
	mutex_unlock(&lib->lock);
	return 0;
}

/**
 * ntms_library_standalone() - the library of a tape drive that belongs to
 * no changer, found or created
 * @ident: the tape's identity (ntms_vpd_identity())
 * @ident_len: its length
 * @serial: its serial number
 * @sdev: the tape
 *
 * The library is READY, with one drive (address 0), and has no queue.
 *
 * Context: &ntms_db.topo held; allocates with GFP_KERNEL.
 * Return: the library (owned by the library list), or an ERR_PTR().
 */
struct ntms_library *ntms_library_standalone(const u8 *ident,
					     size_t ident_len,
					     const char *serial,
					     struct scsi_device *sdev)
{
	struct ntms_library *lib;
	int ret;

	lockdep_assert_held(&ntms_db.topo);
	lib = ntms_library_find(NTMS_LIBRARY_TYPE_STANDALONE, ident,
				ident_len);
	if (!lib) {
		lib = ntms_library_alloc(NTMS_LIBRARY_TYPE_STANDALONE, ident,
					 ident_len);
		if (!lib)
			return ERR_PTR(-ENOMEM);
		ret = ntms_library_insert(lib);
		if (ret) {
			ntms_library_put(lib);
			return ERR_PTR(ret);
		}
		ret = ntms_library_add_drive(lib);
		if (ret) {
			ntms_library_forget(lib);
			return ERR_PTR(ret);
		}
	}
	mutex_lock(&lib->lock);
	strscpy(lib->serial, serial, sizeof(lib->serial));
	ntms_library_inquiry_locked(lib, sdev);
	ntms_library_set_state_locked(lib, NTMS_OPSTATE_READY);
	mutex_unlock(&lib->lock);
	return lib;
}

/* the library of a changer, found by identity or new; bound to @sdev */
static struct ntms_library *ntms_changer_attach(struct scsi_device *sdev,
						const u8 *ident, size_t len,
						const char *serial)
{
	struct ntms_library *lib, *new;
	int ret;

	/* allocated before the lock; dropped if the library exists */
	new = ntms_library_alloc(NTMS_LIBRARY_TYPE_ONLINE, ident, len);
	if (!new)
		return ERR_PTR(-ENOMEM);

	mutex_lock(&ntms_db.topo);
	lib = ntms_library_find(NTMS_LIBRARY_TYPE_ONLINE, ident, len);
	if (lib && lib->sdev) {
		/* the same changer through a second path */
		lib = ERR_PTR(-EBUSY);
		goto out_unlock;
	}
	if (!lib) {
		ret = ntms_library_insert(new);
		if (ret) {
			lib = ERR_PTR(ret);
			goto out_unlock;
		}
		lib = new;
		new = NULL;
	}
	get_device(&sdev->sdev_gendev);
	kref_get(&lib->ref);
	lib->discovering = true;
	ntms_db.discovering++;
	mutex_lock(&lib->lock);
	lib->sdev = sdev;
	ntms_smc_init(&lib->smc, sdev);
	strscpy(lib->serial, serial, sizeof(lib->serial));
	ntms_library_inquiry_locked(lib, sdev);
	ntms_library_set_state_locked(lib, NTMS_OPSTATE_INITIALIZING);
	mutex_unlock(&lib->lock);
out_unlock:
	mutex_unlock(&ntms_db.topo);
	if (new)
		ntms_library_put(new);
	return lib;
}

static int ntms_changer_probe(struct device *dev)
{
	struct scsi_device *sdev = to_scsi_device(dev);
	char serial[NTMS_SERIAL_LEN];
	u8 ident[NTMS_IDENT_MAX];
	struct ntms_library *lib;
	size_t len;

	if (sdev->type != TYPE_MEDIUM_CHANGER)
		return -ENODEV;
	/*
	 * The VPD pages the SCSI core cached; a changer claiming SCSI-2 has
	 * none, and is asked (two INQUIRY commands, no robot motion)
	 */
	len = ntms_vpd_identity(sdev, true, ident, sizeof(ident), serial,
				sizeof(serial));
	lib = ntms_changer_attach(sdev, ident, len, serial);
	if (IS_ERR(lib))
		return PTR_ERR(lib);
	dev_set_drvdata(dev, lib);

	queue_work(lib->wq, &lib->scan_work);
	if (poll_ms)
		queue_delayed_work(lib->wq, &lib->poll_work,
				   msecs_to_jiffies(poll_ms));
	dev_info(dev, "ntms: library ntms%u (%s %s %s)\n", lib->index,
		 lib->vendor, lib->product, lib->serial);
	return 0;
}

static int ntms_changer_remove(struct device *dev)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	struct scsi_device *sdev = to_scsi_device(dev);

	mutex_lock(&ntms_db.topo);
	ntms_library_discovered(lib);
	mutex_lock(&lib->lock);
	lib->sdev = NULL;
	/* wakes whoever waits for a request that will now never run */
	ntms_library_set_state_locked(lib, NTMS_OPSTATE_NOT_PRESENT);
	mutex_unlock(&lib->lock);
	mutex_unlock(&ntms_db.topo);

	/* running work still uses lib->smc; queued work sees no sdev */
	cancel_delayed_work_sync(&lib->poll_work);
	flush_workqueue(lib->wq);
	dev_set_drvdata(dev, NULL);
	put_device(&sdev->sdev_gendev);
	dev_info(dev, "ntms: library ntms%u not present\n", lib->index);
	ntms_library_put(lib);
	return 0;
}

static struct scsi_driver ntms_changer_driver = {
	.gendrv = {
		.name = "ntms",
		.owner = THIS_MODULE,
		.probe = ntms_changer_probe,
		.remove = ntms_changer_remove,
		.dev_groups = ntms_changer_groups,
	},
};

/**
 * ntms_library_register() - start binding to medium changers
 *
 * Context: module init.
 * Return: 0 or a negative errno.
 */
int ntms_library_register(void)
{
	int ret;

	ntms_reap_wq = alloc_workqueue("ntms_reap", 0, 0);
	if (!ntms_reap_wq)
		return -ENOMEM;
	ret = scsi_register_driver(&ntms_changer_driver.gendrv);
	if (ret)
		destroy_workqueue(ntms_reap_wq);
	return ret;
}

/**
 * ntms_library_unregister() - unbind from every changer
 *
 * Libraries stay in the database (NOT_PRESENT) until
 * ntms_library_destroy_all().
 *
 * Context: module exit.
 */
void ntms_library_unregister(void)
{
	scsi_unregister_driver(&ntms_changer_driver.gendrv);
}

/**
 * ntms_library_destroy_all() - free every library
 *
 * Context: module exit, after the driver, the class interface and the
 * misc device are gone.
 */
void ntms_library_destroy_all(void)
{
	struct ntms_library *lib, *tmp;

	mutex_lock(&ntms_db.topo);
	list_for_each_entry_safe(lib, tmp, &ntms_db.libraries, node)
		ntms_library_forget(lib);
	mutex_unlock(&ntms_db.topo);
	/* runs the last puts' reaping */
	destroy_workqueue(ntms_reap_wq);
}
