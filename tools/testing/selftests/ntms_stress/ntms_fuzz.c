// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_fuzz: adversarial ioctls. Several threads, each with sessions of
 * its own and one shared with the others, send /dev/ntms random and
 * corrupted arguments: every ioctl number of the ABI and mangled ones
 * (other sizes, directions, numbers), arguments built from real GUIDs
 * (libraries, drives, slots, ports, cartridges, requests), flipped bits,
 * random counts and flags, and pointers that are NULL, unmapped,
 * read-only, misaligned or real; reads of every size and polls; sessions
 * closed and reopened. Meanwhile a chaos thread deletes the changers
 * (sysfs "delete") and brings them back (host scan), and, on the debug
 * kernel, the workers' slab allocations fail now and then (failslab).
 *
 * Every result must be 0 or an errno of the uapi table (ENOTTY for a
 * number the driver does not know). Afterwards the libraries must be back,
 * every request ended, and every cartridge in exactly one place, the
 * driver agreeing with smcsim. The kernel must say nothing (the VM
 * runner checks its log: KASAN, lockdep, kmemleak, warnings).
 *
 * Environment: NTMS_FUZZ_SECONDS (default 30), NTMS_FUZZ_SEED (printed;
 * each thread's choices depend only on it), NTMS_FUZZ_THREADS (default
 * 4). Runs as root in the VM against smcsim with two libraries.
 */
#include <poll.h>
#include <pthread.h>
#include <sys/mman.h>

#include "ns_util.h"
#include "kselftest_harness.h"

#define NF_MAX_THREADS	8
#define NF_POOL		1024
#define NF_BUF		2048
/* room for whatever a list the kernel writes may hold */
#define NF_ARR		2048

/* the errnos an ioctl may give, whatever its arguments */
static const int nf_ok[] = {
	0, EINVAL, EFAULT, ENOENT, ENODEV, EACCES, ESHUTDOWN, ENOMEDIUM,
	EBUSY, EALREADY, EUCLEAN, ENOSPC, ENOMEM, EOVERFLOW, EXDEV, ENXIO,
	EHOSTDOWN, ETIMEDOUT, ECANCELED, ESRCH, EOPNOTSUPP, EIO, EPERM, EAGAIN,
	EROFS, EXFULL, ENODATA, EADDRNOTAVAIL, ENOTCONN, ENOTTY, EEXIST,
};

static const unsigned int nf_cmds[] = {
	NTMS_IOC_GET_VERSION, NTMS_IOC_SET_APPLICATION, NTMS_IOC_ENUMERATE,
	NTMS_IOC_GET_INFO, NTMS_IOC_SET_EVENT_MASK, NTMS_IOC_DISMOUNT_DRIVE,
	NTMS_IOC_MOUNT, NTMS_IOC_DISMOUNT_MEDIA, NTMS_IOC_REQUEST_WAIT,
	NTMS_IOC_REQUEST_CANCEL, NTMS_IOC_SET_ENABLED, NTMS_IOC_INVENTORY,
	NTMS_IOC_INJECT, NTMS_IOC_EJECT, NTMS_IOC_REQUEST_DRIVES, NTMS_IOC_MOVE,
};

static struct {
	int nlibs;
	struct ns_lib libs[NS_MAX_LIBS];
	int shared;			/* a session every worker uses */
	uint64_t seed;
	volatile int stop;
	int failslab;			/* the debug kernel's failslab is there */
	unsigned char *ro;		/* a read-only page */
	pthread_mutex_t lock;		/* everything below */
	struct ntms_guid pool[NF_POOL];	/* GUIDs worth sending */
	unsigned int npool;
	unsigned long calls, errs[64];
	int failures;
	char first_failure[256];
} nf;

static int nf_bit(int e)
{
	unsigned int i;

	for (i = 0; i < sizeof(nf_ok) / sizeof(nf_ok[0]); i++)
		if (nf_ok[i] == e)
			return i;
	return 63;
}

static void nf_result(const char *what, unsigned int cmd, int err)
{
	int b = nf_bit(err);

	pthread_mutex_lock(&nf.lock);
	nf.calls++;
	nf.errs[b]++;
	if (b == 63 && !nf.failures++)
		snprintf(nf.first_failure, sizeof(nf.first_failure),
			 "%s %#x: %s", what, cmd, strerror(err));
	pthread_mutex_unlock(&nf.lock);
}

static void nf_pool_add(const struct ntms_guid *g)
{
	pthread_mutex_lock(&nf.lock);
	nf.pool[nf.npool++ % NF_POOL] = *g;
	pthread_mutex_unlock(&nf.lock);
}

static void nf_pool_get(uint64_t *rs, struct ntms_guid *g)
{
	pthread_mutex_lock(&nf.lock);
	if (nf.npool)
		*g = nf.pool[ns_below(rs, nf.npool < NF_POOL ? nf.npool :
				      NF_POOL)];
	pthread_mutex_unlock(&nf.lock);
}

/* a GUID: real, real with a flipped bit, zero or random */
static void nf_guid(uint64_t *rs, struct ntms_guid *g)
{
	unsigned int i;

	memset(g, 0, sizeof(*g));
	switch (ns_below(rs, 8)) {
	case 0:
		break;
	case 1:
		for (i = 0; i < sizeof(*g); i++)
			g->b[i] = ns_rand(rs);
		break;
	case 2:
		nf_pool_get(rs, g);
		g->b[ns_below(rs, 16)] ^= 1 << ns_below(rs, 8);
		break;
	default:
		nf_pool_get(rs, g);
		break;
	}
}

/* a user pointer: to @real, or NULL, unmapped, read-only, misaligned */
static uint64_t nf_ptr(uint64_t *rs, void *real)
{
	switch (ns_below(rs, 10)) {
	case 0:
		return 0;
	case 1:
		return 0x1000;				/* not mapped */
	case 2:
		return (uintptr_t)nf.ro;		/* read-only */
	case 3:
		return (uintptr_t)real + 1;		/* misaligned */
	case 4:
		return 0xffff888000000000ULL;		/* the kernel's */
	default:
		return (uintptr_t)real;
	}
}

/*
 * An argument: GUIDs where the structs keep them (offsets 0, 16, 32),
 * small numbers, flags, pointers to @arr (GUIDs), all corrupted now and
 * then.
 */
static void nf_fill(uint64_t *rs, unsigned char *buf, size_t size,
		    struct ntms_guid *arr, unsigned int narr)
{
	unsigned int i, off;
	uint64_t p;
	uint32_t v;

	memset(buf, 0, size);
	for (i = 0; i < narr; i++)
		nf_guid(rs, &arr[i]);
	for (off = 0; off + 16 <= size && off < 48; off += 16)
		if (ns_below(rs, 3))
			nf_guid(rs, (struct ntms_guid *)(buf + off));
	for (off = 0; off + 8 <= size; off += 8) {
		switch (ns_below(rs, 12)) {
		case 0:
			p = nf_ptr(rs, arr);
			memcpy(buf + off, &p, 8);
			break;
		case 1:
			v = ns_below(rs, 70);		/* counts, types */
			memcpy(buf + off + 4 * ns_below(rs, 2), &v, 4);
			break;
		case 2:
			v = 1U << ns_below(rs, 32);	/* flags */
			memcpy(buf + off + 4 * ns_below(rs, 2), &v, 4);
			break;
		case 3:
			v = ns_rand(rs);
			memcpy(buf + off + 4 * ns_below(rs, 2), &v, 4);
			break;
		}
	}
	if (!ns_below(rs, 4))
		buf[ns_below(rs, size)] ^= 1 << ns_below(rs, 8);
}

/* an ioctl number: one of the ABI, or one of them mangled */
static unsigned int nf_cmd(uint64_t *rs)
{
	unsigned int cmd = nf_cmds[ns_below(rs, sizeof(nf_cmds) /
					       sizeof(nf_cmds[0]))];

	switch (ns_below(rs, 10)) {
	case 0:		/* another size */
		return _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd), _IOC_NR(cmd),
			    ns_below(rs, NF_BUF));
	case 1:		/* another direction */
		return _IOC(ns_below(rs, 4), _IOC_TYPE(cmd), _IOC_NR(cmd),
			    _IOC_SIZE(cmd));
	case 2:		/* a number nobody defined */
		return _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd),
			    0x20 + ns_below(rs, 0xd0), _IOC_SIZE(cmd));
	default:
		return cmd;
	}
}

/* failslab on for this thread, for a while (debug kernel) */
static void nf_failslab(uint64_t *rs, int on)
{
	int fd = open("/proc/thread-self/make-it-fail", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, on && !ns_below(rs, 3) ? "1" : "0", 1) != 1)
		perror("make-it-fail");
	close(fd);
}

struct nf_worker {
	pthread_t thread;
	int tid;
	uint64_t rs;
};

static void *nf_worker_fn(void *arg)
{
	struct nf_worker *w = arg;
	static __thread unsigned char buf[NF_BUF] __attribute__((aligned(16)));
	static __thread struct ntms_guid arr[NF_ARR];
	struct ntms_request_wait *rw = (void *)buf;
	struct ntms_event ev[8];
	struct pollfd pfd;
	unsigned int cmd, i;
	int own = -1, fd;
	ssize_t n;

	while (!nf.stop) {
		if (own < 0 || !ns_below(&w->rs, 200)) {
			if (own >= 0)
				close(own);
			own = open(NS_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
			if (own < 0) {
				/* failslab may refuse the open itself */
				nf_result("open", 0, errno == ENOMEM ? 0 : errno);
				continue;
			}
		}
		fd = ns_below(&w->rs, 3) ? own : nf.shared;
		if (nf.failslab && !ns_below(&w->rs, 50))
			nf_failslab(&w->rs, 1);
		switch (ns_below(&w->rs, 12)) {
		case 0:
			n = read(fd, ev, ns_below(&w->rs, sizeof(ev) + 1));
			nf_result("read", 0, n < 0 && errno != EAGAIN ? errno : 0);
			break;
		case 1:
			pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
			nf_result("poll", 0, poll(&pfd, 1, 0) < 0 ? errno : 0);
			break;
		default:
			cmd = nf_cmd(&w->rs);
			nf_fill(&w->rs, buf, NF_BUF, arr, 8);
			/* a wait is a wait: never for long */
			if (_IOC_NR(cmd) == _IOC_NR(NTMS_IOC_REQUEST_WAIT))
				rw->timeout_ms = ns_below(&w->rs, 200);
			if (ioctl(fd, cmd, ns_below(&w->rs, 20) ?
				  (void *)buf : (void *)(uintptr_t)nf_ptr(&w->rs, buf))) {
				nf_result("ioctl", cmd, errno);
				break;
			}
			nf_result("ioctl", cmd, 0);
			/* requests made are worth sending again */
			for (i = 0; i + 16 <= _IOC_SIZE(cmd) && i < 96; i += 16)
				if (!nq_guid_zero((struct ntms_guid *)(buf + i)))
					nf_pool_add((struct ntms_guid *)(buf + i));
			break;
		}
		if (nf.failslab)
			nf_failslab(&w->rs, 0);
	}
	if (own >= 0)
		close(own);
	return NULL;
}

/* the libraries' changers go away and come back */
static void *nf_chaos_fn(void *arg)
{
	uint64_t *rs = arg;
	char path[256], host[32];
	int i;

	while (!nf.stop) {
		usleep(500000 + ns_below(rs, 1500000));
		if (nf.stop)
			break;
		i = ns_below(rs, nf.nlibs);
		snprintf(path, sizeof(path), "%s/delete", nf.libs[i].sysfs);
		if (tu_write_file(path, "1"))
			continue;
		usleep(ns_below(rs, 1000000));
		/* /sys/bus/scsi/devices/H:C:T:L: host H scans again */
		sscanf(strrchr(nf.libs[i].sysfs, '/') + 1, "%31[0-9]", host);
		snprintf(path, sizeof(path),
			 "/sys/class/scsi_host/host%s/scan", host);
		tu_write_file(path, "- - -");
	}
	return NULL;
}

/* every library READY again, with its changer's sysfs path refreshed */
static int nf_libraries_back(int fd)
{
	struct ns_lib l[NS_MAX_LIBS];
	char host[32], path[256];
	int i, n;

	/* a changer deleted at the very end: scan every host */
	for (i = 0; i < nf.nlibs; i++) {
		sscanf(strrchr(nf.libs[i].sysfs, '/') + 1, "%31[0-9]", host);
		snprintf(path, sizeof(path),
			 "/sys/class/scsi_host/host%s/scan", host);
		tu_write_file(path, "- - -");
	}
	n = ns_libs_find(fd, l, nf.nlibs, 60);
	if (n < nf.nlibs)
		return -1;
	memcpy(nf.libs, l, sizeof(l));
	return 0;
}

FIXTURE(fuzz) {
	int fd;
};

FIXTURE_SETUP(fuzz)
{
	unsigned int i, k;

	memset(&nf, 0, sizeof(nf));
	pthread_mutex_init(&nf.lock, NULL);
	self->fd = open(NS_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NS_DEV, strerror(errno));
	nf.nlibs = ns_libs_find(self->fd, nf.libs, 2, 60);
	ASSERT_LE(2, nf.nlibs);
	for (k = 0; k < (unsigned int)nf.nlibs; k++) {
		struct ns_lib *l = &nf.libs[k];

		nf_pool_add(&l->lib);
		for (i = 0; i < l->nr_drives; i++)
			nf_pool_add(&l->drives[i].id);
		for (i = 0; i < l->nr_slots; i += 4)
			nf_pool_add(&l->slots[i].id);
		for (i = 0; i < l->nr_ports; i++)
			nf_pool_add(&l->ports[i].id);
		for (i = 0; i < l->nr_media; i++)
			nf_pool_add(&l->media[i]);
	}
	nf.shared = open(NS_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, nf.shared);
	nf.ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, nf.ro);
}

FIXTURE_TEARDOWN(fuzz)
{
	close(nf.shared);
	close(self->fd);
}

TEST_F_TIMEOUT(fuzz, random_ioctls, 600)
{
	static struct ns_loc sim[512], drv[512];
	struct nf_worker w[NF_MAX_THREADS];
	int nthreads, secs, i, j, nsim = 0, ndrv = 0;
	struct ntms_object_info oi;
	pthread_t chaos;
	uint64_t chaos_rs;
	uint32_t err = 0;
	char why[512] = "";

	secs = ns_env("NTMS_FUZZ_SECONDS", 30);
	nthreads = ns_env("NTMS_FUZZ_THREADS", 4);
	if (nthreads < 1 || nthreads > NF_MAX_THREADS)
		nthreads = 4;
	nf.seed = getenv("NTMS_FUZZ_SEED") ?
		  strtoull(getenv("NTMS_FUZZ_SEED"), NULL, 0) :
		  (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	/* the debug kernel: the workers' allocations fail now and then */
	nf.failslab = !access(NQ_FAILSLAB, F_OK);
	if (nf.failslab) {
		ASSERT_EQ(0, tu_write_file(NQ_FAILSLAB "/verbose", "0"));
		ASSERT_EQ(0, tu_write_file(NQ_FAILSLAB "/task-filter", "Y"));
		ASSERT_EQ(0, tu_write_file(NQ_FAILSLAB "/ignore-gfp-wait", "N"));
		ASSERT_EQ(0, tu_write_file(NQ_FAILSLAB "/interval", "1"));
		ASSERT_EQ(0, tu_write_file(NQ_FAILSLAB "/times", "-1"));
		ASSERT_EQ(0, tu_write_file(NQ_FAILSLAB "/probability", "20"));
	}
	printf("# seed %llu (replay: NTMS_FUZZ_SEED=%llu), %d s, %d threads, failslab %s\n",
	       (unsigned long long)nf.seed, (unsigned long long)nf.seed, secs,
	       nthreads, nf.failslab ? "on" : "off");
	fflush(stdout);

	for (i = 0; i < nthreads; i++) {
		w[i].tid = i;
		w[i].rs = nf.seed + 7919ULL * (i + 1);
		ASSERT_EQ(0, pthread_create(&w[i].thread, NULL, nf_worker_fn,
					    &w[i]));
	}
	chaos_rs = nf.seed;
	ASSERT_EQ(0, pthread_create(&chaos, NULL, nf_chaos_fn, &chaos_rs));
	sleep(secs);
	nf.stop = 1;
	for (i = 0; i < nthreads; i++)
		pthread_join(w[i].thread, NULL);
	pthread_join(chaos, NULL);
	if (nf.failslab)
		tu_write_file(NQ_FAILSLAB "/probability", "0");

	printf("# %lu calls:", nf.calls);
	for (j = 0; j < 64; j++)
		if (nf.errs[j])
			printf(" %s %lu", j == 63 ? "other" : j == 0 ? "ok" :
			       strerrorname_np(nf_ok[j]), nf.errs[j]);
	printf("\n");
	EXPECT_EQ(0, nf.failures) TH_LOG("first: %s (seed %llu)",
					 nf.first_failure,
					 (unsigned long long)nf.seed);

	/* the libraries came back; whatever was queued ends */
	ASSERT_EQ(0, nf_libraries_back(self->fd));
	for (i = 0; i < nf.nlibs; i++) {
		struct ns_lib *l = &nf.libs[i];

		nq_set_enabled(self->fd, &l->lib, NTMS_TYPE_LIBRARY, 1, NULL);
		for (j = 0; j < (int)l->nr_drives; j++)
			nq_set_enabled(self->fd, &l->drives[j].id,
				       NTMS_TYPE_DRIVE, 1, NULL);
		for (j = 0; j < (int)l->nr_media; j++)
			nq_set_enabled(self->fd, &l->media[j],
				       NTMS_TYPE_PHYSICAL_MEDIA, 1, NULL);
		EXPECT_EQ(0, ns_drain(self->fd, l, why, sizeof(why)))
			TH_LOG("%s", why);
	}
	/* every cartridge in exactly one place, as smcsim has it */
	for (i = 0; i < nf.nlibs; i++) {
		EXPECT_EQ(NTMS_REQ_PASSED,
			  ns_inventory_wait(self->fd, &nf.libs[i],
					    NTMS_INVENTORY_FAST, &err))
			TH_LOG("library %d: FAST inventory error %u",
			       nf.libs[i].sim, err);
		ASSERT_EQ(0, nq_info(self->fd, &nf.libs[i].lib,
				     NTMS_TYPE_LIBRARY, &oi));
		EXPECT_EQ(0, oi.u.library.num_requests);
		ASSERT_EQ(0, ns_sim_view(&nf.libs[i], i, sim, &nsim, 512));
		ASSERT_EQ(0, ns_drv_view(self->fd, &nf.libs[i], i, drv, &ndrv,
					 512));
	}
	EXPECT_EQ(0, ns_views_equal(drv, ndrv, "ntms", sim, nsim, "smcsim",
				    why, sizeof(why)))
		TH_LOG("%s (seed %llu)", why, (unsigned long long)nf.seed);
}

TEST_HARNESS_MAIN
