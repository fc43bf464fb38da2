#!/bin/bash
# report.sh LOGDIR GUEST_RC: check the kernel log for splats, count the
# TAP results, print them as "# NAME: N passed, N failed, N skipped" and
# write "N N N" to LOGDIR/counts. Exits non-zero on any failure, splat, or
# a guest that did not finish.
set -eu
. "$(dirname "$0")/lib.sh"

logs=$1 guest_rc=$2
con=$logs/console.log tap=$logs/tap.log.txt
tr -d '\r' < "$logs/tap.log" > "$tap"

# Kernel reports that fail a run wherever they come from. An OOM report
# or a fault-injection stack dump is not one of them.
# Lockdep reports start with "WARNING: possible ..." and the like; the
# debug kernel's boot line "RCU lockdep checking is enabled" is not one.
splat='WARNING: CPU|WARNING: .*(possible|suspicious|inconsistent|bad unlock|held lock)|BUG:|kernel BUG at|Oops|general protection fault|Kernel panic|KASAN:|UBSAN:|KFENCE:|DEBUG_LOCKS_WARN_ON|turning off the locking correctness validator|INFO: task .* blocked|rcu: INFO|detected stall|Bad page|list_(add|del) corruption|refcount_t:'
splats=$(grep -aE "$splat" "$con" || true)

pass=$(grep -aE '^ok [0-9]+ ' "$tap" | grep -cv '# SKIP' || true)
skip=$(grep -aE '^ok [0-9]+ .*# SKIP' "$tap" | wc -l)
fail=$(grep -acE '^not ok [0-9]+ ' "$tap" || true)
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -1)
ran=$((pass + skip + fail))

release=$(grep -aom1 'Linux version [^ ]*' "$con" | cut -d' ' -f3 || echo '?')
if [ "$guest_rc" = 2 ] || [ -z "$planned" ] || [ "$ran" -lt "${planned:-1}" ]; then
	echo "not ok - guest finished all ${planned:-?} tests # ran $ran"
	fail=$((fail + 1))
fi
if [ -n "$splats" ]; then
	echo "not ok - kernel log free of warnings # $(printf '%s\n' "$splats" | wc -l) reports:"
	printf '%s\n' "$splats" | head -20 | sed 's/^/#   /'
	log "full kernel log: ${con#$TOP/}"
	fail=$((fail + 1))
else
	echo "ok - kernel log free of warnings"
	pass=$((pass + 1))
fi
echo "$pass $fail $skip" > "$logs/counts"
echo "# ${logs##*/} ($release): $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
