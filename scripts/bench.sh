#!/bin/bash
# bench.sh INITRAMFS BASE_BZIMAGE PATCHED_BZIMAGE: boot the two kernels
# alternately, ROUNDS (5) times each under QEMU -icount (guest time counts
# instructions: repeatable; the base kernel a second time per round, for
# the A/A floor) and WALL_ROUNDS (2) times each under plain TCG (wall
# clock: noisy), run guest/bench/hugeacct-bench in each boot, and compare
# them (scripts/bench-report.py): build/bench/results.txt and
# build/bench/ratios.svg.
set -eu
. "$(dirname "$0")/lib.sh"

initrd=$1 base=$2 patched=$3
out=$BUILD/bench
rounds=${ROUNDS:-5} wall_rounds=${WALL_ROUNDS:-2}
rm -rf "$out"
mkdir -p "$out"

boot() {	# boot ACCEL NAME IMAGE ROUND
	local dir=$out/$1-$2-$4
	log "bench: $1, round $4, $2 kernel"
	ACCEL=$1 QEMU_TIMEOUT=${QEMU_TIMEOUT:-900} \
		"$TOP/scripts/qemu.sh" bench "$3" "$initrd" "$dir" ||
		die "bench: the $2 guest failed in round $4 ($1); see ${dir#$TOP/}/console.log"
}

# Each icount round boots the base kernel twice: base2 against base is the
# A/A comparison, the floor below which a ratio says nothing.
for r in $(seq 1 "$rounds"); do
	boot icount base "$base" "$r"
	boot icount patched "$patched" "$r"
	boot icount base2 "$base" "$r"
done
for r in $(seq 1 "$wall_rounds"); do
	boot tcg base "$base" "$r"
	boot tcg patched "$patched" "$r"
done
/usr/bin/python3 "$TOP/scripts/bench-report.py" "$out"
