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

# same_read DESC HCTL "COMMAND A" "COMMAND B" [trim]: two shell commands
# that only read, on the state the library is in: the same output and
# status, and the library unchanged. "trim" as for same_effect.
same_read() {
	local desc=$1 hctl=$2 a=$3 b=$4 trim=${5:-} ok x dbg
	dbg=$(simlib "$hctl")
	cat "$dbg/elements" >"$tmp/before"
	run a eval "$a"
	run b eval "$b"
	if [ -n "$trim" ]; then
		for x in a.out a.err b.out b.err; do
			sed -i 's/[[:blank:]]*$//' "$tmp/$x"
		done
	fi
	same_files a b
	ok=$?
	if ! cmp -s "$dbg/elements" "$tmp/before"; then
		echo "# the library changed"
		ok=1
	fi
	tap_ok $ok "$desc"
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

# reset HCTL: the library back as smcsim made it (its debugfs "reset")
reset() {
	echo 1 >"$(simlib "$1")/reset" || { echo "# cannot reset $1"; return 1; }
}

# home SG HCTL: reset, and read again by the driver
home() { reset "$2" && rescan "$2"; }

# setup SG HCTL "MTX WORDS; ...": home, then raw mtx makes the state to
# test, one mtx run per ";"; "insert TAG": the operator puts a cartridge
# in a mail slot
setup() {
	reset "$2" || return 1
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
