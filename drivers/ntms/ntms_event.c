// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: session events.
 *
 * Each session has a bounded ring of &struct ntms_event records, read
 * whole with read() and waited for with poll(). A session receives
 * events once it has chosen them (NTMS_IOC_SET_EVENT_MASK): those about
 * the object types of its mask, and the completion of its own requests.
 * A session that never asks gets nothing, and costs nothing to post to.
 *
 * Every event takes the session's next sequence number, delivered or
 * not. When the ring has one free record left and another event comes,
 * an %NTMS_EVENT_OVERFLOW record goes there instead: its sequence number
 * is that of the first event lost, its @state counts the events lost
 * while the ring stays full. A reader therefore sees the records in
 * sequence order with the marker exactly where the loss is, and the next
 * record after it continues the sequence past the lost ones.
 *
 * Events are posted with no lock of ours held or under a library's lock
 * (never under &ntms_db.lock); the list of rings has its own spinlock.
 */

#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "ntms_internal.h"

static unsigned int event_queue = 256;
module_param(event_queue, uint, 0444);
MODULE_PARM_DESC(event_queue, "events each session can hold before it overflows (default 256)");

/**
 * struct ntms_event_ring - the events of one session
 * @node: link in ntms_event_rings (under ntms_event_lock)
 * @owner: the session
 * @lock: protects everything below
 * @wait: readers and pollers
 * @buf: @size records
 * @size: capacity
 * @head: index of the oldest record
 * @count: records held
 * @seqno: sequence number of the next event for this session
 * @mask: object types selected (bit N: type N)
 * @armed: the session has set a mask: it receives events
 * @lossy: the newest record is an overflow marker that still counts
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
	bool armed;
	bool lossy;
};

/* every session's ring */
static LIST_HEAD(ntms_event_rings);
static DEFINE_SPINLOCK(ntms_event_lock);

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
	s->events = r;
	spin_lock(&ntms_event_lock);
	list_add_tail(&r->node, &ntms_event_rings);
	spin_unlock(&ntms_event_lock);
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
	spin_lock(&ntms_event_lock);
	list_del(&r->node);
	spin_unlock(&ntms_event_lock);
	kvfree(r->buf);
	kfree(r);
	s->events = NULL;
}

static struct ntms_event *ntms_event_tail(struct ntms_event_ring *r)
{
	return &r->buf[(r->head + r->count - 1) % r->size];
}

/* one event for this ring; the ring's lock held */
static void ntms_event_push(struct ntms_event_ring *r,
			    const struct ntms_event *ev)
{
	struct ntms_event *slot;

	/* room for an event and a later marker again: the loss ends */
	if (r->lossy && r->count < r->size - 1)
		r->lossy = false;
	if (r->lossy) {
		ntms_event_tail(r)->state++;
		r->seqno++;
		return;
	}
	r->count++;
	slot = ntms_event_tail(r);
	if (r->count < r->size) {
		*slot = *ev;
	} else {
		/* the last record: the marker of what is lost from here */
		memset(slot, 0, sizeof(*slot));
		slot->operation = NTMS_EVENT_OVERFLOW;
		slot->timestamp_ns = ev->timestamp_ns;
		slot->state = 1;
		r->lossy = true;
	}
	slot->seqno = r->seqno++;
}

static bool ntms_event_wanted(struct ntms_event_ring *r,
			      const struct ntms_event *ev, const void *owner)
{
	if (!READ_ONCE(r->armed))
		return false;
	if (READ_ONCE(r->mask) & (1ULL << ev->object_type))
		return true;
	return ev->operation == NTMS_EVENT_COMPLETE && owner && r->owner == owner;
}

/**
 * ntms_event_post() - tell the sessions about a change
 * @op: &enum ntms_event_op
 * @type: &enum ntms_object_type of @guid
 * @guid: the object
 * @result: for completion: 0 or the positive errno
 * @state: the object's new state
 * @owner: for request events, the session that queued it (told of the
 *	completion whatever its mask), else NULL
 *
 * Context: any process context; not under &ntms_db.lock; does not sleep.
 */
void ntms_event_post(u32 op, u32 type, const struct ntms_guid *guid,
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

	lockdep_assert_not_held(&ntms_db.lock);
	spin_lock(&ntms_event_lock);
	list_for_each_entry(r, &ntms_event_rings, node) {
		if (!ntms_event_wanted(r, &ev, owner))
			continue;
		spin_lock(&r->lock);
		ntms_event_push(r, &ev);
		spin_unlock(&r->lock);
		wake_up_interruptible(&r->wait);
	}
	spin_unlock(&ntms_event_lock);
}

/**
 * ntms_event_set_mask() - choose the events of a session
 * @s: the session
 * @types: object types (bit N: &enum ntms_object_type N), validated
 *
 * From now on the session receives events about @types and the
 * completion of its own requests.
 *
 * Context: any.
 * Return: 0.
 */
int ntms_event_set_mask(struct ntms_session *s, u64 types)
{
	WRITE_ONCE(s->events->mask, types);
	WRITE_ONCE(s->events->armed, true);
	return 0;
}

/**
 * ntms_event_ready() - is there a record to read?
 * @s: the session
 *
 * Context: any.
 * Return: true if ntms_event_pop() would return one.
 */
bool ntms_event_ready(struct ntms_session *s)
{
	struct ntms_event_ring *r = s->events;
	bool ready;

	spin_lock(&r->lock);
	ready = r->count;
	spin_unlock(&r->lock);
	return ready;
}

/**
 * ntms_event_pop() - take the oldest record
 * @s: the session
 * @ev: receives it
 *
 * Context: any.
 * Return: false if there is none.
 */
bool ntms_event_pop(struct ntms_session *s, struct ntms_event *ev)
{
	struct ntms_event_ring *r = s->events;
	bool got = false;

	spin_lock(&r->lock);
	if (r->count) {
		*ev = r->buf[r->head];
		r->head = (r->head + 1) % r->size;
		r->count--;
		/* the marker itself was read: nothing left to count into */
		if (!r->count)
			r->lossy = false;
		got = true;
	}
	spin_unlock(&r->lock);
	return got;
}

/**
 * ntms_event_wait() - wait until a record can be read
 * @s: the session
 *
 * Context: process context; sleeps interruptibly.
 * Return: 0 or -ERESTARTSYS.
 */
int ntms_event_wait(struct ntms_session *s)
{
	return wait_event_interruptible(s->events->wait, ntms_event_ready(s));
}

/**
 * ntms_event_waitq() - the wait queue poll() waits on
 * @s: the session
 *
 * Context: any.
 * Return: the queue.
 */
struct wait_queue_head *ntms_event_waitq(struct ntms_session *s)
{
	return &s->events->wait;
}
