// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rsm_control: identify the cartridges of every storage slot of the
 * first library, clean its drives, or eject the cartridge of a
 * standalone drive.
 *
 * Written only from Microsoft's documentation of the Removable Storage
 * Manager API (OpenNtmsSession, EnumerateNtmsObject, IdentifyNtmsSlot,
 * CleanNtmsDrive, GetNtmsObjectInformation, EjectDiskFromSADrive): it
 * uses nothing but <ntmsapi.h> and links with -lntms.
 *
 *   rsm_control identify
 *   rsm_control clean
 *   rsm_control eject-sa DEVICE
 *
 * Exit status: 0, or 1 with the Win32 error printed; 2 for usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ntmsapi.h>

/* a calloc()ed list of the objects of @type in @container (NULL: all) */
static DWORD list_objects(HANDLE hSession, LPNTMS_GUID container, DWORD type,
			  LPNTMS_GUID *list, LPDWORD count)
{
	DWORD n = 0, ret;

	ret = EnumerateNtmsObject(hSession, container, NULL, &n, type, 0);
	if (ret != ERROR_SUCCESS && ret != ERROR_INSUFFICIENT_BUFFER)
		return ret;
	*list = (NTMS_GUID *)calloc(n ? n : 1, sizeof(**list));
	if (!*list)
		return ERROR_NOT_ENOUGH_MEMORY;
	ret = n ? EnumerateNtmsObject(hSession, container, *list, &n, type, 0) :
		  ERROR_SUCCESS;
	*count = n;
	if (ret != ERROR_SUCCESS)
		free(*list);
	return ret;
}

/* the objects of @type in the first library with a robot */
static DWORD first_library_list(HANDLE hSession, DWORD type,
				LPNTMS_GUID library, LPNTMS_GUID *list,
				LPDWORD count)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID *libs;
	DWORD n, i, ret;

	ret = list_objects(hSession, NULL, NTMS_LIBRARY, &libs, &n);
	if (ret != ERROR_SUCCESS)
		return ret;
	for (i = 0; i < n; i++) {
		memset(&info, 0, sizeof(info));
		info.dwSize = sizeof(info);
		info.dwType = NTMS_LIBRARY;
		if (GetNtmsObjectInformation(hSession, &libs[i], &info) ==
		    ERROR_SUCCESS &&
		    info.Info.Library.LibraryType == NTMS_LIBRARYTYPE_ONLINE)
			break;
	}
	if (i == n) {
		free(libs);
		return ERROR_OBJECT_NOT_FOUND;
	}
	*library = libs[i];
	free(libs);
	return list_objects(hSession, library, type, list, count);
}

/* IdentifyNtmsSlot() on every storage slot of the first library */
static DWORD identify_all(HANDLE hSession)
{
	NTMS_GUID library, *slots;
	DWORD count, ret, i;

	ret = first_library_list(hSession, NTMS_STORAGESLOT, &library, &slots,
				 &count);
	if (ret != ERROR_SUCCESS)
		return ret;
	for (i = 0; ret == ERROR_SUCCESS && i < count; i++)
		ret = IdentifyNtmsSlot(hSession, &slots[i],
				       NTMS_DISMOUNT_IMMEDIATE);
	if (ret == ERROR_SUCCESS)
		printf("%u slots queued for identification\n",
		       (unsigned int)count);
	free(slots);
	return ret;
}

/* CleanNtmsDrive() on every drive of the first library */
static DWORD clean_all(HANDLE hSession)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID library, *drives;
	DWORD count, ret, i;

	ret = first_library_list(hSession, NTMS_DRIVE, &library, &drives,
				 &count);
	if (ret != ERROR_SUCCESS)
		return ret;
	for (i = 0; ret == ERROR_SUCCESS && i < count; i++)
		ret = CleanNtmsDrive(hSession, &drives[i]);
	free(drives);
	if (ret != ERROR_SUCCESS)
		return ret;
	memset(&info, 0, sizeof(info));
	info.dwSize = sizeof(info);
	info.dwType = NTMS_LIBRARY;
	ret = GetNtmsObjectInformation(hSession, &library, &info);
	if (ret == ERROR_SUCCESS)
		printf("%u drives queued for cleaning; cleaner uses left: %u\n",
		       (unsigned int)count,
		       (unsigned int)info.Info.Library.dwCleanerUsesRemaining);
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
	if (argc != 2 ||
	    (strcmp(argv[1], "identify") && strcmp(argv[1], "clean"))) {
		fprintf(stderr, "usage: rsm_control identify | clean | eject-sa DEVICE\n");
		return 2;
	}
	hSession = OpenNtmsSession(NULL, "rsm_control", 0);
	if (hSession == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "OpenNtmsSession: error %u\n",
			(unsigned int)GetLastError());
		return 1;
	}
	if (!strcmp(argv[1], "clean"))
		ret = clean_all(hSession);
	else
		ret = identify_all(hSession);
	CloseNtmsSession(hSession);
	if (ret != ERROR_SUCCESS) {
		fprintf(stderr, "%s: error %u\n", argv[1], (unsigned int)ret);
		return 1;
	}
	return 0;
}
