// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: a library that needs a person (NTMS_OPSTATE_NEEDS_SERVICE).
 *
 * A changer says so itself: NOT READY, manual intervention required
 * (04h/03h), or a HARDWARE ERROR. The library's poll asks it with TEST
 * UNIT READY. An operator who opens a door for a minute is no fault, so
 * only an answer that lasts the module parameter service_delay_s makes
 * the library NEEDS_SERVICE (an OBJ_UPDATE of the library) and raises one
 * operator request, NTMS_OPREQ_CMD_DEVICESERVICE on the library. The
 * first good answer after that ends both: the operator request is
 * COMPLETE and the library is read again (the service may have moved
 * cartridges), which makes it READY.
 */

#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/module.h>

#include "ntms_internal.h"

static unsigned int service_delay_s = 60;
module_param(service_delay_s, uint, 0644);
MODULE_PARM_DESC(service_delay_s, "seconds a changer must keep asking for manual intervention, or keep reporting a hardware error, before its library needs service and an operator is asked (default 60)");

/* raise the operator request, keep it unless one is kept already */
static void ntms_service_ask(struct ntms_library *lib)
{
	char msg[NTMS_OPREQ_MESSAGE_LEN];
	struct ntms_opreq *op;

	snprintf(msg, sizeof(msg),
		 "library %s needs service: the changer asks for manual intervention or reports a hardware error",
		 lib->serial);
	op = ntms_opreq_raise(NTMS_OPREQ_CMD_DEVICESERVICE, &lib->obj.guid,
			      NTMS_TYPE_LIBRARY, NULL, 0, &lib->obj.guid, msg);
	if (IS_ERR(op))
		return;
	mutex_lock(&lib->lock);
	if (lib->op_state == NTMS_OPSTATE_NEEDS_SERVICE &&
	    !lib->service_opreq) {
		lib->service_opreq = op;
		op = NULL;
	}
	mutex_unlock(&lib->lock);
	if (op) {
		ntms_opreq_end(op, false);
		ntms_opreq_put(op);
	}
}

/**
 * ntms_service_poll() - what the poll's TEST UNIT READY says of service
 * @lib: the library
 * @ret: the result of TEST UNIT READY (&lib->smc.dev.service tells why)
 *
 * Context: the library's workqueue (its poll), no lock held; sleeps.
 */
void ntms_service_poll(struct ntms_library *lib, int ret)
{
	unsigned long delay = READ_ONCE(service_delay_s) * HZ;
	bool service = ret && READ_ONCE(lib->smc.dev.service);
	struct ntms_opreq *done = NULL;
	bool ask = false, rescan = false;

	mutex_lock(&lib->lock);
	if (!service) {
		lib->service_since = 0;
		if (lib->op_state == NTMS_OPSTATE_NEEDS_SERVICE) {
			done = lib->service_opreq;
			lib->service_opreq = NULL;
			rescan = true;
		}
	} else if (!lib->service_since) {
		/* never 0 once set: 0 means "not asking" */
		lib->service_since = jiffies ?: 1;
	} else if (lib->op_state == NTMS_OPSTATE_READY &&
		   !lib->service_opreq &&
		   time_after_eq(jiffies, lib->service_since + delay)) {
		ntms_library_set_state_locked(lib, NTMS_OPSTATE_NEEDS_SERVICE);
		ask = true;
	}
	mutex_unlock(&lib->lock);
	if (ask)
		ntms_service_ask(lib);
	if (done) {
		ntms_opreq_end(done, true);
		ntms_opreq_put(done);
	}
	if (rescan)
		queue_work(lib->wq, &lib->scan_work);
}
