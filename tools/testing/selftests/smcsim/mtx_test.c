// SPDX-License-Identifier: GPL-2.0
/*
 * mtx against the simulated library: status, load, unload, transfer,
 * exchange, inventory, and the failures of impossible moves. Runs with any
 * topology with media >= 2, media < slots and drives >= 2.
 */
#include "smcsim_util.h"
#include "kselftest_harness.h"

#define OUT_LEN (1 << 20)

FIXTURE(mtx) {
	int ready;		/* setup completed without SKIP */
	char dev[64];
	char *out;
	unsigned int slots, drives, ieports, media;
};

FIXTURE_SETUP(mtx)
{
	struct tu_sense s;
	int fd;

	self->out = malloc(OUT_LEN);
	ASSERT_NE(NULL, self->out);
	self->slots = smcsim_param("slots");
	self->drives = smcsim_param("drives");
	self->ieports = smcsim_param("ieports");
	self->media = smcsim_param("media");
	if (smcsim_find(8, 0, self->dev, NULL))
		SKIP(return, "no smcsim changer");
	if (self->media < 2 || self->media >= self->slots || self->drives < 2)
		SKIP(return, "needs 2 <= media < slots and 2 drives");
	fd = open(self->dev, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, tu_clear_ua(fd, &s));
	close(fd);
	self->ready = 1;
}

FIXTURE_TEARDOWN(mtx)
{
	free(self->out);
}

/* Runs "mtx -f DEV ARGS"; returns its exit status. */
static int mtx(FIXTURE_DATA(mtx) *self, const char *args)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "mtx -f %s %s 2>&1", self->dev, args);
	return tu_run(cmd, self->out, OUT_LEN);
}

/* The rest of the line of "mtx status" starting with @prefix, or NULL. */
static const char *line(FIXTURE_DATA(mtx) *self, const char *prefix)
{
	static char buf[256];
	const char *p = self->out, *e;
	size_t n = strlen(prefix);

	while ((p = strstr(p, prefix))) {
		if (p == self->out || p[-1] == '\n' || p[-1] == ' ') {
			e = strchrnul(p, '\n');
			snprintf(buf, sizeof(buf), "%.*s", (int)(e - p - n), p + n);
			return buf;
		}
		p++;
	}
	return NULL;
}

static const char *slot(FIXTURE_DATA(mtx) *self, unsigned int n)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "Storage Element %u:", n);
	return line(self, prefix);
}

static const char *drive(FIXTURE_DATA(mtx) *self, unsigned int n)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "Data Transfer Element %u:", n);
	return line(self, prefix);
}

static char *barcode(unsigned int n)
{
	static char buf[16];

	snprintf(buf, sizeof(buf), "A%05uL6", n);
	return buf;
}

TEST_F(mtx, status)
{
	if (!self->ready)
		return;
	char want[128];
	const char *p;
	unsigned int i, tags = 0;

	ASSERT_EQ(0, mtx(self, "status"));
	snprintf(want, sizeof(want), "%u Drives, %u Slots ( %u Import/Export )",
		 self->drives, self->slots + self->ieports, self->ieports);
	ASSERT_NE(NULL, strstr(self->out, want)) TH_LOG("%s", self->out);
	for (i = 0; i < self->drives; i++)
		ASSERT_STREQ("Empty", drive(self, i));
	for (i = 1; i <= self->slots; i++) {
		p = slot(self, i);
		ASSERT_NE(NULL, p);
		if (i <= self->media) {
			ASSERT_NE(NULL, strstr(p, barcode(i - 1))) TH_LOG("%s", p);
			tags++;
		} else {
			ASSERT_STREQ("Empty", p);
		}
	}
	p = line(self, "IMPORT/EXPORT:");
	ASSERT_NE(NULL, p);
	ASSERT_EQ(self->media, tags);
}

TEST_F(mtx, load_unload)
{
	if (!self->ready)
		return;
	ASSERT_EQ(0, mtx(self, "load 1 0"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(drive(self, 0), "Full (Storage Element 1 Loaded)"));
	ASSERT_NE(NULL, strstr(drive(self, 0), barcode(0)));
	ASSERT_STREQ("Empty", slot(self, 1));

	/* Loading into a full drive fails. */
	ASSERT_NE(0, mtx(self, "load 2 0"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(slot(self, 2), barcode(1)));

	ASSERT_EQ(0, mtx(self, "unload"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_STREQ("Empty", drive(self, 0));
	ASSERT_NE(NULL, strstr(slot(self, 1), barcode(0)));
}

TEST_F(mtx, load_from_empty_slot_fails)
{
	if (!self->ready)
		return;
	char args[64];

	snprintf(args, sizeof(args), "load %u 1", self->slots);
	ASSERT_NE(0, mtx(self, args));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_STREQ("Empty", drive(self, 1));
}

TEST_F(mtx, unload_into_full_slot_fails)
{
	if (!self->ready)
		return;
	ASSERT_EQ(0, mtx(self, "load 1 1"));
	ASSERT_NE(0, mtx(self, "unload 2 1"));
	ASSERT_EQ(0, mtx(self, "unload 1 1"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_STREQ("Empty", drive(self, 1));
}

TEST_F(mtx, transfer)
{
	if (!self->ready)
		return;
	char args[64];

	snprintf(args, sizeof(args), "transfer 1 %u", self->slots);
	ASSERT_EQ(0, mtx(self, args));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_STREQ("Empty", slot(self, 1));
	ASSERT_NE(NULL, strstr(slot(self, self->slots), barcode(0)));
	/* Onto a full slot: fails. */
	snprintf(args, sizeof(args), "transfer %u 2", self->slots);
	ASSERT_NE(0, mtx(self, args));
	snprintf(args, sizeof(args), "transfer %u 1", self->slots);
	ASSERT_EQ(0, mtx(self, args));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(slot(self, 1), barcode(0)));
}

TEST_F(mtx, exchange)
{
	if (!self->ready)
		return;
	ASSERT_EQ(0, mtx(self, "exchange 1 2"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(slot(self, 1), barcode(1)));
	ASSERT_NE(NULL, strstr(slot(self, 2), barcode(0)));
	ASSERT_EQ(0, mtx(self, "exchange 2 1"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(slot(self, 1), barcode(0)));
	ASSERT_NE(NULL, strstr(slot(self, 2), barcode(1)));
}

TEST_F(mtx, inventory)
{
	if (!self->ready)
		return;
	ASSERT_EQ(0, mtx(self, "inventory"));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(slot(self, 1), barcode(0)));
}

TEST_F(mtx, mail_slot)
{
	if (!self->ready)
		return;
	char args[64], addr[16];
	unsigned int ie = self->slots + 1;
	struct tu_sense s;
	int fd;

	if (!self->ieports)
		SKIP(return, "no mail slot");
	/* Robot puts a cartridge into the mail slot; the operator takes it. */
	snprintf(args, sizeof(args), "transfer 1 %u", ie);
	ASSERT_EQ(0, mtx(self, args));
	snprintf(addr, sizeof(addr), "%u", smcsim_param("ie_base"));
	ASSERT_EQ(0, smcsim_knob("lib0", "remove", addr));
	/* The operator inserts a new one. */
	ASSERT_EQ(0, smcsim_knob("lib0", "insert", "NEW000L6"));
	ASSERT_EQ(-EEXIST, smcsim_knob("lib0", "insert", barcode(1)));
	fd = open(self->dev, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, tu_clear_ua(fd, &s));
	close(fd);
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_STREQ("Empty", slot(self, 1));
	ASSERT_NE(NULL, strstr(line(self, "IMPORT/EXPORT:"), "NEW000L6"));
	/* Import it into slot 1, as barcode NEW000L6. */
	snprintf(args, sizeof(args), "transfer %u 1", ie);
	ASSERT_EQ(0, mtx(self, args));
	ASSERT_EQ(0, mtx(self, "status"));
	ASSERT_NE(NULL, strstr(slot(self, 1), "NEW000L6"));
	/* Put things back as they were. */
	snprintf(args, sizeof(args), "transfer 1 %u", ie);
	ASSERT_EQ(0, mtx(self, args));
	ASSERT_EQ(0, smcsim_knob("lib0", "remove", addr));
	snprintf(args, sizeof(args), "%s %s", barcode(0), addr);
	ASSERT_EQ(0, smcsim_knob("lib0", "insert", args));
	fd = open(self->dev, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, tu_clear_ua(fd, &s));
	close(fd);
	snprintf(args, sizeof(args), "transfer %u 1", ie);
	ASSERT_EQ(0, mtx(self, args));
}

TEST_HARNESS_MAIN
