// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: session events. Each session has a bounded ring of
 * &struct ntms_event records, read whole with read() and waited for with
 * poll(). Events are posted under &ntms_db.lock to every session whose
 * mask selects the object's type; completion of a session's own request
 * is always delivered to it. When a ring is full the event is dropped
 * (its sequence number is still used, so that readers see the gap) and
 * the next read() starts with one %NTMS_EVENT_OVERFLOW record.
 */

#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "ntms_request.h"

static unsigned int event_queue = 256;
module_param(event_queue, uint, 0444);
MODULE_PARM_DESC(event_queue, "events each session can hold before it overflows (default 256)");

#define NTMS_EVENT_TYPES_ALL	((1ULL << NTMS_TYPE_MAX) - 1)

/**
 * struct ntms_event_ring - the events of one session
 * @node: link in ntms_event_rings (under &ntms_db.lock)
 * @owner: the session
 * @lock: protects everything below
 * @wait: readers and pollers
 * @buf: @size records
 * @size: capacity
 * @head: index of the oldest record
 * @count: records held
 * @seqno: sequence number of the next event for this session
 * @mask: object types selected (bit N: type N)
 * @overflow: events were dropped since the last read
 */
struct ntms_event_ring {
	struct list_head node;
	const void *owner;
	spinlock_t lock;	/* protects the fields below */
	wait_queue_head_t wait;
	struct ntms_event *buf;
	u32 size;
	u32 head;
	u32 count;
	u32 seqno;
	u64 mask;
	bool overflow;
};

/* every session's ring; protected by ntms_db.lock */
static LIST_HEAD(ntms_event_rings);

/**
 * ntms_event_open() - give a session its event ring
 * @s: the new session
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
int ntms_event_open(struct ntms_session *s)
{
	struct ntms_event_ring *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->size = clamp(event_queue, 4U, 65536U);
	r->buf = kvcalloc(r->size, sizeof(*r->buf), GFP_KERNEL);
	if (!r->buf) {
		kfree(r);
		return -ENOMEM;
	}
	spin_lock_init(&r->lock);
	init_waitqueue_head(&r->wait);
	r->owner = s;
	r->mask = NTMS_EVENT_TYPES_ALL;
	s->events = r;
	mutex_lock(&ntms_db.lock);
	list_add_tail(&r->node, &ntms_event_rings);
	mutex_unlock(&ntms_db.lock);
	return 0;
}

/**
 * ntms_event_close() - free a session's event ring
 * @s: the session (its last file reference is gone: no reader)
 *
 * Context: process context.
 */
void ntms_event_close(struct ntms_session *s)
{
	struct ntms_event_ring *r = s->events;

	if (!r)
		return;
	mutex_lock(&ntms_db.lock);
	list_del(&r->node);
	mutex_unlock(&ntms_db.lock);
	kvfree(r->buf);
	kfree(r);
	s->events = NULL;
}

static void ntms_event_push(struct ntms_event_ring *r,
			    const struct ntms_event *ev)
{
	struct ntms_event *slot;

	spin_lock(&r->lock);
	if (r->count == r->size) {
		r->overflow = true;
		r->seqno++;
	} else {
		slot = &r->buf[(r->head + r->count) % r->size];
		*slot = *ev;
		slot->seqno = r->seqno++;
		r->count++;
	}
	spin_unlock(&r->lock);
	wake_up_interruptible(&r->wait);
}

/**
 * ntms_event_post_locked() - tell the sessions about a change
 * @op: &enum ntms_event_op
 * @type: &enum ntms_object_type of @guid
 * @guid: the object
 * @result: for completion: 0 or the positive errno
 * @state: the object's new state
 * @owner: for request events, the session that queued it (always told
 *	of completion), else NULL
 *
 * Context: &ntms_db.lock held; does not sleep.
 */
void ntms_event_post_locked(u32 op, u32 type, const struct ntms_guid *guid,
			    u32 result, u32 state, const void *owner)
{
	struct ntms_event_ring *r;
	struct ntms_event ev = {
		.operation = op,
		.object_type = type,
		.object = *guid,
		.timestamp_ns = ktime_get_ns(),
		.result = result,
		.state = state,
	};

	ntms_db_assert_held();
	list_for_each_entry(r, &ntms_event_rings, node) {
		if (!(READ_ONCE(r->mask) & (1ULL << type)) &&
		    !(op == NTMS_EVENT_COMPLETE && r->owner == owner))
			continue;
		ntms_event_push(r, &ev);
	}
}

/**
 * ntms_event_set_mask() - NTMS_IOC_SET_EVENT_MASK
 * @s: the session
 * @argp: user pointer to &struct ntms_event_mask
 *
 * Context: process context.
 * Return: 0, -EFAULT or -EINVAL.
 */
int ntms_event_set_mask(struct ntms_session *s, void __user *argp)
{
	struct ntms_event_mask em;

	if (copy_from_user(&em, argp, sizeof(em)))
		return -EFAULT;
	/* no flags are defined */
	if (em.flags)
		return -EINVAL;
	/* reserved for growth */
	if (em.padding)
		return -EINVAL;
	/* only object types that exist */
	if (em.types & ~NTMS_EVENT_TYPES_ALL)
		return -EINVAL;
	WRITE_ONCE(s->events->mask, em.types);
	return 0;
}

static bool ntms_event_ready(struct ntms_event_ring *r)
{
	bool ready;

	spin_lock(&r->lock);
	ready = r->count || r->overflow;
	spin_unlock(&r->lock);
	return ready;
}

/* take the next record: the overflow marker first; false if none */
static bool ntms_event_pop(struct ntms_event_ring *r, struct ntms_event *ev)
{
	bool got = true;

	spin_lock(&r->lock);
	if (r->overflow) {
		memset(ev, 0, sizeof(*ev));
		ev->operation = NTMS_EVENT_OVERFLOW;
		ev->timestamp_ns = ktime_get_ns();
		ev->seqno = r->seqno;
		r->overflow = false;
	} else if (r->count) {
		*ev = r->buf[r->head];
		r->head = (r->head + 1) % r->size;
		r->count--;
	} else {
		got = false;
	}
	spin_unlock(&r->lock);
	return got;
}

/**
 * ntms_event_read() - read() of a session: whole &struct ntms_event records
 * @s: the session
 * @file: its file (O_NONBLOCK)
 * @buf: user buffer
 * @count: its size; smaller than one record: -EINVAL
 *
 * Context: process context; sleeps interruptibly unless O_NONBLOCK.
 * Return: bytes read, -EINVAL, -EAGAIN, -EFAULT or -ERESTARTSYS.
 */
ssize_t ntms_event_read(struct ntms_session *s, struct file *file,
			char __user *buf, size_t count)
{
	struct ntms_event_ring *r = s->events;
	struct ntms_event ev;
	ssize_t done = 0;
	int ret;

	if (count < sizeof(ev))
		return -EINVAL;
	while (done + sizeof(ev) <= count) {
		if (!ntms_event_pop(r, &ev)) {
			if (done)
				break;
			if (file->f_flags & O_NONBLOCK)
				return -EAGAIN;
			ret = wait_event_interruptible(r->wait,
						       ntms_event_ready(r));
			if (ret)
				return ret;
			continue;
		}
		if (copy_to_user(buf + done, &ev, sizeof(ev)))
			return done ? done : -EFAULT;
		done += sizeof(ev);
	}
	return done;
}

/**
 * ntms_event_poll() - poll() of a session
 * @s: the session
 * @file: its file
 * @wait: poll table
 *
 * Context: process context.
 * Return: EPOLLIN | EPOLLRDNORM when a record can be read.
 */
__poll_t ntms_event_poll(struct ntms_session *s, struct file *file,
			 poll_table *wait)
{
	struct ntms_event_ring *r = s->events;

	poll_wait(file, &r->wait, wait);
	return ntms_event_ready(r) ? EPOLLIN | EPOLLRDNORM : 0;
}
