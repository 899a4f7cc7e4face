#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Inventory benchmark, run in the VM with ntms loaded and smcsim not
# (vm/run --no-sim): for libraries of 100, 1,000 and 10,000 slots (smcsim
# reloaded in the same boot), the SCSI commands sent to the changer and
# the time of a full inventory by ntms (a re-read), by the ch driver
# (CHIOGSTATUS plus CHIOGELEM per element) and by "mtx status"; and the
# kernel memory ntms uses per slot (half the slots holding a cartridge):
# the driver's own accounting (sysfs ntms_model_bytes: library, element
# tables, cartridges) and, as a check, what the kernel's counters say
# (memory in use with ntms and the library, less the same with ntms
# unloaded, median of three each), both as the slope over the sizes;
# and what a cartridge moved behind the driver's back costs the next
# mount of it (the library read whole to find it), next to a mount of a
# cartridge nobody moved (median of three each).
# Prints "BENCH <name> <value> <unit>" lines.
here=$(cd "$(dirname "$0")" && pwd)
top=${NTMS_TOP:-$(cd "$here/../../../.." && pwd)}
kdir=$top/build/${NTMS_KERNEL:-stock}
SIZES=${SIZES:-100 1000 10000}
DUMP=$here/ntms_dump
MTX=$(command -v mtx || echo /usr/sbin/mtx)
grep -q ' /sys/kernel/debug ' /proc/mounts ||
	mount -t debugfs none /sys/kernel/debug
tr=/sys/kernel/debug/tracing
[ -d "$tr/events/scsi" ] || tr=/sys/kernel/tracing

now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
# count [commands to the changer (LUN 0)] while running "$@"
count_start() {
	echo 0 >"$tr/tracing_on"
	echo >"$tr/trace"
	echo "lun == 0" >"$tr/events/scsi/scsi_dispatch_cmd_start/filter"
	echo 1 >"$tr/events/scsi/scsi_dispatch_cmd_start/enable"
	echo 1 >"$tr/tracing_on"
	t0=$(now_ms)
}
count_stop() {
	t1=$(now_ms)
	echo 0 >"$tr/tracing_on"
	cmds=$(grep -c scsi_dispatch_cmd_start "$tr/trace")
	ms=$((t1 - t0))
}
# memory in use, kB: not free, not reclaimable caches
mem_used_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	echo 3 >/proc/sys/vm/drop_caches
	awk '{ v[$1] = $2 }
	     END { print v["MemTotal:"] - v["MemFree:"] - v["Buffers:"] -
			 v["Cached:"] - v["SReclaimable:"] }' /proc/meminfo
}
used3() { median3 "$(mem_used_kb)" "$(mem_used_kb)" "$(mem_used_kb)"; }

for n in $SIZES; do
	if grep -q '^smcsim ' /proc/modules; then
		rmmod smcsim || { lsmod >&2; exit 1; }
	fi
	insmod "$kdir/smcsim.ko" slots="$n" media=$((n / 2)) drives=4 \
		ieports=2 || exit 1
	"$DUMP" wait 1 120 || exit 1
	set -- $("$DUMP" libs | awk '$2 == 2 && $3 == 0 { print $4, $9 }')
	serial=$1 sg=$2
	cs=
	for d in /sys/bus/scsi/devices/*; do
		[ -f "$d/ntms_library" ] && [ "$(cat "$d/type")" = 8 ] &&
			[ "$(cat "$d/ntms_library")" = "$serial" ] && cs=$d
	done
	hctl=$(basename "$cs")

	# median of three runs each (the clock ticks in 10 ms)
	t=
	for i in 1 2 3; do
		count_start
		echo 1 >"$cs/ntms_rescan"
		count_stop
		t="$t $ms"
	done
	echo "BENCH inventory_commands_ntms_$n $cmds commands"
	echo "BENCH inventory_ms_ntms_$n $(median3 $t) ms"

	t=
	for i in 1 2 3; do
		count_start
		"$MTX" -f "/dev/$sg" status >/dev/null
		count_stop
		t="$t $ms"
	done
	echo "BENCH inventory_commands_mtx_$n $cmds commands"
	echo "BENCH inventory_ms_mtx_$n $(median3 $t) ms"

	# a mount against a stale model: a cartridge moved by mtx behind
	# the driver's back (smcsim, like many libraries, raises no UNIT
	# ATTENTION for it) is found by reading the whole library; next to
	# it a mount of a cartridge nobody moved, and its dismount
	set -- $(awk '$1 == "st" { n++ }
		$1 == "st" && $3 == "full" && !f { f = n; bc = $4 }
		$1 == "st" && $3 == "empty" && !e { e = n }
		END { print f, bc, e }' /sys/kernel/debug/smcsim/lib0/elements)
	from=$1 bc=$2 to=$3
	for how in fresh stale; do
		t=
		for i in 1 2 3; do
			if [ "$how" = stale ]; then
				# back and forth: its home is where it was found
				"$MTX" -f "/dev/$sg" transfer "$from" "$to" \
					>/dev/null || exit 1
				set -- "$to" "$from"
				from=$1 to=$2
			fi
			count_start
			ntmsctl mount "$bc" --timeout 600000 >/dev/null || exit 1
			count_stop
			t="$t $ms"
			ntmsctl dismount-media "$bc" --wait >/dev/null || exit 1
		done
		echo "BENCH mount_commands_${how}_$n $cmds commands"
		echo "BENCH mount_ms_${how}_$n $(median3 $t) ms"
	done

	# ch only while measured: it would take new changers from ntms
	modprobe ch init=0
	echo "$hctl" >/sys/bus/scsi/drivers/ntms/unbind
	echo "$hctl" >/sys/bus/scsi/drivers/ch/bind
	sch=$(ls "$cs/scsi_changer" 2>/dev/null | head -1)
	count_start
	"$here/ch_inventory" "/dev/$sch" >/dev/null
	count_stop
	echo "BENCH inventory_commands_ch_$n $cmds commands"
	echo "BENCH inventory_ms_ch_$n $ms ms"
	echo "$hctl" >/sys/bus/scsi/drivers/ch/unbind
	rmmod ch
	echo "$hctl" >/sys/bus/scsi/drivers/ntms/bind
	"$DUMP" wait 1 120

	# kernel memory of the driver with this library, and without it
	eval "model_$n=$(cat "$cs/ntms_model_bytes")"
	with=$(used3)
	rmmod ntms
	without=$(used3)
	insmod "$kdir/ntms.ko" poll_ms=0
	"$DUMP" wait 1 120
	eval "kmem_$n=$((with - without))"
	eval "echo \"# ntms with $n slots: \$model_$n bytes by its accounting, $((with - without)) kB by the kernel's counters\"" >&2
done
set -- $SIZES
first=$1
for last; do :; done
if [ "$first" != "$last" ]; then
	eval "a=\$model_$first b=\$model_$last"
	per=$(( (b - a) / (last - first) ))
	echo "BENCH kmem_bytes_per_slot $per bytes"
	eval "a=\$kmem_$first b=\$kmem_$last"
	meas=$(( (b - a) * 1024 / (last - first) ))
	# a figure the noise can make negative or absurd is not printed
	if [ "$meas" -gt 0 ] && [ "$meas" -lt $((4 * per + 256)) ]; then
		echo "BENCH kmem_bytes_per_slot_counters $meas bytes"
	else
		echo "# the kernel's counters gave $meas bytes per slot: noise, not printed" >&2
	fi
fi
