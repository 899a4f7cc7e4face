// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: the object cache and object names.
 *
 * Objects of one type are loaded on first use with EnumerateNtmsObject()
 * and GetNtmsObjectInformation(), and named:
 *
 *   library         its name from the driver ("ntms0")
 *   drive, slot,    LIBRARY:driveN, LIBRARY:slotN, LIBRARY:portN,
 *   port, changer   LIBRARY:changerN (N: the index in the library, from 0)
 *   cartridge       its barcode (the full GUID if it has none)
 *   request         its full GUID
 *
 * Element addresses are not in the RSM structures: they are derived as the
 * library's first address of the type plus the element's index (SMC
 * assigns each type one contiguous range).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ntmsctl.h"

/* The types ntmsctl knows, in the order a GUID of unknown type is tried. */
static const struct {
	DWORD type;
	const char *name;	/* for --type, enable/disable, output */
	const char *elem;	/* LIBRARY:<elem>N, or NULL */
} types[] = {
	{ NTMS_LIBRARY, "library", NULL },
	{ NTMS_DRIVE, "drive", "drive" },
	{ NTMS_PHYSICAL_MEDIA, "media", NULL },
	{ NTMS_STORAGESLOT, "slot", "slot" },
	{ NTMS_IEPORT, "port", "port" },
	{ NTMS_CHANGER, "changer", "changer" },
	{ NTMS_LIBREQUEST, "request", NULL },
	{ NTMS_OPREQUEST, "opreq", NULL },
};

/* The loaded objects of each type (index: position in types[]). */
static struct {
	bool loaded;
	struct obj **list;
	size_t count;
} cache[ARRAY_SIZE(types)];

/* Objects found one by one (object_probe()) in types not loaded whole. */
static struct obj **loose;
static size_t nloose;

static int type_index(DWORD type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (types[i].type == type)
			return i;
	return -1;
}

/* "drive", "slot", ...; "type N" for others. */
const char *type_name(DWORD type)
{
	static char buf[16];
	int i = type_index(type);

	if (i >= 0)
		return types[i].name;
	snprintf(buf, sizeof(buf), "type %u", (unsigned int)type);
	return buf;
}

/* The type for a name ("drive", "drives", ...); NTMS_UNKNOWN if none. */
DWORD type_from_name(const char *s)
{
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		len = strlen(types[i].name);
		if (!strcmp(s, types[i].name))
			return types[i].type;
		/* plurals: drives, slots, ports, changers, libraries, requests */
		if (!strncmp(s, types[i].name, len - 1) &&
		    (!strcmp(s + len, "s") ||
		     (types[i].type == NTMS_LIBRARY && !strcmp(s, "libraries"))))
			return types[i].type;
	}
	return NTMS_UNKNOWN;
}

/* Drop every loaded object: the next lookup reads the driver again. */
void objects_forget(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cache); i++) {
		for (j = 0; j < cache[i].count; j++)
			free(cache[i].list[j]);
		free(cache[i].list);
		cache[i].list = NULL;
		cache[i].count = 0;
		cache[i].loaded = false;
	}
	for (j = 0; j < nloose; j++)
		free(loose[j]);
	free(loose);
	loose = NULL;
	nloose = 0;
}

/* The library GUID in an object's type-specific information. */
static const NTMS_GUID *library_of(const NTMS_OBJECTINFORMATION *info)
{
	switch (info->dwType) {
	case NTMS_DRIVE:
		return &info->Info.Drive.Library;
	case NTMS_STORAGESLOT:
		return &info->Info.StorageSlot.Library;
	case NTMS_IEPORT:
		return &info->Info.IEPort.Library;
	case NTMS_CHANGER:
		return &info->Info.Changer.Library;
	case NTMS_PHYSICAL_MEDIA:
		return &info->Info.PhysicalMedia.CurrentLibrary;
	case NTMS_LIBREQUEST:
		return &info->Info.LibRequest.Library;
	}
	return NULL;
}

static struct obj *library_find(const NTMS_GUID *id)
{
	struct obj **libs;
	size_t n, i;

	if (objects_load(NTMS_LIBRARY, &libs, &n))
		return NULL;
	for (i = 0; i < n; i++)
		if (guid_equal(&libs[i]->info.ObjectGuid, id))
			return libs[i];
	return NULL;
}

/* Fill in @o's library, name and address from its information. */
static void object_name(struct obj *o)
{
	const NTMS_OBJECTINFORMATION *in = &o->info;
	const NTMS_LIBRARYINFORMATION *li;
	const NTMS_GUID *lib = library_of(in);
	char g[GUID_STR_LEN];
	const char *ln;
	DWORD number = 0, first = 0;
	int i = type_index(in->dwType);

	o->lib = lib ? library_find(lib) : NULL;
	o->address = -1;
	ln = o->lib ? o->lib->info.szName : "?";
	li = o->lib ? &o->lib->info.Info.Library : NULL;
	guid_format(g, &in->ObjectGuid, false);

	switch (in->dwType) {
	case NTMS_LIBRARY:
		snprintf(o->name, sizeof(o->name), "%s",
			 in->szName[0] ? in->szName : g);
		return;
	case NTMS_PHYSICAL_MEDIA:
		snprintf(o->name, sizeof(o->name), "%s",
			 in->Info.PhysicalMedia.szBarCode[0] ?
			 in->Info.PhysicalMedia.szBarCode : g);
		return;
	case NTMS_DRIVE:
		number = in->Info.Drive.Number;
		first = li ? li->FirstDriveNumber : 0;
		break;
	case NTMS_STORAGESLOT:
		number = in->Info.StorageSlot.Number;
		first = li ? li->FirstSlotNumber : 0;
		break;
	case NTMS_IEPORT:
		number = in->Info.IEPort.Number;
		first = li ? li->FirstPortNumber : 0;
		break;
	case NTMS_CHANGER:
		number = in->Info.Changer.Number;
		first = li ? li->FirstChangerNumber : 0;
		break;
	default:
		snprintf(o->name, sizeof(o->name), "%s", g);
		return;
	}
	snprintf(o->name, sizeof(o->name), "%s:%s%u", ln, types[i].elem,
		 (unsigned int)number);
	if (li)
		o->address = (long)first + number;
}

static DWORD object_read(const NTMS_GUID *id, DWORD type, struct obj **out)
{
	struct obj *o = calloc(1, sizeof(*o));
	DWORD ret;

	if (!o)
		return ERROR_NOT_ENOUGH_MEMORY;
	o->info.dwSize = sizeof(o->info);
	o->info.dwType = type;
	ret = GetNtmsObjectInformation(session, (LPNTMS_GUID)id, &o->info);
	if (ret) {
		free(o);
		return ret;
	}
	*out = o;
	return ERROR_SUCCESS;
}

/**
 * objects_load() - every object of one type, loaded once
 * @type: NTMS_LIBRARY, NTMS_DRIVE, ...
 * @list: out: the objects, owned by the cache
 * @count: out: how many
 *
 * Objects that vanish between the enumeration and their description are
 * left out.
 *
 * Return: ERROR_SUCCESS or the API's error.
 */
DWORD objects_load(DWORD type, struct obj ***list, size_t *count)
{
	int t = type_index(type);
	NTMS_GUID *ids = NULL;
	DWORD n = 0, i, ret;
	struct obj *o;

	if (t < 0)
		return ERROR_INVALID_PARAMETER;
	if (cache[t].loaded)
		goto out;

	ret = EnumerateNtmsObject(session, NULL, NULL, &n, type, 0);
	while (ret == ERROR_INSUFFICIENT_BUFFER) {
		free(ids);
		ids = malloc((n + 1) * sizeof(*ids));
		if (!ids)
			return ERROR_NOT_ENOUGH_MEMORY;
		ret = EnumerateNtmsObject(session, NULL, ids, &n, type, 0);
	}
	if (ret) {
		free(ids);
		return ret;
	}
	cache[t].list = calloc(n + 1, sizeof(*cache[t].list));
	if (!cache[t].list) {
		free(ids);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	/* libraries first: the names of the others use them */
	cache[t].loaded = true;
	for (i = 0; i < n; i++) {
		ret = object_read(&ids[i], type, &o);
		if (ret == ERROR_OBJECT_NOT_FOUND)
			continue;
		if (ret) {
			free(ids);
			objects_forget();
			return ret;
		}
		cache[t].list[cache[t].count++] = o;
	}
	free(ids);
	for (i = 0; i < cache[t].count; i++)
		object_name(cache[t].list[i]);
out:
	*list = cache[t].list;
	*count = cache[t].count;
	return ERROR_SUCCESS;
}

/* A loaded object with this GUID, or NULL. */
struct obj *object_by_guid(const NTMS_GUID *id)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cache); i++)
		for (j = 0; j < cache[i].count; j++)
			if (guid_equal(&cache[i].list[j]->info.ObjectGuid, id))
				return cache[i].list[j];
	for (j = 0; j < nloose; j++)
		if (guid_equal(&loose[j]->info.ObjectGuid, id))
			return loose[j];
	return NULL;
}

/**
 * object_probe() - find an object by GUID, whatever its type
 * @id: the GUID
 * @out: out: the object (owned by the cache)
 *
 * GetNtmsObjectInformation() needs the type: each is tried in turn
 * (ERROR_INVALID_PARAMETER means "not this type"). Only the object found
 * is read (and the libraries, to name it), not every object of its type.
 *
 * Return: ERROR_SUCCESS, ERROR_OBJECT_NOT_FOUND or the API's error.
 */
DWORD object_probe(const NTMS_GUID *id, struct obj **out)
{
	struct obj **more, *o;
	size_t i;
	DWORD ret;

	o = object_by_guid(id);
	if (o) {
		*out = o;
		return ERROR_SUCCESS;
	}
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		ret = object_read(id, types[i].type, &o);
		if (ret == ERROR_INVALID_PARAMETER)
			continue;
		if (ret)
			return ret;
		more = realloc(loose, (nloose + 1) * sizeof(*loose));
		if (!more) {
			free(o);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
		loose = more;
		loose[nloose++] = o;
		object_name(o);
		*out = o;
		return ERROR_SUCCESS;
	}
	return ERROR_OBJECT_NOT_FOUND;
}

/* The cartridge whose location is @element, or NULL. */
struct obj *media_in(const struct obj *element)
{
	struct obj **list;
	size_t n, i;

	if (objects_load(NTMS_PHYSICAL_MEDIA, &list, &n))
		return NULL;
	for (i = 0; i < n; i++)
		if (guid_equal(&list[i]->info.Info.PhysicalMedia.Location,
			       &element->info.ObjectGuid))
			return list[i];
	return NULL;
}

/* The name of the object @id ("-" for the null GUID); loads as needed. */
const char *obj_label(const NTMS_GUID *id, char *buf)
{
	struct obj *o;

	if (NTMS_IS_NULLGUID(*id))
		return "-";
	if (!object_probe(id, &o))
		return o->name;
	return guid_show(id, buf);
}

/* The error for a name that names nothing, by the role it was wanted in. */
static DWORD not_found_code(DWORD want)
{
	switch (want) {
	case NTMS_DRIVE:
		return ERROR_INVALID_DRIVE;
	case NTMS_PHYSICAL_MEDIA:
		return ERROR_INVALID_MEDIA;
	case NTMS_LIBRARY:
		return ERROR_INVALID_LIBRARY;
	}
	return ERROR_OBJECT_NOT_FOUND;
}

static const char *role(DWORD want)
{
	return want == NTMS_UNKNOWN ? "object" :
	       want == NTMS_PHYSICAL_MEDIA ? "cartridge" : type_name(want);
}

/* LIBRARY:driveN, LIBRARY:@ADDR ... Return: 0, or the exit status. */
static int resolve_element(const char *name, DWORD want, struct obj **out)
{
	const char *colon = strchr(name, ':');
	char libname[96];
	const char *elem = colon + 1;
	struct obj **list, *lib = NULL;
	unsigned long num;
	bool by_addr;
	size_t i, n, t;
	DWORD ret;
	NTMS_GUID id;

	if ((size_t)(colon - name) >= sizeof(libname))
		return usage_error("bad object name '%s'", name);
	memcpy(libname, name, colon - name);
	libname[colon - name] = '\0';

	by_addr = elem[0] == '@';
	if (by_addr) {
		if (!parse_uint(elem + 1, &num))
			return usage_error("bad element address in '%s'", name);
		t = 0;
	} else {
		for (t = 0; t < ARRAY_SIZE(types); t++) {
			size_t len;

			if (!types[t].elem)
				continue;
			len = strlen(types[t].elem);
			if (!strncmp(elem, types[t].elem, len) &&
			    parse_uint(elem + len, &num))
				break;
		}
		if (t == ARRAY_SIZE(types))
			return usage_error("bad object name '%s' (LIBRARY:driveN, slotN, portN, changerN or @ADDRESS)",
					   name);
	}

	ret = objects_load(NTMS_LIBRARY, &list, &n);
	if (ret)
		return fail(ret, "cannot list libraries");
	for (i = 0; i < n; i++)
		if (!strcmp(list[i]->name, libname))
			lib = list[i];
	if (!lib && guid_parse(libname, &id))
		lib = object_by_guid(&id);
	if (!lib)
		return fail(not_found_code(want), "%s '%s': no library '%s'",
			    role(want), name, libname);

	for (; t < ARRAY_SIZE(types); t++) {
		if (!types[t].elem)
			continue;
		ret = objects_load(types[t].type, &list, &n);
		if (ret)
			return fail(ret, "cannot list %ss", types[t].name);
		for (i = 0; i < n; i++) {
			struct obj *o = list[i];

			if (o->lib != lib)
				continue;
			if (by_addr ? o->address == (long)num :
			    !strcmp(strchr(o->name, ':') + 1, elem)) {
				*out = o;
				return 0;
			}
		}
		if (!by_addr)
			break;
	}
	return fail(not_found_code(want), "%s '%s'", role(want), name);
}

/* Media by barcode: exact, else ignoring case. Return: 0 or exit status. */
static int resolve_barcode(const char *name, DWORD want, struct obj **out)
{
	struct obj **list, *found = NULL;
	size_t n, i;
	int pass, hits;
	DWORD ret;

	ret = objects_load(NTMS_PHYSICAL_MEDIA, &list, &n);
	if (ret)
		return fail(ret, "cannot list media");
	for (pass = 0; pass < 2; pass++) {
		hits = 0;
		for (i = 0; i < n; i++) {
			const char *bc = list[i]->info.Info.PhysicalMedia.szBarCode;

			if (!bc[0])
				continue;
			if (pass ? strcasecmp(bc, name) : strcmp(bc, name))
				continue;
			found = list[i];
			hits++;
		}
		if (hits > 1)
			return usage_error("barcode '%s' names %d cartridges: use a GUID",
					   name, hits);
		if (hits == 1) {
			*out = found;
			return 0;
		}
	}
	return fail(not_found_code(want), "%s '%s'", role(want), name);
}

/**
 * object_resolve() - find an object by its name
 * @name: see the top of this file and ntmsctl(8)
 * @want: the type the command needs (NTMS_DRIVE, NTMS_PHYSICAL_MEDIA,
 *	NTMS_LIBRARY, NTMS_LIBREQUEST), NTMS_UNKNOWN for any
 * @out: out: the object
 *
 * A full GUID is passed on as the type wanted even if the driver does not
 * know it, so that the API reports what is wrong with it. Where a
 * cartridge is wanted, a drive, slot or port names the cartridge in it.
 * Errors are printed.
 *
 * Return: 0, EXIT_API or EXIT_USAGE.
 */
int object_resolve(const char *name, DWORD want, struct obj **out)
{
	static struct obj raw;
	struct obj **list, *o = NULL;
	size_t n, i;
	NTMS_GUID id;
	DWORD ret;
	int err;

	if (!*name)
		return usage_error("empty object name");

	if (guid_parse(name, &id)) {
		ret = object_probe(&id, &o);
		if (ret == ERROR_SUCCESS &&
		    (want == NTMS_UNKNOWN || o->info.dwType == want)) {
			*out = o;
			return 0;
		}
		if (ret && ret != ERROR_OBJECT_NOT_FOUND)
			return fail(ret, "%s '%s'", role(want), name);
		if (want == NTMS_UNKNOWN)
			return fail(ERROR_OBJECT_NOT_FOUND, "object '%s'", name);
		/* pass it on: the API says what is wrong with it */
		memset(&raw, 0, sizeof(raw));
		raw.info.ObjectGuid = id;
		raw.info.dwType = want;
		raw.address = -1;
		guid_format(raw.name, &id, false);
		*out = &raw;
		return 0;
	}

	if (strchr(name, ':')) {
		err = resolve_element(name, want, &o);
		if (err)
			return err;
	} else if (!strncmp(name, "/dev/", 5)) {
		ret = objects_load(NTMS_DRIVE, &list, &n);
		if (ret)
			return fail(ret, "cannot list drives");
		for (i = 0; i < n && !o; i++)
			if (!strcmp(list[i]->info.Info.Drive.szDeviceName, name))
				o = list[i];
		if (!o)
			return fail(not_found_code(want),
				    "%s '%s': no drive has this device",
				    role(want), name);
	} else {
		ret = objects_load(NTMS_LIBRARY, &list, &n);
		if (ret)
			return fail(ret, "cannot list libraries");
		for (i = 0; i < n && !o; i++)
			if (!strcmp(list[i]->name, name))
				o = list[i];
		if (!o) {
			err = resolve_barcode(name, want, &o);
			if (err)
				return err;
		}
	}

	if (want == NTMS_PHYSICAL_MEDIA &&
	    (o->info.dwType == NTMS_DRIVE ||
	     o->info.dwType == NTMS_STORAGESLOT ||
	     o->info.dwType == NTMS_IEPORT)) {
		struct obj *m = media_in(o);

		if (!m)
			return fail(ERROR_INVALID_MEDIA, "%s holds no cartridge",
				    o->name);
		o = m;
	}
	if (want != NTMS_UNKNOWN && o->info.dwType != want)
		return fail(not_found_code(want), "'%s' is a %s, not a %s",
			    name, type_name(o->info.dwType), role(want));
	*out = o;
	return 0;
}
