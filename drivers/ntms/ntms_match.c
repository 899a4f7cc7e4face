// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: which tape device is which drive element of a library.
 *
 * By identifier first (NTMS_MATCH_DVCID): the identifier a changer
 * reports for a drive element (READ ELEMENT STATUS with DVCID) equals one
 * of the tape's VPD 83h designators, or carries its VPD 80h serial number
 * in one of the forms real changers use: the serial alone or after the
 * T10 vendor and product fields (8 + 16 bytes), ASCII, padded with
 * trailing spaces or NULs to a width (an HP MSL pads to 20, others to
 * 32), serial numbers zero-padded on the left.
 *
 * A library whose changer reports no identifier at all (DVCID refused,
 * or empty identifiers) is matched by position: a tape on the changer's
 * own SCSI target is the drive of its rank among that target's tape
 * logical units in LUN order. The tape's and the changer's VPD 83h
 * target-port designators, when both have them, must agree
 * (NTMS_MATCH_VPD); without them the SCSI address alone decides
 * (NTMS_MATCH_FALLBACK).
 *
 * Uses the VPD pages the SCSI core cached at scan time: no I/O.
 */

#include <linux/rcupdate.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "ntms_internal.h"

/* VPD 83h designator: association (bits 5-4 of byte 1) */
#define NTMS_ASSOC_LU		0
#define NTMS_ASSOC_PORT		1

/* the designators of a VPD 83h page: each calls @fn until it returns true */
static bool ntms_match_each_desig(struct scsi_device *sdev,
				  bool (*fn)(const u8 *d, void *ctx),
				  void *ctx)
{
	struct scsi_vpd *vpd;
	const u8 *p, *end;
	bool found = false;

	rcu_read_lock();
	vpd = rcu_dereference(sdev->vpd_pg83);
	if (vpd && vpd->len >= 4) {
		end = vpd->data + min_t(size_t, vpd->len,
					4 + get_unaligned_be16(&vpd->data[2]));
		for (p = vpd->data + 4; !found && p + 4 <= end &&
		     p + 4 + p[3] <= end; p += 4 + p[3])
			found = fn(p, ctx);
	}
	rcu_read_unlock();
	return found;
}

static bool ntms_match_desig_is_id(const u8 *p, void *ctx)
{
	const struct ntms_drive *d = ctx;

	return (p[1] & 0x0f) == d->id_type && p[3] == d->id_len &&
	       !memcmp(&p[4], d->id, d->id_len);
}

/* @s without padding: trailing spaces and NULs, leading spaces and zeros */
static size_t ntms_match_trim(const u8 **s, size_t len)
{
	while (len && ((*s)[len - 1] == ' ' || !(*s)[len - 1]))
		len--;
	while (len && (**s == ' ' || **s == '0')) {
		(*s)++;
		len--;
	}
	return len;
}

/* is the field @f of @len bytes the serial number @serial, padding aside? */
static bool ntms_match_serial(const u8 *f, size_t len, const char *serial)
{
	const u8 *s = (const u8 *)serial;
	size_t n = ntms_match_trim(&s, strlen(serial));

	len = ntms_match_trim(&f, len);
	return n && len == n && !memcmp(f, s, n);
}

/**
 * ntms_match_dvcid() - does a tape have the identifier the changer
 *	reported for a drive element?
 * @tape: the tape device
 * @d: the drive element
 *
 * Context: the drive's library lock held.
 * Return: true if one of @tape's VPD 83h designators is the identifier,
 * or the identifier is an ASCII serial number field that is @tape's.
 */
bool ntms_match_dvcid(struct scsi_device *tape, struct ntms_drive *d)
{
	char serial[NTMS_SERIAL_LEN];

	if (!d->id_len)
		return false;
	if (ntms_match_each_desig(tape, ntms_match_desig_is_id, d))
		return true;
	if (d->id_codeset != 2)		/* ASCII */
		return false;
	ntms_vpd_serial(tape, serial, sizeof(serial));
	if (!serial[0])
		return false;
	/* the serial alone, or after T10 vendor (8) and product (16) */
	return ntms_match_serial(d->id, d->id_len, serial) ||
	       (d->id_len > 24 &&
		ntms_match_serial(d->id + 24, d->id_len - 24, serial));
}

/**
 * struct ntms_port_cmp - comparing the target-port designators of two
 *	devices
 * @other: the other device
 * @desig: the designator of the first being looked for
 * @seen: the other device has a target-port designator at all
 */
struct ntms_port_cmp {
	struct scsi_device *other;
	const u8 *desig;
	bool seen;
};

static bool ntms_match_port_equal(const u8 *p, void *ctx)
{
	struct ntms_port_cmp *c = ctx;

	if (((p[1] >> 4) & 3) != NTMS_ASSOC_PORT)
		return false;
	c->seen = true;
	return p[3] == c->desig[3] && (p[1] & 0x0f) == (c->desig[1] & 0x0f) &&
	       !memcmp(&p[4], &c->desig[4], p[3]);
}

static bool ntms_match_port_find(const u8 *p, void *ctx)
{
	struct ntms_port_cmp *c = ctx;

	if (((p[1] >> 4) & 3) != NTMS_ASSOC_PORT)
		return false;
	c->desig = p;
	return ntms_match_each_desig(c->other, ntms_match_port_equal, c);
}

/*
 * Do two devices of one SCSI target share a target port by their VPD
 * 83h? NTMS_MATCH_VPD: a designator in common; NTMS_MATCH_NONE: both name
 * their ports and no name agrees; NTMS_MATCH_FALLBACK: one names none.
 */
static u8 ntms_match_same_port(struct scsi_device *a, struct scsi_device *b)
{
	struct ntms_port_cmp c = { .other = b };
	bool a_has;

	if (ntms_match_each_desig(a, ntms_match_port_find, &c))
		return NTMS_MATCH_VPD;
	a_has = !!c.desig;
	if (a_has && c.seen)
		return NTMS_MATCH_NONE;
	return NTMS_MATCH_FALLBACK;
}

/**
 * ntms_match_position() - the drive a tape is by its place on the
 *	changer's SCSI target, for a library that reports no identifiers
 * @tape: the tape device
 * @lib: the library; its changer's &scsi_device must be present
 * @index: out: the drive's index in @lib
 *
 * The tape must be a logical unit of the changer's target; its rank among
 * that target's tape logical units, in LUN order, is the drive's index in
 * element address order.
 *
 * Context: process context; the library's lock held (its drive table).
 * Return: %NTMS_MATCH_VPD or %NTMS_MATCH_FALLBACK (how the target was
 * recognized) with @index set, or %NTMS_MATCH_NONE.
 */
u8 ntms_match_position(struct scsi_device *tape, struct ntms_library *lib,
		       u32 *index)
{
	struct scsi_device *chg = lib->sdev, *sdev;
	u32 rank = 0, i;
	u8 how;

	if (!chg || chg->host != tape->host || chg->channel != tape->channel ||
	    chg->id != tape->id || !lib->nr_drives)
		return NTMS_MATCH_NONE;
	for (i = 0; i < lib->nr_drives; i++)
		if (lib->drives[i].id_len)
			return NTMS_MATCH_NONE;	/* identifiers decide */
	how = ntms_match_same_port(tape, chg);
	if (how == NTMS_MATCH_NONE)
		return how;
	shost_for_each_device(sdev, tape->host)
		if (sdev->channel == tape->channel && sdev->id == tape->id &&
		    sdev->type == TYPE_TAPE && sdev->lun < tape->lun)
			rank++;
	if (rank >= lib->nr_drives)
		return NTMS_MATCH_NONE;
	*index = rank;
	return how;
}
