// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim through SG_IO: identities and DVCID, element addressing,
 * max_elements chunking, allocation-length truncation, the sense data of
 * every error and runtime knob, st and mt, several libraries, hot removal
 * and re-add. Works with any topology with media >= 2 < slots, drives >= 1
 * and ieports >= 1.
 */
#include <sys/time.h>
#include "smcsim_util.h"
#include "kselftest_harness.h"

#define BIG (4 << 20)

static unsigned int be16(const unsigned char *p)
{
	return p[0] << 8 | p[1];
}

static unsigned int be24(const unsigned char *p)
{
	return p[0] << 16 | p[1] << 8 | p[2];
}

struct elem {
	unsigned int type, addr, flags, src;
	int svalid;
	char tag[33];
	unsigned char id[64];
	unsigned int idlen;
	unsigned int lun;
};

FIXTURE(lib) {
	int ready;		/* setup completed without SKIP */
	int fd;			/* changer of library 0 */
	char dev[64], hctl[32];
	unsigned char *buf;
	unsigned int mt_base, st_base, ie_base, dt_base;
	unsigned int slots, drives, ieports, media, libraries, max_elements;
	struct tu_sense s;
};

static int inquiry_vpd(int fd, int page, unsigned char *buf, int len)
{
	unsigned char cdb[6] = { 0x12, 1, page, len >> 8, len & 0xff, 0 };

	return tu_cmd(fd, cdb, 6, buf, len, SG_DXFER_FROM_DEV);
}

/* Finds the changer whose serial is that of library @n. */
static int open_changer(unsigned int n, char *dev, char *hctl)
{
	unsigned char vpd[64];
	char want[16];
	int i, fd;

	snprintf(want, sizeof(want), "SMC%02uLIB0001", n);
	for (i = 0; !smcsim_find(8, i, dev, hctl); i++) {
		fd = open(dev, O_RDWR);
		if (fd < 0)
			continue;
		if (inquiry_vpd(fd, 0x80, vpd, sizeof(vpd)) >= 16 &&
		    !memcmp(vpd + 4, want, 12))
			return fd;
		close(fd);
	}
	return -1;
}

FIXTURE_SETUP(lib)
{
	self->mt_base = smcsim_param("mt_base");
	self->st_base = smcsim_param("st_base");
	self->ie_base = smcsim_param("ie_base");
	self->dt_base = smcsim_param("dt_base");
	self->slots = smcsim_param("slots");
	self->drives = smcsim_param("drives");
	self->ieports = smcsim_param("ieports");
	self->media = smcsim_param("media");
	self->libraries = smcsim_param("libraries");
	self->max_elements = smcsim_param("max_elements");
	self->buf = malloc(BIG);
	ASSERT_NE(NULL, self->buf);
	self->fd = open_changer(0, self->dev, self->hctl);
	if (self->fd < 0)
		SKIP(return, "no smcsim library");
	if (self->media < 2 || self->media >= self->slots || !self->drives ||
	    !self->ieports)
		SKIP(return, "needs 2 <= media < slots, drives and ieports");
	ASSERT_EQ(0, tu_clear_ua(self->fd, &self->s));
	self->ready = 1;
}

FIXTURE_TEARDOWN(lib)
{
	if (self->fd >= 0)
		close(self->fd);
	free(self->buf);
}

static int res(int fd, int type, int voltag, int dvcid, unsigned int start,
	       unsigned int count, unsigned char *buf, unsigned int alloc,
	       struct tu_sense *s)
{
	unsigned char cdb[12] = {
		0xb8, (voltag ? 0x10 : 0) | type, start >> 8, start & 0xff,
		count >> 8, count & 0xff, dvcid ? 1 : 0,
		alloc >> 16, (alloc >> 8) & 0xff, alloc & 0xff, 0, 0
	};

	memset(buf, 0, alloc);
	if (tu_sgio(fd, cdb, 12, buf, alloc, SG_DXFER_FROM_DEV, s))
		return -EIO;
	if (s->status)
		return -EIO;
	return alloc - s->resid;
}

/* Parses a READ ELEMENT STATUS response; returns the descriptor count. */
static int parse(const unsigned char *b, int len, struct elem *e, int max)
{
	int off = 8, end = 8 + be24(b + 5), n = 0, pend, dlen;

	if (end > len)
		end = len;
	while (off + 8 <= end) {
		dlen = be16(b + off + 2);
		pend = off + 8 + be24(b + off + 5);
		int voltag = b[off + 1] & 0x80, type = b[off];

		for (off += 8; off + dlen <= pend && off + dlen <= end && n < max;
		     off += dlen, n++) {
			const unsigned char *d = b + off;
			int i = 12;

			memset(&e[n], 0, sizeof(e[n]));
			e[n].type = type;
			e[n].addr = be16(d);
			e[n].flags = d[2];
			e[n].svalid = !!(d[9] & 0x80);
			e[n].src = be16(d + 10);
			e[n].lun = (d[6] & 0x10) ? d[6] & 7 : 0xff;
			if (voltag) {
				memcpy(e[n].tag, d + i, 32);
				e[n].tag[strcspn(e[n].tag, " ")] = '\0';
				i += 36;
			}
			if (dlen >= i + 4 && d[i + 3]) {
				e[n].idlen = d[i + 3];
				memcpy(e[n].id, d + i + 4, e[n].idlen);
			}
		}
		off = pend;
	}
	return n;
}

/* Reads every element of @type in chunks, as a careful host would. */
static int read_all(int fd, int type, int dvcid, unsigned char *buf,
		    struct elem *e, int max, struct tu_sense *s)
{
	unsigned int start = 0;
	int n = 0, got, k;

	while (n < max) {
		got = res(fd, type, 1, dvcid, start, 0xffff, buf, BIG, s);
		if (got < 0)
			return n ? n : got;
		k = parse(buf, got, e + n, max - n);
		if (!k)
			break;
		n += k;
		start = e[n - 1].addr + 1;
		if ((int)be16(buf + 2) <= k)
			break;
	}
	return n;
}

static int move(int fd, unsigned int src, unsigned int dst,
		struct tu_sense *s)
{
	unsigned char cdb[12] = { 0xa5, 0, 0, 0, src >> 8, src & 0xff,
				  dst >> 8, dst & 0xff };

	return tu_sgio(fd, cdb, 12, NULL, 0, SG_DXFER_NONE, s);
}

#define EXPECT_SENSE(s, k, a, q) do {					\
	EXPECT_EQ(2, (s).status);					\
	EXPECT_EQ(k, (s).key);						\
	EXPECT_EQ(a, (s).asc);						\
	EXPECT_EQ(q, (s).ascq);						\
} while (0)

TEST_F(lib, mode_sense_addresses)
{
	if (!self->ready)
		return;
	unsigned char cdb[6] = { 0x1a, 0x08, 0x1d, 0, 255, 0 };
	unsigned char *p = self->buf;

	ASSERT_LT(0, tu_cmd(self->fd, cdb, 6, p, 255, SG_DXFER_FROM_DEV));
	p += 4 + p[3];
	ASSERT_EQ(0x1d, p[0] & 0x3f);
	EXPECT_EQ(self->mt_base, be16(p + 2));
	EXPECT_EQ(1, be16(p + 4));
	EXPECT_EQ(self->st_base, be16(p + 6));
	EXPECT_EQ(self->slots, be16(p + 8));
	EXPECT_EQ(self->ie_base, be16(p + 10));
	EXPECT_EQ(self->ieports, be16(p + 12));
	EXPECT_EQ(self->dt_base, be16(p + 14));
	EXPECT_EQ(self->drives, be16(p + 16));
}

TEST_F(lib, element_addresses_and_barcodes)
{
	if (!self->ready)
		return;
	struct elem *e = calloc(70000, sizeof(*e));
	unsigned int total = 1 + self->slots + self->ieports + self->drives;
	int n, i, st = 0;

	ASSERT_NE(NULL, e);
	n = read_all(self->fd, 0, 0, self->buf, e, 70000, &self->s);
	ASSERT_EQ((int)total, n);
	for (i = 0; i < n; i++) {
		if (i)
			ASSERT_LT(e[i - 1].addr, e[i].addr);
		if (e[i].type != 2)
			continue;
		ASSERT_EQ(self->st_base + st, e[i].addr);
		if ((unsigned int)st < self->media) {
			char want[16];

			snprintf(want, sizeof(want), "A%05uL6", st);
			ASSERT_STREQ(want, e[i].tag);
			ASSERT_TRUE(e[i].flags & 1);
		} else {
			ASSERT_FALSE(e[i].flags & 1);
		}
		st++;
	}
	ASSERT_EQ((int)self->slots, st);
	free(e);
}

TEST_F(lib, max_elements_and_allocation_length)
{
	if (!self->ready)
		return;
	unsigned int total = 1 + self->slots + self->ieports + self->drives;
	unsigned int want = total;
	int got, n;
	struct elem e[64];

	got = res(self->fd, 0, 1, 0, 0, 0xffff, self->buf, BIG, &self->s);
	ASSERT_LT(0, got);
	EXPECT_EQ(total, be16(self->buf + 2));	/* all reported available */
	if (self->max_elements && self->max_elements < total)
		want = self->max_elements;
	n = parse(self->buf, got, e, 64);
	if (want <= 64)
		EXPECT_EQ((int)want, n);
	EXPECT_EQ(got, 8 + (int)be24(self->buf + 5));

	/* Allocation length truncates; the header keeps the full count. */
	got = res(self->fd, 2, 1, 0, self->st_base, 3, self->buf, 20, &self->s);
	EXPECT_EQ(20, got);
	n = self->max_elements && self->max_elements < 3 ?
	    self->max_elements : 3;
	EXPECT_EQ(8 + n * 48, (int)be24(self->buf + 5));
	/* Counting from the first address of a type, limited by count. */
	got = res(self->fd, 4, 0, 0, self->dt_base, 1, self->buf, 4096, &self->s);
	ASSERT_LT(0, got);
	EXPECT_EQ(self->dt_base, be16(self->buf));
	EXPECT_EQ(1, be16(self->buf + 2));
	EXPECT_EQ(self->dt_base, be16(self->buf + 16));
}

TEST_F(lib, drive_identity_matches_dvcid)
{
	if (!self->ready)
		return;
	struct elem e[300];
	unsigned char vpd[256];
	char dev[64], hctl[32], host[16];
	int n, i, k, fd, matched = 0;
	unsigned int d;

	n = read_all(self->fd, 4, 1, self->buf, e, 300, &self->s);
	ASSERT_EQ((int)self->drives, n);
	snprintf(host, sizeof(host), "%.*s:", (int)strcspn(self->hctl, ":"),
		 self->hctl);
	for (i = 0; !smcsim_find(1, i, dev, hctl); i++) {
		if (strncmp(hctl, host, strlen(host)))
			continue;
		fd = open(dev, O_RDWR);
		ASSERT_LE(0, fd);
		ASSERT_LT(0, inquiry_vpd(fd, 0x83, vpd, sizeof(vpd)));
		/* First designator: T10 vendor ID, ASCII. */
		ASSERT_EQ(0x02, vpd[4] & 0x0f);
		ASSERT_EQ(0x01, vpd[5] & 0x0f);
		for (k = 0; k < n; k++) {
			if (e[k].idlen == vpd[7] &&
			    !memcmp(e[k].id, vpd + 8, vpd[7])) {
				d = e[k].addr - self->dt_base;
				/* LUN d + 1 holds drive d. */
				EXPECT_EQ(d + 1, (unsigned int)atoi(strrchr(hctl, ':') + 1));
				matched++;
			}
		}
		ASSERT_LT(0, inquiry_vpd(fd, 0x80, vpd, sizeof(vpd)));
		EXPECT_EQ(0, memcmp(vpd + 4, e[atoi(strrchr(hctl, ':') + 1) - 1].id + 24, 12));
		close(fd);
	}
	EXPECT_EQ((int)self->drives, matched);
}

TEST_F(lib, st_and_mt_status)
{
	if (!self->ready)
		return;
	char cmd[512], out[4096], path[128], dev[64], hctl[32];
	struct tu_sense s;
	int fd;

	ASSERT_EQ(0, smcsim_find(1, 0, dev, hctl));
	snprintf(path, sizeof(path), "/sys/class/scsi_device/%s/device/scsi_tape", hctl);
	ASSERT_EQ(0, access(path, F_OK)) TH_LOG("st did not attach to %s", hctl);
	/* Load slot 0 into drive 0, then mt status works. */
	ASSERT_EQ(0, move(self->fd, self->st_base, self->dt_base, &s));
	ASSERT_EQ(0, s.status);
	snprintf(cmd, sizeof(cmd), "ls %s | grep '^nst[0-9]*$'", path);
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out)));
	out[strcspn(out, "\n")] = '\0';
	snprintf(cmd, sizeof(cmd), "mt -f /dev/%.64s status 2>&1", out);
	tu_run(cmd, out, sizeof(out));
	ASSERT_EQ(0, tu_run(cmd, out, sizeof(out))) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "ONLINE")) TH_LOG("%s", out);

	/* A drive whose removal is prevented keeps its cartridge. */
	fd = open(dev, O_RDWR);
	ASSERT_LE(0, fd);
	unsigned char prevent[6] = { 0x1e, 0, 0, 0, 1, 0 };

	ASSERT_EQ(0, tu_cmd(fd, prevent, 6, NULL, 0, SG_DXFER_NONE));
	ASSERT_EQ(0, move(self->fd, self->dt_base, self->st_base, &s));
	EXPECT_SENSE(s, 5, 0x53, 0x02);
	prevent[4] = 0;
	ASSERT_EQ(0, tu_cmd(fd, prevent, 6, NULL, 0, SG_DXFER_NONE));
	close(fd);
	ASSERT_EQ(0, move(self->fd, self->dt_base, self->st_base, &s));
	EXPECT_EQ(0, s.status);
}

TEST_F(lib, error_sense)
{
	if (!self->ready)
		return;
	unsigned char svt[12] = { 0xb6 };
	struct tu_sense *s = &self->s;
	unsigned int empty = self->st_base + self->slots - 1;

	ASSERT_EQ(0, move(self->fd, empty, self->dt_base, s));
	EXPECT_SENSE(*s, 5, 0x3b, 0x0e);	/* source empty */
	ASSERT_EQ(0, move(self->fd, self->st_base, self->st_base + 1, s));
	EXPECT_SENSE(*s, 5, 0x3b, 0x0d);	/* destination full */
	ASSERT_EQ(0, move(self->fd, self->st_base + self->slots, self->dt_base, s));
	EXPECT_SENSE(*s, 5, 0x21, 0x01);	/* invalid address */
	ASSERT_EQ(0, move(self->fd, self->mt_base, self->dt_base, s));
	EXPECT_SENSE(*s, 5, 0x21, 0x01);
	ASSERT_EQ(0, tu_sgio(self->fd, svt, 12, NULL, 0, SG_DXFER_NONE, s));
	EXPECT_SENSE(*s, 5, 0x20, 0x00);	/* invalid opcode */
	ASSERT_GT(0, res(self->fd, 7, 0, 0, 0, 1, self->buf, 256, s));
	EXPECT_SENSE(*s, 5, 0x24, 0x00);	/* invalid field */
	ASSERT_GT(0, res(self->fd, 0, 0, 0, 0xffff, 1, self->buf, 256, s));
	EXPECT_SENSE(*s, 5, 0x21, 0x01);
}

TEST_F(lib, knob_fail)
{
	if (!self->ready)
		return;
	struct tu_sense *s = &self->s;

	ASSERT_EQ(0, smcsim_knob("lib0", "fail", "0xb8 2 0x4 0x44 0x00"));
	ASSERT_GT(0, res(self->fd, 0, 0, 0, 0, 1, self->buf, 256, s));
	EXPECT_SENSE(*s, 4, 0x44, 0x00);
	ASSERT_GT(0, res(self->fd, 0, 0, 0, 0, 1, self->buf, 256, s));
	EXPECT_SENSE(*s, 4, 0x44, 0x00);
	ASSERT_LT(0, res(self->fd, 0, 0, 0, 0, 1, self->buf, 256, s));
	ASSERT_EQ(0, smcsim_knob("lib0", "fail", "0xa5 1 0x2 0x04 0x03 0"));
	ASSERT_EQ(0, move(self->fd, self->st_base, self->st_base, s));
	EXPECT_SENSE(*s, 2, 0x04, 0x03);
	ASSERT_EQ(0, move(self->fd, self->st_base, self->st_base, s));
	EXPECT_EQ(0, s->status);
}

TEST_F(lib, knob_state)
{
	if (!self->ready)
		return;
	static const struct { const char *name; int ascq; } st[] = {
		{ "becoming", 0x01 }, { "manual", 0x03 }, { "offline", 0x12 },
	};
	const unsigned char tur[6] = {};
	unsigned char inq[6] = { 0x12, 0, 0, 0, 36, 0 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, smcsim_knob("lib0", "state", st[i].name));
		ASSERT_EQ(0, tu_sgio(self->fd, tur, 6, NULL, 0,
				     SG_DXFER_NONE, &self->s));
		EXPECT_SENSE(self->s, 2, 0x04, st[i].ascq);
		ASSERT_EQ(0, move(self->fd, self->st_base, self->dt_base, &self->s));
		EXPECT_SENSE(self->s, 2, 0x04, st[i].ascq);
		EXPECT_EQ(36, tu_cmd(self->fd, inq, 6, self->buf, 36,
					 SG_DXFER_FROM_DEV));
	}
	ASSERT_EQ(0, smcsim_knob("lib0", "state", "ready"));
	ASSERT_EQ(0, tu_sgio(self->fd, tur, 6, NULL, 0, SG_DXFER_NONE,
				 &self->s));
	EXPECT_EQ(0, self->s.status);
}

TEST_F(lib, knob_door_and_operator)
{
	if (!self->ready)
		return;
	const unsigned char tur[6] = {};
	char addr[32];
	struct tu_sense *s = &self->s;

	ASSERT_EQ(0, smcsim_knob("lib0", "door", "open"));
	ASSERT_EQ(0, move(self->fd, self->st_base, self->ie_base, s));
	EXPECT_SENSE(*s, 2, 0x3a, 0x02);	/* mail slot open */
	ASSERT_EQ(0, smcsim_knob("lib0", "door", "close"));
	ASSERT_EQ(0, tu_sgio(self->fd, tur, 6, NULL, 0, SG_DXFER_NONE, s));
	EXPECT_SENSE(*s, 6, 0x28, 0x01);	/* import/export accessed */
	ASSERT_EQ(0, tu_sgio(self->fd, tur, 6, NULL, 0, SG_DXFER_NONE, s));
	EXPECT_EQ(0, s->status);

	snprintf(addr, sizeof(addr), "OPR000L6 %u", self->ie_base);
	ASSERT_EQ(0, smcsim_knob("lib0", "insert", addr));
	ASSERT_EQ(0, tu_sgio(self->fd, tur, 6, NULL, 0, SG_DXFER_NONE, s));
	EXPECT_SENSE(*s, 6, 0x28, 0x01);
	/* Prevented: the operator cannot take it out, nor open the door. */
	unsigned char prevent[6] = { 0x1e, 0, 0, 0, 1, 0 };

	ASSERT_EQ(0, tu_cmd(self->fd, prevent, 6, NULL, 0, SG_DXFER_NONE));
	snprintf(addr, sizeof(addr), "%u", self->ie_base);
	EXPECT_EQ(-EBUSY, smcsim_knob("lib0", "remove", addr));
	EXPECT_EQ(-EBUSY, smcsim_knob("lib0", "door", "open"));
	prevent[4] = 0;
	ASSERT_EQ(0, tu_cmd(self->fd, prevent, 6, NULL, 0, SG_DXFER_NONE));
	ASSERT_EQ(0, smcsim_knob("lib0", "remove", addr));
	EXPECT_EQ(-ENOENT, smcsim_knob("lib0", "remove", addr));
	ASSERT_EQ(0, tu_clear_ua(self->fd, s));
}

TEST_F(lib, knob_latency)
{
	if (!self->ready)
		return;
	const unsigned char tur[6] = {};
	struct timeval a, b;
	long ms;

	ASSERT_EQ(0, smcsim_knob("lib0", "latency_ms", "300"));
	gettimeofday(&a, NULL);
	ASSERT_EQ(0, tu_sgio(self->fd, tur, 6, NULL, 0, SG_DXFER_NONE,
				 &self->s));
	gettimeofday(&b, NULL);
	ASSERT_EQ(0, smcsim_knob("lib0", "latency_ms", "0"));
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_usec - a.tv_usec) / 1000;
	EXPECT_LE(300, ms);
	EXPECT_EQ(0, self->s.status);
}

TEST_F(lib, two_libraries_distinct)
{
	if (!self->ready)
		return;
	char dev[64], hctl[32];
	struct elem e[4];
	int fd, n;

	if (self->libraries < 2)
		SKIP(return, "one library");
	fd = open_changer(1, dev, hctl);
	ASSERT_LE(0, fd);
	EXPECT_STRNE(self->dev, dev);
	ASSERT_EQ(0, tu_clear_ua(fd, &self->s));
	ASSERT_LT(0, res(fd, 2, 1, 0, 0, 1, self->buf, 4096, &self->s));
	n = parse(self->buf, 4096, e, 4);
	ASSERT_EQ(1, n);
	EXPECT_STREQ("B00000L6", e[0].tag);
	ASSERT_LT(0, res(self->fd, 2, 1, 0, 0, 1, self->buf, 4096, &self->s));
	parse(self->buf, 4096, e, 4);
	EXPECT_STREQ("A00000L6", e[0].tag);
	close(fd);
}

static void read_file(const char *path, char *buf, size_t len)
{
	if (tu_read_trim(path, buf, len))
		buf[0] = '\0';
}

TEST_F(lib, hot_remove_and_rescan)
{
	if (!self->ready)
		return;
	char before[65536], after[65536], path[128], cmd[256], dev[64];
	char hctl[32], host[16];
	struct tu_sense s;
	FILE *bg;
	int fd;

	/* Change the state, so that "the same state" means something. */
	ASSERT_EQ(0, move(self->fd, self->st_base, self->st_base + self->slots - 1, &s));
	ASSERT_EQ(0, s.status);
	read_file(SMCSIM_DBG "/lib0/elements", before, sizeof(before));

	snprintf(cmd, sizeof(cmd),
		 "for i in 1 2 3 4 5 6 7 8 9 10; do mtx -f %s status; done >/dev/null 2>&1",
		 self->dev);
	bg = popen(cmd, "r");
	ASSERT_NE(NULL, bg);
	usleep(200000);
	close(self->fd);
	self->fd = -1;
	snprintf(path, sizeof(path), "/sys/class/scsi_device/%s/device/delete",
		 self->hctl);
	ASSERT_EQ(0, tu_write_file(path, "1"));
	pclose(bg);
	EXPECT_NE(0, access(path, F_OK));

	snprintf(host, sizeof(host), "%.*s", (int)strcspn(self->hctl, ":"),
		 self->hctl);
	snprintf(path, sizeof(path), "/sys/class/scsi_host/host%s/scan", host);
	ASSERT_EQ(0, tu_write_file(path, "- - -"));
	fd = open_changer(0, dev, hctl);
	ASSERT_LE(0, fd);
	EXPECT_STREQ(self->hctl, hctl);
	read_file(SMCSIM_DBG "/lib0/elements", after, sizeof(after));
	EXPECT_STREQ(before, after);
	ASSERT_EQ(0, tu_clear_ua(fd, &s));
	ASSERT_EQ(0, move(fd, self->st_base + self->slots - 1, self->st_base, &s));
	EXPECT_EQ(0, s.status);
	close(fd);
}

TEST_HARNESS_MAIN
