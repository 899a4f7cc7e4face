// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_reqctl: the request queue's order (NTMS_IOC_REQUEST_ORDER) and
 * forgetting objects (NTMS_IOC_DELETE): requests that ended, a library
 * whose changer is gone, a standalone drive whose tape device is gone.
 * Every documented result, and that the order read is the order run.
 *
 * Runs as root in the VM against smcsim (slots=20 drives=2 ieports=1
 * media=10 standalone=1).
 */
#include "nq_util.h"
#include "kselftest_harness.h"

NQ_CALL int rc_order(int fd, const struct ntms_guid *req, uint32_t flags,
		     uint32_t *order)
{
	struct ntms_request_order ro;

	memset(&ro, 0, sizeof(ro));
	ro.request = *req;
	ro.flags = flags;
	ro.order = *order;
	if (ioctl(fd, NTMS_IOC_REQUEST_ORDER, &ro))
		return -errno;
	*order = ro.order;
	return 0;
}

/* the place of @req, or -errno */
NQ_CALL int rc_get(int fd, const struct ntms_guid *req)
{
	uint32_t n = 0;
	int ret = rc_order(fd, req, 0, &n);

	return ret ? ret : (int)n;
}

NQ_CALL int rc_set(int fd, const struct ntms_guid *req, uint32_t place)
{
	return rc_order(fd, req, NTMS_ORDER_F_SET, &place);
}

NQ_CALL int rc_delete(int fd, const struct ntms_guid *ids, uint32_t count,
		      uint32_t type, uint32_t *deleted)
{
	struct ntms_delete d;

	memset(&d, 0, sizeof(d));
	d.objects = (uintptr_t)ids;
	d.count = count;
	d.type = type;
	if (ioctl(fd, NTMS_IOC_DELETE, &d))
		return -errno;
	if (deleted)
		*deleted = d.deleted;
	return 0;
}

NQ_CALL uint32_t rc_state(int fd, const struct ntms_guid *req)
{
	struct ntms_object_info oi;

	if (nq_info(fd, req, NTMS_TYPE_LIBREQUEST, &oi))
		return 99;
	return oi.u.request.state;
}

/* write @v to the sysfs attribute @name of the SCSI device at @dev */
static int rc_sysfs(const char *dev, const char *name, const char *v)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dev, name);
	return tu_write_file(path, v);
}

/* scan every SCSI host again: detached devices come back */
static int rc_scan_hosts(void)
{
	char out[256];

	return tu_run("for h in /sys/class/scsi_host/host*/scan; do echo '- - -' > $h; done",
		      out, sizeof(out));
}

FIXTURE(rc) {
	struct nq_lib l;
	int fd;
	struct ntms_guid media[3];	/* cartridges in slots */
	struct ntms_guid mounts[3];	/* mounts of them, waiting */
};

FIXTURE_SETUP(rc)
{
	int i, slot;

	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	if (!(nq_features(self->fd) & NTMS_FEATURE_REQUEST_ORDER) ||
	    !(nq_features(self->fd) & NTMS_FEATURE_DELETE))
		SKIP(return, "driver without NTMS_IOC_REQUEST_ORDER/DELETE");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	ASSERT_EQ(0, nq_open_to_users());
	for (i = 0; i < 3; i++) {
		slot = nq_full_slot(self->fd, &self->l, 2 + i);
		ASSERT_LT(0, slot);
		ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, slot,
					   &self->media[i]));
	}
}

FIXTURE_TEARDOWN(rc)
{
	char why[256] = "";
	int i;

	if (self->fd < 0)
		return;
	for (i = 0; i < 3; i++)
		nq_cancel(self->fd, &self->mounts[i]);
	nq_attr_set(&self->l, "ntms_modify_gid", "-1");
	nq_attr_set(&self->l, "ntms_control_gid", "-1");
	if (self->l.nr_drives) {
		nq_unload_all(&self->l);
		EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
			TH_LOG("%s", why);
	}
	close(self->fd);
}

/* both drives full; three mounts for drive 0, all WAITING, in order */
static void rc_queue_three(struct __test_metadata *_metadata,
			   FIXTURE_DATA(rc) *self)
{
	int i;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 1));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, nq_mount(self->fd, &self->media[i],
				      &self->l.drives[0], 1,
				      NTMS_MOUNT_F_SPECIFIC_DRIVE, 0,
				      &self->mounts[i]));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(i + 1, rc_get(self->fd, &self->mounts[i]));
}

/* the order read is the order moved to, and the order run */
TEST_F_TIMEOUT(rc, order_is_the_queue, 120)
{
	struct ntms_guid req, later;
	uint32_t err;
	int i;

	rc_queue_three(_metadata, self);
	/* the last to the front: 2 0 1 */
	ASSERT_EQ(0, rc_set(self->fd, &self->mounts[2], 1));
	EXPECT_EQ(1, rc_get(self->fd, &self->mounts[2]));
	EXPECT_EQ(2, rc_get(self->fd, &self->mounts[0]));
	EXPECT_EQ(3, rc_get(self->fd, &self->mounts[1]));
	/* past the end and NTMS_ORDER_LAST: to the back, 2 1 0 */
	ASSERT_EQ(0, rc_set(self->fd, &self->mounts[0], 1000));
	EXPECT_EQ(3, rc_get(self->fd, &self->mounts[0]));
	ASSERT_EQ(0, rc_set(self->fd, &self->mounts[1], NTMS_ORDER_LAST));
	EXPECT_EQ(3, rc_get(self->fd, &self->mounts[1]));
	EXPECT_EQ(2, rc_get(self->fd, &self->mounts[0]));
	/* back to 2 0 1 */
	ASSERT_EQ(0, rc_set(self->fd, &self->mounts[0], 2));
	/* a request of higher priority goes in front of all of them */
	ASSERT_EQ(0, nq_mount(self->fd, &self->media[0], &self->l.drives[1], 1,
			      NTMS_MOUNT_F_SPECIFIC_DRIVE, 5, &later));
	EXPECT_EQ(1, rc_get(self->fd, &later));
	EXPECT_EQ(2, rc_get(self->fd, &self->mounts[2]));
	ASSERT_EQ(0, nq_cancel(self->fd, &later));
	EXPECT_EQ(0, rc_get(self->fd, &later));

	/* drive 0 freed: the first of the queue gets it, the others wait */
	ASSERT_EQ(0, nq_dismount(self->fd, &self->l.drives[0], &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &self->mounts[2], &err));
	EXPECT_EQ(0, rc_get(self->fd, &self->mounts[2]));
	EXPECT_EQ(1, rc_get(self->fd, &self->mounts[0]));
	EXPECT_EQ(2, rc_get(self->fd, &self->mounts[1]));
	for (i = 0; i < 2; i++)
		EXPECT_EQ(NTMS_REQ_WAITING, rc_state(self->fd,
						     &self->mounts[i]));
	/* an ended request has no place and cannot be moved */
	EXPECT_EQ(-ESRCH, rc_set(self->fd, &self->mounts[2], 1));
}

/*
 * A call as the unprivileged user, in a child: rc_as_user(fn) runs
 * fn(fd) on a session of that user; its errno, 0, or 200 (no session).
 */
static const struct ntms_guid *rc_user_guid;
static int (*rc_user_fn)(int fd);

static int rc_user_child(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	ret = rc_user_fn(fd);
	close(fd);
	return ret < 0 ? -ret : 0;
}

static int rc_as_user(int (*fn)(int fd), const struct ntms_guid *g,
		      struct nq_lib *l)
{
	rc_user_fn = fn;
	rc_user_guid = g;
	return nq_as_user(rc_user_child, l);
}

static int rc_user_get(int fd)
{
	return rc_get(fd, rc_user_guid);
}

static int rc_user_set(int fd)
{
	return rc_set(fd, rc_user_guid, 1);
}

static int rc_user_delete_request(int fd)
{
	return rc_delete(fd, rc_user_guid, 1, NTMS_TYPE_LIBREQUEST, NULL);
}

static int rc_user_delete_drive(int fd)
{
	return rc_delete(fd, rc_user_guid, 1, NTMS_TYPE_DRIVE, NULL);
}

/* every documented error of NTMS_IOC_REQUEST_ORDER */
TEST_F_TIMEOUT(rc, order_errors, 120)
{
	struct ntms_request_order ro;
	struct ntms_guid unknown;
	char gid[16];

	rc_queue_three(_metadata, self);
	memset(&unknown, 0x5a, sizeof(unknown));
	EXPECT_EQ(-ENOENT, rc_get(self->fd, &unknown));
	EXPECT_EQ(-ENOENT, rc_set(self->fd, &unknown, 1));
	/* a library's GUID is not a request's */
	EXPECT_EQ(-ENOENT, rc_get(self->fd, &self->l.lib));
	EXPECT_EQ(-EINVAL, rc_set(self->fd, &self->mounts[0], 0));
	memset(&ro, 0, sizeof(ro));
	ro.request = self->mounts[0];
	ro.flags = 0x2;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_REQUEST_ORDER, &ro));
	EXPECT_EQ(EINVAL, errno);
	ro.flags = 0;
	ro.padding[1] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_REQUEST_ORDER, &ro));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_REQUEST_ORDER, NULL));
	EXPECT_EQ(EFAULT, errno);

	/* reading needs MODIFY, moving CONTROL */
	EXPECT_EQ(EACCES, rc_as_user(rc_user_get, &self->mounts[0], &self->l));
	EXPECT_EQ(EACCES, rc_as_user(rc_user_set, &self->mounts[0], &self->l));
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_modify_gid", gid));
	EXPECT_EQ(0, rc_as_user(rc_user_get, &self->mounts[0], &self->l));
	EXPECT_EQ(EACCES, rc_as_user(rc_user_set, &self->mounts[0], &self->l));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_control_gid", gid));
	EXPECT_EQ(0, rc_as_user(rc_user_set, &self->mounts[0], &self->l));
	EXPECT_EQ(1, rc_get(self->fd, &self->mounts[0]));
}

/* ended requests leave the table; pending ones and strangers stay */
TEST_F_TIMEOUT(rc, delete_requests, 120)
{
	struct ntms_guid ids[4], req;
	struct ntms_object_info oi;
	struct ntms_event ev;
	uint32_t err, n = 99;
	int efd, seen = 0;

	efd = nq_event_open();
	ASSERT_LE(0, efd);
	rc_queue_three(_metadata, self);
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_cancel(self->fd, &self->mounts[1]));
	ids[0] = req;			/* passed */
	ids[1] = self->mounts[0];	/* waiting */
	memset(&ids[2], 0x5a, sizeof(ids[2]));	/* nothing */
	ids[3] = self->mounts[1];	/* cancelled */
	ASSERT_EQ(0, rc_delete(self->fd, ids, 4, NTMS_TYPE_LIBREQUEST, &n));
	EXPECT_EQ(2, n);
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &self->mounts[1],
				   NTMS_TYPE_LIBREQUEST, &oi));
	EXPECT_EQ(NTMS_REQ_WAITING, rc_state(self->fd, &self->mounts[0]));
	EXPECT_EQ(1, rc_get(self->fd, &self->mounts[0]));
	/* twice is nothing */
	ASSERT_EQ(0, rc_delete(self->fd, ids, 1, NTMS_TYPE_LIBREQUEST, &n));
	EXPECT_EQ(0, n);
	/* each deletion is announced */
	while (read(efd, &ev, sizeof(ev)) == sizeof(ev))
		if (ev.operation == NTMS_EVENT_OBJ_DELETE &&
		    ev.object_type == NTMS_TYPE_LIBREQUEST &&
		    (!memcmp(&ev.object, &req, sizeof(req)) ||
		     !memcmp(&ev.object, &self->mounts[1], sizeof(req))))
			seen++;
	EXPECT_EQ(2, seen);
	close(efd);
	/* operator requests: none exist, none is found */
	ASSERT_EQ(0, rc_delete(self->fd, ids, 1, NTMS_TYPE_OPREQUEST, &n));
	EXPECT_EQ(0, n);
}

TEST_F_TIMEOUT(rc, delete_errors, 120)
{
	struct ntms_guid req, ids[2];
	struct ntms_object_info oi;
	struct ntms_delete d;
	uint32_t err, n;
	char gid[16];
	int mf;

	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ids[0] = req;
	ids[1] = req;
	EXPECT_EQ(-EINVAL, rc_delete(self->fd, ids, 0, NTMS_TYPE_LIBREQUEST,
				     NULL));
	EXPECT_EQ(-EINVAL, rc_delete(self->fd, ids, NTMS_DELETE_MAX + 1,
				     NTMS_TYPE_LIBREQUEST, NULL));
	EXPECT_EQ(-EINVAL, rc_delete(self->fd, ids, 1, NTMS_TYPE_PHYSICAL_MEDIA,
				     NULL));
	EXPECT_EQ(-EINVAL, rc_delete(self->fd, ids, 2, NTMS_TYPE_LIBRARY,
				     NULL));
	EXPECT_EQ(-EFAULT, rc_delete(self->fd, NULL, 1, NTMS_TYPE_LIBREQUEST,
				     NULL));
	memset(&d, 0, sizeof(d));
	d.objects = (uintptr_t)ids;
	d.count = 1;
	d.type = NTMS_TYPE_LIBREQUEST;
	d.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DELETE, &d));
	EXPECT_EQ(EINVAL, errno);
	d.flags = 0;
	d.padding[0] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_DELETE, &d));
	EXPECT_EQ(EINVAL, errno);

	/* MODIFY access, checked before anything goes */
	EXPECT_EQ(EACCES, rc_as_user(rc_user_delete_request, ids, &self->l));
	EXPECT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_modify_gid", gid));
	EXPECT_EQ(0, rc_as_user(rc_user_delete_request, ids, &self->l));
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &oi));

	/* an allocation that fails (failslab: the debug kernel) */
	mf = nq_failslab_begin();
	if (mf == -ENOENT)
		SKIP(return, "no failslab");
	ASSERT_LE(0, mf);
	err = rc_delete(self->fd, ids, 1, NTMS_TYPE_LIBREQUEST, &n);
	nq_failslab_end(mf);
	EXPECT_EQ(-ENOMEM, (int)err);
}

/* the standalone drive: its GUID and its tape's SCSI device */
static int rc_standalone(int fd, struct ntms_guid *drive,
			 struct ntms_guid *lib, char *dev, size_t len)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	char link[128];
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_DRIVE, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_DRIVE, &oi) ||
		    !(oi.u.drive.flags & NTMS_DRIVE_F_STANDALONE) ||
		    !oi.u.drive.tape_name[0])
			continue;
		*drive = list[i];
		*lib = oi.u.drive.library;
		snprintf(link, sizeof(link), "/sys/class/scsi_tape/%s/device",
			 oi.u.drive.tape_name);
		return realpath(link, dev) && strlen(dev) < len ? 0 : -errno;
	}
	return -ENOENT;
}

/* a library is forgotten only once its changer is gone */
TEST_F_TIMEOUT(rc, delete_library, 180)
{
	struct ntms_guid lib = self->l.lib, drive = self->l.drives[0], list[8];
	struct ntms_object_info oi;
	uint32_t n;
	int i, found = 0;

	EXPECT_EQ(-EBUSY, rc_delete(self->fd, &lib, 1, NTMS_TYPE_LIBRARY, &n));
	EXPECT_EQ(-ENOENT, rc_delete(self->fd, &drive, 1, NTMS_TYPE_LIBRARY,
				     &n));
	/* a changer's drive goes with its changer */
	EXPECT_EQ(-EBUSY, rc_delete(self->fd, &drive, 1, NTMS_TYPE_DRIVE, &n));

	ASSERT_EQ(0, rc_sysfs(self->l.sysfs, "delete", "1"));
	ASSERT_EQ(0, nq_info(self->fd, &lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_EQ(NTMS_OPSTATE_NOT_PRESENT, oi.op_state);
	EXPECT_EQ(-EBUSY, rc_delete(self->fd, &drive, 1, NTMS_TYPE_DRIVE, &n));
	ASSERT_EQ(0, rc_delete(self->fd, &lib, 1, NTMS_TYPE_LIBRARY, &n));
	EXPECT_EQ(1, n);
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &drive, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(-ENOENT, rc_delete(self->fd, &lib, 1, NTMS_TYPE_LIBRARY, &n));
	n = nq_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, list, 8);
	for (i = 0; i < (int)n; i++)
		found += !memcmp(&list[i], &lib, sizeof(lib));
	EXPECT_EQ(0, found);

	/* the changer back: a library again, found from scratch */
	ASSERT_EQ(0, rc_scan_hosts());
	ASSERT_EQ(0, nq_lib_find(self->fd, &self->l, 60));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_EQ(NTMS_OPSTATE_READY, oi.op_state);
}

/* a standalone drive is forgotten, with its library, once it is gone */
TEST_F_TIMEOUT(rc, delete_standalone_drive, 180)
{
	struct ntms_guid drive, lib, drive2, lib2;
	struct ntms_object_info oi;
	char dev[200];
	uint32_t n;

	if (rc_standalone(self->fd, &drive, &lib, dev, sizeof(dev)))
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	EXPECT_EQ(-EBUSY, rc_delete(self->fd, &drive, 1, NTMS_TYPE_DRIVE, &n));
	EXPECT_EQ(-ENOENT, rc_delete(self->fd, &lib, 1, NTMS_TYPE_DRIVE, &n));
	ASSERT_EQ(0, rc_sysfs(dev, "delete", "1"));
	ASSERT_EQ(0, nq_info(self->fd, &drive, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(NTMS_OPSTATE_NOT_PRESENT, oi.op_state);
	/* MODIFY access to its library */
	EXPECT_EQ(EACCES, rc_as_user(rc_user_delete_drive, &drive, &self->l));
	ASSERT_EQ(0, rc_delete(self->fd, &drive, 1, NTMS_TYPE_DRIVE, &n));
	EXPECT_EQ(1, n);
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &drive, NTMS_TYPE_DRIVE, &oi));
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &lib, NTMS_TYPE_LIBRARY, &oi));

	/* the tape back: a standalone drive again */
	ASSERT_EQ(0, rc_scan_hosts());
	for (n = 0; n < 100 && rc_standalone(self->fd, &drive2, &lib2, dev,
					     sizeof(dev)); n++)
		usleep(100000);
	ASSERT_EQ(0, rc_standalone(self->fd, &drive2, &lib2, dev, sizeof(dev)));
	ASSERT_EQ(0, nq_info(self->fd, &lib2, NTMS_TYPE_LIBRARY, &oi));
	EXPECT_EQ(NTMS_OPSTATE_READY, oi.op_state);
}

TEST_HARNESS_MAIN
