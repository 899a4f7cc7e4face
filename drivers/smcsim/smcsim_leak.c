// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: a memory leak on request, for the test runner's self-test (it
 * must prove that a leak fails the suite that made it, and no other).
 * Exists only where kmemleak can see it: writing N to
 * /sys/kernel/debug/smcsim/leak allocates N bytes SMCSIM_LEAKS times and
 * forgets them. One would be enough if kmemleak never missed a leak, but
 * a stale copy of the last pointer (a register saved on a stack, a
 * word of memory not yet reused) can hide it from one scan: the earlier
 * ones have been overwritten by the time the runner scans.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/slab.h>

#include "smcsim.h"

#define SMCSIM_LEAKS	4

static int smcsim_leak_set(void *data, u64 size)
{
	void *p;
	int i;

	if (!size || size > PAGE_SIZE)
		return -EINVAL;
	for (i = 0; i < SMCSIM_LEAKS; i++) {
		p = kzalloc(size, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		/* forgotten on purpose: kmemleak must report it */
	}
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(smcsim_leak_fops, NULL, smcsim_leak_set, "%llu\n");

/**
 * smcsim_leak_debugfs() - create the "leak" control file (kmemleak kernels)
 * @root: smcsim's debugfs directory
 *
 * Context: process context, at module load.
 */
void smcsim_leak_debugfs(struct dentry *root)
{
	if (IS_ENABLED(CONFIG_DEBUG_KMEMLEAK))
		debugfs_create_file_unsafe("leak", 0200, root, NULL,
					   &smcsim_leak_fops);
}
