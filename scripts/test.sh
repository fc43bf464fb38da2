#!/bin/bash
# test.sh NAME...: run the tests of each kernel NAME (kernels/NAME.conf:
# its image, initramfs, tests list and tags, timeouts, QEMU memory and
# command line) in one boot each, show its TAP and report, and end with one
# line over all of them: "N passed, N failed, N skipped". A kernel with
# one_boot_each= boots once more for each test with that tag. A boot whose
# inputs (image, initramfs, test selection, QEMU and report settings) are
# unchanged since it last passed is not booted again; its stored result is
# shown, marked as cached. FRESH=1 boots every kernel. TESTS=a,b runs only
# those tests (names from the kernel's list; no extra boots then).
set -eu
. "$(dirname "$0")/lib.sh"

# TESTS: names separated by commas (spaces work too: the kernel command
# line would split them, so they become commas here).
if [ -n "${TESTS:-}" ]; then
	TESTS=$(tr -s ' ,' ',,' <<< "$TESTS" | sed 's/^,//; s/,$//')
fi

# boot NAME BOOT TESTS HEADER: one boot of kernel NAME (its conf loaded by
# the caller) running TESTS (commas; empty: the whole list), its logs in
# build/logs/BOOT; HEADER is said first. Leaves the counts in
# build/logs/BOOT/counts.
boot() {
	local name=$1 bootname=$2 tests=$3 logs=$BUILD/logs/$2 key rc
	mkdir -p "$logs"
	[ -f "$image" ] || die "$name: no kernel image ${image#$TOP/} (make kernel-$name builds it)"
	[ -f "$initrd" ] || die "$name: no initramfs ${initrd#$TOP/}"
	key=$({ sha256sum < "$image"; sha256sum < "$initrd"
		echo "tests=$tests accel=${ACCEL:-tcg} cpu=${QEMU_CPU:-} slow=$slow mem=$node_mb $cmdline"
		cat "$TOP/scripts/qemu.sh" "$TOP/scripts/report.sh"; } |
		sha256sum | cut -d' ' -f1)
	echo "# kernel: $bootname (${image#$TOP/})"
	echo "# $bootname: $4"
	if [ -z "${FRESH:-}" ] && [ -f "$logs/passed" ] &&
	   [ "$(cat "$logs/passed")" = "$key" ]; then
		cat "$logs/tap.log.txt" "$logs/report.txt"
		echo "# $bootname: cached, passed $(date -r "$logs/passed" '+%F %T');" \
		     "image, initramfs and tests unchanged (FRESH=1 runs it again)"
		return 0
	fi
	rm -f "$logs/passed"
	rc=0
	guest_test "$logs" "$tests" || rc=$?
	if "$TOP/scripts/report.sh" "$logs" "$rc" > "$logs/report.txt"; then
		echo "$key" > "$logs/passed"
	fi
	keep_run "$logs"
	cat "$logs/report.txt"
}

# run_kernel NAME: every boot of kernel NAME; prints the names of its
# boots' log directories on fd 3.
run_kernel() (
	local name=$1 tests all not t
	load_kernel "$name"
	all=$(list_tests "$list" "" "" | paste -sd,)
	if [ -n "${TESTS:-}" ]; then	# those of TESTS that this list has
		tests=$(tr , '\n' <<< "$TESTS" | grep -xF -f <(tr , '\n' <<< "$all") | paste -sd,)
		if [ -z "$tests" ]; then
			echo "# $name: not run: its list (${list#$TOP/}) has none of TESTS"
			return
		fi
		boot "$name" "$name" "$tests" "$about; TESTS: ${tests//,/, }"
		echo "$name" >&3
		return
	fi
	tests=$(list_tests "$list" "$tags" "$exclude" | paste -sd,)
	[ -n "$tests" ] || die "kernels/$name.conf selects no test of ${list#$TOP/}"
	# The whole list is the empty selection, as before tags existed, so
	# that a kernel that runs everything keeps its cached result.
	[ "$tests" = "$all" ] && tests=
	if [ -n "$tags" ]; then	# a selection: say what runs
		boot "$name" "$name" "$tests" "$about; run here (tags: $tags): ${tests//,/, }"
	else
		not=$(list_tests "$list" "" "" | grep -vxF -f <(list_tests "$list" "" "$exclude") | paste -sd,)
		boot "$name" "$name" "$tests" "$about; not run here: ${not:-none}${exclude:+ (tags: $exclude)}"
	fi
	echo "$name" >&3
	[ -n "$one_boot_each" ] || return 0
	for t in $(list_tests "$list" "$one_boot_each" ""); do
		boot "$name" "$name-$t" "$t" "$about; $t alone (tag $one_boot_each: one boot each)"
		echo "$name-$t" >&3
	done
)

# Every name of TESTS must be in the list of one of the kernels.
if [ -n "${TESTS:-}" ]; then
	known=$(for name; do ( load_kernel "$name"; list_tests "$list" "" "" ); done | sort -u)
	for t in ${TESTS//,/ }; do
		grep -qxF -- "$t" <<< "$known" ||
			die "TESTS: no test '$t' in the lists of: $*"
	done
fi

total_pass=0 total_fail=0 total_skip=0
exec 4>&1
for name; do
	boots=$(run_kernel "$name" 3>&1 >&4)
	for b in $boots; do
		read -r p f s < "$BUILD/logs/$b/counts"
		total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
		total_skip=$((total_skip + s))
	done
done
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" = 0 ]
