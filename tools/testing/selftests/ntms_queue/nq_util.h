/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the ntms request-queue selftests: the /dev/ntms ioctls, the
 * simulated library's knobs, mtx, and the check that the driver's view
 * equals the device's.
 */
#ifndef _NQ_UTIL_H
#define _NQ_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/ntms.h>

#include "test_util.h"

#define NQ_DEV		"/dev/ntms"
#define NQ_DBG		"/sys/kernel/debug/smcsim/lib0"
#define NQ_MAX		256
/* the unprivileged user of the access tests */
#define NQ_UID		12345
#define NQ_GID		12346

/* one library as the tests see it */
struct nq_lib {
	struct ntms_guid lib;
	char sg[48];			/* "/dev/sgN" of the changer */
	char sysfs[160];		/* /sys/bus/scsi/devices/H:C:T:L */
	uint32_t nr_drives, nr_slots;
	struct ntms_guid drives[NQ_MAX];
	uint32_t drive_addr[NQ_MAX];
	char tape[NQ_MAX][32];		/* "nst0" */
	struct ntms_guid slots[NQ_MAX];
	uint32_t slot_addr[NQ_MAX];
};

static inline int nq_knob(const char *knob, const char *s)
{
	char path[128];

	snprintf(path, sizeof(path), NQ_DBG "/%s", knob);
	return tu_write_file(path, s);
}

static inline int nq_enum(int fd, uint32_t type, const struct ntms_guid *c,
			  struct ntms_guid *list, uint32_t max)
{
	struct ntms_enumerate en;

	memset(&en, 0, sizeof(en));
	en.type = type;
	if (c) {
		en.container = *c;
		en.flags = NTMS_ENUMERATE_F_CONTAINER;
	}
	en.list = (uintptr_t)list;
	en.count = max;
	if (ioctl(fd, NTMS_IOC_ENUMERATE, &en))
		return -errno;
	return en.count;
}

static inline int nq_info(int fd, const struct ntms_guid *id, uint32_t type,
			  struct ntms_object_info *oi)
{
	memset(oi, 0, sizeof(*oi));
	oi->id = *id;
	oi->type = type;
	return ioctl(fd, NTMS_IOC_GET_INFO, oi) ? -errno : 0;
}

static inline int nq_guid_zero(const struct ntms_guid *g)
{
	static const struct ntms_guid zero;

	return !memcmp(g, &zero, sizeof(zero));
}

/* NTMS_IOC_DISMOUNT_DRIVE: 0 or -errno, request in @req */
static inline int nq_dismount(int fd, const struct ntms_guid *drive,
			      struct ntms_guid *req)
{
	struct ntms_dismount_drive d;

	memset(&d, 0, sizeof(d));
	d.drive = *drive;
	if (ioctl(fd, NTMS_IOC_DISMOUNT_DRIVE, &d))
		return -errno;
	if (req)
		*req = d.request;
	return 0;
}

static inline int nq_wait(int fd, const struct ntms_guid *req,
			  uint32_t ms, struct ntms_request_wait *w)
{
	memset(w, 0, sizeof(*w));
	w->request = *req;
	w->timeout_ms = ms;
	return ioctl(fd, NTMS_IOC_REQUEST_WAIT, w) ? -errno : 0;
}

static inline int nq_cancel(int fd, const struct ntms_guid *req)
{
	struct ntms_request_cancel c;

	memset(&c, 0, sizeof(c));
	c.request = *req;
	return ioctl(fd, NTMS_IOC_REQUEST_CANCEL, &c) ? -errno : 0;
}

/* choose the events of session @fd: object types @types */
static inline int nq_event_mask(int fd, uint64_t types)
{
	struct ntms_event_mask em;

	memset(&em, 0, sizeof(em));
	em.types = types;
	return ioctl(fd, NTMS_IOC_SET_EVENT_MASK, &em) ? -errno : 0;
}

/* a non-blocking session that receives every event; -1 if none */
static inline int nq_event_open(void)
{
	int fd = open(NQ_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0 && nq_event_mask(fd, (1ULL << NTMS_TYPE_MAX) - 1)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static inline uint64_t nq_features(int fd)
{
	struct ntms_version_info vi;

	memset(&vi, 0, sizeof(vi));
	if (ioctl(fd, NTMS_IOC_GET_VERSION, &vi))
		return 0;
	return vi.features;
}

/*
 * wait (up to @secs) until a ready ONLINE library exists, with changer
 * serial number @serial unless NULL; describe it
 */
static inline int nq_lib_find_serial(int fd, struct nq_lib *l, int secs,
				     const char *serial)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	struct ntms_scsi_address *a;
	int n, i, t;

	for (t = 0; t < secs * 10; t++) {
		n = nq_enum(fd, NTMS_TYPE_LIBRARY, NULL, list, NQ_MAX);
		for (i = 0; i < n; i++)
			if (!nq_info(fd, &list[i], NTMS_TYPE_LIBRARY, &oi) &&
			    oi.u.library.library_type ==
			    NTMS_LIBRARY_TYPE_ONLINE &&
			    oi.op_state == NTMS_OPSTATE_READY &&
			    (!serial || !strcmp(oi.u.library.serial, serial)))
				goto found;
		usleep(100000);
	}
	return -ENOENT;
found:
	memset(l, 0, sizeof(*l));
	l->lib = list[i];
	list[0] = oi.u.library.changer;
	if (nq_info(fd, &list[0], NTMS_TYPE_CHANGER, &oi))
		return -EIO;
	snprintf(l->sg, sizeof(l->sg), "/dev/%s", oi.u.changer.sg_name);
	a = &oi.u.changer.scsi;
	snprintf(l->sysfs, sizeof(l->sysfs), "/sys/bus/scsi/devices/%u:%u:%u:%llu",
		 a->host, a->channel, a->target, (unsigned long long)a->lun);
	n = nq_enum(fd, NTMS_TYPE_DRIVE, &l->lib, l->drives, NQ_MAX);
	if (n < 0)
		return n;
	l->nr_drives = n;
	for (i = 0; i < n; i++) {
		if (nq_info(fd, &l->drives[i], NTMS_TYPE_DRIVE, &oi))
			return -EIO;
		l->drive_addr[i] = oi.u.drive.address;
		strcpy(l->tape[i], oi.u.drive.tape_name);
	}
	n = nq_enum(fd, NTMS_TYPE_STORAGESLOT, &l->lib, l->slots, NQ_MAX);
	if (n < 0)
		return n;
	l->nr_slots = n;
	for (i = 0; i < n; i++) {
		if (nq_info(fd, &l->slots[i], NTMS_TYPE_STORAGESLOT, &oi))
			return -EIO;
		l->slot_addr[i] = oi.u.slot.address;
	}
	return 0;
}

/* wait (up to @secs) until a ready ONLINE library exists; describe it */
static inline int nq_lib_find(int fd, struct nq_lib *l, int secs)
{
	return nq_lib_find_serial(fd, l, secs, NULL);
}

/* read the whole library again (sysfs ntms_rescan): 0 or -errno */
static inline int nq_rescan(struct nq_lib *l)
{
	char path[200];

	snprintf(path, sizeof(path), "%s/ntms_rescan", l->sysfs);
	return tu_write_file(path, "1");
}

/* the changer's sysfs attribute @name: write @v, 0 or -errno */
static inline int nq_attr_set(struct nq_lib *l, const char *name,
			      const char *v)
{
	char path[200];

	snprintf(path, sizeof(path), "%s/%s", l->sysfs, name);
	return tu_write_file(path, v);
}

/* the changer's sysfs attribute @name as a number, -1 if unreadable */
static inline long nq_attr_get(struct nq_lib *l, const char *name)
{
	char path[200], buf[32];

	snprintf(path, sizeof(path), "%s/%s", l->sysfs, name);
	if (tu_read_file(path, buf, sizeof(buf)))
		return -1;
	return strtol(buf, NULL, 10);
}

static inline int nq_mtx(struct nq_lib *l, const char *args, char *out,
			 size_t len)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "mtx -f %s %s 2>&1", l->sg, args);
	return tu_run(cmd, out, len);
}

/* the barcode in the drive / slot / port as ntms sees it ("" if empty) */
static inline int nq_elem_barcode(int fd, const struct ntms_guid *el,
				  uint32_t type, char *bc, size_t len)
{
	struct ntms_object_info oi;
	struct ntms_guid m;
	int ret;

	ret = nq_info(fd, el, type, &oi);
	if (ret)
		return ret;
	m = type == NTMS_TYPE_DRIVE ? oi.u.drive.media :
	    type == NTMS_TYPE_IEPORT ? oi.u.ieport.media : oi.u.slot.media;
	bc[0] = '\0';
	if (nq_guid_zero(&m))
		return 0;
	ret = nq_info(fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi);
	if (ret)
		return ret;
	snprintf(bc, len, "%.*s", (int)sizeof(oi.u.media.barcode),
		 oi.u.media.barcode);
	return 0;
}

/*
 * Does the driver's view equal `mtx status` (drives and slots), and is
 * every barcode in exactly one place? Returns 0, or -1 with @why filled.
 */
static inline int nq_consistent(int fd, struct nq_lib *l, char *why,
				size_t wlen)
{
	static char out[65536];
	char bc[64], want[64], key[64], *p, *q;
	char seen[2 * NQ_MAX][40];
	int nseen = 0, i, j;
	uint32_t k;

	if (nq_mtx(l, "status", out, sizeof(out))) {
		snprintf(why, wlen, "mtx status failed: %.200s", out);
		return -1;
	}
	for (k = 0; k < l->nr_drives + l->nr_slots; k++) {
		int drive = k < l->nr_drives;
		uint32_t idx = drive ? k : k - l->nr_drives;

		if (nq_elem_barcode(fd, drive ? &l->drives[idx] : &l->slots[idx],
				    drive ? NTMS_TYPE_DRIVE :
				    NTMS_TYPE_STORAGESLOT, bc, sizeof(bc))) {
			snprintf(why, wlen, "GET_INFO failed");
			return -1;
		}
		if (drive)
			snprintf(key, sizeof(key), "Data Transfer Element %u:",
				 idx);
		else
			snprintf(key, sizeof(key), "Storage Element %u:",
				 idx + 1);
		p = strstr(out, key);
		if (!p) {
			snprintf(why, wlen, "mtx shows no '%s'", key);
			return -1;
		}
		want[0] = '\0';
		q = strchr(p, '\n');
		p += strlen(key);
		if (!strncmp(p, "Full", 4)) {
			char *v = strstr(p, "VolumeTag");

			if (v && (!q || v < q)) {
				v = strchr(v, '=') + 1;
				while (*v == ' ')
					v++;
				for (j = 0; v[j] && v[j] != ' ' && v[j] != '\n' &&
				     j < 63; j++)
					want[j] = v[j];
				want[j] = '\0';
			} else {
				strcpy(want, "?");
			}
		}
		if (strcmp(bc, want)) {
			snprintf(why, wlen, "%s ntms '%s', mtx '%s'", key, bc,
				 want);
			return -1;
		}
		if (!bc[0])
			continue;
		for (i = 0; i < nseen; i++)
			if (!strcmp(seen[i], bc)) {
				snprintf(why, wlen, "%s in two places", bc);
				return -1;
			}
		snprintf(seen[nseen++], sizeof(seen[0]), "%s", bc);
	}
	return 0;
}

/* address of the first mail slot smcsim has, from its elements file */
static inline int nq_first_port(uint32_t *addr)
{
	char buf[16384], *p;

	if (tu_read_file(NQ_DBG "/elements", buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, "ie ", 3))
			return sscanf(p + 3, "%u", addr) == 1 ? 0 : -1;
	return -1;
}

/* the @nth (from 0) slot full (or empty) in the driver's view, 1-based;
 * 0 if none
 */
static inline int nq_nth_slot(int fd, struct nq_lib *l, int nth, int full)
{
	char bc[64];
	uint32_t i;

	for (i = 0; i < l->nr_slots; i++) {
		if (nq_elem_barcode(fd, &l->slots[i], NTMS_TYPE_STORAGESLOT,
				    bc, sizeof(bc)))
			return 0;
		if ((bc[0] != 0) == (full != 0) && !nth--)
			return i + 1;
	}
	return 0;
}

static inline int nq_full_slot(int fd, struct nq_lib *l, int nth)
{
	return nq_nth_slot(fd, l, nth, 1);
}

/* mtx load SLOT(1-based) DRIVE(0-based) behind the driver, then rescan */
static inline int nq_load(struct nq_lib *l, int slot1, int drive)
{
	char args[64], out[512];

	snprintf(args, sizeof(args), "load %d %d", slot1, drive);
	if (nq_mtx(l, args, out, sizeof(out)))
		return -1;
	return nq_rescan(l);
}

/*
 * empty every drive behind the driver (each to the next slot empty in one
 * `mtx status`), rescan
 */
static inline int nq_unload_all(struct nq_lib *l)
{
	static char out[65536];
	char args[64], key[64], msg[512];
	uint32_t i, e = 1;

	if (nq_mtx(l, "status", out, sizeof(out)))
		return -1;
	for (i = 0; i < l->nr_drives; i++) {
		snprintf(key, sizeof(key), "Data Transfer Element %u:Full", i);
		if (!strstr(out, key))
			continue;
		for (; e <= l->nr_slots; e++) {
			snprintf(key, sizeof(key), "Storage Element %u:Empty",
				 e);
			if (strstr(out, key))
				break;
		}
		if (e > l->nr_slots)
			return -1;
		snprintf(args, sizeof(args), "unload %u %u", e++, i);
		if (nq_mtx(l, args, msg, sizeof(msg)))
			return -1;
	}
	return nq_rescan(l);
}

/*
 * The request ioctls. Not inlined: the harness longjmp()s out of failed
 * assertions, and inlined they let gcc keep the callers' results in
 * registers (-Wclobbered).
 */
#define NQ_CALL static __attribute__((noinline, unused))

/* the state a request ended in, waiting up to 30 s */
NQ_CALL int nq_ended(int fd, const struct ntms_guid *req, uint32_t *error)
{
	struct ntms_request_wait w;

	if (nq_wait(fd, req, 30000, &w))
		return -1;
	*error = w.error;
	return w.state;
}

NQ_CALL int nq_set_enabled(int fd, const struct ntms_guid *g, uint32_t type,
			   int enable, struct ntms_guid *req)
{
	struct ntms_set_enabled se;

	memset(&se, 0, sizeof(se));
	se.object = *g;
	se.type = type;
	se.enable = enable;
	if (ioctl(fd, NTMS_IOC_SET_ENABLED, &se))
		return -errno;
	if (req)
		*req = se.request;
	return 0;
}

NQ_CALL int nq_mount(int fd, const struct ntms_guid *media,
		     struct ntms_guid *drives, uint32_t count, uint32_t options,
		     int prio, struct ntms_guid *req)
{
	struct ntms_mount m;

	memset(&m, 0, sizeof(m));
	m.media = (uintptr_t)media;
	m.drives = (uintptr_t)drives;
	m.count = count;
	m.options = options;
	m.priority = prio;
	if (ioctl(fd, NTMS_IOC_MOUNT, &m))
		return -errno;
	*req = m.request;
	return 0;
}

NQ_CALL int nq_dismount_media(int fd, const struct ntms_guid *media,
			      uint32_t count, uint32_t options,
			      struct ntms_guid *req)
{
	struct ntms_dismount_media d;

	memset(&d, 0, sizeof(d));
	d.media = (uintptr_t)media;
	d.count = count;
	d.options = options;
	if (ioctl(fd, NTMS_IOC_DISMOUNT_MEDIA, &d))
		return -errno;
	*req = d.request;
	return 0;
}

/* the cartridge in slot @slot1 (1-based) */
NQ_CALL int nq_slot_media(int fd, struct nq_lib *l, int slot1,
			  struct ntms_guid *g)
{
	struct ntms_object_info oi;
	int ret = nq_info(fd, &l->slots[slot1 - 1], NTMS_TYPE_STORAGESLOT,
			  &oi);

	if (!ret)
		*g = oi.u.slot.media;
	return ret;
}

NQ_CALL uint32_t nq_drive_state(int fd, const struct ntms_guid *d)
{
	struct ntms_object_info oi;

	if (nq_info(fd, d, NTMS_TYPE_DRIVE, &oi))
		return 99;
	return oi.u.drive.state;
}

NQ_CALL int nq_inventory(int fd, const struct ntms_guid *lib, uint32_t action,
			 struct ntms_guid *req)
{
	struct ntms_inventory inv;

	memset(&inv, 0, sizeof(inv));
	inv.library = *lib;
	inv.action = action;
	if (ioctl(fd, NTMS_IOC_INVENTORY, &inv))
		return -errno;
	*req = inv.request;
	return 0;
}

/*
 * let NQ_UID open /dev/ntms, which the driver creates root's and udev
 * gives to the tape group; the VM's root is 0755 as a real system's, so
 * that it can reach /dev (-EPERM if not)
 */
static inline int nq_open_to_users(void)
{
	struct stat st;

	if (stat("/", &st))
		return -errno;
	if ((st.st_mode & 0777) != 0755)
		return -EPERM;
	if (stat(NQ_DEV, &st))
		return -errno;
	if ((st.st_mode & 0006) != 0006 && chmod(NQ_DEV, 0666))
		return -errno;
	return 0;
}

/* run @fn as NQ_UID (group NQ_GID) in a child; its exit status, or -1 */
static inline int nq_as_user(int (*fn)(struct nq_lib *), struct nq_lib *l)
{
	pid_t pid = fork();
	int st;

	if (!pid) {
		gid_t g = NQ_GID;

		if (setgroups(1, &g) || setgid(NQ_GID) || setuid(NQ_UID))
			_exit(100);
		_exit(fn(l));
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

#define NQ_FAILSLAB	"/sys/kernel/debug/failslab"

/*
 * Make the next slab allocation of this thread fail (failslab, on the
 * debug kernel): the returned fd is given to nq_failslab_end() once the
 * call under test returned. -ENOENT without failslab, else -errno.
 */
NQ_CALL int nq_failslab_begin(void)
{
	static const char *const knobs[][2] = {
		{ "verbose", "0" },	/* a stack dump counts as a kernel report */
		{ "ignore-gfp-wait", "N" },
		{ "task-filter", "Y" },
		{ "probability", "100" },
		{ "interval", "1" },
		{ "times", "1" },
	};
	char path[128];
	unsigned int i;
	int mf, ret;

	if (access(NQ_FAILSLAB, F_OK))
		return -ENOENT;
	/*
	 * The program's pages in memory first: its text is read through
	 * 9p, and a page fault between here and the call under test would
	 * take the one failure meant for the call.
	 */
	if (mlockall(MCL_CURRENT))
		return -errno;
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		snprintf(path, sizeof(path), NQ_FAILSLAB "/%s", knobs[i][0]);
		ret = tu_write_file(path, knobs[i][1]);
		if (ret)
			return ret;
	}
	mf = open("/proc/thread-self/make-it-fail", O_WRONLY);
	if (mf < 0)
		return -errno;
	if (write(mf, "1", 1) != 1) {
		close(mf);
		return -EIO;
	}
	return mf;
}

/* end what nq_failslab_begin() started */
NQ_CALL void nq_failslab_end(int mf)
{
	if (write(mf, "0", 1) != 1)
		perror("make-it-fail");
	close(mf);
	tu_write_file(NQ_FAILSLAB "/probability", "0");
	munlockall();
}

/* knobs back to normal: no injected failure, no latency */
static inline void nq_knobs_clear(void)
{
	nq_knob("fail", "clear");
	nq_knob("latency_ms", "0");
}

/*
 * Before a test: library (changer @serial, or any if NULL) ready, knobs
 * cleared, every drive empty. 0 or a negative errno.
 */
NQ_CALL int nq_setup(int fd, struct nq_lib *l, const char *serial)
{
	int ret = nq_lib_find_serial(fd, l, 60, serial);

	if (ret)
		return ret;
	if (l->nr_drives < 2)
		return -ENODEV;
	nq_knobs_clear();
	return nq_unload_all(l);
}

/*
 * After a test: knobs cleared, the library read again; 0 if the driver's
 * view equals the device's, else -1 and the reason in @why.
 */
NQ_CALL int nq_teardown(int fd, struct nq_lib *l, char *why, size_t len)
{
	nq_knobs_clear();
	if (fd < 0 || !l->nr_drives)
		return 0;
	nq_rescan(l);
	return nq_consistent(fd, l, why, len);
}

#endif /* _NQ_UTIL_H */
