#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A changer that reports SCSI-2 (smcsim inquiry=scsi2 for the first
# library, spc4 for the second): the SCSI core caches none of its VPD
# pages, and ntms asks for them itself, so that the library is known by
# its serial number (what sg_vpd reads from the device) and its GUID is
# the one it has when the same changer reports SPC-4 (smcsim reloaded
# with inquiry=spc4), and after ntms is reloaded. Its drives are matched
# as usual. Prints TAP.
. "$(dirname "$0")/lib.sh"
top=${NTMS_TOP:-$(cd "$here/../../../.." && pwd)}
kdir=$top/build/${NTMS_KERNEL:-stock}
VPD=/usr/bin/sg_vpd

tap_plan 12
ntms_wait 2 120 || { tap_ok 1 "two libraries found"; tap_done; }

# the unit serial number the device itself reports (VPD 80h, asked)
device_serial() {
	local sg
	sg=$(basename "$(ls -d "/sys/bus/scsi/devices/$1/scsi_generic/"sg*)")
	"$VPD" --page=sn "/dev/$sg" 2>/dev/null |
		sed -n 's/^ *Unit serial number: *//p'
}

read -r old new < <(changers | tr '\n' ' ')
o=/sys/bus/scsi/devices/$old
n=/sys/bus/scsi/devices/$new

# the personality is what it claims: the SCSI core cached nothing
# (sysfs scsi_level is the SCSI core's: SCSI_2 is 3)
[ "$(cat "$o/scsi_level")" = 3 ] && [ ! -e "$o/vpd_pg80" ] && [ ! -e "$o/vpd_pg83" ]
tap_ok $? "SCSI-2 changer $old: scsi_level 3 (SCSI-2), no vpd_pg80 or vpd_pg83 in sysfs"
[ -e "$n/vpd_pg80" ] && [ -e "$n/vpd_pg83" ]
tap_ok $? "SPC-4 changer $new: vpd_pg80 and vpd_pg83 in sysfs"

serial=$(device_serial "$old")
lib=$(cat "$o/ntms_library")
[ -n "$serial" ] && [ "$lib" = "$serial" ]
tap_ok $? "ntms_library of the SCSI-2 changer is its serial number ('$lib', device: '$serial')"
dmesg | grep -q "$old: .*ntms: no VPD pages from the SCSI core (INQUIRY version 2), asked: serial '$serial'"
tap_ok $? "the kernel log says the pages were asked for"
[ "$(cat "$n/ntms_library")" = "$(device_serial "$new")" ]
tap_ok $? "ntms_library of the SPC-4 changer is its serial number"

# its drives: matched to the tapes of its target, by DVCID
ok=0 k=0
for t in /sys/bus/scsi/devices/"${old%:*}":*; do
	[ "$(cat "$t/type")" = 1 ] || continue
	[ "$(cat "$t/ntms_library") $(cat "$t/ntms_match")" = "$lib dvcid" ] || ok=1
	k=$((k + 1))
done
[ "$k" -gt 0 ]
tap_ok $((ok | $?)) "the SCSI-2 changer's $k drives matched by dvcid"

guid=$(cat "$o/ntms_guid")
rmmod ntms && insmod "$kdir/ntms.ko" && ntms_wait 2 120
tap_ok $? "ntms reloaded"
[ "$(cat "$o/ntms_guid")" = "$guid" ] && [ "$(cat "$o/ntms_library")" = "$lib" ]
tap_ok $? "after the reload: the same GUID and name"

# the same changer reporting SPC-4: the pages come from the SCSI core
rmmod smcsim && insmod "$kdir/smcsim.ko" ${NTMS_SIM_PARAMS/inquiry=scsi2/inquiry=spc4} &&
	ntms_wait 2 120
tap_ok $? "smcsim reloaded with inquiry=spc4"
read -r old new < <(changers | tr '\n' ' ')
o=/sys/bus/scsi/devices/$old
[ "$(cat "$o/scsi_level")" -gt 3 ] && [ -e "$o/vpd_pg83" ]
tap_ok $? "the changer claims SPC-4 now, its VPD pages cached"
[ "$(cat "$o/ntms_library")" = "$lib" ]
tap_ok $? "the same name ($lib)"
[ "$(cat "$o/ntms_guid")" = "$guid" ]
tap_ok $? "the same GUID as when it claimed SCSI-2"
tap_done
