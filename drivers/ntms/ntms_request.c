// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: library requests (NTMS_TYPE_LIBREQUEST objects).
 *
 * A request is made by an operation ioctl in two steps. Staged, under
 * its library's lock, once every check has passed: it has its GUID, its
 * room in the bounded request table (module parameter max_requests) and
 * its place in the index, but it is in no queue and no session has been
 * told of it. Published, once the ioctl has copied its GUID to userspace:
 * it is queued and announced (OBJ_INSERT). If that copy fails the request
 * is withdrawn instead, as if it had never been: so a request userspace
 * cannot name never runs.
 *
 * It is then carried out by the library's worker (ntms_queue.c) and,
 * once ended, kept in the table so that it can still be waited for and
 * described, until its room is needed: a new request evicts the oldest
 * ended one. Only when every entry is pending is the table full
 * (-ENOSPC, ERROR_DATABASE_FULL).
 */

#include <linux/cred.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>

#include "ntms_call.h"
#include "ntms_request.h"

unsigned int ntms_max_requests = 1024;
module_param_named(max_requests, ntms_max_requests, uint, 0444);
MODULE_PARM_DESC(max_requests, "size of the request table: requests queued, running or kept after they ended (default 1024)");

/* the request table, oldest first; protected by ntms_db.lock */
static LIST_HEAD(ntms_req_table);
static unsigned int ntms_req_count;	/* entries of ntms_req_table */
static unsigned int ntms_req_ended;	/* of which ended */
static u64 ntms_req_seq;		/* for GUIDs */
static u8 ntms_req_boot[16];		/* makes GUIDs unique across loads */
static DECLARE_WAIT_QUEUE_HEAD(ntms_req_waitq);

static bool ntms_request_ended(u8 state)
{
	return state == NTMS_REQ_PASSED || state == NTMS_REQ_FAILED ||
	       state == NTMS_REQ_CANCELLED || state == NTMS_REQ_STOPPED ||
	       state == NTMS_REQ_INVALID;
}

/* for waiters, without the lock */
static bool ntms_request_done(struct ntms_request *req)
{
	return ntms_request_ended(READ_ONCE(req->state));
}

/**
 * ntms_request_alloc() - allocate a request for a session
 * @s: the session (its application name and user are recorded), or
 *	NULL for a request of the driver's own
 * @op: the operation
 * @count: number of cartridges / drives involved, 1..64
 *
 * Context: process context; allocates with GFP_KERNEL.
 * Return: the request (one reference, not yet in the table) or NULL.
 */
struct ntms_request *ntms_request_alloc(struct ntms_session *s,
					const struct ntms_op *op, u32 count)
{
	struct ntms_request *req;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return NULL;
	req->media = kcalloc(count, sizeof(*req->media), GFP_KERNEL);
	req->drives = kcalloc(count, sizeof(*req->drives), GFP_KERNEL);
	if (!req->media || !req->drives) {
		kfree(req->media);
		kfree(req->drives);
		kfree(req);
		return NULL;
	}
	kref_init(&req->ref);
	INIT_LIST_HEAD(&req->table_node);
	INIT_LIST_HEAD(&req->lib_node);
	INIT_LIST_HEAD(&req->queue_node);
	req->obj.type = NTMS_TYPE_LIBREQUEST;
	req->obj.enabled = 1;
	req->op = op;
	req->owner = s;
	req->count = count;
	req->state = NTMS_REQ_QUEUED;
	/* the driver's own (an automatic cleaning): root's, "ntms" */
	if (!s) {
		strscpy(req->application, "ntms", sizeof(req->application));
		return req;
	}
	req->uid = from_kuid_munged(&init_user_ns, s->cred->uid);
	mutex_lock(&s->lock);
	strscpy(req->application, s->application, sizeof(req->application));
	mutex_unlock(&s->lock);
	return req;
}

static void ntms_request_release(struct kref *ref)
{
	struct ntms_request *req = container_of(ref, struct ntms_request, ref);

	if (req->obj.lib)
		ntms_library_put(req->obj.lib);
	ntms_opreq_put(req->opreq);
	kfree(req->media);
	kfree(req->drives);
	kfree(req);
}

/**
 * ntms_request_put() - drop a reference to a request
 * @req: the request, or NULL
 *
 * Context: any process context.
 */
void ntms_request_put(struct ntms_request *req)
{
	if (req)
		kref_put(&req->ref, ntms_request_release);
}

/**
 * ntms_request_get() - a request by GUID, referenced
 * @guid: the GUID
 *
 * Context: process context; takes &ntms_db.lock.
 * Return: the request (ntms_request_put() it), or NULL: unknown, not a
 * request, or not published.
 */
struct ntms_request *ntms_request_get(const struct ntms_guid *guid)
{
	struct ntms_request *req = NULL;
	struct ntms_object *obj;

	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(guid);
	if (obj && obj->type == NTMS_TYPE_LIBREQUEST) {
		req = container_of(obj, struct ntms_request, obj);
		if (list_empty(&req->lib_node))
			req = NULL;	/* staged: nobody may know it yet */
		else
			kref_get(&req->ref);
	}
	mutex_unlock(&ntms_db.lock);
	return req;
}

/* take an ended request out of the table and the index; the caller
 * puts the table's reference
 */
static void ntms_request_evict_locked(struct ntms_request *req)
{
	ntms_db_assert_held();
	list_del_init(&req->table_node);
	list_del_init(&req->lib_node);
	ntms_object_del_locked(&req->obj);
	ntms_req_count--;
	ntms_req_ended--;
}

/**
 * ntms_request_room() - is there room for one more request?
 *
 * Context: process context; takes &ntms_db.lock.
 * Return: 0, or -ENOSPC when every entry of the table is pending.
 */
int ntms_request_room(void)
{
	int ret = 0;

	mutex_lock(&ntms_db.lock);
	if (ntms_req_count >= ntms_max_requests && !ntms_req_ended)
		ret = -ENOSPC;
	mutex_unlock(&ntms_db.lock);
	return ret;
}

/* the oldest ended request, taken out of the table, or NULL */
static struct ntms_request *ntms_request_evict_oldest_locked(void)
{
	struct ntms_request *old;

	list_for_each_entry(old, &ntms_req_table, table_node) {
		if (ntms_request_ended(READ_ONCE(old->state))) {
			ntms_request_evict_locked(old);
			return old;
		}
	}
	return NULL;
}

/**
 * ntms_request_delete() - take ended requests out of the table
 * @s: the session (MODIFY access to each request's library)
 * @guids: the requests
 * @n: entries of @guids
 * @deleted: out: how many left the table
 *
 * DeleteNtmsRequests(): requests that have not ended, and GUIDs that
 * name no request, are skipped. Access is checked for every request
 * before any is deleted. Each one deleted is announced (OBJ_DELETE).
 *
 * Context: process context; takes &ntms_db.lock.
 * Return: 0 or -EACCES.
 */
int ntms_request_delete(struct ntms_session *s, const struct ntms_guid *guids,
			u32 n, u32 *deleted)
{
	struct ntms_request *req, *tmp;
	struct ntms_object *obj;
	LIST_HEAD(gone);
	int ret = 0;
	u32 i;

	*deleted = 0;
	mutex_lock(&ntms_db.lock);
	for (i = 0; i < n && !ret; i++) {
		obj = ntms_object_find_locked(&guids[i]);
		if (obj && obj->type == NTMS_TYPE_LIBREQUEST &&
		    !(ntms_session_access(s, obj->lib) & NTMS_ACCESS_MODIFY))
			ret = -EACCES;
	}
	for (i = 0; i < n && !ret; i++) {
		obj = ntms_object_find_locked(&guids[i]);
		if (!obj || obj->type != NTMS_TYPE_LIBREQUEST)
			continue;
		req = container_of(obj, struct ntms_request, obj);
		if (list_empty(&req->lib_node) ||
		    !ntms_request_ended(READ_ONCE(req->state)))
			continue;
		ntms_request_evict_locked(req);
		list_add_tail(&req->table_node, &gone);
	}
	mutex_unlock(&ntms_db.lock);

	list_for_each_entry_safe(req, tmp, &gone, table_node) {
		list_del_init(&req->table_node);
		ntms_event_post(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_LIBREQUEST,
				&req->obj.guid, 0, READ_ONCE(req->state), NULL);
		ntms_request_put(req);
		(*deleted)++;
	}
	return ret;
}

/**
 * ntms_request_stage_locked() - give a request its GUID and its room
 * @req: the request, filled in; the caller's reference passes to the
 *	table on success
 * @lib: its library
 *
 * The request is QUEUED but in no queue: ntms_request_publish() queues
 * it, ntms_request_withdraw() forgets it. A full table first evicts its
 * oldest ended request.
 *
 * Context: @lib's lock held.
 * Return: 0; -ENOSPC the table is full; -ENOMEM or -ENOSPC from the
 * object index. On failure the caller still owns @req.
 */
int ntms_request_stage_locked(struct ntms_request *req,
			      struct ntms_library *lib)
{
	struct ntms_request *old = NULL;
	int ret;

	ntms_lib_assert_held(lib);
	mutex_lock(&ntms_db.lock);
	if (ntms_req_count >= ntms_max_requests) {
		old = ntms_request_evict_oldest_locked();
		if (!old) {
			mutex_unlock(&ntms_db.lock);
			return -ENOSPC;
		}
	}
	if (!ntms_req_seq)
		get_random_bytes(ntms_req_boot, sizeof(ntms_req_boot));
	ntms_req_seq++;
	ntms_guid_make(&req->obj.guid, NTMS_TYPE_LIBREQUEST, ntms_req_boot,
		       sizeof(ntms_req_boot), &ntms_req_seq,
		       sizeof(ntms_req_seq), lib->index);
	list_add_tail(&req->table_node, &ntms_req_table);
	ntms_req_count++;
	mutex_unlock(&ntms_db.lock);

	if (old) {
		ntms_event_post(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_LIBREQUEST,
				&old->obj.guid, 0, READ_ONCE(old->state), NULL);
		ntms_request_put(old);
	}

	req->obj.lib = lib;
	ret = ntms_object_add(&req->obj);
	if (ret) {
		req->obj.lib = NULL;
		mutex_lock(&ntms_db.lock);
		list_del_init(&req->table_node);
		ntms_req_count--;
		mutex_unlock(&ntms_db.lock);
		return ret;
	}
	kref_get(&lib->ref);
	req->queued_ns = ntms_now_ns();
	return 0;
}

/* insert into the library's queue: by priority, FIFO among equals */
static void ntms_request_enqueue_locked(struct ntms_request *req,
					struct ntms_library *lib)
{
	struct ntms_request *pos;

	list_for_each_entry(pos, &lib->queue, queue_node) {
		if (pos->priority < req->priority) {
			list_add_tail(&req->queue_node, &pos->queue_node);
			return;
		}
	}
	list_add_tail(&req->queue_node, &lib->queue);
}

/**
 * ntms_request_publish() - queue a staged request
 * @req: the request; its GUID has reached userspace
 *
 * The request joins its library's list and queue, the sessions are told
 * (OBJ_INSERT) and the library's worker is started. A library that went
 * away meanwhile ends it FAILED with ENODEV at once.
 *
 * Context: process context; no lock held.
 */
void ntms_request_publish(struct ntms_request *req)
{
	struct ntms_library *lib = req->obj.lib;

	mutex_lock(&lib->lock);
	mutex_lock(&ntms_db.lock);
	list_add_tail(&req->lib_node, &lib->requests);
	mutex_unlock(&ntms_db.lock);
	req->published = true;
	lib->nr_pending++;
	ntms_request_enqueue_locked(req, lib);
	ntms_event_post(NTMS_EVENT_OBJ_INSERT, NTMS_TYPE_LIBREQUEST,
			&req->obj.guid, 0, NTMS_REQ_QUEUED, req->owner);
	if (lib->op_state == NTMS_OPSTATE_NOT_PRESENT)
		ntms_request_finish_locked(req, -ENODEV);
	else
		queue_work(lib->wq, &lib->queue_work);
	mutex_unlock(&lib->lock);
}

/**
 * ntms_request_withdraw() - forget a staged request
 * @req: the request, whose GUID could not be given to userspace
 *
 * Nobody was told of it: it leaves the table and the index silently.
 *
 * Context: process context; no lock held.
 */
void ntms_request_withdraw(struct ntms_request *req)
{
	mutex_lock(&ntms_db.lock);
	list_del_init(&req->table_node);
	ntms_req_count--;
	mutex_unlock(&ntms_db.lock);
	ntms_object_del(&req->obj);
	ntms_request_put(req);
}

/**
 * ntms_request_finish_locked() - end a request
 * @req: a pending request (QUEUED, WAITING or INPROCESS)
 * @err: 0 (PASSED), -ECANCELED (CANCELLED) or another negative errno
 *	(FAILED): one of the uapi table's
 *
 * Wakes every waiter and tells the sessions (COMPLETE).
 *
 * Context: the request's library lock held.
 */
void ntms_request_finish_locked(struct ntms_request *req, int err)
{
	struct ntms_library *lib = req->obj.lib;
	u8 state;

	ntms_lib_assert_held(lib);
	if (ntms_request_ended(req->state))
		return;
	if (!err)
		state = NTMS_REQ_PASSED;
	else if (err == -ECANCELED)
		state = NTMS_REQ_CANCELLED;
	else
		state = NTMS_REQ_FAILED;
	list_del_init(&req->queue_node);
	req->error = -err;
	req->completed_ns = ntms_now_ns();
	WRITE_ONCE(req->state, state);
	lib->nr_pending--;
	mutex_lock(&ntms_db.lock);
	ntms_req_ended++;
	mutex_unlock(&ntms_db.lock);
	ntms_event_post(NTMS_EVENT_COMPLETE, NTMS_TYPE_LIBREQUEST,
			&req->obj.guid, req->error, state, req->owner);
	/* nobody needs the cartridge asked for any more */
	if (req->opreq)
		ntms_opreq_end(req->opreq, false);
	wake_up_all(&ntms_req_waitq);
}

/**
 * ntms_request_set_waiting_locked() - a request cannot run yet
 * @req: a QUEUED or WAITING request
 *
 * Context: the request's library lock held.
 */
void ntms_request_set_waiting_locked(struct ntms_request *req)
{
	ntms_lib_assert_held(req->obj.lib);
	if (req->state == NTMS_REQ_WAITING)
		return;
	WRITE_ONCE(req->state, NTMS_REQ_WAITING);
	ntms_event_post(NTMS_EVENT_SIGNAL, NTMS_TYPE_LIBREQUEST,
			&req->obj.guid, 0, NTMS_REQ_WAITING, req->owner);
}

/**
 * ntms_request_info_locked() - describe a request
 * @req: the request
 * @oi: filled in (the caller has zeroed @oi->u)
 *
 * Context: the request's library lock held.
 */
void ntms_request_info_locked(struct ntms_request *req,
			      struct ntms_object_info *oi)
{
	struct ntms_request_info *ri = &oi->u.request;

	ri->operation = req->op->operation;
	ri->options = req->options;
	ri->state = req->state;
	ri->error = req->error;
	ri->priority = req->priority;
	ri->library = req->obj.lib->obj.guid;
	ri->drive = req->drives[0];
	ri->media = req->media[0];
	ri->slot = req->slot;
	ri->queued_ns = req->queued_ns;
	ri->completed_ns = req->completed_ns;
	strscpy(ri->application, req->application, sizeof(ri->application));
	ri->user = req->uid;
	oi->created_ns = req->queued_ns;
	oi->modified_ns = req->completed_ns ? req->completed_ns :
			  req->queued_ns;
	snprintf(oi->name, sizeof(oi->name), "request %llu",
		 (unsigned long long)req->queued_ns);
}

/**
 * ntms_request_names_locked() - is an element's content what a request
 * acts on?
 * @req: a pending request
 * @el: an element of its library
 *
 * True when @req names the cartridge in @el, the drive @el, or @el as the
 * source of a move: @el's content is about to change.
 *
 * Context: the library's lock held.
 * Return: true or false.
 */
bool ntms_request_names_locked(struct ntms_request *req,
			       struct ntms_element *el)
{
	u32 i;

	ntms_lib_assert_held(el->obj.lib);
	if ((req->op->operation == NTMS_REQ_OP_MOVE ||
	     req->op->operation == NTMS_REQ_OP_EXCHANGE) &&
	    req->addr[0] == el->addr)
		return true;
	for (i = 0; i < req->count; i++) {
		if (el->media && !memcmp(&req->media[i], &el->media->obj.guid,
					 sizeof(req->media[i])))
			return true;
		if (el->obj.type == NTMS_TYPE_DRIVE &&
		    !memcmp(&req->drives[i], &el->obj.guid,
			    sizeof(req->drives[i])))
			return true;
	}
	return false;
}

/**
 * ntms_request_enum_locked() - list a library's requests
 * @lib: the library
 * @out: where to write the GUIDs from index @n, or NULL to count
 * @n: index of the first entry to write
 *
 * Context: &ntms_db.lock held.
 * Return: the number of requests.
 */
u32 ntms_request_enum_locked(struct ntms_library *lib, struct ntms_guid *out,
			     u32 n)
{
	struct ntms_request *req;
	u32 c = 0;

	ntms_db_assert_held();
	list_for_each_entry(req, &lib->requests, lib_node) {
		if (out)
			out[n + c] = req->obj.guid;
		c++;
	}
	return c;
}

/**
 * ntms_request_wait_ioctl() - NTMS_IOC_REQUEST_WAIT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_request_wait
 *
 * Any session that can name the request may wait for it.
 *
 * Context: process context; sleeps interruptibly, no lock held.
 * Return: 0 (ended; state and error filled in); -ETIMEDOUT (state filled
 * in); -ENOENT; -ERESTARTSYS.
 */
int ntms_request_wait_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_request_wait *rw = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	long left;
	int ret = 0;

	req = ntms_request_get(&rw->request);
	if (!req)
		return -ENOENT;
	if (rw->timeout_ms == NTMS_WAIT_INFINITE) {
		ret = wait_event_interruptible(ntms_req_waitq,
					       ntms_request_done(req));
	} else if (rw->timeout_ms) {
		left = wait_event_interruptible_timeout(ntms_req_waitq,
							ntms_request_done(req),
							msecs_to_jiffies(rw->timeout_ms));
		if (left < 0)
			ret = left;
	}
	lib = req->obj.lib;
	mutex_lock(&lib->lock);
	rw->state = req->state;
	rw->error = req->error;
	mutex_unlock(&lib->lock);
	ntms_request_put(req);
	if (ret)
		return ret;
	if (ntms_request_ended(rw->state))
		return 0;
	c->write_back = true;
	return -ETIMEDOUT;
}

/**
 * ntms_request_cancel_ioctl() - NTMS_IOC_REQUEST_CANCEL
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_request_cancel
 *
 * A request that has not started (QUEUED or WAITING) is CANCELLED. The
 * session that queued it may cancel it; others need CONTROL access to
 * the library.
 *
 * Context: process context.
 * Return: 0; -ESRCH running or ended; -ENOENT; -EACCES.
 */
int ntms_request_cancel_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_request_cancel *rc = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	int ret;

	req = ntms_request_get(&rc->request);
	if (!req)
		return -ENOENT;
	lib = req->obj.lib;
	mutex_lock(&lib->lock);
	ret = -EACCES;
	if (req->owner != s &&
	    !(ntms_session_access(s, lib) & NTMS_ACCESS_CONTROL))
		goto out_unlock;
	ret = -ESRCH;
	if (req->state != NTMS_REQ_QUEUED && req->state != NTMS_REQ_WAITING)
		goto out_unlock;
	ntms_request_finish_locked(req, -ECANCELED);
	ret = 0;
out_unlock:
	mutex_unlock(&lib->lock);
	ntms_request_put(req);
	return ret;
}

/**
 * ntms_request_drives_ioctl() - NTMS_IOC_REQUEST_DRIVES
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_request_drives
 *
 * Copies out a request's cartridges and the drive of each. Any session
 * that can name the request may ask, as for its information.
 *
 * Context: process context.
 * Return: 0; -EOVERFLOW (count written back); -ENOENT; -ENOMEM; -EFAULT.
 */
int ntms_request_drives_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_request_drives *rd = c->arg;
	struct ntms_guid *media, *drives;
	struct ntms_request *req;
	struct ntms_library *lib;
	u32 n = 0;
	int ret;

	/* no allocation under the lock: room for the most there can be */
	media = kcalloc(NTMS_REQUEST_MAX_COUNT, sizeof(*media), GFP_KERNEL);
	drives = kcalloc(NTMS_REQUEST_MAX_COUNT, sizeof(*drives), GFP_KERNEL);
	ret = -ENOMEM;
	if (!media || !drives)
		goto out_free;
	req = ntms_request_get(&rd->request);
	ret = -ENOENT;
	if (!req)
		goto out_free;
	lib = req->obj.lib;
	mutex_lock(&lib->lock);
	if (req->op->moves)
		n = min_t(u32, req->count, NTMS_REQUEST_MAX_COUNT);
	memcpy(media, req->media, n * sizeof(*media));
	memcpy(drives, req->drives, n * sizeof(*drives));
	mutex_unlock(&lib->lock);
	ntms_request_put(req);

	ret = n > rd->count ? -EOVERFLOW : 0;
	rd->count = n;
	c->write_back = true;
	/* the call owns what it copies out: nothing is freed twice */
	if (!ret && rd->media) {
		ret = ntms_call_copy_out(c, rd->media, media,
					 n * sizeof(*media));
		media = NULL;
	}
	if (!ret && rd->drives) {
		ret = ntms_call_copy_out(c, rd->drives, drives,
					 n * sizeof(*drives));
		drives = NULL;
	}
out_free:
	kfree(media);
	kfree(drives);
	return ret;
}

/**
 * ntms_request_session_close() - a session ends
 * @s: the session
 *
 * Its mounts that have not started are cancelled; everything else it
 * queued (dismounts, moves already started) is carried out.
 *
 * Context: process context.
 */
void ntms_request_session_close(struct ntms_session *s)
{
	struct ntms_request *req;
	struct ntms_library *lib;
	bool found;

	do {
		found = false;
		mutex_lock(&ntms_db.lock);
		list_for_each_entry(req, &ntms_req_table, table_node) {
			if (req->owner == s) {
				kref_get(&req->ref);
				found = true;
				break;
			}
		}
		mutex_unlock(&ntms_db.lock);
		if (!found)
			break;
		lib = req->obj.lib;
		mutex_lock(&lib->lock);
		mutex_lock(&ntms_db.lock);
		req->owner = NULL;
		mutex_unlock(&ntms_db.lock);
		if (req->op->operation == NTMS_REQ_OP_MOUNT &&
		    (req->state == NTMS_REQ_QUEUED ||
		     req->state == NTMS_REQ_WAITING))
			ntms_request_finish_locked(req, -ECANCELED);
		mutex_unlock(&lib->lock);
		ntms_request_put(req);
	} while (found);
}

/**
 * ntms_request_exit() - forget every request
 *
 * Context: module exit, after every changer was removed (their requests
 * have ended).
 */
void ntms_request_exit(void)
{
	struct ntms_request *req;
	struct ntms_library *lib;

	for (;;) {
		mutex_lock(&ntms_db.lock);
		req = list_first_entry_or_null(&ntms_req_table,
					       struct ntms_request, table_node);
		if (req)
			kref_get(&req->ref);
		mutex_unlock(&ntms_db.lock);
		if (!req)
			break;
		lib = req->obj.lib;
		mutex_lock(&lib->lock);
		if (WARN_ON_ONCE(!ntms_request_ended(req->state)))
			ntms_request_finish_locked(req, -ENODEV);
		mutex_unlock(&lib->lock);
		mutex_lock(&ntms_db.lock);
		ntms_request_evict_locked(req);
		mutex_unlock(&ntms_db.lock);
		/* the table's reference, then ours */
		ntms_request_put(req);
		ntms_request_put(req);
	}
}
