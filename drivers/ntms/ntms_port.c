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
#include <linux/uaccess.h>

#include "ntms_request.h"

static bool ntms_port_is_slot(struct ntms_library *lib, u16 addr)
{
	return addr - lib->geo.first[NTMS_SMC_ET_ST] < lib->nr_slots;
}

/* the model shows something in the port (read at least once) */
static bool ntms_port_full_locked(struct ntms_element *el)
{
	return el->known && (el->media || (el->flags & NTMS_SMC_EF_FULL));
}

/* a port of @lib by GUID: -ENOENT not a port, -EXDEV another library's */
static struct ntms_element *ntms_port_find_locked(struct ntms_library *lib,
						  const struct ntms_guid *g)
{
	struct ntms_object *obj = ntms_object_find_locked(g);

	if (!obj || obj->type != NTMS_TYPE_IEPORT)
		return ERR_PTR(-ENOENT);
	if (obj->lib != lib)
		return ERR_PTR(-EXDEV);
	return container_of(obj, struct ntms_element, obj);
}

/*
 * Is there an empty port for one more eject? @port (if not NULL) must be
 * empty in the model and not asked for by an eject already queued; else
 * the ports the model shows empty must outnumber the queued ejects.
 */
static bool ntms_port_room_locked(struct ntms_library *lib,
				  struct ntms_element *port)
{
	struct ntms_request *req;
	u32 i, empty = 0, queued = 0;

	list_for_each_entry(req, &lib->queue, queue_node) {
		if (req->operation != NTMS_REQ_OP_EJECT)
			continue;
		if (port && !memcmp(&req->port, &port->obj.guid,
				    sizeof(req->port)))
			return false;
		queued++;
	}
	if (port)
		return ntms_element_empty_locked(port);
	for (i = 0; i < lib->nr_ports; i++)
		empty += ntms_element_empty_locked(&lib->ports[i]);
	return empty > queued;
}

/* the state checks of an eject */
static int ntms_port_eject_check_locked(struct ntms_library *lib,
					struct ntms_media *m,
					struct ntms_element *port)
{
	if (!m->obj.enabled)
		return -ESHUTDOWN;
	if ((m->mflags & NTMS_MEDIA_OFFLINE) || !m->loc)
		return -ENXIO;
	if (m->loc->obj.type == NTMS_TYPE_IEPORT)
		return -EALREADY;
	/* in a drive (or the robot): dismount it first */
	if (m->loc->obj.type != NTMS_TYPE_STORAGESLOT)
		return -EBUSY;
	if (!ntms_port_room_locked(lib, port))
		return -EAGAIN;
	return 0;
}

/*
 * Look up and check the objects of an inject (@target: the library) or an
 * eject (@target: the cartridge), then queue @req. On success the request
 * belongs to the table and its GUID is in @request.
 */
static int ntms_port_queue_locked(struct ntms_session *s,
				  struct ntms_request *req, u32 op,
				  const struct ntms_guid *target,
				  const struct ntms_guid *port_guid, u32 flags,
				  struct ntms_guid *request)
{
	struct ntms_element *port = NULL;
	struct ntms_media *m = NULL;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	obj = ntms_ops_find_locked(target, op == NTMS_REQ_OP_INJECT ?
				   NTMS_TYPE_LIBRARY : NTMS_TYPE_PHYSICAL_MEDIA);
	if (!obj)
		return -ENOENT;
	lib = obj->lib;
	if (op == NTMS_REQ_OP_EJECT)
		m = container_of(obj, struct ntms_media, obj);
	if (flags & NTMS_PORT_F_SPECIFIC) {
		port = ntms_port_find_locked(lib, port_guid);
		if (IS_ERR(port))
			return PTR_ERR(port);
	}
	/* no mail slot (a standalone drive's library has none either) */
	if (!lib->nr_ports)
		return -EOPNOTSUPP;
	ret = ntms_ops_check_locked(s, lib, NTMS_ACCESS_CONTROL,
				    NTMS_OPS_F_CHANGER);
	if (ret)
		return ret;
	if (m) {
		ret = ntms_port_eject_check_locked(lib, m, port);
		if (ret)
			return ret;
	}
	if (lib->damaged)
		return -EUCLEAN;
	ret = ntms_request_room_locked();
	if (ret)
		return ret;
	if (!req)
		return -ENOMEM;
	req->options = flags;
	if (port)
		req->port = port->obj.guid;
	if (m) {
		req->media[0] = m->obj.guid;
		req->slot = m->loc->obj.guid;
	}
	ret = ntms_request_submit_locked(req, lib);
	if (!ret)
		*request = req->obj.guid;
	return ret;
}

/* the shared part of both ioctls, after the arguments were checked */
static int ntms_port_queue(struct ntms_session *s, u32 op,
			   const struct ntms_guid *target,
			   const struct ntms_guid *port, u32 flags,
			   struct ntms_guid *request)
{
	struct ntms_request *req;
	int ret;

	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, op, 1);
	mutex_lock(&ntms_db.lock);
	ret = ntms_port_queue_locked(s, req, op, target, port, flags, request);
	mutex_unlock(&ntms_db.lock);
	if (ret && req)
		ntms_request_put(req);
	return ret;
}

/* the argument rules of both ioctls */
static int ntms_port_check_args(u32 flags, const u32 *padding, size_t len,
				const struct ntms_guid *port)
{
	/* only the defined flag */
	if (flags & ~NTMS_PORT_F_SPECIFIC)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(padding, 0, len))
		return -EINVAL;
	/* @port is meaningful only with NTMS_PORT_F_SPECIFIC */
	if (!(flags & NTMS_PORT_F_SPECIFIC) &&
	    memchr_inv(port, 0, sizeof(*port)))
		return -EINVAL;
	return 0;
}

/**
 * ntms_port_inject() - NTMS_IOC_INJECT
 * @s: the session
 * @argp: user pointer to &struct ntms_inject
 *
 * Queues the import of what is in the library's mail slots (or in the
 * one port given with %NTMS_PORT_F_SPECIFIC) into empty storage slots
 * (CONTROL access). What the ports hold is read when the request runs;
 * with nothing in them the request passes and moves nothing.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EFAULT, -ENOENT, -EXDEV, -EOPNOTSUPP, -ENODEV,
 * -EACCES, -ESHUTDOWN, -EUCLEAN, -ENOSPC, -ENOMEM.
 */
int ntms_port_inject(struct ntms_session *s, void __user *argp)
{
	struct ntms_inject __user *uin = argp;
	struct ntms_guid request;
	struct ntms_inject in;
	int ret;

	if (copy_from_user(&in, argp, sizeof(in)))
		return -EFAULT;
	ret = ntms_port_check_args(in.flags, in.padding, sizeof(in.padding),
				   &in.port);
	if (ret)
		return ret;
	ret = ntms_port_queue(s, NTMS_REQ_OP_INJECT, &in.library, &in.port,
			      in.flags, &request);
	if (ret)
		return ret;
	if (copy_to_user(&uin->request, &request, sizeof(request)))
		return -EFAULT;
	return 0;
}

/**
 * ntms_port_eject() - NTMS_IOC_EJECT
 * @s: the session
 * @argp: user pointer to &struct ntms_eject
 *
 * Queues the move of a cartridge from its storage slot to an empty mail
 * slot (or the port given with %NTMS_PORT_F_SPECIFIC), CONTROL access.
 * A cartridge in a drive must be dismounted first.
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EFAULT, -ENOENT, -EXDEV, -EOPNOTSUPP, -ENODEV,
 * -EACCES, -ESHUTDOWN, -ENXIO (offline), -EBUSY (in a drive), -EALREADY
 * (in a port), -EAGAIN (no empty port), -EUCLEAN, -ENOSPC, -ENOMEM.
 */
int ntms_port_eject(struct ntms_session *s, void __user *argp)
{
	struct ntms_eject __user *uej = argp;
	struct ntms_guid request;
	struct ntms_eject ej;
	int ret;

	if (copy_from_user(&ej, argp, sizeof(ej)))
		return -EFAULT;
	ret = ntms_port_check_args(ej.flags, ej.padding, sizeof(ej.padding),
				   &ej.port);
	if (ret)
		return ret;
	ret = ntms_port_queue(s, NTMS_REQ_OP_EJECT, &ej.media, &ej.port,
			      ej.flags, &request);
	if (ret)
		return ret;
	if (copy_to_user(&uej->request, &request, sizeof(request)))
		return -EFAULT;
	return 0;
}

/* the ports a request acts on: the one asked for, or all */
static int ntms_port_range_locked(struct ntms_library *lib,
				  struct ntms_request *req, u16 *first,
				  u16 *count)
{
	struct ntms_element *el;

	if (req->options & NTMS_PORT_F_SPECIFIC) {
		el = ntms_port_find_locked(lib, &req->port);
		if (IS_ERR(el))
			return PTR_ERR(el);
		*first = el->addr;
		*count = 1;
		return 0;
	}
	if (!lib->nr_ports)
		return -EOPNOTSUPP;
	*first = lib->ports[0].addr;
	*count = lib->nr_ports;
	return 0;
}

/* read the ports of @req from the device */
static int ntms_port_read(struct ntms_library *lib, struct ntms_request *req,
			  u16 *first, u16 *count)
{
	int ret;

	mutex_lock(&ntms_db.lock);
	ret = ntms_port_range_locked(lib, req, first, count);
	mutex_unlock(&ntms_db.lock);
	if (ret)
		return ret;
	return ntms_queue_read_range(lib, NTMS_SMC_ET_IE, *first, *count);
}

/* import what is in port @addr; -ENODATA: the port was found empty */
static int ntms_port_inject_one(struct ntms_library *lib,
				struct ntms_request *req, u16 addr)
{
	struct ntms_element *el;
	struct ntms_media *m;
	bool full, home_valid = false;
	u16 home = 0, dst;
	int ret;

	mutex_lock(&ntms_db.lock);
	el = ntms_library_find_element_locked(lib, addr);
	full = el && el->obj.type == NTMS_TYPE_IEPORT &&
	       ntms_port_full_locked(el);
	m = full ? el->media : NULL;
	/* offline media coming back go home, if their slot is free */
	if (m && (m->mflags & NTMS_MEDIA_HOME_VALID) &&
	    ntms_port_is_slot(lib, m->home_addr)) {
		home = m->home_addr;
		home_valid = true;
	}
	mutex_unlock(&ntms_db.lock);
	if (!full)
		return -ENODATA;

	ret = ntms_queue_pick_home(lib, home, home_valid, &dst);
	if (ret)
		return ret;
	ret = ntms_queue_move(lib, NTMS_SMC_ET_IE, addr, NTMS_SMC_ET_ST, dst);
	if (ret)
		return ret;
	mutex_lock(&ntms_db.lock);
	el = ntms_library_find_element_locked(lib, dst);
	/* the request describes the first cartridge imported */
	if (el && el->media && !memchr_inv(&req->slot, 0, sizeof(req->slot))) {
		req->slot = el->obj.guid;
		req->media[0] = el->media->obj.guid;
	}
	mutex_unlock(&ntms_db.lock);
	return 0;
}

/**
 * ntms_port_inject_run() - carry out an inject request
 * @lib: the library
 * @req: the request (NTMS_REQ_OP_INJECT)
 *
 * Reads the ports, then moves each cartridge found in them to an empty
 * storage slot (its home slot first, for offline media coming back),
 * verifying the destination first. A port found empty is skipped; no
 * cartridge in any port fails with -ENODATA. Each move reads both
 * elements again, which posts the changes as events.
 *
 * Context: the library's workqueue; sleeps; no lock held.
 * Return: 0; the first error of a move; -EXFULL (no empty slot left,
 * what was moved before stays moved); -ENODATA (the ports were empty);
 * -ENODEV.
 */
int ntms_port_inject_run(struct ntms_library *lib, struct ntms_request *req)
{
	u16 first, count, i;
	int ret, err = 0;
	bool found = false;

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

/* where the cartridge of an eject is: a storage slot, else an errno */
static int ntms_port_eject_src_locked(struct ntms_library *lib,
				      struct ntms_request *req, u16 *src)
{
	struct ntms_object *obj = ntms_object_find_locked(&req->media[0]);
	struct ntms_media *m;

	if (!obj || obj->type != NTMS_TYPE_PHYSICAL_MEDIA || obj->lib != lib)
		return -ENOENT;
	m = container_of(obj, struct ntms_media, obj);
	if (!m->loc)
		return -ENXIO;
	if (m->loc->obj.type == NTMS_TYPE_IEPORT)
		return -EALREADY;
	if (m->loc->obj.type != NTMS_TYPE_STORAGESLOT)
		return -EBUSY;
	*src = m->loc->addr;
	return 0;
}

/* the port an eject uses, from a fresh read of the ports */
static int ntms_port_eject_dst_locked(struct ntms_library *lib,
				      struct ntms_request *req, u16 first,
				      u16 count, u16 *dst)
{
	struct ntms_element *el;
	u16 i;

	for (i = 0; i < count; i++) {
		el = ntms_library_find_element_locked(lib, first + i);
		if (el && el->obj.type == NTMS_TYPE_IEPORT &&
		    ntms_element_empty_locked(el)) {
			*dst = el->addr;
			req->port = el->obj.guid;
			return 0;
		}
	}
	return -EAGAIN;
}

/**
 * ntms_port_eject_run() - carry out an eject request
 * @lib: the library
 * @req: the request (NTMS_REQ_OP_EJECT)
 *
 * Reads the cartridge's slot and the ports, checks that the cartridge is
 * still in that slot and picks the first empty port (or checks the one
 * asked for), then moves it and reads both elements again.
 *
 * Context: the library's workqueue; sleeps; no lock held.
 * Return: 0; -ENOMEDIUM (the cartridge left its slot behind the driver's
 * back: the library is read again), -ENXIO, -EBUSY, -EALREADY, -EAGAIN
 * (no empty port), the error of the move, -ENODEV.
 */
int ntms_port_eject_run(struct ntms_library *lib, struct ntms_request *req)
{
	u16 src, src2, first, count, dst = 0;
	int ret;

	mutex_lock(&ntms_db.lock);
	ret = ntms_port_eject_src_locked(lib, req, &src);
	mutex_unlock(&ntms_db.lock);
	if (ret)
		return ret;
	/* source and destinations as the device sees them now */
	ret = ntms_queue_read_range(lib, NTMS_SMC_ET_ST, src, 1);
	if (!ret)
		ret = ntms_port_read(lib, req, &first, &count);
	if (ret)
		return ret;
	mutex_lock(&ntms_db.lock);
	ret = ntms_port_eject_src_locked(lib, req, &src2);
	if (!ret && src2 != src)
		ret = -ENOMEDIUM;
	if (!ret)
		ret = ntms_port_eject_dst_locked(lib, req, first, count, &dst);
	mutex_unlock(&ntms_db.lock);
	if (ret == -ENXIO || ret == -ENOMEDIUM) {
		/* it went elsewhere: find it before anybody looks */
		queue_work(lib->wq, &lib->scan_work);
		return -ENOMEDIUM;
	}
	if (ret)
		return ret;
	return ntms_queue_move(lib, NTMS_SMC_ET_ST, src, NTMS_SMC_ET_IE, dst);
}
