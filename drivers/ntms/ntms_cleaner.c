// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the cleaner slot of a library (NTMS_IOC_CLEANER_SLOT;
 * ReserveNtmsCleanerSlot, ReleaseNtmsCleanerSlot).
 *
 * A reservation is a fact of the library's model, under its lock: the
 * slot's element address. Nothing moves and nothing is queued; the
 * driver's choice of a storage slot for a cartridge skips it
 * (ntms_library_cleaner_slot_locked()).
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_request.h"

/**
 * ntms_cleaner_slot_state_locked() - a cleaner slot's own state
 * @el: the slot
 *
 * Context: its library's lock held.
 * Return: 0 installed and empty; -EADDRNOTAVAIL not installed (a
 * magazine is out); -ENOTEMPTY it holds a cartridge.
 */
int ntms_cleaner_slot_state_locked(const struct ntms_element *el)
{
	/* a slot the changer cannot reach: its magazine is out */
	if (el->known && !(el->flags & NTMS_SMC_EF_ACCESS))
		return -EADDRNOTAVAIL;
	if (el->media || (el->flags & NTMS_SMC_EF_FULL))
		return -ENOTEMPTY;
	return 0;
}

static int ntms_cleaner_reserve_locked(struct ntms_library *lib,
				       const struct ntms_guid *slot)
{
	struct ntms_object *obj;
	struct ntms_element *el;
	int ret;

	/* a storage slot of this library */
	obj = ntms_check_find_locked(lib, slot, NTMS_TYPE_STORAGESLOT, &ret);
	if (!obj)
		return -EBADSLT;
	el = container_of(obj, struct ntms_element, obj);
	/* one cleaner slot per library: release it first */
	if (lib->cleaner_set)
		return -EEXIST;
	ret = ntms_cleaner_slot_state_locked(el);
	if (ret)
		return ret;
	lib->cleaner_set = true;
	lib->cleaner_addr = el->addr;
	return 0;
}

static int ntms_cleaner_release_locked(struct ntms_library *lib)
{
	struct ntms_element *el;
	int ret;

	if (!lib->cleaner_set)
		return -EALREADY;
	el = ntms_library_find_element_locked(lib, lib->cleaner_addr);
	if (el) {
		ret = ntms_cleaner_slot_state_locked(el);
		if (ret)
			return ret;
	}
	lib->cleaner_set = false;
	lib->cleaner_addr = 0;
	return 0;
}

/**
 * ntms_cleaner_slot_ioctl() - NTMS_IOC_CLEANER_SLOT
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_cleaner_slot
 *
 * Reserves a storage slot of a changer's library for its cleaning
 * cartridge, or releases the reservation (CONTROL access). The library's
 * information changes: an OBJ_UPDATE event for the library.
 *
 * Context: process context.
 * Return: 0 or a negative errno, in the order of &struct
 * ntms_cleaner_slot.
 */
int ntms_cleaner_slot_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_cleaner_slot *cs = c->arg;
	bool release = cs->flags & NTMS_CLEANER_SLOT_F_RELEASE;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	/* releasing names no slot */
	if (release && memchr_inv(&cs->slot, 0, sizeof(cs->slot)))
		return -EINVAL;
	obj = ntms_check_lookup(s, &cs->library, NTMS_TYPE_LIBRARY,
				NTMS_ACCESS_CONTROL, NTMS_CHECK_CHANGER, &lib);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	if (release)
		ret = ntms_cleaner_release_locked(lib);
	else
		ret = ntms_cleaner_reserve_locked(lib, &cs->slot);
	if (!ret) {
		ntms_library_touch_locked(lib);
		ntms_event_post(NTMS_EVENT_OBJ_UPDATE, NTMS_TYPE_LIBRARY,
				&lib->obj.guid, 0, 0, NULL);
	}
	ntms_library_unlock_put(lib);
	return ret;
}
