// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The handle table: HANDLE values are encoded (index, generation) pairs
 * checked against the table, so that NULL, INVALID_HANDLE_VALUE, a closed
 * handle, a forged value or a handle inherited through fork() is refused
 * without ever being dereferenced.
 *
 * Encoding on 64-bit: magic (16 bits) | generation (32) | index + 1 (16).
 * On 32-bit: generation (16) | index + 1 (16). Index + 1 is never zero
 * and never 0xffff, so neither NULL nor INVALID_HANDLE_VALUE can match.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

#define HANDLE_MAX		0xfffe		/* slots; index + 1 < 0xffff */
#define HANDLE_INDEX_BITS	16
#define HANDLE_INDEX_MASK	0xffffu

#if UINTPTR_MAX > 0xffffffffu
#define HANDLE_MAGIC		((uintptr_t)0x4e54 << 48)	/* "NT" */
#define HANDLE_MAGIC_MASK	((uintptr_t)0xffff << 48)
#define HANDLE_GEN_MASK		0xffffffffu
#else
#define HANDLE_MAGIC		((uintptr_t)0)
#define HANDLE_MAGIC_MASK	((uintptr_t)0)
#define HANDLE_GEN_MASK		0xffffu
#endif

/**
 * struct handle_slot - one entry of the table
 * @gen: generation, changed every time the slot is freed; never 0
 * @obj: the object, NULL if free
 */
struct handle_slot {
	uint32_t gen;
	struct libntms_handle *obj;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static struct handle_slot *table;	/* table_lock */
static unsigned int table_size;		/* table_lock */

static void table_fork_prepare(void)
{
	pthread_mutex_lock(&table_lock);
}

static void table_fork_parent(void)
{
	pthread_mutex_unlock(&table_lock);
}

/*
 * The child inherits the table, but none of its handles is valid there:
 * libntms_handle_get() compares the pid.
 */
static void table_fork_child(void)
{
	pthread_mutex_unlock(&table_lock);
}

static void table_init(void)
{
	pthread_atfork(table_fork_prepare, table_fork_parent, table_fork_child);
}

static HANDLE handle_encode(unsigned int index, uint32_t gen)
{
	uintptr_t v = HANDLE_MAGIC;

	v |= (uintptr_t)(gen & HANDLE_GEN_MASK) << HANDLE_INDEX_BITS;
	v |= index + 1;
	return (HANDLE)v;
}

/* Decode @handle into a table slot; NULL if it cannot be one. */
static struct handle_slot *handle_decode_locked(HANDLE handle)
{
	uintptr_t v = (uintptr_t)handle;
	unsigned int index;
	uint32_t gen;

	if ((v & HANDLE_MAGIC_MASK) != HANDLE_MAGIC)
		return NULL;
	index = v & HANDLE_INDEX_MASK;
	gen = (v >> HANDLE_INDEX_BITS) & HANDLE_GEN_MASK;
	/* index + 1 is never 0 */
	if (index == 0 || index > table_size)
		return NULL;
	if (table[index - 1].gen != gen || !table[index - 1].obj)
		return NULL;
	return &table[index - 1];
}

/* Grow the table to hold at least one more entry. */
static int table_grow_locked(void)
{
	unsigned int size = table_size ? table_size * 2 : 16;
	struct handle_slot *t;
	unsigned int i;

	if (table_size >= HANDLE_MAX)
		return -EMFILE;
	if (size > HANDLE_MAX)
		size = HANDLE_MAX;
	t = realloc(table, size * sizeof(*t));
	if (!t)
		return -ENOMEM;
	for (i = table_size; i < size; i++) {
		t[i].gen = 1;
		t[i].obj = NULL;
	}
	table = t;
	table_size = size;
	return 0;
}

/**
 * libntms_handle_add() - enter an object in the table
 * @h: the object's table part; its other fields are set here
 * @kind: &enum libntms_kind
 * @release: frees the object once the last reference is dropped
 * @out: the new handle
 *
 * The table owns the first reference, dropped by libntms_handle_remove()
 * and a libntms_handle_put().
 *
 * Return: ERROR_SUCCESS or ERROR_NOT_ENOUGH_MEMORY (no memory, or 65534
 * handles open).
 */
DWORD libntms_handle_add(struct libntms_handle *h, unsigned int kind,
			 void (*release)(struct libntms_handle *h),
			 HANDLE *out)
{
	unsigned int i;

	pthread_once(&table_once, table_init);
	h->kind = kind;
	h->refs = 1;
	h->pid = getpid();
	h->release = release;

	pthread_mutex_lock(&table_lock);
	for (i = 0; i < table_size; i++)
		if (!table[i].obj)
			break;
	if (i == table_size && table_grow_locked()) {
		pthread_mutex_unlock(&table_lock);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	table[i].obj = h;
	h->index = i;
	*out = handle_encode(i, table[i].gen);
	pthread_mutex_unlock(&table_lock);
	return ERROR_SUCCESS;
}

/* The live object of @kind behind @handle in this process, or NULL. */
static struct libntms_handle *handle_lookup_locked(HANDLE handle,
						   unsigned int kind)
{
	struct handle_slot *slot = handle_decode_locked(handle);

	if (!slot || slot->obj->kind != kind || slot->obj->pid != getpid())
		return NULL;
	return slot->obj;
}

/**
 * libntms_handle_get() - take a reference on the object behind a handle
 * @handle: any value
 * @kind: the kind of object the caller needs
 *
 * Return: the object, to be released with libntms_handle_put(), or NULL
 * if @handle is not an open handle of @kind in this process.
 */
struct libntms_handle *libntms_handle_get(HANDLE handle, unsigned int kind)
{
	struct libntms_handle *h;

	pthread_mutex_lock(&table_lock);
	h = handle_lookup_locked(handle, kind);
	if (h)
		h->refs++;
	pthread_mutex_unlock(&table_lock);
	return h;
}

/**
 * libntms_handle_remove() - take an object out of the table
 * @handle: any value
 * @kind: the kind of object the caller closes
 *
 * The handle is invalid from now on (its slot gets a new generation). The
 * table's reference passes to the caller, who drops it with
 * libntms_handle_put() once done.
 *
 * Return: the object, or NULL if @handle is not an open handle of @kind in
 * this process (then nothing changed).
 */
struct libntms_handle *libntms_handle_remove(HANDLE handle, unsigned int kind)
{
	struct libntms_handle *h;

	pthread_mutex_lock(&table_lock);
	h = handle_lookup_locked(handle, kind);
	if (h) {
		table[h->index].obj = NULL;
		table[h->index].gen = (table[h->index].gen + 1) & HANDLE_GEN_MASK;
		if (!table[h->index].gen)
			table[h->index].gen = 1;
	}
	pthread_mutex_unlock(&table_lock);
	return h;
}

/**
 * libntms_handle_put() - drop a reference
 * @h: the object, or NULL (nothing to do)
 *
 * The last reference frees the object through its release function,
 * outside the table lock.
 */
void libntms_handle_put(struct libntms_handle *h)
{
	unsigned int refs;

	if (!h)
		return;
	pthread_mutex_lock(&table_lock);
	refs = --h->refs;
	pthread_mutex_unlock(&table_lock);
	if (!refs)
		h->release(h);
}
