// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: TapeAlert, how a tape drive says it needs cleaning or that the
 * cleaner it was given is spent (SSC-3 LOG SENSE page 2Eh).
 *
 * The page holds one parameter per flag, codes 0001h to 0040h, each a
 * one-byte value whose bit 0 is the flag. Drives clear most flags once
 * the page has been read; the cleaning requests (20, 21) stay until the
 * drive is cleaned. A drive that has no such page answers ILLEGAL
 * REQUEST: it asks for nothing.
 */

#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/bits.h>
#include <linux/dma-direction.h>
#include <linux/minmax.h>
#include <asm/unaligned.h>
#include <scsi/scsi_proto.h>

#include "ntms_scsi.h"

#define NTMS_TA_PAGE		0x2e
#define NTMS_TA_PC_CUMULATIVE	0x40	/* PC 01b: current cumulative values */
#define NTMS_TA_FLAGS		64
#define NTMS_TA_PARAM_LEN	5
#define NTMS_TA_LEN		(4 + NTMS_TA_FLAGS * NTMS_TA_PARAM_LEN)

/* walk the parameters actually returned; a short or odd page sets nothing */
static u64 ntms_tapealert_parse(const u8 *buf, unsigned int len)
{
	unsigned int end, off;
	u64 flags = 0;
	u16 code;

	if (len < 4 || (buf[0] & 0x3f) != NTMS_TA_PAGE)
		return 0;
	end = min_t(unsigned int, len, 4 + get_unaligned_be16(&buf[2]));
	for (off = 4; off + 4 <= end; off += 4 + buf[off + 3]) {
		code = get_unaligned_be16(&buf[off]);
		/* a parameter cut short by the allocation length ends it */
		if (off + 4 + buf[off + 3] > end)
			break;
		if (buf[off + 3] && code >= 1 && code <= NTMS_TA_FLAGS &&
		    (buf[off + 4] & 1))
			flags |= BIT_ULL(code - 1);
	}
	return flags;
}

/**
 * ntms_scsi_tapealert() - read a tape drive's TapeAlert flags
 * @dev: the tape drive
 * @flags: out: flag N (numbered from 1, as in SSC-3) is bit N - 1
 *
 * Context: process context; sleeps; no lock held.
 * Return: 0 (@flags is 0 when the drive has no TapeAlert page); -ENODEV
 * the drive is gone; -EHOSTDOWN it was not ready in time; -EIO; -ENOMEM.
 */
int ntms_scsi_tapealert(struct ntms_scsi *dev, u64 *flags)
{
	u8 cdb[10] = { LOG_SENSE };
	unsigned int resid;
	u8 *buf;
	int ret;

	*flags = 0;
	buf = kzalloc(NTMS_TA_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	cdb[2] = NTMS_TA_PC_CUMULATIVE | NTMS_TA_PAGE;
	put_unaligned_be16(NTMS_TA_LEN, &cdb[7]);
	ret = ntms_scsi_exec(dev, cdb, sizeof(cdb), buf, NTMS_TA_LEN,
			     DMA_FROM_DEVICE, &resid);
	if (!ret)
		*flags = ntms_tapealert_parse(buf, NTMS_TA_LEN - resid);
	else if (ret == -EINVAL || ret == -EOPNOTSUPP)
		ret = 0;	/* ILLEGAL REQUEST 24h/00h or 20h/00h: no page */
	else if (ret != -ENODEV && ret != -EHOSTDOWN)
		ret = -EIO;
	kfree(buf);
	return ret;
}
