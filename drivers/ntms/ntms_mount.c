// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: MountNtmsMedia (NTMS_IOC_MOUNT): cartridges into drives.
 *
 * A mount is checked when it is queued and planned when its turn comes
 * (ntms_mount_plan_locked(), the operation's ready()): a cartridge
 * mounted elsewhere or no free drive makes it WAIT; the drives are
 * chosen then, against the library as it is at that moment. Running, it
 * verifies source and drive, sends a DISMOUNTABLE cartridge home first,
 * loads, and for writing asks the drive for the write-protect tab.
 *
 * The ioctl checks, in order: parameters (-EINVAL, -EFAULT), cartridges
 * (-ENOENT, -EXDEV), drives asked for (-ENOENT, -EXDEV, -ESHUTDOWN),
 * library (-ENODEV), access (USE, -EACCES), enabled (-ESHUTDOWN), a
 * changer's library (-ENODEV), cartridges for data (a cleaner:
 * -EMEDIUMTYPE), enabled (-ESHUTDOWN), present (-ENXIO), not in a mail
 * slot (-EADDRNOTAVAIL), drives asked for attached (-ENOTCONN),
 * %NTMS_MOUNT_F_ERROR_NOT_AVAILABLE (-EBUSY), database (-EUCLEAN), room
 * (-ENOSPC), memory (-ENOMEM).
 *
 * With %NTMS_MOUNT_F_OFFLINE_WAIT an offline cartridge is no error: the
 * request waits for it, having asked an operator to bring it (an
 * operator request, ntms_opreq.c), and goes on once it is injected.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

/* how often a mount follows a cartridge others keep moving */
#define NTMS_MOUNT_FOLLOW	3

static bool ntms_mount_chosen(struct ntms_drive **chosen, u32 n,
			      struct ntms_drive *d)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (chosen[i] == d)
			return true;
	return false;
}

/* the best free drive not yet chosen: empty ones first */
static struct ntms_drive *ntms_mount_pick_drive_locked(struct ntms_library *lib,
						       struct ntms_drive **chosen,
						       u32 n)
{
	struct ntms_drive *d;
	int pass;
	u32 i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < lib->nr_drives; i++) {
			d = &lib->drives[i];
			if (ntms_mount_chosen(chosen, n, d) ||
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

/* the drive cartridge @m is to go to; NULL with *@err set if none */
static struct ntms_drive *ntms_mount_plan_one_locked(struct ntms_library *lib,
						     struct ntms_media *m,
						     const struct ntms_guid *asked,
						     struct ntms_drive **chosen,
						     u32 n, int *err)
{
	struct ntms_drive *d, *here = NULL;

	*err = -ENXIO;
	if (!m->loc)
		return NULL;
	*err = -EADDRNOTAVAIL;
	if (m->loc->obj.type == NTMS_TYPE_IEPORT)
		return NULL;
	*err = -EAGAIN;
	if (m->loc->obj.type == NTMS_TYPE_DRIVE) {
		here = container_of(m->loc, struct ntms_drive, el);
		if (here->state == NTMS_DRIVE_STATE_MOUNTED ||
		    ntms_drive_opened_locked(here))
			return NULL;
	}
	if (asked) {
		d = ntms_check_drive_locked(lib, asked, err);
		if (!d)
			return NULL;
		*err = -ENOTCONN;
		if (!d->tape)
			return NULL;
		*err = -EAGAIN;
		if (d != here && !ntms_drive_free_locked(d))
			return NULL;
	} else {
		d = here ? here : ntms_mount_pick_drive_locked(lib, chosen, n);
	}
	*err = -EAGAIN;
	if (!d || ntms_mount_chosen(chosen, n, d))
		return NULL;
	return d;
}

/**
 * ntms_mount_plan_locked() - can a mount run now, and where?
 * @lib: the library
 * @media: @count cartridges
 * @drives: @count drives: in, with @specific, the drives asked for; out,
 *	the drives to use
 * @count: number of cartridges
 * @specific: the caller chose the drives
 *
 * Context: the library's lock held.
 * Return: 0 (runnable), -EAGAIN (must wait: cartridge mounted elsewhere
 * or no free drive), -ENOENT, -EXDEV, -ENXIO (offline), -EADDRNOTAVAIL
 * (a cartridge in a mail slot: inject it first), -ENOTCONN (a drive asked
 * for has no tape device on this host).
 */
static int ntms_mount_plan_locked(struct ntms_library *lib,
				  const struct ntms_guid *media,
				  struct ntms_guid *drives, u32 count,
				  bool specific)
{
	struct ntms_drive *chosen[NTMS_REQUEST_MAX_COUNT];
	struct ntms_media *m;
	int ret;
	u32 i;

	for (i = 0; i < count; i++) {
		m = ntms_check_media_locked(lib, &media[i], &ret);
		if (!m)
			return ret;
		chosen[i] = ntms_mount_plan_one_locked(lib, m,
						       specific ? &drives[i] :
						       NULL, chosen, i, &ret);
		if (!chosen[i])
			return ret;
	}
	for (i = 0; i < count; i++)
		drives[i] = chosen[i]->el.obj.guid;
	return 0;
}

/* the first of @req's cartridges that is offline, or NULL */
static struct ntms_media *ntms_mount_offline_locked(struct ntms_library *lib,
						    struct ntms_request *req)
{
	struct ntms_media *m;
	int ret;
	u32 i;

	for (i = 0; i < req->count; i++) {
		m = ntms_check_media_locked(lib, &req->media[i], &ret);
		if (m && !m->loc)
			return m;
	}
	return NULL;
}

/*
 * A cartridge of @req is offline (%NTMS_MOUNT_F_OFFLINE_WAIT): ask the
 * operator to bring it, once, and wait. Return: -EAGAIN (wait),
 * -ECANCELED (the operator request was cancelled), or -ENXIO when no
 * operator request could be raised.
 */
static int ntms_mount_ask_operator_locked(struct ntms_library *lib,
					  struct ntms_request *req)
{
	struct ntms_media *m = ntms_mount_offline_locked(lib, req);
	char msg[NTMS_OPREQ_MESSAGE_LEN];
	struct ntms_opreq *op;

	if (req->opreq)
		return ntms_opreq_refused(req->opreq) ? -ECANCELED : -EAGAIN;
	if (!m)
		return -ENXIO;
	snprintf(msg, sizeof(msg),
		 "insert cartridge %s into a mail slot of library ntms%u, then inject it",
		 m->barcode[0] ? m->barcode : "(no barcode)", lib->index);
	op = ntms_opreq_raise(NTMS_OPREQ_CMD_MOVEMEDIA, &m->obj.guid,
			      NTMS_TYPE_PHYSICAL_MEDIA, &lib->obj.guid,
			      NTMS_TYPE_LIBRARY, &lib->obj.guid, msg);
	if (IS_ERR(op))
		return -ENXIO;
	req->opreq = op;
	return -EAGAIN;
}

static int ntms_mount_ready(struct ntms_library *lib, struct ntms_request *req)
{
	int ret;

	ret = ntms_mount_plan_locked(lib, req->media, req->drives, req->count,
				     req->options &
				     NTMS_MOUNT_F_SPECIFIC_DRIVE);
	if (ret == -ENXIO && (req->options & NTMS_MOUNT_F_OFFLINE_WAIT))
		return ntms_mount_ask_operator_locked(lib, req);
	if (!req->opreq)
		return ret;
	if (ntms_opreq_refused(req->opreq))
		return -ECANCELED;
	/* it is back: the operator has done what was asked */
	ntms_opreq_end(req->opreq, true);
	/* in a mail slot: the mount waits for it to be injected */
	return ret == -EADDRNOTAVAIL ? -EAGAIN : ret;
}

/*
 * For writing: the drive reads the write-protect tab once loaded. A
 * drive that cannot tell fails the mount rather than being trusted.
 * Return: 0, -EROFS, or the errno of asking.
 */
static int ntms_mount_check_writable(struct ntms_library *lib,
				     struct ntms_drive *d)
{
	struct scsi_device *tape;
	int ret;

	mutex_lock(&lib->lock);
	tape = ntms_drive_tape_get_locked(d);
	mutex_unlock(&lib->lock);
	ret = ntms_drive_tape_write_protected(tape);
	ntms_drive_tape_put(tape);
	return ret > 0 ? -EROFS : ret;
}

/* where cartridge @i of @req is, and its drive: verified, under the lock */
static int ntms_mount_where_locked(struct ntms_library *lib,
				   struct ntms_request *req, u32 i,
				   struct ntms_drive **dp,
				   struct ntms_element **srcp)
{
	struct ntms_media *m;
	struct ntms_drive *d;
	int ret;

	m = ntms_check_media_locked(lib, &req->media[i], &ret);
	if (!m)
		return ret;
	d = ntms_check_drive_locked(lib, &req->drives[i], &ret);
	if (!d)
		return ret;
	if (!m->loc)
		return -ENXIO;
	if (m->loc->obj.type == NTMS_TYPE_IEPORT)
		return -EADDRNOTAVAIL;
	if ((req->options & NTMS_MOUNT_F_SPECIFIC_DRIVE) && !d->tape)
		return -ENOTCONN;
	*dp = d;
	*srcp = m->loc;
	return 0;
}

/*
 * After reading them: is cartridge @i still in @src, and is its drive
 * free for it? 1: the drive's DISMOUNTABLE cartridge goes home first.
 * -ESTALE: it was moved by someone else, and the read found where to
 * (or that it left the library).
 */
static int ntms_mount_verify_locked(struct ntms_library *lib,
				    struct ntms_request *req, u32 i,
				    struct ntms_drive *d,
				    struct ntms_element *src)
{
	struct ntms_media *m;
	int ret;

	m = ntms_check_media_locked(lib, &req->media[i], &ret);
	if (!m)
		return ret;
	if (m->loc != src || src->media != m)
		return -ESTALE;
	if (!ntms_drive_full_locked(d) || m->loc == &d->el)
		return 0;
	if (d->state == NTMS_DRIVE_STATE_DISMOUNTABLE &&
	    !ntms_drive_opened_locked(d))
		return 1;
	return -EBUSY;
}

/* mount cartridge @i of @req into its planned drive */
static int ntms_mount_one(struct ntms_library *lib, struct ntms_request *req,
			  u32 i)
{
	struct ntms_guid old_media, slot;
	struct ntms_element *src;
	struct ntms_drive *d;
	unsigned int tries = 0;
	int ret;

	do {
		mutex_lock(&lib->lock);
		ret = ntms_mount_where_locked(lib, req, i, &d, &src);
		mutex_unlock(&lib->lock);
		if (ret)
			return ret;

		/* the source and the drive, as the device sees them now */
		ret = ntms_move_read_two(lib, src, &d->el);
		if (ret)
			return ret;
		mutex_lock(&lib->lock);
		ret = ntms_mount_verify_locked(lib, req, i, d, src);
		mutex_unlock(&lib->lock);
		/* moved behind our back: from where it is now */
	} while (ret == -ESTALE && ++tries < NTMS_MOUNT_FOLLOW);
	if (ret == -ESTALE)
		return -EAGAIN;
	if (ret < 0)
		return ret;
	if (ret) {
		ret = ntms_move_home(lib, d, &old_media, &slot);
		if (ret)
			return ret;
	}
	if (src != &d->el) {
		ret = ntms_move_medium(lib, src, &d->el);
		if (ret)
			return ret;
	}
	if (req->options & NTMS_MOUNT_F_WRITE) {
		ret = ntms_mount_check_writable(lib, d);
		if (ret) {
			/* what this mount loaded goes home again; else it
			 * stays LOADED: show where it really is
			 */
			if (src != &d->el &&
			    ntms_move_home(lib, d, &old_media, &slot))
				ntms_move_read(lib, &d->el);
			return ret;
		}
	}
	mutex_lock(&lib->lock);
	ret = -EIO;
	if (d->el.media) {
		ntms_drive_set_state_locked(d, NTMS_DRIVE_STATE_MOUNTED);
		ret = 0;
	}
	mutex_unlock(&lib->lock);
	return ret;
}

static int ntms_mount_run(struct ntms_library *lib, struct ntms_request *req)
{
	int ret;
	u32 i;

	for (i = 0; i < req->count; i++) {
		ret = ntms_mount_one(lib, req, i);
		if (ret)
			return ret;
	}
	return 0;
}

static const struct ntms_op ntms_op_mount = {
	.operation = NTMS_REQ_OP_MOUNT,
	.moves = true,
	.ready = ntms_mount_ready,
	.run = ntms_mount_run,
};

/* the argument rules of a mount */
static int ntms_mount_check_args(const struct ntms_mount *mt)
{
	/* 1..64 cartridges */
	if (!mt->count || mt->count > NTMS_REQUEST_MAX_COUNT)
		return -EINVAL;
	/* only defined options (the deprecated ones are ignored) */
	if (mt->options & ~(NTMS_MOUNT_F_ALL | NTMS_MOUNT_F_DEPRECATED |
			    NTMS_MOUNT_F_OFFLINE_WAIT))
		return -EINVAL;
	/* RSM's priority range */
	if (mt->priority < NTMS_PRIORITY_LOWEST ||
	    mt->priority > NTMS_PRIORITY_HIGHEST)
		return -EINVAL;
	return 0;
}

/* the drives asked for: each a drive (-ENOENT) of @lib (-EXDEV), enabled */
static int ntms_mount_check_drives_locked(struct ntms_library *lib,
					  const struct ntms_guid *drives,
					  u32 count, bool attached)
{
	struct ntms_drive *d;
	int ret;
	u32 i;

	for (i = 0; drives && i < count; i++) {
		d = ntms_check_drive_locked(lib, &drives[i], &ret);
		if (!d)
			return ret;
		if (!attached && !d->el.obj.enabled)
			return -ESHUTDOWN;
		/* its tape device is not attached to this host */
		if (attached && !d->tape)
			return -ENOTCONN;
	}
	return 0;
}

/*
 * the cartridges: each for data, enabled, present (unless @offline_ok:
 * the request will wait for it), not in a mail slot
 */
static int ntms_mount_check_media_locked(struct ntms_media **ms, u32 count,
					 bool offline_ok)
{
	u32 i;

	for (i = 0; i < count; i++) {
		/* a cleaning cartridge is never mounted as data */
		if (ms[i]->mflags & NTMS_MEDIA_CLEANER)
			return -EMEDIUMTYPE;
		if (!ms[i]->obj.enabled)
			return -ESHUTDOWN;
		if (!ms[i]->loc && offline_ok)
			continue;
		if (!ms[i]->loc)
			return -ENXIO;
		/* in the library, not injected yet */
		if (ms[i]->loc->obj.type == NTMS_TYPE_IEPORT)
			return -EADDRNOTAVAIL;
	}
	return 0;
}

/* the checks once the library is locked, in the order of the file header */
static int ntms_mount_check_locked(struct ntms_session *s,
				   struct ntms_library *lib,
				   struct ntms_mount *mt, struct ntms_media **ms,
				   struct ntms_guid *drives,
				   struct ntms_request *req)
{
	bool specific = mt->options & NTMS_MOUNT_F_SPECIFIC_DRIVE;
	int ret;

	ret = ntms_mount_check_drives_locked(lib, drives, mt->count, false);
	if (!ret)
		ret = ntms_check_library_locked(s, lib, NTMS_ACCESS_USE, 0);
	if (ret)
		return ret;
	if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
		return -ENODEV;
	ret = ntms_mount_check_media_locked(ms, mt->count,
					    mt->options &
					    NTMS_MOUNT_F_OFFLINE_WAIT);
	if (!ret)
		ret = ntms_mount_check_drives_locked(lib, drives, mt->count,
						     true);
	if (ret || !(mt->options & NTMS_MOUNT_F_ERROR_NOT_AVAILABLE))
		return ret;
	/* fail at once rather than wait */
	if (!req)
		return -ENOMEM;
	ret = ntms_mount_plan_locked(lib, req->media, req->drives, mt->count,
				     specific);
	return ret == -EAGAIN ? -EBUSY : ret;
}

/**
 * ntms_mount_ioctl() - NTMS_IOC_MOUNT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_mount
 *
 * Queues the mount of 1..64 cartridges of one library (USE access), in
 * the drives given (%NTMS_MOUNT_F_SPECIFIC_DRIVE) or chosen when the
 * request runs: empty drives first, then drives whose cartridge is
 * DISMOUNTABLE (sent home first). A mount that cannot run yet is WAITING;
 * with %NTMS_MOUNT_F_ERROR_NOT_AVAILABLE it fails at once with -EBUSY.
 *
 * Context: process context.
 * Return: 0 or a negative errno, see the order above.
 */
int ntms_mount_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_media *ms[NTMS_REQUEST_MAX_COUNT];
	struct ntms_guid *media, *drives = NULL;
	struct ntms_mount *mt = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	int ret;

	ret = ntms_mount_check_args(mt);
	if (ret)
		return ret;
	media = ntms_call_copy_in(c, mt->media, mt->count, sizeof(*media));
	if (IS_ERR(media))
		return PTR_ERR(media);
	/* each cartridge once */
	ret = ntms_check_guids(media, mt->count);
	if (ret)
		return ret;
	if (mt->options & NTMS_MOUNT_F_SPECIFIC_DRIVE) {
		drives = ntms_call_copy_in(c, mt->drives, mt->count,
					   sizeof(*drives));
		if (IS_ERR(drives))
			return PTR_ERR(drives);
	}
	memset(&mt->request, 0, sizeof(mt->request));
	req = ntms_request_alloc(s, &ntms_op_mount, mt->count);
	if (req) {
		memcpy(req->media, media, mt->count * sizeof(*media));
		if (drives)
			memcpy(req->drives, drives,
			       mt->count * sizeof(*drives));
		req->options = mt->options &
			       (NTMS_MOUNT_F_ALL | NTMS_MOUNT_F_OFFLINE_WAIT);
		req->priority = mt->priority;
	}

	ret = ntms_check_media_lock(media, mt->count, ms, &lib);
	if (ret)
		goto out_put;
	ret = ntms_mount_check_locked(s, lib, mt, ms, drives, req);
	if (!ret)
		ret = ntms_check_queue_locked(&req, lib, 0, c, &mt->request);
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
