/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ntmsctl: the options of the commands, as parsed by main.c. */
#ifndef NTMSCTL_OPTIONS_H
#define NTMSCTL_OPTIONS_H

#define OPT_JSON	0x0001
#define OPT_FULL_GUID	0x0002
#define OPT_WAIT	0x0004
#define OPT_TIMEOUT	0x0008
#define OPT_DRIVE	0x0010
#define OPT_READ	0x0020
#define OPT_WRITE	0x0040
#define OPT_DEFERRED	0x0080
#define OPT_FAST	0x0100
#define OPT_FULL	0x0200
#define OPT_TYPE	0x0400
#define OPT_COUNT	0x0800
#define OPT_PORT	0x1000

/**
 * struct cmd_opts - command-specific options
 * @given: OPT_* seen on the command line
 * @drive: --drive
 * @type: --type
 * @count: --count
 * @port: --port
 */
struct cmd_opts {
	unsigned int given;
	const char *drive;
	const char *type;
	unsigned long count;
	const char *port;
};

extern struct cmd_opts copt;

#endif /* NTMSCTL_OPTIONS_H */
