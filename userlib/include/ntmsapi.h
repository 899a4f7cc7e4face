/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ntmsapi.h - the Removable Storage Manager (RSM) API of libntms
 *
 * Source compatible with Microsoft's <ntmsapi.h> for the functions libntms
 * implements: a program written from Microsoft's documentation compiles
 * with #include <ntmsapi.h> and links with -lntms. Only the ANSI ("A")
 * variants exist; the unsuffixed names map to them.
 *
 * Differences from Windows, on purpose:
 *  - WINAPI is empty, DWORD is 32 bits, HANDLE a pointer; structs have the
 *    natural layout of the platform (libntms pins its own layout in its
 *    tests; it is not the layout of 32- or 64-bit Windows);
 *  - there are no media pools, logical media or partitions: MountNtmsMedia
 *    and DismountNtmsMedia take physical-media GUIDs;
 *  - times (SYSTEMTIME) are UTC;
 *  - GetNtmsUIOptions, SetNtmsUIOptions and GetVolumesFromDrive are about
 *    Windows' dialogs and drive letters: they return ERROR_NOT_SUPPORTED;
 *  - the environment variable NTMS_DEVICE (ignored in set-uid programs)
 *    replaces the device path /dev/ntms, for tests.
 *
 * Every function returns a Win32 error code (ERROR_SUCCESS = 0) and also
 * stores it as the calling thread's last error; the two functions that
 * return a HANDLE return INVALID_HANDLE_VALUE on failure, with the reason
 * in GetLastError(). Handles are checked against a table: a NULL, closed,
 * forged or inherited (after fork()) handle gives ERROR_INVALID_HANDLE: a
 * child process opens its own sessions. All functions are thread-safe; a
 * session may be shared by threads.
 *
 * Do not include <linux/ntms.h> in the same file: a few names (for example
 * NTMS_EVENT_SIGNAL) exist in both with the same value.
 */
#ifndef _NTMSAPI_H_
#define _NTMSAPI_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WINAPI
#define WINAPI
#endif

/*
 * Win32 basics, when not on Windows. Define NTMSAPI_NO_WIN32_TYPES to
 * provide them yourself; they are also skipped when a Windows or Wine
 * <windef.h> was included first.
 */
#if !defined(_WIN32) && !defined(NTMSAPI_NO_WIN32_TYPES) && \
	!defined(_WINDEF_) && !defined(_WINDEF_H) && !defined(__WINE_WINDEF_H)
#ifndef _NTMSAPI_WIN32_TYPES_
#define _NTMSAPI_WIN32_TYPES_

#define NTMSAPI_WIN32_TYPES 1

typedef uint32_t DWORD;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef int32_t LONG;
typedef int BOOL;
typedef int WINBOOL;
typedef char CHAR;
typedef uint16_t WCHAR;
typedef void *HANDLE;
typedef HANDLE *LPHANDLE;
typedef HANDLE HWND;
typedef void *LPVOID;
typedef const char *LPCSTR;
typedef char *LPSTR;
typedef DWORD *LPDWORD;

typedef union _LARGE_INTEGER {
	struct {
		DWORD LowPart;
		LONG HighPart;
	} u;
	int64_t QuadPart;
} LARGE_INTEGER;

typedef struct _SYSTEMTIME {
	WORD wYear;
	WORD wMonth;
	WORD wDayOfWeek;
	WORD wDay;
	WORD wHour;
	WORD wMinute;
	WORD wSecond;
	WORD wMilliseconds;
} SYSTEMTIME, *LPSYSTEMTIME;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

#endif /* _NTMSAPI_WIN32_TYPES_ */
#endif /* not Windows */

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
	DWORD Data1;
	WORD Data2;
	WORD Data3;
	BYTE Data4[8];
} GUID;
#endif

#ifndef INFINITE
#define INFINITE		0xFFFFFFFF
#endif
#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE	((HANDLE)(intptr_t)-1)
#endif

/* The Win32 error codes that libntms returns (decimal, as on Windows). */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS			0
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED		5
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE		6
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY		8
#endif
#ifndef ERROR_INVALID_DRIVE
#define ERROR_INVALID_DRIVE		15
#endif
#ifndef ERROR_WRITE_PROTECT
#define ERROR_WRITE_PROTECT		19
#endif
#ifndef ERROR_NOT_READY
#define ERROR_NOT_READY			21
#endif
#ifndef ERROR_GEN_FAILURE
#define ERROR_GEN_FAILURE		31
#endif
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED		50
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER		87
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER	122
#endif
#ifndef ERROR_BUSY
#define ERROR_BUSY			170
#endif
#ifndef ERROR_NO_DATA
#define ERROR_NO_DATA			232
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS		259
#endif
#ifndef ERROR_IO_DEVICE
#define ERROR_IO_DEVICE			1117
#endif
#ifndef ERROR_DEVICE_NOT_CONNECTED
#define ERROR_DEVICE_NOT_CONNECTED	1167
#endif
#ifndef ERROR_NOT_FOUND
#define ERROR_NOT_FOUND			1168
#endif
#ifndef ERROR_INVALID_COMPUTERNAME
#define ERROR_INVALID_COMPUTERNAME	1210
#endif
#ifndef ERROR_CANCELLED
#define ERROR_CANCELLED			1223
#endif
#ifndef ERROR_TIMEOUT
#define ERROR_TIMEOUT			1460
#endif
#ifndef ERROR_NOT_CONNECTED
#define ERROR_NOT_CONNECTED		2250
#endif
#ifndef ERROR_INVALID_MEDIA
#define ERROR_INVALID_MEDIA		4300
#endif
#ifndef ERROR_INVALID_LIBRARY
#define ERROR_INVALID_LIBRARY		4301
#endif
#ifndef ERROR_DRIVE_MEDIA_MISMATCH
#define ERROR_DRIVE_MEDIA_MISMATCH	4303
#endif
#ifndef ERROR_MEDIA_OFFLINE
#define ERROR_MEDIA_OFFLINE		4304
#endif
#ifndef ERROR_LIBRARY_OFFLINE
#define ERROR_LIBRARY_OFFLINE		4305
#endif
#ifndef ERROR_RESOURCE_DISABLED
#define ERROR_RESOURCE_DISABLED		4309
#endif
#ifndef ERROR_EMPTY
#define ERROR_EMPTY			4306
#endif
#ifndef ERROR_NOT_EMPTY
#define ERROR_NOT_EMPTY			4307
#endif
#ifndef ERROR_OBJECT_NOT_FOUND
#define ERROR_OBJECT_NOT_FOUND		4312
#endif
#ifndef ERROR_DATABASE_FAILURE
#define ERROR_DATABASE_FAILURE		4313
#endif
#ifndef ERROR_DATABASE_FULL
#define ERROR_DATABASE_FULL		4314
#endif
#ifndef ERROR_RESOURCE_NOT_PRESENT
#define ERROR_RESOURCE_NOT_PRESENT	4316
#endif
#ifndef ERROR_INVALID_OPERATION
#define ERROR_INVALID_OPERATION		4317
#endif
#ifndef ERROR_CLEANER_SLOT_SET
#define ERROR_CLEANER_SLOT_SET		4331
#endif
#ifndef ERROR_CLEANER_SLOT_NOT_SET
#define ERROR_CLEANER_SLOT_NOT_SET	4332
#endif
#ifndef ERROR_CLEANER_CARTRIDGE_SPENT
#define ERROR_CLEANER_CARTRIDGE_SPENT	4333
#endif
#ifndef ERROR_CLEANER_CARTRIDGE_INSTALLED
#define ERROR_CLEANER_CARTRIDGE_INSTALLED	4340
#endif
#ifndef ERROR_MEDIA_NOT_AVAILABLE
#define ERROR_MEDIA_NOT_AVAILABLE	4318
#endif
#ifndef ERROR_DEVICE_NOT_AVAILABLE
#define ERROR_DEVICE_NOT_AVAILABLE	4319
#endif
#ifndef ERROR_REQUEST_REFUSED
#define ERROR_REQUEST_REFUSED		4320
#endif
#ifndef ERROR_INVALID_STATE
#define ERROR_INVALID_STATE		5023
#endif

#ifdef NTMSAPI_WIN32_TYPES
/**
 * GetLastError() - the calling thread's last error code
 *
 * Return: the Win32 code stored by the last libntms call of this thread
 * (ERROR_SUCCESS if none failed since SetLastError(0)).
 */
DWORD WINAPI GetLastError(void);

/**
 * SetLastError() - set the calling thread's last error code
 * @dwErrCode: the value GetLastError() returns next in this thread
 */
void WINAPI SetLastError(DWORD dwErrCode);
#endif

/* Identities: every library, drive, slot, cartridge and request. */
typedef GUID NTMS_GUID;
typedef GUID *LPNTMS_GUID;

#define NTMS_NULLGUID	{ 0, 0, 0, { 0, 0, 0, 0, 0, 0, 0, 0 } }
#define NTMS_IS_NULLGUID(id) \
	((id).Data1 == 0 && (id).Data2 == 0 && (id).Data3 == 0 && \
	 (id).Data4[0] == 0 && (id).Data4[1] == 0 && (id).Data4[2] == 0 && \
	 (id).Data4[3] == 0 && (id).Data4[4] == 0 && (id).Data4[5] == 0 && \
	 (id).Data4[6] == 0 && (id).Data4[7] == 0)

/* Lengths of the string and byte fields, in characters. */
#define NTMS_OBJECTNAME_LENGTH		64
#define NTMS_DESCRIPTION_LENGTH		127
#define NTMS_DEVICENAME_LENGTH		64
#define NTMS_SERIALNUMBER_LENGTH	32
#define NTMS_REVISION_LENGTH		32
#define NTMS_BARCODE_LENGTH		64
#define NTMS_SEQUENCE_LENGTH		32
#define NTMS_VENDORNAME_LENGTH		128
#define NTMS_PRODUCTNAME_LENGTH		128
#define NTMS_USERNAME_LENGTH		64
#define NTMS_APPLICATIONNAME_LENGTH	64
#define NTMS_COMPUTERNAME_LENGTH	64
#define NTMS_I1_MESSAGE_LENGTH		127
#define NTMS_MESSAGE_LENGTH		256
#define NTMS_POOLHIERARCHY_LENGTH	512
#define NTMS_OMIDLABELID_LENGTH		255
#define NTMS_OMIDLABELTYPE_LENGTH	64
#define NTMS_OMIDLABELINFO_LENGTH	256

/* dwType of objects. */
enum NtmsObjectsTypes {
	NTMS_UNKNOWN = 0,
	NTMS_OBJECT = 1,
	NTMS_CHANGER = 2,
	NTMS_CHANGER_TYPE = 3,
	NTMS_COMPUTER = 4,
	NTMS_DRIVE = 5,
	NTMS_DRIVE_TYPE = 6,
	NTMS_IEDOOR = 7,
	NTMS_IEPORT = 8,
	NTMS_LIBRARY = 9,
	NTMS_LIBREQUEST = 10,
	NTMS_LOGICAL_MEDIA = 11,
	NTMS_MEDIA_POOL = 12,
	NTMS_MEDIA_TYPE = 13,
	NTMS_PARTITION = 14,
	NTMS_PHYSICAL_MEDIA = 15,
	NTMS_STORAGESLOT = 16,
	NTMS_OPREQUEST = 17,
	NTMS_UI_DESTINATION = 18,
	NTMS_NUMBER_OF_OBJECT_TYPES = 19,
};

/* OpenNtmsSession() dwOptions. */
enum NtmsSessionOptions {
	NTMS_SESSION_QUERYEXPEDITE = 0x1,
};

/* MountNtmsMedia() dwOptions. */
enum NtmsMountOptions {
	NTMS_MOUNT_READ = 0x0001,
	NTMS_MOUNT_WRITE = 0x0002,
	NTMS_MOUNT_ERROR_NOT_AVAILABLE = 0x0004,
	NTMS_MOUNT_ERROR_IF_UNAVAILABLE = 0x0004,
	NTMS_MOUNT_ERROR_OFFLINE = 0x0008,
	NTMS_MOUNT_ERROR_IF_OFFLINE = 0x0008,
	NTMS_MOUNT_SPECIFIC_DRIVE = 0x0010,
	NTMS_MOUNT_NOWAIT = 0x0020,
};

/* DismountNtmsMedia() dwOptions. */
enum NtmsDismountOptions {
	NTMS_DISMOUNT_DEFERRED = 0x0001,
	NTMS_DISMOUNT_IMMEDIATE = 0x0002,
};

/* MountNtmsMedia() dwPriority. */
enum NtmsMountPriority {
	NTMS_PRIORITY_DEFAULT = 0,
	NTMS_PRIORITY_HIGHEST = 15,
	NTMS_PRIORITY_HIGH = 7,
	NTMS_PRIORITY_NORMAL = 0,
	NTMS_PRIORITY_LOW = -7,
	NTMS_PRIORITY_LOWEST = -15,
};

/* MountNtmsMedia() lpMountInformation: set dwSize; lpReserved unused. */
typedef struct _NTMS_MOUNT_INFORMATION {
	DWORD dwSize;
	LPVOID lpReserved;
} NTMS_MOUNT_INFORMATION, *LPNTMS_MOUNT_INFORMATION;

/* Not implemented (no media pools); declared for source compatibility. */
enum NtmsAllocateOptions {
	NTMS_ALLOCATE_NEW = 0x0001,
	NTMS_ALLOCATE_NEXT = 0x0002,
	NTMS_ALLOCATE_ERROR_IF_UNAVAILABLE = 0x0004,
};

typedef struct _NTMS_ALLOCATION_INFORMATION {
	DWORD dwSize;
	LPVOID lpReserved;
	NTMS_GUID AllocatedFrom;
} NTMS_ALLOCATION_INFORMATION, *LPNTMS_ALLOCATION_INFORMATION;

enum NtmsCreateOptions {
	NTMS_OPEN_EXISTING = 0x0001,
	NTMS_CREATE_NEW = 0x0002,
	NTMS_OPEN_ALWAYS = 0x0003,
};

/* States. */
enum NtmsDriveState {
	NTMS_DRIVESTATE_DISMOUNTED = 0,
	NTMS_DRIVESTATE_MOUNTED = 1,
	NTMS_DRIVESTATE_LOADED = 2,
	NTMS_DRIVESTATE_UNLOADED = 5,
	NTMS_DRIVESTATE_BEING_CLEANED = 6,
	NTMS_DRIVESTATE_DISMOUNTABLE = 7,
};

enum NtmsLibraryType {
	NTMS_LIBRARYTYPE_UNKNOWN = 0,
	NTMS_LIBRARYTYPE_OFFLINE = 1,
	NTMS_LIBRARYTYPE_ONLINE = 2,
	NTMS_LIBRARYTYPE_STANDALONE = 3,
};

enum NtmsLibraryFlags {
	NTMS_LIBRARYFLAG_FIXEDOFFLINE = 0x01,
	NTMS_LIBRARYFLAG_CLEANERPRESENT = 0x02,
	NTMS_LIBRARYFLAG_AUTODETECTCHANGE = 0x04,
	NTMS_LIBRARYFLAG_IGNORECLEANERUSESREMAINING = 0x08,
	NTMS_LIBRARYFLAG_RECOGNIZECLEANERBARCODE = 0x10,
};

/* InventoryNtmsLibrary() dwAction. */
enum NtmsInventoryMethod {
	NTMS_INVENTORY_NONE = 0,
	NTMS_INVENTORY_FAST = 1,
	NTMS_INVENTORY_OMID = 2,
	NTMS_INVENTORY_DEFAULT = 3,
	NTMS_INVENTORY_SLOT = 4,
	NTMS_INVENTORY_STOP = 5,
	NTMS_INVENTORY_MAX,
};

enum NtmsSlotState {
	NTMS_SLOTSTATE_UNKNOWN = 0,
	NTMS_SLOTSTATE_FULL = 1,
	NTMS_SLOTSTATE_EMPTY = 2,
	NTMS_SLOTSTATE_NOTPRESENT = 3,
	NTMS_SLOTSTATE_NEEDSINVENTORY = 4,
};

enum NtmsDoorState {
	NTMS_DOORSTATE_UNKNOWN = 0,
	NTMS_DOORSTATE_CLOSED = 1,
	NTMS_DOORSTATE_OPEN = 2,
};

enum NtmsPortPosition {
	NTMS_PORTPOSITION_UNKNOWN = 0,
	NTMS_PORTPOSITION_EXTENDED = 1,
	NTMS_PORTPOSITION_RETRACTED = 2,
};

enum NtmsPortContent {
	NTMS_PORTCONTENT_UNKNOWN = 0,
	NTMS_PORTCONTENT_FULL = 1,
	NTMS_PORTCONTENT_EMPTY = 2,
};

enum NtmsBarCodeState {
	NTMS_BARCODESTATE_OK = 1,
	NTMS_BARCODESTATE_UNREADABLE = 2,
};

enum NtmsMediaState {
	NTMS_MEDIASTATE_IDLE = 0,
	NTMS_MEDIASTATE_INUSE = 1,
	NTMS_MEDIASTATE_MOUNTED = 2,
	NTMS_MEDIASTATE_LOADED = 3,
	NTMS_MEDIASTATE_UNLOADED = 4,
	NTMS_MEDIASTATE_OPERROR = 5,
	NTMS_MEDIASTATE_OPREQ = 6,
};

enum NtmsPartitionState {
	NTMS_PARTSTATE_UNKNOWN = 0,
	NTMS_PARTSTATE_UNPREPARED = 1,
	NTMS_PARTSTATE_INCOMPATIBLE = 2,
	NTMS_PARTSTATE_DECOMMISSIONED = 3,
	NTMS_PARTSTATE_AVAILABLE = 4,
	NTMS_PARTSTATE_ALLOCATED = 5,
	NTMS_PARTSTATE_COMPLETE = 6,
	NTMS_PARTSTATE_FOREIGN = 7,
	NTMS_PARTSTATE_IMPORT = 8,
	NTMS_PARTSTATE_RESERVED = 9,
};

#define NTMS_PARTSTATE_NEW	NTMS_PARTSTATE_UNKNOWN

enum NtmsPoolType {
	NTMS_POOLTYPE_UNKNOWN = 0,
	NTMS_POOLTYPE_SCRATCH = 1,
	NTMS_POOLTYPE_FOREIGN = 2,
	NTMS_POOLTYPE_IMPORT = 3,
	NTMS_POOLTYPE_APPLICATION = 1000,
};

enum NtmsAllocationPolicy {
	NTMS_ALLOCATE_FROMSCRATCH = 1,
};

enum NtmsDeallocationPolicy {
	NTMS_DEALLOCATE_TOSCRATCH = 1,
};

enum NtmsReadWriteCharacteristics {
	NTMS_MEDIARW_UNKNOWN = 0,
	NTMS_MEDIARW_REWRITABLE = 1,
	NTMS_MEDIARW_WRITEONCE = 2,
	NTMS_MEDIARW_READONLY = 3,
};

/* Library requests: NTMS_LIBREQUESTINFORMATION OperationCode and State. */
enum NtmsLmOperation {
	NTMS_LM_REMOVE = 0,
	NTMS_LM_DISABLECHANGER = 1,
	NTMS_LM_DISABLELIBRARY = 1,
	NTMS_LM_ENABLECHANGER = 2,
	NTMS_LM_ENABLELIBRARY = 2,
	NTMS_LM_DISABLEDRIVE = 3,
	NTMS_LM_ENABLEDRIVE = 4,
	NTMS_LM_DISABLEMEDIA = 5,
	NTMS_LM_ENABLEMEDIA = 6,
	NTMS_LM_UPDATEOMID = 7,
	NTMS_LM_INVENTORY = 8,
	NTMS_LM_DOORACCESS = 9,
	NTMS_LM_EJECT = 10,
	NTMS_LM_EJECTCLEANER = 11,
	NTMS_LM_INJECT = 12,
	NTMS_LM_INJECTCLEANER = 13,
	NTMS_LM_PROCESSOMID = 14,
	NTMS_LM_CLEANDRIVE = 15,
	NTMS_LM_DISMOUNT = 16,
	NTMS_LM_MOUNT = 17,
	NTMS_LM_WRITESCRATCH = 18,
	NTMS_LM_CLASSIFY = 19,
	NTMS_LM_RESERVECLEANER = 20,
	NTMS_LM_RELEASECLEANER = 21,
	NTMS_LM_MAXWORKITEM,
};

enum NtmsLmState {
	NTMS_LM_QUEUED = 0,
	NTMS_LM_INPROCESS = 1,
	NTMS_LM_PASSED = 2,
	NTMS_LM_FAILED = 3,
	NTMS_LM_INVALID = 4,
	NTMS_LM_WAITING = 5,
	NTMS_LM_DEFERRED = 6,
	NTMS_LM_DEFFERED = 6,	/* sic: Microsoft's spelling, kept */
	NTMS_LM_CANCELLED = 7,
	NTMS_LM_STOPPED = 8,
};

enum NtmsOpreqCommand {
	NTMS_OPREQ_UNKNOWN = 0,
	NTMS_OPREQ_NEWMEDIA = 1,
	NTMS_OPREQ_CLEANER = 2,
	NTMS_OPREQ_DEVICESERVICE = 3,
	NTMS_OPREQ_MOVEMEDIA = 4,
	NTMS_OPREQ_MESSAGE = 5,
};

enum NtmsOpreqState {
	NTMS_OPSTATE_UNKNOWN = 0,
	NTMS_OPSTATE_SUBMITTED = 1,
	NTMS_OPSTATE_ACTIVE = 2,
	NTMS_OPSTATE_INPROGRESS = 3,
	NTMS_OPSTATE_REFUSED = 4,
	NTMS_OPSTATE_COMPLETE = 5,
};

enum NtmsLibRequestFlags {
	NTMS_LIBREQFLAGS_NOAUTOPURGE = 0x01,
	NTMS_LIBREQFLAGS_NOFAILEDPURGE = 0x02,
};

enum NtmsOpRequestFlags {
	NTMS_OPREQFLAGS_NOAUTOPURGE = 0x01,
	NTMS_OPREQFLAGS_NOFAILEDPURGE = 0x02,
	NTMS_OPREQFLAGS_NOALERTS = 0x10,
	NTMS_OPREQFLAGS_NOTRAYICON = 0x20,
};

enum NtmsMediaPoolPolicy {
	NTMS_POOLPOLICY_PURGEOFFLINESCRATCH = 0x01,
	NTMS_POOLPOLICY_KEEPOFFLINEIMPORT = 0x02,
};

/* dwOperationalState of every object. */
enum NtmsOperationalState {
	NTMS_READY = 0,
	NTMS_INITIALIZING = 10,
	NTMS_NEEDS_SERVICE = 20,
	NTMS_NOT_PRESENT = 21,
};

/*
 * The per-type parts of NTMS_OBJECTINFORMATIONA. libntms fills Drive,
 * Library, Changer, StorageSlot, IEPort, PhysicalMedia, LibRequest and
 * OpRequest;
 * fields for concepts it does not have (media types, pools, partitions,
 * cleaners) are zero.
 */
typedef struct _NTMS_DRIVEINFORMATIONA {
	DWORD Number;			/* index in the library, from 0 */
	DWORD State;			/* NTMS_DRIVESTATE_* */
	NTMS_GUID DriveType;
	CHAR szDeviceName[NTMS_DEVICENAME_LENGTH];	/* "/dev/nst0" */
	CHAR szSerialNumber[NTMS_SERIALNUMBER_LENGTH];
	CHAR szRevision[NTMS_REVISION_LENGTH];
	WORD ScsiPort;			/* SCSI host */
	WORD ScsiBus;			/* channel */
	WORD ScsiTarget;
	WORD ScsiLun;
	DWORD dwMountCount;
	SYSTEMTIME LastCleanedTs;
	NTMS_GUID SavedPartitionId;
	NTMS_GUID Library;
	GUID Reserved;
	DWORD dwDeferDismountDelay;
} NTMS_DRIVEINFORMATIONA;

typedef struct _NTMS_DRIVETYPEINFORMATIONA {
	CHAR szVendor[NTMS_VENDORNAME_LENGTH];
	CHAR szProduct[NTMS_PRODUCTNAME_LENGTH];
	DWORD NumberOfHeads;
	DWORD DeviceType;
} NTMS_DRIVETYPEINFORMATIONA;

typedef struct _NTMS_LIBRARYINFORMATION {
	DWORD LibraryType;		/* NTMS_LIBRARYTYPE_* */
	NTMS_GUID CleanerSlot;
	NTMS_GUID CleanerSlotDefault;
	WINBOOL LibrarySupportsDriveCleaning;
	WINBOOL BarCodeReaderInstalled;
	DWORD InventoryMethod;		/* NTMS_INVENTORY_* */
	DWORD dwCleanerUsesRemaining;
	DWORD FirstDriveNumber;		/* element addresses */
	DWORD dwNumberOfDrives;
	DWORD FirstSlotNumber;
	DWORD dwNumberOfSlots;
	DWORD FirstDoorNumber;
	DWORD dwNumberOfDoors;
	DWORD FirstPortNumber;
	DWORD dwNumberOfPorts;
	DWORD FirstChangerNumber;
	DWORD dwNumberOfChangers;
	DWORD dwNumberOfMedia;
	DWORD dwNumberOfMediaTypes;
	DWORD dwNumberOfLibRequests;
	GUID Reserved;
	WINBOOL AutoRecovery;
	DWORD dwFlags;			/* NTMS_LIBRARYFLAG_* */
} NTMS_LIBRARYINFORMATION;

typedef struct _NTMS_CHANGERINFORMATIONA {
	DWORD Number;
	NTMS_GUID ChangerType;
	CHAR szSerialNumber[NTMS_SERIALNUMBER_LENGTH];
	CHAR szRevision[NTMS_REVISION_LENGTH];
	CHAR szDeviceName[NTMS_DEVICENAME_LENGTH];	/* "/dev/sg3" */
	WORD ScsiPort;
	WORD ScsiBus;
	WORD ScsiTarget;
	WORD ScsiLun;
	NTMS_GUID Library;
} NTMS_CHANGERINFORMATIONA;

typedef struct _NTMS_CHANGERTYPEINFORMATIONA {
	CHAR szVendor[NTMS_VENDORNAME_LENGTH];
	CHAR szProduct[NTMS_PRODUCTNAME_LENGTH];
	DWORD DeviceType;
} NTMS_CHANGERTYPEINFORMATIONA;

typedef struct _NTMS_STORAGESLOTINFORMATION {
	DWORD Number;
	DWORD State;			/* NTMS_SLOTSTATE_* */
	NTMS_GUID Library;
} NTMS_STORAGESLOTINFORMATION;

typedef struct _NTMS_IEDOORINFORMATION {
	DWORD Number;
	DWORD State;			/* NTMS_DOORSTATE_* */
	WORD MaxOpenSecs;
	NTMS_GUID Library;
} NTMS_IEDOORINFORMATION;

typedef struct _NTMS_IEPORTINFORMATION {
	DWORD Number;
	DWORD Content;			/* NTMS_PORTCONTENT_* */
	DWORD Position;			/* NTMS_PORTPOSITION_* */
	WORD MaxExtendSecs;
	NTMS_GUID Library;
} NTMS_IEPORTINFORMATION;

typedef struct _NTMS_PMIDINFORMATIONA {
	NTMS_GUID CurrentLibrary;
	NTMS_GUID MediaPool;
	NTMS_GUID Location;		/* slot, drive or port; zero: offline */
	DWORD LocationType;		/* NTMS_STORAGESLOT, NTMS_DRIVE, ... */
	NTMS_GUID MediaType;
	NTMS_GUID HomeSlot;
	CHAR szBarCode[NTMS_BARCODE_LENGTH];
	DWORD BarCodeState;		/* NTMS_BARCODESTATE_* */
	CHAR szSequenceNumber[NTMS_SEQUENCE_LENGTH];
	DWORD MediaState;		/* NTMS_MEDIASTATE_* */
	DWORD dwNumberOfPartitions;
	DWORD dwMediaTypeCode;
	DWORD dwDensityCode;
	NTMS_GUID MountedPartition;
} NTMS_PMIDINFORMATIONA;

typedef struct _NTMS_LMIDINFORMATION {
	NTMS_GUID MediaPool;
	DWORD dwNumberOfPartitions;
} NTMS_LMIDINFORMATION;

typedef struct _NTMS_PARTITIONINFORMATIONA {
	NTMS_GUID PhysicalMedia;
	NTMS_GUID LogicalMedia;
	DWORD State;
	WORD Side;
	DWORD dwOmidLabelIdLength;
	BYTE OmidLabelId[NTMS_OMIDLABELID_LENGTH];
	CHAR szOmidLabelType[NTMS_OMIDLABELTYPE_LENGTH];
	CHAR szOmidLabelInfo[NTMS_OMIDLABELINFO_LENGTH];
	DWORD dwMountCount;
	DWORD dwAllocateCount;
	LARGE_INTEGER Capacity;
} NTMS_PARTITIONINFORMATIONA;

typedef struct _NTMS_MEDIAPOOLINFORMATION {
	DWORD PoolType;
	NTMS_GUID MediaType;
	NTMS_GUID Parent;
	DWORD AllocationPolicy;
	DWORD DeallocationPolicy;
	DWORD dwMaxAllocates;
	DWORD dwNumberOfPhysicalMedia;
	DWORD dwNumberOfLogicalMedia;
	DWORD dwNumberOfMediaPools;
} NTMS_MEDIAPOOLINFORMATION;

typedef struct _NTMS_MEDIATYPEINFORMATION {
	DWORD MediaType;
	DWORD NumberOfSides;
	DWORD ReadWriteCharacteristics;
	DWORD DeviceType;
} NTMS_MEDIATYPEINFORMATION;

typedef struct _NTMS_LIBREQUESTINFORMATIONA {
	DWORD OperationCode;		/* NTMS_LM_* operation */
	DWORD OperationOption;
	DWORD State;			/* NTMS_LM_* state */
	NTMS_GUID PartitionId;
	NTMS_GUID DriveId;
	NTMS_GUID PhysMediaId;
	NTMS_GUID Library;
	NTMS_GUID SlotId;
	SYSTEMTIME TimeQueued;
	SYSTEMTIME TimeCompleted;
	CHAR szApplication[NTMS_APPLICATIONNAME_LENGTH];
	CHAR szUser[NTMS_USERNAME_LENGTH];
	CHAR szComputer[NTMS_COMPUTERNAME_LENGTH];
	DWORD dwErrorCode;		/* Win32 code of a failed request */
	NTMS_GUID WorkItemId;		/* the request itself */
	DWORD dwPriority;
} NTMS_LIBREQUESTINFORMATIONA;

typedef struct _NTMS_OPREQUESTINFORMATIONA {
	DWORD Request;
	SYSTEMTIME Submitted;
	DWORD State;
	CHAR szMessage[NTMS_MESSAGE_LENGTH];
	DWORD Arg1Type;
	NTMS_GUID Arg1;
	DWORD Arg2Type;
	NTMS_GUID Arg2;
	CHAR szApplication[NTMS_APPLICATIONNAME_LENGTH];
	CHAR szUser[NTMS_USERNAME_LENGTH];
	CHAR szComputer[NTMS_COMPUTERNAME_LENGTH];
} NTMS_OPREQUESTINFORMATIONA;

typedef struct _NTMS_COMPUTERINFORMATION {
	DWORD dwLibRequestPurgeTime;
	DWORD dwOpRequestPurgeTime;
	DWORD dwLibRequestFlags;
	DWORD dwOpRequestFlags;
	DWORD dwMediaPoolPolicy;
} NTMS_COMPUTERINFORMATION;

/**
 * struct _NTMS_OBJECTINFORMATIONA - what GetNtmsObjectInformationA() returns
 * @dwSize: in: sizeof(NTMS_OBJECTINFORMATIONA)
 * @dwType: in: the type of the object (NTMS_DRIVE, ...)
 * @Created: when the driver first saw the object (UTC)
 * @Modified: its last change (UTC)
 * @ObjectGuid: the object
 * @Enabled: its own enabled setting
 * @dwOperationalState: NTMS_READY, NTMS_INITIALIZING, ...
 * @szName: short name ("drive 0", a barcode)
 * @szDescription: longer description
 * @Info: the part for @dwType
 */
typedef struct _NTMS_OBJECTINFORMATIONA {
	DWORD dwSize;
	DWORD dwType;
	SYSTEMTIME Created;
	SYSTEMTIME Modified;
	NTMS_GUID ObjectGuid;
	WINBOOL Enabled;
	DWORD dwOperationalState;
	CHAR szName[NTMS_OBJECTNAME_LENGTH];
	CHAR szDescription[NTMS_DESCRIPTION_LENGTH];
	union {
		NTMS_DRIVEINFORMATIONA Drive;
		NTMS_DRIVETYPEINFORMATIONA DriveType;
		NTMS_LIBRARYINFORMATION Library;
		NTMS_CHANGERINFORMATIONA Changer;
		NTMS_CHANGERTYPEINFORMATIONA ChangerType;
		NTMS_STORAGESLOTINFORMATION StorageSlot;
		NTMS_IEDOORINFORMATION IEDoor;
		NTMS_IEPORTINFORMATION IEPort;
		NTMS_PMIDINFORMATIONA PhysicalMedia;
		NTMS_LMIDINFORMATION LogicalMedia;
		NTMS_PARTITIONINFORMATIONA Partition;
		NTMS_MEDIAPOOLINFORMATION MediaPool;
		NTMS_MEDIATYPEINFORMATION MediaType;
		NTMS_LIBREQUESTINFORMATIONA LibRequest;
		NTMS_OPREQUESTINFORMATIONA OpRequest;
		NTMS_COMPUTERINFORMATION Computer;
	} Info;
} NTMS_OBJECTINFORMATIONA, *LPNTMS_OBJECTINFORMATIONA;

/* EnumerateNtmsObject() dwOptions. */
enum NtmsEnumerateOption {
	NTMS_ENUM_DEFAULT = 0,
	NTMS_ENUM_ROOTPOOL = 1,
};

/* EjectNtmsMedia() dwAction. */
enum NtmsEjectOperation {
	NTMS_EJECT_START = 0,
	NTMS_EJECT_STOP = 1,
	NTMS_EJECT_QUEUE = 2,
	NTMS_EJECT_FORCE = 3,
	NTMS_EJECT_IMMEDIATE = 4,
	NTMS_EJECT_ASK_USER = 5,
};

/* InjectNtmsMedia() dwAction. */
enum NtmsInjectOperation {
	NTMS_INJECT_START = 0,
	NTMS_INJECT_STOP = 1,
	NTMS_INJECT_RETRACT = 2,
	NTMS_INJECT_STARTMANY = 3,
};

/* Access rights in a library. */
enum NtmsAccessMask {
	NTMS_USE_ACCESS = 0x1,
	NTMS_MODIFY_ACCESS = 0x2,
	NTMS_CONTROL_ACCESS = 0x4,
};

#define NTMS_GENERIC_READ	(NTMS_USE_ACCESS)
#define NTMS_GENERIC_WRITE	(NTMS_USE_ACCESS | NTMS_MODIFY_ACCESS)
#define NTMS_GENERIC_EXECUTE	\
	(NTMS_USE_ACCESS | NTMS_MODIFY_ACCESS | NTMS_CONTROL_ACCESS)
#define NTMS_GENERIC_ALL	\
	(NTMS_USE_ACCESS | NTMS_MODIFY_ACCESS | NTMS_CONTROL_ACCESS)

/* NTMS_NOTIFICATIONINFORMATION dwOperation. */
enum NtmsNotificationOperations {
	NTMS_OBJ_UPDATE = 1,
	NTMS_OBJ_INSERT = 2,
	NTMS_OBJ_DELETE = 3,
	NTMS_EVENT_SIGNAL = 4,
	NTMS_EVENT_COMPLETE = 5,
};

/**
 * struct _NTMS_NOTIFICATIONINFORMATION - one change, from
 * WaitForNtmsNotification()
 * @dwOperation: NTMS_OBJ_* or NTMS_EVENT_*
 * @ObjectId: the object (for NTMS_EVENT_*: the library request)
 */
typedef struct _NTMS_NOTIFICATIONINFORMATION {
	DWORD dwOperation;
	NTMS_GUID ObjectId;
} NTMS_NOTIFICATIONINFORMATION, *LPNTMS_NOTIFICATIONINFORMATION;

/* The unsuffixed names. */
#define OpenNtmsSession			OpenNtmsSessionA
#define EjectDiskFromSADrive		EjectDiskFromSADriveA
#define SubmitNtmsOperatorRequest	SubmitNtmsOperatorRequestA
#define GetNtmsObjectInformation	GetNtmsObjectInformationA
#define NTMS_OBJECTINFORMATION		NTMS_OBJECTINFORMATIONA
#define LPNTMS_OBJECTINFORMATION	LPNTMS_OBJECTINFORMATIONA
#define _NTMS_OBJECTINFORMATION		_NTMS_OBJECTINFORMATIONA
#define NTMS_DRIVEINFORMATION		NTMS_DRIVEINFORMATIONA
#define _NTMS_DRIVEINFORMATION		_NTMS_DRIVEINFORMATIONA
#define NTMS_DRIVETYPEINFORMATION	NTMS_DRIVETYPEINFORMATIONA
#define _NTMS_DRIVETYPEINFORMATION	_NTMS_DRIVETYPEINFORMATIONA
#define NTMS_CHANGERINFORMATION		NTMS_CHANGERINFORMATIONA
#define _NTMS_CHANGERINFORMATION	_NTMS_CHANGERINFORMATIONA
#define NTMS_CHANGERTYPEINFORMATION	NTMS_CHANGERTYPEINFORMATIONA
#define _NTMS_CHANGERTYPEINFORMATION	_NTMS_CHANGERTYPEINFORMATIONA
#define NTMS_PMIDINFORMATION		NTMS_PMIDINFORMATIONA
#define _NTMS_PMIDINFORMATION		_NTMS_PMIDINFORMATIONA
#define NTMS_PARTITIONINFORMATION	NTMS_PARTITIONINFORMATIONA
#define _NTMS_PARTITIONINFORMATION	_NTMS_PARTITIONINFORMATIONA
#define NTMS_LIBREQUESTINFORMATION	NTMS_LIBREQUESTINFORMATIONA
#define _NTMS_LIBREQUESTINFORMATION	_NTMS_LIBREQUESTINFORMATIONA
#define NTMS_OPREQUESTINFORMATION	NTMS_OPREQUESTINFORMATIONA
#define _NTMS_OPREQUESTINFORMATION	_NTMS_OPREQUESTINFORMATIONA

/*
 * The functions. Unless said otherwise: the caller owns every buffer it
 * passes, and libntms keeps no pointer to it after the call returns;
 * ERROR_INVALID_HANDLE when hSession is not an open session of this
 * process; ERROR_INVALID_PARAMETER for a NULL pointer that the call needs
 * (checked after the handle); ERROR_NOT_SUPPORTED when the loaded driver
 * lacks the operation; ERROR_NOT_ENOUGH_MEMORY when an allocation failed.
 */

/**
 * OpenNtmsSessionA() - open a session with the local ntms driver
 * @lpServer: NULL, "", "localhost" or this machine's host name
 * @lpApplication: application name shown in requests, may be NULL
 * @dwOptions: 0 or NTMS_SESSION_QUERYEXPEDITE (accepted, no effect)
 *
 * The session owns a file descriptor of /dev/ntms (or of $NTMS_DEVICE);
 * release it with CloseNtmsSession().
 *
 * Return: the session handle, or INVALID_HANDLE_VALUE with GetLastError():
 * ERROR_INVALID_COMPUTERNAME (another machine), ERROR_NOT_READY (the
 * driver is not loaded), ERROR_ACCESS_DENIED (the device cannot be
 * opened), ERROR_INVALID_PARAMETER (unknown option bits),
 * ERROR_NOT_ENOUGH_MEMORY.
 */
HANDLE WINAPI OpenNtmsSessionA(LPCSTR lpServer, LPCSTR lpApplication,
			       DWORD dwOptions);

/**
 * CloseNtmsSession() - close a session and release everything it holds
 * @hSession: the session
 *
 * The handle and the notification handles opened from it become invalid.
 * A MountNtmsMedia() waiting in another thread has its request cancelled
 * and returns ERROR_CANCELLED.
 *
 * Return: ERROR_SUCCESS or ERROR_INVALID_HANDLE.
 */
DWORD WINAPI CloseNtmsSession(HANDLE hSession);

/**
 * DismountNtmsDrive() - queue the return of a drive's cartridge to its slot
 * @hSession: the session, with MODIFY access to the drive's library
 * @lpDriveId: the drive
 *
 * Returns once the move is queued; a standalone drive is made
 * DISMOUNTABLE at once.
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (@lpDriveId NULL), ERROR_INVALID_DRIVE (no such drive),
 * ERROR_INVALID_LIBRARY, ERROR_DEVICE_NOT_AVAILABLE (disabled),
 * ERROR_ACCESS_DENIED, ERROR_INVALID_STATE (empty drive, or cartridge
 * opened for I/O), ERROR_DATABASE_FAILURE, ERROR_DATABASE_FULL,
 * ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD WINAPI DismountNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId);

/**
 * MountNtmsMedia() - mount cartridges in drives and wait for it
 * @hSession: the session, with USE access
 * @lpMediaId: @dwCount physical-media GUIDs, all in one library
 * @lpDriveId: @dwCount GUIDs: in, with NTMS_MOUNT_SPECIFIC_DRIVE, the
 *	drives to use; out, @lpDriveId[i] the drive @lpMediaId[i] was
 *	mounted in. May be NULL without NTMS_MOUNT_SPECIFIC_DRIVE
 * @dwCount: 1..64
 * @dwOptions: NTMS_MOUNT_*
 * @dwPriority: NTMS_PRIORITY_LOWEST..NTMS_PRIORITY_HIGHEST
 * @dwTimeout: milliseconds to wait, INFINITE for ever
 * @lpMountInformation: NULL, or dwSize = sizeof(NTMS_MOUNT_INFORMATION)
 *
 * With NTMS_MOUNT_NOWAIT, returns once the mount is queued (@lpDriveId is
 * then not filled in). On timeout the request is cancelled. Without
 * NTMS_MOUNT_ERROR_OFFLINE an offline cartridge makes the mount wait for
 * an operator (an NTMS_OPREQ_MOVEMEDIA operator request the driver
 * submits) until it is injected; cancelling that operator request fails
 * the mount with ERROR_CANCELLED.
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INVALID_MEDIA, ERROR_INVALID_DRIVE, ERROR_DRIVE_MEDIA_MISMATCH,
 * ERROR_ACCESS_DENIED, ERROR_RESOURCE_DISABLED (a cartridge is disabled),
 * ERROR_DEVICE_NOT_AVAILABLE (the drive or the library is disabled),
 * ERROR_MEDIA_OFFLINE,
 * ERROR_LIBRARY_OFFLINE, ERROR_BUSY (no free drive or the media busy, at
 * the timeout, or at once with NTMS_MOUNT_ERROR_NOT_AVAILABLE),
 * ERROR_TIMEOUT, ERROR_CANCELLED (the request was cancelled, or the
 * session closed while waiting), ERROR_IO_DEVICE, ERROR_DATABASE_FULL,
 * ERROR_WRITE_PROTECT (NTMS_MOUNT_WRITE of a write-protected cartridge).
 */
DWORD WINAPI MountNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
			    LPNTMS_GUID lpDriveId, DWORD dwCount,
			    DWORD dwOptions, int dwPriority, DWORD dwTimeout,
			    LPNTMS_MOUNT_INFORMATION lpMountInformation);

/**
 * DismountNtmsMedia() - queue the dismount of cartridges
 * @hSession: the session, with USE access
 * @lpMediaId: @dwCount physical-media GUIDs
 * @dwCount: 1..64
 * @dwOptions: NTMS_DISMOUNT_IMMEDIATE (default, move home) or
 *	NTMS_DISMOUNT_DEFERRED (leave it in the drive, DISMOUNTABLE)
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INVALID_MEDIA, ERROR_INVALID_STATE (not mounted, or opened),
 * ERROR_ACCESS_DENIED, ERROR_DEVICE_NOT_AVAILABLE, ERROR_DATABASE_FULL.
 */
DWORD WINAPI DismountNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
			       DWORD dwCount, DWORD dwOptions);

/**
 * EnumerateNtmsObject() - list the objects of one type
 * @hSession: the session
 * @lpContainerId: the library whose objects are listed, NULL for all
 * @lpList: the caller's array of *@lpdwListSize GUIDs (NULL if 0)
 * @lpdwListSize: in: capacity of @lpList; out: entries written, or the
 *	number needed when the list is too small
 * @dwType: the type to list (NTMS_LIBRARY, NTMS_DRIVE, ...)
 * @dwOptions: NTMS_ENUM_DEFAULT
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INSUFFICIENT_BUFFER (*@lpdwListSize set to the count needed),
 * ERROR_OBJECT_NOT_FOUND (unknown container).
 */
DWORD WINAPI EnumerateNtmsObject(HANDLE hSession,
				 const LPNTMS_GUID lpContainerId,
				 LPNTMS_GUID lpList, LPDWORD lpdwListSize,
				 DWORD dwType, DWORD dwOptions);

/**
 * GetNtmsObjectInformationA() - describe one object
 * @hSession: the session
 * @lpObjectId: the object
 * @lpInfo: the caller's buffer; set dwSize to
 *	sizeof(NTMS_OBJECTINFORMATIONA) and dwType to the object's type
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (NULL, wrong dwSize, or dwType not the object's type),
 * ERROR_OBJECT_NOT_FOUND.
 */
DWORD WINAPI GetNtmsObjectInformationA(HANDLE hSession,
				       LPNTMS_GUID lpObjectId,
				       LPNTMS_OBJECTINFORMATIONA lpInfo);

/**
 * EnableNtmsObject() - enable a drive, library or cartridge
 * @hSession: the session, with MODIFY access
 * @dwType: NTMS_DRIVE, NTMS_LIBRARY or NTMS_PHYSICAL_MEDIA
 * @lpObjectId: the object
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INVALID_DRIVE / ERROR_INVALID_LIBRARY / ERROR_INVALID_MEDIA (no
 * such object of @dwType), ERROR_INVALID_STATE (already enabled),
 * ERROR_ACCESS_DENIED.
 */
DWORD WINAPI EnableNtmsObject(HANDLE hSession, DWORD dwType,
			      LPNTMS_GUID lpObjectId);

/**
 * DisableNtmsObject() - disable a drive, library or cartridge
 * @hSession: the session, with MODIFY access
 * @dwType: NTMS_DRIVE, NTMS_LIBRARY or NTMS_PHYSICAL_MEDIA
 * @lpObjectId: the object
 *
 * A disabled drive's cartridge is returned home where possible.
 *
 * Return: as EnableNtmsObject(); ERROR_INVALID_STATE if already disabled.
 */
DWORD WINAPI DisableNtmsObject(HANDLE hSession, DWORD dwType,
			       LPNTMS_GUID lpObjectId);

/**
 * InventoryNtmsLibrary() - queue an inventory of a library
 * @hSession: the session, with CONTROL access
 * @lpLibraryId: the library
 * @dwAction: NTMS_INVENTORY_FAST, _DEFAULT or _SLOT
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INVALID_LIBRARY, ERROR_NOT_SUPPORTED (NTMS_INVENTORY_OMID),
 * ERROR_ACCESS_DENIED, ERROR_DEVICE_NOT_AVAILABLE, ERROR_DATABASE_FULL.
 */
DWORD WINAPI InventoryNtmsLibrary(HANDLE hSession, LPNTMS_GUID lpLibraryId,
				  DWORD dwAction);

/**
 * InjectNtmsMedia() - import cartridges placed in a library's mail slots
 * @hSession: the session, with CONTROL access
 * @lpLibraryId: the library
 * @lpInjectOperation: out (START, STARTMANY): the request, which moves
 *	every cartridge found in the library's import/export ports to free
 *	storage slots; in (STOP): the request to cancel. Never NULL
 * @dwAction: NTMS_INJECT_START or _STARTMANY (the same here), _STOP
 *	(_RETRACT: ERROR_NOT_SUPPORTED)
 *
 * Returns once the request is queued; its end is reported as an
 * NTMS_EVENT_COMPLETE notification and as the request's state.
 *
 * Return: ERROR_SUCCESS; ERROR_INVALID_HANDLE; ERROR_INVALID_PARAMETER
 * (a NULL pointer, an unknown action); ERROR_INVALID_LIBRARY;
 * ERROR_ACCESS_DENIED; ERROR_DEVICE_NOT_AVAILABLE (library disabled);
 * ERROR_BUSY; ERROR_DATABASE_FAILURE; ERROR_DATABASE_FULL;
 * ERROR_NOT_ENOUGH_MEMORY; ERROR_NOT_SUPPORTED (the driver lacks
 * inject/eject, or _RETRACT); with _STOP, ERROR_INVALID_OPERATION (the
 * GUID names no inject request) or ERROR_OBJECT_NOT_FOUND (it already
 * runs or ended).
 */
DWORD WINAPI InjectNtmsMedia(HANDLE hSession, LPNTMS_GUID lpLibraryId,
			     LPNTMS_GUID lpInjectOperation, DWORD dwAction);

/**
 * EjectNtmsMedia() - move a cartridge to a mail slot
 * @hSession: the session, with CONTROL access
 * @lpMediaId: the cartridge (START, QUEUE, FORCE, IMMEDIATE; ignored by
 *	STOP)
 * @lpEjectOperation: out: the request (NULL only with _QUEUE); in (STOP):
 *	the request to cancel
 * @dwAction: NTMS_EJECT_START, _QUEUE, _FORCE, _IMMEDIATE (all the same
 *	here: queue the move to a free port), _STOP (_ASK_USER:
 *	ERROR_NOT_SUPPORTED)
 *
 * Return: ERROR_SUCCESS; ERROR_INVALID_HANDLE; ERROR_INVALID_PARAMETER;
 * ERROR_INVALID_MEDIA; ERROR_MEDIA_OFFLINE (already out of the library);
 * ERROR_ACCESS_DENIED; ERROR_DEVICE_NOT_AVAILABLE; ERROR_BUSY (no free
 * port); ERROR_DATABASE_FAILURE; ERROR_DATABASE_FULL;
 * ERROR_NOT_ENOUGH_MEMORY; ERROR_NOT_SUPPORTED; with _STOP,
 * ERROR_INVALID_OPERATION (the GUID names no eject request) or
 * ERROR_OBJECT_NOT_FOUND (it already runs or ended).
 */
DWORD WINAPI EjectNtmsMedia(HANDLE hSession, LPNTMS_GUID lpMediaId,
			    LPNTMS_GUID lpEjectOperation, DWORD dwAction);

/**
 * InjectNtmsMediaEx() - libntms extension: InjectNtmsMedia() from one port
 * @hSession: as InjectNtmsMedia()
 * @lpLibraryId: as InjectNtmsMedia()
 * @lpPortId: the import/export port (NTMS_IEPORT) to import from; NULL
 *	for all of the library's ports
 * @lpInjectOperation: as InjectNtmsMedia()
 * @dwAction: as InjectNtmsMedia()
 *
 * Not in Microsoft's API. Return: as InjectNtmsMedia().
 */
DWORD WINAPI InjectNtmsMediaEx(HANDLE hSession, LPNTMS_GUID lpLibraryId,
			       LPNTMS_GUID lpPortId,
			       LPNTMS_GUID lpInjectOperation, DWORD dwAction);

/**
 * EjectNtmsMediaEx() - libntms extension: EjectNtmsMedia() to one port
 * @hSession: as EjectNtmsMedia()
 * @lpMediaId: as EjectNtmsMedia()
 * @lpPortId: the import/export port (NTMS_IEPORT) to use; NULL for any
 *	free one
 * @lpEjectOperation: as EjectNtmsMedia()
 * @dwAction: as EjectNtmsMedia()
 *
 * Not in Microsoft's API. Return: as EjectNtmsMedia().
 */
DWORD WINAPI EjectNtmsMediaEx(HANDLE hSession, LPNTMS_GUID lpMediaId,
			      LPNTMS_GUID lpPortId,
			      LPNTMS_GUID lpEjectOperation, DWORD dwAction);

/**
 * CancelNtmsLibraryRequest() - cancel a queued library request
 * @hSession: the session, with CONTROL access
 * @lpRequestId: the request (an NTMS_LIBREQUEST object)
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_OBJECT_NOT_FOUND (no such request, or it already runs or ended),
 * ERROR_ACCESS_DENIED.
 */
DWORD WINAPI CancelNtmsLibraryRequest(HANDLE hSession,
				      LPNTMS_GUID lpRequestId);

/**
 * IdentifyNtmsSlot() - read one storage slot again, with its barcode
 * @hSession: the session, with CONTROL access to the slot's library
 * @lpSlotId: the storage slot (an NTMS_STORAGESLOT object)
 * @dwOption: NTMS_DISMOUNT_DEFERRED, NTMS_DISMOUNT_IMMEDIATE or 0: the
 *	same here (the barcode is read by the changer; no cartridge is put
 *	in a drive to identify it)
 *
 * Queues a library request (operation NTMS_LM_INVENTORY, its slot the
 * slot) that reads the slot's element status with its volume tag and
 * corrects the driver's model: a cartridge moved into or out of the slot
 * behind the driver's back is found where it is (the whole library is
 * read when one has left the slot), a changed barcode is seen. Unlike
 * Windows, returns once the request is queued: its end is an
 * NTMS_EVENT_COMPLETE notification and the request's state. An empty
 * slot succeeds and shows no cartridge.
 *
 * Return: ERROR_SUCCESS (queued); ERROR_INVALID_HANDLE;
 * ERROR_INVALID_PARAMETER (@lpSlotId NULL or not a storage slot, an
 * unknown @dwOption); ERROR_ACCESS_DENIED (no CONTROL access); and, not
 * in Microsoft's list: ERROR_INVALID_LIBRARY (the changer was removed),
 * ERROR_DEVICE_NOT_AVAILABLE (library disabled), ERROR_DATABASE_FULL,
 * ERROR_NOT_ENOUGH_MEMORY, ERROR_NOT_SUPPORTED (the driver lacks
 * NTMS_IOC_IDENTIFY_SLOT).
 */
/**
 * ReserveNtmsCleanerSlot() - keep a storage slot for the cleaning cartridge
 * @hSession: the session, with CONTROL access to the library
 * @lpLibrary: the library (a changer's; not a standalone drive's)
 * @lpSlot: an empty storage slot of that library
 *
 * The library's NTMS_LIBRARYINFORMATION.CleanerSlot then names the slot,
 * and the driver never puts a data cartridge in it. Nothing moves.
 *
 * Microsoft's page names results that winerror.h does not define
 * (ERROR_ALREADY_RESERVED, ERROR_INVALID_SLOT, ERROR_SLOT_FULL,
 * ERROR_SLOT_NOT_PRESENT); libntms returns the RSM errors winerror.h has
 * for those cases.
 *
 * Return: ERROR_SUCCESS; ERROR_INVALID_HANDLE; ERROR_INVALID_PARAMETER
 * (a NULL pointer); ERROR_INVALID_LIBRARY (no such library);
 * ERROR_NOT_SUPPORTED (a standalone drive's library, or a driver without
 * cleaner slots); ERROR_DEVICE_NOT_AVAILABLE (library disabled, or its
 * changer gone: "not connected"); ERROR_ACCESS_DENIED;
 * ERROR_OBJECT_NOT_FOUND (@lpSlot is not a storage slot of the library:
 * "invalid slot"); ERROR_CLEANER_SLOT_SET (a slot, this one or another,
 * is already reserved: "already reserved"); ERROR_RESOURCE_NOT_PRESENT
 * (the slot is not installed: "slot not present"); ERROR_NOT_EMPTY (the
 * slot holds a cartridge: "slot full").
 */
DWORD WINAPI ReserveNtmsCleanerSlot(HANDLE hSession, LPNTMS_GUID lpLibrary,
				    LPNTMS_GUID lpSlot);

/**
 * ReleaseNtmsCleanerSlot() - give the cleaner slot back to data cartridges
 * @hSession: the session, with CONTROL access to the library
 * @lpLibrary: the library
 *
 * Return: ERROR_SUCCESS; ERROR_INVALID_HANDLE; ERROR_INVALID_PARAMETER;
 * ERROR_INVALID_LIBRARY; ERROR_NOT_SUPPORTED; ERROR_DEVICE_NOT_AVAILABLE;
 * ERROR_ACCESS_DENIED; ERROR_CLEANER_SLOT_NOT_SET (no slot reserved:
 * Microsoft's ERROR_NO_SLOT_RESERVED, which winerror.h does not define);
 * ERROR_RESOURCE_NOT_PRESENT (the slot is not installed); ERROR_NOT_EMPTY
 * (the cleaner is still in the slot: eject it first).
 */
DWORD WINAPI ReleaseNtmsCleanerSlot(HANDLE hSession, LPNTMS_GUID lpLibrary);

DWORD WINAPI IdentifyNtmsSlot(HANDLE hSession, LPNTMS_GUID lpSlotId,
			      DWORD dwOption);

/**
 * EjectDiskFromSADriveA() - unload the cartridge of a standalone drive
 * @lpComputerName: NULL or this machine's name (as OpenNtmsSession());
 *	another: ERROR_INVALID_COMPUTERNAME
 * @lpAppName: application name for the driver's records, or NULL
 * @lpDeviceName: the drive's Linux tape device: a path such as
 *	"/dev/nst0" or "/dev/st0" (any mode, or a link to one such as
 *	/dev/tape/by-ntms/...), or a name such as "nst0". It must be a tape
 *	drive that belongs to no library (a standalone drive known to
 *	ntms); a drive of a library is dismounted with DismountNtmsDrive()
 * @hWnd: ignored (no user interface on Linux); declared as a HANDLE, which
 *	any window handle (HWND, a pointer) converts to, so that programs
 *	that provide their own Win32 types need no HWND
 * @lpTitle: ignored
 * @lpMessage: ignored
 * @dwOptions: NTMS_EJECT_START, _QUEUE, _FORCE, _IMMEDIATE, _ASK_USER:
 *	all the same here, the unload is done before the call returns (it
 *	is never queued; _FORCE does not override a process holding the
 *	tape device with medium removal prevented); _STOP:
 *	ERROR_INVALID_OPERATION, nothing is left running to stop
 *
 * The driver sends LOAD UNLOAD (rewind and unload) to the drive: the
 * cartridge comes out for the operator to take, the drive's state is
 * NTMS_DRIVESTATE_UNLOADED and the drive reports no medium. The call
 * opens a session of its own; the caller needs CONTROL access to the
 * drive's library.
 *
 * Return: ERROR_SUCCESS (unloaded); ERROR_INVALID_PARAMETER (@lpDeviceName
 * NULL, or names no standalone drive's tape device; an unknown
 * @dwOptions); ERROR_INVALID_OPERATION (_STOP); ERROR_ACCESS_DENIED;
 * ERROR_DEVICE_NOT_AVAILABLE (the drive or its library is disabled);
 * ERROR_LIBRARY_OFFLINE (the drive is not ready); ERROR_NOT_ENOUGH_MEMORY;
 * and, not in Microsoft's list: ERROR_INVALID_COMPUTERNAME, ERROR_NOT_READY
 * (the driver is not loaded), ERROR_INVALID_STATE (no cartridge loaded),
 * ERROR_BUSY (a process holding the tape device prevents medium removal),
 * ERROR_IO_DEVICE (the drive failed the command), ERROR_INVALID_LIBRARY
 * (the drive's tape device went away during the call), ERROR_NOT_SUPPORTED
 * (the driver lacks NTMS_IOC_UNLOAD_DRIVE). Never returned here, having
 * no meaning: ERROR_INVALID_HANDLE (there is no session parameter),
 * ERROR_DATABASE_FAILURE and ERROR_DATABASE_FULL (nothing is recorded),
 * ERROR_MEDIA_NOT_AVAILABLE (a standalone drive's cartridge is not an
 * object that can be disabled).
 */
DWORD WINAPI EjectDiskFromSADriveA(LPCSTR lpComputerName, LPCSTR lpAppName,
				   LPCSTR lpDeviceName, HANDLE hWnd,
				   LPCSTR lpTitle, LPCSTR lpMessage,
				   DWORD dwOptions);

/**
 * AccessNtmsLibraryDoor() - let an operator into a library
 * @hSession: the session, with CONTROL access to the library
 * @lpLibraryId: the library
 * @dwAction: what to do once the door has been opened and closed:
 *	NTMS_INVENTORY_NONE (only the re-read that the changer's unit
 *	attention causes anyway), NTMS_INVENTORY_FAST (read every element
 *	and its barcode), NTMS_INVENTORY_DEFAULT or NTMS_INVENTORY_SLOT (the
 *	changer scans its elements first); NTMS_INVENTORY_OMID is not
 *	supported
 *
 * Queues a library request (operation NTMS_LM_DOORACCESS) and returns:
 * once the requests before it are done, it unlocks the door and holds
 * the library's queue until an operator has opened and closed the door
 * (or nobody opened it within the ntms module parameter
 * door_timeout_s), then carries out @dwAction.
 *
 * Return: ERROR_SUCCESS (queued), ERROR_INVALID_HANDLE,
 * ERROR_INVALID_PARAMETER (NULL library, unknown action),
 * ERROR_INVALID_LIBRARY (no such library, or its changer is gone),
 * ERROR_ACCESS_DENIED, ERROR_DEVICE_NOT_AVAILABLE (library disabled),
 * ERROR_RESOURCE_NOT_PRESENT (a standalone drive: no door),
 * ERROR_NOT_SUPPORTED (NTMS_INVENTORY_OMID, or a driver without doors),
 * ERROR_DATABASE_FULL, ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD WINAPI AccessNtmsLibraryDoor(HANDLE hSession, LPNTMS_GUID lpLibraryId,
				   DWORD dwAction);

/**
 * CleanNtmsDrive() - queue the cleaning of a drive
 * @hSession: the session
 * @lpDriveId: the drive
 *
 * Needs CONTROL access to the drive's library. The request waits until
 * the drive is empty, then the cartridge in the library's cleaner slot
 * (ReserveNtmsCleanerSlot()) cleans it and goes back; the request fails
 * with ERROR_CLEANER_CARTRIDGE_SPENT if the drive finds it spent (an
 * operator request then asks for a new one). A standalone drive is
 * recorded as cleaned (LastCleanedTs) at once.
 *
 * Return: ERROR_SUCCESS (queued), ERROR_INVALID_HANDLE,
 * ERROR_INVALID_PARAMETER (NULL drive), ERROR_INVALID_DRIVE,
 * ERROR_INVALID_LIBRARY (its changer is gone), ERROR_ACCESS_DENIED,
 * ERROR_RESOURCE_DISABLED (drive or library disabled),
 * ERROR_CLEANER_SLOT_NOT_SET (no cleaner slot reserved: not one of
 * Microsoft's documented results, which never say what happens then),
 * ERROR_DATABASE_FAILURE, ERROR_DATABASE_FULL, ERROR_NOT_ENOUGH_MEMORY,
 * ERROR_NOT_SUPPORTED (a driver without NTMS_IOC_CLEAN_DRIVE).
 */
DWORD WINAPI CleanNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId);

/**
 * InjectNtmsCleaner() - bring a cleaning cartridge in through a mail slot
 * @hSession: the session, with CONTROL access to the library
 * @lpLibrary: the library
 * @lpInjectOperation: out (NTMS_INJECT_START): the request; in
 *	(NTMS_INJECT_STOP): the request to cancel
 * @dwNumberOfCleansLeft: the cleanings left in the cartridge (Microsoft
 *	declares it [out]; it is what the caller tells RSM)
 * @dwAction: NTMS_INJECT_START or NTMS_INJECT_STOP
 *
 * Queues the move of the cartridge the operator put in a mail slot into
 * the library's cleaner slot (ReserveNtmsCleanerSlot()).
 *
 * Return: ERROR_SUCCESS (queued), ERROR_INVALID_HANDLE,
 * ERROR_INVALID_PARAMETER, ERROR_INVALID_LIBRARY, ERROR_NOT_SUPPORTED (a
 * library without mail slots), ERROR_DEVICE_NOT_AVAILABLE (disabled, or
 * its changer gone), ERROR_ACCESS_DENIED, ERROR_CLEANER_SLOT_NOT_SET ("no
 * slot set"), ERROR_RESOURCE_NOT_PRESENT ("slot not present"),
 * ERROR_CLEANER_CARTRIDGE_INSTALLED ("slot full": eject the cleaner
 * first), ERROR_DATABASE_FAILURE, ERROR_DATABASE_FULL,
 * ERROR_NOT_ENOUGH_MEMORY; with _STOP, ERROR_INVALID_OPERATION or
 * ERROR_OBJECT_NOT_FOUND, as InjectNtmsMedia().
 */
DWORD WINAPI InjectNtmsCleaner(HANDLE hSession, LPNTMS_GUID lpLibrary,
			       LPNTMS_GUID lpInjectOperation,
			       DWORD dwNumberOfCleansLeft, DWORD dwAction);

/**
 * EjectNtmsCleaner() - take the cleaning cartridge out through a mail slot
 * @hSession: the session, with CONTROL access to the library
 * @lpLibrary: the library
 * @lpEjectOperation: out (NTMS_EJECT_START): the request; in
 *	(NTMS_EJECT_STOP): the request to cancel
 * @dwAction: NTMS_EJECT_START or NTMS_EJECT_STOP
 *
 * Queues the move of the cartridge in the cleaner slot to an empty mail
 * slot.
 *
 * Return: as InjectNtmsCleaner(), with ERROR_EMPTY ("slot empty": no
 * cleaner to eject) instead of ERROR_CLEANER_CARTRIDGE_INSTALLED.
 */
DWORD WINAPI EjectNtmsCleaner(HANDLE hSession, LPNTMS_GUID lpLibrary,
			      LPNTMS_GUID lpEjectOperation, DWORD dwAction);

/**
 * GetNtmsRequestOrder() - the place of a request in its library's queue
 * @hSession: the session
 * @lpRequestId: the request (an NTMS_LIBREQUEST object)
 * @lpdwOrderNumber: out: 1 for the next request to run, 2 for the one
 *	after, ...; 0 when the request already runs or has ended (it has
 *	no place any more)
 *
 * The place is the request's position in the order the library's queue
 * will look at its requests: higher priority first, FIFO among equals,
 * unless SetNtmsRequestOrder() moved it. Needs MODIFY access to the
 * library (as Microsoft's RSM protocol asks).
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (a NULL pointer), ERROR_OBJECT_NOT_FOUND (no such request),
 * ERROR_ACCESS_DENIED.
 */
DWORD WINAPI GetNtmsRequestOrder(HANDLE hSession, LPNTMS_GUID lpRequestId,
				 LPDWORD lpdwOrderNumber);

/**
 * SetNtmsRequestOrder() - move a queued request to another place
 * @hSession: the session
 * @lpRequestId: the request, queued or waiting
 * @dwOrderNumber: 1 to run it next; a number past the end of the queue,
 *	or 0xFFFFFFFF, to run it after every request queued now
 *
 * The queue's order is the truth: a request moved stays where it was put
 * whatever its priority (which does not change); a request queued later
 * goes in front of the first one of lower priority, as always. Every
 * kind of request can be ordered. Needs CONTROL access to the library.
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (NULL request, or @dwOrderNumber 0), ERROR_OBJECT_NOT_FOUND (no such
 * request, or it already runs or has ended), ERROR_ACCESS_DENIED.
 */
DWORD WINAPI SetNtmsRequestOrder(HANDLE hSession, LPNTMS_GUID lpRequestId,
				 DWORD dwOrderNumber);

/**
 * SubmitNtmsOperatorRequestA() - ask an operator for something
 * @hSession: the session
 * @dwRequest: NTMS_OPREQ_MESSAGE (@lpArg1Id and @lpArg2Id NULL or zero;
 *	any session), NTMS_OPREQ_DEVICESERVICE (@lpArg1Id the library,
 *	changer, drive, mail slot or cartridge that needs service),
 *	NTMS_OPREQ_CLEANER (@lpArg1Id the library or storage slot),
 *	NTMS_OPREQ_MOVEMEDIA (@lpArg1Id the cartridge, @lpArg2Id the
 *	library to move it to), NTMS_OPREQ_NEWMEDIA (@lpArg1Id NULL: there
 *	are no media pools; @lpArg2Id NULL or the library). All but
 *	MESSAGE need CONTROL access to the library concerned (a NEWMEDIA
 *	without a library: any session)
 * @lpMessage: NULL or the message, shorter than NTMS_MESSAGE_LENGTH
 * @lpArg1Id: see @dwRequest
 * @lpArg2Id: see @dwRequest
 * @lpRequestId: out: the operator request (an NTMS_OPREQUEST object)
 *
 * The request is NTMS_OPSTATE_SUBMITTED until an operator satisfies
 * (NTMS_OPSTATE_COMPLETE) or cancels (NTMS_OPSTATE_REFUSED) it. Sessions
 * that opened a notification of type NTMS_OPREQUEST see it appear
 * (NTMS_OBJ_INSERT), change (NTMS_OBJ_UPDATE) and go (NTMS_OBJ_DELETE).
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (@lpRequestId NULL, an unknown @dwRequest, arguments a command does
 * not take, a message too long), ERROR_OBJECT_NOT_FOUND (an argument
 * names no object of a type the command takes), ERROR_ACCESS_DENIED;
 * and, not in Microsoft's list: ERROR_DATABASE_FULL (the driver's table
 * of operator requests is full of requests that have not ended),
 * ERROR_NOT_ENOUGH_MEMORY, ERROR_NOT_SUPPORTED (the driver lacks
 * operator requests).
 */
DWORD WINAPI SubmitNtmsOperatorRequestA(HANDLE hSession, DWORD dwRequest,
					LPCSTR lpMessage, LPNTMS_GUID lpArg1Id,
					LPNTMS_GUID lpArg2Id,
					LPNTMS_GUID lpRequestId);

/**
 * WaitForNtmsOperatorRequest() - wait for an operator request to end
 * @hSession: the session; any session may wait
 * @lpRequestId: the operator request
 * @dwTimeout: milliseconds; 0 only looks; INFINITE waits for ever
 *
 * Return: ERROR_SUCCESS (satisfied), ERROR_CANCELLED (cancelled),
 * ERROR_TIMEOUT (still waiting for the operator), ERROR_INVALID_HANDLE,
 * ERROR_INVALID_PARAMETER (@lpRequestId NULL), ERROR_OBJECT_NOT_FOUND
 * (no such operator request, or deleted).
 */
DWORD WINAPI WaitForNtmsOperatorRequest(HANDLE hSession,
					LPNTMS_GUID lpRequestId,
					DWORD dwTimeout);

/**
 * SatisfyNtmsOperatorRequest() - the operator has done what was asked
 * @hSession: the session that submitted it, or one with CONTROL access
 *	to its library, or (a request about no library) a session of root
 * @lpRequestId: the operator request
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (@lpRequestId NULL), ERROR_ACCESS_DENIED, ERROR_OBJECT_NOT_FOUND (no
 * such operator request, or it has already ended).
 */
DWORD WINAPI SatisfyNtmsOperatorRequest(HANDLE hSession,
					LPNTMS_GUID lpRequestId);

/**
 * CancelNtmsOperatorRequest() - withdraw an operator request
 * @hSession: as for SatisfyNtmsOperatorRequest()
 * @lpRequestId: the operator request
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (@lpRequestId NULL), ERROR_ACCESS_DENIED, ERROR_INVALID_STATE (it has
 * already been satisfied or cancelled), ERROR_OBJECT_NOT_FOUND.
 */
DWORD WINAPI CancelNtmsOperatorRequest(HANDLE hSession,
				       LPNTMS_GUID lpRequestId);

/**
 * DeleteNtmsRequests() - forget requests that have ended
 * @hSession: the session
 * @lpRequestId: @dwCount request GUIDs
 * @dwType: NTMS_LIBREQUEST or NTMS_OPREQUEST
 * @dwCount: entries of @lpRequestId, 1 to 1024
 *
 * Requests that passed, failed or were cancelled leave the request
 * table: they can no longer be enumerated, described or waited for.
 * Requests still queued, waiting or running are left alone, and so are
 * GUIDs that name no request; neither is an error. Needs MODIFY access
 * to each request's library, checked before anything is deleted (an
 * operator request about no library: the session that submitted it, or
 * a session of root).
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER
 * (NULL list, bad type, @dwCount 0 or too large), ERROR_ACCESS_DENIED,
 * ERROR_NOT_ENOUGH_MEMORY.
 */
DWORD WINAPI DeleteNtmsRequests(HANDLE hSession, LPNTMS_GUID lpRequestId,
				DWORD dwType, DWORD dwCount);

/**
 * DeleteNtmsLibrary() - forget a library that is gone
 * @hSession: the session
 * @lpLibraryId: the library; its operational state must be
 *	NTMS_NOT_PRESENT (its changer was detached)
 *
 * The library and every object in it are forgotten (its cartridges too;
 * seen again anywhere, they get the same GUIDs, which come from their
 * barcodes). Needs MODIFY access to the library.
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INVALID_LIBRARY (no such library), ERROR_ACCESS_DENIED,
 * ERROR_INVALID_STATE (the library is present).
 */
DWORD WINAPI DeleteNtmsLibrary(HANDLE hSession, LPNTMS_GUID lpLibraryId);

/**
 * DeleteNtmsDrive() - forget a standalone drive that is gone
 * @hSession: the session
 * @lpDriveId: the drive; a standalone drive whose tape device was
 *	detached (operational state NTMS_NOT_PRESENT)
 *
 * As in RSM, the drive's standalone library goes with it. A changer's
 * drive is an element of its changer and is forgotten with it
 * (DeleteNtmsLibrary()). Needs MODIFY access to the library.
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_INVALID_DRIVE (no such drive), ERROR_ACCESS_DENIED,
 * ERROR_INVALID_STATE (the drive is present, or is a changer's).
 */
DWORD WINAPI DeleteNtmsDrive(HANDLE hSession, LPNTMS_GUID lpDriveId);

/* GetNtmsUIOptions(), SetNtmsUIOptions(): the kinds of message */
enum NtmsUITypes {
	NTMS_UITYPE_INVALID = 0,
	NTMS_UITYPE_INFO = 1,
	NTMS_UITYPE_REQ = 2,
	NTMS_UITYPE_ERR = 3,
	NTMS_UITYPE_MAX = 4,
};

/* SetNtmsUIOptions(): what to do with a destination */
enum NtmsUIOperations {
	NTMS_UIDEST_ADD = 1,
	NTMS_UIDEST_DELETE = 2,
	NTMS_UIDEST_DELETEALL = 3,
	NTMS_UIOPERATION_MAX = 4,
};

/**
 * GetNtmsUIOptionsA() - Windows only: where RSM shows its dialogs
 * @hSession: the session
 * @lpObjectId: the object
 * @dwType: NTMS_UITYPE_*
 * @lpszDestination: out: the computers that show the dialogs
 * @lpdwBufSize: in: size of @lpszDestination; out: size needed
 *
 * RSM pops up message boxes on the computers listed here. Linux has no
 * such thing: operator requests and notifications (ntmsctl watch) are
 * how ntms asks a person for something.
 *
 * Return: ERROR_INVALID_HANDLE, or ERROR_NOT_SUPPORTED.
 */
DWORD WINAPI GetNtmsUIOptionsA(HANDLE hSession, const LPNTMS_GUID lpObjectId,
			       DWORD dwType, LPSTR lpszDestination,
			       LPDWORD lpdwBufSize);

/**
 * SetNtmsUIOptionsA() - Windows only: where RSM shows its dialogs
 * @hSession: the session
 * @lpObjectId: the object
 * @dwType: NTMS_UITYPE_*
 * @dwOperation: NTMS_UIDEST_*
 * @lpszDestination: a computer name
 *
 * See GetNtmsUIOptionsA().
 *
 * Return: ERROR_INVALID_HANDLE, or ERROR_NOT_SUPPORTED.
 */
DWORD WINAPI SetNtmsUIOptionsA(HANDLE hSession, const LPNTMS_GUID lpObjectId,
			       DWORD dwType, DWORD dwOperation,
			       LPCSTR lpszDestination);

/**
 * GetVolumesFromDriveA() - Windows only: the volumes on a drive
 * @pszDriveName: the drive
 * @VolumeNameBufferPtr: out: volume names
 * @DriveLetterBufferPtr: out: drive letters
 *
 * Windows mounts file systems of removable media under drive letters.
 * A Linux tape drive has none: its device is the tape (/dev/nst0).
 *
 * Return: ERROR_NOT_SUPPORTED.
 */
DWORD WINAPI GetVolumesFromDriveA(LPSTR pszDriveName,
				  LPSTR *VolumeNameBufferPtr,
				  LPSTR *DriveLetterBufferPtr);

#define GetNtmsUIOptions	GetNtmsUIOptionsA
#define SetNtmsUIOptions	SetNtmsUIOptionsA
#define GetVolumesFromDrive	GetVolumesFromDriveA

/**
 * OpenNtmsNotification() - subscribe to changes of one object type
 * @hSession: an open session
 * @dwType: the object type (NTMS_DRIVE, NTMS_LIBREQUEST, ...);
 *	NTMS_UNKNOWN for every type (a libntms extension)
 *
 * The notification has its own descriptor and queue; it belongs to
 * @hSession and is closed with it, or by CloseNtmsNotification().
 *
 * Return: the notification handle, or INVALID_HANDLE_VALUE with
 * GetLastError(): ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_NOT_READY, ERROR_NOT_SUPPORTED, ERROR_NOT_ENOUGH_MEMORY.
 */
HANDLE WINAPI OpenNtmsNotification(HANDLE hSession, DWORD dwType);

/**
 * WaitForNtmsNotification() - wait for the next change
 * @hNotification: from OpenNtmsNotification()
 * @lpNotificationInformation: out: the change
 * @dwTimeout: milliseconds, INFINITE for ever, 0 to poll
 *
 * Return: ERROR_SUCCESS, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
 * ERROR_TIMEOUT, ERROR_NO_DATA (changes were lost: re-read the state you
 * need; reported once per loss), ERROR_CANCELLED (the handle was closed
 * while waiting), ERROR_NOT_CONNECTED (the device went away).
 */
DWORD WINAPI WaitForNtmsNotification(HANDLE hNotification,
			LPNTMS_NOTIFICATIONINFORMATION lpNotificationInformation,
			DWORD dwTimeout);

/**
 * CloseNtmsNotification() - close a notification handle
 * @hNotification: from OpenNtmsNotification()
 *
 * Return: ERROR_SUCCESS or ERROR_INVALID_HANDLE.
 */
DWORD WINAPI CloseNtmsNotification(HANDLE hNotification);

#ifdef __cplusplus
}
#endif

#endif /* _NTMSAPI_H_ */
