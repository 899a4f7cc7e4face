// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_ioctl: the /dev/ntms ABI with good and bad input. Needs at least
 * one library with drives, slots and cartridges (smcsim media=...).
 */
#include <sys/mman.h>

#include "ntms_util.h"
#include "kselftest_harness.h"

FIXTURE(ntms) {
	int fd;
	struct ntms_guid lib;
	struct ntms_guid drive;
};

FIXTURE_SETUP(ntms)
{
	struct ntms_object_info oi;
	struct ntms_guid *l;
	uint32_t n, i;

	self->fd = ntms_open();
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NTMS_DEV, strerror(errno));
	ASSERT_EQ(0, ntms_wait_ready(self->fd, 1, 60));
	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, &l, &n));
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, ntms_info(self->fd, &l[i], NTMS_TYPE_LIBRARY, &oi));
		if (oi.u.library.library_type == NTMS_LIBRARY_TYPE_ONLINE &&
		    oi.op_state == NTMS_OPSTATE_READY)
			break;
	}
	ASSERT_LT(i, n) TH_LOG("no ready library");
	self->lib = l[i];
	free(l);
	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_DRIVE, &self->lib, &l, &n));
	ASSERT_LT(0, n);
	self->drive = l[0];
	free(l);
}

FIXTURE_TEARDOWN(ntms)
{
	close(self->fd);
}

TEST_F(ntms, version)
{
	struct ntms_version_info vi;

	memset(&vi, 0xff, sizeof(vi));
	ASSERT_EQ(0, ioctl(self->fd, NTMS_IOC_GET_VERSION, &vi));
	EXPECT_EQ(NTMS_API_VERSION, vi.api_version);
	EXPECT_EQ(sizeof(struct ntms_object_info), vi.info_size);
	EXPECT_EQ(sizeof(struct ntms_event), vi.event_size);
	EXPECT_TRUE(vi.features & NTMS_FEATURE_ENUMERATE);
	EXPECT_TRUE(vi.features & NTMS_FEATURE_INFO);
	EXPECT_LT(0, vi.max_objects);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_GET_VERSION, (void *)8));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(ntms, unknown_ioctl)
{
	char buf[64] = { 0 };

	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(NTMS_IOC_MAGIC, 0x7f, buf), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IO('x', 1), 0));
	EXPECT_EQ(ENOTTY, errno);
	/* a known number with the wrong size */
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(NTMS_IOC_MAGIC, 0x02, buf), buf));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(NTMS_IOC_MAGIC, 0x03,
					   struct ntms_object_info), buf));
	EXPECT_EQ(EINVAL, errno);
}

/* every ioctl number with a wrong size is -EINVAL, not -ENOTTY */
TEST_F(ntms, wrong_size_each)
{
	static const unsigned int cmds[] = {
		NTMS_IOC_GET_VERSION, NTMS_IOC_SET_APPLICATION,
		NTMS_IOC_ENUMERATE, NTMS_IOC_GET_INFO,
		NTMS_IOC_DISMOUNT_DRIVE, NTMS_IOC_DISMOUNT_MEDIA,
		NTMS_IOC_REQUEST_WAIT, NTMS_IOC_REQUEST_CANCEL,
		NTMS_IOC_SET_ENABLED, NTMS_IOC_SET_EVENT_MASK,
		NTMS_IOC_MOUNT, NTMS_IOC_INVENTORY, NTMS_IOC_INJECT,
		NTMS_IOC_EJECT, NTMS_IOC_REQUEST_DRIVES,
	};
	char buf[1024] = { 0 };
	unsigned int i, cmd;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		/* one byte more than the struct */
		cmd = _IOC(_IOC_DIR(cmds[i]), NTMS_IOC_MAGIC, _IOC_NR(cmds[i]),
			   _IOC_SIZE(cmds[i]) + 1);
		errno = 0;
		EXPECT_EQ(-1, ioctl(self->fd, cmd, buf));
		EXPECT_EQ(EINVAL, errno) TH_LOG("ioctl nr %#x",
						_IOC_NR(cmds[i]));
	}
}

TEST_F(ntms, application)
{
	struct ntms_session_setup ss;

	memset(&ss, 0, sizeof(ss));
	strcpy(ss.application, "ntms selftest");
	EXPECT_EQ(0, ioctl(self->fd, NTMS_IOC_SET_APPLICATION, &ss));
	ss.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_SET_APPLICATION, &ss));
	EXPECT_EQ(EINVAL, errno);
	ss.flags = 0;
	ss.padding[6] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_SET_APPLICATION, &ss));
	EXPECT_EQ(EINVAL, errno);
	ss.padding[6] = 0;
	memset(ss.application, 'a', sizeof(ss.application));
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_SET_APPLICATION, &ss));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_SET_APPLICATION, NULL));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(ntms, enumerate_count_protocol)
{
	struct ntms_guid *l, *all;
	struct ntms_enumerate en;
	uint32_t n;

	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_STORAGESLOT, &self->lib,
			       &all, &n));
	ASSERT_LT(1, n);

	/* zero buffer: the needed count comes back */
	memset(&en, 0, sizeof(en));
	en.type = NTMS_TYPE_STORAGESLOT;
	en.flags = NTMS_ENUMERATE_F_CONTAINER;
	en.container = self->lib;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EOVERFLOW, errno);
	EXPECT_EQ(n, en.count);

	/* one short: nothing written, the count again */
	l = calloc(n + 1, sizeof(*l));
	ASSERT_NE(NULL, l);
	memset(l, 0xa5, (n + 1) * sizeof(*l));
	en.list = (uintptr_t)l;
	en.count = n - 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EOVERFLOW, errno);
	EXPECT_EQ(n, en.count);
	EXPECT_EQ(0xa5, l[0].b[0]);

	/* bigger than needed: exactly n written */
	en.count = n + 1;
	EXPECT_EQ(0, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(n, en.count);
	EXPECT_EQ(0, memcmp(l, all, n * sizeof(*l)));
	EXPECT_EQ(0xa5, l[n].b[0]);
	free(l);
	free(all);
}

TEST_F(ntms, enumerate_bad_input)
{
	struct ntms_enumerate en, good;
	struct ntms_guid l[4], bogus;
	void *unmapped;

	memset(&good, 0, sizeof(good));
	good.type = NTMS_TYPE_DRIVE;
	good.flags = NTMS_ENUMERATE_F_CONTAINER;
	good.container = self->lib;
	good.list = (uintptr_t)l;
	good.count = 4;
	en = good;
	ASSERT_EQ(0, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));

	en = good;
	en.type = NTMS_TYPE_UNKNOWN;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en = good;
	en.type = NTMS_TYPE_MAX;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en = good;
	en.flags |= 0x80;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en = good;
	en.padding[4] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EINVAL, errno);
	/* a container without the flag */
	en = good;
	en.flags = 0;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EINVAL, errno);
	/* unknown container */
	en = good;
	memset(&bogus, 0x5a, sizeof(bogus));
	en.container = bogus;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(ENOENT, errno);
	/* a container that is not a library */
	en = good;
	en.container = self->drive;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EINVAL, errno);
	/* bad pointers */
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	ASSERT_NE(MAP_FAILED, unmapped);
	en = good;
	en.list = (uintptr_t)unmapped;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EFAULT, errno);
	en = good;
	en.list = 0;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, &en));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, unmapped));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_ENUMERATE, NULL));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
}

TEST_F(ntms, info_bad_input)
{
	struct ntms_object_info oi;
	struct ntms_guid bogus;
	void *unmapped;

	ASSERT_EQ(0, ntms_info(self->fd, &self->drive, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(NTMS_TYPE_DRIVE, oi.type);
	ASSERT_EQ(0, ntms_info(self->fd, &self->drive, NTMS_TYPE_UNKNOWN, &oi));
	EXPECT_EQ(NTMS_TYPE_DRIVE, oi.type);
	/* wrong type */
	EXPECT_EQ(-EINVAL, ntms_info(self->fd, &self->drive,
				     NTMS_TYPE_LIBRARY, &oi));
	EXPECT_EQ(-EINVAL, ntms_info(self->fd, &self->drive,
				     NTMS_TYPE_MAX, &oi));
	/* unknown */
	memset(&bogus, 0x5a, sizeof(bogus));
	EXPECT_EQ(-ENOENT, ntms_info(self->fd, &bogus, NTMS_TYPE_DRIVE, &oi));
	memset(&bogus, 0, sizeof(bogus));
	EXPECT_EQ(-ENOENT, ntms_info(self->fd, &bogus, 0, &oi));
	/* flags */
	memset(&oi, 0, sizeof(oi));
	oi.id = self->drive;
	oi.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_GET_INFO, &oi));
	EXPECT_EQ(EINVAL, errno);
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	ASSERT_NE(MAP_FAILED, unmapped);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_GET_INFO, unmapped));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_GET_INFO, NULL));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
}

static const uint32_t types[] = {
	NTMS_TYPE_LIBRARY, NTMS_TYPE_CHANGER, NTMS_TYPE_DRIVE,
	NTMS_TYPE_STORAGESLOT, NTMS_TYPE_IEPORT, NTMS_TYPE_PHYSICAL_MEDIA,
};

/* every object: nonzero, unique GUID; info of the right type */
TEST_F(ntms, every_object)
{
	struct ntms_object_info oi;
	struct ntms_guid *l, *seen = NULL;
	uint32_t n, i, j, t, total = 0;

	for (t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		ASSERT_EQ(0, ntms_enum(self->fd, types[t], NULL, &l, &n));
		seen = realloc(seen, (total + n + 1) * sizeof(*seen));
		for (i = 0; i < n; i++) {
			EXPECT_FALSE(ntms_guid_zero(&l[i]));
			ASSERT_EQ(0, ntms_info(self->fd, &l[i], 0, &oi));
			EXPECT_EQ(types[t], oi.type);
			EXPECT_NE(0, oi.name[0]);
			for (j = 0; j < total; j++)
				EXPECT_NE(0, memcmp(&seen[j], &l[i],
						    sizeof(l[i])));
			seen[total++] = l[i];
		}
		free(l);
	}
	free(seen);
}

/* a library's counts equal its enumerations; addresses are its own */
TEST_F(ntms, library_counts)
{
	struct ntms_object_info li, oi;
	struct ntms_guid *l;
	uint32_t n, i;

	ASSERT_EQ(0, ntms_info(self->fd, &self->lib, NTMS_TYPE_LIBRARY, &li));
	EXPECT_EQ(NTMS_ACCESS_USE, li.u.library.access & NTMS_ACCESS_USE);
	EXPECT_TRUE(li.u.library.flags & NTMS_LIBRARY_F_BARCODE_READER);
	EXPECT_FALSE(li.u.library.flags & NTMS_LIBRARY_F_DAMAGED);
	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_STORAGESLOT, &self->lib,
			       &l, &n));
	EXPECT_EQ(li.u.library.num_slots, n);
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, ntms_info(self->fd, &l[i], 0, &oi));
		EXPECT_EQ(i, oi.u.slot.number);
		EXPECT_EQ(li.u.library.first_slot + i, oi.u.slot.address);
		EXPECT_EQ(0, memcmp(&self->lib, &oi.u.slot.library, 16));
	}
	free(l);
	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_DRIVE, &self->lib, &l, &n));
	EXPECT_EQ(li.u.library.num_drives, n);
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, ntms_info(self->fd, &l[i], 0, &oi));
		EXPECT_EQ(li.u.library.first_drive + i, oi.u.drive.address);
	}
	free(l);
	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_IEPORT, &self->lib, &l, &n));
	EXPECT_EQ(li.u.library.num_ports, n);
	free(l);
	ASSERT_EQ(0, ntms_enum(self->fd, NTMS_TYPE_PHYSICAL_MEDIA, &self->lib,
			       &l, &n));
	EXPECT_EQ(li.u.library.num_media, n);
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, ntms_info(self->fd, &l[i], 0, &oi));
		EXPECT_EQ(NTMS_BARCODE_STATE_OK, oi.u.media.barcode_state);
		EXPECT_FALSE(ntms_guid_zero(&oi.u.media.location));
	}
	free(l);
}

TEST_HARNESS_MAIN
