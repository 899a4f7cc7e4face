// SPDX-License-Identifier: GPL-2.0
/*
 * White-box tests of libntms internals that need no kernel: the handle
 * table (generations, kinds, fork, references under concurrency), the
 * errno to Win32 table, the SYSTEMTIME conversion, the inject/eject
 * feature gate, and a notification whose device went away. Linked with the
 * library's object files, since libntms.a keeps these symbols local.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "kselftest_harness.h"

struct obj {
	struct libntms_handle h;
	int *released;
};

static void obj_release(struct libntms_handle *h)
{
	struct obj *o = (struct obj *)h;

	__atomic_add_fetch(o->released, 1, __ATOMIC_SEQ_CST);
	free(o);
}

static struct obj *obj_new(int *released)
{
	struct obj *o = calloc(1, sizeof(*o));

	o->released = released;
	return o;
}

TEST(add_get_remove)
{
	int released = 0;
	struct obj *o = obj_new(&released);
	struct libntms_handle *h;
	HANDLE handle;

	ASSERT_EQ(ERROR_SUCCESS, libntms_handle_add(&o->h, LIBNTMS_SESSION,
						    obj_release, &handle));
	EXPECT_NE(NULL, handle);
	EXPECT_NE(INVALID_HANDLE_VALUE, handle);
	EXPECT_NE((HANDLE)o, handle);

	h = libntms_handle_get(handle, LIBNTMS_SESSION);
	EXPECT_EQ(&o->h, h);
	/* a session handle is not a notification handle */
	EXPECT_EQ(NULL, libntms_handle_get(handle, LIBNTMS_NOTIFICATION));
	EXPECT_EQ(NULL, libntms_handle_remove(handle, LIBNTMS_NOTIFICATION));

	/* removed: invalid at once, freed with the last reference */
	EXPECT_EQ(&o->h, libntms_handle_remove(handle, LIBNTMS_SESSION));
	EXPECT_EQ(NULL, libntms_handle_get(handle, LIBNTMS_SESSION));
	EXPECT_EQ(NULL, libntms_handle_remove(handle, LIBNTMS_SESSION));
	libntms_handle_put(&o->h);	/* the table's */
	EXPECT_EQ(0, released);
	libntms_handle_put(h);		/* ours */
	EXPECT_EQ(1, released);
}

TEST(stale_handle_never_reaches_new_object)
{
	int released = 0;
	HANDLE old, new;
	struct obj *a = obj_new(&released), *b = obj_new(&released);

	ASSERT_EQ(ERROR_SUCCESS, libntms_handle_add(&a->h, LIBNTMS_SESSION,
						    obj_release, &old));
	libntms_handle_put(libntms_handle_remove(old, LIBNTMS_SESSION));
	/* the slot is reused with a new generation */
	ASSERT_EQ(ERROR_SUCCESS, libntms_handle_add(&b->h, LIBNTMS_SESSION,
						    obj_release, &new));
	EXPECT_NE(old, new);
	EXPECT_EQ(NULL, libntms_handle_get(old, LIBNTMS_SESSION));
	EXPECT_EQ(NULL, libntms_handle_remove(old, LIBNTMS_SESSION));
	libntms_handle_put(libntms_handle_remove(new, LIBNTMS_SESSION));
	EXPECT_EQ(2, released);
}

/* Whether @handle is open as @kind (takes and drops a reference). */
static bool is_open(HANDLE handle, unsigned int kind)
{
	struct libntms_handle *h = libntms_handle_get(handle, kind);

	libntms_handle_put(h);
	return h != NULL;
}

TEST(many_handles)
{
	enum { N = 3000 };
	static HANDLE handles[N];
	int released = 0, i;
	struct obj *o;

	for (i = 0; i < N; i++) {
		o = obj_new(&released);
		ASSERT_EQ(ERROR_SUCCESS,
			  libntms_handle_add(&o->h, LIBNTMS_NOTIFICATION,
					     obj_release, &handles[i]));
	}
	for (i = 0; i < N; i += 2)
		libntms_handle_put(libntms_handle_remove(handles[i],
							 LIBNTMS_NOTIFICATION));
	for (i = 0; i < N; i++)
		EXPECT_EQ(i % 2 != 0, is_open(handles[i], LIBNTMS_NOTIFICATION));
	for (i = 1; i < N; i += 2)
		libntms_handle_put(libntms_handle_remove(handles[i],
							 LIBNTMS_NOTIFICATION));
	EXPECT_EQ(N, released);
}

TEST(forged_values)
{
	int released = 0;
	struct obj *o = obj_new(&released);
	uintptr_t v, bit;
	HANDLE handle;

	ASSERT_EQ(ERROR_SUCCESS, libntms_handle_add(&o->h, LIBNTMS_SESSION,
						    obj_release, &handle));
	/* every single-bit change of a valid handle is refused */
	for (bit = 1; bit; bit <<= 1) {
		v = (uintptr_t)handle ^ bit;
		EXPECT_FALSE(is_open((HANDLE)v, LIBNTMS_SESSION))
			TH_LOG("handle %p", (void *)v);
	}
	EXPECT_FALSE(is_open((HANDLE)o, LIBNTMS_SESSION));
	EXPECT_FALSE(is_open(NULL, LIBNTMS_SESSION));
	EXPECT_FALSE(is_open(INVALID_HANDLE_VALUE, LIBNTMS_SESSION));
	libntms_handle_put(libntms_handle_remove(handle, LIBNTMS_SESSION));
	EXPECT_EQ(1, released);
}

TEST(fork_child_sees_no_handle)
{
	int released = 0, status;
	struct obj *o = obj_new(&released);
	HANDLE handle;
	pid_t pid;

	ASSERT_EQ(ERROR_SUCCESS, libntms_handle_add(&o->h, LIBNTMS_SESSION,
						    obj_release, &handle));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* neither usable nor closable in the child */
		if (is_open(handle, LIBNTMS_SESSION))
			_exit(1);
		if (libntms_handle_remove(handle, LIBNTMS_SESSION))
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* the parent's handle is untouched */
	EXPECT_TRUE(is_open(handle, LIBNTMS_SESSION));
	libntms_handle_put(libntms_handle_remove(handle, LIBNTMS_SESSION));
	EXPECT_EQ(1, released);
}

static HANDLE shared_handle;
static int stop;

static void *getter(void *arg)
{
	unsigned long *hits = arg;
	struct libntms_handle *h;

	while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) {
		h = libntms_handle_get(shared_handle, LIBNTMS_SESSION);
		if (h) {
			(*hits)++;
			libntms_handle_put(h);
		}
	}
	return NULL;
}

/*
 * Threads take references while another closes: the object is released
 * exactly once, after the last reference.
 */
TEST(concurrent_get_and_remove)
{
	unsigned long hits[4] = { 0 };
	int released = 0, round, i;
	pthread_t t[4];
	struct obj *o;

	for (round = 0; round < 50; round++) {
		o = obj_new(&released);
		ASSERT_EQ(ERROR_SUCCESS,
			  libntms_handle_add(&o->h, LIBNTMS_SESSION,
					     obj_release, &shared_handle));
		__atomic_store_n(&stop, 0, __ATOMIC_SEQ_CST);
		for (i = 0; i < 4; i++)
			ASSERT_EQ(0, pthread_create(&t[i], NULL, getter,
						    &hits[i]));
		usleep(1000);
		libntms_handle_put(libntms_handle_remove(shared_handle,
							 LIBNTMS_SESSION));
		__atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
		for (i = 0; i < 4; i++)
			pthread_join(t[i], NULL);
		EXPECT_EQ(round + 1, released);
	}
	EXPECT_LT(0, hits[0] + hits[1] + hits[2] + hits[3]);
}

/* Every row of the table in <linux/ntms.h>. */
TEST(errno_table)
{
	static const struct {
		int err;
		DWORD code;
	} rows[] = {
		{ 0, ERROR_SUCCESS },
		{ EBADF, ERROR_INVALID_HANDLE },
		{ EINVAL, ERROR_INVALID_PARAMETER },
		{ EFAULT, ERROR_INVALID_PARAMETER },
		{ ENOENT, ERROR_OBJECT_NOT_FOUND },
		{ ENODEV, ERROR_INVALID_LIBRARY },
		{ EACCES, ERROR_ACCESS_DENIED },
		{ ESHUTDOWN, ERROR_DEVICE_NOT_AVAILABLE },
		{ ENOMEDIUM, ERROR_INVALID_STATE },
		{ EBUSY, ERROR_BUSY },
		{ EALREADY, ERROR_INVALID_STATE },
		{ EUCLEAN, ERROR_DATABASE_FAILURE },
		{ ENOSPC, ERROR_DATABASE_FULL },
		{ EXFULL, ERROR_NOT_FOUND },
		{ ENODATA, ERROR_NO_MORE_ITEMS },
		{ EADDRNOTAVAIL, ERROR_MEDIA_NOT_AVAILABLE },
		{ ENOTCONN, ERROR_DEVICE_NOT_CONNECTED },
		{ ENOMEM, ERROR_NOT_ENOUGH_MEMORY },
		{ EOVERFLOW, ERROR_INSUFFICIENT_BUFFER },
		{ EXDEV, ERROR_DRIVE_MEDIA_MISMATCH },
		{ ENXIO, ERROR_MEDIA_OFFLINE },
		{ EHOSTDOWN, ERROR_LIBRARY_OFFLINE },
		{ ETIMEDOUT, ERROR_TIMEOUT },
		{ ECANCELED, ERROR_CANCELLED },
		{ ESRCH, ERROR_OBJECT_NOT_FOUND },
		{ EOPNOTSUPP, ERROR_NOT_SUPPORTED },
		{ ENOTTY, ERROR_NOT_SUPPORTED },
		{ EIO, ERROR_IO_DEVICE },
		{ EROFS, ERROR_WRITE_PROTECT },
		{ EPERM, ERROR_REQUEST_REFUSED },
		{ E2BIG, ERROR_GEN_FAILURE },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		EXPECT_EQ(rows[i].code,
			  libntms_error_from_errno(rows[i].err, 0, 0))
			TH_LOG("errno %d", rows[i].err);
	/* the per-call overrides */
	EXPECT_EQ(ERROR_INVALID_DRIVE,
		  libntms_error_from_errno(ENOENT, ERROR_INVALID_DRIVE, 0));
	EXPECT_EQ(ERROR_INVALID_MEDIA,
		  libntms_error_from_errno(ENOENT, ERROR_INVALID_MEDIA, 0));
	EXPECT_EQ(ERROR_INVALID_STATE,
		  libntms_error_from_errno(EBUSY, ERROR_INVALID_DRIVE,
					   ERROR_INVALID_STATE));
	EXPECT_EQ(ERROR_BUSY,
		  libntms_error_from_errno(EBUSY, ERROR_INVALID_MEDIA,
					   ERROR_BUSY));
	EXPECT_EQ(ERROR_ACCESS_DENIED,
		  libntms_error_from_errno(EACCES, ERROR_INVALID_DRIVE,
					   ERROR_INVALID_STATE));
}

TEST(systemtime)
{
	SYSTEMTIME st;

	/* 2026-11-23 21:07:19.123 UTC, a Monday */
	libntms_systemtime(1795468039123456789ull, &st);
	EXPECT_EQ(2026, st.wYear);
	EXPECT_EQ(11, st.wMonth);
	EXPECT_EQ(23, st.wDay);
	EXPECT_EQ(1, st.wDayOfWeek);
	EXPECT_EQ(21, st.wHour);
	EXPECT_EQ(7, st.wMinute);
	EXPECT_EQ(19, st.wSecond);
	EXPECT_EQ(123, st.wMilliseconds);
	libntms_systemtime(0, &st);
	EXPECT_EQ(0, st.wYear);
	EXPECT_EQ(0, st.wMonth);
}

/*
 * InjectNtmsMedia() and EjectNtmsMedia() on a session whose driver lacks
 * NTMS_FEATURE_INJECT_EJECT: ERROR_NOT_SUPPORTED, with nothing sent to
 * the driver (the descriptor is not valid: any ioctl would fail with
 * EBADF, ERROR_INVALID_HANDLE). The arguments are checked first.
 */
TEST(inject_eject_need_the_feature)
{
	struct libntms_session s = { .fd = -1 };
	NTMS_GUID id = NTMS_NULLGUID, op;

	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_library_inject(&s, &id, NULL, &op, NTMS_INJECT_START));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_library_inject(&s, &id, &id, &op,
					 NTMS_INJECT_STARTMANY));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_library_inject(&s, &id, NULL, &op,
					 NTMS_INJECT_RETRACT));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  libntms_library_inject(&s, &id, NULL, NULL,
					 NTMS_INJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  libntms_library_inject(&s, &id, NULL, &op, 4));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_media_eject(&s, &id, NULL, &op, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_media_eject(&s, &id, NULL, NULL, NTMS_EJECT_QUEUE));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_media_eject(&s, &id, &id, &op, NTMS_EJECT_FORCE));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_media_eject(&s, &id, NULL, &op,
				      NTMS_EJECT_IMMEDIATE));
	EXPECT_EQ(ERROR_NOT_SUPPORTED,
		  libntms_media_eject(&s, &id, NULL, &op,
				      NTMS_EJECT_ASK_USER));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  libntms_media_eject(&s, &id, NULL, NULL, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  libntms_media_eject(&s, NULL, NULL, &op, NTMS_EJECT_START));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  libntms_media_eject(&s, &id, NULL, &op, 6));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  libntms_media_eject(&s, NULL, NULL, NULL, NTMS_EJECT_STOP));

	/* with the feature, the call reaches the (here invalid) descriptor */
	s.features = NTMS_FEATURE_INJECT_EJECT;
	EXPECT_EQ(ERROR_INVALID_HANDLE,
		  libntms_library_inject(&s, &id, NULL, &op, NTMS_INJECT_START));
	EXPECT_EQ(ERROR_INVALID_HANDLE,
		  libntms_media_eject(&s, &id, NULL, &op, NTMS_EJECT_START));
	/* STOP looks the operation up whatever the features */
	s.features = 0;
	EXPECT_EQ(ERROR_INVALID_HANDLE,
		  libntms_library_inject(&s, &id, NULL, &op, NTMS_INJECT_STOP));
	EXPECT_EQ(ERROR_INVALID_HANDLE,
		  libntms_media_eject(&s, NULL, NULL, &op, NTMS_EJECT_STOP));
}

static void note_release(struct libntms_handle *h)
{
	struct libntms_notification *n = (struct libntms_notification *)h;

	close(n->fd);
	close(n->wake[0]);
	close(n->wake[1]);
	free(n);
}

/*
 * A notification whose descriptor hangs up (here a pipe whose writer is
 * gone, as a device that went away): ERROR_NOT_CONNECTED, Microsoft's
 * "unable to connect to the RSM service", at once even with INFINITE.
 */
TEST(notification_device_gone)
{
	struct libntms_notification *n = calloc(1, sizeof(*n));
	NTMS_NOTIFICATIONINFORMATION info;
	HANDLE h;
	int p[2];

	ASSERT_NE(NULL, n);
	ASSERT_EQ(0, pipe2(p, O_CLOEXEC | O_NONBLOCK));
	ASSERT_EQ(0, pipe2(n->wake, O_CLOEXEC | O_NONBLOCK));
	close(p[1]);
	n->fd = p[0];
	ASSERT_EQ(ERROR_SUCCESS,
		  libntms_handle_add(&n->h, LIBNTMS_NOTIFICATION, note_release,
				     &h));
	EXPECT_EQ(ERROR_NOT_CONNECTED, libntms_notification_wait(h, &info,
								 1000));
	SetLastError(0);
	EXPECT_EQ(ERROR_NOT_CONNECTED,
		  WaitForNtmsNotification(h, &info, INFINITE));
	EXPECT_EQ(ERROR_NOT_CONNECTED, GetLastError());
	EXPECT_EQ(ERROR_SUCCESS, CloseNtmsNotification(h));
	EXPECT_EQ(ERROR_INVALID_HANDLE, CloseNtmsNotification(h));
}

TEST_HARNESS_MAIN
