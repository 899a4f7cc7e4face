// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * rsm_queue: show the library requests of this machine, each with its
 * state and its place in its library's queue; optionally move one to
 * the front, and forget the requests that have ended.
 *
 * Written only from Microsoft's documentation of the Removable Storage
 * Manager's library control functions (EnumerateNtmsObject,
 * GetNtmsObjectInformation, GetNtmsRequestOrder, SetNtmsRequestOrder,
 * DeleteNtmsRequests): it uses nothing but <ntmsapi.h> and links with
 * -lntms.
 *
 *   rsm_queue [--first N] [--purge]
 *
 * --first N moves the Nth request listed to the front of its queue;
 * --purge deletes the completed, failed and cancelled requests.
 * Exit status: 0, or 1 with the Win32 error printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ntmsapi.h>

static const char *state_name(DWORD dwState)
{
	switch (dwState) {
	case NTMS_LM_QUEUED:	return "queued";
	case NTMS_LM_INPROCESS:	return "in process";
	case NTMS_LM_PASSED:	return "passed";
	case NTMS_LM_FAILED:	return "failed";
	case NTMS_LM_INVALID:	return "invalid";
	case NTMS_LM_WAITING:	return "waiting";
	case NTMS_LM_DEFERRED:	return "deferred";
	case NTMS_LM_CANCELLED:	return "cancelled";
	case NTMS_LM_STOPPED:	return "stopped";
	default:		return "?";
	}
}

static int done(DWORD dwState)
{
	return dwState == NTMS_LM_PASSED || dwState == NTMS_LM_FAILED ||
	       dwState == NTMS_LM_CANCELLED || dwState == NTMS_LM_STOPPED ||
	       dwState == NTMS_LM_INVALID;
}

static int fail(const char *what, DWORD dwError)
{
	fprintf(stderr, "%s: error %lu\n", what, (unsigned long)dwError);
	return 1;
}

int main(int argc, char **argv)
{
	NTMS_OBJECTINFORMATION info;
	LPNTMS_GUID lpList = NULL, lpDone;
	DWORD dwSize = 0, dwDone = 0, dwOrder, dwError, i;
	DWORD dwFirst = 0;
	int bPurge = 0, a;
	HANDLE hSession;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--purge"))
			bPurge = 1;
		else if (!strcmp(argv[a], "--first") && a + 1 < argc)
			dwFirst = (DWORD)strtoul(argv[++a], NULL, 10);
		else
			return fprintf(stderr, "usage: rsm_queue [--first N] [--purge]\n"), 2;
	}
	hSession = OpenNtmsSession(NULL, "rsm_queue", 0);
	if (hSession == INVALID_HANDLE_VALUE)
		return fail("OpenNtmsSession", GetLastError());

	/* the list of requests: ask for its size, then retry until it fits */
	dwError = EnumerateNtmsObject(hSession, NULL, NULL, &dwSize,
				      NTMS_LIBREQUEST, 0);
	while (dwError == ERROR_INSUFFICIENT_BUFFER) {
		free(lpList);
		lpList = (LPNTMS_GUID)malloc((dwSize + 1) * sizeof(NTMS_GUID));
		if (!lpList)
			return fail("malloc", ERROR_NOT_ENOUGH_MEMORY);
		dwError = EnumerateNtmsObject(hSession, NULL, lpList, &dwSize,
					      NTMS_LIBREQUEST, 0);
	}
	if (dwError != ERROR_SUCCESS)
		return fail("EnumerateNtmsObject", dwError);
	lpDone = (LPNTMS_GUID)malloc((dwSize + 1) * sizeof(NTMS_GUID));
	if (!lpDone)
		return fail("malloc", ERROR_NOT_ENOUGH_MEMORY);

	if (dwFirst >= 1 && dwFirst <= dwSize) {
		dwError = SetNtmsRequestOrder(hSession, &lpList[dwFirst - 1], 1);
		if (dwError != ERROR_SUCCESS)
			return fail("SetNtmsRequestOrder", dwError);
	}

	printf("%lu requests\n", (unsigned long)dwSize);
	for (i = 0; i < dwSize; i++) {
		memset(&info, 0, sizeof(info));
		info.dwSize = sizeof(info);
		info.dwType = NTMS_LIBREQUEST;
		dwError = GetNtmsObjectInformation(hSession, &lpList[i], &info);
		if (dwError == ERROR_OBJECT_NOT_FOUND)
			continue;	/* gone meanwhile */
		if (dwError != ERROR_SUCCESS)
			return fail("GetNtmsObjectInformation", dwError);
		dwError = GetNtmsRequestOrder(hSession, &lpList[i], &dwOrder);
		if (dwError != ERROR_SUCCESS)
			return fail("GetNtmsRequestOrder", dwError);
		printf("  %2lu. operation %lu, %s", (unsigned long)(i + 1),
		       (unsigned long)info.Info.LibRequest.OperationCode,
		       state_name(info.Info.LibRequest.State));
		if (dwOrder)
			printf(", place %lu in the queue",
			       (unsigned long)dwOrder);
		printf("\n");
		if (done(info.Info.LibRequest.State))
			lpDone[dwDone++] = lpList[i];
	}

	if (bPurge && dwDone) {
		dwError = DeleteNtmsRequests(hSession, lpDone, NTMS_LIBREQUEST,
					     dwDone);
		if (dwError != ERROR_SUCCESS)
			return fail("DeleteNtmsRequests", dwError);
		printf("%lu ended requests deleted\n", (unsigned long)dwDone);
	}
	free(lpDone);
	free(lpList);
	CloseNtmsSession(hSession);
	return 0;
}
