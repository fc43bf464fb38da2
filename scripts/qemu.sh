#!/bin/bash
# qemu.sh MODE BZIMAGE INITRAMFS LOGDIR [KERNEL ARGS...]
# Boot the guest (2 vCPUs, 2 NUMA nodes of 1 GiB) with a timeout. ttyS0 is
# the console (LOGDIR/console.log), ttyS1 the test output (LOGDIR/tap.log).
# Exit 0 when the guest reports success, 1 when it reports failure, 2 when
# it panicked, hung, timed out or never reported (the console tail is shown).
set -eu
. "$(dirname "$0")/lib.sh"

mode=$1 kernel=$2 initrd=$3 logs=$4
shift 4
accel=${ACCEL:-tcg}
tmo=${QEMU_TIMEOUT:-1800}
mkdir -p "$logs"
con=$logs/console.log tap=$logs/tap.log
: > "$con"; : > "$tap"

case $accel in
# Without LA57 (4-level paging, as most machines): 6.12's identify_cpu()
# clears the boot CPU's capability bits for a moment, so with 5-level
# paging pgtable_l5_enabled() reads false there (by reading the code),
# and an interrupt in that window made KASAN report a "wild-memory-access"
# in rcu_is_watching() (once: the debug kernel's boot in the make test of
# 2026-12-06 04:46).
tcg) accel_opts=(-accel tcg,thread=multi -cpu "${QEMU_CPU:-max,la57=off}") ;;
# Guest time = executed instructions: repeatable timings (make bench).
icount) accel_opts=(-accel tcg,thread=single -cpu "${QEMU_CPU:-max}"
		    -icount shift=0,align=off,sleep=off) ;;
kvm) [ -w /dev/kvm ] || die "ACCEL=kvm: /dev/kvm is not usable"
     accel_opts=(-accel kvm -cpu host) ;;
*) die "ACCEL=$accel: use tcg, icount or kvm" ;;
esac

# The kernel log goes to console.log only; V=1 shows it on the terminal
# too. make run's answer (and its shell, on a terminal) is on ttyS1.
interactive=0
if [ "$mode" = run ] && [ -t 0 ] && [ -t 1 ] && [ "${CI:-}" != true ]; then
	interactive=1
fi
if [ "${V:-0}" = 1 ] && [ $interactive = 0 ]; then
	console=(-chardev "stdio,id=con,signal=off,logfile=$con" -serial chardev:con)
else
	console=(-chardev "file,id=con,path=$con" -serial chardev:con)
fi
if [ $interactive = 1 ]; then
	out=(-chardev "stdio,id=out,mux=on,signal=off,logfile=$tap"
	     -serial chardev:out -mon chardev=out)
	set -- "$@" hugeacct.shell=1
	tmo=${QEMU_TIMEOUT:-86400}
else
	out=(-serial "file:$tap" -monitor none)
fi

# One CPU per socket: a shared LLC across nodes makes the scheduler warn.
# QEMU_NODE_MB: memory of each of the two nodes (default 1024).
node_mb=${QEMU_NODE_MB:-1024}
cmd=(qemu-system-x86_64 -M pc "${accel_opts[@]}" -smp 2,sockets=2,cores=1,threads=1
	-m $((2 * node_mb))M
	-object memory-backend-ram,id=m0,size=${node_mb}M
	-object memory-backend-ram,id=m1,size=${node_mb}M
	-numa node,nodeid=0,cpus=0,memdev=m0
	-numa node,nodeid=1,cpus=1,memdev=m1
	-kernel "$kernel" -initrd "$initrd"
	-append "console=ttyS0 panic=-1 hugeacct.mode=$mode $*"
	-display none -nodefaults -no-reboot
	"${console[@]}" "${out[@]}"
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)

log "booting ${kernel#$TOP/} ($accel, timeout ${tmo}s)"
follow=
if [ $interactive = 0 ] && [ "$mode" != bench ]; then
	tail -n +1 -F "$tap" 2>/dev/null &
	follow=$!
fi
set +e
if [ $interactive = 1 ]; then
	timeout --foreground -k 10 "$tmo" "${cmd[@]}"
else
	timeout -k 10 "$tmo" "${cmd[@]}" < /dev/null
fi
rc=$?
set -e
[ -n "$follow" ] && { sleep 0.5; kill "$follow" 2>/dev/null; wait "$follow" 2>/dev/null || true; }

case $rc in
1) exit 0 ;;            # guest wrote 0 to isa-debug-exit
3) exit 1 ;;            # guest wrote 1
124|137) why="timed out after ${tmo}s" ;;
0) why="exited without a status (kernel panic or reboot?)" ;;
*) why="QEMU failed (exit $rc)" ;;
esac
log "guest $why; last console lines:"
tail -n 40 "$con" | sed 's/^/  | /' >&2
exit 2
