// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Operator requests: SubmitNtmsOperatorRequest(),
 * WaitForNtmsOperatorRequest(), SatisfyNtmsOperatorRequest() and
 * CancelNtmsOperatorRequest() (NTMS_IOC_OPREQ_*). The driver keeps them;
 * GetNtmsObjectInformation(), EnumerateNtmsObject(), DeleteNtmsRequests()
 * and the notifications of type NTMS_OPREQUEST see them.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

/**
 * libntms_opreq_submit() - SubmitNtmsOperatorRequestA()
 * @s: the session
 * @request: NTMS_OPREQ_*
 * @message: NULL or the message, at most NTMS_MESSAGE_LENGTH - 1 bytes
 * @arg1: NULL or the first object
 * @arg2: NULL or the second object
 * @id: out: the operator request
 *
 * Return: see SubmitNtmsOperatorRequestA().
 */
DWORD libntms_opreq_submit(struct libntms_session *s, DWORD request,
			   const char *message, const NTMS_GUID *arg1,
			   const NTMS_GUID *arg2, NTMS_GUID *id)
{
	struct ntms_opreq_submit os;
	int err;

	if (!(s->features & NTMS_FEATURE_OPREQ))
		return ERROR_NOT_SUPPORTED;
	memset(&os, 0, sizeof(os));
	if (message) {
		if (strlen(message) >= sizeof(os.message))
			return ERROR_INVALID_PARAMETER;
		strcpy(os.message, message);
	}
	os.request = request;
	if (arg1)
		libntms_guid_to_kernel(&os.arg1, arg1);
	if (arg2)
		libntms_guid_to_kernel(&os.arg2, arg2);
	err = libntms_ioctl(s->fd, NTMS_IOC_OPREQ_SUBMIT, &os);
	if (!err)
		libntms_guid_from_kernel(id, &os.id);
	return libntms_error_from_errno(err, 0, 0);
}

/**
 * libntms_opreq_wait() - WaitForNtmsOperatorRequest()
 * @s: the session
 * @id: the operator request
 * @timeout: milliseconds, INFINITE for ever
 *
 * Return: see WaitForNtmsOperatorRequest().
 */
DWORD libntms_opreq_wait(struct libntms_session *s, const NTMS_GUID *id,
			 DWORD timeout)
{
	struct ntms_opreq_wait w;

	if (!(s->features & NTMS_FEATURE_OPREQ))
		return ERROR_NOT_SUPPORTED;
	memset(&w, 0, sizeof(w));
	libntms_guid_to_kernel(&w.id, id);
	w.timeout_ms = timeout;
	return libntms_error_from_errno(libntms_ioctl(s->fd,
						      NTMS_IOC_OPREQ_WAIT, &w),
					0, 0);
}

/**
 * libntms_opreq_act() - SatisfyNtmsOperatorRequest(),
 * CancelNtmsOperatorRequest()
 * @s: the session
 * @id: the operator request
 * @satisfy: satisfy it, else cancel it
 *
 * Return: see those functions. Satisfying one that has ended is
 * ERROR_OBJECT_NOT_FOUND, cancelling it ERROR_INVALID_STATE, as
 * Microsoft documents.
 */
DWORD libntms_opreq_act(struct libntms_session *s, const NTMS_GUID *id,
			bool satisfy)
{
	struct ntms_opreq_act a;

	if (!(s->features & NTMS_FEATURE_OPREQ))
		return ERROR_NOT_SUPPORTED;
	memset(&a, 0, sizeof(a));
	libntms_guid_to_kernel(&a.id, id);
	return libntms_error_from_errno(libntms_ioctl(s->fd, satisfy ?
						      NTMS_IOC_OPREQ_SATISFY :
						      NTMS_IOC_OPREQ_CANCEL,
						      &a),
					0, 0);
}
