#!/bin/bash
# walkthrough.sh section: print the README's walkthrough section (between
#   its "walkthrough begin" and "walkthrough end" markers), for the guest
#   check guest/checks/walkthrough to compare its run with.
# walkthrough.sh update TAPLOG: put what that check printed in a test run
#   (TAPLOG, e.g. build/logs/patched/tap.log.txt) into the README.
set -eu
. "$(dirname "$0")/lib.sh"

readme=$TOP/README.md
begin='<!-- walkthrough begin' end='<!-- walkthrough end -->'
grep -q "^$begin" "$readme" && grep -qx -- "$end" "$readme" ||
	die "README.md has no walkthrough markers ($begin ... / $end)"

case ${1:-} in
section)
	awk -v b="$begin" -v e="$end" 'index($0, b) == 1 {on = 1; next}
		$0 == e {on = 0} on' "$readme"
	;;
update)
	log=${2:-}
	[ -f "$log" ] || die "no test log $log: run make test (or make test KERNEL=patched) first"
	new=$(mktemp)
	trap 'rm -f "$new"' EXIT
	# The check's output, as run-tests indents it ("# " before each line).
	sed -n 's/^# //; /^=== walkthrough begin$/,/^=== walkthrough end$/p' "$log" |
		sed '1d;$d' > "$new"
	[ -s "$new" ] || die "$log has no walkthrough output: did the walkthrough check run?"
	awk -v b="$begin" -v e="$end" -v f="$new" '
		index($0, b) == 1 {print; while ((getline l < f) > 0) print l; skip = 1; next}
		$0 == e {skip = 0} !skip' "$readme" > "$readme.tmp"
	mv "$readme.tmp" "$readme"
	log "README.md: walkthrough section updated from ${log#$TOP/}"
	;;
*)
	die "usage: walkthrough.sh section | update TAPLOG"
	;;
esac
