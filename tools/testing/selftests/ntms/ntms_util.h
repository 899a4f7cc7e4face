/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the ntms selftests: thin wrappers around the
 * /dev/ntms ioctls.
 */
#ifndef _NTMS_UTIL_H
#define _NTMS_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/ntms.h>

#define NTMS_DEV "/dev/ntms"

static inline int ntms_open(void)
{
	return open(NTMS_DEV, O_RDWR | O_CLOEXEC);
}

/* list objects of @type (in @container if not NULL); malloc'ed, count in *n */
static inline int ntms_enum(int fd, uint32_t type,
			    const struct ntms_guid *container,
			    struct ntms_guid **list, uint32_t *n)
{
	struct ntms_enumerate en;

	*list = NULL;
	*n = 0;
	memset(&en, 0, sizeof(en));
	en.type = type;
	if (container) {
		en.container = *container;
		en.flags = NTMS_ENUMERATE_F_CONTAINER;
	}
	for (;;) {
		en.list = (uintptr_t)*list;
		if (!ioctl(fd, NTMS_IOC_ENUMERATE, &en)) {
			*n = en.count;
			return 0;
		}
		if (errno != EOVERFLOW)
			return -errno;
		free(*list);
		*list = calloc(en.count ? en.count : 1, sizeof(**list));
		if (!*list)
			return -ENOMEM;
	}
}

static inline int ntms_info(int fd, const struct ntms_guid *id, uint32_t type,
			    struct ntms_object_info *oi)
{
	memset(oi, 0, sizeof(*oi));
	oi->id = *id;
	oi->type = type;
	return ioctl(fd, NTMS_IOC_GET_INFO, oi) ? -errno : 0;
}

static inline void ntms_guid_str(const struct ntms_guid *g, char *buf)
{
	int i;

	for (i = 0; i < 16; i++)
		sprintf(buf + 2 * i, "%02x", g->b[i]);
}

static inline int ntms_guid_zero(const struct ntms_guid *g)
{
	static const struct ntms_guid zero;

	return !memcmp(g, &zero, sizeof(zero));
}

/* wait until no library is INITIALIZING and at least @min exist */
static inline int ntms_wait_ready(int fd, unsigned int min, int secs)
{
	struct ntms_object_info oi;
	struct ntms_guid *libs;
	uint32_t n, i, busy;
	int t;

	for (t = 0; t < secs * 10; t++) {
		if (ntms_enum(fd, NTMS_TYPE_LIBRARY, NULL, &libs, &n))
			return -1;
		busy = n < min;
		for (i = 0; i < n; i++)
			if (!ntms_info(fd, &libs[i], 0, &oi) &&
			    oi.op_state == NTMS_OPSTATE_INITIALIZING)
				busy = 1;
		free(libs);
		if (!busy)
			return 0;
		usleep(100000);
	}
	return -1;
}

#endif /* _NTMS_UTIL_H */
