// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_cleaner: the cleaner slot of a library (NTMS_IOC_CLEANER_SLOT):
 * reserve and release with every documented result, through the ioctl
 * and through libntms (ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot),
 * the reservation in the library's information, and the slot kept free
 * of data cartridges. Runs as root in the VM against smcsim with a mail
 * slot and a standalone drive (slots=20 drives=2 ieports=1 media=10
 * standalone=1).
 */
#include <ntmsapi.h>

/* both headers name these two (same values): rename the kernel's */
#define NTMS_EVENT_SIGNAL	KNTMS_EVENT_SIGNAL
#define NTMS_EVENT_COMPLETE	KNTMS_EVENT_COMPLETE
#include <linux/ntms.h>
#undef NTMS_EVENT_SIGNAL
#undef NTMS_EVENT_COMPLETE

#include "nq_util.h"
#include "kselftest_harness.h"

FIXTURE(cl) {
	int fd;
	struct nq_lib l;
};

/* NTMS_IOC_CLEANER_SLOT: 0 or -errno */
static int cl_slot(int fd, const struct ntms_guid *lib,
		   const struct ntms_guid *slot, uint32_t flags)
{
	struct ntms_cleaner_slot cs;

	memset(&cs, 0, sizeof(cs));
	cs.library = *lib;
	if (slot)
		cs.slot = *slot;
	cs.flags = flags;
	return ioctl(fd, NTMS_IOC_CLEANER_SLOT, &cs) ? -errno : 0;
}

static int cl_release(int fd, const struct ntms_guid *lib)
{
	return cl_slot(fd, lib, NULL, NTMS_CLEANER_SLOT_F_RELEASE);
}

FIXTURE_SETUP(cl)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_CLEANER_SLOT))
		SKIP(return, "the driver has no NTMS_IOC_CLEANER_SLOT");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	/* /dev/ntms is root's until udev gives it to a group */
	ASSERT_EQ(0, nq_open_to_users());
	/* no reservation left by a failed test */
	cl_release(self->fd, &self->l.lib);
}

FIXTURE_TEARDOWN(cl)
{
	char why[256] = "";

	if (self->l.nr_drives)
		cl_release(self->fd, &self->l.lib);
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* the library's cleaner slot in its information; zero GUID if none */
static int cl_info(int fd, struct nq_lib *l, struct ntms_guid *slot)
{
	struct ntms_object_info oi;
	int ret = nq_info(fd, &l->lib, NTMS_TYPE_LIBRARY, &oi);

	if (ret)
		return ret;
	*slot = oi.u.library.cleaner_slot;
	if (!(oi.u.library.flags & NTMS_LIBRARY_F_CLEANER_SLOT) !=
	    !!nq_guid_zero(slot))
		return -EPROTO;
	return 0;
}

/* reserve, show, refuse a second, release, refuse a second release */
TEST_F(cl, reserve_release)
{
	int e0 = nq_nth_slot(self->fd, &self->l, 0, 0);
	int e1 = nq_nth_slot(self->fd, &self->l, 1, 0);
	struct ntms_guid got;

	ASSERT_LT(0, e0);
	ASSERT_LT(0, e1);
	ASSERT_EQ(0, cl_info(self->fd, &self->l, &got));
	EXPECT_TRUE(nq_guid_zero(&got));
	ASSERT_EQ(0, cl_slot(self->fd, &self->l.lib, &self->l.slots[e0 - 1],
			     0));
	ASSERT_EQ(0, cl_info(self->fd, &self->l, &got));
	EXPECT_EQ(0, memcmp(&got, &self->l.slots[e0 - 1], sizeof(got)));
	/* this slot or another: already reserved */
	EXPECT_EQ(-EEXIST, cl_slot(self->fd, &self->l.lib,
				   &self->l.slots[e0 - 1], 0));
	EXPECT_EQ(-EEXIST, cl_slot(self->fd, &self->l.lib,
				   &self->l.slots[e1 - 1], 0));
	/* a rescan keeps it */
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, cl_info(self->fd, &self->l, &got));
	EXPECT_EQ(0, memcmp(&got, &self->l.slots[e0 - 1], sizeof(got)));
	EXPECT_EQ(0, cl_release(self->fd, &self->l.lib));
	ASSERT_EQ(0, cl_info(self->fd, &self->l, &got));
	EXPECT_TRUE(nq_guid_zero(&got));
	EXPECT_EQ(-EALREADY, cl_release(self->fd, &self->l.lib));
	/* then another slot may be reserved */
	EXPECT_EQ(0, cl_slot(self->fd, &self->l.lib, &self->l.slots[e1 - 1],
			     0));
	EXPECT_EQ(0, cl_release(self->fd, &self->l.lib));
}

/* the slot must be empty to be reserved, and to be released */
TEST_F(cl, slot_full)
{
	int full = nq_full_slot(self->fd, &self->l, 0);
	int e0 = nq_nth_slot(self->fd, &self->l, 0, 0);
	char args[64], out[1024];

	ASSERT_LT(0, full);
	ASSERT_LT(0, e0);
	EXPECT_EQ(-ENOTEMPTY, cl_slot(self->fd, &self->l.lib,
				      &self->l.slots[full - 1], 0));
	ASSERT_EQ(0, cl_slot(self->fd, &self->l.lib, &self->l.slots[e0 - 1],
			     0));
	/* a cartridge put there behind the driver's back */
	snprintf(args, sizeof(args), "transfer %d %d", full, e0);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(-ENOTEMPTY, cl_release(self->fd, &self->l.lib));
	snprintf(args, sizeof(args), "transfer %d %d", e0, full);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(0, cl_release(self->fd, &self->l.lib));
}

/* the driver never puts a data cartridge in the cleaner slot */
TEST_F_TIMEOUT(cl, kept_for_cleaner, 120)
{
	int s0 = nq_full_slot(self->fd, &self->l, 0);
	struct ntms_guid m, req, loc;
	struct ntms_object_info oi;
	uint32_t err;

	ASSERT_LT(0, s0);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, s0, &m));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	/* its home becomes the cleaner slot while it is out */
	ASSERT_EQ(0, cl_slot(self->fd, &self->l.lib, &self->l.slots[s0 - 1],
			     0));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	loc = oi.u.media.location;
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	EXPECT_NE(0, memcmp(&loc, &self->l.slots[s0 - 1], sizeof(loc)))
		TH_LOG("a data cartridge went to the cleaner slot");
	EXPECT_EQ(0, cl_release(self->fd, &self->l.lib));
}

static struct ntms_guid cl_user_lib, cl_user_slot;

static int cl_user_reserve(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	ret = cl_slot(fd, &cl_user_lib, &cl_user_slot, 0);
	close(fd);
	return -ret;
}

/* the documented errors */
TEST_F_TIMEOUT(cl, errors, 120)
{
	int e0 = nq_nth_slot(self->fd, &self->l, 0, 0);
	struct ntms_guid list[8], unknown;
	struct ntms_object_info oi;
	struct ntms_cleaner_slot cs;
	int n, i, sa = 0;
	char gid[16];

	ASSERT_LT(0, e0);
	memset(&unknown, 0x5a, sizeof(unknown));
	/* arguments */
	memset(&cs, 0, sizeof(cs));
	cs.library = self->l.lib;
	cs.slot = self->l.slots[e0 - 1];
	cs.flags = 2;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_CLEANER_SLOT, &cs));
	EXPECT_EQ(EINVAL, errno);
	cs.flags = 0;
	cs.padding[2] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_CLEANER_SLOT, &cs));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-EINVAL, cl_slot(self->fd, &self->l.lib,
				   &self->l.slots[e0 - 1],
				   NTMS_CLEANER_SLOT_F_RELEASE));
	/* library, then slot */
	EXPECT_EQ(-ENOENT, cl_slot(self->fd, &unknown, &self->l.slots[e0 - 1],
				   0));
	EXPECT_EQ(-ENOENT, cl_slot(self->fd, &self->l.drives[0],
				   &self->l.slots[e0 - 1], 0));
	EXPECT_EQ(-ENOENT, cl_release(self->fd, &unknown));
	EXPECT_EQ(-EBADSLT, cl_slot(self->fd, &self->l.lib, &unknown, 0));
	EXPECT_EQ(-EBADSLT, cl_slot(self->fd, &self->l.lib,
				    &self->l.drives[0], 0));
	EXPECT_EQ(-EBADSLT, cl_slot(self->fd, &self->l.lib, &self->l.lib, 0));

	n = nq_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, list, 8);
	for (i = 0; i < n; i++) {
		if (nq_info(self->fd, &list[i], NTMS_TYPE_LIBRARY, &oi) ||
		    oi.u.library.library_type != NTMS_LIBRARY_TYPE_STANDALONE)
			continue;
		EXPECT_EQ(-EOPNOTSUPP, cl_slot(self->fd, &list[i],
					       &self->l.slots[e0 - 1], 0));
		EXPECT_EQ(-EOPNOTSUPP, cl_release(self->fd, &list[i]));
		sa++;
	}
	EXPECT_LT(0, sa) TH_LOG("no standalone drive (smcsim standalone=1)");

	/* CONTROL access */
	cl_user_lib = self->l.lib;
	cl_user_slot = self->l.slots[e0 - 1];
	EXPECT_EQ(EACCES, nq_as_user(cl_user_reserve, &self->l));
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_control_gid", gid));
	EXPECT_EQ(0, nq_as_user(cl_user_reserve, &self->l));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_control_gid", "-1"));
	EXPECT_EQ(0, cl_release(self->fd, &self->l.lib));

	/* disabled */
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    0, NULL));
	EXPECT_EQ(-ESHUTDOWN, cl_slot(self->fd, &self->l.lib,
				      &self->l.slots[e0 - 1], 0));
	EXPECT_EQ(-ESHUTDOWN, cl_release(self->fd, &self->l.lib));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    1, NULL));
}

static NTMS_GUID cl_user_g_lib, cl_user_g_slot;

static int cl_user_reserve_api(struct nq_lib *l)
{
	HANDLE s = OpenNtmsSession(NULL, "user", 0);
	DWORD ret, last;

	if (s == INVALID_HANDLE_VALUE)
		return 101;
	ret = ReserveNtmsCleanerSlot(s, &cl_user_g_lib, &cl_user_g_slot);
	last = GetLastError();
	CloseNtmsSession(s);
	if (ret == ERROR_ACCESS_DENIED && last == ret)
		return 0;
	fprintf(stderr, "# ReserveNtmsCleanerSlot as a user: %u\n", ret);
	return 102;
}

/* every result of ReserveNtmsCleanerSlot() and ReleaseNtmsCleanerSlot() */
TEST_F_TIMEOUT(cl, libntms_results, 120)
{
	int e0 = nq_nth_slot(self->fd, &self->l, 0, 0);
	int e1 = nq_nth_slot(self->fd, &self->l, 1, 0);
	int full = nq_full_slot(self->fd, &self->l, 0);
	NTMS_GUID lib, slot, other, fslot, drive, unknown, sa_lib;
	struct ntms_guid list[8];
	NTMS_OBJECTINFORMATION info;
	struct ntms_object_info oi;
	char args[64], out[1024];
	HANDLE s, closed;
	int n, i;

	ASSERT_LT(0, e0);
	ASSERT_LT(0, e1);
	ASSERT_LT(0, full);
	memcpy(&lib, &self->l.lib, sizeof(lib));
	memcpy(&slot, &self->l.slots[e0 - 1], sizeof(slot));
	memcpy(&other, &self->l.slots[e1 - 1], sizeof(other));
	memcpy(&fslot, &self->l.slots[full - 1], sizeof(fslot));
	memcpy(&drive, &self->l.drives[0], sizeof(drive));
	memset(&unknown, 0x5a, sizeof(unknown));
	memset(&sa_lib, 0, sizeof(sa_lib));
	n = nq_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, list, 8);
	for (i = 0; i < n; i++)
		if (!nq_info(self->fd, &list[i], NTMS_TYPE_LIBRARY, &oi) &&
		    oi.u.library.library_type == NTMS_LIBRARY_TYPE_STANDALONE)
			memcpy(&sa_lib, &list[i], sizeof(sa_lib));
	s = OpenNtmsSession(NULL, "ntms_cleaner", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	closed = OpenNtmsSession(NULL, "closed", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, closed);
	CloseNtmsSession(closed);

	EXPECT_EQ(ERROR_INVALID_HANDLE, ReserveNtmsCleanerSlot(closed, &lib,
								&slot));
	EXPECT_EQ(ERROR_INVALID_HANDLE, ReleaseNtmsCleanerSlot(closed, &lib));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, ReserveNtmsCleanerSlot(s, &lib,
								   NULL));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, ReserveNtmsCleanerSlot(s, NULL,
								   &slot));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, ReleaseNtmsCleanerSlot(s, NULL));
	EXPECT_EQ(ERROR_INVALID_LIBRARY, ReserveNtmsCleanerSlot(s, &unknown,
								 &slot));
	EXPECT_EQ(ERROR_INVALID_LIBRARY, ReleaseNtmsCleanerSlot(s, &unknown));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, ReserveNtmsCleanerSlot(s, &sa_lib,
							       &slot));
	EXPECT_EQ(ERROR_NOT_SUPPORTED, ReleaseNtmsCleanerSlot(s, &sa_lib));
	/* "invalid slot" */
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND, ReserveNtmsCleanerSlot(s, &lib,
								  &unknown));
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND, ReserveNtmsCleanerSlot(s, &lib,
								  &drive));
	/* "slot full" */
	EXPECT_EQ(ERROR_NOT_EMPTY, ReserveNtmsCleanerSlot(s, &lib, &fslot));
	EXPECT_EQ(ERROR_NOT_EMPTY, GetLastError());
	/* "no slot reserved" */
	EXPECT_EQ(ERROR_CLEANER_SLOT_NOT_SET, ReleaseNtmsCleanerSlot(s, &lib));

	ASSERT_EQ(ERROR_SUCCESS, ReserveNtmsCleanerSlot(s, &lib, &slot));
	info.dwSize = sizeof(info);
	info.dwType = NTMS_LIBRARY;
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &lib, &info));
	EXPECT_EQ(0, memcmp(&info.Info.Library.CleanerSlot, &slot,
			    sizeof(slot)));
	/* "already reserved", this slot or another */
	EXPECT_EQ(ERROR_CLEANER_SLOT_SET, ReserveNtmsCleanerSlot(s, &lib,
								  &slot));
	EXPECT_EQ(ERROR_CLEANER_SLOT_SET, ReserveNtmsCleanerSlot(s, &lib,
								  &other));
	/* the slot full: release refused */
	snprintf(args, sizeof(args), "transfer %d %d", full, e0);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(ERROR_NOT_EMPTY, ReleaseNtmsCleanerSlot(s, &lib));
	snprintf(args, sizeof(args), "transfer %d %d", e0, full);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(ERROR_SUCCESS, ReleaseNtmsCleanerSlot(s, &lib));
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &lib, &info));
	EXPECT_TRUE(NTMS_IS_NULLGUID(info.Info.Library.CleanerSlot));

	/* access, then a disabled library ("not connected") */
	cl_user_g_lib = lib;
	cl_user_g_slot = slot;
	EXPECT_EQ(0, nq_as_user(cl_user_reserve_api, &self->l));
	ASSERT_EQ(ERROR_SUCCESS, DisableNtmsObject(s, NTMS_LIBRARY, &lib));
	EXPECT_EQ(ERROR_DEVICE_NOT_AVAILABLE,
		  ReserveNtmsCleanerSlot(s, &lib, &slot));
	EXPECT_EQ(ERROR_DEVICE_NOT_AVAILABLE, ReleaseNtmsCleanerSlot(s, &lib));
	ASSERT_EQ(ERROR_SUCCESS, EnableNtmsObject(s, NTMS_LIBRARY, &lib));
	CloseNtmsSession(s);
}

/* ntmsctl cleaner-slot reserve SLOT, release LIBRARY, and a refusal */
TEST_F(cl, ntmsctl)
{
	int e0 = nq_nth_slot(self->fd, &self->l, 0, 0);
	struct ntms_object_info oi;
	struct ntms_guid got;
	char cmd[256], out[4096], name[64];

	ASSERT_LT(0, e0);
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	snprintf(name, sizeof(name), "%s", oi.name);
	snprintf(cmd, sizeof(cmd), "ntmsctl cleaner-slot reserve %s:@%u 2>&1",
		 name, self->l.slot_addr[e0 - 1]);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "cleaner slot reserved")) TH_LOG("%s", out);
	ASSERT_EQ(0, cl_info(self->fd, &self->l, &got));
	EXPECT_EQ(0, memcmp(&got, &self->l.slots[e0 - 1], sizeof(got)));
	EXPECT_NE(0, tu_run(cmd, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "ERROR_CLEANER_SLOT_SET")) TH_LOG("%s", out);
	snprintf(cmd, sizeof(cmd), "ntmsctl info %s 2>&1", name);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "CleanerSlot")) TH_LOG("%s", out);
	snprintf(cmd, sizeof(cmd), "ntmsctl cleaner-slot release %s 2>&1",
		 name);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "cleaner slot released")) TH_LOG("%s", out);
	EXPECT_NE(0, tu_run(cmd, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "ERROR_CLEANER_SLOT_NOT_SET"))
		TH_LOG("%s", out);
	EXPECT_EQ(2, tu_run("ntmsctl cleaner-slot swap x 2>&1", out,
			    sizeof(out))) TH_LOG("%s", out);
}

/* a slot the changer reports not installed (ACCESS clear) */
TEST_F(cl, slot_not_present)
{
	int e0 = nq_nth_slot(self->fd, &self->l, 0, 0);
	int e1 = nq_nth_slot(self->fd, &self->l, 1, 0);
	NTMS_GUID lib, slot;
	char knob[32];
	HANDLE s;

	ASSERT_LT(0, e0);
	ASSERT_LT(0, e1);
	snprintf(knob, sizeof(knob), "%u 0", self->l.slot_addr[e0 - 1]);
	ASSERT_EQ(0, nq_knob("slot_access", knob));
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(-EADDRNOTAVAIL, cl_slot(self->fd, &self->l.lib,
					  &self->l.slots[e0 - 1], 0));
	s = OpenNtmsSession(NULL, "ntms_cleaner", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	memcpy(&lib, &self->l.lib, sizeof(lib));
	memcpy(&slot, &self->l.slots[e0 - 1], sizeof(slot));
	EXPECT_EQ(ERROR_RESOURCE_NOT_PRESENT,
		  ReserveNtmsCleanerSlot(s, &lib, &slot));
	/* reserved, then its magazine taken out: release refused */
	memcpy(&slot, &self->l.slots[e1 - 1], sizeof(slot));
	ASSERT_EQ(ERROR_SUCCESS, ReserveNtmsCleanerSlot(s, &lib, &slot));
	snprintf(knob, sizeof(knob), "%u 0", self->l.slot_addr[e1 - 1]);
	ASSERT_EQ(0, nq_knob("slot_access", knob));
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(-EADDRNOTAVAIL, cl_release(self->fd, &self->l.lib));
	EXPECT_EQ(ERROR_RESOURCE_NOT_PRESENT, ReleaseNtmsCleanerSlot(s, &lib));
	/* back in */
	snprintf(knob, sizeof(knob), "%u 1", self->l.slot_addr[e0 - 1]);
	EXPECT_EQ(0, nq_knob("slot_access", knob));
	snprintf(knob, sizeof(knob), "%u 1", self->l.slot_addr[e1 - 1]);
	EXPECT_EQ(0, nq_knob("slot_access", knob));
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(ERROR_SUCCESS, ReleaseNtmsCleanerSlot(s, &lib));
	EXPECT_EQ(-EINVAL, nq_knob("slot_access", "1 0"));
	CloseNtmsSession(s);
}

TEST_HARNESS_MAIN
