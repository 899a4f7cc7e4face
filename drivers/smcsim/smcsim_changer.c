// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: the SMC-3 medium changer commands.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>
#include <scsi/scsi_proto.h>

#include "smcsim.h"

#define SMCSIM_DESC_MAX		(12 + SMCSIM_VOLTAG_LEN + 4 + SMCSIM_T10_ID_LEN)
/* INITIALIZE ELEMENT STATUS WITH RANGE (not in scsi_proto.h) */
#define SMCSIM_INIT_ELEMENT_STATUS_RANGE	0x37
/* Move and exchange capabilities: to ST, IE and DT. */
#define SMCSIM_CAP_ST_IE_DT	0x0e

/**
 * smcsim_elem_at() - the element at an element address
 * @lib: the library
 * @addr: element address
 * @type: set to the element type code when found
 *
 * Context: library lock held.
 * Return: the element, or NULL if no element has that address.
 */
struct smcsim_elem *smcsim_elem_at(struct smcsim_lib *lib, u32 addr, u8 *type)
{
	const struct smcsim_range *rg;
	u8 t;

	for (t = SMCSIM_ET_MT; t < SMCSIM_NR_ET; t++) {
		rg = &lib->range[t];
		if (addr >= rg->base && addr < rg->base + rg->count) {
			*type = t;
			return &lib->elems[rg->first + addr - rg->base];
		}
	}
	return NULL;
}

/**
 * smcsim_drive_lu() - the logical unit of a data transfer element
 * @lib: the library
 * @dt: index of the data transfer element (0 = first drive)
 *
 * Context: any.
 * Return: the drive's logical unit.
 */
struct smcsim_lu *smcsim_drive_lu(struct smcsim_lib *lib, u32 dt)
{
	return &lib->lus[lib->standalone ? dt : dt + 1];
}

static u32 smcsim_dt_index(struct smcsim_lib *lib, struct smcsim_elem *e)
{
	return e - &lib->elems[lib->range[SMCSIM_ET_DT].first];
}

static u32 smcsim_changer_page(struct smcsim_req *r, u8 code, bool mask, u8 *p)
{
	const struct smcsim_range *rg = r->lib->range;

	p[0] = code;
	switch (code) {
	case 0x1d:	/* element address assignment */
		p[1] = 0x12;
		if (mask)
			return 20;
		put_unaligned_be16(rg[SMCSIM_ET_MT].base, p + 2);
		put_unaligned_be16(rg[SMCSIM_ET_MT].count, p + 4);
		put_unaligned_be16(rg[SMCSIM_ET_ST].base, p + 6);
		put_unaligned_be16(rg[SMCSIM_ET_ST].count, p + 8);
		put_unaligned_be16(rg[SMCSIM_ET_IE].base, p + 10);
		put_unaligned_be16(rg[SMCSIM_ET_IE].count, p + 12);
		put_unaligned_be16(rg[SMCSIM_ET_DT].base, p + 14);
		put_unaligned_be16(rg[SMCSIM_ET_DT].count, p + 16);
		return 20;
	case 0x1e:	/* transport geometry: one transport, no rotation */
		p[1] = 0x02;
		return 4;
	case 0x1f:	/* device capabilities */
		p[1] = 0x12;
		if (mask)
			return 20;
		p[2] = 0x0e;	/* ST, IE and DT can store media */
		memset(p + 4, SMCSIM_CAP_ST_IE_DT, 4);
		memset(p + 12, SMCSIM_CAP_ST_IE_DT, 4);
		return 20;
	}
	return 0;
}

static const u8 smcsim_changer_pages[] = { 0x1d, 0x1e, 0x1f };

static int smcsim_changer_mode_sense(struct smcsim_req *r)
{
	return smcsim_mode_sense(r, smcsim_changer_page, smcsim_changer_pages,
				 ARRAY_SIZE(smcsim_changer_pages), false);
}

static u8 smcsim_elem_flags(struct smcsim_lib *lib, struct smcsim_elem *e,
			    u8 type)
{
	u8 flags = e->full ? SMCSIM_EL_FULL : 0;

	switch (type) {
	case SMCSIM_ET_ST:
		if (!test_bit(e - &lib->elems[lib->range[type].first],
			      lib->st_absent))
			flags |= SMCSIM_EL_ACCESS;
		break;
	case SMCSIM_ET_DT:
		flags |= SMCSIM_EL_ACCESS;
		break;
	case SMCSIM_ET_IE:
		flags |= SMCSIM_EL_EXENAB | SMCSIM_EL_INENAB;
		if (e->impexp)
			flags |= SMCSIM_EL_IMPEXP;
		if (!lib->door_open)
			flags |= SMCSIM_EL_ACCESS;
		break;
	}
	return flags;
}

/* Builds one element descriptor at @d; returns its length. */
static u32 smcsim_elem_desc(struct smcsim_req *r, u8 type, u32 addr,
			    bool voltag, bool dvcid, u8 *d)
{
	struct smcsim_lib *lib = r->lib;
	struct smcsim_elem *e;
	struct smcsim_lu *lu;
	u32 n = 12;
	u8 t;

	e = smcsim_elem_at(lib, addr, &t);
	memset(d, 0, SMCSIM_DESC_MAX);
	put_unaligned_be16(addr, d);
	d[2] = smcsim_elem_flags(lib, e, type);
	if (type == SMCSIM_ET_DT) {
		lu = smcsim_drive_lu(lib, smcsim_dt_index(lib, e));
		if (lu->lun < 8)
			d[6] = 0x30 | lu->lun;	/* ID VALID, LU VALID */
	}
	if (e->svalid) {
		d[9] = 0x80;
		put_unaligned_be16(e->src, d + 10);
	}
	if (voltag) {
		if (e->full) {
			memset(d + n, ' ', 32);
			memcpy(d + n, e->barcode, strlen(e->barcode));
		}
		n += SMCSIM_VOLTAG_LEN;
	}
	if (dvcid && type == SMCSIM_ET_DT) {
		smcsim_dvcid(lib, lu, d + n);
		n += smcsim_dvcid_len(lib);
	}
	return n;
}

/* Elements of @type with address >= @start. */
static u32 smcsim_count_from(const struct smcsim_range *rg, u32 start)
{
	if (start >= rg->base + rg->count)
		return 0;
	return rg->count - (start > rg->base ? start - rg->base : 0);
}

/*
 * READ ELEMENT STATUS (B8h). NUMBER OF ELEMENTS AVAILABLE counts every
 * element that matches the CDB (limited by its element count), BYTE COUNT
 * OF REPORT AVAILABLE the whole report of the descriptors returned, which
 * max_elements may limit; the allocation length truncates the transfer.
 */
static int smcsim_read_element_status(struct smcsim_req *r)
{
	struct smcsim_lib *lib = r->lib;
	u8 type = r->cdb[1] & 0x0f;
	bool voltag = r->cdb[1] & 0x10;
	bool dvcid = r->cdb[6] & 0x01;
	u32 start = get_unaligned_be16(r->cdb + 2);
	u32 count = get_unaligned_be16(r->cdb + 4);
	u32 alloc = get_unaligned_be24(r->cdb + 7);
	u32 avail = 0, left, off = 8, first = 0, i, n, a, dlen;
	const struct smcsim_range *rg;
	u8 d[SMCSIM_DESC_MAX], hdr[8], t;

	if (type > SMCSIM_ET_DT || (dvcid && lib->dvcid == SMCSIM_DVCID_REJECT) ||
	    (dvcid && voltag && lib->dvcid == SMCSIM_DVCID_APART))
		return smcsim_invalid_field(r);
	for (i = 0; i < ARRAY_SIZE(lib->order); i++) {
		t = lib->order[i];
		if (!type || t == type)
			avail += smcsim_count_from(&lib->range[t], start);
	}
	if (!avail)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x21, 0x01);
	avail = min(avail, count);
	left = avail;
	if (smcsim_max_elements)
		left = min(left, smcsim_max_elements);

	for (i = 0; i < ARRAY_SIZE(lib->order) && left; i++) {
		t = lib->order[i];
		rg = &lib->range[t];
		if (type && t != type)
			continue;
		n = min(left, smcsim_count_from(rg, start));
		if (!n)
			continue;
		a = max(start, rg->base);
		if (off == 8)
			first = a;
		dlen = 12 + (voltag ? SMCSIM_VOLTAG_LEN : 0) +
		       (dvcid && t == SMCSIM_ET_DT ? smcsim_dvcid_len(lib) : 0);
		memset(hdr, 0, sizeof(hdr));
		hdr[0] = t;
		hdr[1] = voltag ? 0x80 : 0;	/* PVOLTAG */
		put_unaligned_be16(dlen, hdr + 2);
		put_unaligned_be24(n * dlen, hdr + 5);
		smcsim_put(r, off, hdr, sizeof(hdr), alloc);
		off += sizeof(hdr);
		for (left -= n; n; n--, a++, off += dlen) {
			if (off < alloc) {
				smcsim_elem_desc(r, t, a, voltag, dvcid, d);
				smcsim_put(r, off, d, dlen, alloc);
			}
		}
	}
	memset(hdr, 0, sizeof(hdr));
	put_unaligned_be16(first, hdr);
	put_unaligned_be16(avail, hdr + 2);
	put_unaligned_be24(off - 8, hdr + 5);
	smcsim_put(r, 0, hdr, sizeof(hdr), alloc);
	smcsim_finish(r, off, alloc);
	return 0;
}

/* Checks the medium transport address of a CDB (0 = the default one). */
static bool smcsim_transport_ok(struct smcsim_lib *lib, u32 addr)
{
	u8 t;

	return !addr || (smcsim_elem_at(lib, addr, &t) && t == SMCSIM_ET_MT);
}

/*
 * A cartridge in a drive whose medium removal is prevented cannot leave,
 * nor a cleaner the drive has not finished cleaning with.
 */
static bool smcsim_locked(struct smcsim_lib *lib, struct smcsim_elem *e, u8 t)
{
	struct smcsim_lu *lu;

	if (t != SMCSIM_ET_DT)
		return false;
	lu = smcsim_drive_lu(lib, smcsim_dt_index(lib, e));
	smcsim_tape_update(lib, lu);
	return lu->prevent || lu->cleaning;
}

/* Puts cartridge @c, taken from @from of type @ft, into element @d. */
static void smcsim_place(struct smcsim_elem *d, const struct smcsim_elem *c,
			 u32 from, u8 ft)
{
	*d = *c;
	d->impexp = 0;
	/* Drives remember the storage element the cartridge came from. */
	if (ft != SMCSIM_ET_DT || !c->svalid) {
		d->src = from;
		d->svalid = 1;
	}
}

/* Moves the cartridge of @s (address @src, type @st) into empty @d. */
static void smcsim_transfer(struct smcsim_lib *lib, struct smcsim_elem *s,
			    u32 src, u8 st, struct smcsim_elem *d, u8 dt)
{
	struct smcsim_elem c = *s;

	memset(s, 0, sizeof(*s));
	smcsim_place(d, &c, src, st);
	if (st == SMCSIM_ET_DT)
		smcsim_drive_lu(lib, smcsim_dt_index(lib, s))->unloaded = false;
	if (dt == SMCSIM_ET_DT)
		smcsim_tape_loaded(lib, smcsim_dt_index(lib, d));
}

static int smcsim_move_medium(struct smcsim_req *r)
{
	struct smcsim_lib *lib = r->lib;
	u32 src = get_unaligned_be16(r->cdb + 4);
	u32 dst = get_unaligned_be16(r->cdb + 6);
	struct smcsim_elem *s, *d;
	u8 st = 0, dt = 0;

	if (r->cdb[10] & 0x01)
		return smcsim_invalid_field(r);	/* cannot invert */
	s = smcsim_elem_at(lib, src, &st);
	d = smcsim_elem_at(lib, dst, &dt);
	if (!smcsim_transport_ok(lib, get_unaligned_be16(r->cdb + 2)) ||
	    !s || !d || st == SMCSIM_ET_MT || dt == SMCSIM_ET_MT)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x21, 0x01);
	if (lib->door_open && (st == SMCSIM_ET_IE || dt == SMCSIM_ET_IE))
		return smcsim_sense(r, NOT_READY, 0x3a, 0x02);
	if (!s->full)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x3b, 0x0e);
	if (s != d && d->full)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x3b, 0x0d);
	if (s != d && smcsim_locked(lib, s, st))
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x53, 0x02);
	r->delay_ms = smcsim_move_ms;
	if (s != d)
		smcsim_transfer(lib, s, src, st, d, dt);
	return 0;
}

/*
 * EXCHANGE MEDIUM (A6h): the cartridge of the source goes to the first
 * destination, whose cartridge goes to the second destination.
 */
static int smcsim_exchange_medium(struct smcsim_req *r)
{
	struct smcsim_lib *lib = r->lib;
	u32 src = get_unaligned_be16(r->cdb + 4);
	u32 fd = get_unaligned_be16(r->cdb + 6);
	u32 sd = get_unaligned_be16(r->cdb + 8);
	struct smcsim_elem *s, *f, *g, a, b;
	u8 st = 0, ft = 0, gt = 0;

	if (r->cdb[10] & 0x03)
		return smcsim_invalid_field(r);
	s = smcsim_elem_at(lib, src, &st);
	f = smcsim_elem_at(lib, fd, &ft);
	g = smcsim_elem_at(lib, sd, &gt);
	if (!smcsim_transport_ok(lib, get_unaligned_be16(r->cdb + 2)) ||
	    !s || !f || !g || st == SMCSIM_ET_MT || ft == SMCSIM_ET_MT ||
	    gt == SMCSIM_ET_MT || s == f)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x21, 0x01);
	if (lib->door_open && (st == SMCSIM_ET_IE || ft == SMCSIM_ET_IE ||
			       gt == SMCSIM_ET_IE))
		return smcsim_sense(r, NOT_READY, 0x3a, 0x02);
	if (!s->full || !f->full)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x3b, 0x0e);
	if (g != s && g->full)
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x3b, 0x0d);
	if (smcsim_locked(lib, s, st) || smcsim_locked(lib, f, ft))
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x53, 0x02);
	r->delay_ms = 2 * smcsim_move_ms;

	/* Pick up both cartridges, then put them down. */
	a = *s;
	b = *f;
	memset(s, 0, sizeof(*s));
	memset(f, 0, sizeof(*f));
	smcsim_place(f, &a, src, st);
	smcsim_place(g, &b, fd, ft);
	if (st == SMCSIM_ET_DT && g != s)
		smcsim_drive_lu(lib, smcsim_dt_index(lib, s))->unloaded = false;
	if (ft == SMCSIM_ET_DT)
		smcsim_tape_loaded(lib, smcsim_dt_index(lib, f));
	if (gt == SMCSIM_ET_DT)
		smcsim_tape_loaded(lib, smcsim_dt_index(lib, g));
	return 0;
}

static int smcsim_position_to_element(struct smcsim_req *r)
{
	u8 t;

	if (r->cdb[8] & 0x01)
		return smcsim_invalid_field(r);
	if (!smcsim_transport_ok(r->lib, get_unaligned_be16(r->cdb + 2)) ||
	    !smcsim_elem_at(r->lib, get_unaligned_be16(r->cdb + 4), &t))
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x21, 0x01);
	r->delay_ms = smcsim_move_ms;
	return 0;
}

static int smcsim_init_element_status(struct smcsim_req *r)
{
	return 0;
}

static int smcsim_init_element_status_range(struct smcsim_req *r)
{
	u8 t;

	if ((r->cdb[1] & 0x01) &&
	    !smcsim_elem_at(r->lib, get_unaligned_be16(r->cdb + 2), &t))
		return smcsim_sense(r, ILLEGAL_REQUEST, 0x21, 0x01);
	return 0;
}

static int smcsim_changer_prevent(struct smcsim_req *r)
{
	r->lu->prevent = r->cdb[4] & 0x01;
	return 0;
}

/* Opcode table of the medium changer, indexed by opcode. */
const struct smcsim_opcode smcsim_changer_ops[256] = {
	[TEST_UNIT_READY] = {
		.opcode = TEST_UNIT_READY, .len = 6,
		.handler = smcsim_test_unit_ready,
	},
	[REQUEST_SENSE] = {
		.opcode = REQUEST_SENSE, .len = 6,
		.flags = SMCSIM_F_NO_UA | SMCSIM_F_ANY_STATE,
		.handler = smcsim_request_sense,
	},
	[INITIALIZE_ELEMENT_STATUS] = {
		.opcode = INITIALIZE_ELEMENT_STATUS, .len = 6,
		.handler = smcsim_init_element_status,
	},
	[INQUIRY] = {
		.opcode = INQUIRY, .len = 6,
		.flags = SMCSIM_F_NO_UA | SMCSIM_F_ANY_STATE,
		.handler = smcsim_inquiry,
	},
	[MODE_SENSE] = {
		.opcode = MODE_SENSE, .len = 6,
		.flags = SMCSIM_F_ANY_STATE,
		.handler = smcsim_changer_mode_sense,
	},
	[ALLOW_MEDIUM_REMOVAL] = {
		.opcode = ALLOW_MEDIUM_REMOVAL, .len = 6,
		.flags = SMCSIM_F_ANY_STATE,
		.handler = smcsim_changer_prevent,
	},
	[POSITION_TO_ELEMENT] = {
		.opcode = POSITION_TO_ELEMENT, .len = 10,
		.handler = smcsim_position_to_element,
	},
	[SMCSIM_INIT_ELEMENT_STATUS_RANGE] = {
		.opcode = SMCSIM_INIT_ELEMENT_STATUS_RANGE, .len = 10,
		.handler = smcsim_init_element_status_range,
	},
	[MODE_SENSE_10] = {
		.opcode = MODE_SENSE_10, .len = 10,
		.flags = SMCSIM_F_ANY_STATE,
		.handler = smcsim_changer_mode_sense,
	},
	[REPORT_LUNS] = {
		.opcode = REPORT_LUNS, .len = 12,
		.flags = SMCSIM_F_NO_UA | SMCSIM_F_ANY_STATE,
		.handler = smcsim_report_luns,
	},
	[MOVE_MEDIUM] = {
		.opcode = MOVE_MEDIUM, .len = 12,
		.handler = smcsim_move_medium,
	},
	[EXCHANGE_MEDIUM] = {
		.opcode = EXCHANGE_MEDIUM, .len = 12,
		.handler = smcsim_exchange_medium,
	},
	[READ_ELEMENT_STATUS] = {
		.opcode = READ_ELEMENT_STATUS, .len = 12,
		.handler = smcsim_read_element_status,
	},
};
