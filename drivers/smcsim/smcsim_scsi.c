// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: queuecommand, dispatch, completion, sense data and the commands
 * common to changers and tape drives (INQUIRY, REPORT LUNS, REQUEST SENSE,
 * TEST UNIT READY, MODE SENSE framing).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <asm/unaligned.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_proto.h>

#include "smcsim.h"

static const u8 smcsim_ua_asc[SMCSIM_UA_NR][2] = {
	[SMCSIM_UA_POR]		= { 0x29, 0x00 },
	[SMCSIM_UA_IE_ACCESS]	= { 0x28, 0x01 },
	[SMCSIM_UA_MEDIUM]	= { 0x28, 0x00 },
};

static const u8 smcsim_not_ready_ascq[] = {
	[SMCSIM_BECOMING_READY]	= 0x01,
	[SMCSIM_MANUAL]		= 0x03,
	[SMCSIM_OFFLINE]	= 0x12,
};

/**
 * smcsim_sense() - fail the command with CHECK CONDITION and fixed sense
 * @r: the command
 * @key: sense key
 * @asc: additional sense code
 * @ascq: additional sense code qualifier
 *
 * Context: library lock held.
 * Return: 1, so that handlers can ``return smcsim_sense(...)``.
 */
int smcsim_sense(struct smcsim_req *r, u8 key, u8 asc, u8 ascq)
{
	dev_dbg(&r->cmd->device->sdev_gendev, "opcode %02xh: sense %x/%02xh/%02xh\n",
		r->cdb[0], key, asc, ascq);
	scsi_build_sense(r->cmd, 0, key, asc, ascq);
	return 1;
}

/**
 * smcsim_invalid_field() - fail with ILLEGAL REQUEST, INVALID FIELD IN CDB
 * @r: the command
 *
 * Context: library lock held.
 * Return: 1.
 */
int smcsim_invalid_field(struct smcsim_req *r)
{
	return smcsim_sense(r, ILLEGAL_REQUEST, 0x24, 0x00);
}

/**
 * smcsim_invalid_opcode() - fail with ILLEGAL REQUEST, INVALID OPCODE
 * @r: the command
 *
 * Context: library lock held.
 * Return: 1.
 */
int smcsim_invalid_opcode(struct smcsim_req *r)
{
	return smcsim_sense(r, ILLEGAL_REQUEST, 0x20, 0x00);
}

/**
 * smcsim_put() - copy response bytes into the command's data-in buffer
 * @r: the command
 * @off: offset of @src in the response
 * @src: bytes to copy
 * @len: number of bytes
 * @alloc: allocation length from the CDB: bytes beyond it are dropped
 *
 * Uses atomic mappings, so it may be called under the library lock.
 * Context: any.
 * Return: 0.
 */
int smcsim_put(struct smcsim_req *r, u32 off, const void *src, u32 len,
	       u32 alloc)
{
	u32 limit = min_t(u32, alloc, scsi_bufflen(r->cmd));

	if (off >= limit)
		return 0;
	len = min(len, limit - off);
	sg_pcopy_from_buffer(scsi_sglist(r->cmd), scsi_sg_count(r->cmd), src,
			     len, off);
	return 0;
}

/**
 * smcsim_finish() - set the residual count of a data-in command
 * @r: the command
 * @total: full length of the response
 * @alloc: allocation length from the CDB
 *
 * Context: any.
 */
void smcsim_finish(struct smcsim_req *r, u32 total, u32 alloc)
{
	u32 len = min3(total, alloc, scsi_bufflen(r->cmd));

	scsi_set_resid(r->cmd, scsi_bufflen(r->cmd) - len);
}

/**
 * smcsim_reply() - send the first @len bytes of the scratch buffer
 * @r: the command
 * @len: response length
 * @alloc: allocation length from the CDB
 *
 * Context: any.
 * Return: 0.
 */
int smcsim_reply(struct smcsim_req *r, u32 len, u32 alloc)
{
	smcsim_put(r, 0, r->buf, len, alloc);
	smcsim_finish(r, len, alloc);
	return 0;
}

/**
 * smcsim_get_param() - fetch a data-out parameter list into the scratch buffer
 * @r: the command
 * @len: parameter list length from the CDB
 *
 * Context: any.
 * Return: the number of bytes fetched (at most %SMCSIM_SMALL_BUF).
 */
int smcsim_get_param(struct smcsim_req *r, u32 len)
{
	len = min3(len, scsi_bufflen(r->cmd), (u32)SMCSIM_SMALL_BUF);
	memset(r->buf, 0, SMCSIM_SMALL_BUF);
	return sg_pcopy_to_buffer(scsi_sglist(r->cmd), scsi_sg_count(r->cmd),
				  r->buf, len, 0);
}

/**
 * smcsim_t10_id() - the T10 vendor ID designator of a logical unit
 * @lib: its library
 * @lu: the logical unit
 * @out: %SMCSIM_T10_ID_LEN bytes: vendor, product, serial number
 *
 * The same bytes are the DVCID identifier of a drive's element.
 * Context: any.
 */
void smcsim_t10_id(const struct smcsim_lib *lib, const struct smcsim_lu *lu,
		   u8 *out)
{
	memcpy(out, SMCSIM_VENDOR, 8);
	memcpy(out + 8, lu->changer ? SMCSIM_CHANGER_PRODUCT :
	       SMCSIM_DRIVE_PRODUCT, 16);
	memcpy(out + 24, lu->serial, SMCSIM_SERIAL_LEN);
}

static u8 smcsim_pdt(const struct smcsim_lu *lu)
{
	return lu->changer ? TYPE_MEDIUM_CHANGER : TYPE_TAPE;
}

static u32 smcsim_vpd(struct smcsim_req *r, u8 page)
{
	struct smcsim_lu *lu = r->lu;
	u8 *p = r->buf;
	u64 naa;
	u32 n;

	p[0] = smcsim_pdt(lu);
	p[1] = page;
	switch (page) {
	case 0x00:
		p[3] = 3;
		p[4] = 0x00;
		p[5] = 0x80;
		p[6] = 0x83;
		return 7;
	case 0x80:
		p[3] = SMCSIM_SERIAL_LEN;
		memcpy(p + 4, lu->serial, SMCSIM_SERIAL_LEN);
		return 4 + SMCSIM_SERIAL_LEN;
	case 0x83:
		n = 4;
		p[n] = 0x02;		/* code set ASCII */
		p[n + 1] = 0x01;	/* LU, T10 vendor ID */
		p[n + 3] = SMCSIM_T10_ID_LEN;
		smcsim_t10_id(r->lib, lu, p + n + 4);
		n += 4 + SMCSIM_T10_ID_LEN;
		p[n] = 0x01;		/* code set binary */
		p[n + 1] = 0x03;	/* LU, NAA */
		p[n + 3] = 8;
		naa = SMCSIM_NAA_BASE | lu->lun |
		      (u64)(r->lib->standalone ? SMCSIM_STANDALONE_NAA :
			    r->lib->index + 1) << 16;
		put_unaligned_be64(naa, p + n + 4);
		n += 12;
		n += smcsim_port_desig(r->lib, p + n);
		put_unaligned_be16(n - 4, p + 2);
		return n;
	}
	return 0;
}

/**
 * smcsim_inquiry() - INQUIRY (12h): standard data and VPD 00h, 80h, 83h
 * @r: the command; @r->lu may be NULL (no such LUN)
 *
 * Context: library lock held.
 * Return: 0 or 1 (CHECK CONDITION).
 */
int smcsim_inquiry(struct smcsim_req *r)
{
	u32 alloc = get_unaligned_be16(r->cdb + 3);
	bool evpd = r->cdb[1] & 0x01;
	u8 *p = r->buf;
	u32 len;

	if (r->cdb[1] & 0x02 || (!evpd && r->cdb[2]))
		return smcsim_invalid_field(r);
	memset(p, 0, SMCSIM_SMALL_BUF);
	if (!r->lu) {
		p[0] = 0x7f;	/* no logical unit here */
		return smcsim_reply(r, 36, alloc);
	}
	if (evpd) {
		len = smcsim_vpd(r, r->cdb[2]);
		if (!len)
			return smcsim_invalid_field(r);
		return smcsim_reply(r, len, alloc);
	}
	p[0] = smcsim_pdt(r->lu);
	p[1] = 0x80;		/* RMB */
	if (r->lu->changer && r->lib->inquiry == SMCSIM_INQUIRY_SCSI2) {
		p[2] = 0x02;	/* SCSI-2 */
		p[3] = 0x02;	/* response data format 2 */
	} else {
		p[2] = 0x06;	/* SPC-4 */
		p[3] = 0x12;	/* HISUP, response data format 2 */
	}
	p[4] = 36 - 5;
	p[7] = 0x02;		/* CMDQUE */
	memcpy(p + 8, SMCSIM_VENDOR, 8);
	memcpy(p + 16, r->lu->changer ? SMCSIM_CHANGER_PRODUCT :
	       SMCSIM_DRIVE_PRODUCT, 16);
	memcpy(p + 32, SMCSIM_REVISION, 4);
	return smcsim_reply(r, 36, alloc);
}

/**
 * smcsim_report_luns() - REPORT LUNS (A0h)
 * @r: the command
 *
 * Context: library lock held.
 * Return: 0 or 1 (CHECK CONDITION).
 */
int smcsim_report_luns(struct smcsim_req *r)
{
	u32 alloc = get_unaligned_be32(r->cdb + 6);
	struct scsi_lun lun;
	u32 i, off = 8;
	u8 hdr[8] = {};

	if (alloc < 16 || r->cdb[2] > 2)
		return smcsim_invalid_field(r);
	for (i = 0; i < r->lib->nlus; i++, off += 8) {
		int_to_scsilun(r->lib->lus[i].lun, &lun);
		smcsim_put(r, off, &lun, sizeof(lun), alloc);
	}
	put_unaligned_be32(off - 8, hdr);
	smcsim_put(r, 0, hdr, sizeof(hdr), alloc);
	smcsim_finish(r, off, alloc);
	return 0;
}

static struct smcsim_elem *smcsim_lu_elem(struct smcsim_req *r)
{
	return &r->lib->elems[r->lib->range[SMCSIM_ET_DT].first + r->lu->dt];
}

/* The condition a command would fail with now, if any (0 = none). */
static bool smcsim_condition(struct smcsim_req *r, u8 *key, u8 *asc, u8 *ascq)
{
	struct smcsim_lu *lu = r->lu;

	if (lu->changer && r->lib->state != SMCSIM_READY) {
		*key = NOT_READY;
		*asc = 0x04;
		*ascq = smcsim_not_ready_ascq[r->lib->state];
		return true;
	}
	/* the robot stops while a person may be inside */
	if (lu->changer && r->lib->main_door_open) {
		*key = NOT_READY;
		*asc = 0x04;
		*ascq = smcsim_not_ready_ascq[SMCSIM_MANUAL];
		return true;
	}
	/* a cleaning cycle runs: 30h/03h, cleaning cartridge installed */
	if (!lu->changer && lu->cleaning) {
		*key = NOT_READY;
		*asc = 0x30;
		*ascq = 0x03;
		return true;
	}
	if (!lu->changer && (!smcsim_lu_elem(r)->full || lu->unloaded)) {
		*key = NOT_READY;
		*asc = 0x3a;
		*ascq = 0x00;
		return true;
	}
	return false;
}

/* Takes the highest-priority pending unit attention, if any. */
static bool smcsim_take_ua(struct smcsim_lu *lu, u8 *asc, u8 *ascq)
{
	unsigned int bit;

	if (!lu->ua)
		return false;
	bit = __ffs(lu->ua);
	__clear_bit(bit, &lu->ua);
	*asc = smcsim_ua_asc[bit][0];
	*ascq = smcsim_ua_asc[bit][1];
	return true;
}

/**
 * smcsim_request_sense() - REQUEST SENSE (03h)
 * @r: the command
 *
 * Returns and clears a pending unit attention, else the current not-ready
 * condition, else, for a drive that asks for cleaning (TapeAlert flag 20
 * or 21), NO SENSE 00h/17h (cleaning requested), else NO SENSE.
 * Context: library lock held.
 * Return: 0.
 */
int smcsim_request_sense(struct smcsim_req *r)
{
	bool desc = r->cdb[1] & 0x01;
	u8 key = NO_SENSE, asc = 0, ascq = 0, ta[SMCSIM_TA_NR];

	if (smcsim_take_ua(r->lu, &asc, &ascq)) {
		key = UNIT_ATTENTION;
	} else if (!smcsim_condition(r, &key, &asc, &ascq)) {
		key = NO_SENSE;
		if (!r->lu->changer && smcsim_tapealert(r->lib, r->lu, ta) &&
		    (ta[SMCSIM_TA_CLEAN_NOW - 1] ||
		     ta[SMCSIM_TA_CLEAN_PERIODIC - 1])) {
			asc = 0x00;
			ascq = 0x17;
		}
	}
	memset(r->buf, 0, SCSI_SENSE_BUFFERSIZE);
	scsi_build_sense_buffer(desc, r->buf, key, asc, ascq);
	return smcsim_reply(r, desc ? 8 : 18, r->cdb[4]);
}

/**
 * smcsim_test_unit_ready() - TEST UNIT READY (00h)
 * @r: the command
 *
 * The dispatcher has already checked readiness.
 * Context: library lock held.
 * Return: 0.
 */
int smcsim_test_unit_ready(struct smcsim_req *r)
{
	return 0;
}

/**
 * smcsim_mode_sense() - MODE SENSE (6) and (10) framing
 * @r: the command
 * @page: builds one mode page at @p, returns its length; @mask asks for the
 *	changeable-values mask
 * @pages: the page codes supported, in the order of page 3Fh
 * @npages: number of @pages
 * @bd: the device has a block descriptor (tape drives)
 *
 * Context: library lock held.
 * Return: 0 or 1 (CHECK CONDITION).
 */
int smcsim_mode_sense(struct smcsim_req *r,
		      u32 (*page)(struct smcsim_req *r, u8 code, bool mask,
				  u8 *p),
		      const u8 *pages, u32 npages, bool bd)
{
	bool ten = r->cdb[0] == MODE_SENSE_10;
	bool dbd = r->cdb[1] & 0x08;
	u8 pc = r->cdb[2] >> 6, code = r->cdb[2] & 0x3f;
	u32 alloc = ten ? get_unaligned_be16(r->cdb + 7) : r->cdb[4];
	u32 hlen = ten ? 8 : 4, off, bdlen = 0, i;
	u8 *p = r->buf, dsp = 0;

	if (pc == 3)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x39, 0x00);
	if (r->cdb[3] && !(code == 0x3f && r->cdb[3] == 0xff))
		return smcsim_invalid_field(r);
	memset(p, 0, SMCSIM_SMALL_BUF);
	off = hlen;
	if (bd && !dbd) {
		p[off] = smcsim_lu_elem(r)->full ? 0x5a : 0x00;	/* LTO-6 */
		put_unaligned_be24(r->lu->blksize, p + off + 5);
		bdlen = 8;
		off += 8;
	}
	if (code == 0x3f) {
		for (i = 0; i < npages; i++)
			off += page(r, pages[i], pc == 1, p + off);
	} else {
		for (i = 0; i < npages; i++)
			if (pages[i] == code)
				break;
		if (i == npages)
			return smcsim_invalid_field(r);
		off += page(r, code, pc == 1, p + off);
	}
	/* device-specific parameter of a tape: WP (bit 7), buffered mode */
	if (!r->lu->changer)
		dsp = 0x10 | (smcsim_lu_elem(r)->full &&
			      smcsim_lu_elem(r)->wp ? 0x80 : 0);
	if (ten) {
		put_unaligned_be16(off - 2, p);
		p[3] = dsp;
		put_unaligned_be16(bdlen, p + 6);
	} else {
		p[0] = off - 1;
		p[2] = dsp;
		p[3] = bdlen;
	}
	return smcsim_reply(r, off, alloc);
}

static struct smcsim_lu *smcsim_lookup_lu(struct smcsim_lib *lib,
					  struct scsi_device *sdev)
{
	if (sdev->channel || sdev->id || sdev->lun >= lib->nlus)
		return NULL;
	return &lib->lus[sdev->lun];
}

/* Runs one command under the library lock. */
static void smcsim_execute(struct smcsim_req *r)
{
	const struct smcsim_opcode *op;
	u8 opcode = r->cdb[0], key, asc, ascq;

	r->lu = smcsim_lookup_lu(r->lib, r->cmd->device);
	if (!r->lu) {
		if (opcode == INQUIRY)
			smcsim_inquiry(r);
		else if (opcode == REPORT_LUNS)
			smcsim_report_luns(r);
		else
			smcsim_sense(r, ILLEGAL_REQUEST, 0x25, 0x00);
		return;
	}
	op = r->lu->changer ? &smcsim_changer_ops[opcode] :
	     &smcsim_tape_ops[opcode];
	dev_dbg(&r->cmd->device->sdev_gendev, "opcode %02xh len %u\n", opcode,
		r->cmd->cmd_len);

	if (!r->lu->changer)
		smcsim_tape_update(r->lib, r->lu);
	if (smcsim_fault_match(r))
		return;
	if (!(op->flags & SMCSIM_F_NO_UA) && smcsim_take_ua(r->lu, &asc, &ascq)) {
		smcsim_sense(r, UNIT_ATTENTION, asc, ascq);
		return;
	}
	if (!op->handler) {
		smcsim_invalid_opcode(r);
		return;
	}
	if (r->cmd->cmd_len < op->len) {
		smcsim_invalid_field(r);
		return;
	}
	if (!(op->flags & SMCSIM_F_ANY_STATE) && r->lu->changer &&
	    smcsim_condition(r, &key, &asc, &ascq)) {
		smcsim_sense(r, key, asc, ascq);
		return;
	}
	if ((op->flags & SMCSIM_F_MEDIUM) &&
	    smcsim_condition(r, &key, &asc, &ascq)) {
		smcsim_sense(r, key, asc, ascq);
		return;
	}
	op->handler(r);
}

static int smcsim_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	struct smcsim_lib *lib = *(struct smcsim_lib **)shost_priv(shost);
	struct smcsim_cmd *sc = scsi_cmd_priv(cmd);
	struct smcsim_req r = {
		.cmd = cmd,
		.cdb = cmd->cmnd,
		.lib = lib,
		.buf = sc->buf,
	};
	unsigned long flags;
	u32 delay;

	cmd->result = DID_OK << 16;
	scsi_set_resid(cmd, cmd->sc_data_direction == DMA_FROM_DEVICE ?
		       scsi_bufflen(cmd) : 0);
	spin_lock_irqsave(&lib->lock, flags);
	smcsim_execute(&r);
	delay = lib->latency_ms + r.delay_ms;
	spin_unlock_irqrestore(&lib->lock, flags);

	if (!delay) {
		scsi_done(cmd);
		return 0;
	}
	sc->cmd = cmd;
	hrtimer_start(&sc->timer, ms_to_ktime(delay), HRTIMER_MODE_REL);
	return 0;
}

static enum hrtimer_restart smcsim_timer_fn(struct hrtimer *timer)
{
	struct smcsim_cmd *sc = container_of(timer, struct smcsim_cmd, timer);

	scsi_done(sc->cmd);
	return HRTIMER_NORESTART;
}

static int smcsim_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	struct smcsim_cmd *sc = scsi_cmd_priv(cmd);

	hrtimer_init(&sc->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	sc->timer.function = smcsim_timer_fn;
	sc->cmd = cmd;
	return 0;
}

/*
 * A timed-out command may still sit in its hrtimer: cancel it. The
 * midlayer ignores a completion that races with the timeout.
 */
static int smcsim_abort(struct scsi_cmnd *cmd)
{
	struct smcsim_cmd *sc = scsi_cmd_priv(cmd);

	hrtimer_cancel(&sc->timer);
	return SUCCESS;
}

static int smcsim_device_reset(struct scsi_cmnd *cmd)
{
	return SUCCESS;
}

struct scsi_host_template smcsim_template = {
	.module			= THIS_MODULE,
	.name			= "smcsim",
	.proc_name		= "smcsim",
	.queuecommand		= smcsim_queuecommand,
	.eh_abort_handler	= smcsim_abort,
	.eh_device_reset_handler = smcsim_device_reset,
	.init_cmd_priv		= smcsim_init_cmd_priv,
	.cmd_size		= sizeof(struct smcsim_cmd),
	.can_queue		= 64,
	.cmd_per_lun		= 16,
	.this_id		= 7,
	.sg_tablesize		= SG_MAX_SEGMENTS,
	.max_sectors		= 0xffff,
	.max_segment_size	= -1U,
	.skip_settle_delay	= 1,
};
