// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: IdentifyNtmsSlot (NTMS_IOC_IDENTIFY_SLOT).
 *
 * One storage slot read again, with its volume tag: what the model shows
 * there is replaced by what the changer reports (ntms_move_read(), which
 * reads the whole library when a cartridge turns out to have left the
 * slot, so that it is never shown nowhere). A request of its own, queued
 * like an inventory: the read is robot work on the library's queue.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

static int ntms_identify_run(struct ntms_library *lib,
			     struct ntms_request *req)
{
	struct ntms_object *obj;
	struct ntms_element *el;
	int ret;

	mutex_lock(&lib->lock);
	obj = ntms_check_find_locked(lib, &req->slot, NTMS_TYPE_STORAGESLOT,
				     &ret);
	mutex_unlock(&lib->lock);
	if (!obj)
		return ret;
	el = container_of(obj, struct ntms_element, obj);
	ret = ntms_move_read(lib, el);
	if (ret)
		return ret;
	/* the cartridge found there, for the request's information */
	mutex_lock(&lib->lock);
	if (el->media)
		req->media[0] = el->media->obj.guid;
	mutex_unlock(&lib->lock);
	return 0;
}

static const struct ntms_op ntms_op_identify = {
	.operation = NTMS_REQ_OP_INVENTORY,
	.run = ntms_identify_run,
};

/**
 * ntms_identify_slot_ioctl() - NTMS_IOC_IDENTIFY_SLOT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_identify_slot
 *
 * Queues the read of one storage slot (CONTROL access). A damaged
 * library is no reason to refuse: the read is what repairs its model.
 *
 * Context: process context.
 * Return: 0; -ENOENT (not a storage slot), -ENODEV, -EACCES, -ESHUTDOWN,
 * -ENOSPC, -ENOMEM.
 */
int ntms_identify_slot_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_identify_slot *is = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	memset(&is->request, 0, sizeof(is->request));
	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, &ntms_op_identify, 1);
	obj = ntms_check_lookup(s, &is->slot, NTMS_TYPE_STORAGESLOT,
				NTMS_ACCESS_CONTROL, NTMS_CHECK_CHANGER, &lib);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_put;
	if (req)
		req->slot = obj->guid;
	ret = ntms_check_queue_locked(&req, lib, NTMS_CHECK_DAMAGED, c,
				      &is->request);
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
