#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the ntms-mtx and ntms-changer tests: TAP, the
# libraries smcsim made, and mtx run next to ntms-mtx on the same state.
# Runs in the VM (tools/testing/vm/run) with smcsim and ntms loaded.

MTX=/usr/sbin/mtx
NMTX=ntms-mtx
declare -A simlib_of	# SG -> simlib of its library
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

# The helpers below run hundreds of times a suite: they use the shell's
# builtins, not programs (on the debug kernel under TCG every exec costs
# about 100 ms, a dynamically linked one 200 ms).

# slurp FILE VAR: FILE's bytes (a file without NULs) into VAR, exactly
slurp() { IFS= read -r -d '' "$2" <"$1" || :; }

# same_bytes A B: do files A and B hold the same bytes?
same_bytes() {
	local x y
	slurp "$1" x
	slurp "$2" y
	[[ "$x" == "$y" ]]
}

# libdir HCTL: the library's debugfs knobs (smcsim's library number of
# changer HCTL) into the caller's $dbg, without a subshell
libdir() {
	local serial
	slurp "/sys/bus/scsi/devices/$1/ntms_library" serial
	dbg=/sys/kernel/debug/smcsim/lib$((10#${serial:3:2}))
}

# simlib HCTL: the same, printed
simlib() {
	local dbg
	libdir "$1"
	echo "$dbg"
}

# hctl_of SG: the H:C:T:L of /dev/SG
hctl_of() {
	local p
	p=$(readlink -f "/sys/class/scsi_generic/$1/device")
	echo "${p##*/}"
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
		if ! same_bytes "$tmp/$1.$f" "$tmp/$2.$f"; then
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
	local desc=$1 sg=$2 dbg ok before now
	shift 2
	[ -n "${simlib_of[$sg]:-}" ] ||
		simlib_of[$sg]=$(simlib "$(hctl_of "$sg")" 2>/dev/null)
	dbg=${simlib_of[$sg]}
	slurp "$dbg/elements" before 2>/dev/null
	run a "$MTX" -f "/dev/$sg" "$@"
	run b "$NMTX" -f "/dev/$sg" "$@"
	same_files a b
	ok=$?
	slurp "$dbg/elements" now 2>/dev/null
	if [[ "$now" != "$before" ]]; then
		echo "# the library changed"
		ok=1
	fi
	tap_ok $ok "$desc: ntms-mtx $* = mtx, nothing moved"
}

# trim_blanks: trailing blanks of every line of the runs a and b removed
trim_blanks() { sed -i 's/[[:blank:]]*$//' "$tmp"/a.out "$tmp"/a.err "$tmp"/b.out "$tmp"/b.err; }

# copy A B: file A's bytes into file B
copy() {
	local v
	slurp "$1" v
	printf '%s' "$v" >"$2"
}

# run_read NAME "COMMAND" STATE: run (eval) a command that only reads, on
# the library whose elements (smcsim's "elements") are STATE; the same
# command again on the same STATE is not run again: its results are
# copied
run_read() {
	local f
	if [ "$2" = "$read_cmd" ] && [[ "$3" == "$read_state" ]]; then
		for f in out err rc; do copy "$tmp/read.$f" "$tmp/$1.$f"; done
		return
	fi
	run "$1" eval "$2"
	for f in out err rc; do copy "$tmp/$1.$f" "$tmp/read.$f"; done
	read_cmd=$2
	read_state=$3
}
read_cmd= read_state=

# same_read DESC HCTL "COMMAND A" "COMMAND B" [trim]: two shell commands
# that only read, on the state the library is in: the same output and
# status, and the library unchanged. "trim" as for same_effect.
same_read() {
	local desc=$1 hctl=$2 a=$3 b=$4 trim=${5:-} ok dbg before now
	libdir "$hctl"
	slurp "$dbg/elements" before
	run_read a "$a" "$before"
	run_read b "$b" "$before"
	[ -z "$trim" ] || trim_blanks
	same_files a b
	ok=$?
	slurp "$dbg/elements" now
	if [[ "$now" != "$before" ]]; then
		echo "# the library changed"
		ok=1
	fi
	tap_ok $ok "$desc"
}

# same_effect DESC SG HCTL "SETUP" "COMMAND A" "COMMAND B" [trim]: from
# the state SETUP makes (setup), shell command A runs, then, from the same
# state again, B; their output, status and the library afterwards (every
# element as smcsim has it) must be the same. "trim": trailing blanks of
# a line do not count.
same_effect() {
	local desc=$1 sg=$2 hctl=$3 how=$4 a=$5 b=$6 trim=${7:-} ok=1 dbg
	libdir "$hctl"
	if setup "$sg" "$hctl" "$how"; then
		run a eval "$a"
		copy "$dbg/elements" "$tmp/a.state"
		setup "$sg" "$hctl" "$how" && run b eval "$b"
		copy "$dbg/elements" "$tmp/b.state"
		[ -z "$trim" ] || trim_blanks
		same_files a b && same_bytes "$tmp/a.state" "$tmp/b.state"
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
	local dbg
	libdir "$1"
	echo 1 >"$dbg/reset" || { echo "# cannot reset $1"; return 1; }
}

# home SG HCTL: reset, and read again by the driver
home() { reset "$2" && rescan "$2"; }

# setup SG HCTL "MTX WORDS; ...": home, then raw mtx makes the state to
# test, one mtx run per ";"; "insert TAG": the operator puts a cartridge
# in a mail slot
setup() {
	reset "$2" || return 1
	local cmd dbg
	libdir "$2"
	# one mtx run each: mtx does not read the library between commands
	while read -r -d ';' cmd; do
		# shellcheck disable=SC2086 # CMD is mtx words
		case $cmd in
		insert*) echo "${cmd#insert }" >"$dbg/insert" ;;
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
