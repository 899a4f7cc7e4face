// SPDX-License-Identifier: GPL-2.0
/*
 * Pins the layout of include/uapi/linux/ntms.h: every size and the offsets
 * that matter. A change here is an ABI break and must be a new struct or
 * a new ioctl instead. Compiled on its own (the header must need nothing
 * else) by tools/testing/uapi/check.
 */
#include <stddef.h>
#include <linux/ntms.h>

#define SIZE(s, n) _Static_assert(sizeof(struct s) == (n), #s " size")
#define OFF(s, f, n) _Static_assert(offsetof(struct s, f) == (n), #s "." #f)

SIZE(ntms_guid, 16);
SIZE(ntms_version_info, 64);
SIZE(ntms_session_setup, 96);
SIZE(ntms_enumerate, 56);
OFF(ntms_enumerate, list, 24);
OFF(ntms_enumerate, count, 32);
SIZE(ntms_library_info, 136);
OFF(ntms_library_info, cleaner_slot, 104);
OFF(ntms_library_info, cleaner_uses, 120);
SIZE(ntms_scsi_address, 24);
SIZE(ntms_changer_info, 208);
SIZE(ntms_drive_info, 312);
OFF(ntms_drive_info, cleaned_ns, 280);
OFF(ntms_drive_info, cleanings, 288);
OFF(ntms_drive_info, tapealert, 296);
OFF(ntms_drive_info, library, 32);
SIZE(ntms_slot_info, 48);
SIZE(ntms_ieport_info, 56);
SIZE(ntms_media_info, 136);
OFF(ntms_media_info, cleans_left, 68);
SIZE(ntms_request_info, 176);
SIZE(ntms_object_info, 752);
OFF(ntms_object_info, created_ns, 32);
OFF(ntms_object_info, name, 48);
OFF(ntms_object_info, u, 240);
SIZE(ntms_dismount_drive, 48);
OFF(ntms_dismount_drive, request, 32);
SIZE(ntms_mount, 48);
OFF(ntms_mount, request, 32);
SIZE(ntms_dismount_media, 32);
SIZE(ntms_request_wait, 32);
SIZE(ntms_request_cancel, 32);
SIZE(ntms_request_order, 32);
OFF(ntms_request_order, order, 20);
SIZE(ntms_delete, 32);
OFF(ntms_delete, count, 8);
OFF(ntms_delete, deleted, 20);
SIZE(ntms_request_drives, 48);
OFF(ntms_request_drives, media, 16);
OFF(ntms_request_drives, drives, 24);
OFF(ntms_request_drives, count, 32);
SIZE(ntms_set_enabled, 48);
SIZE(ntms_inventory, 48);
SIZE(ntms_door, 48);
OFF(ntms_door, request, 32);
SIZE(ntms_inject, 64);
SIZE(ntms_eject, 64);
SIZE(ntms_move, 64);
OFF(ntms_move, request, 48);
SIZE(ntms_element_status, 120);
OFF(ntms_element_status, address, 40);
OFF(ntms_element_status, barcode, 56);
SIZE(ntms_get_elements, 56);
OFF(ntms_get_elements, elements, 24);
OFF(ntms_get_elements, count, 32);
SIZE(ntms_identify_slot, 48);
OFF(ntms_identify_slot, request, 32);
SIZE(ntms_unload_drive, 32);
SIZE(ntms_opreq_info, 408);
OFF(ntms_opreq_info, arg1, 16);
OFF(ntms_opreq_info, library, 48);
OFF(ntms_opreq_info, submitted_ns, 64);
OFF(ntms_opreq_info, message, 80);
OFF(ntms_opreq_info, user, 400);
SIZE(ntms_opreq_submit, 312);
OFF(ntms_opreq_submit, arg1, 8);
OFF(ntms_opreq_submit, message, 40);
OFF(ntms_opreq_submit, id, 296);
SIZE(ntms_opreq_wait, 32);
OFF(ntms_opreq_wait, state, 20);
SIZE(ntms_opreq_act, 32);
SIZE(ntms_cleaner_slot, 48);
OFF(ntms_cleaner_slot, flags, 32);
SIZE(ntms_clean_drive, 48);
SIZE(ntms_cleaner_port, 48);
OFF(ntms_cleaner_port, cleans_left, 20);
OFF(ntms_cleaner_port, request, 32);
OFF(ntms_clean_drive, request, 32);
SIZE(ntms_event_mask, 16);
SIZE(ntms_event, 64);
OFF(ntms_event, timestamp_ns, 24);

/* Every struct is a multiple of 8 bytes: no tail padding differs by ABI. */
_Static_assert(sizeof(struct ntms_object_info) % 8 == 0, "object_info");
_Static_assert(sizeof(struct ntms_event) % 8 == 0, "event");

int main(void)
{
	return 0;
}
