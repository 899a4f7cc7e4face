// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntms-changer: the changer command of Bacula and Bareos, through ntms.
 *
 *   ntms-changer CTL CMD [SLOT ARCHIVE_DEVICE DRIVE_INDEX]
 *
 * The interface of their mtx-changer script ("Changer Command =
 * ntms-changer %c %o %S %a %d"): CTL names the library as ntms-mtx's -f
 * does, CMD is slots, list, listall, loaded, load, unload or transfer
 * (whose 4th argument is the destination slot). The output lines are
 * those the storage daemon parses, volume names without mtx's padding;
 * load returns once the drive is ready for I/O. Every move is an ntms
 * request that waits its turn (NTMS_MTX_TIMEOUT, default 1800 s). Exit 0
 * is success; the errors of load and unload are printed on standard
 * output, where mtx-changer puts mtx's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mtio.h>
#include <time.h>
#include <unistd.h>

#include "changer.h"
#include "mtx.h"

/* how long load waits for the drive to come online, as mtx-changer */
#define CHANGER_READY_S		300

static void __attribute__((noreturn)) changer_usage(int argc, int need)
{
	printf("ERROR: usage: ntms-changer ctl-device command [slot archive-device drive-index]\n"
	       "\tInsufficient number of arguments given.\n");
	if (argc < 3)
		printf("  Minimum usage is first two arguments ...\n");
	else
		printf("  Command expected %d arguments\n", need);
	exit(1);
}

/* a number argument, 1-based slot or 0-based drive; -1 when it is none */
static int changer_num(const char *s)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	v = strtol(s, &end, 10);
	return *end || v < 0 || v > 65535 ? -1 : (int)v;
}

static void changer_list(bool all)
{
	char tag[CHG_TAG_LEN + 1];
	struct chg_elem *e;
	uint32_t i;

	mtx_need(true);
	for (i = 0; all && i < mtx_lib.nr_drives; i++) {
		e = &mtx_lib.drives[i];
		chg_tag_print(e, true, tag);
		if (!e->full)
			printf("D:%u:E\n", i);
		else if (e->source >= 0)
			printf("D:%u:F:%d:%s\n", i, e->source + 1, tag);
	}
	for (i = 0; i < mtx_lib.nr_slots; i++) {
		e = &mtx_lib.slots[i];
		chg_tag_print(e, true, tag);
		if (all)
			printf("%c:%u:%s%s%s\n", e->ie ? 'I' : 'S', i + 1,
			       e->full ? "F" : "E", e->full ? ":" : "", tag);
		/* list: the storage slots a volume can be loaded from */
		else if (!e->ie && e->full)
			printf("%u:%s\n", i + 1, tag);
	}
	for (i = 0; !all && i < mtx_lib.nr_drives; i++) {
		e = &mtx_lib.drives[i];
		chg_tag_print(e, true, tag);
		if (e->full && e->source >= 0)
			printf("%d:%s\n", e->source + 1, tag);
	}
}

static void changer_loaded(int drive)
{
	struct chg_elem *d;

	mtx_need(true);
	if (drive < 0 || drive >= (int)mtx_lib.nr_drives)
		mtx_fatal("illegal <drive-number> argument '%d' to 'loaded' command\n",
			  drive);
	d = &mtx_lib.drives[drive];
	if (!d->full)
		printf("0\n");
	else if (d->source >= 0)
		printf("%d\n", d->source + 1);
	else
		mtx_fatal("ntms-changer: drive %d holds a cartridge of no known slot\n",
			  drive);
}

/* wait (a bounded time) until the tape device says it is online */
static void changer_wait_ready(const char *dev)
{
	struct timespec ts = { .tv_sec = 1 };
	struct mtget st;
	int i, fd;

	for (i = 0; i <= CHANGER_READY_S; i++) {
		fd = open(dev, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			memset(&st, 0, sizeof(st));
			if (!ioctl(fd, MTIOCGET, &st) &&
			    GMT_ONLINE(st.mt_gstat)) {
				close(fd);
				return;
			}
			close(fd);
		}
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "ntms-changer: %s not ready after %d s\n", dev,
		CHANGER_READY_S);
	exit(1);
}

/*
 * load, unload: mtx-changer prints mtx's errors after its progress line on
 * standard output (for the storage daemon's message); the other commands
 * leave them on standard error
 */
static void errors_to_stdout(void)
{
	fflush(stdout);
	dup2(STDOUT_FILENO, STDERR_FILENO);
}

int main(int argc, char **argv)
{
	const char *cmd;
	int need;

	mtx_argv0 = "ntms-changer";
	mtx_timeout_s = chg_timeout(1800);
	if (argc < 3)
		changer_usage(argc, 2);
	cmd = argv[2];
	need = !strcmp(cmd, "list") || !strcmp(cmd, "listall") ||
	       !strcmp(cmd, "slots") ? 2 : !strcmp(cmd, "transfer") ? 4 : 5;
	if (argc - 1 < need)
		changer_usage(argc, need);
	mtx_open(argv[1]);
	if (!strcmp(cmd, "slots")) {
		mtx_need(true);
		printf("%u\n", mtx_lib.nr_slots);
	} else if (!strcmp(cmd, "list") || !strcmp(cmd, "listall")) {
		changer_list(cmd[4] == 'a');
	} else if (!strcmp(cmd, "loaded")) {
		changer_loaded(changer_num(argv[5]));
	} else if (!strcmp(cmd, "load")) {
		errors_to_stdout();
		mtx_load(changer_num(argv[3]), changer_num(argv[5]));
		changer_wait_ready(argv[4]);
	} else if (!strcmp(cmd, "unload")) {
		errors_to_stdout();
		mtx_unload(changer_num(argv[3]), changer_num(argv[5]));
	} else if (!strcmp(cmd, "transfer")) {
		mtx_transfer(changer_num(argv[3]), changer_num(argv[4]), -1,
			     false);
	} else {
		fprintf(stderr, "ntms-changer: unknown command '%s'\n", cmd);
		mtx_close();
		return 1;
	}
	mtx_close();
	return 0;
}
