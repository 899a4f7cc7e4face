// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: DismountNtmsDrive (NTMS_IOC_DISMOUNT_DRIVE) and DismountNtmsMedia
 * (NTMS_IOC_DISMOUNT_MEDIA): a drive's cartridge back to its slot.
 *
 * DismountNtmsDrive checks, in this order (SPEC section 3): session (the
 * file is a session), parameters, drive (-ENOENT), library (-ENODEV),
 * access (MODIFY, -EACCES), enabled (-ESHUTDOWN), state (no cartridge
 * -ENOMEDIUM; opened -EBUSY), database (-EUCLEAN), room (-ENOSPC),
 * memory (-ENOMEM).
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

/* each drive of the request: its cartridge home */
static int ntms_dismount_run(struct ntms_library *lib,
			     struct ntms_request *req)
{
	struct ntms_drive *d;
	int ret, err = 0;
	u32 i;

	for (i = 0; i < req->count; i++) {
		mutex_lock(&lib->lock);
		d = ntms_check_drive_locked(lib, &req->drives[i], &ret);
		mutex_unlock(&lib->lock);
		if (d)
			ret = ntms_move_home(lib, d, &req->media[i],
					     &req->slot);
		if (ret == -ENODEV)
			return ret;
		/* the drive may ask for cleaning now that it is empty */
		if (d)
			ntms_clean_check(lib, d);
		if (ret && !err)
			err = ret;
	}
	return err;
}

static const struct ntms_op ntms_op_dismount = {
	.operation = NTMS_REQ_OP_DISMOUNT,
	.moves = true,
	.run = ntms_dismount_run,
};

/* disabling a loaded drive: the same, reported as its own operation */
const struct ntms_op ntms_op_disable_drive = {
	.operation = NTMS_REQ_OP_DISABLE_DRIVE,
	.moves = true,
	.run = ntms_dismount_run,
};

/*
 * A standalone drive: nothing to move, the operator takes the cartridge
 * out. The drive itself says whether it holds one (TEST UNIT READY,
 * without any lock: it sleeps), so the checks are made again after it.
 * Full: DISMOUNTABLE at once. Empty: DISMOUNTED (whatever it was before
 * the operator took the cartridge out) and -ENOMEDIUM.
 */
static int ntms_dismount_standalone(struct ntms_session *s,
				    struct ntms_dismount_drive *dd,
				    struct ntms_library *lib,
				    struct ntms_drive *d)
{
	struct scsi_device *tape;
	struct ntms_object *obj;
	bool medium = true;
	int ret = -EBUSY;

	if (ntms_drive_opened_locked(d)) {
		ntms_library_unlock_put(lib);
		return ret;
	}
	tape = ntms_drive_tape_get_locked(d);
	ntms_library_unlock_put(lib);
	if (tape)
		medium = ntms_drive_tape_medium(tape);
	ntms_drive_tape_put(tape);

	obj = ntms_check_lookup(s, &dd->drive, NTMS_TYPE_DRIVE,
				NTMS_ACCESS_MODIFY, 0, &lib);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	d = container_of(obj, struct ntms_drive, el.obj);
	if (ntms_drive_opened_locked(d)) {
		ret = -EBUSY;
	} else if (!medium) {
		ntms_drive_set_state_locked(d, NTMS_DRIVE_STATE_DISMOUNTED);
		ret = -ENOMEDIUM;
	} else {
		ntms_drive_set_state_locked(d, NTMS_DRIVE_STATE_DISMOUNTABLE);
		ret = 0;
	}
	ntms_library_unlock_put(lib);
	return ret;
}

/**
 * ntms_dismount_drive_ioctl() - NTMS_IOC_DISMOUNT_DRIVE
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_dismount_drive
 *
 * Queues the return of the drive's cartridge to its slot. A standalone
 * drive that passes the checks (lookup, access, enabled, not opened) is
 * made DISMOUNTABLE at once if it holds a cartridge, and the request GUID
 * is zero.
 *
 * Context: process context.
 * Return: 0 or a negative errno, see the order above.
 */
int ntms_dismount_drive_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_dismount_drive *dd = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	struct ntms_drive *d;
	int ret;

	memset(&dd->request, 0, sizeof(dd->request));
	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, &ntms_op_dismount, 1);
	obj = ntms_check_lookup(s, &dd->drive, NTMS_TYPE_DRIVE,
				NTMS_ACCESS_MODIFY, 0, &lib);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_put;
	d = container_of(obj, struct ntms_drive, el.obj);
	if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE) {
		ret = ntms_dismount_standalone(s, dd, lib, d);
		goto out_put;
	}
	ret = ntms_drive_check_unload_locked(d);
	if (ret)
		goto out_unlock;
	if (req) {
		req->drives[0] = obj->guid;
		if (d->el.media)
			req->media[0] = d->el.media->obj.guid;
	}
	ret = ntms_check_queue_locked(&req, lib, 0, c, &dd->request);
out_unlock:
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}

/* the state checks of one cartridge of a dismount */
static int ntms_dismount_check_media_locked(struct ntms_media *m,
					    bool deferred)
{
	struct ntms_drive *d;

	if (!m->obj.enabled)
		return -ESHUTDOWN;
	if (m->mflags & NTMS_MEDIA_OFFLINE)
		return -ENXIO;
	if (!m->loc || m->loc->obj.type != NTMS_TYPE_DRIVE)
		return -ENOMEDIUM;
	d = container_of(m->loc, struct ntms_drive, el);
	if (!d->el.obj.enabled)
		return -ESHUTDOWN;
	if (!deferred && ntms_drive_opened_locked(d))
		return -EBUSY;
	return 0;
}

/**
 * ntms_dismount_media_ioctl() - NTMS_IOC_DISMOUNT_MEDIA
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_dismount_media
 *
 * Every cartridge must be in a drive of one library (-EXDEV otherwise).
 * DEFERRED marks the drives DISMOUNTABLE and queues nothing (request GUID
 * zero); IMMEDIATE (or 0) queues one request that takes each cartridge
 * home.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EFAULT, -ENOENT (unknown cartridge), -EXDEV,
 * -ENODEV, -EACCES, -ESHUTDOWN, -ENXIO (offline), -ENOMEDIUM (not in a
 * drive), -EBUSY (opened), -EUCLEAN, -ENOSPC, -ENOMEM.
 */
int ntms_dismount_media_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_media *ms[NTMS_REQUEST_MAX_COUNT];
	struct ntms_dismount_media *dm = c->arg;
	struct ntms_request *req = NULL;
	struct ntms_library *lib;
	struct ntms_guid *media;
	bool deferred;
	int ret;
	u32 i;

	/* 1..64 cartridges */
	if (!dm->count || dm->count > NTMS_REQUEST_MAX_COUNT)
		return -EINVAL;
	/* only defined options, not both */
	if ((dm->options & ~NTMS_DISMOUNT_F_ALL) ||
	    dm->options == NTMS_DISMOUNT_F_ALL)
		return -EINVAL;
	media = ntms_call_copy_in(c, dm->media, dm->count, sizeof(*media));
	if (IS_ERR(media))
		return PTR_ERR(media);
	/* each cartridge once */
	ret = ntms_check_guids(media, dm->count);
	if (ret)
		return ret;
	memset(&dm->request, 0, sizeof(dm->request));
	deferred = dm->options & NTMS_DISMOUNT_F_DEFERRED;
	if (!deferred)
		req = ntms_request_alloc(s, &ntms_op_dismount, dm->count);

	ret = ntms_check_media_lock(media, dm->count, ms, &lib);
	if (ret)
		goto out_put;
	ret = ntms_check_library_locked(s, lib, NTMS_ACCESS_USE, 0);
	for (i = 0; !ret && i < dm->count; i++)
		ret = ntms_dismount_check_media_locked(ms[i], deferred);
	if (ret)
		goto out_unlock;
	if (deferred) {
		for (i = 0; i < dm->count; i++)
			ntms_drive_set_state_locked(container_of(ms[i]->loc,
								 struct ntms_drive,
								 el),
						    NTMS_DRIVE_STATE_DISMOUNTABLE);
		/* a mount may wait for one of these drives */
		ntms_queue_kick_locked(lib);
		goto out_unlock;
	}
	for (i = 0; req && i < dm->count; i++) {
		req->media[i] = media[i];
		req->drives[i] = ms[i]->loc->obj.guid;
	}
	if (req)
		req->options = dm->options;
	ret = ntms_check_queue_locked(&req, lib, 0, c, &dm->request);
out_unlock:
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
