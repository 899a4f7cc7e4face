// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: Removable Storage Manager-style control of SCSI tape libraries.
 *
 * Module parameters, init and exit. See Documentation/ntms.rst.
 */

#include <linux/module.h>

#include <scsi/scsi.h>
#include <scsi/scsi_device.h>

#include "ntms_call.h"
#include "ntms_request.h"

#define CREATE_TRACE_POINTS
#include "ntms_trace.h"

unsigned int ntms_max_objects = 1000000;
module_param_named(max_objects, ntms_max_objects, uint, 0444);
MODULE_PARM_DESC(max_objects, "most objects (elements, cartridges, libraries) the driver records (default 1000000)");

unsigned int ntms_max_libraries = 64;
module_param_named(max_libraries, ntms_max_libraries, uint, 0444);
MODULE_PARM_DESC(max_libraries, "most libraries, standalone drives included (default 64)");

static int __init ntms_init(void)
{
	int ret;

	ret = ntms_db_init();
	if (ret)
		return ret;
	ret = ntms_library_register();
	if (ret)
		goto out_db_exit;
	/* after the changers, so that their discovery is already pending */
	ret = ntms_tape_register();
	if (ret)
		goto out_library_unregister;
	ret = ntms_cdev_register();
	if (ret)
		goto out_tape_unregister;
	return 0;

out_tape_unregister:
	ntms_tape_unregister();
out_library_unregister:
	ntms_library_unregister();
	ntms_library_destroy_all();
out_db_exit:
	ntms_db_exit();
	return ret;
}

static void __exit ntms_exit(void)
{
	ntms_cdev_unregister();
	ntms_tape_unregister();
	ntms_library_unregister();
	ntms_request_exit();
	ntms_opreq_exit();
	ntms_library_destroy_all();
	ntms_db_exit();
}

module_init(ntms_init);
module_exit(ntms_exit);

MODULE_DESCRIPTION("ntms: shared, queued control of SCSI tape libraries");
MODULE_LICENSE("GPL");
MODULE_ALIAS_SCSI_DEVICE(TYPE_MEDIUM_CHANGER);
