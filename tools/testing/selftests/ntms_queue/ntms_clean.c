// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_clean: CleanNtmsDrive (NTMS_IOC_CLEAN_DRIVE) end to end against
 * smcsim's drives, which clean for clean_ms once given a cleaning
 * cartridge and then unload it, and unload a spent one at once with
 * TapeAlert flag 22: a cleaning that passes, a spent cleaner (the request
 * fails, an operator request asks for a new one), an empty cleaner slot,
 * a cleaning that waits for a loaded drive, a cleaner left in a drive
 * that goes home with the next dismount, a standalone drive, and every
 * result through the ioctl and through libntms. Runs as root in the VM
 * against smcsim (slots=20 drives=2 ieports=1 media=10 standalone=1).
 */
#include <ntmsapi.h>

/* both headers name these two (same values): rename the kernel's */
#define NTMS_EVENT_SIGNAL	KNTMS_EVENT_SIGNAL
#define NTMS_EVENT_COMPLETE	KNTMS_EVENT_COMPLETE
#include <linux/ntms.h>
#undef NTMS_EVENT_SIGNAL
#undef NTMS_EVENT_COMPLETE

#include <time.h>

#include "nq_util.h"
#include "kselftest_harness.h"

/*
 * The cleaning cartridge of the test: a new barcode for each (each test
 * runs in a process of its own), so that what the driver learnt of the
 * last one (spent) does not carry over.
 */
static char cleaner[16];
#define CLEAN_MS	"400"
#define TIMEOUT_PARAM	"/sys/module/ntms/parameters/clean_timeout_s"
#define POLL_PARAM	"/sys/module/ntms/parameters/clean_poll_s"

FIXTURE(cd) {
	int fd;
	struct nq_lib l;
	int cslot;		/* the cleaner slot, 1-based */
	uint32_t ie;		/* the mail slot's element address */
	struct ntms_guid cleaner;
};

static int cd_slot(int fd, const struct ntms_guid *lib,
		   const struct ntms_guid *slot)
{
	struct ntms_cleaner_slot cs;

	memset(&cs, 0, sizeof(cs));
	cs.library = *lib;
	if (slot)
		cs.slot = *slot;
	else
		cs.flags = NTMS_CLEANER_SLOT_F_RELEASE;
	return ioctl(fd, NTMS_IOC_CLEANER_SLOT, &cs) ? -errno : 0;
}

/* NTMS_IOC_CLEAN_DRIVE: 0 or -errno */
static int cd_clean(int fd, const struct ntms_guid *drive,
		    struct ntms_guid *req)
{
	struct ntms_clean_drive c;

	memset(&c, 0, sizeof(c));
	c.drive = *drive;
	if (ioctl(fd, NTMS_IOC_CLEAN_DRIVE, &c))
		return -errno;
	if (req)
		*req = c.request;
	return 0;
}

/* the @type part of an object's information, @len bytes into @part */
static int cd_info(int fd, const struct ntms_guid *g, uint32_t type,
		   void *part, size_t len)
{
	struct ntms_object_info oi;
	int ret = nq_info(fd, g, type, &oi);

	if (!ret)
		memcpy(part, &oi.u, len);
	return ret;
}

#define cd_drive(fd, g, di)	cd_info(fd, g, NTMS_TYPE_DRIVE, di, sizeof(*(di)))
#define cd_media(fd, g, mi) \
	cd_info(fd, g, NTMS_TYPE_PHYSICAL_MEDIA, mi, sizeof(*(mi)))
#define cd_request(fd, g, ri) \
	cd_info(fd, g, NTMS_TYPE_LIBREQUEST, ri, sizeof(*(ri)))

/* is a drive of the library full? */
static bool cd_drive_busy(int fd, struct nq_lib *l)
{
	struct ntms_drive_info di;
	uint32_t i;

	for (i = 0; i < l->nr_drives; i++)
		if (cd_drive(fd, &l->drives[i], &di) ||
		    (di.flags & NTMS_DRIVE_F_FULL))
			return true;
	return false;
}

/* the cleaner spent, for smcsim's drives */
static int cd_spend(void)
{
	char s[32];

	snprintf(s, sizeof(s), "%s 0", cleaner);
	return nq_knob("cleans", s);
}

/* the cleaner's cleans left in the simulated library, -1 if unknown */
static int cd_sim_cleans(void)
{
	char buf[512], *p;
	int n;

	if (tu_read_file(NQ_DBG "/cleans", buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, cleaner);
	if (!p || sscanf(p + strlen(cleaner), " %d", &n) != 1)
		return -1;
	return n;
}

/* the cleanings smcsim's drive at element @addr has done, -1 if unknown */
static int cd_sim_cleanings(uint32_t addr)
{
	char buf[2048], key[32], *p;
	int n;

	if (tu_read_file(NQ_DBG "/drives", buf, sizeof(buf)) < 0)
		return -1;
	snprintf(key, sizeof(key), "%u loads", addr);
	p = strstr(buf, key);
	if (!p)
		return -1;
	p = strstr(p, "cleanings ");
	if (!p || sscanf(p + 10, "%d", &n) != 1)
		return -1;
	return n;
}

/* driver-raised CLEANER operator requests of the library: count, or -1 */
static int cd_opreqs(int fd, const struct ntms_guid *lib, bool cancel)
{
	static struct ntms_guid list[256];
	struct ntms_object_info oi;
	int n = nq_enum(fd, NTMS_TYPE_OPREQUEST, NULL, list, 256), i, c = 0;
	struct ntms_opreq_act a;

	for (i = 0; i < n; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_OPREQUEST, &oi))
			return -1;
		if (oi.u.opreq.request != NTMS_OPREQ_CMD_CLEANER ||
		    oi.u.opreq.state != NTMS_OPREQ_STATE_SUBMITTED ||
		    memcmp(&oi.u.opreq.library, lib, sizeof(*lib)))
			continue;
		c++;
		if (cancel) {
			memset(&a, 0, sizeof(a));
			a.id = list[i];
			ioctl(fd, NTMS_IOC_OPREQ_CANCEL, &a);
		}
	}
	return n < 0 ? -1 : c;
}

static uint64_t cd_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* a drive that belongs to no library: the standalone one, or zero */
static void cd_find_standalone(int fd, struct ntms_guid *d)
{
	struct ntms_guid list[16];
	struct ntms_object_info oi;
	int n = nq_enum(fd, NTMS_TYPE_DRIVE, NULL, list, 16), i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < n; i++)
		if (!nq_info(fd, &list[i], NTMS_TYPE_DRIVE, &oi) &&
		    (oi.u.drive.flags & NTMS_DRIVE_F_STANDALONE))
			*d = list[i];
}

/*
 * A cleaning cartridge in the cleaner slot: put in the mail slot by the
 * operator, moved to the slot behind the driver, the library read again.
 */
FIXTURE_SETUP(cd)
{
	char args[64], out[1024];
	int ie1;

	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_CLEAN_DRIVE))
		SKIP(return, "the driver has no NTMS_IOC_CLEAN_DRIVE");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	/* /dev/ntms is root's until udev gives it to a group */
	ASSERT_EQ(0, nq_open_to_users());
	cd_slot(self->fd, &self->l.lib, NULL);
	ASSERT_EQ(0, tu_write_file(TIMEOUT_PARAM, "600"));
	ASSERT_EQ(0, nq_knob("clean_ms", CLEAN_MS));
	ASSERT_EQ(0, nq_knob("cleaner_uses", "50"));
	ASSERT_EQ(0, nq_first_port(&self->ie));
	snprintf(cleaner, sizeof(cleaner), "CLN%05uL1", getpid() % 100000);
	ASSERT_EQ(0, nq_knob("insert", cleaner));
	ASSERT_EQ(0, nq_rescan(&self->l));
	self->cslot = nq_nth_slot(self->fd, &self->l, 0, 0);
	ASSERT_LT(0, self->cslot);
	ASSERT_EQ(0, cd_slot(self->fd, &self->l.lib,
			     &self->l.slots[self->cslot - 1]));
	ie1 = self->l.nr_slots + 1;
	snprintf(args, sizeof(args), "transfer %d %d", ie1, self->cslot);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, self->cslot,
				   &self->cleaner));
}

/* the cleaner out through the mail slot, the reservation released */
FIXTURE_TEARDOWN(cd)
{
	char why[256] = "", args[64], out[1024], n[16];
	struct ntms_guid req;
	uint32_t err;
	int i;

	if (!self->l.nr_drives) {
		close(self->fd);
		return;
	}
	tu_write_file(TIMEOUT_PARAM, "600");
	tu_write_file(POLL_PARAM, "60");
	nq_knob("clean_after", "0");
	nq_attr_set(&self->l, "ntms_auto_clean", "1");
	/* a cleaner left in a drive goes to the cleaner slot */
	for (i = 0; i < 2; i++)
		if (!nq_dismount(self->fd, &self->l.drives[i], &req))
			nq_ended(self->fd, &req, &err);
	nq_unload_all(&self->l);
	snprintf(args, sizeof(args), "transfer %d %d", self->cslot,
		 self->l.nr_slots + 1);
	nq_mtx(&self->l, args, out, sizeof(out));
	snprintf(n, sizeof(n), "%u", self->ie);
	nq_knob("remove", n);
	nq_rescan(&self->l);
	cd_slot(self->fd, &self->l.lib, NULL);
	cd_opreqs(self->fd, &self->l.lib, true);
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* cleaner to the drive, the drive's cycle, cleaner home, all recorded */
TEST_F_TIMEOUT(cd, cleans, 120)
{
	uint32_t addr = self->l.drive_addr[0], err;
	int before = cd_sim_cleanings(addr);
	struct ntms_request_info ri;
	struct ntms_drive_info di;
	struct ntms_media_info mi;
	struct ntms_guid req;
	uint32_t done;
	uint64_t t0;

	ASSERT_LE(0, before);
	ASSERT_EQ(50, cd_sim_cleans());
	ASSERT_EQ(0, cd_drive(self->fd, &self->l.drives[0], &di));
	done = di.cleanings;
	t0 = cd_now_ns();
	ASSERT_EQ(0, cd_clean(self->fd, &self->l.drives[0], &req));
	ASSERT_FALSE(nq_guid_zero(&req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	/* the drive really cleaned, and took its time */
	EXPECT_EQ(before + 1, cd_sim_cleanings(addr));
	EXPECT_EQ(49, cd_sim_cleans());
	ASSERT_EQ(0, cd_request(self->fd, &req, &ri));
	EXPECT_EQ(NTMS_REQ_OP_CLEAN_DRIVE, ri.operation);
	EXPECT_EQ(0, memcmp(&ri.drive, &self->l.drives[0], sizeof(ri.drive)));
	EXPECT_EQ(0, memcmp(&ri.media, &self->cleaner, sizeof(ri.media)));
	EXPECT_LE(atoi(CLEAN_MS) * 1000000ULL, ri.completed_ns - ri.queued_ns);
	/* recorded in the drive */
	ASSERT_EQ(0, cd_drive(self->fd, &self->l.drives[0], &di));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED, di.state);
	EXPECT_FALSE(di.flags & NTMS_DRIVE_F_FULL);
	EXPECT_TRUE(di.flags & NTMS_DRIVE_F_CLEANED);
	EXPECT_EQ(done + 1, di.cleanings);
	EXPECT_LE(t0, di.cleaned_ns);
	EXPECT_GE(cd_now_ns(), di.cleaned_ns);
	/* the cleaner is home, known as one */
	ASSERT_EQ(0, cd_media(self->fd, &self->cleaner, &mi));
	EXPECT_EQ(0, memcmp(&mi.location, &self->l.slots[self->cslot - 1],
			    sizeof(mi.location)));
	EXPECT_TRUE(mi.flags & NTMS_MEDIA_F_CLEANER);
	EXPECT_EQ(0, cd_opreqs(self->fd, &self->l.lib, false));
}

/* a spent cleaner: the request fails, an operator is asked for another */
TEST_F_TIMEOUT(cd, spent, 120)
{
	struct ntms_object_info oi;
	struct ntms_media_info mi;
	struct ntms_guid req;
	uint32_t err, done;

	ASSERT_EQ(0, nq_info(self->fd, &self->l.drives[1], NTMS_TYPE_DRIVE,
			     &oi));
	done = oi.u.drive.cleanings;
	ASSERT_EQ(0, cd_spend());
	ASSERT_EQ(0, cd_clean(self->fd, &self->l.drives[1], &req));
	ASSERT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EKEYEXPIRED, err);
	EXPECT_EQ(0, cd_sim_cleans());
	EXPECT_EQ(1, cd_opreqs(self->fd, &self->l.lib, false));
	/* back in its slot, its uses known to be none */
	ASSERT_EQ(0, cd_media(self->fd, &self->cleaner, &mi));
	EXPECT_EQ(0, memcmp(&mi.location, &self->l.slots[self->cslot - 1],
			    sizeof(mi.location)));
	EXPECT_TRUE(mi.flags & NTMS_MEDIA_F_CLEANS_KNOWN);
	EXPECT_EQ(0, mi.cleans_left);
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_TRUE(oi.u.library.flags & NTMS_LIBRARY_F_CLEANER_USES);
	EXPECT_EQ(0, oi.u.library.cleaner_uses);
	/* the drive was not cleaned */
	ASSERT_EQ(0, nq_info(self->fd, &self->l.drives[1], NTMS_TYPE_DRIVE,
			     &oi));
	EXPECT_EQ(done, oi.u.drive.cleanings);
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED, oi.u.drive.state);
	EXPECT_FALSE(oi.u.drive.flags & NTMS_DRIVE_F_FULL);
}

/* nothing in the cleaner slot: the request fails and asks for a cleaner */
TEST_F_TIMEOUT(cd, no_cleaner, 120)
{
	char args[64], out[1024];
	struct ntms_guid req;
	uint32_t err;

	snprintf(args, sizeof(args), "transfer %d %d", self->cslot,
		 self->l.nr_slots + 1);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, cd_clean(self->fd, &self->l.drives[0], &req));
	ASSERT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ENOMEDIUM, err);
	EXPECT_EQ(1, cd_opreqs(self->fd, &self->l.lib, false));
	/* put back for the teardown */
	snprintf(args, sizeof(args), "transfer %d %d", self->l.nr_slots + 1,
		 self->cslot);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
}

/* a cleaning waits while its drive holds a cartridge */
TEST_F_TIMEOUT(cd, waits_for_drive, 120)
{
	int full = nq_full_slot(self->fd, &self->l, 0);
	struct ntms_guid m, drive = self->l.drives[0], req, clean;
	int before = cd_sim_cleanings(self->l.drive_addr[0]);
	struct ntms_request_info ri;
	uint32_t err;
	int i;

	ASSERT_LT(0, full);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, full, &m));
	ASSERT_EQ(0, nq_mount(self->fd, &m, &drive, 1,
			      NTMS_MOUNT_F_READ | NTMS_MOUNT_F_SPECIFIC_DRIVE,
			      0, &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, cd_clean(self->fd, &drive, &clean));
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(0, cd_request(self->fd, &clean, &ri));
		if (ri.state == NTMS_REQ_WAITING)
			break;
		usleep(20000);
	}
	EXPECT_EQ(NTMS_REQ_WAITING, ri.state);
	EXPECT_EQ(before, cd_sim_cleanings(self->l.drive_addr[0]));
	ASSERT_EQ(0, nq_dismount(self->fd, &drive, &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &clean, &err))
		TH_LOG("error %u", err);
	EXPECT_EQ(before + 1, cd_sim_cleanings(self->l.drive_addr[0]));
}

/*
 * A drive that takes longer than clean_timeout_s: the request fails, the
 * cleaner stays in the drive (the library will not let it go while the
 * drive cleans), and the next dismount takes it to the cleaner slot, not
 * to a data slot.
 */
TEST_F_TIMEOUT(cd, timeout_then_home, 120)
{
	struct ntms_drive_info di;
	struct ntms_media_info mi;
	int before = cd_sim_cleanings(self->l.drive_addr[0]);
	struct ntms_guid req;
	uint32_t err;
	int i;

	ASSERT_EQ(0, nq_knob("clean_ms", "4000"));
	ASSERT_EQ(0, tu_write_file(TIMEOUT_PARAM, "1"));
	ASSERT_EQ(0, cd_clean(self->fd, &self->l.drives[0], &req));
	ASSERT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ETIMEDOUT, err);
	ASSERT_EQ(0, cd_drive(self->fd, &self->l.drives[0], &di));
	EXPECT_TRUE(di.flags & NTMS_DRIVE_F_FULL);
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTABLE, di.state);
	EXPECT_EQ(0, memcmp(&di.media, &self->cleaner, sizeof(di.media)));
	/* the drive finishes; a dismount takes the cleaner home */
	for (i = 0; i < 200 &&
	     cd_sim_cleanings(self->l.drive_addr[0]) <= before; i++)
		usleep(50000);
	ASSERT_EQ(before + 1, cd_sim_cleanings(self->l.drive_addr[0]));
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, cd_media(self->fd, &self->cleaner, &mi));
	EXPECT_EQ(0, memcmp(&mi.location, &self->l.slots[self->cslot - 1],
			    sizeof(mi.location)))
		TH_LOG("the cleaner went to element %u", mi.location_address);
}

/* a standalone drive is recorded as cleaned at once, nothing queued */
TEST_F(cd, standalone)
{
	struct ntms_drive_info di;
	struct ntms_guid sa, req;
	uint64_t t0;

	cd_find_standalone(self->fd, &sa);
	ASSERT_FALSE(nq_guid_zero(&sa));
	t0 = cd_now_ns();
	memset(&req, 0x5a, sizeof(req));
	ASSERT_EQ(0, cd_clean(self->fd, &sa, &req));
	EXPECT_TRUE(nq_guid_zero(&req));
	ASSERT_EQ(0, cd_drive(self->fd, &sa, &di));
	EXPECT_TRUE(di.flags & NTMS_DRIVE_F_CLEANED);
	EXPECT_LE(t0, di.cleaned_ns);
	EXPECT_GE(cd_now_ns(), di.cleaned_ns);
	EXPECT_LE(1, di.cleanings);
}

/* ntmsctl clean: a cleaning, a spent cleaner, a standalone drive */
TEST_F_TIMEOUT(cd, ntmsctl, 120)
{
	char cmd[256], out[4096], name[64];
	struct ntms_object_info oi;
	struct ntms_guid sa;

	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	snprintf(name, sizeof(name), "%s", oi.name);
	snprintf(cmd, sizeof(cmd), "ntmsctl clean %s:drive0 --wait 2>&1",
		 name);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "queued as request")) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "PASSED")) TH_LOG("%s", out);
	snprintf(cmd, sizeof(cmd), "ntmsctl info --json %s:drive0 2>&1",
		 name);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "\"LastCleanedTs\": \"20")) TH_LOG("%s", out);
	ASSERT_EQ(0, cd_spend());
	snprintf(cmd, sizeof(cmd), "ntmsctl clean %s:drive1 --wait 2>&1",
		 name);
	EXPECT_NE(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "ERROR_CLEANER_CARTRIDGE_SPENT"))
		TH_LOG("%s", out);
	cd_find_standalone(self->fd, &sa);
	ASSERT_EQ(0, nq_info(self->fd, &sa, NTMS_TYPE_DRIVE, &oi));
	snprintf(cmd, sizeof(cmd), "ntmsctl clean /dev/%s 2>&1",
		 oi.u.drive.tape_name);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "recorded as cleaned")) TH_LOG("%s", out);
	EXPECT_EQ(2, tu_run("ntmsctl clean 2>&1", out, sizeof(out)))
		TH_LOG("%s", out);
}

/* the example written from Microsoft's pages cleans every drive */
TEST_F_TIMEOUT(cd, rsm_example, 120)
{
	int b0 = cd_sim_cleanings(self->l.drive_addr[0]);
	int b1 = cd_sim_cleanings(self->l.drive_addr[1]);
	char out[1024];
	int i;

	ASSERT_EQ(0, tu_run("build/bin/rsm_control clean 2>&1", out,
			    sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "2 drives queued for cleaning"))
		TH_LOG("%s", out);
	for (i = 0; i < 400; i++) {
		if (cd_sim_cleanings(self->l.drive_addr[0]) > b0 &&
		    cd_sim_cleanings(self->l.drive_addr[1]) > b1)
			break;
		usleep(50000);
	}
	EXPECT_EQ(b0 + 1, cd_sim_cleanings(self->l.drive_addr[0]));
	EXPECT_EQ(b1 + 1, cd_sim_cleanings(self->l.drive_addr[1]));
	/* the last cleaning's request ends after the drive's cycle */
	for (i = 0; i < 100; i++) {
		if (!cd_drive_busy(self->fd, &self->l))
			break;
		usleep(50000);
	}
}

/*
 * The cleaning requests of drive @d queued since @t0 (CLOCK_REALTIME):
 * how many, and how many of the driver's own PASSED
 */
static int cd_cleanings_queued(int fd, struct nq_lib *l,
			       const struct ntms_guid *d, uint64_t t0,
			       int *passed)
{
	static struct ntms_guid list[1024];
	int n = nq_enum(fd, NTMS_TYPE_LIBREQUEST, &l->lib, list, 1024), i;
	struct ntms_request_info ri;
	int c = 0;

	*passed = 0;
	for (i = 0; i < n; i++) {
		if (cd_request(fd, &list[i], &ri))
			return -1;
		if (ri.operation != NTMS_REQ_OP_CLEAN_DRIVE ||
		    memcmp(&ri.drive, d, sizeof(*d)) || ri.queued_ns < t0)
			continue;
		c++;
		if (ri.state == NTMS_REQ_PASSED &&
		    !strcmp(ri.application, "ntms"))
			(*passed)++;
	}
	return n < 0 ? -1 : c;
}

/* a data cartridge into drive 0 and back: one load for smcsim to count */
static int cd_use_drive0(int fd, struct nq_lib *l)
{
	int full = nq_full_slot(fd, l, 0);
	struct ntms_guid m, drive = l->drives[0], req;
	uint32_t err;

	if (full <= 0 || nq_slot_media(fd, l, full, &m) ||
	    nq_mount(fd, &m, &drive, 1,
		     NTMS_MOUNT_F_READ | NTMS_MOUNT_F_SPECIFIC_DRIVE, 0,
		     &req) ||
	    nq_ended(fd, &req, &err) != NTMS_REQ_PASSED ||
	    nq_dismount(fd, &drive, &req) ||
	    nq_ended(fd, &req, &err) != NTMS_REQ_PASSED)
		return -1;
	return 0;
}

/* wait up to @ms for smcsim's drive 0 to have done @n cleanings */
static int cd_wait_cleanings(struct nq_lib *l, int n, int ms)
{
	int i;

	for (i = 0; i < ms / 50; i++) {
		if (cd_sim_cleanings(l->drive_addr[0]) >= n)
			return 0;
		usleep(50000);
	}
	return -1;
}

/* the tape's ntms sysfs attribute @name, trimmed */
static int cd_tape_attr(struct nq_lib *l, const char *name, char *buf,
			size_t len)
{
	char path[200];

	snprintf(path, sizeof(path), "/sys/class/scsi_tape/%s/device/%s",
		 l->tape[0], name);
	return tu_read_trim(path, buf, len);
}

/*
 * A drive that asks for cleaning (TapeAlert 21, clean periodic, after
 * one load here) is cleaned by the driver after the dismount that
 * empties it, with a request of its own; the flags are gone after.
 */
TEST_F_TIMEOUT(cd, auto_after_dismount, 120)
{
	int before = cd_sim_cleanings(self->l.drive_addr[0]), passed;
	uint64_t t0 = cd_now_ns();
	struct ntms_object_info oi;
	struct ntms_drive_info di;
	uint32_t done;
	char buf[64];
	int i;

	ASSERT_LE(0, before);
	ASSERT_EQ(0, cd_drive(self->fd, &self->l.drives[0], &di));
	done = di.cleanings;
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_TRUE(oi.u.library.flags & NTMS_LIBRARY_F_AUTO_CLEAN);
	ASSERT_EQ(0, nq_knob("clean_after", "1"));
	ASSERT_EQ(0, cd_use_drive0(self->fd, &self->l));
	ASSERT_EQ(0, cd_wait_cleanings(&self->l, before + 1, 20000));
	for (i = 0; i < 200; i++) {
		ASSERT_EQ(1, cd_cleanings_queued(self->fd, &self->l,
						 &self->l.drives[0], t0, &passed));
		if (passed)
			break;
		usleep(50000);
	}
	EXPECT_EQ(1, passed);
	ASSERT_EQ(0, cd_drive(self->fd, &self->l.drives[0], &di));
	EXPECT_EQ(done + 1, di.cleanings);
	EXPECT_FALSE(di.flags & NTMS_DRIVE_F_NEEDS_CLEANING);
	EXPECT_FALSE(di.flags & NTMS_DRIVE_F_FULL);
	EXPECT_EQ(0, di.tapealert & (3ULL << 19));
	ASSERT_EQ(0, cd_tape_attr(&self->l, "ntms_needs_cleaning", buf,
				  sizeof(buf)));
	EXPECT_STREQ("0", buf);
}

/*
 * With the library's switch off, a drive asking for cleaning is shown
 * (drive information, sysfs) and left alone; switched on, the poll finds
 * it and cleans it.
 */
TEST_F_TIMEOUT(cd, auto_off_then_poll, 120)
{
	int before = cd_sim_cleanings(self->l.drive_addr[0]), passed;
	uint64_t t0 = cd_now_ns();
	struct ntms_object_info oi;
	struct ntms_drive_info di;
	char buf[64];

	ASSERT_LE(0, before);
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_auto_clean", "0"));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_FALSE(oi.u.library.flags & NTMS_LIBRARY_F_AUTO_CLEAN);
	ASSERT_EQ(0, nq_knob("clean_after", "1"));
	ASSERT_EQ(0, cd_use_drive0(self->fd, &self->l));
	ASSERT_EQ(0, cd_drive(self->fd, &self->l.drives[0], &di));
	EXPECT_TRUE(di.flags & NTMS_DRIVE_F_NEEDS_CLEANING);
	EXPECT_EQ(1ULL << 20, di.tapealert & (3ULL << 19));
	ASSERT_EQ(0, cd_tape_attr(&self->l, "ntms_needs_cleaning", buf,
				  sizeof(buf)));
	EXPECT_STREQ("1", buf);
	ASSERT_EQ(0, cd_tape_attr(&self->l, "ntms_tapealert", buf,
				  sizeof(buf)));
	EXPECT_STREQ("21", buf);
	EXPECT_EQ(0, cd_cleanings_queued(self->fd, &self->l,
					 &self->l.drives[0], t0, &passed));
	/* on, and the poll every second finds it */
	ASSERT_EQ(0, tu_write_file(POLL_PARAM, "1"));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_auto_clean", "1"));
	ASSERT_EQ(0, cd_wait_cleanings(&self->l, before + 1, 30000));
	EXPECT_EQ(1, cd_cleanings_queued(self->fd, &self->l,
					 &self->l.drives[0], t0, &passed));
}

/*
 * A spent cleaner asks the operator once: the drive still asks for
 * cleaning, the poll keeps looking, and nothing more is queued or asked
 * until the cleaner is replaced.
 */
TEST_F_TIMEOUT(cd, auto_spent_asks_once, 120)
{
	uint64_t t0 = cd_now_ns();
	int passed, i;

	ASSERT_EQ(0, cd_spend());
	ASSERT_EQ(0, nq_knob("clean_after", "1"));
	ASSERT_EQ(0, tu_write_file(POLL_PARAM, "1"));
	ASSERT_EQ(0, cd_use_drive0(self->fd, &self->l));
	for (i = 0; i < 200 && cd_opreqs(self->fd, &self->l.lib, false) < 1;
	     i++)
		usleep(50000);
	EXPECT_EQ(1, cd_opreqs(self->fd, &self->l.lib, false));
	/* several polls later */
	sleep(3);
	EXPECT_EQ(1, cd_opreqs(self->fd, &self->l.lib, false));
	EXPECT_EQ(1, cd_cleanings_queued(self->fd, &self->l,
					 &self->l.drives[0], t0, &passed));
	EXPECT_EQ(0, passed);
}

/* NTMS_IOC_CLEANER_PORT: 0 or -errno */
static int cd_port(int fd, const struct ntms_guid *lib, uint32_t flags,
		   uint32_t cleans, struct ntms_guid *req)
{
	struct ntms_cleaner_port cp;

	memset(&cp, 0, sizeof(cp));
	cp.library = *lib;
	cp.flags = flags;
	cp.cleans_left = cleans;
	if (ioctl(fd, NTMS_IOC_CLEANER_PORT, &cp))
		return -errno;
	if (req)
		*req = cp.request;
	return 0;
}

/*
 * EjectNtmsCleaner() to the mail slot; a cartridge the robot left there
 * is not taken back as a cleaner; the operator puts it back and
 * InjectNtmsCleaner() gives it 7 cleanings, which cleaning counts down.
 */
TEST_F_TIMEOUT(cd, port_cycle, 120)
{
	char n[16], args[160], out[1024];
	struct ntms_request_info ri;
	struct ntms_media_info mi;
	struct ntms_object_info oi;
	struct ntms_guid req;
	NTMS_GUID lib, op;
	uint32_t err;
	HANDLE s;

	memcpy(&lib, &self->l.lib, sizeof(lib));
	s = OpenNtmsSession(NULL, "ntms_clean", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	/* a cleaner in the slot: no second one */
	EXPECT_EQ(ERROR_CLEANER_CARTRIDGE_INSTALLED,
		  InjectNtmsCleaner(s, &lib, &op, 5, NTMS_INJECT_START));
	EXPECT_EQ(-ENOTEMPTY, cd_port(self->fd, &self->l.lib, 0, 5, NULL));
	EXPECT_EQ(-EINVAL, cd_port(self->fd, &self->l.lib,
				   NTMS_CLEANER_PORT_F_EJECT, 5, NULL));
	/* out */
	ASSERT_EQ(ERROR_SUCCESS, EjectNtmsCleaner(s, &lib, &op,
						  NTMS_EJECT_START));
	memcpy(&req, &op, sizeof(req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, cd_request(self->fd, &req, &ri));
	EXPECT_EQ(NTMS_REQ_OP_EJECT_CLEANER, ri.operation);
	EXPECT_EQ(0, memcmp(&ri.media, &self->cleaner, sizeof(ri.media)));
	ASSERT_EQ(0, cd_media(self->fd, &self->cleaner, &mi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, mi.location_type);
	EXPECT_EQ(self->ie, mi.location_address);
	/* nothing left to eject */
	EXPECT_EQ(ERROR_EMPTY, EjectNtmsCleaner(s, &lib, &op,
						NTMS_EJECT_START));
	EXPECT_EQ(-ENOMEDIUM, cd_port(self->fd, &self->l.lib,
				      NTMS_CLEANER_PORT_F_EJECT, 0, NULL));
	/* the robot put it there: not for an inject */
	ASSERT_EQ(0, cd_port(self->fd, &self->l.lib, 0, 7, &req));
	ASSERT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ENODATA, err);
	/* the operator takes it and puts it back in */
	snprintf(n, sizeof(n), "%u", self->ie);
	ASSERT_EQ(0, nq_knob("remove", n));
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, nq_knob("insert", cleaner));
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(ERROR_SUCCESS, InjectNtmsCleaner(s, &lib, &op, 7,
						   NTMS_INJECT_START));
	memcpy(&req, &op, sizeof(req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, cd_request(self->fd, &req, &ri));
	EXPECT_EQ(NTMS_REQ_OP_INJECT_CLEANER, ri.operation);
	EXPECT_EQ(7, ri.options);
	ASSERT_EQ(0, cd_media(self->fd, &self->cleaner, &mi));
	EXPECT_EQ(0, memcmp(&mi.location, &self->l.slots[self->cslot - 1],
			    sizeof(mi.location)));
	EXPECT_TRUE(mi.flags & NTMS_MEDIA_F_CLEANER);
	EXPECT_TRUE(mi.flags & NTMS_MEDIA_F_CLEANS_KNOWN);
	EXPECT_EQ(7, mi.cleans_left);
	/* a cleaning uses one */
	ASSERT_EQ(0, cd_clean(self->fd, &self->l.drives[0], &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_TRUE(oi.u.library.flags & NTMS_LIBRARY_F_CLEANER_USES);
	EXPECT_EQ(6, oi.u.library.cleaner_uses);
	/* through ntmsctl too: out and in */
	snprintf(args, sizeof(args), "ntmsctl cleaner eject %s --wait 2>&1",
		 oi.name);
	ASSERT_EQ(0, tu_run(args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_knob("remove", n));
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, nq_knob("insert", cleaner));
	ASSERT_EQ(0, nq_rescan(&self->l));
	snprintf(args, sizeof(args),
		 "ntmsctl cleaner inject %s 20 --wait 2>&1", oi.name);
	ASSERT_EQ(0, tu_run(args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, cd_media(self->fd, &self->cleaner, &mi));
	EXPECT_EQ(20, mi.cleans_left);
	EXPECT_EQ(2, tu_run("ntmsctl cleaner inject 2>&1", out, sizeof(out)));
	CloseNtmsSession(s);
}

static NTMS_GUID cd_port_user_lib;

static int cd_port_user(struct nq_lib *l)
{
	HANDLE s = OpenNtmsSession(NULL, "user", 0);
	NTMS_GUID op;
	DWORD ret;

	if (s == INVALID_HANDLE_VALUE)
		return 101;
	ret = EjectNtmsCleaner(s, &cd_port_user_lib, &op, NTMS_EJECT_START);
	CloseNtmsSession(s);
	return ret == ERROR_ACCESS_DENIED ? 0 : 102;
}

/* every other result of InjectNtmsCleaner() and EjectNtmsCleaner() */
TEST_F_TIMEOUT(cd, port_results, 120)
{
	char args[64], out[1024], knob[32];
	struct ntms_guid sa, req, m, mreq;
	struct ntms_object_info oi;
	NTMS_GUID lib, op, unknown;
	struct ntms_eject ej;
	int full, data, nth;
	uint32_t err;
	HANDLE s;

	memcpy(&lib, &self->l.lib, sizeof(lib));
	memset(&unknown, 0x5a, sizeof(unknown));
	s = OpenNtmsSession(NULL, "ntms_clean", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  EjectNtmsCleaner(s, &lib, NULL, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, EjectNtmsCleaner(s, &lib, &op, 7));
	EXPECT_EQ(ERROR_INVALID_LIBRARY,
		  EjectNtmsCleaner(s, &unknown, &op, NTMS_EJECT_START));
	EXPECT_EQ(-ENOENT, cd_port(self->fd, &self->l.drives[0], 0, 0, NULL));
	EXPECT_EQ(-EINVAL, cd_port(self->fd, &self->l.lib, 2, 0, NULL));
	/* a standalone drive's library has no mail slot */
	cd_find_standalone(self->fd, &sa);
	ASSERT_EQ(0, nq_info(self->fd, &sa, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(-EOPNOTSUPP, cd_port(self->fd, &oi.u.drive.library,
				       NTMS_CLEANER_PORT_F_EJECT, 0, NULL));
	/* access, disabled */
	cd_port_user_lib = lib;
	EXPECT_EQ(0, nq_as_user(cd_port_user, &self->l));
	ASSERT_EQ(ERROR_SUCCESS, DisableNtmsObject(s, NTMS_LIBRARY, &lib));
	EXPECT_EQ(ERROR_DEVICE_NOT_AVAILABLE,
		  EjectNtmsCleaner(s, &lib, &op, NTMS_EJECT_START));
	EXPECT_EQ(-ESHUTDOWN, cd_port(self->fd, &self->l.lib, 0, 1, NULL));
	ASSERT_EQ(ERROR_SUCCESS, EnableNtmsObject(s, NTMS_LIBRARY, &lib));
	/* the cleaner slot's magazine out */
	snprintf(knob, sizeof(knob), "%u 0",
		 self->l.slot_addr[self->cslot - 1]);
	ASSERT_EQ(0, nq_knob("slot_access", knob));
	ASSERT_EQ(0, nq_rescan(&self->l));
	EXPECT_EQ(ERROR_RESOURCE_NOT_PRESENT,
		  EjectNtmsCleaner(s, &lib, &op, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_RESOURCE_NOT_PRESENT,
		  InjectNtmsCleaner(s, &lib, &op, 3, NTMS_INJECT_START));
	snprintf(knob, sizeof(knob), "%u 1",
		 self->l.slot_addr[self->cslot - 1]);
	ASSERT_EQ(0, nq_knob("slot_access", knob));
	ASSERT_EQ(0, nq_rescan(&self->l));
	/* STOP: an eject queued behind a slow mount is cancelled */
	full = nq_full_slot(self->fd, &self->l, 0);
	ASSERT_LT(0, full);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, full, &m));
	ASSERT_EQ(0, nq_knob("latency_ms", "300"));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, NTMS_MOUNT_F_READ, 0,
			      &mreq));
	ASSERT_EQ(ERROR_SUCCESS, EjectNtmsCleaner(s, &lib, &op,
						  NTMS_EJECT_START));
	/* the one mail slot is the queued cleaner eject's: none for data */
	for (nth = 1; (data = nq_full_slot(self->fd, &self->l, nth)) > 0; nth++)
		if (data != full && data != self->cslot)
			break;
	ASSERT_LT(0, data);
	memset(&ej, 0, sizeof(ej));
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, data, &ej.media));
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_EJECT, &ej));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(ERROR_SUCCESS, EjectNtmsCleaner(s, &lib, &op,
						  NTMS_EJECT_STOP));
	memcpy(&req, &op, sizeof(req));
	EXPECT_EQ(NTMS_REQ_CANCELLED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_knob("latency_ms", "0"));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &mreq, &err));
	/* ended: nothing to stop; an inject's STOP wants an inject */
	EXPECT_EQ(ERROR_OBJECT_NOT_FOUND,
		  EjectNtmsCleaner(s, &lib, &op, NTMS_EJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_OPERATION,
		  InjectNtmsCleaner(s, &lib, &op, 0, NTMS_INJECT_STOP));
	/* no cleaner slot (the cleaner waits in the mail slot meanwhile) */
	snprintf(args, sizeof(args), "transfer %d %d", self->cslot,
		 self->l.nr_slots + 1);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, cd_slot(self->fd, &self->l.lib, NULL));
	EXPECT_EQ(ERROR_CLEANER_SLOT_NOT_SET,
		  InjectNtmsCleaner(s, &lib, &op, 3, NTMS_INJECT_START));
	EXPECT_EQ(-EALREADY, cd_port(self->fd, &self->l.lib,
				     NTMS_CLEANER_PORT_F_EJECT, 0, NULL));
	ASSERT_EQ(0, cd_slot(self->fd, &self->l.lib,
			     &self->l.slots[self->cslot - 1]));
	snprintf(args, sizeof(args), "transfer %d %d", self->l.nr_slots + 1,
		 self->cslot);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	CloseNtmsSession(s);
}

static NTMS_GUID cd_user_drive;

/* CleanNtmsDrive() as an unprivileged user: ERROR_ACCESS_DENIED */
static int cd_user_clean(struct nq_lib *l)
{
	HANDLE s = OpenNtmsSession(NULL, "user", 0);
	struct ntms_clean_drive c;
	DWORD ret;
	int fd;

	if (s == INVALID_HANDLE_VALUE)
		return 101;
	ret = CleanNtmsDrive(s, &cd_user_drive);
	CloseNtmsSession(s);
	if (ret != ERROR_ACCESS_DENIED) {
		fprintf(stderr, "# CleanNtmsDrive as a user: %u\n", ret);
		return 103;
	}
	fd = open(NQ_DEV, O_RDWR);
	if (fd < 0)
		return 104;
	memset(&c, 0, sizeof(c));
	memcpy(&c.drive, &cd_user_drive, sizeof(c.drive));
	ret = ioctl(fd, NTMS_IOC_CLEAN_DRIVE, &c) ? errno : 0;
	close(fd);
	return ret == EACCES ? 0 : 105;
}

/* every result of CleanNtmsDrive(), and the ioctl's where they differ */
TEST_F_TIMEOUT(cd, results, 120)
{
	NTMS_GUID drive, lib, unknown, sa_drive, req;
	NTMS_OBJECTINFORMATION info;
	struct ntms_guid sa, kreq;
	struct ntms_clean_drive c;
	char args[64], out[1024];
	HANDLE s, closed;
	uint32_t err;
	int i, before;

	memcpy(&drive, &self->l.drives[1], sizeof(drive));
	memcpy(&lib, &self->l.lib, sizeof(lib));
	memset(&unknown, 0x5a, sizeof(unknown));
	cd_find_standalone(self->fd, &sa);
	memcpy(&sa_drive, &sa, sizeof(sa_drive));
	s = OpenNtmsSession(NULL, "ntms_clean", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, s);
	closed = OpenNtmsSession(NULL, "closed", 0);
	ASSERT_NE(INVALID_HANDLE_VALUE, closed);
	ASSERT_EQ(ERROR_SUCCESS, CloseNtmsSession(closed));

	EXPECT_EQ(ERROR_INVALID_HANDLE, CleanNtmsDrive(closed, &drive));
	EXPECT_EQ(ERROR_INVALID_HANDLE, CleanNtmsDrive(NULL, &drive));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, CleanNtmsDrive(s, NULL));
	EXPECT_EQ(ERROR_INVALID_DRIVE, CleanNtmsDrive(s, &unknown));
	EXPECT_EQ(ERROR_INVALID_DRIVE, CleanNtmsDrive(s, &lib));
	/* reserved fields of the ioctl */
	memset(&c, 0, sizeof(c));
	c.drive = self->l.drives[1];
	c.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_CLEAN_DRIVE, &c));
	EXPECT_EQ(EINVAL, errno);
	c.flags = 0;
	c.padding[2] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_CLEAN_DRIVE, &c));
	EXPECT_EQ(EINVAL, errno);
	/* access */
	cd_user_drive = drive;
	EXPECT_EQ(0, nq_as_user(cd_user_clean, &self->l));
	/* disabled drive, then library */
	ASSERT_EQ(ERROR_SUCCESS, DisableNtmsObject(s, NTMS_DRIVE, &drive));
	EXPECT_EQ(ERROR_RESOURCE_DISABLED, CleanNtmsDrive(s, &drive));
	EXPECT_EQ(-ESHUTDOWN, cd_clean(self->fd, &self->l.drives[1], NULL));
	ASSERT_EQ(ERROR_SUCCESS, EnableNtmsObject(s, NTMS_DRIVE, &drive));
	ASSERT_EQ(ERROR_SUCCESS, DisableNtmsObject(s, NTMS_LIBRARY, &lib));
	EXPECT_EQ(ERROR_RESOURCE_DISABLED, CleanNtmsDrive(s, &drive));
	ASSERT_EQ(ERROR_SUCCESS, EnableNtmsObject(s, NTMS_LIBRARY, &lib));
	/* the library information says cleaning is possible */
	memset(&info, 0, sizeof(info));
	info.dwSize = sizeof(info);
	info.dwType = NTMS_LIBRARY;
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &lib, &info));
	EXPECT_TRUE(info.Info.Library.LibrarySupportsDriveCleaning);
	/* no cleaner slot (the cleaner waits in the mail slot meanwhile) */
	snprintf(args, sizeof(args), "transfer %d %d", self->cslot,
		 self->l.nr_slots + 1);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	ASSERT_EQ(0, cd_slot(self->fd, &self->l.lib, NULL));
	EXPECT_EQ(ERROR_CLEANER_SLOT_NOT_SET, CleanNtmsDrive(s, &drive));
	EXPECT_EQ(-EALREADY, cd_clean(self->fd, &self->l.drives[1], NULL));
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &lib, &info));
	EXPECT_FALSE(info.Info.Library.LibrarySupportsDriveCleaning);
	ASSERT_EQ(0, cd_slot(self->fd, &self->l.lib,
			     &self->l.slots[self->cslot - 1]));
	snprintf(args, sizeof(args), "transfer %d %d", self->l.nr_slots + 1,
		 self->cslot);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out))) TH_LOG("%s", out);
	ASSERT_EQ(0, nq_rescan(&self->l));
	/* damaged: the last read failed */
	ASSERT_EQ(0, nq_knob("fail", "0xb8 1 0x4 0x44 0x00"));
	nq_rescan(&self->l);
	EXPECT_EQ(ERROR_DATABASE_FAILURE, CleanNtmsDrive(s, &drive));
	nq_knob("fail", "clear");
	ASSERT_EQ(0, nq_rescan(&self->l));
	/* a standalone drive: recorded, LastCleanedTs set */
	ASSERT_FALSE(nq_guid_zero(&sa));
	EXPECT_EQ(ERROR_SUCCESS, CleanNtmsDrive(s, &sa_drive));
	info.dwType = NTMS_DRIVE;
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &sa_drive, &info));
	EXPECT_LE(2026, info.Info.Drive.LastCleanedTs.wYear);
	/* queued: the drive is cleaned, LastCleanedTs set */
	before = cd_sim_cleanings(self->l.drive_addr[1]);
	EXPECT_EQ(ERROR_SUCCESS, CleanNtmsDrive(s, &drive));
	for (i = 0; i < 200 &&
	     cd_sim_cleanings(self->l.drive_addr[1]) <= before; i++)
		usleep(50000);
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(ERROR_SUCCESS,
			  GetNtmsObjectInformation(s, &drive, &info));
		if (info.Info.Drive.LastCleanedTs.wYear)
			break;
		usleep(50000);
	}
	EXPECT_LE(2026, info.Info.Drive.LastCleanedTs.wYear);
	/* a spent cleaner, as the request's error */
	ASSERT_EQ(0, cd_spend());
	ASSERT_EQ(0, cd_clean(self->fd, &self->l.drives[0], &kreq));
	ASSERT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &kreq, &err));
	memcpy(&req, &kreq, sizeof(req));
	info.dwType = NTMS_LIBREQUEST;
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &req, &info));
	EXPECT_EQ(ERROR_CLEANER_CARTRIDGE_SPENT,
		  info.Info.LibRequest.dwErrorCode);
	EXPECT_EQ(NTMS_LM_CLEANDRIVE, info.Info.LibRequest.OperationCode);
	info.dwType = NTMS_LIBRARY;
	ASSERT_EQ(ERROR_SUCCESS, GetNtmsObjectInformation(s, &lib, &info));
	EXPECT_EQ(0, info.Info.Library.dwCleanerUsesRemaining);
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsSession(s));
}

TEST_HARNESS_MAIN
