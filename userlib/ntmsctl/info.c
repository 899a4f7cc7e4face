// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: "info", everything GetNtmsObjectInformation() says of one
 * object, with the API's field names.
 */
#include <stdio.h>

#include "ntmsctl.h"

/* "info": key/value lines, or one JSON object; sections nest. */
static int kv_depth;
static bool kv_first = true;

static void kv_key(const char *key)
{
	if (opt.json) {
		printf("%s\n%*s", kv_first ? "" : ",", 2 * kv_depth + 2, "");
		json_string(key);
		fputs(": ", stdout);
	} else {
		printf("%*s%-*s ", 2 * kv_depth, "", 30 - 2 * kv_depth, key);
	}
	kv_first = false;
}

static void kv_str(const char *key, const char *val)
{
	kv_key(key);
	if (opt.json)
		json_string(val);
	else
		fputs(val, stdout);
	if (!opt.json)
		putchar('\n');
}

static void kv_num(const char *key, long long val, const char *meaning)
{
	kv_key(key);
	printf("%lld", val);
	if (!opt.json)
		printf(meaning ? " (%s)\n" : "\n", meaning);
}

static void kv_guid(const char *key, const NTMS_GUID *g)
{
	char buf[GUID_STR_LEN], lbl[GUID_STR_LEN];
	struct obj *o = NULL;

	guid_format(buf, g, true);
	kv_key(key);
	if (opt.json) {
		json_string(buf);
		return;
	}
	if (!NTMS_IS_NULLGUID(*g))
		object_probe(g, &o);
	printf(o ? "%s (%s)\n" : "%s\n", buf, o ? obj_label(g, lbl) : "");
}

static void kv_time(const char *key, const SYSTEMTIME *st)
{
	char buf[48];

	format_time(buf, sizeof(buf), st);
	kv_str(key, buf);
}

static void kv_begin(const char *key)
{
	if (opt.json) {
		kv_key(key);
		putchar('{');
	} else {
		printf("%*s%s:\n", 2 * kv_depth, "", key);
	}
	kv_depth++;
	kv_first = true;
}

static void kv_end(void)
{
	kv_depth--;
	if (opt.json)
		printf("\n%*s}", 2 * kv_depth + 2, "");
	kv_first = false;
}

static void info_drive(const NTMS_DRIVEINFORMATION *d)
{
	kv_begin("Drive");
	kv_num("Number", d->Number, NULL);
	kv_num("State", d->State, drive_state_name(d->State));
	kv_guid("DriveType", &d->DriveType);
	kv_str("szDeviceName", d->szDeviceName);
	kv_str("szSerialNumber", d->szSerialNumber);
	kv_str("szRevision", d->szRevision);
	kv_num("ScsiPort", d->ScsiPort, NULL);
	kv_num("ScsiBus", d->ScsiBus, NULL);
	kv_num("ScsiTarget", d->ScsiTarget, NULL);
	kv_num("ScsiLun", d->ScsiLun, NULL);
	kv_num("dwMountCount", d->dwMountCount, NULL);
	kv_time("LastCleanedTs", &d->LastCleanedTs);
	kv_guid("SavedPartitionId", &d->SavedPartitionId);
	kv_guid("Library", &d->Library);
	kv_num("dwDeferDismountDelay", d->dwDeferDismountDelay, NULL);
	kv_end();
}

static void info_library(const NTMS_LIBRARYINFORMATION *l)
{
	kv_begin("Library");
	kv_num("LibraryType", l->LibraryType,
	       library_type_name(l->LibraryType));
	kv_guid("CleanerSlot", &l->CleanerSlot);
	kv_guid("CleanerSlotDefault", &l->CleanerSlotDefault);
	kv_num("LibrarySupportsDriveCleaning",
	       l->LibrarySupportsDriveCleaning, NULL);
	kv_num("BarCodeReaderInstalled", l->BarCodeReaderInstalled, NULL);
	kv_num("InventoryMethod", l->InventoryMethod, NULL);
	kv_num("dwCleanerUsesRemaining", l->dwCleanerUsesRemaining, NULL);
	kv_num("FirstDriveNumber", l->FirstDriveNumber, NULL);
	kv_num("dwNumberOfDrives", l->dwNumberOfDrives, NULL);
	kv_num("FirstSlotNumber", l->FirstSlotNumber, NULL);
	kv_num("dwNumberOfSlots", l->dwNumberOfSlots, NULL);
	kv_num("FirstDoorNumber", l->FirstDoorNumber, NULL);
	kv_num("dwNumberOfDoors", l->dwNumberOfDoors, NULL);
	kv_num("FirstPortNumber", l->FirstPortNumber, NULL);
	kv_num("dwNumberOfPorts", l->dwNumberOfPorts, NULL);
	kv_num("FirstChangerNumber", l->FirstChangerNumber, NULL);
	kv_num("dwNumberOfChangers", l->dwNumberOfChangers, NULL);
	kv_num("dwNumberOfMedia", l->dwNumberOfMedia, NULL);
	kv_num("dwNumberOfMediaTypes", l->dwNumberOfMediaTypes, NULL);
	kv_num("dwNumberOfLibRequests", l->dwNumberOfLibRequests, NULL);
	kv_num("AutoRecovery", l->AutoRecovery, NULL);
	kv_num("dwFlags", l->dwFlags, NULL);
	kv_end();
}

static void info_changer(const NTMS_CHANGERINFORMATION *c)
{
	kv_begin("Changer");
	kv_num("Number", c->Number, NULL);
	kv_guid("ChangerType", &c->ChangerType);
	kv_str("szSerialNumber", c->szSerialNumber);
	kv_str("szRevision", c->szRevision);
	kv_str("szDeviceName", c->szDeviceName);
	kv_num("ScsiPort", c->ScsiPort, NULL);
	kv_num("ScsiBus", c->ScsiBus, NULL);
	kv_num("ScsiTarget", c->ScsiTarget, NULL);
	kv_num("ScsiLun", c->ScsiLun, NULL);
	kv_guid("Library", &c->Library);
	kv_end();
}

static void info_slot(const NTMS_STORAGESLOTINFORMATION *s)
{
	kv_begin("StorageSlot");
	kv_num("Number", s->Number, NULL);
	kv_num("State", s->State, slot_state_name(s->State));
	kv_guid("Library", &s->Library);
	kv_end();
}

static void info_port(const NTMS_IEPORTINFORMATION *p)
{
	kv_begin("IEPort");
	kv_num("Number", p->Number, NULL);
	kv_num("Content", p->Content, port_content_name(p->Content));
	kv_num("Position", p->Position, port_position_name(p->Position));
	kv_num("MaxExtendSecs", p->MaxExtendSecs, NULL);
	kv_guid("Library", &p->Library);
	kv_end();
}

static void info_media(const NTMS_PMIDINFORMATION *m)
{
	kv_begin("PhysicalMedia");
	kv_guid("CurrentLibrary", &m->CurrentLibrary);
	kv_guid("MediaPool", &m->MediaPool);
	kv_guid("Location", &m->Location);
	kv_num("LocationType", m->LocationType, type_name(m->LocationType));
	kv_guid("MediaType", &m->MediaType);
	kv_guid("HomeSlot", &m->HomeSlot);
	kv_str("szBarCode", m->szBarCode);
	kv_num("BarCodeState", m->BarCodeState,
	       m->BarCodeState == NTMS_BARCODESTATE_OK ? "OK" :
	       m->BarCodeState == NTMS_BARCODESTATE_UNREADABLE ?
	       "UNREADABLE" : NULL);
	kv_str("szSequenceNumber", m->szSequenceNumber);
	kv_num("MediaState", m->MediaState, media_state_name(m->MediaState));
	kv_num("dwNumberOfPartitions", m->dwNumberOfPartitions, NULL);
	kv_num("dwMediaTypeCode", m->dwMediaTypeCode, NULL);
	kv_num("dwDensityCode", m->dwDensityCode, NULL);
	kv_guid("MountedPartition", &m->MountedPartition);
	kv_end();
}

static void info_request(const NTMS_LIBREQUESTINFORMATION *r)
{
	kv_begin("LibRequest");
	kv_num("OperationCode", r->OperationCode,
	       request_op_name(r->OperationCode));
	kv_num("OperationOption", r->OperationOption, NULL);
	kv_num("State", r->State, request_state_name(r->State));
	kv_guid("PartitionId", &r->PartitionId);
	kv_guid("DriveId", &r->DriveId);
	kv_guid("PhysMediaId", &r->PhysMediaId);
	kv_guid("Library", &r->Library);
	kv_guid("SlotId", &r->SlotId);
	kv_time("TimeQueued", &r->TimeQueued);
	kv_time("TimeCompleted", &r->TimeCompleted);
	kv_str("szApplication", r->szApplication);
	kv_str("szUser", r->szUser);
	kv_str("szComputer", r->szComputer);
	kv_num("dwErrorCode", r->dwErrorCode,
	       r->dwErrorCode ? err_name(r->dwErrorCode) : NULL);
	kv_guid("WorkItemId", &r->WorkItemId);
	kv_num("dwPriority", (int)r->dwPriority, NULL);
	kv_end();
}

static void info_opreq(const NTMS_OPREQUESTINFORMATION *r)
{
	char a1[GUID_STR_LEN], a2[GUID_STR_LEN];

	kv_begin("OpRequest");
	kv_num("Request", r->Request, opreq_name(r->Request));
	kv_time("Submitted", &r->Submitted);
	kv_num("State", r->State, opreq_state_name(r->State));
	kv_str("szMessage", r->szMessage);
	kv_num("Arg1Type", r->Arg1Type, type_name(r->Arg1Type));
	kv_str("Arg1", obj_label(&r->Arg1, a1));
	kv_num("Arg2Type", r->Arg2Type, type_name(r->Arg2Type));
	kv_str("Arg2", obj_label(&r->Arg2, a2));
	kv_str("szApplication", r->szApplication);
	kv_str("szUser", r->szUser);
	kv_str("szComputer", r->szComputer);
	kv_end();
}

/* ntmsctl info OBJECT */
int cmd_info(int argc, char **argv)
{
	NTMS_OBJECTINFORMATION info;
	struct obj *o;
	int err;

	if (argc != 1)
		return usage_error("info needs one OBJECT");
	err = object_resolve(argv[0], NTMS_UNKNOWN, &o);
	if (err)
		return err;
	info = o->info;		/* the cache may be reloaded below */

	if (opt.json)
		putchar('{');
	kv_str("name", o->name);
	kv_str("type", type_name(info.dwType));
	if (o->address >= 0)
		kv_num("address", o->address, NULL);
	kv_num("dwType", info.dwType, NULL);
	kv_time("Created", &info.Created);
	kv_time("Modified", &info.Modified);
	kv_guid("ObjectGuid", &info.ObjectGuid);
	kv_num("Enabled", info.Enabled, NULL);
	kv_num("dwOperationalState", info.dwOperationalState,
	       opstate_name(info.dwOperationalState));
	kv_str("szName", info.szName);
	kv_str("szDescription", info.szDescription);
	switch (info.dwType) {
	case NTMS_DRIVE:
		info_drive(&info.Info.Drive);
		break;
	case NTMS_LIBRARY:
		info_library(&info.Info.Library);
		break;
	case NTMS_CHANGER:
		info_changer(&info.Info.Changer);
		break;
	case NTMS_STORAGESLOT:
		info_slot(&info.Info.StorageSlot);
		break;
	case NTMS_IEPORT:
		info_port(&info.Info.IEPort);
		break;
	case NTMS_PHYSICAL_MEDIA:
		info_media(&info.Info.PhysicalMedia);
		break;
	case NTMS_LIBREQUEST:
		info_request(&info.Info.LibRequest);
		break;
	case NTMS_OPREQUEST:
		info_opreq(&info.Info.OpRequest);
		break;
	}
	if (opt.json)
		puts("\n}");
	return 0;
}
