// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl order, ntmsctl delete: the request queue and the database.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ntmsctl.h"

/* ntmsctl order REQUEST [PLACE] */
int cmd_order(int argc, char **argv)
{
	char g[GUID_STR_LEN];
	unsigned long place;
	struct obj *o;
	NTMS_GUID id;
	DWORD ret, n;
	int err;

	if (argc != 1 && argc != 2)
		return usage_error("order needs a REQUEST, and a PLACE to move it to");
	if (argc == 2 && (!parse_uint(argv[1], &place) || !place ||
			  place > 0xffffffffUL))
		return usage_error("bad PLACE '%s' (1 is the next to run)",
				   argv[1]);
	err = object_resolve(argv[0], NTMS_LIBREQUEST, &o);
	if (err)
		return err;
	id = o->info.ObjectGuid;
	guid_format(g, &id, true);
	if (argc == 2) {
		ret = SetNtmsRequestOrder(session, &id, (DWORD)place);
		if (ret)
			return fail(ret, "move request %s", g);
	}
	ret = GetNtmsRequestOrder(session, &id, &n);
	if (ret)
		return fail(ret, "place of request %s", g);
	if (n)
		printf("request %s: place %lu in the queue\n", g,
		       (unsigned long)n);
	else
		printf("request %s: not queued (running or ended)\n", g);
	return 0;
}

/* has request @o (of type @type) ended? */
static bool request_ended(const struct obj *o, DWORD type)
{
	DWORD st;

	if (type == NTMS_OPREQUEST) {
		st = o->info.Info.OpRequest.State;
		return st == NTMS_OPSTATE_COMPLETE || st == NTMS_OPSTATE_REFUSED;
	}
	st = o->info.Info.LibRequest.State;
	return st == NTMS_LM_PASSED || st == NTMS_LM_FAILED ||
	       st == NTMS_LM_CANCELLED || st == NTMS_LM_STOPPED ||
	       st == NTMS_LM_INVALID;
}

/* the ended requests of @type, for "delete requests" without a list */
static DWORD ended_requests(DWORD type, NTMS_GUID **ids, DWORD *n)
{
	struct obj **reqs;
	size_t count, i;
	DWORD ret;

	*n = 0;
	ret = objects_load(type, &reqs, &count);
	if (ret)
		return ret;
	*ids = calloc(count ? count : 1, sizeof(**ids));
	if (!*ids)
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < count; i++)
		if (request_ended(reqs[i], type))
			(*ids)[(*n)++] = reqs[i]->info.ObjectGuid;
	return ERROR_SUCCESS;
}

/* delete requests|opreqs [REQUEST...] */
static int delete_requests(DWORD type, int argc, char **argv)
{
	NTMS_GUID *ids;
	struct obj *o;
	DWORD ret, n;
	int i, err;

	if (argc) {
		ids = calloc(argc, sizeof(*ids));
		if (!ids)
			return fail(ERROR_NOT_ENOUGH_MEMORY, "delete requests");
		for (i = 0; i < argc; i++) {
			err = object_resolve(argv[i], type, &o);
			if (err) {
				free(ids);
				return err;
			}
			ids[i] = o->info.ObjectGuid;
		}
		n = argc;
	} else {
		ret = ended_requests(type, &ids, &n);
		if (ret)
			return fail(ret, "list requests");
	}
	ret = n ? DeleteNtmsRequests(session, ids, type, n) : 0;
	free(ids);
	if (ret)
		return fail(ret, "delete requests");
	printf("requests: %lu named, ended ones deleted\n", (unsigned long)n);
	return 0;
}

/* ntmsctl delete requests [REQUEST...] | library LIBRARY | drive DRIVE */
int cmd_delete(int argc, char **argv)
{
	struct obj *o;
	NTMS_GUID id;
	DWORD type, ret;
	int err;

	if (argc < 1)
		return usage_error("delete needs requests, opreqs, library or drive");
	type = type_from_name(argv[0]);
	if (type == NTMS_LIBREQUEST || type == NTMS_OPREQUEST)
		return delete_requests(type, argc - 1, argv + 1);
	if (type != NTMS_LIBRARY && type != NTMS_DRIVE)
		return usage_error("cannot delete a '%s' (requests, opreqs, library or drive)",
				   argv[0]);
	if (argc != 2)
		return usage_error("delete %s needs one OBJECT", argv[0]);
	err = object_resolve(argv[1], type, &o);
	if (err)
		return err;
	id = o->info.ObjectGuid;
	ret = type == NTMS_LIBRARY ? DeleteNtmsLibrary(session, &id) :
				     DeleteNtmsDrive(session, &id);
	if (ret)
		return fail(ret, "delete %s", o->name);
	printf("%s: deleted\n", o->name);
	return 0;
}
