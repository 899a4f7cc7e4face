/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: private declarations shared by the files of the driver.
 */
#ifndef _NTMS_INTERNAL_H
#define _NTMS_INTERNAL_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#include <linux/ntms.h>

#include "ntms_smc.h"

struct cred;
struct file;
struct device;
struct scsi_device;
struct ntms_event_ring;

/**
 * DOC: Locking
 *
 * There is one lock for the whole database, &ntms_db.lock (a mutex). It
 * protects the GUID index, the list of libraries, the list of tape
 * devices, every field of every object (library, changer, drive, slot,
 * port, cartridge) and the binding between tape devices and drives. It
 * is held only for short, non-blocking updates and copies: never across
 * a SCSI command, never across copy_to_user() and never across robot
 * motion. Lookups by GUID are made under it, so objects can be freed
 * without RCU once they are out of the index.
 *
 * SCSI I/O to a changer happens only in work items on the library's
 * ordered workqueue (&ntms_library.wq): discovery, re-reads and, in the
 * request queue built on top of this, moves. Work on one library is
 * therefore serialised (one robot) while libraries run in parallel.
 * &ntms_library.smc is used only from that workqueue.
 *
 * Lock order: the SCSI class mutex (held by the core around the class
 * interface callbacks) and device_lock() (held around probe and remove)
 * come before &ntms_db.lock. A session's &ntms_session.lock comes before
 * &ntms_db.lock. Nothing is taken after &ntms_db.lock.
 *
 * Lifetime: a library is referenced by the database list (until module
 * exit) and by each work item while it runs (&ntms_library.ref). The
 * changer &scsi_device is referenced (get_device()) from probe to remove;
 * remove marks the library NOT_PRESENT, clears &ntms_library.sdev under
 * the lock and flushes the workqueue before dropping that reference. A
 * tape &scsi_device is referenced from the class interface's add_dev to
 * its remove_dev (&struct ntms_tape).
 */

/**
 * struct ntms_object - what every object has
 * @node: link in the GUID index (&ntms_db.index)
 * @guid: identity, the index key
 * @lib: the library the object belongs to (itself for a library)
 * @type: &enum ntms_object_type
 * @enabled: enabled by the administrator (issue 4 changes it)
 * @indexed: @node is in the index
 *
 * All fields are protected by &ntms_db.lock.
 */
struct ntms_object {
	struct rhash_head node;
	struct ntms_guid guid;
	struct ntms_library *lib;
	u8 type;
	u8 enabled;
	u8 indexed;
};

/**
 * struct ntms_element - a robot, storage slot or mail slot; also the head
 * of &struct ntms_drive
 * @obj: object header
 * @media: the cartridge in the element, NULL when empty or unknown
 * @number: index within its element type, from 0
 * @addr: element address
 * @src: source address from the last read, valid if @svalid
 * @flags: descriptor byte 2 from the last read (NTMS_SMC_EF_*)
 * @asc: element ASC if EXCEPT
 * @ascq: element ASCQ if EXCEPT
 * @svalid: @src valid
 * @known: the element has been read at least once
 *
 * Kept small: there may be 50,000 of them per library.
 */
struct ntms_element {
	struct ntms_object obj;
	struct ntms_media *media;
	u16 number;
	u16 addr;
	u16 src;
	u8 flags;
	u8 asc;
	u8 ascq;
	u8 svalid:1;
	u8 known:1;
};

/**
 * struct ntms_drive - a tape drive
 * @el: element part (address 0 for a standalone drive)
 * @tape: the tape device matched to this drive, NULL if none
 * @state: NTMS_DRIVE_STATE_*
 * @mount_count: cartridges seen arriving in the drive
 * @id_codeset: DVCID code set
 * @id_type: DVCID designator type
 * @id_len: DVCID designator length, 0 if the changer gave none
 * @id: DVCID designator
 * @serial: serial number (VPD 80h of the tape, else from the DVCID)
 */
struct ntms_drive {
	struct ntms_element el;
	struct ntms_tape *tape;
	u8 state;
	u32 mount_count;
	u8 id_codeset;
	u8 id_type;
	u8 id_len;
	u8 id[NTMS_SMC_ID_MAX];
	char serial[NTMS_SERIAL_LEN];
};

/* &ntms_media.mflags */
#define NTMS_MEDIA_NO_BARCODE	0x01	/* identity from library and slot */
#define NTMS_MEDIA_HOME_VALID	0x02	/* @home_addr is meaningful */
#define NTMS_MEDIA_OFFLINE	0x04	/* not seen in the last read */

/**
 * struct ntms_media - a cartridge
 * @obj: object header; @obj.lib is the library it is, or was last, in
 * @node: link in &ntms_library.media
 * @loc: the element holding it; NULL when offline
 * @home_addr: storage slot it returns to
 * @mflags: NTMS_MEDIA_* flags
 * @state: NTMS_MEDIA_STATE_*
 * @seen: &ntms_library.generation of the read that last saw it
 * @created_ns: when first seen
 * @modified_ns: last change
 * @barcode: primary volume tag; "" for none
 */
struct ntms_media {
	struct ntms_object obj;
	struct list_head node;
	struct ntms_element *loc;
	u16 home_addr;
	u8 mflags;
	u8 state;
	u32 seen;
	u64 created_ns;
	u64 modified_ns;
	char barcode[NTMS_SMC_VOLTAG_LEN + 1];
};

/* longest library / drive identity we keep (VPD 83h designator or 80h) */
#define NTMS_IDENT_MAX		64

/**
 * struct ntms_library - a tape library (changer), or a standalone drive
 * @obj: object header; the library's GUID
 * @ref: reference count (see DOC: Locking)
 * @node: link in &ntms_db.libraries
 * @index: small number for names ("ntms0"), stable while loaded
 * @lib_type: NTMS_LIBRARY_TYPE_ONLINE or _STANDALONE
 * @op_state: NTMS_OPSTATE_*
 * @damaged: the last element status read failed
 * @ident: identity bytes (VPD 83h designator, else 80h serial)
 * @ident_len: length of @ident
 * @serial: serial number
 * @vendor: INQUIRY vendor
 * @product: INQUIRY product
 * @revision: INQUIRY revision
 * @sdev: the changer while bound, else NULL
 * @smc: SMC state; used only on @wq
 * @geo: geometry from the last good MODE SENSE
 * @wq: ordered workqueue: discovery, re-reads and (issue 4) moves
 * @scan_work: discovery / re-read
 * @poll_work: TEST UNIT READY now and then, to see UNIT ATTENTION
 * @free_work: frees the library after the last reference
 * @discovering: counted in &ntms_db.discovering
 * @changers: medium transports (@geo.count[MT] of them)
 * @slots: storage slots
 * @ports: import/export elements
 * @drives: tape drives
 * @nr_changers: number of @changers
 * @nr_slots: number of @slots
 * @nr_ports: number of @ports
 * @nr_drives: number of @drives
 * @media: cartridges (&ntms_media.node)
 * @nr_media: number of @media
 * @generation: bumped by every element status read
 * @scans: completed reads
 * @created_ns: when first seen
 * @modified_ns: last change
 * @requests: the library's requests in the request table (ntms_request.c)
 * @queue: requests QUEUED or WAITING, best first (ntms_queue.c)
 * @queue_work: carries out @queue, on @wq
 * @nr_pending: requests queued, waiting or running
 * @modify_gid: group granted MODIFY through sysfs, or INVALID_GID
 * @control_gid: group granted CONTROL through sysfs, or INVALID_GID
 *
 * Everything except @ref, @wq, @scan_work and @smc is protected by
 * &ntms_db.lock.
 */
struct ntms_library {
	struct ntms_object obj;
	struct kref ref;
	struct list_head node;
	unsigned int index;
	u8 lib_type;
	u8 op_state;
	bool damaged;
	u8 ident[NTMS_IDENT_MAX];
	u8 ident_len;
	char serial[NTMS_SERIAL_LEN];
	char vendor[NTMS_VENDOR_LEN];
	char product[NTMS_PRODUCT_LEN];
	char revision[NTMS_REVISION_LEN];
	struct scsi_device *sdev;
	struct ntms_smc smc;
	struct ntms_smc_geometry geo;
	struct workqueue_struct *wq;
	struct work_struct scan_work;
	struct delayed_work poll_work;
	struct work_struct free_work;
	bool discovering;
	struct ntms_element *changers;
	struct ntms_element *slots;
	struct ntms_element *ports;
	struct ntms_drive *drives;
	u32 nr_changers;
	u32 nr_slots;
	u32 nr_ports;
	u32 nr_drives;
	struct list_head media;
	u32 nr_media;
	u32 generation;
	unsigned long scans;
	u64 created_ns;
	u64 modified_ns;
	struct list_head requests;
	struct list_head queue;
	struct work_struct queue_work;
	u32 nr_pending;
	kgid_t modify_gid;
	kgid_t control_gid;
};

/**
 * struct ntms_tape - a tape drive seen by the class interface
 * @node: link in &ntms_db.tapes
 * @sdev: the tape's scsi_device (referenced)
 * @drive: the drive object it is matched to, NULL if none yet
 * @sysfs: the ntms attribute group was added to @sdev
 *
 * Protected by &ntms_db.lock.
 */
struct ntms_tape {
	struct list_head node;
	struct scsi_device *sdev;
	struct ntms_drive *drive;
	bool sysfs;
};

/**
 * struct ntms_db - the database
 * @lock: see DOC: Locking
 * @index: GUID to &struct ntms_object
 * @libraries: all libraries, present or not, in creation order
 * @tapes: all tape devices
 * @nr_objects: objects in @index
 * @nr_libraries: entries of @libraries
 * @next_index: next &ntms_library.index
 * @discovering: libraries whose first read has not finished
 */
struct ntms_db {
	struct mutex lock;	/* the database lock, see DOC: Locking */
	struct rhashtable index;
	struct list_head libraries;
	struct list_head tapes;
	unsigned int nr_objects;
	unsigned int nr_libraries;
	unsigned int next_index;
	unsigned int discovering;
};

extern struct ntms_db ntms_db;
extern unsigned int ntms_max_objects;
extern unsigned int ntms_max_libraries;

/**
 * struct ntms_session - one open file description of /dev/ntms
 * @lock: protects @application
 * @cred: the opener's credentials
 * @admin: the opener had CAP_SYS_ADMIN
 * @application: application name, set by NTMS_IOC_SET_APPLICATION
 * @events: the session's event ring (ntms_event.c)
 */
struct ntms_session {
	struct mutex lock;	/* protects @application */
	const struct cred *cred;
	bool admin;
	char application[NTMS_NAME_LEN];
	struct ntms_event_ring *events;
};

static inline void ntms_db_assert_held(void)
{
	lockdep_assert_held(&ntms_db.lock);
}

/* ntms_object.c */
int ntms_db_init(void);
void ntms_db_exit(void);
void ntms_guid_make(struct ntms_guid *guid, u32 type, const void *a,
		    size_t alen, const void *b, size_t blen, u32 addr);
struct ntms_object *ntms_object_find_locked(const struct ntms_guid *guid);
int ntms_object_add_locked(struct ntms_object *obj);
void ntms_object_del_locked(struct ntms_object *obj);
int ntms_library_set_geometry_locked(struct ntms_library *lib,
				     const struct ntms_smc_geometry *geo);
void ntms_library_free_elements_locked(struct ntms_library *lib);
int ntms_library_apply_elem_locked(struct ntms_library *lib,
				   const struct ntms_smc_elem *e);
void ntms_library_sweep_media_locked(struct ntms_library *lib);
struct ntms_element *ntms_library_find_element_locked(struct ntms_library *lib,
						      u16 addr);
u64 ntms_now_ns(void);
void ntms_copy_inquiry(char *dst, size_t size, const char *src, size_t len);

/* ntms_info.c */
int ntms_object_get_info(struct ntms_session *s, struct ntms_object_info *oi);
int ntms_object_enumerate(const struct ntms_enumerate *en,
			  struct ntms_guid **list, u32 *count);

/* ntms_library.c */
int ntms_library_register(void);
void ntms_library_unregister(void);
struct ntms_library *ntms_library_alloc_locked(u8 lib_type, const u8 *ident,
					       size_t ident_len);
void ntms_library_put(struct ntms_library *lib);
void ntms_library_unlink_locked(struct ntms_library *lib);
void ntms_library_destroy_all(void);
int ntms_library_rescan(struct ntms_library *lib);
int ntms_library_scan_sync(struct ntms_library *lib);
int ntms_library_check_locked(struct ntms_library *lib);

/* ntms_tape.c */
int ntms_tape_register(void);
void ntms_tape_unregister(void);
void ntms_tape_match_locked(void);
void ntms_tape_unbind_drive_locked(struct ntms_drive *drive);
bool ntms_tape_medium(const struct ntms_guid *guid);
int ntms_tape_write_protected(struct ntms_library *lib,
			      const struct ntms_guid *guid);
void ntms_tape_devnames(struct scsi_device *sdev, char *tape, char *sg,
			size_t len);
size_t ntms_vpd_identity(struct scsi_device *sdev, u8 *ident, size_t max,
			 char *serial, size_t serial_len);

/* ntms_session.c */
struct ntms_session *ntms_session_open(struct file *file);
void ntms_session_close(struct ntms_session *s);
u32 ntms_session_access(struct ntms_session *s, struct ntms_library *lib);
int ntms_session_set_application(struct ntms_session *s, void __user *argp);
int ntms_session_get_version(struct ntms_session *s, void __user *argp);
int ntms_session_enumerate(struct ntms_session *s, void __user *argp);
int ntms_session_get_info(struct ntms_session *s, void __user *argp);

/* ntms_ops.c: ntms_ops_check_locked() and ntms_ops_lookup_locked() flags */
#define NTMS_OPS_F_CHANGER	0x1	/* needs a changer: not standalone */
#define NTMS_OPS_F_DISABLED	0x2	/* acts on disabled objects too */

struct ntms_object *ntms_ops_find_locked(const struct ntms_guid *guid,
					 u32 type);
int ntms_ops_check_locked(struct ntms_session *s, struct ntms_library *lib,
			  u32 access, unsigned int flags);
struct ntms_object *ntms_ops_lookup_locked(struct ntms_session *s,
					   const struct ntms_guid *guid,
					   u32 type, u32 access,
					   unsigned int flags);

/* ntms_cdev.c */
int ntms_cdev_register(void);
void ntms_cdev_unregister(void);

/* ntms_sysfs.c */
extern const struct attribute_group *ntms_changer_groups[];
int ntms_sysfs_tape_add(struct scsi_device *sdev);
void ntms_sysfs_tape_del(struct scsi_device *sdev);

/* ntms_port.c */
struct ntms_request;
int ntms_port_inject(struct ntms_session *s, void __user *argp);
int ntms_port_eject(struct ntms_session *s, void __user *argp);
int ntms_port_inject_run(struct ntms_library *lib, struct ntms_request *req);
int ntms_port_eject_run(struct ntms_library *lib, struct ntms_request *req);

#endif /* _NTMS_INTERNAL_H */
