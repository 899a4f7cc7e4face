// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_order: each row of the driver's ioctl table checks its arguments
 * and the world in the order the uapi documents: parameters (EINVAL),
 * object (ENOENT), library valid (ENODEV), access (EACCES), enabled
 * (ESHUTDOWN), the operation's own state, database (EUCLEAN), room
 * (ENOSPC), memory (ENOMEM). For every row and every two neighbouring
 * checks, both are made to fail at once: the earlier one must be the
 * answer.
 *
 * Runs as root in the VM against smcsim with one library (slots=20
 * drives=2 ieports=2 media=10); ENOMEM cases need failslab (the debug
 * kernel) and are skipped on the stock one.
 */
#include "nq_util.h"
#include "kselftest_harness.h"

enum cond {
	C_ARG,		/* a bad parameter */
	C_OBJECT,	/* a GUID that names nothing */
	C_GONE,		/* the changer removed */
	C_ACCESS,	/* a caller without the access needed */
	C_DISABLED,	/* the library disabled */
	C_STATE,	/* the operation's own state check fails */
	C_DAMAGED,	/* the library's last read failed */
	C_FULL,		/* the request table full */
	C_MEMORY,	/* an allocation fails */
	C_MAX
};

static const char *const cond_name[C_MAX] = {
	"parameter", "object", "library gone", "access", "disabled",
	"state", "database", "room", "memory",
};

/* the objects the calls name */
struct ord {
	struct nq_lib l;
	struct ntms_guid unknown;
	struct ntms_guid m_slot;	/* a cartridge in a slot */
	struct ntms_guid m_other;	/* another, that stays in its slot */
	uint32_t other_addr;		/* the slot of m_other */
	uint32_t slot_addr;		/* the slot of m_slot */
	uint32_t empty_addr;		/* an empty slot */
	struct ntms_guid m_drive;	/* the cartridge in drive 1 */
	struct ntms_guid req;		/* an ended request of the test */
	struct ntms_guid opreq;		/* an ended operator request */
	int fd;
};

#define B(c)	(1U << (c))

/* one row: what its call answers for each condition (0: not checked) */
struct row {
	const char *name;
	int (*call)(int fd, struct ord *o, unsigned int c);
	int err[C_MAX];
};

static const struct ntms_guid *pick(unsigned int c, const struct ord *o,
				    const struct ntms_guid *g)
{
	return c & B(C_OBJECT) ? &o->unknown : g;
}

static int io(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static int call_dismount_drive(int fd, struct ord *o, unsigned int c)
{
	struct ntms_dismount_drive d = {};

	d.flags = c & B(C_ARG) ? 1 : 0;
	/* drive 0 is empty, drive 1 holds a cartridge */
	d.drive = *pick(c, o, c & B(C_STATE) ? &o->l.drives[0] :
			&o->l.drives[1]);
	return io(fd, NTMS_IOC_DISMOUNT_DRIVE, &d);
}

static int call_dismount_media(int fd, struct ord *o, unsigned int c)
{
	struct ntms_dismount_media d = {};
	struct ntms_guid m = *pick(c, o, c & B(C_STATE) ? &o->m_slot :
				   &o->m_drive);

	d.media = (uintptr_t)&m;
	d.count = c & B(C_ARG) ? 0 : 1;
	return io(fd, NTMS_IOC_DISMOUNT_MEDIA, &d);
}

static int call_mount(int fd, struct ord *o, unsigned int c)
{
	struct ntms_guid m = *pick(c, o, &o->m_slot), d = o->l.drives[1];
	struct ntms_mount mt = {};

	mt.media = (uintptr_t)&m;
	mt.count = c & B(C_ARG) ? 0 : 1;
	/* state: the drive asked for holds another cartridge, no waiting */
	if (c & B(C_STATE)) {
		mt.drives = (uintptr_t)&d;
		mt.options = NTMS_MOUNT_F_SPECIFIC_DRIVE |
			     NTMS_MOUNT_F_ERROR_NOT_AVAILABLE;
	}
	return io(fd, NTMS_IOC_MOUNT, &mt);
}

static int call_inventory(int fd, struct ord *o, unsigned int c)
{
	struct ntms_inventory inv = {};

	inv.library = *pick(c, o, &o->l.lib);
	inv.action = c & B(C_ARG) ? NTMS_INVENTORY_NONE : NTMS_INVENTORY_FAST;
	return io(fd, NTMS_IOC_INVENTORY, &inv);
}

static int call_set_enabled(int fd, struct ord *o, unsigned int c)
{
	struct ntms_set_enabled se = {};

	se.object = *pick(c, o, &o->l.drives[0]);
	se.type = NTMS_TYPE_DRIVE;
	/* state: enabling what is enabled */
	se.enable = c & B(C_ARG) ? 2 : c & B(C_STATE) ? 1 : 0;
	return io(fd, NTMS_IOC_SET_ENABLED, &se);
}

static int call_inject(int fd, struct ord *o, unsigned int c)
{
	struct ntms_inject in = {};

	in.library = *pick(c, o, &o->l.lib);
	in.flags = c & B(C_ARG) ? 2 : 0;
	return io(fd, NTMS_IOC_INJECT, &in);
}

static int call_eject(int fd, struct ord *o, unsigned int c)
{
	struct ntms_eject ej = {};

	/* state: the cartridge is in a drive */
	ej.media = *pick(c, o, c & B(C_STATE) ? &o->m_drive : &o->m_other);
	ej.flags = c & B(C_ARG) ? 2 : 0;
	return io(fd, NTMS_IOC_EJECT, &ej);
}

static int call_cancel(int fd, struct ord *o, unsigned int c)
{
	struct ntms_request_cancel rc = {};

	/* the request has ended: ESRCH; another session's: EACCES */
	rc.request = *pick(c, o, &o->req);
	rc.flags = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_REQUEST_CANCEL, &rc);
}

static int call_wait(int fd, struct ord *o, unsigned int c)
{
	struct ntms_request_wait w = {};

	w.request = *pick(c, o, &o->req);
	w.padding = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_REQUEST_WAIT, &w);
}

static int call_request_drives(int fd, struct ord *o, unsigned int c)
{
	struct ntms_request_drives rd = {};

	rd.request = *pick(c, o, &o->req);
	rd.flags = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_REQUEST_DRIVES, &rd);
}

static int call_enumerate(int fd, struct ord *o, unsigned int c)
{
	struct ntms_enumerate en = {};

	en.container = *pick(c, o, &o->l.lib);
	en.flags = NTMS_ENUMERATE_F_CONTAINER;
	en.type = c & B(C_ARG) ? NTMS_TYPE_UNKNOWN : NTMS_TYPE_DRIVE;
	return io(fd, NTMS_IOC_ENUMERATE, &en);
}

static int call_get_info(int fd, struct ord *o, unsigned int c)
{
	struct ntms_object_info oi;

	memset(&oi, 0, sizeof(oi));
	oi.id = *pick(c, o, &o->l.drives[0]);
	oi.flags = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_GET_INFO, &oi);
}

static int call_move(int fd, struct ord *o, unsigned int c)
{
	struct ntms_move mv = {};

	mv.library = *pick(c, o, &o->l.lib);
	mv.flags = c & B(C_ARG) ? 0x80 : 0;
	/* slot to slot (MODIFY): to an empty one, or (state) a full one */
	mv.source = o->other_addr;
	mv.dest = c & B(C_STATE) ? o->slot_addr : o->empty_addr;
	return io(fd, NTMS_IOC_MOVE, &mv);
}

static int call_door(int fd, struct ord *o, unsigned int c)
{
	struct ntms_door d = {};

	d.library = *pick(c, o, &o->l.lib);
	d.action = c & B(C_ARG) ? NTMS_INVENTORY_STOP : NTMS_INVENTORY_FAST;
	return io(fd, NTMS_IOC_DOOR, &d);
}

static int call_request_order(int fd, struct ord *o, unsigned int c)
{
	struct ntms_request_order ro = {};

	/* the request has ended: ESRCH; moving needs CONTROL */
	ro.request = *pick(c, o, &o->req);
	ro.flags = NTMS_ORDER_F_SET;
	ro.order = c & B(C_ARG) ? 0 : 1;
	return io(fd, NTMS_IOC_REQUEST_ORDER, &ro);
}

static int call_delete(int fd, struct ord *o, unsigned int c)
{
	struct ntms_guid lib = *pick(c, o, &o->l.lib);
	struct ntms_delete d = {};

	/* the library is present: EBUSY */
	d.objects = (uintptr_t)&lib;
	d.count = c & B(C_ARG) ? 2 : 1;
	d.type = NTMS_TYPE_LIBRARY;
	return io(fd, NTMS_IOC_DELETE, &d);
}

static int call_opreq_submit(int fd, struct ord *o, unsigned int c)
{
	struct ntms_opreq_submit os = {};

	/* a device service: CONTROL */
	os.request = c & B(C_ARG) ? 0 : NTMS_OPREQ_CMD_DEVICESERVICE;
	os.arg1 = *pick(c, o, &o->l.lib);
	return io(fd, NTMS_IOC_OPREQ_SUBMIT, &os);
}

static int call_opreq_satisfy(int fd, struct ord *o, unsigned int c)
{
	struct ntms_opreq_act a = {};

	/* root's, that has ended: ESRCH; as the user: EACCES */
	a.id = *pick(c, o, &o->opreq);
	a.flags = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_OPREQ_SATISFY, &a);
}

static int call_opreq_cancel(int fd, struct ord *o, unsigned int c)
{
	struct ntms_opreq_act a = {};

	a.id = *pick(c, o, &o->opreq);
	a.padding[0] = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_OPREQ_CANCEL, &a);
}

static int call_opreq_wait(int fd, struct ord *o, unsigned int c)
{
	struct ntms_opreq_wait w = {};

	w.id = *pick(c, o, &o->opreq);
	w.padding = c & B(C_ARG) ? 1 : 0;
	return io(fd, NTMS_IOC_OPREQ_WAIT, &w);
}

/* the storage slot at element address @addr (the first slot if none) */
static const struct ntms_guid *ord_slot(const struct ord *o, uint32_t addr)
{
	uint32_t i;

	for (i = 0; i < o->l.nr_slots; i++)
		if (o->l.slot_addr[i] == addr)
			return &o->l.slots[i];
	return &o->l.slots[0];
}

static int call_cleaner_slot(int fd, struct ord *o, unsigned int c)
{
	struct ntms_cleaner_slot cs = {};

	cs.library = *pick(c, o, &o->l.lib);
	cs.flags = c & B(C_ARG) ? 2 : 0;
	/* state: the slot holds a cartridge */
	cs.slot = *ord_slot(o, c & B(C_STATE) ? o->slot_addr : o->empty_addr);
	return io(fd, NTMS_IOC_CLEANER_SLOT, &cs);
}

/* reserve (or release) the cleaner slot at the empty slot, as root */
static void ord_cleaner(int fd, struct ord *o, bool reserve)
{
	struct ntms_cleaner_slot cs = {};

	cs.library = o->l.lib;
	if (reserve)
		cs.slot = *ord_slot(o, o->empty_addr);
	else
		cs.flags = NTMS_CLEANER_SLOT_F_RELEASE;
	io(fd, NTMS_IOC_CLEANER_SLOT, &cs);
}

static int call_clean_drive(int fd, struct ord *o, unsigned int c)
{
	/* state: the library has no cleaner slot; as the user: EACCES first */
	bool slot = !(c & (B(C_STATE) | B(C_ACCESS)));
	struct ntms_clean_drive cd = {};
	int ret;

	if (slot)
		ord_cleaner(fd, o, true);
	cd.drive = *pick(c, o, &o->l.drives[0]);
	cd.flags = c & B(C_ARG) ? 1 : 0;
	ret = io(fd, NTMS_IOC_CLEAN_DRIVE, &cd);
	if (slot)
		ord_cleaner(fd, o, false);
	return ret;
}

static int call_cleaner_port(int fd, struct ord *o, unsigned int c)
{
	/* state: the library has no cleaner slot; as the user: EACCES first */
	bool slot = !(c & (B(C_STATE) | B(C_ACCESS)));
	struct ntms_cleaner_port cp = {};
	int ret;

	if (slot)
		ord_cleaner(fd, o, true);
	cp.library = *pick(c, o, &o->l.lib);
	cp.flags = c & B(C_ARG) ? 2 : 0;
	cp.cleans_left = 10;
	ret = io(fd, NTMS_IOC_CLEANER_PORT, &cp);
	if (slot)
		ord_cleaner(fd, o, false);
	return ret;
}

static const struct row rows[] = {
	{ "dismount_drive", call_dismount_drive,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, ENOMEDIUM, EUCLEAN,
	    ENOSPC, ENOMEM } },
	/*
	 * These two copy their arrays of cartridges in before anything else:
	 * an allocation failing there is an ENOMEM before any other check.
	 */
	{ "dismount_media", call_dismount_media,
	  { EINVAL, ENOENT, ENODEV, 0, ESHUTDOWN, ENOMEDIUM, EUCLEAN, ENOSPC } },
	{ "mount", call_mount,
	  { EINVAL, ENOENT, ENODEV, 0, ESHUTDOWN, EBUSY, EUCLEAN, ENOSPC } },
	{ "inventory", call_inventory,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, 0, 0, ENOSPC,
	    ENOMEM } },
	{ "set_enabled", call_set_enabled,
	  { EINVAL, ENOENT, ENODEV, EACCES, 0, EALREADY, 0, 0, 0 } },
	{ "inject", call_inject,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, 0, EUCLEAN, ENOSPC,
	    ENOMEM } },
	{ "eject", call_eject,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, EBUSY, EUCLEAN,
	    ENOSPC, ENOMEM } },
	{ "request_cancel", call_cancel,
	  { EINVAL, ENOENT, 0, EACCES, 0, ESRCH, 0, 0, 0 } },
	{ "request_wait", call_wait, { EINVAL, ENOENT } },
	{ "request_drives", call_request_drives, { EINVAL, ENOENT } },
	{ "enumerate", call_enumerate, { EINVAL, ENOENT, ENODEV } },
	{ "get_info", call_get_info, { EINVAL, ENOENT } },
	{ "move", call_move,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, EEXIST, EUCLEAN, ENOSPC,
	    ENOMEM } },
	{ "door", call_door,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, 0, 0, ENOSPC,
	    ENOMEM } },
	{ "request_order", call_request_order,
	  { EINVAL, ENOENT, 0, EACCES, 0, ESRCH } },
	/* a library that is gone would be deleted: not a failure to test */
	{ "delete", call_delete, { EINVAL, ENOENT, 0, EACCES, 0, EBUSY } },
	/*
	 * Operator requests belong to no library's queue: a library that is
	 * gone, disabled or damaged changes nothing; their own table is
	 * tested in ntms_opreq.
	 */
	{ "opreq_submit", call_opreq_submit, { EINVAL, ENOENT, 0, EACCES } },
	{ "opreq_satisfy", call_opreq_satisfy,
	  { EINVAL, ENOENT, 0, EACCES, 0, ESRCH } },
	{ "opreq_cancel", call_opreq_cancel,
	  { EINVAL, ENOENT, 0, EACCES, 0, EALREADY } },
	{ "opreq_wait", call_opreq_wait, { EINVAL, ENOENT } },
	/* synchronous: no request, no table, no allocation */
	{ "cleaner_slot", call_cleaner_slot,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, ENOTEMPTY } },
	{ "clean_drive", call_clean_drive,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, EALREADY, EUCLEAN,
	    ENOSPC, ENOMEM } },
	{ "cleaner_port", call_cleaner_port,
	  { EINVAL, ENOENT, ENODEV, EACCES, ESHUTDOWN, EALREADY, EUCLEAN,
	    ENOSPC, ENOMEM } },
};

/* the cartridge in drive @d */
static int ord_drive_media(int fd, const struct ntms_guid *d,
			   struct ntms_guid *m)
{
	struct ntms_object_info oi;
	int ret = nq_info(fd, d, NTMS_TYPE_DRIVE, &oi);

	if (!ret)
		*m = oi.u.drive.media;
	return ret ? ret : nq_guid_zero(m) ? -ENOMEDIUM : 0;
}

FIXTURE(ord) {
	struct ord o;
};

/* one variant a row of the ioctl table */
FIXTURE_VARIANT(ord) {
	unsigned int row;
};

FIXTURE_VARIANT_ADD(ord, dismount_drive) { .row = 0 };
FIXTURE_VARIANT_ADD(ord, dismount_media) { .row = 1 };
FIXTURE_VARIANT_ADD(ord, mount) { .row = 2 };
FIXTURE_VARIANT_ADD(ord, inventory) { .row = 3 };
FIXTURE_VARIANT_ADD(ord, set_enabled) { .row = 4 };
FIXTURE_VARIANT_ADD(ord, inject) { .row = 5 };
FIXTURE_VARIANT_ADD(ord, eject) { .row = 6 };
FIXTURE_VARIANT_ADD(ord, request_cancel) { .row = 7 };
FIXTURE_VARIANT_ADD(ord, request_wait) { .row = 8 };
FIXTURE_VARIANT_ADD(ord, request_drives) { .row = 9 };
FIXTURE_VARIANT_ADD(ord, enumerate) { .row = 10 };
FIXTURE_VARIANT_ADD(ord, get_info) { .row = 11 };
FIXTURE_VARIANT_ADD(ord, move) { .row = 12 };
FIXTURE_VARIANT_ADD(ord, door) { .row = 13 };
FIXTURE_VARIANT_ADD(ord, request_order) { .row = 14 };
FIXTURE_VARIANT_ADD(ord, delete) { .row = 15 };
FIXTURE_VARIANT_ADD(ord, opreq_submit) { .row = 16 };
FIXTURE_VARIANT_ADD(ord, opreq_satisfy) { .row = 17 };
FIXTURE_VARIANT_ADD(ord, opreq_cancel) { .row = 18 };
FIXTURE_VARIANT_ADD(ord, opreq_wait) { .row = 19 };
FIXTURE_VARIANT_ADD(ord, cleaner_slot) { .row = 20 };
FIXTURE_VARIANT_ADD(ord, clean_drive) { .row = 21 };
FIXTURE_VARIANT_ADD(ord, cleaner_port) { .row = 22 };

#define ORD_MAX_REQUESTS	"/sys/module/ntms/parameters/max_requests"

/* a module parameter's value, -1 if it cannot be read */
static int ord_param(const char *path)
{
	char buf[32];

	if (tu_read_trim(path, buf, sizeof(buf)))
		return -1;
	return atoi(buf);
}

/* an ended request of this session: an inventory */
static int ord_ended_request(struct ord *o)
{
	uint32_t err;

	if (nq_inventory(o->fd, &o->l.lib, NTMS_INVENTORY_FAST, &o->req))
		return -1;
	return nq_ended(o->fd, &o->req, &err) == NTMS_REQ_PASSED ? 0 : -1;
}

/* an operator request of root's about the library, satisfied */
static int ord_ended_opreq(struct ord *o)
{
	struct ntms_opreq_submit os = {};
	struct ntms_opreq_act a = {};

	if (!(nq_features(o->fd) & NTMS_FEATURE_OPREQ))
		return 0;
	os.request = NTMS_OPREQ_CMD_DEVICESERVICE;
	os.arg1 = o->l.lib;
	if (io(o->fd, NTMS_IOC_OPREQ_SUBMIT, &os))
		return -1;
	o->opreq = a.id = os.id;
	if (io(o->fd, NTMS_IOC_OPREQ_SATISFY, &a))
		return -1;
	return 0;
}

/* ntms loaded again with @params: the request table starts empty */
static void ord_reload(struct __test_metadata *_metadata, struct ord *o,
		       const char *params)
{
	char cmd[512], out[1024];
	const char *top = getenv("NTMS_TOP"), *k = getenv("NTMS_KERNEL");

	close(o->fd);
	snprintf(cmd, sizeof(cmd), "rmmod ntms && insmod %s/build/%s/ntms.ko %s",
		 top, k, params);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	o->fd = open(NQ_DEV, O_RDWR);
	ASSERT_LE(0, o->fd);
	ASSERT_EQ(0, nq_lib_find(o->fd, &o->l, 60));
}

FIXTURE_SETUP(ord)
{
	struct ord *o = &self->o;
	int slot;

	o->fd = -1;
	if (!getenv("NTMS_TOP") || !getenv("NTMS_KERNEL"))
		SKIP(return, "not in the VM runner");
	o->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, o->fd);
	/* a table of two requests, so that two waiting mounts fill it */
	if (ord_param(ORD_MAX_REQUESTS) != 2)
		ord_reload(_metadata, o, "max_requests=2");
	ASSERT_EQ(0, nq_setup(o->fd, &o->l, NULL));
	ASSERT_EQ(0, nq_open_to_users());
	memset(&o->unknown, 0x5a, sizeof(o->unknown));
	/* drive 1 holds a cartridge, drive 0 is empty */
	slot = nq_full_slot(o->fd, &o->l, 0);
	ASSERT_LT(0, slot);
	ASSERT_EQ(0, nq_load(&o->l, slot, 1));
	ASSERT_EQ(0, nq_slot_media(o->fd, &o->l, nq_full_slot(o->fd, &o->l, 0),
				   &o->m_slot));
	ASSERT_EQ(0, nq_slot_media(o->fd, &o->l, nq_full_slot(o->fd, &o->l, 1),
				   &o->m_other));
	o->slot_addr = o->l.slot_addr[nq_full_slot(o->fd, &o->l, 0) - 1];
	o->other_addr = o->l.slot_addr[nq_full_slot(o->fd, &o->l, 1) - 1];
	o->empty_addr = o->l.slot_addr[o->l.nr_slots - 1];
	ASSERT_EQ(0, ord_drive_media(o->fd, &o->l.drives[1], &o->m_drive));
	ASSERT_EQ(0, ord_ended_request(o));
	ASSERT_EQ(0, ord_ended_opreq(o));
}

FIXTURE_TEARDOWN(ord)
{
	char why[256] = "";

	if (self->o.fd < 0)
		return;
	EXPECT_EQ(0, nq_teardown(self->o.fd, &self->o.l, why, sizeof(why)))
		TH_LOG("%s", why);
	close(self->o.fd);
}

/* the world with conditions @c (but those of the call's arguments) */
static int ord_arrange(struct __test_metadata *_metadata, struct ord *o,
		     unsigned int c, struct ntms_guid *occupant)
{
	struct ntms_guid req;
	uint32_t err;

	if (c & B(C_FULL)) {
		/* two requests fit: two mounts waiting for a busy drive */
		if (nq_mount(o->fd, &o->m_slot, &o->l.drives[0], 1,
			     NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req) ||
		    nq_ended(o->fd, &req, &err) != NTMS_REQ_PASSED)
			return -1;
		if (nq_mount(o->fd, &o->m_drive, &o->l.drives[0], 1,
			     NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &occupant[0]) ||
		    nq_mount(o->fd, &o->m_other, &o->l.drives[0], 1,
			     NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &occupant[1]))
			return -1;
	}
	if (c & B(C_DAMAGED)) {
		if (nq_knob("fail", "0xb8 1 0x4 0x44 0x00") ||
		    !nq_rescan(&o->l))
			return -1;
	}
	if (c & B(C_DISABLED) &&
	    nq_set_enabled(o->fd, &o->l.lib, NTMS_TYPE_LIBRARY, 0, NULL))
		return -1;
	if (c & B(C_GONE)) {
		char path[200];

		snprintf(path, sizeof(path), "%s/delete", o->l.sysfs);
		if (tu_write_file(path, "1"))
			return -1;
	}
	return 0;
}

static void ord_undo(struct __test_metadata *_metadata, struct ord *o,
			unsigned int c, struct ntms_guid *occupant)
{
	char path[200], host[32];
	struct ntms_guid req;
	uint32_t err;

	if (c & B(C_GONE)) {
		sscanf(strrchr(o->l.sysfs, '/') + 1, "%31[0-9]", host);
		snprintf(path, sizeof(path),
			 "/sys/class/scsi_host/host%s/scan", host);
		ASSERT_EQ(0, tu_write_file(path, "- - -"));
		ASSERT_EQ(0, nq_lib_find(o->fd, &o->l, 60));
	}
	if (c & B(C_DISABLED))
		ASSERT_EQ(0, nq_set_enabled(o->fd, &o->l.lib,
					    NTMS_TYPE_LIBRARY, 1, NULL));
	if (c & B(C_DAMAGED)) {
		nq_knob("fail", "clear");
		ASSERT_EQ(0, nq_rescan(&o->l));
	}
	if (c & B(C_FULL)) {
		ASSERT_EQ(0, nq_cancel(o->fd, &occupant[0]));
		ASSERT_EQ(0, nq_cancel(o->fd, &occupant[1]));
		ASSERT_EQ(0, nq_dismount(o->fd, &o->l.drives[0], &req));
		ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(o->fd, &req, &err));
		/* the table evicted the test's ended request */
		ASSERT_EQ(0, ord_ended_request(o));
	}
}

static const struct row *as_user_row;
static unsigned int as_user_c;
static struct ord *as_user_o;

/* the call as the unprivileged user, in a child: errno as exit status */
static int ord_user_call(struct nq_lib *l)
{
	int fd = open(NQ_DEV, O_RDWR), ret;

	if (fd < 0)
		return 200;
	ret = as_user_row->call(fd, as_user_o, as_user_c);
	close(fd);
	return -ret;
}

/* make the call with conditions @c: its errno (positive), or -1 */
static int ord_call(const struct row *r, struct ord *o, unsigned int c)
{
	int mf = -1, ret;

	if (c & B(C_ACCESS)) {
		as_user_row = r;
		as_user_c = c;
		as_user_o = o;
		return nq_as_user(ord_user_call, &o->l);
	}
	if (c & B(C_MEMORY)) {
		mf = nq_failslab_begin();
		if (mf < 0)
			return -1;
	}
	ret = r->call(o->fd, o, c);
	if (mf >= 0)
		nq_failslab_end(mf);
	return -ret;
}

/*
 * The variant's row: each check it makes, together with the next one it
 * makes (the last one alone), gives the errno of the first.
 */
TEST_F_TIMEOUT(ord, checks_in_order, 300)
{
	const struct row *r = &rows[variant->row];
	bool failslab = !access(NQ_FAILSLAB, F_OK);
	struct ntms_guid occupant[2];
	unsigned int a, b, c;
	int got;

	ASSERT_EQ(sizeof(rows) / sizeof(rows[0]), 23);
	for (a = 0; a < C_MAX; a++) {
		if (!r->err[a] || (a == C_MEMORY && !failslab))
			continue;
		/* the next check this row makes after @a */
		for (b = a + 1; b < C_MAX && !r->err[b]; b++)
			;
		if (b == C_MEMORY && !failslab)
			b = C_MAX;
		c = B(a) | (b < C_MAX ? B(b) : 0);
		ASSERT_EQ(0, ord_arrange(_metadata, &self->o, c, occupant))
			TH_LOG("%s: setting up %s", r->name, cond_name[a]);
		got = ord_call(r, &self->o, c);
		ord_undo(_metadata, &self->o, c, occupant);
		EXPECT_EQ(r->err[a], got)
			TH_LOG("%s: %s%s%s: %s, want %s", r->name, cond_name[a],
			       b < C_MAX ? " with " : "",
			       b < C_MAX ? cond_name[b] : "",
			       got > 0 ? strerror(got) : "no error",
			       strerror(r->err[a]));
	}
}

TEST_HARNESS_MAIN
