// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A SCSI generic device that is no library ntms manages: a tape drive's
 * or a disk's /dev/sgN named by mistake where the changer belongs.
 *
 * mtx sends such a device its commands and prints what the device
 * answers (its sense data, then the command that failed). ntms-mtx does
 * the same for the commands that read and change nothing (INQUIRY, MODE
 * SENSE, READ ELEMENT STATUS), so that a configuration naming the wrong
 * device fails with mtx's own messages and exit status. Nothing that
 * moves or initializes is ever sent here: ntms owns every changer, and a
 * changer it does not manage is refused by name.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <scsi/sg.h>

#include "mtx.h"

#define SGDEV_TIMEOUT_MS	60000
#define SGDEV_SENSE_LEN		32

/* mtx's names for the peripheral device types, by type */
static const char *const sgdev_types[] = {
	"Disk Drive", "Tape Drive", "Printer", "Processor", "Write-once",
	"CD-ROM", "Scanner", "Optical", "Medium Changer", "Communications",
	"ASC IT8", "ASC IT8", "RAID Array", "Enclosure Services",
	"RBC Simplified Disk", "OCR/W", "Bridging Expander",
};

static const char *const sgdev_keys[] = {
	"No Sense", "Recovered Error", "Not Ready", "Medium Error",
	"Hardware Error", "Illegal Request", "Unit Attention", "Data Protect",
	"Blank Check", "0x09", "0x0a", "Aborted Command", "0x0c",
	"Volume Overflow", "Miscompare", "0x0f",
};

/**
 * sgdev_open() - open @path if it is a SCSI generic device
 * @path: what -f named
 *
 * Return: the open descriptor, or -1 (not an sg device).
 */
int sgdev_open(const char *path)
{
	int fd, version;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (ioctl(fd, SG_GET_VERSION_NUM, &version) || version < 30000) {
		close(fd);
		return -1;
	}
	return fd;
}

/* one command from the device; 0, or -1 with @sense as the device sent it */
static int sgdev_cmd(int fd, const uint8_t *cdb, uint8_t len, void *buf,
		     unsigned int size, uint8_t *sense)
{
	struct sg_io_hdr io = {
		.interface_id = 'S',
		.dxfer_direction = SG_DXFER_FROM_DEV,
		.cmd_len = len,
		.mx_sb_len = SGDEV_SENSE_LEN,
		.dxfer_len = size,
		.dxferp = buf,
		.cmdp = (uint8_t *)cdb,
		.sbp = sense,
		.timeout = SGDEV_TIMEOUT_MS,
	};

	memset(sense, 0, SGDEV_SENSE_LEN);
	if (ioctl(fd, SG_IO, &io) < 0)
		return -1;
	if ((io.info & SG_INFO_OK_MASK) == SG_INFO_OK)
		return 0;
	return -1;
}

static const char *yes_no(int bit)
{
	return bit ? "yes" : "no";
}

/* mtx's report of fixed-format sense data, on stderr */
static void sgdev_print_sense(const uint8_t *s)
{
	unsigned int code = s[0] & 0x7f;

	fprintf(stderr, "mtx: Request Sense: Long Report=yes\n");
	fprintf(stderr, "mtx: Request Sense: Valid Residual=%s\n",
		yes_no(s[0] & 0x80));
	fprintf(stderr, "mtx: Request Sense: Error Code=%x (%s)\n", code,
		code == 0x70 ? "Current" : code == 0x71 ? "Deferred" :
		"Unknown?!");
	fprintf(stderr, "mtx: Request Sense: Sense Key=%s\n",
		sgdev_keys[s[2] & 0x0f]);
	fprintf(stderr, "mtx: Request Sense: FileMark=%s\n", yes_no(s[2] & 0x80));
	fprintf(stderr, "mtx: Request Sense: EOM=%s\n", yes_no(s[2] & 0x40));
	fprintf(stderr, "mtx: Request Sense: ILI=%s\n", yes_no(s[2] & 0x20));
	if (s[0] & 0x80)
		fprintf(stderr, "mtx: Request Sense: Residual = %02X %02X %02X %02X\n",
			s[3], s[4], s[5], s[6]);
	fprintf(stderr, "mtx: Request Sense: Additional Sense Code = %02X\n",
		s[12]);
	fprintf(stderr, "mtx: Request Sense: Additional Sense Qualifier = %02X\n",
		s[13]);
	if (s[15] & 0x80)
		fprintf(stderr, "mtx: Request Sense: Field in Error = %02X\n",
			s[15] & 0x07);
	fprintf(stderr, "mtx: Request Sense: BPV=%s\n", yes_no(s[15] & 0x08));
	fprintf(stderr, "mtx: Request Sense: Error in CDB=%s\n",
		yes_no(s[15] & 0x40));
	fprintf(stderr, "mtx: Request Sense: SKSV=%s\n", yes_no(s[15] & 0x80));
	if (s[15] & 0x88)
		fprintf(stderr, "mtx: Request Sense: Field Pointer = %02X %02X\n",
			s[16], s[17]);
}

/**
 * sgdev_inquiry() - mtx's "inquiry" of a device ntms does not manage
 * @fd: from sgdev_open()
 */
void sgdev_inquiry(int fd)
{
	static const uint8_t cdb[6] = { 0x12, 0, 0, 0, 96, 0 };
	uint8_t inq[96] = { 0 }, sense[SGDEV_SENSE_LEN];
	unsigned int type;

	if (sgdev_cmd(fd, cdb, sizeof(cdb), inq, sizeof(inq), sense)) {
		sgdev_print_sense(sense);
		mtx_fatal("INQUIRY Command Failed\n");
	}
	type = inq[0] & 0x1f;
	printf("Product Type: %s\n", type < sizeof(sgdev_types) /
	       sizeof(sgdev_types[0]) ? sgdev_types[type] : "Reserved");
	printf("Vendor ID: '%.8s'\nProduct ID: '%.16s'\nRevision: '%.4s'\n",
	       (char *)inq + 8, (char *)inq + 16, (char *)inq + 32);
	printf("Attached Changer API: %s\n", inq[6] & 0x08 ? "Yes" : "No");
}

/**
 * sgdev_status() - mtx reading the element status of a device ntms does
 *	not manage: what the device answers, and mtx's failure
 * @fd: from sgdev_open()
 * @dev: its name, as -f gave it
 */
void sgdev_status(int fd, const char *dev)
{
	/* MODE SENSE(6), DBD, page 1Dh; READ ELEMENT STATUS, all types */
	static const uint8_t mode[6] = { 0x1a, 0x08, 0x1d, 0, 136, 0 };
	static const uint8_t res[12] = { 0xb8, 0x10, 0, 0, 0xff, 0xff,
					 0, 0, 0x04, 0, 0, 0 };
	uint8_t sense[SGDEV_SENSE_LEN];
	static uint8_t buf[1024];

	if (sgdev_cmd(fd, mode, sizeof(mode), buf, 136, sense)) {
		sgdev_print_sense(sense);
		fprintf(stderr, "Mode sense (0x1A) for Page 0x1D failed\n");
	}
	if (sgdev_cmd(fd, res, sizeof(res), buf, sizeof(buf), sense)) {
		sgdev_print_sense(sense);
		mtx_fatal("READ ELEMENT STATUS Command Failed\n");
	}
	mtx_fatal("%s: %s answers as a changer, but no ntms library has it\n",
		  mtx_argv0, dev);
}
