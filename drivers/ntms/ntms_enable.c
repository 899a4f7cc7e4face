// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: EnableNtmsObject and DisableNtmsObject (NTMS_IOC_SET_ENABLED).
 *
 * Drives, libraries and cartridges can be disabled (MODIFY access).
 * Disabling a drive that holds a cartridge queues its return home when
 * that is possible (library enabled and sound, cartridge not opened,
 * room in the table): a request of its own operation, DISABLE_DRIVE,
 * carried out as a dismount.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_request.h"

/* after disabling drive @d: queue its cartridge's return, if possible */
static void ntms_enable_send_home_locked(struct ntms_library *lib,
					 struct ntms_drive *d,
					 struct ntms_request **reqp,
					 struct ntms_call *c,
					 struct ntms_guid *request)
{
	struct ntms_request *req = *reqp;

	if (lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE || !lib->obj.enabled ||
	    ntms_drive_check_unload_locked(d))
		return;
	req->drives[0] = d->el.obj.guid;
	if (d->el.media)
		req->media[0] = d->el.media->obj.guid;
	/* the state changed: a return home that cannot be queued is no error */
	ntms_check_queue_locked(reqp, lib, 0, c, request);
}

/**
 * ntms_enable_ioctl() - NTMS_IOC_SET_ENABLED
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_set_enabled
 *
 * Context: process context.
 * Return: 0; -EINVAL (type), -ENOENT, -ENODEV, -EACCES, -EALREADY.
 */
int ntms_enable_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_set_enabled *se = c->arg;
	struct ntms_request *req = NULL;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	/* a boolean */
	if (se->enable > 1)
		return -EINVAL;
	/* the three types that can be disabled */
	if (se->type != NTMS_TYPE_DRIVE && se->type != NTMS_TYPE_LIBRARY &&
	    se->type != NTMS_TYPE_PHYSICAL_MEDIA)
		return -EINVAL;
	memset(&se->request, 0, sizeof(se->request));
	if (se->type == NTMS_TYPE_DRIVE && !se->enable)
		req = ntms_request_alloc(s, &ntms_op_disable_drive, 1);

	obj = ntms_object_lock(&se->object, &lib);
	ret = -ENOENT;
	if (!obj)
		goto out_put;
	ret = -EINVAL;
	if (obj->type != se->type)
		goto out_unlock;
	ret = ntms_check_library_locked(s, lib, NTMS_ACCESS_MODIFY,
					NTMS_CHECK_DISABLED);
	if (ret)
		goto out_unlock;
	ret = -EALREADY;
	if (obj->enabled == se->enable)
		goto out_unlock;
	obj->enabled = se->enable;
	ntms_library_touch_locked(lib);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, obj->type, &obj->guid, 0,
			se->enable, NULL);
	ret = 0;
	if (se->enable)
		ntms_queue_kick_locked(lib);
	else if (req)
		ntms_enable_send_home_locked(lib, container_of(obj,
							       struct ntms_drive,
							       el.obj),
					     &req, c, &se->request);
out_unlock:
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
