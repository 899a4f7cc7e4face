// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: sessions. One per open file description of /dev/ntms; it keeps
 * the opener's credentials (which decide access) and an application
 * name. The ioctl helpers here copy arguments in, validate every field,
 * call the database and copy results out.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ntms_internal.h"
#include "ntms_request.h"

/**
 * ntms_session_open() - create a session
 * @file: the file being opened; its credentials are kept, and whether
 *	the opener had CAP_SYS_ADMIN
 *
 * Context: process context.
 * Return: the session or NULL (out of memory).
 */
struct ntms_session *ntms_session_open(struct file *file)
{
	struct ntms_session *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	mutex_init(&s->lock);
	s->cred = get_cred(file->f_cred);
	s->admin = file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN);
	if (ntms_event_open(s)) {
		put_cred(s->cred);
		kfree(s);
		return NULL;
	}
	return s;
}

/**
 * ntms_session_close() - end a session
 * @s: the session
 *
 * Context: process context (release of the last file reference).
 */
void ntms_session_close(struct ntms_session *s)
{
	ntms_request_session_close(s);
	ntms_event_close(s);
	put_cred(s->cred);
	mutex_destroy(&s->lock);
	kfree(s);
}

/* is the opener a member of @gid (primary or supplementary)? */
static bool ntms_session_in_group(struct ntms_session *s, kgid_t gid)
{
	const struct group_info *gi = s->cred->group_info;
	int i;

	if (!gid_valid(gid))
		return false;
	if (gid_eq(s->cred->egid, gid) || gid_eq(s->cred->fsgid, gid))
		return true;
	for (i = 0; gi && i < gi->ngroups; i++)
		if (gid_eq(gi->gid[i], gid))
			return true;
	return false;
}

/**
 * ntms_session_access() - the rights of a session in a library
 * @s: the session
 * @lib: the library
 *
 * CAP_SYS_ADMIN (in the initial user namespace, as the opener had it)
 * gives USE, MODIFY and CONTROL; everybody else who could open the
 * device has USE, plus MODIFY or CONTROL when a member of the group the
 * administrator granted it to in the library's sysfs attributes
 * ntms_modify_gid and ntms_control_gid (CONTROL implies MODIFY).
 *
 * Context: any.
 * Return: NTMS_ACCESS_* mask.
 */
u32 ntms_session_access(struct ntms_session *s, struct ntms_library *lib)
{
	u32 access = NTMS_ACCESS_USE;

	if (s->admin)
		return NTMS_ACCESS_USE | NTMS_ACCESS_MODIFY |
		       NTMS_ACCESS_CONTROL;
	if (ntms_session_in_group(s, READ_ONCE(lib->control_gid)))
		access |= NTMS_ACCESS_MODIFY | NTMS_ACCESS_CONTROL;
	if (ntms_session_in_group(s, READ_ONCE(lib->modify_gid)))
		access |= NTMS_ACCESS_MODIFY;
	return access;
}

/**
 * ntms_session_get_version() - NTMS_IOC_GET_VERSION
 * @s: the session
 * @argp: user pointer to &struct ntms_version_info
 *
 * Context: process context.
 * Return: 0 or -EFAULT.
 */
int ntms_session_get_version(struct ntms_session *s, void __user *argp)
{
	struct ntms_version_info vi = {
		.api_version = NTMS_API_VERSION,
		.info_size = sizeof(struct ntms_object_info),
		.features = NTMS_FEATURE_ENUMERATE | NTMS_FEATURE_INFO |
			    ntms_request_features(),
		.event_size = sizeof(struct ntms_event),
		.max_requests = ntms_max_requests,
		.max_objects = ntms_max_objects,
	};

	if (copy_to_user(argp, &vi, sizeof(vi)))
		return -EFAULT;
	return 0;
}

/**
 * ntms_session_set_application() - NTMS_IOC_SET_APPLICATION
 * @s: the session
 * @argp: user pointer to &struct ntms_session_setup
 *
 * Context: process context.
 * Return: 0, -EFAULT, or -EINVAL (flags, padding, or no NUL).
 */
int ntms_session_set_application(struct ntms_session *s, void __user *argp)
{
	struct ntms_session_setup ss;

	if (copy_from_user(&ss, argp, sizeof(ss)))
		return -EFAULT;
	/* no flags are defined */
	if (ss.flags)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(ss.padding, 0, sizeof(ss.padding)))
		return -EINVAL;
	/* the name must be terminated inside the field */
	if (!memchr(ss.application, '\0', sizeof(ss.application)))
		return -EINVAL;
	mutex_lock(&s->lock);
	strscpy(s->application, ss.application, sizeof(s->application));
	mutex_unlock(&s->lock);
	return 0;
}

/**
 * ntms_session_enumerate() - NTMS_IOC_ENUMERATE
 * @s: the session
 * @argp: user pointer to &struct ntms_enumerate
 *
 * Context: process context.
 * Return: 0; -EOVERFLOW with the needed count written back; -EINVAL,
 * -EFAULT, -ENOENT, -ENODEV, -ENOMEM.
 */
int ntms_session_enumerate(struct ntms_session *s, void __user *argp)
{
	struct ntms_enumerate __user *uen = argp;
	struct ntms_guid *list;
	struct ntms_enumerate en;
	u32 count = 0;
	int ret;

	if (copy_from_user(&en, argp, sizeof(en)))
		return -EFAULT;
	/* only defined flags */
	if (en.flags & ~NTMS_ENUMERATE_F_ALL)
		return -EINVAL;
	/* reserved for growth */
	if (memchr_inv(en.padding, 0, sizeof(en.padding)))
		return -EINVAL;
	/* a real type */
	if (en.type == NTMS_TYPE_UNKNOWN || en.type >= NTMS_TYPE_MAX)
		return -EINVAL;
	/* no container: must be zero */
	if (!(en.flags & NTMS_ENUMERATE_F_CONTAINER) &&
	    memchr_inv(&en.container, 0, sizeof(en.container)))
		return -EINVAL;
	/* a list to fill needs a pointer */
	if (en.count && !en.list)
		return -EFAULT;

	ret = ntms_object_enumerate(&en, &list, &count);
	if (ret && ret != -EOVERFLOW)
		return ret;
	if (!ret && count &&
	    copy_to_user(u64_to_user_ptr(en.list), list,
			 array_size(count, sizeof(*list))))
		ret = -EFAULT;
	kvfree(list);
	if (ret == -EFAULT)
		return ret;
	if (put_user(count, &uen->count))
		return -EFAULT;
	return ret;
}

/**
 * ntms_session_get_info() - NTMS_IOC_GET_INFO
 * @s: the session
 * @argp: user pointer to &struct ntms_object_info
 *
 * Context: process context.
 * Return: 0, -EFAULT, -EINVAL (flags, type), -ENOENT, -EOPNOTSUPP.
 */
int ntms_session_get_info(struct ntms_session *s, void __user *argp)
{
	struct ntms_object_info *oi;
	int ret;

	oi = kzalloc(sizeof(*oi), GFP_KERNEL);
	if (!oi)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(oi, argp, offsetof(struct ntms_object_info, enabled)))
		goto out_free;
	ret = -EINVAL;
	/* no flags are defined */
	if (oi->flags)
		goto out_free;
	/* a known type, or UNKNOWN for any */
	if (oi->type >= NTMS_TYPE_MAX)
		goto out_free;
	ret = ntms_object_get_info(s, oi);
	if (ret)
		goto out_free;
	if (copy_to_user(argp, oi, sizeof(*oi)))
		ret = -EFAULT;
out_free:
	kfree(oi);
	return ret;
}
