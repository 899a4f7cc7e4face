// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: the commands that change things (but inject and eject, in
 * port.c), and "watch".
 *
 * DismountNtmsDrive(), DismountNtmsMedia() and InventoryNtmsLibrary() do
 * not return the request they queue (as in RSM): ntmsctl finds it as the
 * new NTMS_LIBREQUEST object that names the drive, cartridge or library,
 * by comparing the request lists before and after the call. Waiting
 * (--wait) polls the request's state with GetNtmsObjectInformation(),
 * which works whether or not the driver delivers notifications.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ntmsctl.h"
#include "options.h"

/* The GUIDs of the library requests that exist now (malloc'ed). */
static DWORD requests_snapshot(NTMS_GUID **ids, DWORD *n)
{
	DWORD ret;

	*ids = NULL;
	*n = 0;
	ret = EnumerateNtmsObject(session, NULL, NULL, n, NTMS_LIBREQUEST, 0);
	while (ret == ERROR_INSUFFICIENT_BUFFER) {
		free(*ids);
		*ids = malloc((*n + 1) * sizeof(**ids));
		if (!*ids)
			return ERROR_NOT_ENOUGH_MEMORY;
		ret = EnumerateNtmsObject(session, NULL, *ids, n,
					  NTMS_LIBREQUEST, 0);
	}
	return ret;
}

/*
 * The request queued by the call between the snapshot @old and now: a new
 * request of @op whose drive, cartridge or library (whichever @match
 * points into) is @id. Return: true with @req set if found.
 */
static bool request_find_new(const NTMS_GUID *old, DWORD nold, DWORD op,
			     const NTMS_GUID *id, NTMS_GUID *req)
{
	NTMS_OBJECTINFORMATION info;
	NTMS_GUID *now;
	DWORD n, i, j;
	bool found = false;

	if (requests_snapshot(&now, &n))
		return false;
	for (i = n; i-- > 0 && !found;) {
		const NTMS_LIBREQUESTINFORMATION *r = &info.Info.LibRequest;

		for (j = 0; j < nold; j++)
			if (guid_equal(&now[i], &old[j]))
				break;
		if (j < nold)
			continue;
		info.dwSize = sizeof(info);
		info.dwType = NTMS_LIBREQUEST;
		if (GetNtmsObjectInformation(session, &now[i], &info))
			continue;
		if (r->OperationCode != op)
			continue;
		if (guid_equal(&r->DriveId, id) ||
		    guid_equal(&r->PhysMediaId, id) ||
		    guid_equal(&r->Library, id)) {
			*req = now[i];
			found = true;
		}
	}
	free(now);
	return found;
}

static bool request_ended(DWORD state)
{
	return state == NTMS_LM_PASSED || state == NTMS_LM_FAILED ||
	       state == NTMS_LM_INVALID || state == NTMS_LM_CANCELLED ||
	       state == NTMS_LM_STOPPED;
}

/**
 * request_follow() - wait for a request to end, with progress on a terminal
 * @req: the request
 * @what: what it does, for the progress line
 * @info: out: its information, the last read
 *
 * Polls the request's state with GetNtmsObjectInformation() until it ends
 * or --timeout passes. The caller ends the progress line.
 *
 * Return: ERROR_SUCCESS once it ended (its state in @info),
 * ERROR_OBJECT_NOT_FOUND if it is no longer listed, ERROR_TIMEOUT (@info
 * holds the state it is still in), or GetNtmsObjectInformation()'s error.
 */
DWORD request_follow(const NTMS_GUID *req, const char *what,
		     NTMS_OBJECTINFORMATION *info)
{
	double start = now_s();
	DWORD ret;

	fflush(stdout);	/* what was queued, before the wait */
	for (;;) {
		info->dwSize = sizeof(*info);
		info->dwType = NTMS_LIBREQUEST;
		ret = GetNtmsObjectInformation(session, (LPNTMS_GUID)req, info);
		if (ret)
			return ret;
		if (request_ended(info->Info.LibRequest.State))
			return ERROR_SUCCESS;
		if (opt.timeout != INFINITE &&
		    (now_s() - start) * 1000 >= opt.timeout)
			return ERROR_TIMEOUT;
		progress(what, now_s() - start);
		msleep(50);
	}
}

/**
 * request_wait() - wait for a request to end and say how it ended
 * @req: the request
 * @what: what it does, for messages
 *
 * Return: 0 if it passed, EXIT_API (printed) otherwise.
 */
static int request_wait(const NTMS_GUID *req, const char *what)
{
	NTMS_OBJECTINFORMATION info;
	const NTMS_LIBREQUESTINFORMATION *r = &info.Info.LibRequest;
	char g[GUID_STR_LEN];
	DWORD ret;

	guid_format(g, req, true);
	ret = request_follow(req, what, &info);
	progress_end();
	if (ret == ERROR_OBJECT_NOT_FOUND) {
		printf("request %s: ended (no longer listed)\n", g);
		return 0;
	}
	if (ret == ERROR_TIMEOUT)
		return fail(ret, "%s: request %s still %s", what, g,
			    request_state_name(r->State));
	if (ret)
		return fail(ret, "waiting for request %s", g);
	printf("request %s: %s\n", g, request_state_name(r->State));
	if (r->State == NTMS_LM_PASSED)
		return 0;
	return fail(r->dwErrorCode ? r->dwErrorCode : ERROR_CANCELLED,
		    "%s: request %s", what, g);
}

/* After a call that queued a request: print it, and wait with --wait. */
static int request_report(const char *what, const NTMS_GUID *old,
			  DWORD nold, DWORD op, const NTMS_GUID *id,
			  const NTMS_GUID *known)
{
	char g[GUID_STR_LEN];
	NTMS_GUID req;

	if (known && !NTMS_IS_NULLGUID(*known))
		req = *known;
	else if (!request_find_new(old, nold, op, id, &req))
		req = (NTMS_GUID)NTMS_NULLGUID;
	if (NTMS_IS_NULLGUID(req)) {
		printf("%s: queued\n", what);
		return 0;
	}
	guid_format(g, &req, true);
	printf("%s: queued as request %s\n", what, g);
	if (!opt.wait)
		return 0;
	return request_wait(&req, what);
}

struct mount_call {
	NTMS_GUID media;
	NTMS_GUID drive;
	DWORD options;
	DWORD ret;
	int done;		/* set with __atomic_store_n() */
};

static void *mount_thread(void *arg)
{
	struct mount_call *m = arg;

	m->ret = MountNtmsMedia(session, &m->media, &m->drive, 1, m->options,
				NTMS_PRIORITY_NORMAL, opt.timeout, NULL);
	__atomic_store_n(&m->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* ntmsctl mount MEDIA [--drive DRIVE] [--read|--write] [--timeout MS] */
int cmd_mount(int argc, char **argv)
{
	struct mount_call m = { .options = 0 };
	char what[128], name[96];
	struct obj *media, *drive;
	pthread_t thread;
	double start;
	int err;

	if (argc != 1)
		return usage_error("mount needs one MEDIA");
	err = object_resolve(argv[0], NTMS_PHYSICAL_MEDIA, &media);
	if (err)
		return err;
	m.media = media->info.ObjectGuid;
	snprintf(name, sizeof(name), "%s", media->name);
	if (copt.drive) {
		err = object_resolve(copt.drive, NTMS_DRIVE, &drive);
		if (err)
			return err;
		m.drive = drive->info.ObjectGuid;
		m.options |= NTMS_MOUNT_SPECIFIC_DRIVE;
	}
	if (copt.given & OPT_READ)
		m.options |= NTMS_MOUNT_READ;
	if (copt.given & OPT_WRITE)
		m.options |= NTMS_MOUNT_WRITE;
	if (!(copt.given & (OPT_READ | OPT_WRITE)))
		m.options |= NTMS_MOUNT_READ | NTMS_MOUNT_WRITE;

	snprintf(what, sizeof(what), "mounting %s", name);
	if (opt.progress &&
	    !pthread_create(&thread, NULL, mount_thread, &m)) {
		start = now_s();
		while (!__atomic_load_n(&m.done, __ATOMIC_ACQUIRE)) {
			progress(what, now_s() - start);
			msleep(100);
		}
		pthread_join(thread, NULL);
		progress_end();
	} else {
		mount_thread(&m);
	}
	if (m.ret)
		return fail(m.ret, "mount %s", name);

	objects_forget();
	drive = object_by_guid(&m.drive);
	if (!drive && object_probe(&m.drive, &drive))
		drive = NULL;
	if (!drive) {
		printf("%s: mounted\n", name);
		return 0;
	}
	printf("%s: mounted in %s (%s)\n", name, drive->name,
	       drive->info.Info.Drive.szDeviceName[0] ?
	       drive->info.Info.Drive.szDeviceName : "no tape device");
	return 0;
}

/* ntmsctl dismount DRIVE [--wait] */
int cmd_dismount(int argc, char **argv)
{
	char what[160], name[96];
	NTMS_GUID id, *old;
	struct obj *drive;
	DWORD nold, ret;
	int err;

	if (argc != 1)
		return usage_error("dismount needs one DRIVE");
	err = object_resolve(argv[0], NTMS_DRIVE, &drive);
	if (err)
		return err;
	id = drive->info.ObjectGuid;
	snprintf(name, sizeof(name), "%s", drive->name);
	requests_snapshot(&old, &nold);

	ret = DismountNtmsDrive(session, &id);
	if (ret) {
		free(old);
		return fail(ret, "dismount %s", name);
	}
	objects_forget();
	if (!object_probe(&id, &drive) && drive->lib &&
	    drive->lib->info.Info.Library.LibraryType ==
	    NTMS_LIBRARYTYPE_STANDALONE) {
		free(old);
		printf("%s: DISMOUNTABLE (standalone drive: take the cartridge out)\n",
		       name);
		return 0;
	}
	snprintf(what, sizeof(what), "dismount %s", name);
	err = request_report(what, old, nold, NTMS_LM_DISMOUNT, &id, NULL);
	free(old);
	return err;
}

/*
 * ntmsctl clean DRIVE [--wait]: CleanNtmsDrive(); a standalone drive is
 * only recorded as cleaned (the operator cleans it)
 */
int cmd_clean(int argc, char **argv)
{
	char what[160];
	NTMS_GUID id, *old;
	struct obj *drive;
	DWORD nold, ret;
	bool standalone;
	int err;

	if (argc != 1)
		return usage_error("clean needs one DRIVE");
	err = object_resolve(argv[0], NTMS_DRIVE, &drive);
	if (err)
		return err;
	id = drive->info.ObjectGuid;
	standalone = drive->lib && drive->lib->info.Info.Library.LibraryType ==
				   NTMS_LIBRARYTYPE_STANDALONE;
	snprintf(what, sizeof(what), "clean %s", drive->name);
	requests_snapshot(&old, &nold);

	ret = CleanNtmsDrive(session, &id);
	if (ret) {
		free(old);
		return fail(ret, "%s", what);
	}
	if (standalone) {
		free(old);
		printf("%s: recorded as cleaned (standalone drive: clean it by hand)\n",
		       what);
		return 0;
	}
	err = request_report(what, old, nold, NTMS_LM_CLEANDRIVE, &id, NULL);
	free(old);
	return err;
}

/* ntmsctl dismount-media MEDIA [--deferred] [--wait] */
int cmd_dismount_media(int argc, char **argv)
{
	char what[160], name[96];
	NTMS_GUID id, *old;
	struct obj *media;
	DWORD nold, ret;
	int err;

	if (argc != 1)
		return usage_error("dismount-media needs one MEDIA");
	err = object_resolve(argv[0], NTMS_PHYSICAL_MEDIA, &media);
	if (err)
		return err;
	id = media->info.ObjectGuid;
	snprintf(name, sizeof(name), "%s", media->name);
	requests_snapshot(&old, &nold);

	ret = DismountNtmsMedia(session, &id, 1,
				(copt.given & OPT_DEFERRED) ?
				NTMS_DISMOUNT_DEFERRED :
				NTMS_DISMOUNT_IMMEDIATE);
	if (ret) {
		free(old);
		return fail(ret, "dismount %s", name);
	}
	snprintf(what, sizeof(what), "dismount %s", name);
	err = request_report(what, old, nold, NTMS_LM_DISMOUNT, &id, NULL);
	free(old);
	return err;
}

/*
 * A request on a library with an inventory action: "inventory" and
 * "door", LIBRARY [--fast|--full] [--wait]. Without either option the
 * library's own inventory method (@own), else FAST.
 */
static int library_request(int argc, char **argv, const char *verb,
			   DWORD op, bool own,
			   DWORD (*call)(HANDLE, LPNTMS_GUID, DWORD))
{
	char what[160];
	NTMS_GUID id, *old;
	struct obj *lib;
	DWORD action, nold, ret;
	int err;

	if (argc != 1)
		return usage_error("%s needs one LIBRARY", verb);
	if ((copt.given & OPT_FAST) && (copt.given & OPT_FULL))
		return usage_error("--fast and --full exclude each other");
	err = object_resolve(argv[0], NTMS_LIBRARY, &lib);
	if (err)
		return err;
	id = lib->info.ObjectGuid;
	if (copt.given & OPT_FULL)
		action = NTMS_INVENTORY_DEFAULT;
	else if (copt.given & OPT_FAST)
		action = NTMS_INVENTORY_FAST;
	else if (own &&
		 lib->info.Info.Library.InventoryMethod != NTMS_INVENTORY_NONE)
		action = lib->info.Info.Library.InventoryMethod;
	else
		action = NTMS_INVENTORY_FAST;
	snprintf(what, sizeof(what), "%s of %s", verb, lib->name);
	requests_snapshot(&old, &nold);

	ret = call(session, &id, action);
	if (ret) {
		free(old);
		return fail(ret, "%s", what);
	}
	err = request_report(what, old, nold, op, &id, NULL);
	free(old);
	return err;
}

/* ntmsctl inventory LIBRARY [--fast|--full] [--wait] */
int cmd_inventory(int argc, char **argv)
{
	return library_request(argc, argv, "inventory", NTMS_LM_INVENTORY,
			       true, InventoryNtmsLibrary);
}

/* ntmsctl door LIBRARY [--fast|--full] [--wait] */
int cmd_door(int argc, char **argv)
{
	return library_request(argc, argv, "door", NTMS_LM_DOORACCESS, false,
			       AccessNtmsLibraryDoor);
}

/* ntmsctl identify SLOT [--wait] */
int cmd_identify(int argc, char **argv)
{
	char what[160];
	NTMS_GUID id, lib, *old;
	struct obj *slot;
	DWORD nold, ret;
	int err;

	if (argc != 1)
		return usage_error("identify needs one SLOT");
	err = object_resolve(argv[0], NTMS_STORAGESLOT, &slot);
	if (err)
		return err;
	id = slot->info.ObjectGuid;
	lib = slot->info.Info.StorageSlot.Library;
	snprintf(what, sizeof(what), "identify %s", slot->name);
	requests_snapshot(&old, &nold);

	ret = IdentifyNtmsSlot(session, &id, 0);
	if (ret) {
		free(old);
		return fail(ret, "%s", what);
	}
	/* the request is an inventory of the slot's library */
	err = request_report(what, old, nold, NTMS_LM_INVENTORY, &lib, NULL);
	free(old);
	return err;
}

/*
 * ntmsctl unload DRIVE: EjectDiskFromSADrive() on a standalone drive,
 * named by its tape device path (passed as it is) or as any drive
 */
int cmd_unload(int argc, char **argv)
{
	char device[NTMS_DEVICENAME_LENGTH];
	struct obj *drive;
	DWORD ret;
	int err;

	if (argc != 1)
		return usage_error("unload needs one DRIVE");
	if (argv[0][0] == '/') {
		snprintf(device, sizeof(device), "%s", argv[0]);
	} else {
		err = object_resolve(argv[0], NTMS_DRIVE, &drive);
		if (err)
			return err;
		snprintf(device, sizeof(device), "%s",
			 drive->info.Info.Drive.szDeviceName);
	}
	ret = EjectDiskFromSADrive(NULL, "ntmsctl", device, NULL, NULL, NULL,
				   NTMS_EJECT_IMMEDIATE);
	if (ret)
		return fail(ret, "unload %s", device);
	printf("%s: UNLOADED (take the cartridge out)\n", device);
	return 0;
}

static int enable_disable(int argc, char **argv, bool enable)
{
	const char *verb = enable ? "enable" : "disable";
	struct obj *o;
	NTMS_GUID id;
	DWORD type, ret;
	int err;

	if (argc != 2)
		return usage_error("%s needs TYPE (drive, library, media) and OBJECT",
				   verb);
	type = type_from_name(argv[0]);
	if (type != NTMS_DRIVE && type != NTMS_LIBRARY &&
	    type != NTMS_PHYSICAL_MEDIA)
		return usage_error("cannot %s a '%s' (drive, library or media)",
				   verb, argv[0]);
	err = object_resolve(argv[1], type, &o);
	if (err)
		return err;
	id = o->info.ObjectGuid;
	ret = enable ? EnableNtmsObject(session, type, &id) :
		       DisableNtmsObject(session, type, &id);
	if (ret)
		return fail(ret, "%s %s", verb, o->name);
	printf("%s: %sd\n", o->name, verb);
	return 0;
}

int cmd_enable(int argc, char **argv)
{
	return enable_disable(argc, argv, true);
}

int cmd_disable(int argc, char **argv)
{
	return enable_disable(argc, argv, false);
}

/* ntmsctl cancel REQUEST */
int cmd_cancel(int argc, char **argv)
{
	char g[GUID_STR_LEN];
	struct obj *o;
	NTMS_GUID id;
	DWORD ret;
	int err;

	if (argc != 1)
		return usage_error("cancel needs one REQUEST");
	err = object_resolve(argv[0], NTMS_LIBREQUEST, &o);
	if (err)
		return err;
	id = o->info.ObjectGuid;
	guid_format(g, &id, true);
	ret = CancelNtmsLibraryRequest(session, &id);
	if (ret)
		return fail(ret, "cancel request %s", g);
	printf("request %s: cancelled\n", g);
	return 0;
}

/*
 * ntmsctl cleaner-slot reserve SLOT | release LIBRARY:
 * ReserveNtmsCleanerSlot() on the slot's library, ReleaseNtmsCleanerSlot()
 */
int cmd_cleaner_slot(int argc, char **argv)
{
	bool reserve = argc == 2 && !strcmp(argv[0], "reserve");
	NTMS_GUID id, lib;
	struct obj *o;
	DWORD ret;
	int err;

	if (argc != 2 || (!reserve && strcmp(argv[0], "release")))
		return usage_error("cleaner-slot needs reserve SLOT or "
				   "release LIBRARY");
	err = object_resolve(argv[1], reserve ? NTMS_STORAGESLOT :
			     NTMS_LIBRARY, &o);
	if (err)
		return err;
	id = o->info.ObjectGuid;
	if (reserve) {
		lib = o->info.Info.StorageSlot.Library;
		ret = ReserveNtmsCleanerSlot(session, &lib, &id);
	} else {
		ret = ReleaseNtmsCleanerSlot(session, &id);
	}
	if (ret)
		return fail(ret, "cleaner-slot %s %s", argv[0], o->name);
	printf("%s: cleaner slot %s\n", o->name,
	       reserve ? "reserved" : "released");
	return 0;
}

/*
 * ntmsctl cleaner inject LIBRARY CLEANS [--wait] | eject LIBRARY [--wait]:
 * InjectNtmsCleaner(), EjectNtmsCleaner()
 */
int cmd_cleaner(int argc, char **argv)
{
	bool inject = argc == 3 && !strcmp(argv[0], "inject");
	char what[160], *end;
	unsigned long cleans = 0;
	NTMS_GUID id, op;
	struct obj *lib;
	DWORD ret;
	int err;

	if ((!inject && (argc != 2 || strcmp(argv[0], "eject"))))
		return usage_error("cleaner needs inject LIBRARY CLEANS or "
				   "eject LIBRARY");
	if (inject) {
		errno = 0;
		cleans = strtoul(argv[2], &end, 10);
		if (errno || !*argv[2] || *end || cleans > UINT32_MAX)
			return usage_error("CLEANS must be a number of "
					   "cleanings");
	}
	err = object_resolve(argv[1], NTMS_LIBRARY, &lib);
	if (err)
		return err;
	id = lib->info.ObjectGuid;
	snprintf(what, sizeof(what), "cleaner %s %s", argv[0], lib->name);
	if (inject)
		ret = InjectNtmsCleaner(session, &id, &op, cleans,
					NTMS_INJECT_START);
	else
		ret = EjectNtmsCleaner(session, &id, &op, NTMS_EJECT_START);
	if (ret)
		return fail(ret, "%s", what);
	return request_report(what, NULL, 0, 0, &id, &op);
}

static const char *const event_names[] = {
	[NTMS_OBJ_UPDATE] = "OBJ_UPDATE",
	[NTMS_OBJ_INSERT] = "OBJ_INSERT",
	[NTMS_OBJ_DELETE] = "OBJ_DELETE",
	[NTMS_EVENT_SIGNAL] = "EVENT_SIGNAL",
	[NTMS_EVENT_COMPLETE] = "EVENT_COMPLETE",
};

static void watch_print(const NTMS_NOTIFICATIONINFORMATION *n, DWORD type)
{
	char stamp[40], g[GUID_STR_LEN], lbl[GUID_STR_LEN];
	const char *op = n->dwOperation < ARRAY_SIZE(event_names) &&
			 event_names[n->dwOperation] ?
			 event_names[n->dwOperation] : "UNKNOWN";
	struct obj *o = NULL;
	struct timespec ts;
	struct tm tm;
	const char *name;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, 24, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(stamp + strlen(stamp), 8, ".%03dZ", (int)(ts.tv_nsec / 1000000));
	objects_forget();	/* names may have appeared or changed */
	if (n->dwOperation != NTMS_OBJ_DELETE && !object_probe(&n->ObjectId, &o))
		type = o->info.dwType;
	name = o ? o->name : guid_show(&n->ObjectId, lbl);
	guid_format(g, &n->ObjectId, false);
	if (opt.json) {
		printf("{\"time\":\"%s\",\"operation\":\"%s\",\"type\":", stamp,
		       op);
		if (type == NTMS_UNKNOWN)
			fputs("null", stdout);
		else
			json_string(type_name(type));
		fputs(",\"name\":", stdout);
		json_string(name);
		printf(",\"guid\":\"%s\"}\n", g);
		return;
	}
	printf("%s %-14s %-8s %s %s\n", stamp, op,
	       type == NTMS_UNKNOWN ? "-" : type_name(type), name,
	       opt.full_guid ? g : guid_show(&n->ObjectId, lbl));
}

/* ntmsctl watch [--type T] [--count N] [--timeout MS] */
int cmd_watch(int argc, char **argv)
{
	NTMS_NOTIFICATIONINFORMATION n;
	unsigned long seen = 0;
	DWORD type = NTMS_UNKNOWN, ret, left;
	double start;
	HANDLE h;

	(void)argv;
	if (argc)
		return usage_error("watch takes no arguments");
	if (copt.type && strcmp(copt.type, "all")) {
		type = type_from_name(copt.type);
		if (type == NTMS_UNKNOWN)
			return usage_error("unknown --type '%s'", copt.type);
	}
	h = OpenNtmsNotification(session, type);
	if (h == INVALID_HANDLE_VALUE)
		return fail(GetLastError(), "cannot watch");
	setvbuf(stdout, NULL, _IOLBF, 0);
	start = now_s();
	while (!(copt.given & OPT_COUNT) || seen < copt.count) {
		left = opt.timeout;
		if (left != INFINITE) {
			double used = (now_s() - start) * 1000;

			left = used >= opt.timeout ? 0 : opt.timeout - used;
		}
		ret = WaitForNtmsNotification(h, &n, left);
		if (ret == ERROR_TIMEOUT) {
			CloseNtmsNotification(h);
			if (copt.given & OPT_COUNT)
				return fail(ret, "watch: %lu of %lu events",
					    seen, copt.count);
			return 0;
		}
		if (ret == ERROR_NO_DATA) {
			if (opt.json)
				puts("{\"operation\":\"LOST\"}");
			else
				puts("events were lost: re-read the state");
			continue;
		}
		if (ret) {
			CloseNtmsNotification(h);
			return fail(ret, "watch");
		}
		watch_print(&n, type);
		seen++;
	}
	CloseNtmsNotification(h);
	return 0;
}
