// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the per-library request queue.
 *
 * Each library's requests are carried out by one work item on the
 * library's ordered workqueue (&ntms_library.wq), the same workqueue that
 * reads the library: one robot, one move at a time per library, with
 * element reads in between; libraries run in parallel. The worker takes
 * the best QUEUED request (highest priority, then oldest) under
 * &ntms_db.lock, drops the lock for the SCSI commands, and ends the
 * request under the lock again.
 *
 * A move never acts on a stale picture: the elements involved are read
 * (READ ELEMENT STATUS of just those elements) before the move, and read
 * again after it, whether it worked or not, so that the model matches the
 * device and no cartridge is shown in two places or in none.
 */

#include <linux/slab.h>
#include <linux/workqueue.h>

#include <scsi/scsi_device.h>

#include "ntms_request.h"

/* how many empty slots we try when the model turns out to be stale */
#define NTMS_QUEUE_DEST_TRIES	4

/**
 * ntms_queue_init() - set up the queue of a new library
 * @lib: the library
 *
 * Context: &ntms_db.lock held (library creation).
 */
void ntms_queue_init(struct ntms_library *lib)
{
	INIT_LIST_HEAD(&lib->requests);
	INIT_LIST_HEAD(&lib->queue);
	INIT_WORK(&lib->queue_work, ntms_queue_work);
	lib->modify_gid = INVALID_GID;
	lib->control_gid = INVALID_GID;
}

/**
 * ntms_drive_full_locked() - does the model say the drive holds a cartridge?
 * @d: the drive
 *
 * Context: &ntms_db.lock held.
 * Return: true if full.
 */
bool ntms_drive_full_locked(struct ntms_drive *d)
{
	return d->el.media || (d->el.flags & NTMS_SMC_EF_FULL);
}

/**
 * ntms_drive_opened_locked() - is the drive's cartridge opened for I/O?
 * @d: the drive
 *
 * "Opened" is the medium removal state of the drive's tape device:
 * st sends PREVENT ALLOW MEDIUM REMOVAL (prevent) through
 * scsi_set_medium_removal() when a process that holds /dev/nstN open
 * first reads or writes (or asks with MTLOCK), and ALLOW when it closes;
 * the SCSI midlayer records it in &scsi_device.locked. The library itself
 * refuses to take a cartridge out of such a drive (53h/02h).
 *
 * Context: &ntms_db.lock held (keeps @d->tape and its scsi_device).
 * Return: true if removal is prevented.
 */
bool ntms_drive_opened_locked(struct ntms_drive *d)
{
	return d->tape && d->tape->sdev->locked;
}

static int ntms_queue_elem_cb(void *ctx, const struct ntms_smc_elem *e)
{
	struct ntms_library *lib = ctx;
	int ret;

	mutex_lock(&ntms_db.lock);
	ret = ntms_library_apply_elem_locked(lib, e);
	mutex_unlock(&ntms_db.lock);
	return ret;
}

/**
 * ntms_queue_read_range() - read elements of one type into the model
 * @lib: the library
 * @type: element type (NTMS_SMC_ET_*)
 * @addr: first element address
 * @count: number of elements
 *
 * What a move checks before and after it. A failed read leaves the
 * library damaged (DATABASE_FAILURE) until a complete read succeeds.
 *
 * Context: the library's workqueue; sleeps; takes &ntms_db.lock.
 * Return: 0 or a negative errno (-ENODEV: the changer is gone).
 */
int ntms_queue_read_range(struct ntms_library *lib, u8 type, u16 addr,
			  u16 count)
{
	int ret;

	/* a read of its own: a cartridge seen elsewhere before has moved */
	mutex_lock(&ntms_db.lock);
	lib->generation++;
	mutex_unlock(&ntms_db.lock);
	ret = ntms_smc_read_elements(&lib->smc, type, addr, count,
				     ntms_queue_elem_cb, lib);
	if (ret && ret != -ENODEV) {
		mutex_lock(&ntms_db.lock);
		lib->damaged = true;
		mutex_unlock(&ntms_db.lock);
	}
	return ret;
}

static int ntms_queue_read(struct ntms_library *lib, u8 type, u16 addr)
{
	return ntms_queue_read_range(lib, type, addr, 1);
}

static struct ntms_drive *ntms_queue_drive_locked(struct ntms_library *lib,
						  const struct ntms_guid *g)
{
	struct ntms_object *obj = ntms_object_find_locked(g);

	if (!obj || obj->type != NTMS_TYPE_DRIVE || obj->lib != lib)
		return NULL;
	return container_of(obj, struct ntms_drive, el.obj);
}

/**
 * ntms_element_empty_locked() - does the model show an element empty?
 * @el: a slot or port
 *
 * Context: &ntms_db.lock held.
 * Return: true if read at least once and empty.
 */
bool ntms_element_empty_locked(struct ntms_element *el)
{
	ntms_db_assert_held();
	return el->known && !el->media && !(el->flags & NTMS_SMC_EF_FULL);
}

/*
 * The first slot the model shows empty, into @addr, not @skip if
 * @skip_valid (0 is a valid element address): 0, or -EXFULL if none.
 */
static int ntms_queue_first_empty_locked(struct ntms_library *lib,
					 u16 *addr, u16 skip, bool skip_valid)
{
	u32 i;

	ntms_db_assert_held();
	for (i = 0; i < lib->nr_slots; i++) {
		if (skip_valid && lib->slots[i].addr == skip)
			continue;
		if (ntms_element_empty_locked(&lib->slots[i])) {
			*addr = lib->slots[i].addr;
			return 0;
		}
	}
	return -EXFULL;
}

/**
 * ntms_queue_pick_home() - choose and verify a destination slot
 * @lib: the library
 * @src: the slot the cartridge came from (its home)
 * @src_valid: @src is a storage slot address
 * @dst: out: the slot
 *
 * The destination of a dismount or an inject: @src if it is empty, else
 * the first empty slot. Each candidate is read from the device before it
 * is trusted.
 *
 * Context: the library's workqueue; sleeps; takes &ntms_db.lock.
 * Return: 0; -EXFULL no empty slot; -EAGAIN the model kept being stale;
 * or the errno of a failed read.
 */
int ntms_queue_pick_home(struct ntms_library *lib, u16 src, bool src_valid,
			 u16 *dst)
{
	struct ntms_element *el;
	bool empty, skip_valid = false;
	u16 cand, skip = 0;
	unsigned int i;
	int ret;

	if (src_valid) {
		ret = ntms_queue_read(lib, NTMS_SMC_ET_ST, src);
		if (ret)
			return ret;
		mutex_lock(&ntms_db.lock);
		el = ntms_library_find_element_locked(lib, src);
		empty = el && el->obj.type == NTMS_TYPE_STORAGESLOT &&
			ntms_element_empty_locked(el);
		mutex_unlock(&ntms_db.lock);
		if (empty) {
			*dst = src;
			return 0;
		}
	}
	for (i = 0; i < NTMS_QUEUE_DEST_TRIES; i++) {
		mutex_lock(&ntms_db.lock);
		ret = ntms_queue_first_empty_locked(lib, &cand, skip,
						    skip_valid);
		mutex_unlock(&ntms_db.lock);
		if (ret)
			return ret;
		ret = ntms_queue_read(lib, NTMS_SMC_ET_ST, cand);
		if (ret)
			return ret;
		mutex_lock(&ntms_db.lock);
		el = ntms_library_find_element_locked(lib, cand);
		empty = el && ntms_element_empty_locked(el);
		mutex_unlock(&ntms_db.lock);
		if (empty) {
			*dst = cand;
			return 0;
		}
		skip = cand;
		skip_valid = true;
	}
	return -EAGAIN;
}

/**
 * ntms_queue_move() - MOVE MEDIUM, then read both elements again
 * @lib: the library
 * @stype: element type of @src (NTMS_SMC_ET_*)
 * @src: source element address
 * @dtype: element type of @dst
 * @dst: destination element address
 *
 * Both elements are read again whether the move worked or not: the
 * destination first, so that the cartridge is found there before the
 * source is seen empty and is never in no place. A failed re-read leaves
 * the library damaged.
 *
 * Context: the library's workqueue; sleeps; takes &ntms_db.lock.
 * Return: the result of the move.
 */
int ntms_queue_move(struct ntms_library *lib, u8 stype, u16 src, u8 dtype,
		    u16 dst)
{
	u16 transport = 0;
	int ret;

	mutex_lock(&ntms_db.lock);
	if (lib->nr_changers)
		transport = lib->changers[0].addr;
	mutex_unlock(&ntms_db.lock);
	ret = ntms_smc_move_medium(&lib->smc, transport, src, dst, false);
	if (ret == -ENODEV)
		return ret;
	if (!ntms_queue_read(lib, dtype, dst))
		ntms_queue_read(lib, stype, src);
	return ret;
}

/*
 * Move the cartridge of drive @drive home; on the library's workqueue.
 * @media and @slot receive the cartridge and the destination.
 */
static int ntms_queue_home(struct ntms_library *lib,
			   const struct ntms_guid *drive,
			   struct ntms_guid *media, struct ntms_guid *slot)
{
	struct ntms_element *el;
	struct ntms_drive *d;
	u16 daddr = 0, src = 0, dst = 0;
	bool src_valid, opened;
	int ret;

	mutex_lock(&ntms_db.lock);
	d = ntms_queue_drive_locked(lib, drive);
	if (d)
		daddr = d->el.addr;
	mutex_unlock(&ntms_db.lock);
	if (!d)
		return -ENOENT;

	/* the source, as the device sees it now */
	ret = ntms_queue_read(lib, NTMS_SMC_ET_DT, daddr);
	if (ret)
		return ret;
	mutex_lock(&ntms_db.lock);
	d = ntms_queue_drive_locked(lib, drive);
	ret = -ENOENT;
	if (!d)
		goto out_unlock;
	ret = -ENOMEDIUM;
	if (!ntms_drive_full_locked(d))
		goto out_unlock;
	if (d->el.media)
		*media = d->el.media->obj.guid;
	src_valid = d->el.svalid &&
		    d->el.src - lib->geo.first[NTMS_SMC_ET_ST] < lib->nr_slots;
	src = d->el.src;
	opened = ntms_drive_opened_locked(d);
	ret = 0;
out_unlock:
	mutex_unlock(&ntms_db.lock);
	if (ret)
		return ret;
	if (opened)
		return -EBUSY;

	ret = ntms_queue_pick_home(lib, src, src_valid, &dst);
	if (ret)
		return ret;
	mutex_lock(&ntms_db.lock);
	el = ntms_library_find_element_locked(lib, dst);
	if (el)
		*slot = el->obj.guid;
	mutex_unlock(&ntms_db.lock);

	return ntms_queue_move(lib, NTMS_SMC_ET_DT, daddr, NTMS_SMC_ET_ST, dst);
}

static int ntms_queue_dismount(struct ntms_library *lib,
			       struct ntms_request *req)
{
	u32 i;
	int ret, err = 0;

	for (i = 0; i < req->count; i++) {
		ret = ntms_queue_home(lib, &req->drives[i], &req->media[i],
				      &req->slot);
		if (ret == -ENODEV)
			return ret;
		if (ret && !err)
			err = ret;
	}
	return err;
}

/**
 * ntms_drive_free_locked() - may a mount use this drive?
 * @d: the drive
 *
 * Enabled, not opened, and empty or holding a DISMOUNTABLE cartridge
 * (sent home first).
 *
 * Context: &ntms_db.lock held.
 * Return: true if free.
 */
bool ntms_drive_free_locked(struct ntms_drive *d)
{
	if (!d->el.obj.enabled || ntms_drive_opened_locked(d))
		return false;
	if (!ntms_drive_full_locked(d))
		return true;
	return d->state == NTMS_DRIVE_STATE_DISMOUNTABLE;
}

static bool ntms_queue_chosen(struct ntms_drive **chosen, u32 n,
			      struct ntms_drive *d)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (chosen[i] == d)
			return true;
	return false;
}

/* the best free drive not yet chosen: empty ones first */
static struct ntms_drive *ntms_queue_pick_drive_locked(struct ntms_library *lib,
						       struct ntms_drive **chosen,
						       u32 n)
{
	struct ntms_drive *d;
	int pass;
	u32 i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < lib->nr_drives; i++) {
			d = &lib->drives[i];
			if (ntms_queue_chosen(chosen, n, d) ||
			    !ntms_drive_free_locked(d))
				continue;
			if (!pass && ntms_drive_full_locked(d))
				continue;
			/* no tape device on this host: not a choice */
			if (!d->tape)
				continue;
			return d;
		}
	}
	return NULL;
}

/**
 * ntms_queue_mount_plan_locked() - can a mount run now, and where?
 * @lib: the library
 * @media: @count cartridges
 * @drives: @count drives: in, with @specific, the drives asked for; out,
 *	the drives to use
 * @count: number of cartridges
 * @specific: the caller chose the drives
 *
 * Context: &ntms_db.lock held.
 * Return: 0 (runnable), -EAGAIN (must wait: cartridge mounted elsewhere
 * or no free drive), -ENOENT, -EXDEV, -ENXIO (offline), -EADDRNOTAVAIL
 * (a cartridge in a mail slot: inject it first), -ENOTCONN (a drive asked
 * for has no tape device on this host).
 */
int ntms_queue_mount_plan_locked(struct ntms_library *lib,
				 const struct ntms_guid *media,
				 struct ntms_guid *drives, u32 count,
				 bool specific)
{
	struct ntms_drive *chosen[NTMS_REQUEST_MAX_COUNT];
	struct ntms_object *obj;
	struct ntms_media *m;
	struct ntms_drive *d, *here;
	u32 i;

	for (i = 0; i < count; i++) {
		obj = ntms_object_find_locked(&media[i]);
		if (!obj || obj->type != NTMS_TYPE_PHYSICAL_MEDIA)
			return -ENOENT;
		if (obj->lib != lib)
			return -EXDEV;
		m = container_of(obj, struct ntms_media, obj);
		if (!m->loc)
			return -ENXIO;
		if (m->loc->obj.type == NTMS_TYPE_IEPORT)
			return -EADDRNOTAVAIL;
		here = NULL;
		if (m->loc->obj.type == NTMS_TYPE_DRIVE) {
			here = container_of(m->loc, struct ntms_drive, el);
			if (here->state == NTMS_DRIVE_STATE_MOUNTED ||
			    ntms_drive_opened_locked(here))
				return -EAGAIN;
		}
		if (specific) {
			d = ntms_queue_drive_locked(lib, &drives[i]);
			if (!d)
				return -ENOENT;
			if (!d->tape)
				return -ENOTCONN;
			if (d != here && !ntms_drive_free_locked(d))
				return -EAGAIN;
		} else if (here) {
			d = here;
		} else {
			d = ntms_queue_pick_drive_locked(lib, chosen, i);
			if (!d)
				return -EAGAIN;
		}
		if (ntms_queue_chosen(chosen, i, d))
			return -EAGAIN;
		chosen[i] = d;
	}
	for (i = 0; i < count; i++)
		drives[i] = chosen[i]->el.obj.guid;
	return 0;
}

static u8 ntms_queue_etype(struct ntms_element *el)
{
	switch (el->obj.type) {
	case NTMS_TYPE_DRIVE:
		return NTMS_SMC_ET_DT;
	case NTMS_TYPE_IEPORT:
		return NTMS_SMC_ET_IE;
	case NTMS_TYPE_CHANGER:
		return NTMS_SMC_ET_MT;
	default:
		return NTMS_SMC_ET_ST;
	}
}

/* mount cartridge @i of @req into its planned drive */
static int ntms_queue_mount_one(struct ntms_library *lib,
				struct ntms_request *req, u32 i)
{
	struct ntms_guid old_media, slot;
	struct ntms_object *obj;
	struct ntms_media *m;
	struct ntms_drive *d;
	u16 src, daddr;
	bool full, home;
	u8 stype;
	int ret;

	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(&req->media[i]);
	d = ntms_queue_drive_locked(lib, &req->drives[i]);
	ret = -ENOENT;
	if (!obj || obj->type != NTMS_TYPE_PHYSICAL_MEDIA || !d)
		goto out_unlock;
	m = container_of(obj, struct ntms_media, obj);
	ret = -ENXIO;
	if (!m->loc)
		goto out_unlock;
	ret = -EADDRNOTAVAIL;
	if (m->loc->obj.type == NTMS_TYPE_IEPORT)
		goto out_unlock;
	ret = -ENOTCONN;
	if ((req->options & NTMS_MOUNT_F_SPECIFIC_DRIVE) && !d->tape)
		goto out_unlock;
	src = m->loc->addr;
	stype = ntms_queue_etype(m->loc);
	daddr = d->el.addr;
	ret = 0;
out_unlock:
	mutex_unlock(&ntms_db.lock);
	if (ret)
		return ret;

	/* the source and the drive, as the device sees them now */
	ret = ntms_queue_read(lib, stype, src);
	if (!ret)
		ret = ntms_queue_read(lib, NTMS_SMC_ET_DT, daddr);
	if (ret)
		return ret;
	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(&req->media[i]);
	m = obj ? container_of(obj, struct ntms_media, obj) : NULL;
	d = ntms_queue_drive_locked(lib, &req->drives[i]);
	ret = -ENOMEDIUM;
	if (!m || !d || !m->loc || m->loc->addr != src)
		goto out_unlock2;
	ret = 0;
	full = ntms_drive_full_locked(d) && m->loc != &d->el;
	home = full && d->state == NTMS_DRIVE_STATE_DISMOUNTABLE &&
	       !ntms_drive_opened_locked(d);
	if (full && !home)
		ret = -EBUSY;
out_unlock2:
	mutex_unlock(&ntms_db.lock);
	if (ret)
		return ret;

	if (home) {
		ret = ntms_queue_home(lib, &req->drives[i], &old_media, &slot);
		if (ret)
			return ret;
	}
	if (src != daddr) {
		ret = ntms_queue_move(lib, stype, src, NTMS_SMC_ET_DT, daddr);
		if (ret)
			return ret;
	}
	/*
	 * For writing: the drive reads the write-protect tab once loaded. A
	 * drive that cannot tell fails the mount rather than being trusted.
	 */
	if (req->options & NTMS_MOUNT_F_WRITE) {
		ret = ntms_tape_write_protected(lib, &req->drives[i]);
		if (ret) {
			if (ret > 0)
				ret = -EROFS;
			/* what this mount loaded goes home again */
			if (src != daddr &&
			    ntms_queue_home(lib, &req->drives[i], &old_media,
					    &slot))
				/* it stays LOADED: show where it really is */
				ntms_queue_read(lib, NTMS_SMC_ET_DT, daddr);
			return ret;
		}
	}
	mutex_lock(&ntms_db.lock);
	d = ntms_queue_drive_locked(lib, &req->drives[i]);
	if (d && d->el.media) {
		d->state = NTMS_DRIVE_STATE_MOUNTED;
		d->el.media->state = NTMS_MEDIA_STATE_MOUNTED;
		ntms_event_post_locked(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
				       &d->el.obj.guid, 0, d->state, NULL);
	} else {
		ret = -EIO;
	}
	mutex_unlock(&ntms_db.lock);
	return ret;
}

static int ntms_queue_mount(struct ntms_library *lib,
			    struct ntms_request *req)
{
	u32 i;
	int ret;

	for (i = 0; i < req->count; i++) {
		ret = ntms_queue_mount_one(lib, req, i);
		if (ret)
			return ret;
	}
	return 0;
}

/* FAST: read every element; DEFAULT and SLOT: have the changer scan
 * first (INITIALIZE ELEMENT STATUS), then read
 */
static int ntms_queue_inventory(struct ntms_library *lib,
				struct ntms_request *req)
{
	int ret;

	if (req->options != NTMS_INVENTORY_FAST) {
		ret = ntms_smc_init_element_status(&lib->smc);
		if (ret)
			return ret;
	}
	return ntms_library_scan_sync(lib);
}

static int ntms_queue_run(struct ntms_library *lib, struct ntms_request *req)
{
	switch (req->operation) {
	case NTMS_REQ_OP_DISMOUNT:
	case NTMS_REQ_OP_DISABLE_DRIVE:
		return ntms_queue_dismount(lib, req);
	case NTMS_REQ_OP_MOUNT:
		return ntms_queue_mount(lib, req);
	case NTMS_REQ_OP_INVENTORY:
		return ntms_queue_inventory(lib, req);
	case NTMS_REQ_OP_INJECT:
		return ntms_port_inject_run(lib, req);
	case NTMS_REQ_OP_EJECT:
		return ntms_port_eject_run(lib, req);
	default:
		return -EOPNOTSUPP;
	}
}

/**
 * ntms_queue_abort_locked() - end every request of a library that has
 * not started
 * @lib: the library, whose changer is gone
 * @err: the negative errno they fail with (-ENODEV)
 *
 * QUEUED and WAITING requests end FAILED and their waiters are woken; a
 * WAITING mount would otherwise wait for a drive that no read will free.
 * The running request, if any, ends when its commands fail.
 *
 * Context: &ntms_db.lock held.
 */
void ntms_queue_abort_locked(struct ntms_library *lib, int err)
{
	struct ntms_request *req, *tmp;

	ntms_db_assert_held();
	list_for_each_entry_safe(req, tmp, &lib->queue, queue_node)
		ntms_request_finish_locked(req, err);
}

/*
 * The best request that can run now. A mount that cannot (its cartridge
 * is mounted elsewhere, no free drive) is WAITING and is looked at again
 * whenever a request of the library ends or a drive is freed; a mount
 * whose cartridge or drive went away fails.
 */
static struct ntms_request *ntms_queue_next_locked(struct ntms_library *lib)
{
	struct ntms_request *req, *tmp;
	int ret;

	list_for_each_entry_safe(req, tmp, &lib->queue, queue_node) {
		if (req->operation != NTMS_REQ_OP_MOUNT)
			return req;
		ret = ntms_queue_mount_plan_locked(lib, req->media,
						   req->drives, req->count,
						   req->options &
						   NTMS_MOUNT_F_SPECIFIC_DRIVE);
		if (!ret)
			return req;
		if (ret != -EAGAIN) {
			ntms_request_finish_locked(req, ret);
			continue;
		}
		if (req->state != NTMS_REQ_WAITING) {
			WRITE_ONCE(req->state, NTMS_REQ_WAITING);
			ntms_event_post_locked(NTMS_EVENT_SIGNAL,
					       NTMS_TYPE_LIBREQUEST,
					       &req->obj.guid, 0,
					       NTMS_REQ_WAITING, req->owner);
		}
	}
	return NULL;
}

/**
 * ntms_queue_kick_locked() - look at a library's queue again
 * @lib: the library (a drive was freed)
 *
 * Context: &ntms_db.lock held.
 */
void ntms_queue_kick_locked(struct ntms_library *lib)
{
	if (!list_empty(&lib->queue))
		queue_work(lib->wq, &lib->queue_work);
}

/**
 * ntms_queue_work() - carry out the next request of a library
 * @work: &ntms_library.queue_work
 *
 * Runs one request, then queues itself again if more are waiting, so
 * that element reads queued meanwhile run between moves.
 *
 * Context: the library's ordered workqueue; sleeps; no lock held across
 * SCSI commands.
 */
void ntms_queue_work(struct work_struct *work)
{
	struct ntms_library *lib = container_of(work, struct ntms_library,
						queue_work);
	struct ntms_request *req;
	int ret;

	mutex_lock(&ntms_db.lock);
	if (!lib->sdev) {
		ntms_queue_abort_locked(lib, -ENODEV);
		mutex_unlock(&ntms_db.lock);
		return;
	}
	req = ntms_queue_next_locked(lib);
	if (!req) {
		mutex_unlock(&ntms_db.lock);
		return;
	}
	list_del_init(&req->queue_node);
	WRITE_ONCE(req->state, NTMS_REQ_INPROCESS);
	kref_get(&req->ref);
	mutex_unlock(&ntms_db.lock);

	ret = ntms_queue_run(lib, req);

	mutex_lock(&ntms_db.lock);
	ntms_request_finish_locked(req, ret);
	if (!list_empty(&lib->queue))
		queue_work(lib->wq, &lib->queue_work);
	mutex_unlock(&ntms_db.lock);
	/* a UNIT ATTENTION (an operator at the mail slot) seen meanwhile */
	if (READ_ONCE(lib->smc.ua_pending))
		queue_work(lib->wq, &lib->scan_work);
	ntms_request_put(req);
}
