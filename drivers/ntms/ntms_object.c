// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the object namespace.
 *
 * GUIDs, the GUID index, the element tables of a library and how an
 * element status read updates them.
 *
 * GUIDs are derived, never stored on disk: 128 bits of SipHash-2-4 (two
 * fixed keys) over ("ntms", object type, identity, element address), with
 * the RFC 4122 version 5-style and variant bits set. The identity is the
 * changer's (VPD 83h designator, else its VPD 80h serial) for the library
 * and its elements, the tape drive's for a standalone drive and its
 * library, and the barcode for a cartridge. The same hardware therefore
 * gets the same GUIDs after module reload, reboot and removal and re-add.
 *
 * A cartridge without a barcode (blank or unreadable label, or a changer
 * without a barcode reader) is identified by its library and its home
 * slot: the slot it is in, or for a cartridge in a drive or a mail slot
 * the source slot the changer reports (SValid), else that drive or mail
 * slot. A cartridge ejected from slot X therefore keeps the GUID of X. Such a cartridge is flagged
 * NTMS_MEDIA_F_NO_BARCODE with barcode state UNREADABLE; its GUID stays
 * the same while it stays in (or returns to) that slot, but moves made
 * behind the driver's back can give it a new GUID. It is forgotten when a
 * full read no longer sees it, whereas a cartridge with a barcode is kept
 * as offline media (NOT_PRESENT).
 */

#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/rhashtable.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ntms_internal.h"
#include "ntms_request.h"
#include "ntms_trace.h"

struct ntms_db ntms_db = {
	.topo = __MUTEX_INITIALIZER(ntms_db.topo),
	.lock = __MUTEX_INITIALIZER(ntms_db.lock),
	.libraries = LIST_HEAD_INIT(ntms_db.libraries),
	.tapes = LIST_HEAD_INIT(ntms_db.tapes),
};

/* kernel memory per slot: what a storage slot and a cartridge cost */
static_assert(sizeof(struct ntms_element) <= 56);
static_assert(sizeof(struct ntms_media) <= 128);

static const struct rhashtable_params ntms_index_params = {
	.key_len = sizeof(struct ntms_guid),
	.key_offset = offsetof(struct ntms_object, guid),
	.head_offset = offsetof(struct ntms_object, node),
	.automatic_shrinking = true,
};

static const siphash_key_t ntms_guid_key[2] = {
	{ { 0x6e746d732d677569ULL, 0x642d6b6579206f6eULL } },
	{ { 0x652f74776f2d7369ULL, 0x706861736821a5c3ULL } },
};

/**
 * ntms_now_ns() - wall clock time for the created/modified fields
 *
 * Context: any.
 * Return: nanoseconds since the epoch.
 */
u64 ntms_now_ns(void)
{
	return ktime_get_real_ns();
}

/**
 * ntms_copy_inquiry() - copy a fixed-length, space padded INQUIRY string
 * @dst: destination
 * @size: its size
 * @src: the string (not NUL terminated), may be NULL
 * @len: its length
 *
 * Context: any.
 */
void ntms_copy_inquiry(char *dst, size_t size, const char *src, size_t len)
{
	size_t n = min(len, size - 1);

	if (!src) {
		dst[0] = '\0';
		return;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	strim(dst);
}

/**
 * ntms_db_init() - set up the GUID index
 *
 * Context: module init.
 * Return: 0 or -ENOMEM.
 */
int ntms_db_init(void)
{
	return rhashtable_init(&ntms_db.index, &ntms_index_params);
}

/**
 * ntms_db_exit() - tear down the GUID index; all objects must be gone
 *
 * Context: module exit.
 */
void ntms_db_exit(void)
{
	WARN_ON(ntms_db.nr_objects);
	rhashtable_destroy(&ntms_db.index);
}

/**
 * ntms_guid_make() - derive a GUID
 * @guid: result
 * @type: &enum ntms_object_type (or a private tag)
 * @a: first identity part
 * @alen: its length
 * @b: second identity part, may be NULL
 * @blen: its length
 * @addr: element address or other number
 *
 * Context: any.
 */
void ntms_guid_make(struct ntms_guid *guid, u32 type, const void *a,
		    size_t alen, const void *b, size_t blen, u32 addr)
{
	u64 buf[(16 + NTMS_IDENT_MAX + NTMS_SMC_VOLTAG_LEN + 8) / 8];
	u8 *p = (u8 *)buf;
	size_t len = 0;
	u64 h0, h1;

	memset(buf, 0, sizeof(buf));
	alen = min_t(size_t, alen, NTMS_IDENT_MAX);
	blen = min_t(size_t, blen, NTMS_SMC_VOLTAG_LEN);
	memcpy(p, "ntms", 4);
	len += 4;
	memcpy(p + len, &type, sizeof(type));
	len += sizeof(type);
	memcpy(p + len, &addr, sizeof(addr));
	len += sizeof(addr);
	p[len++] = alen;
	memcpy(p + len, a, alen);
	len += alen;
	if (b) {
		memcpy(p + len, b, blen);
		len += blen;
	}
	h0 = siphash(buf, len, &ntms_guid_key[0]);
	h1 = siphash(buf, len, &ntms_guid_key[1]);
	memcpy(&guid->b[0], &h0, 8);
	memcpy(&guid->b[8], &h1, 8);
	guid->b[6] = (guid->b[6] & 0x0f) | 0x50;	/* name based */
	guid->b[8] = (guid->b[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
}

/**
 * ntms_object_find_locked() - look up an object by GUID
 * @guid: the GUID
 *
 * Context: &ntms_db.lock held.
 * Return: the object or NULL.
 */
struct ntms_object *ntms_object_find_locked(const struct ntms_guid *guid)
{
	ntms_db_assert_held();
	return rhashtable_lookup_fast(&ntms_db.index, guid, ntms_index_params);
}

/**
 * ntms_object_add() - put an object into the index
 * @obj: object with @obj->guid, @obj->type and @obj->lib set
 *
 * Context: process context; takes &ntms_db.lock (the object's library,
 * if it has one yet, is locked by the caller).
 * Return: 0; -ENOSPC when max_objects are indexed; -EEXIST when the GUID
 * is taken; -ENOMEM.
 */
int ntms_object_add(struct ntms_object *obj)
{
	int ret;

	mutex_lock(&ntms_db.lock);
	ret = -ENOSPC;
	if (ntms_db.nr_objects >= ntms_max_objects)
		goto out_unlock;
	ret = rhashtable_lookup_insert_fast(&ntms_db.index, &obj->node,
					    ntms_index_params);
	if (ret)
		goto out_unlock;
	obj->indexed = 1;
	ntms_db.nr_objects++;
out_unlock:
	mutex_unlock(&ntms_db.lock);
	return ret;
}

/**
 * ntms_object_del_locked() - take an object out of the index
 * @obj: the object; nothing happens if it is not indexed
 *
 * Context: &ntms_db.lock held.
 */
void ntms_object_del_locked(struct ntms_object *obj)
{
	ntms_db_assert_held();
	if (!obj->indexed)
		return;
	WARN_ON(rhashtable_remove_fast(&ntms_db.index, &obj->node,
				       ntms_index_params));
	obj->indexed = 0;
	ntms_db.nr_objects--;
}

/**
 * ntms_object_del() - take an object out of the index
 * @obj: the object; nothing happens if it is not indexed
 *
 * Context: process context; takes &ntms_db.lock.
 */
void ntms_object_del(struct ntms_object *obj)
{
	mutex_lock(&ntms_db.lock);
	ntms_object_del_locked(obj);
	mutex_unlock(&ntms_db.lock);
}

/* the object of @guid if it (still) belongs to @lib; a reference on
 * its library in *@other if it belongs to another one
 */
static struct ntms_object *ntms_object_find_in(const struct ntms_guid *guid,
					       struct ntms_library *lib,
					       struct ntms_library **other)
{
	struct ntms_object *obj;

	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(guid);
	/* requests are held by reference, never by their library's lock */
	if (obj && obj->type == NTMS_TYPE_LIBREQUEST)
		obj = NULL;
	if (obj && obj->lib != lib) {
		*other = obj->lib;
		kref_get(&(*other)->ref);
		obj = NULL;
	}
	mutex_unlock(&ntms_db.lock);
	return obj;
}

/* how often an object may change library under a lookup before we give up */
#define NTMS_OBJECT_LOCK_TRIES	4

/**
 * ntms_object_lock() - find an object and lock its library
 * @guid: the object
 * @libp: out: its library, locked and referenced; release it with
 *	ntms_library_unlock_put()
 *
 * The one way an operation finds what a GUID names: the object stays
 * valid, in that library, until the library is unlocked. Requests are not
 * found here (ntms_request_get(), see DOC: Locking).
 *
 * Context: process context; no lock of ours held; sleeps.
 * Return: the object, or NULL when the GUID names nothing (*@libp is then
 * untouched).
 */
struct ntms_object *ntms_object_lock(const struct ntms_guid *guid,
				     struct ntms_library **libp)
{
	struct ntms_library *lib, *other = NULL;
	struct ntms_object *obj;
	unsigned int i;

	/*
	 * The usual case, the library not busy: locked at once, with a
	 * trylock (it comes before the index lock in DOC: Locking, so only
	 * a trylock may be taken under it).
	 */
	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(guid);
	if (obj && obj->type == NTMS_TYPE_LIBREQUEST)
		obj = NULL;
	if (obj) {
		lib = obj->lib;
		kref_get(&lib->ref);
		if (mutex_trylock(&lib->lock)) {
			mutex_unlock(&ntms_db.lock);
			*libp = lib;
			return obj;
		}
		other = lib;
	}
	mutex_unlock(&ntms_db.lock);

	for (i = 0; other && i < NTMS_OBJECT_LOCK_TRIES; i++) {
		lib = other;
		other = NULL;
		mutex_lock(&lib->lock);
		obj = ntms_object_find_in(guid, lib, &other);
		if (obj) {
			*libp = lib;
			return obj;
		}
		/* gone, or moved to another library meanwhile */
		ntms_library_unlock_put(lib);
	}
	if (other)
		ntms_library_put(other);
	return NULL;
}

static void ntms_media_free_locked(struct ntms_media *m)
{
	struct ntms_library *lib = m->obj.lib;

	if (m->loc && m->loc->media == m)
		m->loc->media = NULL;
	ntms_object_del(&m->obj);
	list_del(&m->node);
	lib->nr_media--;
	kfree(m);
}

/* take @n elements (every @stride bytes) out of the index; free them */
static void ntms_elements_free(struct ntms_element *els, u32 n, size_t stride)
{
	struct ntms_element *el;
	u32 i;

	if (!els)
		return;
	mutex_lock(&ntms_db.lock);
	for (i = 0; i < n; i++) {
		el = (void *)els + i * stride;
		if (el->media && el->media->loc == el)
			el->media->loc = NULL;
		el->media = NULL;
		ntms_object_del_locked(&el->obj);
	}
	mutex_unlock(&ntms_db.lock);
	kvfree(els);
}

/**
 * ntms_library_free_elements_locked() - drop every element and cartridge
 * object of a library
 * @lib: the library
 *
 * Cartridges go too: this is for a geometry change or the end.
 *
 * Context: &ntms_db.topo and the library's lock held; on the library's
 * workqueue, or when nothing else can use it any more (see DOC: Locking).
 */
void ntms_library_free_elements_locked(struct ntms_library *lib)
{
	struct ntms_media *m, *tmp;
	u32 i;

	lockdep_assert_held(&ntms_db.topo);
	ntms_lib_assert_held(lib);
	for (i = 0; lib->drives && i < lib->nr_drives; i++)
		ntms_tape_unbind_drive_locked(&lib->drives[i]);
	ntms_elements_free(lib->changers, lib->nr_changers,
			   sizeof(struct ntms_element));
	ntms_elements_free(lib->slots, lib->nr_slots,
			   sizeof(struct ntms_element));
	ntms_elements_free(lib->ports, lib->nr_ports,
			   sizeof(struct ntms_element));
	ntms_elements_free(&lib->drives->el, lib->nr_drives,
			   sizeof(struct ntms_drive));
	lib->changers = NULL;
	lib->slots = NULL;
	lib->ports = NULL;
	lib->drives = NULL;
	lib->nr_changers = 0;
	lib->nr_slots = 0;
	lib->nr_ports = 0;
	lib->nr_drives = 0;
	list_for_each_entry_safe(m, tmp, &lib->media, node)
		ntms_media_free_locked(m);
}

static const u8 ntms_etype_to_otype[NTMS_SMC_ET_NR] = {
	[NTMS_SMC_ET_MT] = NTMS_TYPE_CHANGER,
	[NTMS_SMC_ET_ST] = NTMS_TYPE_STORAGESLOT,
	[NTMS_SMC_ET_IE] = NTMS_TYPE_IEPORT,
	[NTMS_SMC_ET_DT] = NTMS_TYPE_DRIVE,
};

/* give @n elements (every @stride bytes) their identity and index them */
static int ntms_elements_index(struct ntms_library *lib,
			       struct ntms_element *els, u32 n, size_t stride,
			       u8 etype, u16 first)
{
	struct ntms_element *el;
	u32 i;
	int ret;

	for (i = 0; i < n; i++) {
		el = (void *)els + i * stride;
		el->addr = first + i;
		el->obj.lib = lib;
		el->obj.type = ntms_etype_to_otype[etype];
		el->obj.enabled = 1;
		ntms_guid_make(&el->obj.guid, el->obj.type, lib->ident,
			       lib->ident_len, NULL, 0, el->addr);
		ret = ntms_object_add(&el->obj);
		if (ret)
			return ret;
	}
	return 0;
}

static bool ntms_geometry_same(const struct ntms_smc_geometry *a,
			       const struct ntms_smc_geometry *b)
{
	return !memcmp(a->first, b->first, sizeof(a->first)) &&
	       !memcmp(a->count, b->count, sizeof(a->count));
}

/**
 * ntms_library_set_geometry_locked() - (re)build the element tables
 * @lib: the library
 * @geo: geometry just read from the changer
 *
 * Nothing changes when the geometry is the one already known: the
 * objects, their GUIDs and their contents stay. A different geometry
 * drops the old tables (and the cartridges) first.
 *
 * Context: &ntms_db.topo and the library's lock held, on its workqueue;
 * allocates with GFP_KERNEL.
 * Return: 0, -ENOSPC (max_objects), -ENOMEM, -EEXIST (GUID collision).
 */
int ntms_library_set_geometry_locked(struct ntms_library *lib,
				     const struct ntms_smc_geometry *geo)
{
	const u16 *cnt = geo->count, *first = geo->first;
	int ret;

	ntms_lib_assert_held(lib);
	if (lib->slots || lib->drives || lib->changers || lib->ports) {
		if (ntms_geometry_same(&lib->geo, geo)) {
			lib->geo = *geo;
			return 0;
		}
		ntms_library_free_elements_locked(lib);
	}
	lib->geo = *geo;
	if (READ_ONCE(ntms_db.nr_objects) + cnt[NTMS_SMC_ET_MT] +
	    cnt[NTMS_SMC_ET_ST] + cnt[NTMS_SMC_ET_IE] + cnt[NTMS_SMC_ET_DT] >
	    ntms_max_objects)
		return -ENOSPC;

	ret = -ENOMEM;
	lib->changers = kvcalloc(cnt[NTMS_SMC_ET_MT], sizeof(*lib->changers),
				 GFP_KERNEL);
	lib->slots = kvcalloc(cnt[NTMS_SMC_ET_ST], sizeof(*lib->slots),
			      GFP_KERNEL);
	lib->ports = kvcalloc(cnt[NTMS_SMC_ET_IE], sizeof(*lib->ports),
			      GFP_KERNEL);
	lib->drives = kvcalloc(cnt[NTMS_SMC_ET_DT], sizeof(*lib->drives),
			       GFP_KERNEL);
	if ((cnt[NTMS_SMC_ET_MT] && !lib->changers) ||
	    (cnt[NTMS_SMC_ET_ST] && !lib->slots) ||
	    (cnt[NTMS_SMC_ET_IE] && !lib->ports) ||
	    (cnt[NTMS_SMC_ET_DT] && !lib->drives))
		goto out_free_tables;
	lib->nr_changers = cnt[NTMS_SMC_ET_MT];
	lib->nr_slots = cnt[NTMS_SMC_ET_ST];
	lib->nr_ports = cnt[NTMS_SMC_ET_IE];
	lib->nr_drives = cnt[NTMS_SMC_ET_DT];

	ret = ntms_elements_index(lib, lib->changers, lib->nr_changers,
				  sizeof(struct ntms_element), NTMS_SMC_ET_MT,
				  first[NTMS_SMC_ET_MT]);
	if (!ret)
		ret = ntms_elements_index(lib, lib->slots, lib->nr_slots,
					  sizeof(struct ntms_element),
					  NTMS_SMC_ET_ST, first[NTMS_SMC_ET_ST]);
	if (!ret)
		ret = ntms_elements_index(lib, lib->ports, lib->nr_ports,
					  sizeof(struct ntms_element),
					  NTMS_SMC_ET_IE, first[NTMS_SMC_ET_IE]);
	if (!ret)
		ret = ntms_elements_index(lib, &lib->drives->el, lib->nr_drives,
					  sizeof(struct ntms_drive),
					  NTMS_SMC_ET_DT, first[NTMS_SMC_ET_DT]);
	if (ret)
		goto out_free_tables;
	return 0;

out_free_tables:
	/* tolerates half-indexed and NULL tables */
	ntms_library_free_elements_locked(lib);
	memset(&lib->geo, 0, sizeof(lib->geo));
	return ret;
}

/**
 * ntms_library_find_element_locked() - element of a library by address
 * @lib: the library
 * @addr: element address
 *
 * Context: the library's lock held.
 * Return: the element, or NULL.
 */
struct ntms_element *ntms_library_find_element_locked(struct ntms_library *lib,
						      u16 addr)
{
	const struct ntms_smc_geometry *g = &lib->geo;

	ntms_lib_assert_held(lib);
	if (addr - g->first[NTMS_SMC_ET_ST] < lib->nr_slots)
		return &lib->slots[addr - g->first[NTMS_SMC_ET_ST]];
	if (addr - g->first[NTMS_SMC_ET_DT] < lib->nr_drives)
		return &lib->drives[addr - g->first[NTMS_SMC_ET_DT]].el;
	if (addr - g->first[NTMS_SMC_ET_IE] < lib->nr_ports)
		return &lib->ports[addr - g->first[NTMS_SMC_ET_IE]];
	if (addr - g->first[NTMS_SMC_ET_MT] < lib->nr_changers)
		return &lib->changers[addr - g->first[NTMS_SMC_ET_MT]];
	return NULL;
}

/* the storage slot at @addr, or NULL */
static struct ntms_element *ntms_library_slot_locked(struct ntms_library *lib,
						     u16 addr)
{
	struct ntms_element *el = ntms_library_find_element_locked(lib, addr);

	return el && el->obj.type == NTMS_TYPE_STORAGESLOT ? el : NULL;
}

/*
 * The cartridge @guid of library @old arrives in @lib: take it over, if
 * @old can be locked without waiting (two libraries' locks are never
 * waited for together). Return: the cartridge, or ERR_PTR(-EAGAIN).
 */
static struct ntms_media *ntms_media_adopt_locked(struct ntms_library *lib,
						  const struct ntms_guid *guid,
						  struct ntms_library *old)
{
	struct ntms_object *obj;
	struct ntms_media *m;

	if (!mutex_trylock(&old->lock))
		return ERR_PTR(-EAGAIN);
	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(guid);
	if (!obj || obj->lib != old || obj->type != NTMS_TYPE_PHYSICAL_MEDIA) {
		/* it changed meanwhile: the next read settles it */
		mutex_unlock(&ntms_db.lock);
		mutex_unlock(&old->lock);
		return ERR_PTR(-EAGAIN);
	}
	obj->lib = lib;
	mutex_unlock(&ntms_db.lock);
	m = container_of(obj, struct ntms_media, obj);
	if (m->loc && m->loc->media == m)
		m->loc->media = NULL;
	m->loc = NULL;
	list_move_tail(&m->node, &lib->media);
	old->nr_media--;
	lib->nr_media++;
	old->modified_ns = ntms_now_ns();
	mutex_unlock(&old->lock);
	return m;
}

/* the cartridge a full element holds, found or created */
static struct ntms_media *ntms_media_get_locked(struct ntms_library *lib,
						struct ntms_element *el,
						const struct ntms_smc_elem *e)
{
	struct ntms_library *old = NULL;
	struct ntms_object *obj;
	struct ntms_media *m;
	struct ntms_guid guid;
	bool nobc = !e->voltag[0];
	u16 home = el->addr;
	int ret;

	/* a cartridge the robot took out of a slot keeps that slot's GUID */
	if ((el->obj.type == NTMS_TYPE_DRIVE ||
	     el->obj.type == NTMS_TYPE_IEPORT) && e->svalid &&
	    ntms_library_slot_locked(lib, e->src))
		home = e->src;
again:
	if (nobc)
		ntms_guid_make(&guid, NTMS_TYPE_PHYSICAL_MEDIA, lib->ident,
			       lib->ident_len, "", 0, 0x10000 | home);
	else
		ntms_guid_make(&guid, NTMS_TYPE_PHYSICAL_MEDIA, e->voltag,
			       strlen(e->voltag), NULL, 0, 0);
	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(&guid);
	if (obj && obj->type == NTMS_TYPE_PHYSICAL_MEDIA && obj->lib != lib) {
		old = obj->lib;
		kref_get(&old->ref);
	}
	mutex_unlock(&ntms_db.lock);
	if (old) {
		/* carried from one library to another */
		m = ntms_media_adopt_locked(lib, &guid, old);
		ntms_library_put(old);
		return m;
	}
	if (obj && obj->type == NTMS_TYPE_PHYSICAL_MEDIA) {
		m = container_of(obj, struct ntms_media, obj);
		/* the same barcode twice in one read: a duplicate label */
		if (!nobc && m->seen == lib->generation && m->loc &&
		    m->loc != el) {
			nobc = true;
			goto again;
		}
		return m;
	}
	if (obj)
		return ERR_PTR(-EEXIST);

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->obj.guid = guid;
	m->obj.type = NTMS_TYPE_PHYSICAL_MEDIA;
	m->obj.lib = lib;
	m->obj.enabled = 1;
	m->home_addr = home;
	m->mflags = NTMS_MEDIA_HOME_VALID | (nobc ? NTMS_MEDIA_NO_BARCODE : 0);
	m->created_ns = ntms_now_ns();
	m->modified_ns = m->created_ns;
	if (!nobc)
		strscpy(m->barcode, e->voltag, sizeof(m->barcode));
	/* the labels that libraries and backup software reserve to cleaners */
	if (!strncmp(m->barcode, NTMS_CLEANER_PREFIX,
		     strlen(NTMS_CLEANER_PREFIX)))
		m->mflags |= NTMS_MEDIA_CLEANER;
	ret = ntms_object_add(&m->obj);
	if (ret) {
		kfree(m);
		return ERR_PTR(ret);
	}
	list_add_tail(&m->node, &lib->media);
	lib->nr_media++;
	trace_ntms_media_new(lib->index, m->barcode, el->addr);
	ntms_event_post(NTMS_EVENT_OBJ_INSERT, NTMS_TYPE_PHYSICAL_MEDIA,
			&m->obj.guid, 0, 0, NULL);
	return m;
}

/*
 * A drive's identifier from a read. The tape matched by the old one is
 * left to ntms_tape_match(), which runs after every read of the library
 * under &ntms_db.topo (not held here: unbinding here raced with it).
 */
static void ntms_drive_set_id_locked(struct ntms_drive *d,
				     const struct ntms_smc_elem *e)
{
	if (!e->id_len || (e->id_len == d->id_len && e->id_type == d->id_type &&
			   !memcmp(e->id, d->id, e->id_len)))
		return;
	d->id_codeset = e->id_codeset;
	d->id_type = e->id_type;
	d->id_len = e->id_len;
	memcpy(d->id, e->id, e->id_len);
	/* a T10 vendor ID ends with the serial number */
	if (!d->tape && e->id_type == 1 && e->id_len > 24)
		snprintf(d->serial, sizeof(d->serial), "%.*s", e->id_len - 24,
			 &e->id[24]);
}

/* the state a cartridge has where it is */
static u8 ntms_media_state_at(struct ntms_element *el)
{
	struct ntms_drive *d;

	if (el->obj.type != NTMS_TYPE_DRIVE)
		return NTMS_MEDIA_STATE_IDLE;
	d = container_of(el, struct ntms_drive, el);
	return d->state == NTMS_DRIVE_STATE_MOUNTED ? NTMS_MEDIA_STATE_MOUNTED :
	       NTMS_MEDIA_STATE_LOADED;
}

static void ntms_element_changed_locked(struct ntms_library *lib,
					struct ntms_element *el);

/*
 * Cartridge @m, which the model still shows in @old, was just seen in
 * another element: @old is shown empty (not full of an unknown
 * cartridge) until a read says otherwise, a drive DISMOUNTED.
 */
static void ntms_element_vacate_locked(struct ntms_library *lib,
				       struct ntms_element *old)
{
	old->media = NULL;
	old->flags &= ~NTMS_SMC_EF_FULL;
	old->svalid = 0;
	if (old->obj.type == NTMS_TYPE_DRIVE)
		container_of(old, struct ntms_drive, el)->state =
			NTMS_DRIVE_STATE_DISMOUNTED;
	ntms_element_changed_locked(lib, old);
}

/*
 * Put cartridge @m in element @el of @lib: its location, home and state.
 * @src, if valid (@svalid), is where the element says it came from.
 */
static void ntms_media_place_locked(struct ntms_library *lib,
				    struct ntms_media *m,
				    struct ntms_element *el, bool svalid,
				    u16 src)
{
	if (m->loc && m->loc != el && m->loc->media == m)
		ntms_element_vacate_locked(lib, m->loc);
	if (m->loc != el && el->obj.type == NTMS_TYPE_DRIVE)
		container_of(el, struct ntms_drive, el)->mount_count++;
	m->loc = el;
	m->seen = lib->generation;
	m->mflags &= ~NTMS_MEDIA_OFFLINE;
	if (el->obj.type == NTMS_TYPE_STORAGESLOT) {
		m->home_addr = el->addr;
		m->mflags |= NTMS_MEDIA_HOME_VALID;
	} else if (el->obj.type != NTMS_TYPE_CHANGER && svalid &&
		   ntms_library_slot_locked(lib, src)) {
		m->home_addr = src;
		m->mflags |= NTMS_MEDIA_HOME_VALID;
	}
	m->state = ntms_media_state_at(el);
}

/* an element (and its cartridge) changed: trace, events */
static void ntms_element_changed_locked(struct ntms_library *lib,
					struct ntms_element *el)
{
	struct ntms_media *m = el->media;
	u64 now = ntms_now_ns();

	lib->modified_ns = now;
	trace_ntms_element(lib->index, el->addr, el->obj.type, el->flags,
			   m ? m->barcode : "");
	ntms_event_post(NTMS_EVENT_OBJ_UPDATE, el->obj.type, &el->obj.guid, 0,
			0, NULL);
	if (m) {
		m->modified_ns = now;
		ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_PHYSICAL_MEDIA,
				&m->obj.guid, 0, m->state, NULL);
	}
}

/**
 * ntms_library_apply_elem_locked() - record one element descriptor
 * @lib: the library
 * @e: descriptor from READ ELEMENT STATUS
 *
 * Updates the element, its cartridge (found by barcode, created, or moved
 * here from wherever the model had it) and the drive's identifier. The
 * drive's state after a read: a cartridge the driver mounted stays
 * MOUNTED (and one made DISMOUNTABLE stays so) while the same cartridge
 * is seen in the drive; any other full drive is LOADED (the driver did
 * not put that cartridge there), an empty one DISMOUNTED. A cartridge
 * the model had in the element and the read does not show there is
 * counted in &ntms_library.displaced and keeps its location until it is
 * seen elsewhere or a complete read misses it.
 *
 * Context: the library's lock held; allocates with GFP_KERNEL.
 * Return: 0, or -ENOSPC / -ENOMEM when a new cartridge cannot be recorded.
 */
int ntms_library_apply_elem_locked(struct ntms_library *lib,
				   const struct ntms_smc_elem *e)
{
	struct ntms_media *m = NULL;
	struct ntms_drive *d = NULL;
	struct ntms_element *el;
	bool changed, same;

	ntms_lib_assert_held(lib);
	el = ntms_library_find_element_locked(lib, e->addr);
	if (!el || ntms_etype_to_otype[e->type] != el->obj.type)
		return 0;		/* not in page 1Dh: ignore */

	if (e->flags & NTMS_SMC_EF_FULL) {
		m = ntms_media_get_locked(lib, el, e);
		if (PTR_ERR(m) == -EAGAIN) {
			/* its old library is busy: show it here next time */
			WRITE_ONCE(lib->smc.dev.ua_pending, true);
			m = NULL;
		} else if (IS_ERR(m)) {
			return PTR_ERR(m);
		}
	}
	changed = el->media != m || el->flags != e->flags ||
		  el->svalid != e->svalid || el->src != e->src;
	/* the cartridge the model had there is still there */
	same = m && el->media == m && m->loc == el;
	if (el->obj.type == NTMS_TYPE_DRIVE) {
		d = container_of(el, struct ntms_drive, el);
		ntms_drive_set_id_locked(d, e);
		if (!(e->flags & NTMS_SMC_EF_FULL))
			d->state = NTMS_DRIVE_STATE_DISMOUNTED;
		else if (!same || d->state == NTMS_DRIVE_STATE_DISMOUNTED)
			d->state = NTMS_DRIVE_STATE_LOADED;
	}
	/*
	 * The cartridge the model had here left without the driver moving
	 * it (another program, another host, an operator): it keeps its
	 * last location until a read finds where it went, or a complete
	 * read does not see it (offline). Never nowhere.
	 */
	if (el->media && el->media != m && el->media->loc == el)
		lib->displaced++;
	if (m)
		ntms_media_place_locked(lib, m, el, e->svalid, e->src);
	el->media = m;
	el->flags = e->flags;
	el->asc = e->asc;
	el->ascq = e->ascq;
	el->svalid = e->svalid;
	el->src = e->src;
	el->known = 1;
	if (changed)
		ntms_element_changed_locked(lib, el);
	return 0;
}

/**
 * ntms_library_apply_elem() - record one element descriptor, locking
 * @ctx: the library, as ntms_smc_read_elements() passes it
 * @e: descriptor from READ ELEMENT STATUS
 *
 * Context: process context; takes the library's lock.
 * Return: see ntms_library_apply_elem_locked().
 */
int ntms_library_apply_elem(void *ctx, const struct ntms_smc_elem *e)
{
	struct ntms_library *lib = ctx;
	int ret;

	mutex_lock(&lib->lock);
	ret = ntms_library_apply_elem_locked(lib, e);
	mutex_unlock(&lib->lock);
	return ret;
}

/**
 * ntms_library_apply_move_locked() - record a move the changer reported
 * GOOD, without reading the elements again
 * @lib: the library
 * @src: the element the cartridge left (its cartridge known to the model)
 * @dst: the element it went to (empty)
 *
 * What a read would show: the destination full with the cartridge, its
 * source address the source element (a drive passes on the slot its
 * cartridge came from, as SMC libraries do), the source empty. Drive
 * states follow (LOADED, DISMOUNTED), the cartridge's home and state
 * too, with the same events a read would post.
 *
 * Context: the library's lock held.
 */
void ntms_library_apply_move_locked(struct ntms_library *lib,
				    struct ntms_element *src,
				    struct ntms_element *dst)
{
	struct ntms_media *m = src->media;
	const u8 clear = NTMS_SMC_EF_IMPEXP | NTMS_SMC_EF_EXCEPT;

	ntms_lib_assert_held(lib);
	if (src->obj.type != NTMS_TYPE_DRIVE || !src->svalid)
		dst->src = src->addr;
	else
		dst->src = src->src;
	dst->svalid = 1;
	dst->flags = (dst->flags | NTMS_SMC_EF_FULL) & ~clear;
	dst->asc = 0;
	dst->ascq = 0;
	dst->known = 1;
	src->flags &= ~(NTMS_SMC_EF_FULL | clear);
	src->svalid = 0;
	src->media = NULL;
	if (src->obj.type == NTMS_TYPE_DRIVE)
		container_of(src, struct ntms_drive, el)->state =
			NTMS_DRIVE_STATE_DISMOUNTED;
	if (dst->obj.type == NTMS_TYPE_DRIVE)
		container_of(dst, struct ntms_drive, el)->state =
			NTMS_DRIVE_STATE_LOADED;
	dst->media = m;
	if (m)
		ntms_media_place_locked(lib, m, dst, true, dst->src);
	ntms_element_changed_locked(lib, dst);
	ntms_element_changed_locked(lib, src);
}

/**
 * ntms_library_sweep_media_locked() - after a complete read, deal with
 * the cartridges it did not see
 * @lib: the library
 *
 * A cartridge with a barcode becomes offline media (kept, NOT_PRESENT); one
 * without a barcode is forgotten (its identity was its slot).
 *
 * Context: the library's lock held.
 */
void ntms_library_sweep_media_locked(struct ntms_library *lib)
{
	struct ntms_media *m, *tmp;

	ntms_lib_assert_held(lib);
	list_for_each_entry_safe(m, tmp, &lib->media, node) {
		if (m->seen == lib->generation)
			continue;
		if (m->mflags & NTMS_MEDIA_NO_BARCODE) {
			ntms_event_post(NTMS_EVENT_OBJ_DELETE,
					NTMS_TYPE_PHYSICAL_MEDIA, &m->obj.guid,
					0, 0, NULL);
			ntms_media_free_locked(m);
			continue;
		}
		if (m->loc && m->loc->media == m)
			m->loc->media = NULL;
		m->loc = NULL;
		if (!(m->mflags & NTMS_MEDIA_OFFLINE)) {
			m->mflags |= NTMS_MEDIA_OFFLINE;
			m->modified_ns = ntms_now_ns();
			ntms_event_post(NTMS_EVENT_OBJ_UPDATE,
					NTMS_TYPE_PHYSICAL_MEDIA, &m->obj.guid,
					0, 0, NULL);
			trace_ntms_media_offline(lib->index, m->barcode);
		}
	}
}

/**
 * ntms_library_model_bytes_locked() - memory the driver holds for a
 * library's model
 * @lib: the library
 *
 * What this driver allocated for the library: the library itself, its
 * element tables and its cartridges, as requested from the allocator
 * (slab rounding not included). The benchmark checks it against the
 * slab counters.
 *
 * Context: the library's lock held.
 * Return: bytes.
 */
size_t ntms_library_model_bytes_locked(struct ntms_library *lib)
{
	ntms_lib_assert_held(lib);
	return sizeof(*lib) +
	       lib->nr_changers * sizeof(*lib->changers) +
	       lib->nr_slots * sizeof(*lib->slots) +
	       lib->nr_ports * sizeof(*lib->ports) +
	       lib->nr_drives * sizeof(*lib->drives) +
	       lib->nr_media * sizeof(struct ntms_media);
}
