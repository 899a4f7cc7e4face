// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: import/export ports (mail slots): InjectNtmsMedia
 * (NTMS_IOC_INJECT) and EjectNtmsMedia (NTMS_IOC_EJECT), and how they run
 * in the library's queue.
 *
 * An operator puts a cartridge in a mail slot; the changer reports UNIT
 * ATTENTION 28h/01h, which the library's poll (or any command) sees, and
 * the whole library is read again: the cartridge appears in the port
 * (OBJ_INSERT, or OBJ_UPDATE for offline media coming back). An inject
 * moves what is in the ports into empty storage slots. An eject moves a
 * cartridge from its slot to an empty port; once the operator takes it
 * out, the next read no longer sees it and it becomes offline media
 * (kept, NOT_PRESENT, same GUID: GUIDs come from barcodes).
 *
 * Both check, in the order of the other operations: session, parameters
 * (-EINVAL, -EFAULT), objects (-ENOENT; a port of another library:
 * -EXDEV), library (no mail slot or a standalone drive's: -EOPNOTSUPP;
 * changer removed: -ENODEV), access (CONTROL: -EACCES), enabled
 * (-ESHUTDOWN), state (eject: offline -ENXIO, in a drive -EBUSY, already
 * in a port -EALREADY, no empty port -EAGAIN), database (-EUCLEAN), room
 * (-ENOSPC), memory (-ENOMEM).
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

/* a port of @lib by GUID: -ENOENT not a port, -EXDEV another library's */
static struct ntms_element *ntms_port_find_locked(struct ntms_library *lib,
						  const struct ntms_guid *g,
						  int *err)
{
	struct ntms_object *obj;

	obj = ntms_check_find_locked(lib, g, NTMS_TYPE_IEPORT, err);
	return obj ? container_of(obj, struct ntms_element, obj) : NULL;
}

/*
 * Is there an empty port for one more eject? @port (if not NULL) must be
 * empty in the model and not asked for by an eject already queued; else
 * the ports the model shows empty must outnumber the queued ejects, the
 * cleaner's (ntms_cleaner_port.c: it takes the first empty port when it
 * runs) included.
 */
static bool ntms_port_room_locked(struct ntms_library *lib,
				  struct ntms_element *port)
{
	struct ntms_request *req;
	u32 i, empty = 0, queued = 0;

	list_for_each_entry(req, &lib->queue, queue_node) {
		if (req->op->operation != NTMS_REQ_OP_EJECT &&
		    req->op->operation != NTMS_REQ_OP_EJECT_CLEANER)
			continue;
		if (port && !memcmp(&req->port, &port->obj.guid,
				    sizeof(req->port)))
			return false;
		queued++;
	}
	if (port)
		return ntms_move_empty_locked(port);
	for (i = 0; i < lib->nr_ports; i++)
		empty += ntms_move_empty_locked(&lib->ports[i]);
	return empty > queued;
}

/* where the cartridge of an eject is: 0 a storage slot, else an errno */
static int ntms_port_eject_state_locked(struct ntms_media *m)
{
	if ((m->mflags & NTMS_MEDIA_OFFLINE) || !m->loc)
		return -ENXIO;
	if (m->loc->obj.type == NTMS_TYPE_IEPORT)
		return -EALREADY;
	/* in a drive (or the robot): dismount it first */
	if (m->loc->obj.type != NTMS_TYPE_STORAGESLOT)
		return -EBUSY;
	return 0;
}

/* the state checks of an eject */
static int ntms_port_eject_check_locked(struct ntms_library *lib,
					struct ntms_media *m,
					struct ntms_element *port)
{
	int ret;

	if (!m->obj.enabled)
		return -ESHUTDOWN;
	ret = ntms_port_eject_state_locked(m);
	if (ret)
		return ret;
	if (!ntms_port_room_locked(lib, port))
		return -EAGAIN;
	return 0;
}

/*
 * The checks of an inject (@m NULL) or an eject (@m the cartridge) in
 * @lib, then stage *@reqp for the call @c, its GUID in @request.
 */
static int ntms_port_queue_locked(struct ntms_session *s,
				  struct ntms_call *c, struct ntms_library *lib,
				  struct ntms_media *m,
				  const struct ntms_guid *port_guid, u32 flags,
				  struct ntms_request **reqp,
				  struct ntms_guid *request)
{
	struct ntms_request *req = *reqp;
	struct ntms_element *port = NULL;
	int ret;

	if (flags & NTMS_PORT_F_SPECIFIC) {
		port = ntms_port_find_locked(lib, port_guid, &ret);
		if (!port)
			return ret;
	}
	/* no mail slot (a standalone drive's library has none either) */
	if (!lib->nr_ports)
		return -EOPNOTSUPP;
	ret = ntms_check_library_locked(s, lib, NTMS_ACCESS_CONTROL,
					NTMS_CHECK_CHANGER);
	if (ret)
		return ret;
	if (m) {
		ret = ntms_port_eject_check_locked(lib, m, port);
		if (ret)
			return ret;
	}
	if (req) {
		req->options = flags;
		if (port)
			req->port = port->obj.guid;
		if (m) {
			req->media[0] = m->obj.guid;
			req->slot = m->loc->obj.guid;
		}
	}
	return ntms_check_queue_locked(reqp, lib, 0, c, request);
}

/* the shared part of both ioctls, after the arguments were checked */
static int ntms_port_ioctl(struct ntms_session *s, struct ntms_call *c,
			   const struct ntms_op *op,
			   const struct ntms_guid *target,
			   const struct ntms_guid *port, u32 flags,
			   struct ntms_guid *request)
{
	struct ntms_library *lib;
	struct ntms_request *req;
	struct ntms_object *obj;
	int ret;

	/* @port is meaningful only with NTMS_PORT_F_SPECIFIC */
	if (!(flags & NTMS_PORT_F_SPECIFIC) &&
	    memchr_inv(port, 0, sizeof(*port)))
		return -EINVAL;
	memset(request, 0, sizeof(*request));
	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, op, 1);
	obj = ntms_object_lock(target, &lib);
	ret = -ENOENT;
	if (!obj)
		goto out_put;
	if (obj->type != (op->operation == NTMS_REQ_OP_INJECT ?
			  NTMS_TYPE_LIBRARY : NTMS_TYPE_PHYSICAL_MEDIA))
		goto out_unlock;
	ret = ntms_port_queue_locked(s, c, lib,
				     op->operation == NTMS_REQ_OP_EJECT ?
				     container_of(obj, struct ntms_media, obj) :
				     NULL, port, flags, &req, request);
out_unlock:
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}

/* the ports a request acts on: the one asked for, or all */
static int ntms_port_range_locked(struct ntms_library *lib,
				  struct ntms_request *req,
				  struct ntms_element **first, u16 *count)
{
	int ret;

	if (req->options & NTMS_PORT_F_SPECIFIC) {
		*first = ntms_port_find_locked(lib, &req->port, &ret);
		*count = 1;
		return *first ? 0 : ret;
	}
	if (!lib->nr_ports)
		return -EOPNOTSUPP;
	*first = &lib->ports[0];
	*count = lib->nr_ports;
	return 0;
}

/* read the ports of @req from the device */
static int ntms_port_read(struct ntms_library *lib, struct ntms_request *req,
			  struct ntms_element **first, u16 *count)
{
	int ret;

	mutex_lock(&lib->lock);
	ret = ntms_port_range_locked(lib, req, first, count);
	mutex_unlock(&lib->lock);
	if (ret)
		return ret;
	return ntms_move_read_range(lib, NTMS_SMC_ET_IE, (*first)->addr,
				    *count);
}

/* import what is in port @el; -ENODATA: the port was found empty */
static int ntms_port_inject_one(struct ntms_library *lib,
				struct ntms_request *req,
				struct ntms_element *el)
{
	struct ntms_element *home = NULL, *dst = NULL;
	struct ntms_media *m;
	bool full;
	int ret;

	mutex_lock(&lib->lock);
	full = ntms_move_full_locked(el);
	m = el->media;
	/* offline media coming back go home, if their slot is free */
	if (m && (m->mflags & NTMS_MEDIA_HOME_VALID) &&
	    ntms_move_is_slot_locked(lib, m->home_addr))
		home = ntms_library_find_element_locked(lib, m->home_addr);
	mutex_unlock(&lib->lock);
	if (!full)
		return -ENODATA;

	ret = ntms_move_to_slot(lib, el, home, &dst);
	if (ret)
		return ret;
	mutex_lock(&lib->lock);
	/* the request describes the first cartridge imported */
	if (dst->media && !memchr_inv(&req->slot, 0, sizeof(req->slot))) {
		req->slot = dst->obj.guid;
		req->media[0] = dst->media->obj.guid;
	}
	mutex_unlock(&lib->lock);
	return 0;
}

/*
 * Carry out an inject: read the ports, then move each cartridge found in
 * them to an empty storage slot (its home slot first, for offline media
 * coming back), verifying the destination first. A port found empty is
 * skipped; no cartridge in any port fails with -ENODATA; no empty slot
 * left, -EXFULL (what was moved before stays moved).
 */
static int ntms_port_inject_run(struct ntms_library *lib,
				struct ntms_request *req)
{
	struct ntms_element *first;
	bool found = false;
	int ret, err = 0;
	u16 count, i;

	/* what the ports hold now, not what the model last saw */
	ret = ntms_port_read(lib, req, &first, &count);
	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		ret = ntms_port_inject_one(lib, req, first + i);
		if (ret == -ENODATA)
			continue;
		found = true;
		if (ret == -ENODEV || ret == -EXFULL)
			return ret;
		if (ret && !err)
			err = ret;
	}
	return found ? err : -ENODATA;
}

static const struct ntms_op ntms_op_inject = {
	.operation = NTMS_REQ_OP_INJECT,
	.run = ntms_port_inject_run,
};

/* where the cartridge of an eject is, as a slot of @lib, or an errno */
static int ntms_port_eject_src_locked(struct ntms_library *lib,
				      struct ntms_request *req,
				      struct ntms_element **src)
{
	struct ntms_media *m;
	int ret;

	m = ntms_check_media_locked(lib, &req->media[0], &ret);
	if (!m)
		return ret;
	ret = ntms_port_eject_state_locked(m);
	if (!ret)
		*src = m->loc;
	return ret;
}

/* the port an eject uses, from a fresh read of the ports */
static struct ntms_element *ntms_port_eject_dst_locked(struct ntms_request *req,
						       struct ntms_element *first,
						       u16 count)
{
	u16 i;

	for (i = 0; i < count; i++) {
		if (ntms_move_empty_locked(first + i)) {
			req->port = first[i].obj.guid;
			return first + i;
		}
	}
	return NULL;
}

/* how often an eject follows a cartridge others keep moving */
#define NTMS_PORT_FOLLOW	3

/*
 * Carry out an eject: read the cartridge's slot and the ports, check
 * that the cartridge is still in that slot and pick the first empty port
 * (or check the one asked for), then move it. A cartridge moved to
 * another slot behind the driver's back was found by the read (see
 * ntms_move_read_range()) and is ejected from there; one mounted, put in
 * a mail slot or taken out meanwhile fails the eject as at queueing.
 */
static int ntms_port_eject_run(struct ntms_library *lib,
			       struct ntms_request *req)
{
	struct ntms_element *src, *now = NULL, *first, *dst = NULL;
	unsigned int tries = 0;
	u16 count;
	int ret;

	mutex_lock(&lib->lock);
	ret = ntms_port_eject_src_locked(lib, req, &src);
	mutex_unlock(&lib->lock);
	while (!ret) {
		/* source and destinations as the device sees them now */
		ret = ntms_move_read(lib, src);
		if (!ret)
			ret = ntms_port_read(lib, req, &first, &count);
		if (ret)
			return ret;
		mutex_lock(&lib->lock);
		ret = ntms_port_eject_src_locked(lib, req, &now);
		if (!ret && now == src) {
			dst = ntms_port_eject_dst_locked(req, first, count);
			if (!dst)
				ret = -EAGAIN;
		}
		mutex_unlock(&lib->lock);
		if (ret || now == src)
			break;
		if (++tries == NTMS_PORT_FOLLOW)
			return -EAGAIN;
		src = now;
	}
	if (ret)
		return ret;
	return ntms_move_medium(lib, src, dst);
}

static const struct ntms_op ntms_op_eject = {
	.operation = NTMS_REQ_OP_EJECT,
	.run = ntms_port_eject_run,
};

/**
 * ntms_port_inject_ioctl() - NTMS_IOC_INJECT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_inject
 *
 * Queues the import of what is in the library's mail slots (or in the
 * one port given with %NTMS_PORT_F_SPECIFIC) into empty storage slots
 * (CONTROL access). What the ports hold is read when the request runs.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -ENOENT, -EXDEV, -EOPNOTSUPP, -ENODEV, -EACCES,
 * -ESHUTDOWN, -EUCLEAN, -ENOSPC, -ENOMEM.
 */
int ntms_port_inject_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_inject *in = c->arg;

	return ntms_port_ioctl(s, c, &ntms_op_inject, &in->library, &in->port,
			       in->flags, &in->request);
}

/**
 * ntms_port_eject_ioctl() - NTMS_IOC_EJECT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_eject
 *
 * Queues the move of a cartridge from its storage slot to an empty mail
 * slot (or the port given with %NTMS_PORT_F_SPECIFIC), CONTROL access.
 * A cartridge in a drive must be dismounted first.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -ENOENT, -EXDEV, -EOPNOTSUPP, -ENODEV, -EACCES,
 * -ESHUTDOWN, -ENXIO (offline), -EBUSY (in a drive), -EALREADY (in a
 * port), -EAGAIN (no empty port), -EUCLEAN, -ENOSPC, -ENOMEM.
 */
int ntms_port_eject_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_eject *ej = c->arg;

	return ntms_port_ioctl(s, c, &ntms_op_eject, &ej->media, &ej->port,
			       ej->flags, &ej->request);
}
