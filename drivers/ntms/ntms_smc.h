/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: SCSI Media Changer (SMC-3) command layer.
 *
 * Every CDB is built in one helper, every command goes through
 * ntms_smc_exec(), every response is parsed with bounds checks. Nothing
 * here knows about objects, sessions or user memory.
 */
#ifndef _NTMS_SMC_H
#define _NTMS_SMC_H

#include <linux/types.h>

#include "ntms_scsi.h"

struct scsi_device;

/* SMC-3 element type codes */
#define NTMS_SMC_ET_ALL		0
#define NTMS_SMC_ET_MT		1	/* medium transport (robot) */
#define NTMS_SMC_ET_ST		2	/* storage slot */
#define NTMS_SMC_ET_IE		3	/* import/export (mail slot) */
#define NTMS_SMC_ET_DT		4	/* data transfer (drive) */
#define NTMS_SMC_ET_NR		5

/* element descriptor byte 2 */
#define NTMS_SMC_EF_FULL	0x01
#define NTMS_SMC_EF_IMPEXP	0x02
#define NTMS_SMC_EF_EXCEPT	0x04
#define NTMS_SMC_EF_ACCESS	0x08
#define NTMS_SMC_EF_EXENAB	0x10
#define NTMS_SMC_EF_INENAB	0x20

/* volume tag identifier length, without padding */
#define NTMS_SMC_VOLTAG_LEN	32
/* longest device identifier we keep from a DVCID descriptor */
#define NTMS_SMC_ID_MAX		64

/**
 * struct ntms_smc_geometry - MODE SENSE page 1Dh, plus page 1Fh when read
 * @first: first element address, indexed by element type (1..4)
 * @count: number of elements, indexed by element type (1..4)
 * @have_caps: page 1Fh was read
 * @stor: storage capability bits of page 1Fh byte 2 (bit n-1: type n)
 * @move: move matrix, page 1Fh bytes 4..7 (from MT, ST, IE, DT)
 * @exchange: exchange matrix, page 1Fh bytes 12..15
 */
struct ntms_smc_geometry {
	u16 first[NTMS_SMC_ET_NR];
	u16 count[NTMS_SMC_ET_NR];
	bool have_caps;
	u8 stor;
	u8 move[4];
	u8 exchange[4];
};

/**
 * struct ntms_smc_elem - one parsed element descriptor
 * @type: element type (NTMS_SMC_ET_*)
 * @addr: element address
 * @flags: descriptor byte 2 (NTMS_SMC_EF_*)
 * @asc: additional sense code when EXCEPT is set
 * @ascq: additional sense code qualifier when EXCEPT is set
 * @svalid: @src is valid
 * @invert: the medium was inverted on its way here
 * @src: source element address (where the medium came from)
 * @has_voltag: the descriptor carried a primary volume tag
 * @voltag: primary volume tag, trimmed, NUL terminated ("" when blank)
 * @id_codeset: DVCID code set (1 binary, 2 ASCII, 3 UTF-8)
 * @id_type: DVCID designator type (SPC-4 VPD 83h designator types)
 * @id_len: DVCID designator length, 0 when none
 * @id: DVCID designator bytes
 */
struct ntms_smc_elem {
	u8 type;
	u16 addr;
	u8 flags;
	u8 asc;
	u8 ascq;
	bool svalid;
	bool invert;
	u16 src;
	bool has_voltag;
	char voltag[NTMS_SMC_VOLTAG_LEN + 1];
	u8 id_codeset;
	u8 id_type;
	u8 id_len;
	u8 id[NTMS_SMC_ID_MAX];
};

/**
 * struct ntms_smc - per-changer SMC state
 * @dev: the changer, as ntms_scsi_exec() sends to it
 * @no_dvcid: the device rejected DVCID; never set it again
 * @no_voltag: the device rejected VOLTAG; never set it again
 * @apart: the device rejects VOLTAG and DVCID in one command but takes
 *	each alone: drives are read twice, identifiers first
 * @max_xfer: largest data-in transfer the host accepts, in bytes
 * @dlen: descriptor length the device last used, per element type
 *
 * Used only by the one work item that talks to this changer at a time
 * (the library's ordered workqueue), so it needs no lock.
 */
struct ntms_smc {
	struct ntms_scsi dev;
	bool no_dvcid;
	bool no_voltag;
	bool apart;
	unsigned int max_xfer;
	u16 dlen[NTMS_SMC_ET_NR];
};

void ntms_smc_init(struct ntms_smc *smc, struct scsi_device *sdev);
int ntms_smc_read_geometry(struct ntms_smc *smc, struct ntms_smc_geometry *geo);
int ntms_smc_read_elements(struct ntms_smc *smc, u8 type, u16 first,
			   u16 count,
			   int (*fn)(void *ctx, const struct ntms_smc_elem *e),
			   void *ctx);
int ntms_smc_move_medium(struct ntms_smc *smc, u16 transport, u16 src,
			 u16 dst);
int ntms_smc_exchange_medium(struct ntms_smc *smc, u16 transport, u16 src,
			     u16 dst1, u16 dst2);
bool ntms_smc_can_exchange(const struct ntms_smc_geometry *geo, u8 from,
			   u8 to);
int ntms_smc_init_element_status(struct ntms_smc *smc);

#endif /* _NTMS_SMC_H */
