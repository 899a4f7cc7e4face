// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_dump: print the ntms driver's view in forms the shell tests
 * compare with mtx, smcsim's debugfs and earlier runs.
 *
 *   ntms_dump wait [MIN_LIBRARIES [SECONDS]]
 *   ntms_dump libs          GUID TYPE OPSTATE SERIAL drives slots ports media SG
 *   ntms_dump objects       every object: TYPE KEY GUID OPSTATE (sorted by caller)
 *   ntms_dump drives        LIBSERIAL NUMBER ADDRESS SERIAL NST SG GUID FLAGS
 *   ntms_dump mtx SERIAL    the library as "mtx status" shows it (normalised)
 *   ntms_dump elements SERIAL   as smcsim's debugfs "elements" file (source
 *                           address of drives only)
 *   ntms_dump enum SERIAL TYPE  enumerate TYPE in that library: count or errno
 */
#include "ntms_util.h"

static int fd;

static int find_lib(const char *serial, struct ntms_guid *g,
		    struct ntms_object_info *oi)
{
	struct ntms_guid *libs;
	uint32_t n, i;

	if (ntms_enum(fd, NTMS_TYPE_LIBRARY, NULL, &libs, &n))
		return -1;
	for (i = 0; i < n; i++) {
		if (ntms_info(fd, &libs[i], NTMS_TYPE_LIBRARY, oi))
			continue;
		if (!strcmp(oi->u.library.serial, serial)) {
			*g = libs[i];
			free(libs);
			return 0;
		}
	}
	free(libs);
	fprintf(stderr, "no library %s\n", serial);
	return -1;
}

static const char *lib_serial(const struct ntms_guid *lib)
{
	static char serial[NTMS_SERIAL_LEN];
	struct ntms_object_info oi;

	if (ntms_info(fd, lib, NTMS_TYPE_LIBRARY, &oi))
		return "?";
	snprintf(serial, sizeof(serial), "%s", oi.u.library.serial);
	return serial;
}

static const char *barcode_of(const struct ntms_guid *m)
{
	static char bc[NTMS_BARCODE_LEN];
	struct ntms_object_info oi;

	if (ntms_guid_zero(m) || ntms_info(fd, m, NTMS_TYPE_PHYSICAL_MEDIA, &oi))
		return "-";
	snprintf(bc, sizeof(bc), "%s", oi.u.media.barcode[0] ?
		 oi.u.media.barcode : "-");
	return bc;
}

static int cmd_libs(void)
{
	struct ntms_object_info oi, ci;
	struct ntms_guid *libs;
	uint32_t n, i;
	char g[33];

	if (ntms_enum(fd, NTMS_TYPE_LIBRARY, NULL, &libs, &n))
		return 1;
	for (i = 0; i < n; i++) {
		if (ntms_info(fd, &libs[i], NTMS_TYPE_LIBRARY, &oi))
			return 1;
		ntms_guid_str(&libs[i], g);
		memset(&ci, 0, sizeof(ci));
		if (!ntms_guid_zero(&oi.u.library.changer))
			ntms_info(fd, &oi.u.library.changer, NTMS_TYPE_CHANGER,
				  &ci);
		printf("%s %u %u %s %u %u %u %u %s\n", g,
		       oi.u.library.library_type, oi.op_state,
		       oi.u.library.serial, oi.u.library.num_drives,
		       oi.u.library.num_slots, oi.u.library.num_ports,
		       oi.u.library.num_media,
		       ci.u.changer.sg_name[0] ? ci.u.changer.sg_name : "-");
	}
	free(libs);
	return 0;
}

static const uint32_t all_types[] = {
	NTMS_TYPE_LIBRARY, NTMS_TYPE_CHANGER, NTMS_TYPE_DRIVE,
	NTMS_TYPE_STORAGESLOT, NTMS_TYPE_IEPORT, NTMS_TYPE_PHYSICAL_MEDIA,
};

static int cmd_objects(void)
{
	struct ntms_object_info oi;
	struct ntms_guid *l;
	uint32_t n, i, t;
	char g[33];

	for (t = 0; t < sizeof(all_types) / sizeof(all_types[0]); t++) {
		if (ntms_enum(fd, all_types[t], NULL, &l, &n))
			return 1;
		for (i = 0; i < n; i++) {
			if (ntms_info(fd, &l[i], all_types[t], &oi))
				return 1;
			ntms_guid_str(&l[i], g);
			switch (all_types[t]) {
			case NTMS_TYPE_LIBRARY:
				printf("library %s", oi.u.library.serial);
				break;
			case NTMS_TYPE_CHANGER:
				printf("changer %s@%u", oi.u.changer.serial,
				       oi.u.changer.address);
				break;
			case NTMS_TYPE_DRIVE:
				printf("drive %s@%u",
				       lib_serial(&oi.u.drive.library),
				       oi.u.drive.address);
				break;
			case NTMS_TYPE_STORAGESLOT:
				printf("slot %s@%u",
				       lib_serial(&oi.u.slot.library),
				       oi.u.slot.address);
				break;
			case NTMS_TYPE_IEPORT:
				printf("ieport %s@%u",
				       lib_serial(&oi.u.ieport.library),
				       oi.u.ieport.address);
				break;
			default:
				printf("media %s", oi.u.media.barcode[0] ?
				       oi.u.media.barcode : oi.name);
				break;
			}
			printf(" %s %u\n", g, oi.op_state);
		}
		free(l);
	}
	return 0;
}

static int cmd_drives(void)
{
	struct ntms_object_info oi;
	struct ntms_guid *l;
	uint32_t n, i;
	char g[33];

	if (ntms_enum(fd, NTMS_TYPE_DRIVE, NULL, &l, &n))
		return 1;
	for (i = 0; i < n; i++) {
		if (ntms_info(fd, &l[i], NTMS_TYPE_DRIVE, &oi))
			return 1;
		ntms_guid_str(&l[i], g);
		printf("%s %u %u %s %s %s %s %#x\n",
		       lib_serial(&oi.u.drive.library), oi.u.drive.number,
		       oi.u.drive.address,
		       oi.u.drive.serial[0] ? oi.u.drive.serial : "-",
		       oi.u.drive.tape_name[0] ? oi.u.drive.tape_name : "-",
		       oi.u.drive.sg_name[0] ? oi.u.drive.sg_name : "-", g,
		       oi.u.drive.flags);
	}
	free(l);
	return 0;
}

/* the element lists of a library, in address order per type */
struct view {
	struct ntms_object_info li;
	struct ntms_object_info *d, *s, *p;
	uint32_t nd, ns, np;
};

static int load(const char *serial, struct view *v)
{
	struct ntms_guid lib, *l;
	uint32_t n, i;

	if (find_lib(serial, &lib, &v->li))
		return -1;
	if (ntms_enum(fd, NTMS_TYPE_DRIVE, &lib, &l, &n))
		return -1;
	v->d = calloc(n + 1, sizeof(*v->d));
	for (i = 0, v->nd = n; i < n; i++)
		ntms_info(fd, &l[i], NTMS_TYPE_DRIVE, &v->d[i]);
	free(l);
	if (ntms_enum(fd, NTMS_TYPE_STORAGESLOT, &lib, &l, &n))
		return -1;
	v->s = calloc(n + 1, sizeof(*v->s));
	for (i = 0, v->ns = n; i < n; i++)
		ntms_info(fd, &l[i], NTMS_TYPE_STORAGESLOT, &v->s[i]);
	free(l);
	if (ntms_enum(fd, NTMS_TYPE_IEPORT, &lib, &l, &n))
		return -1;
	v->p = calloc(n + 1, sizeof(*v->p));
	for (i = 0, v->np = n; i < n; i++)
		ntms_info(fd, &l[i], NTMS_TYPE_IEPORT, &v->p[i]);
	free(l);
	return 0;
}

static int cmd_mtx(const char *serial)
{
	struct ntms_drive_info *d;
	struct view v;
	uint32_t i;

	if (load(serial, &v))
		return 1;
	for (i = 0; i < v.nd; i++) {
		d = &v.d[i].u.drive;
		if (!(d->flags & NTMS_DRIVE_F_FULL)) {
			printf("D %u Empty\n", d->number);
			continue;
		}
		printf("D %u Full %s\n", d->number, barcode_of(&d->media));
	}
	for (i = 0; i < v.ns; i++)
		printf("S %u %s %s\n", i + 1,
		       v.s[i].u.slot.state == NTMS_SLOT_STATE_FULL ?
		       "Full" : "Empty", barcode_of(&v.s[i].u.slot.media));
	for (i = 0; i < v.np; i++)
		printf("S %u IE %s %s\n", v.ns + i + 1,
		       v.p[i].u.ieport.content == NTMS_PORT_CONTENT_FULL ?
		       "Full" : "Empty", barcode_of(&v.p[i].u.ieport.media));
	return 0;
}

static int cmd_elements(const char *serial)
{
	struct ntms_drive_info *d;
	struct view v;
	uint32_t i;

	if (load(serial, &v))
		return 1;
	for (i = 0; i < v.li.u.library.num_changers; i++)
		printf("mt %u empty - -\n", v.li.u.library.first_changer + i);
	for (i = 0; i < v.np; i++)
		printf("ie %u %s %s -\n", v.p[i].u.ieport.address,
		       v.p[i].u.ieport.content == NTMS_PORT_CONTENT_FULL ?
		       "full" : "empty", barcode_of(&v.p[i].u.ieport.media));
	for (i = 0; i < v.nd; i++) {
		d = &v.d[i].u.drive;
		printf("dt %u %s %s ", d->address,
		       d->flags & NTMS_DRIVE_F_FULL ? "full" : "empty",
		       barcode_of(&d->media));
		if (d->flags & NTMS_DRIVE_F_SOURCE_VALID)
			printf("%u\n", d->source_address);
		else
			printf("-\n");
	}
	for (i = 0; i < v.ns; i++)
		printf("st %u %s %s -\n", v.s[i].u.slot.address,
		       v.s[i].u.slot.state == NTMS_SLOT_STATE_FULL ?
		       "full" : "empty", barcode_of(&v.s[i].u.slot.media));
	return 0;
}

static int cmd_enum(const char *serial, const char *type)
{
	struct ntms_object_info oi;
	struct ntms_guid lib, *l;
	uint32_t n;
	int ret;

	if (find_lib(serial, &lib, &oi))
		return 1;
	ret = ntms_enum(fd, atoi(type), &lib, &l, &n);
	free(l);
	if (ret)
		printf("%s\n", strerrorname_np(-ret));
	else
		printf("%u\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	fd = ntms_open();
	if (fd < 0) {
		perror(NTMS_DEV);
		return 2;
	}
	if (argc >= 2 && !strcmp(argv[1], "wait"))
		return ntms_wait_ready(fd, argc > 2 ? atoi(argv[2]) : 1,
				       argc > 3 ? atoi(argv[3]) : 60) ? 1 : 0;
	if (argc == 2 && !strcmp(argv[1], "libs"))
		return cmd_libs();
	if (argc == 2 && !strcmp(argv[1], "objects"))
		return cmd_objects();
	if (argc == 2 && !strcmp(argv[1], "drives"))
		return cmd_drives();
	if (argc == 3 && !strcmp(argv[1], "mtx"))
		return cmd_mtx(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "elements"))
		return cmd_elements(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "enum"))
		return cmd_enum(argv[2], argv[3]);
	fprintf(stderr, "usage: see the comment at the top of ntms_dump.c\n");
	return 2;
}
