#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The driver's view of every library equals "mtx status" and smcsim's own
# state; again after random moves made with mtx behind the driver's back
# and a re-read (sysfs ntms_rescan). Run with smcsim loaded, e.g.
# libraries=1 slots=40 drives=3 ieports=2 media=30.
. "$(dirname "$0")/lib.sh"

MOVES=${MOVES:-20}
tap_plan 8
ntms_wait 1 60
tap_ok $? "driver ready"

set -- $(ntms_online | head -1)
serial=$1 sg=$2
[ -n "$serial" ] && [ "$sg" != "-" ]
tap_ok $? "online library $serial with changer $sg"

"$DUMP" mtx "$serial" >/tmp/ntms.view
mtx_view "$sg" >/tmp/mtx.view
tap_diff "view equals mtx status" /tmp/mtx.view /tmp/ntms.view

"$DUMP" elements "$serial" >/tmp/ntms.el
sim_view 0 >/tmp/sim.el
tap_diff "view equals smcsim state" /tmp/sim.el /tmp/ntms.el

# random moves behind the driver's back
nslots=$(grep -c '^S [0-9]* [FE]' /tmp/mtx.view)
ndrives=$(grep -c '^D ' /tmp/mtx.view)
seed=${SEED:-$$}
echo "# seed $seed, $MOVES moves"
moved=0
i=0
while [ $i -lt $((MOVES * 5)) ] && [ $moved -lt "$MOVES" ]; do
	i=$((i + 1))
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$((seed / 65536))
	mtx_view "$sg" >/tmp/mtx.now
	# the move R picks, as mtx words (one awk: each program run costs
	# about 100 ms on the debug kernel under TCG)
	# shellcheck disable=SC2046 # the words are numbers and a command
	set -- $(awk -v r="$r" '
	$1 == "S" && $3 == "Full" { full[nf++] = $2 }
	$1 == "S" && $3 == "Empty" { empty[ne++] = $2 }
	$1 == "D" && $3 == "Full" { dfull[ndf++] = $2 }
	$1 == "D" && $3 == "Empty" { dempty[nde++] = $2 }
	END {
		k = int(r / 3)
		if (r % 3 == 0 && nf && nde)
			print "load", full[r % nf], dempty[k % nde]
		if (r % 3 == 1 && ndf && ne)
			print "unload", empty[k % ne], dfull[r % ndf]
		if (r % 3 == 2 && nf && ne)
			print "transfer", full[r % nf], empty[k % ne]
	}' /tmp/mtx.now)
	[ $# = 3 ] && "$MTX" -f "/dev/$sg" "$@" >/dev/null 2>&1 &&
		moved=$((moved + 1))
done
[ "$moved" -gt 0 ]
tap_ok $? "$moved random moves with mtx ($nslots slots, $ndrives drives)"

cs=$(ntms_changer_sysfs "$serial")
echo 1 >"$cs/ntms_rescan"
tap_ok $? "re-read through $cs/ntms_rescan"
"$DUMP" mtx "$serial" >/tmp/ntms.view
mtx_view "$sg" >/tmp/mtx.view
tap_diff "view equals mtx status after the moves" /tmp/mtx.view /tmp/ntms.view
"$DUMP" elements "$serial" >/tmp/ntms.el
sim_view 0 >/tmp/sim.el
tap_diff "view equals smcsim state after the moves" /tmp/sim.el /tmp/ntms.el
tap_done
