#!/bin/bash
# test.sh INITRAMFS NAME:BZIMAGE...: run the test suite on each kernel (one
# boot each), show its TAP and report, and end with one line over all of
# them: "N passed, N failed, N skipped". A kernel whose inputs (image,
# initramfs, test selection, QEMU and report settings) are unchanged since
# it last passed is not booted again; its stored result is shown, marked as
# cached. FRESH=1 boots every kernel.
set -eu
. "$(dirname "$0")/lib.sh"

initrd=$1
shift
DEBUG_EXCLUDE=${DEBUG_EXCLUDE:-hugetlb_fault_after_madv,charge_reserved_hugetlb,split_huge_page_test}
# What the fixes alone (KERNEL=fixes) must pass: the upstream hugetlb tests
# and the fixes' own selftests. The rest needs the features.
FIXES_TESTS=${FIXES_TESTS:-hugepage-mmap,hugepage-shm,map_hugetlb,hugepage-mremap,hugepage-vmemmap,hugetlb-madvise,hugetlb_fault_after_madv,hugetlb_madv_vs_map,charge_reserved_hugetlb,hugetlb_reparenting_test,hugetlb_surplus_resv,hugetlb_memcg_sigbus}
# The many-node guest (KERNEL=manynodes): the patched kernel booted with
# numa=fake=200 (fake nodes are at least 32 MiB: 2 x 3.5 GiB of memory),
# where a per-cpu block sized by the number of nodes would no longer fit.
MANYNODES_TESTS=${MANYNODES_TESTS:-hugetlb-stats-dirs,hugetlb_surplus_resv,hugetlb_memcg_sigbus,hugetlb_alloc_stats}
MANYNODES=${MANYNODES:-200}

test_names() {	# the names in tests.list, one a line
	grep -v -e '^#' -e '^[[:space:]]*$' "$TOP/guest/tests.list" | awk '{ print $1 }'
}
debug_tests() {	# the names in tests.list but not in DEBUG_EXCLUDE, comma-separated
	test_names |
		awk -v ex=",$DEBUG_EXCLUDE," '!index(ex, "," $1 ",") { printf "%s%s", sep, $1; sep = "," }'
}
# check_names VAR LIST: every name in LIST is in guest/tests.list.
check_names() {
	local t known
	known=$(test_names)
	for t in ${2//,/ }; do
		grep -qxF -- "$t" <<< "$known" ||
			die "$1: no test '$t' in guest/tests.list; there are: $(echo $known | tr ' ' ',')"
	done
}
# TESTS: names from guest/tests.list, separated by commas (spaces work too:
# the kernel command line would split them, so they become commas here).
if [ -n "${TESTS:-}" ]; then
	TESTS=$(tr -s ' ,' ',,' <<< "$TESTS" | sed 's/^,//; s/,$//')
	check_names TESTS "$TESTS"
fi
check_names FIXES_TESTS "$FIXES_TESTS"
check_names MANYNODES_TESTS "$MANYNODES_TESTS"
total_pass=0 total_fail=0 total_skip=0
for arg; do
	name=${arg%%:*} kernel=${arg#*:}
	logs=$BUILD/logs/$name
	mkdir -p "$logs"
	# KASAN, lockdep and friends make the debug kernel about ten times
	# slower under TCG: longer timeouts, and without the three upstream
	# tests that take minutes on the normal kernel already (DEBUG_EXCLUDE).
	tests=${TESTS:-} slow=1 tmo=${QEMU_TIMEOUT:-1800} node_mb=1024 args=
	if [ "$name" = debug ]; then
		slow=${DEBUG_SLOW:-5} tmo=${QEMU_TIMEOUT:-3600}
		[ -n "$tests" ] || tests=$(debug_tests)
	elif [ "$name" = fixes ]; then
		[ -n "$tests" ] || tests=$FIXES_TESTS
	elif [ "$name" = manynodes ]; then
		[ -n "$tests" ] || tests=$MANYNODES_TESTS
		# A larger log buffer: 200 nodes' boot lines would overflow
		# the default one before the console shows them.
		node_mb=3584 args="numa=fake=$MANYNODES hugeacct.nodes=$MANYNODES log_buf_len=4M"
	fi
	key=$({ sha256sum < "$kernel"; sha256sum < "$initrd"
		echo "tests=$tests accel=${ACCEL:-tcg} cpu=${QEMU_CPU:-} slow=$slow mem=$node_mb $args"
		cat "$TOP/scripts/qemu.sh" "$TOP/scripts/report.sh"; } |
		sha256sum | cut -d' ' -f1)
	echo "# kernel: $name (${kernel#$TOP/})"
	if [ "$tests" != "${TESTS:-}" ]; then
		case $name in
		debug) echo "# $name: not run on this kernel: ${DEBUG_EXCLUDE//,/, }" ;;
		fixes) echo "# $name: the first $FIXES patches only; run here: ${tests//,/, }" ;;
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
