#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# GUIDs are the same across rmmod/insmod and across sysfs delete + host
# scan of the changer; in between the library is NOT_PRESENT, its objects
# are still described, and enumerating in it gives ENODEV.
. "$(dirname "$0")/lib.sh"

tap_plan 13
ko=${NTMS_TOP:-.}/build/${NTMS_KERNEL:-stock}/ntms.ko
ntms_wait 1 60
tap_ok $? "driver ready"
"$DUMP" objects | awk '{ print $1, $2, $3 }' | sort >/tmp/guid.before
[ "$(wc -l </tmp/guid.before)" -gt 10 ]
tap_ok $? "$(wc -l </tmp/guid.before) objects"

rmmod ntms && insmod "$ko" && ntms_wait 1 60
tap_ok $? "rmmod and insmod"
"$DUMP" objects | awk '{ print $1, $2, $3 }' | sort >/tmp/guid.after
tap_diff "same GUIDs after reload" /tmp/guid.before /tmp/guid.after

set -- $(ntms_online | head -1)
serial=$1
cs=$(ntms_changer_sysfs "$serial")
hctl=$(basename "$cs")
host=${hctl%%:*}
echo 1 >"$cs/delete"
"$DUMP" libs | awk -v s="$serial" '$4 == s { print $3 }' >/tmp/state
[ "$(cat /tmp/state)" = 21 ]
tap_ok $? "library $serial NOT_PRESENT after delete of $hctl"
[ "$("$DUMP" enum "$serial" 16)" = ENODEV ]
tap_ok $? "enumerating in it gives ENODEV"
"$DUMP" objects | awk '{ print $1, $2, $3 }' | sort >/tmp/guid.gone
tap_diff "its objects are still there" /tmp/guid.before /tmp/guid.gone

echo "- - -" >"/sys/class/scsi_host/host$host/scan"
sleep 1
ntms_wait 1 60
"$DUMP" libs | awk -v s="$serial" '$4 == s { print $3 }' >/tmp/state
[ "$(cat /tmp/state)" = 0 ]
tap_ok $? "READY again after scan"
"$DUMP" objects | awk '{ print $1, $2, $3 }' | sort >/tmp/guid.back
tap_diff "same GUIDs after delete and scan" /tmp/guid.before /tmp/guid.back
"$DUMP" objects | awk '$4 != 0 && $1 != "drive"' >/tmp/notready
[ ! -s /tmp/notready ]
tap_ok $? "every object READY again"

# the whole simulated host goes away and comes back
sim=${NTMS_TOP:-.}/build/${NTMS_KERNEL:-stock}/smcsim.ko
"$DUMP" drives | awk '{ print $1, $2, $7 }' >/tmp/drives.before
rmmod smcsim
"$DUMP" libs | awk -v s="$serial" '$4 == s { print $3 }' >/tmp/state
[ "$(cat /tmp/state)" = 21 ] && [ "$("$DUMP" drives | awk '$5 != "-"' | wc -l)" = 0 ]
tap_ok $? "rmmod smcsim: NOT_PRESENT, no drive mapped"
# shellcheck disable=SC2086
insmod "$sim" $NTMS_SIM_PARAMS && ntms_wait 1 60
"$DUMP" objects | awk '{ print $1, $2, $3 }' | sort >/tmp/guid.back
tap_diff "same GUIDs after the host came back" /tmp/guid.before /tmp/guid.back
"$DUMP" drives | awk '$5 != "-" { print $1, $2, $7 }' >/tmp/drives.after
tap_diff "every drive mapped again" /tmp/drives.before /tmp/drives.after
tap_done
