#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the ntms-mtx and ntms-changer tests: TAP, the
# libraries smcsim made, and mtx run next to ntms-mtx on the same state.
# Runs in the VM (tools/testing/vm/run) with smcsim and ntms loaded.

MTX=/usr/sbin/mtx
NMTX=ntms-mtx
tap_n=0
tap_failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tap_ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n $2"
	else
		echo "not ok $tap_n $2"
		tap_failed=1
	fi
}
tap_done() { echo "1..$tap_n"; exit $tap_failed; }

# changers: "SG HCTL" of each changer, in host order
changers() {
	local d
	for d in /sys/class/scsi_generic/*; do
		[ "$(cat "$d/device/type")" = 8 ] || continue
		echo "${d##*/} $(basename "$(readlink -f "$d/device")")"
	done | sort -t: -k1,1n
}

# rescan HCTL: the driver reads the library again (after raw mtx moves)
rescan() { echo 1 >"/sys/bus/scsi/devices/$1/ntms_rescan"; }

# the library's debugfs knobs: the smcsim library number of changer HCTL
simlib() {
	local serial
	serial=$(cat "/sys/bus/scsi/devices/$1/ntms_library")
	echo "/sys/kernel/debug/smcsim/lib$((10#${serial:3:2}))"
}

# run NAME PROG ARGS...: stdout, stderr and status into $tmp/NAME.*
run() {
	local name=$1
	shift
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}

# same_files A B: do the runs A and B agree byte for byte?
same_files() {
	local f ok=0
	for f in out err rc; do
		if ! cmp -s "$tmp/$1.$f" "$tmp/$2.$f"; then
			ok=1
			echo "# $f differs:"
			diff -u "$tmp/$1.$f" "$tmp/$2.$f" | sed 's/^/#   /' | head -20
		fi
	done
	return $ok
}

# same DESC SG ARGS...: mtx and ntms-mtx, on a state neither may change,
# print the same (stdout, stderr, status), and nothing moved
same() {
	local desc=$1 sg=$2 dbg ok
	shift 2
	dbg=$(simlib "$(basename "$(readlink -f "/sys/class/scsi_generic/$sg/device")")" 2>/dev/null)
	cat "$dbg/elements" >"$tmp/before" 2>/dev/null
	run a "$MTX" -f "/dev/$sg" "$@"
	run b "$NMTX" -f "/dev/$sg" "$@"
	same_files a b
	ok=$?
	if ! cmp -s "$dbg/elements" "$tmp/before"; then
		echo "# the library changed"
		ok=1
	fi
	tap_ok $ok "$desc: ntms-mtx $* = mtx, nothing moved"
}

# same_effect DESC SG HCTL "SETUP" "COMMAND A" "COMMAND B" [trim]: from
# the state SETUP makes (setup), shell command A runs, then, from the same
# state again, B; their output, status and the library afterwards (mtx
# status) must be the same. "trim": trailing blanks of a line do not count.
same_effect() {
	local desc=$1 sg=$2 hctl=$3 how=$4 a=$5 b=$6 trim=${7:-} ok=1 x
	if setup "$sg" "$hctl" "$how"; then
		run a eval "$a"
		"$MTX" -f "/dev/$sg" status >"$tmp/a.state"
		setup "$sg" "$hctl" "$how" && run b eval "$b"
		"$MTX" -f "/dev/$sg" status >"$tmp/b.state"
		if [ -n "$trim" ]; then
			for x in a.out a.err b.out b.err; do
				sed -i 's/[[:blank:]]*$//' "$tmp/$x"
			done
		fi
		same_files a b && cmp -s "$tmp/a.state" "$tmp/b.state"
		ok=$?
		[ $ok = 0 ] || diff -u "$tmp/a.state" "$tmp/b.state" |
			sed 's/^/#   /' | head -20
	fi
	tap_ok $ok "$desc${how:+ ($how)}"
}

# same_move DESC SG HCTL "SETUP" ARGS...: a command that moves: mtx and
# ntms-mtx have the same effect (same_effect)
same_move() {
	local desc=$1 sg=$2 hctl=$3 how=$4
	shift 4
	same_effect "$desc: ntms-mtx $* = mtx, and the same library after" \
		"$sg" "$hctl" "$how" "\"\$MTX\" -f /dev/$sg $*" \
		"\"\$NMTX\" -f /dev/$sg $*"
}

# next_home_step < ELEMENTS: the next mtx command (or "remove ADDR", the
# operator taking a cartridge out of a mail slot) that brings the
# library back to how smcsim made it, nothing when it is there: each
# cartridge XNNNNNL6 in storage slot NNNNN+1, drives and mail slots
# empty, every other cartridge handed out. A cartridge whose home is
# taken goes to a slot that is nobody's home first ("parking").
next_home_step() {
	awk '
	function home(tag, n) {
		if (tag !~ /^[A-Z][0-9][0-9][0-9][0-9][0-9]L6$/)
			return 0
		# no leading zeros: some awks read "00010" as octal
		n = substr(tag, 2, 5)
		sub(/^0+/, "", n)
		n = n + 1
		return n <= ns ? n : 0
	}
	# park(): an empty slot that is the home of no cartridge, a mail slot if
	# need be; park(ns): storage slots only
	function park(only, i) {
		for (i = ns; i >= 1; i--)
			if (!sfull[i] && !homed[i])
				return i
		if (only)
			return 0
		for (i = 1; i <= ni; i++)
			if (!ifull[i])
				return ns + i
		return 0
	}
	function mail(i) {
		for (i = 1; i <= ni; i++)
			if (!ifull[i])
				return ns + i
		return 0
	}
	BEGIN { ns = ni = nd = 0 }
	$1 == "st" { ns++; sfull[ns] = $3 == "full"; stag[ns] = $4 }
	$1 == "ie" { ni++; ifull[ni] = $3 == "full"; itag[ni] = $4
		     iaddr[ni] = $2 }
	$1 == "dt" { dfull[nd] = $3 == "full"; dtag[nd] = $4; nd++ }
	END {
		for (i = 1; i <= ns; i++)
			if (sfull[i] && home(stag[i]))
				homed[home(stag[i])] = 1
		for (i = 1; i <= ni; i++)
			if (ifull[i] && home(itag[i]))
				homed[home(itag[i])] = 1
		for (d = 0; d < nd; d++)
			if (dfull[d] && home(dtag[d]))
				homed[home(dtag[d])] = 1
		# strangers out first: they hold the homes of others
		for (i = 1; i <= ni; i++)
			if (ifull[i] && !home(itag[i])) {
				print "remove " iaddr[i]
				exit
			}
		for (i = 1; i <= ns; i++)
			if (sfull[i] && !home(stag[i]) && mail()) {
				print "transfer " i " " mail()
				exit
			}
		for (d = 0; d < nd; d++) {
			if (!dfull[d])
				continue
			h = home(dtag[d])
			if (!h)
				to = mail()
			else if (!sfull[h])
				to = h
			else
				to = park()
			print "unload " to " " d
			exit
		}
		for (i = 1; i <= ni; i++) {
			h = home(itag[i])
			if (!ifull[i] || (sfull[h] && !park(ns)))
				continue
			print "transfer " ns + i " " (sfull[h] ? park(ns) : h)
			exit
		}
		for (i = 1; i <= ns; i++) {
			if (!sfull[i] || home(stag[i]) == i)
				continue
			h = home(stag[i])
			if (!sfull[h])
				print "transfer " i " " h
			else
				print "transfer " h " " park()
			exit
		}
	}'
}

# home SG HCTL: the library back as smcsim made it (next_home_step), read
# again by the driver
home() {
	local sg=$1 hctl=$2 dbg step n=0
	dbg=$(simlib "$hctl")
	while step=$(next_home_step <"$dbg/elements") && [ -n "$step" ]; do
		n=$((n + 1))
		if [ $n -gt 100 ]; then
			echo "# cannot bring the library home: $step"
			return 1
		fi
		# shellcheck disable=SC2086 # STEP is mtx words
		case $step in
		remove*) echo "${step#remove }" >"$dbg/remove" ;;
		*) "$MTX" -f "/dev/$sg" $step >/dev/null || return 1 ;;
		esac
	done
	rescan "$hctl"
}

# setup SG HCTL "MTX WORDS; ...": home, then raw mtx makes the state to
# test, one mtx run per ";"; "insert TAG": the operator puts a cartridge
# in a mail slot
setup() {
	home "$1" "$2" || return 1
	local cmd
	# one mtx run each: mtx does not read the library between commands
	while read -r -d ';' cmd; do
		# shellcheck disable=SC2086 # CMD is mtx words
		case $cmd in
		insert*) echo "${cmd#insert }" >"$(simlib "$2")/insert" ;;
		*) "$MTX" -f "/dev/$1" $cmd >/dev/null || return 1 ;;
		esac
	done <<<"$3;"
	rescan "$2"
}

# tape_of HCTL D: /dev/nstN of drive D of the library whose changer is HCTL
# (smcsim: the changer is LUN 0 and drive D is LUN D+1 of one target)
tape_of() {
	local t
	t=$(ls -d "/sys/bus/scsi/devices/${1%:*}:$(($2 + 1))/scsi_tape/nst"* \
		2>/dev/null | head -1)
	echo "/dev/${t##*/}"
}
