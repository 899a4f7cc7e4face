/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ntmsctl: control tape libraries through libntms. Uses only the public
 * API of <ntmsapi.h>: it is the proof that the API suffices.
 *
 * Files: main.c (options, dispatch, errors, output helpers), object.c
 * (the object cache and naming), list.c (list, state names), info.c
 * (info), command.c (mount, dismount, inventory, door, identify, unload,
 * enable, disable, cancel, watch, and waiting for requests), port.c
 * (inject, eject), request.c (order, delete).
 */
#ifndef NTMSCTL_H
#define NTMSCTL_H

#include <stdbool.h>
#include <stddef.h>

#include <ntmsapi.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Exit statuses. */
#define EXIT_API	1	/* an API call (or a name lookup) failed */
#define EXIT_USAGE	2	/* bad command line */

/* Text form of a GUID: 36 characters, 38 with braces, + NUL. */
#define GUID_STR_LEN	39

/**
 * struct obj - one object as GetNtmsObjectInformation() describes it
 * @info: the information (info.ObjectGuid, info.dwType)
 * @lib: the library it belongs to, NULL for libraries and when unknown
 * @name: the ntmsctl name ("ntms0", "ntms0:drive1", a barcode, a GUID)
 * @address: element address (derived: the library's first address of the
 *	type + Number), or -1
 */
struct obj {
	NTMS_OBJECTINFORMATION info;
	struct obj *lib;
	char name[96];
	long address;
};

/* The options every command sees. */
struct opts {
	bool json;
	bool full_guid;
	bool wait;
	bool progress;		/* stderr is a terminal */
	DWORD timeout;		/* --timeout, ms; INFINITE if not given */
	bool timeout_set;
};

extern HANDLE session;
extern struct opts opt;

/* main.c */
const char *err_name(DWORD code);
int fail(DWORD code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guid_format(char *buf, const NTMS_GUID *g, bool braces);
bool guid_parse(const char *s, NTMS_GUID *g);
bool guid_equal(const NTMS_GUID *a, const NTMS_GUID *b);
const char *guid_show(const NTMS_GUID *g, char *buf);
void json_string(const char *s);
void progress(const char *what, double seconds);
void progress_end(void);
double now_s(void);
void msleep(unsigned int ms);
bool parse_uint(const char *s, unsigned long *val);

/* object.c */
const char *type_name(DWORD type);
DWORD type_from_name(const char *s);
DWORD objects_load(DWORD type, struct obj ***list, size_t *count);
struct obj *object_by_guid(const NTMS_GUID *id);
DWORD object_probe(const NTMS_GUID *id, struct obj **out);
int object_resolve(const char *name, DWORD want, struct obj **out);
struct obj *media_in(const struct obj *element);
const char *obj_label(const NTMS_GUID *id, char *buf);
void objects_forget(void);

/* list.c */
int cmd_list(int argc, char **argv);
const char *drive_state_name(DWORD s);
const char *media_state_name(DWORD s);
const char *request_state_name(DWORD s);
const char *request_op_name(DWORD s);
const char *opreq_name(DWORD s);
const char *opreq_state_name(DWORD s);
const char *library_type_name(DWORD s);
const char *opstate_name(DWORD s);
const char *slot_state_name(DWORD s);
const char *port_content_name(DWORD s);
const char *port_position_name(DWORD s);
void format_time(char *buf, size_t len, const SYSTEMTIME *st);

/* info.c */
int cmd_info(int argc, char **argv);

/* command.c */
DWORD request_follow(const NTMS_GUID *req, const char *what,
		     NTMS_OBJECTINFORMATION *info);
int cmd_mount(int argc, char **argv);
int cmd_dismount(int argc, char **argv);
int cmd_dismount_media(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_cleaner(int argc, char **argv);
int cmd_inventory(int argc, char **argv);
int cmd_door(int argc, char **argv);
int cmd_identify(int argc, char **argv);
int cmd_cleaner_slot(int argc, char **argv);
int cmd_unload(int argc, char **argv);
int cmd_enable(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_cancel(int argc, char **argv);
int cmd_watch(int argc, char **argv);

/* request.c */
int cmd_order(int argc, char **argv);
int cmd_delete(int argc, char **argv);

/* opreq.c */
int cmd_opreq(int argc, char **argv);

/* port.c */
int cmd_inject(int argc, char **argv);
int cmd_eject(int argc, char **argv);

#endif /* NTMSCTL_H */
