// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exported RSM API: a thin layer that checks the handle first, then
 * NULL pointers, calls the lowercase internals, and stores the result as
 * the thread's last error. The contracts are documented in <ntmsapi.h>.
 */
#include "internal.h"

LIBNTMS_API DWORD WINAPI GetLastError(void)
{
	return libntms_error_get();
}

LIBNTMS_API void WINAPI SetLastError(DWORD dwErrCode)
{
	libntms_error_set(dwErrCode);
}

LIBNTMS_API HANDLE WINAPI OpenNtmsSessionA(LPCSTR lpServer,
					   LPCSTR lpApplication,
					   DWORD dwOptions)
{
	HANDLE handle;

	if (libntms_error_set(libntms_session_open(lpServer, lpApplication,
						   dwOptions, &handle)))
		return INVALID_HANDLE_VALUE;
	return handle;
}

LIBNTMS_API DWORD WINAPI CloseNtmsSession(HANDLE hSession)
{
	return libntms_error_set(libntms_session_close(hSession));
}

LIBNTMS_API DWORD WINAPI DismountNtmsDrive(HANDLE hSession,
					   LPNTMS_GUID lpDriveId)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpDriveId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_drive_dismount(s, lpDriveId);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI MountNtmsMedia(HANDLE hSession,
					LPNTMS_GUID lpMediaId,
					LPNTMS_GUID lpDriveId, DWORD dwCount,
					DWORD dwOptions, int dwPriority,
					DWORD dwTimeout,
					LPNTMS_MOUNT_INFORMATION lpMountInformation)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpMediaId)
		ret = ERROR_INVALID_PARAMETER;
	else if (lpMountInformation &&
		 lpMountInformation->dwSize != sizeof(*lpMountInformation))
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_media_mount(s, lpMediaId, lpDriveId, dwCount,
					  dwOptions, dwPriority, dwTimeout);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI DismountNtmsMedia(HANDLE hSession,
					   LPNTMS_GUID lpMediaId,
					   DWORD dwCount, DWORD dwOptions)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpMediaId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_media_dismount(s, lpMediaId, dwCount, dwOptions);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI EnumerateNtmsObject(HANDLE hSession,
					     const LPNTMS_GUID lpContainerId,
					     LPNTMS_GUID lpList,
					     LPDWORD lpdwListSize,
					     DWORD dwType, DWORD dwOptions)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpdwListSize)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_object_enumerate(s, lpContainerId, lpList,
					       lpdwListSize, dwType,
					       dwOptions);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI GetNtmsObjectInformationA(HANDLE hSession,
					LPNTMS_GUID lpObjectId,
					LPNTMS_OBJECTINFORMATIONA lpInfo)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpObjectId || !lpInfo)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_object_info(s, lpObjectId, lpInfo);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

static DWORD set_enabled(HANDLE hSession, DWORD dwType,
			 LPNTMS_GUID lpObjectId, bool enable)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpObjectId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_object_set_enabled(s, dwType, lpObjectId, enable);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI EnableNtmsObject(HANDLE hSession, DWORD dwType,
					  LPNTMS_GUID lpObjectId)
{
	return set_enabled(hSession, dwType, lpObjectId, true);
}

LIBNTMS_API DWORD WINAPI DisableNtmsObject(HANDLE hSession, DWORD dwType,
					   LPNTMS_GUID lpObjectId)
{
	return set_enabled(hSession, dwType, lpObjectId, false);
}

LIBNTMS_API DWORD WINAPI InventoryNtmsLibrary(HANDLE hSession,
					      LPNTMS_GUID lpLibraryId,
					      DWORD dwAction)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpLibraryId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_library_inventory(s, lpLibraryId, dwAction);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI InjectNtmsMedia(HANDLE hSession,
					 LPNTMS_GUID lpLibraryId,
					 LPNTMS_GUID lpInjectOperation,
					 DWORD dwAction)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpLibraryId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_library_inject(s, lpLibraryId, lpInjectOperation,
					     dwAction);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI EjectNtmsMedia(HANDLE hSession,
					LPNTMS_GUID lpMediaId,
					LPNTMS_GUID lpEjectOperation,
					DWORD dwAction)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else
		ret = libntms_media_eject(s, lpMediaId, lpEjectOperation,
					  dwAction);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI CancelNtmsLibraryRequest(HANDLE hSession,
						  LPNTMS_GUID lpRequestId)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpRequestId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = libntms_library_cancel(s, lpRequestId);
	libntms_session_put(s);
	return libntms_error_set(ret);
}

/* Not implemented yet: the handle and the GUID are still checked. */
static DWORD not_supported(HANDLE hSession, LPNTMS_GUID lpId)
{
	struct libntms_session *s = libntms_session_get(hSession);
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else if (!lpId)
		ret = ERROR_INVALID_PARAMETER;
	else
		ret = ERROR_NOT_SUPPORTED;
	libntms_session_put(s);
	return libntms_error_set(ret);
}

LIBNTMS_API DWORD WINAPI AccessNtmsLibraryDoor(HANDLE hSession,
					       LPNTMS_GUID lpLibraryId,
					       DWORD dwAction)
{
	(void)dwAction;
	return not_supported(hSession, lpLibraryId);
}

LIBNTMS_API DWORD WINAPI CleanNtmsDrive(HANDLE hSession,
					LPNTMS_GUID lpDriveId)
{
	return not_supported(hSession, lpDriveId);
}

LIBNTMS_API HANDLE WINAPI OpenNtmsNotification(HANDLE hSession,
					       DWORD dwType)
{
	struct libntms_session *s = libntms_session_get(hSession);
	HANDLE handle = INVALID_HANDLE_VALUE;
	DWORD ret;

	if (!s)
		ret = ERROR_INVALID_HANDLE;
	else
		ret = libntms_notification_open(s, hSession, dwType, &handle);
	libntms_session_put(s);
	if (libntms_error_set(ret))
		return INVALID_HANDLE_VALUE;
	return handle;
}

LIBNTMS_API DWORD WINAPI WaitForNtmsNotification(HANDLE hNotification,
			LPNTMS_NOTIFICATIONINFORMATION lpNotificationInformation,
			DWORD dwTimeout)
{
	return libntms_error_set(libntms_notification_wait(hNotification,
						lpNotificationInformation,
						dwTimeout));
}

LIBNTMS_API DWORD WINAPI CloseNtmsNotification(HANDLE hNotification)
{
	return libntms_error_set(libntms_notification_close(hNotification));
}
