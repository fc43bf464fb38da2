#!/bin/bash
# soak.sh NAME TEST RUNS: boot kernel NAME (kernels/NAME.conf) RUNS times
# and run TEST (a name from its tests list) in each boot, to show that a
# rare failure is gone or to catch it again. Every run's console log, TAP
# and report stay in build/soak/NAME-TEST/<time>/NNN/. Stops at the first
# failed run (its directory is printed); the last line says how many runs
# were clean. Each run is a fresh boot, so each gets a new random seed.
set -eu
. "$(dirname "$0")/lib.sh"

name=$1 test=$2 runs=$3
load_kernel "$name"
list_tests "$list" "" "" | grep -qxF -- "$test" ||
	die "SOAK_TEST=$test is not in ${list#$TOP/}"
case $runs in ''|*[!0-9]*) die "RUNS=$runs: give a number" ;; esac

# One directory per soak, so that no run's logs are overwritten.
dir=$BUILD/soak/$name-$test/$(date +%Y%m%d-%H%M%S)
mkdir -p "$dir"
# The soak boots its own copies, so that a rebuild meanwhile changes nothing.
cp "$image" "$dir/bzImage" && cp "$initrd" "$dir/initramfs.cpio.gz"
image=$dir/bzImage initrd=$dir/initramfs.cpio.gz
clean=0 start=$(date +%s)
for i in $(seq 1 "$runs"); do
	run=$dir/$(printf '%03d' "$i")
	rc=0
	guest_test "$run" "$test" > /dev/null 2>&1 || rc=$?
	if ! "$TOP/scripts/report.sh" "$run" "$rc" > "$run/report.txt" 2>&1; then
		echo "# run $i of $runs failed: ${run#$TOP/}"
		grep -aE '^(not ok|# .*(seed|violated|failed|expected))' "$run/tap.log.txt" "$run/report.txt" |
			head -20 | sed 's/^/#   /'
		echo "$clean clean runs of $test on $name, then run $i failed"
		exit 1
	fi
	clean=$((clean + 1))
	seed=$(grep -aom1 'seed [0-9]*' "$run/tap.log.txt" || true)
	echo "ok $i $test on $name${seed:+ # $seed}"
done
echo "$clean clean runs of $test on $name in $(( $(date +%s) - start )) s (logs in ${dir#$TOP/})"
