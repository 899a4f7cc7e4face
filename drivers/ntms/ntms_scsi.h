/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: the one path by which the driver sends SCSI commands, to changers
 * and to tape drives alike.
 */
#ifndef _NTMS_SCSI_H
#define _NTMS_SCSI_H

#include <linux/types.h>

struct scsi_device;

/**
 * struct ntms_scsi - a device the driver sends commands to
 * @sdev: the device (referenced by the owner of this struct)
 * @timeout_cmd: timeout of ordinary commands, seconds; 0: module default
 * @timeout_move: timeout of MOVE MEDIUM and EXCHANGE MEDIUM; 0: default
 * @timeout_init: timeout of INITIALIZE ELEMENT STATUS; 0: default
 *	(the three set through sysfs with WRITE_ONCE(), read with
 *	READ_ONCE())
 * @ua_pending: a UNIT ATTENTION said the contents may have changed
 * @nr_changes: how many such UNIT ATTENTIONs were seen
 * @nr_commands: commands sent (for the benchmark and tests)
 * @service: the last command failed with NOT READY, manual intervention
 *	required (04h/03h), or a HARDWARE ERROR: the device wants a person
 *
 * Used by one thread at a time (a changer: its library's ordered
 * workqueue; a tape: the caller that set it up on its stack);
 * @ua_pending and @nr_commands are read elsewhere with READ_ONCE().
 */
struct ntms_scsi {
	struct scsi_device *sdev;
	unsigned int timeout_cmd;
	unsigned int timeout_move;
	unsigned int timeout_init;
	bool ua_pending;
	unsigned long nr_changes;
	unsigned long nr_commands;
	bool service;
};

/* "becoming ready" (NOT READY 04h/01h) is retried with this back-off */
#define NTMS_SCSI_BACKOFF_MIN_MS	50
#define NTMS_SCSI_BACKOFF_MAX_MS	2000

int ntms_scsi_exec(struct ntms_scsi *dev, const u8 *cdb, unsigned int cdb_len,
		   void *buf, unsigned int len, int dir, unsigned int *resid);
int ntms_scsi_test_unit_ready(struct ntms_scsi *dev);
int ntms_scsi_allow_removal(struct ntms_scsi *dev);
int ntms_scsi_write_protected(struct ntms_scsi *dev);
int ntms_scsi_tapealert(struct ntms_scsi *dev, u64 *flags);

#endif /* _NTMS_SCSI_H */
