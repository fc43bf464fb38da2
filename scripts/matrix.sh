#!/bin/bash
# matrix.sh [VARIANT...]: the test robot's build matrix for the series.
# Each variant is tinyconfig + config/guest.config + config/mm.config (the
# bench's kernel; options another architecture lacks drop out) + one
# change, built out of tree into build/matrix-<tree>-<variant>/: vmlinux
# (every object compiled and linked), then the series' own .c files again
# with W=1. A warning in a file the series changes, an error, or an option
# that did not end as the variant asks fails the variant. Each variant is
# a cold build: ccache found no object of another configuration's build
# (0 hits in the memcg-off variant, 2026-12-06). MATRIX_TREES (default:
# "linux", the whole series) may add "linux-fixes" (the fixes-only prefix,
# kernels/fixes.conf's tree). Logs: build/matrix-<tree>-<variant>/build.log.
#
# Variants (default: all):
#   thp-off          # CONFIG_TRANSPARENT_HUGEPAGE is not set
#   hugetlbfs-off    # CONFIG_HUGETLBFS is not set (and HUGETLB_PAGE)
#   memcg-off        # CONFIG_MEMCG is not set
#   numa-off         # CONFIG_NUMA is not set
#   smp-off          # CONFIG_SMP is not set
#   pagemonitor-off  # CONFIG_PROC_PAGE_MONITOR is not set (smaps)
#   ftrace-off       # CONFIG_FTRACE is not set (the tracepoints)
#   sysfs-off        # CONFIG_SYSFS is not set (stats/ directories)
#   cgroup-hugetlb-off  # CONFIG_CGROUP_HUGETLB is not set
#   i386             # 32-bit x86 (ARCH=i386), everything else on
#   arm64            # arm64 cross build (aarch64-linux-gnu-gcc): four
#                    # hstates, contiguous-PTE sizes
set -eu
. "$(dirname "$0")/lib.sh"

all="thp-off hugetlbfs-off memcg-off numa-off smp-off pagemonitor-off ftrace-off sysfs-off cgroup-hugetlb-off i386 arm64"
[ $# -gt 0 ] || set -- $all
trees=${MATRIX_TREES:-linux}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/hugeacct-ccache}
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
export KBUILD_BUILD_TIMESTAMP=$BASE_DATE KBUILD_BUILD_USER=hugeacct KBUILD_BUILD_HOST=hugeacct

# variant NAME: sets arch, cross, off (options that must end unset) and on
# (options that must end set), and writes the variant's fragment.
variant() {
	arch=x86_64 cross= on="CONFIG_HUGETLBFS CONFIG_TRANSPARENT_HUGEPAGE CONFIG_MEMCG" off=
	case $1 in
	thp-off) off=CONFIG_TRANSPARENT_HUGEPAGE ;;
	hugetlbfs-off) off="CONFIG_HUGETLBFS CONFIG_HUGETLB_PAGE" ;;
	memcg-off) off=CONFIG_MEMCG ;;
	numa-off) off=CONFIG_NUMA ;;
	smp-off) off=CONFIG_SMP ;;
	pagemonitor-off) off=CONFIG_PROC_PAGE_MONITOR ;;
	ftrace-off) off=CONFIG_FTRACE ;;
	sysfs-off) off=CONFIG_SYSFS ;;
	cgroup-hugetlb-off) off=CONFIG_CGROUP_HUGETLB ;;
	i386) arch=i386 on="$on CONFIG_X86_32" ;;
	arm64) arch=arm64 cross=aarch64-linux-gnu- on="$on CONFIG_ARM64"
		command -v ${cross}gcc >/dev/null ||
			die "no ${cross}gcc: apt-get install gcc-aarch64-linux-gnu" ;;
	*) die "matrix.sh: no variant '$1' (variants: $all)" ;;
	esac
	on=$(for o in $on; do case " $off " in *" $o "*) ;; *) echo "$o" ;; esac; done)
	local o
	for o in $off; do echo "# $o is not set"; done > "$out/variant.config"
}

# The series' own .c and .h files: warnings there fail the variant.
series_files() {
	git -C "$BUILD/$1" diff --name-only base..HEAD -- '*.c' '*.h' | grep -v '^tools/' || true
}

fails=0
for tree in $trees; do
	src=$BUILD/$tree
	[ -d "$src" ] || die "no $src (make tree; linux-fixes: make test KERNEL=fixes)"
	files=$(series_files "$tree")
	for v in "$@"; do
		out=$BUILD/matrix-$tree-$v
		mkdir -p "$out"
		variant "$v"
		mk() { make -s -C "$src" O="$out" ARCH=$arch ${cross:+CROSS_COMPILE=$cross} \
			CC="ccache ${cross}gcc" HOSTCC="ccache gcc" "$@"; }
		start=$(date +%s)
		mk tinyconfig > /dev/null
		"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
			"$TOP/config/guest.config" "$TOP/config/mm.config" \
			"$out/variant.config" > /dev/null
		mk olddefconfig > /dev/null
		bad=
		for o in $off; do grep -q "^$o=" "$out/.config" && bad="$bad $o=y"; done
		for o in $on; do grep -q "^$o=y" "$out/.config" || bad="$bad $o off"; done
		if [ -n "$bad" ]; then
			log "matrix $tree $v: the configuration is not the one asked for:$bad"
			fails=$((fails + 1))
			continue
		fi
		rc=0
		# vmlinux, then with W=1 the series' objects that this variant
		# built (kbuild would compile one it leaves out if asked to).
		{ mk -j"$(nproc)" vmlinux &&
		  objs=$(cd "$out" && for f in $files; do
			  o=${f%.c}.o; [ "$o" != "$f" ] && [ -f "$o" ] && echo "$o"; done) &&
		  { [ -z "$objs" ] || mk -j"$(nproc)" W=1 $objs; }
		} > "$out/build.log" 2>&1 || rc=$?
		warn=$(grep -E '(warning|error):' "$out/build.log" |
			grep -F -f <(printf '%s\n' $files) || true)
		secs=$(( $(date +%s) - start ))
		if [ "$rc" != 0 ]; then
			log "matrix $tree $v: FAILED to build (${secs} s):"
			grep -E 'error|Error' "$out/build.log" | head -20 >&2
			fails=$((fails + 1))
		elif [ -n "$warn" ]; then
			log "matrix $tree $v: warnings in files of the series (${secs} s):"
			printf '%s\n' "$warn" | head -20 >&2
			fails=$((fails + 1))
		else
			log "matrix $tree $v: ok (${secs} s)"
		fi
	done
done
[ "$fails" = 0 ] || die "matrix: $fails variant(s) failed"
log "matrix: every variant built without a warning in the series' files"
