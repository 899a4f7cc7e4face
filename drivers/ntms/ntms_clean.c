// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: CleanNtmsDrive (NTMS_IOC_CLEAN_DRIVE).
 *
 * A drive cleans itself once it is given a cleaning cartridge: it runs
 * its cleaning cycle (NOT READY meanwhile, 30h/03h), then unloads the
 * cleaner and answers NOT READY, medium not present, for the robot to
 * take it back; a spent cleaner is unloaded at once, with TapeAlert flag
 * 22 raised. The request brings the cleaner from the library's cleaner
 * slot, waits for the unload asking the drive's tape device, and takes
 * the cleaner home. Without a tape device to ask, the library's refusal
 * to take the cleaner out while the drive holds it (53h/02h) says the
 * same.
 *
 * Drives ask for cleaning by themselves (TapeAlert flag 20, clean now,
 * and 21, clean periodic). The driver reads the flags after each
 * dismount and cleaning, and every clean_poll_s on the library's poll,
 * shows them in the drive's information and in sysfs, and queues a
 * cleaning of its own when the library cleans automatically: a cleaner
 * slot is reserved, holding a cleaner not known to be spent, and the
 * library's switch (sysfs ntms_auto_clean) is on.
 */

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"
#include "ntms_scsi.h"

static unsigned int clean_timeout_s = 600;
module_param(clean_timeout_s, uint, 0644);
MODULE_PARM_DESC(clean_timeout_s, "seconds a drive may take to clean and unload the cleaner (default 600)");

static unsigned int clean_poll_s = 60;
module_param(clean_poll_s, uint, 0644);
MODULE_PARM_DESC(clean_poll_s, "read the TapeAlert flags of each library's drives this often, seconds, to find drives asking for cleaning (0: only after dismounts; default 60)");

/* how often a cleaning drive is asked whether it has finished */
#define NTMS_CLEAN_POLL_MS	250
/* TapeAlert flags 20 (clean now), 21 (clean periodic), 22 (expired) */
#define NTMS_TA_CLEAN_NOW	BIT_ULL(20 - 1)
#define NTMS_TA_CLEAN_PERIODIC	BIT_ULL(21 - 1)
#define NTMS_TA_EXPIRED_CLEANER	BIT_ULL(22 - 1)

/* the request runs once the drive is empty and not opened */
static int ntms_clean_ready(struct ntms_library *lib, struct ntms_request *req)
{
	struct ntms_drive *d;
	int ret;

	d = ntms_check_drive_locked(lib, &req->drives[0], &ret);
	if (!d)
		return ret;
	if (!d->el.obj.enabled || !lib->obj.enabled)
		return -ESHUTDOWN;
	if (ntms_drive_full_locked(d) || ntms_drive_opened_locked(d))
		return -EAGAIN;
	return 0;
}

/* ask the operator; the request is theirs to satisfy, not ours to wait on */
static void ntms_clean_ask(struct ntms_library *lib,
			   const struct ntms_guid *media, const char *msg)
{
	struct ntms_opreq *op;

	op = ntms_opreq_raise(NTMS_OPREQ_CMD_CLEANER, media,
			      media ? NTMS_TYPE_PHYSICAL_MEDIA : 0, NULL, 0,
			      &lib->obj.guid, msg);
	if (!IS_ERR(op))
		ntms_opreq_put(op);
}

/*
 * After reading them: the cleaner slot must hold the cleaner (what is in
 * the slot reserved for it is taken for a cleaner from now on) and the
 * drive must still be free.
 */
static int ntms_clean_check_locked(struct ntms_library *lib,
				   struct ntms_request *req,
				   struct ntms_drive *d,
				   struct ntms_element *slot)
{
	if (!lib->cleaner_set || lib->cleaner_addr != slot->addr)
		return -EALREADY;
	if (ntms_drive_full_locked(d) || ntms_drive_opened_locked(d))
		return -EBUSY;
	if (!ntms_move_full_locked(slot))
		return -ENOMEDIUM;
	if (slot->media) {
		slot->media->mflags |= NTMS_MEDIA_CLEANER;
		req->media[0] = slot->media->obj.guid;
	}
	return 0;
}

/*
 * Wait for the drive to unload the cleaner: 0, -ETIMEDOUT, -ENODEV. A
 * drive without a tape device cannot be asked: 0 at once, and the return
 * move waits for the library to let the cleaner go.
 */
static int ntms_clean_wait(struct ntms_library *lib, struct ntms_drive *d,
			   unsigned long deadline)
{
	struct scsi_device *tape;
	bool medium;

	for (;;) {
		if (!READ_ONCE(lib->sdev))
			return -ENODEV;
		mutex_lock(&lib->lock);
		tape = ntms_drive_tape_get_locked(d);
		mutex_unlock(&lib->lock);
		if (!tape)
			return 0;
		medium = ntms_drive_tape_medium(tape);
		ntms_drive_tape_put(tape);
		if (!medium)
			return 0;
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		msleep(NTMS_CLEAN_POLL_MS);
	}
}

/**
 * ntms_clean_needed() - does a drive ask for cleaning?
 * @flags: its TapeAlert flags
 *
 * Context: any.
 * Return: true for flag 20 (clean now) or 21 (clean periodic).
 */
bool ntms_clean_needed(u64 flags)
{
	return flags & (NTMS_TA_CLEAN_NOW | NTMS_TA_CLEAN_PERIODIC);
}

/*
 * Read the drive's TapeAlert flags into the model (an OBJ_UPDATE when
 * they change): 0, or -ENODEV without a tape device, or the read's errno.
 */
static int ntms_clean_read_flags(struct ntms_library *lib,
				 struct ntms_drive *d, u64 *flags)
{
	struct scsi_device *tape;
	struct ntms_scsi dev = { };
	int ret;

	*flags = 0;
	mutex_lock(&lib->lock);
	tape = ntms_drive_tape_get_locked(d);
	mutex_unlock(&lib->lock);
	if (!tape)
		return -ENODEV;
	dev.sdev = tape;
	ret = ntms_scsi_tapealert(&dev, flags);
	ntms_drive_tape_put(tape);
	if (ret)
		return ret;
	mutex_lock(&lib->lock);
	if (d->tapealert != *flags) {
		d->tapealert = *flags;
		ntms_library_touch_locked(lib);
		ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
				&d->el.obj.guid, 0, d->state, NULL);
	}
	mutex_unlock(&lib->lock);
	return 0;
}

/* did the drive find the cleaner spent? TapeAlert flag 22 */
static bool ntms_clean_spent(struct ntms_library *lib, struct ntms_drive *d)
{
	u64 flags;

	if (ntms_clean_read_flags(lib, d, &flags))
		return false;
	return flags & NTMS_TA_EXPIRED_CLEANER;
}

/* the cleaner back to its slot, as soon as the library lets it go */
static int ntms_clean_return(struct ntms_library *lib, struct ntms_drive *d,
			     struct ntms_element *slot, unsigned long deadline)
{
	int ret;

	for (;;) {
		ret = ntms_move_medium(lib, &d->el, slot);
		if (ret != -EBUSY || time_after(jiffies, deadline))
			return ret;
		msleep(NTMS_CLEAN_POLL_MS);
	}
}

/* a cleaning is over: the drive's record, the cleaner's uses */
static void ntms_clean_record_locked(struct ntms_library *lib,
				     struct ntms_drive *d,
				     struct ntms_media *m, bool spent)
{
	if (m) {
		if (spent) {
			m->cleans_left = 0;
			m->mflags |= NTMS_MEDIA_CLEANS_KNOWN;
		} else if (m->mflags & NTMS_MEDIA_CLEANS_KNOWN) {
			/* known spent, yet it cleaned: it was not */
			if (m->cleans_left)
				m->cleans_left--;
			else
				m->mflags &= ~NTMS_MEDIA_CLEANS_KNOWN;
		}
		m->modified_ns = ntms_now_ns();
		ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_PHYSICAL_MEDIA,
				&m->obj.guid, 0, 0, NULL);
	}
	if (!spent) {
		d->cleaned_ns = ntms_now_ns();
		d->cleanings++;
	}
	ntms_library_touch_locked(lib);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
			&d->el.obj.guid, 0, d->state, NULL);
}

static int ntms_clean_run(struct ntms_library *lib, struct ntms_request *req)
{
	char barcode[NTMS_SMC_VOLTAG_LEN + 1] = "";
	char msg[NTMS_OPREQ_MESSAGE_LEN];
	struct ntms_element *slot = NULL;
	unsigned long deadline;
	struct ntms_guid media;
	struct ntms_drive *d;
	bool spent = false;
	int ret, err;

	mutex_lock(&lib->lock);
	d = ntms_check_drive_locked(lib, &req->drives[0], &ret);
	if (d && lib->cleaner_set)
		slot = ntms_library_find_element_locked(lib, lib->cleaner_addr);
	if (slot)
		req->slot = slot->obj.guid;
	mutex_unlock(&lib->lock);
	if (!d)
		return ret;
	if (!slot)
		return -EALREADY;

	/* both as the device sees them now */
	ret = ntms_move_read(lib, slot);
	if (!ret)
		ret = ntms_move_read(lib, &d->el);
	if (ret)
		return ret;
	mutex_lock(&lib->lock);
	ret = ntms_clean_check_locked(lib, req, d, slot);
	mutex_unlock(&lib->lock);
	if (ret == -ENOMEDIUM) {
		snprintf(msg, sizeof(msg),
			 "insert a cleaning cartridge into the cleaner slot of library %s",
			 lib->serial);
		ntms_clean_ask(lib, NULL, msg);
	}
	if (ret)
		return ret;

	ret = ntms_move_medium(lib, slot, &d->el);
	if (ret)
		return ret;
	mutex_lock(&lib->lock);
	ntms_drive_set_state_locked(d, NTMS_DRIVE_STATE_BEING_CLEANED);
	mutex_unlock(&lib->lock);

	deadline = jiffies + READ_ONCE(clean_timeout_s) * HZ;
	err = ntms_clean_wait(lib, d, deadline);
	if (err == -ENODEV)
		return err;
	if (!err)
		spent = ntms_clean_spent(lib, d);
	ret = ntms_clean_return(lib, d, slot, deadline);

	mutex_lock(&lib->lock);
	/* still in the drive: the next dismount takes it home */
	ntms_drive_set_state_locked(d, ret ? NTMS_DRIVE_STATE_DISMOUNTABLE :
					     NTMS_DRIVE_STATE_DISMOUNTED);
	if (!ret && !err)
		ntms_clean_record_locked(lib, d, slot->media, spent);
	if (spent && slot->media) {
		media = slot->media->obj.guid;
		strscpy(barcode, slot->media->barcode, sizeof(barcode));
	}
	mutex_unlock(&lib->lock);
	if (spent) {
		snprintf(msg, sizeof(msg),
			 "the cleaning cartridge %s of library %s is spent: replace it",
			 barcode[0] ? barcode : "(no barcode)", lib->serial);
		ntms_clean_ask(lib, barcode[0] ? &media : NULL, msg);
	}
	if (ret == -ENODEV)
		return ret;
	return err ?: ret ?: (spent ? -EKEYEXPIRED : 0);
}

static const struct ntms_op ntms_op_clean = {
	.operation = NTMS_REQ_OP_CLEAN_DRIVE,
	.moves = true,
	.ready = ntms_clean_ready,
	.run = ntms_clean_run,
};

/* a cleaning of @d queued or running (the queue holds both until it ends) */
static bool ntms_clean_pending_locked(struct ntms_library *lib,
				      struct ntms_drive *d)
{
	struct ntms_request *req;

	const struct ntms_guid *g = &d->el.obj.guid;

	if (lib->running && lib->running->op == &ntms_op_clean &&
	    !memcmp(&lib->running->drives[0], g, sizeof(*g)))
		return true;
	list_for_each_entry(req, &lib->queue, queue_node)
		if (req->op == &ntms_op_clean &&
		    !memcmp(&req->drives[0], g, sizeof(*g)))
			return true;
	return false;
}

/**
 * ntms_clean_auto_locked() - does the library clean its drives itself?
 * @lib: the library
 *
 * A cleaner slot is reserved and the switch is on: drives that ask are
 * cleaned, as long as the cleaner slot holds a cleaner not known to be
 * spent (a spent one has raised its operator request already).
 *
 * Context: @lib's lock held.
 * Return: true if so.
 */
bool ntms_clean_auto_locked(struct ntms_library *lib)
{
	return lib->cleaner_set && READ_ONCE(lib->auto_clean);
}

/* should a cleaning of @d be queued now? */
static bool ntms_clean_wanted_locked(struct ntms_library *lib,
				     struct ntms_drive *d)
{
	struct ntms_element *slot;
	struct ntms_media *m;

	if (!ntms_clean_needed(d->tapealert) || !ntms_clean_auto_locked(lib))
		return false;
	if (!lib->obj.enabled || !d->el.obj.enabled || lib->damaged ||
	    lib->op_state != NTMS_OPSTATE_READY)
		return false;
	slot = ntms_library_find_element_locked(lib, lib->cleaner_addr);
	if (!slot || !ntms_move_full_locked(slot))
		return false;
	m = slot->media;
	if (m && (m->mflags & NTMS_MEDIA_CLEANS_KNOWN) && !m->cleans_left)
		return false;
	return !ntms_clean_pending_locked(lib, d);
}

/**
 * ntms_clean_check() - look whether a drive asks for cleaning, and clean it
 * @lib: the drive's library (referenced by the caller)
 * @d: the drive
 *
 * Reads the drive's TapeAlert flags into the model and, when the drive
 * asks for cleaning and the library cleans automatically, queues a
 * cleaning of the driver's own (application "ntms"): it runs once the
 * drive is free.
 *
 * Context: process context, no lock held; sleeps (the library's
 * workqueue: after a dismount, on the poll).
 */
void ntms_clean_check(struct ntms_library *lib, struct ntms_drive *d)
{
	struct ntms_request *req;
	bool staged = false;
	u64 flags;

	if (ntms_clean_read_flags(lib, d, &flags) || !ntms_clean_needed(flags))
		return;
	req = ntms_request_alloc(NULL, &ntms_op_clean, 1);
	if (!req)
		return;
	mutex_lock(&lib->lock);
	if (ntms_clean_wanted_locked(lib, d)) {
		req->drives[0] = d->el.obj.guid;
		staged = !ntms_request_stage_locked(req, lib);
	}
	mutex_unlock(&lib->lock);
	if (staged)
		ntms_request_publish(req);
	else
		ntms_request_put(req);
}

/**
 * ntms_clean_poll() - the library's poll: look at every drive, now and then
 * @lib: the library
 *
 * Every clean_poll_s seconds (0: never), when the library's queue is
 * idle, ntms_clean_check() each empty drive that has a tape device. A
 * loaded drive is left alone: its unit attention (new medium) is for the
 * program that uses it, and it cannot be cleaned before its dismount,
 * which looks anyway.
 *
 * Context: the library's workqueue, no lock held; sleeps.
 */
void ntms_clean_poll(struct ntms_library *lib)
{
	unsigned int every = READ_ONCE(clean_poll_s);
	struct ntms_drive *d;
	bool due;
	u32 i, n;

	mutex_lock(&lib->lock);
	due = every && !lib->nr_pending &&
	      time_after_eq(jiffies, lib->clean_jiffies + every * HZ);
	if (due)
		lib->clean_jiffies = jiffies;
	n = lib->nr_drives;
	mutex_unlock(&lib->lock);
	for (i = 0; due && i < n; i++) {
		mutex_lock(&lib->lock);
		d = i < lib->nr_drives && lib->drives[i].tape &&
		    !ntms_drive_full_locked(&lib->drives[i]) ?
		    &lib->drives[i] : NULL;
		mutex_unlock(&lib->lock);
		if (d)
			ntms_clean_check(lib, d);
	}
}

/* a standalone drive: the operator cleans it; the driver notes when */
static void ntms_clean_standalone_locked(struct ntms_library *lib,
					 struct ntms_drive *d)
{
	d->cleaned_ns = ntms_now_ns();
	d->cleanings++;
	ntms_library_touch_locked(lib);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
			&d->el.obj.guid, 0, d->state, NULL);
}

/**
 * ntms_clean_drive_ioctl() - NTMS_IOC_CLEAN_DRIVE
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_clean_drive
 *
 * Queues the cleaning of a drive with the library's cleaning cartridge
 * (CONTROL access); a standalone drive is recorded as cleaned at once.
 *
 * Context: process context.
 * Return: 0 or a negative errno, in the order of &struct ntms_clean_drive.
 */
int ntms_clean_drive_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_clean_drive *cd = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	memset(&cd->request, 0, sizeof(cd->request));
	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, &ntms_op_clean, 1);
	obj = ntms_check_lookup(s, &cd->drive, NTMS_TYPE_DRIVE,
				NTMS_ACCESS_CONTROL, 0, &lib);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_put;
	if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE) {
		ntms_clean_standalone_locked(lib, container_of(obj,
							       struct ntms_drive,
							       el.obj));
		goto out_unlock;
	}
	ret = -EALREADY;
	if (!lib->cleaner_set)
		goto out_unlock;
	if (req)
		req->drives[0] = obj->guid;
	ret = ntms_check_queue_locked(&req, lib, 0, c, &cd->request);
out_unlock:
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
