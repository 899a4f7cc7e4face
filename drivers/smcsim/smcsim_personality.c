// SPDX-License-Identifier: GPL-2.0
/*
 * smcsim: how a library tells its drives apart, as real changers differ.
 *
 * The "dvcid" module parameter chooses, per library (a comma-separated
 * list, the last entry applying to the libraries beyond it), the
 * identifier READ ELEMENT STATUS with DVCID returns for a drive element:
 *
 *   t10     T10 vendor ID designator (type 1): vendor, product, serial;
 *           the same bytes as in the drive's VPD 83h (the default)
 *   hp      the serial number alone, ASCII, vendor specific (type 0),
 *           padded with spaces to 20 bytes (HP MSL)
 *   nul     the serial number, padded with NULs to 32 bytes
 *   vendor  vendor, product and serial as ASCII, vendor specific (type 0):
 *           in no VPD 83h designator (IBM, StorageTek style)
 *   zero    the serial number zero-padded on the left to 16 bytes
 *   empty   an identification descriptor of length 0
 *   reject  DVCID refused: ILLEGAL REQUEST, invalid field in CDB (Qualstar)
 *   apart   t10 identifiers, but VOLTAG and DVCID in one command refused
 *           as reject refuses DVCID; each alone is answered
 *
 * "vpd_port" (default on) adds a target-port designator (association
 * 01b, NAA) to every logical unit's VPD 83h, the same for the changer and
 * the drives of one library, as devices behind one target port have.
 *
 * The "inquiry" module parameter chooses, per library in the same way,
 * the standard its changer claims in its INQUIRY data:
 *
 *   spc4    SPC-4 (the default)
 *   scsi2   SCSI-2: the SCSI core then caches no VPD page of the changer
 *           (no vpd_pg80, vpd_pg83 in sysfs), although it answers INQUIRY
 *           with EVPD like any other
 */

#include <linux/module.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "smcsim.h"

static char *smcsim_dvcid_param = "t10";
module_param_named(dvcid, smcsim_dvcid_param, charp, 0444);
MODULE_PARM_DESC(dvcid, "drive identifiers per library: t10, hp, nul, vendor, zero, empty, reject, apart (comma list; default t10)");

static char *smcsim_inquiry_param = "spc4";
module_param_named(inquiry, smcsim_inquiry_param, charp, 0444);
MODULE_PARM_DESC(inquiry, "standard each library's changer claims: spc4, scsi2 (comma list; default spc4)");

static bool smcsim_vpd_port = true;
module_param_named(vpd_port, smcsim_vpd_port, bool, 0444);
MODULE_PARM_DESC(vpd_port, "target-port designators in VPD 83h (default on)");

static const char * const smcsim_dvcid_names[] = {
	[SMCSIM_DVCID_T10] = "t10",
	[SMCSIM_DVCID_HP] = "hp",
	[SMCSIM_DVCID_NUL] = "nul",
	[SMCSIM_DVCID_VENDOR] = "vendor",
	[SMCSIM_DVCID_ZERO] = "zero",
	[SMCSIM_DVCID_EMPTY] = "empty",
	[SMCSIM_DVCID_REJECT] = "reject",
	[SMCSIM_DVCID_APART] = "apart",
};

static const char * const smcsim_inquiry_names[] = {
	[SMCSIM_INQUIRY_SPC4] = "spc4",
	[SMCSIM_INQUIRY_SCSI2] = "scsi2",
};

/*
 * The word for library @index in the comma list @param (the last word
 * for the libraries beyond it): its number in @names, or -EINVAL.
 */
static int smcsim_pick(const char *param, unsigned int index,
		       const char * const *names, unsigned int nr)
{
	const char *p = param, *comma;
	unsigned int i = 0, k;
	size_t len;

	for (;;) {
		comma = strchr(p, ',');
		len = comma ? comma - p : strlen(p);
		if (i == index || !comma)
			break;
		p = comma + 1;
		i++;
	}
	for (k = 0; k < nr; k++)
		if (strlen(names[k]) == len && !strncmp(p, names[k], len))
			return k;
	return -EINVAL;
}

/**
 * smcsim_personality() - the personality of a library
 * @lib: the library, with its @index set; receives @dvcid and @inquiry
 *
 * Context: module init.
 * Return: 0, or -EINVAL for a name that is none of the above.
 */
int smcsim_personality(struct smcsim_lib *lib)
{
	int dvcid, inquiry;

	dvcid = smcsim_pick(smcsim_dvcid_param, lib->index, smcsim_dvcid_names,
			    ARRAY_SIZE(smcsim_dvcid_names));
	inquiry = smcsim_pick(smcsim_inquiry_param, lib->index,
			      smcsim_inquiry_names,
			      ARRAY_SIZE(smcsim_inquiry_names));
	if (dvcid < 0 || inquiry < 0)
		return -EINVAL;
	lib->dvcid = dvcid;
	lib->inquiry = inquiry;
	return 0;
}

/**
 * smcsim_dvcid_len() - length of a drive's identification descriptor
 * @lib: the library
 *
 * Context: any.
 * Return: bytes, header included.
 */
u32 smcsim_dvcid_len(const struct smcsim_lib *lib)
{
	switch (lib->dvcid) {
	case SMCSIM_DVCID_HP:
		return 4 + 20;
	case SMCSIM_DVCID_NUL:
		return 4 + 32;
	case SMCSIM_DVCID_ZERO:
		return 4 + 16;
	case SMCSIM_DVCID_EMPTY:
		return 4;
	default:
		return 4 + SMCSIM_T10_ID_LEN;
	}
}

/**
 * smcsim_dvcid() - a drive's identification descriptor
 * @lib: the library
 * @lu: the drive's logical unit
 * @d: smcsim_dvcid_len() bytes, zeroed
 *
 * Context: any.
 */
void smcsim_dvcid(const struct smcsim_lib *lib, const struct smcsim_lu *lu,
		  u8 *d)
{
	u32 len = smcsim_dvcid_len(lib) - 4, n = strlen(lu->serial);

	d[0] = 0x02;				/* code set ASCII */
	/* T10 vendor ID, or 0: vendor specific */
	d[1] = lib->dvcid == SMCSIM_DVCID_T10 || lib->dvcid == SMCSIM_DVCID_APART;
	d[3] = len;
	switch (lib->dvcid) {
	case SMCSIM_DVCID_HP:
		memset(d + 4, ' ', len);
		memcpy(d + 4, lu->serial, min(n, len));
		break;
	case SMCSIM_DVCID_NUL:
		memcpy(d + 4, lu->serial, min(n, len));
		break;
	case SMCSIM_DVCID_ZERO:
		memset(d + 4, '0', len);
		memcpy(d + 4 + len - min(n, len), lu->serial, min(n, len));
		break;
	case SMCSIM_DVCID_EMPTY:
		break;
	default:
		smcsim_t10_id(lib, lu, d + 4);
		break;
	}
}

/**
 * smcsim_port_desig() - the target-port designator of a library's LUs
 * @lib: the library
 * @p: room for 12 bytes
 *
 * Context: any.
 * Return: its length, 0 with vpd_port off.
 */
u32 smcsim_port_desig(const struct smcsim_lib *lib, u8 *p)
{
	u64 naa;

	if (!smcsim_vpd_port)
		return 0;
	p[0] = 0x01;		/* code set binary */
	p[1] = 0x13;		/* association: target port; NAA */
	p[2] = 0;
	p[3] = 8;
	naa = SMCSIM_NAA_BASE | 0xfffe |
	      (u64)(lib->standalone ? SMCSIM_STANDALONE_NAA : lib->index + 1)
	      << 16;
	put_unaligned_be64(naa, p + 4);
	return 12;
}
