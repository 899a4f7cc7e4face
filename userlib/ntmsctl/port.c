// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: inject and eject, through the import/export ports (mail
 * slots). Both queue a request with the libntms extensions that can name
 * one port (InjectNtmsMediaEx(), EjectNtmsMediaEx()), then wait for it to
 * end, with progress on a terminal, as mount does. --timeout bounds the
 * wait; a request still queued then is stopped (NTMS_*_STOP), as
 * MountNtmsMedia() cancels its own. --json prints the outcome as one
 * object with the keys of "list requests --json", plus "port".
 */
#include <stdio.h>
#include <string.h>

#include "ntmsctl.h"
#include "options.h"

/**
 * struct port_op - one inject or eject
 * @verb: "inject" or "eject", the command
 * @operation: NTMS_LM_INJECT or NTMS_LM_EJECT
 * @key: the JSON key naming @target ("library" or "media")
 * @target: the library (inject) or the cartridge (eject)
 * @port: --port, or NULL for any
 * @call: queues (@stop false) or stops (@stop true) the request @req
 */
struct port_op {
	const char *verb;
	DWORD operation;
	const char *key;
	struct obj *target;
	struct obj *port;
	DWORD (*call)(NTMS_GUID *target, NTMS_GUID *port, NTMS_GUID *req,
		      bool stop);
};

static DWORD inject_call(NTMS_GUID *library, NTMS_GUID *port, NTMS_GUID *req,
			 bool stop)
{
	return InjectNtmsMediaEx(session, library, port, req,
				 stop ? NTMS_INJECT_STOP : NTMS_INJECT_START);
}

static DWORD eject_call(NTMS_GUID *media, NTMS_GUID *port, NTMS_GUID *req,
			bool stop)
{
	return EjectNtmsMediaEx(session, media, port, req,
				stop ? NTMS_EJECT_STOP : NTMS_EJECT_START);
}

/* The --json outcome; @state NULL when the request is no longer listed. */
static void port_json(const struct port_op *p, const NTMS_GUID *req,
		      const char *state, DWORD error)
{
	char g[GUID_STR_LEN];

	guid_format(g, req, false);
	printf("{\"guid\":\"%s\",\"operation\":", g);
	json_string(request_op_name(p->operation));
	fputs(",\"state\":", stdout);
	if (state)
		json_string(state);
	else
		fputs("null", stdout);
	printf(",\"%s\":", p->key);
	json_string(p->target->name);
	fputs(",\"port\":", stdout);
	if (p->port)
		json_string(p->port->name);
	else
		fputs("null", stdout);
	fputs(",\"error\":", stdout);
	if (error)
		json_string(err_name(error));
	else
		fputs("null", stdout);
	puts("}");
}

/* Queue @p, wait for its request, report. Return: the exit status. */
static int port_run(const struct port_op *p)
{
	NTMS_GUID id = p->target->info.ObjectGuid, port, req = NTMS_NULLGUID;
	NTMS_OBJECTINFORMATION info;
	NTMS_LIBREQUESTINFORMATION *r = &info.Info.LibRequest;
	char what[224], g[GUID_STR_LEN];
	const char *state;
	DWORD ret, error;

	snprintf(what, sizeof(what), "%s%s %s%s%s", p->verb,
		 p->operation == NTMS_LM_INJECT ? " into" : "", p->target->name,
		 p->port ? " through " : "", p->port ? p->port->name : "");
	if (p->port)
		port = p->port->info.ObjectGuid;
	ret = p->call(&id, p->port ? &port : NULL, &req, false);
	if (ret)
		return fail(ret, "%s", what);
	guid_format(g, &req, true);
	if (!opt.json)
		printf("%s: queued as request %s\n", what, g);

	ret = request_follow(&req, what, &info);
	progress_end();
	if (ret == ERROR_TIMEOUT) {
		/* not started yet: take it back */
		if (!p->call(&id, NULL, &req, true))
			r->State = NTMS_LM_CANCELLED;
		if (opt.json)
			port_json(p, &req, request_state_name(r->State), ret);
		return fail(ret, "%s: request %s still %s", what, g,
			    request_state_name(r->State));
	}
	if (ret == ERROR_OBJECT_NOT_FOUND) {	/* ended and forgotten */
		if (opt.json)
			port_json(p, &req, NULL, 0);
		else
			printf("request %s: ended (no longer listed)\n", g);
		return 0;
	}
	if (ret)
		return fail(ret, "waiting for request %s", g);

	state = request_state_name(r->State);
	error = 0;
	if (r->State != NTMS_LM_PASSED)
		error = r->dwErrorCode ? r->dwErrorCode : ERROR_CANCELLED;
	if (opt.json)
		port_json(p, &req, state, error);
	else
		printf("request %s: %s\n", g, state);
	if (error)
		return fail(error, "%s: request %s", what, g);
	return 0;
}

/*
 * inject and eject: resolve the one argument as @type and --port, then
 * run @p. Return: the exit status.
 */
static int port_command(int argc, char **argv, struct port_op *p,
			DWORD type)
{
	struct obj target;
	int err;

	if (argc != 1)
		return usage_error("%s needs one %s", p->verb,
				   type == NTMS_LIBRARY ? "LIBRARY" : "MEDIA");
	err = object_resolve(argv[0], type, &p->target);
	if (err)
		return err;
	target = *p->target;	/* resolving the port may reuse its storage */
	p->target = &target;
	p->port = NULL;
	if (copt.port) {
		err = object_resolve(copt.port, NTMS_IEPORT, &p->port);
		if (err)
			return err;
	}
	return port_run(p);
}

/* ntmsctl inject LIBRARY [--port PORT] [--timeout MS] [--json] */
int cmd_inject(int argc, char **argv)
{
	struct port_op p = {
		.verb = "inject", .operation = NTMS_LM_INJECT,
		.key = "library", .call = inject_call,
	};

	return port_command(argc, argv, &p, NTMS_LIBRARY);
}

/* ntmsctl eject MEDIA [--port PORT] [--timeout MS] [--json] */
int cmd_eject(int argc, char **argv)
{
	struct port_op p = {
		.verb = "eject", .operation = NTMS_LM_EJECT, .key = "media",
		.call = eject_call,
	};

	return port_command(argc, argv, &p, NTMS_PHYSICAL_MEDIA);
}
