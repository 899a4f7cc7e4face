// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: simulated SCSI tape libraries.
 *
 * Module parameters, creation of the libraries and of their SCSI hosts.
 * See Documentation/smcsim.rst.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi_host.h>

#include "smcsim.h"

#define SMCSIM_MAX_LIBRARIES	16
#define SMCSIM_MAX_DRIVES	254
#define SMCSIM_MAX_STANDALONE	255
#define SMCSIM_ADDR_LIMIT	0x10000

static unsigned int smcsim_libraries = 1;
static unsigned int smcsim_slots = 20;
static unsigned int smcsim_drives = 2;
static unsigned int smcsim_ieports = 1;
static unsigned int smcsim_media;
static unsigned int smcsim_standalone;
static unsigned int smcsim_mt_base = 1;
static unsigned int smcsim_ie_base = 10;
static unsigned int smcsim_dt_base = 500;
static unsigned int smcsim_st_base = 1000;
unsigned int smcsim_move_ms = 10;
unsigned int smcsim_max_elements;

module_param_named(libraries, smcsim_libraries, uint, 0444);
MODULE_PARM_DESC(libraries, "number of libraries (default 1)");
module_param_named(slots, smcsim_slots, uint, 0444);
MODULE_PARM_DESC(slots, "storage elements per library (default 20)");
module_param_named(drives, smcsim_drives, uint, 0444);
MODULE_PARM_DESC(drives, "tape drives per library (default 2)");
module_param_named(ieports, smcsim_ieports, uint, 0444);
MODULE_PARM_DESC(ieports, "import/export elements per library (default 1)");
module_param_named(media, smcsim_media, uint, 0444);
MODULE_PARM_DESC(media, "cartridges in the first slots of each library (default 0)");
module_param_named(standalone, smcsim_standalone, uint, 0444);
MODULE_PARM_DESC(standalone, "standalone tape drives, each loaded (default 0)");
module_param_named(move_ms, smcsim_move_ms, uint, 0444);
MODULE_PARM_DESC(move_ms, "robot time per move in ms (default 10)");
module_param_named(max_elements, smcsim_max_elements, uint, 0444);
MODULE_PARM_DESC(max_elements, "most elements per READ ELEMENT STATUS (0: no limit)");
module_param_named(mt_base, smcsim_mt_base, uint, 0444);
MODULE_PARM_DESC(mt_base, "address of the first medium transport (default 1)");
module_param_named(ie_base, smcsim_ie_base, uint, 0444);
MODULE_PARM_DESC(ie_base, "address of the first import/export element (default 10)");
module_param_named(dt_base, smcsim_dt_base, uint, 0444);
MODULE_PARM_DESC(dt_base, "address of the first data transfer element (default 500)");
module_param_named(st_base, smcsim_st_base, uint, 0444);
MODULE_PARM_DESC(st_base, "address of the first storage element (default 1000)");

static struct device *smcsim_root;
static struct smcsim_lib **smcsim_libs;
static unsigned int smcsim_nlibs;

/* Checks that the element ranges of one library fit and do not overlap. */
static int smcsim_check_ranges(const struct smcsim_range *range)
{
	int a, b;

	for (a = SMCSIM_ET_MT; a < SMCSIM_NR_ET; a++) {
		if (range[a].base + range[a].count > SMCSIM_ADDR_LIMIT)
			return -EINVAL;
		for (b = a + 1; b < SMCSIM_NR_ET; b++) {
			if (!range[a].count || !range[b].count)
				continue;
			if (range[a].base < range[b].base + range[b].count &&
			    range[b].base < range[a].base + range[a].count)
				return -EINVAL;
		}
	}
	return 0;
}

/* Sorts the element types by base address, for READ ELEMENT STATUS. */
static void smcsim_sort_types(struct smcsim_lib *lib)
{
	int i, j;
	u8 t;

	for (i = 0; i < SMCSIM_NR_ET - 1; i++)
		lib->order[i] = i + 1;
	for (i = 1; i < SMCSIM_NR_ET - 1; i++) {
		for (j = i; j > 0; j--) {
			if (lib->range[lib->order[j - 1]].base <=
			    lib->range[lib->order[j]].base)
				break;
			t = lib->order[j];
			lib->order[j] = lib->order[j - 1];
			lib->order[j - 1] = t;
		}
	}
}

static void smcsim_lib_free(struct smcsim_lib *lib)
{
	if (!lib)
		return;
	bitmap_free(lib->st_absent);
	kvfree(lib->elems);
	kfree(lib->lus);
	kfree(lib);
}

/* Builds the starting state of library @index (or of the standalone drives). */
static struct smcsim_lib *smcsim_lib_alloc(unsigned int index, bool standalone)
{
	struct smcsim_range *rg;
	struct smcsim_lib *lib;
	u32 ndrives, i, first;

	lib = kzalloc(sizeof(*lib), GFP_KERNEL);
	if (!lib)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&lib->lock);
	lib->index = index;
	lib->clean_ms = SMCSIM_CLEAN_MS;
	lib->cleaner_uses = SMCSIM_CLEANER_USES;
	lib->standalone = standalone;
	if (!standalone && smcsim_personality(lib)) {
		pr_err("unknown dvcid or inquiry personality for library %u\n",
		       index);
		kfree(lib);
		return ERR_PTR(-EINVAL);
	}
	rg = lib->range;
	if (standalone) {
		snprintf(lib->name, sizeof(lib->name), "standalone");
		ndrives = smcsim_standalone;
		rg[SMCSIM_ET_DT].base = smcsim_dt_base;
		rg[SMCSIM_ET_DT].count = ndrives;
	} else {
		snprintf(lib->name, sizeof(lib->name), "lib%u", index);
		ndrives = smcsim_drives;
		rg[SMCSIM_ET_MT].base = smcsim_mt_base;
		rg[SMCSIM_ET_MT].count = 1;
		rg[SMCSIM_ET_ST].base = smcsim_st_base;
		rg[SMCSIM_ET_ST].count = smcsim_slots;
		rg[SMCSIM_ET_IE].base = smcsim_ie_base;
		rg[SMCSIM_ET_IE].count = smcsim_ieports;
		rg[SMCSIM_ET_DT].base = smcsim_dt_base;
		rg[SMCSIM_ET_DT].count = ndrives;
	}
	if (smcsim_check_ranges(rg)) {
		pr_err("element address ranges overlap or exceed 65535\n");
		kfree(lib);
		return ERR_PTR(-EINVAL);
	}
	first = 0;
	for (i = SMCSIM_ET_MT; i < SMCSIM_NR_ET; i++) {
		rg[i].first = first;
		first += rg[i].count;
	}
	lib->nelems = first;
	smcsim_sort_types(lib);

	lib->elems = kvcalloc(lib->nelems, sizeof(*lib->elems), GFP_KERNEL);
	lib->nlus = ndrives + (standalone ? 0 : 1);
	lib->lus = kcalloc(lib->nlus, sizeof(*lib->lus), GFP_KERNEL);
	lib->st_absent = bitmap_zalloc(rg[SMCSIM_ET_ST].count, GFP_KERNEL);
	if (!lib->elems || !lib->lus || !lib->st_absent) {
		smcsim_lib_free(lib);
		return ERR_PTR(-ENOMEM);
	}

	for (i = 0; i < lib->nlus; i++) {
		struct smcsim_lu *lu = &lib->lus[i];

		lu->lun = i;
		set_bit(SMCSIM_UA_POR, &lu->ua);
		if (!standalone && i == 0) {
			lu->changer = true;
			snprintf(lu->serial, sizeof(lu->serial), "SMC%02uLIB0001",
				 index);
			continue;
		}
		lu->dt = standalone ? i : i - 1;
		if (standalone)
			snprintf(lu->serial, sizeof(lu->serial), "SMCSADRV%04u",
				 lu->dt);
		else
			snprintf(lu->serial, sizeof(lu->serial), "SMC%02uDRV%04u",
				 index, lu->dt);
	}

	smcsim_lib_fill(lib);
	return lib;
}

/**
 * smcsim_lib_fill() - the library's contents as at load time
 * @lib: the library
 *
 * Cartridge N (barcode "<letter>NNNNNL6") in storage slot N of library
 * <letter> (A for the first) for the first "media" slots, every other
 * element empty; a standalone drive holds its own cartridge "ZNNNNNL6".
 *
 * Context: the library's lock held, or the library not yet visible.
 */
void smcsim_lib_fill(struct smcsim_lib *lib)
{
	const struct smcsim_range *rg = lib->range;
	struct smcsim_elem *e;
	u32 i;

	memset(lib->elems, 0, lib->nelems * sizeof(*lib->elems));
	if (lib->standalone) {
		for (i = 0; i < rg[SMCSIM_ET_DT].count; i++) {
			e = &lib->elems[rg[SMCSIM_ET_DT].first + i];
			e->full = 1;
			e->impexp = 1;
			snprintf(e->barcode, sizeof(e->barcode), "Z%05uL6", i);
		}
		return;
	}
	for (i = 0; i < min(smcsim_media, rg[SMCSIM_ET_ST].count); i++) {
		e = &lib->elems[rg[SMCSIM_ET_ST].first + i];
		e->full = 1;
		snprintf(e->barcode, sizeof(e->barcode), "%c%05uL6",
			 'A' + lib->index, i);
	}
}

static int smcsim_host_add(struct smcsim_lib *lib)
{
	struct Scsi_Host *shost;
	int ret;

	shost = scsi_host_alloc(&smcsim_template, sizeof(lib));
	if (!shost)
		return -ENOMEM;
	*(struct smcsim_lib **)shost_priv(shost) = lib;
	shost->max_channel = 0;
	shost->max_id = 1;
	shost->max_lun = lib->nlus;
	shost->this_id = 7;
	shost->max_cmd_len = 16;

	ret = scsi_add_host(shost, smcsim_root);
	if (ret) {
		scsi_host_put(shost);
		return ret;
	}
	lib->shost = shost;
	scsi_scan_host(shost);
	return 0;
}

static void smcsim_host_remove(struct smcsim_lib *lib)
{
	if (!lib->shost)
		return;
	scsi_remove_host(lib->shost);
	scsi_host_put(lib->shost);
	lib->shost = NULL;
}

static void smcsim_cleanup(void)
{
	unsigned int i;

	smcsim_debugfs_exit();
	for (i = 0; i < smcsim_nlibs; i++)
		smcsim_host_remove(smcsim_libs[i]);
	for (i = 0; i < smcsim_nlibs; i++)
		smcsim_lib_free(smcsim_libs[i]);
	kfree(smcsim_libs);
	smcsim_libs = NULL;
	smcsim_nlibs = 0;
	root_device_unregister(smcsim_root);
}

static int smcsim_check_params(void)
{
	if (smcsim_libraries > SMCSIM_MAX_LIBRARIES)
		return -EINVAL;
	if (smcsim_drives > SMCSIM_MAX_DRIVES)
		return -EINVAL;
	if (smcsim_standalone > SMCSIM_MAX_STANDALONE)
		return -EINVAL;
	if (!smcsim_libraries && !smcsim_standalone)
		return -EINVAL;
	return 0;
}

static int __init smcsim_init(void)
{
	unsigned int n, i;
	int ret;

	ret = smcsim_check_params();
	if (ret) {
		pr_err("invalid topology parameters\n");
		return ret;
	}
	n = smcsim_libraries + (smcsim_standalone ? 1 : 0);
	smcsim_libs = kcalloc(n, sizeof(*smcsim_libs), GFP_KERNEL);
	if (!smcsim_libs)
		return -ENOMEM;
	smcsim_root = root_device_register("smcsim");
	if (IS_ERR(smcsim_root)) {
		ret = PTR_ERR(smcsim_root);
		kfree(smcsim_libs);
		return ret;
	}
	smcsim_debugfs_init();

	for (i = 0; i < n; i++) {
		struct smcsim_lib *lib;

		lib = smcsim_lib_alloc(i, i >= smcsim_libraries);
		if (IS_ERR(lib)) {
			ret = PTR_ERR(lib);
			goto err_cleanup;
		}
		smcsim_libs[smcsim_nlibs++] = lib;
		smcsim_debugfs_add(lib);
	}
	for (i = 0; i < smcsim_nlibs; i++) {
		ret = smcsim_host_add(smcsim_libs[i]);
		if (ret)
			goto err_cleanup;
	}
	pr_info("%u libraries, %u standalone drives\n", smcsim_libraries,
		smcsim_standalone);
	return 0;

err_cleanup:
	smcsim_cleanup();
	return ret;
}

static void __exit smcsim_exit(void)
{
	smcsim_cleanup();
}

module_init(smcsim_init);
module_exit(smcsim_exit);

MODULE_DESCRIPTION("Simulated SCSI tape libraries (SMC-3 changers and SSC drives)");
MODULE_LICENSE("GPL");
