#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Several "storage daemons" on one robot: shell loops, one per drive, each
# loading cartridges of one shared pool of slots with ntms-changer and
# unloading them again, another moving cartridges between two slots with
# transfer, and an ntmsctl user mounting and dismounting other cartridges
# on the last drive, all at once for a bounded number of rounds. Through
# ntms no command may fail because of another's move (a load whose
# cartridge another drive holds waits for it), and afterwards every
# cartridge is in exactly one place, the same for the driver, the library
# (mtx) and smcsim. The same loops with raw mtx are run too, to show what
# ntms prevents: their failures are printed, not counted. Prints TAP.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

ROUNDS=${ROUNDS:-12}
POOL=6			# slots 1..POOL, shared by the daemons

read -r sg hctl < <(changers)
dbg=$(simlib "$hctl")
drives=$(grep -c '^dt ' "$dbg/elements")
ns=$(grep -c '^st ' "$dbg/elements")
ctl=/dev/$sg
daemons=$((drives - 1))		# the last drive is the ntmsctl user's
[ "$daemons" -ge 2 ] || { echo "1..0 # SKIP needs 3 drives"; exit 4; }

# daemon PROG D: ROUNDS loads of pool slots into drive D, each unloaded
# again; one line per failed command in $tmp/fail.D
daemon() {
	local prog=$1 d=$2 dev slot i
	dev=$(tape_of "$hctl" "$d")
	: >"$tmp/fail.$d"
	for i in $(seq "$ROUNDS"); do
		slot=$(( (RANDOM % POOL) + 1 ))
		case $prog in
		ntms)
			ntms-changer "$ctl" load $slot "$dev" "$d" >"$tmp/o.$d" ||
				{ echo "load $slot $d: $(cat "$tmp/o.$d")" >>"$tmp/fail.$d"; continue; }
			ntms-changer "$ctl" unload $slot "$dev" "$d" >"$tmp/o.$d" ||
				echo "unload $slot $d: $(cat "$tmp/o.$d")" >>"$tmp/fail.$d"
			;;
		raw)
			"$MTX" -f "$ctl" load $slot "$d" >"$tmp/o.$d" 2>&1 ||
				{ echo "load $slot $d: $(tail -1 "$tmp/o.$d")" >>"$tmp/fail.$d"; continue; }
			"$MTX" -f "$ctl" unload $slot "$d" >"$tmp/o.$d" 2>&1 ||
				echo "unload $slot $d: $(tail -1 "$tmp/o.$d")" >>"$tmp/fail.$d"
			;;
		esac
	done
}

# mover PROG: ROUNDS transfers of one cartridge between two slots of its own
mover() {
	local prog=$1 a=$((POOL + 1)) b=$ns i
	: >"$tmp/fail.t"
	for i in $(seq "$ROUNDS"); do
		if [ "$prog" = ntms ]; then
			ntms-changer "$ctl" transfer "$a" "$b" >"$tmp/o.t" 2>&1
		else
			"$MTX" -f "$ctl" transfer "$a" "$b" >"$tmp/o.t" 2>&1
		fi || echo "transfer $a $b: $(tail -1 "$tmp/o.t")" >>"$tmp/fail.t"
		set -- "$b" "$a"
		a=$1 b=$2
	done
	# back where it started, whatever happened
	[ $((ROUNDS % 2)) = 0 ] || "$MTX" -f "$ctl" transfer "$a" "$b" >/dev/null 2>&1
}

# user: ROUNDS mounts (and dismounts) of cartridges outside the pool on the
# last drive, through libntms
user() {
	local i tag drive=ntms0:drive$((drives - 1))
	: >"$tmp/fail.u"
	for i in $(seq "$ROUNDS"); do
		tag=$(printf 'A%05uL6' $((POOL + 1 + i % 3)))
		ntmsctl mount "$tag" --drive "$drive" --timeout 600000 >"$tmp/o.u" 2>&1 ||
			{ echo "mount $tag: $(tail -1 "$tmp/o.u")" >>"$tmp/fail.u"; continue; }
		ntmsctl dismount "$drive" --wait >"$tmp/o.u" 2>&1 ||
			echo "dismount $tag: $(tail -1 "$tmp/o.u")" >>"$tmp/fail.u"
	done
}

# where every cartridge is, as TAG PLACE lines, from smcsim's own record
placed() {
	awk '$3 == "full" { print $4, $1 }' "$dbg/elements" | sort
}

setup "$sg" "$hctl" ""
placed | awk '{ print $1 }' >"$tmp/tags"

# through ntms: the pool's cartridges shared by the daemons, waits and all
pids=()
for d in $(seq 0 $((daemons - 1))); do
	daemon ntms "$d" &
	pids+=($!)
done
mover ntms &
pids+=($!)
user &
pids+=($!)
wait "${pids[@]}"
cat "$tmp"/fail.* >"$tmp/failed"
[ -s "$tmp/failed" ] && sed 's/^/# failed: /' "$tmp/failed"
[ ! -s "$tmp/failed" ]
tap_ok $? "$daemons daemons, a mover and a libntms user, $ROUNDS rounds each: no command failed"

placed | awk '{ print $1 }' | cmp -s - "$tmp/tags"
tap_ok $? "every cartridge is in exactly one place afterwards"
placed | awk '$2 == "dt" || $2 == "ie"' | grep -q . && echo "# still out: $(placed | awk '$2 != "st"')"
placed | awk '$2 == "dt" || $2 == "ie"' | grep -q .
tap_ok $((! $?)) "every drive and mail slot is empty afterwards"
"$MTX" -f "$ctl" status >"$tmp/raw"
ntms-mtx -f "$ctl" status >"$tmp/ntms"
cmp -s "$tmp/raw" "$tmp/ntms" || diff -u "$tmp/raw" "$tmp/ntms" | sed 's/^/#   /' | head -20
cmp -s "$tmp/raw" "$tmp/ntms"
tap_ok $? "the driver and the library agree (ntms-mtx status = mtx status)"

# the same with raw mtx: printed, not asserted
setup "$sg" "$hctl" ""
pids=()
for d in $(seq 0 $((daemons - 1))); do
	daemon raw "$d" &
	pids+=($!)
done
mover raw &
pids+=($!)
wait "${pids[@]}"
cat "$tmp"/fail.[0-9t] >"$tmp/failed"
echo "# raw mtx, the same daemons and mover: $(wc -l <"$tmp/failed") of" \
	"$(( (daemons * 2 + 1) * ROUNDS )) commands failed, for example:"
head -5 "$tmp/failed" | sed 's/^/#   /'
home "$sg" "$hctl"
tap_done
