// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exported RSM API: a thin layer that checks the handle first, then
 * NULL pointers, calls the lowercase internals, and stores the result as
 * the thread's last error. The contracts are documented in <ntmsapi.h>.
 */
#include "internal.h"

/*
 * The prologue of every call on a session: the handle first, then the
 * caller's pointers (@params_ok false: ERROR_INVALID_PARAMETER). On
 * ERROR_SUCCESS *@s is referenced; session_leave() drops it in any case.
 */
static DWORD session_enter(HANDLE hSession, bool params_ok,
			   struct libntms_session **s)
{
	*s = libntms_session_get(hSession);
	if (!*s)
		return ERROR_INVALID_HANDLE;
	if (!params_ok)
		return ERROR_INVALID_PARAMETER;
	return ERROR_SUCCESS;
}

/* The epilogue: release @s (may be NULL), store @ret as the last error. */
static DWORD session_leave(struct libntms_session *s, DWORD ret)
{
	libntms_session_put(s);
	return libntms_error_set(ret);
}

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
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpDriveId, &s);

	if (!ret)
		ret = libntms_drive_dismount(s, lpDriveId);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI MountNtmsMedia(HANDLE hSession,
					LPNTMS_GUID lpMediaId,
					LPNTMS_GUID lpDriveId, DWORD dwCount,
					DWORD dwOptions, int dwPriority,
					DWORD dwTimeout,
					LPNTMS_MOUNT_INFORMATION lpMountInformation)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpMediaId &&
				  (!lpMountInformation ||
				   lpMountInformation->dwSize ==
				   sizeof(*lpMountInformation)), &s);

	if (!ret)
		ret = libntms_media_mount(s, lpMediaId, lpDriveId, dwCount,
					  dwOptions, dwPriority, dwTimeout);
	/* a disabled cartridge, rather than a disabled drive or library */
	if (ret == ERROR_DEVICE_NOT_AVAILABLE &&
	    libntms_media_disabled(s, lpMediaId, dwCount))
		ret = ERROR_RESOURCE_DISABLED;
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI DismountNtmsMedia(HANDLE hSession,
					   LPNTMS_GUID lpMediaId,
					   DWORD dwCount, DWORD dwOptions)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpMediaId, &s);

	if (!ret)
		ret = libntms_media_dismount(s, lpMediaId, dwCount, dwOptions);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI EnumerateNtmsObject(HANDLE hSession,
					     const LPNTMS_GUID lpContainerId,
					     LPNTMS_GUID lpList,
					     LPDWORD lpdwListSize,
					     DWORD dwType, DWORD dwOptions)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpdwListSize, &s);

	if (!ret)
		ret = libntms_object_enumerate(s, lpContainerId, lpList,
					       lpdwListSize, dwType,
					       dwOptions);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI GetNtmsObjectInformationA(HANDLE hSession,
					LPNTMS_GUID lpObjectId,
					LPNTMS_OBJECTINFORMATIONA lpInfo)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpObjectId && lpInfo, &s);

	if (!ret)
		ret = libntms_object_info(s, lpObjectId, lpInfo);
	return session_leave(s, ret);
}

static DWORD set_enabled(HANDLE hSession, DWORD dwType,
			 LPNTMS_GUID lpObjectId, bool enable)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpObjectId, &s);

	if (!ret)
		ret = libntms_object_set_enabled(s, dwType, lpObjectId, enable);
	return session_leave(s, ret);
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
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibraryId, &s);

	if (!ret)
		ret = libntms_library_inventory(s, lpLibraryId, dwAction);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI InjectNtmsMediaEx(HANDLE hSession,
					   LPNTMS_GUID lpLibraryId,
					   LPNTMS_GUID lpPortId,
					   LPNTMS_GUID lpInjectOperation,
					   DWORD dwAction)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibraryId, &s);

	if (!ret)
		ret = libntms_library_inject(s, lpLibraryId, lpPortId,
					     lpInjectOperation, dwAction);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI InjectNtmsMedia(HANDLE hSession,
					 LPNTMS_GUID lpLibraryId,
					 LPNTMS_GUID lpInjectOperation,
					 DWORD dwAction)
{
	return InjectNtmsMediaEx(hSession, lpLibraryId, NULL,
				 lpInjectOperation, dwAction);
}

LIBNTMS_API DWORD WINAPI EjectNtmsMediaEx(HANDLE hSession,
					  LPNTMS_GUID lpMediaId,
					  LPNTMS_GUID lpPortId,
					  LPNTMS_GUID lpEjectOperation,
					  DWORD dwAction)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, true, &s);

	if (!ret)
		ret = libntms_media_eject(s, lpMediaId, lpPortId,
					  lpEjectOperation, dwAction);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI EjectNtmsMedia(HANDLE hSession,
					LPNTMS_GUID lpMediaId,
					LPNTMS_GUID lpEjectOperation,
					DWORD dwAction)
{
	return EjectNtmsMediaEx(hSession, lpMediaId, NULL, lpEjectOperation,
				dwAction);
}

LIBNTMS_API DWORD WINAPI CancelNtmsLibraryRequest(HANDLE hSession,
						  LPNTMS_GUID lpRequestId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret)
		ret = libntms_library_cancel(s, lpRequestId);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI IdentifyNtmsSlot(HANDLE hSession,
					  LPNTMS_GUID lpSlotId,
					  DWORD dwOption)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpSlotId, &s);

	if (!ret)
		ret = libntms_slot_identify(s, lpSlotId, dwOption);
	return session_leave(s, ret);
}

/* No session: the call opens its own. The window and texts: no UI. */
LIBNTMS_API DWORD WINAPI EjectDiskFromSADriveA(LPCSTR lpComputerName,
					       LPCSTR lpAppName,
					       LPCSTR lpDeviceName,
					       HANDLE hWnd, LPCSTR lpTitle,
					       LPCSTR lpMessage,
					       DWORD dwOptions)
{
	(void)hWnd;
	(void)lpTitle;
	(void)lpMessage;
	return libntms_error_set(libntms_sa_eject(lpComputerName, lpAppName,
						  lpDeviceName, dwOptions));
}

/* Not implemented: the handle and the pointers are still checked. */
static DWORD not_supported(HANDLE hSession, bool params_ok)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, params_ok, &s);

	if (!ret)
		ret = ERROR_NOT_SUPPORTED;
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI AccessNtmsLibraryDoor(HANDLE hSession,
					       LPNTMS_GUID lpLibraryId,
					       DWORD dwAction)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibraryId, &s);

	if (!ret)
		ret = libntms_library_door(s, lpLibraryId, dwAction);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI ReserveNtmsCleanerSlot(HANDLE hSession,
						LPNTMS_GUID lpLibrary,
						LPNTMS_GUID lpSlot)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibrary && lpSlot, &s);

	if (!ret)
		ret = libntms_cleaner_slot(s, lpLibrary, lpSlot);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI ReleaseNtmsCleanerSlot(HANDLE hSession,
						LPNTMS_GUID lpLibrary)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibrary, &s);

	if (!ret)
		ret = libntms_cleaner_slot(s, lpLibrary, NULL);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI InjectNtmsCleaner(HANDLE hSession,
					   LPNTMS_GUID lpLibrary,
					   LPNTMS_GUID lpInjectOperation,
					   DWORD dwNumberOfCleansLeft,
					   DWORD dwAction)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibrary, &s);

	if (!ret)
		ret = libntms_cleaner_port(s, lpLibrary, lpInjectOperation,
					   dwNumberOfCleansLeft, dwAction,
					   false);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI EjectNtmsCleaner(HANDLE hSession,
					  LPNTMS_GUID lpLibrary,
					  LPNTMS_GUID lpEjectOperation,
					  DWORD dwAction)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibrary, &s);

	if (!ret)
		ret = libntms_cleaner_port(s, lpLibrary, lpEjectOperation, 0,
					   dwAction, true);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI CleanNtmsDrive(HANDLE hSession,
					LPNTMS_GUID lpDriveId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpDriveId, &s);

	if (!ret)
		ret = libntms_clean_drive(s, lpDriveId);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI GetNtmsRequestOrder(HANDLE hSession,
					     LPNTMS_GUID lpRequestId,
					     LPDWORD lpdwOrderNumber)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId && lpdwOrderNumber,
				  &s);

	if (!ret)
		ret = libntms_request_order(s, lpRequestId, lpdwOrderNumber,
					    false);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI SetNtmsRequestOrder(HANDLE hSession,
					     LPNTMS_GUID lpRequestId,
					     DWORD dwOrderNumber)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret)
		ret = libntms_request_order(s, lpRequestId, &dwOrderNumber,
					    true);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI DeleteNtmsRequests(HANDLE hSession,
					    LPNTMS_GUID lpRequestId,
					    DWORD dwType, DWORD dwCount)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret && dwType != NTMS_LIBREQUEST && dwType != NTMS_OPREQUEST)
		ret = ERROR_INVALID_PARAMETER;
	if (!ret)
		ret = libntms_delete(s, lpRequestId, dwType, dwCount);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI SubmitNtmsOperatorRequestA(HANDLE hSession,
						    DWORD dwRequest,
						    LPCSTR lpMessage,
						    LPNTMS_GUID lpArg1Id,
						    LPNTMS_GUID lpArg2Id,
						    LPNTMS_GUID lpRequestId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret)
		ret = libntms_opreq_submit(s, dwRequest, lpMessage, lpArg1Id,
					   lpArg2Id, lpRequestId);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI WaitForNtmsOperatorRequest(HANDLE hSession,
						    LPNTMS_GUID lpRequestId,
						    DWORD dwTimeout)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret)
		ret = libntms_opreq_wait(s, lpRequestId, dwTimeout);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI SatisfyNtmsOperatorRequest(HANDLE hSession,
						    LPNTMS_GUID lpRequestId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret)
		ret = libntms_opreq_act(s, lpRequestId, true);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI CancelNtmsOperatorRequest(HANDLE hSession,
						   LPNTMS_GUID lpRequestId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpRequestId, &s);

	if (!ret)
		ret = libntms_opreq_act(s, lpRequestId, false);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI DeleteNtmsLibrary(HANDLE hSession,
					   LPNTMS_GUID lpLibraryId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpLibraryId, &s);

	if (!ret)
		ret = libntms_delete(s, lpLibraryId, NTMS_LIBRARY, 1);
	return session_leave(s, ret);
}

LIBNTMS_API DWORD WINAPI DeleteNtmsDrive(HANDLE hSession,
					 LPNTMS_GUID lpDriveId)
{
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, lpDriveId, &s);

	if (!ret)
		ret = libntms_delete(s, lpDriveId, NTMS_DRIVE, 1);
	return session_leave(s, ret);
}

/*
 * Windows only (see <ntmsapi.h>): the handle is still checked, so that a
 * program's error paths behave as with every other call.
 */
LIBNTMS_API DWORD WINAPI GetNtmsUIOptionsA(HANDLE hSession,
					   const LPNTMS_GUID lpObjectId,
					   DWORD dwType, LPSTR lpszDestination,
					   LPDWORD lpdwBufSize)
{
	(void)lpObjectId;
	(void)dwType;
	(void)lpszDestination;
	(void)lpdwBufSize;
	return not_supported(hSession, true);
}

LIBNTMS_API DWORD WINAPI SetNtmsUIOptionsA(HANDLE hSession,
					   const LPNTMS_GUID lpObjectId,
					   DWORD dwType, DWORD dwOperation,
					   LPCSTR lpszDestination)
{
	(void)lpObjectId;
	(void)dwType;
	(void)dwOperation;
	(void)lpszDestination;
	return not_supported(hSession, true);
}

LIBNTMS_API DWORD WINAPI GetVolumesFromDriveA(LPSTR pszDriveName,
					      LPSTR *VolumeNameBufferPtr,
					      LPSTR *DriveLetterBufferPtr)
{
	(void)pszDriveName;
	(void)VolumeNameBufferPtr;
	(void)DriveLetterBufferPtr;
	return libntms_error_set(ERROR_NOT_SUPPORTED);
}

LIBNTMS_API HANDLE WINAPI OpenNtmsNotification(HANDLE hSession,
					       DWORD dwType)
{
	HANDLE handle = INVALID_HANDLE_VALUE;
	struct libntms_session *s;
	DWORD ret = session_enter(hSession, true, &s);

	if (!ret)
		ret = libntms_notification_open(s, hSession, dwType, &handle);
	if (session_leave(s, ret))
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
