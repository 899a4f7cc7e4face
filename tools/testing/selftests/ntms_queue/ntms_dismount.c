// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_dismount: NTMS_IOC_DISMOUNT_DRIVE, every documented result, with
 * the request queue (wait, cancel, request objects) and the move checks.
 * Runs as root in the VM against smcsim with at least two drives and
 * some cartridges; after each test, the driver's view must equal
 * `mtx status` and every barcode must be in exactly one place.
 */
#include <poll.h>
#include <sys/mtio.h>
#include <sys/stat.h>

#include "nq_util.h"
#include "kselftest_harness.h"

#define NQ_SA_FAIL	"/sys/kernel/debug/smcsim/standalone/fail"


FIXTURE(dm) {
	int fd;
	struct nq_lib l;
};

FIXTURE_SETUP(dm)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_DISMOUNT))
		SKIP(return, "the driver has no NTMS_IOC_DISMOUNT_DRIVE");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
}

FIXTURE_TEARDOWN(dm)
{
	char why[256] = "";

	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

TEST_F(dm, bad_arguments)
{
	struct ntms_dismount_drive d;
	int fd;

	memset(&d, 0, sizeof(d));
	d.drive = self->l.drives[0];
	d.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DISMOUNT_DRIVE, &d));
	EXPECT_EQ(EINVAL, errno);
	d.flags = 0;
	d.padding[2] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DISMOUNT_DRIVE, &d));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DISMOUNT_DRIVE, NULL));
	EXPECT_EQ(EFAULT, errno);
	/* not a session: another file gives ENOTTY, a closed one EBADF */
	fd = open("/dev/null", O_RDWR);
	ASSERT_LE(0, fd);
	d.padding[2] = 0;
	EXPECT_EQ(-1, ioctl(fd, NTMS_IOC_DISMOUNT_DRIVE, &d));
	EXPECT_EQ(ENOTTY, errno);
	close(fd);
	EXPECT_EQ(-1, ioctl(fd, NTMS_IOC_DISMOUNT_DRIVE, &d));
	EXPECT_EQ(EBADF, errno);
}

TEST_F(dm, not_a_drive)
{
	struct ntms_guid g;

	memset(&g, 0x5a, sizeof(g));
	EXPECT_EQ(-ENOENT, nq_dismount(self->fd, &g, NULL));
	EXPECT_EQ(-ENOENT, nq_dismount(self->fd, &self->l.lib, NULL));
	EXPECT_EQ(-ENOENT, nq_dismount(self->fd, &self->l.slots[0], NULL));
}

TEST_F(dm, empty_drive)
{
	EXPECT_EQ(-ENOMEDIUM, nq_dismount(self->fd, &self->l.drives[0], NULL));
}

/* the cartridge goes back to its source slot; the request tells all */
TEST_F(dm, home_to_source)
{
	struct ntms_object_info oi;
	struct ntms_guid req, list[NQ_MAX];
	uint32_t err;
	char bc[64];
	int n, i, found = 0, src;

	src = nq_full_slot(self->fd, &self->l, 0);
	ASSERT_LT(0, src);
	ASSERT_EQ(0, nq_load(&self->l, src, 1));
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.drives[1],
				     NTMS_TYPE_DRIVE, bc, sizeof(bc)));
	ASSERT_STRNE("", bc);
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &req));
	ASSERT_FALSE(nq_guid_zero(&req));
	/* a request object, listed in its library */
	n = nq_enum(self->fd, NTMS_TYPE_LIBREQUEST, &self->l.lib, list,
		    NQ_MAX);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++)
		found |= !memcmp(&list[i], &req, sizeof(req));
	EXPECT_TRUE(found);
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(0, err);
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(NTMS_REQ_OP_DISMOUNT, oi.u.request.operation);
	EXPECT_EQ(NTMS_REQ_PASSED, oi.u.request.state);
	EXPECT_EQ(0, memcmp(&oi.u.request.drive, &self->l.drives[1], 16));
	EXPECT_EQ(0, memcmp(&oi.u.request.slot, &self->l.slots[src - 1], 16));
	EXPECT_NE(0, oi.u.request.completed_ns);
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.slots[src - 1],
				     NTMS_TYPE_STORAGESLOT, bc, sizeof(bc)));
	EXPECT_STRNE("", bc);
	EXPECT_EQ(-ENOMEDIUM, nq_dismount(self->fd, &self->l.drives[1], NULL));
}

/* source slot taken behind the driver's back: the first empty slot */
TEST_F(dm, source_taken)
{
	struct ntms_object_info oi;
	struct ntms_guid req;
	char out[512];
	uint32_t err, i, first = 0;
	char args[64];
	int src, other;

	src = nq_full_slot(self->fd, &self->l, 0);
	other = nq_full_slot(self->fd, &self->l, 1);
	ASSERT_LT(0, src);
	ASSERT_LT(0, other);
	ASSERT_EQ(0, nq_load(&self->l, src, 0));
	/* fill the source slot again, without telling ntms */
	snprintf(args, sizeof(args), "transfer %d %d", other, src);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	/* the model says slot 1 is empty; the device says it is full */
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	/* not the source, which was checked and found full */
	for (i = 0; i < self->l.nr_slots; i++)
		if (!memcmp(&oi.u.request.slot, &self->l.slots[i], 16))
			first = i + 1;
	EXPECT_NE(0, first);
	EXPECT_NE(src, first);
}

/* the drive was emptied behind the driver's back: FAILED, model fixed */
TEST_F(dm, stale_drive)
{
	struct ntms_guid req;
	char out[512];
	uint32_t err;
	char args[64];
	int src;

	src = nq_full_slot(self->fd, &self->l, 0);
	ASSERT_LT(0, src);
	ASSERT_EQ(0, nq_load(&self->l, src, 0));
	snprintf(args, sizeof(args), "unload %d 0", src);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ENOMEDIUM, err);
	/* re-read: the driver knows now */
	EXPECT_EQ(-ENOMEDIUM, nq_dismount(self->fd, &self->l.drives[0], NULL));
}

/*
 * A process holds /dev/nstN open with medium removal prevented: with st's
 * auto-lock option (at the first write, until close), or with MTLOCK.
 */
TEST_F(dm, opened)
{
	struct mtop lock = { .mt_op = MTLOCK, .mt_count = 1 };
	struct mtop unlock = { .mt_op = MTUNLOCK, .mt_count = 1 };
	struct mtop al = { .mt_op = MTSETDRVBUFFER };
	char path[64], buf[512];
	struct ntms_guid req;
	uint32_t err;
	int tfd;

	if (!self->l.tape[0][0])
		SKIP(return, "drive 0 has no tape device");
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	snprintf(path, sizeof(path), "/dev/%s", self->l.tape[0]);
	tfd = open(path, O_RDWR);
	ASSERT_LE(0, tfd) TH_LOG("open %s: %s", path, strerror(errno));
	/* open alone prevents nothing: the cartridge is not in use */
	al.mt_count = MT_ST_SETBOOLEANS | MT_ST_AUTO_LOCK;
	ASSERT_EQ(0, ioctl(tfd, MTIOCTOP, &al)) TH_LOG("%s", strerror(errno));
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(sizeof(buf), write(tfd, buf, sizeof(buf)));
	EXPECT_EQ(-EBUSY, nq_dismount(self->fd, &self->l.drives[0], NULL));
	close(tfd);
	/* closed: st allowed removal again */
	tfd = open(path, O_RDWR);
	ASSERT_LE(0, tfd);
	al.mt_count = MT_ST_CLEARBOOLEANS | MT_ST_AUTO_LOCK;
	EXPECT_EQ(0, ioctl(tfd, MTIOCTOP, &al));
	ASSERT_EQ(0, ioctl(tfd, MTIOCTOP, &lock));
	EXPECT_EQ(-EBUSY, nq_dismount(self->fd, &self->l.drives[0], NULL));
	ASSERT_EQ(0, ioctl(tfd, MTIOCTOP, &unlock));
	close(tfd);
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
}

/* the library refuses the move (53h/02h): FAILED with EBUSY, model kept */
TEST_F(dm, library_refuses)
{
	struct ntms_guid req;
	char bc[64];
	uint32_t err;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 1));
	ASSERT_EQ(0, nq_knob("fail", "0xa5 1 0x5 0x53 0x02"));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EBUSY, err);
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.drives[1],
				     NTMS_TYPE_DRIVE, bc, sizeof(bc)));
	EXPECT_STRNE("", bc);
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* another failure of the move: FAILED with EIO, re-read */
TEST_F(dm, move_fails)
{
	struct ntms_guid req;
	uint32_t err;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_knob("fail", "0xa5 1 0x4 0x40 0x00"));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EIO, err);
}

/* the last element read failed: EUCLEAN until a good read */
TEST_F(dm, database_failure)
{
	struct ntms_object_info oi;
	struct ntms_guid req;
	uint32_t err;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_knob("fail", "0xb8 1 0x4 0x44 0x00"));
	EXPECT_NE(0, nq_rescan(&self->l));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_TRUE(oi.u.library.flags & NTMS_LIBRARY_F_DAMAGED);
	EXPECT_EQ(-EUCLEAN, nq_dismount(self->fd, &self->l.drives[0], NULL));
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* wait with a timeout, cancel a queued request, not a running one */
TEST_F(dm, wait_and_cancel)
{
	struct ntms_request_wait w;
	struct ntms_guid r0, r1;
	uint32_t err;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 1));
	ASSERT_EQ(0, nq_knob("latency_ms", "1500"));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &r0));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &r1));
	EXPECT_EQ(-ETIMEDOUT, nq_wait(self->fd, &r1, 100, &w));
	EXPECT_TRUE(w.state == NTMS_REQ_QUEUED ||
		    w.state == NTMS_REQ_INPROCESS);
	/* r1 waits behind r0 (one robot) */
	EXPECT_EQ(0, nq_cancel(self->fd, &r1));
	EXPECT_EQ(NTMS_REQ_CANCELLED, nq_ended(self->fd, &r1, &err));
	EXPECT_EQ(ECANCELED, err);
	EXPECT_EQ(-ESRCH, nq_cancel(self->fd, &r1));
	EXPECT_EQ(-ESRCH, nq_cancel(self->fd, &r0));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r0, &err));
	EXPECT_EQ(-ESRCH, nq_cancel(self->fd, &r0));
	nq_knob("latency_ms", "0");
	/* the cancelled dismount left the cartridge in drive 1 */
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &r1));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r1, &err));
	EXPECT_EQ(-ENOENT, nq_cancel(self->fd, &self->l.lib));
}

/* higher priority first is not reachable by dismount (priority 0);
 * a session that closes keeps its dismounts going
 */
TEST_F(dm, close_keeps_dismount)
{
	struct ntms_guid req;
	uint32_t err;
	int fd2;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	fd2 = open(NQ_DEV, O_RDWR);
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, nq_knob("latency_ms", "500"));
	ASSERT_EQ(0, nq_dismount(fd2, &self->l.drives[0], &req));
	close(fd2);
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

static int user_dismount(struct nq_lib *l)
{
	struct ntms_object_info oi;
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 110 + (errno & 15);
	/* enumeration and information work for everybody */
	if (nq_info(fd, &l->lib, NTMS_TYPE_LIBRARY, &oi))
		return 102;
	ret = nq_dismount(fd, &l->drives[0], NULL);
	close(fd);
	if (ret == -EACCES)
		return oi.u.library.access == NTMS_ACCESS_USE ? 1 : 103;
	if (ret == 0)
		return oi.u.library.access & NTMS_ACCESS_MODIFY ? 0 : 104;
	return 105;
}

TEST_F(dm, access)
{
	char path[200], gid[32];
	struct ntms_request_wait w;
	struct ntms_guid list[NQ_MAX];
	int n;

	ASSERT_EQ(0, nq_open_to_users());
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	EXPECT_EQ(1, nq_as_user(user_dismount, &self->l));
	snprintf(path, sizeof(path), "%s/ntms_modify_gid", self->l.sysfs);
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, tu_write_file(path, gid));
	EXPECT_EQ(0, nq_as_user(user_dismount, &self->l));
	ASSERT_EQ(0, tu_write_file(path, "-1"));
	/* wait for what the child queued */
	n = nq_enum(self->fd, NTMS_TYPE_LIBREQUEST, &self->l.lib, list,
		    NQ_MAX);
	while (n-- > 0)
		nq_wait(self->fd, &list[n], 30000, &w);
}

/* failslab on the request path: ENOMEM, nothing queued (debug kernel) */
TEST_F(dm, no_memory)
{
	struct ntms_guid req;
	uint32_t err;
	int ret, mf;

	if (access(NQ_FAILSLAB, F_OK))
		SKIP(return, "no failslab (not the debug kernel)");
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	mf = nq_failslab_begin();
	ASSERT_LE(0, mf);
	ret = nq_dismount(self->fd, &self->l.drives[0], &req);
	nq_failslab_end(mf);
	EXPECT_EQ(-ENOMEM, ret);
	/* nothing half-done: the cartridge is still there and can go home */
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* a disabled drive or library: ESHUTDOWN; disabling a drive sends its
 * cartridge home
 */
TEST_F(dm, disabled)
{
	struct ntms_guid req;
	uint32_t err;
	char bc[64];

	if (!(nq_features(self->fd) & NTMS_FEATURE_ENABLE))
		SKIP(return, "no NTMS_IOC_SET_ENABLED");
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    0, &req));
	EXPECT_TRUE(nq_guid_zero(&req));
	EXPECT_EQ(-EALREADY, nq_set_enabled(self->fd, &self->l.lib,
					 NTMS_TYPE_LIBRARY, 0, NULL));
	EXPECT_EQ(-ESHUTDOWN, nq_dismount(self->fd, &self->l.drives[0], NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    1, NULL));
	EXPECT_EQ(-EINVAL, nq_set_enabled(self->fd, &self->l.lib,
				       NTMS_TYPE_DRIVE, 0, NULL));
	/* disabling the loaded drive queues the return of its cartridge */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.drives[0],
				    NTMS_TYPE_DRIVE, 0, &req));
	ASSERT_FALSE(nq_guid_zero(&req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.drives[0],
				     NTMS_TYPE_DRIVE, bc, sizeof(bc)));
	EXPECT_STREQ("", bc);
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	EXPECT_EQ(-ESHUTDOWN, nq_dismount(self->fd, &self->l.drives[0], NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.drives[0],
				    NTMS_TYPE_DRIVE, 1, NULL));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* the changer goes away: ENODEV, queued requests end with ENODEV */
TEST_F(dm, library_gone)
{
	struct ntms_guid r0, r1;
	char path[200], host[64], *p;
	uint32_t err;
	int st0;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 1));
	ASSERT_EQ(0, nq_knob("latency_ms", "1000"));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &r0));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &r1));
	usleep(200000);
	snprintf(path, sizeof(path), "%s/delete", self->l.sysfs);
	ASSERT_EQ(0, tu_write_file(path, "1"));
	EXPECT_EQ(-ENODEV, nq_dismount(self->fd, &self->l.drives[0], NULL));
	st0 = nq_ended(self->fd, &r0, &err);
	EXPECT_TRUE(st0 == NTMS_REQ_PASSED || st0 == NTMS_REQ_FAILED);
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &r1, &err));
	EXPECT_EQ(ENODEV, err);
	nq_knob("latency_ms", "0");
	/* bring it back: the host is the first field of H:C:T:L */
	p = strrchr(self->l.sysfs, '/') + 1;
	snprintf(host, sizeof(host), "/sys/class/scsi_host/host%d/scan",
		 atoi(p));
	ASSERT_EQ(0, tu_write_file(host, "- - -"));
	ASSERT_EQ(0, nq_lib_find(self->fd, &self->l, 60));
	ASSERT_EQ(0, nq_unload_all(&self->l));
}

/* a request table of one entry: ENOSPC while it is pending */
TEST_F(dm, table_full)
{
	char cmd[512], out[1024];
	const char *top = getenv("NTMS_TOP"), *k = getenv("NTMS_KERNEL");
	struct ntms_guid r0, r1;
	uint32_t err;

	if (!top || !k)
		SKIP(return, "not in the VM runner");
	close(self->fd);
	snprintf(cmd, sizeof(cmd),
		 "rmmod ntms && insmod %s/build/%s/ntms.ko max_requests=1",
		 top, k);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	self->fd = open(NQ_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, nq_lib_find(self->fd, &self->l, 60));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 1));
	ASSERT_EQ(0, nq_knob("latency_ms", "1000"));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &r0));
	EXPECT_EQ(-ENOSPC, nq_dismount(self->fd, &self->l.drives[1], NULL));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r0, &err));
	nq_knob("latency_ms", "0");
	/* the ended request makes room */
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &r1));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r1, &err));
	EXPECT_EQ(-ENOENT, nq_wait(self->fd, &r0, 0, &(struct ntms_request_wait){}));
	close(self->fd);
	snprintf(cmd, sizeof(cmd), "rmmod ntms && insmod %s/build/%s/ntms.ko",
		 top, k);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	self->fd = open(NQ_DEV, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, nq_lib_find(self->fd, &self->l, 60));
}

/* the first standalone drive: 0, or -ENOENT */
static int sa_find(int fd, struct ntms_guid *drive)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_DRIVE, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++) {
		if (!nq_info(fd, &list[i], NTMS_TYPE_DRIVE, &oi) &&
		    (oi.u.drive.flags & NTMS_DRIVE_F_STANDALONE)) {
			*drive = list[i];
			return 0;
		}
	}
	return -ENOENT;
}

/* a standalone drive becomes DISMOUNTABLE, nothing is queued */
TEST(standalone)
{
	struct ntms_guid drive, req;
	struct ntms_object_info oi;
	int fd = open(NQ_DEV, O_RDWR);

	ASSERT_LE(0, fd);
	if (!(nq_features(fd) & NTMS_FEATURE_DISMOUNT))
		SKIP(return, "no NTMS_IOC_DISMOUNT_DRIVE");
	if (sa_find(fd, &drive))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	memset(&req, 0xff, sizeof(req));
	ASSERT_EQ(0, nq_dismount(fd, &drive, &req));
	EXPECT_TRUE(nq_guid_zero(&req));
	ASSERT_EQ(0, nq_info(fd, &drive, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTABLE, oi.u.drive.state);
	close(fd);
}

/* the standalone drive the unprivileged child dismounts */
static struct ntms_guid sa_drive_guid;

/* as NQ_UID: 1 if NTMS_IOC_DISMOUNT_DRIVE is refused with EACCES */
static int user_dismount_sa(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 101;
	ret = nq_dismount(fd, &sa_drive_guid, NULL);
	close(fd);
	return ret == -EACCES ? 1 : 102;
}

/*
 * A session without MODIFY access is refused before the standalone drive
 * is asked anything: no TEST UNIT READY reaches it (an armed failure of
 * TEST UNIT READY stays armed).
 */
TEST(standalone_access_first)
{
	int fd = open(NQ_DEV, O_RDWR);
	char rules[256];

	ASSERT_LE(0, fd);
	if (!(nq_features(fd) & NTMS_FEATURE_DISMOUNT))
		SKIP(return, "no NTMS_IOC_DISMOUNT_DRIVE");
	if (sa_find(fd, &sa_drive_guid))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	ASSERT_EQ(0, nq_open_to_users());
	ASSERT_EQ(0, tu_write_file(NQ_SA_FAIL, "0x00 1 2 0x3a 0"));
	EXPECT_EQ(1, nq_as_user(user_dismount_sa, NULL));
	ASSERT_EQ(0, tu_read_file(NQ_SA_FAIL, rules, sizeof(rules)));
	EXPECT_NE(NULL, strstr(rules, "0x00 1 ")) TH_LOG("rules: '%s'", rules);
	ASSERT_EQ(0, tu_write_file(NQ_SA_FAIL, "clear"));
	close(fd);
}

/* completion and change events from read() and poll() */
TEST_F(dm, events)
{
	struct ntms_event ev[64];
	struct ntms_event_mask em;
	struct ntms_guid req;
	struct pollfd pfd;
	int fd2, n, i, complete = 0, drive = 0;
	uint32_t err;
	ssize_t len;

	if (!(nq_features(self->fd) & NTMS_FEATURE_EVENTS))
		SKIP(return, "no events");
	fd2 = open(NQ_DEV, O_RDWR | O_NONBLOCK);
	ASSERT_LE(0, fd2);
	EXPECT_EQ(-1, read(fd2, ev, sizeof(ev)));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(-1, read(fd2, ev, sizeof(ev[0]) - 1));
	EXPECT_EQ(EINVAL, errno);
	memset(&em, 0, sizeof(em));
	em.types = 1ULL << 63;
	EXPECT_EQ(-1, ioctl(fd2, NTMS_IOC_SET_EVENT_MASK, &em));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_TRUE(nq_features(fd2) & NTMS_FEATURE_EVENT_OPT_IN);

	/* a session that chose no events gets none, not even its own */
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_dismount(fd2, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(-1, read(fd2, ev, sizeof(ev)));
	EXPECT_EQ(EAGAIN, errno);

	ASSERT_EQ(0, nq_event_mask(fd2, (1ULL << NTMS_TYPE_MAX) - 1));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	/* drain what the load caused */
	while (read(fd2, ev, sizeof(ev)) > 0)
		;
	ASSERT_EQ(0, nq_dismount(fd2, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	pfd = (struct pollfd){ .fd = fd2, .events = POLLIN };
	EXPECT_EQ(1, poll(&pfd, 1, 1000));
	EXPECT_TRUE(pfd.revents & POLLIN);
	len = read(fd2, ev, sizeof(ev));
	ASSERT_LT(0, len);
	EXPECT_EQ(0, len % sizeof(ev[0]));
	n = len / sizeof(ev[0]);
	for (i = 0; i < n; i++) {
		if (i)
			EXPECT_EQ(ev[i - 1].seqno + 1, ev[i].seqno);
		if (ev[i].operation == NTMS_EVENT_COMPLETE &&
		    !memcmp(&ev[i].object, &req, sizeof(req))) {
			complete++;
			EXPECT_EQ(NTMS_REQ_PASSED, ev[i].state);
			EXPECT_EQ(0, ev[i].result);
		}
		if (ev[i].operation == NTMS_EVENT_OBJ_UPDATE &&
		    ev[i].object_type == NTMS_TYPE_DRIVE &&
		    !memcmp(&ev[i].object, &self->l.drives[0], 16))
			drive++;
	}
	EXPECT_EQ(1, complete);
	EXPECT_LE(1, drive);

	/* a mask without drives: no drive events, own completion still */
	em.types = 1ULL << NTMS_TYPE_LIBRARY;
	ASSERT_EQ(0, ioctl(fd2, NTMS_IOC_SET_EVENT_MASK, &em));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_dismount(fd2, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	len = read(fd2, ev, sizeof(ev));
	ASSERT_LT(0, len);
	n = len / sizeof(ev[0]);
	complete = 0;
	for (i = 0; i < n; i++) {
		EXPECT_NE(NTMS_TYPE_DRIVE, ev[i].object_type);
		complete += ev[i].operation == NTMS_EVENT_COMPLETE;
	}
	EXPECT_EQ(1, complete);
	close(fd2);
}

/* toggle drive @d of @self off and on @n times: 2 * @n events */
static int dm_toggle(int fd, const struct ntms_guid *d, int n)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		ret = nq_set_enabled(fd, d, NTMS_TYPE_DRIVE, 0, NULL);
		if (!ret)
			ret = nq_set_enabled(fd, d, NTMS_TYPE_DRIVE, 1, NULL);
		if (ret)
			return ret;
	}
	return 0;
}

/* all records a session holds, in order; their number */
static int dm_read_all(int fd, struct ntms_event *ev, int max)
{
	ssize_t len;
	int n = 0;

	while (n < max && (len = read(fd, ev + n, (max - n) * sizeof(*ev))) > 0)
		n += len / sizeof(*ev);
	return n;
}

/*
 * A reader that lags by more than its ring (event_queue, 256 records)
 * sees the records in sequence order with one OVERFLOW marker exactly
 * where the loss is: after 255 records, with the sequence number of the
 * first event lost and the number lost; the next record continues after
 * the last one lost. A second loss gets a marker of its own.
 */
TEST_F(dm, events_overflow)
{
	static struct ntms_event ev[1024];
	int fd2, i, n, markers = 0;

	if (!(nq_features(self->fd) & NTMS_FEATURE_EVENT_OPT_IN))
		SKIP(return, "no NTMS_FEATURE_EVENT_OPT_IN");
	fd2 = open(NQ_DEV, O_RDWR | O_NONBLOCK);
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, nq_event_mask(fd2, 1ULL << NTMS_TYPE_DRIVE));
	/* 300 events against 256 records, nobody reading */
	ASSERT_EQ(0, dm_toggle(self->fd, &self->l.drives[1], 150));
	n = dm_read_all(fd2, ev, 1024);
	ASSERT_EQ(256, n);
	for (i = 0; i < n - 1; i++) {
		EXPECT_EQ((uint32_t)i, ev[i].seqno);
		EXPECT_EQ(NTMS_EVENT_OBJ_UPDATE, ev[i].operation);
		EXPECT_EQ(NTMS_TYPE_DRIVE, ev[i].object_type);
	}
	EXPECT_EQ(NTMS_EVENT_OVERFLOW, ev[255].operation);
	EXPECT_EQ(255, ev[255].seqno);
	EXPECT_EQ(300 - 255, ev[255].state);
	/* the next event follows the last one lost */
	ASSERT_EQ(0, dm_toggle(self->fd, &self->l.drives[1], 1));
	n = dm_read_all(fd2, ev, 1024);
	ASSERT_EQ(2, n);
	EXPECT_EQ(300, ev[0].seqno);
	EXPECT_EQ(301, ev[1].seqno);
	EXPECT_EQ(NTMS_EVENT_OBJ_UPDATE, ev[0].operation);

	/* lag again, read a little, lose again: two markers, in order */
	ASSERT_EQ(0, dm_toggle(self->fd, &self->l.drives[1], 150));
	EXPECT_EQ(10 * (ssize_t)sizeof(ev[0]),
		  read(fd2, ev, 10 * sizeof(ev[0])));
	ASSERT_EQ(0, dm_toggle(self->fd, &self->l.drives[1], 150));
	n = dm_read_all(fd2, ev + 10, 1014) + 10;
	for (i = 1; i < n; i++) {
		if (ev[i - 1].operation == NTMS_EVENT_OVERFLOW) {
			EXPECT_EQ(ev[i - 1].seqno + ev[i - 1].state,
				  ev[i].seqno);
		} else {
			EXPECT_EQ(ev[i - 1].seqno + 1, ev[i].seqno);
		}
		markers += ev[i].operation == NTMS_EVENT_OVERFLOW;
	}
	EXPECT_EQ(2, markers);
	EXPECT_EQ(NTMS_EVENT_OVERFLOW, ev[n - 1].operation);
	/* every event had a number: 302 + 600 of them */
	EXPECT_EQ(302 + 600, ev[n - 1].seqno + ev[n - 1].state);
	close(fd2);
}

/* mount, wait for a drive, DEFERRED and IMMEDIATE dismounts */
TEST_F(dm, mount)
{
	static struct ntms_guid m[3], d[2], req, r2, r3;
	struct ntms_object_info oi;
	uint32_t err;

	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT))
		SKIP(return, "no NTMS_IOC_MOUNT");
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				nq_full_slot(self->fd, &self->l, 0), &m[0]));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				nq_full_slot(self->fd, &self->l, 1), &m[1]));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				nq_full_slot(self->fd, &self->l, 2), &m[2]));
	/* two at once: both drives */
	ASSERT_EQ(0, nq_mount(self->fd, m, NULL, 2, NTMS_MOUNT_F_READ, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[1]));
	/* a third: no drive free */
	EXPECT_EQ(-EBUSY, nq_mount(self->fd, &m[2], NULL, 1,
				NTMS_MOUNT_F_ERROR_NOT_AVAILABLE, 0, &r2));
	ASSERT_EQ(0, nq_mount(self->fd, &m[2], NULL, 1, 0, 0, &r2));
	usleep(300000);
	ASSERT_EQ(0, nq_info(self->fd, &r2, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(NTMS_REQ_WAITING, oi.u.request.state);
	/* the same cartridge again: it is mounted, so this waits too */
	ASSERT_EQ(0, nq_mount(self->fd, &m[0], NULL, 1, 0, 0, &r3));
	EXPECT_EQ(0, nq_cancel(self->fd, &r3));
	/* DEFERRED frees drive 1 as DISMOUNTABLE: the waiting mount runs,
	 * sending that cartridge home first
	 */
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m[1], 1,
				    NTMS_DISMOUNT_F_DEFERRED, &req));
	EXPECT_TRUE(nq_guid_zero(&req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r2, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_info(self->fd, &m[1], NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	/* cartridges not in a drive; several in one call */
	EXPECT_EQ(-ENOMEDIUM, nq_dismount_media(self->fd, &m[1], 1, 0, &req));
	d[0] = m[0];
	d[1] = m[2];
	ASSERT_EQ(0, nq_dismount_media(self->fd, d, 2,
				       NTMS_DISMOUNT_F_IMMEDIATE, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[1]));
}

/* a specific drive; a cartridge already loaded; priorities */
TEST_F(dm, mount_specific)
{
	static struct ntms_guid m[3], req, lo, hi, dr;
	struct ntms_object_info a, b;
	uint32_t err;
	int src;

	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT))
		SKIP(return, "no NTMS_IOC_MOUNT");
	src = nq_full_slot(self->fd, &self->l, 0);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, src, &m[0]));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				nq_full_slot(self->fd, &self->l, 1), &m[1]));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				nq_full_slot(self->fd, &self->l, 2), &m[2]));
	/* loaded behind the driver into drive 1: mounted where it is */
	ASSERT_EQ(0, nq_load(&self->l, src, 1));
	ASSERT_EQ(0, nq_mount(self->fd, &m[0], NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &a));
	EXPECT_EQ(0, memcmp(&a.u.request.drive, &self->l.drives[1], 16));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m[0], 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	/* a specific drive */
	dr = self->l.drives[1];
	ASSERT_EQ(0, nq_mount(self->fd, &m[1], &dr, 1,
			   NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[1]));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
	EXPECT_EQ(-EINVAL, nq_mount(self->fd, &m[1], NULL, 1, 0, 16, &req));
	EXPECT_EQ(-EINVAL, nq_mount(self->fd, &m[1], NULL, 0, 0, 0, &req));
	EXPECT_EQ(-ENOENT, nq_mount(self->fd, &self->l.lib, NULL, 1, 0, 0,
				    &req));
	/* one robot, busy: the higher priority runs first */
	ASSERT_EQ(0, nq_knob("latency_ms", "700"));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m[1], 1, 0, &req));
	ASSERT_EQ(0, nq_mount(self->fd, &m[2], NULL, 1, 0, -5, &lo));
	ASSERT_EQ(0, nq_mount(self->fd, &m[0], NULL, 1, 0, 5, &hi));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &lo, &err));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &hi, &err));
	nq_knob("latency_ms", "0");
	ASSERT_EQ(0, nq_info(self->fd, &lo, NTMS_TYPE_LIBREQUEST, &a));
	ASSERT_EQ(0, nq_info(self->fd, &hi, NTMS_TYPE_LIBREQUEST, &b));
	EXPECT_LT(b.u.request.completed_ns, a.u.request.completed_ns);
	EXPECT_EQ(5, b.u.request.priority);
	m[1] = m[2];
	ASSERT_EQ(0, nq_dismount_media(self->fd, m, 2, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* inventories: actions, a damaged state cleared, changes reported */
TEST_F(dm, inventory)
{
	static struct ntms_guid req;
	struct ntms_event ev[64];
	struct ntms_object_info oi;
	int fd2, n, i, insert = 0;
	uint32_t err;
	ssize_t len;

	if (!(nq_features(self->fd) & NTMS_FEATURE_INVENTORY))
		SKIP(return, "no NTMS_IOC_INVENTORY");
	EXPECT_EQ(-EOPNOTSUPP, nq_inventory(self->fd, &self->l.lib,
					 NTMS_INVENTORY_OMID, &req));
	EXPECT_EQ(-EINVAL, nq_inventory(self->fd, &self->l.lib,
				     NTMS_INVENTORY_NONE, &req));
	EXPECT_EQ(-ENOENT, nq_inventory(self->fd, &self->l.drives[0],
				     NTMS_INVENTORY_FAST, &req));
	/* damaged, then a good inventory clears it */
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_knob("fail", "0xb8 1 0x4 0x44 0x00"));
	EXPECT_NE(0, nq_rescan(&self->l));
	EXPECT_EQ(-EUCLEAN, nq_dismount(self->fd, &self->l.drives[0], NULL));
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
			       &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_FALSE(oi.u.library.flags & NTMS_LIBRARY_F_DAMAGED);
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));

	/* an operator puts a new cartridge in the mail slot */
	fd2 = nq_event_open();
	ASSERT_LE(0, fd2);
	if (nq_knob("insert", "NEW001L6")) {
		close(fd2);
		SKIP(return, "no mail slot");
	}
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib,
				  NTMS_INVENTORY_DEFAULT, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	while ((len = read(fd2, ev, sizeof(ev))) > 0) {
		n = len / sizeof(ev[0]);
		for (i = 0; i < n; i++)
			insert += ev[i].operation == NTMS_EVENT_OBJ_INSERT &&
				  ev[i].object_type ==
				  NTMS_TYPE_PHYSICAL_MEDIA;
	}
	EXPECT_EQ(1, insert);
	/* the operator takes it back out (mail slot at address 10) */
	EXPECT_EQ(0, nq_knob("remove", "10"));
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
			       &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	close(fd2);
}

TEST_HARNESS_MAIN
