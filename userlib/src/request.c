// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The request queue and the database: GetNtmsRequestOrder(),
 * SetNtmsRequestOrder() (NTMS_IOC_REQUEST_ORDER), DeleteNtmsRequests(),
 * DeleteNtmsLibrary() and DeleteNtmsDrive() (NTMS_IOC_DELETE).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/**
 * libntms_request_order() - GetNtmsRequestOrder(), SetNtmsRequestOrder()
 * @s: the session
 * @request: the request
 * @order: in (@set): the place to move it to; out (!@set): its place
 * @set: move the request rather than read its place
 *
 * Return: see GetNtmsRequestOrder() and SetNtmsRequestOrder().
 */
DWORD libntms_request_order(struct libntms_session *s,
			    const NTMS_GUID *request, DWORD *order, bool set)
{
	struct ntms_request_order ro;
	int err;

	if (set && !*order)
		return ERROR_INVALID_PARAMETER;
	memset(&ro, 0, sizeof(ro));
	libntms_guid_to_kernel(&ro.request, request);
	if (set) {
		ro.flags = NTMS_ORDER_F_SET;
		ro.order = *order;
	}
	err = libntms_ioctl(s->fd, NTMS_IOC_REQUEST_ORDER, &ro);
	if (!err && !set)
		*order = ro.order;
	return libntms_error_from_errno(err, 0, 0);
}

/**
 * libntms_delete() - DeleteNtmsRequests(), DeleteNtmsLibrary(),
 * DeleteNtmsDrive()
 * @s: the session
 * @ids: @count GUIDs
 * @type: NTMS_LIBREQUEST, NTMS_OPREQUEST, NTMS_LIBRARY or NTMS_DRIVE
 * @count: entries of @ids
 *
 * Return: see those functions.
 */
DWORD libntms_delete(struct libntms_session *s, const NTMS_GUID *ids,
		     DWORD type, DWORD count)
{
	struct ntms_guid *k;
	struct ntms_delete d;
	DWORD i, enoent;
	int err;

	switch (type) {
	case NTMS_LIBREQUEST:
	case NTMS_OPREQUEST:
		if (!count || count > NTMS_DELETE_MAX)
			return ERROR_INVALID_PARAMETER;
		enoent = 0;
		break;
	case NTMS_LIBRARY:
		enoent = ERROR_INVALID_LIBRARY;
		break;
	case NTMS_DRIVE:
		enoent = ERROR_INVALID_DRIVE;
		break;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	k = calloc(count, sizeof(*k));
	if (!k)
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < count; i++)
		libntms_guid_to_kernel(&k[i], &ids[i]);
	memset(&d, 0, sizeof(d));
	d.objects = (uintptr_t)k;
	d.count = count;
	d.type = type;
	err = libntms_ioctl(s->fd, NTMS_IOC_DELETE, &d);
	free(k);
	return libntms_error_from_errno(err, enoent, ERROR_INVALID_STATE);
}
