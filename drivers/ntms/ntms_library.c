// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: library lifetime.
 *
 * A SCSI upper-level driver for medium changers (like ch): probe finds
 * or creates the library by the changer's identity and queues discovery
 * on the library's ordered workqueue; remove marks it NOT_PRESENT and
 * keeps every object, so that the same changer coming back (host scan)
 * finds the same library, the same objects and the same GUIDs.
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

static struct workqueue_struct *ntms_reap_wq;

static void ntms_library_set_state_locked(struct ntms_library *lib, u8 state)
{
	ntms_db_assert_held();
	if (lib->op_state == state)
		return;
	lib->op_state = state;
	lib->modified_ns = ntms_now_ns();
	trace_ntms_library_state(lib->index, state, lib->damaged);
	ntms_event_post_locked(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_LIBRARY,
			       &lib->obj.guid, 0, state, NULL);
}

static void ntms_library_reap(struct work_struct *work)
{
	struct ntms_library *lib = container_of(work, struct ntms_library,
						free_work);

	destroy_workqueue(lib->wq);
	kfree(lib);
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

static void ntms_library_scan_work(struct work_struct *work);
static void ntms_library_poll_work(struct work_struct *work);

/**
 * ntms_library_alloc_locked() - create a library and index it
 * @lib_type: NTMS_LIBRARY_TYPE_ONLINE or NTMS_LIBRARY_TYPE_STANDALONE
 * @ident: identity bytes
 * @ident_len: their length (at most NTMS_IDENT_MAX)
 *
 * The new library is NOT_PRESENT, has no elements and one reference,
 * owned by &ntms_db.libraries.
 *
 * Context: &ntms_db.lock held; allocates with GFP_KERNEL.
 * Return: the library, or ERR_PTR(-ENOSPC / -ENOMEM / -EEXIST).
 */
struct ntms_library *ntms_library_alloc_locked(u8 lib_type, const u8 *ident,
					       size_t ident_len)
{
	struct ntms_library *lib;
	int ret;

	ntms_db_assert_held();
	if (ntms_db.nr_libraries >= ntms_max_libraries)
		return ERR_PTR(-ENOSPC);
	lib = kzalloc(sizeof(*lib), GFP_KERNEL);
	if (!lib)
		return ERR_PTR(-ENOMEM);
	kref_init(&lib->ref);
	INIT_LIST_HEAD(&lib->media);
	INIT_WORK(&lib->scan_work, ntms_library_scan_work);
	INIT_DELAYED_WORK(&lib->poll_work, ntms_library_poll_work);
	INIT_WORK(&lib->free_work, ntms_library_reap);
	ntms_queue_init(lib);
	lib->index = ntms_db.next_index;
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

	lib->wq = alloc_ordered_workqueue("ntms%u", WQ_MEM_RECLAIM, lib->index);
	if (!lib->wq) {
		ret = -ENOMEM;
		goto out_free_lib;
	}
	ret = ntms_object_add_locked(&lib->obj);
	if (ret)
		goto out_destroy_wq;
	list_add_tail(&lib->node, &ntms_db.libraries);
	ntms_db.nr_libraries++;
	ntms_db.next_index++;
	return lib;

out_destroy_wq:
	destroy_workqueue(lib->wq);
out_free_lib:
	kfree(lib);
	return ERR_PTR(ret);
}

/**
 * ntms_library_unlink_locked() - take a library out of the database
 * @lib: the library; its changer must be gone
 *
 * Its objects leave the index; the memory goes with the last reference.
 *
 * Context: &ntms_db.lock held.
 */
void ntms_library_unlink_locked(struct ntms_library *lib)
{
	ntms_db_assert_held();
	ntms_library_free_elements_locked(lib);
	ntms_object_del_locked(&lib->obj);
	list_del(&lib->node);
	ntms_db.nr_libraries--;
	ntms_library_put(lib);
}

/**
 * ntms_library_check_locked() - may the library be used for an operation?
 * @lib: the library
 *
 * Context: &ntms_db.lock held.
 * Return: 0; -ENODEV if its changer is gone; -EUCLEAN if its element
 * status could not be read.
 */
int ntms_library_check_locked(struct ntms_library *lib)
{
	ntms_db_assert_held();
	if (lib->op_state == NTMS_OPSTATE_NOT_PRESENT)
		return -ENODEV;
	if (lib->damaged)
		return -EUCLEAN;
	return 0;
}

static int ntms_library_elem_cb(void *ctx, const struct ntms_smc_elem *e)
{
	struct ntms_library *lib = ctx;
	int ret;

	mutex_lock(&ntms_db.lock);
	ret = ntms_library_apply_elem_locked(lib, e);
	mutex_unlock(&ntms_db.lock);
	return ret;
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
	ret = ntms_smc_test_unit_ready(&lib->smc);
	if (ret == -ENODEV)
		return ret;
	ret = ntms_smc_read_geometry(&lib->smc, &geo);
	if (ret)
		return ret;
	/* what happened before this point is covered by this read */
	WRITE_ONCE(lib->smc.ua_pending, false);

	mutex_lock(&ntms_db.lock);
	ret = ntms_library_set_geometry_locked(lib, &geo);
	lib->generation++;
	mutex_unlock(&ntms_db.lock);
	if (ret)
		return ret;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		ret = ntms_smc_read_elements(&lib->smc, order[i],
					     geo.first[order[i]],
					     geo.count[order[i]],
					     ntms_library_elem_cb, lib);
		if (ret)
			return ret;
	}
	return 0;
}

static void ntms_library_scan_work(struct work_struct *work)
{
	struct ntms_library *lib = container_of(work, struct ntms_library,
						scan_work);
	struct scsi_device *sdev;
	unsigned long cmds;
	int ret;

	mutex_lock(&ntms_db.lock);
	sdev = lib->sdev;
	if (sdev)
		kref_get(&lib->ref);
	mutex_unlock(&ntms_db.lock);
	if (!sdev)
		return;

	cmds = READ_ONCE(lib->smc.nr_commands);
	ret = ntms_library_read_all(lib);
	cmds = READ_ONCE(lib->smc.nr_commands) - cmds;
	if (ret)
		dev_warn_ratelimited(&sdev->sdev_gendev,
				     "ntms: element status read failed: %d\n",
				     ret);

	mutex_lock(&ntms_db.lock);
	if (lib->sdev == sdev) {
		if (!ret)
			ntms_library_sweep_media_locked(lib);
		lib->damaged = ret != 0;
		lib->scans++;
		if (lib->discovering) {
			lib->discovering = false;
			ntms_db.discovering--;
		}
		ntms_library_set_state_locked(lib, NTMS_OPSTATE_READY);
		ntms_tape_match_locked();
	}
	trace_ntms_discovery(lib->index, ret, cmds, lib->nr_slots,
			     lib->nr_drives, lib->nr_ports, lib->nr_media);
	mutex_unlock(&ntms_db.lock);

	/* the contents changed while we were reading: read again */
	if (!ret && READ_ONCE(lib->smc.ua_pending))
		queue_work(lib->wq, &lib->scan_work);
	ntms_library_put(lib);
}

static void ntms_library_poll_work(struct work_struct *work)
{
	struct ntms_library *lib = container_of(to_delayed_work(work),
						struct ntms_library, poll_work);
	struct scsi_device *sdev;

	mutex_lock(&ntms_db.lock);
	sdev = lib->sdev;
	mutex_unlock(&ntms_db.lock);
	if (!sdev)
		return;
	/* runs on lib->wq: serialised with reads and moves */
	ntms_smc_test_unit_ready(&lib->smc);
	if (READ_ONCE(lib->smc.ua_pending))
		queue_work(lib->wq, &lib->scan_work);
	if (poll_ms)
		queue_delayed_work(lib->wq, &lib->poll_work,
				   msecs_to_jiffies(poll_ms));
}

/**
 * ntms_library_rescan() - read the whole library again and wait for it
 * @lib: the library (referenced by the caller)
 *
 * Context: process context, sleeps; no lock held.
 * Return: 0; -ENODEV if the changer is gone; -EUCLEAN if the read failed.
 */
int ntms_library_rescan(struct ntms_library *lib)
{
	int ret;

	queue_work(lib->wq, &lib->scan_work);
	flush_work(&lib->scan_work);
	mutex_lock(&ntms_db.lock);
	ret = ntms_library_check_locked(lib);
	mutex_unlock(&ntms_db.lock);
	return ret;
}

/**
 * ntms_library_scan_sync() - read the whole library now
 * @lib: the library (referenced by the caller)
 *
 * For the library's own queue (an inventory request): runs the read in
 * the caller, which is already serialised with every other user of the
 * changer.
 *
 * Context: the library's workqueue; sleeps.
 * Return: 0; -ENODEV if the changer is gone; -EUCLEAN if the read failed.
 */
int ntms_library_scan_sync(struct ntms_library *lib)
{
	int ret;

	ntms_library_scan_work(&lib->scan_work);
	mutex_lock(&ntms_db.lock);
	ret = ntms_library_check_locked(lib);
	mutex_unlock(&ntms_db.lock);
	return ret;
}

static struct ntms_library *ntms_library_find_locked(u8 lib_type,
						     const u8 *ident,
						     size_t ident_len)
{
	struct ntms_library *lib;

	list_for_each_entry(lib, &ntms_db.libraries, node)
		if (lib->lib_type == lib_type && lib->ident_len == ident_len &&
		    !memcmp(lib->ident, ident, ident_len))
			return lib;
	return NULL;
}

static int ntms_changer_probe(struct device *dev)
{
	struct scsi_device *sdev = to_scsi_device(dev);
	char serial[NTMS_SERIAL_LEN];
	u8 ident[NTMS_IDENT_MAX];
	struct ntms_library *lib;
	size_t len;
	int ret;

	if (sdev->type != TYPE_MEDIUM_CHANGER)
		return -ENODEV;
	/* cached VPD pages, one INQUIRY at most: no long I/O in probe */
	len = ntms_vpd_identity(sdev, ident, sizeof(ident), serial,
				sizeof(serial));

	mutex_lock(&ntms_db.lock);
	lib = ntms_library_find_locked(NTMS_LIBRARY_TYPE_ONLINE, ident, len);
	if (lib && lib->sdev) {
		/* the same changer through a second path */
		ret = -EBUSY;
		goto out_unlock;
	}
	if (!lib) {
		lib = ntms_library_alloc_locked(NTMS_LIBRARY_TYPE_ONLINE, ident,
						len);
		if (IS_ERR(lib)) {
			ret = PTR_ERR(lib);
			goto out_unlock;
		}
	}
	get_device(&sdev->sdev_gendev);
	kref_get(&lib->ref);
	lib->sdev = sdev;
	ntms_smc_init(&lib->smc, sdev);
	strscpy(lib->serial, serial, sizeof(lib->serial));
	ntms_copy_inquiry(lib->vendor, sizeof(lib->vendor), sdev->vendor, 8);
	ntms_copy_inquiry(lib->product, sizeof(lib->product), sdev->model,
			  16);
	ntms_copy_inquiry(lib->revision, sizeof(lib->revision), sdev->rev, 4);
	lib->discovering = true;
	ntms_db.discovering++;
	ntms_library_set_state_locked(lib, NTMS_OPSTATE_INITIALIZING);
	dev_set_drvdata(dev, lib);
	mutex_unlock(&ntms_db.lock);

	queue_work(lib->wq, &lib->scan_work);
	if (poll_ms)
		queue_delayed_work(lib->wq, &lib->poll_work,
				   msecs_to_jiffies(poll_ms));
	dev_info(dev, "ntms: library ntms%u (%s %s %s)\n", lib->index,
		 lib->vendor, lib->product, lib->serial);
	return 0;

out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ret;
}

static int ntms_changer_remove(struct device *dev)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	struct scsi_device *sdev = to_scsi_device(dev);

	mutex_lock(&ntms_db.lock);
	lib->sdev = NULL;
	if (lib->discovering) {
		lib->discovering = false;
		ntms_db.discovering--;
	}
	ntms_library_set_state_locked(lib, NTMS_OPSTATE_NOT_PRESENT);
	/* wake whoever waits for a request that will now never run */
	ntms_queue_abort_locked(lib, -ENODEV);
	mutex_unlock(&ntms_db.lock);

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

	mutex_lock(&ntms_db.lock);
	list_for_each_entry_safe(lib, tmp, &ntms_db.libraries, node)
		ntms_library_unlink_locked(lib);
	mutex_unlock(&ntms_db.lock);
	/* runs the last puts' reaping */
	destroy_workqueue(ntms_reap_wq);
}
