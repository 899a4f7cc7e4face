// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: verified element moves.
 *
 * A move never acts on a stale picture: the source is read (READ ELEMENT
 * STATUS of just that element, or of the two elements a mount uses, in
 * one command when they are of one type and close together) before the
 * robot is sent; a destination slot empty in the model is verified by
 * the changer itself, which refuses a full one (3Bh/0Dh). A move
 * the changer reports GOOD is recorded in the model as it happened,
 * without reading the elements again; a move that fails reads both
 * again, the destination first, so that the model matches the device
 * and no cartridge is shown in two places or in none.
 *
 * Everything here runs on the library's ordered workqueue with no lock
 * held on entry: the element pointers it is given stay valid there (see
 * DOC: Locking), what they hold is looked at under the library's lock.
 */

#include <linux/err.h>

#include "ntms_move.h"
#include "ntms_trace.h"

/* how many slots a move tries when the model turns out to be stale */
#define NTMS_MOVE_DEST_TRIES	4
/* the widest range read in one command to see two elements */
#define NTMS_MOVE_READ_SPAN	16

/**
 * ntms_move_etype() - the SMC element type of an element
 * @el: the element
 *
 * Context: any.
 * Return: NTMS_SMC_ET_*.
 */
u8 ntms_move_etype(const struct ntms_element *el)
{
	switch (el->obj.type) {
	case NTMS_TYPE_DRIVE:
		return NTMS_SMC_ET_DT;
	case NTMS_TYPE_IEPORT:
		return NTMS_SMC_ET_IE;
	case NTMS_TYPE_CHANGER:
		return NTMS_SMC_ET_MT;
	default:
		return NTMS_SMC_ET_ST;
	}
}

/**
 * ntms_move_is_slot_locked() - is an address a storage slot's?
 * @lib: the library
 * @addr: element address
 *
 * Context: the library's lock held.
 * Return: true for a storage slot.
 */
bool ntms_move_is_slot_locked(struct ntms_library *lib, u16 addr)
{
	return addr - lib->geo.first[NTMS_SMC_ET_ST] < lib->nr_slots;
}

/**
 * ntms_move_empty_locked() - does the model show an element empty?
 * @el: the element
 *
 * Context: the library's lock held.
 * Return: true if read at least once and empty.
 */
bool ntms_move_empty_locked(const struct ntms_element *el)
{
	return el->known && !el->media && !(el->flags & NTMS_SMC_EF_FULL);
}

/**
 * ntms_move_full_locked() - does the model show something in an element?
 * @el: the element
 *
 * Context: the library's lock held.
 * Return: true if read at least once and full.
 */
bool ntms_move_full_locked(const struct ntms_element *el)
{
	return el->known && (el->media || (el->flags & NTMS_SMC_EF_FULL));
}

/**
 * ntms_move_errno() - what a request reports for a failed command
 * @err: a negative errno of ntms_scsi_exec() or the SMC layer
 *
 * The one translation from the sense table to the request results the
 * uapi documents: a full destination or unit attentions that never end
 * mean the library changed under the move (-EAGAIN); an element address
 * or CDB field the changer refuses, or an answer that cannot be parsed,
 * is the device failing (-EIO). The rest pass unchanged: -ENOMEDIUM
 * (source empty), -EBUSY (removal prevented), -EHOSTDOWN (not ready,
 * offline, manual intervention), -EPERM (mail slot open), -EOPNOTSUPP,
 * -ENODEV, -ENOMEM, -EIO.
 *
 * Context: any.
 * Return: the request's errno.
 */
int ntms_move_errno(int err)
{
	switch (err) {
	case -EEXIST:
	case -EAGAIN:
		return -EAGAIN;
	case -EBADSLT:
	case -EINVAL:
	case -EPROTO:
		return -EIO;
	default:
		return err;
	}
}

/**
 * ntms_move_read_range() - read elements of one type into the model
 * @lib: the library
 * @type: element type (NTMS_SMC_ET_*)
 * @first: first element address
 * @count: number of elements
 *
 * A failed read leaves the library damaged (DATABASE_FAILURE) until a
 * complete read succeeds.
 *
 * A cartridge the read finds gone from where the model had it was moved
 * by someone else, and many libraries report no UNIT ATTENTION for that:
 * the whole library is read at once (ntms_library_scan_sync()), so that
 * the model shows where it went, or that it left the library, before the
 * caller decides anything on it.
 *
 * Context: the library's workqueue; sleeps; takes the library's lock.
 * Return: 0 or a request errno (ntms_move_errno()); -ENODEV: the changer
 * is gone; -EUCLEAN: the read of the whole library failed.
 */
int ntms_move_read_range(struct ntms_library *lib, u8 type, u16 first,
			 u16 count)
{
	bool moved;
	u32 displaced;
	int ret;

	/* a read of its own: a cartridge seen elsewhere before has moved */
	mutex_lock(&lib->lock);
	lib->generation++;
	displaced = lib->displaced;
	mutex_unlock(&lib->lock);
	ret = ntms_smc_read_elements(&lib->smc, type, first, count,
				     ntms_library_apply_elem, lib);
	if (ret && ret != -ENODEV) {
		mutex_lock(&lib->lock);
		lib->damaged = true;
		mutex_unlock(&lib->lock);
	}
	if (ret)
		return ntms_move_errno(ret);
	mutex_lock(&lib->lock);
	moved = lib->displaced != displaced;
	mutex_unlock(&lib->lock);
	if (!moved)
		return 0;
	trace_ntms_displaced(lib->index, type, first, count);
	return ntms_library_scan_sync(lib);
}

/**
 * ntms_move_read() - read one element into the model
 * @lib: the library
 * @el: the element
 *
 * Context: see ntms_move_read_range().
 * Return: see ntms_move_read_range().
 */
int ntms_move_read(struct ntms_library *lib, struct ntms_element *el)
{
	return ntms_move_read_range(lib, ntms_move_etype(el), el->addr, 1);
}

/**
 * ntms_move_read_two() - read two elements into the model
 * @lib: the library
 * @a: one element
 * @b: the other
 *
 * In one command when they are of one type and close together.
 *
 * Context: see ntms_move_read_range().
 * Return: see ntms_move_read_range().
 */
int ntms_move_read_two(struct ntms_library *lib, struct ntms_element *a,
		       struct ntms_element *b)
{
	u16 lo = min(a->addr, b->addr), hi = max(a->addr, b->addr);
	u8 type = ntms_move_etype(a);
	int ret;

	if (type == ntms_move_etype(b) && hi - lo < NTMS_MOVE_READ_SPAN)
		return ntms_move_read_range(lib, type, lo, hi - lo + 1);
	ret = ntms_move_read(lib, a);
	if (!ret && a != b)
		ret = ntms_move_read(lib, b);
	return ret;
}

/*
 * the first slot the model shows empty, not in @skip and not the cleaner
 * slot, or NULL
 */
static struct ntms_element *ntms_move_first_empty_locked(struct ntms_library *lib,
							 struct ntms_element **skip,
							 unsigned int nskip)
{
	struct ntms_element *el;
	unsigned int j;
	u32 i;

	for (i = 0; i < lib->nr_slots; i++) {
		el = &lib->slots[i];
		for (j = 0; j < nskip && skip[j] != el; j++)
			;
		if (j == nskip && ntms_move_empty_locked(el) &&
		    !ntms_library_cleaner_slot_locked(lib, el))
			return el;
	}
	return NULL;
}

/**
 * ntms_move_medium() - MOVE MEDIUM, and the model after it
 * @lib: the library
 * @src: source element, just read full
 * @dst: destination element, empty in the model (the changer itself
 *	refuses a full one: 3Bh/0Dh, -EAGAIN here)
 *
 * GOOD: the model records the move (ntms_library_apply_move_locked());
 * only a cartridge the model did not know (full, without descriptor
 * detail) makes the destination be read. A failed move reads both
 * elements again, the destination first, so that the cartridge is found
 * there before the source is seen empty; a failed re-read leaves the
 * library damaged.
 *
 * Context: the library's workqueue; sleeps; takes the library's lock.
 * Return: 0 or the request errno of the move (ntms_move_errno()).
 */
int ntms_move_medium(struct ntms_library *lib, struct ntms_element *src,
		     struct ntms_element *dst)
{
	u16 transport = 0;
	bool known;
	int ret;

	mutex_lock(&lib->lock);
	if (lib->nr_changers)
		transport = lib->changers[0].addr;
	mutex_unlock(&lib->lock);
	ret = ntms_smc_move_medium(&lib->smc, transport, src->addr, dst->addr);
	if (ret == -ENODEV)
		return ret;
	if (!ret) {
		mutex_lock(&lib->lock);
		known = src->media;
		if (known)
			ntms_library_apply_move_locked(lib, src, dst);
		mutex_unlock(&lib->lock);
		if (known)
			return 0;
	}
	if (!ntms_move_read(lib, dst))
		ntms_move_read(lib, src);
	return ntms_move_errno(ret);
}

/* may @home take what @src holds? the cleaner slot takes the cleaner only */
static bool ntms_move_home_ok_locked(struct ntms_library *lib,
				     struct ntms_element *src,
				     struct ntms_element *home)
{
	if (!home || !ntms_move_empty_locked(home))
		return false;
	if (!ntms_library_cleaner_slot_locked(lib, home))
		return true;
	return src->media && (src->media->mflags & NTMS_MEDIA_CLEANER);
}

/**
 * ntms_move_to_slot() - move a cartridge into a storage slot
 * @lib: the library
 * @src: the element holding it, just read full
 * @home: the slot it came from, or NULL
 * @dstp: out: the slot it went to
 *
 * The destination of a dismount or an inject: @home if the model shows it
 * empty, else the first slot the model shows empty; never the cleaner
 * slot (%NTMS_IOC_CLEANER_SLOT) unless @home is the cleaner slot and the
 * cartridge a cleaner. It is not read first:
 * the changer verifies a destination itself, and a full one fails the
 * move (3Bh/0Dh), after which ntms_move_medium() has read it again and
 * the next empty slot is tried.
 *
 * Context: the library's workqueue; sleeps; takes the library's lock.
 * Return: 0; -EXFULL no empty slot; -EAGAIN the model kept being stale;
 * or the errno of the move.
 */
int ntms_move_to_slot(struct ntms_library *lib, struct ntms_element *src,
		      struct ntms_element *home, struct ntms_element **dstp)
{
	struct ntms_element *tried[NTMS_MOVE_DEST_TRIES];
	struct ntms_element *dst;
	unsigned int n;
	int ret = -EAGAIN;

	for (n = 0; n < NTMS_MOVE_DEST_TRIES; n++) {
		mutex_lock(&lib->lock);
		dst = !n && ntms_move_home_ok_locked(lib, src, home) ? home :
		      ntms_move_first_empty_locked(lib, tried, n);
		mutex_unlock(&lib->lock);
		if (!dst)
			return -EXFULL;
		ret = ntms_move_medium(lib, src, dst);
		if (ret != -EAGAIN) {
			*dstp = dst;
			return ret;
		}
		tried[n] = dst;
	}
	return ret;
}

/**
 * ntms_move_home() - move a drive's cartridge to its storage slot
 * @lib: the library
 * @d: the drive
 * @media: out: the cartridge, if the model knows it (written under the
 *	library's lock, as request fields are)
 * @slot: out: the slot it goes to, once chosen (likewise)
 *
 * The drive is read first; its cartridge goes to the slot it came from
 * (the drive's source address, when SValid) if that is empty, else to
 * the first empty slot (ntms_move_to_slot()). A cleaner goes to the
 * cleaner slot, wherever it came from.
 *
 * Context: the library's workqueue; sleeps; takes the library's lock.
 * Return: 0; -ENOMEDIUM the drive is empty; -EBUSY its cartridge is
 * opened; -EXFULL no empty slot; -EAGAIN; the errno of a read or move.
 */
int ntms_move_home(struct ntms_library *lib, struct ntms_drive *d,
		   struct ntms_guid *media, struct ntms_guid *slot)
{
	struct ntms_element *home = NULL, *dst = NULL;
	int ret;

	/* the source, as the device sees it now */
	ret = ntms_move_read(lib, &d->el);
	if (ret)
		return ret;
	mutex_lock(&lib->lock);
	ret = ntms_drive_check_unload_locked(d);
	if (ret)
		goto out_unlock;
	if (d->el.media)
		*media = d->el.media->obj.guid;
	if (d->el.svalid && ntms_move_is_slot_locked(lib, d->el.src))
		home = ntms_library_find_element_locked(lib, d->el.src);
	if (lib->cleaner_set && d->el.media &&
	    (d->el.media->mflags & NTMS_MEDIA_CLEANER))
		home = ntms_library_find_element_locked(lib, lib->cleaner_addr);
	ret = 0;
out_unlock:
	mutex_unlock(&lib->lock);
	if (ret)
		return ret;

	ret = ntms_move_to_slot(lib, &d->el, home, &dst);
	/* the slot it went to, or the one a failed move was aimed at */
	if (dst) {
		mutex_lock(&lib->lock);
		*slot = dst->obj.guid;
		mutex_unlock(&lib->lock);
	}
	return ret;
}
