// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: InventoryNtmsLibrary (NTMS_IOC_INVENTORY).
 *
 * FAST reads every element with volume tags; DEFAULT and SLOT first
 * have the changer scan its elements (INITIALIZE ELEMENT STATUS). A good
 * inventory clears a damaged state, so it is accepted in one.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_move.h"
#include "ntms_request.h"

static int ntms_inventory_run(struct ntms_library *lib,
			      struct ntms_request *req)
{
	int ret;

	if (req->options != NTMS_INVENTORY_FAST) {
		ret = ntms_smc_init_element_status(&lib->smc);
		if (ret)
			return ntms_move_errno(ret);
	}
	return ntms_library_scan_sync(lib);
}

static const struct ntms_op ntms_op_inventory = {
	.operation = NTMS_REQ_OP_INVENTORY,
	.run = ntms_inventory_run,
};

/**
 * ntms_inventory_ioctl() - NTMS_IOC_INVENTORY
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_inventory
 *
 * Queues an inventory (CONTROL access).
 *
 * Context: process context.
 * Return: 0; -EINVAL, -EOPNOTSUPP (OMID, standalone drive), -ENOENT,
 * -ENODEV, -EACCES, -ESHUTDOWN, -ENOSPC, -ENOMEM.
 */
int ntms_inventory_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_inventory *inv = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	/* on-media identifiers are not read */
	if (inv->action == NTMS_INVENTORY_OMID)
		return -EOPNOTSUPP;
	/* the actions that inventory */
	if (inv->action != NTMS_INVENTORY_FAST &&
	    inv->action != NTMS_INVENTORY_DEFAULT &&
	    inv->action != NTMS_INVENTORY_SLOT)
		return -EINVAL;
	memset(&inv->request, 0, sizeof(inv->request));
	req = ntms_request_alloc(s, &ntms_op_inventory, 1);
	if (req)
		req->options = inv->action;

	obj = ntms_check_lookup(s, &inv->library, NTMS_TYPE_LIBRARY,
				NTMS_ACCESS_CONTROL, NTMS_CHECK_CHANGER, &lib);
	ret = PTR_ERR_OR_ZERO(obj);
	if (ret)
		goto out_put;
	ret = ntms_check_queue_locked(&req, lib, NTMS_CHECK_DAMAGED, c,
				      &inv->request);
	ntms_library_unlock_put(lib);
out_put:
	ntms_request_put(req);
	return ret;
}
