// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_robot: robots that take their time. Real libraries take minutes
 * for some moves and say NOT READY "becoming ready" (04h/01h) or "manual
 * intervention required" (04h/03h) in the middle of work. A request
 * waiting on such a robot is INPROCESS all along and is limited only by
 * the SCSI timeouts, which can be set per library in sysfs
 * (ntms_timeout_cmd, ntms_timeout_move, ntms_timeout_init). smcsim's
 * latency_ms knob makes every command of the library take that long, its
 * state knob makes the changer not ready. Runs as root in the VM against
 * smcsim with one library of at least two drives.
 */
#include "nq_util.h"
#include "kselftest_harness.h"

FIXTURE(rb) {
	int fd;
	struct nq_lib l;
};

FIXTURE_SETUP(rb)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT))
		SKIP(return, "the driver has no NTMS_IOC_MOUNT");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
}

FIXTURE_TEARDOWN(rb)
{
	char why[256] = "";

	nq_knob("state", "ready");
	nq_attr_set(&self->l, "ntms_timeout_move", "0");
	nq_attr_set(&self->l, "ntms_timeout_cmd", "0");
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

static uint32_t req_state(int fd, const struct ntms_guid *req)
{
	struct ntms_object_info oi;

	if (nq_info(fd, req, NTMS_TYPE_LIBREQUEST, &oi))
		return 99;
	return oi.u.request.state;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the three timeouts: module default (0) until set; bad values refused */
TEST_F(rb, timeouts_in_sysfs)
{
	static const char *const names[] = {
		"ntms_timeout_cmd", "ntms_timeout_move", "ntms_timeout_init",
	};
	unsigned int i;

	for (i = 0; i < 3; i++) {
		EXPECT_EQ(0, nq_attr_get(&self->l, names[i]))
			TH_LOG("%s", names[i]);
		EXPECT_EQ(0, nq_attr_set(&self->l, names[i], "1500"));
		EXPECT_EQ(1500, nq_attr_get(&self->l, names[i]));
		EXPECT_EQ(-EINVAL, nq_attr_set(&self->l, names[i], "slow"));
		EXPECT_EQ(-EINVAL, nq_attr_set(&self->l, names[i], "-5"));
		EXPECT_EQ(-ERANGE, nq_attr_set(&self->l, names[i], "86401"));
		EXPECT_EQ(1500, nq_attr_get(&self->l, names[i]));
		EXPECT_EQ(0, nq_attr_set(&self->l, names[i], "0"));
	}
}

/*
 * A robot taking 2 s a command: the mount is INPROCESS for the whole of
 * it (the queue has no time limit of its own) and then passes.
 */
TEST_F_TIMEOUT(rb, slow_robot_runs, 120)
{
	struct ntms_guid m, req;
	uint32_t err, st, seen = 0;
	double t0, took;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_timeout_move", "30"));
	ASSERT_EQ(0, nq_knob("latency_ms", "2000"));
	t0 = now_s();
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	while ((st = req_state(self->fd, &req)) == NTMS_REQ_QUEUED ||
	       st == NTMS_REQ_INPROCESS) {
		seen |= 1u << st;
		usleep(50 * 1000);
	}
	took = now_s() - t0;
	nq_knob("latency_ms", "0");
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	EXPECT_TRUE(seen & (1u << NTMS_REQ_INPROCESS));
	/* two reads and a move at least, 2 s each */
	EXPECT_LE(6.0, took);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/*
 * This library's move timeout, shorter than its robot: the SCSI core
 * times the MOVE MEDIUM out, the mount fails with EIO (IO_DEVICE), and
 * the model is read again: the cartridge is where the robot put it.
 */
TEST_F_TIMEOUT(rb, library_timeout, 120)
{
	struct ntms_guid m, req;
	char buf[32];
	uint32_t err;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_timeout_move", "1"));
	ASSERT_EQ(0, nq_knob("latency_ms", "3000"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EIO, err);
	nq_knob("latency_ms", "0");
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_timeout_move", "0"));
	/* the module's own default was not touched */
	ASSERT_EQ(0, tu_read_file("/sys/module/ntms/parameters/timeout_move",
				  buf, sizeof(buf)));
	EXPECT_EQ(300, atoi(buf));
	/* the teardown compares the driver's view with mtx's */
}

/*
 * "Becoming ready" in the middle of work: the commands are retried
 * (up to the module's ready_timeout), the mount is INPROCESS meanwhile
 * and passes once the robot is ready.
 */
TEST_F_TIMEOUT(rb, becoming_ready, 120)
{
	struct ntms_guid m, req;
	uint32_t err;
	int i;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_knob("state", "becoming"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	for (i = 0; i < 100 && req_state(self->fd, &req) == NTMS_REQ_QUEUED;
	     i++)
		usleep(20 * 1000);
	usleep(1500 * 1000);
	EXPECT_EQ(NTMS_REQ_INPROCESS, req_state(self->fd, &req));
	ASSERT_EQ(0, nq_knob("state", "ready"));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/*
 * "Manual intervention required": no waiting cures it; the mount fails
 * with EHOSTDOWN (LIBRARY_OFFLINE) and nothing moved. The library could
 * not be read: requests are refused with EUCLEAN (DATABASE_FAILURE) until
 * an inventory, after which the same mount passes.
 */
TEST_F(rb, manual_intervention)
{
	struct ntms_guid m, req;
	uint32_t err;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_knob("state", "manual"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EHOSTDOWN, err);
	ASSERT_EQ(0, nq_knob("state", "ready"));
	EXPECT_EQ(-EUCLEAN, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

TEST_HARNESS_MAIN
