// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_control: two functions of the RSM Library Control family, through
 * the ioctls and through libntms.
 *
 *  - IdentifyNtmsSlot (NTMS_IOC_IDENTIFY_SLOT): a cartridge moved into or
 *    out of a slot behind the driver's back (mtx through the changer's
 *    /dev/sgN: smcsim raises no UNIT ATTENTION for it), or replaced by
 *    one with another barcode, is found once that slot is identified; no
 *    cartridge is then shown in two places or in none.
 *  - EjectDiskFromSADrive (NTMS_IOC_UNLOAD_DRIVE): the standalone drive
 *    really unloads (TEST UNIT READY: NOT READY afterwards, sg_turs) and
 *    is UNLOADED; every result the drive or the checks can give.
 *
 * Runs as root in the VM against smcsim with one library of at least two
 * drives and two mail slots, and one standalone drive (standalone=1).
 */
#include <sys/mtio.h>

#include <ntmsapi.h>

/* both headers name these two (same values): rename the kernel's */
#define NTMS_EVENT_SIGNAL	KNTMS_EVENT_SIGNAL
#define NTMS_EVENT_COMPLETE	KNTMS_EVENT_COMPLETE
#include <linux/ntms.h>
#undef NTMS_EVENT_SIGNAL
#undef NTMS_EVENT_COMPLETE

#include "nq_util.h"
#include "kselftest_harness.h"

#define SA_DBG		"/sys/kernel/debug/smcsim/standalone"

FIXTURE(ctl) {
	int fd;
	struct nq_lib l;
	HANDLE s;
};

FIXTURE_SETUP(ctl)
{
	self->s = INVALID_HANDLE_VALUE;
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_IDENTIFY_SLOT))
		SKIP(return, "the driver has no NTMS_IOC_IDENTIFY_SLOT");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	self->s = OpenNtmsSession(NULL, "ntms_control", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, self->s);
}

FIXTURE_TEARDOWN(ctl)
{
	char why[256] = "";

	if (self->s != INVALID_HANDLE_VALUE)
		CloseNtmsSession(self->s);
	tu_write_file(SA_DBG "/fail", "clear");
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* NTMS_IOC_IDENTIFY_SLOT: 0 or -errno, the request in @req */
NQ_CALL int identify(int fd, const struct ntms_guid *slot,
		     struct ntms_guid *req)
{
	struct ntms_identify_slot is;

	memset(&is, 0, sizeof(is));
	is.slot = *slot;
	if (ioctl(fd, NTMS_IOC_IDENTIFY_SLOT, &is))
		return -errno;
	if (req)
		*req = is.request;
	return 0;
}

/* NTMS_IOC_UNLOAD_DRIVE: 0 or -errno */
NQ_CALL int unload(int fd, const struct ntms_guid *drive)
{
	struct ntms_unload_drive ud;

	memset(&ud, 0, sizeof(ud));
	ud.drive = *drive;
	return ioctl(fd, NTMS_IOC_UNLOAD_DRIVE, &ud) ? -errno : 0;
}

/* the barcode the driver shows in slot @slot1 (1-based), "" if empty */
static const char *slot_barcode(int fd, struct nq_lib *l, int slot1)
{
	static char bc[64];

	if (nq_elem_barcode(fd, &l->slots[slot1 - 1], NTMS_TYPE_STORAGESLOT,
			    bc, sizeof(bc)))
		return "?";
	return bc;
}

/* the driver's slot state of slot @slot1 */
static uint32_t slot_state(int fd, struct nq_lib *l, int slot1)
{
	struct ntms_object_info oi;

	if (nq_info(fd, &l->slots[slot1 - 1], NTMS_TYPE_STORAGESLOT, &oi))
		return 99;
	return oi.u.slot.state;
}

/* mtx transfer, behind the driver's back (no UNIT ATTENTION) */
static int move_silently(struct nq_lib *l, int from1, int to1)
{
	char args[64], out[512];

	snprintf(args, sizeof(args), "transfer %d %d", from1, to1);
	return nq_mtx(l, args, out, sizeof(out));
}

/* the standalone drive and its information: 0, or -ENOENT */
static int sa_find(int fd, struct ntms_guid *drive,
		   struct ntms_object_info *oi)
{
	struct ntms_guid list[NQ_MAX];
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_DRIVE, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++) {
		if (!nq_info(fd, &list[i], NTMS_TYPE_DRIVE, oi) &&
		    (oi->u.drive.flags & NTMS_DRIVE_F_STANDALONE) &&
		    oi->u.drive.tape_name[0] && oi->u.drive.sg_name[0]) {
			*drive = list[i];
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * TEST UNIT READY of a sg device: sg_turs's status (2: NOT READY), once
 * past the unit attentions (status 6) a reset or a load leaves pending
 */
static int turs(const char *sg)
{
	char cmd[96], out[512];
	int i, ret = 6;

	snprintf(cmd, sizeof(cmd), "sg_turs /dev/%s", sg);
	for (i = 0; i < 4 && ret == 6; i++)
		ret = tu_run(cmd, out, sizeof(out));
	return ret;
}

/* the standalone drive loaded again (LOAD UNLOAD, LOAD set) */
static int sa_load(const char *sg)
{
	char cmd[96], out[512];

	snprintf(cmd, sizeof(cmd), "sg_start --load /dev/%s", sg);
	return tu_run(cmd, out, sizeof(out));
}

/*
 * A cartridge moved into an empty slot behind the driver's back: the
 * driver still shows it where it was; identifying the new slot finds it
 * there and shows the old slot empty.
 */
TEST_F(ctl, identify_moved_in)
{
	struct ntms_object_info oi;
	struct ntms_guid req, m;
	int from = nq_full_slot(self->fd, &self->l, 0);
	int to = nq_nth_slot(self->fd, &self->l, 0, 0);
	char bc[64], why[256] = "";
	uint32_t err;

	ASSERT_LT(0, from);
	ASSERT_LT(0, to);
	snprintf(bc, sizeof(bc), "%s", slot_barcode(self->fd, &self->l, from));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from, &m));
	ASSERT_EQ(0, move_silently(&self->l, from, to));
	/* the model is stale: what follows is the identify's doing */
	EXPECT_STREQ(bc, slot_barcode(self->fd, &self->l, from));
	EXPECT_STREQ("", slot_barcode(self->fd, &self->l, to));

	ASSERT_EQ(0, identify(self->fd, &self->l.slots[to - 1], &req));
	EXPECT_FALSE(nq_guid_zero(&req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(0, err);
	EXPECT_STREQ(bc, slot_barcode(self->fd, &self->l, to));
	EXPECT_STREQ("", slot_barcode(self->fd, &self->l, from));
	EXPECT_EQ(NTMS_SLOT_STATE_EMPTY, slot_state(self->fd, &self->l, from));
	EXPECT_EQ(NTMS_SLOT_STATE_FULL, slot_state(self->fd, &self->l, to));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(self->l.slot_addr[to - 1], oi.u.media.location_address);
	/* the request names the slot and the cartridge found there */
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(NTMS_REQ_OP_INVENTORY, oi.u.request.operation);
	EXPECT_EQ(0, memcmp(&oi.u.request.slot, &self->l.slots[to - 1], 16));
	EXPECT_EQ(0, memcmp(&oi.u.request.media, &m, 16));
	/* one place each, as the changer says, before any other read */
	EXPECT_EQ(0, nq_consistent(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_EQ(0, move_silently(&self->l, to, from));
}

/*
 * A cartridge moved out of a slot behind the driver's back: identifying
 * the slot it left shows it empty, and the cartridge where it went (the
 * driver reads the rest of the library rather than show it nowhere).
 */
TEST_F(ctl, identify_moved_out)
{
	int from = nq_full_slot(self->fd, &self->l, 0);
	int to = nq_nth_slot(self->fd, &self->l, 0, 0);
	char bc[64], why[256] = "";
	struct ntms_guid req;
	uint32_t err;

	ASSERT_LT(0, from);
	ASSERT_LT(0, to);
	snprintf(bc, sizeof(bc), "%s", slot_barcode(self->fd, &self->l, from));
	ASSERT_EQ(0, move_silently(&self->l, from, to));
	EXPECT_STREQ(bc, slot_barcode(self->fd, &self->l, from));

	ASSERT_EQ(0, identify(self->fd, &self->l.slots[from - 1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_STREQ("", slot_barcode(self->fd, &self->l, from));
	EXPECT_STREQ(bc, slot_barcode(self->fd, &self->l, to));
	EXPECT_EQ(0, nq_consistent(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_EQ(0, move_silently(&self->l, to, from));
}

/*
 * A slot whose cartridge was swapped for one with another barcode: the
 * identify shows the new barcode, and the old cartridge, gone from the
 * library, offline (not nowhere, not still in the slot).
 */
TEST_F(ctl, identify_new_barcode)
{
	int slot = nq_full_slot(self->fd, &self->l, 0);
	char args[64], out[512], knob[64], old[64], why[256] = "";
	struct ntms_object_info oi;
	struct ntms_guid req, m;
	uint32_t port, err;

	ASSERT_LT(0, slot);
	ASSERT_EQ(0, nq_first_port(&port));
	snprintf(old, sizeof(old), "%s", slot_barcode(self->fd, &self->l, slot));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, slot, &m));
	/* the operator swaps the labels, through the mail slot */
	snprintf(args, sizeof(args), "transfer %d %u", slot,
		 self->l.nr_slots + 1);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	snprintf(knob, sizeof(knob), "%u", port);
	ASSERT_EQ(0, nq_knob("remove", knob));
	snprintf(knob, sizeof(knob), "IDNEW1L6 %u", port);
	ASSERT_EQ(0, nq_knob("insert", knob));
	snprintf(args, sizeof(args), "transfer %u %d", self->l.nr_slots + 1,
		 slot);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);

	ASSERT_EQ(0, identify(self->fd, &self->l.slots[slot - 1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_STREQ("IDNEW1L6", slot_barcode(self->fd, &self->l, slot));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_TRUE(oi.u.media.flags & NTMS_MEDIA_F_OFFLINE)
		TH_LOG("%s still at %u", old, oi.u.media.location_address);
	EXPECT_EQ(0, nq_consistent(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
}

/* an empty slot: success, and no cartridge appears */
TEST_F(ctl, identify_empty)
{
	int slot = nq_nth_slot(self->fd, &self->l, 0, 0);
	struct ntms_object_info oi;
	struct ntms_guid req;
	uint32_t err;

	ASSERT_LT(0, slot);
	ASSERT_EQ(0, identify(self->fd, &self->l.slots[slot - 1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_TRUE(nq_guid_zero(&oi.u.request.media));
	EXPECT_EQ(NTMS_SLOT_STATE_EMPTY, slot_state(self->fd, &self->l, slot));
}

/* the slot the unprivileged child identifies */
static struct ntms_guid user_slot;

/* as NQ_UID: 1 if the ioctl and IdentifyNtmsSlot() are refused */
static int user_identify(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;
	NTMS_GUID g;
	HANDLE s;

	if (fd < 0)
		return 101;
	ret = identify(fd, &user_slot, NULL);
	close(fd);
	if (ret != -EACCES)
		return 102;
	s = OpenNtmsSession(NULL, "user", 0);
	if (s == INVALID_HANDLE_VALUE)
		return 103;
	memcpy(&g, &user_slot, sizeof(g));
	ret = IdentifyNtmsSlot(s, &g, 0) == ERROR_ACCESS_DENIED &&
	      GetLastError() == ERROR_ACCESS_DENIED;
	CloseNtmsSession(s);
	return ret ? 1 : 104;
}

/* every result of NTMS_IOC_IDENTIFY_SLOT and of IdentifyNtmsSlot() */
TEST_F(ctl, identify_results)
{
	struct ntms_identify_slot is;
	NTMS_GUID slot, drive, unknown;
	HANDLE closed;

	memcpy(&slot, &self->l.slots[0], sizeof(slot));
	memcpy(&drive, &self->l.drives[0], sizeof(drive));
	memset(&unknown, 0x5a, sizeof(unknown));

	/* the ioctl: argument rules */
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_IDENTIFY_SLOT, NULL));
	EXPECT_EQ(EFAULT, errno);
	memset(&is, 0, sizeof(is));
	is.slot = self->l.slots[0];
	is.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_IDENTIFY_SLOT, &is));
	EXPECT_EQ(EINVAL, errno);
	is.flags = 0;
	is.padding[2] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_IDENTIFY_SLOT, &is));
	EXPECT_EQ(EINVAL, errno);
	/* not a storage slot */
	EXPECT_EQ(-ENOENT, identify(self->fd, (void *)&unknown, NULL));
	EXPECT_EQ(-ENOENT, identify(self->fd, &self->l.drives[0], NULL));
	EXPECT_EQ(-ENOENT, identify(self->fd, &self->l.lib, NULL));

	/* libntms */
	EXPECT_EQ(ERROR_INVALID_PARAMETER, IdentifyNtmsSlot(self->s, NULL, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  IdentifyNtmsSlot(self->s, &slot, 3));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  IdentifyNtmsSlot(self->s, &unknown, 0));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  IdentifyNtmsSlot(self->s, &drive, 0));
	EXPECT_EQ(ERROR_SUCCESS, IdentifyNtmsSlot(self->s, &slot, 0));
	EXPECT_EQ(ERROR_SUCCESS,
		  IdentifyNtmsSlot(self->s, &slot, NTMS_DISMOUNT_DEFERRED));
	EXPECT_EQ(ERROR_SUCCESS,
		  IdentifyNtmsSlot(self->s, &slot, NTMS_DISMOUNT_IMMEDIATE));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	closed = OpenNtmsSession(NULL, "closed", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, closed);
	ASSERT_EQ(ERROR_SUCCESS, CloseNtmsSession(closed));
	EXPECT_EQ(ERROR_INVALID_HANDLE, IdentifyNtmsSlot(closed, &slot, 0));
	EXPECT_EQ(ERROR_INVALID_HANDLE, IdentifyNtmsSlot(NULL, &slot, 0));

	/* a disabled library */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib,
				    NTMS_TYPE_LIBRARY, 0, NULL));
	EXPECT_EQ(-ESHUTDOWN, identify(self->fd, &self->l.slots[0], NULL));
	EXPECT_EQ(ERROR_DEVICE_NOT_AVAILABLE,
		  IdentifyNtmsSlot(self->s, &slot, 0));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib,
				    NTMS_TYPE_LIBRARY, 1, NULL));

	/* no CONTROL access */
	user_slot = self->l.slots[0];
	ASSERT_EQ(0, nq_open_to_users());
	EXPECT_EQ(1, nq_as_user(user_identify, NULL));
}

/* failslab on the request path: ENOMEM, nothing queued (debug kernel) */
TEST_F(ctl, identify_no_memory)
{
	NTMS_GUID slot;
	int ret, mf;
	DWORD w;

	if (access(NQ_FAILSLAB, F_OK))
		SKIP(return, "no failslab (not the debug kernel)");
	memcpy(&slot, &self->l.slots[0], sizeof(slot));
	mf = nq_failslab_begin();
	ASSERT_LE(0, mf);
	ret = identify(self->fd, &self->l.slots[0], NULL);
	nq_failslab_end(mf);
	EXPECT_EQ(-ENOMEM, ret);
	mf = nq_failslab_begin();
	ASSERT_LE(0, mf);
	w = IdentifyNtmsSlot(self->s, &slot, 0);
	nq_failslab_end(mf);
	EXPECT_EQ(ERROR_NOT_ENOUGH_MEMORY, w);
	EXPECT_EQ(0, identify(self->fd, &self->l.slots[0], NULL));
}

/* the standalone drive the unprivileged child unloads */
static struct ntms_guid user_drive;
static char user_tape[64];

/* as NQ_UID: 1 if the ioctl and EjectDiskFromSADrive() are refused */
static int user_unload(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 101;
	ret = unload(fd, &user_drive);
	close(fd);
	if (ret != -EACCES)
		return 102;
	if (EjectDiskFromSADrive(NULL, "user", user_tape, NULL, NULL, NULL,
				 NTMS_EJECT_START) != ERROR_ACCESS_DENIED ||
	    GetLastError() != ERROR_ACCESS_DENIED)
		return 103;
	return 1;
}

/* EjectDiskFromSADrive() on the standalone drive's tape device @tape */
static DWORD eject_sa(const char *tape, DWORD options)
{
	return EjectDiskFromSADrive(NULL, "ntms_control", tape, NULL, "title",
				    "message", options);
}

/*
 * The standalone drive unloads: the drive answers NOT READY afterwards
 * and is UNLOADED; once more: nothing loaded.
 */
TEST_F(ctl, unload_standalone)
{
	struct ntms_object_info oi;
	struct ntms_guid drive;
	char path[64], sg[40];

	if (sa_find(self->fd, &drive, &oi))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	snprintf(sg, sizeof(sg), "%s", oi.u.drive.sg_name);
	snprintf(path, sizeof(path), "/dev/%.31s", oi.u.drive.tape_name);
	ASSERT_EQ(0, turs(sg));

	/* through the ioctl */
	ASSERT_EQ(0, unload(self->fd, &drive));
	EXPECT_EQ(NTMS_DRIVE_STATE_UNLOADED, nq_drive_state(self->fd, &drive));
	EXPECT_EQ(2, turs(sg));
	EXPECT_EQ(-ENOMEDIUM, unload(self->fd, &drive));
	EXPECT_EQ(NTMS_DRIVE_STATE_UNLOADED, nq_drive_state(self->fd, &drive));
	EXPECT_EQ(ERROR_INVALID_STATE, eject_sa(path, NTMS_EJECT_START));

	/* through libntms: by name ("nst0"), by path, by the rewinding path */
	ASSERT_EQ(0, sa_load(sg));
	ASSERT_EQ(0, turs(sg));
	EXPECT_EQ(ERROR_SUCCESS, eject_sa(path + 5, NTMS_EJECT_IMMEDIATE));
	EXPECT_EQ(ERROR_SUCCESS, GetLastError());
	EXPECT_EQ(2, turs(sg));
	ASSERT_EQ(0, sa_load(sg));
	EXPECT_EQ(ERROR_SUCCESS, eject_sa(path, NTMS_EJECT_QUEUE));
	EXPECT_EQ(2, turs(sg));
	ASSERT_EQ(0, sa_load(sg));
	/* "/dev/stN": the same drive */
	snprintf(path, sizeof(path), "/dev/%.31s", oi.u.drive.tape_name + 1);
	EXPECT_EQ(ERROR_SUCCESS, eject_sa(path, NTMS_EJECT_FORCE));
	EXPECT_EQ(NTMS_DRIVE_STATE_UNLOADED, nq_drive_state(self->fd, &drive));
	EXPECT_EQ(2, turs(sg));
	ASSERT_EQ(0, sa_load(sg));
}

/* every other result of NTMS_IOC_UNLOAD_DRIVE and EjectDiskFromSADrive() */
TEST_F(ctl, unload_results)
{
	struct ntms_unload_drive ud;
	struct ntms_object_info oi;
	struct ntms_guid drive;
	char path[64], lpath[64], sg[40];
	struct mtop lock = { .mt_op = MTLOCK, .mt_count = 1 };
	struct mtop unlock = { .mt_op = MTUNLOCK, .mt_count = 1 };
	int tfd;

	if (sa_find(self->fd, &drive, &oi))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	snprintf(sg, sizeof(sg), "%s", oi.u.drive.sg_name);
	snprintf(path, sizeof(path), "/dev/%.31s", oi.u.drive.tape_name);
	snprintf(lpath, sizeof(lpath), "/dev/%.31s", self->l.tape[0]);
	ASSERT_EQ(0, turs(sg));

	/* argument rules */
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_UNLOAD_DRIVE, NULL));
	EXPECT_EQ(EFAULT, errno);
	memset(&ud, 0, sizeof(ud));
	ud.drive = drive;
	ud.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_UNLOAD_DRIVE, &ud));
	EXPECT_EQ(EINVAL, errno);
	ud.flags = 0;
	ud.padding[0] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_UNLOAD_DRIVE, &ud));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(ERROR_INVALID_PARAMETER, eject_sa(NULL, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, eject_sa(path, 17));
	EXPECT_EQ(ERROR_INVALID_OPERATION, eject_sa(path, NTMS_EJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_COMPUTERNAME,
		  EjectDiskFromSADrive("tapeserver.example.org", NULL, path,
				       NULL, NULL, NULL, NTMS_EJECT_START));

	/* not a standalone drive */
	EXPECT_EQ(-ENOENT, unload(self->fd, &self->l.slots[0]));
	EXPECT_EQ(-EOPNOTSUPP, unload(self->fd, &self->l.drives[0]));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, eject_sa("/dev/nst99",
						    NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, eject_sa("/dev/sda",
						    NTMS_EJECT_START));
	if (self->l.tape[0][0])
		EXPECT_EQ(ERROR_INVALID_PARAMETER,
			  eject_sa(lpath, NTMS_EJECT_START));

	/* disabled */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &drive, NTMS_TYPE_DRIVE, 0,
				    NULL));
	EXPECT_EQ(-ESHUTDOWN, unload(self->fd, &drive));
	EXPECT_EQ(ERROR_DEVICE_NOT_AVAILABLE, eject_sa(path, NTMS_EJECT_START));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &drive, NTMS_TYPE_DRIVE, 1,
				    NULL));

	/* opened: a process holds the tape device with removal prevented */
	tfd = open(path, O_RDONLY);
	ASSERT_LE(0, tfd) TH_LOG("open %s: %s", path, strerror(errno));
	ASSERT_EQ(0, ioctl(tfd, MTIOCTOP, &lock));
	EXPECT_EQ(-EBUSY, unload(self->fd, &drive));
	EXPECT_EQ(ERROR_BUSY, eject_sa(path, NTMS_EJECT_START));
	/* st keeps an explicit lock after close: unlock first */
	EXPECT_EQ(0, ioctl(tfd, MTIOCTOP, &unlock));
	close(tfd);
	EXPECT_EQ(0, turs(sg));

	/* the drive's own answers */
	ASSERT_EQ(0, tu_write_file(SA_DBG "/fail", "0x1b 2 5 0x53 0x02"));
	EXPECT_EQ(-EBUSY, unload(self->fd, &drive));
	EXPECT_EQ(ERROR_BUSY, eject_sa(path, NTMS_EJECT_START));
	ASSERT_EQ(0, tu_write_file(SA_DBG "/fail", "0x1b 2 2 0x04 0x12"));
	EXPECT_EQ(-EHOSTDOWN, unload(self->fd, &drive));
	EXPECT_EQ(ERROR_LIBRARY_OFFLINE, eject_sa(path, NTMS_EJECT_START));
	ASSERT_EQ(0, tu_write_file(SA_DBG "/fail", "0x1b 2 3 0x11 0x00"));
	EXPECT_EQ(-EIO, unload(self->fd, &drive));
	EXPECT_EQ(ERROR_IO_DEVICE, eject_sa(path, NTMS_EJECT_START));
	/* none of them unloaded it */
	EXPECT_EQ(0, turs(sg));

	/* no CONTROL access */
	user_drive = drive;
	snprintf(user_tape, sizeof(user_tape), "%s", path);
	ASSERT_EQ(0, nq_open_to_users());
	EXPECT_EQ(1, nq_as_user(user_unload, NULL));
	EXPECT_EQ(0, turs(sg));
}

TEST_HARNESS_MAIN
