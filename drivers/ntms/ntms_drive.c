// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: drives. What the model says of a drive (full, opened, free for a
 * mount), the one setter of its state, and the questions the driver asks
 * a drive's own tape device (through ntms_scsi_exec()): does a
 * standalone drive hold a cartridge, is the cartridge in a drive
 * write-protected.
 */

#include <linux/device.h>

#include <scsi/scsi_device.h>

#include "ntms_internal.h"

/**
 * ntms_drive_full_locked() - does the model say the drive holds a cartridge?
 * @d: the drive
 *
 * Context: the drive's library lock held.
 * Return: true if full.
 */
bool ntms_drive_full_locked(struct ntms_drive *d)
{
	return d->el.media || (d->el.flags & NTMS_SMC_EF_FULL);
}

/**
 * ntms_drive_opened_locked() - is the drive's cartridge opened for I/O?
 * @d: the drive
 *
 * "Opened" is the medium removal state of the drive's tape device:
 * st sends PREVENT ALLOW MEDIUM REMOVAL (prevent) through
 * scsi_set_medium_removal() when a process that holds /dev/nstN open
 * first reads or writes (or asks with MTLOCK), and ALLOW when it closes;
 * the SCSI midlayer records it in &scsi_device.locked. The library itself
 * refuses to take a cartridge out of such a drive (53h/02h).
 *
 * Context: the drive's library lock held (keeps @d->tape and its device).
 * Return: true if removal is prevented.
 */
bool ntms_drive_opened_locked(struct ntms_drive *d)
{
	return d->tape && d->tape->sdev->locked;
}

/**
 * ntms_drive_free_locked() - may a mount use this drive?
 * @d: the drive
 *
 * Enabled, not opened, and empty or holding a DISMOUNTABLE cartridge
 * (sent home first). A drive holding a cleaning cartridge is being
 * cleaned, or waits for the cleaner to be taken back: not free.
 *
 * Context: the drive's library lock held.
 * Return: true if free.
 */
bool ntms_drive_free_locked(struct ntms_drive *d)
{
	if (!d->el.obj.enabled || ntms_drive_opened_locked(d))
		return false;
	if (!ntms_drive_full_locked(d))
		return true;
	if (d->el.media && (d->el.media->mflags & NTMS_MEDIA_CLEANER))
		return false;
	return d->state == NTMS_DRIVE_STATE_DISMOUNTABLE;
}

/**
 * ntms_drive_check_unload_locked() - may the drive's cartridge be taken out?
 * @d: the drive
 *
 * Context: the drive's library lock held.
 * Return: 0; -ENOMEDIUM it holds none; -EBUSY it is opened.
 */
int ntms_drive_check_unload_locked(struct ntms_drive *d)
{
	if (!ntms_drive_full_locked(d))
		return -ENOMEDIUM;
	if (ntms_drive_opened_locked(d))
		return -EBUSY;
	return 0;
}

/**
 * ntms_drive_set_state_locked() - set a drive's state and tell the sessions
 * @d: the drive
 * @state: NTMS_DRIVE_STATE_*
 *
 * Context: the drive's library lock held.
 */
void ntms_drive_set_state_locked(struct ntms_drive *d, u8 state)
{
	struct ntms_library *lib = d->el.obj.lib;

	ntms_lib_assert_held(lib);
	if (d->state == state)
		return;
	d->state = state;
	if (d->el.media)
		d->el.media->state = state == NTMS_DRIVE_STATE_MOUNTED ?
				     NTMS_MEDIA_STATE_MOUNTED :
				     NTMS_MEDIA_STATE_LOADED;
	ntms_library_touch_locked(lib);
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_DRIVE,
			&d->el.obj.guid, 0, state, NULL);
}

/**
 * ntms_drive_tape_get_locked() - the drive's tape device, referenced
 * @d: the drive
 *
 * Context: the drive's library lock held.
 * Return: the tape's &scsi_device (release it with ntms_drive_tape_put()),
 * or NULL when no tape device is matched to the drive.
 */
struct scsi_device *ntms_drive_tape_get_locked(struct ntms_drive *d)
{
	struct scsi_device *sdev;

	if (!d->tape)
		return NULL;
	sdev = d->tape->sdev;
	get_device(&sdev->sdev_gendev);
	return sdev;
}

/**
 * ntms_drive_tape_put() - drop what ntms_drive_tape_get_locked() returned
 * @tape: the tape device, or NULL
 *
 * Context: process context.
 */
void ntms_drive_tape_put(struct scsi_device *tape)
{
	if (tape)
		put_device(&tape->sdev_gendev);
}

/**
 * ntms_drive_tape_medium() - does a tape drive hold a cartridge?
 * @tape: the tape device (referenced)
 *
 * A standalone drive has no changer to report its contents, so the drive
 * itself is asked: TEST UNIT READY, where NOT READY, medium not present
 * (3Ah) means empty.
 *
 * Context: process context; sleeps; no lock held.
 * Return: false if the drive reports no medium; true otherwise (also when
 * it cannot say: the caller's other checks decide).
 */
bool ntms_drive_tape_medium(struct scsi_device *tape)
{
	struct ntms_scsi dev = { .sdev = tape };

	return ntms_scsi_test_unit_ready(&dev) != -ENOMEDIUM;
}

/**
 * ntms_drive_tape_write_protected() - is the cartridge in a tape drive
 * write-protected?
 * @tape: the tape device (referenced), or NULL
 *
 * Context: process context; sleeps; no lock held.
 * Return: 1 if the drive reports write protection, 0 if not or when there
 * is no tape device to ask; -EHOSTDOWN still becoming ready after
 * ready_timeout; -EIO it failed the commands otherwise; -ENOMEM.
 */
int ntms_drive_tape_write_protected(struct scsi_device *tape)
{
	struct ntms_scsi dev = { .sdev = tape };

	if (!tape)
		return 0;
	return ntms_scsi_write_protected(&dev);
}
