// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_mount: MountNtmsMedia's corners in the request queue: the drives a
 * request used (NTMS_IOC_REQUEST_DRIVES), the MOUNTED state across element
 * re-reads, cartridges of two libraries, disabled cartridges, standalone
 * drives and the removal of a library under a waiter. Runs as root in the
 * VM against smcsim with libraries=2 standalone=1 and at least two drives
 * per library; the tests act on library 0 (changer SMC00LIB0001), whose
 * knobs are in NQ_DBG.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "nq_util.h"
#include "kselftest_harness.h"

#define NQ_LIB0		"SMC00LIB0001"

FIXTURE(mt) {
	int fd;
	struct nq_lib l;
};

FIXTURE_SETUP(mt)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT))
		SKIP(return, "the driver has no NTMS_IOC_MOUNT");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NQ_LIB0));
}

FIXTURE_TEARDOWN(mt)
{
	char why[256] = "";

	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* NTMS_IOC_REQUEST_DRIVES: 0 or -errno; @count in/out */
static int req_drives(int fd, const struct ntms_guid *req,
		      struct ntms_guid *media, struct ntms_guid *drives,
		      uint32_t *count)
{
	struct ntms_request_drives rd;
	int ret = 0;

	memset(&rd, 0, sizeof(rd));
	rd.request = *req;
	rd.media = (uintptr_t)media;
	rd.drives = (uintptr_t)drives;
	rd.count = *count;
	if (ioctl(fd, NTMS_IOC_REQUEST_DRIVES, &rd))
		ret = -errno;
	*count = rd.count;
	return ret;
}

/* where a cartridge is: its location's GUID and type */
static int media_loc(int fd, const struct ntms_guid *m, struct ntms_guid *loc,
		     uint32_t *type, uint32_t *state)
{
	struct ntms_object_info oi;
	int ret = nq_info(fd, m, NTMS_TYPE_PHYSICAL_MEDIA, &oi);

	if (ret)
		return ret;
	*loc = oi.u.media.location;
	*type = oi.u.media.location_type;
	*state = oi.u.media.state;
	return 0;
}

/* two cartridges, the driver's choice: the drive of each is reported */
TEST_F(mt, request_drives)
{
	struct ntms_guid m[2], got_m[2], got_d[2], loc, req, inv;
	struct ntms_request_drives rd;
	uint32_t err, n, type, state;
	int i;

	if (!(nq_features(self->fd) & NTMS_FEATURE_REQUEST_DRIVES))
		SKIP(return, "no NTMS_IOC_REQUEST_DRIVES");
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
					   nq_full_slot(self->fd, &self->l, i),
					   &m[i]));
	ASSERT_EQ(0, nq_mount(self->fd, m, NULL, 2, NTMS_MOUNT_F_READ, 0,
			      &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	/* too small: the count needed, nothing written */
	n = 1;
	memset(got_d, 0, sizeof(got_d));
	EXPECT_EQ(-EOVERFLOW, req_drives(self->fd, &req, NULL, got_d, &n));
	EXPECT_EQ(2, n);
	EXPECT_TRUE(nq_guid_zero(&got_d[0]));
	n = 2;
	ASSERT_EQ(0, req_drives(self->fd, &req, got_m, got_d, &n));
	EXPECT_EQ(2, n);
	EXPECT_NE(0, memcmp(&got_d[0], &got_d[1], sizeof(got_d[0])));
	for (i = 0; i < 2; i++) {
		EXPECT_EQ(0, memcmp(&got_m[i], &m[i], sizeof(m[i])));
		ASSERT_EQ(0, media_loc(self->fd, &m[i], &loc, &type, &state));
		EXPECT_EQ(NTMS_TYPE_DRIVE, type);
		EXPECT_EQ(0, memcmp(&got_d[i], &loc, sizeof(loc)))
			TH_LOG("cartridge %d: reported drive is not its place",
			       i);
	}
	/* argument checks */
	memset(&rd, 0, sizeof(rd));
	rd.request = req;
	rd.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_REQUEST_DRIVES, &rd));
	EXPECT_EQ(EINVAL, errno);
	rd.flags = 0;
	rd.padding[1] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_REQUEST_DRIVES, &rd));
	EXPECT_EQ(EINVAL, errno);
	n = 2;
	EXPECT_EQ(-ENOENT, req_drives(self->fd, &self->l.lib, NULL, NULL, &n));
	/* an inventory moves no cartridge */
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &inv));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &inv, &err));
	n = 2;
	EXPECT_EQ(0, req_drives(self->fd, &inv, NULL, NULL, &n));
	EXPECT_EQ(0, n);
	ASSERT_EQ(0, nq_dismount_media(self->fd, m, 2, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* a mounted cartridge stays MOUNTED across inventories and re-reads */
TEST_F(mt, mounted_after_reread)
{
	struct ntms_guid m, loc, req;
	uint32_t err, type, state;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	ASSERT_EQ(NTMS_TYPE_DRIVE, type);
	EXPECT_EQ(NTMS_MEDIA_STATE_MOUNTED, state);
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED, nq_drive_state(self->fd, &loc));

	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_MEDIA_STATE_MOUNTED, state);
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED, nq_drive_state(self->fd, &loc));

	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_MEDIA_STATE_MOUNTED, state);
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED, nq_drive_state(self->fd, &loc));

	/* still mounted: a second mount of it waits */
	EXPECT_EQ(-EBUSY, nq_mount(self->fd, &m, NULL, 1,
				   NTMS_MOUNT_F_ERROR_NOT_AVAILABLE, 0, &req));

	/* taken out behind the driver, then another cartridge put in that
	 * drive: LOADED, not MOUNTED
	 */
	ASSERT_EQ(0, nq_unload_all(&self->l));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 1),
			     0));
	EXPECT_EQ(NTMS_DRIVE_STATE_LOADED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
}

/* a cartridge of another library than @l, in a slot; 0 or -ENOENT */
static int other_lib_media(int fd, struct nq_lib *l, struct ntms_guid *g)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_PHYSICAL_MEDIA, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++)
		if (!nq_info(fd, &list[i], NTMS_TYPE_PHYSICAL_MEDIA, &oi) &&
		    memcmp(&oi.u.media.library, &l->lib, sizeof(l->lib)) &&
		    oi.u.media.location_type == NTMS_TYPE_STORAGESLOT) {
			*g = list[i];
			return 0;
		}
	return -ENOENT;
}

/* cartridges of two libraries in one call: EXDEV, nothing queued */
TEST_F(mt, two_libraries)
{
	struct ntms_guid m[2], req;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m[0]));
	if (other_lib_media(self->fd, &self->l, &m[1]))
		SKIP(return, "one library only (smcsim libraries=2)");
	EXPECT_EQ(-EXDEV, nq_mount(self->fd, m, NULL, 2, NTMS_MOUNT_F_READ, 0,
				   &req));
	EXPECT_EQ(-EXDEV, nq_mount(self->fd, m, NULL, 2,
				   NTMS_MOUNT_F_ERROR_NOT_AVAILABLE, 5, &req));
	/* the other library's drive for this library's cartridge, too */
	EXPECT_EQ(-EXDEV, nq_dismount_media(self->fd, m, 2, 0, &req));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
}

/* a disabled cartridge cannot be mounted (ESHUTDOWN) until enabled */
TEST_F(mt, disabled_media)
{
	struct ntms_guid m, req;
	uint32_t err;

	if (!(nq_features(self->fd) & NTMS_FEATURE_ENABLE))
		SKIP(return, "no NTMS_IOC_SET_ENABLED");
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, 0,
				    &req));
	EXPECT_TRUE(nq_guid_zero(&req));
	EXPECT_EQ(-ESHUTDOWN, nq_mount(self->fd, &m, NULL, 1,
				       NTMS_MOUNT_F_READ, 0, &req));
	EXPECT_EQ(-ESHUTDOWN, nq_mount(self->fd, &m, &self->l.drives[0], 1,
				       NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, 1,
				    NULL));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/*
 * The changer goes away under a mount that waits for a drive: nothing
 * would ever free one, so the waiter is woken and the request ends
 * FAILED with ENODEV.
 */
TEST_F_TIMEOUT(mt, waiter_woken_on_delete, 180)
{
	struct ntms_guid m[3], req, r2;
	struct ntms_object_info oi;
	struct ntms_request_wait w;
	char path[200], host[64];
	int i, st = -1, fd2;
	uint32_t err;
	pid_t pid;

	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
					   nq_full_slot(self->fd, &self->l, i),
					   &m[i]));
	ASSERT_EQ(0, nq_mount(self->fd, m, NULL, 2, NTMS_MOUNT_F_READ, 0,
			      &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_mount(self->fd, &m[2], NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &r2));
	usleep(300000);
	ASSERT_EQ(0, nq_info(self->fd, &r2, NTMS_TYPE_LIBREQUEST, &oi));
	ASSERT_EQ(NTMS_REQ_WAITING, oi.u.request.state);

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		fd2 = open(NQ_DEV, O_RDWR);
		if (fd2 < 0 || nq_wait(fd2, &r2, NTMS_WAIT_INFINITE, &w))
			_exit(2);
		_exit(w.state == NTMS_REQ_FAILED && w.error == ENODEV ? 0 : 1);
	}
	usleep(300000);
	snprintf(path, sizeof(path), "%s/delete", self->l.sysfs);
	ASSERT_EQ(0, tu_write_file(path, "1"));
	for (i = 0; i < 200; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			break;
		usleep(100000);
	}
	if (i == 200) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	EXPECT_LT(i, 200) TH_LOG("the waiter was not woken");
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0)
		TH_LOG("waiter status %#x", st);
	EXPECT_EQ(0, nq_wait(self->fd, &r2, 0, &w));
	EXPECT_EQ(NTMS_REQ_FAILED, w.state);
	EXPECT_EQ(ENODEV, w.error);

	/* bring it back: the host is the first field of H:C:T:L */
	snprintf(host, sizeof(host), "/sys/class/scsi_host/host%d/scan",
		 atoi(strrchr(self->l.sysfs, '/') + 1));
	ASSERT_EQ(0, tu_write_file(host, "- - -"));
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NQ_LIB0));
}

/* smcsim's write-protect tab of cartridge @bc: 0 or -1 */
static int protect(const char *bc, int on)
{
	char val[96];

	snprintf(val, sizeof(val), "%s %d", bc, on);
	return nq_knob("protect", val);
}

/*
 * WRITE(6), WRITE FILEMARKS(6) and ERASE(6) sent to drive @d through its
 * sg device: each must end DATA PROTECT, WRITE PROTECTED (27h/00h).
 */
static int drive_refuses_writes(struct __test_metadata *_metadata, int fd,
				const struct ntms_guid *d)
{
	static const unsigned char cdbs[3][6] = {
		{ 0x0a, 0x00, 0x00, 0x00, 0x01, 0x00 },	/* WRITE(6), 1 byte */
		{ 0x10, 0x00, 0x00, 0x00, 0x01, 0x00 },	/* WRITE FILEMARKS(6) */
		{ 0x19, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* ERASE(6), short */
	};
	struct ntms_object_info oi;
	struct tu_sense s;
	unsigned char byte = 0;
	char path[64];
	int i, sg;

	if (nq_info(fd, d, NTMS_TYPE_DRIVE, &oi) || !oi.u.drive.sg_name[0])
		return -1;
	snprintf(path, sizeof(path), "/dev/%s", oi.u.drive.sg_name);
	sg = open(path, O_RDWR);
	if (sg < 0)
		return -1;
	tu_clear_ua(sg, &s);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(0, tu_sgio(sg, cdbs[i], 6, &byte, i ? 0 : 1,
				     i ? SG_DXFER_NONE : SG_DXFER_TO_DEV, &s));
		EXPECT_EQ(2, s.status);
		EXPECT_EQ(0x07, s.key);
		EXPECT_EQ(0x27, s.asc);
	}
	close(sg);
	return 0;
}

/*
 * Mounting a write-protected cartridge for writing: the drive reports WP
 * once loaded, the request fails with EROFS and the cartridge goes home;
 * for reading it mounts.
 */
TEST_F(mt, write_protected)
{
	struct ntms_guid m, loc, req;
	struct ntms_object_info oi;
	uint32_t err, type, state;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	if (protect(oi.u.media.barcode, 1))
		SKIP(return, "smcsim has no protect knob");
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1,
			      NTMS_MOUNT_F_READ | NTMS_MOUNT_F_WRITE, 0, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EROFS, err);
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, type);
	/* for reading, it mounts */
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	/* and the drive refuses every write: data, filemarks, erase */
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_DRIVE, type);
	EXPECT_EQ(0, drive_refuses_writes(_metadata, self->fd, &loc));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(0, protect(oi.u.media.barcode, 0));
	/* and once the tab is cleared, for writing too */
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_WRITE, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/*
 * A freshly loaded drive is "becoming ready" for a while (NOT READY
 * 04h/01h to TEST UNIT READY and MODE SENSE): the write-protect tab is
 * still seen (EROFS). A drive that fails MODE SENSE otherwise cannot
 * tell: a mount for writing fails (EIO), the cartridge goes home; once
 * the drive answers, it mounts.
 */
TEST_F(mt, write_protect_not_ready)
{
	struct ntms_guid m, loc, req;
	struct ntms_object_info oi;
	uint32_t err, type, state;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	if (protect(oi.u.media.barcode, 1))
		SKIP(return, "smcsim has no protect knob");
	ASSERT_EQ(0, nq_knob("fail", "0x00 2 2 4 1"));
	ASSERT_EQ(0, nq_knob("fail", "0x1a 2 2 4 1"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_WRITE, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EROFS, err);
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, type);
	ASSERT_EQ(0, protect(oi.u.media.barcode, 0));

	/* MEDIUM ERROR to every MODE SENSE: the drive cannot tell */
	ASSERT_EQ(0, nq_knob("fail", "clear"));
	ASSERT_EQ(0, nq_knob("fail", "0x1a 100 3 0x11 0"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_WRITE, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EIO, err);
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, type);
	ASSERT_EQ(0, nq_knob("fail", "clear"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_WRITE, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

#define NQ_SA_DBG	"/sys/kernel/debug/smcsim/standalone"

/* the first standalone drive: its GUID and SCSI address; 0 or -ENOENT */
static int sa_drive(int fd, struct ntms_guid *g, struct ntms_scsi_address *a)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_DRIVE, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++)
		if (!nq_info(fd, &list[i], NTMS_TYPE_DRIVE, &oi) &&
		    (oi.u.drive.flags & NTMS_DRIVE_F_STANDALONE)) {
			*g = list[i];
			*a = oi.u.drive.scsi;
			return 0;
		}
	return -ENOENT;
}

/* the simulator's first standalone drive: element address and barcode */
static int sa_sim(unsigned int *addr, char *bc, size_t len)
{
	char buf[512], full[16], code[64];

	if (tu_read_file(NQ_SA_DBG "/elements", buf, sizeof(buf)))
		return -1;
	if (sscanf(buf, "dt %u %15s %63s", addr, full, code) != 3)
		return -1;
	snprintf(bc, len, "%s", strcmp(full, "full") ? "" : code);
	return 0;
}

static int sa_knob(const char *knob, const char *fmt, const char *bc,
		   unsigned int addr)
{
	char path[128], val[96];

	snprintf(path, sizeof(path), NQ_SA_DBG "/%s", knob);
	if (bc)
		snprintf(val, sizeof(val), fmt, bc, addr);
	else
		snprintf(val, sizeof(val), fmt, addr);
	return tu_write_file(path, val);
}

/*
 * A standalone drive: loaded, DismountNtmsDrive makes it DISMOUNTABLE;
 * emptied by the operator, the drive says so (TEST UNIT READY) and the
 * dismount gives ENOMEDIUM; its tape device gone, ENODEV.
 */
TEST(standalone_drive)
{
	struct ntms_scsi_address a;
	struct ntms_object_info oi;
	struct ntms_guid d, req;
	char bc[64], path[128], host[64];
	unsigned int addr;
	int fd = open(NQ_DEV, O_RDWR), t;

	ASSERT_LE(0, fd);
	if (!(nq_features(fd) & NTMS_FEATURE_DISMOUNT))
		SKIP(return, "no NTMS_IOC_DISMOUNT_DRIVE");
	if (sa_drive(fd, &d, &a) || sa_sim(&addr, bc, sizeof(bc)))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	if (!bc[0]) {
		/* a previous run left it empty */
		snprintf(bc, sizeof(bc), "Z%05uL6", 0);
		ASSERT_EQ(0, sa_knob("insert", "%s %u", bc, addr));
	}
	memset(&req, 0xff, sizeof(req));
	ASSERT_EQ(0, nq_dismount(fd, &d, &req));
	EXPECT_TRUE(nq_guid_zero(&req));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTABLE, nq_drive_state(fd, &d));

	/* the operator takes the cartridge out */
	ASSERT_EQ(0, sa_knob("remove", "%u", NULL, addr));
	EXPECT_EQ(-ENOMEDIUM, nq_dismount(fd, &d, NULL));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED, nq_drive_state(fd, &d));
	EXPECT_EQ(-ENOMEDIUM, nq_dismount(fd, &d, NULL));

	/* and puts one back */
	ASSERT_EQ(0, sa_knob("insert", "%s %u", bc, addr));
	EXPECT_EQ(0, nq_dismount(fd, &d, NULL));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTABLE, nq_drive_state(fd, &d));

	/* the tape device goes away: NOT_PRESENT, ENODEV; then it returns */
	snprintf(path, sizeof(path), "/sys/bus/scsi/devices/%u:%u:%u:%llu/delete",
		 a.host, a.channel, a.target, (unsigned long long)a.lun);
	ASSERT_EQ(0, tu_write_file(path, "1"));
	ASSERT_EQ(0, nq_info(fd, &d, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(NTMS_OPSTATE_NOT_PRESENT, oi.op_state);
	EXPECT_EQ(-ENODEV, nq_dismount(fd, &d, NULL));
	snprintf(host, sizeof(host), "/sys/class/scsi_host/host%u/scan",
		 a.host);
	ASSERT_EQ(0, tu_write_file(host, "- - -"));
	for (t = 0; t < 300; t++) {
		if (!nq_info(fd, &d, NTMS_TYPE_DRIVE, &oi) &&
		    oi.op_state != NTMS_OPSTATE_NOT_PRESENT)
			break;
		usleep(100000);
	}
	EXPECT_NE(NTMS_OPSTATE_NOT_PRESENT, oi.op_state);
	close(fd);
}

/* wait up to 10 s until drive @d is (@mapped) or is not mapped; 0 or -1 */
static int wait_mapped(int fd, const struct ntms_guid *d, int mapped,
		       struct ntms_object_info *oi)
{
	int t;

	for (t = 0; t < 100; t++) {
		if (!nq_info(fd, d, NTMS_TYPE_DRIVE, oi) &&
		    !!(oi->u.drive.flags & NTMS_DRIVE_F_MAPPED) == mapped)
			return 0;
		usleep(100000);
	}
	return -1;
}

/*
 * The tape device of drive 0 is deleted: a mount asking for that drive
 * gives ENOTCONN (ERROR_DEVICE_NOT_CONNECTED); one letting the driver
 * choose skips it and uses drive 1; a host scan brings the tape back.
 */
TEST_F(mt, drive_not_connected)
{
	struct ntms_guid m, drives[1], loc, req;
	struct ntms_scsi_address sa;
	struct ntms_object_info oi;
	uint32_t err = 0, type, state;
	char path[200];

	ASSERT_EQ(0, wait_mapped(self->fd, &self->l.drives[0], 1, &oi));
	sa = oi.u.drive.scsi;
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	snprintf(path, sizeof(path),
		 "/sys/class/scsi_device/%u:%u:%u:%llu/device/delete",
		 sa.host, sa.channel, sa.target, (unsigned long long)sa.lun);
	ASSERT_EQ(0, tu_write_file(path, "1")) TH_LOG("%s", path);
	ASSERT_EQ(0, wait_mapped(self->fd, &self->l.drives[0], 0, &oi));

	drives[0] = self->l.drives[0];
	EXPECT_EQ(-ENOTCONN, nq_mount(self->fd, &m, drives, 1,
				      NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	EXPECT_EQ(-ENOTCONN,
		  nq_mount(self->fd, &m, drives, 1,
			   NTMS_MOUNT_F_SPECIFIC_DRIVE |
			   NTMS_MOUNT_F_ERROR_NOT_AVAILABLE, 0, &req));
	/* the driver's choice: drive 0 is empty but has no tape device */
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_DRIVE, type);
	EXPECT_EQ(0, memcmp(&loc, &self->l.drives[1], sizeof(loc)));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));

	/* back: the tape is found again and the drive can be asked for */
	snprintf(path, sizeof(path), "/sys/class/scsi_host/host%u/scan",
		 sa.host);
	ASSERT_EQ(0, tu_write_file(path, "- - -"));
	ASSERT_EQ(0, wait_mapped(self->fd, &self->l.drives[0], 1, &oi));
	ASSERT_EQ(0, nq_mount(self->fd, &m, drives, 1,
			      NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* the requests of library @l the driver lists */
static int mt_nr_requests(int fd, struct nq_lib *l)
{
	struct ntms_guid list[NQ_MAX];

	return nq_enum(fd, NTMS_TYPE_LIBREQUEST, &l->lib, list, NQ_MAX);
}

/*
 * An argument whose request GUID cannot be written back (a read-only
 * page): -EFAULT, and no request is left behind: none listed, none
 * announced, nothing moved. The same for a dismount.
 */
TEST_F(mt, unwritable_request_guid)
{
	struct ntms_guid m, loc, req, d;
	struct ntms_event ev[16];
	struct ntms_mount *mt;
	struct ntms_dismount_drive *dd;
	uint32_t type, state, err;
	long page = sysconf(_SC_PAGESIZE);
	int fd2, before, i;
	ssize_t len;
	void *p;

	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	fd2 = nq_event_open();
	ASSERT_LE(0, fd2);
	before = mt_nr_requests(self->fd, &self->l);
	ASSERT_LE(0, before);

	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, p);
	/* the cartridge's GUID and the argument share the read-only page */
	memcpy(p, &m, sizeof(m));
	mt = p + 64;
	memset(mt, 0, sizeof(*mt));
	mt->media = (uintptr_t)p;
	mt->count = 1;
	ASSERT_EQ(0, mprotect(p, page, PROT_READ));
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_MOUNT, mt));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(before, mt_nr_requests(self->fd, &self->l));
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, type);

	/* a loaded drive, and its dismount's argument read-only */
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, media_loc(self->fd, &m, &d, &type, &state));
	ASSERT_EQ(NTMS_TYPE_DRIVE, type);
	before = mt_nr_requests(self->fd, &self->l);
	ASSERT_EQ(0, mprotect(p, page, PROT_READ | PROT_WRITE));
	dd = p + 512;
	memset(dd, 0, sizeof(*dd));
	dd->drive = d;
	ASSERT_EQ(0, mprotect(p, page, PROT_READ));
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DISMOUNT_DRIVE, dd));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(before, mt_nr_requests(self->fd, &self->l));
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(NTMS_TYPE_DRIVE, type);
	EXPECT_EQ(NTMS_MEDIA_STATE_MOUNTED, state);

	/* no session was told of a request it could not name */
	while ((len = read(fd2, ev, sizeof(ev))) > 0)
		for (i = 0; i < len / (ssize_t)sizeof(ev[0]); i++)
			EXPECT_FALSE(ev[i].object_type == NTMS_TYPE_LIBREQUEST &&
				     ev[i].operation == NTMS_EVENT_OBJ_INSERT &&
				     memcmp(&ev[i].object, &req, sizeof(req)));
	munmap(p, 2 * page);
	close(fd2);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* mtx ARGS behind the driver, past the unit attention an insert left */
static int mtx_after_ua(struct nq_lib *l, const char *args)
{
	char out[1024];
	struct tu_sense s;
	int sg = open(l->sg, O_RDWR);

	if (sg < 0)
		return -errno;
	tu_clear_ua(sg, &s);
	close(sg);
	return nq_mtx(l, args, out, sizeof(out));
}

/*
 * A cleaning cartridge (CLN barcode) is known as one, is never mounted
 * (EMEDIUMTYPE, whether a drive is asked for or not), and a drive that
 * holds it is not chosen for a mount.
 */
TEST_F(mt, cleaner)
{
	struct ntms_guid c, m, loc, req;
	struct ntms_object_info oi;
	uint32_t err, type, state, port;
	char args[64], bc[64];
	int slot, ie = self->l.nr_slots + 1;

	ASSERT_EQ(0, nq_first_port(&port));
	slot = nq_nth_slot(self->fd, &self->l, 0, 0);
	ASSERT_LT(0, slot);
	/* the operator puts a cleaner in; it goes to an empty slot */
	ASSERT_EQ(0, nq_knob("clean_ms", "0"));
	ASSERT_EQ(0, nq_knob("insert", "CLN001L1"));
	snprintf(args, sizeof(args), "transfer %d %d", ie, slot);
	ASSERT_EQ(0, mtx_after_ua(&self->l, args));
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, slot, &c));
	ASSERT_EQ(0, nq_info(self->fd, &c, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_STREQ("CLN001L1", oi.u.media.barcode);
	EXPECT_TRUE(oi.u.media.flags & NTMS_MEDIA_F_CLEANER);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_FALSE(oi.u.media.flags & NTMS_MEDIA_F_CLEANER);

	EXPECT_EQ(-EMEDIUMTYPE, nq_mount(self->fd, &c, NULL, 1,
					 NTMS_MOUNT_F_READ, 0, &req));
	EXPECT_EQ(-EMEDIUMTYPE, nq_mount(self->fd, &c, &self->l.drives[0], 1,
					 NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	/* with a data cartridge in the same call too */
	struct ntms_guid both[2] = { m, c };

	EXPECT_EQ(-EMEDIUMTYPE, nq_mount(self->fd, both, NULL, 2,
					 NTMS_MOUNT_F_READ, 0, &req));

	/* a cleaner in drive 0 (put there behind the driver): drive 1 */
	ASSERT_EQ(0, nq_load(&self->l, slot, 0));
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.drives[0],
				     NTMS_TYPE_DRIVE, bc, sizeof(bc)));
	EXPECT_STREQ("CLN001L1", bc);
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, media_loc(self->fd, &m, &loc, &type, &state));
	EXPECT_EQ(0, memcmp(&loc, &self->l.drives[1], sizeof(loc)));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));

	/* the cleaner leaves the library again */
	snprintf(args, sizeof(args), "unload %d 0", slot);
	EXPECT_EQ(0, mtx_after_ua(&self->l, args));
	snprintf(args, sizeof(args), "transfer %d %d", slot, ie);
	EXPECT_EQ(0, mtx_after_ua(&self->l, args));
	snprintf(args, sizeof(args), "%u", port);
	EXPECT_EQ(0, nq_knob("remove", args));
	EXPECT_EQ(0, nq_knob("clean_ms", "2000"));
	EXPECT_EQ(0, nq_rescan(&self->l));
}

TEST_HARNESS_MAIN
