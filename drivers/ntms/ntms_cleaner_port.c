// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the cleaning cartridge in and out through a mail slot
 * (NTMS_IOC_CLEANER_PORT; InjectNtmsCleaner, EjectNtmsCleaner).
 *
 * The cleaner's place is the library's cleaner slot (ntms_cleaner.c),
 * which the driver never fills with anything else: an inject moves what
 * the operator put in a mail slot there and records the cleanings the
 * operator says it has left; an eject takes it from there to an empty
 * mail slot, for the operator to take out. Both are queued like the
 * inject and eject of data cartridges (ntms_port.c), and read the slots
 * they use before moving.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

/* the state checks of either, in the order of &struct ntms_cleaner_port */
static int ntms_cleaner_port_check_locked(struct ntms_library *lib,
					  bool eject,
					  struct ntms_element **slotp)
{
	struct ntms_element *slot;
	int ret;

	if (!lib->cleaner_set)
		return -EALREADY;
	slot = ntms_library_find_element_locked(lib, lib->cleaner_addr);
	if (!slot)
		return -EALREADY;
	ret = ntms_cleaner_slot_state_locked(slot);
	if (ret == -EADDRNOTAVAIL)
		return ret;
	if (eject && !ret)
		return -ENOMEDIUM;
	if (!eject && ret)
		return ret;
	*slotp = slot;
	return 0;
}

/*
 * Inject (@full): the first mail slot holding a cartridge the operator
 * put there (IMPEXP set: not one the robot left for the operator to take
 * out). Eject: the first empty one. NULL if none.
 */
static struct ntms_element *ntms_cleaner_port_pick_locked(struct ntms_library *lib,
							  bool full)
{
	struct ntms_element *el;
	bool ok;
	u32 i;

	for (i = 0; i < lib->nr_ports; i++) {
		el = &lib->ports[i];
		if (full)
			ok = ntms_move_full_locked(el) &&
			     (el->flags & NTMS_SMC_EF_IMPEXP);
		else
			ok = ntms_move_empty_locked(el);
		if (ok)
			return el;
	}
	return NULL;
}

/*
 * Read the cleaner slot and the mail slots, check again, pick the port:
 * the request's source and destination, or an errno.
 */
static int ntms_cleaner_port_prepare(struct ntms_library *lib,
				     struct ntms_request *req, bool eject,
				     struct ntms_element **src,
				     struct ntms_element **dst)
{
	struct ntms_element *slot = NULL, *port;
	int ret;

	mutex_lock(&lib->lock);
	ret = ntms_cleaner_port_check_locked(lib, eject, &slot);
	mutex_unlock(&lib->lock);
	if (ret)
		return ret;
	ret = ntms_move_read(lib, slot);
	if (!ret)
		ret = ntms_move_read_range(lib, NTMS_SMC_ET_IE,
					   lib->ports[0].addr, lib->nr_ports);
	if (ret)
		return ret;

	mutex_lock(&lib->lock);
	ret = ntms_cleaner_port_check_locked(lib, eject, &slot);
	port = ret ? NULL : ntms_cleaner_port_pick_locked(lib, !eject);
	if (!ret && !port)
		ret = eject ? -EAGAIN : -ENODATA;
	if (!ret) {
		req->slot = slot->obj.guid;
		req->port = port->obj.guid;
		*src = eject ? slot : port;
		*dst = eject ? port : slot;
		if ((*src)->media)
			req->media[0] = (*src)->media->obj.guid;
	}
	mutex_unlock(&lib->lock);
	return ret;
}

static int ntms_cleaner_port_run(struct ntms_library *lib,
				 struct ntms_request *req)
{
	bool eject = req->op->operation == NTMS_REQ_OP_EJECT_CLEANER;
	struct ntms_element *src, *dst;
	struct ntms_media *m;
	int ret;

	ret = ntms_cleaner_port_prepare(lib, req, eject, &src, &dst);
	if (ret)
		return ret;
	ret = ntms_move_medium(lib, src, dst);
	if (ret || eject)
		return ret;
	/* the library's cleaner, with the cleanings the operator gave */
	mutex_lock(&lib->lock);
	m = dst->media;
	if (m) {
		m->mflags |= NTMS_MEDIA_CLEANER | NTMS_MEDIA_CLEANS_KNOWN;
		m->cleans_left = req->options;
		m->modified_ns = ntms_now_ns();
		ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_PHYSICAL_MEDIA,
				&m->obj.guid, 0, 0, NULL);
	}
	ntms_library_touch_locked(lib);
	mutex_unlock(&lib->lock);
	return 0;
}

static const struct ntms_op ntms_op_inject_cleaner = {
	.operation = NTMS_REQ_OP_INJECT_CLEANER,
	.run = ntms_cleaner_port_run,
};

static const struct ntms_op ntms_op_eject_cleaner = {
	.operation = NTMS_REQ_OP_EJECT_CLEANER,
	.run = ntms_cleaner_port_run,
};

/**
 * ntms_cleaner_port_ioctl() - NTMS_IOC_CLEANER_PORT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_cleaner_port
 *
 * Queues the inject of a cleaning cartridge from a mail slot into the
 * library's cleaner slot, or its eject from there to a mail slot
 * (CONTROL access).
 *
 * Context: process context.
 * Return: 0 or a negative errno, in the order of &struct
 * ntms_cleaner_port.
 */
int ntms_cleaner_port_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_cleaner_port *cp = c->arg;
	bool eject = cp->flags & NTMS_CLEANER_PORT_F_EJECT;
	struct ntms_element *slot;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	if (eject && cp->cleans_left)
		return -EINVAL;
	memset(&cp->request, 0, sizeof(cp->request));
	/* allocated first, reported last: no allocation under the lock */
	req = ntms_request_alloc(s, eject ? &ntms_op_eject_cleaner :
					    &ntms_op_inject_cleaner, 1);
	if (req)
		req->options = cp->cleans_left;
	obj = ntms_object_lock(&cp->library, &lib);
	ret = -ENOENT;
	if (!obj)
		goto out_put;
	if (obj->type != NTMS_TYPE_LIBRARY)
		goto out_unlock;
	/* no mail slot (a standalone drive's library has none either) */
	ret = -EOPNOTSUPP;
	if (!lib->nr_ports)
		goto out_unlock;
	ret = ntms_check_library_locked(s, lib, NTMS_ACCESS_CONTROL,
					NTMS_CHECK_CHANGER);
	if (!ret)
		ret = ntms_cleaner_port_check_locked(lib, eject, &slot);
	if (!ret)
		ret = ntms_check_queue_locked(&req, lib, 0, c, &cp->request);
out_unlock:
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
