// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_stale: cartridges moved behind the driver's back, by a library
 * that raises no UNIT ATTENTION for it (smcsim raises none for MOVE
 * MEDIUM, whoever sends it): mtx through the changer's /dev/sgN moves a
 * cartridge, the driver is not told, and then a request acts on it. The
 * request reads what it acts on first, finds the cartridge gone, reads
 * the whole library, and carries on from where the cartridge is, or fails
 * with a documented result if it left the library. At no moment is the
 * cartridge shown nowhere (no location and not offline). Also: the
 * ntms_displaced counter, and the periodic re-read ntms_refresh_s.
 * Runs as root in the VM against smcsim with one library of at least two
 * drives and one mail slot.
 */
#include <signal.h>
#include <sys/mman.h>

#include "nq_util.h"
#include "kselftest_harness.h"

FIXTURE(st) {
	int fd;
	struct nq_lib l;
};

FIXTURE_SETUP(st)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT))
		SKIP(return, "the driver has no NTMS_IOC_MOUNT");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
}

FIXTURE_TEARDOWN(st)
{
	char why[256] = "";

	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* where a cartridge is: location type and address, media flags */
static int where(int fd, const struct ntms_guid *m, uint32_t *type,
		 uint32_t *addr, uint32_t *flags)
{
	struct ntms_object_info oi;
	int ret = nq_info(fd, m, NTMS_TYPE_PHYSICAL_MEDIA, &oi);

	if (ret)
		return ret;
	*type = oi.u.media.location_type;
	*addr = oi.u.media.location_address;
	*flags = oi.u.media.flags;
	return 0;
}

/* the first slot (1-based) the driver shows empty, 0 if none */
static int empty_slot(int fd, struct nq_lib *l)
{
	return nq_nth_slot(fd, l, 0, 0);
}

/*
 * A watcher: a child reading the cartridge's place as fast as it can
 * while the parent works; it counts the samples where the cartridge had
 * no location without being offline.
 */
struct watch {
	pid_t pid;
	/* [0] stop, [1] samples, [2] nowhere */
	volatile long *shared;
};

static int watch_start(struct watch *w, const struct ntms_guid *m)
{
	w->shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (w->shared == MAP_FAILED)
		return -1;
	w->pid = fork();
	if (w->pid < 0)
		return -1;
	if (!w->pid) {
		int fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
		uint32_t type, addr, flags;

		while (fd >= 0 && !w->shared[0]) {
			if (where(fd, m, &type, &addr, &flags))
				_exit(1);
			w->shared[1]++;
			if (!type && !(flags & NTMS_MEDIA_F_OFFLINE))
				w->shared[2]++;
		}
		_exit(fd < 0);
	}
	return 0;
}

/* stop the watcher: its samples, -1 if it failed; *@nowhere counted */
static long watch_stop(struct watch *w, long *nowhere)
{
	long n;
	int st;

	w->shared[0] = 1;
	if (waitpid(w->pid, &st, 0) != w->pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st))
		n = -1;
	else
		n = w->shared[1];
	*nowhere = w->shared[2];
	munmap((void *)w->shared, 4096);
	return n;
}

/*
 * The finding as reported: "mtx transfer" to another slot, then a mount
 * of that cartridge. It is mounted from where it is now, and was never
 * shown nowhere.
 */
TEST_F(st, mount_after_transfer)
{
	uint32_t err, type, addr, flags;
	int from, to, state;
	struct ntms_guid m, req;
	char args[64], out[512];
	long before, samples, nowhere;
	struct watch w;

	from = nq_full_slot(self->fd, &self->l, 0);
	to = empty_slot(self->fd, &self->l);
	ASSERT_LT(0, from);
	ASSERT_LT(0, to);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from, &m));
	before = nq_attr_get(&self->l, "ntms_displaced");
	ASSERT_LE(0, before);
	snprintf(args, sizeof(args), "transfer %d %d", from, to);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	/* the driver was not told: it still shows the old slot */
	ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
	EXPECT_EQ(self->l.slot_addr[from - 1], addr);

	ASSERT_EQ(0, watch_start(&w, &m));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	state = nq_ended(self->fd, &req, &err);
	samples = watch_stop(&w, &nowhere);
	EXPECT_EQ(NTMS_REQ_PASSED, state) TH_LOG("error %u", err);
	ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
	EXPECT_EQ(NTMS_TYPE_DRIVE, type);
	EXPECT_LT(before, nq_attr_get(&self->l, "ntms_displaced"));
	EXPECT_LT(0, samples);
	EXPECT_EQ(0, nowhere) TH_LOG("%ld of %ld samples showed it nowhere",
				     nowhere, samples);

	/* home is the slot it was mounted from: where mtx put it */
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, type);
	EXPECT_EQ(self->l.slot_addr[to - 1], addr);
}

/* loaded by mtx into drive 1; a mount into drive 0 takes it from there */
TEST_F(st, mount_after_load)
{
	struct ntms_guid m, req, drive;
	char args[64], out[512];
	uint32_t err, type, addr, flags;
	int from;

	from = nq_full_slot(self->fd, &self->l, 1);
	ASSERT_LT(0, from);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from, &m));
	snprintf(args, sizeof(args), "load %d 1", from);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	drive = self->l.drives[0];
	ASSERT_EQ(0, nq_mount(self->fd, &m, &drive, 1,
			      NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
	EXPECT_EQ(NTMS_TYPE_DRIVE, type);
	EXPECT_EQ(self->l.drive_addr[0], addr);
	EXPECT_EQ(NTMS_DRIVE_STATE_MOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[0]));
	EXPECT_EQ(NTMS_DRIVE_STATE_DISMOUNTED,
		  nq_drive_state(self->fd, &self->l.drives[1]));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/*
 * Taken out of the library behind the driver's back (moved to the mail
 * slot by mtx, removed by the operator): the mount fails with ENXIO
 * (MEDIA_OFFLINE), and the cartridge is offline media, not nowhere. Put
 * back and injected, it is mounted again.
 */
TEST_F(st, mount_taken_out)
{
	uint32_t err, type, addr, flags, port;
	struct ntms_guid m, req;
	struct ntms_inject in;
	char args[64], out[512], bc[64], knob[96];
	int from;

	ASSERT_EQ(0, nq_first_port(&port));
	from = nq_full_slot(self->fd, &self->l, 0);
	ASSERT_LT(0, from);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from, &m));
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.slots[from - 1],
				     NTMS_TYPE_STORAGESLOT, bc, sizeof(bc)));
	/* mtx numbers the mail slots after the storage slots */
	snprintf(args, sizeof(args), "transfer %d %u", from,
		 self->l.nr_slots + 1);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	snprintf(knob, sizeof(knob), "%u", port);
	ASSERT_EQ(0, nq_knob("remove", knob));

	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ENXIO, err);
	ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
	EXPECT_EQ(0, type);
	EXPECT_TRUE(flags & NTMS_MEDIA_F_OFFLINE);
	/* and now the ioctl knows at once */
	EXPECT_EQ(-ENXIO, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));

	/* back through the mail slot */
	snprintf(knob, sizeof(knob), "%s %u", bc, port);
	ASSERT_EQ(0, nq_knob("insert", knob));
	memset(&in, 0, sizeof(in));
	in.library = self->l.lib;
	ASSERT_EQ(0, ioctl(self->fd, NTMS_IOC_INJECT, &in));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &in.request, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/*
 * A read that finds everything where the model has it reads nothing
 * more: mounts and dismounts of cartridges nobody else moved leave
 * ntms_displaced alone.
 */
TEST_F(st, nothing_displaced)
{
	struct ntms_guid m, req;
	long before;
	uint32_t err;

	before = nq_attr_get(&self->l, "ntms_displaced");
	ASSERT_LE(0, before);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l,
				   nq_full_slot(self->fd, &self->l, 0), &m));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(before, nq_attr_get(&self->l, "ntms_displaced"));
}

/*
 * ntms_refresh_s: an idle library is read again that often, so that a
 * move nobody reported shows without a request touching the cartridge.
 * Bad values are refused.
 */
TEST_F(st, refresh)
{
	uint32_t type, addr, flags;
	char args[64], out[512];
	struct ntms_guid m;
	int from, to, i;

	EXPECT_EQ(-EINVAL, nq_attr_set(&self->l, "ntms_refresh_s", "soon"));
	EXPECT_EQ(-ERANGE, nq_attr_set(&self->l, "ntms_refresh_s", "604801"));
	EXPECT_EQ(-EINVAL, nq_attr_set(&self->l, "ntms_refresh_s", "-1"));
	from = nq_full_slot(self->fd, &self->l, 0);
	to = empty_slot(self->fd, &self->l);
	ASSERT_LT(0, from);
	ASSERT_LT(0, to);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from, &m));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_refresh_s", "1"));
	snprintf(args, sizeof(args), "transfer %d %d", from, to);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	/* the poll (every 5 s by default) starts the read */
	for (i = 0; i < 300; i++) {
		ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
		if (addr == self->l.slot_addr[to - 1])
			break;
		usleep(100 * 1000);
	}
	EXPECT_EQ(self->l.slot_addr[to - 1], addr);
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, type);
	EXPECT_EQ(0, nq_attr_set(&self->l, "ntms_refresh_s", "0"));
}

static int eject(int fd, const struct ntms_guid *m, struct ntms_guid *req)
{
	struct ntms_eject ej;

	memset(&ej, 0, sizeof(ej));
	ej.media = *m;
	if (ioctl(fd, NTMS_IOC_EJECT, &ej))
		return -errno;
	*req = ej.request;
	return 0;
}

/*
 * The driver's view alone, stale or not: no barcode in two elements. 0,
 * or -1 with @why filled.
 */
static int model_unique(int fd, struct nq_lib *l, char *why, size_t len)
{
	char seen[2 * NQ_MAX][40], bc[64];
	uint32_t k, n = l->nr_drives + l->nr_slots;
	int nseen = 0, i;

	for (k = 0; k < n; k++) {
		if (nq_elem_barcode(fd, k < l->nr_drives ? &l->drives[k] :
				    &l->slots[k - l->nr_drives],
				    k < l->nr_drives ? NTMS_TYPE_DRIVE :
				    NTMS_TYPE_STORAGESLOT, bc, sizeof(bc)))
			return snprintf(why, len, "GET_INFO failed"), -1;
		if (!bc[0])
			continue;
		for (i = 0; i < nseen; i++)
			if (!strcmp(seen[i], bc))
				return snprintf(why, len, "%s in two places",
						bc), -1;
		snprintf(seen[nseen++], sizeof(seen[0]), "%s", bc);
	}
	return 0;
}

/* the cartridge in drive @d (0-based) in the driver's view, if any */
static int drive_media(int fd, struct nq_lib *l, uint32_t d,
		       struct ntms_guid *m)
{
	struct ntms_object_info oi;

	if (nq_info(fd, &l->drives[d], NTMS_TYPE_DRIVE, &oi))
		return -1;
	*m = oi.u.drive.media;
	return nq_guid_zero(m) ? -1 : 0;
}

/*
 * In a loop: mtx moves a cartridge behind the driver's back (slot to
 * slot, slot to drive, drive to slot), and at once a mount, dismount or
 * eject of that cartridge follows. Every result is a documented one for
 * what the cartridge's true place allows, the cartridge is never shown
 * nowhere, and after each round the driver's view equals mtx's with
 * every barcode in one place.
 */
/* 24 rounds take about a minute on the debug kernel: not the default 30 s */
TEST_F_TIMEOUT(st, loop, 600)
{
	unsigned int seed = getenv("NTMS_STALE_SEED") ?
		atoi(getenv("NTMS_STALE_SEED")) : (unsigned int)time(NULL);
	uint32_t err, type, addr, flags, port;
	struct ntms_guid m, req;
	char args[64], out[512], why[256];
	int round, from, to, op, state;
	struct ntms_inject in;

	ASSERT_EQ(0, nq_first_port(&port));
	printf("# seed %u (replay: NTMS_STALE_SEED=%u)\n", seed, seed);
	srand(seed);
	for (round = 0; round < 24; round++) {
		/* behind the driver's back */
		switch (rand() % 3) {
		case 0:
			from = nq_full_slot(self->fd, &self->l,
					    rand() % 3);
			to = empty_slot(self->fd, &self->l);
			ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from,
						   &m));
			snprintf(args, sizeof(args), "transfer %d %d", from,
				 to);
			break;
		case 1:
			from = nq_full_slot(self->fd, &self->l, rand() % 3);
			to = rand() % 2;
			if (!drive_media(self->fd, &self->l, to, &m))
				continue;
			ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, from,
						   &m));
			snprintf(args, sizeof(args), "load %d %d", from, to);
			break;
		default:
			from = rand() % 2;
			if (drive_media(self->fd, &self->l, from, &m))
				continue;
			to = empty_slot(self->fd, &self->l);
			snprintf(args, sizeof(args), "unload %d %d", to, from);
			break;
		}
		ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
			TH_LOG("round %d: mtx %s: %s", round, args, out);

		/* at once, a request for that cartridge */
		op = rand() % 3;
		if (op == 0)
			state = nq_mount(self->fd, &m, NULL, 1, 0, 0, &req);
		else if (op == 1)
			state = nq_dismount_media(self->fd, &m, 1, 0, &req);
		else
			state = eject(self->fd, &m, &req);
		if (state) {
			/* refused at once: what the model knew then */
			EXPECT_TRUE(op == 1 ? state == -ENOMEDIUM :
				    op == 2 ? state == -EBUSY : 0)
				TH_LOG("round %d: mtx %s, op %d: %d", round,
				       args, op, state);
		} else {
			state = nq_ended(self->fd, &req, &err);
			/* what the cartridge's true place allows */
			if (op == 0) {
				EXPECT_EQ(NTMS_REQ_PASSED, state)
					TH_LOG("round %d: mtx %s: %u", round,
					       args, err);
			} else if (state == NTMS_REQ_FAILED) {
				EXPECT_TRUE(op == 1 ? err == ENOMEDIUM :
					    err == EBUSY)
					TH_LOG("round %d: mtx %s, op %d: %u",
					       round, args, op, err);
			}
		}
		ASSERT_EQ(0, where(self->fd, &m, &type, &addr, &flags));
		EXPECT_NE(0, type) TH_LOG("round %d: nowhere", round);
		if (type == NTMS_TYPE_IEPORT) {
			/* ejected: back in */
			memset(&in, 0, sizeof(in));
			in.library = self->l.lib;
			ASSERT_EQ(0, ioctl(self->fd, NTMS_IOC_INJECT, &in));
			EXPECT_EQ(NTMS_REQ_PASSED,
				  nq_ended(self->fd, &in.request, &err));
		}
		EXPECT_EQ(0, model_unique(self->fd, &self->l, why,
					  sizeof(why)))
			TH_LOG("round %d: %s", round, why);
		/* the drives emptied, the model exact for the next round */
		for (to = 0; to < 2; to++) {
			if (drive_media(self->fd, &self->l, to, &m))
				continue;
			ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0,
						       &req));
			nq_ended(self->fd, &req, &err);
		}
		ASSERT_EQ(0, nq_rescan(&self->l));
		EXPECT_EQ(0, nq_consistent(self->fd, &self->l, why,
					   sizeof(why)))
			TH_LOG("round %d: %s", round, why);
	}
}

TEST_HARNESS_MAIN
