// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: moves between two elements named by address (NTMS_IOC_MOVE), as
 * mtx and the changer scripts of backup software name them: slot to
 * drive, drive to a given slot, slot to slot, mail slot to slot, and
 * EXCHANGE MEDIUM where the changer can.
 *
 * The ioctl checks, in order: parameters (-EINVAL), library (-ENOENT;
 * a standalone drive's: -EOPNOTSUPP; gone: -ENODEV), the addresses
 * (-EINVAL: no element, or the robot; an exchange the changer's page 1Fh
 * does not allow: -EOPNOTSUPP), access (USE for a move into or out of a
 * drive, CONTROL through a mail slot, MODIFY from slot to slot: -EACCES),
 * enabled (-ESHUTDOWN), then, when nothing is queued or running in the
 * library, the state (the request would be decided now anyway), database
 * (-EUCLEAN), room (-ENOSPC), memory (-ENOMEM).
 *
 * The state is decided when the request's turn comes (its ready()),
 * against the library as it is then, in this order (mtx's): a
 * destination holding a cartridge fails EEXIST, unless a pending request
 * is about to move that cartridge (then it waits); an empty source fails
 * ENOMEDIUM, unless it is a home slot (%NTMS_MOVE_F_HOME) whose cartridge
 * is in a drive (the request waits for it to come back); an opened
 * source drive EBUSY; a disabled cartridge or drive ESHUTDOWN.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

/* the elements of a move, by address: -EINVAL if one is not one */
static int ntms_transfer_elements_locked(struct ntms_library *lib,
					 const u16 *addr, bool exchange,
					 struct ntms_element **el)
{
	unsigned int i;

	for (i = 0; i < (exchange ? 3 : 2); i++) {
		el[i] = ntms_library_find_element_locked(lib, addr[i]);
		if (!el[i] || el[i]->obj.type == NTMS_TYPE_CHANGER)
			return -EINVAL;
	}
	if (el[0] == el[1])
		return -EINVAL;
	return 0;
}

/* the access one move needs, RSM's way: mount, dismount, inject, eject */
static u32 ntms_transfer_access(const struct ntms_element *from,
				const struct ntms_element *to)
{
	if (from->obj.type == NTMS_TYPE_IEPORT ||
	    to->obj.type == NTMS_TYPE_IEPORT)
		return NTMS_ACCESS_CONTROL;
	if (from->obj.type == NTMS_TYPE_DRIVE || to->obj.type == NTMS_TYPE_DRIVE)
		return NTMS_ACCESS_USE;
	return NTMS_ACCESS_MODIFY;
}

/* the cartridge whose home is slot @el, out of it in a drive, or NULL */
static struct ntms_media *
ntms_transfer_home_out_locked(struct ntms_library *lib, struct ntms_element *el)
{
	struct ntms_media *m;

	if (el->obj.type != NTMS_TYPE_STORAGESLOT)
		return NULL;
	list_for_each_entry(m, &lib->media, node)
		if ((m->mflags & NTMS_MEDIA_HOME_VALID) &&
		    m->home_addr == el->addr && m->loc &&
		    m->loc->obj.type == NTMS_TYPE_DRIVE)
			return m;
	return NULL;
}

/* is a pending request (but @self) about to change what @el holds? */
static bool ntms_transfer_named_locked(struct ntms_library *lib,
				       struct ntms_request *self,
				       struct ntms_element *el)
{
	struct ntms_request *req;

	if (lib->running && lib->running != self &&
	    ntms_request_names_locked(lib->running, el))
		return true;
	list_for_each_entry(req, &lib->queue, queue_node)
		if (req != self && ntms_request_names_locked(req, el))
			return true;
	return false;
}

/* a drive element, or the cartridge in a source, disabled? */
static bool ntms_transfer_disabled(struct ntms_element **el, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (el[i]->obj.type == NTMS_TYPE_DRIVE && !el[i]->obj.enabled)
			return true;
		if (el[i]->media && !el[i]->media->obj.enabled)
			return true;
	}
	return false;
}

/*
 * The state of a move, decided now: 0 (it can run), -EAGAIN (it waits),
 * or the errno it fails with.
 */
static int ntms_transfer_state_locked(struct ntms_library *lib,
				      struct ntms_request *req)
{
	bool exchange = req->options & NTMS_MOVE_F_EXCHANGE;
	struct ntms_element *el[3];
	struct ntms_media *m;
	struct ntms_drive *d;
	int ret;

	ret = ntms_transfer_elements_locked(lib, req->addr, exchange, el);
	if (ret)
		return ret;
	/* the destination first, as mtx checks its drive before moving */
	if (!exchange && ntms_move_full_locked(el[1]) &&
	    !ntms_transfer_named_locked(lib, req, el[1]))
		return -EEXIST;
	if (!ntms_move_full_locked(el[0])) {
		m = req->options & NTMS_MOVE_F_HOME ?
		    ntms_transfer_home_out_locked(lib, el[0]) : NULL;
		/* already where it is to go: that drive is full */
		if (m && m->loc == el[1])
			return -EEXIST;
		return m ? -EAGAIN : -ENOMEDIUM;
	}
	if (el[0]->obj.type == NTMS_TYPE_DRIVE) {
		d = container_of(el[0], struct ntms_drive, el);
		if (ntms_drive_opened_locked(d))
			return -EBUSY;
	}
	if (ntms_transfer_disabled(el, exchange ? 3 : 2))
		return -ESHUTDOWN;
	if (exchange) {
		/* both full; the second destination empty unless it is the
		 * source (a swap)
		 */
		if (!ntms_move_full_locked(el[1]))
			return -ENOMEDIUM;
		if (el[2] != el[0] && ntms_move_full_locked(el[2]))
			return ntms_transfer_named_locked(lib, req, el[2]) ?
			       -EAGAIN : -EEXIST;
		return 0;
	}
	/* full, but a pending request is about to empty it */
	return ntms_move_full_locked(el[1]) ? -EAGAIN : 0;
}

static int ntms_transfer_ready(struct ntms_library *lib,
			       struct ntms_request *req)
{
	return ntms_transfer_state_locked(lib, req);
}

/* what the request reports: the cartridge, the drive, the slot involved */
static void ntms_transfer_describe_locked(struct ntms_request *req,
					  struct ntms_element **el)
{
	unsigned int i;

	if (el[0]->media)
		req->media[0] = el[0]->media->obj.guid;
	for (i = 0; i < 2; i++) {
		if (el[i]->obj.type == NTMS_TYPE_DRIVE)
			req->drives[0] = el[i]->obj.guid;
		else if (el[i]->obj.type == NTMS_TYPE_STORAGESLOT)
			req->slot = el[i]->obj.guid;
		else
			req->port = el[i]->obj.guid;
	}
}

/* EXCHANGE MEDIUM, then the three elements read again */
static int ntms_transfer_exchange(struct ntms_library *lib,
				  struct ntms_element **el)
{
	u16 transport = 0;
	int ret, i;

	mutex_lock(&lib->lock);
	if (lib->nr_changers)
		transport = lib->changers[0].addr;
	mutex_unlock(&lib->lock);
	ret = ntms_smc_exchange_medium(&lib->smc, transport, el[0]->addr,
				       el[1]->addr, el[2]->addr);
	if (ret == -ENODEV)
		return ret;
	/* the destinations first: a cartridge is never shown nowhere */
	for (i = 2; i >= 0; i--)
		if (ntms_move_read(lib, el[i]))
			break;
	return ntms_move_errno(ret);
}

static int ntms_transfer_run(struct ntms_library *lib,
			     struct ntms_request *req)
{
	bool exchange = req->options & NTMS_MOVE_F_EXCHANGE;
	struct ntms_element *el[3];
	int ret;

	mutex_lock(&lib->lock);
	ret = ntms_transfer_elements_locked(lib, req->addr, exchange, el);
	mutex_unlock(&lib->lock);
	if (ret)
		return ret;
	/* as the device sees them now */
	ret = ntms_move_read_two(lib, el[0], el[1]);
	if (!ret && exchange && el[2] != el[0])
		ret = ntms_move_read(lib, el[2]);
	if (ret)
		return ret;
	mutex_lock(&lib->lock);
	ret = ntms_transfer_state_locked(lib, req);
	/* changed behind the driver's back since its turn came: no waiting */
	if (ret == -EAGAIN)
		ret = ntms_move_full_locked(el[0]) ? -EEXIST : -ENOMEDIUM;
	if (!ret)
		ntms_transfer_describe_locked(req, el);
	mutex_unlock(&lib->lock);
	if (ret)
		return ret;
	if (exchange)
		return ntms_transfer_exchange(lib, el);
	return ntms_move_medium(lib, el[0], el[1]);
}

static const struct ntms_op ntms_op_move = {
	.operation = NTMS_REQ_OP_MOVE,
	.moves = true,
	.ready = ntms_transfer_ready,
	.run = ntms_transfer_run,
};

static const struct ntms_op ntms_op_exchange = {
	.operation = NTMS_REQ_OP_EXCHANGE,
	.moves = true,
	.ready = ntms_transfer_ready,
	.run = ntms_transfer_run,
};

/* the checks once the library is locked, in the order of the header */
static int ntms_transfer_check_locked(struct ntms_session *s,
				      struct ntms_library *lib,
				      struct ntms_move *mv,
				      struct ntms_request *req)
{
	bool exchange = mv->flags & NTMS_MOVE_F_EXCHANGE;
	u16 addr[3] = { mv->source, mv->dest, mv->dest2 };
	struct ntms_element *el[3];
	u32 need;
	int ret;

	ret = ntms_check_library_locked(s, lib, NTMS_ACCESS_USE,
					NTMS_CHECK_CHANGER |
					NTMS_CHECK_DISABLED);
	if (ret)
		return ret;
	ret = ntms_transfer_elements_locked(lib, addr, exchange, el);
	if (ret)
		return ret;
	need = ntms_transfer_access(el[0], el[1]);
	if (exchange) {
		if (!ntms_smc_can_exchange(&lib->geo, ntms_move_etype(el[0]),
					   ntms_move_etype(el[1])) ||
		    !ntms_smc_can_exchange(&lib->geo, ntms_move_etype(el[1]),
					   ntms_move_etype(el[2])))
			return -EOPNOTSUPP;
		need = max(need, ntms_transfer_access(el[1], el[2]));
	}
	/* the rights nest: CONTROL > MODIFY > USE */
	if (!(ntms_session_access(s, lib) & need))
		return -EACCES;
	if (!lib->obj.enabled)
		return -ESHUTDOWN;
	/* nothing ahead of it: decided now, as its turn would */
	if (!lib->nr_pending && req) {
		ret = ntms_transfer_state_locked(lib, req);
		if (ret != -EAGAIN)
			return ret;
	}
	return 0;
}

/**
 * ntms_transfer_ioctl() - NTMS_IOC_MOVE
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_move
 *
 * Context: process context.
 * Return: 0 or a negative errno, see the order in the file header.
 */
int ntms_transfer_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_move *mv = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	bool exchange;
	int ret;

	exchange = mv->flags & NTMS_MOVE_F_EXCHANGE;
	/* element addresses are 16 bits */
	if ((mv->source | mv->dest | mv->dest2) > U16_MAX)
		return -EINVAL;
	/* a second destination only for an exchange */
	if (!exchange && mv->dest2)
		return -EINVAL;
	/* RSM's priority range */
	if (mv->priority < NTMS_PRIORITY_LOWEST ||
	    mv->priority > NTMS_PRIORITY_HIGHEST)
		return -EINVAL;
	memset(&mv->request, 0, sizeof(mv->request));
	req = ntms_request_alloc(s, exchange ? &ntms_op_exchange :
				 &ntms_op_move, 1);
	if (req) {
		req->options = mv->flags;
		req->priority = mv->priority;
		req->addr[0] = mv->source;
		req->addr[1] = mv->dest;
		req->addr[2] = mv->dest2;
	}

	obj = ntms_object_lock(&mv->library, &lib);
	ret = -ENOENT;
	if (!obj)
		goto out_put;
	if (obj->type == NTMS_TYPE_LIBRARY)
		ret = ntms_transfer_check_locked(s, lib, mv, req);
	if (!ret)
		ret = ntms_check_queue_locked(&req, lib, 0, c, &mv->request);
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
