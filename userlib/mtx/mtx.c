// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntms-mtx's commands (also what ntms-changer runs): mtx, through the
 * ntms driver's queue.
 *
 * The command line, the output, the messages and the exit statuses are
 * those of mtx 1.3.12 (Debian's), so that scripts written for mtx (the
 * changer scripts of Bacula and Bareos, Amanda's chg-robot, an
 * administrator's habits) work unchanged. The library is read from the
 * driver's model (no SCSI command), and every move is an ntms request
 * that waits its turn behind the other sessions' requests: a backup job
 * and an operator no longer collide on the robot.
 *
 * Differences, all on purpose: a move waits for the library (bounded by
 * --timeout SECONDS or NTMS_MTX_TIMEOUT, default 1800) instead of failing
 * when another program is using it; "load SLOT" whose cartridge is in
 * another drive waits for it to come home; errors the SCSI sense data
 * would have printed are given as the driver reports them; "invert",
 * "position", "eject", "erase" are refused (ntms cannot do them).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changer.h"
#include "mtx.h"

const char *mtx_argv0 = "ntms-mtx";
static const char *device;
struct chg_lib mtx_lib = { .fd = -1 };
static bool opened, have_status;
static int foreign_fd = -1;	/* an sg device no ntms library has */
bool mtx_nobarcode, mtx_invert;
unsigned int mtx_timeout_s;

void __attribute__((noreturn, format(printf, 1, 2)))
mtx_fatal(const char *fmt, ...)
{
	va_list ap;

	/* mtx's FatalError: the message alone (its prefix is lost) */
	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	exit(1);
}

void __attribute__((noreturn)) mtx_usage(void)
{
	fprintf(stderr,
		"Usage:\n"
		"\tmtx --version\n"
		"\tmtx [ -f <loader-dev> ] noattach <more commands>\n"
		"\tmtx [ -f <loader-dev> ] inquiry | inventory \n"
		"\tmtx [ -f <loader-dev> ] [altres] [nobarcode] status\n"
		"\tmtx [ -f <loader-dev> ] [altres] first [<drive#>]\n"
		"\tmtx [ -f <loader-dev> ] [altres] last [<drive#>]\n"
		"\tmtx [ -f <loader-dev> ] [altres] previous [<drive#>]\n"
		"\tmtx [ -f <loader-dev> ] [altres] next [<drive#>]\n"
		"\tmtx [ -f <loader-dev> ] [altres] [invert] load <storage-element-number> [<drive#>]\n"
		"\tmtx [ -f <loader-dev> ] [altres] [invert] unload [<storage-element-number>][<drive#>]\n"
		"\tmtx [ -f <loader-dev> ] [altres] [eepos eepos-number] transfer <storage-element-number> <storage-element-number>\n"
		"\tmtx [ -f <loader-dev> ] [altres] [eepos eepos-number][invert][invert2] exchange <storage-element-number> <storage-element-number>\n"
		"\tmtx [ -f <loader-dev> ] [altres] position <storage-element-number>\n"
		"\tmtx [ -f <loader-dev> ] eject\n");
	exit(1);
}

void mtx_open(const char *dev)
{
	const char *why;

	if (opened)
		chg_close(&mtx_lib);
	if (foreign_fd >= 0)
		close(foreign_fd);
	foreign_fd = -1;
	device = dev;
	opened = true;
	if (!chg_open(dev, &mtx_lib, &why))
		return;
	foreign_fd = sgdev_open(dev);
	if (foreign_fd < 0)
		mtx_fatal(why, dev);
	mtx_lib.fd = -1;
}

/* the device and, once, the library's state, as mtx's execute_command */
void mtx_need(bool status)
{
	const char *dev;

	if (!opened) {
		dev = getenv("CHANGER");
		if (!dev)
			dev = getenv("TAPE");
		mtx_open(dev ? dev : "/dev/changer");
	}
	if (foreign_fd >= 0 && status)
		sgdev_status(foreign_fd, device);
	if (!status || have_status)
		return;
	if (chg_read(&mtx_lib))
		mtx_fatal("READ ELEMENT STATUS Command Failed\n");
	if (!mtx_lib.nr_drives)
		mtx_fatal("no Data Transfer Element reported\n");
	if (!mtx_lib.nr_slots)
		mtx_fatal("no Storage Elements reported\n");
	have_status = true;
}

void mtx_status(void)
{
	char tag[CHG_TAG_LEN + 1];
	struct chg_elem *e;
	uint32_t i;

	mtx_need(true);
	printf("  Storage Changer %s:%u Drives, %u Slots ( %u Import/Export )\n",
	       device, mtx_lib.nr_drives, mtx_lib.nr_slots,
	       mtx_lib.nr_slots - mtx_lib.nr_storage);
	for (i = 0; i < mtx_lib.nr_drives; i++) {
		e = &mtx_lib.drives[i];
		printf("Data Transfer Element %u:", i);
		if (!e->full) {
			printf("Empty\n");
			continue;
		}
		if (e->source >= 0)
			printf("Full (Storage Element %d Loaded)", e->source + 1);
		else
			printf("Full (Unknown Storage Element Loaded)");
		chg_tag_print(e, false, tag);
		if (!mtx_nobarcode && tag[0])
			printf(":VolumeTag = %s", tag);
		putchar('\n');
	}
	for (i = 0; i < mtx_lib.nr_slots; i++) {
		e = &mtx_lib.slots[i];
		printf("      Storage Element %u%s:%s", i + 1,
		       e->ie ? " IMPORT/EXPORT" : "", e->full ? "Full " : "Empty");
		chg_tag_print(e, false, tag);
		if (!mtx_nobarcode && tag[0])
			printf(":VolumeTag=%s", tag);
		putchar('\n');
	}
}

void mtx_inquiry(void)
{
	mtx_need(false);
	if (foreign_fd >= 0) {
		sgdev_inquiry(foreign_fd);
		return;
	}
	if (chg_read(&mtx_lib))
		mtx_fatal("INQUIRY Command Failed\n");
	printf("Product Type: Medium Changer\n");
	printf("Vendor ID: '%s'\nProduct ID: '%s'\nRevision: '%s'\n",
	       mtx_lib.vendor, mtx_lib.product, mtx_lib.revision);
	printf("Attached Changer API: No\n");
}

/*
 * A move failed: what mtx prints for it. @queued: the request had been
 * accepted, so a progress line may be waiting for its "done".
 */
static void __attribute__((noreturn))
move_failed(int ret, uint32_t src, uint32_t dst, bool exchange)
{
	if (ret == -ETIMEDOUT)
		mtx_fatal("%s: the library did not carry the move out in %u s (NTMS_MTX_TIMEOUT)\n",
			  mtx_argv0, mtx_timeout_s);
	if (ret < 0)
		ret = -ret;
	switch (ret) {
	case ENOMEDIUM:
		mtx_fatal("Source Element Address %u is Empty\n", src);
	case EEXIST:
		mtx_fatal("Destination Element Address %u is Already Full\n", dst);
	case EACCES:
		mtx_fatal("%s: no access to move cartridges in %s (MODIFY: ntms_modify_gid)\n",
			  mtx_argv0, mtx_lib.name);
	default:
		if (exchange)
			mtx_fatal("EXCHANGE MEDIUM from Element Address %u to %u Failed\n",
				  src, dst);
		fprintf(stderr, "%s: %s\n", mtx_argv0, strerror(ret));
		mtx_fatal("MOVE MEDIUM from Element Address %u to %u Failed\n", src,
			  dst);
	}
}

static void move(uint32_t src, uint32_t dst, uint32_t flags)
{
	int ret;

	if (mtx_invert)
		mtx_fatal("%s: invert is not supported through ntms\n", mtx_argv0);
	ret = chg_move(&mtx_lib, src, dst, 0, flags, mtx_timeout_s);
	if (ret)
		move_failed(ret, src, dst, false);
}

void mtx_load(int slot, int drive)
{
	struct chg_elem *d;
	int ret;

	if (slot < 1)
		mtx_fatal("No source specified\n");
	if (drive < 0)
		drive = 0;
	slot--;
	mtx_need(true);
	if (slot >= (int)mtx_lib.nr_slots)
		mtx_fatal("Invalid <storage-element-number> argument '%d' to 'load' command\n",
			  slot + 1);
	if (drive >= (int)mtx_lib.nr_drives)
		mtx_fatal("illegal <drive-number> argument '%d' to 'load' command\n",
			  drive);
	d = &mtx_lib.drives[drive];
	if (mtx_invert)
		mtx_fatal("%s: invert is not supported through ntms\n", mtx_argv0);
	/* the slot names a cartridge by its home: it may be on its way back */
	ret = chg_move(&mtx_lib, mtx_lib.slots[slot].addr, d->addr, 0,
		       slot < (int)mtx_lib.nr_storage ? NTMS_MOVE_F_HOME : 0,
		       mtx_timeout_s);
	/* a full drive nobody is emptying: refused before anything moved */
	if (ret == -EEXIST)
		mtx_fatal("Drive %d Full (Storage Element %d loaded)\n", drive,
			  d->source + 1);
	printf("Loading media from Storage Element %d into drive %d...",
	       slot + 1, drive);
	fflush(stdout);
	if (ret)
		move_failed(ret, mtx_lib.slots[slot].addr, d->addr, false);
	printf("done\n");
	/* what mtx's cache says afterwards */
	mtx_lib.slots[slot].full = false;
	d->full = true;
}

void mtx_unload(int slot, int drive)
{
	struct chg_elem *d;
	int ret;

	if (drive < 0)
		drive = 0;
	mtx_need(true);
	if (drive < (int)mtx_lib.nr_drives && slot < 0) {
		slot = mtx_lib.drives[drive].source;
		if (slot < 0)
			mtx_fatal("No Source for tape in drive %d!\n", drive);
	} else {
		slot--;
	}
	if (slot >= (int)mtx_lib.nr_slots)
		mtx_fatal("illegal <storage-element-number> argument '%d' to 'unload' command\n",
			  slot + 1);
	if (drive >= (int)mtx_lib.nr_drives)
		mtx_fatal("illegal <drive-number> argument '%d' to 'unload' command\n",
			  drive);
	d = &mtx_lib.drives[drive];
	if (!d->full)
		mtx_fatal("Data Transfer Element %d is Empty\n", drive);
	if (slot < 0)
		mtx_fatal("Do not know which slot to unload tape into!\n");
	if (mtx_invert)
		mtx_fatal("%s: invert is not supported through ntms\n", mtx_argv0);
	ret = chg_move(&mtx_lib, d->addr, mtx_lib.slots[slot].addr, 0, 0, mtx_timeout_s);
	/* a full slot nobody is emptying: refused before anything moved */
	if (ret == -EEXIST)
		mtx_fatal("Storage Element %d is Already Full\n", slot + 1);
	printf("Unloading drive %d into Storage Element %d...", drive, slot + 1);
	fflush(stdout);
	if (ret)
		move_failed(ret, d->addr, mtx_lib.slots[slot].addr, false);
	printf("done\n");
	mtx_lib.slots[slot].full = true;
	d->full = false;
}

void mtx_transfer(int a, int b, int c, bool exchange)
{
	uint32_t src, dst;
	int ret;

	if (a < 1)
		mtx_fatal("No source specified\n");
	if (b < 1)
		mtx_fatal("No destination specified\n");
	mtx_need(true);
	if (a > (int)mtx_lib.nr_slots)
		mtx_fatal("Invalid source\n");
	if (b > (int)mtx_lib.nr_slots)
		mtx_fatal("Invalid destination\n");
	src = mtx_lib.slots[a - 1].addr;
	dst = mtx_lib.slots[b - 1].addr;
	/* an empty source to a full destination: the changer, as mtx sends
	 * the move regardless, would name the source first
	 */
	if (!mtx_lib.slots[a - 1].full && mtx_lib.slots[b - 1].full)
		mtx_fatal("Source Element Address %u is Empty\n", src);
	if (!exchange) {
		move(src, dst, 0);
		return;
	}
	if (mtx_invert)
		mtx_fatal("%s: invert is not supported through ntms\n", mtx_argv0);
	if (c < 1 || c > (int)mtx_lib.nr_slots)
		c = a;
	ret = chg_move(&mtx_lib, src, dst, mtx_lib.slots[c - 1].addr,
		       NTMS_MOVE_F_EXCHANGE, mtx_timeout_s);
	if (ret)
		move_failed(ret, src, dst, true);
}

/* first, last, next, previous: mtx's drive argument falls back to 0 */
static int drive_arg(int d)
{
	return d >= 0 && d < (int)mtx_lib.nr_drives ? d : 0;
}

void mtx_step(const char *what, int arg)
{
	int drive, src, i, s = 0;
	bool full;

	mtx_need(true);
	drive = drive_arg(arg);
	full = mtx_lib.drives[drive].full;
	src = mtx_lib.drives[drive].source;
	while (s < (int)mtx_lib.nr_slots && !mtx_lib.slots[s].ie)
		s++;
	if (!strcmp(what, "first") || !strcmp(what, "last")) {
		i = what[0] == 'f' ? 1 : s;
		if (full) {
			if ((what[0] == 'f' && src + 1 == 1) ||
			    (what[0] == 'l' && src + 1 >= s)) {
				printf("loading...done.\n");
				return;
			}
			mtx_unload(src + 1, drive);
		}
		mtx_load(i, drive);
		return;
	}
	if (!strcmp(what, "next")) {
		i = full ? src + 1 : 0;
		if (full)
			mtx_unload(src + 1, drive);
		for (; i < s; i++)
			if (mtx_lib.slots[i].full) {
				mtx_load(i + 1, drive);
				return;
			}
		mtx_fatal("No More Media\n");
	}
	/* previous */
	if (full) {
		if (src == 0)
			mtx_fatal("No More Media\n");
		mtx_unload(src + 1, drive);
		i = src - 1;
	} else {
		i = s;
	}
	for (; i >= 0; i--)
		if (i < (int)mtx_lib.nr_slots && mtx_lib.slots[i].full) {
			mtx_load(i + 1, drive);
			return;
		}
	mtx_fatal("No More Media\n");
}

void mtx_inventory(void)
{
	int ret;

	mtx_need(false);
	if (foreign_fd >= 0)
		mtx_fatal("%s: %s is not a changer ntms manages: nothing sent\n",
			  mtx_argv0, device);
	ret = chg_inventory(&mtx_lib, mtx_timeout_s);
	if (ret) {
		fprintf(stderr, "Initialize Element Status (0x07) failed\n");
		mtx_fatal("mtx:inventory failed\n");
	}
}

/**
 * mtx_close() - close the library, if open
 */
void mtx_close(void)
{
	if (opened)
		chg_close(&mtx_lib);
	if (foreign_fd >= 0)
		close(foreign_fd);
	foreign_fd = -1;
	opened = false;
}
