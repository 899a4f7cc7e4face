/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: verified element moves, what every operation that moves a
 * cartridge is built on (ntms_move.c).
 */
#ifndef _NTMS_MOVE_H
#define _NTMS_MOVE_H

#include "ntms_internal.h"

u8 ntms_move_etype(const struct ntms_element *el);
bool ntms_move_is_slot_locked(struct ntms_library *lib, u16 addr);
bool ntms_move_empty_locked(const struct ntms_element *el);
bool ntms_move_full_locked(const struct ntms_element *el);
int ntms_move_errno(int err);
int ntms_move_read(struct ntms_library *lib, struct ntms_element *el);
int ntms_move_read_range(struct ntms_library *lib, u8 type, u16 first,
			 u16 count);
int ntms_move_read_two(struct ntms_library *lib, struct ntms_element *a,
		       struct ntms_element *b);
int ntms_move_to_slot(struct ntms_library *lib, struct ntms_element *src,
		      struct ntms_element *home, struct ntms_element **dstp);
int ntms_move_medium(struct ntms_library *lib, struct ntms_element *src,
		     struct ntms_element *dst);
int ntms_move_home(struct ntms_library *lib, struct ntms_drive *d,
		   struct ntms_guid *media, struct ntms_guid *slot);

#endif /* _NTMS_MOVE_H */
