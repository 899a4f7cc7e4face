/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What ntms-mtx and ntms-changer share: a library as mtx numbers it,
 * read from the ntms driver's model, and moves queued through /dev/ntms.
 */
#ifndef NTMS_CHANGER_H
#define NTMS_CHANGER_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/ntms.h>

/* a barcode as mtx prints it: padded to 32 characters */
#define CHG_TAG_LEN	32

/* one element, numbered as mtx numbers it */
struct chg_elem {
	uint32_t addr;			/* SCSI element address */
	bool full;
	bool ie;			/* an import/export element */
	bool has_tag;			/* the cartridge has a volume tag */
	char tag[CHG_TAG_LEN + 1];	/* its barcode, "" for none */
	uint32_t src;			/* drive: where its cartridge came from */
	bool src_valid;
	/* drive: mtx's "Storage Element N" (index from 0), or -1: unknown */
	int source;
	struct ntms_guid id;
};

/* a library as mtx sees it: slots (storage, then import/export), drives */
struct chg_lib {
	int fd;				/* /dev/ntms */
	struct ntms_guid lib;
	char name[NTMS_NAME_LEN];	/* "ntms0" */
	char vendor[NTMS_VENDOR_LEN], product[NTMS_PRODUCT_LEN];
	char revision[NTMS_REVISION_LEN];
	bool barcodes;			/* the changer reads volume tags */
	uint32_t nr_storage;		/* storage slots; then the I/E ones */
	uint32_t nr_slots;		/* storage and import/export */
	uint32_t nr_drives;
	struct chg_elem *slots;
	struct chg_elem *drives;
};

int chg_open(const char *device, struct chg_lib *l, const char **why);
int chg_read(struct chg_lib *l);
void chg_close(struct chg_lib *l);
int chg_move(struct chg_lib *l, uint32_t src, uint32_t dst, uint32_t dst2,
	     uint32_t flags, unsigned int timeout_s);
int chg_inventory(struct chg_lib *l, unsigned int timeout_s);
unsigned int chg_timeout(unsigned int dflt);
void chg_tag_print(const struct chg_elem *e, bool trim, char *out);

#endif /* NTMS_CHANGER_H */
