// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: the SSC tape drive commands. Nothing is stored: writes advance
 * the position, reads and spaces find the end of data.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>
#include <scsi/scsi_proto.h>

#include "smcsim.h"

#define SMCSIM_MAX_BLOCK	0x800000

/**
 * smcsim_is_cleaner() - is this a cleaning cartridge?
 * @e: an element holding a cartridge
 *
 * Real drives know a cleaning cartridge by its cartridge memory; here its
 * barcode says it, with the prefix libraries and backup software use.
 * Context: library lock held.
 * Return: true for a cleaning cartridge.
 */
bool smcsim_is_cleaner(const struct smcsim_elem *e)
{
	return e->full && !strncmp(e->barcode, SMCSIM_CLEANER_PREFIX,
				   strlen(SMCSIM_CLEANER_PREFIX));
}

static struct smcsim_elem *smcsim_dt_elem(struct smcsim_lib *lib,
					  struct smcsim_lu *lu)
{
	return &lib->elems[lib->range[SMCSIM_ET_DT].first + lu->dt];
}

/* A cleaning cartridge @e was loaded into drive @lu. */
static void smcsim_clean_start(struct smcsim_lib *lib, struct smcsim_lu *lu,
			       struct smcsim_elem *e)
{
	if (!e->cleans) {
		lu->expired = true;
		lu->unloaded = true;
		return;
	}
	lu->cleaning = true;
	lu->clean_end = ktime_add_ms(ktime_get(), lib->clean_ms);
}

/**
 * smcsim_tape_loaded() - a cartridge was put into a drive
 * @lib: the library
 * @dt: index of the drive's data transfer element
 *
 * The drive rewinds and reports UNIT ATTENTION 28h/00h. A data cartridge
 * counts towards the drive's next cleaning. A cleaning cartridge with
 * cleans left starts a cleaning cycle of @lib->clean_ms, after which the
 * drive unloads it by itself (smcsim_tape_update()); an expired one cleans
 * nothing, raises TapeAlert flag 22 and is unloaded at once.
 * Context: library lock held.
 */
void smcsim_tape_loaded(struct smcsim_lib *lib, u32 dt)
{
	struct smcsim_lu *lu = smcsim_drive_lu(lib, dt);
	struct smcsim_elem *e = smcsim_dt_elem(lib, lu);

	lu->pos = 0;
	lu->unloaded = false;
	lu->expired = false;
	lu->cleaning = false;
	set_bit(SMCSIM_UA_MEDIUM, &lu->ua);
	if (!smcsim_is_cleaner(e)) {
		lu->loads++;
		return;
	}
	smcsim_clean_start(lib, lu, e);
}

/**
 * smcsim_tape_update() - end a drive's cleaning cycle if its time is up
 * @lib: the library
 * @lu: the drive
 *
 * The cleaner loses one clean, the drive's cleaning requests are cleared
 * and the drive unloads the cleaner: it stays in the drive element, for
 * the robot to take, and the drive answers NOT READY 3Ah/00h.
 * Context: library lock held.
 */
void smcsim_tape_update(struct smcsim_lib *lib, struct smcsim_lu *lu)
{
	struct smcsim_elem *e = smcsim_dt_elem(lib, lu);

	if (!lu->cleaning || ktime_before(ktime_get(), lu->clean_end))
		return;
	lu->cleaning = false;
	lu->unloaded = true;
	if (e->cleans)
		e->cleans--;
	lu->loads = 0;
	lu->clean_now = false;
	lu->cleanings++;
}

/**
 * smcsim_tapealert() - the TapeAlert flags a drive raises now
 * @lib: the library
 * @lu: the drive
 * @flags: %SMCSIM_TA_NR bytes, flag N (from 1) at @flags[N - 1]
 *
 * Context: library lock held.
 * Return: the number of flags set.
 */
u32 smcsim_tapealert(struct smcsim_lib *lib, struct smcsim_lu *lu,
		     u8 *flags)
{
	memset(flags, 0, SMCSIM_TA_NR);
	smcsim_tape_update(lib, lu);
	flags[SMCSIM_TA_CLEAN_NOW - 1] = lu->clean_now;
	flags[SMCSIM_TA_CLEAN_PERIODIC - 1] = lib->clean_after &&
					      lu->loads >= lib->clean_after;
	flags[SMCSIM_TA_EXPIRED_CLEANER - 1] = lu->expired;
	return flags[SMCSIM_TA_CLEAN_NOW - 1] +
	       flags[SMCSIM_TA_CLEAN_PERIODIC - 1] +
	       flags[SMCSIM_TA_EXPIRED_CLEANER - 1];
}

static struct smcsim_elem *smcsim_tape_elem(struct smcsim_req *r)
{
	return &r->lib->elems[r->lib->range[SMCSIM_ET_DT].first + r->lu->dt];
}

static u32 smcsim_tape_page(struct smcsim_req *r, u8 code, bool mask, u8 *p)
{
	p[0] = code;
	p[1] = 0x0e;
	switch (code) {
	case 0x0f:	/* data compression */
		if (mask) {
			p[2] = 0x80;	/* DCE changeable */
			return 16;
		}
		p[2] = 0xc0;	/* DCE, DCC */
		p[3] = 0x80;	/* DDE */
		put_unaligned_be32(1, p + 4);
		put_unaligned_be32(1, p + 8);
		return 16;
	case 0x10:	/* device configuration */
		if (!mask)
			p[14] = 0x01;	/* select data compression algorithm */
		return 16;
	}
	return 0;
}

static const u8 smcsim_tape_pages[] = { 0x0f, 0x10 };

static int smcsim_tape_mode_sense(struct smcsim_req *r)
{
	return smcsim_mode_sense(r, smcsim_tape_page, smcsim_tape_pages,
				 ARRAY_SIZE(smcsim_tape_pages), true);
}

/* MODE SELECT (6) and (10): only the block length is kept. */
static int smcsim_tape_mode_select(struct smcsim_req *r)
{
	bool ten = r->cdb[0] == MODE_SELECT_10;
	u32 len = ten ? get_unaligned_be16(r->cdb + 7) : r->cdb[4];
	u32 hlen = ten ? 8 : 4, bdlen, blksize;
	u8 *p = r->buf;
	int got;

	got = smcsim_get_param(r, len);
	if (!len)
		return 0;
	if (got < hlen)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x1a, 0x00);
	bdlen = ten ? get_unaligned_be16(p + 6) : p[3];
	if (bdlen < 8)
		return 0;
	if (got < hlen + 8)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x1a, 0x00);
	blksize = get_unaligned_be24(p + hlen + 5);
	if (blksize > SMCSIM_MAX_BLOCK)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x26, 0x00);
	r->lu->blksize = blksize;
	return 0;
}

static int smcsim_read_block_limits(struct smcsim_req *r)
{
	u8 *p = r->buf;

	memset(p, 0, 6);
	put_unaligned_be24(SMCSIM_MAX_BLOCK, p + 1);
	put_unaligned_be16(1, p + 4);
	return smcsim_reply(r, 6, 6);
}

/*
 * LOAD UNLOAD: LOAD (byte 4 bit 0) set loads the cartridge again, clear
 * rewinds and unloads it: the drive then answers NOT READY, medium not
 * present, until it is loaded again (here, or by the robot or operator).
 * An unload while medium removal is prevented fails, as on real drives.
 * Loading a cleaning cartridge again starts another cleaning cycle; none
 * of this is possible while one runs.
 */
static int smcsim_load_unload(struct smcsim_req *r)
{
	struct smcsim_elem *e = smcsim_tape_elem(r);
	bool load = r->cdb[4] & 0x01;

	if (!e->full)
		return smcsim_sense(r, NOT_READY, 0x3a, 0x00);
	if (r->lu->cleaning)
		return smcsim_sense(r, NOT_READY, 0x30, 0x03);
	if (!load && r->lu->prevent)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x53, 0x02);
	r->lu->pos = 0;
	r->lu->unloaded = !load;
	if (load && smcsim_is_cleaner(e))
		smcsim_clean_start(r->lib, r->lu, e);
	return 0;
}

/*
 * LOG SENSE (4Dh): page 00h (supported pages) and page 2Eh (TapeAlert, 64
 * one-byte flags, parameter codes 0001h..0040h). Reading page 2Eh clears
 * the flags that report an event (22, expired cleaning media); the
 * cleaning requests (20, clean now; 21, clean periodic) stay until the
 * drive is cleaned. Only current cumulative values (PC 01b) are kept; the
 * parameter pointer selects the first parameter code returned.
 */
static int smcsim_log_sense(struct smcsim_req *r)
{
	static const u8 supported[] = { 0x00, 0x2e };
	u32 alloc = get_unaligned_be16(r->cdb + 7);
	u16 ptr = get_unaligned_be16(r->cdb + 5);
	u8 page = r->cdb[2] & 0x3f, pc = r->cdb[2] >> 6;
	u8 *p = r->buf, flags[SMCSIM_TA_NR];
	u32 n = 4, i;

	/* PPC and SP (saving parameters) are not supported */
	if (r->cdb[1] & 0x03 || r->cdb[3])
		return smcsim_invalid_field(r);
	if (pc != 1 && pc != 3)
		return smcsim_invalid_field(r);
	memset(p, 0, SMCSIM_SMALL_BUF);
	p[0] = page;
	switch (page) {
	case 0x00:
		memcpy(p + 4, supported, sizeof(supported));
		n += sizeof(supported);
		break;
	case 0x2e:
		smcsim_tapealert(r->lib, r->lu, flags);
		for (i = max_t(u32, ptr, 1); i <= SMCSIM_TA_NR; i++, n += 5) {
			put_unaligned_be16(i, p + n);
			p[n + 2] = 0x03;	/* binary format list */
			p[n + 3] = 1;
			p[n + 4] = flags[i - 1];
		}
		r->lu->expired = false;
		break;
	default:
		return smcsim_invalid_field(r);
	}
	put_unaligned_be16(n - 4, p + 2);
	return smcsim_reply(r, n, alloc);
}

static int smcsim_rewind(struct smcsim_req *r)
{
	r->lu->pos = 0;
	return 0;
}

static int smcsim_tape_prevent(struct smcsim_req *r)
{
	r->lu->prevent = r->cdb[4] & 0x01;
	return 0;
}

static int smcsim_read_position(struct smcsim_req *r)
{
	u8 *p = r->buf;

	if ((r->cdb[1] & 0x1f) > 1)
		return smcsim_invalid_field(r);
	memset(p, 0, 20);
	if (!r->lu->pos)
		p[0] = 0x80;	/* BOP */
	put_unaligned_be32(r->lu->pos, p + 4);
	put_unaligned_be32(r->lu->pos, p + 8);
	return smcsim_reply(r, 20, 20);
}

static int smcsim_tape_write(struct smcsim_req *r)
{
	bool fixed = r->cdb[1] & 0x01;
	u32 n = get_unaligned_be24(r->cdb + 2);

	if (fixed && !r->lu->blksize)
		return smcsim_invalid_field(r);
	/* the cartridge's write-protect tab is set */
	if (smcsim_tape_elem(r)->wp)
		return smcsim_sense(r, DATA_PROTECT, 0x27, 0x00);
	if (n)
		r->lu->pos += fixed ? n : 1;
	return 0;
}

static int smcsim_write_filemarks(struct smcsim_req *r)
{
	u32 n = get_unaligned_be24(r->cdb + 2);

	/* writing no filemark only flushes, which a protected tape allows */
	if (n && smcsim_tape_elem(r)->wp)
		return smcsim_sense(r, DATA_PROTECT, 0x27, 0x00);
	r->lu->pos += n;
	return 0;
}

/* Nothing is stored: reading finds the end of data. */
static int smcsim_tape_read(struct smcsim_req *r)
{
	return smcsim_sense(r, BLANK_CHECK, 0x00, 0x05);
}

static int smcsim_space(struct smcsim_req *r)
{
	u8 code = r->cdb[1] & 0x07;

	if (code == 3 || !get_unaligned_be24(r->cdb + 2))
		return 0;	/* to end of data, or nowhere */
	return smcsim_sense(r, BLANK_CHECK, 0x00, 0x05);
}

static int smcsim_erase(struct smcsim_req *r)
{
	if (smcsim_tape_elem(r)->wp)
		return smcsim_sense(r, DATA_PROTECT, 0x27, 0x00);
	return 0;
}

/* Opcode table of the tape drives, indexed by opcode. */
const struct smcsim_opcode smcsim_tape_ops[256] = {
	[TEST_UNIT_READY] = {
		.opcode = TEST_UNIT_READY, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_test_unit_ready,
	},
	[REZERO_UNIT] = {	/* REWIND */
		.opcode = REZERO_UNIT, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_rewind,
	},
	[REQUEST_SENSE] = {
		.opcode = REQUEST_SENSE, .len = 6,
		.flags = SMCSIM_F_NO_UA,
		.handler = smcsim_request_sense,
	},
	[READ_BLOCK_LIMITS] = {
		.opcode = READ_BLOCK_LIMITS, .len = 6,
		.handler = smcsim_read_block_limits,
	},
	[READ_6] = {
		.opcode = READ_6, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_tape_read,
	},
	[WRITE_6] = {
		.opcode = WRITE_6, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_tape_write,
	},
	[WRITE_FILEMARKS] = {
		.opcode = WRITE_FILEMARKS, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_write_filemarks,
	},
	[SPACE] = {
		.opcode = SPACE, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_space,
	},
	[INQUIRY] = {
		.opcode = INQUIRY, .len = 6,
		.flags = SMCSIM_F_NO_UA,
		.handler = smcsim_inquiry,
	},
	[MODE_SELECT] = {
		.opcode = MODE_SELECT, .len = 6,
		.handler = smcsim_tape_mode_select,
	},
	[ERASE] = {
		.opcode = ERASE, .len = 6,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_erase,
	},
	[MODE_SENSE] = {
		.opcode = MODE_SENSE, .len = 6,
		.handler = smcsim_tape_mode_sense,
	},
	[START_STOP] = {	/* LOAD UNLOAD */
		.opcode = START_STOP, .len = 6,
		.handler = smcsim_load_unload,
	},
	[ALLOW_MEDIUM_REMOVAL] = {
		.opcode = ALLOW_MEDIUM_REMOVAL, .len = 6,
		.handler = smcsim_tape_prevent,
	},
	[READ_POSITION] = {
		.opcode = READ_POSITION, .len = 10,
		.flags = SMCSIM_F_MEDIUM,
		.handler = smcsim_read_position,
	},
	[LOG_SENSE] = {
		.opcode = LOG_SENSE, .len = 10,
		.handler = smcsim_log_sense,
	},
	[MODE_SELECT_10] = {
		.opcode = MODE_SELECT_10, .len = 10,
		.handler = smcsim_tape_mode_select,
	},
	[MODE_SENSE_10] = {
		.opcode = MODE_SENSE_10, .len = 10,
		.handler = smcsim_tape_mode_sense,
	},
	[REPORT_LUNS] = {
		.opcode = REPORT_LUNS, .len = 12,
		.flags = SMCSIM_F_NO_UA,
		.handler = smcsim_report_luns,
	},
};
