// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: the checks every operation makes, in the order the uapi
 * documents them: session (the file is a session: the VFS), parameters
 * (the character device and the operation), object (-ENOENT; a second
 * object in another library: -EXDEV), library valid (-ENODEV), access
 * (-EACCES), enabled (-ESHUTDOWN), the operation's own state checks,
 * database (-EUCLEAN), room (-ENOSPC), memory (-ENOMEM).
 *
 * Each check is made here once; the operations only call them.
 */

#include <linux/err.h>
#include <linux/string.h>

#include "ntms_call.h"
#include "ntms_request.h"

/**
 * ntms_check_library_locked() - the library checks of an operation
 * @s: the session
 * @lib: the library the operation acts in
 * @access: NTMS_ACCESS_* the operation needs in @lib
 * @flags: NTMS_CHECK_*
 *
 * In order: the operation needs a changer (%NTMS_CHECK_CHANGER:
 * -EOPNOTSUPP for a standalone drive's library), library valid (-ENODEV:
 * changer removed, or a standalone drive's tape device removed), access
 * (-EACCES), library enabled (-ESHUTDOWN; not with %NTMS_CHECK_DISABLED).
 *
 * Context: the library's lock held.
 * Return: 0 or the negative errno of the first check that fails.
 */
int ntms_check_library_locked(struct ntms_session *s, struct ntms_library *lib,
			      u32 access, unsigned int flags)
{
	ntms_lib_assert_held(lib);
	if ((flags & NTMS_CHECK_CHANGER) &&
	    lib->lib_type != NTMS_LIBRARY_TYPE_ONLINE)
		return -EOPNOTSUPP;
	if (lib->op_state == NTMS_OPSTATE_NOT_PRESENT)
		return -ENODEV;
	if (!(ntms_session_access(s, lib) & access))
		return -EACCES;
	if (!(flags & NTMS_CHECK_DISABLED) && !lib->obj.enabled)
		return -ESHUTDOWN;
	return 0;
}

/**
 * ntms_check_lookup() - find the object an operation names, lock its
 * library and check that the session may act on it
 * @s: the session
 * @guid: the object
 * @type: the &enum ntms_object_type the operation needs
 * @access: NTMS_ACCESS_* the operation needs in the object's library
 * @flags: NTMS_CHECK_*
 *
 * In order: object (-ENOENT: unknown, or not of @type), then those of
 * ntms_check_library_locked() on its library, then the object itself
 * enabled (-ESHUTDOWN; not with %NTMS_CHECK_DISABLED).
 *
 * @libp: out: on success, the object's library, locked and referenced
 *	(ntms_library_unlock_put())
 *
 * Context: process context; no lock held; sleeps.
 * Return: the object, or an ERR_PTR() of the first check that fails
 * (nothing locked then).
 */
struct ntms_object *ntms_check_lookup(struct ntms_session *s,
				      const struct ntms_guid *guid, u32 type,
				      u32 access, unsigned int flags,
				      struct ntms_library **libp)
{
	struct ntms_library *lib;
	struct ntms_object *obj;
	int ret;

	obj = ntms_object_lock(guid, &lib);
	if (!obj)
		return ERR_PTR(-ENOENT);
	ret = -ENOENT;
	if (obj->type != type)
		goto out_unlock;
	ret = ntms_check_library_locked(s, lib, access, flags);
	if (ret)
		goto out_unlock;
	ret = -ESHUTDOWN;
	if (!(flags & NTMS_CHECK_DISABLED) && !obj->enabled)
		goto out_unlock;
	*libp = lib;
	return obj;

out_unlock:
	ntms_library_unlock_put(lib);
	return ERR_PTR(ret);
}

/**
 * ntms_check_find_locked() - an object of a locked library, by GUID
 * @lib: the library
 * @guid: the object
 * @type: the &enum ntms_object_type it must have
 * @err: out, when NULL is returned: -ENOENT (unknown, or not of @type) or
 *	-EXDEV (in another library)
 *
 * Context: the library's lock held; the object is valid until it is
 * dropped.
 * Return: the object or NULL.
 */
struct ntms_object *ntms_check_find_locked(struct ntms_library *lib,
					   const struct ntms_guid *guid,
					   u32 type, int *err)
{
	struct ntms_object *obj;

	ntms_lib_assert_held(lib);
	mutex_lock(&ntms_db.lock);
	obj = ntms_object_find_locked(guid);
	mutex_unlock(&ntms_db.lock);
	if (!obj || obj->type != type) {
		*err = -ENOENT;
		return NULL;
	}
	if (obj->lib != lib) {
		*err = -EXDEV;
		return NULL;
	}
	return obj;
}

/**
 * ntms_check_media_locked() - a cartridge of a locked library
 * @lib: the library
 * @guid: the cartridge
 * @err: see ntms_check_find_locked()
 *
 * Context: the library's lock held.
 * Return: the cartridge or NULL.
 */
struct ntms_media *ntms_check_media_locked(struct ntms_library *lib,
					   const struct ntms_guid *guid,
					   int *err)
{
	struct ntms_object *obj;

	obj = ntms_check_find_locked(lib, guid, NTMS_TYPE_PHYSICAL_MEDIA, err);
	return obj ? container_of(obj, struct ntms_media, obj) : NULL;
}

/**
 * ntms_check_drive_locked() - a drive of a locked library
 * @lib: the library
 * @guid: the drive
 * @err: see ntms_check_find_locked()
 *
 * Context: the library's lock held.
 * Return: the drive or NULL.
 */
struct ntms_drive *ntms_check_drive_locked(struct ntms_library *lib,
					   const struct ntms_guid *guid,
					   int *err)
{
	struct ntms_object *obj;

	obj = ntms_check_find_locked(lib, guid, NTMS_TYPE_DRIVE, err);
	return obj ? container_of(obj, struct ntms_drive, el.obj) : NULL;
}

/**
 * ntms_check_media_lock() - the cartridges of a call, and their library
 * @media: @count GUIDs
 * @count: at least one
 * @ms: out: the @count cartridges
 * @libp: out: on success, their library, locked and referenced
 *
 * The library of the first cartridge is locked; each cartridge must be
 * known (-ENOENT) and in it (-EXDEV), checked in the call's order.
 *
 * Context: process context; no lock held; sleeps.
 * Return: 0 or the negative errno of the first cartridge that fails.
 */
int ntms_check_media_lock(const struct ntms_guid *media, u32 count,
			  struct ntms_media **ms, struct ntms_library **libp)
{
	struct ntms_library *lib;
	int ret;
	u32 i;

	if (!ntms_object_lock(&media[0], &lib))
		return -ENOENT;
	for (i = 0; i < count; i++) {
		ms[i] = ntms_check_media_locked(lib, &media[i], &ret);
		if (!ms[i]) {
			ntms_library_unlock_put(lib);
			return ret;
		}
	}
	*libp = lib;
	return 0;
}

/**
 * ntms_check_queue_locked() - the last checks, then stage the request for
 * the call
 * @reqp: the request, allocated before the lock was taken, or NULL if that
 *	failed; set to NULL once the call owns it
 * @lib: its library
 * @flags: %NTMS_CHECK_DAMAGED: a damaged library is no reason to refuse
 * @c: the call, which publishes the request once @guid is in userspace
 * @guid: where the call's argument carries the request's GUID
 *
 * In order: database (-EUCLEAN: the library's state is damaged), room in
 * the request table (-ENOSPC), memory (-ENOMEM: no request). Then the
 * request is staged (ntms_request_stage_locked()).
 *
 * Context: the library's lock held.
 * Return: 0 or the negative errno of the first check that fails.
 */
int ntms_check_queue_locked(struct ntms_request **reqp,
			    struct ntms_library *lib, unsigned int flags,
			    struct ntms_call *c, struct ntms_guid *guid)
{
	struct ntms_request *req = *reqp;
	int ret;

	ntms_lib_assert_held(lib);
	if (!(flags & NTMS_CHECK_DAMAGED) && lib->damaged)
		return -EUCLEAN;
	ret = ntms_request_room();
	if (ret)
		return ret;
	if (!req)
		return -ENOMEM;
	ret = ntms_request_stage_locked(req, lib);
	if (ret)
		return ret;
	*guid = req->obj.guid;
	c->req = req;
	*reqp = NULL;
	return 0;
}

/**
 * ntms_check_guids() - the GUIDs of a call name each object once
 * @list: the GUIDs
 * @count: how many
 *
 * Context: any.
 * Return: 0, or -EINVAL when one is named twice.
 */
int ntms_check_guids(const struct ntms_guid *list, u32 count)
{
	u32 i, j;

	for (i = 0; i < count; i++)
		for (j = 0; j < i; j++)
			if (!memcmp(&list[i], &list[j], sizeof(*list)))
				return -EINVAL;
	return 0;
}
