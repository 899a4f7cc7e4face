// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ntmsctl: options, dispatch, error reporting and small helpers.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ntmsctl.h"
#include "options.h"

HANDLE session = INVALID_HANDLE_VALUE;
struct opts opt = { .timeout = INFINITE };
struct cmd_opts copt;

static const char usage_text[] =
"Usage: ntmsctl [OPTIONS] COMMAND [ARGS]\n"
"\n"
"Control SCSI tape libraries through the ntms driver (libntms).\n"
"\n"
"Commands:\n"
"  list [libraries|drives|slots|ports|media|requests|changers|opreqs]\n"
"                              list objects (default: libraries)\n"
"  info OBJECT                 everything GetNtmsObjectInformation says\n"
"  mount MEDIA [--drive DRIVE] [--read|--write] [--timeout MS]\n"
"                              mount a cartridge and wait for it\n"
"  dismount DRIVE [--wait]     return the drive's cartridge to its slot\n"
"  dismount-media MEDIA [--deferred] [--wait]\n"
"                              dismount a cartridge\n"
"  eject MEDIA [--port PORT] [--timeout MS]\n"
"                              move a cartridge to a mail slot, and wait\n"
"  inject LIBRARY [--port PORT] [--timeout MS]\n"
"                              import what is in the mail slots, and wait\n"
"  inventory LIBRARY [--fast|--full] [--wait]\n"
"                              re-read the library's contents\n"
"  door LIBRARY [--fast|--full] [--wait]\n"
"                              let an operator in, then re-read\n"
"  identify SLOT [--wait]      re-read one storage slot and its barcode\n"
"  unload DRIVE                unload a standalone drive's cartridge\n"
"  cleaner-slot reserve SLOT   keep a storage slot for the cleaning\n"
"                              cartridge\n"
"  cleaner-slot release LIBRARY\n"
"                              give it back to data cartridges\n"
"  clean DRIVE [--wait]        clean a drive with the library's cleaner\n"
"  cleaner inject LIBRARY CLEANS [--wait]\n"
"                              take the cleaning cartridge the operator\n"
"                              put in a mail slot, with CLEANS cleanings\n"
"  cleaner eject LIBRARY [--wait]\n"
"                              move the cleaner to a mail slot\n"
"  enable TYPE OBJECT          TYPE: drive, library or media\n"
"  disable TYPE OBJECT\n"
"  cancel REQUEST              cancel a queued library request\n"
"  order REQUEST [PLACE]       show a queued request's place, or move it\n"
"                              (1: the next to run)\n"
"  delete requests [REQUEST...] forget ended requests (default: all)\n"
"  delete opreqs [OPREQ...]    forget ended operator requests (default: all)\n"
"  delete library|drive OBJECT forget a library or standalone drive that\n"
"                              is gone\n"
"  opreq [list]                list the operator requests\n"
"  opreq submit KIND [OBJECT...] [TEXT] [--wait]\n"
"                              ask an operator: message TEXT, service\n"
"                              OBJECT, cleaner LIBRARY|SLOT, move MEDIA\n"
"                              LIBRARY, newmedia LIBRARY|-\n"
"  opreq satisfy|cancel|wait OPREQ\n"
"                              the operator did it, withdraw it, wait\n"
"  watch [--type TYPE] [--count N] [--timeout MS]\n"
"                              print change notifications\n"
"\n"
"Options:\n"
"  -j, --json          JSON output (list, info, watch, inject, eject)\n"
"      --full-guid     show GUIDs in full in tables\n"
"  -w, --wait          wait for a queued request to end\n"
"  -t, --timeout MS    how long to wait (mount, --wait, inject, eject,\n"
"                      watch)\n"
"      --port PORT     the mail slot to use (inject, eject)\n"
"  -h, --help          this text\n"
"\n"
"Objects: a GUID ({xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, braces\n"
"optional), a library name (ntms0), LIBRARY:drive|slot|port|changerN (by\n"
"index from 0, e.g. ntms0:slot12), LIBRARY:@ADDRESS (by element address,\n"
"e.g. ntms0:@1012), a drive's tape device (/dev/nst0), or a barcode\n"
"(media). Where a cartridge is needed, an element names the cartridge in\n"
"it.\n"
"\n"
"Exit status: 0 success, 1 an API error (printed with its Win32 name),\n"
"2 usage error. See ntmsctl(8).\n";

/* The Win32 codes libntms returns, with a sentence each. */
static const struct {
	DWORD code;
	const char *name;
	const char *text;
} errors[] = {
	{ ERROR_SUCCESS, "ERROR_SUCCESS", "success" },
	{ ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED",
	  "you lack the access this needs in the library" },
	{ ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE",
	  "the session or notification handle is not valid" },
	{ ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY",
	  "out of memory" },
	{ ERROR_INVALID_DRIVE, "ERROR_INVALID_DRIVE", "no such drive" },
	{ ERROR_WRITE_PROTECT, "ERROR_WRITE_PROTECT",
	  "the cartridge is write protected" },
	{ ERROR_NOT_READY, "ERROR_NOT_READY",
	  "the ntms driver is not loaded (no /dev/ntms)" },
	{ ERROR_GEN_FAILURE, "ERROR_GEN_FAILURE",
	  "the driver returned an undocumented error" },
	{ ERROR_NOT_SUPPORTED, "ERROR_NOT_SUPPORTED",
	  "the loaded driver does not support this operation" },
	{ ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER",
	  "a parameter is not valid" },
	{ ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER",
	  "the buffer is too small" },
	{ ERROR_BUSY, "ERROR_BUSY",
	  "no drive is free or the cartridge is busy" },
	{ ERROR_NO_DATA, "ERROR_NO_DATA",
	  "notifications were lost; re-read the state" },
	{ ERROR_NO_MORE_ITEMS, "ERROR_NO_MORE_ITEMS",
	  "nothing to import: the mail slots are empty" },
	{ ERROR_IO_DEVICE, "ERROR_IO_DEVICE",
	  "the device failed the command" },
	{ ERROR_DEVICE_NOT_CONNECTED, "ERROR_DEVICE_NOT_CONNECTED",
	  "the drive's tape device is not attached to this host" },
	{ ERROR_NOT_FOUND, "ERROR_NOT_FOUND",
	  "no empty storage slot for the cartridge" },
	{ ERROR_INVALID_COMPUTERNAME, "ERROR_INVALID_COMPUTERNAME",
	  "only the local machine is supported" },
	{ ERROR_CANCELLED, "ERROR_CANCELLED", "the request was cancelled" },
	{ ERROR_TIMEOUT, "ERROR_TIMEOUT", "the wait timed out" },
	{ ERROR_NOT_CONNECTED, "ERROR_NOT_CONNECTED", "not connected" },
	{ ERROR_INVALID_MEDIA, "ERROR_INVALID_MEDIA", "no such cartridge" },
	{ ERROR_INVALID_LIBRARY, "ERROR_INVALID_LIBRARY",
	  "no such library, or the library is not valid" },
	{ ERROR_DRIVE_MEDIA_MISMATCH, "ERROR_DRIVE_MEDIA_MISMATCH",
	  "the cartridges and drives are not in one library" },
	{ ERROR_MEDIA_OFFLINE, "ERROR_MEDIA_OFFLINE",
	  "the cartridge is not in the library" },
	{ ERROR_LIBRARY_OFFLINE, "ERROR_LIBRARY_OFFLINE",
	  "the library is offline" },
	{ ERROR_RESOURCE_DISABLED, "ERROR_RESOURCE_DISABLED",
	  "the resource is disabled" },
	{ ERROR_RESOURCE_NOT_PRESENT, "ERROR_RESOURCE_NOT_PRESENT",
	  "the library has no door" },
	{ ERROR_OBJECT_NOT_FOUND, "ERROR_OBJECT_NOT_FOUND",
	  "no such object" },
	{ ERROR_NOT_EMPTY, "ERROR_NOT_EMPTY",
	  "the slot holds a cartridge" },
	{ ERROR_CLEANER_SLOT_SET, "ERROR_CLEANER_SLOT_SET",
	  "the library already has a cleaner slot" },
	{ ERROR_CLEANER_SLOT_NOT_SET, "ERROR_CLEANER_SLOT_NOT_SET",
	  "the library has no cleaner slot" },
	{ ERROR_CLEANER_CARTRIDGE_SPENT, "ERROR_CLEANER_CARTRIDGE_SPENT",
	  "the cleaning cartridge is spent: replace it" },
	{ ERROR_CLEANER_CARTRIDGE_INSTALLED,
	  "ERROR_CLEANER_CARTRIDGE_INSTALLED",
	  "the cleaner slot holds a cleaner already: eject it first" },
	{ ERROR_EMPTY, "ERROR_EMPTY", "there is nothing there" },
	{ ERROR_DATABASE_FAILURE, "ERROR_DATABASE_FAILURE",
	  "the library's state is damaged; run an inventory" },
	{ ERROR_DATABASE_FULL, "ERROR_DATABASE_FULL",
	  "the driver's request table is full" },
	{ ERROR_INVALID_OPERATION, "ERROR_INVALID_OPERATION",
	  "the operation is not valid here" },
	{ ERROR_MEDIA_NOT_AVAILABLE, "ERROR_MEDIA_NOT_AVAILABLE",
	  "the cartridge is in a mail slot: inject it first" },
	{ ERROR_DEVICE_NOT_AVAILABLE, "ERROR_DEVICE_NOT_AVAILABLE",
	  "the drive or its library is disabled" },
	{ ERROR_REQUEST_REFUSED, "ERROR_REQUEST_REFUSED",
	  "the library refused the request" },
	{ ERROR_INVALID_STATE, "ERROR_INVALID_STATE",
	  "the object is not in a state that allows this" },
};

static const char *err_text(DWORD code)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errors); i++)
		if (errors[i].code == code)
			return errors[i].text;
	return "unknown error";
}

/* The Win32 name of @code, "ERROR_UNKNOWN" if not one libntms uses. */
const char *err_name(DWORD code)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errors); i++)
		if (errors[i].code == code)
			return errors[i].name;
	return "ERROR_UNKNOWN";
}

/**
 * fail() - report an API error
 * @code: the Win32 code
 * @fmt: what failed
 *
 * Prints "ntmsctl: <what>: ERROR_NAME (code): <sentence>" on stderr.
 *
 * Return: EXIT_API.
 */
int fail(DWORD code, const char *fmt, ...)
{
	va_list ap;

	progress_end();
	fputs("ntmsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s (%u): %s\n", err_name(code), (unsigned int)code,
		err_text(code));
	return EXIT_API;
}

/* Report a usage error. Return: EXIT_USAGE. */
int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ntmsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'ntmsctl --help'.\n", stderr);
	return EXIT_USAGE;
}

void guid_format(char *buf, const NTMS_GUID *g, bool braces)
{
	snprintf(buf, GUID_STR_LEN,
		 "%s%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x%s",
		 braces ? "{" : "", (unsigned int)g->Data1, g->Data2, g->Data3,
		 g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3],
		 g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7],
		 braces ? "}" : "");
}

/* A GUID as tables show it: the first 8 digits, or all with --full-guid. */
const char *guid_show(const NTMS_GUID *g, char *buf)
{
	if (NTMS_IS_NULLGUID(*g))
		return "-";
	guid_format(buf, g, false);
	if (!opt.full_guid)
		buf[8] = '\0';
	return buf;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, with or without braces. */
bool guid_parse(const char *s, NTMS_GUID *g)
{
	static const int dash[] = { 8, 13, 18, 23 };
	unsigned char b[16];
	size_t len = strlen(s);
	int i, n = 0, d = 0;

	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len = 36;
	}
	if (len != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return false;
			d++;
			continue;
		}
		if (hexval(s[i]) < 0 || hexval(s[i + 1]) < 0)
			return false;
		b[n++] = hexval(s[i]) << 4 | hexval(s[i + 1]);
		i++;
	}
	g->Data1 = (DWORD)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	g->Data2 = b[4] << 8 | b[5];
	g->Data3 = b[6] << 8 | b[7];
	memcpy(g->Data4, b + 8, 8);
	return true;
}

bool guid_equal(const NTMS_GUID *a, const NTMS_GUID *b)
{
	return a->Data1 == b->Data1 && a->Data2 == b->Data2 &&
	       a->Data3 == b->Data3 && !memcmp(a->Data4, b->Data4, 8);
}

/* Print @s as a JSON string (quoted, escaped). */
void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static bool progress_shown;

/* Show "@what... N.Ns" on a terminal; nothing when stderr is not one. */
void progress(const char *what, double seconds)
{
	static const char spin[] = "|/-\\";

	if (!opt.progress || seconds < 0.5)
		return;
	fprintf(stderr, "\r%c %s... %.1fs\033[K",
		spin[(int)(seconds * 5) % 4], what, seconds);
	progress_shown = true;
}

/* Erase the progress line, if one is shown. */
void progress_end(void)
{
	if (!progress_shown)
		return;
	fputs("\r\033[K", stderr);
	progress_shown = false;
}

/* Parse a decimal unsigned number; false if @s is not one. */
bool parse_uint(const char *s, unsigned long *val)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return false;
	*val = strtoul(s, &end, 10);
	return !*end;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	unsigned int allowed;	/* OPT_* the command accepts */
} commands[] = {
	{ "list", cmd_list, OPT_JSON | OPT_FULL_GUID },
	{ "info", cmd_info, OPT_JSON | OPT_FULL_GUID },
	{ "mount", cmd_mount, OPT_DRIVE | OPT_TIMEOUT | OPT_READ | OPT_WRITE },
	{ "dismount", cmd_dismount, OPT_WAIT | OPT_TIMEOUT },
	{ "dismount-media", cmd_dismount_media,
	  OPT_WAIT | OPT_TIMEOUT | OPT_DEFERRED },
	{ "eject", cmd_eject, OPT_JSON | OPT_TIMEOUT | OPT_PORT },
	{ "inject", cmd_inject, OPT_JSON | OPT_TIMEOUT | OPT_PORT },
	{ "inventory", cmd_inventory,
	  OPT_WAIT | OPT_TIMEOUT | OPT_FAST | OPT_FULL },
	{ "door", cmd_door, OPT_WAIT | OPT_TIMEOUT | OPT_FAST | OPT_FULL },
	{ "identify", cmd_identify, OPT_WAIT | OPT_TIMEOUT },
	{ "unload", cmd_unload, 0 },
	{ "cleaner-slot", cmd_cleaner_slot, 0 },
	{ "clean", cmd_clean, OPT_WAIT | OPT_TIMEOUT },
	{ "cleaner", cmd_cleaner, OPT_WAIT | OPT_TIMEOUT },
	{ "enable", cmd_enable, 0 },
	{ "disable", cmd_disable, 0 },
	{ "cancel", cmd_cancel, 0 },
	{ "order", cmd_order, 0 },
	{ "delete", cmd_delete, 0 },
	{ "opreq", cmd_opreq, OPT_WAIT | OPT_TIMEOUT },
	{ "watch", cmd_watch,
	  OPT_JSON | OPT_FULL_GUID | OPT_TYPE | OPT_COUNT | OPT_TIMEOUT },
};

static const struct option long_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "full-guid", no_argument, NULL, 'G' },
	{ "wait", no_argument, NULL, 'w' },
	{ "timeout", required_argument, NULL, 't' },
	{ "drive", required_argument, NULL, 'd' },
	{ "read", no_argument, NULL, 'r' },
	{ "write", no_argument, NULL, 'W' },
	{ "deferred", no_argument, NULL, 'D' },
	{ "fast", no_argument, NULL, 'f' },
	{ "full", no_argument, NULL, 'F' },
	{ "type", required_argument, NULL, 'T' },
	{ "count", required_argument, NULL, 'c' },
	{ "port", required_argument, NULL, 'P' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char *opt_name(unsigned int bit)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ OPT_JSON, "--json" }, { OPT_FULL_GUID, "--full-guid" },
		{ OPT_WAIT, "--wait" }, { OPT_TIMEOUT, "--timeout" },
		{ OPT_DRIVE, "--drive" }, { OPT_READ, "--read" },
		{ OPT_WRITE, "--write" }, { OPT_DEFERRED, "--deferred" },
		{ OPT_FAST, "--fast" }, { OPT_FULL, "--full" },
		{ OPT_TYPE, "--type" }, { OPT_COUNT, "--count" },
		{ OPT_PORT, "--port" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].bit == bit)
			return names[i].name;
	return "?";
}

static int parse_options(int argc, char **argv)
{
	unsigned long n;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jwt:h", long_opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			copt.given |= OPT_JSON;
			opt.json = true;
			break;
		case 'G':
			copt.given |= OPT_FULL_GUID;
			opt.full_guid = true;
			break;
		case 'w':
			copt.given |= OPT_WAIT;
			opt.wait = true;
			break;
		case 't':
			copt.given |= OPT_TIMEOUT;
			if (!strcmp(optarg, "infinite")) {
				opt.timeout = INFINITE;
			} else if (parse_uint(optarg, &n) && n < INFINITE) {
				opt.timeout = n;
			} else {
				return usage_error("--timeout needs milliseconds or 'infinite': '%s'",
						   optarg);
			}
			opt.timeout_set = true;
			break;
		case 'd':
			copt.given |= OPT_DRIVE;
			copt.drive = optarg;
			break;
		case 'r':
			copt.given |= OPT_READ;
			break;
		case 'W':
			copt.given |= OPT_WRITE;
			break;
		case 'D':
			copt.given |= OPT_DEFERRED;
			break;
		case 'f':
			copt.given |= OPT_FAST;
			break;
		case 'F':
			copt.given |= OPT_FULL;
			break;
		case 'T':
			copt.given |= OPT_TYPE;
			copt.type = optarg;
			break;
		case 'c':
			copt.given |= OPT_COUNT;
			if (!parse_uint(optarg, &n) || !n || n > 1000000000)
				return usage_error("--count needs a positive number: '%s'",
						   optarg);
			copt.count = n;
			break;
		case 'P':
			copt.given |= OPT_PORT;
			copt.port = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int extra, bit;
	const char *term;
	size_t i;
	int ret;

	ret = parse_options(argc, argv);
	if (ret)
		return ret;
	if (optind >= argc)
		return usage_error("no command given");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[optind], commands[i].name))
			break;
	if (i == ARRAY_SIZE(commands))
		return usage_error("unknown command '%s'", argv[optind]);
	extra = copt.given & ~commands[i].allowed;
	if (extra) {
		for (bit = 1; !(extra & bit); bit <<= 1)
			;
		return usage_error("%s does not apply to '%s'", opt_name(bit),
				   commands[i].name);
	}
	/* progress only on a terminal that can erase a line */
	term = getenv("TERM");
	opt.progress = isatty(STDERR_FILENO) && term && *term &&
		       strcmp(term, "dumb");

	session = OpenNtmsSession(NULL, "ntmsctl", 0);
	if (session == INVALID_HANDLE_VALUE && GetLastError() ==
	    ERROR_ACCESS_DENIED) {
		/* not a library's grant: the device node's permissions */
		fprintf(stderr, "ntmsctl: cannot open a session: ERROR_ACCESS_DENIED (%u): only root and the group of /dev/ntms (tape) may open it\n",
			(unsigned int)ERROR_ACCESS_DENIED);
		return EXIT_API;
	}
	if (session == INVALID_HANDLE_VALUE)
		return fail(GetLastError(), "cannot open a session");
	ret = commands[i].fn(argc - optind - 1, argv + optind + 1);
	progress_end();
	fflush(stdout);
	CloseNtmsSession(session);
	return ret;
}
