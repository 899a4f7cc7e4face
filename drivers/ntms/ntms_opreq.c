// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: operator requests (NTMS_TYPE_OPREQUEST objects):
 * SubmitNtmsOperatorRequest, WaitForNtmsOperatorRequest,
 * SatisfyNtmsOperatorRequest, CancelNtmsOperatorRequest.
 *
 * An operator request asks a person for something the robot cannot do:
 * a message, a cartridge to put in, a device to service. Sessions submit
 * them; the driver raises them itself (ntms_opreq_raise()). They are
 * SUBMITTED until an operator satisfies (COMPLETE) or cancels (REFUSED)
 * them, and stay in a bounded table (module parameter max_opreqs) after
 * that, so that they can still be waited for and described, until their
 * room is needed or they are deleted (DeleteNtmsRequests).
 *
 * They belong to no library's model: they live in their own table under
 * their own lock, a leaf of DOC: Locking (it may be taken with a
 * library's lock held, and nothing but the event locks is taken under
 * it). They are not in the GUID index; GET_INFO, ENUMERATE and DELETE
 * ask this file. A waiter holds a reference, so that a request deleted
 * while it sleeps is not freed under it.
 *
 * Like a library request, one submitted by a session is staged by the
 * ioctl and published (found, announced with OBJ_INSERT) only once its
 * GUID has reached userspace (ntms_cdev.c).
 */

#include <linux/cred.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>

#include "ntms_call.h"
#include "ntms_internal.h"

static unsigned int ntms_max_opreqs = 256;
module_param_named(max_opreqs, ntms_max_opreqs, uint, 0444);
MODULE_PARM_DESC(max_opreqs, "size of the operator request table: requests waiting for an operator or kept after they ended (default 256)");

/**
 * struct ntms_opreq - one operator request
 * @ref: references: the table, each waiter, the driver code that raised it
 * @node: link in &ntms_opreq_table, oldest first
 * @guid: identity
 * @published: its GUID reached userspace: it can be found
 * @request: NTMS_OPREQ_CMD_*
 * @state: NTMS_OPREQ_STATE_* (written under &ntms_opreq_lock with
 *	WRITE_ONCE(), waiters read it with READ_ONCE())
 * @flags: NTMS_OPREQ_INFO_F_*
 * @arg1_type: type of @arg1
 * @arg2_type: type of @arg2
 * @arg1: first object
 * @arg2: second object
 * @library: library whose access governs it, zero if none
 * @owner: the session that submitted it (compared, never dereferenced);
 *	NULL for the driver's and once that session is closed
 * @submitted_ns: when submitted
 * @completed_ns: when it ended, 0 while SUBMITTED
 * @uid: user id of the submitting session
 * @application: application name of the submitting session
 * @message: the message to the operator
 *
 * Everything but @ref is protected by &ntms_opreq_lock.
 */
struct ntms_opreq {
	struct kref ref;
	struct list_head node;
	struct ntms_guid guid;
	bool published;
	u32 request;
	u32 state;
	u32 flags;
	u32 arg1_type;
	u32 arg2_type;
	struct ntms_guid arg1;
	struct ntms_guid arg2;
	struct ntms_guid library;
	const void *owner;
	u64 submitted_ns;
	u64 completed_ns;
	u32 uid;
	char application[NTMS_NAME_LEN];
	char message[NTMS_OPREQ_MESSAGE_LEN];
};

static DEFINE_MUTEX(ntms_opreq_lock);	/* the table; a leaf lock */
static LIST_HEAD(ntms_opreq_table);
static unsigned int ntms_opreq_count;	/* entries of the table */
static u64 ntms_opreq_seq;		/* for GUIDs */
static u8 ntms_opreq_boot[16];		/* makes GUIDs unique across loads */
static DECLARE_WAIT_QUEUE_HEAD(ntms_opreq_waitq);

static bool ntms_opreq_ended(u32 state)
{
	return state == NTMS_OPREQ_STATE_COMPLETE ||
	       state == NTMS_OPREQ_STATE_REFUSED;
}

static void ntms_opreq_release(struct kref *ref)
{
	kfree(container_of(ref, struct ntms_opreq, ref));
}

/**
 * ntms_opreq_put() - drop a reference to an operator request
 * @op: the operator request, or NULL
 *
 * Context: any process context.
 */
void ntms_opreq_put(struct ntms_opreq *op)
{
	if (op)
		kref_put(&op->ref, ntms_opreq_release);
}

/* a published operator request by GUID; the table's lock held */
static struct ntms_opreq *ntms_opreq_find_locked(const struct ntms_guid *guid)
{
	struct ntms_opreq *op;

	lockdep_assert_held(&ntms_opreq_lock);
	list_for_each_entry(op, &ntms_opreq_table, node)
		if (op->published && !memcmp(&op->guid, guid, sizeof(*guid)))
			return op;
	return NULL;
}

/* referenced, or NULL */
static struct ntms_opreq *ntms_opreq_get(const struct ntms_guid *guid)
{
	struct ntms_opreq *op;

	mutex_lock(&ntms_opreq_lock);
	op = ntms_opreq_find_locked(guid);
	if (op)
		kref_get(&op->ref);
	mutex_unlock(&ntms_opreq_lock);
	return op;
}

/* take @op out of the table; the caller puts the table's reference */
static void ntms_opreq_unlink_locked(struct ntms_opreq *op)
{
	lockdep_assert_held(&ntms_opreq_lock);
	list_del_init(&op->node);
	ntms_opreq_count--;
}

/*
 * Give @op its GUID and its room in the table (unpublished). A full table
 * forgets its oldest ended request (announced, OBJ_DELETE).
 */
static int ntms_opreq_stage_locked(struct ntms_opreq *op)
{
	struct ntms_opreq *old;

	lockdep_assert_held(&ntms_opreq_lock);
	if (ntms_opreq_count >= ntms_max_opreqs) {
		list_for_each_entry(old, &ntms_opreq_table, node)
			if (ntms_opreq_ended(old->state))
				break;
		if (list_entry_is_head(old, &ntms_opreq_table, node))
			return -ENOSPC;
		ntms_opreq_unlink_locked(old);
		ntms_event_post(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_OPREQUEST,
				&old->guid, 0, old->state, NULL);
		ntms_opreq_put(old);
	}
	if (!ntms_opreq_seq)
		get_random_bytes(ntms_opreq_boot, sizeof(ntms_opreq_boot));
	ntms_opreq_seq++;
	ntms_guid_make(&op->guid, NTMS_TYPE_OPREQUEST, ntms_opreq_boot,
		       sizeof(ntms_opreq_boot), &ntms_opreq_seq,
		       sizeof(ntms_opreq_seq), 0);
	op->state = NTMS_OPREQ_STATE_SUBMITTED;
	op->submitted_ns = ntms_now_ns();
	list_add_tail(&op->node, &ntms_opreq_table);
	ntms_opreq_count++;
	return 0;
}

static void ntms_opreq_publish_locked(struct ntms_opreq *op)
{
	op->published = true;
	ntms_event_post(NTMS_EVENT_OBJ_INSERT, NTMS_TYPE_OPREQUEST, &op->guid,
			0, op->state, NULL);
}

/**
 * ntms_opreq_publish() - make a staged operator request known
 * @op: the request, whose GUID has reached userspace; the call's
 *	reference is dropped
 *
 * Context: process context; no lock held.
 */
void ntms_opreq_publish(struct ntms_opreq *op)
{
	mutex_lock(&ntms_opreq_lock);
	ntms_opreq_publish_locked(op);
	mutex_unlock(&ntms_opreq_lock);
	ntms_opreq_put(op);
}

/**
 * ntms_opreq_withdraw() - forget a staged operator request
 * @op: the request, whose GUID could not be given to userspace; the
 *	call's reference is dropped
 *
 * Nobody was told of it: it leaves the table silently.
 *
 * Context: process context; no lock held.
 */
void ntms_opreq_withdraw(struct ntms_opreq *op)
{
	mutex_lock(&ntms_opreq_lock);
	ntms_opreq_unlink_locked(op);
	mutex_unlock(&ntms_opreq_lock);
	ntms_opreq_put(op);	/* the table's */
	ntms_opreq_put(op);	/* the call's */
}

/* end @op in @state: wake its waiters, tell the sessions */
static void ntms_opreq_end_locked(struct ntms_opreq *op, u32 state)
{
	lockdep_assert_held(&ntms_opreq_lock);
	op->completed_ns = ntms_now_ns();
	WRITE_ONCE(op->state, state);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_OPREQUEST, &op->guid,
			0, state, NULL);
	wake_up_all(&ntms_opreq_waitq);
}

static struct ntms_opreq *ntms_opreq_alloc(u32 request, const char *message)
{
	struct ntms_opreq *op;

	op = kzalloc(sizeof(*op), GFP_KERNEL);
	if (!op)
		return NULL;
	kref_init(&op->ref);
	INIT_LIST_HEAD(&op->node);
	op->request = request;
	strscpy(op->message, message, sizeof(op->message));
	return op;
}

/**
 * ntms_opreq_raise() - the driver asks an operator for something
 * @request: NTMS_OPREQ_CMD_* (for a spent cleaner: %NTMS_OPREQ_CMD_CLEANER
 *	with @arg1 the library or the cleaner's slot)
 * @arg1: the object it is about, or NULL
 * @arg1_type: &enum ntms_object_type of @arg1
 * @arg2: the second object (MOVEMEDIA: the destination library), or NULL
 * @arg2_type: &enum ntms_object_type of @arg2
 * @library: the library whose CONTROL access lets a session satisfy or
 *	cancel it, or NULL
 * @message: the message to the operator (truncated to
 *	%NTMS_OPREQ_MESSAGE_LEN - 1 bytes)
 *
 * The request is SUBMITTED, published at once (OBJ_INSERT) and flagged
 * %NTMS_OPREQ_INFO_F_DRIVER. The caller gets a reference: it may wait
 * for the operator with ntms_opreq_wait(), end the request itself with
 * ntms_opreq_end() when it sees the need met (a cartridge injected), and
 * must ntms_opreq_put() it.
 *
 * Context: process context; may be called with a library's lock held
 * (not with &ntms_db.lock); allocates with GFP_KERNEL.
 * Return: the operator request, ERR_PTR(-ENOMEM), or ERR_PTR(-ENOSPC)
 * when the table is full of requests that have not ended.
 */
struct ntms_opreq *ntms_opreq_raise(u32 request, const struct ntms_guid *arg1,
				    u32 arg1_type,
				    const struct ntms_guid *arg2,
				    u32 arg2_type,
				    const struct ntms_guid *library,
				    const char *message)
{
	struct ntms_opreq *op;
	int ret;

	op = ntms_opreq_alloc(request, message);
	if (!op)
		return ERR_PTR(-ENOMEM);
	op->flags = NTMS_OPREQ_INFO_F_DRIVER;
	if (arg1) {
		op->arg1 = *arg1;
		op->arg1_type = arg1_type;
	}
	if (arg2) {
		op->arg2 = *arg2;
		op->arg2_type = arg2_type;
	}
	if (library)
		op->library = *library;
	strscpy(op->application, "ntms", sizeof(op->application));
	mutex_lock(&ntms_opreq_lock);
	ret = ntms_opreq_stage_locked(op);
	if (!ret) {
		kref_get(&op->ref);	/* the caller's */
		ntms_opreq_publish_locked(op);
	}
	mutex_unlock(&ntms_opreq_lock);
	if (ret) {
		ntms_opreq_put(op);
		return ERR_PTR(ret);
	}
	return op;
}

/**
 * ntms_opreq_end() - the driver ends an operator request
 * @op: a request the caller holds a reference to
 * @satisfied: true: COMPLETE (what was asked for happened); false:
 *	REFUSED (no longer needed)
 *
 * A request that has already ended is left as it is.
 *
 * Context: process context; may be called with a library's lock held.
 */
void ntms_opreq_end(struct ntms_opreq *op, bool satisfied)
{
	mutex_lock(&ntms_opreq_lock);
	if (!ntms_opreq_ended(op->state))
		ntms_opreq_end_locked(op, satisfied ? NTMS_OPREQ_STATE_COMPLETE :
					 NTMS_OPREQ_STATE_REFUSED);
	mutex_unlock(&ntms_opreq_lock);
}

/**
 * ntms_opreq_refused() - was an operator request cancelled?
 * @op: a request the caller holds a reference to
 *
 * Context: any; reads the state without the lock.
 * Return: true when it is REFUSED.
 */
bool ntms_opreq_refused(struct ntms_opreq *op)
{
	return READ_ONCE(op->state) == NTMS_OPREQ_STATE_REFUSED;
}

/**
 * ntms_opreq_wait() - wait for an operator request to end
 * @op: a request the caller holds a reference to
 * @timeout: in jiffies, MAX_SCHEDULE_TIMEOUT for ever
 *
 * Context: process context; sleeps interruptibly; no lock may be held.
 * Return: 0 satisfied; -ECANCELED refused; -ETIMEDOUT; -ERESTARTSYS.
 */
int ntms_opreq_wait(struct ntms_opreq *op, long timeout)
{
	long left;
	u32 state;

	left = wait_event_interruptible_timeout(ntms_opreq_waitq,
						ntms_opreq_ended(READ_ONCE(op->state)),
						timeout);
	if (left < 0)
		return left;
	state = READ_ONCE(op->state);
	if (state == NTMS_OPREQ_STATE_COMPLETE)
		return 0;
	if (state == NTMS_OPREQ_STATE_REFUSED)
		return -ECANCELED;
	return -ETIMEDOUT;
}

/* which objects each command takes as its first argument */
static bool ntms_opreq_arg1_ok(u32 request, u32 type)
{
	switch (request) {
	case NTMS_OPREQ_CMD_DEVICESERVICE:
		return type == NTMS_TYPE_LIBRARY || type == NTMS_TYPE_CHANGER ||
		       type == NTMS_TYPE_DRIVE || type == NTMS_TYPE_IEPORT ||
		       type == NTMS_TYPE_PHYSICAL_MEDIA;
	case NTMS_OPREQ_CMD_CLEANER:
		return type == NTMS_TYPE_LIBRARY ||
		       type == NTMS_TYPE_STORAGESLOT;
	case NTMS_OPREQ_CMD_MOVEMEDIA:
		return type == NTMS_TYPE_PHYSICAL_MEDIA;
	}
	return false;
}

/*
 * Look @guid up: an object of an accepted type, or with @want_library a
 * library (else -ENOENT). Fills in its type and its library's GUID.
 */
static int ntms_opreq_lookup(const struct ntms_guid *guid, u32 request,
			     bool want_library, u32 *type,
			     struct ntms_guid *library)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret = 0;

	obj = ntms_object_lock(guid, &lib);
	if (!obj)
		return -ENOENT;
	*type = obj->type;
	*library = lib->obj.guid;
	if (want_library ? obj->type != NTMS_TYPE_LIBRARY :
			   !ntms_opreq_arg1_ok(request, obj->type))
		ret = -ENOENT;
	ntms_library_unlock_put(lib);
	return ret;
}

static bool ntms_guid_zero(const struct ntms_guid *g)
{
	return !memchr_inv(g, 0, sizeof(*g));
}

/*
 * May @s submit (@owner NULL), satisfy, cancel or delete an operator
 * request of @library submitted by @owner? @access is what its library
 * must give.
 */
static bool ntms_opreq_may(struct ntms_session *s, const void *owner,
			   const struct ntms_guid *library, u32 access)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	bool ok;

	if (owner == s || s->admin)
		return true;
	if (ntms_guid_zero(library))
		return false;
	obj = ntms_object_lock(library, &lib);
	if (!obj)
		return false;
	ok = ntms_session_access(s, lib) & access;
	ntms_library_unlock_put(lib);
	return ok;
}

/* the checks of a submit, in the documented order; fills in @op */
static int ntms_opreq_check_submit(struct ntms_session *s,
				   struct ntms_opreq_submit *os,
				   struct ntms_opreq *op)
{
	struct ntms_guid lib2;
	int ret = 0;

	/* a command RSM defines */
	if (os->request < NTMS_OPREQ_CMD_NEWMEDIA ||
	    os->request > NTMS_OPREQ_CMD_MESSAGE)
		return -EINVAL;
	/* a terminated message */
	if (!memchr(os->message, 0, sizeof(os->message)))
		return -EINVAL;
	/* a message names no object */
	if (os->request == NTMS_OPREQ_CMD_MESSAGE &&
	    (!ntms_guid_zero(&os->arg1) || !ntms_guid_zero(&os->arg2)))
		return -EINVAL;
	/* service and cleaner requests name one object */
	if ((os->request == NTMS_OPREQ_CMD_DEVICESERVICE ||
	     os->request == NTMS_OPREQ_CMD_CLEANER) &&
	    !ntms_guid_zero(&os->arg2))
		return -EINVAL;

	/* the objects named */
	switch (os->request) {
	case NTMS_OPREQ_CMD_DEVICESERVICE:
	case NTMS_OPREQ_CMD_CLEANER:
		ret = ntms_opreq_lookup(&os->arg1, os->request, false,
					&op->arg1_type, &op->library);
		break;
	case NTMS_OPREQ_CMD_MOVEMEDIA:
		/* the cartridge, then the library it is to go to */
		ret = ntms_opreq_lookup(&os->arg1, os->request, false,
					&op->arg1_type, &op->library);
		if (!ret)
			ret = ntms_opreq_lookup(&os->arg2, os->request, true,
						&op->arg2_type, &lib2);
		break;
	case NTMS_OPREQ_CMD_NEWMEDIA:
		/* RSM's media pool: ntms has none */
		if (!ntms_guid_zero(&os->arg1))
			return -ENOENT;
		if (!ntms_guid_zero(&os->arg2))
			ret = ntms_opreq_lookup(&os->arg2, os->request, true,
						&op->arg2_type, &op->library);
		break;
	}
	if (ret)
		return ret;
	op->arg1 = os->arg1;
	op->arg2 = os->arg2;
	/* CONTROL access to the library concerned */
	if (!ntms_guid_zero(&op->library) &&
	    !ntms_opreq_may(s, NULL, &op->library, NTMS_ACCESS_CONTROL))
		return -EACCES;
	return 0;
}

/**
 * ntms_opreq_submit_ioctl() - NTMS_IOC_OPREQ_SUBMIT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_opreq_submit
 *
 * The request is staged here and published by the character device once
 * its GUID is in userspace.
 *
 * Context: process context.
 * Return: 0; -EINVAL; -ENOENT; -EACCES; -ENOSPC; -ENOMEM.
 */
int ntms_opreq_submit_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_opreq_submit *os = c->arg;
	struct ntms_opreq *op;
	int ret;

	op = ntms_opreq_alloc(os->request, "");
	if (!op)
		return -ENOMEM;
	ret = ntms_opreq_check_submit(s, os, op);
	if (ret)
		goto out_put;
	strscpy(op->message, os->message, sizeof(op->message));
	op->owner = s;
	op->uid = from_kuid_munged(&init_user_ns, s->cred->uid);
	mutex_lock(&s->lock);
	strscpy(op->application, s->application, sizeof(op->application));
	mutex_unlock(&s->lock);

	/* the first reference becomes the table's, the second the call's */
	mutex_lock(&ntms_opreq_lock);
	ret = ntms_opreq_stage_locked(op);
	if (!ret) {
		kref_get(&op->ref);
		os->id = op->guid;
		c->opreq = op;
	}
	mutex_unlock(&ntms_opreq_lock);
	if (!ret)
		return 0;
out_put:
	ntms_opreq_put(op);
	return ret;
}

/**
 * ntms_opreq_wait_ioctl() - NTMS_IOC_OPREQ_WAIT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_opreq_wait
 *
 * Context: process context; sleeps interruptibly, no lock held.
 * Return: 0 satisfied; -ECANCELED; -ETIMEDOUT; -ENOENT; -ERESTARTSYS.
 * The state is written back in every case but -ENOENT.
 */
int ntms_opreq_wait_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_opreq_wait *w = c->arg;
	struct ntms_opreq *op;
	long timeout;
	int ret;

	op = ntms_opreq_get(&w->id);
	if (!op)
		return -ENOENT;
	if (w->timeout_ms == NTMS_WAIT_INFINITE)
		timeout = MAX_SCHEDULE_TIMEOUT;
	else
		timeout = msecs_to_jiffies(w->timeout_ms);
	ret = ntms_opreq_wait(op, timeout);
	w->state = READ_ONCE(op->state);
	ntms_opreq_put(op);
	c->write_back = true;
	return ret;
}

/* look at @library's queue again: a request may wait for an operator */
static void ntms_opreq_kick(const struct ntms_guid *library)
{
	struct ntms_library *lib;

	if (!ntms_object_lock(library, &lib))
		return;
	ntms_queue_kick_locked(lib);
	ntms_library_unlock_put(lib);
}

/* satisfy or cancel */
static int ntms_opreq_act(struct ntms_session *s, struct ntms_call *c,
			  u32 state, int ended_err)
{
	struct ntms_opreq_act *a = c->arg;
	struct ntms_guid library = {};
	const void *owner = NULL;
	struct ntms_opreq *op;
	int ret;

	mutex_lock(&ntms_opreq_lock);
	op = ntms_opreq_find_locked(&a->id);
	if (op) {
		owner = op->owner;
		library = op->library;
	}
	mutex_unlock(&ntms_opreq_lock);
	if (!op)
		return -ENOENT;
	/* the library's lock is never taken under the table's */
	if (!ntms_opreq_may(s, owner, &library, NTMS_ACCESS_CONTROL))
		return -EACCES;

	mutex_lock(&ntms_opreq_lock);
	op = ntms_opreq_find_locked(&a->id);
	ret = -ENOENT;
	if (!op)
		goto out_unlock;
	ret = ended_err;
	if (ntms_opreq_ended(op->state))
		goto out_unlock;
	ntms_opreq_end_locked(op, state);
	ret = 0;
out_unlock:
	mutex_unlock(&ntms_opreq_lock);
	/* a request of the library may be waiting for this one */
	if (!ret && !ntms_guid_zero(&library))
		ntms_opreq_kick(&library);
	return ret;
}

/**
 * ntms_opreq_satisfy_ioctl() - NTMS_IOC_OPREQ_SATISFY
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_opreq_act
 *
 * Context: process context.
 * Return: 0; -ENOENT; -EACCES; -ESRCH it has already ended.
 */
int ntms_opreq_satisfy_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	return ntms_opreq_act(s, c, NTMS_OPREQ_STATE_COMPLETE, -ESRCH);
}

/**
 * ntms_opreq_cancel_ioctl() - NTMS_IOC_OPREQ_CANCEL
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_opreq_act
 *
 * Context: process context.
 * Return: 0; -ENOENT; -EACCES; -EALREADY it has already ended.
 */
int ntms_opreq_cancel_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	return ntms_opreq_act(s, c, NTMS_OPREQ_STATE_REFUSED, -EALREADY);
}

/**
 * ntms_opreq_get_info() - describe an operator request
 * @oi: @oi->id names it; the rest is filled in (the caller checks the
 *	type it expected)
 *
 * Context: process context.
 * Return: 0, or -ENOENT when no operator request has that GUID.
 */
int ntms_opreq_get_info(struct ntms_object_info *oi)
{
	struct ntms_opreq_info *ri = &oi->u.opreq;
	struct ntms_opreq *op;
	int ret = -ENOENT;

	mutex_lock(&ntms_opreq_lock);
	op = ntms_opreq_find_locked(&oi->id);
	if (!op)
		goto out_unlock;
	memset(&oi->u, 0, sizeof(oi->u));
	oi->enabled = 1;
	oi->op_state = NTMS_OPSTATE_READY;
	oi->created_ns = op->submitted_ns;
	oi->modified_ns = op->completed_ns ? op->completed_ns :
			  op->submitted_ns;
	snprintf(oi->name, sizeof(oi->name), "operator request %llu",
		 (unsigned long long)op->submitted_ns);
	strscpy(oi->description, op->message, sizeof(oi->description));
	ri->request = op->request;
	ri->state = op->state;
	ri->arg1_type = op->arg1_type;
	ri->arg2_type = op->arg2_type;
	ri->arg1 = op->arg1;
	ri->arg2 = op->arg2;
	ri->library = op->library;
	ri->submitted_ns = op->submitted_ns;
	ri->completed_ns = op->completed_ns;
	strscpy(ri->message, op->message, sizeof(ri->message));
	strscpy(ri->application, op->application, sizeof(ri->application));
	ri->user = op->uid;
	ri->flags = op->flags;
	ret = 0;
out_unlock:
	mutex_unlock(&ntms_opreq_lock);
	return ret;
}

/**
 * ntms_opreq_enumerate() - the GUIDs of the operator requests
 * @library: only those of this library, or NULL for all
 * @listp: out: a kvmalloc'ed array (kvfree() it), NULL when empty
 * @count: out: its entries
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
int ntms_opreq_enumerate(const struct ntms_guid *library,
			 struct ntms_guid **listp, u32 *count)
{
	struct ntms_guid *list;
	struct ntms_opreq *op;
	u32 n = 0;

	*listp = NULL;
	*count = 0;
	/* the table is bounded: room for all of it, allocated unlocked */
	list = kvmalloc_array(max(ntms_max_opreqs, 1U), sizeof(*list),
			      GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	mutex_lock(&ntms_opreq_lock);
	list_for_each_entry(op, &ntms_opreq_table, node) {
		if (!op->published || n == ntms_max_opreqs)
			continue;
		if (library && memcmp(&op->library, library, sizeof(*library)))
			continue;
		list[n++] = op->guid;
	}
	mutex_unlock(&ntms_opreq_lock);
	if (!n) {
		kvfree(list);
		return 0;
	}
	*listp = list;
	*count = n;
	return 0;
}

/**
 * ntms_opreq_delete() - forget operator requests that have ended
 * @s: the session
 * @guids: the operator requests
 * @n: entries of @guids
 * @deleted: out: how many left the table
 *
 * DeleteNtmsRequests(): those that have not ended, and GUIDs that name
 * no operator request, are skipped. Access (MODIFY to the library, or
 * the submitter, or CAP_SYS_ADMIN) is checked for every one before any
 * is deleted. Each one deleted is announced (OBJ_DELETE).
 *
 * Context: process context.
 * Return: 0, -EACCES or -ENOMEM.
 */
int ntms_opreq_delete(struct ntms_session *s, const struct ntms_guid *guids,
		      u32 n, u32 *deleted)
{
	struct ntms_guid *libs;
	const void **owners;
	struct ntms_opreq *op;
	bool *found;
	int ret = 0;
	u32 i;

	*deleted = 0;
	libs = kvcalloc(n, sizeof(*libs), GFP_KERNEL);
	owners = kvcalloc(n, sizeof(*owners), GFP_KERNEL);
	found = kvcalloc(n, sizeof(*found), GFP_KERNEL);
	if (!libs || !owners || !found) {
		ret = -ENOMEM;
		goto out_free;
	}
	mutex_lock(&ntms_opreq_lock);
	for (i = 0; i < n; i++) {
		op = ntms_opreq_find_locked(&guids[i]);
		if (!op)
			continue;
		found[i] = true;
		libs[i] = op->library;
		owners[i] = op->owner;
	}
	mutex_unlock(&ntms_opreq_lock);
	/* the library's lock is never taken under the table's */
	for (i = 0; i < n; i++) {
		if (found[i] &&
		    !ntms_opreq_may(s, owners[i], &libs[i],
				    NTMS_ACCESS_MODIFY)) {
			ret = -EACCES;
			goto out_free;
		}
	}
	mutex_lock(&ntms_opreq_lock);
	for (i = 0; i < n; i++) {
		op = ntms_opreq_find_locked(&guids[i]);
		if (!op || !ntms_opreq_ended(op->state))
			continue;
		ntms_opreq_unlink_locked(op);
		ntms_event_post(NTMS_EVENT_OBJ_DELETE, NTMS_TYPE_OPREQUEST,
				&op->guid, 0, op->state, NULL);
		ntms_opreq_put(op);
		(*deleted)++;
	}
	mutex_unlock(&ntms_opreq_lock);
out_free:
	kvfree(libs);
	kvfree(owners);
	kvfree(found);
	return ret;
}

/**
 * ntms_opreq_session_close() - a session ends
 * @s: the session
 *
 * Its operator requests stay for the operator; they are no longer its.
 *
 * Context: process context.
 */
void ntms_opreq_session_close(struct ntms_session *s)
{
	struct ntms_opreq *op;

	mutex_lock(&ntms_opreq_lock);
	list_for_each_entry(op, &ntms_opreq_table, node)
		if (op->owner == s)
			op->owner = NULL;
	mutex_unlock(&ntms_opreq_lock);
}

/**
 * ntms_opreq_exit() - forget every operator request
 *
 * Context: module exit: no session is open, so nobody waits.
 */
void ntms_opreq_exit(void)
{
	struct ntms_opreq *op, *tmp;

	mutex_lock(&ntms_opreq_lock);
	list_for_each_entry_safe(op, tmp, &ntms_opreq_table, node) {
		ntms_opreq_unlink_locked(op);
		ntms_opreq_put(op);
	}
	mutex_unlock(&ntms_opreq_lock);
}
