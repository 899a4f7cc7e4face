# SPDX-License-Identifier: GPL-2.0
#
# ntms: top-level build.
#
#   make              modules (against the Debian headers), library, tools, selftests
#   make check        install dependencies, build, run every test on the stock
#                     and the debug kernel in QEMU; ends with "N passed, N failed"
#   make check-quick  for development: the stock kernel, only the suites the
#                     changes since the upstream branch can affect
#   make demo         boot the VM with a simulated library and show it
#   make bench        benchmarks, as lines "BENCH <name> <value> <unit>"
#   make deps         install what the project needs (idempotent)
#   make debug-kernel build (or reuse) the cached debug kernel
#   make lint         checkpatch --strict and sparse (C=2) on the kernel code
#   make install      module (modules_install, depmod), udev rules, modprobe
#                     configuration, library, header, commands, man pages
#   make uninstall    remove what "make install" put there
#
# Variables: KDIR (kernel build tree, default: the Debian headers that
# linux-headers-amd64 points at), NTMS_CACHE (cache directory outside the
# repository, default ~/.cache/ntms), KERNELS (kernels "make check" uses).
# Install: DESTDIR (staging root; no depmod when set), PREFIX (/usr/local;
# packages use /usr), LIBDIR, NTMS_SMCSIM=m (install smcsim.ko too).

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The one place the version is written; dkms.conf and debian/changelog
# repeat it (their tools read them as text) and tests check they agree.
VERSION := $(shell cat $(TOP)/VERSION)

NTMS_CACHE ?= $(HOME)/.cache/ntms
export NTMS_CACHE

# The Debian kernel ABI that linux-headers-amd64 currently points at, e.g.
# 6.1.0-56-amd64. The VM boots the image of exactly this version.
KVER ?= $(shell $(TOP)/scripts/kernel-version 2>/dev/null)
KDIR ?= /usr/src/linux-headers-$(KVER)
DEBUG_KDIR = $(shell $(TOP)/tools/testing/vm/debug-kernel --print-dir 2>/dev/null)
KERNELS ?= stock debug

CC ?= gcc
WFLAGS := -Wall -Wextra -Werror
export CC WFLAGS

.PHONY: all deps modules modules-debug userspace selftests debug-kernel \
	check check-quick demo bench lint clean help install uninstall \
	install-modules install-udev install-dkms-source install-userspace \
	uninstall-modules uninstall-udev uninstall-dkms-source uninstall-userspace

all: modules userspace selftests

help:
	@sed -n '3,23p' $(TOP)/Makefile | sed 's/^# \{0,1\}//'

deps:
	$(TOP)/scripts/install-deps

# Modules for the stock Debian kernel are built in build/stock, for the
# debug kernel in build/debug: each is a copy of the kernel sources of the
# project (kbuild in 6.1 cannot put out-of-tree objects elsewhere).
define build_modules
	@mkdir -p $(TOP)/build/$(1)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' --exclude='modules.order' --exclude='Module.symvers' \
		$(TOP)/Kbuild $(TOP)/drivers $(TOP)/include $(TOP)/build/$(1)/src/
	$(MAKE) -C $(2) M=$(TOP)/build/$(1)/src W=1 modules
	@find $(TOP)/build/$(1)/src -name '*.ko' -exec cp {} $(TOP)/build/$(1)/ \;
endef

modules:
	@test -d "$(KDIR)" || { echo "no kernel headers at KDIR=$(KDIR): run 'make deps'"; exit 1; }
	$(call build_modules,stock,$(KDIR))

modules-debug: debug-kernel
	$(call build_modules,debug,$(DEBUG_KDIR))

debug-kernel:
	$(TOP)/tools/testing/vm/debug-kernel

userspace:
	@if [ -f $(TOP)/userlib/Makefile ]; then $(MAKE) -C $(TOP)/userlib; fi

selftests: userspace
	$(MAKE) -C $(TOP)/tools/testing/selftests

check: deps
	$(MAKE) all
	$(MAKE) modules-debug
	$(TOP)/tools/testing/run-all $(addprefix --kernel ,$(KERNELS))

check-quick: deps
	$(MAKE) all
	$(TOP)/tools/testing/run-all --kernel stock --changed

demo: deps
	$(MAKE) all
	$(TOP)/tools/testing/demo

bench: deps
	$(MAKE) all
	$(MAKE) modules-debug
	$(TOP)/tools/testing/bench

lint:
	$(TOP)/scripts/lint

clean:
	rm -rf $(TOP)/build
	$(MAKE) -C $(TOP)/tools/testing/selftests clean
	@if [ -f $(TOP)/userlib/Makefile ]; then $(MAKE) -C $(TOP)/userlib clean; fi

# --- install -----------------------------------------------------------------
#
# udev and modprobe read only /lib (or /usr/lib) and /etc, whatever PREFIX
# is, so their files go there. The module goes where modules_install puts
# an external module, /lib/modules/$(KVER)/$(INSTALL_MOD_DIR).
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
UDEVDIR ?= /lib/udev
MODPROBEDIR ?= /lib/modprobe.d
DKMS_SRCDIR ?= /usr/src/ntms-$(VERSION)
INSTALL_MOD_DIR ?= extra
NTMS_SMCSIM ?= n
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/$(INSTALL_MOD_DIR)
INSTALL_MODULES = ntms $(if $(filter m,$(NTMS_SMCSIM)),smcsim)
USERLIB_VARS = DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) LIBDIR=$(LIBDIR)
UDEV_RULES = $(notdir $(wildcard $(TOP)/udev/*.rules))
MODPROBE_CONFS = $(notdir $(wildcard $(TOP)/modprobe.d/*.conf))
# What DKMS builds from (dkms.conf, Kbuild, the kernel sources).
DKMS_FILES = dkms.conf Kbuild VERSION include/uapi/linux/ntms.h \
	$(patsubst $(TOP)/%,%,$(wildcard $(TOP)/drivers/ntms/* $(TOP)/drivers/smcsim/*))

install: install-modules install-udev install-userspace

uninstall: uninstall-modules uninstall-udev uninstall-userspace

# modules_install with our own list of modules (kbuild installs what
# MODORDER names); kbuild's own depmod is turned off, and ours runs only
# on the live system (DESTDIR empty).
install-modules: modules
	grep -E '/($(subst $() ,|,$(strip $(INSTALL_MODULES))))\.ko$$' \
		$(TOP)/build/stock/src/modules.order >$(TOP)/build/stock/install.order
	$(MAKE) -C $(KDIR) M=$(TOP)/build/stock/src MODORDER=$(TOP)/build/stock/install.order \
		INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) DEPMOD=true \
		modules_install
	$(if $(DESTDIR),,depmod -a $(KVER))

uninstall-modules:
	rm -f $(foreach m,ntms smcsim,$(MODDIR)/drivers/$(m)/$(m).ko)
	-rmdir $(MODDIR)/drivers/ntms $(MODDIR)/drivers/smcsim $(MODDIR)/drivers 2>/dev/null
	$(if $(DESTDIR),,depmod -a $(KVER))

install-udev:
	install -d $(DESTDIR)$(UDEVDIR)/rules.d
	$(if $(UDEV_RULES),install -m 0644 $(addprefix $(TOP)/udev/,$(UDEV_RULES)) \
		$(DESTDIR)$(UDEVDIR)/rules.d/)
	$(if $(MODPROBE_CONFS),install -d $(DESTDIR)$(MODPROBEDIR))
	$(if $(MODPROBE_CONFS),install -m 0644 $(addprefix $(TOP)/modprobe.d/,$(MODPROBE_CONFS)) \
		$(DESTDIR)$(MODPROBEDIR)/)

uninstall-udev:
	rm -f $(addprefix $(DESTDIR)$(UDEVDIR)/rules.d/,$(UDEV_RULES)) \
		$(addprefix $(DESTDIR)$(MODPROBEDIR)/,$(MODPROBE_CONFS))

# The DKMS source tree (/usr/src/ntms-VERSION), as the ntms-dkms package
# ships it; then "dkms install ntms/$(VERSION)".
install-dkms-source:
	cd $(TOP) && for f in $(DKMS_FILES); do \
		install -D -m 0644 "$$f" "$(DESTDIR)$(DKMS_SRCDIR)/$$f" || exit 1; \
	done

uninstall-dkms-source:
	rm -rf $(DESTDIR)$(DKMS_SRCDIR)

install-userspace: userspace
	$(MAKE) -C $(TOP)/userlib $(USERLIB_VARS) install

uninstall-userspace:
	$(MAKE) -C $(TOP)/userlib $(USERLIB_VARS) uninstall
