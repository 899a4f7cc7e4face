// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: what the database tells userspace: object information
 * (NTMS_IOC_GET_INFO) and enumeration (NTMS_IOC_ENUMERATE). Works on
 * kernel copies only; the character device copies from and to user
 * memory.
 */

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "ntms_call.h"
#include "ntms_request.h"

static void ntms_info_scsi(struct ntms_scsi_address *a,
			   struct scsi_device *sdev)
{
	if (!sdev)
		return;
	a->host = sdev->host->host_no;
	a->channel = sdev->channel;
	a->target = sdev->id;
	a->lun = sdev->lun;
}

static void ntms_info_library(struct ntms_session *s, struct ntms_library *lib,
			      struct ntms_object_info *oi)
{
	struct ntms_library_info *li = &oi->u.library;
	const struct ntms_smc_geometry *g = &lib->geo;
	struct ntms_element *el;

	li->library_type = lib->lib_type;
	if (lib->lib_type == NTMS_LIBRARY_TYPE_ONLINE) {
		li->flags |= READ_ONCE(lib->smc.no_voltag) ? 0 :
			     NTMS_LIBRARY_F_BARCODE_READER;
		li->flags |= READ_ONCE(lib->smc.no_dvcid) ? 0 :
			     NTMS_LIBRARY_F_DVCID;
		li->inventory_method = NTMS_INVENTORY_FAST;
		li->first_changer = g->first[NTMS_SMC_ET_MT];
		li->first_slot = g->first[NTMS_SMC_ET_ST];
		li->first_port = g->first[NTMS_SMC_ET_IE];
		li->first_drive = g->first[NTMS_SMC_ET_DT];
		if (lib->nr_changers)
			li->changer = lib->changers[0].obj.guid;
	}
	if (lib->damaged)
		li->flags |= NTMS_LIBRARY_F_DAMAGED;
	if (lib->cleaner_set) {
		el = ntms_library_find_element_locked(lib, lib->cleaner_addr);
		li->flags |= NTMS_LIBRARY_F_CLEANER_SLOT;
		if (el)
			li->cleaner_slot = el->obj.guid;
		if (ntms_clean_auto_locked(lib))
			li->flags |= NTMS_LIBRARY_F_AUTO_CLEAN;
		if (el && el->media &&
		    (el->media->mflags & NTMS_MEDIA_CLEANS_KNOWN)) {
			li->flags |= NTMS_LIBRARY_F_CLEANER_USES;
			li->cleaner_uses = el->media->cleans_left;
		}
	}
	li->access = ntms_session_access(s, lib);
	li->num_drives = lib->nr_drives;
	li->num_slots = lib->nr_slots;
	li->num_ports = lib->nr_ports;
	li->num_changers = lib->nr_changers;
	li->num_media = lib->nr_media;
	li->num_requests = lib->nr_pending;
	strscpy(li->serial, lib->serial, sizeof(li->serial));
	snprintf(oi->name, sizeof(oi->name), "ntms%u", lib->index);
	snprintf(oi->description, sizeof(oi->description), "%s %s %s%s",
		 lib->vendor, lib->product, lib->serial,
		 lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE ?
		 " (standalone drive)" : "");
}

static void ntms_info_changer(struct ntms_element *el,
			      struct ntms_object_info *oi)
{
	struct ntms_changer_info *ci = &oi->u.changer;
	struct ntms_library *lib = el->obj.lib;
	char tape[NTMS_DEVNAME_LEN];

	ci->number = ntms_element_number(el);
	ci->address = el->addr;
	ci->library = lib->obj.guid;
	ntms_info_scsi(&ci->scsi, lib->sdev);
	strscpy(ci->serial, lib->serial, sizeof(ci->serial));
	strscpy(ci->vendor, lib->vendor, sizeof(ci->vendor));
	strscpy(ci->product, lib->product, sizeof(ci->product));
	strscpy(ci->revision, lib->revision, sizeof(ci->revision));
	ntms_tape_devnames(lib->sdev, tape, ci->sg_name, sizeof(ci->sg_name));
	snprintf(oi->name, sizeof(oi->name), "changer %u", ntms_element_number(el));
}

static void ntms_info_drive(struct ntms_drive *d, struct ntms_object_info *oi)
{
	struct ntms_drive_info *di = &oi->u.drive;
	struct ntms_library *lib = d->el.obj.lib;
	struct scsi_device *tsdev = d->tape ? d->tape->sdev : NULL;

	di->number = ntms_element_number(&d->el);
	di->address = d->el.addr;
	di->state = d->state;
	di->mount_count = d->mount_count;
	di->library = lib->obj.guid;
	if (lib->lib_type == NTMS_LIBRARY_TYPE_STANDALONE)
		di->flags |= NTMS_DRIVE_F_STANDALONE;
	if (d->el.flags & NTMS_SMC_EF_FULL)
		di->flags |= NTMS_DRIVE_F_FULL;
	if (d->el.flags & NTMS_SMC_EF_EXCEPT) {
		di->flags |= NTMS_DRIVE_F_EXCEPT;
		di->asc = d->el.asc;
		di->ascq = d->el.ascq;
	}
	if (d->el.flags & NTMS_SMC_EF_ACCESS)
		di->flags |= NTMS_DRIVE_F_ACCESS;
	if (d->el.svalid) {
		di->flags |= NTMS_DRIVE_F_SOURCE_VALID;
		di->source_address = d->el.src;
	}
	if (ntms_drive_opened_locked(d))
		di->flags |= NTMS_DRIVE_F_OPENED;
	if (d->el.media)
		di->media = d->el.media->obj.guid;
	if (d->cleaned_ns) {
		di->flags |= NTMS_DRIVE_F_CLEANED;
		di->cleaned_ns = d->cleaned_ns;
	}
	di->cleanings = d->cleanings;
	di->tapealert = d->tapealert;
	if (ntms_clean_needed(d->tapealert))
		di->flags |= NTMS_DRIVE_F_NEEDS_CLEANING;
	strscpy(di->serial, d->serial, sizeof(di->serial));
	if (tsdev) {
		di->flags |= NTMS_DRIVE_F_MAPPED;
		di->match = d->tape->match;
		ntms_info_scsi(&di->scsi, tsdev);
		ntms_copy_inquiry(di->vendor, sizeof(di->vendor),
				  tsdev->vendor, 8);
		ntms_copy_inquiry(di->product, sizeof(di->product),
				  tsdev->model, 16);
		ntms_copy_inquiry(di->revision, sizeof(di->revision),
				  tsdev->rev, 4);
		ntms_tape_devnames(tsdev, di->tape_name, di->sg_name,
				   sizeof(di->tape_name));
	}
	snprintf(oi->name, sizeof(oi->name), "drive %u", ntms_element_number(&d->el));
	snprintf(oi->description, sizeof(oi->description), "%s %s %s",
		 di->vendor, di->product, d->serial);
}

static void ntms_info_slot(struct ntms_element *el,
			   struct ntms_object_info *oi)
{
	struct ntms_slot_info *si = &oi->u.slot;

	si->number = ntms_element_number(el);
	si->address = el->addr;
	si->library = el->obj.lib->obj.guid;
	if (!el->known)
		si->state = NTMS_SLOT_STATE_NEEDSINVENTORY;
	else if (el->flags & NTMS_SMC_EF_FULL)
		si->state = NTMS_SLOT_STATE_FULL;
	else
		si->state = NTMS_SLOT_STATE_EMPTY;
	if (el->media)
		si->media = el->media->obj.guid;
	snprintf(oi->name, sizeof(oi->name), "slot %u", ntms_element_number(el));
}

static void ntms_info_ieport(struct ntms_element *el,
			     struct ntms_object_info *oi)
{
	struct ntms_ieport_info *pi = &oi->u.ieport;

	pi->number = ntms_element_number(el);
	pi->address = el->addr;
	pi->library = el->obj.lib->obj.guid;
	if (!el->known)
		pi->content = NTMS_PORT_CONTENT_UNKNOWN;
	else if (el->flags & NTMS_SMC_EF_FULL)
		pi->content = NTMS_PORT_CONTENT_FULL;
	else
		pi->content = NTMS_PORT_CONTENT_EMPTY;
	/* SMC has no position: ACCESS means the robot side is reachable */
	pi->position = !el->known ? NTMS_PORT_POSITION_UNKNOWN :
		       (el->flags & NTMS_SMC_EF_ACCESS) ?
		       NTMS_PORT_POSITION_RETRACTED :
		       NTMS_PORT_POSITION_EXTENDED;
	pi->flags |= (el->flags & NTMS_SMC_EF_IMPEXP) ? NTMS_IEPORT_F_IMPEXP : 0;
	pi->flags |= (el->flags & NTMS_SMC_EF_INENAB) ? NTMS_IEPORT_F_INENAB : 0;
	pi->flags |= (el->flags & NTMS_SMC_EF_EXENAB) ? NTMS_IEPORT_F_EXENAB : 0;
	pi->flags |= (el->flags & NTMS_SMC_EF_ACCESS) ? NTMS_IEPORT_F_ACCESS : 0;
	if (el->media)
		pi->media = el->media->obj.guid;
	snprintf(oi->name, sizeof(oi->name), "port %u", ntms_element_number(el));
}

static void ntms_info_media(struct ntms_media *m, struct ntms_object_info *oi)
{
	struct ntms_media_info *mi = &oi->u.media;
	struct ntms_library *lib = m->obj.lib;
	struct ntms_element *home;

	mi->library = lib->obj.guid;
	if (m->loc) {
		mi->location = m->loc->obj.guid;
		mi->location_type = m->loc->obj.type;
		mi->location_address = m->loc->addr;
	}
	if (m->mflags & NTMS_MEDIA_HOME_VALID) {
		mi->flags |= NTMS_MEDIA_F_HOME_VALID;
		home = ntms_library_find_element_locked(lib, m->home_addr);
		if (home)
			mi->home = home->obj.guid;
	}
	if (m->mflags & NTMS_MEDIA_OFFLINE)
		mi->flags |= NTMS_MEDIA_F_OFFLINE;
	if (m->mflags & NTMS_MEDIA_CLEANER)
		mi->flags |= NTMS_MEDIA_F_CLEANER;
	if (m->mflags & NTMS_MEDIA_CLEANS_KNOWN) {
		mi->flags |= NTMS_MEDIA_F_CLEANS_KNOWN;
		mi->cleans_left = m->cleans_left;
	}
	mi->state = m->state;
	if (m->mflags & NTMS_MEDIA_NO_BARCODE) {
		mi->flags |= NTMS_MEDIA_F_NO_BARCODE;
		mi->barcode_state = NTMS_BARCODE_STATE_UNREADABLE;
	} else {
		mi->barcode_state = NTMS_BARCODE_STATE_OK;
	}
	strscpy(mi->barcode, m->barcode, sizeof(mi->barcode));
	oi->created_ns = m->created_ns;
	oi->modified_ns = m->modified_ns;
	if (m->barcode[0])
		strscpy(oi->name, m->barcode, sizeof(oi->name));
	else
		snprintf(oi->name, sizeof(oi->name), "no barcode, home %u",
			 m->home_addr);
}

static u32 ntms_info_op_state(struct ntms_object *obj)
{
	struct ntms_library *lib = obj->lib;
	struct ntms_media *m;

	if (obj->type == NTMS_TYPE_PHYSICAL_MEDIA) {
		m = container_of(obj, struct ntms_media, obj);
		if (m->mflags & NTMS_MEDIA_OFFLINE)
			return NTMS_OPSTATE_NOT_PRESENT;
	}
	if (obj->type == NTMS_TYPE_DRIVE &&
	    lib->lib_type == NTMS_LIBRARY_TYPE_ONLINE &&
	    lib->op_state == NTMS_OPSTATE_READY &&
	    !container_of(obj, struct ntms_drive, el.obj)->tape)
		return NTMS_OPSTATE_NEEDS_SERVICE;	/* no tape device */
	return lib->op_state;
}

/* the part of @oi every object has, and the part of its type */
static int ntms_info_fill_locked(struct ntms_session *s,
				 struct ntms_object *obj,
				 struct ntms_object_info *oi)
{
	struct ntms_library *lib = obj->lib;

	memset(&oi->u, 0, sizeof(oi->u));
	oi->type = obj->type;
	oi->enabled = obj->enabled;
	oi->op_state = ntms_info_op_state(obj);
	oi->created_ns = lib->created_ns;
	oi->modified_ns = lib->modified_ns;
	switch (obj->type) {
	case NTMS_TYPE_LIBRARY:
		ntms_info_library(s, lib, oi);
		return 0;
	case NTMS_TYPE_CHANGER:
		ntms_info_changer(container_of(obj, struct ntms_element, obj),
				  oi);
		return 0;
	case NTMS_TYPE_DRIVE:
		ntms_info_drive(container_of(obj, struct ntms_drive, el.obj),
				oi);
		return 0;
	case NTMS_TYPE_STORAGESLOT:
		ntms_info_slot(container_of(obj, struct ntms_element, obj), oi);
		return 0;
	case NTMS_TYPE_IEPORT:
		ntms_info_ieport(container_of(obj, struct ntms_element, obj),
				 oi);
		return 0;
	case NTMS_TYPE_PHYSICAL_MEDIA:
		ntms_info_media(container_of(obj, struct ntms_media, obj), oi);
		return 0;
	case NTMS_TYPE_LIBREQUEST:
		ntms_request_info_locked(container_of(obj, struct ntms_request,
						      obj), oi);
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* an operator request, which no library holds (ntms_opreq.c) */
static int ntms_info_get_opreq(struct ntms_object_info *oi)
{
	u32 type = oi->type;
	int ret;

	ret = ntms_opreq_get_info(oi);
	if (ret)
		return ret;
	if (type != NTMS_TYPE_UNKNOWN && type != NTMS_TYPE_OPREQUEST)
		return -EINVAL;
	oi->type = NTMS_TYPE_OPREQUEST;
	return 0;
}

/**
 * ntms_info_get_ioctl() - NTMS_IOC_GET_INFO
 * @s: the asking session (for the access mask)
 * @c: the call; @c->arg is a &struct ntms_object_info: in, its @id and
 *	@type; out, the rest
 *
 * Objects of a library whose changer is gone are still described, with
 * operational state NOT_PRESENT.
 *
 * Context: process context.
 * Return: 0; -EINVAL (a type that does not exist, or not the object's);
 * -ENOENT no such object; -EOPNOTSUPP for a type this driver does not
 * describe.
 */
int ntms_info_get_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_object_info *oi = c->arg;
	struct ntms_request *req;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	/* a known type, or UNKNOWN for any */
	if (oi->type >= NTMS_TYPE_MAX)
		return -EINVAL;
	/* requests are held by reference, everything else by its library */
	req = NULL;
	obj = ntms_object_lock(&oi->id, &lib);
	if (!obj) {
		req = ntms_request_get(&oi->id);
		if (!req)
			return ntms_info_get_opreq(oi);
		obj = &req->obj;
		lib = obj->lib;
		mutex_lock(&lib->lock);
	}
	ret = -EINVAL;
	if (oi->type == NTMS_TYPE_UNKNOWN || oi->type == obj->type)
		ret = ntms_info_fill_locked(s, obj, oi);
	if (req) {
		mutex_unlock(&lib->lock);
		ntms_request_put(req);
	} else {
		ntms_library_unlock_put(lib);
	}
	return ret;
}

/* append the GUIDs of @lib's objects of @type; count only if @out NULL */
static u32 ntms_enum_library(struct ntms_library *lib, u32 type,
			     struct ntms_guid *out, u32 n)
{
	struct ntms_media *m;
	u32 i, c = 0;

#define NTMS_EMIT(g) do { if (out) out[n + c] = (g); c++; } while (0)
	switch (type) {
	case NTMS_TYPE_LIBRARY:
		NTMS_EMIT(lib->obj.guid);
		break;
	case NTMS_TYPE_CHANGER:
		for (i = 0; i < lib->nr_changers; i++)
			NTMS_EMIT(lib->changers[i].obj.guid);
		break;
	case NTMS_TYPE_DRIVE:
		for (i = 0; i < lib->nr_drives; i++)
			NTMS_EMIT(lib->drives[i].el.obj.guid);
		break;
	case NTMS_TYPE_STORAGESLOT:
		for (i = 0; i < lib->nr_slots; i++)
			NTMS_EMIT(lib->slots[i].obj.guid);
		break;
	case NTMS_TYPE_IEPORT:
		for (i = 0; i < lib->nr_ports; i++)
			NTMS_EMIT(lib->ports[i].obj.guid);
		break;
	case NTMS_TYPE_PHYSICAL_MEDIA:
		list_for_each_entry(m, &lib->media, node)
			NTMS_EMIT(m->obj.guid);
		break;
	case NTMS_TYPE_LIBREQUEST:
		mutex_lock(&ntms_db.lock);
		c = ntms_request_enum_locked(lib, out, n);
		mutex_unlock(&ntms_db.lock);
		break;
	}
#undef NTMS_EMIT
	return c;
}

/**
 * struct ntms_enum_buf - GUIDs collected by an enumeration
 * @list: kvmalloc'ed array
 * @size: its capacity
 * @n: entries used
 */
struct ntms_enum_buf {
	struct ntms_guid *list;
	u32 size;
	u32 n;
};

/* append @lib's objects of @type to @b; the library's lock held */
static int ntms_enum_add_locked(struct ntms_enum_buf *b,
				struct ntms_library *lib, u32 type)
{
	struct ntms_guid *list;
	u32 more = ntms_enum_library(lib, type, NULL, 0);

	if (b->n + more > b->size) {
		list = kvmalloc_array(b->n + more, sizeof(*list), GFP_KERNEL);
		if (!list)
			return -ENOMEM;
		if (b->n)
			memcpy(list, b->list, b->n * sizeof(*list));
		kvfree(b->list);
		b->list = list;
		b->size = b->n + more;
	}
	b->n += ntms_enum_library(lib, type, b->list, b->n);
	return 0;
}

/* every library's objects of @type, in creation order */
static int ntms_enum_all(struct ntms_enum_buf *b, u32 type)
{
	struct ntms_library *lib;
	int ret = 0;

	mutex_lock(&ntms_db.topo);
	list_for_each_entry(lib, &ntms_db.libraries, node) {
		mutex_lock(&lib->lock);
		ret = ntms_enum_add_locked(b, lib, type);
		mutex_unlock(&lib->lock);
		if (ret)
			break;
	}
	mutex_unlock(&ntms_db.topo);
	return ret;
}

/* the objects of @type in the library @container */
static int ntms_enum_one(struct ntms_enum_buf *b,
			 const struct ntms_guid *container, u32 type)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	obj = ntms_object_lock(container, &lib);
	if (!obj)
		return -ENOENT;
	if (obj->type != NTMS_TYPE_LIBRARY)
		ret = -EINVAL;
	else if (lib->op_state == NTMS_OPSTATE_NOT_PRESENT)
		ret = -ENODEV;
	else
		ret = ntms_enum_add_locked(b, lib, type);
	ntms_library_unlock_put(lib);
	return ret;
}

/* operator requests: all, or those of one library */
static int ntms_enum_opreq(struct ntms_enum_buf *b,
			   const struct ntms_enumerate *en)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	if (en->flags & NTMS_ENUMERATE_F_CONTAINER) {
		obj = ntms_object_lock(&en->container, &lib);
		if (!obj)
			return -ENOENT;
		ret = obj->type == NTMS_TYPE_LIBRARY ? 0 : -EINVAL;
		ntms_library_unlock_put(lib);
		if (ret)
			return ret;
		ret = ntms_opreq_enumerate(&en->container, &b->list, &b->n);
	} else {
		ret = ntms_opreq_enumerate(NULL, &b->list, &b->n);
	}
	b->size = b->n;
	return ret;
}

/**
 * ntms_info_enumerate_ioctl() - NTMS_IOC_ENUMERATE
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_enumerate
 *
 * Context: process context.
 * Return: 0; -EOVERFLOW with the needed count written back; -EINVAL,
 * -EFAULT, -ENOENT unknown container, -ENODEV its changer is gone,
 * -ENOMEM.
 */
int ntms_info_enumerate_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_enumerate *en = c->arg;
	struct ntms_enum_buf b = {};
	int ret;

	/* a real type */
	if (en->type == NTMS_TYPE_UNKNOWN || en->type >= NTMS_TYPE_MAX)
		return -EINVAL;
	/* no container: must be zero */
	if (!(en->flags & NTMS_ENUMERATE_F_CONTAINER) &&
	    memchr_inv(&en->container, 0, sizeof(en->container)))
		return -EINVAL;
	/* a list to fill needs a pointer */
	if (en->count && !en->list)
		return -EFAULT;

	if (en->type == NTMS_TYPE_OPREQUEST)
		ret = ntms_enum_opreq(&b, en);
	else if (en->flags & NTMS_ENUMERATE_F_CONTAINER)
		ret = ntms_enum_one(&b, &en->container, en->type);
	else
		ret = ntms_enum_all(&b, en->type);
	if (ret) {
		kvfree(b.list);
		return ret;
	}
	ret = b.n > en->count ? -EOVERFLOW : 0;
	en->count = b.n;
	c->write_back = true;
	if (!ret && b.n)
		return ntms_call_copy_out(c, en->list, b.list,
					  b.n * sizeof(*b.list));
	kvfree(b.list);
	return ret;
}
