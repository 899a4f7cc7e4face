// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: sessions. One per open file description of /dev/ntms; it keeps
 * the opener's credentials (which decide access), an application name
 * and its event ring. Also the ioctls about the session itself.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ntms_call.h"
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
	ntms_opreq_session_close(s);
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
 * ntms_session_version_ioctl() - NTMS_IOC_GET_VERSION
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_version_info
 *
 * Context: process context.
 * Return: 0.
 */
int ntms_session_version_ioctl(struct ntms_session *s, struct ntms_call *c)
{
	struct ntms_version_info *vi = c->arg;

	vi->api_version = NTMS_API_VERSION;
	vi->info_size = sizeof(struct ntms_object_info);
	vi->features = ntms_cdev_features();
	vi->event_size = sizeof(struct ntms_event);
	vi->max_requests = ntms_max_requests;
	vi->max_objects = ntms_max_objects;
	return 0;
}

/**
 * ntms_session_application_ioctl() - NTMS_IOC_SET_APPLICATION
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_session_setup
 *
 * Context: process context.
 * Return: 0, or -EINVAL (no NUL).
 */
int ntms_session_application_ioctl(struct ntms_session *s,
				   struct ntms_call *c)
{
	struct ntms_session_setup *ss = c->arg;

	/* the name must be terminated inside the field */
	if (!memchr(ss->application, '\0', sizeof(ss->application)))
		return -EINVAL;
	mutex_lock(&s->lock);
	strscpy(s->application, ss->application, sizeof(s->application));
	mutex_unlock(&s->lock);
	return 0;
}

#define NTMS_EVENT_TYPES_ALL	((1ULL << NTMS_TYPE_MAX) - 1)

/**
 * ntms_session_event_mask_ioctl() - NTMS_IOC_SET_EVENT_MASK
 * @s: the session
 * @c: the call; @c->arg is a &struct ntms_event_mask
 *
 * Context: process context.
 * Return: 0, or -EINVAL (a type that does not exist).
 */
int ntms_session_event_mask_ioctl(struct ntms_session *s,
				  struct ntms_call *c)
{
	struct ntms_event_mask *em = c->arg;

	/* only object types that exist */
	if (em->types & ~NTMS_EVENT_TYPES_ALL)
		return -EINVAL;
	return ntms_event_set_mask(s, em->types);
}
