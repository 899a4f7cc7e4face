/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mtx's commands over the ntms driver (mtx.c), for ntms-mtx and
 * ntms-changer.
 */
#ifndef NTMS_MTX_H
#define NTMS_MTX_H

#include <stdbool.h>

#include "changer.h"

extern const char *mtx_argv0;
extern struct chg_lib mtx_lib;
extern bool mtx_nobarcode, mtx_invert;
extern unsigned int mtx_timeout_s;

void __attribute__((noreturn, format(printf, 1, 2)))
mtx_fatal(const char *fmt, ...);
__attribute__((noreturn)) void mtx_usage(void);
void mtx_open(const char *dev);
void mtx_need(bool status);
void mtx_close(void);
void mtx_status(void);
void mtx_inquiry(void);
void mtx_inventory(void);
void mtx_load(int slot, int drive);
void mtx_unload(int slot, int drive);
void mtx_transfer(int a, int b, int c, bool exchange);
void mtx_step(const char *what, int arg);

/* sgdev.c: an sg device no ntms library has, as mtx would see it */
int sgdev_open(const char *path);
void sgdev_inquiry(int fd);
__attribute__((noreturn)) void sgdev_status(int fd, const char *dev);

#endif /* NTMS_MTX_H */
