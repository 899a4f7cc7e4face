// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_elements: NTMS_IOC_GET_ELEMENTS, every element of a library in one
 * call (what ntms-mtx "status" and ntms-changer "list" read): each
 * documented result, agreement with NTMS_IOC_GET_INFO element by element,
 * and one consistent picture while moves run (every cartridge in exactly
 * one place in every answer). Runs as root in the VM against smcsim with
 * one library (slots=20 drives=2 ieports=2 media=10).
 */
#include "nq_util.h"
#include "kselftest_harness.h"

#define EL_MAX	256

FIXTURE(el) {
	int fd;
	struct nq_lib l;
	uint32_t total;		/* changers, slots, ports, drives */
	uint32_t media;
};

FIXTURE_SETUP(el)
{
	struct ntms_object_info oi;
	struct ntms_library_info *li = &oi.u.library;

	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	if (!(nq_features(self->fd) & NTMS_FEATURE_ELEMENTS))
		SKIP(return, "no NTMS_IOC_GET_ELEMENTS");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	self->total = li->num_changers + li->num_slots + li->num_ports +
		      li->num_drives;
	self->media = li->num_media;
	ASSERT_GE(EL_MAX, self->total);
}

FIXTURE_TEARDOWN(el)
{
	char why[256] = "";

	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* NTMS_IOC_GET_ELEMENTS into @es (room for @n): 0 or -errno; *@n out */
static int el_get(int fd, const struct ntms_guid *lib, uint32_t type,
		  struct ntms_element_status *es, uint32_t *n)
{
	struct ntms_get_elements ge;
	int ret;

	memset(&ge, 0, sizeof(ge));
	ge.library = *lib;
	ge.type = type;
	ge.count = *n;
	ge.elements = (uintptr_t)es;
	ret = ioctl(fd, NTMS_IOC_GET_ELEMENTS, &ge) ? -errno : 0;
	*n = ge.count;
	return ret;
}

/* every cartridge in one element at most; the number of full ones */
static int el_places(const struct ntms_element_status *es, uint32_t n,
		     char *why, size_t len)
{
	uint32_t i, j, full = 0;

	for (i = 0; i < n; i++) {
		if (!(es[i].flags & NTMS_ELEMENT_F_MEDIA))
			continue;
		full++;
		for (j = 0; j < i; j++)
			if ((es[j].flags & NTMS_ELEMENT_F_MEDIA) &&
			    !memcmp(&es[i].media, &es[j].media,
				    sizeof(es[i].media))) {
				snprintf(why, len, "%s at %u and %u",
					 es[i].barcode, es[j].address,
					 es[i].address);
				return -1;
			}
	}
	return full;
}

/* every documented result of the ioctl itself */
TEST_F(el, results)
{
	static struct ntms_element_status es[EL_MAX];
	struct ntms_get_elements ge;
	struct ntms_guid unknown;
	uint32_t n;

	/* 0: all of them, in type order, each type by address */
	n = EL_MAX;
	ASSERT_EQ(0, el_get(self->fd, &self->l.lib, 0, es, &n));
	EXPECT_EQ(self->total, n);
	EXPECT_EQ(NTMS_TYPE_CHANGER, es[0].type);
	EXPECT_EQ(NTMS_TYPE_DRIVE, es[n - 1].type);
	for (uint32_t i = 1; i < n; i++)
		if (es[i].type == es[i - 1].type)
			EXPECT_LT(es[i - 1].address, es[i].address);
	/* one type */
	n = EL_MAX;
	ASSERT_EQ(0, el_get(self->fd, &self->l.lib, NTMS_TYPE_DRIVE, es, &n));
	EXPECT_EQ(self->l.nr_drives, n);
	EXPECT_EQ(self->l.drive_addr[0], es[0].address);
	n = EL_MAX;
	ASSERT_EQ(0, el_get(self->fd, &self->l.lib, NTMS_TYPE_STORAGESLOT, es,
			    &n));
	EXPECT_EQ(self->l.nr_slots, n);
	/* EOVERFLOW: the count needed, nothing written */
	memset(es, 0xa5, sizeof(es[0]));
	n = 1;
	EXPECT_EQ(-EOVERFLOW, el_get(self->fd, &self->l.lib, 0, es, &n));
	EXPECT_EQ(self->total, n);
	EXPECT_EQ(0xa5a5a5a5, es[0].type);
	n = 0;
	EXPECT_EQ(-EOVERFLOW, el_get(self->fd, &self->l.lib, 0, NULL, &n));
	EXPECT_EQ(self->total, n);
	/* EINVAL: a type that is no element's, flags, padding */
	n = EL_MAX;
	EXPECT_EQ(-EINVAL, el_get(self->fd, &self->l.lib,
				  NTMS_TYPE_PHYSICAL_MEDIA, es, &n));
	n = EL_MAX;
	EXPECT_EQ(-EINVAL, el_get(self->fd, &self->l.lib, NTMS_TYPE_MAX, es,
				  &n));
	memset(&ge, 0, sizeof(ge));
	ge.library = self->l.lib;
	ge.count = EL_MAX;
	ge.elements = (uintptr_t)es;
	ge.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_GET_ELEMENTS, &ge));
	EXPECT_EQ(EINVAL, errno);
	ge.flags = 0;
	ge.padding[4] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_GET_ELEMENTS, &ge));
	EXPECT_EQ(EINVAL, errno);
	/* ENOENT: no such object, or not a library */
	memset(&unknown, 0x5a, sizeof(unknown));
	n = EL_MAX;
	EXPECT_EQ(-ENOENT, el_get(self->fd, &unknown, 0, es, &n));
	n = EL_MAX;
	EXPECT_EQ(-ENOENT, el_get(self->fd, &self->l.drives[0], 0, es, &n));
	/* EFAULT: room but no array; an array that is not memory */
	n = EL_MAX;
	EXPECT_EQ(-EFAULT, el_get(self->fd, &self->l.lib, 0, NULL, &n));
	n = EL_MAX;
	EXPECT_EQ(-EFAULT, el_get(self->fd, &self->l.lib, 0,
				  (void *)(uintptr_t)4096, &n));
}

/* each element as NTMS_IOC_GET_INFO describes it */
TEST_F(el, agrees_with_get_info)
{
	static struct ntms_element_status es[EL_MAX];
	struct ntms_object_info oi;
	struct ntms_guid media;
	uint32_t n = EL_MAX, i, addr;
	bool full;

	/* a cartridge in a drive: its source slot shows */
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 1));
	ASSERT_EQ(0, el_get(self->fd, &self->l.lib, 0, es, &n));
	EXPECT_EQ(self->media, el_places(es, n, NULL, 0));
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, nq_info(self->fd, &es[i].id, es[i].type, &oi));
		switch (es[i].type) {
		case NTMS_TYPE_CHANGER:
			addr = oi.u.changer.address;
			full = false;
			memset(&media, 0, sizeof(media));
			break;
		case NTMS_TYPE_STORAGESLOT:
			addr = oi.u.slot.address;
			full = oi.u.slot.state == NTMS_SLOT_STATE_FULL;
			media = oi.u.slot.media;
			break;
		case NTMS_TYPE_IEPORT:
			addr = oi.u.ieport.address;
			full = oi.u.ieport.content == NTMS_PORT_CONTENT_FULL;
			media = oi.u.ieport.media;
			break;
		case NTMS_TYPE_DRIVE:
			addr = oi.u.drive.address;
			full = oi.u.drive.flags & NTMS_DRIVE_F_FULL;
			media = oi.u.drive.media;
			EXPECT_EQ(!!(oi.u.drive.flags &
				     NTMS_DRIVE_F_SOURCE_VALID),
				  !!(es[i].flags & NTMS_ELEMENT_F_SOURCE_VALID));
			if (full)
				EXPECT_EQ(oi.u.drive.source_address,
					  es[i].source_address);
			break;
		default:
			EXPECT_EQ(NTMS_TYPE_DRIVE, es[i].type);
			continue;
		}
		EXPECT_EQ(addr, es[i].address);
		EXPECT_EQ(full, !!(es[i].flags & NTMS_ELEMENT_F_FULL))
			TH_LOG("element %u", addr);
		EXPECT_EQ(0, memcmp(&media, &es[i].media, sizeof(media)));
		if (nq_guid_zero(&media)) {
			EXPECT_FALSE(es[i].flags & NTMS_ELEMENT_F_MEDIA);
			continue;
		}
		EXPECT_TRUE(es[i].flags & NTMS_ELEMENT_F_MEDIA);
		ASSERT_EQ(0, nq_info(self->fd, &media,
				     NTMS_TYPE_PHYSICAL_MEDIA, &oi));
		EXPECT_STREQ(oi.u.media.barcode, es[i].barcode);
	}
}

/*
 * Moves run in a child while the parent reads: every answer shows every
 * cartridge in exactly one place, though the robot takes 100 ms a move.
 */
TEST_F(el, one_picture_while_moving)
{
	static struct ntms_element_status es[EL_MAX];
	uint32_t from, to, err, n;
	struct ntms_move m;
	char why[128];
	int status, reads = 0, full;
	pid_t pid;

	from = self->l.slot_addr[nq_full_slot(self->fd, &self->l, 0) - 1];
	to = self->l.slot_addr[self->l.nr_slots - 1];
	ASSERT_EQ(0, nq_knob("latency_ms", "100"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int fd = open(NQ_DEV, O_RDWR | O_CLOEXEC), i;

		for (i = 0; i < 20; i++) {
			memset(&m, 0, sizeof(m));
			m.library = self->l.lib;
			m.source = i % 2 ? to : from;
			m.dest = i % 2 ? from : to;
			if (ioctl(fd, NTMS_IOC_MOVE, &m) ||
			    nq_ended(fd, &m.request, &err) != NTMS_REQ_PASSED)
				_exit(1);
		}
		_exit(0);
	}
	do {
		n = EL_MAX;
		ASSERT_EQ(0, el_get(self->fd, &self->l.lib, 0, es, &n));
		full = el_places(es, n, why, sizeof(why));
		EXPECT_EQ(self->media, full) TH_LOG("read %d: %s", reads,
						    full < 0 ? why : "");
		reads++;
	} while (!waitpid(pid, &status, WNOHANG));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	TH_LOG("%d reads during 20 moves", reads);
	EXPECT_LT(20, reads);
}

/* a disabled library still answers */
TEST_F(el, disabled_library)
{
	static struct ntms_element_status es[EL_MAX];
	uint32_t n = EL_MAX;

	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    0, NULL));
	EXPECT_EQ(0, el_get(self->fd, &self->l.lib, 0, es, &n));
	EXPECT_EQ(self->total, n);
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    1, NULL));
}

/* the changer goes away: ENODEV; back after a rescan of its host */
TEST_F(el, library_gone)
{
	static struct ntms_element_status es[EL_MAX];
	char path[200], host[64], *p;
	uint32_t n = EL_MAX;

	snprintf(path, sizeof(path), "%s/delete", self->l.sysfs);
	ASSERT_EQ(0, tu_write_file(path, "1"));
	EXPECT_EQ(-ENODEV, el_get(self->fd, &self->l.lib, 0, es, &n));
	p = strrchr(self->l.sysfs, '/') + 1;
	snprintf(host, sizeof(host), "/sys/class/scsi_host/host%d/scan",
		 atoi(p));
	ASSERT_EQ(0, tu_write_file(host, "- - -"));
	ASSERT_EQ(0, nq_lib_find(self->fd, &self->l, 60));
	n = EL_MAX;
	EXPECT_EQ(0, el_get(self->fd, &self->l.lib, 0, es, &n));
}

TEST_HARNESS_MAIN
