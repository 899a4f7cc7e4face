// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Errors: the one table from the driver's errnos to Win32 codes (the
 * mapping documented in <linux/ntms.h>), and the per-thread last error.
 */
#include <errno.h>

#include "internal.h"

static __thread DWORD last_error;

/* errno -> Win32; ENOENT and EBUSY depend on the call, see below. */
static const struct {
	int err;
	DWORD code;
} errno_table[] = {
	{ EBADF,	ERROR_INVALID_HANDLE },
	{ EINVAL,	ERROR_INVALID_PARAMETER },
	{ EFAULT,	ERROR_INVALID_PARAMETER },
	{ ENODEV,	ERROR_INVALID_LIBRARY },
	{ EACCES,	ERROR_ACCESS_DENIED },
	{ EPERM,	ERROR_REQUEST_REFUSED },
	{ ESHUTDOWN,	ERROR_DEVICE_NOT_AVAILABLE },
	{ ENOMEDIUM,	ERROR_INVALID_STATE },
	{ EALREADY,	ERROR_INVALID_STATE },
	{ EUCLEAN,	ERROR_DATABASE_FAILURE },
	{ ENOSPC,	ERROR_DATABASE_FULL },
	{ EXFULL,	ERROR_NOT_FOUND },	/* no empty storage slot */
	{ ENODATA,	ERROR_NO_MORE_ITEMS },	/* inject: ports empty */
	{ EADDRNOTAVAIL, ERROR_MEDIA_NOT_AVAILABLE },	/* in a mail slot */
	{ ENOTCONN,	ERROR_DEVICE_NOT_CONNECTED },	/* no tape device */
	{ ENOMEM,	ERROR_NOT_ENOUGH_MEMORY },
	{ EOVERFLOW,	ERROR_INSUFFICIENT_BUFFER },
	{ EXDEV,	ERROR_DRIVE_MEDIA_MISMATCH },
	{ EAGAIN,	ERROR_BUSY },		/* eject: no empty mail slot */
	{ ENXIO,	ERROR_MEDIA_OFFLINE },
	{ EHOSTDOWN,	ERROR_LIBRARY_OFFLINE },
	{ ETIMEDOUT,	ERROR_TIMEOUT },
	{ ECANCELED,	ERROR_CANCELLED },
	{ ESRCH,	ERROR_OBJECT_NOT_FOUND },
	{ EOPNOTSUPP,	ERROR_NOT_SUPPORTED },
	{ ENOTTY,	ERROR_NOT_SUPPORTED },	/* driver lacks the ioctl */
	{ EIO,		ERROR_IO_DEVICE },
	{ EROFS,	ERROR_WRITE_PROTECT },
	{ EMEDIUMTYPE,	ERROR_INVALID_MEDIA },	/* mount of a cleaner */
	{ EEXIST,	ERROR_INVALID_STATE },	/* move: destination full */
	{ EKEYEXPIRED,	ERROR_CLEANER_CARTRIDGE_SPENT },	/* cleaning */
};

/**
 * libntms_error_from_errno() - the Win32 code for a driver errno
 * @err: positive errno (0 gives ERROR_SUCCESS)
 * @enoent: code for ENOENT in this call (ERROR_INVALID_DRIVE for calls
 *	taking a drive, ...), 0 for ERROR_OBJECT_NOT_FOUND
 * @ebusy: code for EBUSY in this call, 0 for ERROR_BUSY
 *
 * Return: the Win32 code; ERROR_GEN_FAILURE for an errno the driver does
 * not document.
 */
DWORD libntms_error_from_errno(int err, DWORD enoent, DWORD ebusy)
{
	unsigned int i;

	if (!err)
		return ERROR_SUCCESS;
	if (err == ENOENT)
		return enoent ? enoent : ERROR_OBJECT_NOT_FOUND;
	if (err == EBUSY)
		return ebusy ? ebusy : ERROR_BUSY;
	for (i = 0; i < ARRAY_SIZE(errno_table); i++)
		if (errno_table[i].err == err)
			return errno_table[i].code;
	return ERROR_GEN_FAILURE;
}

/**
 * libntms_error_set() - store the calling thread's last error
 * @code: Win32 code
 *
 * Return: @code, so that API functions can end with
 * ``return libntms_error_set(ret);``.
 */
DWORD libntms_error_set(DWORD code)
{
	last_error = code;
	return code;
}

/* The calling thread's last error. */
DWORD libntms_error_get(void)
{
	return last_error;
}
