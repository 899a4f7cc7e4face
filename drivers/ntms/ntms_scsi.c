// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the one place that sends SCSI commands, to changers and tapes.
 *
 * ntms_scsi_exec() owns the per-opcode timeouts, the sense-to-errno
 * table, the retries of UNIT ATTENTION (and the record that the
 * device's contents may have changed) and the back-off while a device
 * is "becoming ready". The SMC commands (ntms_smc.c) and the few SPC
 * commands sent to tape drives (below) are built on it.
 */

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <scsi/scsi.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_proto.h>

#include "ntms_scsi.h"

static unsigned int timeout_cmd = 60;
module_param(timeout_cmd, uint, 0644);
MODULE_PARM_DESC(timeout_cmd, "timeout of ordinary commands, seconds (default 60)");

static unsigned int timeout_move = 300;
module_param(timeout_move, uint, 0644);
MODULE_PARM_DESC(timeout_move, "timeout of MOVE MEDIUM and EXCHANGE MEDIUM, seconds (default 300)");

static unsigned int timeout_init = 3600;
module_param(timeout_init, uint, 0644);
MODULE_PARM_DESC(timeout_init, "timeout of INITIALIZE ELEMENT STATUS, seconds (default 3600)");

static unsigned int ready_timeout = 30;
module_param(ready_timeout, uint, 0644);
MODULE_PARM_DESC(ready_timeout, "how long a changer or tape drive may stay \"becoming ready\", seconds (default 30)");

#define NTMS_SCSI_UA_RETRIES	3

/* SMC opcodes that scsi_proto.h does not name */
#define NTMS_INIT_ELEMENT_STATUS_RANGE	0x37
#define NTMS_EXCHANGE_MEDIUM		0xa6

/* MODE SENSE(6) of a tape drive: only the header is wanted */
#define NTMS_SCSI_MODE_LEN	64
#define NTMS_SCSI_MODE_WP	0x80	/* header byte 2 (SSC) */

/**
 * struct ntms_scsi_sense - one row of the sense-to-errno table
 * @key: sense key
 * @asc: additional sense code, or 0xff for any
 * @ascq: qualifier, or 0xff for any
 * @err: negative errno
 */
struct ntms_scsi_sense {
	u8 key;
	u8 asc;
	u8 ascq;
	int err;
};

static const struct ntms_scsi_sense ntms_scsi_sense_table[] = {
	{ ILLEGAL_REQUEST, 0x20, 0x00, -EOPNOTSUPP },	/* invalid opcode */
	{ ILLEGAL_REQUEST, 0x21, 0x01, -EBADSLT },	/* invalid element */
	{ ILLEGAL_REQUEST, 0x24, 0x00, -EINVAL },	/* invalid CDB field */
	{ ILLEGAL_REQUEST, 0x3b, 0x0d, -EEXIST },	/* destination full */
	{ ILLEGAL_REQUEST, 0x3b, 0x0e, -ENOMEDIUM },	/* source empty */
	{ ILLEGAL_REQUEST, 0x53, 0x02, -EBUSY },	/* removal prevented */
	{ NOT_READY, 0x04, 0x01, -EHOSTDOWN },		/* still becoming ready */
	{ NOT_READY, 0x04, 0x03, -EHOSTDOWN },		/* manual intervention */
	{ NOT_READY, 0x04, 0x12, -EHOSTDOWN },		/* offline */
	{ NOT_READY, 0x3a, 0x02, -EPERM },		/* mail slot open */
	{ NOT_READY, 0x3a, 0xff, -ENOMEDIUM },		/* medium not present */
	{ UNIT_ATTENTION, 0xff, 0xff, -EAGAIN },	/* retried first */
	{ MEDIUM_ERROR, 0xff, 0xff, -EIO },
	{ HARDWARE_ERROR, 0xff, 0xff, -EIO },
	{ ABORTED_COMMAND, 0xff, 0xff, -EIO },
};

static int ntms_scsi_sense_to_errno(const struct scsi_sense_hdr *sshdr)
{
	const struct ntms_scsi_sense *s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ntms_scsi_sense_table); i++) {
		s = &ntms_scsi_sense_table[i];
		if (s->key != sshdr->sense_key)
			continue;
		if (s->asc != 0xff && s->asc != sshdr->asc)
			continue;
		if (s->ascq != 0xff && s->ascq != sshdr->ascq)
			continue;
		return s->err;
	}
	return -EIO;
}

/* the device's own setting (sysfs, per library), else the module's */
static unsigned int ntms_scsi_pick(unsigned int own, unsigned int dflt)
{
	return (own ? own : dflt) * HZ;
}

static unsigned int ntms_scsi_timeout(const struct ntms_scsi *dev, u8 opcode)
{
	switch (opcode) {
	case MOVE_MEDIUM:
	case NTMS_EXCHANGE_MEDIUM:
		return ntms_scsi_pick(READ_ONCE(dev->timeout_move),
				      READ_ONCE(timeout_move));
	case INITIALIZE_ELEMENT_STATUS:
	case NTMS_INIT_ELEMENT_STATUS_RANGE:
		return ntms_scsi_pick(READ_ONCE(dev->timeout_init),
				      READ_ONCE(timeout_init));
	default:
		return ntms_scsi_pick(READ_ONCE(dev->timeout_cmd),
				      READ_ONCE(timeout_cmd));
	}
}

static bool ntms_scsi_ua_change(const struct scsi_sense_hdr *sshdr)
{
	/* import/export element accessed, power on or reset, mode change */
	return sshdr->asc == 0x28 || sshdr->asc == 0x29 || sshdr->asc == 0x2a;
}

static bool ntms_scsi_becoming_ready(const struct scsi_sense_hdr *sshdr)
{
	return sshdr->sense_key == NOT_READY && sshdr->asc == 0x04 &&
	       sshdr->ascq == 0x01;
}

/**
 * ntms_scsi_exec() - send one command
 * @dev: the device
 * @cdb: command descriptor block
 * @cdb_len: its length (6, 10 or 12)
 * @buf: data buffer or NULL
 * @len: data length
 * @dir: DMA_FROM_DEVICE, DMA_TO_DEVICE or DMA_NONE
 * @resid: if not NULL, receives the residual byte count
 *
 * UNIT ATTENTION is retried a few times and, when it says that the
 * contents may have changed, sets @dev->ua_pending. NOT READY "becoming
 * ready" is retried with an exponential back-off bounded by the module
 * parameter ready_timeout.
 *
 * Context: process context, may sleep for a long time (robot motion).
 * Return: 0, or a negative errno from the sense table; -ENODEV when the
 * device is gone; -EIO for a failure without sense data.
 */
int ntms_scsi_exec(struct ntms_scsi *dev, const u8 *cdb, unsigned int cdb_len,
		   void *buf, unsigned int len, int dir, unsigned int *resid)
{
	unsigned long deadline = jiffies + READ_ONCE(ready_timeout) * HZ;
	unsigned int delay = NTMS_SCSI_BACKOFF_MIN_MS;
	struct scsi_device *sdev = dev->sdev;
	struct scsi_sense_hdr sshdr;
	unsigned int ua = 0;
	int result, res_resid;

	/* the midlayer derives the length from the opcode group */
	if (WARN_ON_ONCE(cdb_len != scsi_command_size(cdb)))
		return -EINVAL;
	WRITE_ONCE(dev->service, false);
retry:
	if (!scsi_device_online(sdev))
		return -ENODEV;
	res_resid = 0;
	memset(&sshdr, 0, sizeof(sshdr));
	WRITE_ONCE(dev->nr_commands, dev->nr_commands + 1);
	result = scsi_execute_req(sdev, cdb, dir, buf, len, &sshdr,
				  ntms_scsi_timeout(dev, cdb[0]), 1,
				  &res_resid);
	if (resid)
		*resid = clamp_t(int, res_resid, 0, len);
	if (result < 0)
		return result == -ENODEV ? -ENODEV : -EIO;
	if (!result)
		return 0;
	if (!scsi_sense_valid(&sshdr)) {
		dev_dbg(&sdev->sdev_gendev, "opcode %02x failed, result %#x\n",
			cdb[0], result);
		return scsi_device_online(sdev) ? -EIO : -ENODEV;
	}
	dev_dbg(&sdev->sdev_gendev, "opcode %02x sense %x/%02x/%02x\n",
		cdb[0], sshdr.sense_key, sshdr.asc, sshdr.ascq);

	if (sshdr.sense_key == UNIT_ATTENTION) {
		if (ntms_scsi_ua_change(&sshdr)) {
			WRITE_ONCE(dev->ua_pending, true);
			dev->nr_changes++;
		}
		if (ua++ < NTMS_SCSI_UA_RETRIES)
			goto retry;
	}
	if (ntms_scsi_becoming_ready(&sshdr) && time_before(jiffies, deadline)) {
		msleep(delay);
		delay = min(delay * 2, NTMS_SCSI_BACKOFF_MAX_MS);
		goto retry;
	}
	WRITE_ONCE(dev->service, sshdr.sense_key == HARDWARE_ERROR ||
		   (sshdr.sense_key == NOT_READY && sshdr.asc == 0x04 &&
		    sshdr.ascq == 0x03));
	return ntms_scsi_sense_to_errno(&sshdr);
}

/**
 * ntms_scsi_test_unit_ready() - TEST UNIT READY
 * @dev: the device
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno (-ENOMEDIUM: no medium in a drive).
 */
int ntms_scsi_test_unit_ready(struct ntms_scsi *dev)
{
	u8 cdb[6] = { TEST_UNIT_READY };

	return ntms_scsi_exec(dev, cdb, sizeof(cdb), NULL, 0, DMA_NONE, NULL);
}

/**
 * ntms_scsi_allow_removal() - PREVENT ALLOW MEDIUM REMOVAL, allowing
 * @dev: the device (a changer: its door and mail slots are unlocked)
 *
 * Context: process context, may sleep.
 * Return: 0, -EOPNOTSUPP (the device has no such command: nothing is
 * locked), or another negative errno.
 */
int ntms_scsi_allow_removal(struct ntms_scsi *dev)
{
	u8 cdb[6] = { ALLOW_MEDIUM_REMOVAL };

	return ntms_scsi_exec(dev, cdb, sizeof(cdb), NULL, 0, DMA_NONE, NULL);
}

/**
 * ntms_scsi_write_protected() - is the medium in a tape drive protected?
 * @dev: the tape drive
 *
 * A drive that has just been loaded is "becoming ready" for seconds:
 * ntms_scsi_exec() waits for it. Then MODE SENSE(6) without block
 * descriptors: WP is bit 7 of the device-specific parameter of the mode
 * parameter header (SSC).
 *
 * Context: process context, sleeps.
 * Return: 1 protected, 0 not; -EHOSTDOWN still becoming ready after
 * ready_timeout; -ENOMEM; -EIO any other failure.
 */
int ntms_scsi_write_protected(struct ntms_scsi *dev)
{
	u8 cdb[6] = { MODE_SENSE };
	unsigned int resid;
	u8 *buf;
	int ret;

	ret = ntms_scsi_test_unit_ready(dev);
	if (ret)
		return ret == -EHOSTDOWN ? ret : -EIO;
	buf = kzalloc(NTMS_SCSI_MODE_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	cdb[1] = 0x08;			/* DBD */
	cdb[2] = 0x3f;			/* all pages, current values */
	cdb[4] = NTMS_SCSI_MODE_LEN;
	ret = ntms_scsi_exec(dev, cdb, sizeof(cdb), buf, NTMS_SCSI_MODE_LEN,
			     DMA_FROM_DEVICE, &resid);
	if (!ret)
		ret = NTMS_SCSI_MODE_LEN - resid < 4 ? -EIO :
		      !!(buf[2] & NTMS_SCSI_MODE_WP);
	else if (ret != -EHOSTDOWN)
		ret = -EIO;
	kfree(buf);
	return ret;
}
