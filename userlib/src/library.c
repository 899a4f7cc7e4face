// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Library operations: inventory, inject, eject and request cancellation.
 * All are queued by the driver; they return once queued.
 */
#include <errno.h>

#include "internal.h"

/**
 * libntms_library_inventory() - InventoryNtmsLibrary()
 * @s: the session
 * @library: the library
 * @action: NTMS_INVENTORY_*, checked by the driver
 *
 * Return: see InventoryNtmsLibrary().
 */
DWORD libntms_library_inventory(struct libntms_session *s,
				const NTMS_GUID *library, DWORD action)
{
	struct ntms_inventory inv;

	memset(&inv, 0, sizeof(inv));
	libntms_guid_to_kernel(&inv.library, library);
	inv.action = action;
	return libntms_error_from_errno(libntms_ioctl(s->fd,
						      NTMS_IOC_INVENTORY,
						      &inv),
					ERROR_INVALID_LIBRARY, 0);
}

/* STOP of an inject or eject: cancel the request @operation names. */
static DWORD operation_stop(struct libntms_session *s,
			    const NTMS_GUID *operation)
{
	struct ntms_guid request;

	if (!operation)
		return ERROR_INVALID_PARAMETER;
	libntms_guid_to_kernel(&request, operation);
	return libntms_error_from_errno(libntms_request_cancel(s, &request),
					0, 0);
}

/**
 * libntms_library_inject() - InjectNtmsMedia()
 * @s: the session
 * @library: the library
 * @operation: out (START): the request, may be NULL; in (STOP)
 * @action: NTMS_INJECT_*
 *
 * Return: see InjectNtmsMedia().
 */
DWORD libntms_library_inject(struct libntms_session *s,
			     const NTMS_GUID *library, NTMS_GUID *operation,
			     DWORD action)
{
	struct ntms_inject inj;
	int err;

	switch (action) {
	case NTMS_INJECT_START:
	case NTMS_INJECT_STARTMANY:
		break;
	case NTMS_INJECT_STOP:
		return operation_stop(s, operation);
	case NTMS_INJECT_RETRACT:
		return ERROR_NOT_SUPPORTED;
	default:
		return ERROR_INVALID_PARAMETER;
	}

	memset(&inj, 0, sizeof(inj));
	libntms_guid_to_kernel(&inj.library, library);
	err = libntms_ioctl(s->fd, NTMS_IOC_INJECT, &inj);
	if (!err && operation)
		libntms_guid_from_kernel(operation, &inj.request);
	return libntms_error_from_errno(err, ERROR_INVALID_LIBRARY, 0);
}

/**
 * libntms_media_eject() - EjectNtmsMedia()
 * @s: the session
 * @media: the cartridge (not used by STOP, may then be NULL)
 * @operation: out (START ...): the request, may be NULL; in (STOP)
 * @action: NTMS_EJECT_*
 *
 * Return: see EjectNtmsMedia().
 */
DWORD libntms_media_eject(struct libntms_session *s, const NTMS_GUID *media,
			  NTMS_GUID *operation, DWORD action)
{
	struct ntms_eject ej;
	int err;

	switch (action) {
	case NTMS_EJECT_START:
	case NTMS_EJECT_QUEUE:
	case NTMS_EJECT_FORCE:
	case NTMS_EJECT_IMMEDIATE:
		break;
	case NTMS_EJECT_STOP:
		return operation_stop(s, operation);
	case NTMS_EJECT_ASK_USER:
		return ERROR_NOT_SUPPORTED;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	if (!media)
		return ERROR_INVALID_PARAMETER;

	memset(&ej, 0, sizeof(ej));
	libntms_guid_to_kernel(&ej.media, media);
	err = libntms_ioctl(s->fd, NTMS_IOC_EJECT, &ej);
	if (!err && operation)
		libntms_guid_from_kernel(operation, &ej.request);
	return libntms_error_from_errno(err, ERROR_INVALID_MEDIA, 0);
}

/**
 * libntms_library_cancel() - CancelNtmsLibraryRequest()
 * @s: the session
 * @request: the request
 *
 * Return: ERROR_SUCCESS, ERROR_OBJECT_NOT_FOUND (unknown, running or
 * ended), ERROR_ACCESS_DENIED, or another mapped errno.
 */
DWORD libntms_library_cancel(struct libntms_session *s,
			     const NTMS_GUID *request)
{
	struct ntms_guid k;

	libntms_guid_to_kernel(&k, request);
	return libntms_error_from_errno(libntms_request_cancel(s, &k), 0, 0);
}
