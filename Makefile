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
#
# Variables: KDIR (kernel build tree, default: the Debian headers that
# linux-headers-amd64 points at), NTMS_CACHE (cache directory outside the
# repository, default ~/.cache/ntms), KERNELS (kernels "make check" uses).

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

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
	check check-quick demo bench lint clean help

all: modules userspace selftests

help:
	@sed -n '3,21p' $(TOP)/Makefile | sed 's/^# \{0,1\}//'

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
