#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every drive object names the /dev/nstN and sgN whose serial number it
# has; the sysfs attributes udev uses agree; standalone drives (smcsim
# standalone=N) are in libraries of their own.
. "$(dirname "$0")/lib.sh"

"$DUMP" wait 1 60
"$DUMP" drives >/tmp/drives
n=$(wc -l </tmp/drives)
tap_plan $((n + 2))
[ "$n" -gt 0 ]
tap_ok $? "$n drives"
while read -r lib num addr serial nst sg guid flags; do
	ok=1
	if [ -e "/sys/class/scsi_tape/$nst/device" ]; then
		dev=/sys/class/scsi_tape/$nst/device
		vpd=$(tail -c +5 "$dev/vpd_pg80" | tr -d ' \000')
		[ "$vpd" = "$serial" ] &&
		[ "$(cat "$dev/ntms_guid" | tr -d -)" = "$guid" ] &&
		[ "$(cat "$dev/ntms_library")" = "$lib" ] &&
		[ "$(cat "$dev/ntms_drive")" = "$num" ] &&
		[ -e "$dev/scsi_generic/$sg" ] && ok=0
		[ $ok = 0 ] || echo "# $nst: vpd '$vpd' serial '$serial'"
	fi
	tap_ok $ok "drive $num of $lib ($serial) is $nst and $sg"
done </tmp/drives
sa=$(grep -c '^SMCSA' /tmp/drives)
want=${NTMS_SIM_PARAMS##*standalone=}
case "$NTMS_SIM_PARAMS" in *standalone=*) want=${want%% *} ;; *) want=0 ;; esac
nsa=$("$DUMP" libs | awk '$2 == 3 && $3 == 0' | wc -l)
[ "$sa" = "$want" ] && [ "$nsa" = "$want" ]
tap_ok $? "$want standalone drives, each in a STANDALONE library ($sa, $nsa)"
tap_done
