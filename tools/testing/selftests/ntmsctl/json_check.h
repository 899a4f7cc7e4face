/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json_check.h: a small strict JSON (RFC 8259) validator for the tests
 * (the VM has no python3). json_check() accepts exactly one value with
 * optional whitespace around it.
 */
#ifndef JSON_CHECK_H
#define JSON_CHECK_H

#include <stdbool.h>
#include <string.h>

struct json_in {
	const char *p;
	int depth;
};

static bool json_value(struct json_in *in);

static void json_ws(struct json_in *in)
{
	while (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' ||
	       *in->p == '\r')
		in->p++;
}

static bool json_lit(struct json_in *in, const char *lit)
{
	size_t len = strlen(lit);

	if (strncmp(in->p, lit, len))
		return false;
	in->p += len;
	return true;
}

static bool json_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static bool json_str(struct json_in *in)
{
	int i;

	if (*in->p++ != '"')
		return false;
	while (*in->p != '"') {
		unsigned char c = *in->p;

		if (c < 0x20)
			return false;	/* also the end of the input */
		in->p++;
		if (c != '\\')
			continue;
		c = *in->p++;
		if (c == 'u') {
			for (i = 0; i < 4; i++)
				if (!json_hex(*in->p++))
					return false;
		} else if (!strchr("\"\\/bfnrt", c) || !c) {
			return false;
		}
	}
	in->p++;
	return true;
}

static bool json_digits(struct json_in *in)
{
	if (*in->p < '0' || *in->p > '9')
		return false;
	while (*in->p >= '0' && *in->p <= '9')
		in->p++;
	return true;
}

static bool json_num(struct json_in *in)
{
	if (*in->p == '-')
		in->p++;
	if (*in->p == '0')
		in->p++;
	else if (!json_digits(in))
		return false;
	if (*in->p == '.') {
		in->p++;
		if (!json_digits(in))
			return false;
	}
	if (*in->p == 'e' || *in->p == 'E') {
		in->p++;
		if (*in->p == '+' || *in->p == '-')
			in->p++;
		if (!json_digits(in))
			return false;
	}
	return true;
}

/* object or array: @close is '}' or ']' */
static bool json_container(struct json_in *in, char close)
{
	bool ok = true;

	if (++in->depth > 64)
		return false;
	in->p++;
	json_ws(in);
	if (*in->p == close) {
		in->p++;
		in->depth--;
		return true;
	}
	for (;;) {
		if (close == '}') {
			json_ws(in);
			if (*in->p != '"' || !json_str(in))
				return false;
			json_ws(in);
			if (*in->p++ != ':')
				return false;
		}
		if (!json_value(in))
			return false;
		json_ws(in);
		if (*in->p == ',') {
			in->p++;
			continue;
		}
		if (*in->p++ != close)
			ok = false;
		break;
	}
	in->depth--;
	return ok;
}

static bool json_value(struct json_in *in)
{
	json_ws(in);
	switch (*in->p) {
	case '{':
		return json_container(in, '}');
	case '[':
		return json_container(in, ']');
	case '"':
		return json_str(in);
	case 't':
		return json_lit(in, "true");
	case 'f':
		return json_lit(in, "false");
	case 'n':
		return json_lit(in, "null");
	default:
		return json_num(in);
	}
}

/* Is @s exactly one JSON value? */
static inline bool json_check(const char *s)
{
	struct json_in in = { .p = s };

	if (!json_value(&in))
		return false;
	json_ws(&in);
	return *in.p == '\0';
}

#endif /* JSON_CHECK_H */
