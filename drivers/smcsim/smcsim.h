/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smcsim: simulated SCSI tape libraries (private header).
 */
#ifndef _SMCSIM_H
#define _SMCSIM_H

#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

/**
 * DOC: Locking
 *
 * All state of a library (its elements, the state of each logical unit,
 * the door, the operational state, the fault rules and the latency) is in
 * one &struct smcsim_lib and protected by its @lock, a spinlock taken with
 * interrupts disabled. It is taken by:
 *
 * - queuecommand (smcsim_queuecommand()): the command is executed entirely
 *   under the lock, without sleeping: the response is copied into the
 *   command's scatterlist with atomic mappings;
 * - the debugfs knobs (smcsim_control.c), from process context.
 *
 * Completion (scsi_done()) is called without the lock, either directly
 * from queuecommand or from the command's hrtimer. Nothing else is shared
 * between libraries except the read-only module parameters. The library
 * outlives its Scsi_Host's devices: deleting a scsi_device loses no state.
 */

#define SMCSIM_VENDOR		"NTMS    "
#define SMCSIM_CHANGER_PRODUCT	"SMCSIM LIBRARY  "
#define SMCSIM_DRIVE_PRODUCT	"SMCSIM LTO-6    "
#define SMCSIM_REVISION		"0100"
#define SMCSIM_SERIAL_LEN	12
/* T10 vendor ID designator: vendor (8) + product (16) + serial (12) */
#define SMCSIM_T10_ID_LEN	(8 + 16 + SMCSIM_SERIAL_LEN)
#define SMCSIM_BARCODE_MAX	15
#define SMCSIM_VOLTAG_LEN	36
#define SMCSIM_MAX_FAULTS	8
#define SMCSIM_SMALL_BUF	512
#define SMCSIM_NAA_BASE		0x30534D4300000000ULL
#define SMCSIM_STANDALONE_NAA	255

/* Cleaning: barcodes of cleaning cartridges start with this. */
#define SMCSIM_CLEANER_PREFIX	"CLN"
#define SMCSIM_CLEANER_USES	50	/* cleans of a new cleaning cartridge */
#define SMCSIM_CLEAN_MS		2000	/* a drive's cleaning cycle */
/* TapeAlert flags (log page 2Eh parameter codes) the drives raise. */
#define SMCSIM_TA_CLEAN_NOW	0x14
#define SMCSIM_TA_CLEAN_PERIODIC 0x15
#define SMCSIM_TA_EXPIRED_CLEANER 0x16
#define SMCSIM_TA_NR		64

/* Element type codes (SMC-3). */
#define SMCSIM_ET_ALL	0
#define SMCSIM_ET_MT	1
#define SMCSIM_ET_ST	2
#define SMCSIM_ET_IE	3
#define SMCSIM_ET_DT	4
#define SMCSIM_NR_ET	5

/* Element descriptor flags byte (byte 2). */
#define SMCSIM_EL_FULL		0x01
#define SMCSIM_EL_IMPEXP	0x02
#define SMCSIM_EL_EXCEPT	0x04
#define SMCSIM_EL_ACCESS	0x08
#define SMCSIM_EL_EXENAB	0x10
#define SMCSIM_EL_INENAB	0x20

/* Unit attention conditions, in reporting priority (lowest bit first). */
#define SMCSIM_UA_POR		0	/* 29h/00h power on, reset */
#define SMCSIM_UA_IE_ACCESS	1	/* 28h/01h import/export accessed */
#define SMCSIM_UA_MEDIUM	2	/* 28h/00h not ready to ready */
#define SMCSIM_UA_NR		3

/**
 * enum smcsim_state - operational state of a changer (``state`` knob)
 * @SMCSIM_READY: commands execute
 * @SMCSIM_BECOMING_READY: NOT READY 04h/01h
 * @SMCSIM_MANUAL: NOT READY 04h/03h, manual intervention required
 * @SMCSIM_OFFLINE: NOT READY 04h/12h, offline
 */
enum smcsim_state {
	SMCSIM_READY,
	SMCSIM_BECOMING_READY,
	SMCSIM_MANUAL,
	SMCSIM_OFFLINE,
};

/**
 * struct smcsim_elem - one element (robot, slot, mail slot or drive)
 * @barcode: NUL-terminated barcode of the cartridge, valid when @full
 * @src: source element address, valid when @svalid
 * @full: holds a cartridge
 * @svalid: @src is valid
 * @impexp: the cartridge was put in by the operator (mail slots)
 * @wp: the cartridge's write-protect tab is set (travels with it)
 * @cleans: a cleaning cartridge's cleans left (travels with it)
 */
struct smcsim_elem {
	char barcode[SMCSIM_BARCODE_MAX + 1];
	u16 src;
	u16 cleans;
	u8 full:1;
	u8 svalid:1;
	u8 impexp:1;
	u8 wp:1;
};

/**
 * struct smcsim_range - addresses of one element type
 * @base: first address
 * @count: number of elements
 * @first: index in &smcsim_lib.elems of the element at @base
 */
struct smcsim_range {
	u32 base;
	u32 count;
	u32 first;
};

/**
 * struct smcsim_lu - state of one logical unit (changer or tape drive)
 * @lun: its LUN
 * @changer: true for the medium changer, false for a tape drive
 * @dt: for a drive: its index among the library's data transfer elements
 * @serial: NUL-terminated serial number (VPD 80h)
 * @ua: pending unit attention conditions (SMCSIM_UA_* bits)
 * @prevent: PREVENT ALLOW MEDIUM REMOVAL state
 * @unloaded: drive: the cartridge was unloaded by LOAD UNLOAD
 * @blksize: drive: block size from MODE SELECT (0 = variable)
 * @pos: drive: logical block position
 * @loads: drive: data cartridges loaded since it was last cleaned
 * @clean_now: drive: TapeAlert flag 20 raised (the ``clean_now`` knob);
 *	cleared by a cleaning
 * @expired: drive: TapeAlert flag 22, an expired cleaner was loaded;
 *	cleared by reading log page 2Eh or by the next load
 * @cleaning: drive: a cleaning cycle is running until @clean_end
 * @clean_end: drive: when the running cleaning cycle ends
 * @cleanings: drive: cleaning cycles completed since module load or the
 *	last ``reset``
 */
struct smcsim_lu {
	u64 lun;
	bool changer;
	u32 dt;
	char serial[SMCSIM_SERIAL_LEN + 1];
	unsigned long ua;
	bool prevent;
	bool unloaded;
	u32 blksize;
	u32 pos;
	u32 loads;
	bool clean_now;
	bool expired;
	bool cleaning;
	ktime_t clean_end;
	u32 cleanings;
};

/**
 * struct smcsim_fault - one armed fault injection rule
 * @opcode: CDB opcode it matches
 * @lun: LUN it matches, or -1 for any
 * @count: commands left to fail; 0 = free rule
 * @key: sense key
 * @asc: additional sense code
 * @ascq: additional sense code qualifier
 */
struct smcsim_fault {
	u8 opcode;
	s32 lun;
	u32 count;
	u8 key;
	u8 asc;
	u8 ascq;
};

/* how a library identifies its drives in READ ELEMENT STATUS (DVCID) */
enum smcsim_dvcid {
	SMCSIM_DVCID_T10,
	SMCSIM_DVCID_HP,
	SMCSIM_DVCID_NUL,
	SMCSIM_DVCID_VENDOR,
	SMCSIM_DVCID_ZERO,
	SMCSIM_DVCID_EMPTY,
	SMCSIM_DVCID_REJECT,
	SMCSIM_DVCID_APART,
};

enum smcsim_inquiry {
	SMCSIM_INQUIRY_SPC4,
	SMCSIM_INQUIRY_SCSI2,
};

/**
 * struct smcsim_lib - one simulated library (or the standalone drives)
 * @index: library number, from 0; the standalone host comes last
 * @standalone: the host of standalone drives (no changer)
 * @name: debugfs directory name
 * @dvcid: its drive identifiers (smcsim_personality.c)
 * @inquiry: the standard its changer claims (smcsim_personality.c)
 * @lock: protects everything below (see DOC: Locking)
 * @range: address ranges, indexed by element type code
 * @order: element type codes in ascending address order
 * @elems: all elements, by type then address
 * @nelems: number of @elems
 * @lus: logical units, indexed by LUN
 * @nlus: number of @lus
 * @door_open: the mail slot is open
 * @main_door_open: the library's main door is open: the changer is NOT
 *	READY (04h/03h, manual intervention required) until it closes
 * @state: changer operational state
 * @latency_ms: delay added to every command
 * @clean_after: data loads after which a drive asks for cleaning
 *	(TapeAlert flag 21); 0 = never
 * @clean_ms: duration of a drive's cleaning cycle
 * @cleaner_uses: cleans a cleaning cartridge inserted by the operator has
 * @st_absent: storage slots that are not installed (a magazine out), by
 *	index from @range[SMCSIM_ET_ST].base: ACCESS clear in their
 *	descriptors
 * @faults: fault injection rules
 * @shost: the SCSI host, NULL once removed
 * @dbg: debugfs directory
 */
struct smcsim_lib {
	unsigned int index;
	bool standalone;
	char name[16];
	enum smcsim_dvcid dvcid;
	enum smcsim_inquiry inquiry;
	spinlock_t lock;	/* protects the fields below */
	struct smcsim_range range[SMCSIM_NR_ET];
	u8 order[SMCSIM_NR_ET - 1];
	struct smcsim_elem *elems;
	u32 nelems;
	struct smcsim_lu *lus;
	u32 nlus;
	bool door_open;
	bool main_door_open;
	enum smcsim_state state;
	u32 latency_ms;
	u32 clean_after;
	u32 clean_ms;
	u32 cleaner_uses;
	unsigned long *st_absent;
	struct smcsim_fault faults[SMCSIM_MAX_FAULTS];
	struct Scsi_Host *shost;
	struct dentry *dbg;
};

/**
 * struct smcsim_cmd - per-command private data (scsi_cmd_priv())
 * @timer: deferred completion
 * @cmd: the command
 * @buf: scratch buffer for small responses and parameter lists
 */
struct smcsim_cmd {
	struct hrtimer timer;
	struct scsi_cmnd *cmd;
	u8 buf[SMCSIM_SMALL_BUF];
};

/**
 * struct smcsim_req - one command being executed, under the library lock
 * @cmd: the SCSI command
 * @cdb: its CDB
 * @lib: the library
 * @lu: the logical unit, NULL if the LUN does not exist
 * @buf: scratch buffer of %SMCSIM_SMALL_BUF bytes
 * @delay_ms: extra completion delay asked for by the handler
 */
struct smcsim_req {
	struct scsi_cmnd *cmd;
	const u8 *cdb;
	struct smcsim_lib *lib;
	struct smcsim_lu *lu;
	u8 *buf;
	u32 delay_ms;
};

/* Flags of &struct smcsim_opcode. */
#define SMCSIM_F_NO_UA		BIT(0)	/* unit attentions not reported */
#define SMCSIM_F_ANY_STATE	BIT(1)	/* executes while changer not ready */
#define SMCSIM_F_MEDIUM		BIT(2)	/* drive: needs a loaded cartridge */

/**
 * struct smcsim_opcode - one entry of an opcode table
 * @opcode: the opcode (for tracing; the table is indexed by it)
 * @len: minimum CDB length
 * @flags: SMCSIM_F_* flags
 * @handler: executes the command under the library lock; returns 0 or
 *	the result of a sense builder
 */
struct smcsim_opcode {
	u8 opcode;
	u8 len;
	u16 flags;
	int (*handler)(struct smcsim_req *r);
};

/* Module parameters (smcsim_main.c). */
extern unsigned int smcsim_move_ms;
extern unsigned int smcsim_max_elements;

/* smcsim_scsi.c */
extern struct scsi_host_template smcsim_template;
int smcsim_sense(struct smcsim_req *r, u8 key, u8 asc, u8 ascq);
int smcsim_invalid_field(struct smcsim_req *r);
int smcsim_invalid_opcode(struct smcsim_req *r);
int smcsim_put(struct smcsim_req *r, u32 off, const void *src, u32 len,
	       u32 alloc);
void smcsim_finish(struct smcsim_req *r, u32 total, u32 alloc);
int smcsim_reply(struct smcsim_req *r, u32 len, u32 alloc);
int smcsim_get_param(struct smcsim_req *r, u32 len);
int smcsim_inquiry(struct smcsim_req *r);
int smcsim_report_luns(struct smcsim_req *r);
int smcsim_request_sense(struct smcsim_req *r);
int smcsim_test_unit_ready(struct smcsim_req *r);
int smcsim_mode_sense(struct smcsim_req *r,
		      u32 (*page)(struct smcsim_req *r, u8 code, bool mask,
				  u8 *p),
		      const u8 *pages, u32 npages, bool bd);
void smcsim_t10_id(const struct smcsim_lib *lib,
		   const struct smcsim_lu *lu, u8 *out);

/* smcsim_changer.c */
extern const struct smcsim_opcode smcsim_changer_ops[256];
struct smcsim_elem *smcsim_elem_at(struct smcsim_lib *lib, u32 addr,
				   u8 *type);
struct smcsim_lu *smcsim_drive_lu(struct smcsim_lib *lib, u32 dt);

/* smcsim_tape.c */
extern const struct smcsim_opcode smcsim_tape_ops[256];
void smcsim_tape_loaded(struct smcsim_lib *lib, u32 dt);
bool smcsim_is_cleaner(const struct smcsim_elem *e);
void smcsim_tape_update(struct smcsim_lib *lib, struct smcsim_lu *lu);
u32 smcsim_tapealert(struct smcsim_lib *lib, struct smcsim_lu *lu,
		     u8 *flags);
void smcsim_lib_fill(struct smcsim_lib *lib);

/* smcsim_personality.c */
int smcsim_personality(struct smcsim_lib *lib);
u32 smcsim_dvcid_len(const struct smcsim_lib *lib);
void smcsim_dvcid(const struct smcsim_lib *lib, const struct smcsim_lu *lu,
		  u8 *d);
u32 smcsim_port_desig(const struct smcsim_lib *lib, u8 *p);

/* smcsim_control.c */
void smcsim_debugfs_init(void);
void smcsim_debugfs_exit(void);
void smcsim_debugfs_add(struct smcsim_lib *lib);
void smcsim_leak_debugfs(struct dentry *root);
bool smcsim_fault_match(struct smcsim_req *r);

#endif /* _SMCSIM_H */
