// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Library operations: inventory, the door, inject, eject and request
 * cancellation.
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

/**
 * libntms_library_door() - AccessNtmsLibraryDoor()
 * @s: the session
 * @library: the library
 * @action: NTMS_INVENTORY_*
 *
 * Return: see AccessNtmsLibraryDoor().
 */
DWORD libntms_library_door(struct libntms_session *s, const NTMS_GUID *library,
			   DWORD action)
{
	struct ntms_door d;
	int err;

	/* on-media identifiers are not read; a library without a door is
	 * the other reason the driver gives EOPNOTSUPP
	 */
	if (action == NTMS_INVENTORY_OMID)
		return ERROR_NOT_SUPPORTED;
	memset(&d, 0, sizeof(d));
	libntms_guid_to_kernel(&d.library, library);
	d.action = action;
	err = libntms_ioctl(s->fd, NTMS_IOC_DOOR, &d);
	if (err == EOPNOTSUPP)
		return ERROR_RESOURCE_NOT_PRESENT;
	return libntms_error_from_errno(err, ERROR_INVALID_LIBRARY, 0);
}

/*
 * Whether @request names a library request of operation @op (an inject or
 * eject the caller may STOP): ERROR_INVALID_OPERATION if it names nothing
 * or something else.
 */
static DWORD operation_check(struct libntms_session *s,
			     const struct ntms_guid *request, uint32_t op)
{
	struct ntms_object_info k;
	int err;

	memset(&k, 0, sizeof(k));
	k.id = *request;
	k.type = NTMS_TYPE_UNKNOWN;
	err = libntms_ioctl(s->fd, NTMS_IOC_GET_INFO, &k);
	if (err)
		return libntms_error_from_errno(err, ERROR_INVALID_OPERATION, 0);
	if (k.type != NTMS_TYPE_LIBREQUEST || k.u.request.operation != op)
		return ERROR_INVALID_OPERATION;
	return ERROR_SUCCESS;
}

/**
 * libntms_operation_stop() - STOP of an inject or eject
 * @s: the session
 * @operation: the request to cancel
 * @op: the NTMS_REQ_OP_* it must be
 *
 * Cancels the request @operation names, if it is one of @op. One that
 * already runs or ended gives ERROR_OBJECT_NOT_FOUND, as
 * CancelNtmsLibraryRequest() does.
 *
 * Return: a Win32 code.
 */
DWORD libntms_operation_stop(struct libntms_session *s,
			     const NTMS_GUID *operation, uint32_t op)
{
	struct ntms_guid request;
	DWORD ret;

	libntms_guid_to_kernel(&request, operation);
	ret = operation_check(s, &request, op);
	if (ret)
		return ret;
	return libntms_error_from_errno(libntms_request_cancel(s, &request),
					ERROR_INVALID_OPERATION, 0);
}

/**
 * libntms_library_inject() - InjectNtmsMedia()
 * @s: the session
 * @library: the library
 * @port: the one port to import from, NULL for all of them
 * @operation: out (START, STARTMANY): the request; in (STOP)
 * @action: NTMS_INJECT_*
 *
 * Return: see InjectNtmsMedia().
 */
DWORD libntms_library_inject(struct libntms_session *s,
			     const NTMS_GUID *library, const NTMS_GUID *port,
			     NTMS_GUID *operation, DWORD action)
{
	struct ntms_inject inj;
	int err;

	/* Microsoft: both pointers are needed, whatever the action */
	if (!operation)
		return ERROR_INVALID_PARAMETER;
	switch (action) {
	case NTMS_INJECT_START:
	case NTMS_INJECT_STARTMANY:
		break;
	case NTMS_INJECT_STOP:
		return libntms_operation_stop(s, operation, NTMS_REQ_OP_INJECT);
	case NTMS_INJECT_RETRACT:	/* the driver cannot move a port */
		return ERROR_NOT_SUPPORTED;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	if (!(s->features & NTMS_FEATURE_INJECT_EJECT))
		return ERROR_NOT_SUPPORTED;

	memset(&inj, 0, sizeof(inj));
	libntms_guid_to_kernel(&inj.library, library);
	if (port) {
		libntms_guid_to_kernel(&inj.port, port);
		inj.flags |= NTMS_PORT_F_SPECIFIC;
	}
	err = libntms_ioctl(s->fd, NTMS_IOC_INJECT, &inj);
	if (!err)
		libntms_guid_from_kernel(operation, &inj.request);
	return libntms_error_from_errno(err, ERROR_INVALID_LIBRARY, 0);
}

/**
 * libntms_media_eject() - EjectNtmsMedia()
 * @s: the session
 * @media: the cartridge (not used by STOP, may then be NULL)
 * @port: the port to move it to, NULL for any free one
 * @operation: out: the request (may be NULL with QUEUE only); in (STOP)
 * @action: NTMS_EJECT_*
 *
 * Return: see EjectNtmsMedia().
 */
DWORD libntms_media_eject(struct libntms_session *s, const NTMS_GUID *media,
			  const NTMS_GUID *port, NTMS_GUID *operation,
			  DWORD action)
{
	struct ntms_eject ej;
	int err;

	switch (action) {
	case NTMS_EJECT_START:
	case NTMS_EJECT_FORCE:
	case NTMS_EJECT_IMMEDIATE:
		if (!operation)
			return ERROR_INVALID_PARAMETER;
		break;
	case NTMS_EJECT_QUEUE:	/* lpEjectOperation is not used */
		break;
	case NTMS_EJECT_STOP:
		if (!operation)
			return ERROR_INVALID_PARAMETER;
		return libntms_operation_stop(s, operation, NTMS_REQ_OP_EJECT);
	case NTMS_EJECT_ASK_USER:	/* no operator requests */
		return ERROR_NOT_SUPPORTED;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	if (!media)
		return ERROR_INVALID_PARAMETER;
	if (!(s->features & NTMS_FEATURE_INJECT_EJECT))
		return ERROR_NOT_SUPPORTED;

	memset(&ej, 0, sizeof(ej));
	libntms_guid_to_kernel(&ej.media, media);
	if (port) {
		libntms_guid_to_kernel(&ej.port, port);
		ej.flags |= NTMS_PORT_F_SPECIFIC;
	}
	err = libntms_ioctl(s->fd, NTMS_IOC_EJECT, &ej);
	if (!err && operation)
		libntms_guid_from_kernel(operation, &ej.request);
	/* EBUSY: in a drive; no empty mail slot is EAGAIN, ERROR_BUSY */
	return libntms_error_from_errno(err, ERROR_INVALID_MEDIA,
					ERROR_INVALID_STATE);
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
