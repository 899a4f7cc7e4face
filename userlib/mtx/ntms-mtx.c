// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntms-mtx: mtx, through the ntms driver's queue.
 *
 * The command line, the output, the messages and the exit statuses are
 * those of mtx 1.3.12 (Debian's), so that scripts written for mtx (the
 * changer scripts of Bacula and Bareos, Amanda's chg-robot, an
 * administrator's habits) work unchanged; see ntms-mtx(8) and mtx.c.
 * Ours alone: --timeout SECONDS, how long a move may wait for the library.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changer.h"
#include "mtx.h"

#define MTX_VERSION	"1.3.12"

/* mtx's get_arg: a number when the word starts with a digit, else -1 */
static int get_arg(int argc, char **argv, int *i)
{
	if (*i >= argc || argv[*i][0] < '0' || argv[*i][0] > '9')
		return -1;
	return atoi(argv[(*i)++]);
}

int main(int argc, char **argv)
{
	int i = 1, a, b, c;
	const char *cmd;
	unsigned long t;
	char *end;

	mtx_timeout_s = chg_timeout(1800);
	while (i < argc) {
		cmd = argv[i++];
		if (!strcmp(cmd, "-f")) {
			if (i >= argc)
				mtx_usage();
			mtx_open(argv[i++]);
			continue;
		}
		/* ours, not mtx's: how long a move may wait */
		if (!strcmp(cmd, "--timeout")) {
			t = i < argc ? strtoul(argv[i], &end, 10) : 0;
			if (i >= argc || *end || !*argv[i])
				mtx_usage();
			mtx_timeout_s = t;
			i++;
			continue;
		}
		a = -1;
		b = -1;
		c = -1;
		if (!strcmp(cmd, "--version")) {
			fprintf(stderr, "mtx version %s\n\n", MTX_VERSION);
			mtx_usage();
		} else if (!strcmp(cmd, "nobarcode")) {
			mtx_nobarcode = true;
		} else if (!strcmp(cmd, "altres") || !strcmp(cmd, "noattach") ||
			   !strcmp(cmd, "invert2")) {
			/* how mtx talks to the changer: the driver does */
		} else if (!strcmp(cmd, "invert")) {
			mtx_invert = true;
		} else if (!strcmp(cmd, "eepos")) {
			a = get_arg(argc, argv, &i);
			if (a < 0 || a > 3)
				mtx_fatal("eepos equires argument between 0 and 3.\n");
		} else if (!strcmp(cmd, "status")) {
			mtx_status();
		} else if (!strcmp(cmd, "inquiry")) {
			mtx_inquiry();
		} else if (!strcmp(cmd, "inventory")) {
			mtx_inventory();
		} else if (!strcmp(cmd, "load") || !strcmp(cmd, "unload")) {
			a = get_arg(argc, argv, &i);
			if (a != -1)
				b = get_arg(argc, argv, &i);
			if (cmd[0] == 'l')
				mtx_load(a, b);
			else
				mtx_unload(a, b);
		} else if (!strcmp(cmd, "transfer") ||
			   !strcmp(cmd, "exchange")) {
			a = get_arg(argc, argv, &i);
			if (a != -1)
				b = get_arg(argc, argv, &i);
			if (b != -1 && cmd[0] == 'e')
				c = get_arg(argc, argv, &i);
			mtx_transfer(a, b, c, cmd[0] == 'e');
		} else if (!strcmp(cmd, "first") || !strcmp(cmd, "last") ||
			   !strcmp(cmd, "next") || !strcmp(cmd, "previous")) {
			mtx_step(cmd, get_arg(argc, argv, &i));
		} else if (!strcmp(cmd, "position") || !strcmp(cmd, "eject") ||
			   !strcmp(cmd, "erase")) {
			if (cmd[0] == 'p')
				get_arg(argc, argv, &i);
			mtx_need(false);
			mtx_fatal("%s: %s is not supported through ntms\n", mtx_argv0,
				  cmd);
		} else {
			mtx_usage();
		}
	}
	mtx_close();
	return 0;
}
