// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: AccessNtmsLibraryDoor (NTMS_IOC_DOOR).
 *
 * An operator going into a library stops its robot: the changer answers
 * NOT READY while its door is open and raises a unit attention when it
 * closes, and what was inside may have been rearranged by hand. So the
 * door is opened through the queue: the request waits for the requests
 * before it, unlocks the door, and holds the queue until the operator
 * has been and gone; then the library is read again as asked.
 */

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/module.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

static unsigned int door_timeout_s = 300;
module_param(door_timeout_s, uint, 0644);
MODULE_PARM_DESC(door_timeout_s, "seconds an unlocked library door waits to be opened before its request passes without an inventory (default 300)");

/* how often the changer is asked whether its door is open */
#define NTMS_DOOR_POLL_MS	500

/*
 * Wait until the door has been opened (@opened: it is already) and closed
 * again: 1, or 0 when it was not opened in time; -ENODEV once the changer
 * is gone. The changer is NOT READY while its door is open, but a quick
 * operator may come and go between two questions: the unit attention
 * that the closing raises (contents may have changed) tells it too.
 */
static int ntms_door_wait(struct ntms_library *lib, bool opened)
{
	unsigned long deadline = jiffies + READ_ONCE(door_timeout_s) * HZ;
	unsigned long changes = lib->smc.dev.nr_changes;
	int ret;

	for (;;) {
		if (!READ_ONCE(lib->sdev))
			return -ENODEV;
		ret = ntms_scsi_test_unit_ready(&lib->smc.dev);
		if (ret == -ENODEV)
			return ret;
		if (ret == -EHOSTDOWN)
			opened = true;
		else if (opened || lib->smc.dev.nr_changes != changes)
			return 1;
		if (!opened && time_after(jiffies, deadline))
			return 0;
		msleep(NTMS_DOOR_POLL_MS);
	}
}

static int ntms_door_run(struct ntms_library *lib, struct ntms_request *req)
{
	int ret;

	/* NOT READY: someone opened the door already */
	ret = ntms_scsi_allow_removal(&lib->smc.dev);
	if (ret && ret != -EOPNOTSUPP && ret != -EHOSTDOWN)
		return ntms_move_errno(ret);
	ret = ntms_door_wait(lib, ret == -EHOSTDOWN);
	if (ret <= 0)
		return ret;
	/* the unit attention of the closing makes the queue read it */
	if (req->options == NTMS_INVENTORY_NONE)
		return 0;
	if (req->options != NTMS_INVENTORY_FAST) {
		ret = ntms_smc_init_element_status(&lib->smc);
		if (ret)
			return ntms_move_errno(ret);
	}
	return ntms_library_scan_sync(lib);
}

static const struct ntms_op ntms_op_door = {
	.operation = NTMS_REQ_OP_DOOR,
	.run = ntms_door_run,
};

/**
 * ntms_door_ioctl() - NTMS_IOC_DOOR
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_door
 *
 * Queues the opening of a library's door (CONTROL access).
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EOPNOTSUPP (OMID, standalone drive), -ENOENT,
 * -ENODEV, -EACCES, -ESHUTDOWN, -ENOSPC, -ENOMEM.
 */
int ntms_door_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_door *d = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	if (d->action == NTMS_INVENTORY_OMID)
		return -EOPNOTSUPP;
	if (d->action != NTMS_INVENTORY_NONE &&
	    d->action != NTMS_INVENTORY_FAST &&
	    d->action != NTMS_INVENTORY_DEFAULT &&
	    d->action != NTMS_INVENTORY_SLOT)
		return -EINVAL;
	memset(&d->request, 0, sizeof(d->request));
	req = ntms_request_alloc(s, &ntms_op_door, 1);
	if (req)
		req->options = d->action;

	obj = ntms_check_lookup(s, &d->library, NTMS_TYPE_LIBRARY,
				NTMS_ACCESS_CONTROL, NTMS_CHECK_CHANGER, &lib);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_put;
	ret = ntms_check_queue_locked(&req, lib, NTMS_CHECK_DAMAGED, c,
				      &d->request);
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
