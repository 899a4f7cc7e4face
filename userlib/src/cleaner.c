// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cleaner management: the cleaner slot of a library
 * (ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot), NTMS_IOC_CLEANER_SLOT;
 * the cleaning of a drive (CleanNtmsDrive), NTMS_IOC_CLEAN_DRIVE; the
 * cleaner in and out through a mail slot (InjectNtmsCleaner,
 * EjectNtmsCleaner), NTMS_IOC_CLEANER_PORT.
 */
#include <errno.h>

#include "internal.h"

/*
 * The results Microsoft's pages name and winerror.h lacks, as the RSM
 * errors winerror.h has (@full: what a full slot is for this call); the
 * rest as everywhere else.
 */
static DWORD cleaner_error(int err, DWORD full)
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
		return full;
	case ENOMEDIUM:		/* ERROR_SLOT_EMPTY */
		return ERROR_EMPTY;
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
	return cleaner_error(libntms_ioctl(s->fd, NTMS_IOC_CLEANER_SLOT, &cs),
			     ERROR_NOT_EMPTY);
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

/**
 * libntms_cleaner_port() - InjectNtmsCleaner(), EjectNtmsCleaner()
 * @s: the session
 * @library: the library
 * @operation: out (START): the request; in (STOP): the request to cancel
 * @cleans: inject: the cleanings left in the cartridge
 * @action: NTMS_INJECT_START/_STOP, NTMS_EJECT_START/_STOP
 * @eject: EjectNtmsCleaner()
 *
 * Return: see InjectNtmsCleaner() and EjectNtmsCleaner().
 */
DWORD libntms_cleaner_port(struct libntms_session *s, const NTMS_GUID *library,
			   NTMS_GUID *operation, DWORD cleans, DWORD action,
			   bool eject)
{
	struct ntms_cleaner_port cp;
	int err;

	if (!operation)
		return ERROR_INVALID_PARAMETER;
	/* NTMS_INJECT_START and NTMS_EJECT_START are 0, the STOPs 1 */
	if (action == NTMS_INJECT_STOP)
		return libntms_operation_stop(s, operation, eject ?
					      NTMS_REQ_OP_EJECT_CLEANER :
					      NTMS_REQ_OP_INJECT_CLEANER);
	if (action != NTMS_INJECT_START)
		return ERROR_INVALID_PARAMETER;
	if (!(s->features & NTMS_FEATURE_CLEANER_PORT))
		return ERROR_NOT_SUPPORTED;

	memset(&cp, 0, sizeof(cp));
	libntms_guid_to_kernel(&cp.library, library);
	if (eject)
		cp.flags = NTMS_CLEANER_PORT_F_EJECT;
	else
		cp.cleans_left = cleans;
	err = libntms_ioctl(s->fd, NTMS_IOC_CLEANER_PORT, &cp);
	if (!err)
		libntms_guid_from_kernel(operation, &cp.request);
	return cleaner_error(err, ERROR_CLEANER_CARTRIDGE_INSTALLED);
}
