// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: "list" (tables in the style of lsblk, or JSON) and the names
 * of states.
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

const char *opreq_name(DWORD s)
{
	static const char *const n[] = {
		"UNKNOWN", "NEWMEDIA", "CLEANER", "DEVICESERVICE", "MOVEMEDIA",
		"MESSAGE",
	};

	return NAME_OF(n, s);
}

const char *opreq_state_name(DWORD s)
{
	static const char *const n[] = {
		"UNKNOWN", "SUBMITTED", "ACTIVE", "INPROGRESS", "REFUSED",
		"COMPLETE",
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

const char *library_type_name(DWORD s)
{
	static const char *const n[] = {
		"UNKNOWN", "OFFLINE", "ONLINE", "STANDALONE",
	};

	return NAME_OF(n, s);
}

const char *opstate_name(DWORD s)
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

const char *slot_state_name(DWORD s)
{
	static const char *const n[] = {
		"UNKNOWN", "FULL", "EMPTY", "NOTPRESENT", "NEEDSINVENTORY",
	};

	return NAME_OF(n, s);
}

const char *port_content_name(DWORD s)
{
	static const char *const n[] = { "UNKNOWN", "FULL", "EMPTY" };

	return NAME_OF(n, s);
}

const char *port_position_name(DWORD s)
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

/*
 * How the driver matched a drive to its tape device /dev/nstN: the tape's
 * sysfs attribute ntms_match (dvcid, vpd, fallback, admin), else "-".
 */
static const char *drive_matched(const char *dev, char *buf, size_t len)
{
	const char *base = strrchr(dev, '/');
	char path[256];
	FILE *f;

	snprintf(buf, len, "-");
	if (!dev[0])
		return buf;
	snprintf(path, sizeof(path), "/sys/class/scsi_tape/%s/device/ntms_match",
		 base ? base + 1 : dev);
	f = fopen(path, "re");
	if (!f)
		return buf;
	if (!fgets(buf, len, f))
		snprintf(buf, len, "-");
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static void list_drives(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "NAME", K_STR }, { "GUID", K_GUID }, { "LIBRARY", K_STR },
		{ "ADDRESS", K_NUM }, { "STATE", K_STR },
		{ "ENABLED", K_BOOL }, { "MEDIA", K_STR }, { "DEVICE", K_STR },
		{ "SERIAL", K_STR }, { "MATCHED", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a[24], m[16];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;

		table_add(&t, list[i]->name, full_guid(g, &o->ObjectGuid),
			  name_or_dash(list[i]->lib),
			  num(a, list[i]->address),
			  drive_state_name(o->Info.Drive.State),
			  yes_no(o->Enabled), name_or_dash(media_in(list[i])),
			  o->Info.Drive.szDeviceName,
			  o->Info.Drive.szSerialNumber,
			  drive_matched(o->Info.Drive.szDeviceName, m,
					sizeof(m)));
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

void format_time(char *buf, size_t len, const SYSTEMTIME *st)
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

static void list_opreqs(struct obj **list, size_t n)
{
	static const struct col cols[] = {
		{ "GUID", K_GUID }, { "REQUEST", K_STR }, { "STATE", K_STR },
		{ "ARG1", K_STR }, { "ARG2", K_STR }, { "SUBMITTED", K_STR },
		{ "APPLICATION", K_STR }, { "USER", K_STR },
		{ "MESSAGE", K_STR },
	};
	struct table t = TABLE(cols);
	char g[GUID_STR_LEN], a1[GUID_STR_LEN], a2[GUID_STR_LEN], q[48];
	size_t i;

	for (i = 0; i < n; i++) {
		const NTMS_OBJECTINFORMATION *o = &list[i]->info;
		const NTMS_OPREQUESTINFORMATION *r = &o->Info.OpRequest;

		format_time(q, sizeof(q), &r->Submitted);
		table_add(&t, full_guid(g, &o->ObjectGuid),
			  opreq_name(r->Request), opreq_state_name(r->State),
			  obj_label(&r->Arg1, a1), obj_label(&r->Arg2, a2), q,
			  r->szApplication, r->szUser, r->szMessage);
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
		return usage_error("cannot list '%s' (libraries, drives, slots, ports, media, requests, changers, opreqs)",
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
	case NTMS_OPREQUEST:
		list_opreqs(list, n);
		break;
	}
	return 0;
}
