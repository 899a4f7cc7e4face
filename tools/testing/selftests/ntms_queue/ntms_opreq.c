// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_opreq: operator requests (NTMS_IOC_OPREQ_SUBMIT, _WAIT, _SATISFY,
 * _CANCEL; objects of type NTMS_TYPE_OPREQUEST): their life from
 * SUBMITTED to COMPLETE or REFUSED, what GET_INFO, ENUMERATE, DELETE and
 * the events show of them, who may act on them, the bounded table,
 * every documented error, and the operator requests the driver raises
 * for a mount of an offline cartridge (NTMS_MOUNT_F_OFFLINE_WAIT).
 *
 * Runs as root in the VM against smcsim (slots=20 drives=2 ieports=1
 * media=10).
 */
#include <pthread.h>

#include "nq_util.h"
#include "kselftest_harness.h"

#define OP_MAX_PARAM	"/sys/module/ntms/parameters/max_opreqs"

NQ_CALL int op_submit(int fd, uint32_t request, const struct ntms_guid *a1,
		      const struct ntms_guid *a2, const char *msg,
		      struct ntms_guid *id)
{
	struct ntms_opreq_submit os;

	memset(&os, 0, sizeof(os));
	os.request = request;
	if (a1)
		os.arg1 = *a1;
	if (a2)
		os.arg2 = *a2;
	snprintf(os.message, sizeof(os.message), "%s", msg);
	if (ioctl(fd, NTMS_IOC_OPREQ_SUBMIT, &os))
		return -errno;
	if (id)
		*id = os.id;
	return 0;
}

/* 0 or -errno; the state written back in @state */
NQ_CALL int op_wait(int fd, const struct ntms_guid *id, uint32_t ms,
		    uint32_t *state)
{
	struct ntms_opreq_wait w;
	int ret;

	memset(&w, 0, sizeof(w));
	w.id = *id;
	w.timeout_ms = ms;
	w.state = 99;
	ret = ioctl(fd, NTMS_IOC_OPREQ_WAIT, &w) ? -errno : 0;
	if (state)
		*state = w.state;
	return ret;
}

NQ_CALL int op_act(int fd, unsigned long cmd, const struct ntms_guid *id)
{
	struct ntms_opreq_act a;

	memset(&a, 0, sizeof(a));
	a.id = *id;
	return ioctl(fd, cmd, &a) ? -errno : 0;
}

#define op_satisfy(fd, id)	op_act(fd, NTMS_IOC_OPREQ_SATISFY, id)
#define op_cancel(fd, id)	op_act(fd, NTMS_IOC_OPREQ_CANCEL, id)

NQ_CALL int op_delete(int fd, const struct ntms_guid *ids, uint32_t n,
		      uint32_t *deleted)
{
	struct ntms_delete d;

	memset(&d, 0, sizeof(d));
	d.objects = (uintptr_t)ids;
	d.count = n;
	d.type = NTMS_TYPE_OPREQUEST;
	if (ioctl(fd, NTMS_IOC_DELETE, &d))
		return -errno;
	*deleted = d.deleted;
	return 0;
}

/* is @id among the operator requests (of @lib, if not NULL)? */
NQ_CALL int op_listed(int fd, const struct ntms_guid *lib,
		      const struct ntms_guid *id)
{
	static struct ntms_guid list[1024];
	int n = nq_enum(fd, NTMS_TYPE_OPREQUEST, lib, list, 1024), i;

	for (i = 0; i < n; i++)
		if (!memcmp(&list[i], id, sizeof(*id)))
			return 1;
	return n < 0 ? n : 0;
}

/* how many operator requests there are, -1 on error */
NQ_CALL int op_count(int fd)
{
	struct ntms_enumerate en;

	memset(&en, 0, sizeof(en));
	en.type = NTMS_TYPE_OPREQUEST;
	if (ioctl(fd, NTMS_IOC_ENUMERATE, &en) && errno != EOVERFLOW)
		return -1;
	return en.count;
}

/* cancel and delete every operator request there is */
NQ_CALL int op_clear(int fd)
{
	static struct ntms_guid list[1024];
	int n = nq_enum(fd, NTMS_TYPE_OPREQUEST, NULL, list, 1024), i;
	uint32_t deleted;

	if (n <= 0)
		return n;
	for (i = 0; i < n; i++)
		op_cancel(fd, &list[i]);
	return op_delete(fd, list, n, &deleted);
}

/* the next event of @type on the non-blocking session @efd */
NQ_CALL int op_event(int efd, uint32_t type, struct ntms_event *ev)
{
	int i;

	for (i = 0; i < 50; i++) {
		if (read(efd, ev, sizeof(*ev)) == sizeof(*ev)) {
			if (ev->object_type == type)
				return 0;
			continue;
		}
		usleep(20000);
	}
	return -1;
}

FIXTURE(op) {
	struct nq_lib l;
	int fd;
};

FIXTURE_SETUP(op)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	if (!(nq_features(self->fd) & NTMS_FEATURE_OPREQ))
		SKIP(return, "driver without operator requests");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	ASSERT_EQ(0, nq_open_to_users());
	ASSERT_EQ(0, op_clear(self->fd));
}

FIXTURE_TEARDOWN(op)
{
	char why[256] = "";

	if (self->fd < 0 || !self->l.nr_drives)
		return;
	nq_attr_set(&self->l, "ntms_control_gid", "-1");
	nq_attr_set(&self->l, "ntms_modify_gid", "-1");
	EXPECT_EQ(0, op_clear(self->fd));
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->fd);
}

/* a message: SUBMITTED, described, listed, satisfied, deleted */
TEST_F(op, message_life)
{
	struct ntms_object_info oi;
	struct ntms_guid id;
	uint32_t state, deleted;

	ASSERT_EQ(0, ioctl(self->fd, NTMS_IOC_SET_APPLICATION,
			   &(struct ntms_session_setup){ .application =
							 "optest" }));
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL, NULL,
			       "change the tapes", &id));
	ASSERT_FALSE(nq_guid_zero(&id));

	ASSERT_EQ(0, nq_info(self->fd, &id, NTMS_TYPE_UNKNOWN, &oi));
	EXPECT_EQ(NTMS_TYPE_OPREQUEST, oi.type);
	EXPECT_EQ(NTMS_OPREQ_CMD_MESSAGE, oi.u.opreq.request);
	EXPECT_EQ(NTMS_OPREQ_STATE_SUBMITTED, oi.u.opreq.state);
	EXPECT_STREQ("change the tapes", oi.u.opreq.message);
	EXPECT_STREQ("optest", oi.u.opreq.application);
	EXPECT_EQ(0, oi.u.opreq.user);
	EXPECT_EQ(0, oi.u.opreq.flags);
	EXPECT_EQ(NTMS_TYPE_UNKNOWN, oi.u.opreq.arg1_type);
	EXPECT_TRUE(nq_guid_zero(&oi.u.opreq.library));
	EXPECT_NE(0, oi.u.opreq.submitted_ns);
	EXPECT_EQ(0, oi.u.opreq.completed_ns);
	ASSERT_EQ(0, nq_info(self->fd, &id, NTMS_TYPE_OPREQUEST, &oi));
	/* of another type than asked for */
	EXPECT_EQ(-EINVAL, nq_info(self->fd, &id, NTMS_TYPE_LIBREQUEST, &oi));

	/* listed with all, not with the library's */
	EXPECT_EQ(1, op_listed(self->fd, NULL, &id));
	EXPECT_EQ(0, op_listed(self->fd, &self->l.lib, &id));

	/* polling, then a timed wait: still SUBMITTED */
	EXPECT_EQ(-ETIMEDOUT, op_wait(self->fd, &id, 0, &state));
	EXPECT_EQ(NTMS_OPREQ_STATE_SUBMITTED, state);
	EXPECT_EQ(-ETIMEDOUT, op_wait(self->fd, &id, 200, &state));
	EXPECT_EQ(NTMS_OPREQ_STATE_SUBMITTED, state);

	/* a pending one is not deleted */
	EXPECT_EQ(0, op_delete(self->fd, &id, 1, &deleted));
	EXPECT_EQ(0, deleted);

	EXPECT_EQ(0, op_satisfy(self->fd, &id));
	EXPECT_EQ(0, op_wait(self->fd, &id, NTMS_WAIT_INFINITE, &state));
	EXPECT_EQ(NTMS_OPREQ_STATE_COMPLETE, state);
	ASSERT_EQ(0, nq_info(self->fd, &id, NTMS_TYPE_OPREQUEST, &oi));
	EXPECT_EQ(NTMS_OPREQ_STATE_COMPLETE, oi.u.opreq.state);
	EXPECT_NE(0, oi.u.opreq.completed_ns);
	/* ended: satisfy ESRCH (ERROR_OBJECT_NOT_FOUND), cancel EALREADY */
	EXPECT_EQ(-ESRCH, op_satisfy(self->fd, &id));
	EXPECT_EQ(-EALREADY, op_cancel(self->fd, &id));

	EXPECT_EQ(0, op_delete(self->fd, &id, 1, &deleted));
	EXPECT_EQ(1, deleted);
	EXPECT_EQ(-ENOENT, nq_info(self->fd, &id, NTMS_TYPE_UNKNOWN, &oi));
	EXPECT_EQ(-ENOENT, op_wait(self->fd, &id, 0, NULL));
	EXPECT_EQ(-ENOENT, op_satisfy(self->fd, &id));
	EXPECT_EQ(-ENOENT, op_cancel(self->fd, &id));
	EXPECT_EQ(0, op_listed(self->fd, NULL, &id));
}

struct op_waiter {
	int fd;
	struct ntms_guid id;
	int ret;
	uint32_t state;
};

static void *op_wait_thread(void *arg)
{
	struct op_waiter *w = arg;

	w->ret = op_wait(w->fd, &w->id, NTMS_WAIT_INFINITE, &w->state);
	return NULL;
}

/* a device that needs service: a waiter sees the cancel (REFUSED) */
TEST_F(op, cancel_wakes_waiter)
{
	struct op_waiter w = { .fd = self->fd };
	struct ntms_object_info oi;
	pthread_t t;
	int other;

	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_DEVICESERVICE,
			       &self->l.drives[0], NULL, "drive 0 jams",
			       &w.id));
	ASSERT_EQ(0, nq_info(self->fd, &w.id, NTMS_TYPE_OPREQUEST, &oi));
	EXPECT_EQ(NTMS_TYPE_DRIVE, oi.u.opreq.arg1_type);
	EXPECT_EQ(0, memcmp(&oi.u.opreq.arg1, &self->l.drives[0], 16));
	EXPECT_EQ(0, memcmp(&oi.u.opreq.library, &self->l.lib, 16));
	EXPECT_EQ(1, op_listed(self->fd, &self->l.lib, &w.id));

	ASSERT_EQ(0, pthread_create(&t, NULL, op_wait_thread, &w));
	usleep(300000);
	/* another session (root: CONTROL) cancels it */
	other = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, other);
	EXPECT_EQ(0, op_cancel(other, &w.id));
	close(other);
	ASSERT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(-ECANCELED, w.ret);
	EXPECT_EQ(NTMS_OPREQ_STATE_REFUSED, w.state);
	EXPECT_EQ(-ECANCELED, op_wait(self->fd, &w.id, 0, NULL));
	EXPECT_EQ(-EALREADY, op_cancel(self->fd, &w.id));
	EXPECT_EQ(-ESRCH, op_satisfy(self->fd, &w.id));
}

/* a satisfied request wakes its waiter with success */
TEST_F(op, satisfy_wakes_waiter)
{
	struct op_waiter w = { .fd = self->fd };
	pthread_t t;

	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_CLEANER,
			       &self->l.slots[0], NULL, "", &w.id));
	ASSERT_EQ(0, pthread_create(&t, NULL, op_wait_thread, &w));
	usleep(300000);
	EXPECT_EQ(0, op_satisfy(self->fd, &w.id));
	ASSERT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(0, w.ret);
	EXPECT_EQ(NTMS_OPREQ_STATE_COMPLETE, w.state);
}

/* the commands that name two objects */
TEST_F(op, move_and_new_media)
{
	struct ntms_object_info oi;
	struct ntms_guid m, id;
	int slot = nq_full_slot(self->fd, &self->l, 0);

	ASSERT_LT(0, slot);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, slot, &m));
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MOVEMEDIA, &m,
			       &self->l.lib, "bring it back", &id));
	ASSERT_EQ(0, nq_info(self->fd, &id, NTMS_TYPE_OPREQUEST, &oi));
	EXPECT_EQ(NTMS_TYPE_PHYSICAL_MEDIA, oi.u.opreq.arg1_type);
	EXPECT_EQ(NTMS_TYPE_LIBRARY, oi.u.opreq.arg2_type);
	EXPECT_EQ(0, memcmp(&oi.u.opreq.arg2, &self->l.lib, 16));
	EXPECT_EQ(0, memcmp(&oi.u.opreq.library, &self->l.lib, 16));

	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_NEWMEDIA, NULL,
			       &self->l.lib, "", &id));
	ASSERT_EQ(0, nq_info(self->fd, &id, NTMS_TYPE_OPREQUEST, &oi));
	EXPECT_EQ(NTMS_TYPE_LIBRARY, oi.u.opreq.arg2_type);
	EXPECT_EQ(0, memcmp(&oi.u.opreq.library, &self->l.lib, 16));
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_NEWMEDIA, NULL, NULL,
			       "", &id));
	ASSERT_EQ(0, nq_info(self->fd, &id, NTMS_TYPE_OPREQUEST, &oi));
	EXPECT_TRUE(nq_guid_zero(&oi.u.opreq.library));
}

/* OBJ_INSERT, OBJ_UPDATE, OBJ_DELETE */
TEST_F(op, events)
{
	struct ntms_event ev;
	struct ntms_guid id;
	uint32_t deleted;
	int efd = nq_event_open();

	ASSERT_LE(0, efd);
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL, NULL,
			       "hello", &id));
	ASSERT_EQ(0, op_event(efd, NTMS_TYPE_OPREQUEST, &ev));
	EXPECT_EQ(NTMS_EVENT_OBJ_INSERT, ev.operation);
	EXPECT_EQ(NTMS_OPREQ_STATE_SUBMITTED, ev.state);
	EXPECT_EQ(0, memcmp(&ev.object, &id, 16));
	ASSERT_EQ(0, op_satisfy(self->fd, &id));
	ASSERT_EQ(0, op_event(efd, NTMS_TYPE_OPREQUEST, &ev));
	EXPECT_EQ(NTMS_EVENT_OBJ_UPDATE, ev.operation);
	EXPECT_EQ(NTMS_OPREQ_STATE_COMPLETE, ev.state);
	ASSERT_EQ(0, op_delete(self->fd, &id, 1, &deleted));
	ASSERT_EQ(0, op_event(efd, NTMS_TYPE_OPREQUEST, &ev));
	EXPECT_EQ(NTMS_EVENT_OBJ_DELETE, ev.operation);
	EXPECT_EQ(0, memcmp(&ev.object, &id, 16));
	close(efd);
}

/* every EINVAL, ENOENT and EFAULT */
TEST_F(op, errors)
{
	struct ntms_opreq_submit os;
	struct ntms_opreq_wait w;
	struct ntms_opreq_act a;
	struct ntms_guid unknown, id, m;
	int n0, slot = nq_full_slot(self->fd, &self->l, 0);

	memset(&unknown, 0x5a, sizeof(unknown));
	ASSERT_LT(0, slot);
	ASSERT_EQ(0, nq_slot_media(self->fd, &self->l, slot, &m));
	/* commands RSM does not define */
	EXPECT_EQ(-EINVAL, op_submit(self->fd, 0, NULL, NULL, "", NULL));
	EXPECT_EQ(-EINVAL, op_submit(self->fd, 6, NULL, NULL, "", NULL));
	/* a message names nothing; service and cleaner name one object */
	EXPECT_EQ(-EINVAL, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE,
				     &self->l.lib, NULL, "", NULL));
	EXPECT_EQ(-EINVAL, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL,
				     &self->l.lib, "", NULL));
	EXPECT_EQ(-EINVAL, op_submit(self->fd, NTMS_OPREQ_CMD_DEVICESERVICE,
				     &self->l.lib, &self->l.lib, "", NULL));
	EXPECT_EQ(-EINVAL, op_submit(self->fd, NTMS_OPREQ_CMD_CLEANER,
				     &self->l.lib, &self->l.lib, "", NULL));
	/* flags, an unterminated message */
	memset(&os, 0, sizeof(os));
	os.request = NTMS_OPREQ_CMD_MESSAGE;
	os.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_SUBMIT, &os));
	EXPECT_EQ(EINVAL, errno);
	os.flags = 0;
	memset(os.message, 'x', sizeof(os.message));
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_SUBMIT, &os));
	EXPECT_EQ(EINVAL, errno);

	/* objects that do not exist, or of a type the command does not take */
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_DEVICESERVICE,
				     &unknown, NULL, "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_DEVICESERVICE,
				     NULL, NULL, "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_DEVICESERVICE,
				     &self->l.slots[0], NULL, "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_CLEANER,
				     &self->l.drives[0], NULL, "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_MOVEMEDIA,
				     &self->l.lib, &self->l.lib, "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_MOVEMEDIA, &m,
				     &self->l.drives[0], "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_MOVEMEDIA, &m,
				     NULL, "", NULL));
	/* no media pools: NEWMEDIA's first argument names nothing */
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_NEWMEDIA,
				     &self->l.lib, NULL, "", NULL));
	EXPECT_EQ(-ENOENT, op_submit(self->fd, NTMS_OPREQ_CMD_NEWMEDIA, NULL,
				     &unknown, "", NULL));
	EXPECT_EQ(-ENOENT, op_wait(self->fd, &unknown, 0, NULL));
	EXPECT_EQ(-ENOENT, op_satisfy(self->fd, &unknown));
	EXPECT_EQ(-ENOENT, op_cancel(self->fd, &unknown));
	/* a library request's GUID is no operator request */
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &id));
	EXPECT_EQ(-ENOENT, op_satisfy(self->fd, &id));

	/* reserved fields */
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL, NULL,
			       "", &id));
	memset(&w, 0, sizeof(w));
	w.id = id;
	w.padding = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_WAIT, &w));
	EXPECT_EQ(EINVAL, errno);
	w.padding = 0;
	w.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_WAIT, &w));
	EXPECT_EQ(EINVAL, errno);
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.padding[2] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_SATISFY, &a));
	EXPECT_EQ(EINVAL, errno);
	a.padding[2] = 0;
	a.flags = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_CANCEL, &a));
	EXPECT_EQ(EINVAL, errno);

	/* a bad pointer makes no request */
	n0 = op_count(self->fd);
	EXPECT_LT(0, n0);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_OPREQ_SUBMIT, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(n0, op_count(self->fd));
}

/* what an unprivileged user may do; the GUID it acts on */
static struct ntms_guid op_target;
static uint32_t op_cmd;

static int op_user_submit(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	/* a message names nothing, new media only a library */
	if (op_cmd == NTMS_OPREQ_CMD_MESSAGE)
		ret = op_submit(fd, op_cmd, NULL, NULL, "from a user", NULL);
	else if (op_cmd == NTMS_OPREQ_CMD_NEWMEDIA)
		ret = op_submit(fd, op_cmd, NULL, &l->lib, "", NULL);
	else
		ret = op_submit(fd, op_cmd, &l->lib, NULL, "", NULL);
	close(fd);
	return -ret;
}

static int op_user_satisfy(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	ret = op_satisfy(fd, &op_target);
	close(fd);
	return -ret;
}

static int op_user_cancel(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	ret = op_cancel(fd, &op_target);
	close(fd);
	return -ret;
}

static int op_user_delete(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;
	uint32_t deleted;

	if (fd < 0)
		return 200;
	ret = op_delete(fd, &op_target, 1, &deleted);
	close(fd);
	return ret ? -ret : deleted ? 0 : 201;
}

/* its own session's request: the submitter may satisfy it */
static int op_user_own(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;
	struct ntms_guid id;

	if (fd < 0)
		return 200;
	ret = op_submit(fd, NTMS_OPREQ_CMD_MESSAGE, NULL, NULL, "mine", &id);
	if (!ret)
		ret = op_satisfy(fd, &id);
	close(fd);
	return -ret;
}

TEST_F(op, access)
{
	struct ntms_guid msg, svc;
	char gid[16];

	/* a message: anyone; a device service: CONTROL */
	op_cmd = NTMS_OPREQ_CMD_MESSAGE;
	EXPECT_EQ(0, nq_as_user(op_user_submit, &self->l));
	op_cmd = NTMS_OPREQ_CMD_DEVICESERVICE;
	EXPECT_EQ(EACCES, nq_as_user(op_user_submit, &self->l));
	op_cmd = NTMS_OPREQ_CMD_CLEANER;
	EXPECT_EQ(EACCES, nq_as_user(op_user_submit, &self->l));
	op_cmd = NTMS_OPREQ_CMD_NEWMEDIA;
	EXPECT_EQ(EACCES, nq_as_user(op_user_submit, &self->l));
	EXPECT_EQ(0, nq_as_user(op_user_own, &self->l));

	/* root's requests: not the user's to satisfy, cancel or delete */
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL, NULL,
			       "", &msg));
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_DEVICESERVICE,
			       &self->l.lib, NULL, "", &svc));
	op_target = msg;
	EXPECT_EQ(EACCES, nq_as_user(op_user_satisfy, &self->l));
	EXPECT_EQ(EACCES, nq_as_user(op_user_cancel, &self->l));
	op_target = svc;
	EXPECT_EQ(EACCES, nq_as_user(op_user_satisfy, &self->l));
	EXPECT_EQ(EACCES, nq_as_user(op_user_cancel, &self->l));
	ASSERT_EQ(0, op_satisfy(self->fd, &msg));
	op_target = msg;
	EXPECT_EQ(EACCES, nq_as_user(op_user_delete, &self->l));

	/* CONTROL granted: the library's requests, not the message */
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_control_gid", gid));
	op_cmd = NTMS_OPREQ_CMD_DEVICESERVICE;
	EXPECT_EQ(0, nq_as_user(op_user_submit, &self->l));
	op_target = svc;
	EXPECT_EQ(0, nq_as_user(op_user_satisfy, &self->l));
	EXPECT_EQ(0, nq_as_user(op_user_delete, &self->l));
	op_target = msg;
	EXPECT_EQ(EACCES, nq_as_user(op_user_delete, &self->l));
	ASSERT_EQ(0, nq_attr_set(&self->l, "ntms_control_gid", "-1"));
}

/* a full table forgets its oldest ended request; all pending: ENOSPC */
TEST_F_TIMEOUT(op, table_full, 120)
{
	static struct ntms_guid ids[4096];
	struct ntms_event ev;
	struct ntms_guid extra;
	char buf[32];
	int max, i, efd;

	ASSERT_EQ(0, tu_read_trim(OP_MAX_PARAM, buf, sizeof(buf)));
	max = atoi(buf);
	ASSERT_LT(1, max);
	ASSERT_GE(4096, max);
	for (i = 0; i < max; i++)
		ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL,
				       NULL, "fill", &ids[i]));
	EXPECT_EQ(-ENOSPC, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL,
				     NULL, "one too many", NULL));
	/* the second ends: it makes room, the first still pending stays */
	ASSERT_EQ(0, op_satisfy(self->fd, &ids[1]));
	efd = nq_event_open();
	ASSERT_LE(0, efd);
	ASSERT_EQ(0, op_submit(self->fd, NTMS_OPREQ_CMD_MESSAGE, NULL, NULL,
			       "room", &extra));
	ASSERT_EQ(0, op_event(efd, NTMS_TYPE_OPREQUEST, &ev));
	EXPECT_EQ(NTMS_EVENT_OBJ_DELETE, ev.operation);
	EXPECT_EQ(0, memcmp(&ev.object, &ids[1], 16));
	close(efd);
	EXPECT_EQ(-ENOENT, op_wait(self->fd, &ids[1], 0, NULL));
	EXPECT_EQ(-ETIMEDOUT, op_wait(self->fd, &ids[0], 0, NULL));
	EXPECT_EQ(max, op_count(self->fd));
}

/* where cartridge @m is (0: offline), waiting up to 15 s for @type */
NQ_CALL int op_media_at(int fd, const struct ntms_guid *m, uint32_t type,
			uint32_t *addr)
{
	struct ntms_object_info oi;
	int i;

	for (i = 0; i < 150; i++) {
		if (nq_info(fd, m, NTMS_TYPE_PHYSICAL_MEDIA, &oi))
			return -1;
		if (oi.u.media.location_type == type) {
			if (addr)
				*addr = oi.u.media.location_address;
			return 0;
		}
		usleep(100000);
	}
	return -1;
}

/* eject cartridge @m and take it out of the mail slot: offline */
NQ_CALL int op_take_out(int fd, const struct ntms_guid *m, uint32_t *port)
{
	struct ntms_eject ej;
	char knob[32];
	uint32_t err;

	memset(&ej, 0, sizeof(ej));
	ej.media = *m;
	if (ioctl(fd, NTMS_IOC_EJECT, &ej) ||
	    nq_ended(fd, &ej.request, &err) != NTMS_REQ_PASSED ||
	    op_media_at(fd, m, NTMS_TYPE_IEPORT, port))
		return -1;
	snprintf(knob, sizeof(knob), "%u", *port);
	if (nq_knob("remove", knob))
		return -1;
	return op_media_at(fd, m, 0, NULL);
}

/* the cartridge of the @nth full slot, with its barcode, taken out */
NQ_CALL int op_offline(int fd, struct nq_lib *l, int nth, struct ntms_guid *m,
		       char *bc, size_t len, uint32_t *port)
{
	int slot = nq_full_slot(fd, l, nth);

	if (slot <= 0 || nq_slot_media(fd, l, slot, m) ||
	    nq_elem_barcode(fd, &l->slots[slot - 1], NTMS_TYPE_STORAGESLOT,
			    bc, len))
		return -1;
	return op_take_out(fd, m, port);
}

/* the operator puts @bc in mail slot @port; the library injects it */
NQ_CALL int op_bring_back(int fd, struct nq_lib *l, const struct ntms_guid *m,
			  const char *bc, uint32_t port)
{
	struct ntms_inject in;
	char knob[96];
	uint32_t err;

	snprintf(knob, sizeof(knob), "%s %u", bc, port);
	if (nq_knob("insert", knob) ||
	    op_media_at(fd, m, NTMS_TYPE_IEPORT, NULL))
		return -1;
	memset(&in, 0, sizeof(in));
	in.library = l->lib;
	if (ioctl(fd, NTMS_IOC_INJECT, &in) ||
	    nq_ended(fd, &in.request, &err) != NTMS_REQ_PASSED)
		return -1;
	return op_media_at(fd, m, NTMS_TYPE_STORAGESLOT, NULL);
}

/* the operator request the driver raised for cartridge @m (10 s) */
NQ_CALL int op_raised(int fd, struct nq_lib *l, const struct ntms_guid *m,
		      struct ntms_guid *id, struct ntms_object_info *oi)
{
	struct ntms_guid list[64];
	int i, j, n;

	for (i = 0; i < 100; i++) {
		n = nq_enum(fd, NTMS_TYPE_OPREQUEST, &l->lib, list, 64);
		for (j = 0; j < n; j++) {
			if (nq_info(fd, &list[j], NTMS_TYPE_OPREQUEST, oi))
				continue;
			if ((oi->u.opreq.flags & NTMS_OPREQ_INFO_F_DRIVER) &&
			    oi->u.opreq.state == NTMS_OPREQ_STATE_SUBMITTED &&
			    !memcmp(&oi->u.opreq.arg1, m, sizeof(*m))) {
				*id = list[j];
				return 0;
			}
		}
		usleep(100000);
	}
	return -1;
}

/* the state of request @req within 10 s, or the last seen */
NQ_CALL uint32_t op_req_state(int fd, const struct ntms_guid *req,
			      uint32_t want)
{
	struct ntms_object_info oi;
	uint32_t st = 99;
	int i;

	for (i = 0; i < 100; i++) {
		if (nq_info(fd, req, NTMS_TYPE_UNKNOWN, &oi))
			return 99;
		st = oi.type == NTMS_TYPE_OPREQUEST ? oi.u.opreq.state :
						      oi.u.request.state;
		if (st == want)
			break;
		usleep(100000);
	}
	return st;
}

/*
 * A mount of an offline cartridge (NTMS_MOUNT_F_OFFLINE_WAIT) waits: the
 * driver asks the operator for it; put in a mail slot, the request is
 * satisfied; injected, the mount goes on.
 */
TEST_F_TIMEOUT(op, offline_mount_waits_for_operator, 180)
{
	struct ntms_object_info oi;
	struct ntms_guid m, req, id, dreq;
	struct ntms_request_wait w;
	uint32_t port, err;
	char bc[64], knob[96];

	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT_OFFLINE))
		SKIP(return, "driver without NTMS_MOUNT_F_OFFLINE_WAIT");
	ASSERT_EQ(0, op_offline(self->fd, &self->l, 0, &m, bc, sizeof(bc),
				&port));

	/* as before without the option */
	EXPECT_EQ(-ENXIO, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1,
			      NTMS_MOUNT_F_OFFLINE_WAIT, 0, &req));
	ASSERT_EQ(0, op_raised(self->fd, &self->l, &m, &id, &oi));
	EXPECT_EQ(NTMS_OPREQ_CMD_MOVEMEDIA, oi.u.opreq.request);
	EXPECT_EQ(NTMS_TYPE_PHYSICAL_MEDIA, oi.u.opreq.arg1_type);
	EXPECT_EQ(NTMS_TYPE_LIBRARY, oi.u.opreq.arg2_type);
	EXPECT_EQ(0, memcmp(&oi.u.opreq.arg2, &self->l.lib, 16));
	EXPECT_EQ(0, memcmp(&oi.u.opreq.library, &self->l.lib, 16));
	EXPECT_NE(NULL, strstr(oi.u.opreq.message, bc)) TH_LOG("%s",
							       oi.u.opreq.message);
	EXPECT_STREQ("ntms", oi.u.opreq.application);
	EXPECT_EQ(NTMS_REQ_WAITING, op_req_state(self->fd, &req,
						 NTMS_REQ_WAITING));
	EXPECT_EQ(-ETIMEDOUT, nq_wait(self->fd, &req, 500, &w));

	/* in the mail slot: asked and done; the mount waits for the inject */
	snprintf(knob, sizeof(knob), "%s %u", bc, port);
	ASSERT_EQ(0, nq_knob("insert", knob));
	ASSERT_EQ(0, op_media_at(self->fd, &m, NTMS_TYPE_IEPORT, NULL));
	EXPECT_EQ(NTMS_OPREQ_STATE_COMPLETE,
		  op_req_state(self->fd, &id, NTMS_OPREQ_STATE_COMPLETE));
	EXPECT_EQ(NTMS_REQ_WAITING, op_req_state(self->fd, &req,
						 NTMS_REQ_WAITING));
	ASSERT_EQ(0, nq_knob("remove", knob + strlen(bc) + 1));
	ASSERT_EQ(0, op_media_at(self->fd, &m, 0, NULL));
	ASSERT_EQ(0, op_bring_back(self->fd, &self->l, &m, bc, port));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	EXPECT_EQ(0, op_wait(self->fd, &id, 0, NULL));
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &dreq));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &dreq, &err));
}

/*
 * Cancelling the operator request fails the mount (CANCELLED,
 * ECANCELED); cancelling the mount cancels the operator request.
 */
TEST_F_TIMEOUT(op, offline_mount_cancelled, 180)
{
	struct ntms_object_info oi;
	struct ntms_guid m, req, id;
	uint32_t port, err;
	char bc[64];

	if (!(nq_features(self->fd) & NTMS_FEATURE_MOUNT_OFFLINE))
		SKIP(return, "driver without NTMS_MOUNT_F_OFFLINE_WAIT");
	ASSERT_EQ(0, op_offline(self->fd, &self->l, 1, &m, bc, sizeof(bc),
				&port));

	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1,
			      NTMS_MOUNT_F_OFFLINE_WAIT, 0, &req));
	ASSERT_EQ(0, op_raised(self->fd, &self->l, &m, &id, &oi));
	EXPECT_EQ(0, op_cancel(self->fd, &id));
	EXPECT_EQ(NTMS_REQ_CANCELLED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ECANCELED, err);

	ASSERT_EQ(0, nq_mount(self->fd, &m, NULL, 1,
			      NTMS_MOUNT_F_OFFLINE_WAIT, 0, &req));
	ASSERT_EQ(0, op_raised(self->fd, &self->l, &m, &id, &oi));
	EXPECT_EQ(0, nq_cancel(self->fd, &req));
	EXPECT_EQ(NTMS_OPREQ_STATE_REFUSED,
		  op_req_state(self->fd, &id, NTMS_OPREQ_STATE_REFUSED));
	EXPECT_EQ(-ECANCELED, op_wait(self->fd, &id, 0, NULL));

	ASSERT_EQ(0, op_bring_back(self->fd, &self->l, &m, bc, port));
}

#define OP_SERVICE_PARAM	"/sys/module/ntms/parameters/service_delay_s"
#define OP_POLL_PARAM		"/sys/module/ntms/parameters/poll_ms"

/* the library's operational state, or -1 */
static int op_lib_state(int fd, struct nq_lib *l)
{
	struct ntms_object_info oi;

	if (nq_info(fd, &l->lib, NTMS_TYPE_LIBRARY, &oi))
		return -1;
	return oi.op_state;
}

/* the driver's DEVICESERVICE requests on the library: how many, one's id */
static int op_service(int fd, struct nq_lib *l, struct ntms_guid *id,
		      uint32_t *state)
{
	static struct ntms_guid list[1024];
	int n = nq_enum(fd, NTMS_TYPE_OPREQUEST, NULL, list, 1024), i, c = 0;
	struct ntms_object_info oi;

	for (i = 0; i < n; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_OPREQUEST, &oi))
			return -1;
		if (oi.u.opreq.request != NTMS_OPREQ_CMD_DEVICESERVICE ||
		    !(oi.u.opreq.flags & NTMS_OPREQ_INFO_F_DRIVER) ||
		    memcmp(&oi.u.opreq.arg1, &l->lib, sizeof(l->lib)))
			continue;
		c++;
		*id = list[i];
		*state = oi.u.opreq.state;
	}
	return n < 0 ? -1 : c;
}

/*
 * A changer that keeps asking for manual intervention: after
 * service_delay_s the library NEEDS_SERVICE and one operator request
 * asks for it; the changer ready again, the library is READY and the
 * request COMPLETE. A shorter spell asks nobody.
 */
TEST_F_TIMEOUT(op, library_needs_service, 180)
{
	char buf[32], path[256];
	struct ntms_guid id;
	uint32_t state = 0;
	int i;

	ASSERT_EQ(0, tu_write_file(OP_POLL_PARAM, "300"));
	ASSERT_EQ(0, tu_write_file(OP_SERVICE_PARAM, "2"));
	/* the poll rearms itself with the new period */
	usleep(5500000);
	ASSERT_EQ(0, nq_knob("state", "manual"));
	for (i = 0; i < 300 && op_lib_state(self->fd, &self->l) !=
			       NTMS_OPSTATE_NEEDS_SERVICE; i++)
		usleep(50000);
	EXPECT_EQ(NTMS_OPSTATE_NEEDS_SERVICE, op_lib_state(self->fd, &self->l));
	snprintf(path, sizeof(path), "%s/ntms_state", self->l.sysfs);
	ASSERT_EQ(0, tu_read_trim(path, buf, sizeof(buf)));
	EXPECT_STREQ("needs_service", buf);
	EXPECT_EQ(1, op_service(self->fd, &self->l, &id, &state));
	EXPECT_EQ(NTMS_OPREQ_STATE_SUBMITTED, state);
	/* polls go on: still one */
	usleep(1500000);
	EXPECT_EQ(1, op_service(self->fd, &self->l, &id, &state));
	ASSERT_EQ(0, nq_knob("state", "ready"));
	for (i = 0; i < 300 && op_lib_state(self->fd, &self->l) !=
			       NTMS_OPSTATE_READY; i++)
		usleep(50000);
	EXPECT_EQ(NTMS_OPSTATE_READY, op_lib_state(self->fd, &self->l));
	EXPECT_EQ(1, op_service(self->fd, &self->l, &id, &state));
	EXPECT_EQ(NTMS_OPREQ_STATE_COMPLETE, state);
	/* a spell shorter than the delay asks nobody */
	ASSERT_EQ(0, tu_write_file(OP_SERVICE_PARAM, "30"));
	ASSERT_EQ(0, op_clear(self->fd));
	ASSERT_EQ(0, nq_knob("state", "manual"));
	usleep(1500000);
	ASSERT_EQ(0, nq_knob("state", "ready"));
	EXPECT_EQ(0, op_service(self->fd, &self->l, &id, &state));
	EXPECT_EQ(NTMS_OPSTATE_READY, op_lib_state(self->fd, &self->l));
	tu_write_file(OP_SERVICE_PARAM, "60");
	tu_write_file(OP_POLL_PARAM, "5000");
}

TEST_HARNESS_MAIN
