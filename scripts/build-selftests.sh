#!/bin/bash
# build-selftests.sh SRC KOUT OUT: build the mm selftests that
# guest/tests.list names, statically, against SRC's uapi headers
# (installed into KOUT so that SRC stays clean), into OUT.
set -eu
. "$(dirname "$0")/lib.sh"

src=$(realpath "$1") kout=$(realpath -m "$2") out=$(realpath -m "$3")
mkdir -p "$out"
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/hugeacct-ccache}
make -s -C "$src" O="$kout" headers_install >/dev/null

mm=$src/tools/testing/selftests/mm
progs= scripts=
while read -r name _ _ cmd _; do
	case $name in ''|'#'*) continue ;; esac
	case $cmd in
	./*.sh) scripts="$scripts ${cmd#./}" ;;
	./*) progs="$progs $out/${cmd#./}" ;;
	*) ;;	# not a selftest (guest/checks)
	esac
done < "$TOP/guest/tests.list"
# Helpers that the shell tests call.
progs="$progs $out/write_to_hugetlbfs"
scripts="$scripts write_hugetlb_memory.sh"

[ -e "$out/hugeacct-bench" ] ||
	log "building mm selftests into ${out#$TOP/} (about 1 min the first time)"
# shellcheck disable=SC2086
make -s -C "$mm" OUTPUT="$out" KHDR_INCLUDES="-isystem $kout/usr/include" \
	CC="ccache gcc" LDFLAGS=-static $progs
for s in $scripts; do
	install -m 755 "$mm/$s" "$out/$s"
done
# The microbenchmarks of make bench run in the same guest.
ccache gcc -O2 -Wall -static -o "$out/hugeacct-bench" "$TOP/guest/bench/hugeacct-bench.c"
# The program of the README walkthrough (guest/checks/walkthrough), which
# the trace-cmd and node-exporter checks use too.
ccache gcc -O2 -Wall -static -o "$out/hugeacct-demo" "$TOP/guest/checks/hugeacct-demo.c"
