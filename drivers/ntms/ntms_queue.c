// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the per-library request queue, a scheduler that knows nothing of
 * what a request does (&struct ntms_op does).
 *
 * Each library's requests are carried out by one work item on the
 * library's ordered workqueue (&ntms_library.wq), the same workqueue that
 * reads the library: one robot, one move at a time per library, with
 * element reads in between; libraries run in parallel. The worker takes
 * the best request that may run (highest priority, then oldest; an
 * operation's ready() may make one wait) under the library's lock, drops
 * the lock to run it, and ends it under the lock again.
 */

#include <linux/workqueue.h>

#include "ntms_request.h"

/**
 * ntms_queue_abort_locked() - end every request of a library that has
 * not started
 * @lib: the library, whose changer is gone
 * @err: the negative errno they fail with (-ENODEV)
 *
 * QUEUED and WAITING requests end FAILED and their waiters are woken; a
 * WAITING mount would otherwise wait for a drive that no read will free.
 * The running request, if any, ends when its commands fail.
 *
 * Context: the library's lock held.
 */
void ntms_queue_abort_locked(struct ntms_library *lib, int err)
{
	struct ntms_request *req, *tmp;

	ntms_lib_assert_held(lib);
	list_for_each_entry_safe(req, tmp, &lib->queue, queue_node)
		ntms_request_finish_locked(req, err);
}

/**
 * ntms_queue_kick_locked() - look at a library's queue again
 * @lib: the library (a drive was freed, a request queued or ended)
 *
 * Context: the library's lock held.
 */
void ntms_queue_kick_locked(struct ntms_library *lib)
{
	ntms_lib_assert_held(lib);
	if (lib->wq && !list_empty(&lib->queue))
		queue_work(lib->wq, &lib->queue_work);
}

/*
 * The best request that can run now. One whose operation says it must
 * wait is WAITING and is looked at again whenever a request of the
 * library ends or the library changes; one that can never run fails.
 */
static struct ntms_request *ntms_queue_next_locked(struct ntms_library *lib)
{
	struct ntms_request *req, *tmp;
	int ret;

	list_for_each_entry_safe(req, tmp, &lib->queue, queue_node) {
		ret = req->op->ready ? req->op->ready(lib, req) : 0;
		if (!ret)
			return req;
		if (ret == -EAGAIN)
			ntms_request_set_waiting_locked(req);
		else
			ntms_request_finish_locked(req, ret);
	}
	return NULL;
}

/**
 * ntms_queue_work() - carry out the next request of a library
 * @work: &ntms_library.queue_work
 *
 * Runs one request, then queues itself again if more are waiting, so
 * that element reads queued meanwhile run between moves.
 *
 * Context: the library's ordered workqueue; sleeps; no lock held across
 * the request.
 */
void ntms_queue_work(struct work_struct *work)
{
	struct ntms_library *lib = container_of(work, struct ntms_library,
						queue_work);
	struct ntms_request *req;
	int ret;

	mutex_lock(&lib->lock);
	if (!lib->sdev) {
		ntms_queue_abort_locked(lib, -ENODEV);
		mutex_unlock(&lib->lock);
		return;
	}
	req = ntms_queue_next_locked(lib);
	if (!req) {
		mutex_unlock(&lib->lock);
		return;
	}
	list_del_init(&req->queue_node);
	lib->running = req;
	WRITE_ONCE(req->state, NTMS_REQ_INPROCESS);
	ntms_event_post(NTMS_EVENT_SIGNAL, NTMS_TYPE_LIBREQUEST,
			&req->obj.guid, 0, NTMS_REQ_INPROCESS, req->owner);
	kref_get(&req->ref);
	mutex_unlock(&lib->lock);

	ret = req->op->run(lib, req);

	mutex_lock(&lib->lock);
	lib->running = NULL;
	ntms_request_finish_locked(req, ret);
	ntms_queue_kick_locked(lib);
	mutex_unlock(&lib->lock);
	/* a UNIT ATTENTION (an operator at the mail slot) seen meanwhile */
	if (READ_ONCE(lib->smc.dev.ua_pending))
		queue_work(lib->wq, &lib->scan_work);
	ntms_request_put(req);
}
