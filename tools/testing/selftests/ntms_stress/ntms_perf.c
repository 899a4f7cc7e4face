// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_perf: the request-path benchmarks of "make bench", run as root in
 * the VM against smcsim with two libraries (tools/testing/bench sets the
 * robot time with smcsim's move_ms). Prints "BENCH <name> <value> <unit>"
 * lines; diagnostics start with '#'. Timing never fails a run; a
 * benchmark that cannot run exits non-zero.
 *
 *   ntms_perf getinfo   median round trip of NTMS_IOC_GET_INFO on a drive
 *   ntms_perf dismount  DismountNtmsDrive, ioctl to completion event, over
 *                       the same MOVE MEDIUM sent raw through SG_IO (median
 *                       of 7; the difference is the driver's fixed cost:
 *                       the ratio falls as the robot time grows)
 *   ntms_perf parallel  mounts per second on two libraries at once over
 *                       mounts per second on one
 *   ntms_perf cleaning  CleanNtmsDrive, ioctl to completion event, over
 *                       the raw moves (cleaner in, cleaner back as soon
 *                       as the library lets it go) and the drive's own
 *                       cleaning cycle between them (median of 5)
 *   ntms_perf all       all of them
 */
#include <poll.h>
#include <pthread.h>

#include "ns_util.h"

#define PERF_GETINFO_BATCHES	200
#define PERF_GETINFO_BATCH	100
#define PERF_DISMOUNTS		7
#define PERF_ROUNDS		3

static struct ns_lib libs[NS_MAX_LIBS];
static int nlibs;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int open_session(void)
{
	struct ntms_event_mask em;
	int fd = open(NS_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "# open %s: %s\n", NS_DEV, strerror(errno));
		exit(1);
	}
	/* only the completions of our own requests */
	memset(&em, 0, sizeof(em));
	if (ioctl(fd, NTMS_IOC_SET_EVENT_MASK, &em)) {
		fprintf(stderr, "# NTMS_IOC_SET_EVENT_MASK: %s\n",
			strerror(errno));
		exit(1);
	}
	return fd;
}

/* waits for @req to pass: 0, or -1 with a diagnostic */
static int passed(int fd, const struct ntms_guid *req, const char *what)
{
	struct ntms_request_wait w;
	int ret;

	ret = nq_wait(fd, req, 120000, &w);
	if (ret || w.state != NTMS_REQ_PASSED) {
		fprintf(stderr, "# %s: wait %d, state %u, error %u\n", what,
			ret, w.state, w.error);
		return -1;
	}
	return 0;
}

/* reads events until the completion of @req: its result, or -errno */
static int completion(int fd, const struct ntms_guid *req)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct ntms_event ev[8];
	ssize_t n;
	int i;

	for (;;) {
		if (poll(&pfd, 1, 120000) != 1)
			return -ETIMEDOUT;
		n = read(fd, ev, sizeof(ev));
		if (n < 0)
			return -errno;
		for (i = 0; i < n / (ssize_t)sizeof(ev[0]); i++)
			if (ev[i].operation == NTMS_EVENT_COMPLETE &&
			    !memcmp(&ev[i].object, req, sizeof(*req)))
				return ev[i].result;
	}
}

static int bench_getinfo(void)
{
	static uint64_t t[PERF_GETINFO_BATCHES];
	struct ntms_object_info oi;
	int fd = open_session(), i, j;
	uint64_t t0;

	for (i = 0; i < PERF_GETINFO_BATCHES; i++) {
		t0 = ns_now_ns();
		for (j = 0; j < PERF_GETINFO_BATCH; j++)
			if (nq_info(fd, &libs[0].drives[0].id, NTMS_TYPE_DRIVE,
				    &oi)) {
				fprintf(stderr, "# GET_INFO failed\n");
				return -1;
			}
		t[i] = (ns_now_ns() - t0) / PERF_GETINFO_BATCH;
	}
	close(fd);
	printf("BENCH ioctl_getinfo_ns %llu ns\n",
	       (unsigned long long)median(t, PERF_GETINFO_BATCHES));
	return 0;
}

/*
 * MOVE MEDIUM through the changer's sg device: 0, 1 refused because the
 * drive still holds the cartridge (53h/02h, @busy_ok), or -1
 */
static int raw_move_try(int sg, uint16_t mt, uint16_t src, uint16_t dst,
			int busy_ok)
{
	unsigned char cdb[12] = { 0xa5, 0, mt >> 8, mt, src >> 8, src,
				  dst >> 8, dst };
	struct tu_sense s;

	if (tu_sgio(sg, cdb, sizeof(cdb), NULL, 0, SG_DXFER_NONE, &s))
		return -1;
	if (!s.status)
		return 0;
	if (busy_ok && s.key == 0x5 && s.asc == 0x53 && s.ascq == 0x02)
		return 1;
	fprintf(stderr, "# raw MOVE MEDIUM %u -> %u: status %d, sense %x/%02x/%02x\n",
		src, dst, s.status, s.key, s.asc, s.ascq);
	return -1;
}

/*
 * The changer's sg device, its pending unit attention taken, for raw
 * moves behind the driver; @rescan gets the sysfs file that brings the
 * driver back in sync. The descriptor, or -1.
 */
static int open_changer(struct ns_lib *l, char *rescan, size_t len)
{
	struct tu_sense s;
	int sg = open(l->sg, O_RDWR);

	if (sg < 0 || tu_clear_ua(sg, &s)) {
		fprintf(stderr, "# %s: %s\n", l->sg, strerror(errno));
		if (sg >= 0)
			close(sg);
		return -1;
	}
	snprintf(rescan, len, "%s/ntms_rescan", l->sysfs);
	return sg;
}

/* MOVE MEDIUM through the changer's sg device: 0 or -1 */
static int raw_move(int sg, uint16_t mt, uint16_t src, uint16_t dst)
{
	return raw_move_try(sg, mt, src, dst, 0);
}

static int bench_dismount(void)
{
	uint64_t t_ntms[PERF_DISMOUNTS], t_raw[PERF_DISMOUNTS], t0;
	struct ns_lib *l = &libs[0];
	struct ntms_object_info oi;
	struct ntms_guid m, d, req;
	uint16_t mt, slot;
	int fd = open_session(), sg, i, ret;
	char path[200];

	if (nq_info(fd, &l->lib, NTMS_TYPE_LIBRARY, &oi))
		return -1;
	mt = oi.u.library.first_changer;
	m = l->media[0];
	d = l->drives[0].id;
	if (nq_info(fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi) ||
	    oi.u.media.location_type != NTMS_TYPE_STORAGESLOT) {
		fprintf(stderr, "# the first cartridge is not in a slot\n");
		return -1;
	}
	slot = oi.u.media.location_address;
	sg = open_changer(l, path, sizeof(path));
	if (sg < 0)
		return -1;
	for (i = 0; i < PERF_DISMOUNTS; i++) {
		/* ntms: mount (not timed), then DismountNtmsDrive */
		if (nq_mount(fd, &m, &d, 1, NTMS_MOUNT_F_SPECIFIC_DRIVE, 0,
			     &req) || passed(fd, &req, "mount"))
			return -1;
		/* the mount's completion event is read: only ours follow */
		if (completion(fd, &req) < 0)
			return -1;
		t0 = ns_now_ns();
		ret = nq_dismount(fd, &d, &req);
		if (!ret)
			ret = completion(fd, &req);
		t_ntms[i] = ns_now_ns() - t0;
		if (ret) {
			fprintf(stderr, "# dismount: %d\n", ret);
			return -1;
		}
		/* raw: the same move behind the driver, then back in sync */
		if (raw_move(sg, mt, slot, l->drives[0].addr))
			return -1;
		t0 = ns_now_ns();
		if (raw_move(sg, mt, l->drives[0].addr, slot))
			return -1;
		t_raw[i] = ns_now_ns() - t0;
		if (tu_write_file(path, "1"))
			return -1;
		fprintf(stderr, "# dismount %d: ntms %llu us, raw %llu us\n", i,
			(unsigned long long)t_ntms[i] / 1000,
			(unsigned long long)t_raw[i] / 1000);
	}
	close(sg);
	close(fd);
	printf("BENCH dismount_ntms_us %llu us\n",
	       (unsigned long long)median(t_ntms, PERF_DISMOUNTS) / 1000);
	printf("BENCH dismount_raw_us %llu us\n",
	       (unsigned long long)median(t_raw, PERF_DISMOUNTS) / 1000);
	printf("BENCH dismount_overhead_us %lld us\n",
	       ((long long)median(t_ntms, PERF_DISMOUNTS) -
		(long long)median(t_raw, PERF_DISMOUNTS)) / 1000);
	printf("BENCH dismount_overhead_ratio %.3f ratio\n",
	       (double)median(t_ntms, PERF_DISMOUNTS) /
	       median(t_raw, PERF_DISMOUNTS));
	return 0;
}

#define PERF_CLEANINGS		5
#define PERF_CLEAN_MS		"1000"

/*
 * CleanNtmsDrive against what a program alone on the robot would do: the
 * cleaner into the drive, then the move back tried every 10 ms until the
 * library lets it go (the drive's cleaning cycle). On library 1, whose
 * drive 0 is empty.
 */
static int bench_cleaning(void)
{
	uint64_t t_ntms[PERF_CLEANINGS], t_raw[PERF_CLEANINGS], t0;
	struct ns_lib *l = &libs[1];
	struct ntms_object_info oi;
	struct ntms_clean_drive cd;
	int fd = open_session(), sg, i, ret;
	uint32_t slot = 0;
	uint16_t mt;
	char path[200];

	if (nq_info(fd, &l->lib, NTMS_TYPE_LIBRARY, &oi))
		return -1;
	mt = oi.u.library.first_changer;
	ret = ns_cleaner_setup(fd, l, 1, PERF_CLEAN_MS, &slot);
	if (ret) {
		fprintf(stderr, "# a cleaner for library 1: %s\n",
			strerror(-ret));
		return -1;
	}
	sg = open_changer(l, path, sizeof(path));
	if (sg < 0)
		return -1;
	for (i = 0; i < PERF_CLEANINGS; i++) {
		memset(&cd, 0, sizeof(cd));
		cd.drive = l->drives[0].id;
		t0 = ns_now_ns();
		ret = ioctl(fd, NTMS_IOC_CLEAN_DRIVE, &cd) ? -errno : 0;
		if (!ret)
			ret = completion(fd, &cd.request);
		t_ntms[i] = ns_now_ns() - t0;
		if (ret) {
			fprintf(stderr, "# clean: %d\n", ret);
			return -1;
		}
		t0 = ns_now_ns();
		if (raw_move(sg, mt, slot, l->drives[0].addr))
			return -1;
		while ((ret = raw_move_try(sg, mt, l->drives[0].addr, slot,
					   1)) == 1)
			usleep(10000);
		t_raw[i] = ns_now_ns() - t0;
		if (ret || tu_write_file(path, "1"))
			return -1;
		fprintf(stderr, "# cleaning %d: ntms %llu ms, raw %llu ms\n", i,
			(unsigned long long)t_ntms[i] / 1000000,
			(unsigned long long)t_raw[i] / 1000000);
	}
	close(sg);
	close(fd);
	printf("BENCH cleaning_ntms_ms %llu ms\n",
	       (unsigned long long)median(t_ntms, PERF_CLEANINGS) / 1000000);
	printf("BENCH cleaning_raw_ms %llu ms\n",
	       (unsigned long long)median(t_raw, PERF_CLEANINGS) / 1000000);
	printf("BENCH cleaning_cycle_overhead_ratio %.3f ratio\n",
	       (double)median(t_ntms, PERF_CLEANINGS) /
	       median(t_raw, PERF_CLEANINGS));
	return 0;
}

struct rounds {
	pthread_t thread;
	struct ns_lib *l;
	int mounts;
	int ret;
};

/*
 * On one library, @PERF_ROUNDS times: one mount request per drive, all
 * queued at once, then one DismountNtmsMedia of them all.
 */
static void *lib_rounds(void *arg)
{
	struct rounds *r = arg;
	struct ns_lib *l = r->l;
	struct ntms_guid req[NS_MAX_EL], m[NS_MAX_EL];
	struct ntms_dismount_media dm;
	uint32_t n = l->nr_drives < l->nr_media ? l->nr_drives : l->nr_media;
	int fd = open_session(), i;
	uint32_t k;

	r->ret = -1;
	for (i = 0; i < PERF_ROUNDS; i++) {
		for (k = 0; k < n; k++) {
			m[k] = l->media[(i * n + k) % l->nr_media];
			if (nq_mount(fd, &m[k], NULL, 1, 0, 0, &req[k]))
				goto out;
		}
		for (k = 0; k < n; k++)
			if (passed(fd, &req[k], "mount"))
				goto out;
		r->mounts += n;
		memset(&dm, 0, sizeof(dm));
		dm.media = (uintptr_t)m;
		dm.count = n;
		dm.options = NTMS_DISMOUNT_F_IMMEDIATE;
		if (ioctl(fd, NTMS_IOC_DISMOUNT_MEDIA, &dm) ||
		    passed(fd, &dm.request, "dismount media"))
			goto out;
	}
	r->ret = 0;
out:
	close(fd);
	return NULL;
}

/* mounts per second on libraries 0..@n-1 at once */
static double mount_rate(int n)
{
	struct rounds r[NS_MAX_LIBS];
	uint64_t t0, t;
	int i, mounts = 0;

	memset(r, 0, sizeof(r));
	t0 = ns_now_ns();
	for (i = 0; i < n; i++) {
		r[i].l = &libs[i];
		if (pthread_create(&r[i].thread, NULL, lib_rounds, &r[i]))
			return -1;
	}
	for (i = 0; i < n; i++) {
		pthread_join(r[i].thread, NULL);
		if (r[i].ret)
			return -1;
		mounts += r[i].mounts;
	}
	t = ns_now_ns() - t0;
	fprintf(stderr, "# %d libraries: %d mounts in %llu ms\n", n, mounts,
		(unsigned long long)t / 1000000);
	return mounts * 1e9 / t;
}

static int bench_parallel(void)
{
	double one, two;

	one = mount_rate(1);
	two = mount_rate(2);
	if (one <= 0 || two <= 0)
		return -1;
	printf("BENCH mounts_per_s_one_library %.2f mounts/s\n", one);
	printf("BENCH mounts_per_s_two_libraries %.2f mounts/s\n", two);
	printf("BENCH mount_parallel_speedup %.2f ratio\n", two / one);
	return 0;
}

#define PERF_EVENT_SESSIONS	8

struct reader {
	pthread_t thread;
	int fd;
	volatile int *stop;
	unsigned long events;
	unsigned long lost;
};

/* reads a session's events until told to stop */
static void *event_reader(void *arg)
{
	struct reader *r = arg;
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	struct ntms_event ev[64];
	ssize_t n;
	int i;

	while (!*r->stop) {
		if (poll(&pfd, 1, 100) != 1)
			continue;
		n = read(r->fd, ev, sizeof(ev));
		for (i = 0; n > 0 && i < n / (ssize_t)sizeof(ev[0]); i++) {
			if (ev[i].operation == NTMS_EVENT_OVERFLOW)
				r->lost += ev[i].state;
			else
				r->events++;
		}
	}
	return NULL;
}

/*
 * Events delivered to 8 sessions that select every type, while two
 * libraries mount and dismount: what the driver fans out per second.
 */
static int bench_events(void)
{
	struct reader r[PERF_EVENT_SESSIONS];
	unsigned long events = 0, lost = 0;
	volatile int stop = 0;
	uint64_t t0, t;
	double rate;
	int i;

	for (i = 0; i < PERF_EVENT_SESSIONS; i++) {
		r[i].fd = nq_event_open();
		r[i].stop = &stop;
		r[i].events = r[i].lost = 0;
		if (r[i].fd < 0 ||
		    pthread_create(&r[i].thread, NULL, event_reader, &r[i]))
			return -1;
	}
	t0 = ns_now_ns();
	rate = mount_rate(2);
	t = ns_now_ns() - t0;
	stop = 1;
	for (i = 0; i < PERF_EVENT_SESSIONS; i++) {
		pthread_join(r[i].thread, NULL);
		close(r[i].fd);
		events += r[i].events;
		lost += r[i].lost;
	}
	if (rate <= 0 || !events)
		return -1;
	fprintf(stderr, "# %d sessions: %lu events in %llu ms, %lu lost\n",
		PERF_EVENT_SESSIONS, events, (unsigned long long)t / 1000000,
		lost);
	printf("BENCH events_per_s %.0f events/s\n", events * 1e9 / t);
	printf("BENCH events_lost %lu events\n", lost);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";
	int fd, ret = 0;

	fd = open_session();
	nlibs = ns_libs_find(fd, libs, 2, 60);
	close(fd);
	if (nlibs < 2) {
		fprintf(stderr, "# two online libraries needed (%d)\n", nlibs);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(what, "getinfo") || !strcmp(what, "all"))
		ret |= bench_getinfo();
	if (!strcmp(what, "dismount") || !strcmp(what, "all"))
		ret |= bench_dismount();
	if (!strcmp(what, "parallel") || !strcmp(what, "all"))
		ret |= bench_parallel();
	if (!strcmp(what, "events") || !strcmp(what, "all"))
		ret |= bench_events();
	if (!strcmp(what, "cleaning") || !strcmp(what, "all"))
		ret |= bench_cleaning();
	return ret ? 1 : 0;
}
