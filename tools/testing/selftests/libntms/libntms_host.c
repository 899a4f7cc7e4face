// SPDX-License-Identifier: GPL-2.0
/*
 * libntms on the host, without the driver: handle checks, OpenNtmsSession
 * failures, the thread-local last error, the exported symbols, the header
 * on its own (C and C++), the example program, "make install", and the
 * layout of the RSM structs (compile-time assertions below).
 *
 * Uses only the public API (<ntmsapi.h>, linked with libntms.a). The one
 * fake is NTMS_DEVICE, which points the library at a missing device or at
 * /dev/null to get ERROR_NOT_READY. Commands run from the checkout's root,
 * found from this program's path.
 */
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ntmsapi.h>

#include "kselftest_harness.h"
#include "libntms_test.h"

/*
 * Our layout on LP64 (natural alignment, as Microsoft's pack(8) gives on
 * 64-bit). Not Windows' layout, but ours: it must not change by accident.
 */
#if UINTPTR_MAX > 0xffffffffu
#define PIN_SIZE(t, n)		_Static_assert(sizeof(t) == (n), #t " size")
#define PIN_OFF(t, f, n)	\
	_Static_assert(offsetof(t, f) == (n), #t "." #f " offset")

PIN_SIZE(DWORD, 4);
PIN_SIZE(WORD, 2);
PIN_SIZE(BYTE, 1);
PIN_SIZE(HANDLE, 8);
PIN_SIZE(GUID, 16);
PIN_SIZE(NTMS_GUID, 16);
PIN_SIZE(SYSTEMTIME, 16);
PIN_SIZE(LARGE_INTEGER, 8);
PIN_SIZE(NTMS_MOUNT_INFORMATION, 16);
PIN_SIZE(NTMS_NOTIFICATIONINFORMATION, 20);
PIN_OFF(NTMS_NOTIFICATIONINFORMATION, ObjectId, 4);

PIN_SIZE(NTMS_DRIVEINFORMATIONA, 232);
PIN_OFF(NTMS_DRIVEINFORMATIONA, State, 4);
PIN_OFF(NTMS_DRIVEINFORMATIONA, DriveType, 8);
PIN_OFF(NTMS_DRIVEINFORMATIONA, szDeviceName, 24);
PIN_OFF(NTMS_DRIVEINFORMATIONA, szSerialNumber, 88);
PIN_OFF(NTMS_DRIVEINFORMATIONA, szRevision, 120);
PIN_OFF(NTMS_DRIVEINFORMATIONA, ScsiPort, 152);
PIN_OFF(NTMS_DRIVEINFORMATIONA, ScsiLun, 158);
PIN_OFF(NTMS_DRIVEINFORMATIONA, dwMountCount, 160);
PIN_OFF(NTMS_DRIVEINFORMATIONA, LastCleanedTs, 164);
PIN_OFF(NTMS_DRIVEINFORMATIONA, SavedPartitionId, 180);
PIN_OFF(NTMS_DRIVEINFORMATIONA, Library, 196);
PIN_OFF(NTMS_DRIVEINFORMATIONA, Reserved, 212);
PIN_OFF(NTMS_DRIVEINFORMATIONA, dwDeferDismountDelay, 228);

PIN_SIZE(NTMS_LIBRARYINFORMATION, 128);
PIN_OFF(NTMS_LIBRARYINFORMATION, CleanerSlot, 4);
PIN_OFF(NTMS_LIBRARYINFORMATION, LibrarySupportsDriveCleaning, 36);
PIN_OFF(NTMS_LIBRARYINFORMATION, FirstDriveNumber, 52);
PIN_OFF(NTMS_LIBRARYINFORMATION, dwNumberOfLibRequests, 100);
PIN_OFF(NTMS_LIBRARYINFORMATION, Reserved, 104);
PIN_OFF(NTMS_LIBRARYINFORMATION, dwFlags, 124);

PIN_SIZE(NTMS_CHANGERINFORMATIONA, 172);
PIN_OFF(NTMS_CHANGERINFORMATIONA, ChangerType, 4);
PIN_OFF(NTMS_CHANGERINFORMATIONA, szSerialNumber, 20);
PIN_OFF(NTMS_CHANGERINFORMATIONA, szDeviceName, 84);
PIN_OFF(NTMS_CHANGERINFORMATIONA, ScsiPort, 148);
PIN_OFF(NTMS_CHANGERINFORMATIONA, Library, 156);

PIN_SIZE(NTMS_STORAGESLOTINFORMATION, 24);
PIN_OFF(NTMS_STORAGESLOTINFORMATION, Library, 8);
PIN_SIZE(NTMS_IEDOORINFORMATION, 28);
PIN_OFF(NTMS_IEDOORINFORMATION, Library, 12);
PIN_SIZE(NTMS_IEPORTINFORMATION, 32);
PIN_OFF(NTMS_IEPORTINFORMATION, MaxExtendSecs, 12);
PIN_OFF(NTMS_IEPORTINFORMATION, Library, 16);

PIN_SIZE(NTMS_PMIDINFORMATIONA, 216);
PIN_OFF(NTMS_PMIDINFORMATIONA, Location, 32);
PIN_OFF(NTMS_PMIDINFORMATIONA, LocationType, 48);
PIN_OFF(NTMS_PMIDINFORMATIONA, HomeSlot, 68);
PIN_OFF(NTMS_PMIDINFORMATIONA, szBarCode, 84);
PIN_OFF(NTMS_PMIDINFORMATIONA, BarCodeState, 148);
PIN_OFF(NTMS_PMIDINFORMATIONA, MediaState, 184);
PIN_OFF(NTMS_PMIDINFORMATIONA, MountedPartition, 200);

PIN_SIZE(NTMS_LIBREQUESTINFORMATIONA, 340);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, PartitionId, 12);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, SlotId, 76);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, TimeQueued, 92);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, szApplication, 124);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, szComputer, 252);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, dwErrorCode, 316);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, WorkItemId, 320);
PIN_OFF(NTMS_LIBREQUESTINFORMATIONA, dwPriority, 336);

PIN_SIZE(NTMS_PARTITIONINFORMATIONA, 640);
PIN_OFF(NTMS_PARTITIONINFORMATIONA, Capacity, 632);
PIN_SIZE(NTMS_OPREQUESTINFORMATIONA, 512);

PIN_SIZE(NTMS_OBJECTINFORMATIONA, 896);
PIN_OFF(NTMS_OBJECTINFORMATIONA, dwType, 4);
PIN_OFF(NTMS_OBJECTINFORMATIONA, Created, 8);
PIN_OFF(NTMS_OBJECTINFORMATIONA, Modified, 24);
PIN_OFF(NTMS_OBJECTINFORMATIONA, ObjectGuid, 40);
PIN_OFF(NTMS_OBJECTINFORMATIONA, Enabled, 56);
PIN_OFF(NTMS_OBJECTINFORMATIONA, dwOperationalState, 60);
PIN_OFF(NTMS_OBJECTINFORMATIONA, szName, 64);
PIN_OFF(NTMS_OBJECTINFORMATIONA, szDescription, 128);
PIN_OFF(NTMS_OBJECTINFORMATIONA, Info, 256);
#endif

/* Values that programs compare against: a few from each family. */
_Static_assert(NTMS_DRIVE == 5 && NTMS_LIBRARY == 9 &&
	       NTMS_PHYSICAL_MEDIA == 15 && NTMS_OPREQUEST == 17, "types");
_Static_assert(NTMS_DRIVESTATE_DISMOUNTABLE == 7 &&
	       NTMS_SLOTSTATE_NEEDSINVENTORY == 4 &&
	       NTMS_MEDIASTATE_OPREQ == 6 && NTMS_LIBRARYTYPE_STANDALONE == 3 &&
	       NTMS_NOT_PRESENT == 21 && NTMS_LM_STOPPED == 8 &&
	       NTMS_BARCODESTATE_UNREADABLE == 2 && NTMS_INVENTORY_STOP == 5,
	       "states");
_Static_assert(NTMS_MOUNT_NOWAIT == 0x20 && NTMS_DISMOUNT_IMMEDIATE == 2 &&
	       NTMS_CONTROL_ACCESS == 4 && NTMS_EVENT_COMPLETE == 5 &&
	       NTMS_PRIORITY_LOWEST == -15, "options");
_Static_assert(ERROR_INVALID_HANDLE == 6 && ERROR_NOT_READY == 21 &&
	       ERROR_INVALID_COMPUTERNAME == 1210 && ERROR_TIMEOUT == 1460 &&
	       ERROR_INVALID_DRIVE == 15 && ERROR_OBJECT_NOT_FOUND == 4312 &&
	       ERROR_INVALID_STATE == 5023 && ERROR_DATABASE_FULL == 4314,
	       "errors");
_Static_assert(INFINITE == 0xFFFFFFFFu, "INFINITE");

static char top[PATH_MAX];

/* The checkout: this program is tools/testing/selftests/libntms/NAME. */
static const char *top_dir(void)
{
	ssize_t len;
	int i;

	if (top[0])
		return top;
	len = readlink("/proc/self/exe", top, sizeof(top) - 1);
	if (len < 0)
		return ".";
	top[len] = '\0';
	for (i = 0; i < 5; i++)
		*strrchr(top, '/') = '\0';
	return top;
}

/* Run a shell command in the checkout; its output goes to the log. */
static int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int n, ret;

	n = snprintf(cmd, sizeof(cmd), "cd '%s' && ", top_dir());
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - n, fmt, ap);
	va_end(ap);
	ret = system(cmd);
	if (ret == -1 || !WIFEXITED(ret)) {
		fprintf(stderr, "# command failed to run: %s\n", cmd);
		return -1;
	}
	if (WEXITSTATUS(ret))
		fprintf(stderr, "# exit %d: %s\n", WEXITSTATUS(ret), cmd);
	return WEXITSTATUS(ret);
}

TEST(null_handle)
{
	EXPECT_EQ(0, check_all_invalid(NULL));
}

TEST(invalid_handle_value)
{
	EXPECT_EQ(0, check_all_invalid(INVALID_HANDLE_VALUE));
}

TEST(forged_handles)
{
	static const uintptr_t forged[] = {
		1, 2, 0x10000, 0xffff, 0x4e54000000000000ull,
		0x4e54000000010001ull, 0x4e54ffffffffffffull,
		0x4e540001ffff0001ull, 0xdeadbeefull, UINTPTR_MAX - 1,
	};
	int local = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(forged); i++)
		EXPECT_EQ(0, check_all_invalid((HANDLE)forged[i]))
			TH_LOG("handle %p", (void *)forged[i]);
	/* pointers to real memory are never dereferenced as objects */
	EXPECT_EQ(0, check_all_invalid((HANDLE)&local));
	EXPECT_EQ(0, check_all_invalid((HANDLE)check_all_invalid));
}

TEST(remote_server)
{
	static const char *const servers[] = {
		"tapeserver.example.org", "\\\\tapeserver", "192.0.2.1",
		"localhost2",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(servers); i++) {
		SetLastError(0);
		EXPECT_EQ(INVALID_HANDLE_VALUE,
			  OpenNtmsSession(servers[i], "test", 0));
		EXPECT_EQ(ERROR_INVALID_COMPUTERNAME, GetLastError())
			TH_LOG("server %s", servers[i]);
	}
}

/* Local server names pass the name check and reach the device. */
TEST(not_ready)
{
	char host[256] = "", bshost[300];
	const char *const servers[] = { NULL, "", ".", "localhost", "LOCALHOST",
					host, bshost };
	static const char *const devices[] = {
		"/nonexistent/ntms", "/dev/null",
	};
	unsigned int i, d;

	ASSERT_EQ(0, gethostname(host, sizeof(host) - 1));
	snprintf(bshost, sizeof(bshost), "\\\\%s", host);
	for (d = 0; d < ARRAY_SIZE(devices); d++) {
		setenv("NTMS_DEVICE", devices[d], 1);
		for (i = 0; i < ARRAY_SIZE(servers); i++) {
			SetLastError(0);
			EXPECT_EQ(INVALID_HANDLE_VALUE,
				  OpenNtmsSession(servers[i], "test", 0));
			EXPECT_EQ(ERROR_NOT_READY, GetLastError())
				TH_LOG("server %s, device %s",
				       servers[i] ? servers[i] : "NULL",
				       devices[d]);
		}
	}
	unsetenv("NTMS_DEVICE");
}

/*
 * EjectDiskFromSADrive() checks what needs no driver first: the options,
 * the device name, the computer name; then it opens the device.
 */
TEST(eject_sa_drive_checks)
{
	static const char *const servers[] = {
		"tapeserver.example.org", "\\\\tapeserver",
	};
	unsigned int i;

	SetLastError(0);
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EjectDiskFromSADrive(NULL, "t", NULL, NULL, NULL, NULL,
				       NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EjectDiskFromSADrive(NULL, "t", "/dev/nst0", NULL, NULL,
				       NULL, 6));
	SetLastError(0);
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  EjectDiskFromSADrive(NULL, "t", "/dev/nst0", NULL, NULL,
				       NULL, NTMS_EJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_OPERATION, GetLastError());
	for (i = 0; i < ARRAY_SIZE(servers); i++)
		EXPECT_EQ(ERROR_INVALID_COMPUTERNAME,
			  EjectDiskFromSADrive(servers[i], "t", "/dev/nst0",
					       NULL, "title", "message",
					       NTMS_EJECT_IMMEDIATE))
			TH_LOG("server %u", i);
	setenv("NTMS_DEVICE", "/nonexistent/ntms", 1);
	EXPECT_EQ(ERROR_NOT_READY,
		  EjectDiskFromSADrive(NULL, NULL, "/dev/nst0", NULL, NULL,
				       NULL, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_NOT_READY, GetLastError());
	unsetenv("NTMS_DEVICE");
}

TEST(default_device_missing)
{
	struct stat st;

	if (!stat("/dev/ntms", &st))
		SKIP(return, "/dev/ntms exists here");
	SetLastError(0);
	EXPECT_EQ(INVALID_HANDLE_VALUE, OpenNtmsSession(NULL, "test", 0));
	EXPECT_EQ(ERROR_NOT_READY, GetLastError());
}

TEST(bad_session_options)
{
	SetLastError(0);
	EXPECT_EQ(INVALID_HANDLE_VALUE, OpenNtmsSession(NULL, "test", 0x100));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
}

static pthread_barrier_t barrier;

static void *last_error_thread(void *arg)
{
	DWORD mine = (DWORD)(uintptr_t)arg;
	uintptr_t ok;

	SetLastError(mine);
	pthread_barrier_wait(&barrier);
	/* another thread's failing call leaves ours alone */
	if (mine == 1)
		CloseNtmsSession(NULL);
	pthread_barrier_wait(&barrier);
	ok = GetLastError() == (mine == 1 ? ERROR_INVALID_HANDLE : mine);
	return (void *)ok;
}

TEST(last_error_per_thread)
{
	pthread_t t[4];
	void *ok;
	int i;

	ASSERT_EQ(0, pthread_barrier_init(&barrier, NULL, 5));
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, last_error_thread,
					    (void *)(uintptr_t)(i + 1)));
	SetLastError(ERROR_BUSY);
	pthread_barrier_wait(&barrier);
	pthread_barrier_wait(&barrier);
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, pthread_join(t[i], &ok));
		EXPECT_EQ(1, (uintptr_t)ok) TH_LOG("thread %d", i);
	}
	EXPECT_EQ(ERROR_BUSY, GetLastError());
	pthread_barrier_destroy(&barrier);
}

#define API_SYMBOLS							\
	"AccessNtmsLibraryDoor CancelNtmsLibraryRequest " \
	"CancelNtmsOperatorRequest " \
	"CleanNtmsDrive CloseNtmsNotification CloseNtmsSession " \
	"DeleteNtmsDrive DeleteNtmsLibrary DeleteNtmsRequests " \
	"DisableNtmsObject DismountNtmsDrive DismountNtmsMedia " \
	"EjectDiskFromSADriveA EjectNtmsCleaner EjectNtmsMedia " \
	"EjectNtmsMediaEx " \
	"EnableNtmsObject EnumerateNtmsObject GetLastError " \
	"GetNtmsObjectInformationA GetNtmsRequestOrder " \
	"GetNtmsUIOptionsA GetVolumesFromDriveA IdentifyNtmsSlot " \
	"InjectNtmsCleaner InjectNtmsMedia InjectNtmsMediaEx " \
	"InventoryNtmsLibrary " \
	"MountNtmsMedia OpenNtmsNotification OpenNtmsSessionA " \
	"ReleaseNtmsCleanerSlot ReserveNtmsCleanerSlot " \
	"SatisfyNtmsOperatorRequest SetLastError SetNtmsRequestOrder " \
	"SetNtmsUIOptionsA SubmitNtmsOperatorRequestA " \
	"WaitForNtmsNotification WaitForNtmsOperatorRequest "

TEST(exported_symbols_shared)
{
	EXPECT_EQ(0, run("test \"$(nm -D --defined-only build/lib/libntms.so.1"
			 " | awk '$2 != \"A\" { sub(/@.*/, \"\", $3); print $3 }'"
			 " | sort | tr '\\n' ' ')\" = '%s'", API_SYMBOLS));
	EXPECT_EQ(0, run("readelf -d build/lib/libntms.so.1 | "
			 "grep -q 'SONAME.*\\[libntms.so.1\\]'"));
	EXPECT_EQ(0, run("test \"$(readlink build/lib/libntms.so)\" = "
			 "libntms.so.1"));
}

TEST(exported_symbols_static)
{
	EXPECT_EQ(0, run("test \"$(nm --defined-only -g build/lib/libntms.a"
			 " | awk 'NF == 3 { print $3 }' | sort | tr '\\n' ' ')\""
			 " = '%s'", API_SYMBOLS));
}

TEST(header_alone)
{
	char dir[] = "/tmp/libntms-hdr-XXXXXX";
	static const char *const compilers[] = {
		"cc -x c -std=c99 -pedantic",
		"cc -x c -std=gnu11",
		"c++ -x c++ -std=c++11 -pedantic",
		"c++ -x c++ -std=gnu++17",
	};
	unsigned int i;

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, run("printf '#include <ntmsapi.h>\\n#include <ntmsapi.h>\\n"
			 "HANDLE h;\\nNTMS_OBJECTINFORMATION i;\\n' >%s/a.c",
			 dir));
	for (i = 0; i < ARRAY_SIZE(compilers); i++)
		EXPECT_EQ(0, run("%s -Wall -Wextra -Werror -Iuserlib/include "
				 "-fsyntax-only %s/a.c", compilers[i], dir));
	/* a program with its own Win32 types and error codes */
	ASSERT_EQ(0, run("printf '#include <stdint.h>\\n"
			 "#define ERROR_SUCCESS 0L\\n#define INFINITE 0xFFFFFFFF\\n"
			 "typedef uint32_t DWORD; typedef uint16_t WORD;\\n"
			 "typedef uint8_t BYTE; typedef int WINBOOL;\\n"
			 "typedef char CHAR; typedef void *HANDLE;\\n"
			 "typedef void *LPVOID; typedef const char *LPCSTR;\\n"
			 "typedef char *LPSTR;\\n"
			 "typedef DWORD *LPDWORD; typedef HANDLE *LPHANDLE;\\n"
			 "typedef union { int64_t QuadPart; } LARGE_INTEGER;\\n"
			 "typedef struct { WORD w[8]; } SYSTEMTIME;\\n"
			 "#define WINAPI\\n#define NTMSAPI_NO_WIN32_TYPES\\n"
			 "#include <ntmsapi.h>\\n"
			 "DWORD f(HANDLE h) { return CloseNtmsSession(h); }\\n' "
			 ">%s/b.c", dir));
	EXPECT_EQ(0, run("cc -std=c99 -Wall -Wextra -Werror -Iuserlib/include "
			 "-fsyntax-only %s/b.c", dir));
	run("rm -rf %s", dir);
}

TEST(example_builds_and_links)
{
	char dir[] = "/tmp/libntms-ex-XXXXXX";

	ASSERT_NE(NULL, mkdtemp(dir));
	/* only the public header and -lntms, shared and static */
	EXPECT_EQ(0, run("cc -Wall -Wextra -Werror -Iuserlib/include "
			 "-o %s/rsm_list userlib/examples/rsm_list.c "
			 "-Lbuild/lib -lntms", dir));
	EXPECT_EQ(0, run("cc -Wall -Wextra -Werror -Iuserlib/include "
			 "-o %s/rsm_list_static userlib/examples/rsm_list.c "
			 "build/lib/libntms.a -lpthread", dir));
	EXPECT_EQ(0, run("c++ -x c++ -Wall -Wextra -Werror -Iuserlib/include "
			 "-o %s/rsm_list_cxx userlib/examples/rsm_list.c "
			 "-Lbuild/lib -lntms", dir));
	EXPECT_EQ(0, run("cc -Wall -Wextra -Werror -Iuserlib/include "
			 "-o %s/rsm_queue userlib/examples/rsm_queue.c "
			 "-Lbuild/lib -lntms", dir));
	EXPECT_EQ(0, run("c++ -x c++ -Wall -Wextra -Werror -Iuserlib/include "
			 "-o %s/rsm_queue_cxx userlib/examples/rsm_queue.c "
			 "-Lbuild/lib -lntms", dir));
	/* without the driver it fails cleanly with ERROR_NOT_READY (21) */
	EXPECT_EQ(0, run("NTMS_DEVICE=/nonexistent %s/rsm_list_static 2>&1 | "
			 "grep -q 'OpenNtmsSession: error 21'", dir));
	EXPECT_EQ(1, run("NTMS_DEVICE=/nonexistent LD_LIBRARY_PATH=build/lib "
			 "%s/rsm_list 2>/dev/null", dir));
	run("rm -rf %s", dir);
}

/* the Library Control example: C and C++, and no driver: ERROR_NOT_READY */
TEST(control_example_builds)
{
	char dir[] = "/tmp/libntms-ctl-XXXXXX";

	ASSERT_NE(NULL, mkdtemp(dir));
	EXPECT_EQ(0, run("cc -std=c99 -pedantic -Wall -Wextra -Werror "
			 "-Iuserlib/include -o %s/rsm_control "
			 "userlib/examples/rsm_control.c build/lib/libntms.a "
			 "-lpthread", dir));
	EXPECT_EQ(0, run("c++ -x c++ -Wall -Wextra -Werror -Iuserlib/include "
			 "-o %s/rsm_control_cxx userlib/examples/rsm_control.c "
			 "-x none build/lib/libntms.a -lpthread", dir));
	EXPECT_EQ(0, run("NTMS_DEVICE=/nonexistent %s/rsm_control eject-sa "
			 "/dev/nst0 2>&1 | grep -q 'EjectDiskFromSADrive: "
			 "error 21'", dir));
	EXPECT_EQ(2, run("%s/rsm_control 2>/dev/null", dir));
	run("rm -rf %s", dir);
}

TEST(make_install)
{
	char dir[] = "/tmp/libntms-inst-XXXXXX";

	ASSERT_NE(NULL, mkdtemp(dir));
	EXPECT_EQ(0, run("make -s -C userlib install DESTDIR=%s PREFIX=/opt/x "
			 ">/dev/null", dir));
	EXPECT_EQ(0, run("cd %s/opt/x && test -f include/ntmsapi.h && "
			 "test -f lib/libntms.so.1 && test -f lib/libntms.a && "
			 "test \"$(readlink lib/libntms.so)\" = libntms.so.1 && "
			 "grep -qx 'prefix=/opt/x' lib/pkgconfig/libntms.pc", dir));
	/* pkg-config finds it and a program builds with its flags alone */
	EXPECT_EQ(0, run("! command -v pkg-config >/dev/null || "
			 "cc -o %s/ex userlib/examples/rsm_list.c "
			 "$(PKG_CONFIG_SYSROOT_DIR=%s PKG_CONFIG_LIBDIR=%s/opt/x/lib/pkgconfig "
			 "pkg-config --cflags --libs libntms)", dir, dir, dir));
	run("rm -rf %s", dir);
}

TEST_HARNESS_MAIN
