// SPDX-License-Identifier: GPL-2.0
/*
 * ntmsctl_test: ntmsctl against the ntms driver and the simulated library
 * (suite "ntmsctl", smcsim "slots=20 drives=2 ieports=1 media=10
 * standalone=1").
 *
 * Each test runs ntmsctl (build/bin, on PATH in the VM; through the
 * shell only when its arguments quote) and compares what it prints with
 * what libntms says directly: tables and --json list the objects there
 * are, the JSON parses (json_check.h), names by barcode, GUID, LIBRARY:element, LIBRARY:@address and device
 * work, and errors give the documented exit status (1 API, 2 usage) and
 * "ntmsctl: <what>: ERROR_NAME (code): <sentence>". Operations the loaded
 * driver lacks (ERROR_NOT_SUPPORTED) are skipped, not failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ntmsapi.h>

#include "kselftest_harness.h"
#include "json_check.h"
#include "test_util.h"

#define NOT_SUPPORTED	"ERROR_NOT_SUPPORTED (50)"

struct run {
	int status;		/* exit status, or -1 */
	char out[65536];
	char err[8192];
};

/* Read all of @f into @buf (NUL-terminated). */
static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n = fread(buf, 1, len - 1, f);

	buf[n] = '\0';
}

/*
 * Run "ntmsctl @args" (directly, or through the shell when @args quote);
 * capture stdout and stderr.
 */
static struct run *ntmsctl(const char *fmt, ...)
{
	static struct run r;
	char args[512], cmd[1024], buf[1024], errfile[] = "/tmp/ntmsctl_test.XXXXXX";
	char *argv[TU_MAX_WORDS];
	va_list ap;
	FILE *f;
	int fd, join;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	memset(&r, 0, sizeof(r));
	r.status = -1;
	fd = mkstemp(errfile);
	if (fd < 0)
		return &r;
	snprintf(cmd, sizeof(cmd), "ntmsctl %s", args);
	if (!tu_split(cmd, buf, sizeof(buf), argv, &join) || join) {
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = cmd;
		argv[3] = NULL;
	}
	r.status = tu_spawn(argv, r.out, sizeof(r.out), fd);
	close(fd);
	f = fopen(errfile, "r");
	if (f) {
		slurp(f, r.err, sizeof(r.err));
		fclose(f);
	}
	unlink(errfile);
	return &r;
}

/* How many times @needle occurs in @hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void guid_str(char *buf, const NTMS_GUID *g)
{
	sprintf(buf, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		(unsigned int)g->Data1, g->Data2, g->Data3, g->Data4[0],
		g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
		g->Data4[5], g->Data4[6], g->Data4[7]);
}

/* The objects of @type, through libntms. Return: how many (max @max). */
static int api_list(HANDLE s, DWORD type, NTMS_OBJECTINFORMATION *info,
		    int max)
{
	NTMS_GUID ids[256];
	DWORD n = 256, i;

	if (EnumerateNtmsObject(s, NULL, ids, &n, type, 0))
		return -1;
	if (n > (DWORD)max)
		n = max;
	for (i = 0; i < n; i++) {
		info[i].dwSize = sizeof(info[i]);
		info[i].dwType = type;
		if (GetNtmsObjectInformation(s, &ids[i], &info[i]))
			return -1;
	}
	return n;
}

/*
 * Tests that need no session of their own. Each ntmsctl run is slow on
 * the debug kernel, hence the timeouts.
 */
FIXTURE(cli) {
	int unused;
};

FIXTURE_SETUP(cli)
{
}

FIXTURE_TEARDOWN(cli)
{
}

FIXTURE(lib) {
	HANDLE s;
	NTMS_OBJECTINFORMATION libs[8], drives[16], media[64];
	int nlibs, ndrives, nmedia;
};

FIXTURE_SETUP(lib)
{
	self->s = OpenNtmsSession(NULL, "ntmsctl_test", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, self->s);
	self->nlibs = api_list(self->s, NTMS_LIBRARY, self->libs, 8);
	self->ndrives = api_list(self->s, NTMS_DRIVE, self->drives, 16);
	self->nmedia = api_list(self->s, NTMS_PHYSICAL_MEDIA, self->media, 64);
	ASSERT_GT(self->nlibs, 0);
	ASSERT_GT(self->ndrives, 0);
	ASSERT_GT(self->nmedia, 0);
}

FIXTURE_TEARDOWN(lib)
{
	CloseNtmsSession(self->s);
}

/* The library of @info (a drive), from the fixture. */
static const NTMS_OBJECTINFORMATION *
library_of(struct _test_data_lib *self, const NTMS_GUID *id)
{
	int i;

	for (i = 0; i < self->nlibs; i++)
		if (!memcmp(&self->libs[i].ObjectGuid, id, sizeof(*id)))
			return &self->libs[i];
	return NULL;
}

/* ntmsctl's name of drive @d: LIBRARY:driveN. */
static void drive_name(struct _test_data_lib *self,
		       const NTMS_OBJECTINFORMATION *d, char *buf)
{
	const NTMS_OBJECTINFORMATION *l = library_of(self,
						     &d->Info.Drive.Library);

	sprintf(buf, "%s:drive%u", l ? l->szName : "?",
		(unsigned int)d->Info.Drive.Number);
}

TEST_F_TIMEOUT(lib, list_libraries_table, 180)
{
	struct run *r = ntmsctl("list libraries");
	int i;

	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_EQ(0, strncmp(r->out, "NAME ", 5));
	EXPECT_NE(NULL, strstr(r->out, " GUID "));
	EXPECT_NE(NULL, strstr(r->out, " STATE "));
	EXPECT_EQ(self->nlibs + 1, count(r->out, "\n"));
	for (i = 0; i < self->nlibs; i++) {
		char line[80];

		snprintf(line, sizeof(line), "\n%s ", self->libs[i].szName);
		EXPECT_EQ(1, count(r->out, line)) TH_LOG("%s", line);
	}
	/* the default list is the libraries */
	EXPECT_EQ(self->nlibs + 1, count(ntmsctl("list")->out, "\n"));
}

TEST_F_TIMEOUT(lib, list_drives_json_matches_api, 180)
{
	struct run *r = ntmsctl("list drives --json");
	char key[128], name[80];
	int i;

	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	ASSERT_TRUE(json_check(r->out)) TH_LOG("not JSON: %s", r->out);
	EXPECT_EQ('[', r->out[0]);
	EXPECT_EQ(self->ndrives, count(r->out, "\"guid\":"));
	for (i = 0; i < self->ndrives; i++) {
		const NTMS_DRIVEINFORMATION *d = &self->drives[i].Info.Drive;
		char g[40];

		guid_str(g, &self->drives[i].ObjectGuid);
		snprintf(key, sizeof(key), "\"guid\":\"%s\"", g);
		EXPECT_EQ(1, count(r->out, key)) TH_LOG("%s", key);
		drive_name(self, &self->drives[i], name);
		snprintf(key, sizeof(key), "\"name\":\"%s\"", name);
		EXPECT_EQ(1, count(r->out, key)) TH_LOG("%s", key);
		if (d->szDeviceName[0]) {
			snprintf(key, sizeof(key), "\"device\":\"%s\"",
				 d->szDeviceName);
			EXPECT_EQ(1, count(r->out, key)) TH_LOG("%s", key);
		}
	}
}

TEST_F_TIMEOUT(lib, list_media_table_matches_api, 180)
{
	struct run *r = ntmsctl("list media");
	int i;

	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_EQ(0, strncmp(r->out, "BARCODE ", 8));
	EXPECT_EQ(self->nmedia + 1, count(r->out, "\n"));
	for (i = 0; i < self->nmedia; i++) {
		char line[80];

		snprintf(line, sizeof(line), "\n%s ",
			 self->media[i].Info.PhysicalMedia.szBarCode);
		EXPECT_EQ(1, count(r->out, line)) TH_LOG("%s", line);
	}
}

TEST_F_TIMEOUT(lib, list_slots_count, 180)
{
	struct run *r = ntmsctl("list slots --json");
	int i, slots = 0;

	for (i = 0; i < self->nlibs; i++)
		slots += self->libs[i].Info.Library.dwNumberOfSlots;
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	ASSERT_TRUE(json_check(r->out));
	EXPECT_EQ(slots, count(r->out, "\"guid\":"));
	/* smcsim: media=10 are in the first ten slots */
	EXPECT_EQ(self->nmedia, count(r->out, "\"state\":\"FULL\""));
}

TEST_F_TIMEOUT(lib, json_every_list, 180)
{
	static const char *const what[] = {
		"libraries", "drives", "slots", "ports", "media", "requests",
		"changers",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(what); i++) {
		struct run *r = ntmsctl("list %s --json", what[i]);

		EXPECT_EQ(0, r->status) TH_LOG("%s: %s", what[i], r->err);
		EXPECT_TRUE(json_check(r->out)) TH_LOG("%s: %s", what[i],
						       r->out);
	}
	EXPECT_TRUE(json_check(ntmsctl("info ntms0 --json")->out));
	EXPECT_TRUE(json_check(ntmsctl("info ntms0:drive0 --json")->out));
	EXPECT_TRUE(json_check(ntmsctl("info ntms0:slot0 --json")->out));
}

TEST_F_TIMEOUT(cli, json_validator, 180)
{
	EXPECT_TRUE(json_check("[]"));
	EXPECT_TRUE(json_check(" {\"a\": [1, -2.5e3, true, null, \"x\\n\\u00e9\"]} "));
	EXPECT_FALSE(json_check("[1,]"));
	EXPECT_FALSE(json_check("{\"a\" 1}"));
	EXPECT_FALSE(json_check("[\"tab\there\"]"));
	EXPECT_FALSE(json_check("[01]"));
	EXPECT_FALSE(json_check("[] []"));
	EXPECT_FALSE(json_check("{'a':1}"));
	EXPECT_FALSE(json_check("[\"open"));
}

TEST_F_TIMEOUT(lib, name_by_barcode_and_guid, 180)
{
	const NTMS_OBJECTINFORMATION *m = &self->media[0];
	const char *bc = m->Info.PhysicalMedia.szBarCode;
	char g[40], want[80];
	struct run *r;

	guid_str(g, &m->ObjectGuid);
	snprintf(want, sizeof(want), "{%s}", g);

	r = ntmsctl("info %s", bc);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, want));
	EXPECT_NE(NULL, strstr(r->out, "type"));

	r = ntmsctl("info '{%s}'", g);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, bc));

	r = ntmsctl("info %s --json", g);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_TRUE(json_check(r->out));
	snprintf(want, sizeof(want), "\"name\": \"%s\"", bc);
	EXPECT_NE(NULL, strstr(r->out, want)) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "\"type\": \"media\""));
}

TEST_F_TIMEOUT(lib, name_by_element_address_and_device, 180)
{
	const NTMS_LIBRARYINFORMATION *li = NULL;
	const NTMS_DRIVEINFORMATION *d = NULL;
	char name[80], g[40];
	struct run *r;
	int i;

	for (i = 0; i < self->nlibs; i++)
		if (!strcmp(self->libs[i].szName, "ntms0"))
			li = &self->libs[i].Info.Library;
	ASSERT_NE(NULL, li);

	r = ntmsctl("info ntms0:slot3");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "type                           slot"));

	/* element address: the first slot's address names slot 0 */
	r = ntmsctl("info --json ntms0:@%u", (unsigned int)li->FirstSlotNumber);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "\"name\": \"ntms0:slot0\""))
		TH_LOG("%s", r->out);

	r = ntmsctl("info --json ntms0:@%u",
		    (unsigned int)li->FirstDriveNumber + 1);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "\"name\": \"ntms0:drive1\""));

	/* a drive by its tape device */
	for (i = 0; i < self->ndrives && !d; i++)
		if (self->drives[i].Info.Drive.szDeviceName[0]) {
			d = &self->drives[i].Info.Drive;
			drive_name(self, &self->drives[i], name);
			guid_str(g, &self->drives[i].ObjectGuid);
		}
	ASSERT_NE(NULL, d);
	r = ntmsctl("info --json %s", d->szDeviceName);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, name));
	EXPECT_NE(NULL, strstr(r->out, g));
}

/* Exit status 1 and the message format of an API error. */
static void expect_api_error(struct __test_metadata *_metadata,
			     struct run *r, const char *code)
{
	EXPECT_EQ(1, r->status);
	EXPECT_EQ(0, strncmp(r->err, "ntmsctl: ", 9)) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->err, code)) TH_LOG("want %s: %s", code,
						     r->err);
	EXPECT_EQ(1, count(r->err, "\n")) TH_LOG("%s", r->err);
	EXPECT_EQ('\0', r->out[0]);
}

TEST_F_TIMEOUT(cli, bad_names, 180)
{
	expect_api_error(_metadata, ntmsctl("info NOSUCHTAPE"),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	expect_api_error(_metadata, ntmsctl("dismount NOSUCHTAPE"),
			 ": ERROR_INVALID_DRIVE (15): ");
	expect_api_error(_metadata, ntmsctl("dismount ntms0:slot0"),
			 ": ERROR_INVALID_DRIVE (15): ");
	expect_api_error(_metadata, ntmsctl("dismount ntms0:drive99"),
			 ": ERROR_INVALID_DRIVE (15): ");
	expect_api_error(_metadata, ntmsctl("info ntms9:drive0"),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	expect_api_error(_metadata, ntmsctl("mount NOSUCHTAPE"),
			 ": ERROR_INVALID_MEDIA (4300): ");
	expect_api_error(_metadata, ntmsctl("inventory NOSUCHLIB"),
			 ": ERROR_INVALID_LIBRARY (4301): ");
	/* a GUID is passed to the API, which names what is wrong */
	expect_api_error(_metadata,
			 ntmsctl("dismount 01234567-89ab-cdef-0123-456789abcdef"),
			 ": ERROR_INVALID_DRIVE (15): ");
	expect_api_error(_metadata,
			 ntmsctl("info {01234567-89ab-cdef-0123-456789abcdef}"),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
}

/* Exit status 2, a message and the hint. */
static void expect_usage(struct __test_metadata *_metadata, struct run *r)
{
	EXPECT_EQ(2, r->status);
	EXPECT_EQ(0, strncmp(r->err, "ntmsctl: ", 9)) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->err, "--help")) TH_LOG("%s", r->err);
	EXPECT_EQ('\0', r->out[0]);
}

TEST_F_TIMEOUT(cli, usage_errors, 180)
{
	struct run *r;

	expect_usage(_metadata, ntmsctl(""));
	expect_usage(_metadata, ntmsctl("frobnicate"));
	expect_usage(_metadata, ntmsctl("list gizmos"));
	expect_usage(_metadata, ntmsctl("list drives slots"));
	expect_usage(_metadata, ntmsctl("--bogus list"));
	expect_usage(_metadata, ntmsctl("mount"));
	expect_usage(_metadata, ntmsctl("mount A00000L6 --json"));
	expect_usage(_metadata, ntmsctl("mount A00000L6 --timeout soon"));
	expect_usage(_metadata, ntmsctl("mount A00000L6 --drive"));
	expect_usage(_metadata, ntmsctl("dismount ntms0:gizmo1"));
	expect_usage(_metadata, ntmsctl("dismount ntms0:@x"));
	expect_usage(_metadata, ntmsctl("enable slot ntms0:slot0"));
	expect_usage(_metadata, ntmsctl("inventory ntms0 --fast --full"));
	expect_usage(_metadata, ntmsctl("identify"));
	expect_usage(_metadata, ntmsctl("unload"));
	expect_usage(_metadata, ntmsctl("unload ntms0:drive0 --wait"));
	expect_usage(_metadata, ntmsctl("watch --type gizmo"));
	expect_usage(_metadata, ntmsctl("watch --count 0"));
	expect_usage(_metadata, ntmsctl("inject"));
	expect_usage(_metadata, ntmsctl("eject"));
	expect_usage(_metadata, ntmsctl("inject ntms0 ntms1"));
	expect_usage(_metadata, ntmsctl("inject ntms0 --wait"));
	expect_usage(_metadata, ntmsctl("eject A00000L6 --port"));
	expect_usage(_metadata, ntmsctl("mount A00000L6 --port ntms0:port0"));
	expect_usage(_metadata, ntmsctl("list --port ntms0:port0"));
	expect_usage(_metadata, ntmsctl("door"));
	expect_usage(_metadata, ntmsctl("door ntms0 --fast --full"));
	expect_usage(_metadata, ntmsctl("order"));
	expect_usage(_metadata, ntmsctl("order X 0"));
	expect_usage(_metadata, ntmsctl("order X 1 2"));
	expect_usage(_metadata, ntmsctl("delete"));
	expect_usage(_metadata, ntmsctl("delete slot ntms0:slot0"));
	expect_usage(_metadata, ntmsctl("delete library"));
	expect_usage(_metadata, ntmsctl("delete drive ntms0:drive0 ntms0:drive1"));

	r = ntmsctl("--help");
	EXPECT_EQ(0, r->status);
	EXPECT_NE(NULL, strstr(r->out, "Usage: ntmsctl"));
	EXPECT_EQ(0, ntmsctl("-h")->status);
}

TEST_F_TIMEOUT(cli, no_driver, 180)
{
	struct run *r;

	setenv("NTMS_DEVICE", "/nonexistent", 1);
	r = ntmsctl("list");
	unsetenv("NTMS_DEVICE");

	expect_api_error(_metadata, r, ": ERROR_NOT_READY (21): ");
}

/* A drive of an online library that holds no cartridge, by name. */
static bool empty_drive(struct _test_data_lib *self, char *name)
{
	int i, j;

	for (i = 0; i < self->ndrives; i++) {
		const NTMS_OBJECTINFORMATION *l =
			library_of(self, &self->drives[i].Info.Drive.Library);
		bool full = false;

		if (!l || l->Info.Library.LibraryType != NTMS_LIBRARYTYPE_ONLINE)
			continue;
		for (j = 0; j < self->nmedia; j++)
			if (!memcmp(&self->media[j].Info.PhysicalMedia.Location,
				    &self->drives[i].ObjectGuid,
				    sizeof(NTMS_GUID)))
				full = true;
		if (full)
			continue;
		drive_name(self, &self->drives[i], name);
		return true;
	}
	return false;
}

TEST_F_TIMEOUT(lib, dismount_empty_drive, 180)
{
	char name[80];
	struct run *r;

	ASSERT_TRUE(empty_drive(self, name));
	r = ntmsctl("dismount %s", name);
	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks dismount (NTMS_FEATURE_DISMOUNT)");
	expect_api_error(_metadata, r, ": ERROR_INVALID_STATE (5023): ");
}

/* smcsim's standalone drive: its ntmsctl name; NULL if there is none */
static const NTMS_OBJECTINFORMATION *
standalone_drive(struct _test_data_lib *self, char *name)
{
	const NTMS_OBJECTINFORMATION *d = NULL;
	int i;

	name[0] = '\0';
	for (i = 0; i < self->ndrives; i++) {
		const NTMS_OBJECTINFORMATION *l =
			library_of(self, &self->drives[i].Info.Drive.Library);

		if (l && l->Info.Library.LibraryType ==
			 NTMS_LIBRARYTYPE_STANDALONE &&
		    !strncmp(self->drives[i].Info.Drive.szSerialNumber,
			     "SMCSA", 5)) {
			d = &self->drives[i];
			drive_name(self, d, name);
		}
	}
	return d;
}

TEST_F_TIMEOUT(lib, dismount_standalone_drive, 180)
{
	char name[80], key[128];
	struct run *r;

	if (!standalone_drive(self, name))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	r = ntmsctl("dismount %s", name);
	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks dismount (NTMS_FEATURE_DISMOUNT)");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "DISMOUNTABLE"));
	r = ntmsctl("list drives --json");
	snprintf(key, sizeof(key), "\"name\":\"%s\"", name);
	ASSERT_NE(NULL, strstr(r->out, key));
	EXPECT_NE(NULL, strstr(strstr(r->out, key), "\"state\":\"DISMOUNTABLE\""));
}

/* The changer's /dev/sgN number, or -1. */
static int changer_sg(void)
{
	char path[80], buf[8];
	FILE *f;
	int i;

	for (i = 0; i < 64; i++) {
		snprintf(path, sizeof(path),
			 "/sys/class/scsi_generic/sg%d/device/type", i);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && atoi(buf) == 8) {
			fclose(f);
			return i;
		}
		fclose(f);
	}
	return -1;
}

static int sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * A cartridge loaded behind the driver's back (mtx, then the driver's
 * sysfs ntms_rescan), dismounted with ntmsctl: queued, then PASSED.
 */
TEST_F_TIMEOUT(lib, dismount_loaded_drive_waits, 180)
{
	char rescan[128], name[80], key[128];
	NTMS_OBJECTINFORMATION slot;
	const NTMS_OBJECTINFORMATION *m = NULL, *d = NULL;
	struct run *r;
	int sg = changer_sg(), i;
	char *p;

	ASSERT_GE(sg, 0);
	snprintf(rescan, sizeof(rescan),
		 "/sys/class/scsi_generic/sg%d/device/ntms_rescan", sg);
	if (access(rescan, W_OK))
		SKIP(return, "the driver has no ntms_rescan");
	for (i = 0; i < self->nmedia && !m; i++)
		if (self->media[i].Info.PhysicalMedia.LocationType ==
		    NTMS_STORAGESLOT)
			m = &self->media[i];
	ASSERT_NE(NULL, m);
	slot.dwSize = sizeof(slot);
	slot.dwType = NTMS_STORAGESLOT;
	ASSERT_EQ(0, GetNtmsObjectInformation(self->s,
		(LPNTMS_GUID)&m->Info.PhysicalMedia.Location, &slot));
	ASSERT_TRUE(empty_drive(self, name));
	for (i = 0; i < self->ndrives && !d; i++) {
		char n2[80];

		drive_name(self, &self->drives[i], n2);
		if (!strcmp(n2, name))
			d = &self->drives[i];
	}
	ASSERT_NE(NULL, d);

	/* mtx numbers slots from 1 and drives from 0, in address order */
	ASSERT_EQ(0, sh("mtx -f /dev/sg%d load %u %u >/dev/null", sg,
			(unsigned int)slot.Info.StorageSlot.Number + 1,
			(unsigned int)d->Info.Drive.Number));
	ASSERT_EQ(0, sh("echo 1 > %s", rescan));
	r = ntmsctl("list drives --json");
	snprintf(key, sizeof(key), "\"name\":\"%s\"", name);
	ASSERT_NE(NULL, (p = strstr(r->out, key)));
	snprintf(key, sizeof(key), "\"media\":\"%s\"",
		 m->Info.PhysicalMedia.szBarCode);
	EXPECT_NE(NULL, strstr(p, key)) TH_LOG("%s", r->out);

	r = ntmsctl("dismount %s --wait --timeout 60000", name);
	if (strstr(r->err, NOT_SUPPORTED)) {
		sh("mtx -f /dev/sg%d unload %u %u >/dev/null", sg,
		   (unsigned int)slot.Info.StorageSlot.Number + 1,
		   (unsigned int)d->Info.Drive.Number);
		sh("echo 1 > %s", rescan);
		SKIP(return, "the driver lacks dismount (NTMS_FEATURE_DISMOUNT)");
	}
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, ": queued as request {"))
		TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "}: PASSED\n")) TH_LOG("%s", r->out);

	r = ntmsctl("list drives --json");
	snprintf(key, sizeof(key), "\"name\":\"%s\"", name);
	ASSERT_NE(NULL, (p = strstr(r->out, key)));
	EXPECT_EQ(0, strncmp(strstr(p, "\"media\":"), "\"media\":null", 12));
	r = ntmsctl("list requests --json");
	EXPECT_TRUE(json_check(r->out));
	EXPECT_NE(NULL, strstr(r->out, "\"operation\":\"DISMOUNT\",\"state\":\"PASSED\""))
		TH_LOG("%s", r->out);
	/* and the cartridge is home again, as mtx sees it */
	EXPECT_EQ(0, sh("mtx -f /dev/sg%d status | grep -q 'Data Transfer Element %u:Empty'",
			sg, (unsigned int)d->Info.Drive.Number));
}

TEST_F_TIMEOUT(lib, mount_then_dismount, 180)
{
	const char *bc = self->media[0].Info.PhysicalMedia.szBarCode;
	char drive[80], dev[80], key[128];
	struct run *r;
	char *p;

	r = ntmsctl("mount %s --timeout 60000", bc);
	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks mount (NTMS_FEATURE_MOUNT)");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	/* "A00000L6: mounted in ntms0:drive0 (/dev/nst0)" */
	p = strstr(r->out, "mounted in ");
	ASSERT_NE(NULL, p) TH_LOG("%s", r->out);
	ASSERT_EQ(2, sscanf(p, "mounted in %79s (%79[^)])", drive, dev));
	EXPECT_EQ(0, strncmp(dev, "/dev/nst", 8)) TH_LOG("%s", dev);

	r = ntmsctl("list drives --json");
	snprintf(key, sizeof(key), "\"name\":\"%s\"", drive);
	ASSERT_NE(NULL, (p = strstr(r->out, key)));
	snprintf(key, sizeof(key), "\"media\":\"%s\"", bc);
	EXPECT_NE(NULL, strstr(p, key)) TH_LOG("%s", r->out);

	r = ntmsctl("dismount %s --wait --timeout 60000", drive);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "queued")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "PASSED")) TH_LOG("%s", r->out);

	/* now empty: the documented error */
	expect_api_error(_metadata, ntmsctl("dismount %s", drive),
			 ": ERROR_INVALID_STATE (5023): ");
}

/* The request GUID of "...: queued as request {GUID}" in @out. */
static bool queued_request(const char *out, char *guid, size_t len)
{
	const char *p = strstr(out, "queued as request {");

	return p && sscanf(p, "queued as request %38s", guid) == 1 &&
	       strlen(guid) == 38 && len > 38;
}

TEST_F_TIMEOUT(lib, order_and_delete, 180)
{
	char req[64];
	struct run *r;

	r = ntmsctl("inventory ntms0 --fast --wait --timeout 60000");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	ASSERT_TRUE(queued_request(r->out, req, sizeof(req))) TH_LOG("%s",
								     r->out);
	r = ntmsctl("order %s", req);
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "not queued")) TH_LOG("%s", r->out);
	expect_api_error(_metadata, ntmsctl("order %s 1", req),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	r = ntmsctl("delete requests %s", req);
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	expect_api_error(_metadata, ntmsctl("info %s", req),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	/* every ended request */
	r = ntmsctl("inventory ntms0 --fast --wait --timeout 60000");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	r = ntmsctl("delete requests");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	r = ntmsctl("list requests");
	EXPECT_EQ(0, r->status);
	EXPECT_EQ(NULL, strstr(r->out, "PASSED")) TH_LOG("%s", r->out);
	/* the door, nobody coming within door_timeout_s */
	ASSERT_EQ(0, sh("echo 1 > /sys/module/ntms/parameters/door_timeout_s"));
	r = ntmsctl("door ntms0 --wait --timeout 60000");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "PASSED")) TH_LOG("%s", r->out);
	sh("echo 300 > /sys/module/ntms/parameters/door_timeout_s");
	/* present: not forgotten */
	expect_api_error(_metadata, ntmsctl("delete library ntms0"),
			 ": ERROR_INVALID_STATE (5023): ");
	expect_api_error(_metadata, ntmsctl("delete drive ntms0:drive0"),
			 ": ERROR_INVALID_STATE (5023): ");
	expect_api_error(_metadata,
			 ntmsctl("delete library 01234567-89ab-cdef-0123-456789abcdef"),
			 ": ERROR_INVALID_LIBRARY (4301): ");
}

/* Whether the driver implements inject and eject, asked without effect. */
/* the name of the fixture's first library with a changer, "" if none */
static const char *online_library(struct _test_data_lib *self)
{
	int i;

	for (i = 0; i < self->nlibs; i++)
		if (self->libs[i].Info.Library.LibraryType ==
		    NTMS_LIBRARYTYPE_ONLINE)
			return self->libs[i].szName;
	return "";
}

/* ntmsctl identify: queued, then PASSED with --wait */
TEST_F_TIMEOUT(lib, identify_slot, 180)
{
	char name[80];
	struct run *r;

	snprintf(name, sizeof(name), "%s:slot0", online_library(self));
	r = ntmsctl("identify %s --wait", name);
	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks NTMS_FEATURE_IDENTIFY_SLOT");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "queued as request")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, ": PASSED")) TH_LOG("%s", r->out);
	/* a drive is no storage slot */
	expect_api_error(_metadata,
			 ntmsctl("identify 01234567-89ab-cdef-0123-456789abcdef"),
			 ": ERROR_INVALID_PARAMETER (87): ");
}

/*
 * ntmsctl unload: the standalone drive unloads (UNLOADED), once more:
 * nothing loaded; loaded again with sg_start for the tests that follow.
 */
TEST_F_TIMEOUT(lib, unload_standalone_drive, 180)
{
	const NTMS_OBJECTINFORMATION *d;
	char name[80], dev[80] = "";
	struct run *r;

	d = standalone_drive(self, name);
	if (d)
		snprintf(dev, sizeof(dev), "%s", d->Info.Drive.szDeviceName);
	if (!d || strncmp(dev, "/dev/", 5))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	r = ntmsctl("unload %s", name);
	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks NTMS_FEATURE_UNLOAD");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "UNLOADED")) TH_LOG("%s", r->out);
	expect_api_error(_metadata, ntmsctl("unload %s", dev),
			 ": ERROR_INVALID_STATE (5023): ");
	EXPECT_EQ(0, sh("sg_start --load /dev/$(ls /sys/class/scsi_tape/%s/device/scsi_generic)",
			dev + 5));
	/* a drive of a library: DismountNtmsDrive's business */
	expect_api_error(_metadata, ntmsctl("unload %s:drive0",
					    online_library(self)),
			 ": ERROR_INVALID_PARAMETER (87): ");
}

static bool inject_eject_supported(HANDLE s)
{
	NTMS_GUID unknown = { 0x0badc0de, 0x1234, 0x5678,
			      { 1, 2, 3, 4, 5, 6, 7, 8 } }, op;

	return EjectNtmsMedia(s, &unknown, &op, NTMS_EJECT_START) !=
	       ERROR_NOT_SUPPORTED;
}

/* Whether the (flat) JSON object in @out that holds @match holds @kv. */
static bool json_has(const char *out, const char *match, const char *kv)
{
	const char *p = strstr(out, match), *end;

	if (!p)
		return false;
	while (p > out && *p != '{')
		p--;
	end = strchr(p, '}');
	p = strstr(p, kv);
	return p && end && p < end;
}

/*
 * A cartridge ejected to the port (ntmsctl waits, PASSED), a second eject
 * with the port full (ERROR_BUSY), then injected back with --json.
 */
TEST_F_TIMEOUT(lib, eject_then_inject, 300)
{
	const char *bc = NULL, *bc2 = NULL;
	char key[128];
	struct run *r;
	int i;

	if (!inject_eject_supported(self->s))
		SKIP(return, "the driver lacks inject and eject");
	for (i = self->nmedia; i-- > 0;) {
		const NTMS_PMIDINFORMATION *m = &self->media[i].Info.PhysicalMedia;

		if (m->LocationType != NTMS_STORAGESLOT)
			continue;
		if (!bc) {
			bc = m->szBarCode;
		} else {
			bc2 = m->szBarCode;
			break;
		}
	}
	ASSERT_NE(NULL, bc2);

	r = ntmsctl("eject %s --port ntms0:port0 --timeout 60000", bc);
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	snprintf(key, sizeof(key),
		 "eject %s through ntms0:port0: queued as request {", bc);
	EXPECT_NE(NULL, strstr(r->out, key)) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "}: PASSED\n")) TH_LOG("%s", r->out);
	r = ntmsctl("list media --json");
	snprintf(key, sizeof(key), "\"barcode\":\"%s\"", bc);
	EXPECT_TRUE(json_has(r->out, key, "\"location\":\"ntms0:port0\""))
		TH_LOG("%s", r->out);

	expect_api_error(_metadata, ntmsctl("eject %s", bc2),
			 ": ERROR_BUSY (170): ");

	r = ntmsctl("inject ntms0 --json --timeout 60000");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_TRUE(json_check(r->out)) TH_LOG("%s", r->out);
	EXPECT_EQ('{', r->out[0]);
	EXPECT_NE(NULL, strstr(r->out, "\"operation\":\"INJECT\",\"state\":\"PASSED\","))
		TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "\"library\":\"ntms0\",\"port\":null,\"error\":null}"))
		TH_LOG("%s", r->out);
	r = ntmsctl("list media --json");
	snprintf(key, sizeof(key), "\"barcode\":\"%s\"", bc);
	EXPECT_TRUE(json_has(r->out, key, "\"location\":\"ntms0:slot"))
		TH_LOG("%s", r->out);
}

/*
 * Nothing in the mail slots: the inject request fails, ntmsctl exits 1
 * and names ERROR_NO_MORE_ITEMS with its sentence.
 */
TEST_F_TIMEOUT(lib, inject_empty_ports, 180)
{
	struct run *r;

	if (!inject_eject_supported(self->s))
		SKIP(return, "the driver lacks inject and eject");
	r = ntmsctl("inject ntms0 --timeout 60000");
	EXPECT_EQ(1, r->status);
	EXPECT_NE(NULL, strstr(r->out, "}: FAILED\n")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->err,
			       ": ERROR_NO_MORE_ITEMS (259): nothing to import"))
		TH_LOG("%s", r->err);
	r = ntmsctl("inject ntms0 --json --timeout 60000");
	EXPECT_EQ(1, r->status);
	EXPECT_TRUE(json_check(r->out)) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "\"state\":\"FAILED\","))
		TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "\"error\":\"ERROR_NO_MORE_ITEMS\"}"))
		TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->err, ": ERROR_NO_MORE_ITEMS (259): "))
		TH_LOG("%s", r->err);
}

/* Names that name nothing: the error of that role, before any request. */
TEST_F_TIMEOUT(cli, inject_eject_bad_names, 180)
{
	expect_api_error(_metadata, ntmsctl("inject NOSUCHLIB"),
			 ": ERROR_INVALID_LIBRARY (4301): ");
	expect_api_error(_metadata, ntmsctl("eject NOSUCHTAPE"),
			 ": ERROR_INVALID_MEDIA (4300): ");
	expect_api_error(_metadata, ntmsctl("inject ntms0 --port ntms0:port99"),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	expect_api_error(_metadata, ntmsctl("inject ntms0 --port ntms0:drive0"),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
}

/* the GUID in "operator request {GUID}: submitted" */
static bool submitted_opreq(const char *out, char *guid, size_t len)
{
	const char *p = strstr(out, "operator request {");

	return p && sscanf(p, "operator request %38s", guid) == 1 &&
	       strlen(guid) == 38 && len > 38;
}

/* ntmsctl opreq: submit, list, info, wait, satisfy, cancel, delete, watch */
TEST_F_TIMEOUT(lib, operator_requests, 180)
{
	char id[64], id2[64], watched[4096] = "";
	struct run *r;
	FILE *f;
	int i;

	sh("rm -f /tmp/ntmsctl_watch");
	r = ntmsctl("opreq submit message 'weekly set to the vault'");
	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks operator requests");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	ASSERT_TRUE(submitted_opreq(r->out, id, sizeof(id))) TH_LOG("%s",
								    r->out);
	r = ntmsctl("opreq list");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "MESSAGE")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "SUBMITTED")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "weekly set to the vault"));
	r = ntmsctl("--json list opreqs");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_TRUE(json_check(r->out)) TH_LOG("%s", r->out);
	r = ntmsctl("info %s", id);
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "OpRequest")) TH_LOG("%s", r->out);
	expect_api_error(_metadata, ntmsctl("opreq wait %s --timeout 100", id),
			 ": ERROR_TIMEOUT (1460): ");

	/* watch sees it change */
	ASSERT_EQ(0, sh("ntmsctl watch --type opreq --count 1 --timeout 20000 >/tmp/ntmsctl_watch 2>&1 &"));
	usleep(500000);
	r = ntmsctl("opreq satisfy %s", id);
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "satisfied")) TH_LOG("%s", r->out);
	for (i = 0; i < 100 && !strstr(watched, "OBJ_UPDATE"); i++) {
		usleep(100000);
		f = fopen("/tmp/ntmsctl_watch", "r");
		if (f) {
			slurp(f, watched, sizeof(watched));
			fclose(f);
		}
	}
	EXPECT_NE(NULL, strstr(watched, "OBJ_UPDATE")) TH_LOG("%s", watched);
	EXPECT_NE(NULL, strstr(watched, "opreq")) TH_LOG("%s", watched);
	r = ntmsctl("opreq wait %s", id);
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	expect_api_error(_metadata, ntmsctl("opreq satisfy %s", id),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	expect_api_error(_metadata, ntmsctl("opreq cancel %s", id),
			 ": ERROR_INVALID_STATE (5023): ");

	/* a drive that needs service, cancelled */
	r = ntmsctl("opreq submit service ntms0:drive0 'drive 0 jams'");
	ASSERT_EQ(0, r->status) TH_LOG("%s", r->err);
	ASSERT_TRUE(submitted_opreq(r->out, id2, sizeof(id2)));
	r = ntmsctl("opreq cancel %s", id2);
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	EXPECT_NE(NULL, strstr(r->out, "cancelled")) TH_LOG("%s", r->out);
	expect_api_error(_metadata, ntmsctl("opreq wait %s", id2),
			 ": ERROR_CANCELLED (1223): ");
	r = ntmsctl("opreq list");
	EXPECT_NE(NULL, strstr(r->out, "DEVICESERVICE")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "REFUSED")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "ntms0:drive0")) TH_LOG("%s", r->out);

	/* the commands that name two objects, or a library or nothing */
	r = ntmsctl("opreq submit move ntms0:slot0 ntms0");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	r = ntmsctl("opreq submit newmedia -");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	r = ntmsctl("opreq submit cleaner ntms0 'no cleaner left'");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	expect_api_error(_metadata, ntmsctl("opreq submit cleaner ntms0:drive0"),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	expect_usage(_metadata, ntmsctl("opreq submit frobnicate x"));
	expect_usage(_metadata, ntmsctl("opreq submit message"));
	expect_usage(_metadata, ntmsctl("opreq submit move ntms0:slot0"));
	expect_usage(_metadata, ntmsctl("opreq bogus"));

	/* every one that has ended is forgotten, the others stay */
	r = ntmsctl("delete opreqs");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	expect_api_error(_metadata, ntmsctl("info %s", id),
			 ": ERROR_OBJECT_NOT_FOUND (4312): ");
	r = ntmsctl("opreq list");
	EXPECT_EQ(NULL, strstr(r->out, "REFUSED")) TH_LOG("%s", r->out);
	EXPECT_NE(NULL, strstr(r->out, "CLEANER")) TH_LOG("%s", r->out);
	/* clean up: cancel what is left, delete it */
	{
		NTMS_GUID ids[64];
		DWORD n = 64, k;

		ASSERT_EQ(ERROR_SUCCESS, EnumerateNtmsObject(self->s, NULL, ids,
							     &n,
							     NTMS_OPREQUEST,
							     0));
		for (k = 0; k < n; k++)
			CancelNtmsOperatorRequest(self->s, &ids[k]);
		if (n)
			EXPECT_EQ(ERROR_SUCCESS,
				  DeleteNtmsRequests(self->s, ids,
						     NTMS_OPREQUEST, n));
	}
}

TEST_F_TIMEOUT(cli, watch_times_out, 180)
{
	struct run *r = ntmsctl("watch --timeout 200");

	if (strstr(r->err, NOT_SUPPORTED))
		SKIP(return, "the driver lacks events (NTMS_FEATURE_EVENTS)");
	EXPECT_EQ(0, r->status) TH_LOG("%s", r->err);
	r = ntmsctl("watch --timeout 200 --count 1000");
	expect_api_error(_metadata, r, ": ERROR_TIMEOUT (1460): ");
}

TEST_HARNESS_MAIN
