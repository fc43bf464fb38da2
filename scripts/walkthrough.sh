#!/bin/bash
# The walkthrough's expected output is guest/checks/walkthrough.md: the
# guest check guest/checks/walkthrough compares its run with that file, and
# the README shows it between its "walkthrough begin" and "walkthrough
# end" markers (so that editing the README's prose changes no test input).
# walkthrough.sh readme: put guest/checks/walkthrough.md into the README.
# walkthrough.sh check: fail if the README's section differs from it.
# walkthrough.sh update TAPLOG: take what the check printed in a test run
#   (TAPLOG, e.g. build/logs/patched/tap.log.txt) into
#   guest/checks/walkthrough.md, then into the README.
set -eu
. "$(dirname "$0")/lib.sh"

readme=$TOP/README.md expected=$TOP/guest/checks/walkthrough.md
begin='<!-- walkthrough begin' end='<!-- walkthrough end -->'
grep -q "^$begin" "$readme" && grep -qx -- "$end" "$readme" ||
	die "README.md has no walkthrough markers ($begin ... / $end)"

section() {
	awk -v b="$begin" -v e="$end" 'index($0, b) == 1 {on = 1; next}
		$0 == e {on = 0} on' "$readme"
}
readme() {
	awk -v b="$begin" -v e="$end" -v f="$expected" '
		index($0, b) == 1 {print; while ((getline l < f) > 0) print l; skip = 1; next}
		$0 == e {skip = 0} !skip' "$readme" > "$readme.tmp"
	if cmp -s "$readme.tmp" "$readme"; then
		rm -f "$readme.tmp"
	else
		mv "$readme.tmp" "$readme"
		log "README.md: walkthrough section updated from ${expected#$TOP/}"
	fi
}

case ${1:-} in
readme)
	readme
	;;
check)
	section | cmp -s - "$expected" ||
		die "README.md's walkthrough differs from guest/checks/walkthrough.md: run make walkthrough"
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
	if ! cmp -s "$new" "$expected"; then
		cp "$new" "$expected"
		log "${expected#$TOP/}: updated from ${log#$TOP/}"
	fi
	readme
	;;
*)
	die "usage: walkthrough.sh readme | check | update TAPLOG"
	;;
esac
