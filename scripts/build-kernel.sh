#!/bin/bash
# build-kernel.sh SRC OUT FRAGMENT...: configure (tinyconfig + fragments),
# check that every requested option is set, and build bzImage out of tree.
set -eu
. "$(dirname "$0")/lib.sh"

src=$(realpath "$1") out=$(realpath -m "$2")
shift 2
mkdir -p "$out"
set -- $(realpath "$@")
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/hugeacct-ccache}
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# LOCALVERSION (from the caller) names the flavour in uname -r; no "+".
# A fixed build version, time, user and host make a relink of unchanged
# objects give the same bzImage, so that make test's result cache holds.
export KBUILD_BUILD_VERSION=1 KBUILD_BUILD_TIMESTAMP=$BASE_DATE
export KBUILD_BUILD_USER=hugeacct KBUILD_BUILD_HOST=hugeacct
mk() { make -s -C "$src" O="$out" CC="ccache gcc" HOSTCC="ccache gcc" \
	LOCALVERSION="${LOCALVERSION:-}" "$@"; }

cfgstamp=$(hash_files "$@")
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.hugeacct-config" 2>/dev/null)" != "$cfgstamp" ]; then
	log "configuring $out from tinyconfig + $(printf '%s ' "${@##*/}")"
	mk tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$@" >/dev/null
	mk olddefconfig >/dev/null
	# What each option was asked to be: the last fragment that names it
	# decides (config/nonuma.config turns guest.config's NUMA off).
	declare -A want from
	for frag in "$@"; do
		while IFS= read -r line; do
			case $line in
			CONFIG_*=*) opt=${line%%=*} ;;
			'# CONFIG_'*' is not set') opt=${line#\# }; opt=${opt%% *} ;;
			*) continue ;;
			esac
			want[$opt]=$line from[$opt]=${frag##*/}
		done < "$frag"
	done
	bad=0
	for opt in "${!want[@]}"; do
		line=${want[$opt]}
		case $line in
		CONFIG_*=*) grep -qxF "$line" "$out/.config" && continue ;;
		*) ! grep -q "^$opt=" "$out/.config" && continue ;;
		esac
		log "${from[$opt]}: '$line' did not survive olddefconfig (a missing dependency?)"
		bad=1
	done
	[ $bad = 0 ] || { rm -f "$out/.config"; die "kernel configuration incomplete"; }
	echo "$cfgstamp" > "$out/.hugeacct-config"
fi

# Quiet when nothing changed; the first build says how long it takes here
# (2 cores, nothing in ccache: about 10 min, 15 with debug.config).
img=$out/arch/x86/boot/bzImage
before=$(stat -c %Y "$img" 2>/dev/null || echo none)
if [ "$before" = none ]; then
	log "building $(mk -s kernelversion) in ${out#$TOP/} (make -j$(nproc));" \
	    "a first build takes about 10 min on 2 cores (15 with the debug options), less with ccache"
fi
start=$(date +%s)
# The compiler's output goes to build.log (V=1: to the terminal too); a
# failure shows its errors, and a warning in a file the series changes is
# named. Warnings of untouched code (e.g. KASAN's frame sizes) stay in the log.
blog=$out/build.log
# shellcheck disable=SC2086
quietly "$blog" mk -j"$(nproc)" bzImage ${KMAKEFLAGS:-} ||
	die "kernel build failed in ${out#$TOP/}"
for f in $(git -C "$src" diff --name-only base HEAD -- '*.c' '*.h' 2>/dev/null); do
	grep -F "/$f:" "$blog" | grep -q 'warning:' &&
		log "warning in $f, which the series changes: see ${blog#$TOP/}"
done
if [ "$(stat -c %Y "$img")" != "$before" ]; then
	log "kernel built in $(( $(date +%s) - start )) s: ${img#$TOP/}"
fi
