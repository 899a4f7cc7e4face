#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the ntms shell selftests: TAP output, waiting for the
# driver, and the views of a library that the tests compare.

here=$(cd "$(dirname "$0")" && pwd)
DUMP=$here/ntms_dump
MTX=$(command -v mtx || echo /usr/sbin/mtx)
tap_n=0
tap_failed=0

tap_plan() { echo "TAP version 13"; echo "1..$1"; }
tap_ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n $2"
	else
		echo "not ok $tap_n $2"
		tap_failed=1
	fi
}
tap_skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n $1 # SKIP $2"; }
tap_done() { exit $tap_failed; }
# tap_diff NAME FILE1 FILE2: ok if equal, else the diff as TAP comments
tap_diff() {
	if diff -u "$2" "$3" >/tmp/tap.diff 2>&1; then
		tap_ok 0 "$1"
	else
		sed 's/^/# /' /tmp/tap.diff | head -40
		tap_ok 1 "$1"
	fi
}

ntms_wait() { "$DUMP" wait "${1:-1}" "${2:-60}"; }

# online libraries: "SERIAL SG"
ntms_online() { "$DUMP" libs | awk '$2 == 2 && $3 == 0 { print $4, $9 }'; }

# The helpers below run many times a suite: they read sysfs with the
# shell's "read", not with cat (on the debug kernel under TCG a fork and
# exec cost about 100 ms).

# the changers' H:C:T:L, in host order
changers() {
	local d t
	for d in /sys/bus/scsi/devices/*:*:*:*; do
		t=
		{ read -r t <"$d/type"; } 2>/dev/null
		[ "$t" = 8 ] && echo "${d##*/}"
	done | sort -t: -k1,1n
}

# the library's changer scsi_device in sysfs
ntms_changer_sysfs() {
	local d t l
	for d in /sys/bus/scsi/devices/*; do
		[ -f "$d/ntms_library" ] || continue
		read -r t <"$d/type" && read -r l <"$d/ntms_library" &&
			[ "$t" = 8 ] && [ "$l" = "$1" ] && { echo "$d"; return 0; }
	done
	return 1
}

# mtx status of /dev/SG, normalised like "ntms_dump mtx". The source slot
# of a loaded drive is left out: mtx 1.3.12 numbers it differently from
# the source address the changer reports (compared in sim_view instead).
mtx_view() {
	"$MTX" -f "/dev/$1" status | awk '
	/Data Transfer Element/ {
		n = $4; sub(/:.*/, "", n)
		if ($0 ~ /:Empty/) { print "D " n " Empty"; next }
		tag = "-"
		if (match($0, /VolumeTag *= *[^ ]+/)) {
			t = substr($0, RSTART, RLENGTH); sub(/VolumeTag *= */, "", t)
			tag = t
		}
		print "D " n " Full " tag; next
	}
	/Storage Element/ {
		n = $3; sub(/:.*/, "", n)
		ie = ($0 ~ /IMPORT\/EXPORT/) ? " IE" : ""
		st = ($0 ~ /:Full/) ? "Full" : "Empty"
		tag = "-"
		if (match($0, /VolumeTag *= *[^ ]+/)) {
			t = substr($0, RSTART, RLENGTH); sub(/VolumeTag *= */, "", t)
			tag = t
		}
		print "S " n ie " " st " " tag
	}'
}

# smcsim's own view of library N, in "ntms_dump elements" form
sim_view() {
	grep -q ' /sys/kernel/debug ' /proc/mounts ||
		mount -t debugfs none /sys/kernel/debug
	awk '{ if ($1 != "dt") $5 = "-"; print }' \
		"/sys/kernel/debug/smcsim/lib$1/elements"
}
