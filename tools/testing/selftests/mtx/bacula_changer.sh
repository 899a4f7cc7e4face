#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bacula's own changer script through ntms. Debian's bacula-sd package
# ships /etc/bacula/scripts/mtx-changer (the initramfs has it, as the
# package has it, in /usr/share/ntms-test/bacula): installed as an
# administrator would, with only its MTX= line pointing at ntms-mtx, every
# command it has gives the output, exit status and library afterwards that
# the unchanged script gives with Debian's mtx, from the same states. Then
# ntms-changer, the same protocol without the script, against the script
# (lines without mtx's trailing padding), and what only ntms does: a load
# whose cartridge is in another drive waits for it. Prints TAP.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

pkg=/usr/share/ntms-test/bacula
etc=/etc/bacula/scripts
nmtx=$(command -v ntms-mtx)

# install it: the package's files, then the one line an administrator edits
mkdir -p "$etc" /var/lib/bacula
cp -p "$pkg/mtx-changer" "$pkg/mtx-changer.conf" "$etc/"
sed -i "s|^MTX=.*|MTX=$nmtx|" "$etc/mtx-changer"
sed 's|^MTX=.*|MTX=/usr/sbin/mtx|' "$etc/mtx-changer" | cmp -s - "$pkg/mtx-changer" &&
	[ "$(grep -c "^MTX=$nmtx\$" "$etc/mtx-changer")" = 1 ]
tap_ok $? "the installed mtx-changer differs from the package's in its MTX= line alone"

raw=$pkg/mtx-changer		# Debian's script, Debian's mtx
ours=$etc/mtx-changer		# Debian's script, ntms-mtx

read -r sg hctl < <(changers)
dbg=$(simlib "$hctl")
n=$(grep -c '^st ' "$dbg/elements")
ie=$(grep -c '^ie ' "$dbg/elements")
t0=$(tape_of "$hctl" 0)
t1=$(tape_of "$hctl" 1)
ctl=/dev/$sg

# script HOW ARGS...: the script with mtx and with ntms-mtx
script() {
	local how=$1
	shift
	same_effect "mtx-changer $*: through ntms-mtx = through mtx" \
		"$sg" "$hctl" "$how" "$raw $*" "$ours $*"
}

# move HOW ARGS...: a command that moves, from the state HOW (setup) three
# times: the script with mtx, the script with ntms-mtx, ntms-changer. The
# script gives the same output, status and library after with either
# mtx; ntms-changer the same as the script (lines without mtx's trailing
# padding). The script through ntms-mtx runs once for both checks.
move() {
	local how=$1 r ok bad=0
	shift
	for r in "raw:$raw" "ours:$ours" "nc:ntms-changer"; do
		if setup "$sg" "$hctl" "$how"; then
			run "${r%%:*}" eval "${r#*:} $*"
		else
			echo "# setup '$how' failed"
			bad=1
		fi
		copy "$dbg/elements" "$tmp/${r%%:*}.state"
	done
	[ $bad = 0 ] && same_files raw ours &&
		same_bytes "$tmp/raw.state" "$tmp/ours.state"
	ok=$?
	[ $ok = 0 ] || diff -u "$tmp/raw.state" "$tmp/ours.state" | sed 's/^/#   /' | head -20
	tap_ok $ok "mtx-changer $*: through ntms-mtx = through mtx${how:+ ($how)}"
	sed -i 's/[[:blank:]]*$//' "$tmp"/ours.out "$tmp"/ours.err "$tmp"/nc.out "$tmp"/nc.err
	[ $bad = 0 ] && same_files ours nc &&
		same_bytes "$tmp/ours.state" "$tmp/nc.state"
	ok=$?
	[ $ok = 0 ] || diff -u "$tmp/ours.state" "$tmp/nc.state" | sed 's/^/#   /' | head -20
	tap_ok $ok "ntms-changer $*: = mtx-changer${how:+ ($how)}"
}

# the commands that only read: each state made once, every command on it
for how in "" "load 2 0" "load 2 0; load 5 1" "load 2 1; transfer 1 2" \
	   "insert NEW001L6" "insert -"; do
	setup "$sg" "$hctl" "$how" || echo "# setup '$how' failed"
	for args in slots list listall "loaded 0 $t0 0" "loaded 0 $t1 1"; do
		same_read "mtx-changer $ctl $args: through ntms-mtx = through mtx${how:+ ($how)}" \
			"$hctl" "$raw $ctl $args" "$ours $ctl $args"
		same_read "ntms-changer $ctl $args: = mtx-changer${how:+ ($how)}" \
			"$hctl" "$ours $ctl $args" "ntms-changer $ctl $args" trim
	done
done

# a failed load: mtx-changer prints mtx's messages, but then waits 300 s
# for the drive to come online all the same; ntms-changer does not wait:
# against ntms-mtx (whose messages equal mtx's: mtx_compat.sh), stdout and
# stderr in one
failed_load() {
	local how=$1 slot=$2 dev=$3 drive=$4
	same_effect "ntms-changer $ctl load $slot $dev $drive: = ntms-mtx load $slot $drive 2>&1" \
		"$sg" "$hctl" "$how" "ntms-mtx -f $ctl load $slot $drive 2>&1" \
		"ntms-changer $ctl load $slot $dev $drive"
}

move "" "$ctl" load 3 "$t0" 0
move "" "$ctl" load 4 "$t1" 1
move "insert NEW001L6" "$ctl" load $((n + 1)) "$t0" 0
move "load 3 0" "$ctl" unload 3 "$t0" 0
move "load 3 0" "$ctl" unload "$n" "$t0" 0
move "" "$ctl" transfer 1 "$n"
move "" "$ctl" transfer 1 $((n + 1))
# the errors the storage daemon reports to the operator
move "load 2 0" "$ctl" unload 3 "$t0" 0
move "" "$ctl" unload 3 "$t0" 0
move "" "$ctl" transfer 1 2
move "" "$ctl" transfer "$n" 1
move "" "$ctl" transfer 1 $((n + ie + 1))
failed_load "" $((n + 1)) "$t0" 0
failed_load "" "$n" "$t0" 0
failed_load "load 2 0" 3 "$t0" 0
failed_load "" $((n + ie + 1)) "$t0" 0
failed_load "" 1 "$t0" 7
# the script's usage errors (ntms-changer's say ntms-changer)
script "" "$ctl"
script "" "$ctl" load 1
script "" "$ctl" transfer 1

# ntms-changer's usage: the script's, under its own name, exit 1
ntms-changer "$ctl" >"$tmp/u" 2>&1
rc=$?
ok=1
[ $rc = 1 ] && grep -q '^ERROR: usage: ntms-changer ctl-device command' "$tmp/u" && ok=0
tap_ok $ok "ntms-changer with one argument: usage, exit 1"
ntms-changer "$ctl" load 1 "$t0" >"$tmp/u" 2>&1
rc=$?
ok=1
[ $rc = 1 ] && grep -q 'Command expected 5 arguments' "$tmp/u" && ok=0
tap_ok $ok "ntms-changer load with four arguments: usage, exit 1"
setup "$sg" "$hctl" ""
ntms-changer "$ctl" bogus 1 "$t0" 0 >"$tmp/u" 2>&1
rc=$?
ok=1
[ $rc = 1 ] && grep -q "unknown command 'bogus'" "$tmp/u" && ok=0
tap_ok $ok "ntms-changer bogus: an error, exit 1"

# other names of the library for CTL
for name in ntms0 "$(cat "/sys/bus/scsi/devices/$hctl/ntms_guid")"; do
	ntms-changer "$name" listall >"$tmp/x" 2>&1
	ntms-changer "$ctl" listall | cmp -s - "$tmp/x"
	tap_ok $? "ntms-changer $name listall = ntms-changer $ctl listall"
done

# a load returns when the drive is ready for I/O
setup "$sg" "$hctl" ""
ntms-changer "$ctl" load 3 "$t0" 0 >/dev/null
mt -f "$t0" status 2>&1 | grep -q ONLINE
tap_ok $? "after ntms-changer load the drive is online"

# ntms only: a load whose cartridge another drive holds waits for it to
# come home, instead of failing "Source Element ... is Empty"
setup "$sg" "$hctl" "load 3 0"
ntms-changer "$ctl" load 3 "$t1" 1 >"$tmp/w" 2>&1 &
pid=$!
sleep 2
ok=1
if kill -0 $pid 2>/dev/null; then
	ntms-changer "$ctl" unload 3 "$t0" 0 >/dev/null
	wait $pid && grep -qx "Loading media from Storage Element 3 into drive 1...done" "$tmp/w" &&
		ntms-changer "$ctl" loaded 0 "$t1" 1 | grep -qx 3 && ok=0
else
	echo "# the load did not wait:"
	sed 's/^/#   /' "$tmp/w"
fi
tap_ok $ok "ntms-changer load of a cartridge in another drive waits until it is home"
setup "$sg" "$hctl" "load 3 0"
NTMS_MTX_TIMEOUT=1 ntms-changer "$ctl" load 3 "$t1" 1 >"$tmp/w" 2>&1
rc=$?
ok=1
[ $rc = 1 ] && grep -q 'did not carry the move out in 1 s' "$tmp/w" &&
	ntms-changer "$ctl" loaded 0 "$t1" 1 | grep -qx 0 && ok=0
tap_ok $ok "NTMS_MTX_TIMEOUT bounds that wait: exit 1, nothing moved"
setup "$sg" "$hctl" ""
tap_done
