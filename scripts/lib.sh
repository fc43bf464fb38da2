# Common helpers for the bench scripts; sourced, not run.
# shellcheck shell=bash

die() { printf 'hugeacct: error: %s\n' "$*" >&2; exit 1; }
log() { printf 'hugeacct: %s\n' "$*" >&2; }

# Root of the repository and of the build directory.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
# LINE picks the series: 6.12 (patches/, the default) or 6.1 (the fixes
# backported to 6.1 LTS, patches/stable-6.1/). Each has its own git tree:
# base commit (the pristine source) + one commit per patch.
LINE=${LINE:-6.12}
case $LINE in
6.12)	TREE=$BUILD/linux PATCHES=$TOP/patches ;;
6.1)	TREE=$BUILD/linux-6.1 PATCHES=$TOP/patches/stable-6.1 ;;
*)	die "LINE=$LINE: the series are for 6.12 and 6.1" ;;
esac

# The series starts with FIXES patches that stand on their own, for stable
# and distro kernels: the fixes and the selftests that show them. The
# features follow. KERNEL=fixes builds and tests just these.
FIXES=7

# Fixed identity and date for the base commit, so that its hash (and the
# hashes of the commits applied on top) do not depend on when or where the
# tree was made.
BASE_DATE='2024-11-17T00:00:00+0000'

# hash_files FILE...: one hash over the names and contents of the files.
hash_files() {
	local f
	for f in "$@"; do
		printf '%s\n' "${f##*/}"
		cat "$f"
	done | sha256sum | cut -d' ' -f1
}

# series_files: the patch files named by $PATCHES/series, in order.
series_files() {
	local p
	[ -f "$PATCHES/series" ] || return 0
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		printf '%s\n' "$PATCHES/$p"
	done < "$PATCHES/series"
}

# keep_run LOGDIR: copy the run's console log, TAP and report to
# LOGDIR/runs/<time>/, so that a later run does not overwrite them.
keep_run() {
	local dir
	dir=$1/runs/$(date +%Y%m%d-%H%M%S)
	mkdir -p "$dir"
	cp "$1"/console.log "$1"/tap.log.txt "$1"/report.txt "$dir"/ 2>/dev/null || true
}

# quietly LOG CMD...: run CMD with its output in LOG, or with V=1 on the
# terminal as well. On failure, show the error lines of LOG and its path.
quietly() {
	local logf=$1 rc=0
	shift
	if [ "${V:-0}" = 1 ]; then
		"$@" 2>&1 | tee "$logf"
		return "${PIPESTATUS[0]}"
	fi
	"$@" > "$logf" 2>&1 || rc=$?
	if [ "$rc" != 0 ]; then
		grep -E -A3 'error|Error|\*\*\*' "$logf" | tail -40 >&2
		log "the whole output: ${logf#$TOP/}"
	fi
	return "$rc"
}
