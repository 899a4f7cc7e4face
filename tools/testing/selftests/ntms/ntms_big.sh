#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A big library read in chunks (smcsim slots=10000 max_elements=1000):
# the view equals mtx status and smcsim's state, and a full re-read takes
# at most one command per element type and chunk (plus TEST UNIT READY and
# two MODE SENSE).
. "$(dirname "$0")/lib.sh"

tap_plan 5
"$DUMP" wait 1 120
tap_ok $? "driver ready"
set -- $(ntms_online | head -1)
serial=$1 sg=$2
cs=$(ntms_changer_sysfs "$serial")
slots=$("$DUMP" libs | awk -v s="$serial" '$4 == s { print $6 }')
[ "$slots" -ge 1000 ]
tap_ok $? "$slots slots"
"$DUMP" mtx "$serial" >/tmp/ntms.view
mtx_view "$sg" >/tmp/mtx.view
if [ -s /tmp/mtx.view ]; then
	tap_diff "view equals mtx status" /tmp/mtx.view /tmp/ntms.view
else
	# mtx reads everything in one command and fails when the changer
	# returns at most max_elements descriptors per command
	tap_skip "view equals mtx status" "mtx cannot read this changer"
fi
"$DUMP" elements "$serial" >/tmp/ntms.el
sim_view 0 >/tmp/sim.el
tap_diff "view equals smcsim state" /tmp/sim.el /tmp/ntms.el
max=${NTMS_SIM_PARAMS##*max_elements=}
max=${max%% *}
before=$(cat "$cs/ntms_commands")
echo 1 >"$cs/ntms_rescan"
after=$(cat "$cs/ntms_commands")
# TUR + 2 MODE SENSE, MT + IE + DT, the slot chunks, 1 for a poll
limit=$((3 + 3 + (slots + max - 1) / max + 1))
echo "# re-read: $((after - before)) commands, limit $limit"
[ $((after - before)) -le $limit ]
tap_ok $? "re-read in $((after - before)) commands"
tap_done
