/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ntms: shared, queued control of SCSI tape libraries (medium changers).
 *
 * This is the ABI of the misc character device /dev/ntms. One open file
 * description is one session; the credentials of the opener decide what
 * the session may do in each library (see &struct ntms_library_info.access).
 *
 * Rules that every ioctl argument follows, so that the ABI can grow:
 *  - structs have a fixed size, are naturally aligned and have no implicit
 *    padding; pointers and handles are carried in __aligned_u64;
 *  - every ``padding`` and ``flags`` field must be zero on input unless a
 *    flag is defined for it, otherwise the ioctl fails with -EINVAL;
 *  - object identities are 16-byte values (&struct ntms_guid), never
 *    kernel pointers;
 *  - an ioctl number whose size does not match the struct gives -EINVAL,
 *    an unknown ioctl number gives -ENOTTY.
 *
 * Errors. Each ioctl returns 0 or -1 with errno set. The errnos and the
 * Win32 result that libntms maps them to:
 *
 *  ============ ================================ ===============================
 *  errno        meaning                          Win32 result (ERROR_*)
 *  ============ ================================ ===============================
 *  EBADF        the descriptor is not open (from INVALID_HANDLE
 *               the VFS, not this driver; a
 *               descriptor of another file
 *               gives ENOTTY)
 *  EINVAL       bad argument, reserved bits set  INVALID_PARAMETER
 *  EFAULT       bad user pointer                 INVALID_PARAMETER
 *  ENOENT       no object with that GUID, or not DRIVE: INVALID_DRIVE;
 *               of the type the call needs       MEDIA: INVALID_MEDIA;
 *                                                LIBRARY: INVALID_LIBRARY;
 *                                                else OBJECT_NOT_FOUND
 *  ENODEV       the object's library is not      INVALID_LIBRARY
 *               valid (changer removed)
 *  EACCES       the session lacks the access     ACCESS_DENIED
 *  ESHUTDOWN    object or its library disabled   DEVICE_NOT_AVAILABLE
 *  ENOMEDIUM    the drive holds no cartridge     INVALID_STATE
 *  EBUSY        cartridge opened (in use for     INVALID_STATE (dismount,
 *               I/O); no free drive / media busy eject, delete); BUSY
 *               (mount); in a drive (eject);     (mount)
 *               object still present (delete)
 *  EAGAIN       no empty mail slot (eject); the  BUSY
 *               library kept changing under a
 *               move: a destination found full,
 *               unit attentions without end
 *               (request)
 *  EALREADY     already in the requested state   INVALID_STATE
 *               (eject: already in a mail slot;
 *               cancel of an operator request
 *               that has ended)
 *  EUCLEAN      library state damaged or         DATABASE_FAILURE
 *               unreadable (until a good read)
 *  ENOSPC       a bounded table is full          DATABASE_FULL
 *               (requests, objects); never a
 *               full library
 *  EXFULL       no empty storage slot for a      NOT_FOUND
 *               cartridge (request: dismount,
 *               inject, disabling a loaded drive)
 *  ENODATA      inject found nothing in the      NO_MORE_ITEMS
 *               mail slots it read (request)
 *  EADDRNOTAVAIL mount of a cartridge in a mail  MEDIA_NOT_AVAILABLE
 *               slot (not injected: inject it
 *               first); ioctl and request
 *  ENOTCONN     mount into a drive asked for     DEVICE_NOT_CONNECTED
 *               (%NTMS_MOUNT_F_SPECIFIC_DRIVE)
 *               whose tape device is not
 *               attached to this host; ioctl
 *               and request
 *  ENOMEM       an allocation failed             NOT_ENOUGH_MEMORY
 *  EOVERFLOW    list buffer too small (count     INSUFFICIENT_BUFFER
 *               written back)
 *  EXDEV        media of one call in several     DRIVE_MEDIA_MISMATCH
 *               libraries
 *  ENXIO        cartridge is offline (ejected)   MEDIA_OFFLINE
 *  EHOSTDOWN    library offline (not ready)      LIBRARY_OFFLINE
 *  ETIMEDOUT    wait timed out                   TIMEOUT
 *  ECANCELED    request or operator request      CANCELLED
 *               cancelled
 *  ESRCH        request running or finished:     OBJECT_NOT_FOUND
 *               cannot be cancelled or moved in
 *               the queue; satisfy of an
 *               operator request that has ended
 *  EOPNOTSUPP   operation not supported (also:   NOT_SUPPORTED
 *               inject/eject in a library without
 *               mail slots)
 *  EEXIST       move: the destination holds a    INVALID_STATE
 *               cartridge no request is moving
 *               away (ioctl and request)
 *  EIO          the device failed the command    IO_DEVICE
 *               (also: refused an element
 *               address or a field it reported
 *               itself, or gave an answer that
 *               cannot be parsed)
 *  EPERM        the library refused the request  REQUEST_REFUSED
 *  EROFS        mount for writing                WRITE_PROTECT
 *               (%NTMS_MOUNT_F_WRITE) of a
 *               write-protected cartridge
 *  EMEDIUMTYPE  mount of a cleaning cartridge    INVALID_MEDIA
 *               (%NTMS_MEDIA_F_CLEANER)
 *  EBADSLT      not a storage slot of the        OBJECT_NOT_FOUND
 *               library (cleaner slot)
 *  ENOTEMPTY    the slot holds a cartridge       NOT_EMPTY
 *               (cleaner slot)
 *  EKEYEXPIRED  the cleaning cartridge is spent   CLEANER_CARTRIDGE_SPENT
 *               (request of %NTMS_IOC_CLEAN_DRIVE)
 *  (cleaner     EEXIST: already reserved;        CLEANER_SLOT_SET;
 *  slot)        EALREADY: none reserved;         CLEANER_SLOT_NOT_SET;
 *               EADDRNOTAVAIL: slot not          RESOURCE_NOT_PRESENT;
 *               installed; ENODEV                DEVICE_NOT_AVAILABLE
 *  ============ ================================ ===============================
 *
 * A request that fails reports one of the errnos above: what the
 * changer's sense data means is translated once, in the driver, into
 * this table (EHOSTDOWN not ready, offline or manual intervention; EPERM
 * a mail slot open; EBUSY removal prevented; ENOMEDIUM source empty;
 * EAGAIN; EIO).
 *
 * Cartridges moved behind the driver's back: many libraries raise no
 * UNIT ATTENTION when another program, host or operator moves a
 * cartridge. Every request reads the elements it acts on before moving;
 * a read that finds a cartridge gone from where the model had it makes
 * the driver read the whole library before going on, so that no
 * cartridge is ever shown nowhere. A mount or an eject then carries on
 * from where the cartridge is (a mount of one that left the library
 * fails with ENXIO, one moved again and again with EAGAIN).
 *
 * Asynchronous operations (mount, dismount, inventory, inject, eject,
 * disabling a loaded drive) return the GUID of a request object
 * (type %NTMS_TYPE_LIBREQUEST). Completion is reported as a
 * &struct ntms_event read from the session fd (read() and poll()), and can
 * be waited for with %NTMS_IOC_REQUEST_WAIT. A request is queued only
 * once its GUID has been copied out: if that copy fails (-EFAULT), no
 * request was made (an ioctl that changes state first checks that its
 * argument can be written back, and fails with -EFAULT before doing
 * anything if not).
 */
#ifndef _UAPI_LINUX_NTMS_H
#define _UAPI_LINUX_NTMS_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* The version of this ABI; see &struct ntms_version_info. */
#define NTMS_API_VERSION		1

/* Lengths of the fixed string fields, including the terminating NUL. */
#define NTMS_NAME_LEN			64
#define NTMS_DESCRIPTION_LEN		128
#define NTMS_SERIAL_LEN			32
#define NTMS_REVISION_LEN		32
#define NTMS_VENDOR_LEN			32
#define NTMS_PRODUCT_LEN		32
#define NTMS_DEVNAME_LEN		32
#define NTMS_BARCODE_LEN		64

/**
 * struct ntms_guid - identity of an ntms object
 * @b: 16 bytes, stable across module reload, reboot and device re-add for
 *     the same hardware; never all zero
 */
struct ntms_guid {
	__u8 b[16];
};

/**
 * enum ntms_object_type - object types; the values are RSM's dwType values
 * @NTMS_TYPE_UNKNOWN: any type (in &struct ntms_object_info.type on input)
 * @NTMS_TYPE_OBJECT: (RSM value, not used by the driver)
 * @NTMS_TYPE_CHANGER: the robot of a library
 * @NTMS_TYPE_CHANGER_TYPE: (RSM value, not used by the driver)
 * @NTMS_TYPE_COMPUTER: (RSM value, not used by the driver)
 * @NTMS_TYPE_DRIVE: a tape drive, in a library or standalone
 * @NTMS_TYPE_DRIVE_TYPE: (RSM value, not used by the driver)
 * @NTMS_TYPE_IEDOOR: (RSM value, not used by the driver)
 * @NTMS_TYPE_IEPORT: an import/export element (mail slot)
 * @NTMS_TYPE_LIBRARY: a library, or the library of one standalone drive
 * @NTMS_TYPE_LIBREQUEST: a queued library request
 * @NTMS_TYPE_LOGICAL_MEDIA: (RSM value, not used by the driver)
 * @NTMS_TYPE_MEDIA_POOL: (RSM value, not used by the driver)
 * @NTMS_TYPE_MEDIA_TYPE: (RSM value, not used by the driver)
 * @NTMS_TYPE_PARTITION: (RSM value, not used by the driver)
 * @NTMS_TYPE_PHYSICAL_MEDIA: a cartridge
 * @NTMS_TYPE_STORAGESLOT: a storage element (slot)
 * @NTMS_TYPE_OPREQUEST: an operator request (&struct ntms_opreq_info)
 * @NTMS_TYPE_MAX: number of values
 */
enum ntms_object_type {
	NTMS_TYPE_UNKNOWN		= 0,
	NTMS_TYPE_OBJECT		= 1,
	NTMS_TYPE_CHANGER		= 2,
	NTMS_TYPE_CHANGER_TYPE		= 3,
	NTMS_TYPE_COMPUTER		= 4,
	NTMS_TYPE_DRIVE			= 5,
	NTMS_TYPE_DRIVE_TYPE		= 6,
	NTMS_TYPE_IEDOOR		= 7,
	NTMS_TYPE_IEPORT		= 8,
	NTMS_TYPE_LIBRARY		= 9,
	NTMS_TYPE_LIBREQUEST		= 10,
	NTMS_TYPE_LOGICAL_MEDIA		= 11,
	NTMS_TYPE_MEDIA_POOL		= 12,
	NTMS_TYPE_MEDIA_TYPE		= 13,
	NTMS_TYPE_PARTITION		= 14,
	NTMS_TYPE_PHYSICAL_MEDIA	= 15,
	NTMS_TYPE_STORAGESLOT		= 16,
	NTMS_TYPE_OPREQUEST		= 17,
	NTMS_TYPE_MAX			= 18,
};

/* Operational state of any object (RSM NtmsOperationalState). */
#define NTMS_OPSTATE_READY		0
#define NTMS_OPSTATE_INITIALIZING	10
#define NTMS_OPSTATE_NEEDS_SERVICE	20
#define NTMS_OPSTATE_NOT_PRESENT	21

/* Drive states (RSM NtmsDriveState). */
#define NTMS_DRIVE_STATE_DISMOUNTED	0
#define NTMS_DRIVE_STATE_MOUNTED	1
#define NTMS_DRIVE_STATE_LOADED		2
#define NTMS_DRIVE_STATE_UNLOADED	5
#define NTMS_DRIVE_STATE_BEING_CLEANED	6
#define NTMS_DRIVE_STATE_DISMOUNTABLE	7

/* Storage slot states (RSM NtmsSlotState). */
#define NTMS_SLOT_STATE_UNKNOWN		0
#define NTMS_SLOT_STATE_FULL		1
#define NTMS_SLOT_STATE_EMPTY		2
#define NTMS_SLOT_STATE_NOTPRESENT	3
#define NTMS_SLOT_STATE_NEEDSINVENTORY	4

/* Import/export port content and position (RSM NtmsPortContent/Position). */
#define NTMS_PORT_CONTENT_UNKNOWN	0
#define NTMS_PORT_CONTENT_FULL		1
#define NTMS_PORT_CONTENT_EMPTY		2
#define NTMS_PORT_POSITION_UNKNOWN	0
#define NTMS_PORT_POSITION_EXTENDED	1
#define NTMS_PORT_POSITION_RETRACTED	2

/* Cartridge states (RSM NtmsMediaState). */
#define NTMS_MEDIA_STATE_IDLE		0
#define NTMS_MEDIA_STATE_INUSE		1
#define NTMS_MEDIA_STATE_MOUNTED	2
#define NTMS_MEDIA_STATE_LOADED		3
#define NTMS_MEDIA_STATE_UNLOADED	4
#define NTMS_MEDIA_STATE_OPERROR	5
#define NTMS_MEDIA_STATE_OPREQ		6

/* Barcode states (RSM NtmsBarCodeState). */
#define NTMS_BARCODE_STATE_OK		1
#define NTMS_BARCODE_STATE_UNREADABLE	2

/* Library types (RSM NtmsLibraryType). */
#define NTMS_LIBRARY_TYPE_UNKNOWN	0
#define NTMS_LIBRARY_TYPE_OFFLINE	1
#define NTMS_LIBRARY_TYPE_ONLINE	2
#define NTMS_LIBRARY_TYPE_STANDALONE	3

/* Inventory actions (RSM NtmsInventoryMethod). */
#define NTMS_INVENTORY_NONE		0
#define NTMS_INVENTORY_FAST		1
#define NTMS_INVENTORY_OMID		2
#define NTMS_INVENTORY_DEFAULT		3
#define NTMS_INVENTORY_SLOT		4
#define NTMS_INVENTORY_STOP		5

/* Request states (RSM NtmsLmState). */
#define NTMS_REQ_QUEUED			0
#define NTMS_REQ_INPROCESS		1
#define NTMS_REQ_PASSED			2
#define NTMS_REQ_FAILED			3
#define NTMS_REQ_INVALID		4
#define NTMS_REQ_WAITING		5
#define NTMS_REQ_DEFERRED		6
#define NTMS_REQ_CANCELLED		7
#define NTMS_REQ_STOPPED		8

/* Request operations (RSM NtmsLmOperation values). */
#define NTMS_REQ_OP_DISABLE_LIBRARY	1
#define NTMS_REQ_OP_ENABLE_LIBRARY	2
#define NTMS_REQ_OP_DISABLE_DRIVE	3
#define NTMS_REQ_OP_ENABLE_DRIVE	4
#define NTMS_REQ_OP_DISABLE_MEDIA	5
#define NTMS_REQ_OP_ENABLE_MEDIA	6
#define NTMS_REQ_OP_INVENTORY		8
#define NTMS_REQ_OP_DOOR		9
#define NTMS_REQ_OP_EJECT		10
#define NTMS_REQ_OP_EJECT_CLEANER	11
#define NTMS_REQ_OP_INJECT		12
#define NTMS_REQ_OP_INJECT_CLEANER	13
#define NTMS_REQ_OP_CLEAN_DRIVE		15
#define NTMS_REQ_OP_DISMOUNT		16
#define NTMS_REQ_OP_MOUNT		17
/* Not RSM's: a move between two elements (%NTMS_IOC_MOVE). */
#define NTMS_REQ_OP_MOVE		0x100
#define NTMS_REQ_OP_EXCHANGE		0x101

/* Access rights of a session in a library (RSM NtmsAccessMask). */
#define NTMS_ACCESS_USE			0x1
#define NTMS_ACCESS_MODIFY		0x2
#define NTMS_ACCESS_CONTROL		0x4

/**
 * enum ntms_feature - what the driver implements, in
 * &struct ntms_version_info.features
 * @NTMS_FEATURE_ENUMERATE: %NTMS_IOC_ENUMERATE
 * @NTMS_FEATURE_INFO: %NTMS_IOC_GET_INFO
 * @NTMS_FEATURE_EVENTS: event records from read(), %NTMS_IOC_SET_EVENT_MASK
 * @NTMS_FEATURE_DISMOUNT: %NTMS_IOC_DISMOUNT_DRIVE, %NTMS_IOC_DISMOUNT_MEDIA
 * @NTMS_FEATURE_MOUNT: %NTMS_IOC_MOUNT
 * @NTMS_FEATURE_REQUESTS: %NTMS_IOC_REQUEST_WAIT, %NTMS_IOC_REQUEST_CANCEL
 * @NTMS_FEATURE_ENABLE: %NTMS_IOC_SET_ENABLED
 * @NTMS_FEATURE_INVENTORY: %NTMS_IOC_INVENTORY
 * @NTMS_FEATURE_INJECT_EJECT: %NTMS_IOC_INJECT, %NTMS_IOC_EJECT
 * @NTMS_FEATURE_REQUEST_DRIVES: %NTMS_IOC_REQUEST_DRIVES
 * @NTMS_FEATURE_EVENT_OPT_IN: a new session receives no events until it
 *	sets a mask with %NTMS_IOC_SET_EVENT_MASK (drivers without this bit
 *	start every session with all types selected)
 * @NTMS_FEATURE_MOUNT_OPTIONS_V2: %NTMS_IOC_MOUNT acts on the options of
 *	%NTMS_MOUNT_F_ALL only; those of %NTMS_MOUNT_F_DEPRECATED are
 *	accepted and ignored (they are the caller's business)
 * @NTMS_FEATURE_MOVE: %NTMS_IOC_MOVE
 * @NTMS_FEATURE_ELEMENTS: %NTMS_IOC_GET_ELEMENTS
 * @NTMS_FEATURE_REQUEST_ORDER: %NTMS_IOC_REQUEST_ORDER
 * @NTMS_FEATURE_DELETE: %NTMS_IOC_DELETE
 * @NTMS_FEATURE_DOOR: %NTMS_IOC_DOOR
 * @NTMS_FEATURE_IDENTIFY_SLOT: %NTMS_IOC_IDENTIFY_SLOT
 * @NTMS_FEATURE_UNLOAD: %NTMS_IOC_UNLOAD_DRIVE
 * @NTMS_FEATURE_MOUNT_OFFLINE: %NTMS_MOUNT_F_OFFLINE_WAIT
 * @NTMS_FEATURE_OPREQ: operator requests: %NTMS_IOC_OPREQ_SUBMIT,
 *	%NTMS_IOC_OPREQ_WAIT, %NTMS_IOC_OPREQ_SATISFY, %NTMS_IOC_OPREQ_CANCEL,
 *	objects of type %NTMS_TYPE_OPREQUEST
 * @NTMS_FEATURE_CLEANER_SLOT: %NTMS_IOC_CLEANER_SLOT, and the cleaner
 *	slot in &struct ntms_library_info
 * @NTMS_FEATURE_CLEAN_DRIVE: %NTMS_IOC_CLEAN_DRIVE, the cleaning fields
 *	of &struct ntms_drive_info, &struct ntms_library_info and
 *	&struct ntms_media_info
 * @NTMS_FEATURE_CLEANER_PORT: %NTMS_IOC_CLEANER_PORT
 */
enum ntms_feature {
	NTMS_FEATURE_ENUMERATE		= 1ULL << 0,
	NTMS_FEATURE_INFO		= 1ULL << 1,
	NTMS_FEATURE_EVENTS		= 1ULL << 2,
	NTMS_FEATURE_DISMOUNT		= 1ULL << 3,
	NTMS_FEATURE_MOUNT		= 1ULL << 4,
	NTMS_FEATURE_REQUESTS		= 1ULL << 5,
	NTMS_FEATURE_ENABLE		= 1ULL << 6,
	NTMS_FEATURE_INVENTORY		= 1ULL << 7,
	NTMS_FEATURE_INJECT_EJECT	= 1ULL << 8,
	NTMS_FEATURE_REQUEST_DRIVES	= 1ULL << 9,
	NTMS_FEATURE_EVENT_OPT_IN	= 1ULL << 10,
	NTMS_FEATURE_MOUNT_OPTIONS_V2	= 1ULL << 11,
	NTMS_FEATURE_MOVE		= 1ULL << 12,
	NTMS_FEATURE_ELEMENTS		= 1ULL << 13,
	NTMS_FEATURE_REQUEST_ORDER	= 1ULL << 14,
	NTMS_FEATURE_DELETE		= 1ULL << 15,
	NTMS_FEATURE_DOOR		= 1ULL << 18,
	NTMS_FEATURE_IDENTIFY_SLOT	= 1ULL << 16,
	NTMS_FEATURE_UNLOAD		= 1ULL << 17,
	NTMS_FEATURE_OPREQ		= 1ULL << 19,
	NTMS_FEATURE_MOUNT_OFFLINE	= 1ULL << 20,
	NTMS_FEATURE_CLEANER_SLOT	= 1ULL << 22,
	NTMS_FEATURE_CLEAN_DRIVE	= 1ULL << 23,
	NTMS_FEATURE_CLEANER_PORT	= 1ULL << 24,
};

/**
 * struct ntms_version_info - what the driver supports
 * (%NTMS_IOC_GET_VERSION, output only)
 * @api_version: %NTMS_API_VERSION of the driver
 * @info_size: sizeof(&struct ntms_object_info) in the driver
 * @features: mask of &enum ntms_feature implemented by the driver
 * @event_size: sizeof(&struct ntms_event) in the driver
 * @max_requests: size of the request table (module parameter)
 * @max_objects: size of the object table (module parameter)
 * @padding: reserved, zero
 */
struct ntms_version_info {
	__u32 api_version;
	__u32 info_size;
	__aligned_u64 features;
	__u32 event_size;
	__u32 max_requests;
	__u32 max_objects;
	__u32 padding[9];
};

/**
 * struct ntms_session_setup - name the session (%NTMS_IOC_SET_APPLICATION)
 * @application: application name, NUL-terminated, shown in requests
 * @flags: must be zero
 * @padding: reserved, must be zero
 */
struct ntms_session_setup {
	char application[NTMS_NAME_LEN];
	__u32 flags;
	__u32 padding[7];
};

/* &struct ntms_enumerate.flags: @container is valid (else: everything). */
#define NTMS_ENUMERATE_F_CONTAINER	0x1
#define NTMS_ENUMERATE_F_ALL		NTMS_ENUMERATE_F_CONTAINER

/**
 * struct ntms_enumerate - list the GUIDs of objects of one type
 * (%NTMS_IOC_ENUMERATE)
 * @container: with %NTMS_ENUMERATE_F_CONTAINER, the library whose objects
 *	are listed (unknown: -ENOENT; not a library: -EINVAL)
 * @type: the &enum ntms_object_type to list (not %NTMS_TYPE_UNKNOWN)
 * @flags: %NTMS_ENUMERATE_F_*
 * @list: user pointer to an array of @count &struct ntms_guid
 * @count: in: capacity of @list in entries; out: entries written. When the
 *	list is too small the ioctl fails with -EOVERFLOW and @count is the
 *	number needed (nothing else is written)
 * @padding: reserved, must be zero
 *
 * Objects are listed in a stable order: by library, then element address.
 */
struct ntms_enumerate {
	struct ntms_guid container;
	__u32 type;
	__u32 flags;
	__aligned_u64 list;
	__u32 count;
	__u32 padding[5];
};

/* &struct ntms_library_info.flags */
#define NTMS_LIBRARY_F_BARCODE_READER	0x1	/* volume tags are read */
#define NTMS_LIBRARY_F_DVCID		0x2	/* drive identifiers reported */
#define NTMS_LIBRARY_F_DAMAGED		0x4	/* last element read failed */
#define NTMS_LIBRARY_F_DOOR_OPEN	0x8	/* a mail slot or door is open */
#define NTMS_LIBRARY_F_CLEANER_SLOT	0x10	/* @cleaner_slot reserved */
#define NTMS_LIBRARY_F_CLEANER_USES	0x20	/* @cleaner_uses is known */
/*
 * drives that ask for cleaning are cleaned: a cleaner slot is reserved
 * and the library's sysfs switch ntms_auto_clean is on (the default)
 */
#define NTMS_LIBRARY_F_AUTO_CLEAN	0x40

/**
 * struct ntms_library_info - %NTMS_TYPE_LIBRARY part of
 * &struct ntms_object_info
 * @library_type: NTMS_LIBRARY_TYPE_*
 * @flags: NTMS_LIBRARY_F_*
 * @inventory_method: NTMS_INVENTORY_* used by default
 * @access: NTMS_ACCESS_* this session has in the library
 * @first_drive: element address of the first drive
 * @num_drives: number of drives
 * @first_slot: element address of the first storage slot
 * @num_slots: number of storage slots
 * @first_port: element address of the first import/export port
 * @num_ports: number of import/export ports
 * @first_changer: element address of the first medium transport
 * @num_changers: number of medium transports
 * @num_media: number of cartridges known in the library (offline included)
 * @num_requests: number of requests queued or running in the library
 * @changer: the changer object (zero for a standalone drive's library)
 * @serial: serial number of the changer (or of the standalone drive)
 * @cleaner_slot: the storage slot reserved for a cleaning cartridge
 *	(%NTMS_IOC_CLEANER_SLOT), if %NTMS_LIBRARY_F_CLEANER_SLOT; else zero
 * @cleaner_uses: cleanings left in the cartridge in the cleaner slot, if
 *	%NTMS_LIBRARY_F_CLEANER_USES (RSM's dwCleanerUsesRemaining)
 * @reserved: zero
 */
struct ntms_library_info {
	__u32 library_type;
	__u32 flags;
	__u32 inventory_method;
	__u32 access;
	__u32 first_drive;
	__u32 num_drives;
	__u32 first_slot;
	__u32 num_slots;
	__u32 first_port;
	__u32 num_ports;
	__u32 first_changer;
	__u32 num_changers;
	__u32 num_media;
	__u32 num_requests;
	struct ntms_guid changer;
	char serial[NTMS_SERIAL_LEN];
	struct ntms_guid cleaner_slot;
	__u32 cleaner_uses;
	__u32 reserved[3];
};

/**
 * struct ntms_scsi_address - where a SCSI device is
 * @host: SCSI host number
 * @channel: channel
 * @target: target id
 * @padding: reserved, zero
 * @lun: logical unit number
 */
struct ntms_scsi_address {
	__u32 host;
	__u32 channel;
	__u32 target;
	__u32 padding;
	__aligned_u64 lun;
};

/**
 * struct ntms_changer_info - %NTMS_TYPE_CHANGER part of
 * &struct ntms_object_info
 * @number: index of the transport in its library, from 0
 * @address: element address
 * @library: the library
 * @scsi: SCSI address of the changer
 * @serial: VPD page 80h serial number
 * @vendor: INQUIRY vendor identification
 * @product: INQUIRY product identification
 * @revision: INQUIRY product revision level
 * @sg_name: name of the changer's sg device ("sg3"), empty if none
 */
struct ntms_changer_info {
	__u32 number;
	__u32 address;
	struct ntms_guid library;
	struct ntms_scsi_address scsi;
	char serial[NTMS_SERIAL_LEN];
	char vendor[NTMS_VENDOR_LEN];
	char product[NTMS_PRODUCT_LEN];
	char revision[NTMS_REVISION_LEN];
	char sg_name[NTMS_DEVNAME_LEN];
};

/* &struct ntms_drive_info.flags */
#define NTMS_DRIVE_F_FULL		0x01	/* holds a cartridge */
#define NTMS_DRIVE_F_EXCEPT		0x02	/* element in abnormal state */
#define NTMS_DRIVE_F_ACCESS		0x04	/* robot can reach it */
#define NTMS_DRIVE_F_SOURCE_VALID	0x08	/* @source_address valid */
#define NTMS_DRIVE_F_STANDALONE		0x10	/* belongs to no changer */
#define NTMS_DRIVE_F_MAPPED		0x20	/* tape device found */
#define NTMS_DRIVE_F_OPENED		0x40	/* cartridge opened for I/O */
#define NTMS_DRIVE_F_CLEANED		0x80	/* @cleaned_ns is set */
/* TapeAlert flag 20 (clean now) or 21 (clean periodic) in @tapealert */
#define NTMS_DRIVE_F_NEEDS_CLEANING	0x100

/**
 * enum ntms_match - how a drive element was matched to its tape device
 * (&struct ntms_drive_info.match, sysfs ntms_match of the tape)
 * @NTMS_MATCH_NONE: not matched, or a standalone drive
 * @NTMS_MATCH_DVCID: the identifier the changer reports for the element
 *	(DVCID) is one of the tape's VPD 83h designators, or its serial number
 * @NTMS_MATCH_VPD: the changer reports no identifiers; the tape shares the
 *	changer's VPD 83h target port, and its rank among the target's tape
 *	logical units is the drive's
 * @NTMS_MATCH_FALLBACK: as %NTMS_MATCH_VPD, by the SCSI address alone (no
 *	target-port designators to compare)
 * @NTMS_MATCH_ADMIN: set by the administrator
 */
enum ntms_match {
	NTMS_MATCH_NONE		= 0,
	NTMS_MATCH_DVCID	= 1,
	NTMS_MATCH_VPD		= 2,
	NTMS_MATCH_FALLBACK	= 3,
	NTMS_MATCH_ADMIN	= 4,
};

/**
 * struct ntms_drive_info - %NTMS_TYPE_DRIVE part of &struct ntms_object_info
 * @number: index of the drive in its library, from 0
 * @address: element address (0 for a standalone drive)
 * @state: NTMS_DRIVE_STATE_*
 * @flags: NTMS_DRIVE_F_*
 * @source_address: element the cartridge came from, if
 *	%NTMS_DRIVE_F_SOURCE_VALID
 * @mount_count: mounts since the driver first saw the drive
 * @asc: additional sense code of the element, if %NTMS_DRIVE_F_EXCEPT
 * @ascq: its qualifier
 * @match: how the tape device was matched, &enum ntms_match
 * @padding: reserved, zero
 * @library: the library
 * @media: the cartridge in the drive, zero if none
 * @scsi: SCSI address of the tape drive, if %NTMS_DRIVE_F_MAPPED
 * @serial: serial number (VPD 80h, or the DVCID identifier)
 * @vendor: INQUIRY vendor identification
 * @product: INQUIRY product identification
 * @revision: INQUIRY product revision level
 * @tape_name: the st no-rewind device name ("nst0"), empty if none
 * @sg_name: the sg device name ("sg1"), empty if none
 * @cleaned_ns: when the drive was last cleaned (%NTMS_IOC_CLEAN_DRIVE),
 *	CLOCK_REALTIME, if %NTMS_DRIVE_F_CLEANED (RSM's LastCleanedTs)
 * @cleanings: cleanings the driver has done in the drive
 * @padding2: reserved, zero
 * @tapealert: the TapeAlert flags the drive raised when last asked (log
 *	page 2Eh; after each dismount and cleaning, and on the poll): flag N
 *	(from 1, as in SSC-3) is bit N - 1
 * @reserved: zero
 */
struct ntms_drive_info {
	__u32 number;
	__u32 address;
	__u32 state;
	__u32 flags;
	__u32 source_address;
	__u32 mount_count;
	__u8 asc;
	__u8 ascq;
	__u8 match;
	__u8 padding[5];
	struct ntms_guid library;
	struct ntms_guid media;
	struct ntms_scsi_address scsi;
	char serial[NTMS_SERIAL_LEN];
	char vendor[NTMS_VENDOR_LEN];
	char product[NTMS_PRODUCT_LEN];
	char revision[NTMS_REVISION_LEN];
	char tape_name[NTMS_DEVNAME_LEN];
	char sg_name[NTMS_DEVNAME_LEN];
	__aligned_u64 cleaned_ns;
	__u32 cleanings;
	__u32 padding2;
	__aligned_u64 tapealert;
	__u32 reserved[2];
};

/**
 * struct ntms_slot_info - %NTMS_TYPE_STORAGESLOT part of
 * &struct ntms_object_info
 * @number: index of the slot in its library, from 0
 * @address: element address
 * @state: NTMS_SLOT_STATE_*
 * @padding: reserved, zero
 * @library: the library
 * @media: the cartridge in the slot, zero if none
 */
struct ntms_slot_info {
	__u32 number;
	__u32 address;
	__u32 state;
	__u32 padding;
	struct ntms_guid library;
	struct ntms_guid media;
};

/* &struct ntms_ieport_info.flags */
#define NTMS_IEPORT_F_IMPEXP		0x1	/* placed by the operator */
#define NTMS_IEPORT_F_INENAB		0x2	/* can import */
#define NTMS_IEPORT_F_EXENAB		0x4	/* can export */
#define NTMS_IEPORT_F_ACCESS		0x8	/* robot can reach it */

/**
 * struct ntms_ieport_info - %NTMS_TYPE_IEPORT part of
 * &struct ntms_object_info
 * @number: index of the port in its library, from 0
 * @address: element address
 * @content: NTMS_PORT_CONTENT_*
 * @position: NTMS_PORT_POSITION_*
 * @flags: NTMS_IEPORT_F_*
 * @padding: reserved, zero
 * @library: the library
 * @media: the cartridge in the port, zero if none
 */
struct ntms_ieport_info {
	__u32 number;
	__u32 address;
	__u32 content;
	__u32 position;
	__u32 flags;
	__u32 padding;
	struct ntms_guid library;
	struct ntms_guid media;
};

/* &struct ntms_media_info.flags */
#define NTMS_MEDIA_F_OFFLINE		0x1	/* taken out of the library */
#define NTMS_MEDIA_F_NO_BARCODE		0x2	/* identity from its slot */
#define NTMS_MEDIA_F_HOME_VALID		0x4	/* @home is meaningful */
/*
 * a cleaning cartridge (barcode prefix "CLN", or taken from the cleaner
 * slot): never mounted (-EMEDIUMTYPE)
 */
#define NTMS_MEDIA_F_CLEANER		0x8
#define NTMS_MEDIA_F_CLEANS_KNOWN	0x10	/* @cleans_left is known */

/**
 * struct ntms_media_info - %NTMS_TYPE_PHYSICAL_MEDIA part of
 * &struct ntms_object_info
 * @library: the library the cartridge is (or was last) in
 * @location: the slot, drive or port that holds it; zero when offline
 * @home: the storage slot it returns to on dismount
 * @location_type: &enum ntms_object_type of @location
 * @location_address: element address of @location
 * @state: NTMS_MEDIA_STATE_*
 * @barcode_state: NTMS_BARCODE_STATE_*
 * @flags: NTMS_MEDIA_F_*
 * @cleans_left: a cleaner's cleanings left, if %NTMS_MEDIA_F_CLEANS_KNOWN
 *	(known once a drive has found it spent)
 * @barcode: primary volume tag, trailing spaces removed
 */
struct ntms_media_info {
	struct ntms_guid library;
	struct ntms_guid location;
	struct ntms_guid home;
	__u32 location_type;
	__u32 location_address;
	__u32 state;
	__u32 barcode_state;
	__u32 flags;
	__u32 cleans_left;
	char barcode[NTMS_BARCODE_LEN];
};

/**
 * struct ntms_request_info - %NTMS_TYPE_LIBREQUEST part of
 * &struct ntms_object_info
 * @operation: NTMS_REQ_OP_*
 * @options: the options of the call that queued it
 * @state: NTMS_REQ_* state
 * @error: 0, or the positive errno the request failed with: one of the
 *	errnos of the table above (a command the device failed in a way the
 *	table does not name is %EIO)
 * @priority: -15..15, higher runs first
 * @padding: reserved, zero
 * @library: the library
 * @drive: the drive involved, zero if none
 * @media: the cartridge involved, zero if none
 * @slot: the slot involved, zero if none
 * @queued_ns: when it was queued, CLOCK_REALTIME
 * @completed_ns: when it ended, CLOCK_REALTIME, 0 while pending
 * @application: application name of the session that queued it
 * @user: user id of the session that queued it
 * @padding2: reserved, zero
 */
struct ntms_request_info {
	__u32 operation;
	__u32 options;
	__u32 state;
	__u32 error;
	__s32 priority;
	__u32 padding;
	struct ntms_guid library;
	struct ntms_guid drive;
	struct ntms_guid media;
	struct ntms_guid slot;
	__aligned_u64 queued_ns;
	__aligned_u64 completed_ns;
	char application[NTMS_NAME_LEN];
	__u32 user;
	__u32 padding2;
};

/* Operator request commands, &struct ntms_opreq_info.request: RSM's. */
#define NTMS_OPREQ_CMD_NEWMEDIA		1
#define NTMS_OPREQ_CMD_CLEANER		2
#define NTMS_OPREQ_CMD_DEVICESERVICE	3
#define NTMS_OPREQ_CMD_MOVEMEDIA	4
#define NTMS_OPREQ_CMD_MESSAGE		5

/*
 * Operator request states, &struct ntms_opreq_info.state: RSM's
 * NTMS_OPSTATE_* values. The driver uses SUBMITTED (waiting for the
 * operator), COMPLETE (satisfied) and REFUSED (cancelled); ACTIVE and
 * INPROGRESS are RSM's operator consoles' and never reported.
 */
#define NTMS_OPREQ_STATE_SUBMITTED	1
#define NTMS_OPREQ_STATE_ACTIVE		2
#define NTMS_OPREQ_STATE_INPROGRESS	3
#define NTMS_OPREQ_STATE_REFUSED	4
#define NTMS_OPREQ_STATE_COMPLETE	5

/* Length of an operator request's message, with its NUL (RSM's). */
#define NTMS_OPREQ_MESSAGE_LEN		256

/* &struct ntms_opreq_info.flags: raised by the driver, not a session */
#define NTMS_OPREQ_INFO_F_DRIVER	0x1

/**
 * struct ntms_opreq_info - %NTMS_TYPE_OPREQUEST part of
 * &struct ntms_object_info
 * @request: NTMS_OPREQ_CMD_*
 * @state: NTMS_OPREQ_STATE_*
 * @arg1_type: &enum ntms_object_type of @arg1, %NTMS_TYPE_UNKNOWN if none
 * @arg2_type: &enum ntms_object_type of @arg2, %NTMS_TYPE_UNKNOWN if none
 * @arg1: the object the request is about, zero if none
 * @arg2: the second object (the library of a MOVEMEDIA or NEWMEDIA),
 *	zero if none
 * @library: the library whose access rights govern the request, zero for
 *	one that concerns no library (a MESSAGE)
 * @submitted_ns: when it was submitted, CLOCK_REALTIME
 * @completed_ns: when it was satisfied or cancelled, CLOCK_REALTIME, 0
 *	while SUBMITTED
 * @message: the message to the operator, NUL-terminated
 * @application: application name of the session that submitted it
 *	("ntms" for one the driver raised)
 * @user: user id of the session that submitted it (0 for the driver)
 * @flags: NTMS_OPREQ_INFO_F_*
 */
struct ntms_opreq_info {
	__u32 request;
	__u32 state;
	__u32 arg1_type;
	__u32 arg2_type;
	struct ntms_guid arg1;
	struct ntms_guid arg2;
	struct ntms_guid library;
	__aligned_u64 submitted_ns;
	__aligned_u64 completed_ns;
	char message[NTMS_OPREQ_MESSAGE_LEN];
	char application[NTMS_NAME_LEN];
	__u32 user;
	__u32 flags;
};

/**
 * struct ntms_object_info - everything the driver knows of one object
 * (%NTMS_IOC_GET_INFO)
 * @id: in: the object
 * @type: in: the expected &enum ntms_object_type, or %NTMS_TYPE_UNKNOWN for
 *	any; a different type gives -EINVAL. Out: the object's type
 * @flags: in: must be zero
 * @enabled: out: 1 if enabled (objects in a disabled library act disabled
 *	but report their own setting here)
 * @op_state: out: NTMS_OPSTATE_*
 * @created_ns: out: when the driver first saw it, CLOCK_REALTIME
 * @modified_ns: out: last change, CLOCK_REALTIME
 * @name: out: short name, e.g. "drive 0" or a barcode
 * @description: out: longer description
 * @u: out: the part for @type (library, changer, drive, slot, ieport,
 *	media, request, opreq); @u.raw pins the size
 */
struct ntms_object_info {
	struct ntms_guid id;
	__u32 type;
	__u32 flags;
	__u32 enabled;
	__u32 op_state;
	__aligned_u64 created_ns;
	__aligned_u64 modified_ns;
	char name[NTMS_NAME_LEN];
	char description[NTMS_DESCRIPTION_LEN];
	union {
		struct ntms_library_info library;
		struct ntms_changer_info changer;
		struct ntms_drive_info drive;
		struct ntms_slot_info slot;
		struct ntms_ieport_info ieport;
		struct ntms_media_info media;
		struct ntms_request_info request;
		struct ntms_opreq_info opreq;
		__u8 raw[512];
	} u;
};

/**
 * struct ntms_dismount_drive - queue the return of a drive's cartridge to
 * its storage slot (%NTMS_IOC_DISMOUNT_DRIVE)
 * @drive: in: the drive
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request; zero for a standalone drive, which is made
 *	DISMOUNTABLE at once
 */
struct ntms_dismount_drive {
	struct ntms_guid drive;
	__u32 flags;
	__u32 padding[3];
	struct ntms_guid request;
};

/*
 * &struct ntms_mount.options, with the values of RSM's MountNtmsMedia
 * options. The driver acts on WRITE (the drive is asked for the
 * write-protect tab: -EROFS), ERROR_NOT_AVAILABLE (fail at once with
 * -EBUSY rather than wait) and SPECIFIC_DRIVE (@drives are given).
 * READ, ERROR_OFFLINE and NOWAIT are deprecated: the driver never acted
 * on them (an offline cartridge gives -ENXIO unless the caller asks for
 * %NTMS_MOUNT_F_OFFLINE_WAIT; not waiting for the request is the
 * caller's choice); they are still accepted, and ignored, so that
 * programs built against API version 1 keep working.
 */
#define NTMS_MOUNT_F_READ		0x01	/* deprecated, ignored */
#define NTMS_MOUNT_F_WRITE		0x02
#define NTMS_MOUNT_F_ERROR_NOT_AVAILABLE 0x04
#define NTMS_MOUNT_F_ERROR_OFFLINE	0x08	/* deprecated, ignored */
#define NTMS_MOUNT_F_SPECIFIC_DRIVE	0x10
#define NTMS_MOUNT_F_NOWAIT		0x20	/* deprecated, ignored */
#define NTMS_MOUNT_F_ALL		0x16
#define NTMS_MOUNT_F_DEPRECATED		0x29
/*
 * Not RSM's (%NTMS_FEATURE_MOUNT_OFFLINE): a cartridge that is offline
 * (ejected) does not fail the mount with -ENXIO; the mount is queued and
 * waits, and the driver raises an operator request
 * (%NTMS_OPREQ_CMD_MOVEMEDIA, arg1 the cartridge, arg2 the library,
 * %NTMS_OPREQ_INFO_F_DRIVER) asking for it to be put in a mail slot.
 * Once it has been injected the request is satisfied (COMPLETE) and the
 * mount goes on. Cancelling the operator request fails the mount with
 * -ECANCELED; a mount that ends otherwise (cancelled, its library gone)
 * cancels the operator request (REFUSED). libntms sets it for
 * MountNtmsMedia() without NTMS_MOUNT_ERROR_OFFLINE.
 */
#define NTMS_MOUNT_F_OFFLINE_WAIT	0x40

#define NTMS_PRIORITY_LOWEST		(-15)
#define NTMS_PRIORITY_HIGHEST		15

/**
 * struct ntms_mount - queue the mount of cartridges (%NTMS_IOC_MOUNT)
 * @media: in: user pointer to @count &struct ntms_guid, the cartridges
 * @drives: in: user pointer to @count &struct ntms_guid, with
 *	%NTMS_MOUNT_F_SPECIFIC_DRIVE the drives to use, else ignored (and
 *	never written: the drives are chosen when the request runs, after
 *	this call has returned). Read the drives used with
 *	%NTMS_IOC_REQUEST_DRIVES once the request has passed
 * @count: in: number of cartridges, 1..64, all in one library (else
 *	-EXDEV)
 * @options: in: NTMS_MOUNT_F_* (%NTMS_MOUNT_F_ALL and
 *	%NTMS_MOUNT_F_OFFLINE_WAIT, plus the ignored
 *	%NTMS_MOUNT_F_DEPRECATED); the request reports those it acts on
 * @priority: in: %NTMS_PRIORITY_LOWEST..%NTMS_PRIORITY_HIGHEST
 * @padding: reserved, must be zero
 * @request: out: the request
 *
 * A cartridge in a mail slot (inside the library, not injected) gives
 * -EADDRNOTAVAIL; a drive asked for whose tape device is not attached to
 * this host (no mapped SCSI device, %NTMS_DRIVE_F_MAPPED clear) gives
 * -ENOTCONN. Both are checked again when the request runs (it then ends
 * FAILED with that errno); a mount choosing its drives skips drives
 * without a tape device.
 */
struct ntms_mount {
	__aligned_u64 media;
	__aligned_u64 drives;
	__u32 count;
	__u32 options;
	__s32 priority;
	__u32 padding;
	struct ntms_guid request;
};

/* &struct ntms_dismount_media.options: RSM's DismountNtmsMedia options. */
#define NTMS_DISMOUNT_F_DEFERRED	0x1
#define NTMS_DISMOUNT_F_IMMEDIATE	0x2
#define NTMS_DISMOUNT_F_ALL		0x3

/**
 * struct ntms_dismount_media - queue the dismount of cartridges
 * (%NTMS_IOC_DISMOUNT_MEDIA)
 * @media: in: user pointer to @count &struct ntms_guid
 * @count: in: number of cartridges, 1..64
 * @options: in: NTMS_DISMOUNT_F_*; 0 means IMMEDIATE
 * @request: out: the request
 */
struct ntms_dismount_media {
	__aligned_u64 media;
	__u32 count;
	__u32 options;
	struct ntms_guid request;
};

/* &struct ntms_request_wait.timeout_ms value: wait without limit. */
#define NTMS_WAIT_INFINITE		0xffffffffU

/**
 * struct ntms_request_wait - wait for a request to end
 * (%NTMS_IOC_REQUEST_WAIT)
 * @request: in: the request
 * @timeout_ms: in: how long to wait, %NTMS_WAIT_INFINITE for ever; 0 polls.
 *	The wait is interruptible; the ioctl fails with -ETIMEDOUT when the
 *	request has not ended in time (its state is still filled in)
 * @state: out: NTMS_REQ_* state
 * @error: out: 0 or the positive errno of a failed request
 * @padding: reserved, must be zero
 */
struct ntms_request_wait {
	struct ntms_guid request;
	__u32 timeout_ms;
	__u32 state;
	__u32 error;
	__u32 padding;
};

/**
 * struct ntms_request_cancel - cancel a queued request
 * (%NTMS_IOC_REQUEST_CANCEL); a running or finished one gives -ESRCH
 * @request: in: the request
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 */
struct ntms_request_cancel {
	struct ntms_guid request;
	__u32 flags;
	__u32 padding[3];
};

/* &struct ntms_request_order.flags: move the request to @order */
#define NTMS_ORDER_F_SET		0x1
/* &struct ntms_request_order.order: after every other pending request */
#define NTMS_ORDER_LAST			0xffffffffU

/**
 * struct ntms_request_order - where a request stands in its library's
 * queue, or move it there (%NTMS_IOC_REQUEST_ORDER)
 * @request: in: the request
 * @flags: in: 0 reads the place (MODIFY access to the library);
 *	%NTMS_ORDER_F_SET moves the request (CONTROL access)
 * @order: out (read): the request's place among its library's requests
 *	that have not started, 1 being the next to run; 0 when it runs or
 *	has ended (it has no place any more). In (%NTMS_ORDER_F_SET): the
 *	place to move it to, 1 for the next to run; past the end, or
 *	%NTMS_ORDER_LAST, puts it last; 0 is -EINVAL. A request that runs
 *	or has ended cannot be moved: -ESRCH.
 * @padding: reserved, must be zero
 *
 * The queue's order is the truth: a request is queued in front of the
 * first one of lower priority (FIFO among equals), and a move puts it
 * where it is told whatever its priority, which stays what it was. A
 * request queued later is placed against the ones then in the queue, by
 * the same rule.
 */
struct ntms_request_order {
	struct ntms_guid request;
	__u32 flags;
	__u32 order;
	__u32 padding[2];
};

/* most GUIDs in one %NTMS_IOC_DELETE of requests */
#define NTMS_DELETE_MAX			1024

/**
 * struct ntms_delete - forget objects (%NTMS_IOC_DELETE)
 * @objects: in: user pointer to @count &struct ntms_guid
 * @count: in: 1 to %NTMS_DELETE_MAX requests; exactly 1 drive or library
 * @type: in: what @objects name:
 *	%NTMS_TYPE_LIBREQUEST: ended requests leave the request table (and
 *	the index: their GUIDs are unknown from then on). Requests that
 *	have not ended, and GUIDs that name no request, are left alone
 *	without an error. MODIFY access to each request's library, checked
 *	for all of them before any is deleted (-EACCES).
 *	%NTMS_TYPE_OPREQUEST: the same for operator requests that have
 *	ended (COMPLETE or REFUSED); MODIFY access to each one's library,
 *	or for one that concerns no library, the session that submitted
 *	it or one opened with CAP_SYS_ADMIN.
 *	%NTMS_TYPE_LIBRARY: a library whose changer is gone (NOT_PRESENT)
 *	is forgotten with every object in it (its cartridges too: they get
 *	the same GUIDs again wherever they show up, GUIDs being made from
 *	barcodes and library identities); MODIFY access to it; a library
 *	that is present gives -EBUSY, an unknown one -ENOENT.
 *	%NTMS_TYPE_DRIVE: a standalone drive whose tape device is gone is
 *	forgotten with its library, as RSM does; a drive that is present
 *	gives -EBUSY, and so does a changer's drive, which is an element
 *	of its changer and goes with it (%NTMS_TYPE_LIBRARY); an unknown
 *	one -ENOENT.
 *	Other types: -EINVAL.
 * @flags: in: must be zero
 * @deleted: out: how many objects were forgotten
 * @padding: reserved, must be zero
 */
struct ntms_delete {
	__u64 objects;
	__u32 count;
	__u32 type;
	__u32 flags;
	__u32 deleted;
	__u32 padding[2];
};

/**
 * struct ntms_request_drives - the cartridges of a request and the drive
 * of each (%NTMS_IOC_REQUEST_DRIVES)
 * @request: in: the request; any session that can name it may ask
 * @media: in: user pointer to @count &struct ntms_guid, or 0; out, in that
 *	array: the request's cartridges, in the order of the call
 * @drives: in: user pointer to @count &struct ntms_guid, or 0; out, in
 *	that array: the drive of each cartridge. A mount: the drive it was
 *	mounted in; the drives of a mount without
 *	%NTMS_MOUNT_F_SPECIFIC_DRIVE are chosen when it runs, so they are
 *	final once it has PASSED (before that they are zero or provisional;
 *	a FAILED mount shows the drives it had chosen). A dismount: the
 *	drive the cartridge was taken out of
 * @count: in: entries in @media and @drives; out: the request's number of
 *	cartridges, 0 for a request that involves no drive (an inventory,
 *	an inject, an eject).
 *	Too few entries: -EOVERFLOW, @count is the number needed and nothing
 *	else is written
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 *
 * This is how MountNtmsMedia() learns the drives it has to return: the
 * request ends after %NTMS_IOC_MOUNT has returned, so nothing is written
 * back through &struct ntms_mount.drives.
 */
struct ntms_request_drives {
	struct ntms_guid request;
	__aligned_u64 media;
	__aligned_u64 drives;
	__u32 count;
	__u32 flags;
	__u32 padding[2];
};

/**
 * struct ntms_set_enabled - enable or disable a drive, library or cartridge
 * (%NTMS_IOC_SET_ENABLED)
 * @object: in: the object
 * @type: in: %NTMS_TYPE_DRIVE, %NTMS_TYPE_LIBRARY or
 *	%NTMS_TYPE_PHYSICAL_MEDIA, and the object's type
 * @enable: in: 1 to enable, 0 to disable; already so gives -EALREADY
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request returning a disabled drive's cartridge home,
 *	zero if none was needed
 */
struct ntms_set_enabled {
	struct ntms_guid object;
	__u32 type;
	__u32 enable;
	__u32 flags;
	__u32 padding;
	struct ntms_guid request;
};

/**
 * struct ntms_inventory - queue an inventory (%NTMS_IOC_INVENTORY)
 * @library: in: the library
 * @action: in: NTMS_INVENTORY_FAST, _DEFAULT or _SLOT (_OMID: -EOPNOTSUPP)
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request
 */
struct ntms_inventory {
	struct ntms_guid library;
	__u32 action;
	__u32 flags;
	__u32 padding[2];
	struct ntms_guid request;
};

/**
 * struct ntms_door - let an operator into the library (%NTMS_IOC_DOOR,
 * CONTROL access)
 * @library: in: the library; a standalone drive's has no door:
 *	-EOPNOTSUPP
 * @action: in: what to do once the door has been opened and closed
 *	again: NTMS_INVENTORY_NONE (only what the changer's unit attention
 *	makes the driver read anyway), _FAST (read every element with its
 *	volume tag), _DEFAULT or _SLOT (the changer scans its elements,
 *	INITIALIZE ELEMENT STATUS, then they are read); _OMID: -EOPNOTSUPP
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request (operation %NTMS_REQ_OP_DOOR)
 *
 * The request is queued like any other, so the door opens only once the
 * robot has finished what was queued before. It then allows medium
 * removal (PREVENT ALLOW MEDIUM REMOVAL, unlocking the door), and stays
 * INPROCESS, holding the library's queue, while it waits for the door:
 * for it to be opened within the module parameter door_timeout_s (the
 * request then passes without an inventory: nobody came), then for it to
 * be closed, however long that takes (the robot cannot move meanwhile).
 * The changer tells both: NOT READY while the door is open, a unit
 * attention when it closes. Then @action is carried out and the request
 * passes; it fails with the errno of an inventory that fails.
 */
struct ntms_door {
	struct ntms_guid library;
	__u32 action;
	__u32 flags;
	__u32 padding[2];
	struct ntms_guid request;
};

/* &struct ntms_inject.flags and &struct ntms_eject.flags: @port is valid. */
#define NTMS_PORT_F_SPECIFIC		0x1

/**
 * struct ntms_inject - queue the import of what the operator put in the
 * mail slots (%NTMS_IOC_INJECT, CONTROL access)
 * @library: in: the library
 * @port: in: with %NTMS_PORT_F_SPECIFIC, the one port to import from
 *	(not a port: -ENOENT; another library's: -EXDEV); must be zero
 *	without it
 * @flags: in: NTMS_PORT_F_*
 * @padding: reserved, must be zero
 * @request: out: the request
 *
 * The request reads the ports when it runs and moves every cartridge it
 * finds there (also one the robot put there for an eject) to an empty
 * storage slot: offline media coming back to their home slot if it is
 * empty, others to the first empty slot. Ports found empty are skipped;
 * with nothing in any port it reads the request ends FAILED with ENODATA
 * and moves nothing (&struct ntms_request_info.media stays zero;
 * otherwise it names the first cartridge imported, .slot its slot). No
 * empty slot left: the request ends FAILED with EXFULL, what was moved
 * stays moved. A library without mail slots, or a standalone drive's:
 * -EOPNOTSUPP.
 */
struct ntms_inject {
	struct ntms_guid library;
	struct ntms_guid port;
	__u32 flags;
	__u32 padding[3];
	struct ntms_guid request;
};

/**
 * struct ntms_eject - queue the move of a cartridge to a mail slot
 * (%NTMS_IOC_EJECT, CONTROL access)
 * @media: in: the cartridge, in a storage slot
 * @port: in: with %NTMS_PORT_F_SPECIFIC, the port to use (not a port:
 *	-ENOENT; another library's: -EXDEV); must be zero without it
 * @flags: in: NTMS_PORT_F_*
 * @padding: reserved, must be zero
 * @request: out: the request
 *
 * Only a cartridge in a storage slot is ejected: offline gives -ENXIO, in
 * a drive -EBUSY (dismount it first), already in a mail slot -EALREADY.
 * No empty mail slot (the ports the driver saw empty are all full or
 * promised to ejects already queued, the cleaner's included; with
 * %NTMS_PORT_F_SPECIFIC, that port is full or promised): -EAGAIN. The
 * slot and the ports are read again when the request runs; a port found
 * full then ends it FAILED with EAGAIN; a cartridge no longer in its slot
 * is looked for in the whole library and ejected from the slot it is
 * found in, or ends it FAILED with ENXIO if it left the library, EBUSY or
 * EALREADY if it is in a drive or a mail slot now; a failed move with the
 * move's errno.
 * Once the operator takes the cartridge out of the mail slot, the next
 * read of the library makes it offline media: kept, with its GUID,
 * %NTMS_MEDIA_F_OFFLINE, operational state NOT_PRESENT, no location
 * (an OBJ_UPDATE event); mounting, dismounting or ejecting it gives
 * -ENXIO until it is put in a mail slot again.
 */
struct ntms_eject {
	struct ntms_guid media;
	struct ntms_guid port;
	__u32 flags;
	__u32 padding[3];
	struct ntms_guid request;
};

/* &struct ntms_move.flags */
#define NTMS_MOVE_F_EXCHANGE		0x1
#define NTMS_MOVE_F_HOME		0x2
#define NTMS_MOVE_F_ALL			0x3

/**
 * struct ntms_move - queue a move between two elements of a library
 * (%NTMS_IOC_MOVE), by element address, as mtx and changer scripts name
 * them
 * @library: in: the library (a changer's)
 * @source: in: element address of the cartridge to move
 * @dest: in: element address it goes to
 * @dest2: in: with %NTMS_MOVE_F_EXCHANGE (EXCHANGE MEDIUM, when the
 *	changer's page 1Fh allows it between these element types, else
 *	-EOPNOTSUPP), where the cartridge of @dest goes (may be @source: a
 *	swap); must be zero without it
 * @flags: in: NTMS_MOVE_F_*. %NTMS_MOVE_F_HOME: @source is a storage slot
 *	named as the home of a cartridge: if that cartridge is out of it, in
 *	a drive, the request waits until it has come back (WAITING) instead
 *	of failing with an empty source
 * @priority: in: %NTMS_PRIORITY_LOWEST..%NTMS_PRIORITY_HIGHEST
 * @padding: reserved, must be zero
 * @request: out: the request
 *
 * Access: a move into a drive is a mount, and one from a drive to a slot a
 * dismount: USE; one from or to a mail slot is an inject or an eject:
 * CONTROL; from slot to slot: MODIFY. An exchange needs what its two
 * moves need. An address that is no element of the library (or the
 * robot's), @source equal to @dest: -EINVAL.
 *
 * The request is decided when its turn comes, against the library as it
 * is then, in this order: a destination holding a cartridge no queued or
 * running request of the library names ends it FAILED with EEXIST (if one
 * does, it waits), an empty source with ENOMEDIUM (but see
 * %NTMS_MOVE_F_HOME), a source drive whose cartridge is opened with
 * EBUSY, a disabled cartridge or drive with ESHUTDOWN. When nothing is queued or
 * running in the library ahead of it, the ioctl decides at once and
 * returns those errnos itself. A cartridge moved into a drive is LOADED
 * (not MOUNTED: no RSM mount made it).
 */
struct ntms_move {
	struct ntms_guid library;
	__u32 source;
	__u32 dest;
	__u32 dest2;
	__u32 flags;
	__s32 priority;
	__u32 padding[3];
	struct ntms_guid request;
};

/* &struct ntms_element_status.flags */
#define NTMS_ELEMENT_F_KNOWN		0x01	/* read from the changer */
#define NTMS_ELEMENT_F_FULL		0x02	/* holds a cartridge */
#define NTMS_ELEMENT_F_MEDIA		0x04	/* @media names it */
#define NTMS_ELEMENT_F_SOURCE_VALID	0x08	/* @source_address is valid */
#define NTMS_ELEMENT_F_EXCEPT		0x10	/* abnormal: see @asc, @ascq */
#define NTMS_ELEMENT_F_ACCESS		0x20	/* the robot can reach it */
#define NTMS_ELEMENT_F_IMPEXP		0x40	/* port: put in by an operator */
#define NTMS_ELEMENT_F_NO_BARCODE	0x80	/* the cartridge has no label */

/**
 * struct ntms_element_status - one element of a library, as the driver's
 * model has it (%NTMS_IOC_GET_ELEMENTS)
 * @id: the element's object: a changer, storage slot, port or drive
 * @media: the cartridge in it, with %NTMS_ELEMENT_F_MEDIA; else zero
 * @type: %NTMS_TYPE_CHANGER, %NTMS_TYPE_STORAGESLOT, %NTMS_TYPE_IEPORT or
 *	%NTMS_TYPE_DRIVE
 * @flags: %NTMS_ELEMENT_F_*
 * @address: its SCSI element address
 * @source_address: where its cartridge came from, with
 *	%NTMS_ELEMENT_F_SOURCE_VALID (the changer's SVALID and source
 *	element address); else zero
 * @asc: with %NTMS_ELEMENT_F_EXCEPT, the additional sense code
 * @ascq: and its qualifier
 * @padding: zero
 * @barcode: the cartridge's volume tag, NUL-terminated; empty when the
 *	element is empty, the library reads no labels or the label is blank
 */
struct ntms_element_status {
	struct ntms_guid id;
	struct ntms_guid media;
	__u32 type;
	__u32 flags;
	__u32 address;
	__u32 source_address;
	__u8 asc;
	__u8 ascq;
	__u8 padding[6];
	char barcode[NTMS_BARCODE_LEN];
};

/**
 * struct ntms_get_elements - every element of a library and what it holds,
 * in one consistent picture (%NTMS_IOC_GET_ELEMENTS)
 * @library: in: the library (unknown, or not a library: -ENOENT; its
 *	changer gone: -ENODEV)
 * @type: in: %NTMS_TYPE_UNKNOWN for every element, else one of the types
 *	&struct ntms_element_status.type may have (other types: -EINVAL)
 * @flags: in: must be zero
 * @elements: in: user pointer to an array of @count
 *	&struct ntms_element_status
 * @count: in: capacity of @elements; out: entries written. Too small an
 *	array fails with -EOVERFLOW and @count is the number needed
 *	(nothing else is written)
 * @padding: reserved, must be zero
 *
 * Elements come by type (changers, storage slots, ports, drives), each
 * type in address order, all read under one hold of the library's lock:
 * unlike one %NTMS_IOC_GET_INFO per element, the answer never shows a
 * cartridge that a move carried on meanwhile in two places, or in none.
 * Needs USE access, which every session has, as for an enumeration; a
 * disabled library answers too.
 */
struct ntms_get_elements {
	struct ntms_guid library;
	__u32 type;
	__u32 flags;
	__aligned_u64 elements;
	__u32 count;
	__u32 padding[5];
};

/**
 * struct ntms_identify_slot - queue the read of one storage slot
 * (%NTMS_IOC_IDENTIFY_SLOT, CONTROL access; IdentifyNtmsSlot)
 * @slot: in: the storage slot (%NTMS_TYPE_STORAGESLOT; anything else:
 *	-ENOENT)
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request (operation %NTMS_REQ_OP_INVENTORY, its
 *	&struct ntms_request_info.slot the slot)
 *
 * The request reads the slot's element status with its volume tag (READ
 * ELEMENT STATUS of that one element, VOLTAG) and records what it finds:
 * a cartridge that arrived behind the driver's back is placed there (and
 * leaves the element the model had it in), a changed barcode is a new
 * cartridge; a cartridge the model had in the slot and that left makes
 * the driver read the whole library, to find where it went or that it
 * left the library (offline). When it ends, &struct
 * ntms_request_info.media names the cartridge found in the slot (zero if
 * empty). Errors in order: -ENOENT, -ENODEV
 * (library not valid), -EACCES, -ESHUTDOWN (library disabled), -ENOSPC,
 * -ENOMEM. A damaged library is no reason to refuse: the read is what
 * repairs the model. A failed read ends the request FAILED with the
 * errno of the read (uapi table) and leaves the library damaged.
 */
struct ntms_identify_slot {
	struct ntms_guid slot;
	__u32 flags;
	__u32 padding[3];
	struct ntms_guid request;
};

/* &struct ntms_cleaner_slot.flags */
#define NTMS_CLEANER_SLOT_F_RELEASE	0x1	/* release, not reserve */

/**
 * struct ntms_cleaner_slot - reserve or release a library's cleaner slot
 * (%NTMS_IOC_CLEANER_SLOT, CONTROL access; ReserveNtmsCleanerSlot,
 * ReleaseNtmsCleanerSlot)
 * @library: in: the library (%NTMS_TYPE_LIBRARY of a changer; unknown:
 *	-ENOENT; a standalone drive's: -EOPNOTSUPP)
 * @slot: in: reserve: the storage slot of @library to reserve (anything
 *	else: -EBADSLT); release: must be zero
 * @flags: in: 0 to reserve, %NTMS_CLEANER_SLOT_F_RELEASE to release
 * @padding: reserved, must be zero
 *
 * A library has at most one cleaner slot: the home of its cleaning
 * cartridge. Once reserved, the driver never chooses it for a data
 * cartridge (the destination of a dismount, an inject, or a cartridge
 * whose home it was). Synchronous: nothing moves. The reservation is kept
 * while the driver is loaded, across re-reads and a changer's removal.
 *
 * Errors, in order: -EINVAL (flags, padding, a slot given to release),
 * -ENOENT, -EOPNOTSUPP, -ENODEV (library not valid), -EACCES,
 * -ESHUTDOWN (library disabled); reserve: -EBADSLT (not a storage slot
 * of @library), -EEXIST (a slot, this one or another, is already
 * reserved), -EADDRNOTAVAIL (the slot is not installed: its element
 * descriptor has ACCESS clear, e.g. a magazine is out), -ENOTEMPTY (the
 * slot holds a cartridge); release: -EALREADY (no slot reserved),
 * -EADDRNOTAVAIL, -ENOTEMPTY (the cleaner is still in it: eject it
 * first). libntms maps them to ERROR_INVALID_LIBRARY, ERROR_NOT_SUPPORTED,
 * ERROR_DEVICE_NOT_AVAILABLE (-ENODEV and -ESHUTDOWN: "not connected"),
 * ERROR_ACCESS_DENIED, and, for the results Microsoft's pages name but
 * winerror.h does not define (ERROR_INVALID_SLOT, ERROR_ALREADY_RESERVED,
 * ERROR_SLOT_NOT_PRESENT, ERROR_SLOT_FULL, ERROR_NO_SLOT_RESERVED), the
 * RSM errors it has: ERROR_OBJECT_NOT_FOUND, ERROR_CLEANER_SLOT_SET,
 * ERROR_RESOURCE_NOT_PRESENT, ERROR_NOT_EMPTY, ERROR_CLEANER_SLOT_NOT_SET.
 */
struct ntms_cleaner_slot {
	struct ntms_guid library;
	struct ntms_guid slot;
	__u32 flags;
	__u32 padding[3];
};

/**
 * struct ntms_clean_drive - clean a drive with the library's cleaning
 * cartridge (%NTMS_IOC_CLEAN_DRIVE, CONTROL access; CleanNtmsDrive)
 * @drive: in: the drive
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request (operation %NTMS_REQ_OP_CLEAN_DRIVE); zero
 *	for a standalone drive
 *
 * A standalone drive has no robot to load a cleaner: it is recorded as
 * cleaned now (&struct ntms_drive_info.cleaned_ns), as RSM does, and
 * nothing is queued. In a changer's library the request waits in the
 * queue until the drive is empty and not opened, then: the cartridge in
 * the cleaner slot (%NTMS_IOC_CLEANER_SLOT) goes into the drive, which is
 * %NTMS_DRIVE_STATE_BEING_CLEANED while it cleans; the driver asks the
 * drive's tape device every 250 ms until it has unloaded the cleaner
 * (NOT READY, medium not present), at most the module parameter
 * clean_timeout_s; the cleaner goes back to the cleaner slot. The drive's
 * TapeAlert flag 22 (expired cleaning media) then means the cleaner is
 * spent: the request fails with -EKEYEXPIRED and an operator request
 * (%NTMS_OPREQ_CMD_CLEANER) asks for a new one. A cleaner that stays in
 * the drive (refused or timed out) goes back to the cleaner slot with
 * the drive's next dismount.
 *
 * Errors, in order: -EINVAL, -ENOENT, -ENODEV, -EACCES, -ESHUTDOWN (drive
 * or library disabled), -EUCLEAN, -ENOSPC, -ENOMEM; a changer's library
 * without a cleaner slot: -EALREADY. The request fails with -EALREADY (the
 * cleaner slot was released meanwhile), -ENOMEDIUM (no cartridge in the
 * cleaner slot: an operator request asks for one), -EKEYEXPIRED,
 * -ETIMEDOUT (the drive was still cleaning after clean_timeout_s), or the
 * errno of a move. libntms maps -ESHUTDOWN to ERROR_RESOURCE_DISABLED
 * and -EALREADY to ERROR_CLEANER_SLOT_NOT_SET, as Microsoft's page for
 * CleanNtmsDrive asks.
 */
struct ntms_clean_drive {
	struct ntms_guid drive;
	__u32 flags;
	__u32 padding[3];
	struct ntms_guid request;
};

/* &struct ntms_cleaner_port.flags */
#define NTMS_CLEANER_PORT_F_EJECT	0x1	/* eject, not inject */

/**
 * struct ntms_cleaner_port - bring a cleaning cartridge in through a mail
 * slot, or take it out (%NTMS_IOC_CLEANER_PORT, CONTROL access;
 * InjectNtmsCleaner, EjectNtmsCleaner)
 * @library: in: the library (unknown: -ENOENT; a standalone drive's, or
 *	one without mail slots: -EOPNOTSUPP)
 * @flags: in: 0 to inject, %NTMS_CLEANER_PORT_F_EJECT to eject
 * @cleans_left: in: inject: the cleanings left in the cartridge the
 *	operator brings (the driver counts them down, see
 *	&struct ntms_media_info.cleans_left); eject: must be zero
 * @padding: reserved, must be zero
 * @request: out: the request (operation %NTMS_REQ_OP_INJECT_CLEANER or
 *	%NTMS_REQ_OP_EJECT_CLEANER; an inject's request has @cleans_left as
 *	its options)
 *
 * Queued like an inject or an eject. Inject: the request reads the mail
 * slots and moves the cartridge in the first one the operator filled
 * (IMPEXP set: not a cartridge the robot left there) into the library's
 * cleaner slot (%NTMS_IOC_CLEANER_SLOT), where it is the library's
 * cleaner from then on; no such cartridge fails it with -ENODATA.
 * Eject: the request moves the cartridge in the cleaner slot to the first
 * empty mail slot (none: -EAGAIN). A request also fails as the ioctl
 * would if the cleaner slot changed meanwhile.
 *
 * Errors, in order: -EINVAL (flags, padding, cleans given to an eject),
 * -ENOENT, -EOPNOTSUPP, -ENODEV, -EACCES, -ESHUTDOWN, -EALREADY (no
 * cleaner slot reserved), -EADDRNOTAVAIL (the cleaner slot is not
 * installed), inject: -ENOTEMPTY (a cleaner is in the slot already),
 * eject: -ENOMEDIUM (the slot is empty); -EUCLEAN, -ENOSPC, -ENOMEM.
 * libntms maps -EALREADY to ERROR_CLEANER_SLOT_NOT_SET, -EADDRNOTAVAIL to
 * ERROR_RESOURCE_NOT_PRESENT, -ENOTEMPTY to
 * ERROR_CLEANER_CARTRIDGE_INSTALLED and -ENOMEDIUM to ERROR_EMPTY: the
 * RSM errors winerror.h has for the ERROR_NO_SLOT_SET,
 * ERROR_SLOT_NOT_PRESENT, ERROR_SLOT_FULL and ERROR_SLOT_EMPTY that
 * Microsoft's pages name.
 */
struct ntms_cleaner_port {
	struct ntms_guid library;
	__u32 flags;
	__u32 cleans_left;
	__u32 padding[2];
	struct ntms_guid request;
};

/**
 * struct ntms_unload_drive - unload a standalone drive's cartridge
 * (%NTMS_IOC_UNLOAD_DRIVE, CONTROL access; EjectDiskFromSADrive)
 * @drive: in: a drive of a standalone library (%NTMS_LIBRARY_TYPE_STANDALONE;
 *	not a drive: -ENOENT; a drive in a changer's library: -EOPNOTSUPP,
 *	use %NTMS_IOC_DISMOUNT_DRIVE)
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 *
 * Synchronous: the driver sends LOAD UNLOAD (SSC opcode 1Bh, LOAD clear:
 * rewind and unload) to the drive's tape device, and returns when the
 * drive has done it. The drive is then %NTMS_DRIVE_STATE_UNLOADED (an
 * OBJ_UPDATE event): the cartridge sits in the drive's throat for the
 * operator to take, and the drive answers NOT READY, medium not present.
 * Errors in order: -ENOENT, -ENODEV (its tape device was removed),
 * -EACCES, -EOPNOTSUPP, -ESHUTDOWN (drive or its library disabled),
 * -EBUSY (opened, %NTMS_DRIVE_F_OPENED: a process holding the tape device
 * has prevented medium removal), -ENOMEDIUM (no cartridge loaded, as TEST
 * UNIT READY says first: empty, or unloaded already; the drive becomes
 * DISMOUNTED unless UNLOADED), then the answers to LOAD UNLOAD: -EBUSY
 * (the drive refuses, medium removal prevented), -EHOSTDOWN (not ready:
 * offline, becoming ready for too long), -EIO (the drive failed the
 * command), -ENOMEM.
 */
struct ntms_unload_drive {
	struct ntms_guid drive;
	__u32 flags;
	__u32 padding[3];
};

/**
 * struct ntms_opreq_submit - ask an operator for something
 * (%NTMS_IOC_OPREQ_SUBMIT; SubmitNtmsOperatorRequest)
 * @request: in: NTMS_OPREQ_CMD_*; anything else gives -EINVAL. What
 *	@arg1 and @arg2 name, and the access needed:
 *	%NTMS_OPREQ_CMD_MESSAGE: nothing (both zero, else -EINVAL); any
 *	session.
 *	%NTMS_OPREQ_CMD_DEVICESERVICE: @arg1 the library, changer, drive,
 *	mail slot or cartridge that needs service; @arg2 zero; CONTROL
 *	access to its library.
 *	%NTMS_OPREQ_CMD_CLEANER: @arg1 the library or storage slot that
 *	needs a cleaner; @arg2 zero; CONTROL access to its library.
 *	%NTMS_OPREQ_CMD_MOVEMEDIA: @arg1 the cartridge to move, @arg2 the
 *	library to move it to; CONTROL access to the cartridge's library
 *	(RSM asks it of the media pool: ntms has no media pools).
 *	%NTMS_OPREQ_CMD_NEWMEDIA: @arg1 zero (RSM's media pool: ntms has
 *	none, anything else gives -ENOENT), @arg2 zero or the library to
 *	put new cartridges in; CONTROL access to that library, any session
 *	if none.
 *	An object that does not exist, or is not of a type listed: -ENOENT
 * @flags: in: must be zero
 * @arg1: in: see @request
 * @arg2: in: see @request
 * @message: in: the message to the operator, NUL-terminated (else
 *	-EINVAL); may be empty
 * @id: out: the operator request (%NTMS_TYPE_OPREQUEST), SUBMITTED
 *
 * The table of operator requests is bounded (module parameter
 * max_opreqs): when it is full, the oldest that has ended is forgotten;
 * when none has ended, -ENOSPC.
 */
struct ntms_opreq_submit {
	__u32 request;
	__u32 flags;
	struct ntms_guid arg1;
	struct ntms_guid arg2;
	char message[NTMS_OPREQ_MESSAGE_LEN];
	struct ntms_guid id;
};

/**
 * struct ntms_opreq_wait - wait for an operator request to end
 * (%NTMS_IOC_OPREQ_WAIT; WaitForNtmsOperatorRequest)
 * @id: in: the operator request; any session may wait for it
 * @timeout_ms: in: how long to wait, %NTMS_WAIT_INFINITE for ever; 0 polls.
 *	Interruptible
 * @state: out, also on failure: NTMS_OPREQ_STATE_*
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 *
 * Returns 0 when it was satisfied (COMPLETE), -ECANCELED when it was
 * cancelled (REFUSED), -ETIMEDOUT when it is still SUBMITTED after
 * @timeout_ms, -ENOENT when there is no such operator request (never
 * was, or deleted).
 */
struct ntms_opreq_wait {
	struct ntms_guid id;
	__u32 timeout_ms;
	__u32 state;
	__u32 flags;
	__u32 padding;
};

/**
 * struct ntms_opreq_act - satisfy (%NTMS_IOC_OPREQ_SATISFY;
 * SatisfyNtmsOperatorRequest) or cancel (%NTMS_IOC_OPREQ_CANCEL;
 * CancelNtmsOperatorRequest) an operator request
 * @id: in: the operator request
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 *
 * Access: the session that submitted it, CONTROL access to its library
 * (&struct ntms_opreq_info.library), or, for one that concerns no
 * library, a session opened with CAP_SYS_ADMIN; else -EACCES. One that
 * has already ended: satisfy gives -ESRCH, cancel gives -EALREADY. An
 * unknown one: -ENOENT. The state becomes COMPLETE (satisfy) or REFUSED
 * (cancel); its waiters wake up and the sessions are told
 * (%NTMS_EVENT_OBJ_UPDATE).
 */
struct ntms_opreq_act {
	struct ntms_guid id;
	__u32 flags;
	__u32 padding[3];
};

/**
 * struct ntms_event_mask - choose the events a session reads
 * (%NTMS_IOC_SET_EVENT_MASK)
 * @types: in: bit N set: events about objects of &enum ntms_object_type N.
 *	A new session receives no events at all until it sets a mask
 *	(%NTMS_FEATURE_EVENT_OPT_IN); from then on the completion events of
 *	its own requests are delivered whatever the mask.
 * @flags: in: must be zero
 * @padding: reserved, must be zero
 */
struct ntms_event_mask {
	__aligned_u64 types;
	__u32 flags;
	__u32 padding;
};

/**
 * enum ntms_event_op - &struct ntms_event.operation; the values are RSM's
 * notification operations
 * @NTMS_EVENT_OBJ_UPDATE: an object changed
 * @NTMS_EVENT_OBJ_INSERT: an object appeared
 * @NTMS_EVENT_OBJ_DELETE: an object went away
 * @NTMS_EVENT_SIGNAL: a request changed state
 * @NTMS_EVENT_COMPLETE: a request ended; @result and @state tell how
 * @NTMS_EVENT_OVERFLOW: events were lost here, because the session's
 *	queue was full: the record stands where the first lost event would
 *	have, with its @seqno, and @state is the number of events lost;
 *	the next record's @seqno follows the last one lost. Re-read the
 *	state you need (reported once per loss)
 */
enum ntms_event_op {
	NTMS_EVENT_OBJ_UPDATE	= 1,
	NTMS_EVENT_OBJ_INSERT	= 2,
	NTMS_EVENT_OBJ_DELETE	= 3,
	NTMS_EVENT_SIGNAL	= 4,
	NTMS_EVENT_COMPLETE	= 5,
	NTMS_EVENT_OVERFLOW	= 0x100,
};

/**
 * struct ntms_event - one record read() from a session
 * @operation: &enum ntms_event_op
 * @object_type: &enum ntms_object_type of @object
 * @object: the object (for request events: the request)
 * @timestamp_ns: CLOCK_MONOTONIC time of the event
 * @seqno: per-session sequence number, increasing by one per event
 *	generated for the session; never repeated, and never out of order
 * @result: for %NTMS_EVENT_COMPLETE: 0 or the positive errno
 * @state: new state of the object (request: NTMS_REQ_*; operator
 *	request: NTMS_OPREQ_STATE_*; drive:
 *	NTMS_DRIVE_STATE_*; enable/disable: 1 or 0; overflow: events lost)
 * @padding: reserved, zero
 *
 * read() returns whole records only; a buffer smaller than one record
 * gives -EINVAL; with O_NONBLOCK and nothing queued, -EAGAIN.
 */
struct ntms_event {
	__u32 operation;
	__u32 object_type;
	struct ntms_guid object;
	__aligned_u64 timestamp_ns;
	__u32 seqno;
	__u32 result;
	__u32 state;
	__u32 padding[5];
};

#define NTMS_IOC_MAGIC			0xB8

#define NTMS_IOC_GET_VERSION		_IOR(NTMS_IOC_MAGIC, 0x00, struct ntms_version_info)
#define NTMS_IOC_SET_APPLICATION	_IOW(NTMS_IOC_MAGIC, 0x01, struct ntms_session_setup)
#define NTMS_IOC_ENUMERATE		_IOWR(NTMS_IOC_MAGIC, 0x02, struct ntms_enumerate)
#define NTMS_IOC_GET_INFO		_IOWR(NTMS_IOC_MAGIC, 0x03, struct ntms_object_info)
#define NTMS_IOC_SET_EVENT_MASK		_IOW(NTMS_IOC_MAGIC, 0x04, struct ntms_event_mask)
#define NTMS_IOC_DISMOUNT_DRIVE		_IOWR(NTMS_IOC_MAGIC, 0x10, struct ntms_dismount_drive)
#define NTMS_IOC_MOUNT			_IOWR(NTMS_IOC_MAGIC, 0x11, struct ntms_mount)
#define NTMS_IOC_DISMOUNT_MEDIA		_IOWR(NTMS_IOC_MAGIC, 0x12, struct ntms_dismount_media)
#define NTMS_IOC_REQUEST_WAIT		_IOWR(NTMS_IOC_MAGIC, 0x13, struct ntms_request_wait)
#define NTMS_IOC_REQUEST_CANCEL		_IOW(NTMS_IOC_MAGIC, 0x14, struct ntms_request_cancel)
#define NTMS_IOC_SET_ENABLED		_IOWR(NTMS_IOC_MAGIC, 0x15, struct ntms_set_enabled)
#define NTMS_IOC_INVENTORY		_IOWR(NTMS_IOC_MAGIC, 0x16, struct ntms_inventory)
#define NTMS_IOC_INJECT			_IOWR(NTMS_IOC_MAGIC, 0x17, struct ntms_inject)
#define NTMS_IOC_EJECT			_IOWR(NTMS_IOC_MAGIC, 0x18, struct ntms_eject)
#define NTMS_IOC_REQUEST_DRIVES		_IOWR(NTMS_IOC_MAGIC, 0x19, struct ntms_request_drives)
#define NTMS_IOC_MOVE			_IOWR(NTMS_IOC_MAGIC, 0x1a, struct ntms_move)
#define NTMS_IOC_GET_ELEMENTS		_IOWR(NTMS_IOC_MAGIC, 0x1b, struct ntms_get_elements)
#define NTMS_IOC_REQUEST_ORDER		_IOWR(NTMS_IOC_MAGIC, 0x1c, struct ntms_request_order)
#define NTMS_IOC_DELETE			_IOWR(NTMS_IOC_MAGIC, 0x1d, struct ntms_delete)
#define NTMS_IOC_DOOR			_IOWR(NTMS_IOC_MAGIC, 0x20, struct ntms_door)
#define NTMS_IOC_IDENTIFY_SLOT		_IOWR(NTMS_IOC_MAGIC, 0x1e, struct ntms_identify_slot)
#define NTMS_IOC_UNLOAD_DRIVE		_IOWR(NTMS_IOC_MAGIC, 0x1f, struct ntms_unload_drive)
#define NTMS_IOC_OPREQ_SUBMIT		_IOWR(NTMS_IOC_MAGIC, 0x21, struct ntms_opreq_submit)
#define NTMS_IOC_OPREQ_WAIT		_IOWR(NTMS_IOC_MAGIC, 0x22, struct ntms_opreq_wait)
#define NTMS_IOC_OPREQ_SATISFY		_IOW(NTMS_IOC_MAGIC, 0x23, struct ntms_opreq_act)
#define NTMS_IOC_OPREQ_CANCEL		_IOW(NTMS_IOC_MAGIC, 0x24, struct ntms_opreq_act)
#define NTMS_IOC_CLEANER_SLOT		_IOW(NTMS_IOC_MAGIC, 0x28, struct ntms_cleaner_slot)
#define NTMS_IOC_CLEAN_DRIVE		_IOWR(NTMS_IOC_MAGIC, 0x29, struct ntms_clean_drive)
#define NTMS_IOC_CLEANER_PORT		_IOWR(NTMS_IOC_MAGIC, 0x2a, struct ntms_cleaner_port)

#endif /* _UAPI_LINUX_NTMS_H */
