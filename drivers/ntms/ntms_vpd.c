// SPDX-License-Identifier: GPL-2.0
/*
 * ntms: who a SCSI device is, from its VPD pages.
 *
 * The SCSI core reads VPD 80h (unit serial number) and 83h (device
 * identification) when it scans a device and keeps them, but only for
 * devices that claim SPC-2 or later (or that its device table lists): a
 * changer reporting SCSI-2 in its INQUIRY data gets no cached page, and
 * no vpd_pg80 or vpd_pg83 in sysfs, although most such changers answer
 * INQUIRY with EVPD when asked. Without them the library's identity would
 * be its INQUIRY strings and SCSI address: its GUIDs and its udev name
 * would change with the cabling. So for a changer without cached pages
 * the driver asks itself, once, when it binds.
 */

#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "ntms_internal.h"
#include "ntms_scsi.h"

/* VPD 83h designator types, in the order we prefer them for identity */
static const u8 ntms_desig_pref[] = { 0x3, 0x2, 0x8, 0x1 };

/* room for a VPD page asked for: 80h and 83h are far shorter in practice */
#define NTMS_VPD_LEN	512

/* the serial number of VPD 80h page @p (@len bytes) into @serial */
static void ntms_vpd_parse_serial(const u8 *p, size_t len, char *serial,
				  size_t size)
{
	size_t n;

	serial[0] = '\0';
	if (len < 4)
		return;
	n = min3((size_t)get_unaligned_be16(&p[2]), len - 4, size - 1);
	memcpy(serial, &p[4], n);
	serial[n] = '\0';
	strim(serial);
}

/* the preferred logical-unit designator of VPD 83h page @p; its length */
static size_t ntms_vpd_parse_ident(const u8 *p, size_t len, u8 *ident,
				   size_t max)
{
	const u8 *d, *end;
	unsigned int i;

	if (len < 4)
		return 0;
	end = p + min_t(size_t, len, 4 + get_unaligned_be16(&p[2]));
	for (i = 0; i < ARRAY_SIZE(ntms_desig_pref); i++) {
		for (d = p + 4; d + 4 <= end && d + 4 + d[3] <= end;
		     d += 4 + d[3]) {
			/* association: logical unit */
			if ((d[1] & 0x30) || (d[1] & 0x0f) != ntms_desig_pref[i])
				continue;
			ident[0] = d[1] & 0x0f;
			memcpy(&ident[1], &d[4], min_t(size_t, d[3], max - 1));
			return 1 + min_t(size_t, d[3], max - 1);
		}
	}
	return 0;
}

/**
 * ntms_vpd_serial() - the VPD 80h serial number the SCSI core cached
 * @sdev: the device
 * @serial: receives it, "" if none
 * @len: size of @serial
 *
 * Context: any; no I/O.
 */
void ntms_vpd_serial(struct scsi_device *sdev, char *serial, size_t len)
{
	struct scsi_vpd *vpd;

	serial[0] = '\0';
	rcu_read_lock();
	vpd = rcu_dereference(sdev->vpd_pg80);
	if (vpd)
		ntms_vpd_parse_serial(vpd->data, vpd->len, serial, len);
	rcu_read_unlock();
}

/* INQUIRY with EVPD for @page into @buf: the page's length, or -errno */
static int ntms_vpd_inquiry(struct scsi_device *sdev, u8 page, u8 *buf)
{
	struct ntms_scsi dev = { .sdev = sdev };
	u8 cdb[6] = { INQUIRY, 0x01, page };
	unsigned int resid = 0;
	size_t n;
	int ret;

	put_unaligned_be16(NTMS_VPD_LEN, &cdb[3]);
	ret = ntms_scsi_exec(&dev, cdb, sizeof(cdb), buf, NTMS_VPD_LEN,
			     DMA_FROM_DEVICE, &resid);
	if (ret)
		return ret;
	n = NTMS_VPD_LEN - resid;
	if (n < 4 || buf[1] != page)
		return -EPROTO;
	return min_t(size_t, n, 4 + get_unaligned_be16(&buf[2]));
}

/* what ntms_vpd_identity() finds in the cache, asked of the device */
static size_t ntms_vpd_ask(struct scsi_device *sdev, u8 *ident, size_t max,
			   char *serial, size_t serial_len)
{
	size_t len = 0;
	u8 *buf;
	int n;

	buf = kmalloc(NTMS_VPD_LEN, GFP_KERNEL);
	if (!buf)
		return 0;
	n = ntms_vpd_inquiry(sdev, 0x80, buf);
	if (n > 0)
		ntms_vpd_parse_serial(buf, n, serial, serial_len);
	n = ntms_vpd_inquiry(sdev, 0x83, buf);
	if (n > 0)
		len = ntms_vpd_parse_ident(buf, n, ident, max);
	kfree(buf);
	sdev_printk(KERN_INFO, sdev,
		    "ntms: no VPD pages from the SCSI core (INQUIRY version %d), asked: serial '%s'%s\n",
		    sdev->scsi_level - 1, serial,
		    len ? ", device identification" : "");
	return len;
}

/**
 * ntms_vpd_identity() - the identity of a SCSI device
 * @sdev: the device
 * @ask: if the SCSI core cached no VPD page, ask the device (sends up
 *	to two INQUIRY commands)
 * @ident: receives the identity bytes
 * @max: size of @ident
 * @serial: receives the VPD 80h serial number, "" if none
 * @serial_len: size of @serial
 *
 * The identity is the device's best logical-unit designator from VPD 83h
 * (NAA, then EUI-64, then SCSI name, then T10 vendor ID), prefixed by its
 * type; else "S" and the VPD 80h serial; else "I", the INQUIRY strings and
 * the SCSI address (not stable; only for devices without any serial).
 *
 * Context: process context; sleeps with @ask.
 * Return: the identity length.
 */
size_t ntms_vpd_identity(struct scsi_device *sdev, bool ask, u8 *ident,
			 size_t max, char *serial, size_t serial_len)
{
	struct scsi_vpd *pg80, *pg83;
	bool cached;
	size_t len = 0;

	serial[0] = '\0';
	rcu_read_lock();
	pg80 = rcu_dereference(sdev->vpd_pg80);
	pg83 = rcu_dereference(sdev->vpd_pg83);
	cached = pg80 || pg83;
	if (pg80)
		ntms_vpd_parse_serial(pg80->data, pg80->len, serial, serial_len);
	if (pg83)
		len = ntms_vpd_parse_ident(pg83->data, pg83->len, ident, max);
	rcu_read_unlock();
	if (!cached && ask)
		len = ntms_vpd_ask(sdev, ident, max, serial, serial_len);
	if (!len && serial[0]) {
		ident[0] = 'S';
		len = 1 + min(strlen(serial), max - 1);
		memcpy(&ident[1], serial, len - 1);
	}
	if (!len)
		len = snprintf(ident, max, "I%.8s%.16s%u:%u:%u:%llu",
			       sdev->vendor, sdev->model, sdev->host->host_no,
			       sdev->channel, sdev->id, sdev->lun);
	return min(len, max);
}
