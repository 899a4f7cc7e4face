# SPDX-License-Identifier: GPL-2.0
#
# Common rules for ntms selftest directories: include this after setting
# TEST_GEN_PROGS (C programs built from NAME.c) and, optionally,
# EXTRA_LDLIBS.

NTMS_CACHE ?= $(HOME)/.cache/ntms
KSFT_DIR ?= $(NTMS_CACHE)/linux-source-6.1/tools/testing/selftests
NTMS_TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../../..)

CC ?= gcc
CFLAGS += -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE \
	-I$(KSFT_DIR) -I$(NTMS_TOP)/include/uapi \
	-I$(NTMS_TOP)/tools/testing/selftests/common
LDLIBS += -lpthread $(EXTRA_LDLIBS)

.PHONY: all clean

all: $(TEST_GEN_PROGS)

$(TEST_GEN_PROGS): %: %.c $(wildcard $(NTMS_TOP)/tools/testing/selftests/common/*.h) \
		$(wildcard $(NTMS_TOP)/include/uapi/linux/*.h)
	@test -f $(KSFT_DIR)/kselftest_harness.h || \
		{ echo "missing $(KSFT_DIR)/kselftest_harness.h: run 'make deps'"; exit 1; }
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

clean:
	rm -f $(TEST_GEN_PROGS)
