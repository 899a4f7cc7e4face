// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rsm_list: list the libraries, drives and media of this machine, and
 * optionally mount the first idle cartridge and dismount it again.
 *
 * Written only from Microsoft's documentation of the Removable Storage
 * Manager API (OpenNtmsSession, EnumerateNtmsObject,
 * GetNtmsObjectInformation, MountNtmsMedia, DismountNtmsMedia): it uses
 * nothing but <ntmsapi.h> and links with -lntms.
 *
 *   rsm_list [--mount]
 *
 * Exit status: 0, or 1 with the Win32 error printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ntmsapi.h>

static void print_guid(const NTMS_GUID *g)
{
	printf("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	       (unsigned int)g->Data1, g->Data2, g->Data3,
	       g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3],
	       g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
}

/* Enumerate objects of dwType in lpContainer; the list is malloc'ed. */
static DWORD enumerate(HANDLE hSession, LPNTMS_GUID lpContainer,
		       DWORD dwType, LPNTMS_GUID *lpList, DWORD *lpdwCount)
{
	DWORD dwSize = 0;
	LPNTMS_GUID lpGuids = NULL;
	DWORD dwError;

	/* ask for the size first, then retry until the list fits */
	dwError = EnumerateNtmsObject(hSession, lpContainer, NULL, &dwSize,
				      dwType, 0);
	while (dwError == ERROR_INSUFFICIENT_BUFFER) {
		free(lpGuids);
		lpGuids = (LPNTMS_GUID)malloc(dwSize * sizeof(NTMS_GUID));
		if (!lpGuids)
			return ERROR_NOT_ENOUGH_MEMORY;
		dwError = EnumerateNtmsObject(hSession, lpContainer, lpGuids,
					      &dwSize, dwType, 0);
	}
	if (dwError != ERROR_SUCCESS) {
		free(lpGuids);
		return dwError;
	}
	*lpList = lpGuids;
	*lpdwCount = dwSize;
	return ERROR_SUCCESS;
}

static DWORD get_info(HANDLE hSession, LPNTMS_GUID lpId, DWORD dwType,
		      NTMS_OBJECTINFORMATION *pInfo)
{
	pInfo->dwSize = sizeof(NTMS_OBJECTINFORMATION);
	pInfo->dwType = dwType;
	return GetNtmsObjectInformation(hSession, lpId, pInfo);
}

static DWORD list_drives(HANDLE hSession, LPNTMS_GUID lpLibrary)
{
	NTMS_OBJECTINFORMATION info;
	LPNTMS_GUID lpList;
	DWORD dwCount, i, dwError;

	dwError = enumerate(hSession, lpLibrary, NTMS_DRIVE, &lpList,
			    &dwCount);
	if (dwError != ERROR_SUCCESS)
		return dwError;
	for (i = 0; i < dwCount; i++) {
		dwError = get_info(hSession, &lpList[i], NTMS_DRIVE, &info);
		if (dwError != ERROR_SUCCESS)
			break;
		printf("  drive %u: %s, state %u, %s, serial %s, device %s\n",
		       (unsigned int)info.Info.Drive.Number, info.szName,
		       (unsigned int)info.Info.Drive.State,
		       info.Enabled ? "enabled" : "disabled",
		       info.Info.Drive.szSerialNumber,
		       info.Info.Drive.szDeviceName[0] ?
		       info.Info.Drive.szDeviceName : "-");
	}
	free(lpList);
	return dwError;
}

static DWORD list_media(HANDLE hSession, LPNTMS_GUID lpLibrary)
{
	NTMS_OBJECTINFORMATION info;
	LPNTMS_GUID lpList;
	DWORD dwCount, i, dwError;

	dwError = enumerate(hSession, lpLibrary, NTMS_PHYSICAL_MEDIA, &lpList,
			    &dwCount);
	if (dwError != ERROR_SUCCESS)
		return dwError;
	for (i = 0; i < dwCount; i++) {
		dwError = get_info(hSession, &lpList[i], NTMS_PHYSICAL_MEDIA,
				   &info);
		if (dwError != ERROR_SUCCESS)
			break;
		printf("  media %s: barcode \"%s\", state %u, location type %u\n",
		       info.szName, info.Info.PhysicalMedia.szBarCode,
		       (unsigned int)info.Info.PhysicalMedia.MediaState,
		       (unsigned int)info.Info.PhysicalMedia.LocationType);
	}
	free(lpList);
	return dwError;
}

/* Mount the first idle cartridge of lpLibrary, show where, dismount it. */
static DWORD mount_one(HANDLE hSession, LPNTMS_GUID lpLibrary)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID driveId;
	LPNTMS_GUID lpList;
	DWORD dwCount, i, dwError;

	dwError = enumerate(hSession, lpLibrary, NTMS_PHYSICAL_MEDIA, &lpList,
			    &dwCount);
	if (dwError != ERROR_SUCCESS)
		return dwError;
	for (i = 0; i < dwCount; i++) {
		dwError = get_info(hSession, &lpList[i], NTMS_PHYSICAL_MEDIA,
				   &info);
		if (dwError != ERROR_SUCCESS)
			goto out;
		if (info.Info.PhysicalMedia.MediaState == NTMS_MEDIASTATE_IDLE)
			break;
	}
	if (i == dwCount) {
		printf("  no idle media to mount\n");
		goto out;
	}

	printf("  mounting \"%s\"\n", info.Info.PhysicalMedia.szBarCode);
	dwError = MountNtmsMedia(hSession, &lpList[i], &driveId, 1,
				 NTMS_MOUNT_READ | NTMS_MOUNT_WRITE,
				 NTMS_PRIORITY_NORMAL, 60000, NULL);
	if (dwError != ERROR_SUCCESS)
		goto out;
	dwError = get_info(hSession, &driveId, NTMS_DRIVE, &info);
	if (dwError != ERROR_SUCCESS)
		goto out;
	printf("  mounted in %s (%s)\n", info.szName,
	       info.Info.Drive.szDeviceName);
	dwError = DismountNtmsMedia(hSession, &lpList[i], 1,
				    NTMS_DISMOUNT_IMMEDIATE);
	if (dwError == ERROR_SUCCESS)
		printf("  dismount queued\n");
out:
	free(lpList);
	return dwError;
}

int main(int argc, char **argv)
{
	BOOL bMount = argc > 1 && !strcmp(argv[1], "--mount");
	NTMS_OBJECTINFORMATION info;
	LPNTMS_GUID lpLibraries;
	DWORD dwLibraries, i, dwError;
	HANDLE hSession;

	hSession = OpenNtmsSession(NULL, "rsm_list", 0);
	if (hSession == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "OpenNtmsSession: error %u\n",
			(unsigned int)GetLastError());
		return 1;
	}

	dwError = enumerate(hSession, NULL, NTMS_LIBRARY, &lpLibraries,
			    &dwLibraries);
	if (dwError != ERROR_SUCCESS)
		goto out;
	printf("%u libraries\n", (unsigned int)dwLibraries);
	for (i = 0; i < dwLibraries; i++) {
		dwError = get_info(hSession, &lpLibraries[i], NTMS_LIBRARY,
				   &info);
		if (dwError != ERROR_SUCCESS)
			break;
		printf("library %s (", info.szName);
		print_guid(&info.ObjectGuid);
		printf("): type %u, %u drives, %u slots, %u ports, %u media\n",
		       (unsigned int)info.Info.Library.LibraryType,
		       (unsigned int)info.Info.Library.dwNumberOfDrives,
		       (unsigned int)info.Info.Library.dwNumberOfSlots,
		       (unsigned int)info.Info.Library.dwNumberOfPorts,
		       (unsigned int)info.Info.Library.dwNumberOfMedia);
		dwError = list_drives(hSession, &lpLibraries[i]);
		if (dwError != ERROR_SUCCESS)
			break;
		dwError = list_media(hSession, &lpLibraries[i]);
		if (dwError != ERROR_SUCCESS)
			break;
		if (bMount && info.Info.Library.LibraryType ==
		    NTMS_LIBRARYTYPE_ONLINE) {
			dwError = mount_one(hSession, &lpLibraries[i]);
			if (dwError != ERROR_SUCCESS)
				break;
		}
	}
	free(lpLibraries);
out:
	CloseNtmsSession(hSession);
	if (dwError != ERROR_SUCCESS) {
		fprintf(stderr, "rsm_list: error %u\n", (unsigned int)dwError);
		return 1;
	}
	return 0;
}
