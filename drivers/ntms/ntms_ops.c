// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: operations that queue library requests: argument checks, access,
 * state checks, in the documented order, then a request for the queue
 * (ntms_queue.c). Also the per-library group grants in sysfs.
 *
 * DismountNtmsDrive checks, in this order (SPEC section 3): session (the
 * file is a session), parameters, drive (-ENOENT), library (-ENODEV),
 * access (MODIFY, -EACCES), enabled (-ESHUTDOWN), state (no cartridge
 * -ENOMEDIUM; opened -EBUSY), database (-EUCLEAN), room (-ENOSPC),
 * memory (-ENOMEM).
 */

#include <linux/cred.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

#include "ntms_request.h"

/**
 * ntms_ops_find_locked() - look up an object of one type
 * @guid: the object
 * @type: the &enum ntms_object_type the call needs
 *
 * Context: &ntms_db.lock held.
 * Return: the object, or NULL when @guid names no object of @type.
 */
struct ntms_object *ntms_ops_find_locked(const struct ntms_guid *guid,
					 u32 type)
{
	struct ntms_object *obj = ntms_object_find_locked(guid);

	if (!obj || obj->type != type)
		return NULL;
	return obj;
}

/**
 * ntms_ops_check_locked() - the library checks of an operation
 * @s: the session
 * @lib: the library the operation acts in
 * @access: NTMS_ACCESS_* the operation needs in @lib
 * @flags: NTMS_OPS_F_*
 *
 * Checks, in the documented order: the operation needs a changer
 * (%NTMS_OPS_F_CHANGER: -EOPNOTSUPP for a standalone drive's library),
 * library valid (-ENODEV: changer removed, or a standalone drive's tape
 * device removed), access (-EACCES), library enabled (-ESHUTDOWN; not
 * with %NTMS_OPS_F_DISABLED).
 *
 * Context: &ntms_db.lock held.
 * Return: 0 or the negative errno of the first check that fails.
 */
int ntms_ops_check_locked(struct ntms_session *s, struct ntms_library *lib,
			  u32 access, unsigned int flags)
{
	ntms_db_assert_held();
	if ((flags & NTMS_OPS_F_CHANGER) &&
	    lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
		return -EOPNOTSUPP;
	if (lib->op_state == NTMS_OPSTATE_NOT_PRESENT)
		return -ENODEV;
	if (!(ntms_session_access(s, lib) & access))
		return -EACCES;
	if (!(flags & NTMS_OPS_F_DISABLED) && !lib->obj.enabled)
		return -ESHUTDOWN;
	return 0;
}

/**
 * ntms_ops_lookup_locked() - find the object an operation names and check
 * that the session may act on it
 * @s: the session
 * @guid: the object
 * @type: the &enum ntms_object_type the operation needs
 * @access: NTMS_ACCESS_* the operation needs in the object's library
 * @flags: NTMS_OPS_F_*
 *
 * The checks every operation on one object makes, in the documented
 * order: object (-ENOENT: unknown, or not of @type), then those of
 * ntms_ops_check_locked() on its library, then the object itself enabled
 * (-ESHUTDOWN; not with %NTMS_OPS_F_DISABLED). The state, database, room
 * and memory checks that follow are the caller's. The library is
 * &ntms_object.lib of the result.
 *
 * Context: &ntms_db.lock held; the object is valid until it is dropped.
 * Return: the object, or an ERR_PTR() of the first check that fails.
 */
struct ntms_object *ntms_ops_lookup_locked(struct ntms_session *s,
					   const struct ntms_guid *guid,
					   u32 type, u32 access,
					   unsigned int flags)
{
	struct ntms_object *obj;
	int ret;

	obj = ntms_ops_find_locked(guid, type);
	if (!obj)
		return ERR_PTR(-ENOENT);
	ret = ntms_ops_check_locked(s, obj->lib, access, flags);
	if (ret)
		return ERR_PTR(ret);
	if (!(flags & NTMS_OPS_F_DISABLED) && !obj->enabled)
		return ERR_PTR(-ESHUTDOWN);
	return obj;
}

/*
 * Copy the @count cartridges of a call from user memory; each may be
 * named once. Return: the array (kfree() it) or an ERR_PTR().
 */
static struct ntms_guid *ntms_ops_copy_media(u64 uptr, u32 count)
{
	struct ntms_guid *media;
	u32 i, j;

	media = memdup_user(u64_to_user_ptr(uptr),
			    array_size(count, sizeof(*media)));
	if (IS_ERR(media))
		return media;
	/* each cartridge once */
	for (i = 0; i < count; i++)
		for (j = 0; j < i; j++)
			if (!memcmp(&media[i], &media[j], sizeof(*media))) {
				kfree(media);
				return ERR_PTR(-EINVAL);
			}
	return media;
}

/*
 * The cartridges of a multi-cartridge call: each one known (-ENOENT),
 * all in one library (-EXDEV), which is returned in @libp.
 */
static int ntms_ops_media_lib_locked(const struct ntms_guid *media, u32 count,
				     struct ntms_library **libp)
{
	struct ntms_library *lib = NULL;
	struct ntms_object *obj;
	u32 i;

	for (i = 0; i < count; i++) {
		obj = ntms_ops_find_locked(&media[i], NTMS_TYPE_PHYSICAL_MEDIA);
		if (!obj)
			return -ENOENT;
		if (lib && obj->lib != lib)
			return -EXDEV;
		lib = obj->lib;
	}
	*libp = lib;
	return 0;
}

/*
 * The last checks before a request is queued, in the documented order:
 * room in the request table (-ENOSPC), then memory (-ENOMEM: @req, the
 * request allocated before the lock was taken, is NULL).
 */
static int ntms_ops_room_locked(struct ntms_request *req)
{
	int ret;

	ret = ntms_request_room_locked();
	if (ret)
		return ret;
	return req ? 0 : -ENOMEM;
}

/*
 * Queue *@reqp in @lib; on success the table owns it (*@reqp is set to
 * NULL) and its GUID is written to @guid.
 */
static int ntms_ops_submit_locked(struct ntms_request **reqp,
				  struct ntms_library *lib,
				  struct ntms_guid *guid)
{
	int ret;

	ret = ntms_request_submit_locked(*reqp, lib);
	if (ret)
		return ret;
	*guid = (*reqp)->obj.guid;
	*reqp = NULL;
	return 0;
}

/*
 * The end of every operation, after the lock is dropped: free a request
 * that was not queued, then return @ret, or copy the request's GUID
 * (zero if none was queued) to @uguid.
 */
static int ntms_ops_reply(struct ntms_request *req, int ret,
			  struct ntms_guid __user *uguid,
			  const struct ntms_guid *guid)
{
	if (req)
		ntms_request_put(req);
	if (ret)
		return ret;
	if (copy_to_user(uguid, guid, sizeof(*guid)))
		return -EFAULT;
	return 0;
}

/*
 * A standalone drive that reported no medium: it is DISMOUNTED (whatever
 * it was before the operator took the cartridge out), and there is
 * nothing to dismount (-ENOMEDIUM).
 */
static int ntms_ops_standalone_empty_locked(struct ntms_drive *d,
					    bool medium)
{
	if (medium)
		return 0;
	if (d->state != NTMS_DRIVE_STATE_DISMOUNTED) {
		d->state = NTMS_DRIVE_STATE_DISMOUNTED;
		d->el.obj.lib->modified_ns = ntms_now_ns();
		ntms_event_post_locked(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
				       &d->el.obj.guid, 0, d->state, NULL);
	}
	return -ENOMEDIUM;
}

/**
 * ntms_ops_dismount_drive() - NTMS_IOC_DISMOUNT_DRIVE
 * @s: the session
 * @argp: user pointer to &struct ntms_dismount_drive
 *
 * Queues the return of the drive's cartridge to its slot. A standalone
 * drive that passes the checks (lookup, access, enabled, not opened) is
 * asked whether it holds a cartridge (TEST UNIT READY, without the lock:
 * it sleeps; the checks are made again after it); if it does, it is made
 * DISMOUNTABLE at once and the request GUID is zero.
 *
 * Context: process context.
 * Return: 0 or a negative errno, see the order above.
 */
int ntms_ops_dismount_drive(struct ntms_session *s, void __user *argp)
{
	struct ntms_dismount_drive __user *udd = argp;
	struct ntms_dismount_drive dd;
	struct ntms_request *req;
	struct ntms_object *obj;
	struct ntms_library *lib;
	struct ntms_drive *d;
	bool medium = true, asked = false;
	int ret;

	if (copy_from_user(&dd, argp, sizeof(dd)))
		return -EFAULT;
	/* no flags are defined */
	if (dd.flags)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(dd.padding, 0, sizeof(dd.padding)))
		return -EINVAL;
	memset(&dd.request, 0, sizeof(dd.request));

	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, NTMS_REQ_OP_DISMOUNT, 1);

	mutex_lock(&ntms_db.lock);
again:
	obj = ntms_ops_lookup_locked(s, &dd.drive, NTMS_TYPE_DRIVE,
				     NTMS_ACCESS_MODIFY, 0);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_unlock;
	d = container_of(obj, struct ntms_drive, el.obj);
	lib = obj->lib;
	if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE) {
		ret = -EBUSY;
		if (ntms_drive_opened_locked(d))
			goto out_unlock;
		if (!asked) {
			/*
			 * No changer: the drive says if it is full. TEST
			 * UNIT READY sleeps, so without the lock, and the
			 * drive is looked up and checked again after it.
			 */
			mutex_unlock(&ntms_db.lock);
			medium = ntms_tape_medium(&dd.drive);
			asked = true;
			mutex_lock(&ntms_db.lock);
			goto again;
		}
		/* nothing to move: the operator takes the cartridge out */
		ret = ntms_ops_standalone_empty_locked(d, medium);
		if (ret)
			goto out_unlock;
		d->state = NTMS_DRIVE_STATE_DISMOUNTABLE;
		lib->modified_ns = ntms_now_ns();
		ntms_event_post_locked(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
				       &obj->guid, 0, d->state, NULL);
		ret = 0;
		goto out_unlock;
	}
	ret = -ENOMEDIUM;
	if (!ntms_drive_full_locked(d))
		goto out_unlock;
	ret = -EBUSY;
	if (ntms_drive_opened_locked(d))
		goto out_unlock;
	ret = -EUCLEAN;
	if (lib->damaged)
		goto out_unlock;
	ret = ntms_ops_room_locked(req);
	if (ret)
		goto out_unlock;
	req->drives[0] = obj->guid;
	if (d->el.media)
		req->media[0] = d->el.media->obj.guid;
	ret = ntms_ops_submit_locked(&req, lib, &dd.request);
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ntms_ops_reply(req, ret, &udd->request, &dd.request);
}

/**
 * ntms_ops_dismount_media() - NTMS_IOC_DISMOUNT_MEDIA
 * @s: the session
 * @argp: user pointer to &struct ntms_dismount_media
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
int ntms_ops_dismount_media(struct ntms_session *s, void __user *argp)
{
	struct ntms_dismount_media __user *udm = argp;
	struct ntms_library *lib = NULL;
	struct ntms_request *req = NULL;
	struct ntms_dismount_media dm;
	struct ntms_guid *media;
	struct ntms_object *obj;
	struct ntms_media *m;
	struct ntms_drive *d;
	u32 i;
	int ret;

	if (copy_from_user(&dm, argp, sizeof(dm)))
		return -EFAULT;
	/* 1..64 cartridges */
	if (!dm.count || dm.count > NTMS_REQUEST_MAX_COUNT)
		return -EINVAL;
	/* only defined options, not both */
	if ((dm.options & ~NTMS_DISMOUNT_F_ALL) ||
	    dm.options == NTMS_DISMOUNT_F_ALL)
		return -EINVAL;
	media = ntms_ops_copy_media(dm.media, dm.count);
	if (IS_ERR(media))
		return PTR_ERR(media);
	memset(&dm.request, 0, sizeof(dm.request));
	if (!(dm.options & NTMS_DISMOUNT_F_DEFERRED))
		req = ntms_request_alloc(s, NTMS_REQ_OP_DISMOUNT, dm.count);

	mutex_lock(&ntms_db.lock);
	ret = ntms_ops_media_lib_locked(media, dm.count, &lib);
	if (ret)
		goto out_unlock;
	ret = ntms_ops_check_locked(s, lib, NTMS_ACCESS_USE, 0);
	if (ret)
		goto out_unlock;
	for (i = 0; i < dm.count; i++) {
		obj = ntms_object_find_locked(&media[i]);
		m = container_of(obj, struct ntms_media, obj);
		ret = -ESHUTDOWN;
		if (!obj->enabled)
			goto out_unlock;
		ret = -ENXIO;
		if (m->mflags & NTMS_MEDIA_OFFLINE)
			goto out_unlock;
		ret = -ENOMEDIUM;
		if (!m->loc || m->loc->obj.type != NTMS_TYPE_DRIVE)
			goto out_unlock;
		d = container_of(m->loc, struct ntms_drive, el);
		ret = -ESHUTDOWN;
		if (!d->el.obj.enabled)
			goto out_unlock;
		ret = -EBUSY;
		if (!(dm.options & NTMS_DISMOUNT_F_DEFERRED) &&
		    ntms_drive_opened_locked(d))
			goto out_unlock;
	}
	if (dm.options & NTMS_DISMOUNT_F_DEFERRED) {
		for (i = 0; i < dm.count; i++) {
			obj = ntms_object_find_locked(&media[i]);
			m = container_of(obj, struct ntms_media, obj);
			d = container_of(m->loc, struct ntms_drive, el);
			d->state = NTMS_DRIVE_STATE_DISMOUNTABLE;
			ntms_event_post_locked(NTMS_EVENT_OBJ_UPDATE,
					       NTMS_TYPE_DRIVE, &d->el.obj.guid,
					       0, d->state, NULL);
		}
		lib->modified_ns = ntms_now_ns();
		ntms_queue_kick_locked(lib);
		ret = 0;
		goto out_unlock;
	}
	ret = -EUCLEAN;
	if (lib->damaged)
		goto out_unlock;
	ret = ntms_ops_room_locked(req);
	if (ret)
		goto out_unlock;
	for (i = 0; i < dm.count; i++) {
		obj = ntms_object_find_locked(&media[i]);
		m = container_of(obj, struct ntms_media, obj);
		req->media[i] = media[i];
		req->drives[i] = m->loc->obj.guid;
	}
	req->options = dm.options;
	ret = ntms_ops_submit_locked(&req, lib, &dm.request);
out_unlock:
	mutex_unlock(&ntms_db.lock);
	kfree(media);
	return ntms_ops_reply(req, ret, &udm->request, &dm.request);
}

/**
 * ntms_ops_set_enabled() - NTMS_IOC_SET_ENABLED
 * @s: the session
 * @argp: user pointer to &struct ntms_set_enabled
 *
 * Enables or disables a drive, a library or a cartridge (MODIFY access).
 * Disabling a drive that holds a cartridge queues its return home when
 * that is possible (library enabled and sound, cartridge not opened,
 * room in the table); the request is returned, else zero.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EFAULT, -ENOENT, -ENODEV, -EACCES, -EALREADY.
 */
int ntms_ops_set_enabled(struct ntms_session *s, void __user *argp)
{
	struct ntms_set_enabled __user *use = argp;
	struct ntms_request *req = NULL;
	struct ntms_set_enabled se;
	struct ntms_object *obj;
	struct ntms_library *lib;
	struct ntms_drive *d;
	int ret;

	if (copy_from_user(&se, argp, sizeof(se)))
		return -EFAULT;
	/* no flags are defined */
	if (se.flags)
		return -EINVAL;
	/* reserved for growth */
	if (se.padding)
		return -EINVAL;
	/* a boolean */
	if (se.enable > 1)
		return -EINVAL;
	/* the three types that can be disabled */
	if (se.type != NTMS_TYPE_DRIVE && se.type != NTMS_TYPE_LIBRARY &&
	    se.type != NTMS_TYPE_PHYSICAL_MEDIA)
		return -EINVAL;
	memset(&se.request, 0, sizeof(se.request));
	if (se.type == NTMS_TYPE_DRIVE && !se.enable)
		req = ntms_request_alloc(s, NTMS_REQ_OP_DISABLE_DRIVE, 1);

	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(&se.object);
	ret = -ENOENT;
	if (!obj)
		goto out_unlock;
	ret = -EINVAL;
	if (obj->type != se.type)
		goto out_unlock;
	lib = obj->lib;
	ret = ntms_ops_check_locked(s, lib, NTMS_ACCESS_MODIFY,
				    NTMS_OPS_F_DISABLED);
	if (ret)
		goto out_unlock;
	ret = -EALREADY;
	if (obj->enabled == se.enable)
		goto out_unlock;
	obj->enabled = se.enable;
	lib->modified_ns = ntms_now_ns();
	ntms_event_post_locked(NTMS_EVENT_OBJ_UPDATE, obj->type, &obj->guid,
			       0, se.enable, NULL);
	ret = 0;
	if (se.enable)
		ntms_queue_kick_locked(lib);
	if (!req || lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE ||
	    !lib->obj.enabled || lib->damaged)
		goto out_unlock;
	d = container_of(obj, struct ntms_drive, el.obj);
	if (!ntms_drive_full_locked(d) || ntms_drive_opened_locked(d) ||
	    ntms_request_room_locked())
		goto out_unlock;
	req->drives[0] = obj->guid;
	if (d->el.media)
		req->media[0] = d->el.media->obj.guid;
	/* the state changed: a failed return home is not an error */
	ntms_ops_submit_locked(&req, lib, &se.request);
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ntms_ops_reply(req, ret, &use->request, &se.request);
}

/**
 * ntms_ops_mount() - NTMS_IOC_MOUNT
 * @s: the session
 * @argp: user pointer to &struct ntms_mount
 *
 * Queues the mount of 1..64 cartridges of one library (USE access), in
 * the drives given (%NTMS_MOUNT_F_SPECIFIC_DRIVE) or chosen when the
 * request runs: empty drives first, then drives whose cartridge is
 * DISMOUNTABLE (sent home first). A mount that cannot run yet is WAITING;
 * with %NTMS_MOUNT_F_ERROR_NOT_AVAILABLE it fails at once with -EBUSY.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EFAULT, -ENOENT, -EXDEV, -ENODEV, -EACCES,
 * -ESHUTDOWN, -ENXIO (offline), -EADDRNOTAVAIL (in a mail slot),
 * -ENOTCONN (a drive asked for has no tape device), -EBUSY, -EUCLEAN,
 * -ENOSPC, -ENOMEM.
 */
int ntms_ops_mount(struct ntms_session *s, void __user *argp)
{
	struct ntms_mount __user *um = argp;
	struct ntms_guid *media, *drives = NULL;
	struct ntms_library *lib = NULL;
	struct ntms_request *req = NULL;
	struct ntms_object *obj;
	struct ntms_media *m;
	struct ntms_mount mt;
	bool specific;
	u32 i;
	int ret;

	if (copy_from_user(&mt, argp, sizeof(mt)))
		return -EFAULT;
	/* 1..64 cartridges */
	if (!mt.count || mt.count > NTMS_REQUEST_MAX_COUNT)
		return -EINVAL;
	/* only defined options */
	if (mt.options & ~NTMS_MOUNT_F_ALL)
		return -EINVAL;
	/* RSM's priority range */
	if (mt.priority < NTMS_PRIORITY_LOWEST ||
	    mt.priority > NTMS_PRIORITY_HIGHEST)
		return -EINVAL;
	/* reserved for growth */
	if (mt.padding)
		return -EINVAL;
	specific = mt.options & NTMS_MOUNT_F_SPECIFIC_DRIVE;
	media = ntms_ops_copy_media(mt.media, mt.count);
	if (IS_ERR(media))
		return PTR_ERR(media);
	if (specific) {
		drives = memdup_user(u64_to_user_ptr(mt.drives),
				     array_size(mt.count, sizeof(*drives)));
		if (IS_ERR(drives)) {
			kfree(media);
			return PTR_ERR(drives);
		}
	}
	memset(&mt.request, 0, sizeof(mt.request));
	req = ntms_request_alloc(s, NTMS_REQ_OP_MOUNT, mt.count);

	mutex_lock(&ntms_db.lock);
	ret = ntms_ops_media_lib_locked(media, mt.count, &lib);
	if (ret)
		goto out_unlock;
	for (i = 0; specific && i < mt.count; i++) {
		obj = ntms_ops_find_locked(&drives[i], NTMS_TYPE_DRIVE);
		ret = -ENOENT;
		if (!obj)
			goto out_unlock;
		ret = -EXDEV;
		if (obj->lib != lib)
			goto out_unlock;
		ret = -ESHUTDOWN;
		if (!obj->enabled)
			goto out_unlock;
	}
	ret = ntms_ops_check_locked(s, lib, NTMS_ACCESS_USE, 0);
	if (ret)
		goto out_unlock;
	ret = -ENODEV;
	if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
		goto out_unlock;
	for (i = 0; i < mt.count; i++) {
		obj = ntms_object_find_locked(&media[i]);
		m = container_of(obj, struct ntms_media, obj);
		ret = -ESHUTDOWN;
		if (!obj->enabled)
			goto out_unlock;
		ret = -ENXIO;
		if (!m->loc)
			goto out_unlock;
		/* in the library, not injected yet */
		ret = -EADDRNOTAVAIL;
		if (m->loc->obj.type == NTMS_TYPE_IEPORT)
			goto out_unlock;
	}
	for (i = 0; specific && i < mt.count; i++) {
		obj = ntms_object_find_locked(&drives[i]);
		/* its tape device is not attached to this host */
		ret = -ENOTCONN;
		if (!container_of(obj, struct ntms_drive, el.obj)->tape)
			goto out_unlock;
	}
	if (mt.options & NTMS_MOUNT_F_ERROR_NOT_AVAILABLE) {
		ret = -ENOMEM;
		if (!req)
			goto out_unlock;
		if (specific)
			memcpy(req->drives, drives,
			       mt.count * sizeof(*drives));
		ret = ntms_queue_mount_plan_locked(lib, media, req->drives,
						   mt.count, specific);
		if (ret == -EAGAIN)
			ret = -EBUSY;
		if (ret)
			goto out_unlock;
	}
	ret = -EUCLEAN;
	if (lib->damaged)
		goto out_unlock;
	ret = ntms_ops_room_locked(req);
	if (ret)
		goto out_unlock;
	memcpy(req->media, media, mt.count * sizeof(*media));
	if (specific)
		memcpy(req->drives, drives, mt.count * sizeof(*drives));
	req->options = mt.options;
	req->priority = mt.priority;
	ret = ntms_ops_submit_locked(&req, lib, &mt.request);
out_unlock:
	mutex_unlock(&ntms_db.lock);
	kfree(media);
	kfree(drives);
	return ntms_ops_reply(req, ret, &um->request, &mt.request);
}

/**
 * ntms_ops_inventory() - NTMS_IOC_INVENTORY
 * @s: the session
 * @argp: user pointer to &struct ntms_inventory
 *
 * Queues an inventory (CONTROL access): FAST reads every element with
 * volume tags; DEFAULT and SLOT first have the changer scan its elements
 * (INITIALIZE ELEMENT STATUS). A good inventory clears a damaged state,
 * so it is accepted in one.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EFAULT, -EOPNOTSUPP (OMID, standalone drive),
 * -ENOENT, -ENODEV, -EACCES, -ESHUTDOWN, -ENOSPC, -ENOMEM.
 */
int ntms_ops_inventory(struct ntms_session *s, void __user *argp)
{
	struct ntms_inventory __user *uinv = argp;
	struct ntms_inventory inv;
	struct ntms_request *req;
	struct ntms_object *obj;
	struct ntms_library *lib;
	int ret;

	if (copy_from_user(&inv, argp, sizeof(inv)))
		return -EFAULT;
	/* no flags are defined */
	if (inv.flags)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(inv.padding, 0, sizeof(inv.padding)))
		return -EINVAL;
	/* on-media identifiers are not read */
	if (inv.action == NTMS_INVENTORY_OMID)
		return -EOPNOTSUPP;
	/* the actions that inventory */
	if (inv.action != NTMS_INVENTORY_FAST &&
	    inv.action != NTMS_INVENTORY_DEFAULT &&
	    inv.action != NTMS_INVENTORY_SLOT)
		return -EINVAL;
	memset(&inv.request, 0, sizeof(inv.request));
	req = ntms_request_alloc(s, NTMS_REQ_OP_INVENTORY, 1);

	mutex_lock(&ntms_db.lock);
	obj = ntms_ops_lookup_locked(s, &inv.library, NTMS_TYPE_LIBRARY,
				     NTMS_ACCESS_CONTROL, NTMS_OPS_F_CHANGER);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_unlock;
	lib = obj->lib;
	ret = ntms_ops_room_locked(req);
	if (ret)
		goto out_unlock;
	req->options = inv.action;
	ret = ntms_ops_submit_locked(&req, lib, &inv.request);
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ntms_ops_reply(req, ret, &uinv->request, &inv.request);
}

/*
 * sysfs on the changer: ntms_modify_gid and ntms_control_gid grant
 * MODIFY (and USE), or CONTROL (and MODIFY and USE), to the members of one
 * group; "-1" withdraws the grant.
 */
static ssize_t ntms_gid_show(struct device *dev, char *buf, bool control)
{
	struct ntms_library *lib = dev_get_drvdata(dev);
	kgid_t gid;

	mutex_lock(&ntms_db.lock);
	gid = control ? lib->control_gid : lib->modify_gid;
	mutex_unlock(&ntms_db.lock);
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
	mutex_lock(&ntms_db.lock);
	if (control)
		lib->control_gid = gid;
	else
		lib->modify_gid = gid;
	mutex_unlock(&ntms_db.lock);
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
DEVICE_ATTR_RW(ntms_modify_gid);

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
DEVICE_ATTR_RW(ntms_control_gid);
