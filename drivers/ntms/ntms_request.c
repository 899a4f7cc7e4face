// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: library requests (NTMS_TYPE_LIBREQUEST objects).
 *
 * A request is created by an operation ioctl, recorded in the bounded
 * request table (module parameter max_requests) and in its library's
 * queue, carried out by the library's worker (ntms_queue.c) and, once
 * ended, kept in the table so that it can still be waited for and
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
#include <linux/uaccess.h>
#include <linux/wait.h>

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
 * @s: the session (its application name and user are recorded)
 * @op: NTMS_REQ_OP_*
 * @count: number of cartridges / drives involved, 1..64
 *
 * Context: process context; allocates with GFP_KERNEL.
 * Return: the request (one reference, not yet in the table) or NULL.
 */
struct ntms_request *ntms_request_alloc(struct ntms_session *s, u32 op,
					u32 count)
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
	req->owner = s;
	req->operation = op;
	req->count = count;
	req->state = NTMS_REQ_QUEUED;
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
	kfree(req->media);
	kfree(req->drives);
	kfree(req);
}

/**
 * ntms_request_put() - drop a reference to a request
 * @req: the request
 *
 * Context: any process context, also under &ntms_db.lock.
 */
void ntms_request_put(struct ntms_request *req)
{
	kref_put(&req->ref, ntms_request_release);
}

/* take an ended request out of the table */
static void ntms_request_evict_locked(struct ntms_request *req)
{
	ntms_db_assert_held();
	list_del_init(&req->table_node);
	list_del_init(&req->lib_node);
	ntms_event_post_locked(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_LIBREQUEST,
			       &req->obj.guid, 0, req->state, NULL);
	ntms_object_del_locked(&req->obj);
	ntms_req_count--;
	ntms_req_ended--;
	ntms_request_put(req);
}

/**
 * ntms_request_room_locked() - is there room for one more request?
 *
 * Context: &ntms_db.lock held.
 * Return: 0, or -ENOSPC when every entry of the table is pending.
 */
int ntms_request_room_locked(void)
{
	ntms_db_assert_held();
	if (ntms_req_count < ntms_max_requests || ntms_req_ended)
		return 0;
	return -ENOSPC;
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
 * ntms_request_submit_locked() - record a request and queue it
 * @req: the request, filled in; the caller's reference passes to the table
 * @lib: its library (present)
 *
 * On success the request is QUEUED and the library's worker is kicked.
 *
 * Context: &ntms_db.lock held.
 * Return: 0; -ENOSPC the table is full; -ENOMEM or -ENOSPC from the
 * object index. On failure the caller still owns @req.
 */
int ntms_request_submit_locked(struct ntms_request *req,
			       struct ntms_library *lib)
{
	struct ntms_request *old;
	int ret;

	ntms_db_assert_held();
	if (ntms_req_count >= ntms_max_requests) {
		ret = -ENOSPC;
		list_for_each_entry(old, &ntms_req_table, table_node) {
			if (ntms_request_ended(old->state)) {
				ntms_request_evict_locked(old);
				ret = 0;
				break;
			}
		}
		if (ret)
			return ret;
	}
	if (!ntms_req_seq)
		get_random_bytes(ntms_req_boot, sizeof(ntms_req_boot));
	ntms_req_seq++;
	ntms_guid_make(&req->obj.guid, NTMS_TYPE_LIBREQUEST, ntms_req_boot,
		       sizeof(ntms_req_boot), &ntms_req_seq,
		       sizeof(ntms_req_seq), lib->index);
	req->obj.lib = lib;
	ret = ntms_object_add_locked(&req->obj);
	if (ret) {
		req->obj.lib = NULL;
		return ret;
	}
	kref_get(&lib->ref);
	req->queued_ns = ntms_now_ns();
	WRITE_ONCE(req->state, NTMS_REQ_QUEUED);
	list_add_tail(&req->table_node, &ntms_req_table);
	list_add_tail(&req->lib_node, &lib->requests);
	ntms_req_count++;
	lib->nr_pending++;
	ntms_request_enqueue_locked(req, lib);
	ntms_event_post_locked(NTMS_EVENT_OBJ_INSERT, NTMS_TYPE_LIBREQUEST,
			       &req->obj.guid, 0, NTMS_REQ_QUEUED, req->owner);
	queue_work(lib->wq, &lib->queue_work);
	return 0;
}

/*
 * The errnos a request may end with, as the uapi errno table names them.
 * A changer still becoming ready after ready_timeout is not ready: the
 * sense table says -EHOSTDOWN. Anything else the SCSI layer or the queue
 * produced (a destination that turned out full, an element address the
 * changer refused, ...) is the device failing the command: -EIO.
 */
static int ntms_request_uapi_errno(int err)
{
	switch (err) {
	case 0:
	case -ECANCELED:
	case -ETIMEDOUT:
	case -EIO:
	case -EBUSY:
	case -ENOMEDIUM:
	case -ENODEV:
	case -ENXIO:
	case -EHOSTDOWN:
	case -ESHUTDOWN:
	case -EUCLEAN:
	case -ENOMEM:
	case -ENOSPC:
	case -EPERM:
	case -EACCES:
	case -EOPNOTSUPP:
	case -EINVAL:
	case -EROFS:
	case -EAGAIN:		/* eject: no empty mail slot */
	case -EALREADY:		/* eject: already in a mail slot */
	case -ENOENT:		/* an object gone before the request ran */
	case -EXDEV:		/* an object of another library */
	case -EXFULL:		/* no empty storage slot */
	case -ENODATA:		/* inject: nothing in the mail slots */
	case -EADDRNOTAVAIL:	/* mount: the cartridge is in a mail slot */
	case -ENOTCONN:		/* mount: the drive's tape device is gone */
		return err;
	default:
		return -EIO;
	}
}

/**
 * ntms_request_finish_locked() - end a request
 * @req: a pending request (QUEUED, WAITING or INPROCESS)
 * @err: 0 (PASSED), -ECANCELED (CANCELLED) or another negative errno
 *	(FAILED)
 *
 * Wakes every waiter.
 *
 * Context: &ntms_db.lock held.
 */
void ntms_request_finish_locked(struct ntms_request *req, int err)
{
	struct ntms_library *lib = req->obj.lib;
	u8 state;

	ntms_db_assert_held();
	if (ntms_request_ended(req->state))
		return;
	err = ntms_request_uapi_errno(err);
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
	ntms_req_ended++;
	ntms_event_post_locked(NTMS_EVENT_COMPLETE, NTMS_TYPE_LIBREQUEST,
			       &req->obj.guid, req->error, state, req->owner);
	wake_up_all(&ntms_req_waitq);
}

/**
 * ntms_request_find_locked() - look up a request by GUID
 * @guid: the GUID
 *
 * Context: &ntms_db.lock held.
 * Return: the request, or NULL (unknown, or not a request).
 */
struct ntms_request *ntms_request_find_locked(const struct ntms_guid *guid)
{
	struct ntms_object *obj;

	obj = ntms_object_find_locked(guid);
	if (!obj || obj->type != NTMS_TYPE_LIBREQUEST)
		return NULL;
	return container_of(obj, struct ntms_request, obj);
}

/**
 * ntms_request_info_locked() - describe a request
 * @req: the request
 * @oi: filled in (the caller has zeroed @oi->u)
 *
 * Context: &ntms_db.lock held.
 */
void ntms_request_info_locked(struct ntms_request *req,
			      struct ntms_object_info *oi)
{
	struct ntms_request_info *ri = &oi->u.request;

	ri->operation = req->operation;
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

	list_for_each_entry(req, &lib->requests, lib_node) {
		if (out)
			out[n + c] = req->obj.guid;
		c++;
	}
	return c;
}

/**
 * ntms_request_wait() - NTMS_IOC_REQUEST_WAIT
 * @s: the session
 * @argp: user pointer to &struct ntms_request_wait
 *
 * Any session that can name the request may wait for it.
 *
 * Context: process context; sleeps interruptibly, no lock held.
 * Return: 0 (ended; state and error filled in); -ETIMEDOUT (state filled
 * in); -ENOENT; -EINVAL; -EFAULT; -ERESTARTSYS.
 */
int ntms_request_wait(struct ntms_session *s, void __user *argp)
{
	struct ntms_request_wait rw;
	struct ntms_request *req;
	long left;
	int ret = 0;

	if (copy_from_user(&rw, argp, sizeof(rw)))
		return -EFAULT;
	/* reserved for growth */
	if (rw.padding)
		return -EINVAL;

	mutex_lock(&ntms_db.lock);
	req = ntms_request_find_locked(&rw.request);
	if (req)
		kref_get(&req->ref);
	mutex_unlock(&ntms_db.lock);
	if (!req)
		return -ENOENT;

	if (rw.timeout_ms == NTMS_WAIT_INFINITE) {
		ret = wait_event_interruptible(ntms_req_waitq,
					       ntms_request_done(req));
	} else if (rw.timeout_ms) {
		left = wait_event_interruptible_timeout(ntms_req_waitq,
							ntms_request_done(req),
							msecs_to_jiffies(rw.timeout_ms));
		if (left < 0)
			ret = left;
	}
	mutex_lock(&ntms_db.lock);
	rw.state = req->state;
	rw.error = req->error;
	mutex_unlock(&ntms_db.lock);
	ntms_request_put(req);
	if (ret)
		return ret;
	if (copy_to_user(argp, &rw, sizeof(rw)))
		return -EFAULT;
	return ntms_request_ended(rw.state) ? 0 : -ETIMEDOUT;
}

/**
 * ntms_request_cancel() - NTMS_IOC_REQUEST_CANCEL
 * @s: the session
 * @argp: user pointer to &struct ntms_request_cancel
 *
 * A request that has not started (QUEUED or WAITING) is CANCELLED. The
 * session that queued it may cancel it; others need CONTROL access to
 * the library.
 *
 * Context: process context.
 * Return: 0; -ESRCH running or ended; -ENOENT; -EACCES; -EINVAL; -EFAULT.
 */
int ntms_request_cancel(struct ntms_session *s, void __user *argp)
{
	struct ntms_request_cancel rc;
	struct ntms_request *req;
	int ret;

	if (copy_from_user(&rc, argp, sizeof(rc)))
		return -EFAULT;
	/* no flags are defined */
	if (rc.flags)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(rc.padding, 0, sizeof(rc.padding)))
		return -EINVAL;

	mutex_lock(&ntms_db.lock);
	req = ntms_request_find_locked(&rc.request);
	ret = -ENOENT;
	if (!req)
		goto out_unlock;
	ret = -EACCES;
	if (req->owner != s &&
	    !(ntms_session_access(s, req->obj.lib) & NTMS_ACCESS_CONTROL))
		goto out_unlock;
	ret = -ESRCH;
	if (req->state != NTMS_REQ_QUEUED && req->state != NTMS_REQ_WAITING)
		goto out_unlock;
	ntms_request_finish_locked(req, -ECANCELED);
	ret = 0;
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ret;
}

/* requests whose @media and @drives say which cartridge went where */
static bool ntms_request_moves(const struct ntms_request *req)
{
	return req->operation == NTMS_REQ_OP_MOUNT ||
	       req->operation == NTMS_REQ_OP_DISMOUNT ||
	       req->operation == NTMS_REQ_OP_DISABLE_DRIVE;
}

/**
 * ntms_request_get_drives() - NTMS_IOC_REQUEST_DRIVES
 * @s: the session
 * @argp: user pointer to &struct ntms_request_drives
 *
 * Copies out a request's cartridges and the drive of each. Any session
 * that can name the request may ask, as for its information.
 *
 * Context: process context.
 * Return: 0; -EOVERFLOW (count written back); -ENOENT; -EINVAL; -EFAULT;
 * -ENOMEM.
 */
int ntms_request_get_drives(struct ntms_session *s, void __user *argp)
{
	struct ntms_request_drives __user *urd = argp;
	struct ntms_request_drives rd;
	struct ntms_request *req;
	struct ntms_guid *media;
	u32 n = 0;
	int ret;

	if (copy_from_user(&rd, argp, sizeof(rd)))
		return -EFAULT;
	/* no flags are defined */
	if (rd.flags)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(rd.padding, 0, sizeof(rd.padding)))
		return -EINVAL;
	/* cartridges, then drives: no allocation under the lock */
	media = kcalloc(2 * NTMS_REQUEST_MAX_COUNT, sizeof(*media),
			GFP_KERNEL);
	if (!media)
		return -ENOMEM;

	mutex_lock(&ntms_db.lock);
	req = ntms_request_find_locked(&rd.request);
	ret = -ENOENT;
	if (!req)
		goto out_unlock;
	if (ntms_request_moves(req))
		n = min_t(u32, req->count, NTMS_REQUEST_MAX_COUNT);
	ret = n > rd.count ? -EOVERFLOW : 0;
	if (!ret) {
		memcpy(media, req->media, n * sizeof(*media));
		memcpy(media + n, req->drives, n * sizeof(*media));
	}
out_unlock:
	mutex_unlock(&ntms_db.lock);
	if (ret && ret != -EOVERFLOW)
		goto out_free;
	if (!ret && rd.media &&
	    copy_to_user(u64_to_user_ptr(rd.media), media,
			 n * sizeof(*media)))
		ret = -EFAULT;
	if (!ret && rd.drives &&
	    copy_to_user(u64_to_user_ptr(rd.drives), media + n,
			 n * sizeof(*media)))
		ret = -EFAULT;
	if (put_user(n, &urd->count))
		ret = -EFAULT;
out_free:
	kfree(media);
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

	mutex_lock(&ntms_db.lock);
	list_for_each_entry(req, &ntms_req_table, table_node) {
		if (req->owner != s)
			continue;
		req->owner = NULL;
		if (req->operation == NTMS_REQ_OP_MOUNT &&
		    (req->state == NTMS_REQ_QUEUED ||
		     req->state == NTMS_REQ_WAITING))
			ntms_request_finish_locked(req, -ECANCELED);
	}
	mutex_unlock(&ntms_db.lock);
}

/**
 * ntms_request_exit() - forget every request
 *
 * Context: module exit, after every changer was removed (their workers
 * have ended every pending request).
 */
void ntms_request_exit(void)
{
	struct ntms_request *req, *tmp;

	mutex_lock(&ntms_db.lock);
	list_for_each_entry_safe(req, tmp, &ntms_req_table, table_node) {
		if (WARN_ON_ONCE(!ntms_request_ended(req->state)))
			ntms_request_finish_locked(req, -ENODEV);
		ntms_request_evict_locked(req);
	}
	mutex_unlock(&ntms_db.lock);
}

/**
 * ntms_request_features() - the NTMS_FEATURE_* bits this part implements
 *
 * Context: any.
 * Return: the mask.
 */
u64 ntms_request_features(void)
{
	return NTMS_FEATURE_REQUESTS | NTMS_FEATURE_DISMOUNT |
	       NTMS_FEATURE_ENABLE | NTMS_FEATURE_EVENTS | NTMS_FEATURE_MOUNT |
	       NTMS_FEATURE_INVENTORY | NTMS_FEATURE_REQUEST_DRIVES |
	       NTMS_FEATURE_INJECT_EJECT;
}
