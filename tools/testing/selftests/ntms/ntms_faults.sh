#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# How discovery copes with a difficult changer (smcsim debugfs knobs):
# a changer that stays "becoming ready" for a while, one that is offline
# (damaged until a good read), an operator putting a cartridge in the mail
# slot (UNIT ATTENTION, noticed by the poll), and a changer that rejects
# VOLTAG (the driver falls back and remembers).
. "$(dirname "$0")/lib.sh"

tap_plan 9
ntms_wait 1 60
tap_ok $? "driver ready"
set -- $(ntms_online | head -1)
serial=$1
cs=$(ntms_changer_sysfs "$serial")
sim=/sys/kernel/debug/smcsim/lib0
grep -q ' /sys/kernel/debug ' /proc/mounts ||
	mount -t debugfs none /sys/kernel/debug

# NOT READY, becoming ready: retried with back-off
echo becoming >"$sim/state"
(sleep 2; echo ready >"$sim/state") &
start=$(date +%s)
echo 1 >"$cs/ntms_rescan"
rc=$?
wait
took=$(( $(date +%s) - start ))
[ $rc -eq 0 ] && [ $took -ge 1 ] && [ "$(cat "$cs/ntms_state")" = ready ]
tap_ok $? "becoming ready: re-read waited ${took}s and succeeded"

# offline: the library is damaged until a good read
echo offline >"$sim/state"
echo 1 >"$cs/ntms_rescan" 2>/dev/null
[ $? -ne 0 ] && [ "$(cat "$cs/ntms_state")" = "ready damaged" ]
tap_ok $? "offline changer: re-read fails, library damaged"
echo ready >"$sim/state"
echo 1 >"$cs/ntms_rescan"
[ $? -eq 0 ] && [ "$(cat "$cs/ntms_state")" = ready ]
tap_ok $? "good read clears the damage"

# the operator puts a cartridge in the mail slot: UNIT ATTENTION 28h/01h
echo "OPER0001 " >"$sim/insert"
tap_ok $? "operator inserts OPER0001"
found=1
for i in $(seq 1 30); do
	"$DUMP" elements "$serial" | grep -q '^ie .* full OPER0001' &&
		{ found=0; break; }
	sleep 0.5
done
tap_ok $found "the poll saw the UNIT ATTENTION and the cartridge"
"$DUMP" elements "$serial" >/tmp/ntms.el
sim_view 0 >/tmp/sim.el
tap_diff "view equals smcsim state" /tmp/sim.el /tmp/ntms.el

# a changer that rejects VOLTAG once: the driver asks without it
echo "0xb8 1 5 0x24 0" >"$sim/fail"
echo 1 >"$cs/ntms_rescan"
tap_ok $? "re-read with VOLTAG rejected"
"$DUMP" elements "$serial" | awk '$3 == "full" && $4 != "-"' >/tmp/tags
[ ! -s /tmp/tags ] &&
	[ "$("$DUMP" elements "$serial" | grep -c ' full ')" -gt 0 ]
tap_ok $? "cartridges still seen, now without barcodes"
tap_done
