/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the libntms tests: public API only.
 */
#ifndef LIBNTMS_TEST_H
#define LIBNTMS_TEST_H

#include <stdio.h>
#include <string.h>

#include <ntmsapi.h>

/*
 * Call every function that takes a session or notification handle with
 * @h and otherwise valid-looking (or NULL) arguments: each must give
 * ERROR_INVALID_HANDLE, as its result and as the thread's last error.
 * Usable in a forked child (no harness macros).
 *
 * Return: the number of calls that did not.
 */
static int check_all_invalid(HANDLE h)
{
	NTMS_GUID id = NTMS_NULLGUID, list[4], op;
	NTMS_OBJECTINFORMATIONA info;
	NTMS_NOTIFICATIONINFORMATION note;
	DWORD size = 4, ret;
	int bad = 0;

	memset(&info, 0, sizeof(info));
	info.dwSize = sizeof(info);
	info.dwType = NTMS_LIBRARY;

#define CHECK_INVALID(call) do {					\
		SetLastError(0);					\
		ret = (call);						\
		if (ret != ERROR_INVALID_HANDLE ||			\
		    GetLastError() != ERROR_INVALID_HANDLE) {		\
			fprintf(stderr, "# %s: %u, last error %u\n", #call, \
				(unsigned int)ret,			\
				(unsigned int)GetLastError());		\
			bad++;						\
		}							\
	} while (0)

	CHECK_INVALID(DismountNtmsDrive(h, &id));
	CHECK_INVALID(MountNtmsMedia(h, &id, list, 1, 0, 0, 0, NULL));
	CHECK_INVALID(DismountNtmsMedia(h, &id, 1, 0));
	CHECK_INVALID(EnumerateNtmsObject(h, NULL, list, &size,
					  NTMS_LIBRARY, 0));
	CHECK_INVALID(GetNtmsObjectInformation(h, &id, &info));
	CHECK_INVALID(EnableNtmsObject(h, NTMS_DRIVE, &id));
	CHECK_INVALID(DisableNtmsObject(h, NTMS_DRIVE, &id));
	CHECK_INVALID(InventoryNtmsLibrary(h, &id, NTMS_INVENTORY_FAST));
	CHECK_INVALID(InjectNtmsMedia(h, &id, &op, NTMS_INJECT_START));
	CHECK_INVALID(EjectNtmsMedia(h, &id, &op, NTMS_EJECT_START));
	CHECK_INVALID(CancelNtmsLibraryRequest(h, &id));
	CHECK_INVALID(AccessNtmsLibraryDoor(h, &id, 0));
	CHECK_INVALID(CleanNtmsDrive(h, &id));
	CHECK_INVALID(InjectNtmsCleaner(h, &id, &op, 10, NTMS_INJECT_START));
	CHECK_INVALID(EjectNtmsCleaner(h, &id, &op, NTMS_EJECT_START));
	CHECK_INVALID(ReserveNtmsCleanerSlot(h, &id, &id));
	CHECK_INVALID(ReleaseNtmsCleanerSlot(h, &id));
	CHECK_INVALID(GetNtmsRequestOrder(h, &id, &size));
	CHECK_INVALID(SetNtmsRequestOrder(h, &id, 1));
	CHECK_INVALID(DeleteNtmsRequests(h, &id, NTMS_LIBREQUEST, 1));
	CHECK_INVALID(DeleteNtmsLibrary(h, &id));
	CHECK_INVALID(DeleteNtmsDrive(h, &id));
	CHECK_INVALID(GetNtmsUIOptions(h, &id, NTMS_UITYPE_REQ, NULL, &size));
	CHECK_INVALID(SetNtmsUIOptions(h, &id, NTMS_UITYPE_REQ,
				       NTMS_UIDEST_ADD, "host"));
	CHECK_INVALID(IdentifyNtmsSlot(h, &id, 0));
	CHECK_INVALID(WaitForNtmsNotification(h, &note, 0));
	CHECK_INVALID(SubmitNtmsOperatorRequest(h, NTMS_OPREQ_MESSAGE, "",
						NULL, NULL, &id));
	CHECK_INVALID(WaitForNtmsOperatorRequest(h, &id, 0));
	CHECK_INVALID(SatisfyNtmsOperatorRequest(h, &id));
	CHECK_INVALID(CancelNtmsOperatorRequest(h, &id));
	CHECK_INVALID(CloseNtmsNotification(h));

	/* the handle is checked before the pointers */
	CHECK_INVALID(DismountNtmsDrive(h, NULL));
	CHECK_INVALID(MountNtmsMedia(h, NULL, NULL, 1, 0, 0, 0, NULL));
	CHECK_INVALID(DismountNtmsMedia(h, NULL, 1, 0));
	CHECK_INVALID(EnumerateNtmsObject(h, NULL, NULL, NULL,
					  NTMS_LIBRARY, 0));
	CHECK_INVALID(GetNtmsObjectInformation(h, NULL, NULL));
	CHECK_INVALID(EnableNtmsObject(h, NTMS_DRIVE, NULL));
	CHECK_INVALID(DisableNtmsObject(h, NTMS_DRIVE, NULL));
	CHECK_INVALID(InventoryNtmsLibrary(h, NULL, NTMS_INVENTORY_FAST));
	CHECK_INVALID(InjectNtmsMedia(h, NULL, NULL, NTMS_INJECT_START));
	CHECK_INVALID(EjectNtmsMedia(h, NULL, NULL, NTMS_EJECT_START));
	CHECK_INVALID(CancelNtmsLibraryRequest(h, NULL));
	CHECK_INVALID(AccessNtmsLibraryDoor(h, NULL, 0));
	CHECK_INVALID(CleanNtmsDrive(h, NULL));
	CHECK_INVALID(InjectNtmsCleaner(h, NULL, NULL, 0, NTMS_INJECT_START));
	CHECK_INVALID(EjectNtmsCleaner(h, NULL, NULL, NTMS_EJECT_START));
	CHECK_INVALID(ReserveNtmsCleanerSlot(h, NULL, NULL));
	CHECK_INVALID(ReleaseNtmsCleanerSlot(h, NULL));
	CHECK_INVALID(GetNtmsRequestOrder(h, NULL, NULL));
	CHECK_INVALID(SetNtmsRequestOrder(h, NULL, 0));
	CHECK_INVALID(DeleteNtmsRequests(h, NULL, 0, 0));
	CHECK_INVALID(DeleteNtmsLibrary(h, NULL));
	CHECK_INVALID(DeleteNtmsDrive(h, NULL));
	CHECK_INVALID(IdentifyNtmsSlot(h, NULL, 0));
	CHECK_INVALID(WaitForNtmsNotification(h, NULL, 0));
	CHECK_INVALID(SubmitNtmsOperatorRequest(h, 0, NULL, NULL, NULL, NULL));
	CHECK_INVALID(WaitForNtmsOperatorRequest(h, NULL, 0));
	CHECK_INVALID(SatisfyNtmsOperatorRequest(h, NULL));
	CHECK_INVALID(CancelNtmsOperatorRequest(h, NULL));

	SetLastError(0);
	if (OpenNtmsNotification(h, NTMS_DRIVE) != INVALID_HANDLE_VALUE ||
	    GetLastError() != ERROR_INVALID_HANDLE) {
		fprintf(stderr, "# OpenNtmsNotification: last error %u\n",
			(unsigned int)GetLastError());
		bad++;
	}
	/* last: a valid session would be closed by it */
	CHECK_INVALID(CloseNtmsSession(h));
#undef CHECK_INVALID
	return bad;
}

#endif /* LIBNTMS_TEST_H */
