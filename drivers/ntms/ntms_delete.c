// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: forgetting objects (DeleteNtmsRequests, DeleteNtmsLibrary,
 * DeleteNtmsDrive).
 *
 * Ended requests stay in the request table until their room is needed
 * (ntms_request.c); a library whose changer is gone stays NOT_PRESENT so
 * that the same changer coming back finds its objects and GUIDs again
 * (ntms_library.c). An administrator who knows better forgets them here.
 * What is present is never forgotten: a library or drive in use would
 * only be found again by the next read, with new objects.
 */

#include <linux/workqueue.h>

#include "ntms_call.h"
#include "ntms_request.h"

/*
 * The library of @guid, which names an object of @type (the library, or
 * a standalone drive's drive), if it may be forgotten: locked and
 * referenced (ntms_library_unlock_put()), or a negative errno.
 */
static int ntms_delete_find(struct ntms_session *s,
			    const struct ntms_guid *guid, u32 type,
			    struct ntms_library **libp)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	obj = ntms_object_lock(guid, &lib);
	if (!obj)
		return -ENOENT;
	ret = -ENOENT;
	if (obj->type != type)
		goto out_unlock;
	ret = -EACCES;
	if (!(ntms_session_access(s, lib) & NTMS_ACCESS_MODIFY))
		goto out_unlock;
	/* a changer's drive is one of its elements: it goes with it */
	ret = -EBUSY;
	if (type == NTMS_TYPE_DRIVE &&
	    lib->lib_type != NTMS_LIBRARY_TYPE_STANDALONE)
		goto out_unlock;
	if (lib->op_state != NTMS_OPSTATE_NOT_PRESENT)
		goto out_unlock;
	*libp = lib;
	return 0;

out_unlock:
	ntms_library_unlock_put(lib);
	return ret;
}

/*
 * Forget the library of @guid, which names an object of @type: the
 * library itself, or the drive of a standalone drive's library.
 */
static int ntms_delete_library(struct ntms_session *s,
			       const struct ntms_guid *guid, u32 type)
{
	struct ntms_guid lib_guid, drive_guid;
	struct ntms_library *lib;
	int ret;

	ret = ntms_delete_find(s, guid, type, &lib);
	if (ret)
		return ret;
	/*
	 * A remove that has just marked the changer NOT_PRESENT may still
	 * be waiting for the work running on the library's elements: let
	 * it end. Nothing is queued on a library that is gone.
	 */
	mutex_unlock(&lib->lock);
	if (lib->wq)
		flush_workqueue(lib->wq);
	ntms_library_put(lib);

	/* no probe or tape match may find the library while it goes */
	mutex_lock(&ntms_db.topo);
	ret = ntms_delete_find(s, guid, type, &lib);
	if (ret) {
		mutex_unlock(&ntms_db.topo);
		return ret;
	}
	lib_guid = lib->obj.guid;
	drive_guid = lib->nr_drives ? lib->drives[0].el.obj.guid : lib_guid;
	mutex_unlock(&lib->lock);
	ntms_library_forget(lib);
	mutex_unlock(&ntms_db.topo);
	ntms_library_put(lib);

	if (type == NTMS_TYPE_DRIVE)
		ntms_event_post(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_DRIVE,
				&drive_guid, 0, NTMS_OPSTATE_NOT_PRESENT, NULL);
	ntms_event_post(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_LIBRARY, &lib_guid, 0,
			NTMS_OPSTATE_NOT_PRESENT, NULL);
	return 0;
}

/**
 * ntms_delete_ioctl() - NTMS_IOC_DELETE
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_delete
 *
 * Context: process context; sleeps.
 * Return: 0 (@deleted filled in); -EINVAL bad type or count; -EFAULT;
 * -ENOMEM; -ENOENT; -EACCES; -EBUSY the library or drive is present.
 */
int ntms_delete_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_delete *d = c->arg;
	struct ntms_guid *guids;
	int ret;

	d->deleted = 0;
	switch (d->type) {
	case NTMS_TYPE_LIBREQUEST:
	case NTMS_TYPE_OPREQUEST:
		if (!d->count || d->count > NTMS_DELETE_MAX)
			return -EINVAL;
		break;
	case NTMS_TYPE_LIBRARY:
	case NTMS_TYPE_DRIVE:
		if (d->count != 1)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	guids = ntms_call_copy_in(c, d->objects, d->count, sizeof(*guids));
	if (IS_ERR(guids))
		return PTR_ERR(guids);

	switch (d->type) {
	case NTMS_TYPE_LIBREQUEST:
		return ntms_request_delete(s, guids, d->count, &d->deleted);
	case NTMS_TYPE_OPREQUEST:
		return ntms_opreq_delete(s, guids, d->count, &d->deleted);
	default:
		ret = ntms_delete_library(s, guids, d->type);
		if (!ret)
			d->deleted = 1;
		return ret;
	}
}
