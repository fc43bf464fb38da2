#!/bin/bash
# test.sh NAME:BZIMAGE:INITRAMFS...: run the test suite on each kernel (one
# boot each), show its TAP and report, and end with one line over all of
# them: "N passed, N failed, N skipped". The 6.1 kernels (stable-6.1,
# base-6.1) run guest/tests-6.1.list; base-6.1 boots once more for each
# case of hugetlb_surplus_resv, to show which of them fail on plain 6.1. A kernel whose inputs (image,
# initramfs, test selection, QEMU and report settings) are unchanged since
# it last passed is not booted again; its stored result is shown, marked as
# cached. FRESH=1 boots every kernel.
set -eu
. "$(dirname "$0")/lib.sh"

DEBUG_EXCLUDE=${DEBUG_EXCLUDE:-hugetlb_fault_after_madv,charge_reserved_hugetlb,split_huge_page_test,memcg-percpu}
# What the fixes alone (KERNEL=fixes) must pass: the upstream hugetlb tests
# and the fixes' own selftests. The rest needs the features.
FIXES_TESTS=${FIXES_TESTS:-hugepage-mmap,hugepage-shm,map_hugetlb,hugepage-mremap,hugepage-vmemmap,hugetlb-madvise,hugetlb_fault_after_madv,hugetlb_madv_vs_map,charge_reserved_hugetlb,hugetlb_reparenting_test,hugetlb_surplus_resv,hugetlb_memcg_sigbus}
# The many-node guest (KERNEL=manynodes): the patched kernel booted with
# numa=fake=200 (fake nodes are at least 32 MiB: 2 x 3.5 GiB of memory),
# where a per-cpu block sized by the number of nodes would no longer fit.
MANYNODES_TESTS=${MANYNODES_TESTS:-hugetlb-stats-dirs,hugetlb_surplus_resv,hugetlb_memcg_sigbus,hugetlb_alloc_stats}
MANYNODES=${MANYNODES:-200}
# Not run on the 6.1 kernels: 6.1.192 has the kernel side of 8ebe0a5eaaeb
# ("mm,madvise,hugetlb: fix unexpected data loss with MADV_DONTNEED on
# hugetlbfs", MADV_DONTNEED rounds an unaligned end down), but its
# selftests/vm/hugetlb-madvise still expects the old rounding up and fails
# on plain 6.1.192 as well ("Unexpected number of free huge pages line
# 212"). KERNEL=base-6.1 runs it, to show that.
STABLE61_EXCLUDE=${STABLE61_EXCLUDE:-hugetlb-madvise}

list=$TOP/guest/tests.list
test_names() {	# the names in $list, one a line
	grep -v -e '^#' -e '^[[:space:]]*$' "$list" | awk '{ print $1 }'
}
without() {	# EXCLUDE: the names on stdin that are not in EXCLUDE, comma-separated
	awk -v ex=",$1," '!index(ex, "," $1 ",") { printf "%s%s", sep, $1; sep = "," }'
}
debug_tests() { test_names | without "$DEBUG_EXCLUDE"; }
# check_names VAR LIST: every name in LIST is in $list.
check_names() {
	local t known
	known=$(test_names)
	for t in ${2//,/ }; do
		grep -qxF -- "$t" <<< "$known" ||
			die "$1: no test '$t' in ${list#$TOP/}; there are: $(echo $known | tr ' ' ',')"
	done
}
# The 6.1 run: every test of the 6.1 list but the one-case entries and
# STABLE61_EXCLUDE, comma-separated.
stable61_tests() { test_names | grep -v '_[0-9]*$' | without "$STABLE61_EXCLUDE"; }
# TESTS: names from guest/tests.list, separated by commas (spaces work too:
# the kernel command line would split them, so they become commas here).
is61() { case $1 in *-6.1|*-6.1-*) return 0 ;; esac; return 1; }
if [ -n "${TESTS:-}" ]; then
	TESTS=$(tr -s ' ,' ',,' <<< "$TESTS" | sed 's/^,//; s/,$//')
fi
check_names FIXES_TESTS "$FIXES_TESTS"
check_names MANYNODES_TESTS "$MANYNODES_TESTS"
# base-6.1: one more boot per case of hugetlb_surplus_resv (name
# base-6.1-caseN), unless TESTS picks the tests.
runs=()
for arg; do
	runs+=("$arg")
	[ "${arg%%:*}" = base-6.1 ] && [ -z "${TESTS:-}" ] || continue
	list=$TOP/guest/tests-6.1.list
	for c in $(test_names | sed -n 's/^hugetlb_surplus_resv_\([0-9]*\)$/\1/p'); do
		runs+=("base-6.1-case$c:${arg#*:}")
	done
done
total_pass=0 total_fail=0 total_skip=0
for arg in "${runs[@]}"; do
	name=${arg%%:*} kernel=${arg#*:} initrd=${arg##*:}
	kernel=${kernel%:*}
	list=$TOP/guest/tests.list
	is61 "$name" && list=$TOP/guest/tests-6.1.list
	[ -z "${TESTS:-}" ] || check_names TESTS "$TESTS"
	logs=$BUILD/logs/$name
	mkdir -p "$logs"
	# KASAN, lockdep and friends make the debug kernel about ten times
	# slower under TCG: longer timeouts, and without the three upstream
	# tests that take minutes on the normal kernel already and the memcg
	# per-cpu measurement (2000 memcgs: over 600 s there) (DEBUG_EXCLUDE).
	tests=${TESTS:-} slow=1 tmo=${QEMU_TIMEOUT:-1800} node_mb=1024 args=
	case $name in
	debug|*-debug) slow=${DEBUG_SLOW:-5} tmo=${QEMU_TIMEOUT:-3600} ;;
	esac
	case $name in
	debug) [ -n "$tests" ] || tests=$(debug_tests) ;;
	fixes) [ -n "$tests" ] || tests=$FIXES_TESTS ;;
	stable-6.1|stable-6.1-debug) [ -n "$tests" ] || tests=$(stable61_tests) ;;
	base-6.1) [ -n "$tests" ] || tests=$(stable61_tests),$STABLE61_EXCLUDE ;;
	base-6.1-case*) [ -n "$tests" ] || tests=hugetlb_surplus_resv_${name#base-6.1-case} ;;
	manynodes)
		[ -n "$tests" ] || tests=$MANYNODES_TESTS
		# A larger log buffer: 200 nodes' boot lines would overflow
		# the default one before the console shows them.
		node_mb=3584 args="numa=fake=$MANYNODES hugeacct.nodes=$MANYNODES log_buf_len=4M"
		;;
	esac
	key=$({ sha256sum < "$kernel"; sha256sum < "$initrd"
		echo "tests=$tests accel=${ACCEL:-tcg} cpu=${QEMU_CPU:-} slow=$slow mem=$node_mb $args"
		cat "$TOP/scripts/qemu.sh" "$TOP/scripts/report.sh"; } |
		sha256sum | cut -d' ' -f1)
	echo "# kernel: $name (${kernel#$TOP/})"
	if [ "$tests" != "${TESTS:-}" ]; then
		case $name in
		debug) echo "# $name: not run on this kernel: ${DEBUG_EXCLUDE//,/, }" ;;
		fixes) echo "# $name: the first $FIXES patches only; run here: ${tests//,/, }" ;;
		stable-6.1*) echo "# $name: 6.1.y with patches/stable-6.1; not run: ${STABLE61_EXCLUDE//,/, } (see scripts/test.sh)" ;;
		base-6.1*) echo "# $name: plain 6.1.y; run here: ${tests//,/, }" ;;
		*) echo "# $name: $args; run here: ${tests//,/, }" ;;
		esac
	fi
	if [ -z "${FRESH:-}" ] && [ -f "$logs/passed" ] &&
	   [ "$(cat "$logs/passed")" = "$key" ]; then
		cat "$logs/tap.log.txt" "$logs/report.txt"
		echo "# $name: cached, passed $(date -r "$logs/passed" '+%F %T');" \
		     "image, initramfs and tests unchanged (FRESH=1 runs it again)"
	else
		rm -f "$logs/passed"
		rc=0
		# shellcheck disable=SC2086
		QEMU_TIMEOUT=$tmo QEMU_NODE_MB=$node_mb "$TOP/scripts/qemu.sh" test \
			"$kernel" "$initrd" "$logs" "hugeacct.tests=$tests" \
			"hugeacct.slow=$slow" $args || rc=$?
		if "$TOP/scripts/report.sh" "$logs" "$rc" > "$logs/report.txt"; then
			echo "$key" > "$logs/passed"
		fi
		keep_run "$logs"
		cat "$logs/report.txt"
	fi
	read -r p f s < "$logs/counts"
	total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
done
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" = 0 ]
