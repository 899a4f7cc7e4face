// SPDX-License-Identifier: GPL-2.0
/*
 * libntms against the driver and the simulated library, in the VM
 * (suite "libntms-vm", smcsim with slots=20 drives=2 ieports=1
 * media=10): sessions, handles (closed, after fork, shared by threads),
 * NULL parameters, EnumerateNtmsObject's count protocol,
 * GetNtmsObjectInformation for each object type, and the errors of the
 * calls the driver implements. Calls the driver does not implement yet
 * (ERROR_NOT_SUPPORTED) are skipped.
 *
 * Public API only (<ntmsapi.h>, -lntms), but for the driver's feature
 * mask (NTMS_IOC_GET_VERSION), which says what the calls must return.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <sys/ioctl.h>

#include <ntmsapi.h>

/* both headers name these two (same values): rename the kernel's */
#define NTMS_EVENT_SIGNAL	KNTMS_EVENT_SIGNAL
#define NTMS_EVENT_COMPLETE	KNTMS_EVENT_COMPLETE
#include <linux/ntms.h>
#undef NTMS_EVENT_SIGNAL
#undef NTMS_EVENT_COMPLETE

#include "kselftest_harness.h"
#include "libntms_test.h"

#define SIM_SLOTS	20
#define SIM_DRIVES	2

static const NTMS_GUID unknown_guid = {
	0x0badc0de, 0x1234, 0x5678, { 1, 2, 3, 4, 5, 6, 7, 8 }
};

/* List the objects of @type in @container (NULL: all); malloc'ed. */
static DWORD list_objects(HANDLE s, NTMS_GUID *container, DWORD type,
			  NTMS_GUID **list, DWORD *count)
{
	DWORD size = 0, ret;

	*list = NULL;
	ret = EnumerateNtmsObject(s, container, NULL, &size, type, 0);
	while (ret == ERROR_INSUFFICIENT_BUFFER) {
		free(*list);
		*list = calloc(size ? size : 1, sizeof(NTMS_GUID));
		ret = EnumerateNtmsObject(s, container, *list, &size, type, 0);
	}
	*count = size;
	return ret;
}

static DWORD get_info(HANDLE s, NTMS_GUID *id, DWORD type,
		      NTMS_OBJECTINFORMATION *info)
{
	memset(info, 0xa5, sizeof(*info));
	info->dwSize = sizeof(*info);
	info->dwType = type;
	return GetNtmsObjectInformation(s, id, info);
}

static bool guid_eq(const NTMS_GUID *a, const NTMS_GUID *b)
{
	return !memcmp(a, b, sizeof(*a));
}

FIXTURE(lib) {
	HANDLE s;
	NTMS_GUID library;		/* the simulated changer's library */
	NTMS_OBJECTINFORMATION info;	/* its information */
};

FIXTURE_SETUP(lib)
{
	NTMS_GUID *libs;
	DWORD n, i;

	self->s = OpenNtmsSession(NULL, "libntms_vm", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, self->s) {
		TH_LOG("OpenNtmsSession: %u", (unsigned int)GetLastError());
	}
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, NULL, NTMS_LIBRARY,
					      &libs, &n));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &libs[i],
						  NTMS_LIBRARY, &self->info));
		if (self->info.Info.Library.LibraryType ==
		    NTMS_LIBRARYTYPE_ONLINE &&
		    self->info.Info.Library.dwNumberOfSlots == SIM_SLOTS)
			break;
	}
	ASSERT_LT(i, n) TH_LOG("no library with %d slots", SIM_SLOTS);
	self->library = libs[i];
	free(libs);
}

FIXTURE_TEARDOWN(lib)
{
	CloseNtmsSession(self->s);
}

TEST_F(lib, closed_handle)
{
	HANDLE s = OpenNtmsSession(NULL, "closed", 0);

	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsSession(s));
	EXPECT_EQ(0, check_all_invalid(s));
	/* another session reusing the slot does not revive the old handle */
	HANDLE t = OpenNtmsSession(NULL, "reuse", 0);

	ASSERT_NE(INVALID_HANDLE_VALUE, t);
	EXPECT_NE(s, t);
	EXPECT_EQ(0, check_all_invalid(s));
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsSession(t));
}

TEST_F(lib, handle_after_fork)
{
	NTMS_GUID *list;
	DWORD n;
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(check_all_invalid(self->s) ? 1 : 0);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* still fine in the parent */
	EXPECT_EQ(ERROR_SUCCESS, list_objects(self->s, NULL, NTMS_LIBRARY,
					      &list, &n));
	free(list);
}

TEST_F(lib, null_parameters)
{
	NTMS_GUID id = self->library, op;
	NTMS_OBJECTINFORMATION info;
	NTMS_MOUNT_INFORMATION mi;
	DWORD n;

#define EXPECT_PARAM(call) do {						\
		SetLastError(0);					\
		EXPECT_EQ(ERROR_INVALID_PARAMETER, (call)) TH_LOG("%s", #call); \
		EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());	\
	} while (0)

	EXPECT_PARAM(DismountNtmsDrive(self->s, NULL));
	EXPECT_PARAM(MountNtmsMedia(self->s, NULL, NULL, 1, 0, 0, 0, NULL));
	EXPECT_PARAM(DismountNtmsMedia(self->s, NULL, 1, 0));
	EXPECT_PARAM(EnumerateNtmsObject(self->s, NULL, NULL, NULL,
					 NTMS_LIBRARY, 0));
	EXPECT_PARAM(GetNtmsObjectInformation(self->s, NULL, &info));
	EXPECT_PARAM(GetNtmsObjectInformation(self->s, &id, NULL));
	EXPECT_PARAM(EnableNtmsObject(self->s, NTMS_DRIVE, NULL));
	EXPECT_PARAM(DisableNtmsObject(self->s, NTMS_DRIVE, NULL));
	EXPECT_PARAM(InventoryNtmsLibrary(self->s, NULL, NTMS_INVENTORY_FAST));
	EXPECT_PARAM(InjectNtmsMedia(self->s, NULL, &op, NTMS_INJECT_START));
	EXPECT_PARAM(EjectNtmsMedia(self->s, NULL, &op, NTMS_EJECT_START));
	EXPECT_PARAM(EjectNtmsMedia(self->s, &id, NULL, NTMS_EJECT_STOP));
	EXPECT_PARAM(InjectNtmsMedia(self->s, &id, NULL, NTMS_INJECT_STOP));
	EXPECT_PARAM(CancelNtmsLibraryRequest(self->s, NULL));
	EXPECT_PARAM(AccessNtmsLibraryDoor(self->s, NULL, 0));
	EXPECT_PARAM(CleanNtmsDrive(self->s, NULL));
	EXPECT_PARAM(GetNtmsRequestOrder(self->s, NULL, &n));
	EXPECT_PARAM(GetNtmsRequestOrder(self->s, &id, NULL));
	EXPECT_PARAM(SetNtmsRequestOrder(self->s, NULL, 1));
	EXPECT_PARAM(DeleteNtmsRequests(self->s, NULL, NTMS_LIBREQUEST, 1));
	EXPECT_PARAM(DeleteNtmsLibrary(self->s, NULL));
	EXPECT_PARAM(DeleteNtmsDrive(self->s, NULL));
	/* other bad arguments caught before the driver */
	EXPECT_PARAM(SetNtmsRequestOrder(self->s, &id, 0));
	EXPECT_PARAM(DeleteNtmsRequests(self->s, &id, NTMS_LIBRARY, 1));
	EXPECT_PARAM(DeleteNtmsRequests(self->s, &id, NTMS_LIBREQUEST, 0));
	EXPECT_PARAM(DeleteNtmsRequests(self->s, &id, NTMS_OPREQUEST, 1025));
	EXPECT_PARAM(MountNtmsMedia(self->s, &id, NULL, 0, 0, 0, 0, NULL));
	EXPECT_PARAM(MountNtmsMedia(self->s, &id, NULL, 65, 0, 0, 0, NULL));
	EXPECT_PARAM(MountNtmsMedia(self->s, &id, NULL, 1, 0x40, 0, 0, NULL));
	EXPECT_PARAM(MountNtmsMedia(self->s, &id, NULL, 1, 0, 16, 0, NULL));
	EXPECT_PARAM(MountNtmsMedia(self->s, &id, NULL, 1,
				    NTMS_MOUNT_SPECIFIC_DRIVE, 0, 0, NULL));
	mi.dwSize = sizeof(mi) + 1;
	EXPECT_PARAM(MountNtmsMedia(self->s, &id, NULL, 1, 0, 0, 0, &mi));
	EXPECT_PARAM(DismountNtmsMedia(self->s, &id, 0, 0));
	EXPECT_PARAM(DismountNtmsMedia(self->s, &id, 1, 4));
	EXPECT_PARAM(EnableNtmsObject(self->s, NTMS_STORAGESLOT, &id));
	EXPECT_PARAM(DisableNtmsObject(self->s, NTMS_CHANGER, &id));
#undef EXPECT_PARAM
}

/* a library is not a drive */
TEST_F(lib, clean_not_a_drive)
{
	EXPECT_EQ(ERROR_INVALID_DRIVE,
		  CleanNtmsDrive(self->s, &self->library));
}

/* Windows' dialogs and drive letters have no meaning here */
TEST_F(lib, windows_only)
{
	char dest[64], *vol = NULL, *letter = NULL;
	DWORD size = sizeof(dest);

	SetLastError(0);
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  GetNtmsUIOptions(self->s, &self->library, NTMS_UITYPE_REQ,
				   dest, &size));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  SetNtmsUIOptions(self->s, &self->library, NTMS_UITYPE_ERR,
				   NTMS_UIDEST_ADD, "localhost"));
	SetLastError(0);
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  GetVolumesFromDrive("/dev/nst0", &vol, &letter));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, GetLastError());
	EXPECT_EQ(NULL, vol);
	EXPECT_EQ(NULL, letter);
}

TEST_F(lib, enumerate_count_protocol)
{
	NTMS_GUID list[SIM_SLOTS + 5];
	DWORD size;

	/* size query */
	size = 0;
	EXPECT_EQ(ERROR_INSUFFICIENT_BUFFER,
		  EnumerateNtmsObject(self->s, &self->library, NULL, &size,
				      NTMS_STORAGESLOT, 0));
	EXPECT_EQ(SIM_SLOTS, size);
	/* one short: nothing written but the count */
	size = SIM_SLOTS - 1;
	memset(list, 0xee, sizeof(list));
	EXPECT_EQ(ERROR_INSUFFICIENT_BUFFER,
		  EnumerateNtmsObject(self->s, &self->library, list, &size,
				      NTMS_STORAGESLOT, 0));
	EXPECT_EQ(SIM_SLOTS, size);
	EXPECT_EQ(0xeeeeeeee, list[0].Data1);
	/* exact, and larger */
	size = SIM_SLOTS;
	EXPECT_EQ(ERROR_SUCCESS,
		  EnumerateNtmsObject(self->s, &self->library, list, &size,
				      NTMS_STORAGESLOT, 0));
	EXPECT_EQ(SIM_SLOTS, size);
	size = SIM_SLOTS + 5;
	EXPECT_EQ(ERROR_SUCCESS,
		  EnumerateNtmsObject(self->s, &self->library, list, &size,
				      NTMS_STORAGESLOT, 0));
	EXPECT_EQ(SIM_SLOTS, size);
	/* every slot is different */
	EXPECT_FALSE(guid_eq(&list[0], &list[SIM_SLOTS - 1]));
}

TEST_F(lib, enumerate_errors)
{
	NTMS_GUID list[4], unknown = unknown_guid, *drives;
	DWORD size = 4, n;

	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  EnumerateNtmsObject(self->s, &unknown, list, &size,
				      NTMS_DRIVE, 0));
	size = 4;
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EnumerateNtmsObject(self->s, NULL, list, &size,
				      NTMS_UNKNOWN, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EnumerateNtmsObject(self->s, NULL, list, &size, 99, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EnumerateNtmsObject(self->s, NULL, list, &size,
				      NTMS_DRIVE, 0x100));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EnumerateNtmsObject(self->s, NULL, NULL, &size,
				      NTMS_DRIVE, 0));
	/* a container that is not a library */
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_DRIVE, &drives, &n));
	ASSERT_LT(0, n);
	size = 4;
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EnumerateNtmsObject(self->s, &drives[0], list, &size,
				      NTMS_STORAGESLOT, 0));
	free(drives);
}

/* The counts in the library's information match what enumerates. */
TEST_F(lib, library_counts)
{
	const NTMS_LIBRARYINFORMATION *l = &self->info.Info.Library;
	static const struct {
		DWORD type;
		size_t field;
	} kinds[] = {
		{ NTMS_DRIVE, offsetof(NTMS_LIBRARYINFORMATION,
				       dwNumberOfDrives) },
		{ NTMS_STORAGESLOT, offsetof(NTMS_LIBRARYINFORMATION,
					     dwNumberOfSlots) },
		{ NTMS_IEPORT, offsetof(NTMS_LIBRARYINFORMATION,
					dwNumberOfPorts) },
		{ NTMS_CHANGER, offsetof(NTMS_LIBRARYINFORMATION,
					 dwNumberOfChangers) },
		{ NTMS_PHYSICAL_MEDIA, offsetof(NTMS_LIBRARYINFORMATION,
						dwNumberOfMedia) },
	};
	NTMS_GUID *list;
	unsigned int i;
	DWORD n;

	EXPECT_EQ(NTMS_LIBRARY, self->info.dwType);
	EXPECT_EQ(sizeof(self->info), self->info.dwSize);
	EXPECT_TRUE(guid_eq(&self->library, &self->info.ObjectGuid));
	EXPECT_EQ(SIM_DRIVES, l->dwNumberOfDrives);
	EXPECT_EQ(SIM_SLOTS, l->dwNumberOfSlots);
	EXPECT_TRUE(self->info.Enabled);
	EXPECT_LE(2020, self->info.Created.wYear);
	EXPECT_NE(0, self->info.szName[0]);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
						      kinds[i].type, &list,
						      &n));
		EXPECT_EQ(*(const DWORD *)((const char *)l + kinds[i].field),
			  n) TH_LOG("type %u", (unsigned int)kinds[i].type);
		free(list);
	}
}

/* Every object of each type in the library describes itself. */
TEST_F(lib, object_information)
{
	static const DWORD types[] = {
		NTMS_DRIVE, NTMS_STORAGESLOT, NTMS_IEPORT, NTMS_CHANGER,
		NTMS_PHYSICAL_MEDIA,
	};
	NTMS_OBJECTINFORMATION info;
	const NTMS_GUID *lib = NULL;
	NTMS_GUID *list;
	unsigned int t;
	DWORD n, i;

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
						      types[t], &list, &n));
		for (i = 0; i < n; i++) {
			ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &list[i],
							  types[t], &info));
			EXPECT_EQ(types[t], info.dwType);
			EXPECT_TRUE(guid_eq(&list[i], &info.ObjectGuid));
			EXPECT_EQ(0, info.szName[sizeof(info.szName) - 1]);
			switch (types[t]) {
			case NTMS_DRIVE:
				lib = &info.Info.Drive.Library;
				EXPECT_EQ(i, info.Info.Drive.Number);
				EXPECT_NE(NTMS_DRIVESTATE_BEING_CLEANED,
					  info.Info.Drive.State);
				break;
			case NTMS_STORAGESLOT:
				lib = &info.Info.StorageSlot.Library;
				EXPECT_EQ(i, info.Info.StorageSlot.Number);
				EXPECT_GE(NTMS_SLOTSTATE_NEEDSINVENTORY,
					  info.Info.StorageSlot.State);
				break;
			case NTMS_IEPORT:
				lib = &info.Info.IEPort.Library;
				break;
			case NTMS_CHANGER:
				lib = &info.Info.Changer.Library;
				break;
			case NTMS_PHYSICAL_MEDIA:
				lib = &info.Info.PhysicalMedia.CurrentLibrary;
				EXPECT_NE(0, info.Info.PhysicalMedia.szBarCode[0]);
				break;
			}
			EXPECT_TRUE(guid_eq(lib, &self->library))
				TH_LOG("type %u #%u", (unsigned int)types[t],
				       (unsigned int)i);
		}
		free(list);
	}
}

TEST_F(lib, object_information_errors)
{
	NTMS_GUID unknown = unknown_guid;
	NTMS_OBJECTINFORMATION info;

	/* dwSize and dwType are the caller's promise */
	memset(&info, 0, sizeof(info));
	info.dwSize = sizeof(info) - 1;
	info.dwType = NTMS_LIBRARY;
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  GetNtmsObjectInformation(self->s, &self->library, &info));
	info.dwSize = 0;
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  GetNtmsObjectInformation(self->s, &self->library, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  get_info(self->s, &self->library, NTMS_DRIVE, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  get_info(self->s, &self->library, NTMS_UNKNOWN, &info));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  get_info(self->s, &self->library, 1000, &info));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  get_info(self->s, &unknown, NTMS_LIBRARY, &info));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND, GetLastError());
}

/* DismountNtmsDrive's results that need no cartridge movement. */
TEST_F(lib, dismount_drive_errors)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID unknown = unknown_guid, *drives;
	DWORD n, i, ret;

	ret = DismountNtmsDrive(self->s, &unknown);
	if (ret == ERROR_NOT_SUPPORTED)
		SKIP(return, "the driver has no NTMS_IOC_DISMOUNT_DRIVE yet");
	EXPECT_EQ(ERROR_INVALID_DRIVE, ret);
	/* a GUID of another kind of object */
	EXPECT_EQ(ERROR_INVALID_DRIVE,
		  DismountNtmsDrive(self->s, &self->library));
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_DRIVE, &drives, &n));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &drives[i],
						  NTMS_DRIVE, &info));
		if (info.Info.Drive.State != NTMS_DRIVESTATE_DISMOUNTED)
			continue;
		EXPECT_EQ(ERROR_INVALID_STATE,
			  DismountNtmsDrive(self->s, &drives[i]));
	}
	free(drives);
}

TEST_F(lib, mount_unknown_media)
{
	NTMS_GUID unknown = unknown_guid, drive;
	DWORD ret;

	ret = MountNtmsMedia(self->s, &unknown, &drive, 1, NTMS_MOUNT_READ,
			     NTMS_PRIORITY_NORMAL, 1000, NULL);
	if (ret == ERROR_NOT_SUPPORTED)
		SKIP(return, "the driver has no NTMS_IOC_MOUNT yet");
	EXPECT_EQ(ERROR_INVALID_MEDIA, ret);
	EXPECT_EQ(ERROR_INVALID_MEDIA,
		  DismountNtmsMedia(self->s, &unknown, 1, 0));
}

struct mounter {
	HANDLE s;
	NTMS_GUID media;
	DWORD ret;
};

static void *mount_run(void *arg)
{
	struct mounter *m = arg;
	NTMS_GUID drive;

	m->ret = MountNtmsMedia(m->s, &m->media, &drive, 1, NTMS_MOUNT_READ,
				NTMS_PRIORITY_NORMAL, INFINITE, NULL);
	return NULL;
}

/*
 * With every drive full, a mount waits: it gives ERROR_BUSY at its
 * timeout, or at once with NTMS_MOUNT_ERROR_NOT_AVAILABLE, and
 * ERROR_CANCELLED when another thread closes the session.
 */
TEST_F_TIMEOUT(lib, mount_waits_for_drive, 300)
{
	NTMS_GUID *media, drives[SIM_DRIVES], drive;
	struct mounter m;
	pthread_t t;
	DWORD n, ret;
	int i;

	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	if (n < SIM_DRIVES + 1) {
		free(media);
		SKIP(return, "%u media: not enough to fill the drives",
		     (unsigned int)n);
	}
	for (i = 0; i < SIM_DRIVES; i++) {
		ret = MountNtmsMedia(self->s, &media[i], &drives[i], 1,
				     NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL,
				     120000, NULL);
		if (ret == ERROR_NOT_SUPPORTED) {
			free(media);
			SKIP(return, "the driver has no NTMS_IOC_MOUNT yet");
		}
		ASSERT_EQ(ERROR_SUCCESS, ret);
	}
	EXPECT_FALSE(guid_eq(&drives[0], &drives[1]));

	EXPECT_EQ(ERROR_BUSY,
		  MountNtmsMedia(self->s, &media[SIM_DRIVES], &drive, 1,
				 NTMS_MOUNT_READ | NTMS_MOUNT_ERROR_NOT_AVAILABLE,
				 NTMS_PRIORITY_NORMAL, 10000, NULL));
	EXPECT_EQ(ERROR_BUSY,
		  MountNtmsMedia(self->s, &media[SIM_DRIVES], &drive, 1,
				 NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, 300,
				 NULL));

	m = (struct mounter){ .media = media[SIM_DRIVES] };
	m.s = OpenNtmsSession(NULL, "cancelled", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, m.s);
	ASSERT_EQ(0, pthread_create(&t, NULL, mount_run, &m));
	usleep(500000);
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsSession(m.s));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_CANCELLED, m.ret);

	EXPECT_EQ(ERROR_SUCCESS, DismountNtmsMedia(self->s, media, SIM_DRIVES,
						   NTMS_DISMOUNT_IMMEDIATE));
	free(media);
}

/*
 * Several cartridges, the driver choosing the drives: lpDriveId[i] is the
 * drive lpMediaId[i] went to, and no drive is named twice.
 */
TEST_F_TIMEOUT(lib, mount_several_returns_drives, 300)
{
	NTMS_GUID *media, pick[SIM_DRIVES], drives[SIM_DRIVES];
	NTMS_OBJECTINFORMATION info;
	DWORD n, i, k = 0, ret;

	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	for (i = 0; i < n && k < SIM_DRIVES; i++)
		if (!get_info(self->s, &media[i], NTMS_PHYSICAL_MEDIA, &info) &&
		    info.Info.PhysicalMedia.LocationType == NTMS_STORAGESLOT)
			pick[k++] = media[i];
	free(media);
	if (k < SIM_DRIVES)
		SKIP(return, "%u cartridges in slots: too few", (unsigned int)k);
	memset(drives, 0, sizeof(drives));
	ret = MountNtmsMedia(self->s, pick, drives, SIM_DRIVES,
			     NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, 120000,
			     NULL);
	if (ret == ERROR_NOT_SUPPORTED)
		SKIP(return, "the driver has no NTMS_IOC_MOUNT yet");
	ASSERT_EQ(ERROR_SUCCESS, ret);
	EXPECT_FALSE(guid_eq(&drives[0], &drives[1]));
	for (i = 0; i < SIM_DRIVES; i++) {
		ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &pick[i],
						  NTMS_PHYSICAL_MEDIA, &info));
		EXPECT_EQ(NTMS_DRIVE,
			  info.Info.PhysicalMedia.LocationType);
		EXPECT_TRUE(guid_eq(&drives[i],
				    &info.Info.PhysicalMedia.Location))
			TH_LOG("cartridge %u: the drive returned is not where it is",
			       (unsigned int)i);
	}
	EXPECT_EQ(ERROR_SUCCESS, DismountNtmsMedia(self->s, pick, SIM_DRIVES,
						   NTMS_DISMOUNT_IMMEDIATE));
}

struct worker {
	HANDLE s;
	NTMS_GUID library;
	int rounds;		/* 0: until the handle goes away */
	int done;
	int bad;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID list[SIM_DRIVES];
	DWORD size, ret;
	int i;

	for (i = 0; !w->rounds || i < w->rounds; i++) {
		size = SIM_DRIVES;
		ret = EnumerateNtmsObject(w->s, &w->library, list, &size,
					  NTMS_DRIVE, 0);
		if (ret == ERROR_SUCCESS)
			ret = get_info(w->s, &list[0], NTMS_DRIVE, &info);
		if (ret == ERROR_INVALID_HANDLE && !w->rounds)
			break;
		if (ret != ERROR_SUCCESS)
			w->bad++;
		w->done++;
	}
	return NULL;
}

/* Threads share a session; one closes it under the others. */
TEST_F(lib, threads_share_session)
{
	struct worker w[4];
	pthread_t t[4];
	HANDLE s;
	int i;

	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){ .s = self->s, .library = self->library,
					.rounds = 100 };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, worker_run, &w[i]));
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, w[i].bad);
		EXPECT_EQ(100, w[i].done);
	}

	s = OpenNtmsSession(NULL, "closing", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){ .s = s, .library = self->library };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, worker_run, &w[i]));
	}
	usleep(200000);
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsSession(s));
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, w[i].bad);
	}
}

struct note_waiter {
	HANDLE n;
	DWORD timeout;
	DWORD ret;
};

static void *note_wait(void *arg)
{
	struct note_waiter *nw = arg;
	NTMS_NOTIFICATIONINFORMATION note;

	nw->ret = WaitForNtmsNotification(nw->n, &note, nw->timeout);
	return NULL;
}

TEST_F(lib, notifications)
{
	NTMS_NOTIFICATIONINFORMATION note;
	struct note_waiter nw;
	pthread_t t;
	HANDLE n;

	n = OpenNtmsNotification(self->s, NTMS_DRIVE);
	if (n == INVALID_HANDLE_VALUE && GetLastError() == ERROR_NOT_SUPPORTED)
		SKIP(return, "the driver has no events yet");
	ASSERT_NE(INVALID_HANDLE_VALUE, n);
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  WaitForNtmsNotification(n, NULL, 0));
	EXPECT_EQ(ERROR_TIMEOUT, WaitForNtmsNotification(n, &note, 100));
	/* closing wakes a waiter */
	nw = (struct note_waiter){ .n = n, .timeout = INFINITE };
	ASSERT_EQ(0, pthread_create(&t, NULL, note_wait, &nw));
	usleep(200000);
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsNotification(n));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_CANCELLED, nw.ret);
	EXPECT_EQ(ERROR_INVALID_HANDLE, CloseNtmsNotification(n));
	EXPECT_EQ(INVALID_HANDLE_VALUE, OpenNtmsNotification(self->s, 99));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());

	/* closing the session closes its notifications */
	HANDLE s = OpenNtmsSession(NULL, "notes", 0);

	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	n = OpenNtmsNotification(s, NTMS_UNKNOWN);
	ASSERT_NE(INVALID_HANDLE_VALUE, n);
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsSession(s));
	EXPECT_EQ(ERROR_INVALID_HANDLE, WaitForNtmsNotification(n, &note, 0));
	EXPECT_EQ(ERROR_INVALID_HANDLE, CloseNtmsNotification(n));
}

/* The driver's NTMS_FEATURE_* mask, read from /dev/ntms; 0 on failure. */
static uint64_t driver_features(void)
{
	struct ntms_version_info v;
	int fd = open("/dev/ntms", O_RDWR | O_CLOEXEC);

	memset(&v, 0, sizeof(v));
	if (fd < 0)
		return 0;
	if (ioctl(fd, NTMS_IOC_GET_VERSION, &v))
		v.features = 0;
	close(fd);
	return v.features;
}

/* Arguments checked before the driver is asked anything. */
TEST_F(lib, inject_eject_arguments)
{
	NTMS_GUID op, *media;
	DWORD n;

	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	ASSERT_LT(0, n);
	/* Microsoft: the operation pointer is needed */
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  InjectNtmsMedia(self->s, &self->library, NULL,
				  NTMS_INJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EjectNtmsMedia(self->s, &media[0], NULL, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  InjectNtmsMedia(self->s, &self->library, &op, 4));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EjectNtmsMedia(self->s, &media[0], &op, 6));
	/* no port to retract, no operator to ask */
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  InjectNtmsMedia(self->s, &self->library, &op,
				  NTMS_INJECT_RETRACT));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  EjectNtmsMedia(self->s, &media[0], &op,
				 NTMS_EJECT_ASK_USER));
	free(media);
}

/* A request of @s of operation @op (NTMS_LM_*), if one is listed. */
/* a request of operation @op in state @state (any: ~0), if there is one */
static bool find_request_in(HANDLE s, DWORD op, DWORD state, NTMS_GUID *req)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID *list;
	bool found = false;
	DWORD n, i;

	if (list_objects(s, NULL, NTMS_LIBREQUEST, &list, &n))
		return false;
	for (i = 0; i < n && !found; i++) {
		if (get_info(s, &list[i], NTMS_LIBREQUEST, &info))
			continue;
		if (info.Info.LibRequest.OperationCode == op &&
		    (state == ~0U || info.Info.LibRequest.State == state)) {
			*req = list[i];
			found = true;
		}
	}
	free(list);
	return found;
}

static bool find_request(HANDLE s, DWORD op, NTMS_GUID *req)
{
	return find_request_in(s, op, ~0U, req);
}

/*
 * STOP of an operation id that names no inject (eject) request:
 * ERROR_INVALID_OPERATION, as Microsoft documents. Works on any driver:
 * STOP only looks the request up and cancels it.
 */
TEST_F(lib, inject_eject_stop_invalid_operation)
{
	NTMS_GUID unknown = unknown_guid, req;

	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  InjectNtmsMedia(self->s, &self->library, &unknown,
				  NTMS_INJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_OPERATION, GetLastError());
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  EjectNtmsMedia(self->s, NULL, &unknown, NTMS_EJECT_STOP));
	/* an object that is not a request */
	req = self->library;
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  InjectNtmsMedia(self->s, &self->library, &req,
				  NTMS_INJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  EjectNtmsMedia(self->s, NULL, &req, NTMS_EJECT_STOP));

	/* a request, but an inventory */
	if (InventoryNtmsLibrary(self->s, &self->library,
				 NTMS_INVENTORY_FAST) ||
	    !find_request(self->s, NTMS_LM_INVENTORY, &req))
		SKIP(return, "no inventory request to try");
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  InjectNtmsMedia(self->s, &self->library, &req,
				  NTMS_INJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  EjectNtmsMedia(self->s, NULL, &req, NTMS_EJECT_STOP));
}

/*
 * The queue's order and forgetting requests: a mount waiting for a drive
 * has place 1, can be moved, is cancelled, then has no place, cannot be
 * moved, and is deleted.
 */
TEST_F_TIMEOUT(lib, request_order_and_delete, 300)
{
	NTMS_GUID *media, drives[SIM_DRIVES], req, unknown = unknown_guid;
	NTMS_OBJECTINFORMATION info;
	struct mounter m;
	DWORD n, order;
	pthread_t t;
	int i;

	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	ASSERT_LE(SIM_DRIVES + 1, n);
	for (i = 0; i < SIM_DRIVES; i++)
		ASSERT_EQ(ERROR_SUCCESS,
			  MountNtmsMedia(self->s, &media[i], &drives[i], 1,
					 NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL,
					 120000, NULL));
	m = (struct mounter){ .media = media[SIM_DRIVES] };
	m.s = OpenNtmsSession(NULL, "waiting", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, m.s);
	ASSERT_EQ(0, pthread_create(&t, NULL, mount_run, &m));
	for (i = 0; i < 100 && !find_request_in(self->s, NTMS_LM_MOUNT,
						 NTMS_LM_WAITING, &req); i++)
		usleep(100000);
	ASSERT_GT(100, i) {
		CancelNtmsLibraryRequest(self->s, &req);
		CloseNtmsSession(m.s);
	}
	order = 99;
	EXPECT_EQ(ERROR_SUCCESS, GetNtmsRequestOrder(self->s, &req, &order));
	EXPECT_EQ(1, order);
	EXPECT_EQ(ERROR_SUCCESS, SetNtmsRequestOrder(self->s, &req, 0xffffffff));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  GetNtmsRequestOrder(self->s, &unknown, &order));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  SetNtmsRequestOrder(self->s, &unknown, 1));
	/* still waiting: not deleted, no error */
	EXPECT_EQ(ERROR_SUCCESS,
		  DeleteNtmsRequests(self->s, &req, NTMS_LIBREQUEST, 1));
	EXPECT_EQ(ERROR_SUCCESS, get_info(self->s, &req, NTMS_LIBREQUEST,
					  &info));

	EXPECT_EQ(ERROR_SUCCESS, CancelNtmsLibraryRequest(self->s, &req));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_CANCELLED, m.ret);
	CloseNtmsSession(m.s);
	EXPECT_EQ(ERROR_SUCCESS, GetNtmsRequestOrder(self->s, &req, &order));
	EXPECT_EQ(0, order);
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  SetNtmsRequestOrder(self->s, &req, 1));
	EXPECT_EQ(ERROR_SUCCESS,
		  DeleteNtmsRequests(self->s, &req, NTMS_LIBREQUEST, 1));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  get_info(self->s, &req, NTMS_LIBREQUEST, &info));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  GetNtmsRequestOrder(self->s, &req, &order));

	EXPECT_EQ(ERROR_SUCCESS, DismountNtmsMedia(self->s, media, SIM_DRIVES,
						   NTMS_DISMOUNT_IMMEDIATE));
	free(media);
}

/* what is present is not forgotten; what is unknown is named */
TEST_F(lib, delete_present_or_unknown)
{
	NTMS_GUID unknown = unknown_guid, *drives;
	DWORD n;

	EXPECT_EQ(ERROR_INVALID_STATE, DeleteNtmsLibrary(self->s,
							 &self->library));
	EXPECT_EQ(ERROR_INVALID_STATE, GetLastError());
	EXPECT_EQ(ERROR_INVALID_LIBRARY, DeleteNtmsLibrary(self->s, &unknown));
	EXPECT_EQ(ERROR_INVALID_DRIVE, DeleteNtmsDrive(self->s, &unknown));
	EXPECT_EQ(ERROR_INVALID_DRIVE, DeleteNtmsDrive(self->s,
						       &self->library));
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_DRIVE, &drives, &n));
	ASSERT_LT(0, n);
	/* a changer's drive goes with its changer */
	EXPECT_EQ(ERROR_INVALID_STATE, DeleteNtmsDrive(self->s, &drives[0]));
	free(drives);
}

/* without grants, a user may not read the order, move, nor delete */
static int as_user(NTMS_GUID *library, NTMS_GUID *req)
{
	NTMS_GUID unknown = unknown_guid;
	DWORD order;
	HANDLE s;
	int bad = 0;

	if (setgid(12346) || setuid(12345))
		return 100;
	s = OpenNtmsSession(NULL, "user", 0);
	if (s == INVALID_HANDLE_VALUE)
		return 101;
	bad |= DeleteNtmsLibrary(s, library) != ERROR_ACCESS_DENIED;
	/* the request is looked up first */
	bad |= (GetNtmsRequestOrder(s, &unknown, &order) !=
		ERROR_OBJECT_NOT_FOUND) << 1;
	bad |= (GetNtmsRequestOrder(s, req, &order) !=
		ERROR_ACCESS_DENIED) << 2;
	bad |= (SetNtmsRequestOrder(s, req, 1) != ERROR_ACCESS_DENIED) << 3;
	bad |= (DeleteNtmsRequests(s, req, NTMS_LIBREQUEST, 1) !=
		ERROR_ACCESS_DENIED) << 4;
	CloseNtmsSession(s);
	return bad;
}

TEST_F_TIMEOUT(lib, access_denied, 120)
{
	NTMS_GUID req;
	struct stat st;
	DWORD order;
	int status;
	pid_t pid;

	/* the VM's root is 0755, as a real system's: nothing to change */
	ASSERT_EQ(0, stat("/", &st));
	ASSERT_EQ(0755, st.st_mode & 0777);
	ASSERT_EQ(0, chmod("/dev/ntms", 0666));
	ASSERT_EQ(ERROR_SUCCESS, InventoryNtmsLibrary(self->s, &self->library,
						      NTMS_INVENTORY_FAST));
	ASSERT_TRUE(find_request(self->s, NTMS_LM_INVENTORY, &req));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(as_user(&self->library, &req));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* the request is still there */
	EXPECT_EQ(ERROR_SUCCESS, GetNtmsRequestOrder(self->s, &req, &order));
	EXPECT_EQ(0, order);
}

/* Wait up to 60 s for request @req to end; its final NTMS_LM_* state. */
static DWORD request_end(HANDLE s, NTMS_GUID *req)
{
	NTMS_OBJECTINFORMATION info;
	DWORD state;
	int i;

	for (i = 0; i < 600; i++) {
		if (get_info(s, req, NTMS_LIBREQUEST, &info))
			return NTMS_LM_INVALID;
		state = info.Info.LibRequest.State;
		if (state != NTMS_LM_QUEUED && state != NTMS_LM_INPROCESS &&
		    state != NTMS_LM_WAITING && state != NTMS_LM_DEFERRED)
			return state;
		usleep(100000);
	}
	return NTMS_LM_QUEUED;
}

/* Where cartridge @m is: the NTMS_* type of its location. */
static DWORD media_location_type(HANDLE s, NTMS_GUID *m)
{
	NTMS_OBJECTINFORMATION info;

	if (get_info(s, m, NTMS_PHYSICAL_MEDIA, &info))
		return NTMS_UNKNOWN;
	return info.Info.PhysicalMedia.LocationType;
}

/*
 * With a driver that implements them (smcsim ieports=1): eject a
 * cartridge to the port, a second eject finds no free port
 * (ERROR_BUSY), STOP of an ended request or of the wrong kind, then
 * inject it back to a storage slot.
 */
TEST_F_TIMEOUT(lib, inject_eject_round_trip, 300)
{
	NTMS_GUID *media, *ports, op, op2, m = NTMS_NULLGUID, m2;
	DWORD n, nports, i;

	if (!(driver_features() & NTMS_FEATURE_INJECT_EJECT))
		SKIP(return, "the driver lacks inject and eject");
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_IEPORT, &ports, &nports));
	if (nports != 1) {
		free(ports);
		SKIP(return, "%u ports: smcsim ieports=1 wanted",
		     (unsigned int)nports);
	}
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	/* two cartridges in storage slots, from the end of the list */
	for (i = n; i-- > 0;) {
		if (media_location_type(self->s, &media[i]) != NTMS_STORAGESLOT)
			continue;
		if (NTMS_IS_NULLGUID(m)) {
			m = media[i];
		} else {
			m2 = media[i];
			break;
		}
	}
	ASSERT_LT(i, n);

	ASSERT_EQ(ERROR_SUCCESS, EjectNtmsMediaEx(self->s, &m, &ports[0], &op,
						  NTMS_EJECT_START));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	EXPECT_EQ(NTMS_IEPORT, media_location_type(self->s, &m));
	/* the one port is full */
	EXPECT_EQ(ERROR_BUSY, EjectNtmsMedia(self->s, &m2, &op2,
					     NTMS_EJECT_START));
	/* STOP: an ended eject, then a request of another kind */
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  EjectNtmsMedia(self->s, NULL, &op, NTMS_EJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  InjectNtmsMedia(self->s, &self->library, &op,
				  NTMS_INJECT_STOP));

	ASSERT_EQ(ERROR_SUCCESS, InjectNtmsMedia(self->s, &self->library, &op2,
						 NTMS_INJECT_START));
	EXPECT_FALSE(guid_eq(&op, &op2));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op2));
	EXPECT_EQ(NTMS_STORAGESLOT, media_location_type(self->s, &m));
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  EjectNtmsMedia(self->s, NULL, &op2, NTMS_EJECT_STOP));
	free(media);
	free(ports);
}

/* The last cartridge of @lib in a storage slot, in @m. */
static DWORD stored_media(HANDLE s, NTMS_GUID *lib, NTMS_GUID *m)
{
	NTMS_GUID *media;
	DWORD n, i, ret;

	ret = list_objects(s, lib, NTMS_PHYSICAL_MEDIA, &media, &n);
	if (ret)
		return ret;
	ret = ERROR_OBJECT_NOT_FOUND;
	for (i = n; i-- > 0;) {
		if (media_location_type(s, &media[i]) == NTMS_STORAGESLOT) {
			*m = media[i];
			ret = ERROR_SUCCESS;
			break;
		}
	}
	free(media);
	return ret;
}

/*
 * A cartridge in a mail slot (ejected, not taken): MountNtmsMedia gives
 * ERROR_MEDIA_NOT_AVAILABLE; injected again, it mounts.
 */
TEST_F_TIMEOUT(lib, mount_from_port_not_available, 300)
{
	NTMS_GUID op, drive, m;

	if (!(driver_features() & NTMS_FEATURE_INJECT_EJECT))
		SKIP(return, "the driver lacks inject and eject");
	ASSERT_EQ(ERROR_SUCCESS, stored_media(self->s, &self->library, &m));
	ASSERT_EQ(ERROR_SUCCESS, EjectNtmsMedia(self->s, &m, &op,
						NTMS_EJECT_START));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	ASSERT_EQ(NTMS_IEPORT, media_location_type(self->s, &m));

	EXPECT_EQ(ERROR_MEDIA_NOT_AVAILABLE,
		  MountNtmsMedia(self->s, &m, &drive, 1, NTMS_MOUNT_READ, 0,
				 10000, NULL));

	ASSERT_EQ(ERROR_SUCCESS, InjectNtmsMedia(self->s, &self->library, &op,
						 NTMS_INJECT_START));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	EXPECT_EQ(ERROR_SUCCESS,
		  MountNtmsMedia(self->s, &m, &drive, 1, NTMS_MOUNT_READ, 0,
				 60000, NULL));
	EXPECT_EQ(ERROR_SUCCESS, DismountNtmsMedia(self->s, &m, 1,
						   NTMS_DISMOUNT_IMMEDIATE));
}

/* write @val to sysfs file @path: 0 or -1 */
static int sysfs_write(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = write(fd, val, strlen(val)) == (ssize_t)strlen(val) ? 0 : -1;
	close(fd);
	return ret;
}

/* the cartridge labelled @barcode: ERROR_SUCCESS or ERROR_NOT_FOUND */
static DWORD media_by_barcode(HANDLE s, const char *barcode, NTMS_GUID *m)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID *list;
	DWORD n, i, ret;

	ret = list_objects(s, NULL, NTMS_PHYSICAL_MEDIA, &list, &n);
	for (i = 0; !ret && i < n; i++) {
		if (get_info(s, &list[i], NTMS_PHYSICAL_MEDIA, &info) ||
		    strcmp(info.Info.PhysicalMedia.szBarCode, barcode))
			continue;
		*m = list[i];
		free(list);
		return ERROR_SUCCESS;
	}
	free(list);
	return ret ? ret : ERROR_NOT_FOUND;
}

/*
 * A cleaning cartridge (CLN barcode), injected through the mail slot, is
 * never mounted: ERROR_INVALID_MEDIA; it can be ejected again.
 */
TEST_F_TIMEOUT(lib, mount_cleaner_invalid_media, 120)
{
	NTMS_GUID op, drive, c;
	char port[32], buf[4096] = "";
	ssize_t n;
	char *p;
	int fd;

	if (!(driver_features() & NTMS_FEATURE_INJECT_EJECT))
		SKIP(return, "the driver lacks inject and eject");
	ASSERT_EQ(0, sysfs_write("/sys/kernel/debug/smcsim/lib0/insert",
				 "CLN007L1"));
	ASSERT_EQ(ERROR_SUCCESS, InjectNtmsMedia(self->s, &self->library, &op,
						 NTMS_INJECT_START));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	ASSERT_EQ(ERROR_SUCCESS, media_by_barcode(self->s, "CLN007L1", &c));
	EXPECT_EQ(NTMS_STORAGESLOT, media_location_type(self->s, &c));
	EXPECT_EQ(ERROR_INVALID_MEDIA,
		  MountNtmsMedia(self->s, &c, &drive, 1, NTMS_MOUNT_READ, 0,
				 10000, NULL));
	ASSERT_EQ(ERROR_SUCCESS, EjectNtmsMedia(self->s, &c, &op,
						NTMS_EJECT_START));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	/* the operator takes it: the first mail slot's address */
	fd = open("/sys/kernel/debug/smcsim/lib0/elements", O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	p = strstr(buf, "ie ");
	ASSERT_NE(NULL, p);
	ASSERT_EQ(1, sscanf(p + 3, "%31s", port));
	EXPECT_EQ(0, sysfs_write("/sys/kernel/debug/smcsim/lib0/remove", port));
}

/* wait up to 10 s for drive @d to reach operational state @state */
static DWORD drive_op_state(HANDLE s, NTMS_GUID *d, DWORD state)
{
	NTMS_OBJECTINFORMATION info;
	int t;

	for (t = 0; t < 100; t++) {
		if (!get_info(s, d, NTMS_DRIVE, &info) &&
		    info.dwOperationalState == state)
			break;
		usleep(100000);
	}
	return info.dwOperationalState;
}

/*
 * The tape device of a drive is deleted: MountNtmsMedia asking for that
 * drive gives ERROR_DEVICE_NOT_CONNECTED; a host scan brings it back.
 */
TEST_F_TIMEOUT(lib, mount_drive_not_connected, 180)
{
	NTMS_GUID *drives, m, d;
	NTMS_OBJECTINFORMATION info;
	DWORD nd, host;
	char path[200];

	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_DRIVE, &drives, &nd));
	ASSERT_LE(1, nd);
	d = drives[nd - 1];
	free(drives);
	ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &d, NTMS_DRIVE, &info));
	host = info.Info.Drive.ScsiPort;
	snprintf(path, sizeof(path),
		 "/sys/class/scsi_device/%u:%u:%u:%u/device/delete",
		 (unsigned int)host, (unsigned int)info.Info.Drive.ScsiBus,
		 (unsigned int)info.Info.Drive.ScsiTarget,
		 (unsigned int)info.Info.Drive.ScsiLun);
	ASSERT_EQ(ERROR_SUCCESS, stored_media(self->s, &self->library, &m));

	ASSERT_EQ(0, sysfs_write(path, "1")) TH_LOG("%s", path);
	ASSERT_EQ(NTMS_NEEDS_SERVICE,
		  drive_op_state(self->s, &d, NTMS_NEEDS_SERVICE));
	EXPECT_EQ(ERROR_DEVICE_NOT_CONNECTED,
		  MountNtmsMedia(self->s, &m, &d, 1,
				 NTMS_MOUNT_READ | NTMS_MOUNT_SPECIFIC_DRIVE,
				 0, 10000, NULL));

	snprintf(path, sizeof(path), "/sys/class/scsi_host/host%u/scan",
		 (unsigned int)host);
	ASSERT_EQ(0, sysfs_write(path, "- - -"));
	ASSERT_EQ(NTMS_READY, drive_op_state(self->s, &d, NTMS_READY));
}

/*
 * An inject with nothing in the mail slots: the request ends FAILED, its
 * dwErrorCode ERROR_NO_MORE_ITEMS.
 */
TEST_F_TIMEOUT(lib, inject_nothing_no_more_items, 120)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID op;

	if (!(driver_features() & NTMS_FEATURE_INJECT_EJECT))
		SKIP(return, "the driver lacks inject and eject");
	ASSERT_EQ(ERROR_SUCCESS, InjectNtmsMedia(self->s, &self->library, &op,
						 NTMS_INJECT_START));
	ASSERT_EQ(NTMS_LM_FAILED, request_end(self->s, &op));
	ASSERT_EQ(ERROR_SUCCESS,
		  get_info(self->s, &op, NTMS_LIBREQUEST, &info));
	EXPECT_EQ(NTMS_LM_INJECT, info.Info.LibRequest.OperationCode);
	EXPECT_EQ(ERROR_NO_MORE_ITEMS, info.Info.LibRequest.dwErrorCode);
}

/*
 * A disabled cartridge: ERROR_RESOURCE_DISABLED; a disabled drive asked
 * for by NTMS_MOUNT_SPECIFIC_DRIVE: ERROR_DEVICE_NOT_AVAILABLE.
 */
TEST_F_TIMEOUT(lib, mount_disabled, 120)
{
	NTMS_GUID *media, *drives, drive;
	DWORD n, nd, ret;

	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_DRIVE, &drives, &nd));
	ASSERT_LT(0, n);
	ASSERT_LT(0, nd);
	ret = DisableNtmsObject(self->s, NTMS_PHYSICAL_MEDIA, &media[0]);
	if (ret == ERROR_NOT_SUPPORTED) {
		free(media);
		free(drives);
		SKIP(return, "the driver has no NTMS_IOC_SET_ENABLED");
	}
	ASSERT_EQ(ERROR_SUCCESS, ret);
	SetLastError(0);
	EXPECT_EQ(ERROR_RESOURCE_DISABLED,
		  MountNtmsMedia(self->s, &media[0], &drive, 1,
				 NTMS_MOUNT_READ, NTMS_PRIORITY_NORMAL, 10000,
				 NULL));
	EXPECT_EQ(ERROR_RESOURCE_DISABLED, GetLastError());
	EXPECT_EQ(ERROR_SUCCESS,
		  EnableNtmsObject(self->s, NTMS_PHYSICAL_MEDIA, &media[0]));

	drive = drives[0];
	ASSERT_EQ(ERROR_SUCCESS, DisableNtmsObject(self->s, NTMS_DRIVE, &drive));
	EXPECT_EQ(ERROR_DEVICE_NOT_AVAILABLE,
		  MountNtmsMedia(self->s, &media[0], &drive, 1,
				 NTMS_MOUNT_READ | NTMS_MOUNT_SPECIFIC_DRIVE,
				 NTMS_PRIORITY_NORMAL, 10000, NULL));
	EXPECT_EQ(ERROR_SUCCESS, EnableNtmsObject(self->s, NTMS_DRIVE,
						  &drives[0]));
	free(media);
	free(drives);
}

static DWORD media_enable(HANDLE s, NTMS_GUID *m, bool enable)
{
	return enable ? EnableNtmsObject(s, NTMS_PHYSICAL_MEDIA, m) :
			DisableNtmsObject(s, NTMS_PHYSICAL_MEDIA, m);
}

/*
 * More changes than the driver's event queue holds (module parameter
 * event_queue, 256 by default) while nobody reads: the changes the queue
 * held, then ERROR_NO_DATA once where the loss is, then new ones as usual.
 */
TEST_F_TIMEOUT(lib, notification_overflow, 180)
{
	NTMS_NOTIFICATIONINFORMATION note;
	unsigned int i, lost = 0, before = 0, after = 0;
	NTMS_GUID *media;
	DWORD n, ret;
	HANDLE h;

	h = OpenNtmsNotification(self->s, NTMS_PHYSICAL_MEDIA);
	if (h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_NOT_SUPPORTED)
		SKIP(return, "the driver has no events yet");
	ASSERT_NE(INVALID_HANDLE_VALUE, h);
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_PHYSICAL_MEDIA, &media, &n));
	ASSERT_LT(0, n);
	/* two updates per round: well past 256 */
	for (i = 0; i < 200; i++) {
		ASSERT_EQ(ERROR_SUCCESS, media_enable(self->s, &media[0], false));
		ASSERT_EQ(ERROR_SUCCESS, media_enable(self->s, &media[0], true));
	}
	/* what was kept, then the loss, reported once */
	for (;;) {
		SetLastError(0);
		ret = WaitForNtmsNotification(h, &note, 0);
		if (ret == ERROR_NO_DATA) {
			EXPECT_EQ(ERROR_NO_DATA, GetLastError());
			lost++;
		} else if (ret == ERROR_SUCCESS) {
			EXPECT_EQ(NTMS_OBJ_UPDATE, note.dwOperation);
			if (lost)
				after++;
			else
				before++;
		} else {
			break;
		}
	}
	EXPECT_EQ(ERROR_TIMEOUT, ret);
	EXPECT_EQ(1, lost);
	EXPECT_EQ(255, before);
	EXPECT_EQ(0, after);
	/* and then the next change, as usual */
	ASSERT_EQ(ERROR_SUCCESS, media_enable(self->s, &media[0], false));
	EXPECT_EQ(ERROR_SUCCESS, WaitForNtmsNotification(h, &note, 5000));
	EXPECT_EQ(NTMS_OBJ_UPDATE, note.dwOperation);
	EXPECT_TRUE(guid_eq(&media[0], &note.ObjectId));
	EXPECT_EQ(ERROR_SUCCESS, media_enable(self->s, &media[0], true));
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsNotification(h));
	free(media);
}

/* The example written from Microsoft's documentation runs. */
/*
 * The door: queued, and with nobody coming within door_timeout_s, the
 * request passes; the documented errors of the call itself.
 */
TEST_F_TIMEOUT(lib, library_door, 120)
{
	NTMS_GUID unknown = unknown_guid, req;
	FILE *f;

	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  AccessNtmsLibraryDoor(self->s, &self->library,
					NTMS_INVENTORY_OMID));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  AccessNtmsLibraryDoor(self->s, &self->library, 7));
	EXPECT_EQ(ERROR_INVALID_LIBRARY,
		  AccessNtmsLibraryDoor(self->s, &unknown,
					NTMS_INVENTORY_FAST));
	f = fopen("/sys/module/ntms/parameters/door_timeout_s", "w");
	ASSERT_NE(NULL, f);
	fputs("1", f);
	fclose(f);
	SetLastError(0);
	EXPECT_EQ(ERROR_SUCCESS,
		  AccessNtmsLibraryDoor(self->s, &self->library,
					NTMS_INVENTORY_FAST));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	ASSERT_TRUE(find_request(self->s, NTMS_LM_DOORACCESS, &req));
	EXPECT_EQ(NTMS_LM_PASSED, request_end(self->s, &req));
	f = fopen("/sys/module/ntms/parameters/door_timeout_s", "w");
	ASSERT_NE(NULL, f);
	fputs("300", f);
	fclose(f);
}

/* the queue example, written from Microsoft's pages, lists and purges */
TEST_F_TIMEOUT(lib, rsm_queue_purges, 120)
{
	NTMS_GUID req;

	ASSERT_EQ(ERROR_SUCCESS, InventoryNtmsLibrary(self->s, &self->library,
						      NTMS_INVENTORY_FAST));
	ASSERT_TRUE(find_request(self->s, NTMS_LM_INVENTORY, &req));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &req));
	EXPECT_EQ(0, system("build/bin/rsm_queue --purge >/tmp/rsm_queue.out && "
			    "grep -q 'operation 8, passed' /tmp/rsm_queue.out && "
			    "grep -q 'ended requests deleted' /tmp/rsm_queue.out && "
			    "build/bin/rsm_queue >/tmp/rsm_queue.out && "
			    "! grep -q passed /tmp/rsm_queue.out"));
}

/* the next notification of an operator request, or ERROR_TIMEOUT */
static DWORD opreq_note(HANDLE n, DWORD *op, NTMS_GUID *id)
{
	NTMS_NOTIFICATIONINFORMATION note;
	DWORD ret = WaitForNtmsNotification(n, &note, 5000);

	*op = note.dwOperation;
	*id = note.ObjectId;
	return ret;
}

struct opreq_waiter {
	HANDLE s;
	NTMS_GUID id;
	DWORD ret;
};

static void *opreq_wait(void *arg)
{
	struct opreq_waiter *w = arg;

	w->ret = WaitForNtmsOperatorRequest(w->s, &w->id, INFINITE);
	return NULL;
}

/*
 * Submit, describe, list, notify, wait (timeout, satisfied, cancelled),
 * satisfy and cancel what has ended, delete: every result of the four
 * functions but ERROR_ACCESS_DENIED (opreq_access_denied).
 */
TEST_F(lib, operator_requests)
{
	NTMS_GUID id, id2, got, unknown = unknown_guid, *list, drive;
	NTMS_OBJECTINFORMATION info;
	struct opreq_waiter w;
	char longmsg[NTMS_MESSAGE_LENGTH + 1];
	DWORD op, n, i;
	bool found = false;
	pthread_t t;
	HANDLE note;

	if (!(driver_features() & NTMS_FEATURE_OPREQ))
		SKIP(return, "driver without operator requests");
	note = OpenNtmsNotification(self->s, NTMS_OPREQUEST);
	ASSERT_NE(INVALID_HANDLE_VALUE, note);

	ASSERT_EQ(ERROR_SUCCESS,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MESSAGE,
					    "load the weekly set", NULL, NULL,
					    &id));
	ASSERT_EQ(ERROR_SUCCESS, opreq_note(note, &op, &got));
	EXPECT_EQ(NTMS_OBJ_INSERT, op);
	EXPECT_TRUE(guid_eq(&id, &got));
	ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &id, NTMS_OPREQUEST, &info));
	EXPECT_EQ(NTMS_OPREQ_MESSAGE, info.Info.OpRequest.Request);
	EXPECT_EQ(NTMS_OPSTATE_SUBMITTED, info.Info.OpRequest.State);
	EXPECT_STREQ("load the weekly set", info.Info.OpRequest.szMessage);
	EXPECT_STREQ("libntms_vm", info.Info.OpRequest.szApplication);
	EXPECT_STREQ("root", info.Info.OpRequest.szUser);
	EXPECT_NE(0, info.Info.OpRequest.Submitted.wYear);
	EXPECT_EQ(ERROR_SUCCESS, list_objects(self->s, NULL, NTMS_OPREQUEST,
					      &list, &n));
	for (i = 0; i < n; i++)
		found |= guid_eq(&list[i], &id);
	free(list);
	EXPECT_TRUE(found);

	EXPECT_EQ(ERROR_TIMEOUT, WaitForNtmsOperatorRequest(self->s, &id, 0));
	EXPECT_EQ(ERROR_TIMEOUT, WaitForNtmsOperatorRequest(self->s, &id, 100));
	w = (struct opreq_waiter){ .s = self->s, .id = id };
	ASSERT_EQ(0, pthread_create(&t, NULL, opreq_wait, &w));
	usleep(200000);
	EXPECT_EQ(ERROR_SUCCESS, SatisfyNtmsOperatorRequest(self->s, &id));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_SUCCESS, w.ret);
	ASSERT_EQ(ERROR_SUCCESS, opreq_note(note, &op, &got));
	EXPECT_EQ(NTMS_OBJ_UPDATE, op);
	ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &id, NTMS_OPREQUEST, &info));
	EXPECT_EQ(NTMS_OPSTATE_COMPLETE, info.Info.OpRequest.State);
	/* ended: satisfying it is not finding it; cancelling, a bad state */
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  SatisfyNtmsOperatorRequest(self->s, &id));
	EXPECT_EQ(ERROR_INVALID_STATE, CancelNtmsOperatorRequest(self->s, &id));

	/* a drive that needs service, cancelled: its waiter is told */
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, &self->library,
					      NTMS_DRIVE, &list, &n));
	ASSERT_LT(0, n);
	drive = list[0];
	free(list);
	ASSERT_EQ(ERROR_SUCCESS,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_DEVICESERVICE,
					    NULL, &drive, NULL, &id2));
	ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &id2, NTMS_OPREQUEST,
					  &info));
	EXPECT_EQ(NTMS_DRIVE, info.Info.OpRequest.Arg1Type);
	EXPECT_TRUE(guid_eq(&drive, &info.Info.OpRequest.Arg1));
	w = (struct opreq_waiter){ .s = self->s, .id = id2 };
	ASSERT_EQ(0, pthread_create(&t, NULL, opreq_wait, &w));
	usleep(200000);
	EXPECT_EQ(ERROR_SUCCESS, CancelNtmsOperatorRequest(self->s, &id2));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_CANCELLED, w.ret);
	EXPECT_EQ(ERROR_CANCELLED, WaitForNtmsOperatorRequest(self->s, &id2,
							       0));
	ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &id2, NTMS_OPREQUEST,
					  &info));
	EXPECT_EQ(NTMS_OPSTATE_REFUSED, info.Info.OpRequest.State);

	/* deleted: found no more */
	ASSERT_EQ(ERROR_SUCCESS, DeleteNtmsRequests(self->s, &id,
						    NTMS_OPREQUEST, 1));
	ASSERT_EQ(ERROR_SUCCESS, DeleteNtmsRequests(self->s, &id2,
						    NTMS_OPREQUEST, 1));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  WaitForNtmsOperatorRequest(self->s, &id, 0));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  SatisfyNtmsOperatorRequest(self->s, &id));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  CancelNtmsOperatorRequest(self->s, &id));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  get_info(self->s, &id, NTMS_OPREQUEST, &info));

	/* parameters */
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MESSAGE, "",
					    NULL, NULL, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_UNKNOWN, "",
					    NULL, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MESSAGE, "",
					    &self->library, NULL, &id));
	memset(longmsg, 'x', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MESSAGE,
					    longmsg, NULL, NULL, &id));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  WaitForNtmsOperatorRequest(self->s, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  SatisfyNtmsOperatorRequest(self->s, NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  CancelNtmsOperatorRequest(self->s, NULL));
	/* objects */
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_DEVICESERVICE,
					    NULL, &unknown, NULL, &id));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MOVEMEDIA,
					    NULL, &drive, &self->library,
					    &id));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  WaitForNtmsOperatorRequest(self->s, &unknown, 0));
	CloseNtmsNotification(note);
}

/* a table full of operator requests that have not ended */
TEST_F_TIMEOUT(lib, opreq_database_full, 120)
{
	NTMS_GUID *ids, *list;
	DWORD ret = ERROR_SUCCESS, n = 0, i;

	if (!(driver_features() & NTMS_FEATURE_OPREQ))
		SKIP(return, "driver without operator requests");
	ids = calloc(4096, sizeof(*ids));
	ASSERT_NE(NULL, ids);
	while (n < 4096) {
		ret = SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MESSAGE,
						"fill", NULL, NULL, &ids[n]);
		if (ret)
			break;
		n++;
	}
	EXPECT_EQ(ERROR_DATABASE_FULL, ret);
	EXPECT_LT(0, n);
	/* one ended makes room */
	ASSERT_EQ(ERROR_SUCCESS, SatisfyNtmsOperatorRequest(self->s, &ids[0]));
	EXPECT_EQ(ERROR_SUCCESS,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_MESSAGE, "",
					    NULL, NULL, &ids[0]));
	free(ids);
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, NULL, NTMS_OPREQUEST,
					      &list, &n));
	for (i = 0; i < n; i++)
		CancelNtmsOperatorRequest(self->s, &list[i]);
	for (i = 0; i < n; i += 1024)
		EXPECT_EQ(ERROR_SUCCESS,
			  DeleteNtmsRequests(self->s, &list[i], NTMS_OPREQUEST,
					     n - i < 1024 ? n - i : 1024));
	free(list);
	ASSERT_EQ(ERROR_SUCCESS, list_objects(self->s, NULL, NTMS_OPREQUEST,
					      &list, &n));
	EXPECT_EQ(0, n);
	free(list);
}

/* without CONTROL, a user may submit messages and act on its own only */
static int opreq_as_user(NTMS_GUID *library, NTMS_GUID *id)
{
	NTMS_GUID mine;
	HANDLE s;
	int bad = 0;

	if (setgid(12346) || setuid(12345))
		return 100;
	s = OpenNtmsSession(NULL, "user", 0);
	if (s == INVALID_HANDLE_VALUE)
		return 101;
	bad |= SubmitNtmsOperatorRequest(s, NTMS_OPREQ_DEVICESERVICE, "",
					 library, NULL, &mine) !=
	       ERROR_ACCESS_DENIED;
	bad |= (SatisfyNtmsOperatorRequest(s, id) != ERROR_ACCESS_DENIED) << 1;
	bad |= (CancelNtmsOperatorRequest(s, id) != ERROR_ACCESS_DENIED) << 2;
	bad |= (SubmitNtmsOperatorRequest(s, NTMS_OPREQ_MESSAGE, "hi", NULL,
					  NULL, &mine) != ERROR_SUCCESS) << 3;
	bad |= (CancelNtmsOperatorRequest(s, &mine) != ERROR_SUCCESS) << 4;
	bad |= (DeleteNtmsRequests(s, &mine, NTMS_OPREQUEST, 1) !=
		ERROR_SUCCESS) << 5;
	CloseNtmsSession(s);
	return bad;
}

TEST_F(lib, opreq_access_denied)
{
	struct stat st;
	NTMS_GUID id;
	int status;
	pid_t pid;

	if (!(driver_features() & NTMS_FEATURE_OPREQ))
		SKIP(return, "driver without operator requests");
	/* the VM's root is 0755, as a real system's: nothing to change */
	ASSERT_EQ(0, stat("/", &st));
	ASSERT_EQ(0755, st.st_mode & 0777);
	ASSERT_EQ(0, chmod("/dev/ntms", 0666));
	ASSERT_EQ(ERROR_SUCCESS,
		  SubmitNtmsOperatorRequest(self->s, NTMS_OPREQ_DEVICESERVICE,
					    "robot", &self->library, NULL,
					    &id));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(opreq_as_user(&self->library, &id));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(ERROR_SUCCESS, CancelNtmsOperatorRequest(self->s, &id));
	EXPECT_EQ(ERROR_SUCCESS, DeleteNtmsRequests(self->s, &id,
						    NTMS_OPREQUEST, 1));
}

/* write @val to smcsim's debugfs knob @knob of lib0; 0 or -1 */
static int sim_knob(const char *knob, const char *val)
{
	char path[128];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "/sys/kernel/debug/smcsim/lib0/%s", knob);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ret = fputs(val, f) < 0 ? -1 : 0;
	return fclose(f) ? -1 : ret;
}

/* the element address of smcsim's first mail slot; 0 or -1 */
static int sim_first_port(unsigned int *addr)
{
	char line[256];
	FILE *f = fopen("/sys/kernel/debug/smcsim/lib0/elements", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f))
		if (!strncmp(line, "ie ", 3) && sscanf(line + 3, "%u", addr) == 1)
			ret = 0;
	fclose(f);
	return ret;
}

/* wait up to 15 s for cartridge @m to be in an element of @type (0: out) */
static bool media_at(HANDLE s, NTMS_GUID *m, DWORD type)
{
	int i;

	for (i = 0; i < 150; i++) {
		if (media_location_type(s, m) == type)
			return true;
		usleep(100000);
	}
	return false;
}

/* the operator request the driver raised for @m in @state (10 s) */
static bool raised_opreq(HANDLE s, NTMS_GUID *m, DWORD state, NTMS_GUID *id)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID *list;
	DWORD n, i;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		if (list_objects(s, NULL, NTMS_OPREQUEST, &list, &n))
			return false;
		for (i = 0; i < n; i++) {
			if (get_info(s, &list[i], NTMS_OPREQUEST, &info) ||
			    info.Info.OpRequest.Request != NTMS_OPREQ_MOVEMEDIA ||
			    info.Info.OpRequest.State != state ||
			    !guid_eq(&info.Info.OpRequest.Arg1, m))
				continue;
			*id = list[i];
			free(list);
			return true;
		}
		free(list);
		usleep(100000);
	}
	return false;
}

static void *mount_offline_run(void *arg)
{
	struct mounter *m = arg;
	NTMS_GUID drive;

	m->ret = MountNtmsMedia(m->s, &m->media, &drive, 1, 0,
				NTMS_PRIORITY_NORMAL, INFINITE, NULL);
	return NULL;
}

/*
 * MountNtmsMedia of an ejected cartridge: ERROR_MEDIA_OFFLINE with
 * NTMS_MOUNT_ERROR_OFFLINE; without it, the driver asks an operator for
 * it (NTMS_OPREQ_MOVEMEDIA) and the mount waits: its timeout cancels both
 * (ERROR_BUSY), cancelling the operator request fails it
 * (ERROR_CANCELLED), and brought back and injected, it is mounted.
 */
TEST_F_TIMEOUT(lib, mount_offline_asks_operator, 300)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID m, op, id, drive;
	struct mounter mt;
	unsigned int port;
	char knob[96], bc[64];
	pthread_t t;

	if (!(driver_features() & NTMS_FEATURE_MOUNT_OFFLINE))
		SKIP(return, "driver without NTMS_MOUNT_F_OFFLINE_WAIT");
	ASSERT_EQ(ERROR_SUCCESS, stored_media(self->s, &self->library, &m));
	ASSERT_EQ(ERROR_SUCCESS, get_info(self->s, &m, NTMS_PHYSICAL_MEDIA,
					  &info));
	snprintf(bc, sizeof(bc), "%s", info.Info.PhysicalMedia.szBarCode);
	ASSERT_EQ(ERROR_SUCCESS, EjectNtmsMedia(self->s, &m, &op,
						NTMS_EJECT_START));
	ASSERT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	ASSERT_EQ(0, sim_first_port(&port));
	snprintf(knob, sizeof(knob), "%u", port);
	ASSERT_EQ(0, sim_knob("remove", knob));
	ASSERT_TRUE(media_at(self->s, &m, NTMS_UNKNOWN));

	EXPECT_EQ(ERROR_MEDIA_OFFLINE,
		  MountNtmsMedia(self->s, &m, &drive, 1,
				 NTMS_MOUNT_ERROR_OFFLINE, 0, 1000, NULL));
	EXPECT_EQ(ERROR_BUSY, MountNtmsMedia(self->s, &m, &drive, 1, 0, 0,
					     1500, NULL));
	EXPECT_TRUE(raised_opreq(self->s, &m, NTMS_OPSTATE_REFUSED, &id));

	mt = (struct mounter){ .s = self->s, .media = m };
	ASSERT_EQ(0, pthread_create(&t, NULL, mount_offline_run, &mt));
	EXPECT_TRUE(raised_opreq(self->s, &m, NTMS_OPSTATE_SUBMITTED, &id));
	EXPECT_EQ(ERROR_SUCCESS, CancelNtmsOperatorRequest(self->s, &id));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_CANCELLED, mt.ret);

	ASSERT_EQ(0, pthread_create(&t, NULL, mount_offline_run, &mt));
	EXPECT_TRUE(raised_opreq(self->s, &m, NTMS_OPSTATE_SUBMITTED, &id));
	snprintf(knob, sizeof(knob), "%s %u", bc, port);
	ASSERT_EQ(0, sim_knob("insert", knob));
	ASSERT_TRUE(media_at(self->s, &m, NTMS_IEPORT));
	ASSERT_EQ(ERROR_SUCCESS, InjectNtmsMedia(self->s, &self->library, &op,
						 NTMS_INJECT_START));
	EXPECT_EQ(NTMS_LM_PASSED, request_end(self->s, &op));
	pthread_join(t, NULL);
	EXPECT_EQ(ERROR_SUCCESS, mt.ret);
	EXPECT_EQ(ERROR_SUCCESS, WaitForNtmsOperatorRequest(self->s, &id, 0));
	EXPECT_EQ(NTMS_DRIVE, media_location_type(self->s, &m));
	EXPECT_EQ(ERROR_SUCCESS, DismountNtmsMedia(self->s, &m, 1, 0));
	EXPECT_TRUE(media_at(self->s, &m, NTMS_STORAGESLOT));
}

TEST(rsm_list_runs)
{
	EXPECT_EQ(0, system("build/bin/rsm_list >/tmp/rsm_list.out && "
			    "grep -q ' 2 drives, 20 slots' /tmp/rsm_list.out && "
			    "test $(grep -c '^  drive ' /tmp/rsm_list.out) -ge 2"));
}

/* ... and mounts and dismounts a cartridge, once the driver can. */
TEST(rsm_list_mount)
{
	int ret = system("build/bin/rsm_list --mount >/tmp/rsm_mount.out 2>&1");

	if (ret && !system("grep -q 'error 50$' /tmp/rsm_mount.out"))
		SKIP(return, "the driver has no NTMS_IOC_MOUNT yet");
	system("sed 's/^/# /' /tmp/rsm_mount.out");
	EXPECT_EQ(0, ret);
}

TEST_HARNESS_MAIN
