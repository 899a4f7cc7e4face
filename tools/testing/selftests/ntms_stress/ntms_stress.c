// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_stress: several sessions and threads issue random mounts,
 * dismounts (drive and media), inventories, cancels, waits, enumerations,
 * enable/disable of drives, cartridges and libraries, tape devices locked
 * for a moment (MTLOCK: the cartridge is opened), sessions closed with work
 * pending, and (when the driver has NTMS_FEATURE_INJECT_EJECT) injects and
 * ejects with an operator filling and emptying the mail slots, and (with
 * NTMS_FEATURE_DOOR) door requests that the chaos thread's operator, going
 * in through the main door, may answer, or that pass unanswered after
 * door_timeout_s (1 s during the run), and (with NTMS_FEATURE_OPREQ)
 * operator requests submitted, satisfied, cancelled and waited for across
 * sessions, and (with NTMS_FEATURE_CLEAN_DRIVE and _CLEANER_PORT)
 * cleanings of random drives by a cleaner each library gets at the start
 * (reserved slot, injected through a mail slot), while a
 * chaos thread arms random faults, latency and not-ready states in
 * smcsim's debugfs, on every library at once, and moves cartridges
 * between slots with mtx through the changer's sg device, which the
 * library reports to nobody (no UNIT ATTENTION).
 *
 * Every ioctl result must be one of the errnos documented for that call,
 * and every request must end with an errno of the uapi table. Afterwards
 * (faults off, queue drained, a FAST inventory run) every barcode must be
 * in exactly one place, the driver's view must equal smcsim's and mtx's,
 * and no request may be left pending.
 *
 * Environment: NTMS_STRESS_SECONDS (default 75), NTMS_STRESS_SEED (default
 * from the clock; printed, so that a run can be replayed: each thread's
 * sequence of operations depends only on the seed, the interleaving does
 * not), NTMS_STRESS_THREADS (default 6). Runs as root in the VM against
 * smcsim with two libraries (no max_elements: mtx must read them).
 */
#include <poll.h>
#include <stdarg.h>
#include <sys/mtio.h>
#include <pthread.h>

#include "ns_util.h"
#include "kselftest_harness.h"

#define NS_SESSIONS	3
#define NS_MAX_THREADS	16
#define NS_RING		64
#define NS_OUTSIDE	64
#define NS_DOOR_TIMEOUT	"/sys/module/ntms/parameters/door_timeout_s"
#define NS_CLEAN_TIMEOUT "/sys/module/ntms/parameters/clean_timeout_s"

/* errno sets, as bit masks over the errnos the uapi table names */
#define B(e)		(1ULL << ns_bit(e))

static const int ns_errnos[] = {
	0, EBADF, EINVAL, EFAULT, ENOENT, ENODEV, EACCES, ESHUTDOWN,
	ENOMEDIUM, EBUSY, EALREADY, EUCLEAN, ENOSPC, ENOMEM, EOVERFLOW, EXDEV,
	ENXIO, EHOSTDOWN, ETIMEDOUT, ECANCELED, ESRCH, EOPNOTSUPP, EIO, EPERM,
	EAGAIN, EROFS, EXFULL, ENODATA, EADDRNOTAVAIL, ENOTCONN, EEXIST,
	EMEDIUMTYPE, EKEYEXPIRED,
};

/* index of @e in ns_errnos, or 63 for an errno outside the table */
static int ns_bit(int e)
{
	unsigned int i;

	for (i = 0; i < sizeof(ns_errnos) / sizeof(ns_errnos[0]); i++)
		if (ns_errnos[i] == e)
			return i;
	return 63;
}

/* the results each call may give here (root: every access right) */
#define OK_DISMOUNT_DRIVE (B(0) | B(ENOMEDIUM) | B(EBUSY) | B(ESHUTDOWN) | \
	B(EUCLEAN) | B(ENOSPC) | B(ENOMEM))
#define OK_DISMOUNT_MEDIA (OK_DISMOUNT_DRIVE | B(ENXIO))
#define OK_MOUNT (B(0) | B(ESHUTDOWN) | B(ENXIO) | B(EBUSY) | B(EUCLEAN) | \
	B(ENOSPC) | B(ENOMEM) | B(EADDRNOTAVAIL) | B(ENOTCONN) | \
	B(EMEDIUMTYPE))
#define OK_INVENTORY (B(0) | B(ESHUTDOWN) | B(ENOSPC) | B(ENOMEM))
#define OK_ENABLE (B(0) | B(EALREADY))
#define OK_WAIT (B(0) | B(ETIMEDOUT) | B(ENOENT))
#define OK_CANCEL (B(0) | B(ESRCH) | B(ENOENT))
#define OK_ENUM (B(0) | B(EOVERFLOW))
#define OK_INFO_REQ (B(0) | B(ENOENT))
#define OK_READ (B(0) | B(EAGAIN))
#define OK_INJECT (B(0) | B(ESHUTDOWN) | B(EUCLEAN) | B(ENOSPC) | B(ENOMEM))
#define OK_EJECT (OK_INJECT | B(ENXIO) | B(EBUSY) | B(EALREADY) | B(EAGAIN))
#define OK_DOOR (OK_INVENTORY | B(EUCLEAN))
/* the drive or library disabled; the cleaner slot reserved throughout */
#define OK_CLEAN (B(0) | B(ESHUTDOWN) | B(EUCLEAN) | B(ENOSPC) | B(ENOMEM))
#define OK_OPREQ_SUBMIT (B(0) | B(ENOSPC) | B(ENOMEM))
/* satisfied or cancelled already; forgotten by a full table */
#define OK_OPREQ_ACT (B(0) | B(ESRCH) | B(EALREADY) | B(ENOENT))
#define OK_OPREQ_WAIT (B(0) | B(ECANCELED) | B(ETIMEDOUT) | B(ENOENT))
/* how a request may end: every errno of the uapi table but the ones
 * that only a call's arguments can cause
 */
#define OK_REQ_END (B(0) | B(EINVAL) | B(ENOENT) | B(ENODEV) | B(EACCES) | \
	B(ETIMEDOUT) | B(ESHUTDOWN) | \
	B(ENOMEDIUM) | B(EBUSY) | B(EALREADY) | B(EUCLEAN) | B(ENOSPC) | \
	B(ENOMEM) | B(EXDEV) | B(ENXIO) | B(EHOSTDOWN) | B(ECANCELED) | \
	B(EOPNOTSUPP) | B(EIO) | B(EPERM) | B(EROFS) | B(EXFULL) | \
	B(EADDRNOTAVAIL) | B(ENOTCONN))

enum ns_op {
	OP_MOUNT, OP_DISMOUNT_DRIVE, OP_DISMOUNT_MEDIA, OP_INVENTORY,
	OP_CANCEL, OP_WAIT, OP_ENUM, OP_INFO, OP_DRIVE_ENABLE,
	OP_MEDIA_ENABLE, OP_LIBRARY_ENABLE, OP_READ, OP_CHURN, OP_INJECT,
	OP_EJECT, OP_LOCK, OP_DOOR, OP_OPREQ_SUBMIT, OP_OPREQ_SATISFY,
	OP_OPREQ_CANCEL, OP_OPREQ_WAIT, OP_CLEAN, OP_REQ_END, OP_MAX
};

static const char *const ns_op_name[OP_MAX] = {
	"mount", "dismount_drive", "dismount_media", "inventory", "cancel",
	"wait", "enumerate", "get_info", "drive_enable", "media_enable",
	"library_enable", "read", "session_churn", "inject", "eject",
	"tape_lock", "door", "opreq_submit", "opreq_satisfy", "opreq_cancel",
	"opreq_wait", "clean", "request_end",
};

/* weights of the operations a worker picks from */
static const unsigned int ns_weight[OP_MAX] = {
	[OP_MOUNT] = 20, [OP_DISMOUNT_DRIVE] = 10, [OP_DISMOUNT_MEDIA] = 10,
	[OP_INVENTORY] = 3, [OP_CANCEL] = 8, [OP_WAIT] = 8, [OP_ENUM] = 5,
	[OP_INFO] = 5, [OP_DRIVE_ENABLE] = 3, [OP_MEDIA_ENABLE] = 3,
	[OP_LIBRARY_ENABLE] = 1, [OP_READ] = 4, [OP_CHURN] = 2,
	[OP_INJECT] = 3, [OP_EJECT] = 4, [OP_LOCK] = 3, [OP_DOOR] = 1,
	[OP_OPREQ_SUBMIT] = 2, [OP_OPREQ_SATISFY] = 1, [OP_OPREQ_CANCEL] = 1,
	[OP_OPREQ_WAIT] = 1, [OP_CLEAN] = 1,
};

struct ns_run {
	int nlibs;
	struct ns_lib libs[NS_MAX_LIBS];
	int fds[NS_SESSIONS];
	int inject_eject;
	int door;
	int opreq;
	int clean;
	uint64_t seed;
	volatile int stop;
	pthread_mutex_t lock;		/* everything below */
	struct ntms_guid ring[NS_RING];	/* recent requests */
	unsigned int ring_n;
	struct ntms_guid opreqs[NS_RING];	/* recent operator requests */
	unsigned int opreqs_n;
	unsigned long count[OP_MAX];
	unsigned long errs[OP_MAX][64];
	int failures;
	char first_failure[512];
	/* cartridges the operator took out: barcode and library */
	char outside[NS_OUTSIDE][NS_BC_LEN];
	int outside_lib[NS_OUTSIDE];
	int nr_outside;
	int removed, inserted;		/* by the operator */
	int silent;			/* moves by a raw mtx user */
	int hands;			/* moves by hand, the main door open */
	/* the cartridges at the start: barcode and library */
	char initial[NS_OUTSIDE * 8][NS_BC_LEN];
	int initial_lib[NS_OUTSIDE * 8];
	int ninit;
	uint64_t ok_req_end;		/* how a request may end */
};

static struct ns_run run;

static void ns_fail(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&run.lock);
	if (!run.failures++)
		snprintf(run.first_failure, sizeof(run.first_failure), "%s",
			 msg);
	pthread_mutex_unlock(&run.lock);
	fprintf(stderr, "# FAIL: %s\n", msg);
}

/* counts result @ret (0 or -errno) of @op; fails if not in @ok */
static void ns_check(int tid, enum ns_op op, int ret, uint64_t ok)
{
	int e = -ret;

	pthread_mutex_lock(&run.lock);
	run.count[op]++;
	run.errs[op][ns_bit(e)]++;
	pthread_mutex_unlock(&run.lock);
	if (!(ok & B(e)))
		ns_fail("thread %d: %s gave %d (%s), not a documented result",
			tid, ns_op_name[op], e, strerror(e));
}

static void ns_remember(const struct ntms_guid *req)
{
	if (nq_guid_zero(req))
		return;
	pthread_mutex_lock(&run.lock);
	run.ring[run.ring_n++ % NS_RING] = *req;
	pthread_mutex_unlock(&run.lock);
}

static int ns_recent(uint64_t *rs, struct ntms_guid *req)
{
	unsigned int n;

	pthread_mutex_lock(&run.lock);
	n = run.ring_n < NS_RING ? run.ring_n : NS_RING;
	if (n)
		*req = run.ring[ns_below(rs, n)];
	pthread_mutex_unlock(&run.lock);
	return n ? 0 : -ENOENT;
}

/* waits a little for a request; checks how it ended if it did */
static void ns_wait_some(int tid, int fd, const struct ntms_guid *req,
			 uint32_t ms)
{
	struct ntms_request_wait w;
	int ret;

	ret = nq_wait(fd, req, ms, &w);
	ns_check(tid, OP_WAIT, ret, OK_WAIT);
	if (!ret)
		ns_check(tid, OP_REQ_END, -(int)w.error, run.ok_req_end);
}

static const struct ntms_guid *ns_pick_media(uint64_t *rs, struct ns_lib *l)
{
	return &l->media[ns_below(rs, l->nr_media)];
}

static void ns_op_mount(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_guid m[2], d[2], req;
	uint32_t count = 1 + (ns_below(rs, 4) == 0), opt = 0;
	int cross = run.nlibs > 1 && ns_below(rs, 20) == 0;
	int ret;

	m[0] = *ns_pick_media(rs, l);
	do
		m[1] = *ns_pick_media(rs, l);
	while (count == 2 && l->nr_media > 1 && !memcmp(&m[0], &m[1], 16));
	if (count == 2 && !memcmp(&m[0], &m[1], 16))
		count = 1;
	if (cross) {
		count = 2;
		m[1] = *ns_pick_media(rs, &run.libs[(l - run.libs + 1) %
						    run.nlibs]);
	}
	if (ns_below(rs, 4) == 0)
		opt |= NTMS_MOUNT_F_ERROR_NOT_AVAILABLE;
	if (ns_below(rs, 2))
		opt |= NTMS_MOUNT_F_READ | NTMS_MOUNT_F_WRITE;
	if (ns_below(rs, 8) == 0)
		opt |= NTMS_MOUNT_F_NOWAIT;
	if (ns_below(rs, 5) == 0 && l->nr_drives >= 2) {
		opt |= NTMS_MOUNT_F_SPECIFIC_DRIVE;
		d[0] = l->drives[ns_below(rs, l->nr_drives)].id;
		do
			d[1] = l->drives[ns_below(rs, l->nr_drives)].id;
		while (!memcmp(&d[0], &d[1], 16));
	}
	ret = nq_mount(fd, m, d, count, opt, (int)ns_below(rs, 31) - 15, &req);
	ns_check(tid, OP_MOUNT, ret, cross ? OK_MOUNT | B(EXDEV) : OK_MOUNT);
	if (ret)
		return;
	ns_remember(&req);
	switch (ns_below(rs, 5)) {
	case 0:
	case 1:
		ns_wait_some(tid, fd, &req, ns_below(rs, 1500));
		break;
	case 2:
		ns_check(tid, OP_CANCEL, nq_cancel(fd, &req), OK_CANCEL);
		break;
	}
}

static void ns_op_dismount_drive(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_guid req;
	int ret;

	ret = nq_dismount(fd, &l->drives[ns_below(rs, l->nr_drives)].id,
				&req);
	ns_check(tid, OP_DISMOUNT_DRIVE, ret, OK_DISMOUNT_DRIVE);
	if (ret)
		return;
	ns_remember(&req);
	if (ns_below(rs, 3) == 0)
		ns_wait_some(tid, fd, &req, ns_below(rs, 1500));
}

/* a cartridge that is in a drive now, else any */
static struct ntms_guid ns_mounted_media(int fd, uint64_t *rs,
					 struct ns_lib *l)
{
	struct ntms_object_info oi;
	uint32_t i, start = ns_below(rs, l->nr_drives);

	for (i = 0; i < l->nr_drives; i++)
		if (!nq_info(fd, &l->drives[(start + i) % l->nr_drives].id,
			     NTMS_TYPE_DRIVE, &oi) &&
		    !nq_guid_zero(&oi.u.drive.media))
			return oi.u.drive.media;
	return *ns_pick_media(rs, l);
}

static void ns_op_dismount_media(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_dismount_media dm;
	struct ntms_guid m;
	int ret;

	m = ns_below(rs, 4) ? ns_mounted_media(fd, rs, l) :
	    *ns_pick_media(rs, l);
	memset(&dm, 0, sizeof(dm));
	dm.media = (uintptr_t)&m;
	dm.count = 1;
	dm.options = ns_below(rs, 3);	/* 0, DEFERRED, IMMEDIATE */
	ret = ioctl(fd, NTMS_IOC_DISMOUNT_MEDIA, &dm) ? -errno : 0;
	ns_check(tid, OP_DISMOUNT_MEDIA, ret, OK_DISMOUNT_MEDIA);
	if (ret)
		return;
	ns_remember(&dm.request);
	if (!nq_guid_zero(&dm.request) && ns_below(rs, 3) == 0)
		ns_wait_some(tid, fd, &dm.request, ns_below(rs, 1500));
}

static void ns_op_inventory(int tid, int fd, uint64_t *rs)
{
	static const uint32_t action[] = {
		NTMS_INVENTORY_FAST, NTMS_INVENTORY_FAST,
		NTMS_INVENTORY_DEFAULT, NTMS_INVENTORY_SLOT,
	};
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_guid req;
	int ret;

	ret = nq_inventory(fd, &l->lib, action[ns_below(rs, 4)], &req);
	ns_check(tid, OP_INVENTORY, ret, OK_INVENTORY);
	if (!ret)
		ns_remember(&req);
}

/* AccessNtmsLibraryDoor: the door unlocked until an operator has been */
static void ns_op_door(int tid, int fd, uint64_t *rs)
{
	static const uint32_t action[] = {
		NTMS_INVENTORY_NONE, NTMS_INVENTORY_FAST,
		NTMS_INVENTORY_DEFAULT, NTMS_INVENTORY_SLOT,
	};
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_door d;
	int ret;

	memset(&d, 0, sizeof(d));
	d.library = l->lib;
	d.action = action[ns_below(rs, 4)];
	ret = ioctl(fd, NTMS_IOC_DOOR, &d) ? -errno : 0;
	ns_check(tid, OP_DOOR, ret, OK_DOOR);
	if (!ret)
		ns_remember(&d.request);
}

/* CleanNtmsDrive of a random drive */
static void ns_op_clean(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_clean_drive cd;
	int ret;

	memset(&cd, 0, sizeof(cd));
	cd.drive = l->drives[ns_below(rs, l->nr_drives)].id;
	ret = ioctl(fd, NTMS_IOC_CLEAN_DRIVE, &cd) ? -errno : 0;
	ns_check(tid, OP_CLEAN, ret, OK_CLEAN);
	if (!ret)
		ns_remember(&cd.request);
}

/* an operator request of the last NS_RING submitted: -1 if none yet */
static int ns_recent_opreq(uint64_t *rs, struct ntms_guid *id)
{
	int ret = -1;

	pthread_mutex_lock(&run.lock);
	if (run.opreqs_n) {
		unsigned int n = run.opreqs_n < NS_RING ? run.opreqs_n : NS_RING;

		*id = run.opreqs[ns_below(rs, n)];
		ret = 0;
	}
	pthread_mutex_unlock(&run.lock);
	return ret;
}

/*
 * Operator requests: a message to the operator from one session, which
 * another satisfies, cancels or waits for (every session is root's: each
 * may act on all)
 */
static void ns_op_opreq(int tid, int fd, uint64_t *rs, enum ns_op op)
{
	struct ntms_opreq_submit os;
	struct ntms_opreq_wait ow;
	struct ntms_opreq_act oa;
	int ret;

	if (op == OP_OPREQ_SUBMIT) {
		memset(&os, 0, sizeof(os));
		os.request = NTMS_OPREQ_CMD_MESSAGE;
		snprintf(os.message, sizeof(os.message),
			 "ntms_stress thread %d asks", tid);
		ret = ioctl(fd, NTMS_IOC_OPREQ_SUBMIT, &os) ? -errno : 0;
		ns_check(tid, op, ret, OK_OPREQ_SUBMIT);
		if (ret)
			return;
		pthread_mutex_lock(&run.lock);
		run.opreqs[run.opreqs_n++ % NS_RING] = os.id;
		pthread_mutex_unlock(&run.lock);
		return;
	}
	if (op == OP_OPREQ_WAIT) {
		memset(&ow, 0, sizeof(ow));
		if (ns_recent_opreq(rs, &ow.id))
			return;
		ow.timeout_ms = ns_below(rs, 300);
		ret = ioctl(fd, NTMS_IOC_OPREQ_WAIT, &ow) ? -errno : 0;
		ns_check(tid, op, ret, OK_OPREQ_WAIT);
		return;
	}
	memset(&oa, 0, sizeof(oa));
	if (ns_recent_opreq(rs, &oa.id))
		return;
	ret = ioctl(fd, op == OP_OPREQ_SATISFY ? NTMS_IOC_OPREQ_SATISFY :
		    NTMS_IOC_OPREQ_CANCEL, &oa) ? -errno : 0;
	ns_check(tid, op, ret, OK_OPREQ_ACT);
}

static void ns_op_cancel(int tid, int fd, uint64_t *rs)
{
	struct ntms_guid req;

	if (!ns_recent(rs, &req))
		ns_check(tid, OP_CANCEL, nq_cancel(fd, &req), OK_CANCEL);
}

static void ns_op_wait(int tid, int fd, uint64_t *rs)
{
	struct ntms_guid req;

	if (!ns_recent(rs, &req))
		ns_wait_some(tid, fd, &req, ns_below(rs, 500));
}

static void ns_op_enum(int tid, int fd, uint64_t *rs)
{
	static const uint32_t type[] = {
		NTMS_TYPE_DRIVE, NTMS_TYPE_STORAGESLOT, NTMS_TYPE_IEPORT,
		NTMS_TYPE_PHYSICAL_MEDIA, NTMS_TYPE_LIBREQUEST,
		NTMS_TYPE_LIBRARY,
	};
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_guid list[8];
	struct ntms_guid *big;
	uint32_t t = type[ns_below(rs, 6)];
	int ret;

	/* a small list overflows sometimes; a big one never does */
	big = calloc(2048, sizeof(*big));
	if (!big)
		return;
	if (ns_below(rs, 2))
		ret = nq_enum(fd, t, t == NTMS_TYPE_LIBRARY ? NULL : &l->lib,
			      list, 8);
	else
		ret = nq_enum(fd, t, t == NTMS_TYPE_LIBRARY ? NULL : &l->lib,
			      big, 2048);
	free(big);
	ns_check(tid, OP_ENUM, ret < 0 ? ret : 0, OK_ENUM);
}

static void ns_op_info(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_object_info oi;
	struct ntms_guid req;
	int ret;

	switch (ns_below(rs, 4)) {
	case 0:
		ret = nq_info(fd, &l->drives[ns_below(rs, l->nr_drives)].id,
			      NTMS_TYPE_DRIVE, &oi);
		ns_check(tid, OP_INFO, ret, B(0));
		break;
	case 1:
		ret = nq_info(fd, ns_pick_media(rs, l), NTMS_TYPE_UNKNOWN, &oi);
		ns_check(tid, OP_INFO, ret, B(0));
		break;
	case 2:
		ret = nq_info(fd, &l->lib, NTMS_TYPE_LIBRARY, &oi);
		ns_check(tid, OP_INFO, ret, B(0));
		break;
	default:
		if (ns_recent(rs, &req))
			break;
		ret = nq_info(fd, &req, NTMS_TYPE_LIBREQUEST, &oi);
		ns_check(tid, OP_INFO, ret, OK_INFO_REQ);
		break;
	}
}

static void ns_op_enable(int tid, int fd, uint64_t *rs, enum ns_op op)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	const struct ntms_guid *g;
	struct ntms_guid req;
	uint32_t type;
	int ret;

	if (op == OP_DRIVE_ENABLE) {
		type = NTMS_TYPE_DRIVE;
		g = &l->drives[ns_below(rs, l->nr_drives)].id;
	} else if (op == OP_MEDIA_ENABLE) {
		type = NTMS_TYPE_PHYSICAL_MEDIA;
		g = ns_pick_media(rs, l);
	} else {
		/* the library: off for a moment, then on again */
		type = NTMS_TYPE_LIBRARY;
		g = &l->lib;
		ret = nq_set_enabled(fd, g, type, 0, NULL);
		ns_check(tid, op, ret, OK_ENABLE);
		usleep(10000 + ns_below(rs, 50000));
		ret = nq_set_enabled(fd, g, type, 1, NULL);
		ns_check(tid, op, ret, OK_ENABLE);
		return;
	}
	memset(&req, 0, sizeof(req));
	/* more often on than off, so that work gets done */
	ret = nq_set_enabled(fd, g, type, ns_below(rs, 5) != 0, &req);
	ns_check(tid, op, ret, OK_ENABLE);
	if (!ret)
		ns_remember(&req);
}

static void ns_op_read(int tid, int fd)
{
	struct ntms_event ev[16];
	ssize_t n;

	n = read(fd, ev, sizeof(ev));
	ns_check(tid, OP_READ, n < 0 ? -errno : 0, OK_READ);
	if (n > 0 && n % sizeof(ev[0]))
		ns_fail("thread %d: read() returned %zd, not whole events",
			tid, n);
}

/* a session of its own: queue a mount or two, then close without waiting */
static void ns_op_churn(int tid, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_guid req;
	int fd, i, ret;

	fd = open(NS_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		ns_fail("thread %d: open %s: %s", tid, NS_DEV,
			strerror(errno));
		return;
	}
	for (i = ns_below(rs, 3); i > 0; i--) {
		ret = nq_mount(fd, ns_pick_media(rs, l), NULL, 1, 0, 0, &req);
		ns_check(tid, OP_CHURN, ret, OK_MOUNT);
		if (!ret)
			ns_remember(&req);
	}
	if (ns_below(rs, 2)) {
		ret = nq_dismount(fd,
					&l->drives[ns_below(rs, l->nr_drives)].id,
					&req);
		ns_check(tid, OP_CHURN, ret, OK_DISMOUNT_DRIVE);
		if (!ret)
			ns_remember(&req);
	}
	close(fd);
}

static void ns_op_inject(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_inject inj;
	int ret;

	memset(&inj, 0, sizeof(inj));
	inj.library = l->lib;
	if (l->nr_ports && ns_below(rs, 3) == 0) {
		inj.port = l->ports[ns_below(rs, l->nr_ports)].id;
		inj.flags = NTMS_PORT_F_SPECIFIC;
	}
	ret = ioctl(fd, NTMS_IOC_INJECT, &inj) ? -errno : 0;
	ns_check(tid, OP_INJECT, ret, OK_INJECT);
	if (!ret)
		ns_remember(&inj.request);
}

static void ns_op_eject(int tid, int fd, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ntms_eject ej;
	int ret;

	memset(&ej, 0, sizeof(ej));
	ej.media = *ns_pick_media(rs, l);
	if (l->nr_ports && ns_below(rs, 3) == 0) {
		ej.port = l->ports[ns_below(rs, l->nr_ports)].id;
		ej.flags = NTMS_PORT_F_SPECIFIC;
	}
	ret = ioctl(fd, NTMS_IOC_EJECT, &ej) ? -errno : 0;
	ns_check(tid, OP_EJECT, ret, OK_EJECT);
	if (!ret)
		ns_remember(&ej.request);
}

/*
 * ALLOW MEDIUM REMOVAL, twice: the SCSI midlayer takes a UNIT ATTENTION
 * (28h/00h after a load) to PREVENT ALLOW as success without sending the
 * command again (scsi_set_medium_removal() on a removable device), which
 * would leave the drive prevented in the device and not in Linux.
 */
static void ns_unlock(int tfd)
{
	struct mtop unlock = { .mt_op = MTUNLOCK, .mt_count = 1 };

	ioctl(tfd, MTIOCTOP, &unlock);
	ioctl(tfd, MTIOCTOP, &unlock);
}

/*
 * A program uses a drive for a moment: MTLOCK on its tape device makes the
 * cartridge "opened" (dismounts: EBUSY; the library refuses 53h/02h).
 */
static void ns_op_lock(int tid, uint64_t *rs)
{
	struct ns_lib *l = &run.libs[ns_below(rs, run.nlibs)];
	struct ns_el *d = &l->drives[ns_below(rs, l->nr_drives)];
	struct mtop lock = { .mt_op = MTLOCK, .mt_count = 1 };
	char path[64];
	int tfd;

	if (!d->tape[0])
		return;
	snprintf(path, sizeof(path), "/dev/%s", d->tape);
	tfd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	pthread_mutex_lock(&run.lock);
	run.count[OP_LOCK]++;
	run.errs[OP_LOCK][ns_bit(tfd < 0 ? errno : 0)]++;
	pthread_mutex_unlock(&run.lock);
	if (tfd < 0)
		return;
	if (!ioctl(tfd, MTIOCTOP, &lock))
		usleep(20000 + ns_below(rs, 300000));
	ns_unlock(tfd);
	close(tfd);
}

struct ns_worker {
	pthread_t thread;
	int tid;
	uint64_t rs;
};

/* does this driver have operation @i? */
static int ns_op_on(unsigned int i)
{
	if (i == OP_INJECT || i == OP_EJECT)
		return run.inject_eject;
	if (i == OP_DOOR)
		return run.door;
	if (i >= OP_OPREQ_SUBMIT && i <= OP_OPREQ_WAIT)
		return run.opreq;
	if (i == OP_CLEAN)
		return run.clean;
	return 1;
}

static void *ns_worker_fn(void *arg)
{
	struct ns_worker *w = arg;
	int fd = run.fds[w->tid % NS_SESSIONS];
	unsigned int total = 0, pick, i;

	for (i = 0; i < OP_MAX; i++)
		if (ns_op_on(i))
			total += ns_weight[i];
	while (!run.stop) {
		pick = ns_below(&w->rs, total);
		for (i = 0; i < OP_MAX; i++) {
			if (!ns_op_on(i))
				continue;
			if (pick < ns_weight[i])
				break;
			pick -= ns_weight[i];
		}
		switch (i) {
		case OP_MOUNT:
			ns_op_mount(w->tid, fd, &w->rs);
			break;
		case OP_DISMOUNT_DRIVE:
			ns_op_dismount_drive(w->tid, fd, &w->rs);
			break;
		case OP_DISMOUNT_MEDIA:
			ns_op_dismount_media(w->tid, fd, &w->rs);
			break;
		case OP_INVENTORY:
			ns_op_inventory(w->tid, fd, &w->rs);
			break;
		case OP_CANCEL:
			ns_op_cancel(w->tid, fd, &w->rs);
			break;
		case OP_WAIT:
			ns_op_wait(w->tid, fd, &w->rs);
			break;
		case OP_ENUM:
			ns_op_enum(w->tid, fd, &w->rs);
			break;
		case OP_INFO:
			ns_op_info(w->tid, fd, &w->rs);
			break;
		case OP_DRIVE_ENABLE:
		case OP_MEDIA_ENABLE:
		case OP_LIBRARY_ENABLE:
			ns_op_enable(w->tid, fd, &w->rs, i);
			break;
		case OP_READ:
			ns_op_read(w->tid, fd);
			break;
		case OP_CHURN:
			ns_op_churn(w->tid, &w->rs);
			break;
		case OP_INJECT:
			ns_op_inject(w->tid, fd, &w->rs);
			break;
		case OP_EJECT:
			ns_op_eject(w->tid, fd, &w->rs);
			break;
		case OP_LOCK:
			ns_op_lock(w->tid, &w->rs);
			break;
		case OP_DOOR:
			ns_op_door(w->tid, fd, &w->rs);
			break;
		case OP_OPREQ_SUBMIT:
		case OP_OPREQ_SATISFY:
		case OP_OPREQ_CANCEL:
		case OP_OPREQ_WAIT:
			ns_op_opreq(w->tid, fd, &w->rs, i);
			break;
		case OP_CLEAN:
			ns_op_clean(w->tid, fd, &w->rs);
			break;
		}
		usleep(ns_below(&w->rs, 20000));
	}
	return NULL;
}

/* faults smcsim can inject: opcode, sense key, ASC, ASCQ */
static const unsigned int ns_faults[][4] = {
	{ 0xa5, 0x4, 0x44, 0x00 },	/* MOVE MEDIUM: hardware error */
	{ 0xa5, 0x5, 0x53, 0x02 },	/* MOVE MEDIUM: removal prevented */
	{ 0xa5, 0x2, 0x04, 0x03 },	/* MOVE MEDIUM: manual intervention */
	{ 0xa5, 0x2, 0x04, 0x01 },	/* MOVE MEDIUM: becoming ready */
	{ 0xa5, 0x6, 0x28, 0x01 },	/* MOVE MEDIUM: unit attention */
	{ 0xb8, 0x4, 0x44, 0x00 },	/* READ ELEMENT STATUS: hw error */
	{ 0xb8, 0x2, 0x04, 0x01 },	/* READ ELEMENT STATUS: becoming */
	{ 0xb8, 0x6, 0x29, 0x00 },	/* READ ELEMENT STATUS: reset */
	{ 0x07, 0x4, 0x44, 0x00 },	/* INITIALIZE ELEMENT STATUS */
	{ 0x00, 0x2, 0x04, 0x01 },	/* TEST UNIT READY: becoming */
	{ 0xa5, 0x5, 0x3b, 0x0d },	/* MOVE MEDIUM: destination full */
	{ 0xa5, 0x2, 0x04, 0x12 },	/* MOVE MEDIUM: offline */
	{ 0xa5, 0x2, 0x3a, 0x02 },	/* MOVE MEDIUM: mail slot open */
};
#define NS_NR_FAULTS	(sizeof(ns_faults) / sizeof(ns_faults[0]))

/* the chaos thread: faults and latency; the operator at the mail slots */
/*
 * mtx -f SG transfer FULL EMPTY between two storage slots of @l, as
 * smcsim's elements say they are now; the driver is not told
 */
static void ns_silent_move(uint64_t *rs, struct ns_lib *l)
{
	char path[128], els[8192], cmd[160], out[512], state[8], *p;
	unsigned int full[256], empty[256], nf = 0, ne = 0, n = 0;

	snprintf(path, sizeof(path), NS_DBG "/lib%d/elements", l->sim);
	if (tu_read_file(path, els, sizeof(els)))
		return;
	for (p = els; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "st ", 3) ||
		    sscanf(p, "st %*u %7s", state) != 1)
			continue;
		n++;
		if (!strcmp(state, "full") && nf < 256)
			full[nf++] = n;
		else if (!strcmp(state, "empty") && ne < 256)
			empty[ne++] = n;
	}
	if (!nf || !ne)
		return;
	/* mtx numbers storage slots from 1 in address order */
	snprintf(cmd, sizeof(cmd), "mtx -f %s transfer %u %u 2>&1", l->sg,
		 full[ns_below(rs, nf)], empty[ns_below(rs, ne)]);
	/* the robot may be busy with the driver's move: mtx may fail */
	tu_run(cmd, out, sizeof(out));
	pthread_mutex_lock(&run.lock);
	run.silent++;
	pthread_mutex_unlock(&run.lock);
}

/*
 * An operator goes in through the main door and moves a cartridge from
 * one storage slot to another by hand; the closing raises a unit
 * attention (smcsim's main_door), nothing else tells the driver
 */
static void ns_hand_move(uint64_t *rs, struct ns_lib *l)
{
	char path[128], els[8192], knob[128], state[8], bc[NS_BC_LEN], *p;
	unsigned int full[256], empty[256], nf = 0, ne = 0, addr;
	char code[256][NS_BC_LEN];
	int k;

	if (ns_knob(l->sim, "main_door", "open"))
		return;		/* EBUSY: locked */
	snprintf(path, sizeof(path), NS_DBG "/lib%d/elements", l->sim);
	if (tu_read_file(path, els, sizeof(els)))
		goto close;
	for (p = els; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "st ", 3) ||
		    sscanf(p, "st %u %7s %63s", &addr, state, bc) != 3)
			continue;
		if (!strcmp(state, "full") && nf < 256) {
			snprintf(code[nf], NS_BC_LEN, "%s",
				 strcmp(bc, "?") ? bc : "-");
			full[nf++] = addr;
		} else if (!strcmp(state, "empty") && ne < 256) {
			empty[ne++] = addr;
		}
	}
	if (!nf || !ne)
		goto close;
	k = ns_below(rs, nf);
	snprintf(knob, sizeof(knob), "%u", full[k]);
	if (ns_knob(l->sim, "remove", knob))
		goto close;
	snprintf(knob, sizeof(knob), "%s %u", code[k], empty[ns_below(rs, ne)]);
	if (ns_knob(l->sim, "insert", knob)) {
		/* back where it was */
		snprintf(knob, sizeof(knob), "%s %u", code[k], full[k]);
		if (ns_knob(l->sim, "insert", knob))
			ns_fail("smcsim: hand move lost %s", code[k]);
	}
	pthread_mutex_lock(&run.lock);
	run.hands++;
	pthread_mutex_unlock(&run.lock);
close:
	usleep(ns_below(rs, 200000));
	if (ns_knob(l->sim, "main_door", "close"))
		ns_fail("smcsim main_door close");
}

static void *ns_chaos_fn(void *arg)
{
	uint64_t *rs = arg;
	char buf[128], path[128], els[4096], *p;
	unsigned int addr;
	int li, k, ret;

	while (!run.stop) {
		struct ns_lib *l;

		li = ns_below(rs, run.nlibs);
		l = &run.libs[li];
		switch (ns_below(rs, 13)) {
		case 0:
		case 1:
		case 2:
			k = ns_below(rs, NS_NR_FAULTS);
			snprintf(buf, sizeof(buf), "0x%x %u 0x%x 0x%x 0x%x",
				 ns_faults[k][0], 1 + ns_below(rs, 2),
				 ns_faults[k][1], ns_faults[k][2],
				 ns_faults[k][3]);
			ret = ns_knob(l->sim, "fail", buf);
			/* at most 8 rules: ENOSPC when full */
			if (ret && ret != -ENOSPC)
				ns_fail("smcsim fail '%s': %d", buf, ret);
			break;
		case 3:
			ns_knob(l->sim, "fail", "clear");
			break;
		case 4:
			snprintf(buf, sizeof(buf), "%u",
				 ns_below(rs, 3) ? ns_below(rs, 30) : 0);
			if (ns_knob(l->sim, "latency_ms", buf))
				ns_fail("smcsim latency_ms %s", buf);
			break;
		case 5:
		case 6:
			if (!run.inject_eject)
				break;
			/* the operator takes a cartridge out of a port */
			snprintf(path, sizeof(path), NS_DBG "/lib%d/elements",
				 l->sim);
			if (tu_read_file(path, els, sizeof(els)))
				break;
			for (p = strstr(els, "ie "); p; p = strstr(p + 1, "\nie ")) {
				char full[8], bc[NS_BC_LEN];

				if (*p == '\n')
					p++;
				if (sscanf(p, "ie %u %7s %63s", &addr, full,
					   bc) != 3 || strcmp(full, "full"))
					continue;
				snprintf(buf, sizeof(buf), "%u", addr);
				if (ns_knob(l->sim, "remove", buf))
					break;
				pthread_mutex_lock(&run.lock);
				k = run.nr_outside++;
				snprintf(run.outside[k], NS_BC_LEN, "%.63s", bc);
				run.outside_lib[k] = li;
				run.removed++;
				pthread_mutex_unlock(&run.lock);
				break;
			}
			break;
		case 8:
			/* the changer not ready for a moment */
			ns_knob(l->sim, "state", ns_below(rs, 2) ? "becoming" :
				ns_below(rs, 2) ? "manual" : "offline");
			usleep(20000 + ns_below(rs, 300000));
			if (ns_knob(l->sim, "state", "ready"))
				ns_fail("smcsim state ready");
			break;
		case 9:
			/* the write-protect tab of a cartridge */
			k = ns_below(rs, run.ninit);
			snprintf(buf, sizeof(buf), "%.63s %u", run.initial[k],
				 ns_below(rs, 2));
			ret = ns_knob(run.libs[run.initial_lib[k]].sim,
				      "protect", buf);
			/* ENOENT: the operator has it */
			if (ret && ret != -ENOENT)
				ns_fail("smcsim protect '%s': %d", buf, ret);
			break;
		case 10:
			/* the mail slot door open for a moment */
			if (ns_knob(l->sim, "door", "open"))
				break;	/* EBUSY: prevented */
			usleep(20000 + ns_below(rs, 300000));
			if (ns_knob(l->sim, "door", "close"))
				ns_fail("smcsim door close");
			break;
		case 11:
			/* a raw mtx user moves a cartridge between slots,
			 * and the library tells nobody (no UNIT ATTENTION)
			 */
			ns_silent_move(rs, l);
			break;
		case 12:
			/* an operator inside, through the main door */
			ns_hand_move(rs, l);
			break;
		case 7:
			if (!run.inject_eject || !run.nr_outside)
				break;
			/* the operator puts one back in its library */
			k = ns_below(rs, run.nr_outside);
			l = &run.libs[run.outside_lib[k]];
			snprintf(buf, sizeof(buf), "%s", run.outside[k]);
			if (ns_knob(l->sim, "insert", buf))
				break;	/* no empty port: later */
			pthread_mutex_lock(&run.lock);
			run.nr_outside--;
			memmove(run.outside[k], run.outside[run.nr_outside],
				NS_BC_LEN);
			run.outside_lib[k] = run.outside_lib[run.nr_outside];
			run.inserted++;
			pthread_mutex_unlock(&run.lock);
			break;
		}
		usleep(100000 + ns_below(rs, 400000));
	}
	return NULL;
}

FIXTURE(stress) {
	int nlibs;
};

FIXTURE_SETUP(stress)
{
	int i, n;

	memset(&run, 0, sizeof(run));
	pthread_mutex_init(&run.lock, NULL);
	for (i = 0; i < NS_SESSIONS; i++) {
		run.fds[i] = open(NS_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		ASSERT_LE(0, run.fds[i]) TH_LOG("open %s: %s", NS_DEV,
						strerror(errno));
	}
	if ((nq_features(run.fds[0]) & (NTMS_FEATURE_MOUNT |
					NTMS_FEATURE_DISMOUNT |
					NTMS_FEATURE_INVENTORY |
					NTMS_FEATURE_ENABLE |
					NTMS_FEATURE_REQUESTS)) !=
	    (NTMS_FEATURE_MOUNT | NTMS_FEATURE_DISMOUNT |
	     NTMS_FEATURE_INVENTORY | NTMS_FEATURE_ENABLE |
	     NTMS_FEATURE_REQUESTS))
		SKIP(return, "the driver lacks the request operations");
	run.inject_eject = !!(nq_features(run.fds[0]) &
			      NTMS_FEATURE_INJECT_EJECT);
	run.door = !!(nq_features(run.fds[0]) & NTMS_FEATURE_DOOR);
	run.opreq = !!(nq_features(run.fds[0]) & NTMS_FEATURE_OPREQ);
	run.clean = (nq_features(run.fds[0]) &
		     (NTMS_FEATURE_CLEAN_DRIVE | NTMS_FEATURE_CLEANER_PORT)) ==
		    (NTMS_FEATURE_CLEAN_DRIVE | NTMS_FEATURE_CLEANER_PORT);
	/* an eject finding no empty mail slot ends with EAGAIN */
	/* eject: no empty port (EAGAIN); inject: empty ports (ENODATA) */
	run.ok_req_end = OK_REQ_END |
			 (run.inject_eject ? B(EAGAIN) | B(ENODATA) : 0) |
			 /* a cleaner spent, or not a cleaner (timed out) */
			 (run.clean ? B(EKEYEXPIRED) | B(ETIMEDOUT) : 0);
	n = ns_libs_find(run.fds[0], run.libs, 2, 60);
	ASSERT_LE(2, n) TH_LOG("two online libraries needed");
	run.nlibs = n;
	for (i = 0; i < n; i++) {
		ASSERT_LE(2, run.libs[i].nr_drives);
		ASSERT_LE(2, run.libs[i].nr_media);
		ns_knob(run.libs[i].sim, "fail", "clear");
		ns_knob(run.libs[i].sim, "latency_ms", "0");
		ns_knob(run.libs[i].sim, "state", "ready");
	}
	self->nlibs = n;
}

FIXTURE_TEARDOWN(stress)
{
	int i;

	for (i = 0; i < NS_SESSIONS; i++)
		if (run.fds[i] > 0)
			close(run.fds[i]);
}

/* all barcodes of the sim view plus the outside ones: each exactly once */
static int ns_check_barcodes(struct ns_loc *sim, int nsim, char *why,
			     size_t wlen)
{
	int i, j, seen;

	for (i = 0; i < run.ninit; i++) {
		seen = 0;
		for (j = 0; j < nsim; j++)
			seen += !strcmp(sim[j].bc, run.initial[i]);
		for (j = 0; j < run.nr_outside; j++)
			seen += !strcmp(run.outside[j], run.initial[i]);
		if (seen != 1) {
			snprintf(why, wlen, "%.63s is in %d places",
				 run.initial[i], seen);
			return -1;
		}
	}
	if (nsim + run.nr_outside != run.ninit) {
		snprintf(why, wlen, "%d cartridges in the libraries, %d outside, %d at the start",
			 nsim, run.nr_outside, run.ninit);
		return -1;
	}
	return 0;
}

TEST_F_TIMEOUT(stress, random_operations, 900)
{
	static struct ns_loc sim[512], drv[512], mtx[512];
	struct ns_worker w[NS_MAX_THREADS];
	int nthreads, secs, i, j, nsim = 0, ndrv, nmtx;
	struct ntms_object_info oi;
	struct ntms_guid req;
	pthread_t chaos;
	uint64_t chaos_rs;
	uint32_t err = 0;
	char why[512] = "", door_timeout[32] = "", clean_timeout[32] = "";
	int fd = run.fds[0];

	secs = ns_env("NTMS_STRESS_SECONDS", 75);
	nthreads = ns_env("NTMS_STRESS_THREADS", 6);
	if (nthreads < 1 || nthreads > NS_MAX_THREADS)
		nthreads = 6;
	run.seed = getenv("NTMS_STRESS_SEED") ?
		   strtoull(getenv("NTMS_STRESS_SEED"), NULL, 0) :
		   (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	printf("# seed %llu (replay: NTMS_STRESS_SEED=%llu), %d s, %d threads, %d libraries, inject/eject %s, door %s, operator requests %s, cleanings %s\n",
	       (unsigned long long)run.seed, (unsigned long long)run.seed,
	       secs, nthreads, self->nlibs, run.inject_eject ? "on" : "off",
	       run.door ? "on" : "off", run.opreq ? "on" : "off",
	       run.clean ? "on" : "off");
	fflush(stdout);

	/*
	 * A cleaner in each library, part of the cartridges that must
	 * survive; a data cartridge the chaos moves into the cleaner slot
	 * makes a cleaning wait for an unload that never comes: 5 s.
	 */
	if (run.clean) {
		for (i = 0; i < self->nlibs; i++)
			ASSERT_EQ(0, ns_cleaner_setup(fd, &run.libs[i], i,
						       "100", NULL));
		ASSERT_EQ(0, tu_read_trim(NS_CLEAN_TIMEOUT, clean_timeout,
					 sizeof(clean_timeout)));
		ASSERT_EQ(0, tu_write_file(NS_CLEAN_TIMEOUT, "5"));
	}

	/* the barcodes at the start: the set that must survive */
	for (i = 0; i < self->nlibs; i++)
		ASSERT_EQ(0, ns_sim_view(&run.libs[i], i, sim, &nsim,
					 NS_OUTSIDE * 8));
	for (i = 0; i < nsim; i++) {
		snprintf(run.initial[i], NS_BC_LEN, "%.63s", sim[i].bc);
		run.initial_lib[i] = sim[i].lib;
	}
	run.ninit = nsim;

	for (i = 0; i < nthreads; i++) {
		w[i].tid = i;
		w[i].rs = run.seed + 1000003ULL * (i + 1);
		ASSERT_EQ(0, pthread_create(&w[i].thread, NULL, ns_worker_fn,
					    &w[i]));
	}
	/* a door request nobody answers holds its library's queue this long */
	if (run.door) {
		ASSERT_EQ(0, tu_read_trim(NS_DOOR_TIMEOUT, door_timeout,
					 sizeof(door_timeout)));
		ASSERT_EQ(0, tu_write_file(NS_DOOR_TIMEOUT, "1"));
	}
	chaos_rs = run.seed;
	ASSERT_EQ(0, pthread_create(&chaos, NULL, ns_chaos_fn, &chaos_rs));
	sleep(secs);
	run.stop = 1;
	for (i = 0; i < nthreads; i++)
		pthread_join(w[i].thread, NULL);
	pthread_join(chaos, NULL);

	for (i = 0; i < OP_MAX; i++) {
		char line[512];
		int len;

		if (!run.count[i])
			continue;
		len = snprintf(line, sizeof(line), "# %-15s %6lu:", ns_op_name[i],
			       run.count[i]);
		for (j = 0; j < 64; j++)
			if (run.errs[i][j] && len < (int)sizeof(line) - 32)
				len += snprintf(line + len, sizeof(line) - len,
						" %s %lu",
						j == 63 ? "other" :
						j == 0 ? "ok" :
						strerrorname_np(ns_errnos[j]),
						run.errs[i][j]);
		printf("%s\n", line);
	}
	EXPECT_EQ(0, run.failures) TH_LOG("first failure: %s (seed %llu)",
					   run.first_failure,
					   (unsigned long long)run.seed);

	/* faults off, everything enabled, queue drained, FAST inventory */
	for (i = 0; i < self->nlibs; i++) {
		struct ns_lib *l = &run.libs[i];

		for (j = 0; j < (int)l->nr_drives; j++) {
			char path[64];
			int tfd;

			if (!l->drives[j].tape[0])
				continue;
			snprintf(path, sizeof(path), "/dev/%s",
				 l->drives[j].tape);
			tfd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			ASSERT_LE(0, tfd) TH_LOG("%s: %s", path,
						 strerror(errno));
			ns_unlock(tfd);
			close(tfd);
		}

		ASSERT_EQ(0, ns_knob(l->sim, "fail", "clear"));
		ASSERT_EQ(0, ns_knob(l->sim, "latency_ms", "0"));
		ASSERT_EQ(0, ns_knob(l->sim, "state", "ready"));
		nq_set_enabled(fd, &l->lib, NTMS_TYPE_LIBRARY, 1, NULL);
		for (j = 0; j < (int)l->nr_drives; j++)
			nq_set_enabled(fd, &l->drives[j].id, NTMS_TYPE_DRIVE,
				       1, NULL);
		for (j = 0; j < (int)l->nr_media; j++)
			nq_set_enabled(fd, &l->media[j], NTMS_TYPE_PHYSICAL_MEDIA,
				       1, NULL);
	}
	for (i = 0; i < self->nlibs; i++)
		EXPECT_EQ(0, ns_drain(fd, &run.libs[i], why, sizeof(why)))
			TH_LOG("%s (seed %llu)", why,
			       (unsigned long long)run.seed);
	if (run.door)
		EXPECT_EQ(0, tu_write_file(NS_DOOR_TIMEOUT, door_timeout));
	if (run.clean)
		EXPECT_EQ(0, tu_write_file(NS_CLEAN_TIMEOUT, clean_timeout));
	/* an operator request still waiting can be cancelled, and then is */
	for (i = 0; i < NS_RING && i < (int)run.opreqs_n; i++) {
		struct ntms_opreq_wait ow = { .id = run.opreqs[i] };
		struct ntms_opreq_act oa = { .id = run.opreqs[i] };

		if (!ioctl(fd, NTMS_IOC_OPREQ_WAIT, &ow) || errno != ETIMEDOUT)
			continue;
		EXPECT_EQ(0, ioctl(fd, NTMS_IOC_OPREQ_CANCEL, &oa));
		EXPECT_EQ(-1, ioctl(fd, NTMS_IOC_OPREQ_WAIT, &ow));
		EXPECT_EQ(ECANCELED, errno);
		EXPECT_EQ(NTMS_OPREQ_STATE_REFUSED, ow.state);
	}
	for (i = 0; i < self->nlibs; i++) {
		EXPECT_EQ(NTMS_REQ_PASSED,
			  ns_inventory_wait(fd, &run.libs[i],
					    NTMS_INVENTORY_FAST, &err))
			TH_LOG("library %d: FAST inventory error %u",
			       run.libs[i].sim, err);
		ASSERT_EQ(0, nq_info(fd, &run.libs[i].lib, NTMS_TYPE_LIBRARY,
				     &oi));
		EXPECT_EQ(0, oi.u.library.num_requests)
			TH_LOG("library %d: requests left", run.libs[i].sim);
		EXPECT_EQ(0, oi.u.library.flags & NTMS_LIBRARY_F_DAMAGED);
	}

	/* the three views */
	nsim = ndrv = nmtx = 0;
	for (i = 0; i < self->nlibs; i++) {
		ASSERT_EQ(0, ns_sim_view(&run.libs[i], i, sim, &nsim, 512));
		ASSERT_EQ(0, ns_drv_view(fd, &run.libs[i], i, drv, &ndrv, 512));
		ASSERT_EQ(0, ns_mtx_view(&run.libs[i], i, mtx, &nmtx, 512));
	}
	EXPECT_EQ(0, ns_check_barcodes(sim, nsim, why, sizeof(why)))
		TH_LOG("%s (seed %llu)", why, (unsigned long long)run.seed);
	EXPECT_EQ(0, ns_views_equal(drv, ndrv, "ntms", sim, nsim, "smcsim",
				    why, sizeof(why)))
		TH_LOG("%s (seed %llu)", why, (unsigned long long)run.seed);
	EXPECT_EQ(0, ns_views_equal(mtx, nmtx, "mtx", sim, nsim, "smcsim",
				    why, sizeof(why)))
		TH_LOG("%s (seed %llu)", why, (unsigned long long)run.seed);
	printf("# afterwards: %d cartridges in the libraries (ntms %d, mtx %d), %d outside; the operator took out %d, put back %d, moved %d by hand inside; a raw mtx user moved %d behind the driver's back\n",
	       nsim, ndrv, nmtx, run.nr_outside, run.removed, run.inserted,
	       run.hands, run.silent);

	/* the driver's cartridges say where they are, consistently */
	for (i = 0; i < self->nlibs; i++) {
		struct ns_lib *l = &run.libs[i];
		struct ntms_guid list[NS_MAX_EL];
		int n = nq_enum(fd, NTMS_TYPE_PHYSICAL_MEDIA, &l->lib, list,
				NS_MAX_EL);

		ASSERT_LE(0, n);
		for (j = 0; j < n; j++) {
			const struct ns_el *el = NULL;
			int k, found = 0;

			ASSERT_EQ(0, nq_info(fd, &list[j],
					     NTMS_TYPE_PHYSICAL_MEDIA, &oi));
			for (k = 0; k < nsim; k++)
				if (sim[k].lib == i &&
				    !strcmp(sim[k].bc, oi.u.media.barcode)) {
					found = 1;
					el = sim[k].kind == 'd' ?
					     &l->drives[sim[k].idx] :
					     sim[k].kind == 's' ?
					     &l->slots[sim[k].idx] :
					     &l->ports[sim[k].idx];
				}
			EXPECT_EQ(found,
				  !(oi.u.media.flags & NTMS_MEDIA_F_OFFLINE))
				TH_LOG("%s: offline flag %u, in the library %d",
				       oi.u.media.barcode, oi.u.media.flags,
				       found);
			if (!el)
				continue;
			/* where it is, and not mounted outside a drive */
			EXPECT_EQ(el->type, oi.u.media.location_type)
				TH_LOG("%s", oi.u.media.barcode);
			EXPECT_EQ(el->addr, oi.u.media.location_address)
				TH_LOG("%s", oi.u.media.barcode);
			if (el->type != NTMS_TYPE_DRIVE)
				EXPECT_TRUE(oi.u.media.state !=
					    NTMS_MEDIA_STATE_MOUNTED &&
					    oi.u.media.state !=
					    NTMS_MEDIA_STATE_LOADED)
					TH_LOG("%s: state %u outside a drive",
					       oi.u.media.barcode,
					       oi.u.media.state);
		}
		/* an empty drive is not mounted */
		for (j = 0; j < (int)l->nr_drives; j++) {
			ASSERT_EQ(0, nq_info(fd, &l->drives[j].id,
					     NTMS_TYPE_DRIVE, &oi));
			if (nq_guid_zero(&oi.u.drive.media))
				EXPECT_TRUE(oi.u.drive.state !=
					    NTMS_DRIVE_STATE_MOUNTED &&
					    oi.u.drive.state !=
					    NTMS_DRIVE_STATE_LOADED &&
					    oi.u.drive.state !=
					    NTMS_DRIVE_STATE_DISMOUNTABLE)
					TH_LOG("library %d drive %d: empty, state %u",
					       l->sim, j, oi.u.drive.state);
		}
	}

	/* and the library still works: a dismount of every full drive */
	for (i = 0; i < self->nlibs; i++) {
		struct ns_lib *l = &run.libs[i];
		struct ntms_request_wait wt;

		for (j = 0; j < (int)l->nr_drives; j++) {
			if (nq_dismount(fd, &l->drives[j].id, &req))
				continue;
			ASSERT_EQ(0, nq_wait(fd, &req, 60000, &wt));
			EXPECT_EQ(NTMS_REQ_PASSED, wt.state)
				TH_LOG("final dismount: error %u", wt.error);
		}
	}
}

TEST_HARNESS_MAIN
