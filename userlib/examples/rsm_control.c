// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rsm_control: identify the cartridges of every storage slot of the
 * first library, or eject the cartridge of a standalone drive.
 *
 * Written only from Microsoft's documentation of the Removable Storage
 * Manager API (OpenNtmsSession, EnumerateNtmsObject, IdentifyNtmsSlot,
 * EjectDiskFromSADrive): it uses nothing but <ntmsapi.h> and links with
 * -lntms.
 *
 *   rsm_control identify
 *   rsm_control eject-sa DEVICE
 *
 * Exit status: 0, or 1 with the Win32 error printed; 2 for usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ntmsapi.h>

/* IdentifyNtmsSlot() on every storage slot of the first library */
static DWORD identify_all(HANDLE hSession)
{
	NTMS_GUID library, *slots;
	DWORD count = 1, ret, i;

	ret = EnumerateNtmsObject(hSession, NULL, &library, &count,
				  NTMS_LIBRARY, 0);
	if (ret != ERROR_SUCCESS && ret != ERROR_INSUFFICIENT_BUFFER)
		return ret;
	if (!count)
		return ERROR_OBJECT_NOT_FOUND;
	count = 0;
	ret = EnumerateNtmsObject(hSession, &library, NULL, &count,
				  NTMS_STORAGESLOT, 0);
	if (ret != ERROR_INSUFFICIENT_BUFFER)
		return ret;
	slots = (NTMS_GUID *)calloc(count ? count : 1, sizeof(*slots));
	if (!slots)
		return ERROR_NOT_ENOUGH_MEMORY;
	ret = EnumerateNtmsObject(hSession, &library, slots, &count,
				  NTMS_STORAGESLOT, 0);
	for (i = 0; ret == ERROR_SUCCESS && i < count; i++)
		ret = IdentifyNtmsSlot(hSession, &slots[i],
				       NTMS_DISMOUNT_IMMEDIATE);
	if (ret == ERROR_SUCCESS)
		printf("%u slots queued for identification\n",
		       (unsigned int)count);
	free(slots);
	return ret;
}

int main(int argc, char **argv)
{
	HANDLE hSession;
	HWND hWnd = NULL;
	DWORD ret;

	if (argc == 3 && !strcmp(argv[1], "eject-sa")) {
		ret = EjectDiskFromSADrive(NULL, "rsm_control", argv[2], hWnd,
					   "Eject", "Take the cartridge out",
					   NTMS_EJECT_IMMEDIATE);
		if (ret != ERROR_SUCCESS) {
			fprintf(stderr, "EjectDiskFromSADrive: error %u\n",
				(unsigned int)ret);
			return 1;
		}
		printf("%s: ejected\n", argv[2]);
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "identify")) {
		fprintf(stderr, "usage: rsm_control identify | eject-sa DEVICE\n");
		return 2;
	}
	hSession = OpenNtmsSession(NULL, "rsm_control", 0);
	if (hSession == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "OpenNtmsSession: error %u\n",
			(unsigned int)GetLastError());
		return 1;
	}
	ret = identify_all(hSession);
	CloseNtmsSession(hSession);
	if (ret != ERROR_SUCCESS) {
		fprintf(stderr, "IdentifyNtmsSlot: error %u\n",
			(unsigned int)ret);
		return 1;
	}
	return 0;
}
