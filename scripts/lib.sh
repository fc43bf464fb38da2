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

# The kernels the bench can boot: kernels/<name>.conf each (kernels/README
# lists the keys). kernel_names prints their names.
kernel_names() {
	local f
	for f in "$TOP"/kernels/*.conf; do
		f=${f##*/}
		printf '%s\n' "${f%.conf}"
	done
}

# load_kernel NAME: set the keys of kernels/NAME.conf, every key first
# reset to its default, so nothing stays from a kernel loaded before; then
# the derived ones: image, initrd, list (the line's tests list), tree (the
# line's git tree). Call it in a subshell or a function's own scope.
load_kernel() {
	local f=$TOP/kernels/$1.conf
	[ -f "$f" ] || die "KERNEL=$1: no kernels/$1.conf; there are: $(kernel_names | paste -sd' ')"
	about= line=6.12 rev=head src= out= same_as= localversion= fragments=
	initramfs=small tags= exclude= one_boot_each= slow=1 timeout=1800
	node_mb=1024 cmdline= default=
	# shellcheck disable=SC1090
	. "$f"
	case $line in
	6.12) tree=linux list=$TOP/guest/tests.list ;;
	6.1) tree=linux-6.1 list=$TOP/guest/tests-6.1.list ;;
	*) die "kernels/$1.conf: line=$line: the series are for 6.12 and 6.1" ;;
	esac
	[ -n "$src" ] || src=$tree
	# Another commit needs a worktree of its own: worktree.sh replaces src.
	[ "$rev" = head ] || [ "$src" != "$tree" ] ||
		die "kernels/$1.conf: rev=$rev needs src= (a worktree of its own, not build/$tree)"
	if [ -n "$same_as" ]; then
		image=$( load_kernel "$same_as"; echo "$image" )
	else
		[ -n "$out" ] || die "kernels/$1.conf: no out= (its build directory)"
		image=$BUILD/$out/arch/x86/boot/bzImage
	fi
	case $initramfs in
	small) initrd=$BUILD/initramfs.cpio.gz ;;
	clients) initrd=$BUILD/initramfs-clients.cpio.gz ;;
	6.1) initrd=$BUILD/initramfs-6.1.cpio.gz ;;
	*) die "kernels/$1.conf: initramfs=$initramfs: use small, clients or 6.1" ;;
	esac
}

# guest_test LOGS TESTS: boot $image with $initrd running TESTS (commas),
# with $slow, $node_mb, $cmdline and $timeout (QEMU_TIMEOUT overrides it)
# of the kernel load_kernel loaded (or a caller set); qemu.sh's status.
guest_test() {
	# shellcheck disable=SC2086
	QEMU_TIMEOUT=${QEMU_TIMEOUT:-$timeout} QEMU_NODE_MB=$node_mb \
		"$TOP/scripts/qemu.sh" test "$image" "$initrd" "$1" \
		"hugeacct.tests=$2" "hugeacct.slow=$slow" $cmdline
}

# list_tests LIST TAGS EXCLUDE: the names of LIST (a tests list) that carry
# one of TAGS (every test when TAGS is empty) and none of EXCLUDE, one a
# line. TAGS and EXCLUDE are separated by spaces or commas.
list_tests() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$1" |
	awk -v want=" ${2//,/ } " -v ex=" ${3//,/ } " '
		function has(set, tags,   n, i, t) {
			n = split(tags, t, ",")
			for (i = 1; i <= n; i++)
				if (index(set, " " t[i] " ")) return 1
			return 0
		}
		(want ~ /^ *$/ || has(want, $4)) && !has(ex, $4) { print $1 }'
}
