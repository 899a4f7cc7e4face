// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's ch driver against the simulated library (run without ntms):
 * parameters, moves, exchanges, element status and the errnos of ch.c for
 * a full destination (EXFULL) and an empty source (EBADE).
 * Needs media >= 2, media < slots, drives >= 1.
 */
#include <glob.h>
#include <linux/chio.h>
#include "smcsim_util.h"
#include "kselftest_harness.h"

FIXTURE(ch) {
	int ready;		/* setup completed without SKIP */
	int fd;
	unsigned int slots, drives, ieports, media;
};

FIXTURE_SETUP(ch)
{
	glob_t g = {};
	int i;

	self->fd = -1;
	self->slots = smcsim_param("slots");
	self->drives = smcsim_param("drives");
	self->ieports = smcsim_param("ieports");
	self->media = smcsim_param("media");
	if (self->media < 2 || self->media >= self->slots || !self->drives)
		SKIP(return, "needs 2 <= media < slots and a drive");
	if (access("/sys/module/ch", F_OK))
		ASSERT_EQ(0, tu_run("modprobe ch 2>&1", NULL, 0));
	for (i = 0; i < 50 && glob("/dev/sch*", 0, NULL, &g); i++)
		usleep(100000);
	ASSERT_LT(0, (int)g.gl_pathc) TH_LOG("no /dev/sch* after modprobe ch");
	self->fd = open(g.gl_pathv[0], O_RDWR);
	globfree(&g);
	ASSERT_LE(0, self->fd);
	self->ready = 1;
}

FIXTURE_TEARDOWN(ch)
{
	if (self->fd >= 0)
		close(self->fd);
}

static int ch_move(int fd, int ft, int fu, int tt, int tu)
{
	struct changer_move mv = {
		.cm_fromtype = ft, .cm_fromunit = fu,
		.cm_totype = tt, .cm_tounit = tu,
	};

	return ioctl(fd, CHIOMOVE, &mv) ? -errno : 0;
}

static int ch_elem(int fd, int type, int unit, struct changer_get_element *ge)
{
	memset(ge, 0, sizeof(*ge));
	ge->cge_type = type;
	ge->cge_unit = unit;
	return ioctl(fd, CHIOGELEM, ge) ? -errno : 0;
}

static int tag_is(const struct changer_get_element *ge, unsigned int n)
{
	char want[16];

	snprintf(want, sizeof(want), "A%05uL6", n);
	return (ge->cge_flags & CGE_PVOLTAG) &&
	       !memcmp(ge->cge_pvoltag, want, strlen(want));
}

TEST_F(ch, params)
{
	if (!self->ready)
		return;
	struct changer_params p = {};

	ASSERT_EQ(0, ioctl(self->fd, CHIOGPARAMS, &p));
	EXPECT_EQ(1, p.cp_npickers);
	EXPECT_EQ((int)self->slots, p.cp_nslots);
	EXPECT_EQ((int)self->ieports, p.cp_nportals);
	EXPECT_EQ((int)self->drives, p.cp_ndrives);
}

TEST_F(ch, move_and_element_status)
{
	if (!self->ready)
		return;
	struct changer_get_element ge;
	struct changer_element_status es;
	unsigned char st[256] = {};

	ASSERT_EQ(0, ch_move(self->fd, CHET_ST, 0, CHET_DT, 0));
	ASSERT_EQ(0, ch_elem(self->fd, CHET_DT, 0, &ge));
	EXPECT_TRUE(ge.cge_status & CESTATUS_FULL);
	EXPECT_TRUE(tag_is(&ge, 0));
	EXPECT_TRUE(ge.cge_flags & CGE_SRC);
	EXPECT_EQ(CHET_ST, ge.cge_srctype);
	EXPECT_EQ(0, ge.cge_srcunit);
	EXPECT_TRUE(ge.cge_flags & CGE_IDLUN);
	EXPECT_EQ(1, ge.cge_lun);

	es.ces_type = CHET_DT;
	es.ces_data = st;
	ASSERT_EQ(0, ioctl(self->fd, CHIOGSTATUS, &es));
	EXPECT_EQ(CESTATUS_FULL | CESTATUS_ACCESS, st[0]);
	es.ces_type = CHET_ST;
	ASSERT_EQ(0, ioctl(self->fd, CHIOGSTATUS, &es));
	EXPECT_EQ(CESTATUS_ACCESS, st[0]);
	EXPECT_EQ(CESTATUS_FULL | CESTATUS_ACCESS, st[1]);
	if (self->ieports) {
		es.ces_type = CHET_IE;
		ASSERT_EQ(0, ioctl(self->fd, CHIOGSTATUS, &es));
		EXPECT_EQ(CESTATUS_ACCESS | CESTATUS_EXENAB | CESTATUS_INENAB,
			  st[0]);
	}

	/* Full destination: EXFULL; empty source: EBADE. */
	EXPECT_EQ(-EXFULL, ch_move(self->fd, CHET_ST, 1, CHET_DT, 0));
	EXPECT_EQ(-EBADE, ch_move(self->fd, CHET_ST, 0, CHET_ST,
				  self->slots - 1));
	/* Out of range units are refused by ch itself. */
	EXPECT_EQ(-EBADSLT, ch_move(self->fd, CHET_ST, self->slots, CHET_DT, 0));

	ASSERT_EQ(0, ch_move(self->fd, CHET_DT, 0, CHET_ST, 0));
	ASSERT_EQ(0, ch_elem(self->fd, CHET_ST, 0, &ge));
	EXPECT_TRUE(tag_is(&ge, 0));
	ASSERT_EQ(0, ch_elem(self->fd, CHET_DT, 0, &ge));
	EXPECT_FALSE(ge.cge_status & CESTATUS_FULL);
}

TEST_F(ch, exchange)
{
	if (!self->ready)
		return;
	struct changer_exchange ex = {
		.ce_srctype = CHET_ST, .ce_srcunit = 0,
		.ce_fdsttype = CHET_ST, .ce_fdstunit = 1,
		.ce_sdsttype = CHET_ST, .ce_sdstunit = 0,
	};
	struct changer_get_element ge;

	ASSERT_EQ(0, ioctl(self->fd, CHIOEXCHANGE, &ex));
	ASSERT_EQ(0, ch_elem(self->fd, CHET_ST, 0, &ge));
	EXPECT_TRUE(tag_is(&ge, 1));
	ASSERT_EQ(0, ch_elem(self->fd, CHET_ST, 1, &ge));
	EXPECT_TRUE(tag_is(&ge, 0));
	ASSERT_EQ(0, ioctl(self->fd, CHIOEXCHANGE, &ex));
	ASSERT_EQ(0, ch_elem(self->fd, CHET_ST, 0, &ge));
	EXPECT_TRUE(tag_is(&ge, 0));

	/* Exchanging with an empty element: the source is empty. */
	ex.ce_fdstunit = self->slots - 1;
	EXPECT_EQ(-1, ioctl(self->fd, CHIOEXCHANGE, &ex));
	EXPECT_EQ(EBADE, errno);
}

TEST_F(ch, mail_slot_door)
{
	if (!self->ready)
		return;
	if (!self->ieports)
		SKIP(return, "no mail slot");
	ASSERT_EQ(0, smcsim_knob("lib0", "door", "open"));
	/* 02h/3Ah/02h has no entry in ch's table: EIO. */
	EXPECT_EQ(-EIO, ch_move(self->fd, CHET_ST, 0, CHET_IE, 0));
	ASSERT_EQ(0, smcsim_knob("lib0", "door", "close"));
	/* ch retries the unit attention that closing the door posts. */
	ASSERT_EQ(0, ch_move(self->fd, CHET_ST, 0, CHET_IE, 0));
	ASSERT_EQ(0, ch_move(self->fd, CHET_IE, 0, CHET_ST, 0));
}

TEST_F(ch, init_elem)
{
	if (!self->ready)
		return;
	ASSERT_EQ(0, ioctl(self->fd, CHIOINITELEM));
}

TEST_HARNESS_MAIN
