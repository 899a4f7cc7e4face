#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ntms-mtx against Debian's mtx 1.3.12 on the same library, in the same
# states: status (and nobarcode status, inquiry) byte for byte with drives
# empty and loaded, a cartridge loaded from a slot and one from a mail
# slot, mail slots full and empty, a cartridge without a barcode, on every
# library smcsim made (element addresses as its *_base parameters put
# them); on the first, every move command's output, errors and exit
# status, and the library after it; the command line (bad words, numbers, -f, CHANGER);
# the other names ntms-mtx accepts for a library. Prints TAP.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# status, nobarcode status: the same in the state SETUP makes
same_status() {
	local sg=$1 hctl=$2 how=$3
	setup "$sg" "$hctl" "$how"
	same "$sg${how:+ ($how)}" "$sg" status
	same "$sg${how:+ ($how)}" "$sg" nobarcode status
}

# fill SG HCTL: a cartridge in every empty storage slot, through a mail
# slot as an operator would put them in
fill() {
	local sg=$1 hctl=$2 dbg addr k=0 ns slot
	dbg=$(simlib "$hctl")
	ns=$(grep -c '^st ' "$dbg/elements")
	while slot=$(awk '$1 == "st" { n++ } $1 == "st" && $3 == "empty" {
			print n; exit }' "$dbg/elements") && [ -n "$slot" ]; do
		addr=$(awk '$1 == "ie" && $3 == "empty" { print $2; exit }' \
			"$dbg/elements")
		k=$((k + 1))
		printf 'FIL%03dL6 %s\n' $k "$addr" >"$dbg/insert"
		"$MTX" -f "/dev/$sg" transfer \
			$((ns + 1 + $(awk -v a="$addr" '$1 == "ie" && $2 < a' \
			"$dbg/elements" | wc -l))) "$slot" >/dev/null || return 1
	done
	rescan "$hctl"
}

# one library: SG HCTL
check_library() {
	local sg=$1 hctl=$2 dbg n ie first media
	dbg=$(simlib "$hctl")
	ie=$(grep -c '^ie ' "$dbg/elements")
	n=$(grep -c '^st ' "$dbg/elements")
	media=$(grep -c '^st [0-9]* full' "$dbg/elements")
	first=$((n + 1))

	same_status "$sg" "$hctl" ""
	same "$sg" "$sg" inquiry
	same_status "$sg" "$hctl" "load 2 0"
	same_status "$sg" "$hctl" "load 2 0; load $media 1"
	# drive 1's source slot full again: mtx guesses the first empty slot
	same_status "$sg" "$hctl" "load 2 1; transfer 1 2"
	# the moves once: what differs between libraries is their status
	[ "$first_library" = 1 ] || return 0

	# loads, unloads, transfers, exchanges
	same_move "$sg" "$sg" "$hctl" "" load 1 0
	same_move "$sg" "$sg" "$hctl" "" load 2 1
	same_move "$sg" "$sg" "$hctl" "" load "$first" 0
	same_move "$sg" "$sg" "$hctl" "" transfer 1 "$n"
	same_move "$sg" "$sg" "$hctl" "" transfer 1 "$first"
	same_move "$sg" "$sg" "$hctl" "" exchange 1 2
	same_move "$sg" "$sg" "$hctl" "" exchange 1 2 3
	same_move "$sg" "$sg" "$hctl" "load 2 0" unload
	same_move "$sg" "$sg" "$hctl" "load 2 0" unload "$n" 0
	same_move "$sg" "$sg" "$hctl" "load 2 0" unload "$first" 0
	same_move "$sg" "$sg" "$hctl" "load 2 1; transfer 1 2" unload 2 1
	same_move "$sg" "$sg" "$hctl" "load 2 0; load 3 1" unload 3 1 unload 2

	# first, last, next, previous: from empty and loaded drives, at the
	# ends of the magazine
	same_move "$sg" "$sg" "$hctl" "" first 1
	same_move "$sg" "$sg" "$hctl" "" last 1
	same_move "$sg" "$sg" "$hctl" "" next 1
	same_move "$sg" "$sg" "$hctl" "" previous 1
	same_move "$sg" "$sg" "$hctl" "" next 9
	same_move "$sg" "$sg" "$hctl" "" load 1 0x1
	same_move "$sg" "$sg" "$hctl" "" load 1 1junk
	same_move "$sg" "$sg" "$hctl" "load 2 0" first 0
	same_move "$sg" "$sg" "$hctl" "load 2 0" last 0
	same_move "$sg" "$sg" "$hctl" "load 2 0" next 0
	same_move "$sg" "$sg" "$hctl" "load 3 1" previous 1
	same_move "$sg" "$sg" "$hctl" "load 1 0" first 0
	same_move "$sg" "$sg" "$hctl" "load 1 0" previous 0
	same_move "$sg" "$sg" "$hctl" "load $media 0" next 0
	same_move "$sg" "$sg" "$hctl" "load 2 0" next 0 next 0 previous 0

	# what no waiting can cure: mtx's message and status at once
	setup "$sg" "$hctl" "load 2 0"
	same "$sg (load 2 0)" "$sg" load 3 0
	same "$sg (load 2 0)" "$sg" unload 1 0
	same "$sg (load 2 0)" "$sg" unload 2 1
	same "$sg (load 2 0)" "$sg" unload $((n + ie + 1)) 0
	same "$sg (load 2 0)" "$sg" unload 1 7
	setup "$sg" "$hctl" ""
	same "$sg" "$sg" load 0
	same "$sg" "$sg" load
	same "$sg" "$sg" load $((n + ie + 1)) 0
	same "$sg" "$sg" load 1 7
	same "$sg" "$sg" unload 1 0
	same "$sg" "$sg" unload 2
	same "$sg" "$sg" unload $((n + ie + 5)) 0
	same "$sg" "$sg" transfer 1
	same "$sg" "$sg" transfer 1 $((n + ie + 1))
	same "$sg" "$sg" transfer $((n + ie + 1)) 1
	same "$sg" "$sg" transfer 1 2
	same "$sg" "$sg" transfer "$n" 1
	same "$sg" "$sg" exchange 1
	same "$sg" "$sg" eepos 5
	same "$sg" "$sg" bogus
	same "$sg" "$sg" status bogus

	[ "$ie" -gt 0 ] || return 0
	# a cartridge in a mail slot, one without a barcode in another
	setup "$sg" "$hctl" ""
	echo NEW001L6 >"$dbg/insert"
	rescan "$hctl"
	same "$sg, a cartridge in a mail slot" "$sg" status
	"$MTX" -f "/dev/$sg" load "$first" 0 >/dev/null
	rescan "$hctl"
	same "$sg, loaded from a mail slot" "$sg" status
	same_move "$sg" "$sg" "$hctl" "insert NEW001L6; load $first 0" unload
	same_move "$sg" "$sg" "$hctl" "insert NEW001L6; load $first 0" next 0
	if [ "$ie" -gt 1 ]; then
		setup "$sg" "$hctl" ""
		echo - >"$dbg/insert"
		rescan "$hctl"
		same "$sg, a blank label in a mail slot" "$sg" status
		same "$sg, a blank label in a mail slot" "$sg" nobarcode status
		"$MTX" -f "/dev/$sg" transfer "$first" "$n" >/dev/null
		rescan "$hctl"
		same "$sg, a blank label in a slot" "$sg" status
		"$MTX" -f "/dev/$sg" load "$n" 1 >/dev/null
		rescan "$hctl"
		same "$sg, a blank label in a drive" "$sg" status
	fi

	# every slot full: a drive whose source is full again has no slot
	# mtx could guess ("Unknown Storage Element Loaded")
	setup "$sg" "$hctl" "load 1 0"
	fill "$sg" "$hctl"
	same "$sg, every slot full" "$sg" status
	same "$sg, every slot full" "$sg" unload
	same "$sg, every slot full" "$sg" load 2 0
	same "$sg, every slot full" "$sg" unload 2 1
	setup "$sg" "$hctl" ""
	same "$sg, home again" "$sg" status
}

first_library=1
while read -r sg hctl; do
	check_library "$sg" "$hctl"
	first_library=0
done < <(changers)

# the command line, without a library of its own
sg=$(changers | head -1 | cut -d' ' -f1)
hctl=$(changers | head -1 | cut -d' ' -f2)
run a "$MTX" --version
run b "$NMTX" --version
same_files a b; tap_ok $? "--version = mtx"
run a "$MTX"
run b "$NMTX"
same_files a b; tap_ok $? "no arguments = mtx"
run a "$MTX" -f
run b "$NMTX" -f
same_files a b; tap_ok $? "-f alone = mtx"
run a "$MTX" -f /dev/nonexistent status
run b "$NMTX" -f /dev/nonexistent status
same_files a b; tap_ok $? "-f of a missing device = mtx"
run a "$MTX" -f /dev/null status
run b "$NMTX" -f /dev/null status
same_files a b; tap_ok $? "-f of a device that is no changer = mtx"
# a tape drive's sg device where the changer's belongs: what the drive
# answers, as mtx prints it, and nothing moved
tsg=
for d in /sys/class/scsi_generic/*; do
	[ "$(cat "$d/device/type")" = 1 ] && tsg=$(basename "$d") && break
done
cp "$(simlib "$hctl")/elements" "$tmp/before"
# the drive's first commands after power-on meet its UNIT ATTENTION:
# taken once here, so that both programs see the same device
"$MTX" -f "/dev/$tsg" status >/dev/null 2>&1
for args in inquiry status "load 1 0" "nobarcode status" "transfer 1 2"; do
	# shellcheck disable=SC2086 # ARGS are words
	run a "$MTX" -f "/dev/$tsg" $args
	# shellcheck disable=SC2086
	run b "$NMTX" -f "/dev/$tsg" $args
	same_files a b; tap_ok $? "-f /dev/$tsg (a tape drive) $args = mtx"
done
cmp -s "$(simlib "$hctl")/elements" "$tmp/before"
tap_ok $? "nothing moved by commands to a tape drive"
run b "$NMTX" -f "/dev/$tsg" inventory
ok=1
[ "$(cat "$tmp/b.rc")" = 1 ] && grep -q "is not a changer ntms manages" "$tmp/b.err" &&
	ok=0
tap_ok $ok "inventory of a tape drive: refused, nothing sent"
run a env CHANGER="/dev/$sg" "$MTX" status
run b env CHANGER="/dev/$sg" "$NMTX" status
same_files a b; tap_ok $? "CHANGER names the device, as for mtx"

# other names for the same library: the same output but the header
lib=$(cat "/sys/bus/scsi/devices/$hctl/ntms_library")
guid=$(cat "/sys/bus/scsi/devices/$hctl/ntms_guid")
"$NMTX" -f "/dev/$sg" status | tail -n +2 >"$tmp/ref"
for name in ntms0 "$lib" "$guid"; do
	"$NMTX" -f "$name" status >"$tmp/x" 2>&1
	ok=1
	head -1 "$tmp/x" | grep -q "^  Storage Changer $name:" &&
		tail -n +2 "$tmp/x" | cmp -s - "$tmp/ref" && ok=0
	tap_ok $ok "-f $name: the library of /dev/$sg"
done
# who may move: any member of the tape group may load (a mount: USE);
# moving between slots needs MODIFY, given to a group in sysfs. The
# group and mode udev/60-ntms.rules gives /dev/ntms (no udev here: set
# by hand; the kernel creates it 0600 root:root).
chown root:tape /dev/ntms && chmod 0660 /dev/ntms
setup "$sg" "$hctl" ""
attr=/sys/bus/scsi/devices/$hctl/ntms_modify_gid
cp "$(simlib "$hctl")/elements" "$tmp/before"
setpriv --reuid=65534 --regid=65534 --groups=26 \
	"$(command -v ntms-mtx)" -f "/dev/$sg" transfer 1 20 >"$tmp/o" 2>&1
rc=$?
ok=1
[ $rc = 1 ] && grep -q "^ntms-mtx: no access to move cartridges in ntms0" "$tmp/o" &&
	cmp -s "$(simlib "$hctl")/elements" "$tmp/before" && ok=0
[ $ok = 0 ] || sed 's/^/#   /' "$tmp/o"
tap_ok $ok "transfer by a user without MODIFY: refused, exit 1, nothing moved"
setpriv --reuid=65534 --regid=65534 --groups=26 \
	"$(command -v ntms-mtx)" -f "/dev/$sg" status >"$tmp/o" 2>&1
ntms-mtx -f "/dev/$sg" status | cmp -s - "$tmp/o"
tap_ok $? "status by any member of the tape group"
echo 4242 >"$attr"
setpriv --reuid=65534 --regid=65534 --groups=26,4242 \
	"$(command -v ntms-mtx)" -f "/dev/$sg" transfer 1 20 >"$tmp/o" 2>&1
tap_ok $? "transfer by a member of ntms_modify_gid"
echo -1 >"$attr"
setpriv --reuid=65534 --regid=65534 --groups=26 \
	"$(command -v ntms-mtx)" -f "/dev/$sg" load 2 0 >"$tmp/o" 2>&1
tap_ok $? "load by any member of the tape group (a mount)"
setup "$sg" "$hctl" ""

tape=$(tape_of "$hctl" 0)
"$NMTX" -f "$tape" status 2>&1 | tail -n +2 | cmp -s - "$tmp/ref"
tap_ok $? "-f $tape: the library of its drive"
# the name udev/60-ntms.rules gives that drive (no udev here: made by hand)
mkdir -p /dev/tape/by-ntms
ln -sf "../../${tape#/dev/}" "/dev/tape/by-ntms/$lib-drive0"
"$NMTX" -f "/dev/tape/by-ntms/$lib-drive0" status 2>&1 | tail -n +2 | cmp -s - "$tmp/ref"
tap_ok $? "-f /dev/tape/by-ntms/$lib-drive0: the library of its drive"
tap_done
