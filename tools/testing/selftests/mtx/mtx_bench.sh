#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ntms-mtx and ntms-changer against mtx, run in the VM with ntms and one
# smcsim library loaded (a 1,000-slot one in "make bench"): the time of
# "status" by Debian's mtx (which reads the changer: MODE SENSE, READ
# ELEMENT STATUS) and by ntms-mtx (which reads the driver's model in one
# NTMS_IOC_GET_ELEMENTS), and of "ntms-changer CTL list"; and the SCSI
# commands each sends the changer. Each time is the median of RUNS runs
# (default 9), in milliseconds, of the whole command as a script runs it
# (start-up included: smcsim answers at once, a real changer takes
# seconds to read 1,000 elements, so the command counts say more). The
# outputs of the two status commands are compared first, as a benchmark
# of different answers would mean nothing.
# Prints "BENCH <name> <value> <unit>" lines.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
RUNS=${RUNS:-9}

# median of the numbers given
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ms PROG ARGS...: the median wall time of RUNS runs (bash's clock, in
# microseconds), output discarded
ms() {
	local t0 t1 i all=()
	for ((i = 0; i < RUNS; i++)); do
		t0=${EPOCHREALTIME/./}
		"$@" >/dev/null 2>&1 || { echo "mtx_bench: $* failed" >&2; exit 1; }
		t1=${EPOCHREALTIME/./}
		all+=("$((t1 - t0))")
	done
	median "${all[@]}" | awk '{ printf "%.1f\n", $1 / 1000 }'
}

# cmds PROG ARGS...: the SCSI commands one run sends to the changer (LUN 0)
cmds() {
	local tr=/sys/kernel/tracing
	grep -q ' /sys/kernel/debug ' /proc/mounts ||
		mount -t debugfs none /sys/kernel/debug
	[ -d "$tr/events/scsi" ] || tr=/sys/kernel/debug/tracing
	echo 0 >"$tr/tracing_on"
	echo >"$tr/trace"
	echo "lun == 0" >"$tr/events/scsi/scsi_dispatch_cmd_start/filter"
	echo 1 >"$tr/events/scsi/scsi_dispatch_cmd_start/enable"
	echo 1 >"$tr/tracing_on"
	"$@" >/dev/null 2>&1
	echo 0 >"$tr/tracing_on"
	grep -c scsi_dispatch_cmd_start "$tr/trace"
}

read -r sg _ < <(changers)
[ -n "$sg" ] || { echo "mtx_bench: no changer" >&2; exit 1; }
slots=$(ntms-mtx -f "/dev/$sg" status | head -1 | sed 's/.*Drives, \([0-9]*\) Slots.*/\1/')
"$MTX" -f "/dev/$sg" status >"$tmp/raw"
ntms-mtx -f "/dev/$sg" status >"$tmp/ntms"
cmp -s "$tmp/raw" "$tmp/ntms" || {
	echo "mtx_bench: ntms-mtx and mtx disagree on /dev/$sg" >&2
	diff -u "$tmp/raw" "$tmp/ntms" | head -20 >&2
	exit 1
}
echo "# a library of $slots slots, $RUNS runs each" >&2
echo "BENCH mtx_status_ms_raw $(ms "$MTX" -f "/dev/$sg" status) ms"
echo "BENCH mtx_status_ms_ntms $(ms ntms-mtx -f "/dev/$sg" status) ms"
echo "BENCH changer_list_ms $(ms ntms-changer "/dev/$sg" list) ms"
echo "BENCH mtx_status_cmds_raw $(cmds "$MTX" -f "/dev/$sg" status) commands"
echo "BENCH mtx_status_cmds_ntms $(cmds ntms-mtx -f "/dev/$sg" status) commands"
