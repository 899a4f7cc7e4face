#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Several libraries at once (smcsim libraries=2 standalone=1): every
# library's view equals mtx status and smcsim's state.
. "$(dirname "$0")/lib.sh"

libs=${NTMS_SIM_PARAMS##*libraries=}
libs=${libs%% *}
sa=${NTMS_SIM_PARAMS##*standalone=}
sa=${sa%% *}
tap_plan $((2 + 2 * libs))
"$DUMP" wait $((libs + sa)) 60
tap_ok $? "driver ready"
[ "$("$DUMP" libs | awk '$2 == 2 && $3 == 0' | wc -l)" = "$libs" ] &&
	[ "$("$DUMP" libs | awk '$2 == 3 && $3 == 0' | wc -l)" = "$sa" ]
tap_ok $? "$libs libraries and $sa standalone drives"
i=0
ntms_online | sort >/tmp/online
while read -r serial sg; do
	"$DUMP" mtx "$serial" >/tmp/ntms.view
	mtx_view "$sg" >/tmp/mtx.view
	tap_diff "$serial equals mtx status" /tmp/mtx.view /tmp/ntms.view
	"$DUMP" elements "$serial" >/tmp/ntms.el
	sim_view "$i" >/tmp/sim.el
	tap_diff "$serial equals smcsim lib$i" /tmp/sim.el /tmp/ntms.el
	i=$((i + 1))
done </tmp/online
tap_done
