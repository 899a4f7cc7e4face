#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Drives matched to their tape devices whatever a changer says about them
# (smcsim's "dvcid" personalities, "vpd_port"): run with the method each
# library's drives must be matched by, in library order,
#
#   ntms_match.sh METHOD...     METHOD: dvcid, vpd or fallback
#
# For every library: each tape logical unit of the changer's target is
# its drive (rank in LUN order), in sysfs (ntms_library, ntms_drive,
# ntms_match) and no tape became a standalone library; a mount to a
# given drive loads the tape device mapped to it (TEST UNIT READY says
# so), mtx and ntms-mtx agree, the dismount works; the GUIDs and serials
# of the library and its drives are the same after ntms is reloaded and
# after the changer is deleted and found again. Prints TAP.
. "$(dirname "$0")/lib.sh"
top=${NTMS_TOP:-$(cd "$here/../../../.." && pwd)}
kdir=$top/build/${NTMS_KERNEL:-stock}
TURS=/usr/bin/sg_turs
expect=("$@")

ntms_wait "${#expect[@]}" 120 || { echo "not ok 1 libraries found"; exit 1; }

# Sysfs is read with $(< FILE), which bash does without a fork: on the
# debug kernel under TCG every fork and exec costs about 100 ms, and
# identities_again below polls.

# the tape logical units of target H:C:T, in LUN order
tapes_of() {
	local d
	for d in /sys/bus/scsi/devices/"$1":*; do
		[ "$(< "$d/type")" = 1 ] && echo "${d##*/}"
	done 2>/dev/null | sort -t: -k4,4n
}

# identities: the changer's, each tape's drive GUID and serial
identities() {
	local c t d
	for c in $(changers); do
		d=/sys/bus/scsi/devices/$c
		echo "$c $(< "$d/ntms_guid") $(< "$d/ntms_library")"
		for t in $(tapes_of "${c%:*}"); do
			d=/sys/bus/scsi/devices/$t
			echo "$t $(< "$d/ntms_guid") $(< "$d/ntms_drive")"
		done
	done
}

i=0
for c in $(changers); do
	want=${expect[$i]:-dvcid}
	lib=$(< "/sys/bus/scsi/devices/$c/ntms_library")
	g=("/sys/bus/scsi/devices/$c/scsi_generic/"sg*)
	sg=${g[0]##*/}
	k=0
	for t in $(tapes_of "${c%:*}"); do
		d=/sys/bus/scsi/devices/$t
		got="$(< "$d/ntms_library") $(< "$d/ntms_drive") $(< "$d/ntms_match")"
		[ "$got" = "$lib $k $want" ]
		tap_ok $? "$t is drive $k of $lib, matched by $want ($got)"
		k=$((k + 1))
	done

	# a mount to drive 1 loads the tape mapped to drive 1, and only it
	mapfile -t tl < <(tapes_of "${c%:*}")
	t1=${tl[1]}
	g=("/sys/bus/scsi/devices/$t1/scsi_tape/nst"*[0-9])
	nst=${g[0]##*/}
	drive=$(ntmsctl list drives | awk -v dev="/dev/$nst" '$8 == dev { print $1 }')
	tag=$("$MTX" -f "/dev/$sg" status | awk -F'VolumeTag=' '/Storage Element [0-9]+:Full/ { split($2, a, " "); print a[1]; exit }')
	ntmsctl mount "$tag" --drive "$drive" --timeout 60000 >/tmp/m.out 2>&1
	rc=$?
	tap_ok $rc "$lib: mount $tag to drive 1 ($drive, /dev/$nst)"
	[ $rc = 0 ] || sed 's/^/# /' /tmp/m.out
	ok=0
	for t in "${tl[@]}"; do
		g=("/sys/bus/scsi/devices/$t/scsi_generic/"sg*)
		tsg=${g[0]##*/}
		# ready: a cartridge; a unit attention (power on, medium
		# changed) is taken first
		ready=1
		for _ in 1 2 3; do
			"$TURS" "/dev/$tsg" >/dev/null 2>&1 && { ready=0; break; }
		done
		if [ "$t" = "$t1" ]; then
			[ $ready = 0 ] || ok=1
		else
			[ $ready = 0 ] && ok=1
		fi
	done
	tap_ok $ok "$lib: the tape device mapped to drive 1 holds the cartridge, no other"
	"$MTX" -f "/dev/$sg" status >/tmp/a.st
	ntms-mtx -f "/dev/$sg" status >/tmp/b.st
	tap_diff "$lib: mtx and ntms-mtx agree" /tmp/a.st /tmp/b.st
	ntmsctl dismount "$drive" --wait >/tmp/m.out 2>&1
	rc=$?
	tap_ok $rc "$lib: dismount drive 1"
	[ $rc = 0 ] || sed 's/^/# /' /tmp/m.out
	i=$((i + 1))
done
[ "$i" = "${#expect[@]}" ]
tap_ok $? "${#expect[@]} libraries"
n=$("$DUMP" libs | awk '$2 == 3' | wc -l)
[ "$n" = 0 ]
tap_ok $? "no tape became a standalone library ($n)"

# the administrator swaps the first two drives of the first library, then
# gives them back to automatic matching
c=$(changers | head -1)
lib=$(< "/sys/bus/scsi/devices/$c/ntms_library")
set -- $(tapes_of "${c%:*}")
t0=/sys/bus/scsi/devices/$1 t1=/sys/bus/scsi/devices/$2
was="$(< "$t0/ntms_match")"
echo "$lib 1" >"$t0/ntms_bind" && echo "$lib 0" >"$t1/ntms_bind"
got="$(< "$t0/ntms_drive") $(< "$t0/ntms_match") $(< "$t1/ntms_drive") $(< "$t1/ntms_match") $(< "$t0/ntms_bind")"
[ "$got" = "1 admin 0 admin $lib 1" ]
tap_ok $? "ntms_bind: the administrator swaps drives 0 and 1 ($got)"
echo auto >"$t0/ntms_bind" && echo auto >"$t1/ntms_bind"
got="$(< "$t0/ntms_drive") $(< "$t0/ntms_match") $(< "$t1/ntms_drive") $(< "$t0/ntms_bind")"
[ "$got" = "0 $was 1 auto" ]
tap_ok $? "ntms_bind auto: matched as before ($got)"
echo "nonsense" >"$t0/ntms_bind" 2>/dev/null
tap_ok $((! $?)) "ntms_bind refuses a line that is no LIBRARY N"

# identities_again: wait (30 s at most) until the identities are those
# from before, as the drives are matched once the changer has been read
identities_again() {
	local n
	for ((n = 0; n < 60; n++)); do
		identities >/tmp/id.after 2>/dev/null
		cmp -s /tmp/id.before /tmp/id.after && return 0
		sleep 0.5
	done
}

# the same identities after a reload, and after delete and rescan
identities >/tmp/id.before
rmmod ntms && insmod "$kdir/ntms.ko" && ntms_wait "${#expect[@]}" 120
identities_again
tap_diff "the same GUIDs and drives after ntms is reloaded" /tmp/id.before /tmp/id.after
c=$(changers | head -1)
echo 1 >"/sys/bus/scsi/devices/$c/delete"
echo "- - -" >"/sys/class/scsi_host/host${c%%:*}/scan"
ntms_wait "${#expect[@]}" 120
identities_again
tap_diff "the same GUIDs and drives after the changer is deleted and found again" /tmp/id.before /tmp/id.after
echo "1..$tap_n"
tap_done
