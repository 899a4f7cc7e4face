// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Library Control: IdentifyNtmsSlot() (one storage slot read again, a
 * queued request) and EjectDiskFromSADrive() (unload the cartridge of a
 * standalone tape drive named by its Linux device).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

/**
 * libntms_slot_identify() - IdentifyNtmsSlot()
 * @s: the session
 * @slot: the storage slot
 * @option: 0, NTMS_DISMOUNT_DEFERRED or NTMS_DISMOUNT_IMMEDIATE (no
 *	cartridge is put in a drive to identify it: all the same)
 *
 * Return: see IdentifyNtmsSlot().
 */
DWORD libntms_slot_identify(struct libntms_session *s, const NTMS_GUID *slot,
			    DWORD option)
{
	struct ntms_identify_slot is;

	if (option != 0 && option != NTMS_DISMOUNT_DEFERRED &&
	    option != NTMS_DISMOUNT_IMMEDIATE)
		return ERROR_INVALID_PARAMETER;
	if (!(s->features & NTMS_FEATURE_IDENTIFY_SLOT))
		return ERROR_NOT_SUPPORTED;
	memset(&is, 0, sizeof(is));
	libntms_guid_to_kernel(&is.slot, slot);
	/* Microsoft: a slot ID that is not valid is a bad parameter */
	return libntms_error_from_errno(libntms_ioctl(s->fd,
						      NTMS_IOC_IDENTIFY_SLOT,
						      &is),
					ERROR_INVALID_PARAMETER, 0);
}

/*
 * The number N of a st device name: "/dev/nst0", "/dev/st0", "nst0l",
 * "st0" (the modes l, m and a too); -1 for anything else.
 */
static long tape_number(const char *name)
{
	const char *base = strrchr(name, '/');
	char *end;
	long n;

	base = base ? base + 1 : name;
	if (base[0] == 'n')
		base++;
	if (strncmp(base, "st", 2) || !isdigit((unsigned char)base[2]))
		return -1;
	errno = 0;
	n = strtol(base + 2, &end, 10);
	if (errno || n > INT_MAX)
		return -1;
	if (*end == 'l' || *end == 'm' || *end == 'a')
		end++;
	return *end ? -1 : n;
}

/*
 * The standalone drive whose tape device is @device: a path ("/dev/nst0",
 * or a link to it such as /dev/tape/by-ntms/...) or a name ("nst0").
 * ERROR_INVALID_PARAMETER when no standalone drive known to the driver
 * has that tape device.
 */
static DWORD sa_drive_find(int fd, const char *device, struct ntms_guid *drive)
{
	char path[PATH_MAX];
	struct ntms_object_info oi;
	struct ntms_enumerate en;
	struct ntms_guid *list = NULL;
	DWORD ret = ERROR_INVALID_PARAMETER;
	long want;
	uint32_t i;
	int err;

	want = tape_number(device[0] == '/' && realpath(device, path) ?
			   path : device);
	if (want < 0)
		return ERROR_INVALID_PARAMETER;
	memset(&en, 0, sizeof(en));
	en.type = NTMS_TYPE_DRIVE;
	for (;;) {
		err = libntms_ioctl(fd, NTMS_IOC_ENUMERATE, &en);
		if (err != EOVERFLOW)
			break;
		free(list);
		list = calloc(en.count, sizeof(*list));
		if (!list)
			return ERROR_NOT_ENOUGH_MEMORY;
		en.list = (uintptr_t)list;
	}
	if (err) {
		ret = libntms_error_from_errno(err, 0, 0);
		goto out;
	}
	for (i = 0; i < en.count; i++) {
		memset(&oi, 0, sizeof(oi));
		oi.id = list[i];
		oi.type = NTMS_TYPE_DRIVE;
		if (libntms_ioctl(fd, NTMS_IOC_GET_INFO, &oi))
			continue;	/* gone meanwhile */
		if (!(oi.u.drive.flags & NTMS_DRIVE_F_STANDALONE) ||
		    tape_number(oi.u.drive.tape_name) != want)
			continue;
		*drive = list[i];
		ret = ERROR_SUCCESS;
		break;
	}
out:
	free(list);
	return ret;
}

/**
 * libntms_sa_eject() - EjectDiskFromSADriveA()
 * @computer: the computer name (NULL: this machine)
 * @application: the application name, or NULL
 * @device: the standalone drive's tape device
 * @options: NTMS_EJECT_*
 *
 * A session of its own for the call: the driver checks the caller's
 * CONTROL access to the drive's library.
 *
 * Return: see EjectDiskFromSADriveA().
 */
DWORD libntms_sa_eject(const char *computer, const char *application,
		       const char *device, DWORD options)
{
	struct ntms_session_setup setup;
	struct ntms_unload_drive ud;
	uint64_t features;
	DWORD ret;
	int fd;

	switch (options) {
	case NTMS_EJECT_START:
	case NTMS_EJECT_QUEUE:
	case NTMS_EJECT_FORCE:
	case NTMS_EJECT_IMMEDIATE:
	case NTMS_EJECT_ASK_USER:
		break;
	case NTMS_EJECT_STOP:	/* nothing is left running to stop */
		return ERROR_INVALID_OPERATION;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	if (!device)
		return ERROR_INVALID_PARAMETER;
	if (!libntms_server_is_local(computer))
		return ERROR_INVALID_COMPUTERNAME;

	fd = libntms_device_open(0, &ret, &features);
	if (fd < 0)
		return ret;
	ret = ERROR_NOT_SUPPORTED;
	if (!(features & NTMS_FEATURE_UNLOAD))
		goto out_close;
	if (application) {
		/* a name is a nicety: its failure is not the call's */
		memset(&setup, 0, sizeof(setup));
		snprintf(setup.application, sizeof(setup.application), "%s",
			 application);
		libntms_ioctl(fd, NTMS_IOC_SET_APPLICATION, &setup);
	}
	memset(&ud, 0, sizeof(ud));
	ret = sa_drive_find(fd, device, &ud.drive);
	if (ret)
		goto out_close;
	ret = libntms_error_from_errno(libntms_ioctl(fd, NTMS_IOC_UNLOAD_DRIVE,
						     &ud),
				       ERROR_INVALID_PARAMETER, 0);
out_close:
	close(fd);
	return ret;
}
