#!/bin/bash
# build-selftests.sh SRC KOUT OUT [LIST]: build the mm selftests that LIST
# (default guest/tests.list) names, statically, against SRC's uapi headers
# (installed into KOUT so that SRC stays clean), into OUT. A 6.1 tree has
# them in selftests/vm (guest/tests-6.1.list); the bench's own programs
# are built only for the 6.12 series.
set -eu
. "$(dirname "$0")/lib.sh"

src=$(realpath "$1") kout=$(realpath -m "$2") out=$(realpath -m "$3")
list=${4:-$TOP/guest/tests.list}
mkdir -p "$out"
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/hugeacct-ccache}
make -s -C "$src" O="$kout" headers_install >/dev/null

mm=$src/tools/testing/selftests/mm
[ -d "$mm" ] || mm=$src/tools/testing/selftests/vm
progs= scripts=
while read -r name _ _ _ rest; do
	case $name in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	set -- $rest
	# guest/bin/hugetlbfs-run CMD..., guest/bin/as-nobody CMD...
	case $1 in hugetlbfs-run|as-nobody) shift ;; esac
	# The kernel's own runner: the programs of the categories it runs.
	if [ "$1" = ./run_vmtests.sh ]; then
		for p in $(sed -n 's/^[[:space:]]*CATEGORY="\(hugetlb\|thp\)" run_test \.\/\([^ ]*\).*/\2/p' \
				"$mm/run_vmtests.sh"); do
			case $p in
			*.sh) scripts="$scripts $p" ;;
			*) progs="$progs $out/$p" ;;
			esac
		done
		scripts="$scripts run_vmtests.sh"
	fi
	case $1 in
	./*.sh) scripts="$scripts ${1#./}" ;;
	./*) progs="$progs $out/${1#./}" ;;
	*) ;;	# not a selftest (guest/checks)
	esac
done < "$list"
# Helpers that the shell tests call.
progs="$progs $out/write_to_hugetlbfs"
scripts="$scripts write_hugetlb_memory.sh"

[ -e "$out/write_to_hugetlbfs" ] ||
	log "building mm selftests into ${out#$TOP/} (about 1 min the first time)"
# selftests_make LOG [VAR=value...] PROGRAM...: build into $out; the
# compiler's output goes to LOG (V=1: to the terminal too).
selftests_make() {
	local logf=$1
	shift
	quietly "$logf" make -s -C "$mm" OUTPUT="$out" \
		KHDR_INCLUDES="-isystem $kout/usr/include" CC="ccache gcc" \
		LDFLAGS=-static "$@" ||
		die "selftests build failed in ${out#$TOP/} (${logf#$TOP/})"
}
# 6.12.118's khugepaged.c uses KSFT_SKIP without including kselftest.h
# (the stable tree's own build failure, not the series'): that program
# alone is built with the header included.
fixinc=
if grep -q KSFT_SKIP "$mm/khugepaged.c" 2>/dev/null &&
   ! grep -q 'kselftest.h' "$mm/khugepaged.c"; then
	case " $progs " in *" $out/khugepaged "*)
		fixinc=$out/khugepaged
		# shellcheck disable=SC2086
		progs=$(printf '%s\n' $progs | grep -vxF "$fixinc") ;;
	esac
fi
# shellcheck disable=SC2046,SC2086
selftests_make "$out/build.log" $(printf '%s\n' $progs | sort -u)
[ -z "$fixinc" ] ||
	selftests_make "$out/build-khugepaged.log" \
		USERCFLAGS="-include $mm/../kselftest.h" "$fixinc"
for s in $(printf '%s\n' $scripts | sort -u); do
	install -m 755 "$mm/$s" "$out/$s"
done
[ "$list" = "$TOP/guest/tests.list" ] || exit 0
# The microbenchmarks of make bench run in the same guest.
ccache gcc -O2 -Wall -static -o "$out/hugeacct-bench" "$TOP/guest/bench/hugeacct-bench.c"
# The program of the README walkthrough (guest/checks/walkthrough), which
# the trace-cmd and node-exporter checks use too.
ccache gcc -O2 -Wall -static -o "$out/hugeacct-demo" "$TOP/guest/checks/hugeacct-demo.c"
# Which anon counters a PMD THP fault moves (guest/checks/pmd-fault-stats).
ccache gcc -O2 -Wall -static -o "$out/pmd-fault-stats" "$TOP/guest/checks/pmd-fault-stats.c"
