#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ntms installed as a package installs it, run by Debian's own
# systemd-udevd (tools/testing/vm/run --udev: ntms.ko in the module tree
# next to ch, udev/*.rules and modprobe.d/*.conf installed, udevd started
# and coldplugged before this script). Checks that udev loads ntms for
# the changer by its modalias and ntms, not ch, owns it, whatever loads
# first; that a changer can be given to ch and back; /dev/ntms's group
# and mode; the /dev/tape/by-ntms links as drives are re-matched,
# removed and re-added; and who may open /dev/ntms, mount and dismount,
# with the per-library grant set by udev/examples/61-ntms-grants.rules.
#
# systemd-udevd needs inotify. On a kernel without it (CONFIG_INOTIFY_USER;
# both kernels of the test bed have it) the checks of udev's own work are
# skipped, and the rest runs with udev's steps done by hand: ntms loaded
# with kmod's modprobe, /dev/ntms given the rule's group and mode, the
# grant written to sysfs.
#
# No "set -e": a failed check is a "not ok" line, not the end of the run.
set -uo pipefail

top=${NTMS_TOP:-$(cd "$(dirname "$0")/../../.." && pwd)}
# shellcheck source=tools/testing/selftests/ntms/lib.sh
. "$top/tools/testing/selftests/ntms/lib.sh"
DUMP=$top/tools/testing/selftests/ntms/ntms_dump

TESTS=28
TAPE_GID=26	# Debian's tape group (base-passwd)
GRANT_GID=34	# Debian's backup group, the example's MODIFY group
USER_ID=1000	# a user of no group but its own

tap_plan $TESTS

# /proc/sys/fs/inotify exists when the kernel has inotify for userspace
udev=1
[ -d /proc/sys/fs/inotify ] || udev=0
NO_UDEV="this kernel has no inotify (CONFIG_INOTIFY_USER): systemd-udevd cannot run"
# with_udev DESC: true with udev, else DESC is skipped
with_udev() {
	[ $udev = 1 ] && return 0
	tap_skip "$1" "$NO_UDEV"
	return 1
}
# by_hand: what udev/60-ntms.rules does to /dev/ntms, when udev cannot
by_hand() {
	[ $udev = 1 ] || { chown root:tape /dev/ntms && chmod 0660 /dev/ntms; }
}
# load_ntms: what udev does on a changer's add event, when udev cannot
load_ntms() {
	if [ $udev = 1 ]; then
		udevadm trigger --action=add "/sys/bus/scsi/devices/$changer"
	else
		modprobe ntms
	fi
	settle
}

# udevd is told what to do by signals, not by "udevadm control": here
# (Debian's systemd-udevd 252, kernel 6.1, a slow VM) udevd sometimes
# drops a control message ("Invalid sender uid 65534, ignoring message"
# in its debug log: the message came without the sender's credentials)
# while udevadm control still exits 0, so a --stop-exec-queue, --reload
# or --exit could silently not happen. Signals are not lost: SIGHUP
# reloads the rules, SIGTERM stops it.

# reload_udevd: as "udevadm control --reload"
reload_udevd() {
	kill -HUP "$(pidof systemd-udevd)"
	# udevd reloads when it handles the signal: wait until it answers
	udevadm control --ping --timeout=10
}

# restart_udevd: stop systemd-udevd and start it again
restart_udevd() {
	local i
	kill -TERM "$(pidof systemd-udevd)"
	for i in $(seq 100); do
		pidof systemd-udevd >/dev/null || break
		usleep 100000
	done
	! pidof systemd-udevd >/dev/null ||
		udev_report "systemd-udevd did not exit"
	/usr/lib/systemd/systemd-udevd --daemon
	udevadm control --ping --timeout=10
}

settle() {
	if [ $udev = 1 ]; then
		udevadm settle --timeout=60 || udev_report "udevadm settle timed out"
	else
		usleep 500000
	fi
}
# udev_report WHAT: why udev is late, as TAP comments: udevd's workers and
# what they run (state, where they wait in the kernel, kernel stack), then
# any other process blocked in the kernel
udev_report() {
	local p s pp w=" $(pidof systemd-udevd) "
	echo "# $1; udevd is$w"
	# in pid order, parents before their children
	for p in $(ls -d /proc/[0-9]* | sort -t/ -k3,3n); do
		[ -e "$p/exe" ] || continue
		s=$(awk '/^State:/ { print $2 }' "$p/status" 2>/dev/null)
		pp=$(awk '/^PPid:/ { print $2 }' "$p/status" 2>/dev/null)
		case "$w" in
		*" ${p#/proc/} "*) ;;
		*" $pp "*) w="$w${p#/proc/} " ;;
		*) [ "$s" = D ] || continue ;;
		esac
		echo "#   ${p#/proc/} ($pp) $s $(cat "$p/wchan" 2>/dev/null):" \
			"$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)"
		sed 's/^/#       /' "$p/stack" 2>/dev/null
	done
}
loaded() { [ -d "/sys/module/$1" ]; }
# unload MODULE: rmmod, saying why it failed as a TAP comment
unload() {
	local o
	o=$(rmmod "$1" 2>&1) && return 0
	echo "# rmmod $1: $o"
	return 1
}
# bound: what owns the changer, as a TAP comment; false
bound() {
	local m
	for m in ntms ch; do
		loaded $m && echo "# $m is loaded" || echo "# $m is not loaded"
	done
	echo "# changer $changer's driver: $(driver_of "$changer"); udevd:" \
		"$(pidof systemd-udevd)"
	dmesg | grep -E 'ntms|ch ' | tail -n 8 | sed 's/^/#   /'
	return 1
}
driver_of() { basename "$(readlink "/sys/bus/scsi/devices/$1/driver" 2>/dev/null)"; }
# as_user GROUPS CMD...: run CMD as USER_ID with the supplementary GROUPS
# ("-": none)
as_user() {
	local g=$1
	shift
	if [ "$g" = - ]; then
		setpriv --reuid=$USER_ID --regid=$USER_ID --clear-groups "$@"
	else
		setpriv --reuid=$USER_ID --regid=$USER_ID --groups="$g" "$@"
	fi
}
# tape_dev LIB N: the tape scsi_device matched to drive N of LIB
# (read with $(< FILE), which bash does without a process: each costs
# about 100 ms on the debug kernel)
tape_dev() {
	local d
	for d in /sys/bus/scsi/devices/*:*:*:*; do
		[ -f "$d/ntms_drive" ] || continue
		[ "$(< "$d/ntms_library")" = "$1" ] &&
			[ "$(< "$d/type")" = 1 ] &&
			[ "$(< "$d/ntms_drive")" = "$2" ] &&
			{ echo "$d"; return 0; }
	done 2>/dev/null
	return 1
}
# nst_of SCSIDEV: the no-rewind tape name of a tape scsi_device
nst_of() {
	local f
	for f in "$1"/scsi_tape/nst*; do
		f=${f##*/}
		case "$f" in nst*[!0-9]*) ;; *) echo "$f" ;; esac
	done
}
# link_ok LIB N: both links of drive N point to its tape's devices
link_ok() {
	local d n
	d=$(tape_dev "$1" "$2") || return 1
	n=$(nst_of "$d")
	[ "$(readlink -f "/dev/tape/by-ntms/$1-drive$2")" = "/dev/$n" ] &&
		[ "$(readlink -f "/dev/tape/by-ntms/$1-drive$2-rewind")" = "/dev/${n#n}" ]
}

changer=$(changers | head -1)
rel=$(uname -r)

# --- udev itself, and the system around it
if with_udev "Debian's systemd-udevd is running"; then
	udevadm control --ping && pidof systemd-udevd >/dev/null &&
		[ "$(udevadm --version)" -ge 252 ]
	tap_ok $? "Debian's systemd-udevd $(udevadm --version) is running"
fi
[ "$(stat -c %a /)" = 755 ]
tap_ok $? "the root directory has mode 0755"

# --- binding: udev, coldplug
grep -q '^alias scsi:t-0x08\* ch$' "/lib/modules/$rel/modules.alias" &&
	grep -q '^alias scsi:t-0x08\* ntms$' "/lib/modules/$rel/modules.alias"
tap_ok $? "ch and ntms both claim the changer's modalias scsi:t-0x08"
if with_udev "coldplug: udev loaded ntms (not ch)"; then
	loaded ntms && [ "$(driver_of "$changer")" = ntms ] && ! loaded ch || bound
	tap_ok $? "coldplug: udev loaded ntms (not ch) and ntms owns changer $changer"
else
	load_ntms
fi
"$DUMP" wait 1 60
lib=$(cat "/sys/bus/scsi/devices/$changer/ntms_library")

# --- /dev/ntms: the kernel's mode, then the rule's
if with_udev "/dev/ntms is root:tape 0660 (udev/60-ntms.rules)"; then
	[ "$(stat -c '%U:%G %a' /dev/ntms)" = "root:tape 660" ]
	tap_ok $? "/dev/ntms is root:tape 0660 (udev/60-ntms.rules)"
fi
# what the kernel asks devtmpfs for, in the misc device's uevent: the
# mode, and no owner (DEVUID, DEVGID) but root's
ev=/sys/class/misc/ntms/uevent
grep -qx 'DEVMODE=0600' $ev && ! grep -q '^DEV[UG]ID=' $ev
tap_ok $? "the kernel creates /dev/ntms root:root 0600 ($(grep '^DEV' $ev | tr '\n' ' '))"
# a new /dev/ntms, from ntms loaded again: udev's add event sets it again
unload ntms
modprobe ntms
settle
m=$(stat -c '%U:%G %a' /dev/ntms)
if [ $udev = 1 ]; then
	[ "$m" = "root:tape 660" ]
	tap_ok $? "ntms loaded again: udev gives the new /dev/ntms root:tape 0660 ($m)"
else
	[ "$m" = "root:root 600" ]
	tap_ok $? "ntms loaded again, no udev: /dev/ntms stays root:root 0600 ($m)"
fi
n=$(stat -c '%t %T' /dev/ntms)
n=$(printf '%d:%d' "0x${n% *}" "0x${n#* }")
[ -c /dev/ntms ] && [ "$n" = "$(cat /sys/class/misc/ntms/dev)" ]
tap_ok $? "/dev/ntms is the misc device's node ($n)"

# --- binding whatever the order
if with_udev "the changer's add event loads ntms by modalias"; then
	unload ntms
	load_ntms
	loaded ntms && [ "$(driver_of "$changer")" = ntms ] || bound
	tap_ok $? "the changer's add event loads ntms by modalias, ntms binds it"
fi
modprobe ch
loaded ch && [ "$(driver_of "$changer")" = ntms ] &&
	[ -z "$(ls /sys/class/scsi_changer 2>/dev/null)" ] || bound
tap_ok $? "modprobe ch: ch loads, ntms keeps the changer"
echo 1 >"/sys/bus/scsi/devices/$changer/delete"
settle
host=${changer%%:*}
echo "- - -" >"/sys/class/scsi_host/host$host/scan"
settle
[ "$(driver_of "$changer")" = ntms ] || bound
tap_ok $? "hot-plug with ch and ntms loaded: ntms binds the changer"
"$DUMP" wait 1 60
rmmod ch ntms
modprobe ch
loaded ntms && [ "$(driver_of "$changer")" = ntms ] &&
	[ -z "$(ls /sys/class/scsi_changer 2>/dev/null)" ] || bound
tap_ok $? "modprobe ch with neither loaded: the softdep loads ntms first, ntms binds"
"$DUMP" wait 1 60

# --- giving a changer to ch, and back
echo "$changer" >/sys/bus/scsi/drivers/ntms/unbind
echo "$changer" >/sys/bus/scsi/drivers/ch/bind
settle
sch=$(ls /sys/class/scsi_changer 2>/dev/null)
[ "$(driver_of "$changer")" = ch ] && [ -n "$sch" ] && [ -c "/dev/$sch" ] || bound
tap_ok $? "unbind from ntms, bind to ch: ch owns it (/dev/$sch)"
echo "$changer" >/sys/bus/scsi/drivers/ch/unbind
echo "$changer" >/sys/bus/scsi/drivers/ntms/bind
settle
[ "$(driver_of "$changer")" = ntms ] && "$DUMP" wait 1 60 &&
	[ "$(cat "/sys/bus/scsi/devices/$changer/ntms_library")" = "$lib" ] || bound
tap_ok $? "and back to ntms: the same library $lib, ready"
unload ch

# --- /dev/tape/by-ntms
if with_udev "/dev/tape/by-ntms links of both drives"; then
	link_ok "$lib" 0 && link_ok "$lib" 1
	tap_ok $? "/dev/tape/by-ntms/$lib-drive0 and -drive1 (and -rewind) name the drives' tapes"
fi
if with_udev "a re-matched drive's links follow"; then
	t0=$(tape_dev "$lib" 0)
	n0=$(nst_of "$t0")
	echo "$lib 1" >"$t0/ntms_bind"
	settle
	[ "$(readlink -f "/dev/tape/by-ntms/$lib-drive1")" = "/dev/$n0" ] &&
		[ ! -e "/dev/tape/by-ntms/$lib-drive0" ]
	tap_ok $? "$n0 re-matched to drive 1: the drive1 link follows, drive0's goes"
	echo auto >"$t0/ntms_bind"
	# the tape that lost drive 1 is matched again on the next read
	echo 1 >"/sys/bus/scsi/devices/$changer/ntms_rescan"
	settle
fi
if with_udev "back to automatic matching: both links as before"; then
	link_ok "$lib" 0 && link_ok "$lib" 1
	tap_ok $? "back to automatic matching: both links as before"
fi
if with_udev "drive 1's tape removed: its links go"; then
	t1=$(tape_dev "$lib" 1)
	h1=$(basename "$t1")
	echo 1 >"$t1/delete"
	settle
	[ ! -e "/dev/tape/by-ntms/$lib-drive1" ] && link_ok "$lib" 0
	tap_ok $? "drive 1's tape removed: its links go, drive 0's stay"
fi
if with_udev "drive 1's tape re-added: its links are back"; then
	IFS=: read -r h c t l <<<"$h1"
	echo "$c $t $l" >"/sys/class/scsi_host/host$h/scan"
	settle
	# the tape is matched when it comes back
	for _ in $(seq 50); do link_ok "$lib" 1 && break; usleep 200000; settle; done
	link_ok "$lib" 1
	tap_ok $? "drive 1's tape re-added: its links are back"
fi

# --- who may do what
by_hand
as_user - ntmsctl list libraries >/tmp/o 2>&1
rc=$?
[ $rc != 0 ] && grep -q 'cannot open a session: ERROR_ACCESS_DENIED .*group of /dev/ntms (tape)' /tmp/o
tap_ok $? "a user outside the tape group cannot open /dev/ntms: $(head -1 /tmp/o)"
as_user $TAPE_GID ntmsctl list libraries >/tmp/o 2>&1 && grep -q "$lib" /tmp/o
tap_ok $? "a member of the tape group can"
media=A00000L6
# ntmsctl's name of the library (ntmsN)
name=$(ntmsctl list libraries | awk -v s="$lib" '$0 ~ s { print $1; exit }')
echo "# library $lib is $name for ntmsctl"
as_user $TAPE_GID ntmsctl mount "$media" --drive "$name:drive0" >/tmp/o 2>&1
rc=$?
[ $rc = 0 ] || sed 's/^/#   /' /tmp/o
tap_ok $rc "a member of the tape group mounts $media in drive 0 (USE)"
as_user $TAPE_GID ntmsctl dismount "$name:drive0" --wait >/tmp/o 2>&1
rc=$?
[ $rc != 0 ] && grep -q '^ntmsctl: dismount .*ERROR_ACCESS_DENIED' /tmp/o
tap_ok $? "but may not dismount the drive (MODIFY): $(head -1 /tmp/o)"
[ "$(cat "/sys/bus/scsi/devices/$changer/ntms_modify_gid")" = -1 ]
tap_ok $? "nobody has MODIFY in $lib yet"

# --- the persistent grant, as udev/examples/61-ntms-grants.rules sets it
if with_udev "ntms loaded again: the example rule grants MODIFY on bind"; then
	sed "s/LIBRARY_SERIAL/$lib/" "$top/udev/examples/61-ntms-grants.rules" \
		>/etc/udev/rules.d/61-ntms-grants.rules
	reload_udevd
	# as at the next boot: the module is loaded again, the grant set on bind
	unload ntms
	load_ntms
	"$DUMP" wait 1 60
	g=$(cat "/sys/bus/scsi/devices/$changer/ntms_modify_gid")
	[ "$g" = $GRANT_GID ] && loaded ntms || bound
	tap_ok $? "ntms loaded again: the example rule grants MODIFY to group $g on bind"
else
	echo $GRANT_GID >"/sys/bus/scsi/devices/$changer/ntms_modify_gid"
fi
as_user $TAPE_GID ntmsctl dismount "$name:drive0" --wait >/tmp/o 2>&1
rc=$?
[ $rc != 0 ] && grep -q '^ntmsctl: dismount .*ERROR_ACCESS_DENIED' /tmp/o
tap_ok $? "a member of tape alone still may not dismount"
as_user $TAPE_GID,$GRANT_GID ntmsctl dismount "$name:drive0" --wait >/tmp/o 2>&1
rc=$?
[ $rc = 0 ] || sed 's/^/#   /' /tmp/o
tap_ok $rc "a member of tape and of group $GRANT_GID dismounts drive 0"
if [ $udev = 1 ]; then
	rm -f /etc/udev/rules.d/61-ntms-grants.rules
	reload_udevd
fi

# --- every changer to ch for good: a file of the same name in
# /etc/modprobe.d replaces the package's /lib/modprobe.d/ntms.conf
mkdir -p /etc/modprobe.d
echo "blacklist ntms" >/etc/modprobe.d/ntms.conf
unload ntms
if [ $udev = 1 ]; then
	# udevd reads the modprobe configuration when it starts: start it
	# again, as the next boot does
	restart_udevd
	udevadm trigger --action=add "/sys/bus/scsi/devices/$changer"
	settle
	how="the changer's add event"
else
	modprobe ch
	how="modprobe ch"
fi
loaded ch && ! loaded ntms && [ "$(driver_of "$changer")" = ch ] || bound
tap_ok $? "/etc/modprobe.d/ntms.conf with blacklist ntms: $how gives the changer to ch"
rm -f /etc/modprobe.d/ntms.conf
unload ch
[ $udev = 0 ] || restart_udevd
tap_done
