// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: runtime control through debugfs (operator actions, operational
 * state, latency, fault injection). See Documentation/smcsim.rst.
 */
#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "smcsim.h"

#define SMCSIM_CMD_MAX	80

static struct dentry *smcsim_dbg_root;

static const char * const smcsim_state_names[] = {
	[SMCSIM_READY]		= "ready",
	[SMCSIM_BECOMING_READY]	= "becoming",
	[SMCSIM_MANUAL]		= "manual",
	[SMCSIM_OFFLINE]	= "offline",
};

static const char * const smcsim_type_names[] = {
	[SMCSIM_ET_MT] = "mt",
	[SMCSIM_ET_ST] = "st",
	[SMCSIM_ET_IE] = "ie",
	[SMCSIM_ET_DT] = "dt",
};

/**
 * smcsim_fault_match() - apply an armed fault injection rule
 * @r: the command
 *
 * Context: library lock held.
 * Return: true if the command was failed by a rule.
 */
bool smcsim_fault_match(struct smcsim_req *r)
{
	struct smcsim_fault *f;
	int i;

	for (i = 0; i < SMCSIM_MAX_FAULTS; i++) {
		f = &r->lib->faults[i];
		if (!f->count || f->opcode != r->cdb[0])
			continue;
		if (f->lun >= 0 && f->lun != r->lu->lun)
			continue;
		f->count--;
		smcsim_sense(r, f->key, f->asc, f->ascq);
		return true;
	}
	return false;
}

/* Who may take cartridges out: the changer (or standalone drive) unit. */
static bool smcsim_operator_locked(struct smcsim_lib *lib,
				   struct smcsim_elem *e)
{
	u32 dt;

	if (!lib->standalone)
		return lib->lus[0].prevent;
	dt = e - &lib->elems[lib->range[SMCSIM_ET_DT].first];
	smcsim_tape_update(lib, smcsim_drive_lu(lib, dt));
	return smcsim_drive_lu(lib, dt)->prevent ||
	       smcsim_drive_lu(lib, dt)->cleaning;
}

/* The operator touched element @e: tell the host. */
static void smcsim_operator_done(struct smcsim_lib *lib, struct smcsim_elem *e)
{
	u32 dt;

	/* behind the main door: its closing tells */
	if (lib->main_door_open)
		return;
	if (!lib->standalone) {
		set_bit(SMCSIM_UA_IE_ACCESS, &lib->lus[0].ua);
		return;
	}
	dt = e - &lib->elems[lib->range[SMCSIM_ET_DT].first];
	if (e->full)
		smcsim_tape_loaded(lib, dt);
}

/* The element holding the cartridge labelled @code, or NULL. */
static struct smcsim_elem *smcsim_cartridge(struct smcsim_lib *lib,
					    const char *code)
{
	u32 i;

	for (i = 0; i < lib->nelems; i++)
		if (lib->elems[i].full && !strcmp(lib->elems[i].barcode, code))
			return &lib->elems[i];
	return NULL;
}

static bool smcsim_barcode_used(struct smcsim_lib *lib, const char *code)
{
	/* any number of cartridges may have no label */
	return code[0] && smcsim_cartridge(lib, code);
}

static u8 smcsim_operator_type(struct smcsim_lib *lib)
{
	return lib->standalone ? SMCSIM_ET_DT : SMCSIM_ET_IE;
}

/*
 * May the operator's hands reach an element of type @t? The mail slots
 * (standalone: the drives) always; the storage slots through the open
 * main door.
 */
static bool smcsim_operator_reaches(struct smcsim_lib *lib, u8 t)
{
	return t == smcsim_operator_type(lib) ||
	       (lib->main_door_open && t == SMCSIM_ET_ST);
}

static int smcsim_do_insert(struct smcsim_lib *lib, char *s)
{
	char code[SMCSIM_BARCODE_MAX + 2];
	u8 want = smcsim_operator_type(lib), t;
	struct smcsim_elem *e = NULL;
	const struct smcsim_range *rg;
	int n, i, ret = 0;
	u32 addr;

	n = sscanf(s, "%16s %i", code, &addr);
	if (n < 1 || strlen(code) > SMCSIM_BARCODE_MAX)
		return -EINVAL;
	for (i = 0; code[i]; i++)
		if (!isgraph(code[i]))
			return -EINVAL;
	/* "-": a cartridge without a label (blank volume tag) */
	if (!strcmp(code, "-"))
		code[0] = '\0';

	spin_lock_irq(&lib->lock);
	rg = &lib->range[want];
	if (smcsim_barcode_used(lib, code)) {
		ret = -EEXIST;
	} else if (n == 2) {
		e = smcsim_elem_at(lib, addr, &t);
		if (!e || !smcsim_operator_reaches(lib, t))
			ret = -EINVAL;
		else if (e->full)
			ret = -ENOSPC;
	} else {
		for (i = 0; i < rg->count; i++) {
			if (!lib->elems[rg->first + i].full) {
				e = &lib->elems[rg->first + i];
				break;
			}
		}
		if (!e)
			ret = -ENOSPC;
	}
	if (!ret && smcsim_operator_locked(lib, e))
		ret = -EBUSY;
	if (!ret) {
		memset(e, 0, sizeof(*e));
		strscpy(e->barcode, code, sizeof(e->barcode));
		e->full = 1;
		e->impexp = 1;
		if (smcsim_is_cleaner(e))
			e->cleans = lib->cleaner_uses;
		smcsim_operator_done(lib, e);
	}
	spin_unlock_irq(&lib->lock);
	return ret;
}

static int smcsim_do_remove(struct smcsim_lib *lib, char *s)
{
	struct smcsim_elem *e;
	int ret = 0;
	u32 addr;
	u8 t;

	if (kstrtou32(s, 0, &addr))
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	e = smcsim_elem_at(lib, addr, &t);
	if (!e || !smcsim_operator_reaches(lib, t))
		ret = -EINVAL;
	else if (!e->full)
		ret = -ENOENT;
	else if (smcsim_operator_locked(lib, e))
		ret = -EBUSY;
	if (!ret) {
		memset(e, 0, sizeof(*e));
		smcsim_operator_done(lib, e);
	}
	spin_unlock_irq(&lib->lock);
	return ret;
}

static int smcsim_do_protect(struct smcsim_lib *lib, char *s)
{
	char code[SMCSIM_BARCODE_MAX + 2];
	struct smcsim_elem *e;
	int on;

	if (sscanf(s, "%16s %i", code, &on) != 2 || on < 0 || on > 1)
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	e = smcsim_cartridge(lib, code);
	if (e)
		e->wp = on;
	spin_unlock_irq(&lib->lock);
	return e ? 0 : -ENOENT;
}

/*
 * "reset": every cartridge back where the library was loaded with it, in
 * one step (what a test fixture needs between cases), with no unit
 * attention, as an operator rearranging the library by hand while no
 * one looks; the drives forget their usage and cleaning requests. Refused
 * while a drive or the changer prevents removal.
 */
static int smcsim_do_reset(struct smcsim_lib *lib, char *s)
{
	struct smcsim_lu *lu;
	u32 i, dt;
	int ret = 0;

	if (strcmp(s, "1"))
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	for (i = 0; i < lib->nlus; i++)
		if (lib->lus[i].prevent)
			ret = -EBUSY;
	if (!ret) {
		smcsim_lib_fill(lib);
		bitmap_zero(lib->st_absent, lib->range[SMCSIM_ET_ST].count);
		for (dt = 0; dt < lib->range[SMCSIM_ET_DT].count; dt++) {
			lu = smcsim_drive_lu(lib, dt);
			lu->loads = 0;
			lu->clean_now = false;
			lu->cleaning = false;
			lu->cleanings = 0;
			if (lib->elems[lib->range[SMCSIM_ET_DT].first + dt].full)
				smcsim_tape_loaded(lib, dt);
		}
	}
	spin_unlock_irq(&lib->lock);
	return ret;
}

/*
 * A door the operator opens (refused while the changer prevents medium
 * removal: it is locked) and closes, with unit attention @ua.
 */
static int smcsim_door_set(struct smcsim_lib *lib, char *s, bool *open,
			   int ua)
{
	int ret = 0;

	spin_lock_irq(&lib->lock);
	if (!strcmp(s, "open")) {
		if (lib->lus[0].prevent)
			ret = -EBUSY;
		else
			*open = true;
	} else if (!strcmp(s, "close")) {
		if (*open)
			set_bit(ua, &lib->lus[0].ua);
		*open = false;
	} else {
		ret = -EINVAL;
	}
	spin_unlock_irq(&lib->lock);
	return ret;
}

/* "door": the mail slot; closing: 28h/01h import/export accessed */
static int smcsim_do_door(struct smcsim_lib *lib, char *s)
{
	return smcsim_door_set(lib, s, &lib->door_open, SMCSIM_UA_IE_ACCESS);
}

/*
 * "main_door": the library's; closing: 28h/00h, anything may have
 * changed. While it is open, "insert" and "remove" are the operator's
 * hands inside.
 */
static int smcsim_do_main_door(struct smcsim_lib *lib, char *s)
{
	return smcsim_door_set(lib, s, &lib->main_door_open,
			       SMCSIM_UA_MEDIUM);
}

static int smcsim_do_fail(struct smcsim_lib *lib, char *s)
{
	u32 opcode, count, key, asc, ascq;
	struct smcsim_fault *f = NULL;
	int lun = -1, n, i;

	if (!strcmp(s, "clear")) {
		spin_lock_irq(&lib->lock);
		memset(lib->faults, 0, sizeof(lib->faults));
		spin_unlock_irq(&lib->lock);
		return 0;
	}
	n = sscanf(s, "%i %i %i %i %i %i", &opcode, &count, &key, &asc, &ascq,
		   &lun);
	if (n < 5 || opcode > 0xff || key > 0xf || asc > 0xff || ascq > 0xff ||
	    lun < -1)
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	for (i = 0; i < SMCSIM_MAX_FAULTS; i++) {
		if (!lib->faults[i].count) {
			f = &lib->faults[i];
			break;
		}
	}
	if (f) {
		f->opcode = opcode;
		f->lun = lun;
		f->key = key;
		f->asc = asc;
		f->ascq = ascq;
		f->count = count;
	}
	spin_unlock_irq(&lib->lock);
	return f ? 0 : -ENOSPC;
}

static int smcsim_do_state(struct smcsim_lib *lib, char *s)
{
	int i = sysfs_match_string(smcsim_state_names, s);

	if (i < 0)
		return i;
	spin_lock_irq(&lib->lock);
	lib->state = i;
	spin_unlock_irq(&lib->lock);
	return 0;
}

static int smcsim_do_latency(struct smcsim_lib *lib, char *s)
{
	u32 ms;

	if (kstrtou32(s, 0, &ms) || ms > 600000)
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	lib->latency_ms = ms;
	spin_unlock_irq(&lib->lock);
	return 0;
}

/* A u32 knob of the library, at most @max. */
static int smcsim_set_u32(struct smcsim_lib *lib, char *s, u32 *knob, u32 max)
{
	u32 v;

	if (kstrtou32(s, 0, &v) || v > max)
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	*knob = v;
	spin_unlock_irq(&lib->lock);
	return 0;
}

/* "clean_after": data loads after which a drive asks for cleaning */
static int smcsim_do_clean_after(struct smcsim_lib *lib, char *s)
{
	return smcsim_set_u32(lib, s, &lib->clean_after, U32_MAX);
}

/* "clean_ms": how long a drive's cleaning cycle takes */
static int smcsim_do_clean_ms(struct smcsim_lib *lib, char *s)
{
	return smcsim_set_u32(lib, s, &lib->clean_ms, 600000);
}

/* "cleaner_uses": cleans of the next cleaning cartridges inserted */
static int smcsim_do_cleaner_uses(struct smcsim_lib *lib, char *s)
{
	return smcsim_set_u32(lib, s, &lib->cleaner_uses, U16_MAX);
}

/* "cleans": "BARCODE N" sets the cleans left of a cleaning cartridge */
static int smcsim_do_cleans(struct smcsim_lib *lib, char *s)
{
	char code[SMCSIM_BARCODE_MAX + 2];
	struct smcsim_elem *e;
	int ret = 0, n;

	if (sscanf(s, "%16s %i", code, &n) != 2 || n < 0 || n > U16_MAX)
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	e = smcsim_cartridge(lib, code);
	if (!e)
		ret = -ENOENT;
	else if (!smcsim_is_cleaner(e))
		ret = -EINVAL;
	else
		e->cleans = n;
	spin_unlock_irq(&lib->lock);
	return ret;
}

/*
 * "slot_access": "ADDR 0|1", the storage slot at ADDR is not installed
 * (0: its magazine is out, ACCESS clear) or is again (1)
 */
static int smcsim_do_slot_access(struct smcsim_lib *lib, char *s)
{
	struct smcsim_elem *e;
	int addr, on, ret = 0;
	u8 t;

	if (sscanf(s, "%i %i", &addr, &on) != 2 || addr < 0 || on < 0 ||
	    on > 1)
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	e = smcsim_elem_at(lib, addr, &t);
	if (!e || t != SMCSIM_ET_ST)
		ret = -EINVAL;
	else
		assign_bit(addr - lib->range[t].base, lib->st_absent, !on);
	spin_unlock_irq(&lib->lock);
	return ret;
}

/* "clean_now": "ADDR", the drive at element address ADDR raises flag 20 */
static int smcsim_do_clean_now(struct smcsim_lib *lib, char *s)
{
	struct smcsim_elem *e;
	int ret = 0;
	u32 addr;
	u8 t;

	if (kstrtou32(s, 0, &addr))
		return -EINVAL;
	spin_lock_irq(&lib->lock);
	e = smcsim_elem_at(lib, addr, &t);
	if (!e || t != SMCSIM_ET_DT)
		ret = -EINVAL;
	else
		smcsim_drive_lu(lib, addr - lib->range[t].base)->clean_now = true;
	spin_unlock_irq(&lib->lock);
	return ret;
}

static int smcsim_show_cleans(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;
	struct smcsim_elem *e;
	u32 i;

	spin_lock_irq(&lib->lock);
	for (i = 0; i < lib->nelems; i++) {
		e = &lib->elems[i];
		if (smcsim_is_cleaner(e))
			seq_printf(m, "%s %u\n", e->barcode, e->cleans);
	}
	spin_unlock_irq(&lib->lock);
	return 0;
}

/*
 * "drives": a line per drive: its element address, data loads since its
 * last cleaning, the TapeAlert flags it raises (comma list, or "-"),
 * whether a cleaning cycle runs, and the cleanings it has done.
 */
static int smcsim_drives_show(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;
	const struct smcsim_range *rg = &lib->range[SMCSIM_ET_DT];
	u8 ta[SMCSIM_TA_NR];
	struct smcsim_lu *lu;
	const char *sep;
	u32 dt, i;

	spin_lock_irq(&lib->lock);
	for (dt = 0; dt < rg->count; dt++) {
		lu = smcsim_drive_lu(lib, dt);
		seq_printf(m, "%u loads %u tapealert ", rg->base + dt,
			   lu->loads);
		if (!smcsim_tapealert(lib, lu, ta))
			seq_putc(m, '-');
		for (i = 0, sep = ""; i < SMCSIM_TA_NR; i++) {
			if (!ta[i])
				continue;
			seq_printf(m, "%s%u", sep, i + 1);
			sep = ",";
		}
		seq_printf(m, " cleaning %u cleanings %u\n", lu->cleaning,
			   lu->cleanings);
	}
	spin_unlock_irq(&lib->lock);
	return 0;
}

static int smcsim_show_u32(struct seq_file *m, const u32 *knob)
{
	seq_printf(m, "%u\n", READ_ONCE(*knob));
	return 0;
}

static int smcsim_show_clean_after(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	return smcsim_show_u32(m, &lib->clean_after);
}

static int smcsim_show_clean_ms(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	return smcsim_show_u32(m, &lib->clean_ms);
}

static int smcsim_show_cleaner_uses(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	return smcsim_show_u32(m, &lib->cleaner_uses);
}

static int smcsim_elements_show(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;
	const struct smcsim_range *rg;
	struct smcsim_elem *e;
	u32 i, j;
	u8 t;

	spin_lock_irq(&lib->lock);
	for (i = 0; i < ARRAY_SIZE(lib->order); i++) {
		t = lib->order[i];
		rg = &lib->range[t];
		for (j = 0; j < rg->count; j++) {
			e = &lib->elems[rg->first + j];
			seq_printf(m, "%s %u %s %s ", smcsim_type_names[t],
				   rg->base + j, e->full ? "full" : "empty",
				   !e->full ? "-" : e->barcode[0] ?
				   e->barcode : "?");
			if (e->svalid)
				seq_printf(m, "%u\n", e->src);
			else
				seq_puts(m, "-\n");
		}
	}
	spin_unlock_irq(&lib->lock);
	return 0;
}

static int smcsim_show_door(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	seq_printf(m, "%s\n", READ_ONCE(lib->door_open) ? "open" : "closed");
	return 0;
}

static int smcsim_show_main_door(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	seq_printf(m, "%s\n", READ_ONCE(lib->main_door_open) ? "open" : "closed");
	return 0;
}

static int smcsim_show_fail(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;
	struct smcsim_fault f;
	int i;

	for (i = 0; i < SMCSIM_MAX_FAULTS; i++) {
		spin_lock_irq(&lib->lock);
		f = lib->faults[i];
		spin_unlock_irq(&lib->lock);
		if (f.count)
			seq_printf(m, "0x%02x %u 0x%x 0x%02x 0x%02x %d\n",
				   f.opcode, f.count, f.key, f.asc, f.ascq,
				   f.lun);
	}
	return 0;
}

static int smcsim_show_state(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	seq_printf(m, "%s\n", smcsim_state_names[READ_ONCE(lib->state)]);
	return 0;
}

static int smcsim_show_latency(struct seq_file *m, void *v)
{
	struct smcsim_lib *lib = m->private;

	seq_printf(m, "%u\n", READ_ONCE(lib->latency_ms));
	return 0;
}

static int smcsim_show_none(struct seq_file *m, void *v)
{
	return 0;
}

/* Copies a command written by the user, without the trailing newline. */
static ssize_t smcsim_dbg_write(struct file *file, const char __user *ubuf,
				size_t len, int (*fn)(struct smcsim_lib *, char *))
{
	struct seq_file *m = file->private_data;
	char buf[SMCSIM_CMD_MAX];
	int ret;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	ret = fn(m->private, strim(buf));
	return ret ? ret : len;
}

#define SMCSIM_DBG_FILE(name, show, action)				\
static int smcsim_open_##name(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, show, inode->i_private);		\
}									\
static ssize_t smcsim_write_##name(struct file *file,			\
				   const char __user *ubuf,		\
				   size_t len, loff_t *ppos)		\
{									\
	return smcsim_dbg_write(file, ubuf, len, action);		\
}									\
static const struct file_operations smcsim_fops_##name = {		\
	.owner = THIS_MODULE,						\
	.open = smcsim_open_##name,					\
	.read = seq_read,						\
	.write = smcsim_write_##name,					\
	.llseek = seq_lseek,						\
	.release = single_release,					\
}

SMCSIM_DBG_FILE(insert, smcsim_show_none, smcsim_do_insert);
SMCSIM_DBG_FILE(remove, smcsim_show_none, smcsim_do_remove);
SMCSIM_DBG_FILE(reset, smcsim_show_none, smcsim_do_reset);
SMCSIM_DBG_FILE(protect, smcsim_show_none, smcsim_do_protect);
SMCSIM_DBG_FILE(door, smcsim_show_door, smcsim_do_door);
SMCSIM_DBG_FILE(main_door, smcsim_show_main_door, smcsim_do_main_door);
SMCSIM_DBG_FILE(fail, smcsim_show_fail, smcsim_do_fail);
SMCSIM_DBG_FILE(state, smcsim_show_state, smcsim_do_state);
SMCSIM_DBG_FILE(latency, smcsim_show_latency, smcsim_do_latency);
SMCSIM_DBG_FILE(clean_after, smcsim_show_clean_after, smcsim_do_clean_after);
SMCSIM_DBG_FILE(clean_ms, smcsim_show_clean_ms, smcsim_do_clean_ms);
SMCSIM_DBG_FILE(cleaner_uses, smcsim_show_cleaner_uses,
		smcsim_do_cleaner_uses);
SMCSIM_DBG_FILE(cleans, smcsim_show_cleans, smcsim_do_cleans);
SMCSIM_DBG_FILE(clean_now, smcsim_show_none, smcsim_do_clean_now);
SMCSIM_DBG_FILE(slot_access, smcsim_show_none, smcsim_do_slot_access);
DEFINE_SHOW_ATTRIBUTE(smcsim_elements);
DEFINE_SHOW_ATTRIBUTE(smcsim_drives);

/**
 * smcsim_debugfs_add() - create the control files of a library
 * @lib: the library
 *
 * Context: process context, at module load.
 */
void smcsim_debugfs_add(struct smcsim_lib *lib)
{
	struct dentry *d = debugfs_create_dir(lib->name, smcsim_dbg_root);

	lib->dbg = d;
	debugfs_create_file("elements", 0444, d, lib,
			    &smcsim_elements_fops);
	debugfs_create_file("insert", 0200, d, lib, &smcsim_fops_insert);
	debugfs_create_file("remove", 0200, d, lib, &smcsim_fops_remove);
	debugfs_create_file("reset", 0200, d, lib, &smcsim_fops_reset);
	debugfs_create_file("protect", 0200, d, lib, &smcsim_fops_protect);
	debugfs_create_file("fail", 0600, d, lib, &smcsim_fops_fail);
	debugfs_create_file("latency_ms", 0600, d, lib, &smcsim_fops_latency);
	debugfs_create_file("clean_after", 0600, d, lib,
			    &smcsim_fops_clean_after);
	debugfs_create_file("clean_ms", 0600, d, lib, &smcsim_fops_clean_ms);
	debugfs_create_file("cleaner_uses", 0600, d, lib,
			    &smcsim_fops_cleaner_uses);
	debugfs_create_file("cleans", 0600, d, lib, &smcsim_fops_cleans);
	debugfs_create_file("clean_now", 0200, d, lib, &smcsim_fops_clean_now);
	debugfs_create_file("drives", 0444, d, lib, &smcsim_drives_fops);
	if (!lib->standalone)
		debugfs_create_file("slot_access", 0200, d, lib,
				    &smcsim_fops_slot_access);
	if (lib->standalone)
		return;
	debugfs_create_file("door", 0600, d, lib, &smcsim_fops_door);
	debugfs_create_file("main_door", 0600, d, lib, &smcsim_fops_main_door);
	debugfs_create_file("state", 0600, d, lib, &smcsim_fops_state);
}

/**
 * smcsim_debugfs_init() - create /sys/kernel/debug/smcsim
 *
 * Context: process context, at module load.
 */
void smcsim_debugfs_init(void)
{
	smcsim_dbg_root = debugfs_create_dir("smcsim", NULL);
	smcsim_leak_debugfs(smcsim_dbg_root);
}

/**
 * smcsim_debugfs_exit() - remove every control file
 *
 * Waits for the file operations in progress.
 * Context: process context, at module unload.
 */
void smcsim_debugfs_exit(void)
{
	debugfs_remove_recursive(smcsim_dbg_root);
	smcsim_dbg_root = NULL;
}
