/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms: private declarations shared by the files of the driver: the
 * objects, the locks, and the prototypes of the core files.
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
struct ntms_request;
struct ntms_opreq;

/**
 * DOC: Locking
 *
 * Three mutexes and the event spinlocks, always taken in this order:
 *
 * 1. &ntms_db.topo, the topology: the list of libraries, the list of
 *    tape devices, which tape is bound to which drive, the creation and
 *    removal of libraries, &ntms_db.discovering. Taken by probe and
 *    remove of a changer, by the tape class interface, after each full
 *    read of a library (to match tapes to its drives) and to walk every
 *    library.
 * 2. &ntms_library.lock, one per library: the library's element model
 *    (every field of its elements, drives and cartridges, the cartridges'
 *    locations and states), its state (&ntms_library.op_state,
 *    .damaged, .sdev ...), its request queue and the state of its
 *    requests. Two of them are never waited for together: a cartridge
 *    that moves from one library to another is taken over with
 *    mutex_trylock() on the library it leaves (ntms_object.c).
 * 3. &ntms_db.lock, the index: the GUID index, which library an object
 *    belongs to (&ntms_object.lib), the request table and each library's
 *    list of requests in it. Held only for lookups and list updates:
 *    nothing sleeps under it except allocations, and nothing else is
 *    taken after it but the event locks.
 *    The operator request table's lock (ntms_opreq.c) is a leaf beside
 *    it: it may be taken with a library's lock held, and nothing but
 *    the event locks is taken under it.
 * 4. The event locks (ntms_event.c): a spinlock for the list of rings,
 *    then one per ring. Events are posted under &ntms_library.lock or
 *    with no lock held, never under &ntms_db.lock.
 *
 * A session's own &ntms_session.lock only guards its application name
 * and is never held with any of the above.
 *
 * The binding of a tape to a drive (&ntms_drive.tape, &ntms_tape.drive)
 * is written with both &ntms_db.topo and the drive's library lock held,
 * so either is enough to read it.
 *
 * Finding an object: ntms_object_lock() looks the GUID up under
 * &ntms_db.lock and takes a reference to the object's library; it locks
 * the library there with mutex_trylock() (a lock taken against the order
 * is only ever tried, never waited for), or else drops the index lock,
 * locks the library and looks again. An object of a locked library is
 * not freed and does not change library until the library is unlocked.
 * Requests are the exception: the request table may drop them under
 * &ntms_db.lock alone, so they are held by reference (ntms_request_get()).
 *
 * SCSI I/O to a changer happens only in work items on the library's
 * ordered workqueue (&ntms_library.wq): discovery, re-reads and the
 * request queue. Work on one library is therefore serialised (one robot)
 * while libraries run in parallel, and the element tables of a library
 * are replaced only there (a geometry change): a work item may keep
 * pointers to the library's elements across its own unlocks. No lock is
 * held across a SCSI command, copy_to_user() or robot motion.
 *
 * Lifetime: a library is referenced by the library list (until it is
 * forgotten), by each work item while it runs, by each request and by
 * each caller of ntms_object_lock(). The changer's &scsi_device is
 * referenced from probe to remove; remove marks the library NOT_PRESENT,
 * clears &ntms_library.sdev under its lock and flushes the workqueue
 * before dropping that reference. A tape's &scsi_device is referenced
 * from the class interface's add_dev to its remove_dev.
 */

/**
 * struct ntms_object - what every object has
 * @node: link in the GUID index (&ntms_db.index)
 * @guid: identity, the index key
 * @lib: the library the object belongs to (itself for a library);
 *	written under &ntms_db.lock and the library's lock
 * @type: &enum ntms_object_type
 * @enabled: enabled by the administrator; under the library's lock
 * @indexed: @node is in the index; under &ntms_db.lock
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
 * @addr: element address (its number within its type: ntms_element_number())
 * @src: source address from the last read, valid if @svalid
 * @flags: descriptor byte 2 from the last read (NTMS_SMC_EF_*)
 * @asc: element ASC if EXCEPT
 * @ascq: element ASCQ if EXCEPT
 * @svalid: @src valid
 * @known: the element has been read at least once
 *
 * Kept small: there may be 50,000 of them per library. Protected by the
 * library's lock.
 */
struct ntms_element {
	struct ntms_object obj;
	struct ntms_media *media;
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
 * @cleaned_ns: when last cleaned (CLOCK_REALTIME), 0 never
 * @cleanings: cleanings done by the driver
 * @tapealert: TapeAlert flags when last read, flag N at bit N - 1
 *
 * Protected by the library's lock (@tape: see DOC: Locking).
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
	u64 cleaned_ns;
	u32 cleanings;
	u64 tapealert;
};

/* &ntms_media.mflags */
#define NTMS_MEDIA_NO_BARCODE	0x01	/* identity from library and slot */
#define NTMS_MEDIA_HOME_VALID	0x02	/* @home_addr is meaningful */
#define NTMS_MEDIA_OFFLINE	0x04	/* not seen in the last read */
#define NTMS_MEDIA_CLEANER	0x08	/* a cleaning cartridge */
#define NTMS_MEDIA_CLEANS_KNOWN	0x10	/* @cleans_left is meaningful */

/* the barcodes of cleaning cartridges start with this */
#define NTMS_CLEANER_PREFIX	"CLN"

/**
 * struct ntms_media - a cartridge
 * @obj: object header; @obj.lib is the library it is, or was last, in
 * @node: link in &ntms_library.media
 * @loc: the element holding it, or, until the read that follows finds
 *	it, where a read of part of the library last saw it before it left
 *	(see ntms_library_apply_elem_locked()); NULL only when offline
 * @home_addr: storage slot it returns to
 * @mflags: NTMS_MEDIA_* flags
 * @state: NTMS_MEDIA_STATE_*
 * @seen: &ntms_library.generation of the read that last saw it
 * @created_ns: when first seen
 * @modified_ns: last change
 * @barcode: primary volume tag; "" for none
 * @cleans_left: a cleaner's cleanings left, if %NTMS_MEDIA_CLEANS_KNOWN
 *
 * Protected by the lock of @obj.lib.
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
	u32 cleans_left;
};

/* longest library / drive identity we keep (VPD 83h designator or 80h) */
#define NTMS_IDENT_MAX		64

/**
 * struct ntms_library - a tape library (changer), or a standalone drive
 * @obj: object header; the library's GUID
 * @ref: reference count (see DOC: Locking)
 * @lock: the library's lock (see DOC: Locking)
 * @node: link in &ntms_db.libraries (topology)
 * @index: small number for names ("ntms0"), stable while loaded
 * @lib_type: NTMS_LIBRARY_TYPE_ONLINE or _STANDALONE
 * @op_state: NTMS_OPSTATE_*; written only by ntms_library_set_state()
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
 * @wq: ordered workqueue of a changer's library: discovery, re-reads,
 *	requests; NULL for a standalone drive's library, which has no queue
 * @scan_work: discovery / re-read
 * @poll_work: TEST UNIT READY now and then, to see UNIT ATTENTION
 * @queue_work: carries out @queue, on @wq (ntms_queue.c)
 * @free_work: frees the library after the last reference
 * @discovering: counted in &ntms_db.discovering (topology)
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
 * @displaced: cartridges reads found gone from where the model had them
 *	(a move nobody reported: the rest of the library is read to find
 *	them)
 * @scans: completed reads
 * @read_jiffies: when the last complete read ended
 * @refresh_s: read the whole library when idle this often (seconds, 0:
 *	never; written with WRITE_ONCE() from sysfs)
 * @created_ns: when first seen
 * @modified_ns: last change
 * @requests: the library's requests in the request table (under
 *	&ntms_db.lock)
 * @queue: requests QUEUED or WAITING, best first
 * @running: the request INPROCESS, or NULL
 * @nr_pending: requests queued, waiting or running
 * @cleaner_set: a storage slot is reserved for the cleaner
 * @cleaner_addr: its element address, if @cleaner_set
 * @auto_clean: drives asking for cleaning are cleaned when @cleaner_set
 *	(sysfs ntms_auto_clean; read with READ_ONCE())
 * @clean_jiffies: when the poll last read the drives' TapeAlert flags
 * @service_since: since when the changer has asked for a person, 0 if
 *	it does not (ntms_service.c)
 * @service_opreq: the DEVICESERVICE operator request of a library that
 *	NEEDS_SERVICE (referenced), or NULL
 * @modify_gid: group granted MODIFY through sysfs, or INVALID_GID
 * @control_gid: group granted CONTROL through sysfs, or INVALID_GID
 *
 * Everything except @ref, @wq, the work items, @smc, the gids (read with
 * READ_ONCE()) and the fields marked otherwise is protected by @lock.
 */
struct ntms_library {
	struct ntms_object obj;
	struct kref ref;
	struct mutex lock;	/* the library's model, see DOC: Locking */
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
	struct work_struct queue_work;
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
	u32 displaced;
	unsigned long scans;
	unsigned long read_jiffies;
	unsigned int refresh_s;
	u64 created_ns;
	u64 modified_ns;
	bool cleaner_set;
	u16 cleaner_addr;
	bool auto_clean;
	unsigned long clean_jiffies;
	unsigned long service_since;
	struct ntms_opreq *service_opreq;
	struct list_head requests;
	struct list_head queue;
	struct ntms_request *running;
	u32 nr_pending;
	kgid_t modify_gid;
	kgid_t control_gid;
};

/**
 * struct ntms_tape - a tape drive seen by the class interface
 * @node: link in &ntms_db.tapes
 * @sdev: the tape's scsi_device (referenced)
 * @drive: the drive object it is matched to, NULL if none yet
 * @uevent_work: tells udev that the match changed (not under a lock)
 * @sysfs: the ntms attribute group was added to @sdev
 * @match: how it was matched to @drive, NTMS_MATCH_*
 * @admin_lib: the library the administrator bound it to (sysfs
 *	ntms_bind), by name; empty: matched automatically
 * @admin_drive: and the drive's number there
 *
 * Protected by &ntms_db.topo (@drive: see DOC: Locking).
 */
struct ntms_tape {
	struct list_head node;
	struct scsi_device *sdev;
	struct ntms_drive *drive;
	struct work_struct uevent_work;
	bool sysfs;
	u8 match;
	char admin_lib[NTMS_SERIAL_LEN];
	u32 admin_drive;
};

/**
 * struct ntms_db - the database
 * @topo: level 1 of DOC: Locking
 * @lock: level 3 of DOC: Locking
 * @index: GUID to &struct ntms_object (under @lock)
 * @libraries: all libraries, present or not, in creation order (@topo)
 * @tapes: all tape devices (@topo)
 * @nr_objects: objects in @index (@lock)
 * @nr_libraries: entries of @libraries (@topo)
 * @next_index: next &ntms_library.index (@topo)
 * @discovering: libraries whose first read has not finished (@topo)
 */
struct ntms_db {
	struct mutex topo;	/* libraries and tapes, see DOC: Locking */
	struct mutex lock;	/* the index, see DOC: Locking */
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

/* an element's index within its type in its library, from 0 */
static inline u32 ntms_element_number(const struct ntms_element *el)
{
	static const u8 etype[NTMS_TYPE_MAX] = {
		[NTMS_TYPE_CHANGER] = NTMS_SMC_ET_MT,
		[NTMS_TYPE_STORAGESLOT] = NTMS_SMC_ET_ST,
		[NTMS_TYPE_IEPORT] = NTMS_SMC_ET_IE,
		[NTMS_TYPE_DRIVE] = NTMS_SMC_ET_DT,
	};

	return (u16)(el->addr - el->obj.lib->geo.first[etype[el->obj.type]]);
}

static inline void ntms_db_assert_held(void)
{
	lockdep_assert_held(&ntms_db.lock);
}

static inline void ntms_lib_assert_held(struct ntms_library *lib)
{
	lockdep_assert_held(&lib->lock);
}

/* ntms_object.c: GUIDs, the index, the element model */
int ntms_db_init(void);
void ntms_db_exit(void);
void ntms_guid_make(struct ntms_guid *guid, u32 type, const void *a,
		    size_t alen, const void *b, size_t blen, u32 addr);
struct ntms_object *ntms_object_find_locked(const struct ntms_guid *guid);
int ntms_object_add(struct ntms_object *obj);
void ntms_object_del(struct ntms_object *obj);
void ntms_object_del_locked(struct ntms_object *obj);
struct ntms_object *ntms_object_lock(const struct ntms_guid *guid,
				     struct ntms_library **libp);
int ntms_library_set_geometry_locked(struct ntms_library *lib,
				     const struct ntms_smc_geometry *geo);
void ntms_library_free_elements_locked(struct ntms_library *lib);
int ntms_library_apply_elem_locked(struct ntms_library *lib,
				   const struct ntms_smc_elem *e);
int ntms_library_apply_elem(void *ctx, const struct ntms_smc_elem *e);
void ntms_library_apply_move_locked(struct ntms_library *lib,
				    struct ntms_element *src,
				    struct ntms_element *dst);
void ntms_library_sweep_media_locked(struct ntms_library *lib);
struct ntms_element *ntms_library_find_element_locked(struct ntms_library *lib,
						      u16 addr);
size_t ntms_library_model_bytes_locked(struct ntms_library *lib);
u64 ntms_now_ns(void);
void ntms_copy_inquiry(char *dst, size_t size, const char *src, size_t len);

/* ntms_info.c */
int ntms_object_get_info(struct ntms_session *s, struct ntms_object_info *oi);
int ntms_object_enumerate(const struct ntms_enumerate *en,
			  struct ntms_guid **list, u32 *count);

/* ntms_library.c: library lifetime and state */
int ntms_library_register(void);
void ntms_library_unregister(void);
struct ntms_library *ntms_library_standalone(const u8 *ident,
					     size_t ident_len,
					     const char *serial,
					     struct scsi_device *sdev);
void ntms_library_put(struct ntms_library *lib);
void ntms_library_unlock_put(struct ntms_library *lib);
void ntms_library_forget(struct ntms_library *lib);
void ntms_library_destroy_all(void);
void ntms_library_set_state_locked(struct ntms_library *lib, u8 state);
void ntms_library_touch_locked(struct ntms_library *lib);
bool ntms_library_cleaner_slot_locked(struct ntms_library *lib,
				      const struct ntms_element *el);
int ntms_library_rescan(struct ntms_library *lib);
int ntms_library_scan_sync(struct ntms_library *lib);

/* ntms_tape.c: tapes and their match to drives */
int ntms_tape_register(void);
void ntms_tape_unregister(void);
void ntms_tape_match(void);
void ntms_tape_unbind_drive_locked(struct ntms_drive *drive);
void ntms_tape_devnames(struct scsi_device *sdev, char *tape, char *sg,
			size_t len);

int ntms_tape_set_admin(struct scsi_device *sdev, const char *lib,
			u32 drive);
int ntms_tape_get_admin(struct scsi_device *sdev, char *lib, size_t len,
			u32 *drive);

/* ntms_match.c: which tape is which drive */
bool ntms_match_dvcid(struct scsi_device *tape, struct ntms_drive *d);
u8 ntms_match_position(struct scsi_device *tape, struct ntms_library *lib,
		       u32 *index);

/* ntms_vpd.c: who a SCSI device is */
void ntms_vpd_serial(struct scsi_device *sdev, char *serial, size_t len);
size_t ntms_vpd_identity(struct scsi_device *sdev, bool ask, u8 *ident,
			 size_t max, char *serial, size_t serial_len);

/* ntms_drive.c: what the model says of a drive, and asking its tape */
bool ntms_drive_opened_locked(struct ntms_drive *d);
bool ntms_drive_full_locked(struct ntms_drive *d);
bool ntms_drive_free_locked(struct ntms_drive *d);
int ntms_drive_check_unload_locked(struct ntms_drive *d);
void ntms_drive_set_state_locked(struct ntms_drive *d, u8 state);
struct scsi_device *ntms_drive_tape_get_locked(struct ntms_drive *d);
void ntms_drive_tape_put(struct scsi_device *tape);
bool ntms_drive_tape_medium(struct scsi_device *tape);
int ntms_drive_tape_write_protected(struct scsi_device *tape);

/* ntms_queue.c: what the rest of the driver asks of a library's queue */
void ntms_queue_work(struct work_struct *work);
void ntms_queue_kick_locked(struct ntms_library *lib);
void ntms_queue_abort_locked(struct ntms_library *lib, int err);

/* ntms_session.c */
struct ntms_session *ntms_session_open(struct file *file);
void ntms_session_close(struct ntms_session *s);
u32 ntms_session_access(struct ntms_session *s, struct ntms_library *lib);

/* ntms_sysfs.c */
extern const struct attribute_group *ntms_changer_groups[];
int ntms_sysfs_tape_add(struct scsi_device *sdev);
void ntms_sysfs_tape_del(struct scsi_device *sdev);

/* ntms_event.c */
int ntms_event_open(struct ntms_session *s);
void ntms_event_close(struct ntms_session *s);
void ntms_event_post(u32 op, u32 type, const struct ntms_guid *guid,
		     u32 result, u32 state, const void *owner);
int ntms_event_set_mask(struct ntms_session *s, u64 types);
bool ntms_event_pop(struct ntms_session *s, struct ntms_event *ev);
int ntms_event_wait(struct ntms_session *s);
bool ntms_event_ready(struct ntms_session *s);
struct wait_queue_head *ntms_event_waitq(struct ntms_session *s);

/* ntms_service.c: a library that needs a person */
void ntms_service_poll(struct ntms_library *lib, int ret);

/* ntms_opreq.c: operator requests */
struct ntms_opreq *ntms_opreq_raise(u32 request, const struct ntms_guid *arg1,
				    u32 arg1_type,
				    const struct ntms_guid *arg2,
				    u32 arg2_type,
				    const struct ntms_guid *library,
				    const char *message);
void ntms_opreq_end(struct ntms_opreq *op, bool satisfied);
bool ntms_opreq_refused(struct ntms_opreq *op);
int ntms_opreq_wait(struct ntms_opreq *op, long timeout);
void ntms_opreq_put(struct ntms_opreq *op);
void ntms_opreq_publish(struct ntms_opreq *op);
void ntms_opreq_withdraw(struct ntms_opreq *op);
int ntms_opreq_get_info(struct ntms_object_info *oi);
int ntms_opreq_enumerate(const struct ntms_guid *library,
			 struct ntms_guid **listp, u32 *count);
int ntms_opreq_delete(struct ntms_session *s, const struct ntms_guid *guids,
		      u32 n, u32 *deleted);
void ntms_opreq_session_close(struct ntms_session *s);
void ntms_opreq_exit(void);

#endif /* _NTMS_INTERNAL_H */
