// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl opreq: operator requests (SubmitNtmsOperatorRequest and the
 * three that follow it).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ntmsctl.h"

/* the command for a word of the command line ("message", "service"...) */
static DWORD opreq_from_word(const char *s)
{
	static const struct {
		const char *word;
		DWORD request;
	} words[] = {
		{ "message", NTMS_OPREQ_MESSAGE },
		{ "service", NTMS_OPREQ_DEVICESERVICE },
		{ "cleaner", NTMS_OPREQ_CLEANER },
		{ "move", NTMS_OPREQ_MOVEMEDIA },
		{ "newmedia", NTMS_OPREQ_NEWMEDIA },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcasecmp(s, words[i].word) ||
		    !strcasecmp(s, opreq_name(words[i].request)))
			return words[i].request;
	return NTMS_OPREQ_UNKNOWN;
}

/* an object argument; "-" for none. Return: 0 or the exit status. */
static int opreq_arg(const char *name, DWORD want, NTMS_GUID *id, bool *set)
{
	struct obj *o;
	int err;

	*set = false;
	if (!strcmp(name, "-"))
		return 0;
	err = object_resolve(name, want, &o);
	if (err)
		return err;
	*id = o->info.ObjectGuid;
	*set = true;
	return 0;
}

/*
 * opreq submit message TEXT | service OBJECT [TEXT] | cleaner OBJECT
 * [TEXT] | move MEDIA LIBRARY [TEXT] | newmedia LIBRARY|- [TEXT]
 */
static int opreq_submit(int argc, char **argv)
{
	DWORD request, ret;
	NTMS_GUID a1, a2, id;
	bool s1 = false, s2 = false;
	const char *text = "";
	char g[GUID_STR_LEN];
	int nargs, err;

	if (argc < 2)
		return usage_error("opreq submit needs a KIND and its arguments");
	request = opreq_from_word(argv[0]);
	switch (request) {
	case NTMS_OPREQ_MESSAGE:
		nargs = 0;
		break;
	case NTMS_OPREQ_MOVEMEDIA:
		nargs = 2;
		break;
	case NTMS_OPREQ_DEVICESERVICE:
	case NTMS_OPREQ_CLEANER:
	case NTMS_OPREQ_NEWMEDIA:
		nargs = 1;
		break;
	default:
		return usage_error("unknown operator request '%s' (message, service, cleaner, move, newmedia)",
				   argv[0]);
	}
	if (argc - 1 < nargs || argc - 1 > nargs + 1)
		return usage_error("opreq submit %s takes %d OBJECT%s and a TEXT",
				   argv[0], nargs, nargs == 1 ? "" : "s");
	if (argc - 1 > nargs)
		text = argv[argc - 1];
	if (request == NTMS_OPREQ_MOVEMEDIA) {
		err = opreq_arg(argv[1], NTMS_PHYSICAL_MEDIA, &a1, &s1);
		if (!err)
			err = opreq_arg(argv[2], NTMS_LIBRARY, &a2, &s2);
	} else if (request == NTMS_OPREQ_NEWMEDIA) {
		err = opreq_arg(argv[1], NTMS_LIBRARY, &a2, &s2);
	} else if (nargs) {
		err = opreq_arg(argv[1], NTMS_UNKNOWN, &a1, &s1);
	} else {
		err = 0;
	}
	if (err)
		return err;
	ret = SubmitNtmsOperatorRequest(session, request, text,
					s1 ? &a1 : NULL, s2 ? &a2 : NULL, &id);
	if (ret)
		return fail(ret, "submit operator request");
	guid_format(g, &id, true);
	printf("operator request %s: submitted\n", g);
	if (!opt.wait)
		return 0;
	ret = WaitForNtmsOperatorRequest(session, &id, opt.timeout);
	if (ret)
		return fail(ret, "operator request %s", g);
	printf("operator request %s: satisfied\n", g);
	return 0;
}

/* opreq satisfy|cancel|wait OPREQ */
static int opreq_act(const char *verb, int argc, char **argv)
{
	char g[GUID_STR_LEN];
	struct obj *o;
	NTMS_GUID id;
	DWORD ret;
	int err;

	if (argc != 1)
		return usage_error("opreq %s needs one OPREQ", verb);
	err = object_resolve(argv[0], NTMS_OPREQUEST, &o);
	if (err)
		return err;
	id = o->info.ObjectGuid;
	guid_format(g, &id, true);
	if (!strcmp(verb, "satisfy"))
		ret = SatisfyNtmsOperatorRequest(session, &id);
	else if (!strcmp(verb, "cancel"))
		ret = CancelNtmsOperatorRequest(session, &id);
	else
		ret = WaitForNtmsOperatorRequest(session, &id, opt.timeout);
	if (ret)
		return fail(ret, "%s operator request %s", verb, g);
	printf("operator request %s: %s\n", g,
	       !strcmp(verb, "cancel") ? "cancelled" : "satisfied");
	return 0;
}

/* ntmsctl opreq list|submit|satisfy|cancel|wait ... */
int cmd_opreq(int argc, char **argv)
{
	char *list_argv[] = { "opreqs" };

	if (!argc || !strcmp(argv[0], "list")) {
		if (argc > 1)
			return usage_error("opreq list takes no arguments");
		return cmd_list(1, list_argv);
	}
	if (!strcmp(argv[0], "submit"))
		return opreq_submit(argc - 1, argv + 1);
	if (!strcmp(argv[0], "satisfy") || !strcmp(argv[0], "cancel") ||
	    !strcmp(argv[0], "wait"))
		return opreq_act(argv[0], argc - 1, argv + 1);
	return usage_error("unknown opreq command '%s' (list, submit, satisfy, cancel, wait)",
			   argv[0]);
}
