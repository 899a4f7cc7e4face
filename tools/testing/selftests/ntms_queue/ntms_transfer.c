// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_transfer: NTMS_IOC_MOVE, moves between two elements by address
 * (what ntms-mtx and ntms-changer are built on): each documented result,
 * the access by kind of move, EXCHANGE MEDIUM, and moves decided when
 * their turn comes (a home slot whose cartridge comes back, a destination
 * a queued dismount empties). Runs as root in the VM against smcsim with
 * one library (slots=20 drives=2 ieports=2 media=10) and a standalone
 * drive.
 */
#include <sys/mtio.h>

#include "nq_util.h"
#include "kselftest_harness.h"

FIXTURE(mv) {
	int fd;
	struct nq_lib l;
	uint32_t port0;		/* address of the first mail slot */
};

FIXTURE_SETUP(mv)
{
	struct ntms_object_info oi;

	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	if (!(nq_features(self->fd) & NTMS_FEATURE_MOVE))
		SKIP(return, "no NTMS_IOC_MOVE");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	self->port0 = oi.u.library.first_port;
}

FIXTURE_TEARDOWN(mv)
{
	char why[256] = "";

	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* NTMS_IOC_MOVE: 0 or -errno; the request in @req */
static int mv_move(int fd, const struct ntms_guid *lib, uint32_t src,
		   uint32_t dst, uint32_t dst2, uint32_t flags,
		   struct ntms_guid *req)
{
	struct ntms_move m;

	memset(&m, 0, sizeof(m));
	m.library = *lib;
	m.source = src;
	m.dest = dst;
	m.dest2 = dst2;
	m.flags = flags;
	if (ioctl(fd, NTMS_IOC_MOVE, &m))
		return -errno;
	if (req)
		*req = m.request;
	return 0;
}

/* move and wait: the state it ended in (error in *@err), or -errno */
static int mv_run(int fd, const struct ntms_guid *lib, uint32_t src,
		  uint32_t dst, uint32_t dst2, uint32_t flags, uint32_t *err)
{
	struct ntms_guid req;
	int ret = mv_move(fd, lib, src, dst, dst2, flags, &req);

	return ret ? ret : nq_ended(fd, &req, err);
}

/* address of the Nth (0-based) full storage slot */
static uint32_t mv_full(struct __test_metadata *_metadata, int fd,
			struct nq_lib *l, int nth)
{
	int s = nq_full_slot(fd, l, nth);

	EXPECT_LT(0, s);
	return s > 0 ? l->slot_addr[s - 1] : 0;
}

/* address of the first empty storage slot */
static uint32_t mv_empty(int fd, struct nq_lib *l)
{
	struct ntms_object_info oi;
	uint32_t i;

	for (i = 0; i < l->nr_slots; i++)
		if (!nq_info(fd, &l->slots[i], NTMS_TYPE_STORAGESLOT, &oi) &&
		    oi.u.slot.state == NTMS_SLOT_STATE_EMPTY)
			return l->slot_addr[i];
	return 0;
}

static void mv_barcode_at(int fd, struct nq_lib *l, uint32_t addr, char *bc)
{
	uint32_t i;

	bc[0] = '\0';
	for (i = 0; i < l->nr_slots; i++)
		if (l->slot_addr[i] == addr)
			nq_elem_barcode(fd, &l->slots[i], NTMS_TYPE_STORAGESLOT,
					bc, 64);
	for (i = 0; i < l->nr_drives; i++)
		if (l->drive_addr[i] == addr)
			nq_elem_barcode(fd, &l->drives[i], NTMS_TYPE_DRIVE, bc,
					64);
}

/* slot to drive, drive to slot, slot to slot; what the requests say */
TEST_F(mv, moves)
{
	uint32_t s = mv_full(_metadata, self->fd, &self->l, 0), err;
	uint32_t d = self->l.drive_addr[0], e = mv_empty(self->fd, &self->l);
	struct ntms_guid req, m, dr, md;
	struct ntms_request_drives rd;
	struct ntms_object_info oi;
	char bc[64], bc2[64];

	mv_barcode_at(self->fd, &self->l, s, bc);
	ASSERT_EQ(0, mv_move(self->fd, &self->l.lib, s, d, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	mv_barcode_at(self->fd, &self->l, d, bc2);
	EXPECT_STREQ(bc, bc2);
	/* in a drive without an RSM mount: LOADED */
	EXPECT_EQ(NTMS_DRIVE_STATE_LOADED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(NTMS_REQ_OP_MOVE, oi.u.request.operation);
	memset(&rd, 0, sizeof(rd));
	rd.request = req;
	rd.media = (uintptr_t)&md;
	rd.drives = (uintptr_t)&dr;
	rd.count = 1;
	ASSERT_EQ(0, ioctl(self->fd, NTMS_IOC_REQUEST_DRIVES, &rd));
	EXPECT_EQ(1, rd.count);
	EXPECT_EQ(0, memcmp(&dr, &self->l.drives[0], sizeof(dr)));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, 1, &m));
	/* back to another slot, then slot to slot home */
	EXPECT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib, d, e, 0, 0,
					  &err));
	mv_barcode_at(self->fd, &self->l, e, bc2);
	EXPECT_STREQ(bc, bc2);
	EXPECT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib, e, s, 0, 0,
					  &err));
	mv_barcode_at(self->fd, &self->l, s, bc2);
	EXPECT_STREQ(bc, bc2);
}

/* what the ioctl refuses, when nothing is queued ahead */
TEST_F(mv, refused)
{
	uint32_t s = mv_full(_metadata, self->fd, &self->l, 0);
	uint32_t s2 = mv_full(_metadata, self->fd, &self->l, 1);
	uint32_t e = mv_empty(self->fd, &self->l), err;
	uint32_t d = self->l.drive_addr[0];
	struct ntms_object_info oi;
	struct ntms_guid bad;
	struct ntms_move m;

	/* parameters */
	memset(&m, 0, sizeof(m));
	m.library = self->l.lib;
	m.source = s;
	m.dest = e;
	m.flags = 0x80;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_MOVE, &m));
	EXPECT_EQ(EINVAL, errno);
	m.flags = 0;
	m.padding[1] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_MOVE, &m));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-EINVAL, mv_move(self->fd, &self->l.lib, s, e, s2, 0, NULL));
	EXPECT_EQ(-EINVAL, mv_move(self->fd, &self->l.lib, s, 0x10000, 0, 0,
				   NULL));
	/* no such element, the robot, the same element */
	EXPECT_EQ(-EINVAL, mv_move(self->fd, &self->l.lib, s, 9999, 0, 0,
				   NULL));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_EQ(-EINVAL, mv_move(self->fd, &self->l.lib, s,
				   oi.u.library.first_changer, 0, 0, NULL));
	EXPECT_EQ(-EINVAL, mv_move(self->fd, &self->l.lib, s, s, 0, 0, NULL));
	/* not a library; an unknown GUID */
	EXPECT_EQ(-ENOENT, mv_move(self->fd, &self->l.drives[0], s, e, 0, 0,
				   NULL));
	memset(&bad, 0x5a, sizeof(bad));
	EXPECT_EQ(-ENOENT, mv_move(self->fd, &bad, s, e, 0, 0, NULL));
	/* the state, decided now */
	EXPECT_EQ(-ENOMEDIUM, mv_move(self->fd, &self->l.lib, e, d, 0, 0,
				      NULL));
	EXPECT_EQ(-EEXIST, mv_move(self->fd, &self->l.lib, s, s2, 0, 0, NULL));
	/* a disabled drive */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.drives[0],
				    NTMS_TYPE_DRIVE, 0, NULL));
	EXPECT_EQ(-ESHUTDOWN, mv_move(self->fd, &self->l.lib, s, d, 0, 0,
				      NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.drives[0],
				    NTMS_TYPE_DRIVE, 1, NULL));
	/* a disabled library */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    0, NULL));
	EXPECT_EQ(-ESHUTDOWN, mv_move(self->fd, &self->l.lib, s, d, 0, 0,
				      NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    1, NULL));
	EXPECT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib, s, d, 0, 0,
					  &err));
}

/* a cartridge opened in its drive (MTLOCK) does not leave it */
TEST_F(mv, opened)
{
	struct mtop lock = { .mt_op = MTLOCK, .mt_count = 1 };
	struct mtop unlock = { .mt_op = MTUNLOCK, .mt_count = 1 };
	uint32_t s = mv_full(_metadata, self->fd, &self->l, 0), err;
	char path[64];
	int tfd;

	if (!self->l.tape[0][0])
		SKIP(return, "drive 0 has no tape device");
	ASSERT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib, s,
					  self->l.drive_addr[0], 0, 0, &err));
	snprintf(path, sizeof(path), "/dev/%s", self->l.tape[0]);
	tfd = open(path, O_RDONLY);
	ASSERT_LE(0, tfd);
	ASSERT_EQ(0, ioctl(tfd, MTIOCTOP, &lock));
	EXPECT_EQ(-EBUSY, mv_move(self->fd, &self->l.lib,
				  self->l.drive_addr[0], s, 0, 0, NULL));
	/* an explicit lock outlives close(): undo it */
	EXPECT_EQ(0, ioctl(tfd, MTIOCTOP, &unlock));
	close(tfd);
	EXPECT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib,
					  self->l.drive_addr[0], s, 0, 0,
					  &err));
}

static struct ntms_guid mv_lib_guid;
static uint32_t mv_src, mv_dst;

static int mv_user(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 100;
	ret = mv_move(fd, &mv_lib_guid, mv_src, mv_dst, 0, 0, NULL);
	close(fd);
	return -ret;
}

/* USE for drives, MODIFY slot to slot, CONTROL through a mail slot */
TEST_F(mv, access)
{
	uint32_t s = mv_full(_metadata, self->fd, &self->l, 0);
	uint32_t e = mv_empty(self->fd, &self->l);
	char path[200], gid[32];

	ASSERT_EQ(0, nq_open_to_users());
	mv_lib_guid = self->l.lib;
	/* the moves below are refused after the access check: full dests */
	mv_src = s;
	mv_dst = mv_full(_metadata, self->fd, &self->l, 1);
	EXPECT_EQ(EACCES, nq_as_user(mv_user, &self->l));
	mv_src = e;
	mv_dst = self->l.drive_addr[0];
	/* USE suffices: then the empty source decides */
	EXPECT_EQ(ENOMEDIUM, nq_as_user(mv_user, &self->l));
	mv_src = s;
	mv_dst = self->port0;
	EXPECT_EQ(EACCES, nq_as_user(mv_user, &self->l));
	snprintf(path, sizeof(path), "%s/ntms_modify_gid", self->l.sysfs);
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, tu_write_file(path, gid));
	/* MODIFY: slot to slot yes, to a mail slot still no */
	EXPECT_EQ(EACCES, nq_as_user(mv_user, &self->l));
	mv_dst = mv_full(_metadata, self->fd, &self->l, 1);
	EXPECT_EQ(EEXIST, nq_as_user(mv_user, &self->l));
	ASSERT_EQ(0, tu_write_file(path, "-1"));
}

/* EXCHANGE MEDIUM: a swap of two slots */
TEST_F(mv, exchange)
{
	uint32_t a = mv_full(_metadata, self->fd, &self->l, 0);
	uint32_t b = mv_full(_metadata, self->fd, &self->l, 1), err;
	char bca[64], bcb[64], x[64];

	mv_barcode_at(self->fd, &self->l, a, bca);
	mv_barcode_at(self->fd, &self->l, b, bcb);
	EXPECT_EQ(NTMS_REQ_PASSED,
		  mv_run(self->fd, &self->l.lib, a, b, a, NTMS_MOVE_F_EXCHANGE,
			 &err)) TH_LOG("error %u", err);
	mv_barcode_at(self->fd, &self->l, a, x);
	EXPECT_STREQ(bcb, x);
	mv_barcode_at(self->fd, &self->l, b, x);
	EXPECT_STREQ(bca, x);
	/* the second destination must be empty unless it is the source */
	EXPECT_EQ(-EEXIST, mv_move(self->fd, &self->l.lib, a, b,
				   mv_full(_metadata, self->fd, &self->l, 2),
				   NTMS_MOVE_F_EXCHANGE, NULL));
}

/*
 * Decided when its turn comes: the home slot's cartridge is in a drive,
 * the move waits for its dismount; the destination drive is full, the
 * move waits for a queued dismount to empty it.
 */
TEST_F(mv, decided_at_turn)
{
	uint32_t s = mv_full(_metadata, self->fd, &self->l, 0), err;
	uint32_t d0 = self->l.drive_addr[0], d1 = self->l.drive_addr[1];
	uint32_t s2 = mv_full(_metadata, self->fd, &self->l, 1);
	struct ntms_object_info oi;
	struct ntms_guid r1, r2;
	char bc[64], x[64];

	mv_barcode_at(self->fd, &self->l, s, bc);
	ASSERT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib, s, d0, 0, 0,
					  &err));
	/* without HOME: an empty source, now */
	EXPECT_EQ(-ENOMEDIUM, mv_move(self->fd, &self->l.lib, s, d1, 0, 0,
				      NULL));
	/* its home, to drive 0 where it is: that drive is full */
	EXPECT_EQ(-EEXIST, mv_move(self->fd, &self->l.lib, s, d0, 0,
				   NTMS_MOVE_F_HOME, NULL));
	/* with HOME: it waits for the cartridge to come back */
	ASSERT_EQ(0, mv_move(self->fd, &self->l.lib, s, d1, 0,
			     NTMS_MOVE_F_HOME, &r1));
	usleep(300000);
	ASSERT_EQ(0, nq_info(self->fd, &r1, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(NTMS_REQ_WAITING, oi.u.request.state);
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &r2));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r2, &err));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r1, &err))
		TH_LOG("error %u", err);
	mv_barcode_at(self->fd, &self->l, d1, x);
	EXPECT_STREQ(bc, x);

	/* drive 1 full: a slow dismount of it, then a move into it */
	ASSERT_EQ(0, nq_knob("latency_ms", "300"));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[1], &r2));
	ASSERT_EQ(0, mv_move(self->fd, &self->l.lib, s2, d1, 0, 0, &r1));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r2, &err));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r1, &err))
		TH_LOG("error %u", err);
	/* behind a slow inventory, a move to a full slot fails at its turn */
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &r2));
	ASSERT_EQ(0, mv_move(self->fd, &self->l.lib, d1,
			     mv_full(_metadata, self->fd, &self->l, 0), 0, 0,
			     &r1));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &r1, &err));
	EXPECT_EQ(EEXIST, err);
	nq_knob("latency_ms", "0");
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &r2, &err));
	EXPECT_EQ(NTMS_REQ_PASSED, mv_run(self->fd, &self->l.lib, d1, s2, 0, 0,
					  &err));
}

/* a standalone drive's library has no robot */
TEST_F(mv, standalone)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++)
		if (!nq_info(self->fd, &list[i], NTMS_TYPE_LIBRARY, &oi) &&
		    oi.u.library.library_type == NTMS_LIBRARY_TYPE_STANDALONE)
			break;
	if (i >= n)
		SKIP(return, "no standalone drive");
	EXPECT_EQ(-EOPNOTSUPP, mv_move(self->fd, &list[i], 0, 1, 0, 0, NULL));
}

TEST_HARNESS_MAIN
