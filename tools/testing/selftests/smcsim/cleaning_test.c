// SPDX-License-Identifier: GPL-2.0
/*
 * Drive cleaning in the simulated library, run without ntms: the TapeAlert
 * log page (LOG SENSE 2Eh, read raw and by sg_logs), the usage counter
 * and the clean_now knob raising flags 21 and 20, the cleaning requested
 * sense (00h/17h), a cleaning cycle that takes clean_ms, blocks the robot
 * and ends with the cleaner unloaded and one clean fewer, and an expired
 * cleaner that cleans nothing and raises flag 22 (cleared by a read).
 * Needs media >= 1, media < slots, a drive and a mail slot.
 */
#include <time.h>
#include "smcsim_util.h"
#include "kselftest_harness.h"

#define OUT_LEN		65536
#define TA_CLEAN_NOW	20
#define TA_CLEAN_PERIODIC 21
#define TA_EXPIRED	22

FIXTURE(clean) {
	int ready;		/* setup completed without SKIP */
	char changer[64], drive[64];
	char dt_addr[16];
	unsigned int slots, ieports, media;
	int fd;			/* the first drive */
	char *out;
};

static void clean_defaults(void)
{
	smcsim_knob("lib0", "reset", "1");
	smcsim_knob("lib0", "clean_after", "0");
	smcsim_knob("lib0", "clean_ms", "2000");
	smcsim_knob("lib0", "cleaner_uses", "50");
}

FIXTURE_SETUP(clean)
{
	struct tu_sense s;

	self->fd = -1;
	self->out = malloc(OUT_LEN);
	ASSERT_NE(NULL, self->out);
	self->slots = smcsim_param("slots");
	self->ieports = smcsim_param("ieports");
	self->media = smcsim_param("media");
	snprintf(self->dt_addr, sizeof(self->dt_addr), "%u",
		 smcsim_param("dt_base"));
	if (smcsim_find(8, 0, self->changer, NULL) ||
	    smcsim_find(1, 0, self->drive, NULL))
		SKIP(return, "no smcsim changer with a drive");
	if (!self->media || self->media >= self->slots || !self->ieports)
		SKIP(return, "needs 1 <= media < slots and a mail slot");
	clean_defaults();
	self->fd = open(self->drive, O_RDWR | O_NONBLOCK);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, tu_clear_ua(self->fd, &s));
	self->ready = 1;
}

FIXTURE_TEARDOWN(clean)
{
	if (self->fd >= 0)
		close(self->fd);
	clean_defaults();
	free(self->out);
}

/* Runs "mtx -f CHANGER ARGS"; returns its exit status. */
static int mtx(FIXTURE_DATA(clean) *self, const char *fmt, unsigned int a,
	       unsigned int b)
{
	char args[64], cmd[256];

	snprintf(args, sizeof(args), fmt, a, b);
	snprintf(cmd, sizeof(cmd), "mtx -f %s %s 2>&1", self->changer, args);
	return tu_run(cmd, self->out, OUT_LEN);
}

/*
 * Reads log page @page of the drive into @buf (@len bytes), past unit
 * attentions; returns the bytes received or -1, the sense in @s.
 */
static int log_sense(int fd, unsigned char page, unsigned short ptr,
		     unsigned char *buf, unsigned int len, struct tu_sense *s)
{
	unsigned char cdb[10] = { 0x4d, 0, 0x40 | page, 0, 0,
				  ptr >> 8, ptr & 0xff, len >> 8, len & 0xff };
	int i;

	for (i = 0; i < 8; i++) {
		memset(buf, 0, len);
		if (tu_sgio(fd, cdb, sizeof(cdb), buf, len, SG_DXFER_FROM_DEV,
			    s))
			return -1;
		if (s->status != 2 || s->key != 6)
			break;
	}
	return s->status ? -1 : (int)(len - s->resid);
}

/* The TapeAlert flags of the drive: bit N - 1 for flag N; -1 on error. */
static long long tapealert(int fd)
{
	unsigned char buf[512];
	struct tu_sense s;
	long long flags = 0;
	int n, i, code;

	n = log_sense(fd, 0x2e, 0, buf, sizeof(buf), &s);
	if (n != 4 + 64 * 5 || buf[0] != 0x2e || buf[2] != 0x01 ||
	    buf[3] != 0x40)
		return -1;
	for (i = 4; i < n; i += 5) {
		code = buf[i] << 8 | buf[i + 1];
		if (code != (i - 4) / 5 + 1 || buf[i + 3] != 1 ||
		    buf[i + 4] > 1)
			return -1;
		if (buf[i + 4])
			flags |= 1LL << (code - 1);
	}
	return flags;
}

static int ta(long long flags, int n)
{
	return flags >= 0 && (flags >> (n - 1)) & 1;
}

/* REQUEST SENSE of the drive. */
static int req_sense(int fd, struct tu_sense *out)
{
	unsigned char cdb[6] = { 0x03, 0, 0, 0, 18, 0 }, buf[18];
	struct tu_sense s;

	if (tu_sgio(fd, cdb, 6, buf, sizeof(buf), SG_DXFER_FROM_DEV, &s) ||
	    s.status)
		return -1;
	memset(out, 0, sizeof(*out));
	out->key = buf[2] & 0x0f;
	out->asc = buf[12];
	out->ascq = buf[13];
	return 0;
}

static int tur(int fd, struct tu_sense *s)
{
	const unsigned char cdb[6] = {};

	return tu_sgio(fd, cdb, 6, NULL, 0, SG_DXFER_NONE, s);
}

/* The line of debugfs "drives" for the first drive. */
static const char *drive_line(FIXTURE_DATA(clean) *self)
{
	static char buf[4096];
	char *p, *e;

	if (tu_read_file(SMCSIM_DBG "/lib0/drives", buf, sizeof(buf)))
		return "";
	for (p = buf; *p; p = e + 1) {
		e = strchrnul(p, '\n');
		if (!strncmp(p, self->dt_addr, strlen(self->dt_addr)) &&
		    p[strlen(self->dt_addr)] == ' ') {
			*e = '\0';
			return p;
		}
		if (!*e)
			break;
	}
	return "";
}

static const char *cleans(void)
{
	static char buf[256];

	if (tu_read_trim(SMCSIM_DBG "/lib0/cleans", buf, sizeof(buf)))
		return "";
	return buf;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Puts cleaning cartridge @code in the mail slot; returns mtx's slot. */
static unsigned int insert_cleaner(FIXTURE_DATA(clean) *self,
				   const char *code)
{
	int fd;
	struct tu_sense s;

	if (smcsim_knob("lib0", "insert", code))
		return 0;
	fd = open(self->changer, O_RDWR);
	if (fd < 0)
		return 0;
	tu_clear_ua(fd, &s);
	close(fd);
	return self->slots + 1;
}

TEST_F(clean, supported_pages)
{
	if (!self->ready)
		return;
	unsigned char buf[64];
	struct tu_sense s;

	ASSERT_EQ(6, log_sense(self->fd, 0x00, 0, buf, sizeof(buf), &s));
	ASSERT_EQ(0x00, buf[0]);
	ASSERT_EQ(2, buf[3]);
	ASSERT_EQ(0x00, buf[4]);
	ASSERT_EQ(0x2e, buf[5]);
	/* a page the drive does not have */
	ASSERT_EQ(-1, log_sense(self->fd, 0x0c, 0, buf, sizeof(buf), &s));
	ASSERT_EQ(5, s.key);
	ASSERT_EQ(0x24, s.asc);
	/* the parameter pointer: flags 20 to 64 */
	unsigned char ta_buf[512];

	ASSERT_EQ(4 + 45 * 5, log_sense(self->fd, 0x2e, TA_CLEAN_NOW, ta_buf,
					sizeof(ta_buf), &s));
	ASSERT_EQ(TA_CLEAN_NOW, ta_buf[5]);
	/* no flag on a fresh drive, which works without a cartridge */
	ASSERT_EQ(0, tapealert(self->fd));
	ASSERT_EQ(0, req_sense(self->fd, &s));
	ASSERT_EQ(2, s.key);
	ASSERT_EQ(0x3a, s.asc);
}

/* sg3_utils reads the page and decodes the flags the drive raises */
TEST_F(clean, sg_logs)
{
	if (!self->ready)
		return;
	char cmd[128];

	ASSERT_EQ(0, smcsim_knob("lib0", "clean_now", self->dt_addr));
	snprintf(cmd, sizeof(cmd), "sg_logs -p 0x2e %s 2>&1", self->drive);
	ASSERT_EQ(0, tu_run(cmd, self->out, OUT_LEN)) TH_LOG("%s", self->out);
	ASSERT_NE(NULL, strcasestr(self->out, "Tape alert"))
		TH_LOG("%s", self->out);
	/* its names for flags 20 and 21 */
	ASSERT_NE(NULL, strstr(self->out, "Cleaning required: 1"))
		TH_LOG("%s", self->out);
	ASSERT_NE(NULL, strstr(self->out, "Cleaning requested: 0"))
		TH_LOG("%s", self->out);
	ASSERT_NE(NULL, strstr(self->out, "Expired cleaning media: 0"))
		TH_LOG("%s", self->out);
	snprintf(cmd, sizeof(cmd), "sg_logs %s 2>&1", self->drive);
	ASSERT_EQ(0, tu_run(cmd, self->out, OUT_LEN));
	ASSERT_NE(NULL, strstr(self->out, "0x2e")) TH_LOG("%s", self->out);
}

/* the usage counter: flag 21 after clean_after data loads */
TEST_F(clean, periodic)
{
	if (!self->ready)
		return;
	struct tu_sense s;
	int i;

	ASSERT_EQ(0, smcsim_knob("lib0", "clean_after", "2"));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, ta(tapealert(self->fd), TA_CLEAN_PERIODIC));
		ASSERT_EQ(0, mtx(self, "load %u %u", 1, 0)) TH_LOG("%s", self->out);
		ASSERT_EQ(0, mtx(self, "unload %u %u", 1, 0));
	}
	ASSERT_EQ(1LL << (TA_CLEAN_PERIODIC - 1), tapealert(self->fd));
	/* a condition, not an event: reading does not clear it */
	ASSERT_EQ(1LL << (TA_CLEAN_PERIODIC - 1), tapealert(self->fd));
	ASSERT_NE(NULL, strstr(drive_line(self), " loads 2 tapealert 21 "))
		TH_LOG("%s", drive_line(self));
	/* a drive still works while it asks, and says so in its sense */
	ASSERT_EQ(0, mtx(self, "load %u %u", 1, 0));
	ASSERT_EQ(0, tu_clear_ua(self->fd, &s));
	ASSERT_EQ(0, s.status);
	ASSERT_EQ(0, req_sense(self->fd, &s));
	ASSERT_EQ(0, s.key);
	ASSERT_EQ(0x00, s.asc);
	ASSERT_EQ(0x17, s.ascq);
	ASSERT_EQ(0, mtx(self, "unload %u %u", 1, 0));
}

TEST_F(clean, clean_now_knob)
{
	if (!self->ready)
		return;
	char bad[16];

	ASSERT_EQ(0, smcsim_knob("lib0", "clean_now", self->dt_addr));
	ASSERT_EQ(1LL << (TA_CLEAN_NOW - 1), tapealert(self->fd));
	ASSERT_NE(NULL, strstr(drive_line(self), "tapealert 20 "));
	snprintf(bad, sizeof(bad), "%u", smcsim_param("st_base"));
	ASSERT_EQ(-EINVAL, smcsim_knob("lib0", "clean_now", bad));
	ASSERT_EQ(-EINVAL, smcsim_knob("lib0", "clean_now", "x"));
	ASSERT_EQ(-EINVAL, smcsim_knob("lib0", "cleans", "A00000L6 3"));
	ASSERT_EQ(-ENOENT, smcsim_knob("lib0", "cleans", "CLN999L1 3"));
	/* the reset forgets it */
	ASSERT_EQ(0, smcsim_knob("lib0", "reset", "1"));
	ASSERT_EQ(0, tapealert(self->fd));
}

/* a cleaning cycle: takes its time, holds the cartridge, then ejects it */
TEST_F(clean, cycle)
{
	if (!self->ready)
		return;
	unsigned int ie;
	struct tu_sense s;
	long long t0;

	ASSERT_EQ(0, smcsim_knob("lib0", "clean_after", "1"));
	ASSERT_EQ(0, smcsim_knob("lib0", "clean_ms", "1500"));
	ASSERT_EQ(0, smcsim_knob("lib0", "clean_now", self->dt_addr));
	ASSERT_EQ(0, mtx(self, "load %u %u", 1, 0));
	ASSERT_EQ(0, mtx(self, "unload %u %u", 1, 0));
	ASSERT_EQ((1LL << (TA_CLEAN_NOW - 1)) |
		  (1LL << (TA_CLEAN_PERIODIC - 1)), tapealert(self->fd));
	ie = insert_cleaner(self, "CLN001L1");
	ASSERT_NE(0, ie);
	ASSERT_STREQ("CLN001L1 50", cleans());
	t0 = now_ms();
	ASSERT_EQ(0, mtx(self, "load %u %u", ie, 0)) TH_LOG("%s", self->out);
	tu_clear_ua(self->fd, &s);
	ASSERT_EQ(2, s.status);
	ASSERT_EQ(2, s.key);
	ASSERT_EQ(0x30, s.asc);
	ASSERT_EQ(0x03, s.ascq);
	ASSERT_NE(NULL, strstr(drive_line(self), " cleaning 1 cleanings 0"));
	/* the robot cannot take the cleaner while the drive holds it */
	ASSERT_NE(0, mtx(self, "unload %u %u", ie, 0));
	do {
		ASSERT_EQ(0, tur(self->fd, &s));
		if (s.asc != 0x30)
			break;
		usleep(50000);
	} while (now_ms() - t0 < 10000);
	ASSERT_LE(1500, now_ms() - t0);
	/* done: the drive unloaded the cleaner by itself */
	ASSERT_EQ(2, s.key);
	ASSERT_EQ(0x3a, s.asc);
	ASSERT_EQ(0, tapealert(self->fd));
	ASSERT_EQ(0, req_sense(self->fd, &s));
	ASSERT_EQ(0x3a, s.asc);
	ASSERT_STREQ("CLN001L1 49", cleans());
	ASSERT_NE(NULL, strstr(drive_line(self),
			       " loads 0 tapealert - cleaning 0 cleanings 1"))
		TH_LOG("%s", drive_line(self));
	ASSERT_EQ(0, mtx(self, "status", 0, 0));
	ASSERT_NE(NULL, strstr(self->out, "CLN001L1"));
	ASSERT_EQ(0, mtx(self, "unload %u %u", ie, 0)) TH_LOG("%s", self->out);
}

/* an expired cleaner cleans nothing, the drive says so and ejects it */
TEST_F(clean, expired)
{
	if (!self->ready)
		return;
	unsigned int ie;
	struct tu_sense s;

	ASSERT_EQ(0, smcsim_knob("lib0", "cleaner_uses", "0"));
	ASSERT_EQ(0, smcsim_knob("lib0", "clean_now", self->dt_addr));
	ie = insert_cleaner(self, "CLN002L1");
	ASSERT_NE(0, ie);
	ASSERT_STREQ("CLN002L1 0", cleans());
	ASSERT_EQ(0, mtx(self, "load %u %u", ie, 0));
	tu_clear_ua(self->fd, &s);
	ASSERT_EQ(2, s.key);
	ASSERT_EQ(0x3a, s.asc);
	ASSERT_EQ((1LL << (TA_CLEAN_NOW - 1)) | (1LL << (TA_EXPIRED - 1)),
		  tapealert(self->fd));
	/* flag 22 is an event: the read cleared it, the request stays */
	ASSERT_EQ(1LL << (TA_CLEAN_NOW - 1), tapealert(self->fd));
	ASSERT_NE(NULL, strstr(drive_line(self), " cleanings 0"));
	ASSERT_EQ(0, mtx(self, "unload %u %u", ie, 0)) TH_LOG("%s", self->out);
	/* given cleans again, it cleans */
	ASSERT_EQ(0, smcsim_knob("lib0", "cleans", "CLN002L1 1"));
	ASSERT_EQ(0, smcsim_knob("lib0", "clean_ms", "0"));
	ASSERT_EQ(0, mtx(self, "load %u %u", ie, 0));
	tu_clear_ua(self->fd, &s);
	ASSERT_EQ(0x3a, s.asc);
	ASSERT_EQ(0, tapealert(self->fd));
	ASSERT_STREQ("CLN002L1 0", cleans());
	ASSERT_NE(NULL, strstr(drive_line(self), " cleanings 1"));
	ASSERT_EQ(0, mtx(self, "unload %u %u", ie, 0));
}

TEST_HARNESS_MAIN
