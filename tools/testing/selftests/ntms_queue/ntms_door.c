// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_door: AccessNtmsLibraryDoor (NTMS_IOC_DOOR) against smcsim's main
 * door: the request waits its turn, unlocks the door (PREVENT ALLOW
 * MEDIUM REMOVAL), holds the queue while an operator rearranges
 * cartridges by hand, and the model then shows what the hands did; every
 * documented error.
 *
 * Runs as root in the VM against smcsim (slots=20 drives=2 ieports=1
 * media=10 standalone=1).
 */
#include "nq_util.h"
#include "kselftest_harness.h"

#define DOOR_TIMEOUT	"/sys/module/ntms/parameters/door_timeout_s"

NQ_CALL int dr_door(int fd, const struct ntms_guid *lib, uint32_t action,
		    struct ntms_guid *req)
{
	struct ntms_door d;

	memset(&d, 0, sizeof(d));
	d.library = *lib;
	d.action = action;
	if (ioctl(fd, NTMS_IOC_DOOR, &d))
		return -errno;
	if (req)
		*req = d.request;
	return 0;
}

NQ_CALL uint32_t dr_state(int fd, const struct ntms_guid *req)
{
	struct ntms_object_info oi;

	if (nq_info(fd, req, NTMS_TYPE_LIBREQUEST, &oi))
		return 99;
	return oi.u.request.state;
}

/* wait up to @secs for @req to be in @state */
NQ_CALL int dr_wait_state(int fd, const struct ntms_guid *req, uint32_t state,
			  int secs)
{
	int i;

	for (i = 0; i < secs * 10; i++) {
		if (dr_state(fd, req) == state)
			return 0;
		usleep(100000);
	}
	return -1;
}

/* the barcode in slot @slot1 (1-based) as the driver shows it */
NQ_CALL int dr_slot_barcode(int fd, struct nq_lib *l, int slot1, char *bc,
			    size_t len)
{
	return nq_elem_barcode(fd, &l->slots[slot1 - 1], NTMS_TYPE_STORAGESLOT,
			       bc, len);
}

FIXTURE(dr) {
	struct nq_lib l;
	int fd;
	int full, empty;	/* a full and an empty slot, 1-based */
	char bc[64];		/* the cartridge in @full */
};

FIXTURE_SETUP(dr)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	if (!(nq_features(self->fd) & NTMS_FEATURE_DOOR))
		SKIP(return, "driver without NTMS_IOC_DOOR");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	ASSERT_EQ(0, nq_open_to_users());
	/* a test that fails does not hold the queue for long */
	ASSERT_EQ(0, tu_write_file(DOOR_TIMEOUT, "20"));
	self->full = nq_full_slot(self->fd, &self->l, 0);
	self->empty = nq_nth_slot(self->fd, &self->l, 0, 0);
	ASSERT_LT(0, self->full);
	ASSERT_LT(0, self->empty);
	ASSERT_EQ(0, dr_slot_barcode(self->fd, &self->l, self->full, self->bc,
				     sizeof(self->bc)));
}

FIXTURE_TEARDOWN(dr)
{
	char why[256] = "", out[256], cmd[128];

	if (self->fd < 0 || !self->l.nr_drives)
		return;
	nq_knob("main_door", "close");
	snprintf(cmd, sizeof(cmd), "sg_prevent --prevent=0 %s", self->l.sg);
	tu_run(cmd, out, sizeof(out));
	tu_write_file(DOOR_TIMEOUT, "300");
	nq_attr_set(&self->l, "ntms_control_gid", "-1");
	/* the cartridges back where the library was loaded with them */
	EXPECT_EQ(0, nq_knob("reset", "1"));
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* an operator moves a cartridge by hand and adds one: FAST finds both */
static void dr_hands(struct __test_metadata *_metadata, FIXTURE_DATA(dr) *self,
		     const char *barcode)
{
	char knob[64];

	ASSERT_EQ(0, nq_knob("main_door", "open"));
	snprintf(knob, sizeof(knob), "%u", self->l.slot_addr[self->full - 1]);
	ASSERT_EQ(0, nq_knob("remove", knob));
	snprintf(knob, sizeof(knob), "%s %u", barcode,
		 self->l.slot_addr[self->empty - 1]);
	ASSERT_EQ(0, nq_knob("insert", knob));
	ASSERT_EQ(0, nq_knob("main_door", "close"));
}

TEST_F_TIMEOUT(dr, fast_finds_what_hands_did, 120)
{
	struct ntms_guid req, later;
	char bc[64];
	uint32_t err;

	ASSERT_EQ(0, dr_door(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
			     &req));
	ASSERT_EQ(0, dr_wait_state(self->fd, &req, NTMS_REQ_INPROCESS, 30));
	/* the queue is held while the door may open */
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &later));
	usleep(300000);
	EXPECT_EQ(NTMS_REQ_QUEUED, dr_state(self->fd, &later));
	EXPECT_EQ(NTMS_REQ_INPROCESS, dr_state(self->fd, &req));
	dr_hands(_metadata, self, "HAND01");
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(0, err);
	EXPECT_EQ(0, dr_slot_barcode(self->fd, &self->l, self->full, bc,
				     sizeof(bc)));
	EXPECT_STREQ("", bc);
	EXPECT_EQ(0, dr_slot_barcode(self->fd, &self->l, self->empty, bc,
				     sizeof(bc)));
	EXPECT_STREQ("HAND01", bc);
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &later, &err));
}

/* DEFAULT has the changer scan first; the door is unlocked for it */
TEST_F_TIMEOUT(dr, default_unlocks_the_door, 120)
{
	struct ntms_guid req;
	char cmd[128], out[256], bc[64];
	uint32_t err;

	snprintf(cmd, sizeof(cmd), "sg_prevent --prevent=1 %s", self->l.sg);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	/* locked: the operator cannot open it */
	EXPECT_EQ(-EBUSY, nq_knob("main_door", "open"));
	ASSERT_EQ(0, dr_door(self->fd, &self->l.lib, NTMS_INVENTORY_DEFAULT,
			     &req));
	ASSERT_EQ(0, dr_wait_state(self->fd, &req, NTMS_REQ_INPROCESS, 30));
	usleep(300000);
	dr_hands(_metadata, self, "HAND02");
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(0, dr_slot_barcode(self->fd, &self->l, self->empty, bc,
				     sizeof(bc)));
	EXPECT_STREQ("HAND02", bc);
}

/* NONE: what the closing's unit attention makes the driver read */
TEST_F_TIMEOUT(dr, none_reads_after_the_attention, 120)
{
	struct ntms_guid req;
	char bc[64] = "x";
	uint32_t err;
	int i;

	ASSERT_EQ(0, dr_door(self->fd, &self->l.lib, NTMS_INVENTORY_NONE,
			     &req));
	ASSERT_EQ(0, dr_wait_state(self->fd, &req, NTMS_REQ_INPROCESS, 30));
	dr_hands(_metadata, self, "HAND03");
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(0, dr_slot_barcode(self->fd, &self->l, self->empty,
					     bc, sizeof(bc)));
		if (!strcmp(bc, "HAND03"))
			break;
		usleep(100000);
	}
	EXPECT_STREQ("HAND03", bc);
}

/* nobody came: the request passes after door_timeout_s, nothing read */
TEST_F_TIMEOUT(dr, nobody_came, 120)
{
	struct ntms_guid req;
	uint32_t err;

	ASSERT_EQ(0, tu_write_file(DOOR_TIMEOUT, "1"));
	ASSERT_EQ(0, dr_door(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
			     &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(0, err);
}

static struct ntms_guid dr_user_lib;

static int dr_user_door(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	ret = dr_door(fd, &dr_user_lib, NTMS_INVENTORY_FAST, NULL);
	close(fd);
	return -ret;
}

/* the documented errors, and a standalone drive's library has no door */
TEST_F_TIMEOUT(dr, errors, 120)
{
	struct ntms_guid list[8], unknown, req;
	struct ntms_object_info oi;
	struct ntms_door d;
	char gid[16];
	uint32_t err;
	int n, i, sa = 0;

	memset(&unknown, 0x5a, sizeof(unknown));
	EXPECT_EQ(-EOPNOTSUPP, dr_door(self->fd, &self->l.lib,
				       NTMS_INVENTORY_OMID, NULL));
	EXPECT_EQ(-EINVAL, dr_door(self->fd, &self->l.lib, 7, NULL));
	EXPECT_EQ(-EINVAL, dr_door(self->fd, &self->l.lib,
				   NTMS_INVENTORY_STOP, NULL));
	EXPECT_EQ(-ENOENT, dr_door(self->fd, &unknown, NTMS_INVENTORY_FAST,
				   NULL));
	EXPECT_EQ(-ENOENT, dr_door(self->fd, &self->l.drives[0],
				   NTMS_INVENTORY_FAST, NULL));
	memset(&d, 0, sizeof(d));
	d.library = self->l.lib;
	d.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DOOR, &d));
	EXPECT_EQ(EINVAL, errno);
	d.flags = 0;
	d.padding[1] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DOOR, &d));
	EXPECT_EQ(EINVAL, errno);

	n = nq_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, list, 8);
	for (i = 0; i < n; i++) {
		if (nq_info(self->fd, &list[i], NTMS_TYPE_LIBRARY, &oi) ||
		    oi.u.library.library_type != NTMS_LIBRARY_TYPE_STANDALONE)
			continue;
		EXPECT_EQ(-EOPNOTSUPP, dr_door(self->fd, &list[i],
					       NTMS_INVENTORY_FAST, NULL));
		sa++;
	}
	EXPECT_LT(0, sa) TH_LOG("no standalone drive (smcsim standalone=1)");

	/* CONTROL access */
	dr_user_lib = self->l.lib;
	EXPECT_EQ(EACCES, nq_as_user(dr_user_door, &self->l));
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_control_gid", gid));
	ASSERT_EQ(0, tu_write_file(DOOR_TIMEOUT, "1"));
	EXPECT_EQ(0, nq_as_user(dr_user_door, &self->l));

	/* disabled */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    0, NULL));
	EXPECT_EQ(-ESHUTDOWN, dr_door(self->fd, &self->l.lib,
				      NTMS_INVENTORY_FAST, NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    1, NULL));
	/* the user's request, nobody at the door */
	ASSERT_EQ(0, dr_door(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
			     &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

TEST_HARNESS_MAIN
