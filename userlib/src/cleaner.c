// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cleaner management: the cleaner slot of a library
 * (ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot), NTMS_IOC_CLEANER_SLOT;
 * the cleaning of a drive (CleanNtmsDrive), NTMS_IOC_CLEAN_DRIVE.
 */
#include <errno.h>

#include "internal.h"

/*
 * The results Microsoft's pages name and winerror.h lacks, as the RSM
 * errors winerror.h has; the rest as everywhere else.
 */
static DWORD cleaner_error(int err)
{
	switch (err) {
	case ENODEV:		/* changer gone: "not connected" */
	case ESHUTDOWN:
		return ERROR_DEVICE_NOT_AVAILABLE;
	case EBADSLT:		/* ERROR_INVALID_SLOT */
		return ERROR_OBJECT_NOT_FOUND;
	case EEXIST:		/* ERROR_ALREADY_RESERVED */
		return ERROR_CLEANER_SLOT_SET;
	case EALREADY:		/* ERROR_NO_SLOT_RESERVED */
		return ERROR_CLEANER_SLOT_NOT_SET;
	case EADDRNOTAVAIL:	/* ERROR_SLOT_NOT_PRESENT */
		return ERROR_RESOURCE_NOT_PRESENT;
	case ENOTEMPTY:		/* ERROR_SLOT_FULL */
		return ERROR_NOT_EMPTY;
	}
	return libntms_error_from_errno(err, ERROR_INVALID_LIBRARY, 0);
}

/**
 * libntms_cleaner_slot() - ReserveNtmsCleanerSlot(), ReleaseNtmsCleanerSlot()
 * @s: the session
 * @library: the library
 * @slot: the slot to reserve; NULL to release the reservation
 *
 * Return: see ReserveNtmsCleanerSlot() and ReleaseNtmsCleanerSlot().
 */
DWORD libntms_cleaner_slot(struct libntms_session *s, const NTMS_GUID *library,
			   const NTMS_GUID *slot)
{
	struct ntms_cleaner_slot cs;

	memset(&cs, 0, sizeof(cs));
	libntms_guid_to_kernel(&cs.library, library);
	if (slot)
		libntms_guid_to_kernel(&cs.slot, slot);
	else
		cs.flags = NTMS_CLEANER_SLOT_F_RELEASE;
	return cleaner_error(libntms_ioctl(s->fd, NTMS_IOC_CLEANER_SLOT, &cs));
}

/**
 * libntms_clean_drive() - CleanNtmsDrive()
 * @s: the session
 * @drive: the drive
 *
 * Return: see CleanNtmsDrive().
 */
DWORD libntms_clean_drive(struct libntms_session *s, const NTMS_GUID *drive)
{
	struct ntms_clean_drive cd;
	int err;

	memset(&cd, 0, sizeof(cd));
	libntms_guid_to_kernel(&cd.drive, drive);
	err = libntms_ioctl(s->fd, NTMS_IOC_CLEAN_DRIVE, &cd);
	switch (err) {
	case ESHUTDOWN:		/* as Microsoft's page for CleanNtmsDrive */
		return ERROR_RESOURCE_DISABLED;
	case EALREADY:
		return ERROR_CLEANER_SLOT_NOT_SET;
	}
	return libntms_error_from_errno(err, ERROR_INVALID_DRIVE, 0);
}
