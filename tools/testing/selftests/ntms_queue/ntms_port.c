// SPDX-License-Identifier: GPL-2.0
/*
 * ntms_port: import/export ports. An operator's cartridge seen in a mail
 * slot, NTMS_IOC_INJECT and NTMS_IOC_EJECT with every documented result,
 * and offline media (ejected, taken out, kept with the same GUID, back
 * when injected again). Runs as root in the VM against smcsim with at
 * least two mail slots (ie_base 10) and a standalone drive; after each
 * test, every element the driver shows must hold what smcsim's
 * "elements" file says, and every barcode must be in exactly one place.
 */
#include <poll.h>

#include "nq_util.h"
#include "kselftest_harness.h"

#define NP_POLL		"/sys/module/ntms/parameters/poll_ms"
#define NP_WAIT_S	20

FIXTURE(port) {
	int fd;
	struct nq_lib l;
	uint32_t port_addr[2];
	struct ntms_guid ports[2];
};

/* the library's mail slots, in address order */
static int np_ports(int fd, struct nq_lib *l, struct ntms_guid *g,
		    uint32_t *addr)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_IEPORT, &l->lib, list, NQ_MAX);
	if (n < 2)
		return -1;
	for (i = 0; i < 2; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_IEPORT, &oi))
			return -1;
		g[i] = list[i];
		addr[i] = oi.u.ieport.address;
	}
	return 0;
}

/* one element of smcsim's "elements" file */
struct np_el {
	char type[4];
	unsigned int addr;
	int full;
	char bc[40];
};

static int np_elements(struct np_el *el, int max)
{
	static char buf[65536];
	char full[8], bc[40], src[16], *line;
	int n = 0;

	if (tu_read_file(NQ_DBG "/elements", buf, sizeof(buf)))
		return -1;
	for (line = strtok(buf, "\n"); line && n < max;
	     line = strtok(NULL, "\n")) {
		if (sscanf(line, "%3s %u %7s %39s %15s", el[n].type,
			   &el[n].addr, full, bc, src) != 5)
			return -1;
		el[n].full = !strcmp(full, "full");
		strcpy(el[n].bc, el[n].full ? bc : "");
		n++;
	}
	return n;
}

/* the barcode of a cartridge GUID ("" for zero) */
static int np_barcode(int fd, const struct ntms_guid *m, char *bc, size_t len)
{
	struct ntms_object_info oi;

	bc[0] = '\0';
	if (nq_guid_zero(m))
		return 0;
	if (nq_info(fd, m, NTMS_TYPE_PHYSICAL_MEDIA, &oi))
		return -1;
	snprintf(bc, len, "%s", oi.u.media.barcode);
	return 0;
}

/*
 * The driver's view against smcsim's: every slot, port and drive holds
 * the same barcode; every cartridge the driver knows is where the device
 * has it, or offline and nowhere in the device; no barcode twice.
 */
static int np_consistent(int fd, struct nq_lib *l, char *why, size_t wlen)
{
	static const uint32_t types[] = { NTMS_TYPE_STORAGESLOT,
					  NTMS_TYPE_IEPORT, NTMS_TYPE_DRIVE };
	static struct np_el el[2 * NQ_MAX];
	struct ntms_guid list[NQ_MAX], m;
	struct ntms_object_info oi;
	int n, nm, i, j, t, k, online = 0, full = 0;
	uint32_t addr;
	char bc[64];

	n = np_elements(el, 2 * NQ_MAX);
	if (n < 0) {
		snprintf(why, wlen, "cannot read smcsim elements");
		return -1;
	}
	for (t = 0; t < 3; t++) {
		nm = nq_enum(fd, types[t], &l->lib, list, NQ_MAX);
		if (nm < 0) {
			snprintf(why, wlen, "enumerate type %u: %d", types[t],
				 nm);
			return -1;
		}
		for (i = 0; i < nm; i++) {
			if (nq_info(fd, &list[i], types[t], &oi))
				return snprintf(why, wlen, "info"), -1;
			if (types[t] == NTMS_TYPE_DRIVE) {
				addr = oi.u.drive.address;
				m = oi.u.drive.media;
			} else if (types[t] == NTMS_TYPE_IEPORT) {
				addr = oi.u.ieport.address;
				m = oi.u.ieport.media;
			} else {
				addr = oi.u.slot.address;
				m = oi.u.slot.media;
			}
			if (np_barcode(fd, &m, bc, sizeof(bc)))
				return snprintf(why, wlen, "media info"), -1;
			for (j = 0; j < n && el[j].addr != addr; j++)
				;
			if (j == n || strcmp(el[j].bc, bc)) {
				snprintf(why, wlen, "element %u: ntms '%s', smcsim '%s'",
					 addr, bc, j == n ? "(none)" : el[j].bc);
				return -1;
			}
		}
	}
	for (j = 0; j < n; j++)
		full += el[j].full;
	nm = nq_enum(fd, NTMS_TYPE_PHYSICAL_MEDIA, &l->lib, list, NQ_MAX);
	for (i = 0; i < nm; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_PHYSICAL_MEDIA, &oi))
			return snprintf(why, wlen, "media info"), -1;
		for (j = 0, k = -1; j < n; j++)
			if (el[j].full && !strcmp(el[j].bc, oi.u.media.barcode))
				k = j;
		if (oi.u.media.flags & NTMS_MEDIA_F_OFFLINE) {
			if (k >= 0 || oi.op_state != NTMS_OPSTATE_NOT_PRESENT ||
			    !nq_guid_zero(&oi.u.media.location)) {
				snprintf(why, wlen, "offline %s: in %d, state %u",
					 oi.u.media.barcode, k, oi.op_state);
				return -1;
			}
			continue;
		}
		online++;
		if (k < 0 || el[k].addr != oi.u.media.location_address) {
			snprintf(why, wlen, "%s: ntms at %u, smcsim at %d",
				 oi.u.media.barcode, oi.u.media.location_address,
				 k < 0 ? -1 : (int)el[k].addr);
			return -1;
		}
	}
	if (online != full) {
		snprintf(why, wlen, "%d cartridges online in ntms, %d in smcsim",
			 online, full);
		return -1;
	}
	return 0;
}

FIXTURE_SETUP(port)
{
	self->fd = open(NQ_DEV, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", NQ_DEV, strerror(errno));
	if (!(nq_features(self->fd) & NTMS_FEATURE_INJECT_EJECT))
		SKIP(return, "the driver has no NTMS_IOC_INJECT / _EJECT");
	ASSERT_EQ(0, nq_setup(self->fd, &self->l, NULL));
	ASSERT_EQ(0, np_ports(self->fd, &self->l, self->ports,
			      self->port_addr))
		TH_LOG("smcsim needs ieports=2 or more");
	/* notice the operator quickly */
	ASSERT_EQ(0, tu_write_file(NP_POLL, "100"));
}

FIXTURE_TEARDOWN(port)
{
	char why[256] = "";

	/* drives and slots against mtx, then ports and cartridges too */
	EXPECT_EQ(0, nq_teardown(self->fd, &self->l, why, sizeof(why)))
		TH_LOG("%s", why);
	if (self->fd >= 0 && self->l.nr_drives)
		EXPECT_EQ(0, np_consistent(self->fd, &self->l, why,
					   sizeof(why))) TH_LOG("%s", why);
	close(self->fd);
}

static int inject(int fd, const struct ntms_guid *lib,
		  const struct ntms_guid *port, struct ntms_guid *req)
{
	struct ntms_inject in;

	memset(&in, 0, sizeof(in));
	in.library = *lib;
	if (port) {
		in.port = *port;
		in.flags = NTMS_PORT_F_SPECIFIC;
	}
	if (ioctl(fd, NTMS_IOC_INJECT, &in))
		return -errno;
	if (req)
		*req = in.request;
	return 0;
}

static int eject(int fd, const struct ntms_guid *media,
		 const struct ntms_guid *port, struct ntms_guid *req)
{
	struct ntms_eject ej;

	memset(&ej, 0, sizeof(ej));
	ej.media = *media;
	if (port) {
		ej.port = *port;
		ej.flags = NTMS_PORT_F_SPECIFIC;
	}
	if (ioctl(fd, NTMS_IOC_EJECT, &ej))
		return -errno;
	if (req)
		*req = ej.request;
	return 0;
}

/* the cartridge with that barcode known in the library: 0 or -ENOENT */
static int find_media(int fd, struct nq_lib *l, const char *bc,
		      struct ntms_guid *g, struct ntms_object_info *oi)
{
	struct ntms_guid list[NQ_MAX];
	int n, i;

	n = nq_enum(fd, NTMS_TYPE_PHYSICAL_MEDIA, &l->lib, list, NQ_MAX);
	for (i = 0; i < n; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_PHYSICAL_MEDIA, oi))
			continue;
		if (!strcmp(oi->u.media.barcode, bc)) {
			*g = list[i];
			return 0;
		}
	}
	return -ENOENT;
}

/* wait until the cartridge @bc is at element type @ltype (0: offline) */
static int wait_media(int fd, struct nq_lib *l, const char *bc,
		      uint32_t ltype, struct ntms_guid *g,
		      struct ntms_object_info *oi)
{
	int t;

	for (t = 0; t < NP_WAIT_S * 10; t++) {
		if (!find_media(fd, l, bc, g, oi)) {
			if (!ltype && (oi->u.media.flags & NTMS_MEDIA_F_OFFLINE))
				return 0;
			if (ltype && oi->u.media.location_type == ltype &&
			    !(oi->u.media.flags & NTMS_MEDIA_F_OFFLINE))
				return 0;
		}
		usleep(100000);
	}
	return -ETIMEDOUT;
}

/* the cartridge in the @nth full slot */
static int slot_media(int fd, struct nq_lib *l, int nth, struct ntms_guid *g,
		      uint32_t *addr)
{
	struct ntms_object_info oi;
	int slot1 = nq_full_slot(fd, l, nth);

	if (slot1 <= 0 ||
	    nq_info(fd, &l->slots[slot1 - 1], NTMS_TYPE_STORAGESLOT, &oi))
		return -1;
	*g = oi.u.slot.media;
	if (addr)
		*addr = oi.u.slot.address;
	return 0;
}

/*
 * Read events from @fd2 until one matches, up to NP_WAIT_S; @inserts (if
 * not NULL) counts the OBJ_INSERT events of @type (and @obj) read meanwhile.
 */
static int wait_event(int fd2, uint32_t op, uint32_t type,
		      const struct ntms_guid *obj, struct ntms_guid *got,
		      int *inserts)
{
	struct pollfd pfd = { .fd = fd2, .events = POLLIN };
	struct ntms_event ev[32];
	ssize_t len;
	int t, i;

	for (t = 0; t < NP_WAIT_S * 10; t++) {
		while ((len = read(fd2, ev, sizeof(ev))) > 0) {
			for (i = 0; i < len / (ssize_t)sizeof(ev[0]); i++) {
				if (ev[i].object_type != type ||
				    (obj && memcmp(obj, &ev[i].object, 16)))
					continue;
				if (inserts && ev[i].operation ==
				    NTMS_EVENT_OBJ_INSERT)
					(*inserts)++;
				if (ev[i].operation != op)
					continue;
				if (got)
					*got = ev[i].object;
				return 0;
			}
		}
		poll(&pfd, 1, 100);
	}
	return -ETIMEDOUT;
}

static int knob_insert(const char *bc, uint32_t addr)
{
	char s[64];

	if (addr)
		snprintf(s, sizeof(s), "%s %u", bc, addr);
	else
		snprintf(s, sizeof(s), "%s", bc);
	return nq_knob("insert", s);
}

static int knob_remove(uint32_t addr)
{
	char s[32];

	snprintf(s, sizeof(s), "%u", addr);
	return nq_knob("remove", s);
}

/* the operator's cartridge is seen by the poll: OBJ_INSERT, in the port */
TEST_F(port, insert_seen)
{
	struct ntms_object_info oi;
	struct ntms_guid g, g2;
	int fd2;

	fd2 = nq_event_open();
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, knob_insert("PRT001L6", self->port_addr[1]));
	/* no command from the test: the library's poll sees the UA */
	ASSERT_EQ(0, wait_event(fd2, NTMS_EVENT_OBJ_INSERT,
				NTMS_TYPE_PHYSICAL_MEDIA, NULL, &g, NULL));
	ASSERT_EQ(0, find_media(self->fd, &self->l, "PRT001L6", &g2, &oi));
	EXPECT_EQ(0, memcmp(&g, &g2, 16));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	EXPECT_EQ(self->port_addr[1], oi.u.media.location_address);
	EXPECT_EQ(0, memcmp(&oi.u.media.location, &self->ports[1], 16));
	EXPECT_EQ(NTMS_OPSTATE_READY, oi.op_state);
	ASSERT_EQ(0, nq_info(self->fd, &self->ports[1], NTMS_TYPE_IEPORT,
			     &oi));
	EXPECT_EQ(NTMS_PORT_CONTENT_FULL, oi.u.ieport.content);
	EXPECT_EQ(0, memcmp(&oi.u.ieport.media, &g, 16));
	EXPECT_TRUE(oi.u.ieport.flags & NTMS_IEPORT_F_IMPEXP);
	/* leave the library as it was: the operator takes it back */
	EXPECT_EQ(0, knob_remove(self->port_addr[1]));
	EXPECT_EQ(0, wait_media(self->fd, &self->l, "PRT001L6", 0, &g2, &oi));
	close(fd2);
}

/* inject at once, before any poll: the request reads the ports itself */
TEST_F(port, inject_into_empty_slot)
{
	struct ntms_object_info oi, ri;
	struct ntms_guid req, g;
	uint32_t err;
	char bc[64];

	ASSERT_EQ(0, knob_insert("PRT002L6", 0));
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	ASSERT_FALSE(nq_guid_zero(&req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, find_media(self->fd, &self->l, "PRT002L6", &g, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	EXPECT_EQ(NTMS_OPSTATE_READY, oi.op_state);
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &ri));
	EXPECT_EQ(NTMS_REQ_OP_INJECT, ri.u.request.operation);
	EXPECT_EQ(0, memcmp(&ri.u.request.media, &g, 16));
	EXPECT_EQ(0, memcmp(&ri.u.request.slot, &oi.u.media.location, 16));
	ASSERT_EQ(0, nq_elem_barcode(self->fd, &oi.u.media.location,
				     NTMS_TYPE_STORAGESLOT, bc, sizeof(bc)));
	EXPECT_STREQ("PRT002L6", bc);
	/* the port is empty again */
	ASSERT_EQ(0, nq_info(self->fd, &self->ports[0], NTMS_TYPE_IEPORT,
			     &oi));
	EXPECT_EQ(NTMS_PORT_CONTENT_EMPTY, oi.u.ieport.content);
}

/* nothing in the ports: FAILED with ENODATA, nothing moved */
TEST_F(port, inject_nothing)
{
	struct ntms_object_info ri;
	struct ntms_guid req;
	uint32_t err = 0;

	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ENODATA, err);
	/* one port asked for, empty: the same */
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(ENODATA, err);
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &ri));
	EXPECT_TRUE(nq_guid_zero(&ri.u.request.media));
	EXPECT_TRUE(nq_guid_zero(&ri.u.request.slot));
}

/*
 * Eject to a port; the operator takes it: offline, kept, same GUID, and
 * mount / eject / dismount give ENXIO; injected again: the same GUID,
 * READY, back in its slot.
 */
TEST_F(port, eject_remove_reinject)
{
	struct ntms_object_info oi, ri;
	struct ntms_guid m, g, req;
	struct ntms_event ev[32];
	uint32_t err, home;
	int fd2, inserts = 0;
	char bc[64];

	fd2 = nq_event_open();
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 3, &m, &home));
	ASSERT_EQ(0, np_barcode(self->fd, &m, bc, sizeof(bc)));
	ASSERT_EQ(0, eject(self->fd, &m, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_info(self->fd, &req, NTMS_TYPE_LIBREQUEST, &ri));
	EXPECT_EQ(NTMS_REQ_OP_EJECT, ri.u.request.operation);
	EXPECT_EQ(0, memcmp(&ri.u.request.media, &m, 16));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	EXPECT_EQ(self->port_addr[0], oi.u.media.location_address);
	/* in a port already */
	EXPECT_EQ(-EALREADY, eject(self->fd, &m, NULL, NULL));

	/* the operator takes it out */
	while (read(fd2, ev, sizeof(ev)) > 0)
		;
	ASSERT_EQ(0, knob_remove(self->port_addr[0]));
	ASSERT_EQ(0, wait_event(fd2, NTMS_EVENT_OBJ_UPDATE,
				NTMS_TYPE_PHYSICAL_MEDIA, &m, NULL, NULL));
	ASSERT_EQ(0, wait_media(self->fd, &self->l, bc, 0, &g, &oi));
	EXPECT_EQ(0, memcmp(&g, &m, 16));
	EXPECT_EQ(NTMS_OPSTATE_NOT_PRESENT, oi.op_state);
	EXPECT_TRUE(nq_guid_zero(&oi.u.media.location));
	EXPECT_EQ(0, oi.u.media.location_type);

	/* offline media cannot be used */
	EXPECT_EQ(-ENXIO, eject(self->fd, &m, NULL, NULL));
	EXPECT_EQ(-ENXIO, nq_mount(self->fd, &m, NULL, 1, 0, 0, &req));
	EXPECT_EQ(-ENXIO, nq_dismount_media(self->fd, &m, 1, 0, &req));

	/* back again: OBJ_UPDATE (not INSERT), same GUID, home slot */
	while (read(fd2, ev, sizeof(ev)) > 0)
		;
	ASSERT_EQ(0, knob_insert(bc, self->port_addr[1]));
	EXPECT_EQ(0, wait_event(fd2, NTMS_EVENT_OBJ_UPDATE,
				NTMS_TYPE_PHYSICAL_MEDIA, &m, NULL, &inserts));
	EXPECT_EQ(0, inserts);
	ASSERT_EQ(0, wait_media(self->fd, &self->l, bc, NTMS_TYPE_IEPORT, &g,
				&oi));
	EXPECT_EQ(0, memcmp(&g, &m, 16));
	EXPECT_EQ(NTMS_OPSTATE_READY, oi.op_state);
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_OPSTATE_READY, oi.op_state);
	EXPECT_FALSE(oi.u.media.flags & NTMS_MEDIA_F_OFFLINE);
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	EXPECT_EQ(home, oi.u.media.location_address);
	close(fd2);
}

/* both ports full, or taken by queued ejects: EAGAIN */
TEST_F(port, no_free_port)
{
	struct ntms_guid m0, m1, m2, req, inv_req;
	struct ntms_object_info oi;
	uint32_t err;

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m0, NULL));
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 1, &m1, NULL));
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 2, &m2, NULL));
	ASSERT_EQ(0, knob_insert("PRT003L6", self->port_addr[1]));
	ASSERT_EQ(0, nq_rescan(&self->l));
	/* one port left: the robot is busy, the first eject stays queued */
	ASSERT_EQ(0, nq_knob("latency_ms", "300"));
	ASSERT_EQ(0, nq_inventory(self->fd, &self->l.lib, NTMS_INVENTORY_FAST,
				  &inv_req));
	ASSERT_EQ(0, eject(self->fd, &m0, NULL, &req));
	EXPECT_EQ(-EAGAIN, eject(self->fd, &m1, NULL, NULL));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &inv_req, &err));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	nq_knobs_clear();
	/* both ports full now */
	EXPECT_EQ(-EAGAIN, eject(self->fd, &m2, NULL, NULL));
	EXPECT_EQ(-EAGAIN, eject(self->fd, &m2, &self->ports[0], NULL));
	/* put everything away */
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, find_media(self->fd, &self->l, "PRT003L6", &m1, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	ASSERT_EQ(0, nq_info(self->fd, &m0, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
}

/* the port given, for inject and for eject */
TEST_F(port, specific_port)
{
	struct ntms_object_info oi;
	struct ntms_guid g, m, req;
	uint32_t err;

	ASSERT_EQ(0, knob_insert("PRT005L6", self->port_addr[1]));
	ASSERT_EQ(0, knob_insert("PRT006L6", self->port_addr[0]));
	/* the poll sees both (the inject reads only its own port) */
	ASSERT_EQ(0, wait_media(self->fd, &self->l, "PRT006L6",
				NTMS_TYPE_IEPORT, &g, &oi));
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, find_media(self->fd, &self->l, "PRT005L6", &g, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	ASSERT_EQ(0, find_media(self->fd, &self->l, "PRT006L6", &g, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	EXPECT_EQ(self->port_addr[0], oi.u.media.location_address);
	/* port 0 is full, port 1 free: eject to port 1 only */
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	EXPECT_EQ(-EAGAIN, eject(self->fd, &m, &self->ports[0], NULL));
	ASSERT_EQ(0, eject(self->fd, &m, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	EXPECT_EQ(self->port_addr[1], oi.u.media.location_address);
	/* not a port */
	EXPECT_EQ(-ENOENT, inject(self->fd, &self->l.lib, &self->l.slots[0],
				  NULL));
	EXPECT_EQ(-ENOENT, eject(self->fd, &m, &self->l.drives[0], NULL));
	/* both back in */
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
}

/* a cartridge in a drive: EBUSY (dismount it first) */
TEST_F(port, in_drive)
{
	struct ntms_object_info oi;
	struct ntms_guid m;

	ASSERT_EQ(0, nq_load(&self->l, nq_full_slot(self->fd, &self->l, 0), 0));
	ASSERT_EQ(0, nq_info(self->fd, &self->l.drives[0], NTMS_TYPE_DRIVE,
			     &oi));
	m = oi.u.drive.media;
	ASSERT_FALSE(nq_guid_zero(&m));
	EXPECT_EQ(-EBUSY, eject(self->fd, &m, NULL, NULL));
}

TEST_F(port, bad_arguments)
{
	struct ntms_inject in;
	struct ntms_eject ej;
	struct ntms_guid m;

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	memset(&in, 0, sizeof(in));
	in.library = self->l.lib;
	in.flags = 2;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_INJECT, &in));
	EXPECT_EQ(EINVAL, errno);
	in.flags = 0;
	in.padding[2] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_INJECT, &in));
	EXPECT_EQ(EINVAL, errno);
	in.padding[2] = 0;
	/* a port without NTMS_PORT_F_SPECIFIC */
	in.port = self->ports[0];
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_INJECT, &in));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_INJECT, NULL));
	EXPECT_EQ(EFAULT, errno);

	memset(&ej, 0, sizeof(ej));
	ej.media = m;
	ej.flags = 0x80000000;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_EJECT, &ej));
	EXPECT_EQ(EINVAL, errno);
	ej.flags = 0;
	ej.padding[0] = 7;
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_EJECT, &ej));
	EXPECT_EQ(EINVAL, errno);
	ej.padding[0] = 0;
	ej.port = self->ports[1];
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_EJECT, &ej));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(self->fd, NTMS_IOC_EJECT, NULL));
	EXPECT_EQ(EFAULT, errno);
	/* not a session */
	EXPECT_EQ(-1, ioctl(0, NTMS_IOC_EJECT, &ej));
	EXPECT_NE(0, errno);
}

TEST_F(port, unknown_objects)
{
	struct ntms_guid g, m;

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	memset(&g, 0x5a, sizeof(g));
	EXPECT_EQ(-ENOENT, inject(self->fd, &g, NULL, NULL));
	EXPECT_EQ(-ENOENT, inject(self->fd, &m, NULL, NULL));
	EXPECT_EQ(-ENOENT, eject(self->fd, &g, NULL, NULL));
	EXPECT_EQ(-ENOENT, eject(self->fd, &self->l.lib, NULL, NULL));
	EXPECT_EQ(-ENOENT, eject(self->fd, &self->l.slots[0], NULL, NULL));
	EXPECT_EQ(-ENOENT, eject(self->fd, &m, &g, NULL));
}

/* a standalone drive's library has no mail slot */
TEST_F(port, no_ports)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(self->fd, NTMS_TYPE_LIBRARY, NULL, list, NQ_MAX);
	for (i = 0; i < n; i++)
		if (!nq_info(self->fd, &list[i], NTMS_TYPE_LIBRARY, &oi) &&
		    oi.u.library.library_type == NTMS_LIBRARY_TYPE_STANDALONE)
			break;
	if (i >= n)
		SKIP(return, "no standalone drive (smcsim standalone=1)");
	EXPECT_EQ(0, oi.u.library.num_ports);
	EXPECT_EQ(-EOPNOTSUPP, inject(self->fd, &list[i], NULL, NULL));
	/* its cartridge */
	n = nq_enum(self->fd, NTMS_TYPE_PHYSICAL_MEDIA, &list[i], list + 1,
		    NQ_MAX - 1);
	if (n > 0)
		EXPECT_EQ(-EOPNOTSUPP, eject(self->fd, &list[1], NULL, NULL));
}

/* 1: both refused with EACCES; 0: both queued; else what went wrong */
static int user_port(struct nq_lib *l)
{
	struct ntms_guid m, req;
	struct ntms_request_wait w;
	int fd = open(NQ_DEV, O_RDWR), r1, r2;

	if (fd < 0)
		return 110 + (errno & 15);
	if (slot_media(fd, l, 0, &m, NULL))
		return 102;
	r1 = inject(fd, &l->lib, NULL, &req);
	if (!r1)
		nq_wait(fd, &req, 30000, &w);
	r2 = eject(fd, &m, NULL, &req);
	if (!r2)
		nq_wait(fd, &req, 30000, &w);
	close(fd);
	if (r1 == -EACCES && r2 == -EACCES)
		return 1;
	if (!r1 && !r2)
		return 0;
	return 103;
}

/* USE only: EACCES; CONTROL granted to a group: queued */
TEST_F(port, access)
{
	char path[200], gid[32];
	struct ntms_guid req;
	uint32_t err;

	ASSERT_EQ(0, nq_open_to_users());
	EXPECT_EQ(1, nq_as_user(user_port, &self->l));
	/* MODIFY is not enough */
	snprintf(path, sizeof(path), "%s/ntms_modify_gid", self->l.sysfs);
	snprintf(gid, sizeof(gid), "%d", NQ_GID);
	ASSERT_EQ(0, tu_write_file(path, gid));
	EXPECT_EQ(1, nq_as_user(user_port, &self->l));
	ASSERT_EQ(0, tu_write_file(path, "-1"));
	snprintf(path, sizeof(path), "%s/ntms_control_gid", self->l.sysfs);
	ASSERT_EQ(0, tu_write_file(path, gid));
	EXPECT_EQ(0, nq_as_user(user_port, &self->l));
	ASSERT_EQ(0, tu_write_file(path, "-1"));
	/* put the ejected cartridge back */
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* a disabled library or cartridge: ESHUTDOWN */
TEST_F(port, disabled)
{
	struct ntms_guid m;

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    0, NULL));
	EXPECT_EQ(-ESHUTDOWN, inject(self->fd, &self->l.lib, NULL, NULL));
	EXPECT_EQ(-ESHUTDOWN, eject(self->fd, &m, NULL, NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &self->l.lib, NTMS_TYPE_LIBRARY,
				    1, NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, 0,
				    NULL));
	EXPECT_EQ(-ESHUTDOWN, eject(self->fd, &m, NULL, NULL));
	ASSERT_EQ(0, nq_set_enabled(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, 1,
				    NULL));
}

/* the element status cannot be read: EUCLEAN until a good read */
TEST_F(port, damaged)
{
	struct ntms_guid m;

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	ASSERT_EQ(0, nq_knob("fail", "0xb8 1 0x4 0x44 0x00"));
	EXPECT_NE(0, nq_rescan(&self->l));
	EXPECT_EQ(-EUCLEAN, inject(self->fd, &self->l.lib, NULL, NULL));
	EXPECT_EQ(-EUCLEAN, eject(self->fd, &m, NULL, NULL));
	EXPECT_EQ(0, nq_rescan(&self->l));
}

/* the move fails: FAILED, both elements read again, nothing lost */
TEST_F(port, move_fails)
{
	struct ntms_object_info oi;
	struct ntms_guid m, req;
	uint32_t err, addr;

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, &addr));
	ASSERT_EQ(0, nq_knob("fail", "0xa5 1 0x4 0x40 0x00"));
	ASSERT_EQ(0, eject(self->fd, &m, NULL, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EIO, err);
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	EXPECT_EQ(addr, oi.u.media.location_address);
}

/* moved behind the driver's back: the picture is checked first */
TEST_F(port, stale)
{
	struct ntms_object_info oi;
	struct ntms_guid m, req;
	char args[64], out[512], bc[64];
	uint32_t err, i;
	int src, ret;

	/* the cartridge left its slot: found, and ejected from there */
	src = nq_full_slot(self->fd, &self->l, 0);
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	ASSERT_EQ(0, np_barcode(self->fd, &m, bc, sizeof(bc)));
	for (i = 0; i < self->l.nr_slots; i++) {
		ASSERT_EQ(0, nq_elem_barcode(self->fd, &self->l.slots[i],
					     NTMS_TYPE_STORAGESLOT, out,
					     sizeof(out)));
		if (!out[0])
			break;
	}
	ASSERT_LT(i, self->l.nr_slots);
	snprintf(args, sizeof(args), "transfer %d %u", src, i + 1);
	ASSERT_EQ(0, nq_mtx(&self->l, args, out, sizeof(out)))
		TH_LOG("%s", out);
	ASSERT_EQ(0, eject(self->fd, &m, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	/* back in: to the slot it was found in, its home now */
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(self->l.slot_addr[i], oi.u.media.location_address);

	/* a port filled by the operator, not seen yet (or just seen) */
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	ASSERT_EQ(0, knob_insert("PRT007L6", self->port_addr[0]));
	ret = eject(self->fd, &m, &self->ports[0], &req);
	if (!ret) {
		EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
		EXPECT_EQ(EAGAIN, err);
	} else {
		EXPECT_EQ(-EAGAIN, ret);
	}
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* the cartridges without a barcode: how many, the last one at @ltype */
static int nobc_media(int fd, struct nq_lib *l, uint32_t ltype,
		      struct ntms_guid *g, struct ntms_object_info *oi)
{
	struct ntms_guid list[NQ_MAX];
	struct ntms_object_info x;
	int n, i, count = 0;

	n = nq_enum(fd, NTMS_TYPE_PHYSICAL_MEDIA, &l->lib, list, NQ_MAX);
	for (i = 0; i < n; i++) {
		if (nq_info(fd, &list[i], NTMS_TYPE_PHYSICAL_MEDIA, &x) ||
		    !(x.u.media.flags & NTMS_MEDIA_F_NO_BARCODE))
			continue;
		count++;
		if (x.u.media.location_type == ltype) {
			*g = list[i];
			*oi = x;
		}
	}
	return count;
}

static int full_read(int fd, struct nq_lib *l)
{
	struct ntms_guid req;
	uint32_t err;
	int ret;

	ret = nq_inventory(fd, &l->lib, NTMS_INVENTORY_FAST, &req);
	if (ret)
		return ret;
	return nq_ended(fd, &req, &err) == NTMS_REQ_PASSED ? 0 : -EIO;
}

/*
 * A cartridge without a barcode is known by its home slot: ejected, it
 * keeps its GUID in the port (one object, not two), and a full read
 * keeps it; taken out, it is forgotten.
 */
TEST_F(port, eject_no_barcode)
{
	struct ntms_object_info oi;
	struct ntms_guid u, g, req;
	uint32_t err;
	int t;

	if (!(nq_features(self->fd) & NTMS_FEATURE_INVENTORY))
		SKIP(return, "no NTMS_IOC_INVENTORY");
	memset(&oi, 0, sizeof(oi));
	ASSERT_EQ(0, knob_insert("-", self->port_addr[1]));
	for (t = 0; t < NP_WAIT_S * 10; t++) {
		if (nobc_media(self->fd, &self->l, NTMS_TYPE_IEPORT, &g,
			       &oi) > 0 &&
		    oi.u.media.location_type == NTMS_TYPE_IEPORT)
			break;
		usleep(100000);
	}
	ASSERT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, full_read(self->fd, &self->l));
	memset(&oi, 0, sizeof(oi));
	ASSERT_EQ(1, nobc_media(self->fd, &self->l, NTMS_TYPE_STORAGESLOT,
				&u, &oi));
	ASSERT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);

	ASSERT_EQ(0, eject(self->fd, &u, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_info(self->fd, &u, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	EXPECT_EQ(1, nobc_media(self->fd, &self->l, NTMS_TYPE_IEPORT, &g,
				&oi));
	/* a full read keeps it, in the port */
	ASSERT_EQ(0, full_read(self->fd, &self->l));
	ASSERT_EQ(0, nq_info(self->fd, &u, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);
	EXPECT_EQ(1, nobc_media(self->fd, &self->l, NTMS_TYPE_IEPORT, &g,
				&oi));

	/* the operator takes it: forgotten at the next full read */
	ASSERT_EQ(0, knob_remove(oi.u.media.location_address));
	ASSERT_EQ(0, full_read(self->fd, &self->l));
	EXPECT_EQ(0, nobc_media(self->fd, &self->l, NTMS_TYPE_IEPORT, &g,
				&oi));
}

/* failslab on the request path: ENOMEM, nothing queued (debug kernel) */
TEST_F(port, no_memory)
{
	struct ntms_object_info oi;
	struct ntms_guid m, req;
	uint32_t addr, err;
	int ret, mf;

	if (access(NQ_FAILSLAB, F_OK))
		SKIP(return, "no failslab (not the debug kernel)");
	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, &addr));
	mf = nq_failslab_begin();
	ASSERT_LE(0, mf);
	ret = eject(self->fd, &m, NULL, &req);
	nq_failslab_end(mf);
	EXPECT_EQ(-ENOMEM, ret);
	mf = nq_failslab_begin();
	ASSERT_LE(0, mf);
	ret = inject(self->fd, &self->l.lib, NULL, &req);
	nq_failslab_end(mf);
	EXPECT_EQ(-ENOMEM, ret);
	/* nothing half-done: still in its slot, and it can be ejected */
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(addr, oi.u.media.location_address);
	ASSERT_EQ(0, eject(self->fd, &m, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
}

/* eject @m to a port, and the operator takes it: offline */
static int eject_remove(int fd, struct nq_lib *l, const struct ntms_guid *m,
			const char *bc)
{
	struct ntms_object_info oi;
	struct ntms_guid req, g;
	uint32_t err;

	if (eject(fd, m, NULL, &req) ||
	    nq_ended(fd, &req, &err) != NTMS_REQ_PASSED ||
	    nq_info(fd, m, NTMS_TYPE_PHYSICAL_MEDIA, &oi) ||
	    knob_remove(oi.u.media.location_address))
		return -1;
	return wait_media(fd, l, bc, 0, &g, &oi);
}

/*
 * A new cartridge goes to the first empty slot, whatever its address
 * (suite ntms-port-st0 runs this with slots from address 0).
 */
TEST_F(port, inject_first_empty_slot)
{
	struct ntms_object_info oi;
	struct ntms_guid m, g, req;
	uint32_t err, first;
	char bc[64];

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, &first));
	ASSERT_EQ(0, np_barcode(self->fd, &m, bc, sizeof(bc)));
	ASSERT_EQ(0, eject_remove(self->fd, &self->l, &m, bc));
	ASSERT_EQ(0, knob_insert("PRT010L6", self->port_addr[1]));
	ASSERT_EQ(0, wait_media(self->fd, &self->l, "PRT010L6",
				NTMS_TYPE_IEPORT, &g, &oi));
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, find_media(self->fd, &self->l, "PRT010L6", &g, &oi));
	EXPECT_EQ(NTMS_TYPE_STORAGESLOT, oi.u.media.location_type);
	EXPECT_EQ(first, oi.u.media.location_address)
		TH_LOG("first empty slot %u", first);

	/* put things back: the new one out, the old one home */
	ASSERT_EQ(0, eject_remove(self->fd, &self->l, &g, "PRT010L6"));
	ASSERT_EQ(0, knob_insert(bc, self->port_addr[1]));
	ASSERT_EQ(0, wait_media(self->fd, &self->l, bc, NTMS_TYPE_IEPORT, &g,
				&oi));
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err));
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(first, oi.u.media.location_address);
}

/*
 * A cartridge the operator put in a mail slot is in the library but not
 * injected: mounting it gives EADDRNOTAVAIL (ERROR_MEDIA_NOT_AVAILABLE),
 * with or without a drive asked for; once injected it mounts.
 */
TEST_F(port, mount_from_port)
{
	struct ntms_guid g, drives[1], req;
	struct ntms_object_info oi;
	uint32_t err = 0;

	ASSERT_EQ(0, knob_insert("PRT009L6", self->port_addr[1]));
	ASSERT_EQ(0, wait_media(self->fd, &self->l, "PRT009L6",
				NTMS_TYPE_IEPORT, &g, &oi));
	EXPECT_EQ(-EADDRNOTAVAIL, nq_mount(self->fd, &g, drives, 1, 0, 0,
					   &req));
	drives[0] = self->l.drives[0];
	EXPECT_EQ(-EADDRNOTAVAIL,
		  nq_mount(self->fd, &g, drives, 1,
			   NTMS_MOUNT_F_SPECIFIC_DRIVE, 0, &req));
	EXPECT_EQ(-EADDRNOTAVAIL,
		  nq_mount(self->fd, &g, drives, 1,
			   NTMS_MOUNT_F_ERROR_NOT_AVAILABLE, 0, &req));
	/* still in the port, nothing moved */
	ASSERT_EQ(0, nq_info(self->fd, &g, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_IEPORT, oi.u.media.location_type);

	ASSERT_EQ(0, inject(self->fd, &self->l.lib, &self->ports[1], &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_mount(self->fd, &g, drives, 1, 0, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	ASSERT_EQ(0, nq_dismount_media(self->fd, &g, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
}

/* the number of storage slots the driver shows empty */
static int empty_slots(int fd, struct nq_lib *l)
{
	struct ntms_object_info oi;
	uint32_t i;
	int n = 0;

	for (i = 0; i < l->nr_slots; i++) {
		if (nq_info(fd, &l->slots[i], NTMS_TYPE_STORAGESLOT, &oi))
			return -1;
		if (nq_guid_zero(&oi.u.slot.media))
			n++;
	}
	return n;
}

/*
 * Every storage slot full (one cartridge in a drive): an inject and a
 * dismount end FAILED with EXFULL (ERROR_NOT_FOUND), not ENOSPC; the
 * cartridges stay where they were.
 */
TEST_F(port, no_empty_slot)
{
	struct ntms_guid m, g, drives[1], req;
	struct ntms_object_info oi;
	uint32_t err = 0;
	int n, i, fill = 0;
	char bc[64];

	ASSERT_EQ(0, slot_media(self->fd, &self->l, 0, &m, NULL));
	ASSERT_EQ(0, nq_mount(self->fd, &m, drives, 1, 0, 0, &req));
	ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
	n = empty_slots(self->fd, &self->l);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++) {
		snprintf(bc, sizeof(bc), "FUL%03dL6", i);
		ASSERT_EQ(0, knob_insert(bc, 0));
		ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
		ASSERT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
			TH_LOG("%s: error %u", bc, err);
		fill++;
	}
	ASSERT_EQ(0, empty_slots(self->fd, &self->l));

	/* one more in a port: nowhere to put it */
	ASSERT_EQ(0, knob_insert("FULXXXL6", self->port_addr[1]));
	ASSERT_EQ(0, inject(self->fd, &self->l.lib, NULL, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EXFULL, err);
	ASSERT_EQ(0, wait_media(self->fd, &self->l, "FULXXXL6",
				NTMS_TYPE_IEPORT, &req, &oi));

	/* the cartridge in the drive has no slot to go to */
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_FAILED, nq_ended(self->fd, &req, &err));
	EXPECT_EQ(EXFULL, err);
	ASSERT_EQ(0, nq_info(self->fd, &m, NTMS_TYPE_PHYSICAL_MEDIA, &oi));
	EXPECT_EQ(NTMS_TYPE_DRIVE, oi.u.media.location_type);

	/* put things back: the extra cartridges leave, the drive empties */
	EXPECT_EQ(0, knob_remove(self->port_addr[1]));
	EXPECT_EQ(0, wait_media(self->fd, &self->l, "FULXXXL6", 0, &req,
				&oi));
	for (i = 0; i < fill; i++) {
		snprintf(bc, sizeof(bc), "FUL%03dL6", i);
		ASSERT_EQ(0, find_media(self->fd, &self->l, bc, &g, &oi));
		EXPECT_EQ(0, eject_remove(self->fd, &self->l, &g, bc))
			TH_LOG("%s", bc);
	}
	ASSERT_EQ(0, nq_dismount_media(self->fd, &m, 1, 0, &req));
	EXPECT_EQ(NTMS_REQ_PASSED, nq_ended(self->fd, &req, &err))
		TH_LOG("error %u", err);
}

TEST_HARNESS_MAIN
