// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: "list" (tables in the style of lsblk, or JSON) and "info".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ntmsctl.h"

/* How a column's cells print in JSON; "-" is null in every kind. */
enum col_kind {
	K_STR,		/* a string */
	K_NUM,		/* a number */
	K_BOOL,		/* "yes"/"no": true/false */
	K_GUID,		/* a full GUID; shortened in tables unless --full-guid */
};

struct col {
	const char *name;	/* header; lower-cased, the JSON key */
	enum col_kind kind;
};

struct table {
	const struct col *cols;
	size_t ncols;
	char **cells;		/* rows * ncols strings */
	size_t rows;
};

static void table_add(struct table *t, ...)
{
	va_list ap;
	size_t i;
	char **cells;

	cells = realloc(t->cells, (t->rows + 1) * t->ncols * sizeof(*cells));
	if (!cells) {
		fail(ERROR_NOT_ENOUGH_MEMORY, "list");
		exit(EXIT_API);
	}
	t->cells = cells;
	va_start(ap, t);
	for (i = 0; i < t->ncols; i++) {
		const char *s = va_arg(ap, const char *);

		cells[t->rows * t->ncols + i] = strdup(s && *s ? s : "-");
	}
	va_end(ap);
	t->rows++;
}

static const char *cell_text(const struct table *t, size_t r, size_t c)
{
	static char buf[GUID_STR_LEN];
	const char *s = t->cells[r * t->ncols + c];

	if (t->cols[c].kind != K_GUID || opt.full_guid || !strcmp(s, "-"))
		return s;
	snprintf(buf, 9, "%s", s);
	return buf;
}

static void print_cell(const char *s, size_t width, bool last)
{
	if (last)
		printf("%s\n", s);
	else
		printf("%-*s ", (int)width, s);
}

static void table_print_text(const struct table *t)
{
	size_t r, c, *width = calloc(t->ncols, sizeof(*width));

	if (!width)
		return;
	for (c = 0; c < t->ncols; c++) {
		width[c] = strlen(t->cols[c].name);
		for (r = 0; r < t->rows; r++) {
			size_t len = strlen(cell_text(t, r, c));

			if (len > width[c])
				width[c] = len;
		}
	}
	for (c = 0; c < t->ncols; c++)
		print_cell(t->cols[c].name, width[c], c + 1 == t->ncols);
	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->ncols; c++)
			print_cell(cell_text(t, r, c), width[c],
				   c + 1 == t->ncols);
	free(width);
}

static void json_key(const char *name)
{
	char key[32];
	size_t i;

	for (i = 0; name[i] && i < sizeof(key) - 1; i++)
		key[i] = name[i] >= 'A' && name[i] <= 'Z' ?
			 name[i] - 'A' + 'a' : name[i];
	key[i] = '\0';
	json_string(key);
	putchar(':');
}

static void table_print_json(const struct table *t)
{
	size_t r, c;

	putchar('[');
	for (r = 0; r < t->rows; r++) {
		printf("%s\n  {", r ? "," : "");
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];

			if (c)
				putchar(',');
			json_key(t->cols[c].name);
			if (!strcmp(s, "-"))
				fputs("null", stdout);
			else if (t->cols[c].kind == K_NUM)
				fputs(s, stdout);
			else if (t->cols[c].kind == K_BOOL)
				fputs(!strcmp(s, "yes") ? "true" : "false",
				      stdout);
			else
				json_string(s);
		}
		putchar('}');
	}
	printf("%s]\n", t->rows ? "\n" : "");
}

static void table_print(struct table *t)
{
	size_t i;

	if (opt.json)
		table_print_json(t);
	else
		table_print_text(t);
	for (i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

#define TABLE(c)	{ .cols = c, .ncols = ARRAY_SIZE(c) }

static const char *num(char *buf, long v)
{
	if (v < 0)
		return "-";
	snprintf(buf, 24, "%ld", v);
	return buf;
}

static const char *full_guid(char *buf, const NTMS_GUID *g)
{
	if (NTMS_IS_NULLGUID(*g))
		return "-";
	guid_format(buf, g, false);
	return buf;
}

static const char *name_or_dash(const struct obj *o)
{
	return o ? o->name : "-";
}

#define NAME_OF(tbl, v)	((v) < ARRAY_SIZE(tbl) && tbl[v] ? tbl[v] : "UNKNOWN")

const char *drive_state_name(DWORD s)
{
	static const char *const n[] = {
		[NTMS_DRIVESTATE_DISMOUNTED] = "DISMOUNTED",
		[NTMS_DRIVESTATE_MOUNTED] = "MOUNTED",
		[NTMS_DRIVESTATE_LOADED] = "LOADED",
		[NTMS_DRIVESTATE_UNLOADED] = "UNLOADED",
		[NTMS_DRIVESTATE_BEING_CLEANED] = "BEING_CLEANED",
		[NTMS_DRIVESTATE_DISMOUNTABLE] = "DISMOUNTABLE",
	};

	return NAME_OF(n, s);
}

const char *media_state_name(DWORD s)
{
	static const char *const n[] = {
		"IDLE", "INUSE", "MOUNTED", "LOADED", "UNLOADED", "OPERROR",
		"OPREQ",
	};

	return NAME_OF(n, s);
}

const char *request_state_name(DWORD s)
{
	static const char *const n[] = {
		"QUEUED", "INPROCESS", "PASSED", "FAILED", "INVALID",
		"WAITING", "DEFERRED", "CANCELLED", "STOPPED",
	};

	return NAME_OF(n, s);
}

const char *request_op_name(DWORD s)
{
	static const char *const n[] = {
		[NTMS_LM_REMOVE] = "REMOVE",
		[NTMS_LM_DISABLELIBRARY] = "DISABLE_LIBRARY",
		[NTMS_LM_ENABLELIBRARY] = "ENABLE_LIBRARY",
		[NTMS_LM_DISABLEDRIVE] = "DISABLE_DRIVE",
		[NTMS_LM_ENABLEDRIVE] = "ENABLE_DRIVE",
		[NTMS_LM_DISABLEMEDIA] = "DISABLE_MEDIA",
		[NTMS_LM_ENABLEMEDIA] = "ENABLE_MEDIA",
		[NTMS_LM_UPDATEOMID] = "UPDATE_OMID",
		[NTMS_LM_INVENTORY] = "INVENTORY",
		[NTMS_LM_DOORACCESS] = "DOOR_ACCESS",
		[NTMS_LM_EJECT] = "EJECT",
		[NTMS_LM_EJECTCLEANER] = "EJECT_CLEANER",
		[NTMS_LM_INJECT] = "INJECT",
		[NTMS_LM_INJECTCLEANER] = "INJECT_CLEANER",
		[NTMS_LM_PROCESSOMID] = "PROCESS_OMID",
		[NTMS_LM_CLEANDRIVE] = "CLEAN_DRIVE",
		[NTMS_LM_DISMOUNT] = "DISMOUNT",
		[NTMS_LM_MOUNT] = "MOUNT",
	};

	return NAME_OF(n, s);
}

static const char *library_type_name(DWORD s)
{
	static const char *const n[] = {
		"UNKNOWN", "OFFLINE", "ONLINE", "STANDALONE",
	};

	return NAME_OF(n, s);
}

static const char *opstate_name(DWORD s)
{
	switch (s) {
	case NTMS_READY:
		return "READY";
	case NTMS_INITIALIZING:
		return "INITIALIZING";
	case NTMS_NEEDS_SERVICE:
		return "NEEDS_SERVICE";
	case NTMS_NOT_PRESENT:
		return "NOT_PRESENT";
	}
	return "UNKNOWN";
}

static const char *slot_state_name(DWORD s)
{
	static const char *const n[] = {
		"UNKNOWN", "FULL", "EMPTY", "NOTPRESENT", "NEEDSINVENTORY",
	};

	return NAME_OF(n, s);
}

static const char *port_content_name(DWORD s)
{
	static const char *const n[] = { "UNKNOWN", "FULL", "EMPTY" };

	return NAME_OF(n, s);
}

static const char *port_position_name(DWORD s)
{
	static const char *const n[] = { "UNKNOWN", "EXTENDED", "RETRACTED" };

	return NAME_OF(n, s);
}

static const char *yes_no(WINBOOL b)
{
	return b ? "yes" : "no";
}

/* The serial number of a library: its changer's, or its only drive's. */
static const char *library_serial(const struct obj *lib)
{
	struct obj **list;
	size_t n, i;

	if (!objects_load(NTMS_CHANGER, &list, &n))
		for (i = 0; i < n; i++)
			if (list[i]->lib == lib)
				return list[i]->info.Info.Changer.szSerialNumber;
	if (!objects_load(NTMS_DRIVE, &list, &n))
		for (i = 0; i < n; i++)
			if (list[i]->lib == lib &&
			    lib->info.Info.Library.LibraryType ==
			    NTMS_LIBRARYTYPE_STANDALONE)
				return list[i]->info.Info.Drive.szSerialNumber;
	return "-";
}

static void list_libraries(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "NAME", K_STR }, { "GUID", K_GUID }, { "TYPE", K_STR },
		{ "STATE", K_STR }, { "ENABLED", K_BOOL },
		{ "DRIVES", K_NUM }, { "SLOTS", K_NUM }, { "PORTS", K_NUM },
		{ "MEDIA", K_NUM }, { "REQUESTS", K_NUM }, { "SERIAL", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a[24], b[24], c[24], d[24], e[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;
		const NTMS_LIBRARYINFORMATION *l = &o->Info.Library;

		table_add(&t, list[i]->name, full_guid(g, &o->ObjectGuid),
			  library_type_name(l->LibraryType),
			  opstate_name(o->dwOperationalState),
			  yes_no(o->Enabled), num(a, l->dwNumberOfDrives),
			  num(b, l->dwNumberOfSlots), num(c, l->dwNumberOfPorts),
			  num(d, l->dwNumberOfMedia),
			  num(e, l->dwNumberOfLibRequests),
			  library_serial(list[i]));
	}
	table_print(&t);
}

static void list_drives(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "NAME", K_STR }, { "GUID", K_GUID }, { "LIBRARY", K_STR },
		{ "ADDRESS", K_NUM }, { "STATE", K_STR },
		{ "ENABLED", K_BOOL }, { "MEDIA", K_STR }, { "DEVICE", K_STR },
		{ "SERIAL", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;

		table_add(&t, list[i]->name, full_guid(g, &o->ObjectGuid),
			  name_or_dash(list[i]->lib),
			  num(a, list[i]->address),
			  drive_state_name(o->Info.Drive.State),
			  yes_no(o->Enabled), name_or_dash(media_in(list[i])),
			  o->Info.Drive.szDeviceName,
			  o->Info.Drive.szSerialNumber);
	}
	table_print(&t);
}

static void list_slots(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "NAME", K_STR }, { "GUID", K_GUID }, { "LIBRARY", K_STR },
		{ "ADDRESS", K_NUM }, { "STATE", K_STR }, { "MEDIA", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;

		table_add(&t, list[i]->name, full_guid(g, &o->ObjectGuid),
			  name_or_dash(list[i]->lib), num(a, list[i]->address),
			  slot_state_name(o->Info.StorageSlot.State),
			  name_or_dash(media_in(list[i])));
	}
	table_print(&t);
}

static void list_ports(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "NAME", K_STR }, { "GUID", K_GUID }, { "LIBRARY", K_STR },
		{ "ADDRESS", K_NUM }, { "CONTENT", K_STR },
		{ "POSITION", K_STR }, { "MEDIA", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;

		table_add(&t, list[i]->name, full_guid(g, &o->ObjectGuid),
			  name_or_dash(list[i]->lib), num(a, list[i]->address),
			  port_content_name(o->Info.IEPort.Content),
			  port_position_name(o->Info.IEPort.Position),
			  name_or_dash(media_in(list[i])));
	}
	table_print(&t);
}

static void list_changers(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "NAME", K_STR }, { "GUID", K_GUID }, { "LIBRARY", K_STR },
		{ "ADDRESS", K_NUM }, { "DEVICE", K_STR }, { "SERIAL", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;

		table_add(&t, list[i]->name, full_guid(g, &o->ObjectGuid),
			  name_or_dash(list[i]->lib), num(a, list[i]->address),
			  o->Info.Changer.szDeviceName,
			  o->Info.Changer.szSerialNumber);
	}
	table_print(&t);
}

static void list_media(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "BARCODE", K_STR }, { "GUID", K_GUID }, { "LIBRARY", K_STR },
		{ "STATE", K_STR }, { "ENABLED", K_BOOL },
		{ "LOCATION", K_STR }, { "ADDRESS", K_NUM }, { "HOME", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], l[GUID_STR_LEN], h[GUID_STR_LEN], a[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;
		const NTMS_PMIDINFORMATION *m = &o->Info.PhysicalMedia;
		struct obj *loc = NULL;
		const char *locname = obj_label(&m->Location, l);

		if (!NTMS_IS_NULLGUID(m->Location))
			loc = object_by_guid(&m->Location);
		table_add(&t, m->szBarCode, full_guid(g, &o->ObjectGuid),
			  name_or_dash(list[i]->lib),
			  media_state_name(m->MediaState), yes_no(o->Enabled),
			  NTMS_IS_NULLGUID(m->Location) ? "offline" : locname,
			  num(a, loc ? loc->address : -1),
			  obj_label(&m->HomeSlot, h));
	}
	table_print(&t);
}

static void format_time(char *buf, size_t len, const SYSTEMTIME *st)
{
	if (!st->wYear)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
			 st->wYear, st->wMonth, st->wDay, st->wHour,
			 st->wMinute, st->wSecond, st->wMilliseconds);
}

static void list_requests(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "GUID", K_GUID }, { "OPERATION", K_STR }, { "STATE", K_STR },
		{ "LIBRARY", K_STR }, { "DRIVE", K_STR }, { "MEDIA", K_STR },
		{ "PRIORITY", K_NUM }, { "QUEUED", K_STR }, { "ERROR", K_STR },
		{ "APPLICATION", K_STR }, { "USER", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], d[GUID_STR_LEN], m[GUID_STR_LEN], p[24];
	char q[48];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;
		const NTMS_LIBREQUESTINFORMATION *r = &o->Info.LibRequest;

		format_time(q, sizeof(q), &r->TimeQueued);
		snprintf(p, sizeof(p), "%d", (int)r->dwPriority);
		table_add(&t, full_guid(g, &o->ObjectGuid),
			  request_op_name(r->OperationCode),
			  request_state_name(r->State),
			  name_or_dash(list[i]->lib), obj_label(&r->DriveId, d),
			  obj_label(&r->PhysMediaId, m), p, q,
			  r->dwErrorCode ? err_name(r->dwErrorCode) : "-",
			  r->szApplication, r->szUser);
	}
	table_print(&t);
}

/* ntmsctl list [TYPE] */
int cmd_list(int argc, char **argv)
{
	const char *what = argc ? argv[0] : "libraries";
	struct obj **list;
	size_t n;
	DWORD type, ret;

	if (argc > 1)
		return usage_error("list takes one type");
	type = type_from_name(what);
	if (type == NTMS_UNKNOWN)
		return usage_error("cannot list '%s' (libraries, drives, slots, ports, media, requests, changers)",
				   what);
	/* libraries first, so that the others can name their library */
	ret = objects_load(NTMS_LIBRARY, &list, &n);
	if (!ret)
		ret = objects_load(type, &list, &n);
	if (ret)
		return fail(ret, "cannot list %s", what);

	switch (type) {
	case NTMS_LIBRARY:
		list_libraries(list, n);
		break;
	case NTMS_DRIVE:
		list_drives(list, n);
		break;
	case NTMS_STORAGESLOT:
		list_slots(list, n);
		break;
	case NTMS_IEPORT:
		list_ports(list, n);
		break;
	case NTMS_CHANGER:
		list_changers(list, n);
		break;
	case NTMS_PHYSICAL_MEDIA:
		list_media(list, n);
		break;
	case NTMS_LIBREQUEST:
		list_requests(list, n);
		break;
	}
	return 0;
}

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
	}
	if (opt.json)
		puts("\n}");
	return 0;
}
