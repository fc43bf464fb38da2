#!/bin/bash
# kernel.sh mk: what the Makefile needs of every kernel of kernels/, as make
#   variables (written to build/kernels.mk, which the Makefile includes).
# kernel.sh build NAME: build kernel NAME's image: check out its commit
#   when it is not the head of its tree (worktree.sh), configure
#   (tinyconfig + its fragments) and build (build-kernel.sh).
# kernel.sh run NAME: make run: boot kernel NAME with its initramfs, QEMU
#   memory and command line.
set -eu
. "$(dirname "$0")/lib.sh"

case ${1:-} in
mk)
	echo "# Made by scripts/kernel.sh mk from kernels/*.conf; do not edit."
	echo "KERNELS := $(kernel_names | paste -sd' ')"
	echo "DEFAULT_KERNELS := $(for k in $(kernel_names); do
		( load_kernel "$k"; [ -z "$default" ] || echo "$default $k" )
		done | sort -n | cut -d' ' -f2 | paste -sd' ')"
	for k in $(kernel_names); do
		(
		load_kernel "$k"
		echo "image_$k := ${image#$TOP/}"
		echo "initrd_$k := ${initrd#$TOP/}"
		goal=${initrd##*/}	# the make goal is the image's name
		echo "initrd_goal_$k := ${goal%.cpio.gz}"
		if [ -n "$same_as" ]; then
			echo "kernel_deps_$k := kernel-$same_as"
		elif [ "$line" = 6.1 ]; then
			echo "kernel_deps_$k := tree-6.1"
		else
			echo "kernel_deps_$k := tree"
		fi
		[ -z "$out" ] || echo "KOUTS += build/$out"
		)
	done
	;;
build)
	load_kernel "${2:-}"
	[ -z "$same_as" ] || exit 0	# built as that kernel
	export LINE=$line
	if [ "$rev" != head ]; then
		"$TOP/scripts/worktree.sh" "$BUILD/$src" "$rev"
	fi
	frags=()
	for f in $fragments; do frags+=("$TOP/$f"); done
	LOCALVERSION=$localversion "$TOP/scripts/build-kernel.sh" \
		"$BUILD/$src" "$BUILD/$out" "${frags[@]}"
	;;
run)
	load_kernel "${2:-}"
	# shellcheck disable=SC2086
	QEMU_NODE_MB=$node_mb exec "$TOP/scripts/qemu.sh" run "$image" "$initrd" \
		"$BUILD/logs/$2" $cmdline
	;;
*)
	die "usage: kernel.sh mk | build NAME | run NAME"
	;;
esac
