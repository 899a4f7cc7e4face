// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the place of a request in its library's queue
 * (GetNtmsRequestOrder, SetNtmsRequestOrder).
 *
 * A library's queue (&ntms_library.queue) is the order in which its
 * worker looks at the requests that have not started: the first one
 * that may run, runs. Requests join it by priority (ntms_request.c); an
 * administrator may then move one anywhere. The place reported is the
 * position in that list, so what is read is what will happen.
 */

#include "ntms_call.h"
#include "ntms_request.h"

/* 1-based place of @req in its library's queue, 0 when not in it */
static u32 ntms_order_of_locked(struct ntms_library *lib,
				struct ntms_request *req)
{
	struct ntms_request *pos;
	u32 n = 0;

	if (req->state != NTMS_REQ_QUEUED && req->state != NTMS_REQ_WAITING)
		return 0;
	list_for_each_entry(pos, &lib->queue, queue_node) {
		n++;
		if (pos == req)
			return n;
	}
	return 0;
}

/* put @req at place @order (1-based; past the end: last) */
static void ntms_order_move_locked(struct ntms_library *lib,
				   struct ntms_request *req, u32 order)
{
	struct ntms_request *pos;
	u32 n = 1;

	list_del(&req->queue_node);
	list_for_each_entry(pos, &lib->queue, queue_node) {
		if (n++ == order) {
			list_add_tail(&req->queue_node, &pos->queue_node);
			return;
		}
	}
	list_add_tail(&req->queue_node, &lib->queue);
}

/**
 * ntms_request_order_ioctl() - NTMS_IOC_REQUEST_ORDER
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_request_order
 *
 * Reads (MODIFY access to the request's library, as RSM's protocol
 * asks) or, with
 * %NTMS_ORDER_F_SET, changes (CONTROL access) the place of a request
 * among the requests of its library that have not started.
 *
 * Context: process context.
 * Return: 0; -EINVAL place 0; -ENOENT unknown request; -EACCES; -ESRCH
 * moving a request that runs or has ended.
 */
int ntms_request_order_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_request_order *ro = c->arg;
	bool set = ro->flags & NTMS_ORDER_F_SET;
	struct ntms_request *req;
	struct ntms_library *lib;
	int ret;

	if (set && !ro->order)
		return -EINVAL;
	req = ntms_request_get(&ro->request);
	if (!req)
		return -ENOENT;
	lib = req->obj.lib;
	mutex_lock(&lib->lock);
	ret = -EACCES;
	if (!(ntms_session_access(s, lib) &
	      (set ? NTMS_ACCESS_CONTROL : NTMS_ACCESS_MODIFY)))
		goto out_unlock;
	ret = 0;
	if (!set) {
		ro->order = ntms_order_of_locked(lib, req);
		goto out_unlock;
	}
	if (!ntms_order_of_locked(lib, req)) {
		ret = -ESRCH;
		goto out_unlock;
	}
	ntms_order_move_locked(lib, req, ro->order);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_LIBREQUEST,
			&req->obj.guid, 0, req->state, req->owner);
	ntms_queue_kick_locked(lib);
out_unlock:
	mutex_unlock(&lib->lock);
	ntms_request_put(req);
	return ret;
}
