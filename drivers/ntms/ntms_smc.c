// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: SCSI Media Changer (SMC-3) command layer.
 *
 * CDB builders (one per command) and the MODE SENSE / READ ELEMENT STATUS
 * parsers. Every command goes through ntms_scsi_exec().
 */

#include <linux/blkdev.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <scsi/scsi.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_proto.h>

#include "ntms_smc.h"

/* EXCHANGE MEDIUM: scsi_proto.h does not name it */
#define NTMS_SMC_EXCHANGE_MEDIUM	0xa6

/* largest READ ELEMENT STATUS transfer we ever ask for */
#define NTMS_SMC_RES_MAX	(512 * 1024)
#define NTMS_SMC_MODE_LEN	255

/* READ ELEMENT STATUS layout */
#define NTMS_RES_HDR_LEN	8
#define NTMS_RES_PAGE_LEN	8
#define NTMS_RES_DESC_MIN	12
#define NTMS_RES_VOLTAG_LEN	36
#define NTMS_RES_PVOLTAG	0x80
#define NTMS_RES_AVOLTAG	0x40
#define NTMS_RES_SVALID		0x80
#define NTMS_RES_INVERT		0x40
/* descriptor length we expect before the device tells us */
#define NTMS_RES_DESC_GUESS(voltag, dvcid) \
	(NTMS_RES_DESC_MIN + ((voltag) ? NTMS_RES_VOLTAG_LEN : 0) + \
	 ((dvcid) ? 4 + NTMS_SMC_ID_MAX : 0))

/**
 * ntms_smc_init() - prepare the SMC state of a changer
 * @smc: state to initialise
 * @sdev: the changer
 *
 * Context: process context; no I/O.
 */
void ntms_smc_init(struct ntms_smc *smc, struct scsi_device *sdev)
{
	struct request_queue *q = sdev->request_queue;
	unsigned int max;

	memset(smc, 0, sizeof(*smc));
	smc->dev.sdev = sdev;
	/* one transfer must fit the host: sectors and page-sized segments */
	max = min_t(unsigned int, queue_max_hw_sectors(q) << SECTOR_SHIFT,
		    queue_max_segments(q) * PAGE_SIZE);
	smc->max_xfer = clamp_t(unsigned int, max, 4096, NTMS_SMC_RES_MAX);
}

static void ntms_smc_build_mode_sense(u8 *cdb, u8 page, u8 alloc)
{
	memset(cdb, 0, 6);
	cdb[0] = MODE_SENSE;
	cdb[1] = 0x08;			/* DBD: no block descriptors */
	cdb[2] = page & 0x3f;		/* current values */
	cdb[4] = alloc;
}

/*
 * ntms_smc_mode_page() - read one mode page; returns the page's offset in
 * @buf and its total length (header included) in @plen.
 */
static int ntms_smc_mode_page(struct ntms_smc *smc, u8 page, u8 *buf,
			      unsigned int *off, unsigned int *plen)
{
	unsigned int resid, got, o;
	u8 cdb[6];
	int ret;

	ntms_smc_build_mode_sense(cdb, page, NTMS_SMC_MODE_LEN);
	memset(buf, 0, NTMS_SMC_MODE_LEN);
	ret = ntms_scsi_exec(&smc->dev, cdb, sizeof(cdb), buf,
			     NTMS_SMC_MODE_LEN, DMA_FROM_DEVICE, &resid);
	if (ret)
		return ret;
	got = NTMS_SMC_MODE_LEN - resid;
	/* mode data length counts the bytes after itself */
	got = min(got, (unsigned int)buf[0] + 1);
	if (got < 4)
		return -EPROTO;
	o = 4 + buf[3];			/* skip block descriptors */
	if (o + 2 > got || (buf[o] & 0x3f) != page)
		return -EPROTO;
	*off = o;
	*plen = min(got - o, (unsigned int)buf[o + 1] + 2);
	return 0;
}

/**
 * ntms_smc_read_geometry() - MODE SENSE pages 1Dh and 1Fh
 * @smc: the changer
 * @geo: result
 *
 * Page 1Dh (element address assignment) is required; page 1Fh (device
 * capabilities) is read when the device has it.
 *
 * Context: process context, may sleep.
 * Return: 0, -EPROTO for a malformed page, or a negative errno.
 */
int ntms_smc_read_geometry(struct ntms_smc *smc, struct ntms_smc_geometry *geo)
{
	unsigned int off, plen, t;
	u8 *buf;
	int ret;

	memset(geo, 0, sizeof(*geo));
	buf = kmalloc(NTMS_SMC_MODE_LEN, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	ret = ntms_smc_mode_page(smc, 0x1d, buf, &off, &plen);
	if (ret)
		goto out_free;
	/* code, length, then four (first, count) pairs */
	if (plen < 2 + 16) {
		ret = -EPROTO;
		goto out_free;
	}
	for (t = NTMS_SMC_ET_MT; t <= NTMS_SMC_ET_DT; t++) {
		/* page order is MT, ST, IE, DT: the element type codes */
		geo->first[t] = get_unaligned_be16(&buf[off + 2 + 4 * (t - 1)]);
		geo->count[t] = get_unaligned_be16(&buf[off + 4 + 4 * (t - 1)]);
		if (geo->count[t] &&
		    geo->first[t] + geo->count[t] - 1 > 0xffff) {
			ret = -EPROTO;
			goto out_free;
		}
	}

	/* device capabilities: optional */
	if (!ntms_smc_mode_page(smc, 0x1f, buf, &off, &plen) && plen >= 16) {
		geo->have_caps = true;
		geo->stor = buf[off + 2] & 0x0f;
		memcpy(geo->move, &buf[off + 4], 4);
		memcpy(geo->exchange, &buf[off + 12], 4);
	}
	ret = 0;
out_free:
	kfree(buf);
	return ret;
}

static void ntms_smc_build_res(u8 *cdb, u8 type, bool voltag, bool dvcid,
			       u16 start, u16 count, u32 alloc)
{
	memset(cdb, 0, 12);
	cdb[0] = READ_ELEMENT_STATUS;
	cdb[1] = (voltag ? 0x10 : 0) | (type & 0x0f);
	put_unaligned_be16(start, &cdb[2]);
	put_unaligned_be16(count, &cdb[4]);
	cdb[6] = dvcid ? 0x01 : 0;
	put_unaligned_be24(alloc, &cdb[7]);
}

/* copy a volume tag identifier, trimming padding; blank gives "" */
static void ntms_smc_copy_voltag(char *dst, const u8 *src)
{
	int i, n = NTMS_SMC_VOLTAG_LEN;

	while (n > 0 && (src[n - 1] == ' ' || src[n - 1] == '\0'))
		n--;
	for (i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[n] = '\0';
}

/* parse one descriptor of @dlen bytes (bounds checked by the caller) */
static void ntms_smc_parse_desc(struct ntms_smc_elem *e, u8 type, u8 pflags,
				const u8 *d, unsigned int dlen)
{
	unsigned int o = NTMS_RES_DESC_MIN;

	memset(e, 0, sizeof(*e));
	e->type = type;
	e->addr = get_unaligned_be16(&d[0]);
	e->flags = d[2];
	e->asc = d[4];
	e->ascq = d[5];
	e->svalid = d[9] & NTMS_RES_SVALID;
	e->invert = d[9] & NTMS_RES_INVERT;
	e->src = get_unaligned_be16(&d[10]);
	if ((pflags & NTMS_RES_PVOLTAG) && o + NTMS_RES_VOLTAG_LEN <= dlen) {
		e->has_voltag = true;
		ntms_smc_copy_voltag(e->voltag, &d[o]);
		o += NTMS_RES_VOLTAG_LEN;
	}
	if ((pflags & NTMS_RES_AVOLTAG) && o + NTMS_RES_VOLTAG_LEN <= dlen)
		o += NTMS_RES_VOLTAG_LEN;
	/* device identification: code set, type, reserved, length, id */
	if (o + 4 <= dlen && d[o + 3] && o + 4 + d[o + 3] <= dlen) {
		e->id_codeset = d[o] & 0x0f;
		e->id_type = d[o + 1] & 0x0f;
		e->id_len = min_t(u8, d[o + 3], NTMS_SMC_ID_MAX);
		memcpy(e->id, &d[o + 4], e->id_len);
	}
}

/*
 * Parse one READ ELEMENT STATUS response of @got bytes; call @fn for each
 * descriptor of @type with an address in [@start, @last]. Returns the
 * number of descriptors delivered (>= 0), the last address in @next and
 * the descriptor length of @type in @dlen_seen, or a negative errno.
 */
static int ntms_smc_parse_res(const u8 *buf, unsigned int got, u8 type,
			      u16 start, u16 last, u16 *next, u16 *dlen_seen,
			      int (*fn)(void *, const struct ntms_smc_elem *),
			      void *ctx, struct ntms_smc_elem *e)
{
	unsigned int end, o, pend, dlen, n = 0;
	int prev = -1, ret;
	u8 ptype, pflags;

	if (got < NTMS_RES_HDR_LEN)
		return -EPROTO;
	end = min(got, NTMS_RES_HDR_LEN + get_unaligned_be24(&buf[5]));
	o = NTMS_RES_HDR_LEN;
	while (o + NTMS_RES_PAGE_LEN <= end) {
		ptype = buf[o] & 0x0f;
		pflags = buf[o + 1];
		dlen = get_unaligned_be16(&buf[o + 2]);
		pend = min(end, o + NTMS_RES_PAGE_LEN +
			   get_unaligned_be24(&buf[o + 5]));
		o += NTMS_RES_PAGE_LEN;
		if (dlen < NTMS_RES_DESC_MIN)
			return -EPROTO;
		if (ptype == type)
			*dlen_seen = dlen;
		/* only whole descriptors; a truncated one is read next time */
		for (; o + dlen <= pend; o += dlen) {
			ntms_smc_parse_desc(e, ptype, pflags, &buf[o], dlen);
			if (ptype != type || e->addr < start || e->addr > last)
				continue;
			/* addresses must ascend, or we could loop forever */
			if ((int)e->addr <= prev)
				return -EPROTO;
			prev = e->addr;
			ret = fn(ctx, e);
			if (ret)
				return ret;
			n++;
		}
		o = pend;
	}
	if (n)
		*next = prev;
	return n;
}

/* what one pass of READ ELEMENT STATUS asks for */
#define NTMS_SMC_WANT_VOLTAG	0x1
#define NTMS_SMC_WANT_DVCID	0x2

/*
 * One pass over [@first, @first + @count) asking for @want (what the
 * device has not refused), in as few commands as it allows. -EAGAIN: the
 * device refused VOLTAG and DVCID together, @smc->apart is now set and
 * the caller reads again in two passes.
 */
static int ntms_smc_read_pass(struct ntms_smc *smc, u8 type, u16 first,
			      u16 count, unsigned int want_bits,
			      int (*fn)(void *ctx, const struct ntms_smc_elem *e),
			      void *ctx)
{
	unsigned int last = first + count - 1, start = first;
	unsigned int dguess, alloc, want, resid;
	struct ntms_smc_elem *e;
	u16 dlen_seen = 0;
	bool voltag, dvcid;
	u8 cdb[12];
	u16 next;
	u8 *buf;
	int ret;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	buf = kvmalloc(smc->max_xfer, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out_free_elem;
	}

	while (start <= last) {
		voltag = (want_bits & NTMS_SMC_WANT_VOLTAG) && !smc->no_voltag;
		dvcid = (want_bits & NTMS_SMC_WANT_DVCID) && !smc->no_dvcid;
		dguess = max_t(unsigned int, smc->dlen[type],
			       NTMS_RES_DESC_GUESS(voltag, dvcid));
		want = min(last - start + 1,
			   (smc->max_xfer - NTMS_RES_HDR_LEN -
			    NTMS_RES_PAGE_LEN) / dguess);
		if (!want) {
			ret = -EPROTO;
			goto out_free_buf;
		}
		alloc = NTMS_RES_HDR_LEN + NTMS_RES_PAGE_LEN + want * dguess;
		ntms_smc_build_res(cdb, type, voltag, dvcid, start, want,
				   alloc);
		ret = ntms_scsi_exec(&smc->dev, cdb, sizeof(cdb), buf, alloc,
				     DMA_FROM_DEVICE, &resid);
		if (ret == -EINVAL && dvcid && voltag && !smc->apart) {
			/* perhaps only the two together: try them apart */
			dev_dbg(&smc->dev.sdev->sdev_gendev,
				"VOLTAG with DVCID rejected\n");
			smc->apart = true;
			ret = -EAGAIN;
			goto out_free_buf;
		}
		if (ret == -EINVAL && dvcid) {
			dev_dbg(&smc->dev.sdev->sdev_gendev, "DVCID rejected\n");
			smc->no_dvcid = true;
			smc->apart = false;
			/* a pass for the identifiers alone has nothing left */
			if (!voltag) {
				ret = 0;
				goto out_free_buf;
			}
			continue;
		}
		if (ret == -EINVAL && voltag) {
			dev_dbg(&smc->dev.sdev->sdev_gendev, "VOLTAG rejected\n");
			smc->no_voltag = true;
			continue;
		}
		if (ret)
			goto out_free_buf;
		ret = ntms_smc_parse_res(buf, alloc - resid, type, start, last,
					 &next, &dlen_seen, fn, ctx, e);
		if (ret < 0)
			goto out_free_buf;
		if (ret == 0 && dlen_seen > dguess) {
			/* longer descriptors than we allowed for: ask again */
			smc->dlen[type] = dlen_seen;
			continue;
		}
		if (dlen_seen > smc->dlen[type])
			smc->dlen[type] = dlen_seen;
		if (ret == 0) {
			/* nothing usable: the device cannot make progress */
			ret = -EPROTO;
			goto out_free_buf;
		}
		start = next + 1;
	}
	ret = 0;
out_free_buf:
	kvfree(buf);
out_free_elem:
	kfree(e);
	return ret;
}

/* the drive identifiers of a first pass, by element address */
struct ntms_smc_ids {
	u16 first;
	u16 count;
	struct ntms_smc_id {
		bool seen;
		u8 codeset;
		u8 type;
		u8 len;
		u8 id[NTMS_SMC_ID_MAX];
	} *ids;
	int (*fn)(void *ctx, const struct ntms_smc_elem *e);
	void *ctx;
};

static int ntms_smc_keep_id(void *ctx, const struct ntms_smc_elem *e)
{
	struct ntms_smc_ids *ids = ctx;
	struct ntms_smc_id *id = &ids->ids[e->addr - ids->first];

	id->seen = true;
	id->codeset = e->id_codeset;
	id->type = e->id_type;
	id->len = e->id_len;
	memcpy(id->id, e->id, e->id_len);
	return 0;
}

static int ntms_smc_add_id(void *ctx, const struct ntms_smc_elem *e)
{
	struct ntms_smc_ids *ids = ctx;
	struct ntms_smc_id *id = &ids->ids[e->addr - ids->first];
	struct ntms_smc_elem full;

	if (!id->seen || e->id_len)
		return ids->fn(ids->ctx, e);
	full = *e;
	full.id_codeset = id->codeset;
	full.id_type = id->type;
	full.id_len = id->len;
	memcpy(full.id, id->id, id->len);
	return ids->fn(ids->ctx, &full);
}

/* drives of a device that takes VOLTAG and DVCID only apart */
static int ntms_smc_read_apart(struct ntms_smc *smc, u8 type, u16 first,
			       u16 count,
			       int (*fn)(void *ctx, const struct ntms_smc_elem *e),
			       void *ctx)
{
	struct ntms_smc_ids ids = {
		.first = first, .count = count, .fn = fn, .ctx = ctx,
	};
	int ret;

	ids.ids = kvcalloc(count, sizeof(*ids.ids), GFP_KERNEL);
	if (!ids.ids)
		return -ENOMEM;
	ret = ntms_smc_read_pass(smc, type, first, count, NTMS_SMC_WANT_DVCID,
				 ntms_smc_keep_id, &ids);
	if (!ret)
		ret = ntms_smc_read_pass(smc, type, first, count,
					 NTMS_SMC_WANT_VOLTAG,
					 ntms_smc_add_id, &ids);
	kvfree(ids.ids);
	return ret;
}

/**
 * ntms_smc_read_elements() - READ ELEMENT STATUS of a range of one type
 * @smc: the changer
 * @type: element type (1..4)
 * @first: first element address
 * @count: number of elements
 * @fn: called for every descriptor, in address order
 * @ctx: passed to @fn
 *
 * Reads with VOLTAG, and DVCID for drives, in as few commands as the
 * device and the host allow: the buffer holds as many descriptors as one
 * transfer can carry, and when the device returns fewer elements than
 * asked (a per-command limit) the next command starts after the last
 * element returned. A device that rejects DVCID or VOLTAG (ILLEGAL
 * REQUEST, invalid field in CDB) is asked again without it, and that is
 * remembered in @smc. One that rejects the two together but takes each
 * alone has its drives read twice, their identifiers first, and @fn sees
 * each drive once, with both.
 *
 * Context: process context, may sleep.
 * Return: 0, or a negative errno (-EPROTO: malformed response).
 */
int ntms_smc_read_elements(struct ntms_smc *smc, u8 type, u16 first,
			   u16 count,
			   int (*fn)(void *ctx, const struct ntms_smc_elem *e),
			   void *ctx)
{
	unsigned int want = NTMS_SMC_WANT_VOLTAG;
	int ret;

	if (!count)
		return 0;
	if (first + count - 1 > 0xffff || type >= NTMS_SMC_ET_NR)
		return -EINVAL;
	if (type != NTMS_SMC_ET_DT)
		return ntms_smc_read_pass(smc, type, first, count, want, fn,
					  ctx);
	if (!smc->apart) {
		ret = ntms_smc_read_pass(smc, type, first, count,
					 want | NTMS_SMC_WANT_DVCID, fn, ctx);
		if (ret != -EAGAIN)
			return ret;
	}
	return ntms_smc_read_apart(smc, type, first, count, fn, ctx);
}

static void ntms_smc_build_move(u8 *cdb, u16 transport, u16 src, u16 dst)
{
	memset(cdb, 0, 12);
	cdb[0] = MOVE_MEDIUM;
	put_unaligned_be16(transport, &cdb[2]);
	put_unaligned_be16(src, &cdb[4]);
	put_unaligned_be16(dst, &cdb[6]);
}

/**
 * ntms_smc_move_medium() - MOVE MEDIUM
 * @smc: the changer
 * @transport: robot element address
 * @src: source element address
 * @dst: destination element address
 *
 * Context: process context, sleeps for the duration of the motion.
 * Return: 0 or a negative errno (-ENOMEDIUM source empty, -EEXIST
 * destination full, -EBUSY removal prevented, -EBADSLT bad address...).
 */
int ntms_smc_move_medium(struct ntms_smc *smc, u16 transport, u16 src,
			 u16 dst)
{
	u8 cdb[12];

	ntms_smc_build_move(cdb, transport, src, dst);
	return ntms_scsi_exec(&smc->dev, cdb, sizeof(cdb), NULL, 0,
			      DMA_NONE, NULL);
}

static void ntms_smc_build_exchange(u8 *cdb, u16 transport, u16 src,
				    u16 dst1, u16 dst2)
{
	memset(cdb, 0, 12);
	cdb[0] = NTMS_SMC_EXCHANGE_MEDIUM;
	put_unaligned_be16(transport, &cdb[2]);
	put_unaligned_be16(src, &cdb[4]);
	put_unaligned_be16(dst1, &cdb[6]);
	put_unaligned_be16(dst2, &cdb[8]);
}

/**
 * ntms_smc_exchange_medium() - EXCHANGE MEDIUM
 * @smc: the changer
 * @transport: robot element address
 * @src: source element address
 * @dst1: first destination (receives the medium of @src)
 * @dst2: second destination (receives the medium of @dst1; may be @src)
 *
 * Context: process context, sleeps for the duration of the motion.
 * Return: 0 or a negative errno.
 */
int ntms_smc_exchange_medium(struct ntms_smc *smc, u16 transport, u16 src,
			     u16 dst1, u16 dst2)
{
	u8 cdb[12];

	ntms_smc_build_exchange(cdb, transport, src, dst1, dst2);
	return ntms_scsi_exec(&smc->dev, cdb, sizeof(cdb), NULL, 0,
			      DMA_NONE, NULL);
}

/**
 * ntms_smc_can_exchange() - does page 1Fh allow EXCHANGE MEDIUM?
 * @geo: the geometry (with page 1Fh when the changer has it)
 * @from: element type of the source (NTMS_SMC_ET_*)
 * @to: element type of a destination
 *
 * Context: any.
 * Return: true if the changer reported it can exchange from @from to @to.
 */
bool ntms_smc_can_exchange(const struct ntms_smc_geometry *geo, u8 from,
			   u8 to)
{
	if (!geo->have_caps || from < NTMS_SMC_ET_MT || from > NTMS_SMC_ET_DT ||
	    to < NTMS_SMC_ET_MT || to > NTMS_SMC_ET_DT)
		return false;
	return geo->exchange[from - 1] & (1 << (to - 1));
}

static void ntms_smc_build_ies(u8 *cdb)
{
	memset(cdb, 0, 6);
	cdb[0] = INITIALIZE_ELEMENT_STATUS;
}

/**
 * ntms_smc_init_element_status() - INITIALIZE ELEMENT STATUS (all)
 * @smc: the changer
 *
 * May take an hour on a big library: never call it from probe.
 *
 * Context: process context, may sleep for a long time.
 * Return: 0 or a negative errno.
 */
int ntms_smc_init_element_status(struct ntms_smc *smc)
{
	u8 cdb[6];

	ntms_smc_build_ies(cdb);
	return ntms_scsi_exec(&smc->dev, cdb, sizeof(cdb), NULL, 0,
			      DMA_NONE, NULL);
}
