// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: EjectDiskFromSADrive (NTMS_IOC_UNLOAD_DRIVE): unload the
 * cartridge of a standalone drive.
 *
 * A standalone drive has no robot and no queue: the driver sends LOAD
 * UNLOAD (SSC, opcode 1Bh, LOAD clear: rewind, then unload) to the
 * drive's own tape device from the caller's context, with no lock held,
 * and checks the drive again afterwards to record the result. Checks, in
 * order: drive (-ENOENT), library valid (-ENODEV), access (CONTROL,
 * -EACCES), a standalone drive (-EOPNOTSUPP), drive and library enabled
 * (-ESHUTDOWN), opened (-EBUSY); then the drive's answers: no cartridge
 * loaded (-ENOMEDIUM, asked with TEST UNIT READY first), removal
 * prevented (-EBUSY), not ready (-EHOSTDOWN), failed (-EIO).
 */

#include <linux/dma-direction.h>
#include <linux/err.h>

#include <scsi/scsi_proto.h>

#include "ntms_call.h"
#include "ntms_request.h"
#include "ntms_scsi.h"

/*
 * LOAD UNLOAD (its opcode is START STOP UNIT's) with byte 4 zero: LOAD,
 * RETEN, EOT and HOLD clear, that is rewind and unload. Returns 0 or a
 * negative errno of ntms_scsi_exec().
 */
static int ntms_unload_tape(struct scsi_device *tape)
{
	struct ntms_scsi dev = { .sdev = tape };
	u8 cdb[6] = { START_STOP };

	return ntms_scsi_exec(&dev, cdb, sizeof(cdb), NULL, 0, DMA_NONE, NULL);
}

/*
 * The drive of a call, locked, with the checks before the command; @after:
 * only those that say the drive is still the one to record the result in
 * (after the command, which was sent already)
 */
static struct ntms_drive *ntms_unload_lookup(struct ntms_session *s,
					     const struct ntms_guid *guid,
					     bool after,
					     struct ntms_library **libp)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	struct ntms_drive *d;
	int ret;

	obj = ntms_check_lookup(s, guid, NTMS_TYPE_DRIVE, NTMS_ACCESS_CONTROL,
				NTMS_CHECK_DISABLED, &lib);
	if (IS_ERR(obj))
		return ERR_CAST(obj);
	d = container_of(obj, struct ntms_drive, el.obj);
	ret = -EOPNOTSUPP;
	if (lib->lib_type != NTMS_LIBRARY_TYPE_STANDALONE)
		goto out_unlock;
	if (after)
		goto out_found;
	/* the drive, or its library, disabled */
	ret = -ESHUTDOWN;
	if (!lib->obj.enabled || !obj->enabled)
		goto out_unlock;
	ret = -EBUSY;
	if (ntms_drive_opened_locked(d))
		goto out_unlock;
out_found:
	*libp = lib;
	return d;

out_unlock:
	ntms_library_unlock_put(lib);
	return ERR_PTR(ret);
}

/**
 * ntms_unload_drive_ioctl() - NTMS_IOC_UNLOAD_DRIVE
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_unload_drive
 *
 * Unloads a standalone drive's cartridge (LOAD UNLOAD) and makes the
 * drive UNLOADED. The drive is asked first whether it has a cartridge
 * loaded (TEST UNIT READY): drives differ in what an unload of an
 * unloaded cartridge answers. The command sleeps with no lock held: the
 * drive is looked up again afterwards to record the result (whether it
 * was disabled or opened meanwhile does not change what happened).
 *
 * Context: process context; sleeps for as long as the drive takes.
 * Return: 0 or a negative errno, see the order above.
 */
int ntms_unload_drive_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_unload_drive *ud = c->arg;
	struct scsi_device *tape;
	struct ntms_library *lib;
	struct ntms_drive *d;
	int ret;

	d = ntms_unload_lookup(s, &ud->drive, false, &lib);
	if (IS_ERR(d))
		return PTR_ERR(d);
	tape = ntms_drive_tape_get_locked(d);
	ntms_library_unlock_put(lib);
	/* a standalone drive's library is NOT_PRESENT without its tape */
	if (!tape)
		return -ENODEV;
	/* an unloaded cartridge still sits in the drive: ask the drive */
	if (!ntms_drive_tape_medium(tape))
		ret = -ENOMEDIUM;
	else
		ret = ntms_unload_tape(tape);
	ntms_drive_tape_put(tape);
	switch (ret) {
	case 0:
	case -ENOMEDIUM:	/* recorded below */
		break;
	case -ENODEV:
	case -EHOSTDOWN:
	case -EBUSY:		/* the drive refused: removal prevented */
	case -ENOMEM:
		return ret;
	default:
		return -EIO;
	}

	d = ntms_unload_lookup(s, &ud->drive, true, &lib);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!ret)
		ntms_drive_set_state_locked(d, NTMS_DRIVE_STATE_UNLOADED);
	else if (d->state != NTMS_DRIVE_STATE_UNLOADED)
		ntms_drive_set_state_locked(d, NTMS_DRIVE_STATE_DISMOUNTED);
	ntms_library_unlock_put(lib);
	return ret;
}
