/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers every ntms selftest may use: read and write sysfs and debugfs
 * files, run a shell command, find a SCSI generic device through sysfs and
 * send it one command with SG_IO.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

/* the outcome of one SG_IO command */
struct tu_sense {
	int status;		/* SCSI status, -1 on transport error */
	unsigned char key, asc, ascq;
	unsigned int resid;
};

/* Reads the file @path into @buf (NUL-terminated, as is): 0 or -errno. */
static inline int tu_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* As tu_read_file(), without trailing newlines and spaces. */
static inline int tu_read_trim(const char *path, char *buf, size_t len)
{
	size_t n;
	int ret;

	ret = tu_read_file(path, buf, len);
	if (ret)
		return ret;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* Writes @s to the file @path in one write(): 0 or -errno. */
static inline int tu_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : 0;
}

#define TU_ERR_INHERIT	(-1)	/* tu_spawn(): stderr is the caller's */
#define TU_ERR_OUT	(-2)	/* tu_spawn(): stderr joins stdout */

/*
 * Runs @argv (the program found on PATH) without a shell. Its stdout is
 * read into @out (NUL-terminated; discarded if @out is NULL); its stderr
 * goes to @err_fd, or see TU_ERR_INHERIT and TU_ERR_OUT. Returns the exit
 * status (127 if the program cannot be run), -1 if it was killed or could
 * not be started.
 */
static inline int tu_spawn(char *const argv[], char *out, size_t len,
			   int err_fd)
{
	char sink[4096];
	size_t n = 0;
	ssize_t r;
	int p[2], st;
	pid_t pid;

	if (pipe(p))
		return -1;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (!pid) {
		if (dup2(p[1], STDOUT_FILENO) < 0 ||
		    (err_fd == TU_ERR_OUT && dup2(p[1], STDERR_FILENO) < 0) ||
		    (err_fd >= 0 && dup2(err_fd, STDERR_FILENO) < 0))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		int keep = out && n + 1 < len;

		if (keep)
			r = read(p[0], out + n, len - 1 - n);
		else
			r = read(p[0], sink, sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (keep)
			n += r;
	}
	close(p[0]);
	if (out && len)
		out[n] = '\0';
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define TU_MAX_WORDS	32

/*
 * Splits @cmd into the words of @argv (at most TU_MAX_WORDS - 1, held in
 * @buf) when it needs no shell: only words separated by blanks, and
 * perhaps a final " 2>&1" (*@join set). Returns the number of words, 0
 * when the shell is needed (quotes, variables, globs, redirections,
 * operators).
 */
static inline int tu_split(const char *cmd, char *buf, size_t len,
			   char *argv[TU_MAX_WORDS], int *join)
{
	size_t n = strlen(cmd);
	char *w, *save;
	int argc = 0;

	*join = 0;
	if (n >= 5 && !strcmp(cmd + n - 5, " 2>&1")) {
		*join = 1;
		n -= 5;
	}
	if (n >= len)
		return 0;
	memcpy(buf, cmd, n);
	buf[n] = '\0';
	if (strpbrk(buf, "\"'`$\\|&;<>()*?[]{}~#=!\n\t"))
		return 0;
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (argc == TU_MAX_WORDS - 1)
			return 0;
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * Runs a command line; returns its exit status, its output in @out (or
 * NULL). A plain command (tu_split()) is started directly, anything else
 * as "sh -c CMD": on the debug kernel under TCG every exec costs 70 ms
 * or more, and most commands of the tests need no shell.
 */
static inline int tu_run(const char *cmd, char *out, size_t len)
{
	char *argv[TU_MAX_WORDS], buf[1024];
	int join;

	if (!tu_split(cmd, buf, sizeof(buf), argv, &join)) {
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = (char *)cmd;
		argv[3] = NULL;
		join = 0;
	}
	return tu_spawn(argv, out, len, join ? TU_ERR_OUT : TU_ERR_INHERIT);
}

/*
 * Finds the @nth (from 0) sg device of SCSI type @type whose model starts
 * with @model; stores "/dev/sgN" in @dev and, if @hctl is not NULL,
 * "H:C:T:L" in @hctl. Returns 0 or -ENOENT.
 */
static inline int tu_sg_find(int type, const char *model, int nth, char *dev,
			     char *hctl)
{
	struct dirent **names;
	char path[300], buf[256];
	int n, i, k, found = -1;

	n = scandir("/sys/class/scsi_generic", &names, NULL, versionsort);
	if (n < 0)
		return -ENOENT;
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] == '.' || found >= nth)
			continue;
		snprintf(path, sizeof(path),
			 "/sys/class/scsi_generic/%s/device/type",
			 names[i]->d_name);
		if (tu_read_trim(path, buf, sizeof(buf)) || atoi(buf) != type)
			continue;
		snprintf(path, sizeof(path),
			 "/sys/class/scsi_generic/%s/device/model",
			 names[i]->d_name);
		if (tu_read_trim(path, buf, sizeof(buf)) ||
		    strncmp(buf, model, strlen(model)))
			continue;
		if (++found < nth)
			continue;
		sprintf(dev, "/dev/%s", names[i]->d_name);
		if (hctl) {
			snprintf(path, sizeof(path),
				 "/sys/class/scsi_generic/%s/device",
				 names[i]->d_name);
			k = readlink(path, buf, sizeof(buf) - 1);
			buf[k > 0 ? k : 0] = '\0';
			strcpy(hctl, strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return found == nth ? 0 : -ENOENT;
}

/* Issues one command; @dir: SG_DXFER_NONE, _FROM_DEV or _TO_DEV. */
static inline int tu_sgio(int fd, const unsigned char *cdb, int cdb_len,
			  void *buf, unsigned int len, int dir,
			  struct tu_sense *s)
{
	unsigned char sense[64] = {};
	struct sg_io_hdr io = {
		.interface_id = 'S',
		.dxfer_direction = dir,
		.cmd_len = cdb_len,
		.mx_sb_len = sizeof(sense),
		.dxfer_len = len,
		.dxferp = buf,
		.cmdp = (unsigned char *)cdb,
		.sbp = sense,
		.timeout = 60000,
	};

	memset(s, 0, sizeof(*s));
	if (ioctl(fd, SG_IO, &io) < 0) {
		s->status = -1;
		return -errno;
	}
	if (io.host_status || (io.driver_status & ~0x08)) {
		s->status = -1;
		return -EIO;
	}
	s->status = io.status;
	s->resid = io.resid;
	if (io.sb_len_wr >= 14 && (sense[0] & 0x7e) == 0x70) {
		s->key = sense[2] & 0x0f;
		s->asc = sense[12];
		s->ascq = sense[13];
	} else if (io.sb_len_wr >= 4 && (sense[0] & 0x7e) == 0x72) {
		s->key = sense[1] & 0x0f;
		s->asc = sense[2];
		s->ascq = sense[3];
	}
	return 0;
}

/* TEST UNIT READY until no unit attention is left; returns the last sense. */
static inline int tu_clear_ua(int fd, struct tu_sense *s)
{
	const unsigned char tur[6] = {};
	int i;

	for (i = 0; i < 8; i++) {
		if (tu_sgio(fd, tur, 6, NULL, 0, SG_DXFER_NONE, s))
			return -EIO;
		if (s->status != 2 || s->key != 6)
			return 0;
	}
	return -EAGAIN;
}

/* A command that must succeed, retried past unit attentions. */
static inline int tu_cmd(int fd, const unsigned char *cdb, int cdb_len,
			 void *buf, unsigned int len, int dir)
{
	struct tu_sense s;
	int i;

	for (i = 0; i < 8; i++) {
		if (tu_sgio(fd, cdb, cdb_len, buf, len, dir, &s))
			return -EIO;
		if (s.status == 0)
			return len - s.resid;
		if (s.key != 6)
			return -EIO;
	}
	return -EAGAIN;
}

#endif /* TEST_UTIL_H */
