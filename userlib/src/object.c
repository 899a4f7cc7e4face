// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Objects: enumerate, describe (struct ntms_object_info converted to
 * NTMS_OBJECTINFORMATIONA), enable and disable.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/**
 * libntms_object_enumerate() - EnumerateNtmsObject()
 * @s: the session
 * @container: a library, or NULL for all
 * @list: the caller's array of *@count GUIDs (NULL if *@count is 0)
 * @count: in: capacity; out: entries written, or needed
 * @type: object type to list
 * @options: NTMS_ENUM_DEFAULT or NTMS_ENUM_ROOTPOOL (no pools: ignored)
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_PARAMETER,
 * ERROR_INSUFFICIENT_BUFFER, ERROR_OBJECT_NOT_FOUND, or another mapped
 * errno.
 */
DWORD libntms_object_enumerate(struct libntms_session *s,
			       const NTMS_GUID *container, NTMS_GUID *list,
			       DWORD *count, DWORD type, DWORD options)
{
	struct ntms_enumerate e;
	int err;

	if (options & ~(DWORD)NTMS_ENUM_ROOTPOOL)
		return ERROR_INVALID_PARAMETER;
	if (type == NTMS_UNKNOWN || type >= NTMS_TYPE_MAX)
		return ERROR_INVALID_PARAMETER;
	if (!list && *count)
		return ERROR_INVALID_PARAMETER;

	memset(&e, 0, sizeof(e));
	if (container) {
		libntms_guid_to_kernel(&e.container, container);
		e.flags |= NTMS_ENUMERATE_F_CONTAINER;
	}
	e.type = type;
	/* NTMS_GUID and struct ntms_guid have the same 16 bytes */
	e.list = (uintptr_t)list;
	e.count = *count;
	err = libntms_ioctl(s->fd, NTMS_IOC_ENUMERATE, &e);
	if (!err || err == EOVERFLOW)
		*count = e.count;
	return libntms_error_from_errno(err, 0, 0);
}

/**
 * libntms_systemtime() - CLOCK_REALTIME nanoseconds to a UTC SYSTEMTIME
 * @ns: nanoseconds since the epoch; 0 gives an all-zero SYSTEMTIME
 * @st: out
 */
void libntms_systemtime(uint64_t ns, SYSTEMTIME *st)
{
	time_t t = ns / 1000000000ull;
	struct tm tm;

	memset(st, 0, sizeof(*st));
	if (!ns || !gmtime_r(&t, &tm))
		return;
	st->wYear = tm.tm_year + 1900;
	st->wMonth = tm.tm_mon + 1;
	st->wDayOfWeek = tm.tm_wday;
	st->wDay = tm.tm_mday;
	st->wHour = tm.tm_hour;
	st->wMinute = tm.tm_min;
	st->wSecond = tm.tm_sec;
	st->wMilliseconds = (ns / 1000000ull) % 1000;
}

/* Copy a kernel string of @srclen bytes, NUL-terminated in @dst. */
static void copy_string(char *dst, size_t dstlen, const char *src,
			size_t srclen)
{
	size_t len = strnlen(src, srclen);

	if (len >= dstlen)
		len = dstlen - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

#define COPY_STRING(dst, src)	copy_string(dst, sizeof(dst), src, sizeof(src))

/* "/dev/" + a device name, or "" if there is none. */
static void device_path(char *dst, size_t dstlen, const char *name,
			size_t namelen)
{
	int len = strnlen(name, namelen);

	if (!len)
		dst[0] = '\0';
	else
		snprintf(dst, dstlen, "/dev/%.*s", len, name);
}

static void info_library(NTMS_LIBRARYINFORMATION *l,
			 const struct ntms_library_info *k)
{
	l->LibraryType = k->library_type;
	l->BarCodeReaderInstalled = !!(k->flags & NTMS_LIBRARY_F_BARCODE_READER);
	l->InventoryMethod = k->inventory_method;
	l->FirstDriveNumber = k->first_drive;
	l->dwNumberOfDrives = k->num_drives;
	l->FirstSlotNumber = k->first_slot;
	l->dwNumberOfSlots = k->num_slots;
	l->FirstPortNumber = k->first_port;
	l->dwNumberOfPorts = k->num_ports;
	l->FirstChangerNumber = k->first_changer;
	l->dwNumberOfChangers = k->num_changers;
	l->dwNumberOfMedia = k->num_media;
	l->dwNumberOfLibRequests = k->num_requests;
	/* zero (GUID_NULL) when no slot is reserved */
	if (k->flags & NTMS_LIBRARY_F_CLEANER_SLOT)
		libntms_guid_from_kernel(&l->CleanerSlot, &k->cleaner_slot);
	/* cleanings are queued only where a cleaner slot is reserved */
	l->LibrarySupportsDriveCleaning =
		!!(k->flags & NTMS_LIBRARY_F_CLEANER_SLOT);
	if (k->flags & NTMS_LIBRARY_F_CLEANER_USES)
		l->dwCleanerUsesRemaining = k->cleaner_uses;
}

static void info_changer(NTMS_CHANGERINFORMATIONA *c,
			 const struct ntms_changer_info *k)
{
	c->Number = k->number;
	COPY_STRING(c->szSerialNumber, k->serial);
	COPY_STRING(c->szRevision, k->revision);
	device_path(c->szDeviceName, sizeof(c->szDeviceName), k->sg_name,
		    sizeof(k->sg_name));
	c->ScsiPort = k->scsi.host;
	c->ScsiBus = k->scsi.channel;
	c->ScsiTarget = k->scsi.target;
	c->ScsiLun = k->scsi.lun;
	libntms_guid_from_kernel(&c->Library, &k->library);
}

static void info_drive(NTMS_DRIVEINFORMATIONA *d,
		       const struct ntms_drive_info *k)
{
	d->Number = k->number;
	d->State = k->state;
	device_path(d->szDeviceName, sizeof(d->szDeviceName), k->tape_name,
		    sizeof(k->tape_name));
	COPY_STRING(d->szSerialNumber, k->serial);
	COPY_STRING(d->szRevision, k->revision);
	if (k->flags & NTMS_DRIVE_F_MAPPED) {
		d->ScsiPort = k->scsi.host;
		d->ScsiBus = k->scsi.channel;
		d->ScsiTarget = k->scsi.target;
		d->ScsiLun = k->scsi.lun;
	}
	d->dwMountCount = k->mount_count;
	if (k->flags & NTMS_DRIVE_F_CLEANED)
		libntms_systemtime(k->cleaned_ns, &d->LastCleanedTs);
	libntms_guid_from_kernel(&d->Library, &k->library);
}

static void info_slot(NTMS_STORAGESLOTINFORMATION *sl,
		      const struct ntms_slot_info *k)
{
	sl->Number = k->number;
	sl->State = k->state;
	libntms_guid_from_kernel(&sl->Library, &k->library);
}

static void info_ieport(NTMS_IEPORTINFORMATION *p,
			const struct ntms_ieport_info *k)
{
	p->Number = k->number;
	p->Content = k->content;
	p->Position = k->position;
	libntms_guid_from_kernel(&p->Library, &k->library);
}

static void info_media(NTMS_PMIDINFORMATIONA *m,
		       const struct ntms_media_info *k)
{
	libntms_guid_from_kernel(&m->CurrentLibrary, &k->library);
	libntms_guid_from_kernel(&m->Location, &k->location);
	m->LocationType = k->location_type;
	if (k->flags & NTMS_MEDIA_F_HOME_VALID)
		libntms_guid_from_kernel(&m->HomeSlot, &k->home);
	COPY_STRING(m->szBarCode, k->barcode);
	m->BarCodeState = k->barcode_state;
	m->MediaState = k->state;
}

/* who queued a request: user name (else the number), this machine */
static void info_user(uint32_t uid, char user[NTMS_USERNAME_LENGTH],
		      char computer[NTMS_COMPUTERNAME_LENGTH])
{
	struct passwd pw, *res = NULL;
	char buf[1024];

	if (!getpwuid_r(uid, &pw, buf, sizeof(buf), &res) && res)
		snprintf(user, NTMS_USERNAME_LENGTH, "%s", pw.pw_name);
	else
		snprintf(user, NTMS_USERNAME_LENGTH, "%u", uid);
	if (gethostname(computer, NTMS_COMPUTERNAME_LENGTH) < 0)
		computer[0] = '\0';
	computer[NTMS_COMPUTERNAME_LENGTH - 1] = '\0';
}

static void info_request(NTMS_LIBREQUESTINFORMATIONA *r,
			 const struct ntms_request_info *k,
			 const struct ntms_guid *id)
{
	r->OperationCode = k->operation;
	r->OperationOption = k->options;
	r->State = k->state;
	libntms_guid_from_kernel(&r->DriveId, &k->drive);
	libntms_guid_from_kernel(&r->PhysMediaId, &k->media);
	libntms_guid_from_kernel(&r->Library, &k->library);
	libntms_guid_from_kernel(&r->SlotId, &k->slot);
	libntms_systemtime(k->queued_ns, &r->TimeQueued);
	libntms_systemtime(k->completed_ns, &r->TimeCompleted);
	COPY_STRING(r->szApplication, k->application);
	info_user(k->user, r->szUser, r->szComputer);
	r->dwErrorCode = libntms_error_from_errno(k->error, 0, 0);
	libntms_guid_from_kernel(&r->WorkItemId, id);
	r->dwPriority = (DWORD)k->priority;
}

static void info_opreq(NTMS_OPREQUESTINFORMATIONA *r,
		       const struct ntms_opreq_info *k)
{
	r->Request = k->request;
	libntms_systemtime(k->submitted_ns, &r->Submitted);
	r->State = k->state;
	COPY_STRING(r->szMessage, k->message);
	r->Arg1Type = k->arg1_type;
	libntms_guid_from_kernel(&r->Arg1, &k->arg1);
	r->Arg2Type = k->arg2_type;
	libntms_guid_from_kernel(&r->Arg2, &k->arg2);
	COPY_STRING(r->szApplication, k->application);
	info_user(k->user, r->szUser, r->szComputer);
}

/**
 * libntms_object_info() - GetNtmsObjectInformationA()
 * @s: the session
 * @id: the object
 * @info: the caller's buffer; dwSize and dwType are checked
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_PARAMETER (dwSize, or dwType not
 * the object's type), ERROR_OBJECT_NOT_FOUND, or another mapped errno.
 */
DWORD libntms_object_info(struct libntms_session *s, const NTMS_GUID *id,
			  NTMS_OBJECTINFORMATIONA *info)
{
	struct ntms_object_info k;
	DWORD type;
	int err;

	if (info->dwSize != sizeof(*info))
		return ERROR_INVALID_PARAMETER;
	type = info->dwType;
	if (type == NTMS_UNKNOWN || type >= NTMS_TYPE_MAX)
		return ERROR_INVALID_PARAMETER;

	memset(&k, 0, sizeof(k));
	libntms_guid_to_kernel(&k.id, id);
	k.type = NTMS_TYPE_UNKNOWN;
	err = libntms_ioctl(s->fd, NTMS_IOC_GET_INFO, &k);
	if (err)
		return libntms_error_from_errno(err, 0, 0);
	if (k.type != type)
		return ERROR_INVALID_PARAMETER;

	memset(info, 0, sizeof(*info));
	info->dwSize = sizeof(*info);
	info->dwType = type;
	libntms_systemtime(k.created_ns, &info->Created);
	libntms_systemtime(k.modified_ns, &info->Modified);
	libntms_guid_from_kernel(&info->ObjectGuid, &k.id);
	info->Enabled = !!k.enabled;
	info->dwOperationalState = k.op_state;
	COPY_STRING(info->szName, k.name);
	COPY_STRING(info->szDescription, k.description);

	switch (type) {
	case NTMS_LIBRARY:
		info_library(&info->Info.Library, &k.u.library);
		break;
	case NTMS_CHANGER:
		info_changer(&info->Info.Changer, &k.u.changer);
		break;
	case NTMS_DRIVE:
		info_drive(&info->Info.Drive, &k.u.drive);
		break;
	case NTMS_STORAGESLOT:
		info_slot(&info->Info.StorageSlot, &k.u.slot);
		break;
	case NTMS_IEPORT:
		info_ieport(&info->Info.IEPort, &k.u.ieport);
		break;
	case NTMS_PHYSICAL_MEDIA:
		info_media(&info->Info.PhysicalMedia, &k.u.media);
		break;
	case NTMS_LIBREQUEST:
		info_request(&info->Info.LibRequest, &k.u.request, &k.id);
		break;
	case NTMS_OPREQUEST:
		info_opreq(&info->Info.OpRequest, &k.u.opreq);
		break;
	default:	/* types the driver has no part for: common fields */
		break;
	}
	return ERROR_SUCCESS;
}

/**
 * libntms_object_set_enabled() - EnableNtmsObject(), DisableNtmsObject()
 * @s: the session
 * @type: NTMS_DRIVE, NTMS_LIBRARY or NTMS_PHYSICAL_MEDIA
 * @id: the object
 * @enable: true to enable
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_PARAMETER (other types),
 * ERROR_INVALID_DRIVE / _LIBRARY / _MEDIA (no such object of @type),
 * ERROR_INVALID_STATE (already so), or another mapped errno.
 */
DWORD libntms_object_set_enabled(struct libntms_session *s, DWORD type,
				 const NTMS_GUID *id, bool enable)
{
	struct ntms_set_enabled e;
	DWORD enoent;

	switch (type) {
	case NTMS_DRIVE:
		enoent = ERROR_INVALID_DRIVE;
		break;
	case NTMS_LIBRARY:
		enoent = ERROR_INVALID_LIBRARY;
		break;
	case NTMS_PHYSICAL_MEDIA:
		enoent = ERROR_INVALID_MEDIA;
		break;
	default:
		return ERROR_INVALID_PARAMETER;
	}

	memset(&e, 0, sizeof(e));
	libntms_guid_to_kernel(&e.object, id);
	e.type = type;
	e.enable = enable;
	return libntms_error_from_errno(libntms_ioctl(s->fd,
						      NTMS_IOC_SET_ENABLED,
						      &e),
					enoent, 0);
}

/**
 * libntms_media_disabled() - whether a cartridge of a list is disabled
 * @s: the session
 * @media: @count cartridges
 * @count: how many
 *
 * The driver says -ESHUTDOWN for a disabled cartridge, drive or library
 * alike; Microsoft's MountNtmsMedia() says ERROR_RESOURCE_DISABLED for the
 * cartridge. Unknown cartridges count as enabled.
 *
 * Return: true if one of them is disabled itself.
 */
bool libntms_media_disabled(struct libntms_session *s, const NTMS_GUID *media,
			    DWORD count)
{
	struct ntms_object_info k;
	DWORD i;

	for (i = 0; i < count; i++) {
		memset(&k, 0, sizeof(k));
		libntms_guid_to_kernel(&k.id, &media[i]);
		k.type = NTMS_TYPE_PHYSICAL_MEDIA;
		if (!libntms_ioctl(s->fd, NTMS_IOC_GET_INFO, &k) && !k.enabled)
			return true;
	}
	return false;
}
