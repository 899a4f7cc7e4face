// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: every element of a library and what it holds, in one call
 * (NTMS_IOC_GET_ELEMENTS): the picture mtx's "status" and a changer
 * script's "list" need, taken under one hold of the library's lock so
 * that a cartridge a move carries on meanwhile is never in two places
 * or in none, and answered from the model: no SCSI command.
 */

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_internal.h"
#include "ntms_request.h"
#include "ntms_smc.h"

static void ntms_elements_fill(struct ntms_element_status *es,
			       const struct ntms_element *el, u32 type)
{
	const struct ntms_media *m = el->media;

	memset(es, 0, sizeof(*es));
	es->id = el->obj.guid;
	es->type = type;
	es->address = el->addr;
	if (el->known)
		es->flags |= NTMS_ELEMENT_F_KNOWN;
	if (el->flags & NTMS_SMC_EF_FULL)
		es->flags |= NTMS_ELEMENT_F_FULL;
	if (el->flags & NTMS_SMC_EF_ACCESS)
		es->flags |= NTMS_ELEMENT_F_ACCESS;
	if (el->flags & NTMS_SMC_EF_IMPEXP)
		es->flags |= NTMS_ELEMENT_F_IMPEXP;
	if (el->flags & NTMS_SMC_EF_EXCEPT) {
		es->flags |= NTMS_ELEMENT_F_EXCEPT;
		es->asc = el->asc;
		es->ascq = el->ascq;
	}
	if (el->svalid) {
		es->flags |= NTMS_ELEMENT_F_SOURCE_VALID;
		es->source_address = el->src;
	}
	if (!m)
		return;
	es->flags |= NTMS_ELEMENT_F_MEDIA;
	es->media = m->obj.guid;
	if (m->mflags & NTMS_MEDIA_NO_BARCODE)
		es->flags |= NTMS_ELEMENT_F_NO_BARCODE;
	strscpy(es->barcode, m->barcode, sizeof(es->barcode));
}

/*
 * Append the @nr elements of @want_type at @base (@stride bytes apart) to
 * @out at @n, if @type asks for them; count only if @out is NULL.
 */
static u32 ntms_elements_add(struct ntms_element_status *out, u32 n, u32 type,
			     u32 want_type, const void *base, size_t stride,
			     u32 nr)
{
	u32 i;

	if (type != NTMS_TYPE_UNKNOWN && type != want_type)
		return n;
	for (i = 0; out && i < nr; i++)
		ntms_elements_fill(&out[n + i], base + i * stride, want_type);
	return n + nr;
}

/* @lib's elements of @type (UNKNOWN: all); count only if @out is NULL */
static u32 ntms_elements_list_locked(struct ntms_library *lib, u32 type,
				     struct ntms_element_status *out)
{
	u32 n = 0;

	n = ntms_elements_add(out, n, type, NTMS_TYPE_CHANGER, lib->changers,
			      sizeof(*lib->changers), lib->nr_changers);
	n = ntms_elements_add(out, n, type, NTMS_TYPE_STORAGESLOT, lib->slots,
			      sizeof(*lib->slots), lib->nr_slots);
	n = ntms_elements_add(out, n, type, NTMS_TYPE_IEPORT, lib->ports,
			      sizeof(*lib->ports), lib->nr_ports);
	/* a drive's element is its first member */
	BUILD_BUG_ON(offsetof(struct ntms_drive, el));
	n = ntms_elements_add(out, n, type, NTMS_TYPE_DRIVE, lib->drives,
			      sizeof(*lib->drives), lib->nr_drives);
	return n;
}

/**
 * ntms_elements_ioctl() - NTMS_IOC_GET_ELEMENTS
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_get_elements
 *
 * Needs USE access to the library (every session has it), as an
 * enumeration does; works in a disabled library.
 *
 * Context: process context.
 * Return: 0; -EOVERFLOW with the needed count written back; -EINVAL a
 * type that is no element's; -EFAULT; -ENOENT unknown library, or not a
 * library; -ENODEV its changer is gone; -ENOMEM.
 */
int ntms_elements_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_get_elements *ge = c->arg;
	struct ntms_element_status *out = NULL;
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret = 0;
	u32 n;

	switch (ge->type) {
	case NTMS_TYPE_UNKNOWN:
	case NTMS_TYPE_CHANGER:
	case NTMS_TYPE_STORAGESLOT:
	case NTMS_TYPE_IEPORT:
	case NTMS_TYPE_DRIVE:
		break;
	default:
		return -EINVAL;
	}
	if (ge->count && !ge->elements)
		return -EFAULT;
	obj = ntms_check_lookup(s, &ge->library, NTMS_TYPE_LIBRARY,
				NTMS_ACCESS_USE, NTMS_CHECK_DISABLED, &lib);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	n = ntms_elements_list_locked(lib, ge->type, NULL);
	if (n && n <= ge->count) {
		out = kvmalloc_array(n, sizeof(*out), GFP_KERNEL);
		if (out)
			ntms_elements_list_locked(lib, ge->type, out);
		else
			ret = -ENOMEM;
	}
	ntms_library_unlock_put(lib);
	if (ret)
		return ret;
	c->write_back = true;
	ret = n > ge->count ? -EOVERFLOW : 0;
	ge->count = n;
	if (out)
		return ntms_call_copy_out(c, ge->elements, out,
					  array_size(n, sizeof(*out)));
	return ret;
}
