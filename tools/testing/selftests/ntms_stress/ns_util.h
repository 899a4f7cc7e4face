/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the ntms stress test and benchmarks: every online library
 * with its elements as the driver shows them, the same library as smcsim
 * shows it (debugfs "elements") and as mtx shows it, a PRNG. The ioctl
 * wrappers are nq_util.h's.
 */
#ifndef NS_UTIL_H
#define NS_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/ntms.h>

#include "test_util.h"
#include "nq_util.h"

#define NS_DEV		"/dev/ntms"
#define NS_DBG		"/sys/kernel/debug/smcsim"
#define NS_MAX_LIBS	4
#define NS_MAX_EL	128
#define NS_BC_LEN	NTMS_BARCODE_LEN

/* one element: where a barcode can be */
struct ns_el {
	struct ntms_guid id;
	uint32_t type;			/* NTMS_TYPE_DRIVE/_STORAGESLOT/_IEPORT */
	uint32_t addr;
	char tape[NTMS_DEVNAME_LEN];	/* a drive's "nst0", or "" */
};

/* one online library, as the driver describes it when found */
struct ns_lib {
	struct ntms_guid lib;
	int sim;			/* smcsim library number (libN) */
	char sg[48];			/* "/dev/sgN" of the changer */
	char sysfs[160];		/* /sys/bus/scsi/devices/H:C:T:L */
	uint32_t nr_drives, nr_slots, nr_ports;
	struct ns_el drives[NS_MAX_EL];
	struct ns_el slots[NS_MAX_EL];
	struct ns_el ports[NS_MAX_EL];
	uint32_t nr_media;
	struct ntms_guid media[NS_MAX_EL];
};

/* where a barcode is, in one view */
struct ns_loc {
	char bc[NS_BC_LEN];
	int lib;			/* index in the array of libraries */
	char kind;			/* 'd' drive, 's' slot, 'i' port */
	uint32_t idx;			/* from 0, in address order */
};

/* splitmix64: small, good enough, and the same everywhere */
static inline uint64_t ns_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* a number in [0, n) */
static inline uint32_t ns_below(uint64_t *s, uint32_t n)
{
	return n ? ns_rand(s) % n : 0;
}

static inline uint64_t ns_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* writes @s to /sys/kernel/debug/smcsim/lib@sim/@knob: 0 or -errno */
static inline int ns_knob(int sim, const char *knob, const char *s)
{
	char path[128];

	snprintf(path, sizeof(path), NS_DBG "/lib%d/%s", sim, knob);
	return tu_write_file(path, s);
}

static inline int ns_elements(int fd, const struct ntms_guid *lib,
			      uint32_t type, struct ns_el *el, uint32_t *nr)
{
	struct ntms_guid list[NS_MAX_EL];
	struct ntms_object_info oi;
	int n, i;

	n = nq_enum(fd, type, lib, list, NS_MAX_EL);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (nq_info(fd, &list[i], type, &oi))
			return -EIO;
		el[i].id = list[i];
		el[i].type = type;
		el[i].addr = type == NTMS_TYPE_DRIVE ? oi.u.drive.address :
			     type == NTMS_TYPE_IEPORT ? oi.u.ieport.address :
			     oi.u.slot.address;
		if (type == NTMS_TYPE_DRIVE)
			memcpy(el[i].tape, oi.u.drive.tape_name,
			       sizeof(el[i].tape));
	}
	*nr = n;
	return 0;
}

/*
 * Waits (up to @secs) until @want online, ready libraries exist, then
 * describes up to NS_MAX_LIBS of them in @l, ordered by smcsim number.
 * Returns the number found or -errno.
 */
static inline int ns_libs_find(int fd, struct ns_lib *l, int want, int secs)
{
	struct ntms_guid list[32], changer;
	struct ntms_object_info oi;
	struct ntms_scsi_address *a;
	int n, i, k, t, found = 0;
	struct ns_lib tmp;

	for (t = 0; t < secs * 10; t++) {
		found = 0;
		n = nq_enum(fd, NTMS_TYPE_LIBRARY, NULL, list, 32);
		for (i = 0; i < n; i++)
			if (!nq_info(fd, &list[i], NTMS_TYPE_LIBRARY, &oi) &&
			    oi.u.library.library_type ==
			    NTMS_LIBRARY_TYPE_ONLINE &&
			    oi.op_state == NTMS_OPSTATE_READY)
				found++;
		if (found >= want)
			break;
		usleep(100000);
	}
	if (found < want)
		return -ENOENT;
	found = 0;
	for (i = 0; i < n && found < NS_MAX_LIBS; i++) {
		struct ns_lib *p = &l[found];
		unsigned int sim;

		if (nq_info(fd, &list[i], NTMS_TYPE_LIBRARY, &oi) ||
		    oi.u.library.library_type != NTMS_LIBRARY_TYPE_ONLINE)
			continue;
		memset(p, 0, sizeof(*p));
		p->lib = list[i];
		if (sscanf(oi.u.library.serial, "SMC%2uLIB", &sim) != 1)
			continue;
		p->sim = sim;
		changer = oi.u.library.changer;
		if (nq_info(fd, &changer, NTMS_TYPE_CHANGER, &oi))
			return -EIO;
		snprintf(p->sg, sizeof(p->sg), "/dev/%s", oi.u.changer.sg_name);
		a = &oi.u.changer.scsi;
		snprintf(p->sysfs, sizeof(p->sysfs),
			 "/sys/bus/scsi/devices/%u:%u:%u:%llu", a->host,
			 a->channel, a->target, (unsigned long long)a->lun);
		if (ns_elements(fd, &p->lib, NTMS_TYPE_DRIVE, p->drives,
				&p->nr_drives) ||
		    ns_elements(fd, &p->lib, NTMS_TYPE_STORAGESLOT, p->slots,
				&p->nr_slots) ||
		    ns_elements(fd, &p->lib, NTMS_TYPE_IEPORT, p->ports,
				&p->nr_ports))
			return -EIO;
		k = nq_enum(fd, NTMS_TYPE_PHYSICAL_MEDIA, &p->lib, p->media,
			    NS_MAX_EL);
		if (k < 0)
			return k;
		p->nr_media = k;
		found++;
	}
	/* smcsim order: lib0 first */
	for (i = 0; i < found; i++)
		for (k = i + 1; k < found; k++)
			if (l[k].sim < l[i].sim) {
				tmp = l[i];
				l[i] = l[k];
				l[k] = tmp;
			}
	return found;
}

/*
 * The barcodes of library @li as smcsim holds them (debugfs "elements"),
 * appended to @loc (from *@n, at most @max). Returns 0 or -errno.
 */
static inline int ns_sim_view(const struct ns_lib *l, int li,
			      struct ns_loc *loc, int *n, int max)
{
	static char buf[1 << 16];
	uint32_t idx[128] = { 0 };
	char path[128], *line, *save;
	char type[8], full[8], bc[NS_BC_LEN];
	unsigned int addr;
	int ret;

	snprintf(path, sizeof(path), NS_DBG "/lib%d/elements", l->sim);
	ret = tu_read_file(path, buf, sizeof(buf));
	if (ret)
		return ret;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%7s %u %7s %63s", type, &addr, full, bc) != 4)
			return -EINVAL;
		if (type[0] == 'm')
			continue;
		if (!strcmp(full, "full")) {
			if (*n >= max)
				return -ENOSPC;
			snprintf(loc[*n].bc, NS_BC_LEN, "%.63s", bc);
			loc[*n].lib = li;
			loc[*n].kind = type[0] == 's' ? 's' :
				       type[0] == 'i' ? 'i' : 'd';
			loc[*n].idx = idx[(unsigned char)type[0]];
			(*n)++;
		}
		idx[(unsigned char)type[0]]++;
	}
	return 0;
}

/* the barcodes of library @li as the driver holds them, appended to @loc */
static inline int ns_drv_view(int fd, const struct ns_lib *l, int li,
			      struct ns_loc *loc, int *n, int max)
{
	const struct ns_el *el;
	char bc[NS_BC_LEN];
	uint32_t k, total = l->nr_drives + l->nr_slots + l->nr_ports;
	int ret;

	for (k = 0; k < total; k++) {
		uint32_t idx = k;
		char kind = 'd';

		el = &l->drives[idx];
		if (idx >= l->nr_drives) {
			idx -= l->nr_drives;
			kind = 's';
			el = &l->slots[idx];
			if (idx >= l->nr_slots) {
				idx -= l->nr_slots;
				kind = 'i';
				el = &l->ports[idx];
			}
		}
		ret = nq_elem_barcode(fd, &el->id, el->type, bc, sizeof(bc));
		if (ret)
			return ret;
		if (!bc[0])
			continue;
		if (*n >= max)
			return -ENOSPC;
		snprintf(loc[*n].bc, NS_BC_LEN, "%.63s", bc);
		loc[*n].lib = li;
		loc[*n].kind = kind;
		loc[*n].idx = idx;
		(*n)++;
	}
	return 0;
}

/*
 * The barcodes of library @li as `mtx status` shows them: "Data Transfer
 * Element N:Full (Storage Element S Loaded):VolumeTag = BC" and
 * "Storage Element N[ IMPORT/EXPORT]:Full :VolumeTag=BC"; mtx numbers
 * storage elements from 1, the mail slots after the slots.
 */
static inline int ns_mtx_view(const struct ns_lib *l, int li,
			      struct ns_loc *loc, int *n, int max)
{
	static char out[1 << 16];
	char cmd[128], *line, *save, *v;
	unsigned int num;
	int j;

	snprintf(cmd, sizeof(cmd), "mtx -f %s status 2>&1", l->sg);
	if (tu_run(cmd, out, sizeof(out)))
		return -EIO;
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char kind;

		while (*line == ' ')
			line++;
		if (sscanf(line, "Data Transfer Element %u:", &num) == 1) {
			kind = 'd';
		} else if (sscanf(line, "Storage Element %u", &num) == 1 &&
			   num >= 1) {
			kind = 's';
			num--;
			if (num >= l->nr_slots) {
				kind = 'i';
				num -= l->nr_slots;
			}
		} else {
			continue;
		}
		if (!strstr(line, ":Full"))
			continue;
		if (*n >= max)
			return -ENOSPC;
		v = strstr(line, "VolumeTag");
		loc[*n].bc[0] = '?';
		loc[*n].bc[1] = '\0';
		if (v && strchr(v, '=')) {
			v = strchr(v, '=') + 1;
			while (*v == ' ')
				v++;
			for (j = 0; v[j] && v[j] != ' ' && j < NS_BC_LEN - 1; j++)
				loc[*n].bc[j] = v[j];
			loc[*n].bc[j] = '\0';
		}
		loc[*n].lib = li;
		loc[*n].kind = kind;
		loc[*n].idx = num;
		(*n)++;
	}
	return 0;
}

static inline int ns_loc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ns_loc *)a)->bc,
		      ((const struct ns_loc *)b)->bc);
}

/*
 * Compares two views sorted by barcode: 0, or -1 with @why filled. A
 * barcode twice in one view is an error too.
 */
static inline int ns_views_equal(struct ns_loc *a, int na, const char *an,
				 struct ns_loc *b, int nb, const char *bn,
				 char *why, size_t wlen)
{
	int i;

	qsort(a, na, sizeof(*a), ns_loc_cmp);
	qsort(b, nb, sizeof(*b), ns_loc_cmp);
	for (i = 0; i + 1 < na; i++)
		if (!strcmp(a[i].bc, a[i + 1].bc)) {
			snprintf(why, wlen, "%s: %.63s in two places", an, a[i].bc);
			return -1;
		}
	for (i = 0; i < na && i < nb; i++)
		if (strcmp(a[i].bc, b[i].bc) || a[i].lib != b[i].lib ||
		    a[i].kind != b[i].kind || a[i].idx != b[i].idx) {
			snprintf(why, wlen,
				 "%s has %.63s in lib %d %c%u, %s has %.63s in lib %d %c%u",
				 an, a[i].bc, a[i].lib, a[i].kind, a[i].idx,
				 bn, b[i].bc, b[i].lib, b[i].kind, b[i].idx);
			return -1;
		}
	if (na != nb) {
		snprintf(why, wlen, "%s shows %d cartridges, %s %d", an, na,
			 bn, nb);
		return -1;
	}
	return 0;
}

static inline int ns_env(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

/* every pending request of @l ends (cancelled if not started): 0 or -1 */
static inline int ns_drain(int fd, struct ns_lib *l, char *why, size_t wlen)
{
	static struct ntms_guid list[2048];
	struct ntms_object_info oi;
	struct ntms_request_wait w;
	int n, i, t, pending;

	for (t = 0; t < 120; t++) {
		n = nq_enum(fd, NTMS_TYPE_LIBREQUEST, &l->lib, list, 2048);
		if (n < 0) {
			snprintf(why, wlen, "enumerate requests: %d", n);
			return -1;
		}
		pending = 0;
		for (i = 0; i < n; i++) {
			if (nq_info(fd, &list[i], NTMS_TYPE_LIBREQUEST, &oi))
				continue;	/* evicted meanwhile */
			switch (oi.u.request.state) {
			case NTMS_REQ_QUEUED:
			case NTMS_REQ_WAITING:
				pending++;
				nq_cancel(fd, &list[i]);
				break;
			case NTMS_REQ_INPROCESS:
				pending++;
				nq_wait(fd, &list[i], 1000, &w);
				break;
			}
		}
		if (!pending)
			return 0;
		usleep(250000);
	}
	snprintf(why, wlen, "library %d: requests still pending after 30 s",
		 l->sim);
	return -1;
}

/* queues @action on @l and waits: the request's state, or -errno */
static inline int ns_inventory_wait(int fd, struct ns_lib *l, uint32_t action,
			     uint32_t *error)
{
	struct ntms_request_wait w;
	struct ntms_guid req;
	int ret;

	ret = nq_inventory(fd, &l->lib, action, &req);
	if (ret)
		return ret;
	ret = nq_wait(fd, &req, 120000, &w);
	if (ret)
		return ret;
	*error = w.error;
	return w.state;
}

/*
 * A cleaner for library @l: its first empty slot reserved (its element
 * address in @slot_addr, if not NULL), a cleaning cartridge CLNnnnL1
 * (@n) put in a mail slot by the operator and injected into it with 50
 * cleanings; smcsim's drives clean for @clean_ms. 0 or a negative errno.
 */
static inline int ns_cleaner_setup(int fd, struct ns_lib *l, int n,
				   const char *clean_ms, uint32_t *slot_addr)
{
	struct ntms_cleaner_slot cs;
	struct ntms_cleaner_port cp;
	struct ntms_object_info oi;
	struct ntms_request_wait w;
	char bc[16];
	uint32_t j;

	for (j = 0; j < l->nr_slots; j++)
		if (!nq_info(fd, &l->slots[j].id, NTMS_TYPE_STORAGESLOT, &oi) &&
		    nq_guid_zero(&oi.u.slot.media))
			break;
	if (j == l->nr_slots)
		return -ENOSPC;
	memset(&cs, 0, sizeof(cs));
	cs.library = l->lib;
	cs.slot = l->slots[j].id;
	if (ioctl(fd, NTMS_IOC_CLEANER_SLOT, &cs))
		return -errno;
	if (slot_addr)
		*slot_addr = l->slots[j].addr;
	snprintf(bc, sizeof(bc), "CLN%03dL1", n % 1000);
	if (ns_knob(l->sim, "clean_ms", clean_ms) ||
	    ns_knob(l->sim, "insert", bc))
		return -EIO;
	memset(&cp, 0, sizeof(cp));
	cp.library = l->lib;
	cp.cleans_left = 50;
	if (ioctl(fd, NTMS_IOC_CLEANER_PORT, &cp))
		return -errno;
	if (nq_wait(fd, &cp.request, 60000, &w))
		return -ETIMEDOUT;
	return w.state == NTMS_REQ_PASSED ? 0 : -(int)w.error;
}

#endif /* NS_UTIL_H */
