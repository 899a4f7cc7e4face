/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the smcsim selftests: module parameters, the debugfs
 * knobs, finding the simulated devices (the rest is in common/test_util.h).
 */
#ifndef SMCSIM_UTIL_H
#define SMCSIM_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "test_util.h"

#define SMCSIM_DBG "/sys/kernel/debug/smcsim"

static inline unsigned int smcsim_param(const char *name)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), "/sys/module/smcsim/parameters/%s", name);
	if (tu_read_trim(path, buf, sizeof(buf)))
		return 0;
	return strtoul(buf, NULL, 0);
}

/* Writes @s to the debugfs knob @knob of library @lib ("lib0"...). */
static inline int smcsim_knob(const char *lib, const char *knob, const char *s)
{
	char path[128];

	snprintf(path, sizeof(path), SMCSIM_DBG "/%s/%s", lib, knob);
	return tu_write_file(path, s);
}

/*
 * Finds the @nth (from 0) sg device of SCSI type @type whose model starts
 * with "SMCSIM"; stores "/dev/sgN" in @dev and "H:C:T:L" in @hctl.
 */
static inline int smcsim_find(int type, int nth, char *dev, char *hctl)
{
	return tu_sg_find(type, "SMCSIM", nth, dev, hctl);
}

#endif /* SMCSIM_UTIL_H */
