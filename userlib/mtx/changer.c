// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A library as mtx numbers it (storage slots from 1 in address order, then
 * the import/export elements; drives from 0), read from the ntms driver's
 * model through /dev/ntms, and moves queued there.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changer.h"

#define CHG_DEV		"/dev/ntms"
#define CHG_MAX_LIBS	64

static int chg_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static int chg_info(int fd, const struct ntms_guid *id, uint32_t type,
		    struct ntms_object_info *oi)
{
	struct ntms_guid g = *id;	/* @id may be inside @oi */

	memset(oi, 0, sizeof(*oi));
	oi->id = g;
	oi->type = type;
	return chg_ioctl(fd, NTMS_IOC_GET_INFO, oi);
}

/* the GUIDs of @type in @lib (NULL: all); a malloc'ed list, or NULL */
static struct ntms_guid *chg_enum(int fd, const struct ntms_guid *lib,
				  uint32_t type, uint32_t *n)
{
	struct ntms_enumerate en;
	struct ntms_guid *list = NULL;

	for (;;) {
		memset(&en, 0, sizeof(en));
		en.type = type;
		if (lib) {
			en.container = *lib;
			en.flags = NTMS_ENUMERATE_F_CONTAINER;
		}
		en.count = *n;
		en.list = (uintptr_t)list;
		if (!ioctl(fd, NTMS_IOC_ENUMERATE, &en)) {
			*n = en.count;
			return list ? list : calloc(1, sizeof(*list));
		}
		free(list);
		if (errno != EOVERFLOW)
			return NULL;
		/* the count needed; objects may come meanwhile */
		*n = en.count + 16;
		list = calloc(*n, sizeof(*list));
		if (!list)
			return NULL;
	}
}

static void chg_guid_str(const struct ntms_guid *g, char *s)
{
	static const int dash[] = { 4, 6, 8, 10 };
	int i, j = 0, k = 0;

	for (i = 0; i < 16; i++) {
		if (k < 4 && i == dash[k]) {
			s[j++] = '-';
			k++;
		}
		j += sprintf(s + j, "%02x", g->b[i]);
	}
}

/* does @name name library @oi (ntms0, its GUID, its serial)? */
static bool chg_lib_named(const struct ntms_object_info *oi, const char *name)
{
	char g[40];

	chg_guid_str(&oi->id, g);
	if (*name == '{' && strlen(name) == 38 && name[37] == '}' &&
	    !strncasecmp(name + 1, g, 36))
		return true;
	return !strcmp(oi->name, name) || !strcasecmp(g, name) ||
	       (oi->u.library.serial[0] && !strcmp(oi->u.library.serial, name));
}

/* the library whose changer is sg device @sg, or that holds tape @tape */
static bool chg_lib_has_dev(int fd, const struct ntms_object_info *lo,
			    const char *dev)
{
	struct ntms_object_info oi;
	struct ntms_guid *d;
	uint32_t n = 0, i;
	bool found = false;

	if (!chg_info(fd, &lo->u.library.changer, NTMS_TYPE_CHANGER, &oi) &&
	    oi.u.changer.sg_name[0] && !strcmp(oi.u.changer.sg_name, dev))
		return true;
	d = chg_enum(fd, &lo->id, NTMS_TYPE_DRIVE, &n);
	for (i = 0; d && i < n && !found; i++)
		found = !chg_info(fd, &d[i], NTMS_TYPE_DRIVE, &oi) &&
			oi.u.drive.tape_name[0] &&
			(!strcmp(oi.u.drive.tape_name, dev) ||
			 !strcmp(oi.u.drive.tape_name + 1, dev));
	free(d);
	return found;
}

/* copy an INQUIRY string, padded with spaces to @len as the device has it */
static void chg_pad(char *dst, const char *src, size_t len)
{
	size_t n = strnlen(src, len);

	memcpy(dst, src, n);
	memset(dst + n, ' ', len - n);
	dst[len] = '\0';
}

/**
 * chg_open() - find the library a device names
 * @device: the changer's /dev/sgN, a drive's tape device or a
 *	/dev/tape/by-ntms name, the library's name (ntms0), GUID or serial
 * @l: filled in (chg_close() it)
 * @why: on failure, mtx's message for it (with one %s: @device)
 *
 * Return: 0, or -1 with @why set.
 */
int chg_open(const char *device, struct chg_lib *l, const char **why)
{
	struct ntms_object_info oi;
	char real[PATH_MAX], *dev = NULL;
	struct ntms_guid *libs;
	uint32_t n = 0, i;
	struct stat st;
	bool path;

	memset(l, 0, sizeof(*l));
	path = !stat(device, &st);
	if (path && realpath(device, real))
		dev = strrchr(real, '/') + 1;
	l->fd = open(CHG_DEV, O_RDWR | O_CLOEXEC);
	if (l->fd < 0) {
		*why = "cannot open SCSI device '%s' - no ntms driver (" CHG_DEV
		       ")\n";
		return -1;
	}
	libs = chg_enum(l->fd, NULL, NTMS_TYPE_LIBRARY, &n);
	for (i = 0; libs && i < n; i++) {
		if (chg_info(l->fd, &libs[i], NTMS_TYPE_LIBRARY, &oi) ||
		    oi.u.library.library_type != NTMS_LIBRARY_TYPE_ONLINE ||
		    oi.op_state == NTMS_OPSTATE_NOT_PRESENT)
			continue;
		if ((dev && S_ISCHR(st.st_mode)) ?
		    chg_lib_has_dev(l->fd, &oi, dev) :
		    (!path && chg_lib_named(&oi, device))) {
			l->lib = oi.id;
			snprintf(l->name, sizeof(l->name), "%s", oi.name);
			l->barcodes = oi.u.library.flags &
				      NTMS_LIBRARY_F_BARCODE_READER;
			free(libs);
			return 0;
		}
	}
	free(libs);
	close(l->fd);
	l->fd = -1;
	if (path)
		*why = "%s is not an sg device, or old sg driver\n";
	else
		*why = "cannot open SCSI device '%s' - No such file or directory\n";
	return -1;
}

/* one element of the driver's picture, as mtx numbers and prints it */
static void chg_elem(struct chg_lib *l, const struct ntms_element_status *es,
		     struct chg_elem *e)
{
	memset(e, 0, sizeof(*e));
	e->id = es->id;
	e->addr = es->address;
	e->ie = es->type == NTMS_TYPE_IEPORT;
	e->full = es->flags & NTMS_ELEMENT_F_FULL;
	e->src_valid = es->flags & NTMS_ELEMENT_F_SOURCE_VALID;
	e->src = es->source_address;
	/*
	 * full, with a cartridge the model knows: padded as the changer
	 * sends it; a blank label is all spaces
	 */
	if (l->barcodes && e->full && (es->flags & NTMS_ELEMENT_F_MEDIA)) {
		e->has_tag = true;
		chg_pad(e->tag, es->barcode, CHG_TAG_LEN);
	}
}

/* every element, in one consistent picture; a malloc'ed array, or NULL */
static struct ntms_element_status *chg_elements(int fd,
						const struct ntms_guid *lib,
						uint32_t *n)
{
	struct ntms_element_status *list;
	struct ntms_get_elements ge;

	/* as many as the library said it has; more if it has more now */
	list = *n ? calloc(*n, sizeof(*list)) : NULL;
	if (*n && !list)
		return NULL;
	for (;;) {
		memset(&ge, 0, sizeof(ge));
		ge.library = *lib;
		ge.count = *n;
		ge.elements = (uintptr_t)list;
		if (!ioctl(fd, NTMS_IOC_GET_ELEMENTS, &ge)) {
			*n = ge.count;
			return list ? list : calloc(1, sizeof(*list));
		}
		free(list);
		if (errno != EOVERFLOW)
			return NULL;
		*n = ge.count;
		list = calloc(*n, sizeof(*list));
		if (!list)
			return NULL;
	}
}

static void chg_sources(struct chg_lib *l)
{
	uint32_t i, j, next = 0;
	struct chg_elem *d;

	for (i = 0; i < l->nr_drives; i++) {
		d = &l->drives[i];
		/* an empty drive keeps the raw address, as mtx does */
		d->source = d->full ? -1 : d->src_valid ? (int)d->src : 0;
		if (!d->full || !d->src_valid)
			continue;
		for (j = 0; j < l->nr_slots; j++)
			if (l->slots[j].addr == d->src && !l->slots[j].full)
				d->source = j;
	}
	for (i = 0; i < l->nr_drives; i++) {
		d = &l->drives[i];
		if (!d->full || d->source >= 0)
			continue;
		while (next < l->nr_storage && l->slots[next].full)
			next++;
		if (next < l->nr_storage)
			d->source = next++;
	}
}

/**
 * chg_read() - read the library from the driver's model
 * @l: an open library
 *
 * Return: 0 or a negative errno.
 */
int chg_read(struct chg_lib *l)
{
	struct ntms_element_status *es;
	struct ntms_object_info oi;
	uint32_t n, i;
	int ret;

	ret = chg_info(l->fd, &l->lib, NTMS_TYPE_LIBRARY, &oi);
	if (ret)
		return ret;
	l->barcodes = oi.u.library.flags & NTMS_LIBRARY_F_BARCODE_READER;
	n = oi.u.library.num_changers + oi.u.library.num_slots +
	    oi.u.library.num_ports + oi.u.library.num_drives;
	ret = chg_info(l->fd, &oi.u.library.changer, NTMS_TYPE_CHANGER, &oi);
	if (ret)
		return ret;
	chg_pad(l->vendor, oi.u.changer.vendor, 8);
	chg_pad(l->product, oi.u.changer.product, 16);
	chg_pad(l->revision, oi.u.changer.revision, 4);
	es = chg_elements(l->fd, &l->lib, &n);
	if (!es)
		return -errno;
	free(l->slots);
	free(l->drives);
	l->slots = calloc(n ? n : 1, sizeof(*l->slots));
	l->drives = calloc(n ? n : 1, sizeof(*l->drives));
	l->nr_storage = 0;
	l->nr_slots = 0;
	l->nr_drives = 0;
	if (!l->slots || !l->drives) {
		free(es);
		return -ENOMEM;
	}
	/* storage slots, then ports (mtx's order); then the drives */
	for (i = 0; i < n; i++)
		if (es[i].type == NTMS_TYPE_STORAGESLOT)
			chg_elem(l, &es[i], &l->slots[l->nr_slots++]);
	l->nr_storage = l->nr_slots;
	for (i = 0; i < n; i++) {
		if (es[i].type == NTMS_TYPE_IEPORT)
			chg_elem(l, &es[i], &l->slots[l->nr_slots++]);
		else if (es[i].type == NTMS_TYPE_DRIVE)
			chg_elem(l, &es[i], &l->drives[l->nr_drives++]);
	}
	free(es);
	chg_sources(l);
	return 0;
}

/**
 * chg_close() - forget a library
 * @l: the library
 */
void chg_close(struct chg_lib *l)
{
	if (l->fd >= 0)
		close(l->fd);
	free(l->slots);
	free(l->drives);
	memset(l, 0, sizeof(*l));
	l->fd = -1;
}

/**
 * chg_timeout() - how long a command waits for the library
 * @dflt: seconds, unless NTMS_MTX_TIMEOUT says otherwise
 *
 * Return: seconds.
 */
unsigned int chg_timeout(unsigned int dflt)
{
	const char *v = getenv("NTMS_MTX_TIMEOUT");

	return v && *v ? (unsigned int)strtoul(v, NULL, 10) : dflt;
}

/* wait for request @req to end: 0, its positive error, or -ETIMEDOUT */
static int chg_wait(struct chg_lib *l, const struct ntms_guid *req,
		    unsigned int timeout_s)
{
	struct ntms_request_cancel rc;
	struct ntms_request_wait w;
	int ret;

	memset(&w, 0, sizeof(w));
	w.request = *req;
	w.timeout_ms = timeout_s >= UINT32_MAX / 1000 ? NTMS_WAIT_INFINITE :
		       timeout_s * 1000;
	do {
		ret = chg_ioctl(l->fd, NTMS_IOC_REQUEST_WAIT, &w);
	} while (ret == -EINTR);
	if (ret == -ETIMEDOUT) {
		/* not started: it never will; started: it ends anyway */
		memset(&rc, 0, sizeof(rc));
		rc.request = *req;
		chg_ioctl(l->fd, NTMS_IOC_REQUEST_CANCEL, &rc);
		return -ETIMEDOUT;
	}
	if (ret)
		return ret;
	return w.state == NTMS_REQ_PASSED ? 0 : (int)w.error;
}

/**
 * chg_move() - move a cartridge between two elements, and wait
 * @l: the library
 * @src: element address of the source
 * @dst: element address of the destination
 * @dst2: with %NTMS_MOVE_F_EXCHANGE, the second destination
 * @flags: NTMS_MOVE_F_*
 * @timeout_s: how long to wait for the request
 *
 * Return: 0; a negative errno: the driver refused the move at once (the
 * state of the library decided it); a positive errno: the request was
 * queued and failed with it; -ETIMEDOUT after @timeout_s (the request is
 * cancelled if it had not started).
 */
int chg_move(struct chg_lib *l, uint32_t src, uint32_t dst, uint32_t dst2,
	     uint32_t flags, unsigned int timeout_s)
{
	struct ntms_move mv;
	int ret;

	memset(&mv, 0, sizeof(mv));
	mv.library = l->lib;
	mv.source = src;
	mv.dest = dst;
	mv.dest2 = dst2;
	mv.flags = flags;
	ret = chg_ioctl(l->fd, NTMS_IOC_MOVE, &mv);
	if (ret)
		return ret;
	return chg_wait(l, &mv.request, timeout_s);
}

/**
 * chg_inventory() - have the changer scan its elements, and read them
 * @l: the library
 * @timeout_s: how long to wait
 *
 * Return: as chg_move().
 */
int chg_inventory(struct chg_lib *l, unsigned int timeout_s)
{
	struct ntms_inventory inv;
	int ret;

	memset(&inv, 0, sizeof(inv));
	inv.library = l->lib;
	inv.action = NTMS_INVENTORY_DEFAULT;
	ret = chg_ioctl(l->fd, NTMS_IOC_INVENTORY, &inv);
	if (ret)
		return ret;
	return chg_wait(l, &inv.request, timeout_s);
}

/**
 * chg_tag_print() - an element's volume tag, for output
 * @e: the element
 * @trim: without the padding mtx keeps
 * @out: CHG_TAG_LEN + 1 bytes
 */
void chg_tag_print(const struct chg_elem *e, bool trim, char *out)
{
	size_t n;

	snprintf(out, CHG_TAG_LEN + 1, "%s", e->has_tag ? e->tag : "");
	n = strlen(out);
	while (trim && n && out[n - 1] == ' ')
		out[--n] = '\0';
}
