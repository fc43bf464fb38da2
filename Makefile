# hugeacct bench: the only entry point. See README.md.
#
#   make run     boot the patched kernel, show meminfo and the huge page stats
#                (the boot log goes to build/logs/<kernel>/console.log; V=1
#                shows it, and make's and kbuild's commands, too)
#   make test    kselftests in the guest; last line "N passed, N failed, ..."
#   make bench   overhead of the series: base vs patched microbenchmarks
#   make check   checkpatch, per-patch builds, sparse and W=1 on the series
#   make soak    one test booted RUNS times (default: failslab stress, debug)
#   make tree    git tree to edit (build/linux), make export writes it back
#   make walkthrough  put the last patched test run's walkthrough into README
#                (make test fails while the README's differs from a run's)
#
# Without KERNEL, `make test` runs the suite on the patched kernel, on its
# debug flavour (KASAN, lockdep, DEBUG_VM, UBSAN, KFENCE), the hugetlb
# tests on the fixes alone (the first patches, as stable would take them)
# and on the patched kernel booted with 200 fake NUMA nodes (manynodes),
# and `make run` boots the patched kernel. KERNEL=patched, debug, fixes,
# manynodes, base (the unpatched source), stable-6.1 (Debian's 6.1 with
# the fixes of patches/stable-6.1, also in the default run) or base-6.1
# (plain 6.1, one boot per case of the fixes' selftest) picks one;
# stable-6.1-debug is the backport with config/debug.config (not in the
# default run). A kernel whose image,
# initramfs and test selection are unchanged since it last passed is not
# booted again: its result is shown, marked cached; FRESH=1 boots it
# anyway. ACCEL=kvm uses KVM instead of TCG; TESTS=a,b runs only those
# tests of guest/tests.list; KSRC=/path uses that 6.12.y tree instead of
# Debian's linux-source-6.12.

KERNEL ?=
ACCEL ?= tcg
TESTS ?=
export ACCEL KSRC QEMU_TIMEOUT QEMU_CPU TESTS FRESH ROUNDS WALL_ROUNDS V

S := scripts
B := build
FRAGMENTS := config/guest.config config/mm.config
TEST_KERNELS := $(or $(KERNEL),patched debug fixes manynodes stable-6.1)
RUN_KERNEL := $(or $(KERNEL),patched)

# Per kernel: source tree, build directory, uname -r suffix, extra fragment.
src_patched := $(B)/linux
src_debug := $(B)/linux
src_base := $(B)/linux-base
src_fixes := $(B)/linux-fixes
kout_patched := $(B)/kernel
kout_debug := $(B)/kernel-debug
kout_base := $(B)/kernel-base
kout_fixes := $(B)/kernel-fixes
kout_manynodes := $(B)/kernel
ver_patched := -hugeacct
ver_debug := -hugeacct-debug
ver_base :=
ver_fixes := -hugeacct-fixes
frag_debug := config/debug.config
# The 6.1 backport (patches/stable-6.1, its own tree build/linux-6.1).
src_stable-6.1 := $(B)/linux-6.1
src_base-6.1 := $(B)/linux-6.1-base
src_stable-6.1-debug := $(B)/linux-6.1
kout_stable-6.1 := $(B)/kernel-6.1
kout_stable-6.1-debug := $(B)/kernel-6.1-debug
kout_base-6.1 := $(B)/kernel-6.1-base
ver_stable-6.1 := -hugeacct-6.1
ver_base-6.1 :=
ver_stable-6.1-debug := -hugeacct-6.1-debug
frag_stable-6.1 := config/stable-6.1.config
frag_stable-6.1-debug := config/debug.config config/stable-6.1.config
frag_base-6.1 := config/stable-6.1.config
ifneq ($(filter-out patched debug fixes manynodes base stable-6.1 stable-6.1-debug base-6.1,$(TEST_KERNELS)),)
$(error KERNEL=$(KERNEL): use patched, debug, fixes, manynodes, base, stable-6.1, stable-6.1-debug or base-6.1)
endif
bzimage = $(kout_$(1))/arch/x86/boot/bzImage
INITRD := $(B)/initramfs.cpio.gz
# The 6.1 guests have their own initramfs: 6.1's selftests, tests-6.1.list.
INITRD61 := $(B)/initramfs-6.1.cpio.gz
initrd_stable-6.1 := $(INITRD61)
initrd_base-6.1 := $(INITRD61)
initrd_stable-6.1-debug := $(INITRD61)
initrd = $(or $(initrd_$(1)),$(INITRD))
initrd_goal = $(if $(initrd_$(1)),initramfs-6.1,initramfs)

.PHONY: all run test bench check soak tree tree-6.1 export walkthrough deps source kernel selftests selftests-6.1 initramfs initramfs-6.1 clean distclean
all: test

deps:
	@$(S)/deps.sh

source: deps
	@$(S)/source.sh

TREE_HINT = hugeacct: edit and commit in $(B)/linux, then: make export
tree: source
	@$(S)/apply.sh
	@$(if $(filter tree,$(MAKECMDGOALS)),echo "$(TREE_HINT)",:)

export:
	@$(S)/export.sh
	@$(if $(wildcard $(B)/linux-6.1/.git),LINE=6.1 $(S)/export.sh,:)

# The 6.1 series: its own tree, edited and exported the same way.
TREE61_HINT = hugeacct: edit and commit in $(B)/linux-6.1, then: make export
tree-6.1: deps
	@LINE=6.1 $(S)/source.sh
	@LINE=6.1 $(S)/apply.sh
	@$(if $(filter tree-6.1,$(MAKECMDGOALS)),echo "$(TREE61_HINT)",:)

kernel: kernel-$(RUN_KERNEL)

# The many-node guest boots the patched kernel (an empty recipe, so that
# the kernel-% rule below does not apply).
kernel-manynodes: kernel-patched
	@:

# The 6.1 kernels, as kernel-% below but from the 6.1 tree.
kernel-stable-6.1 kernel-stable-6.1-debug kernel-base-6.1: kernel-%: tree-6.1
	@case $* in base-6.1) LINE=6.1 $(S)/worktree.sh $(src_$*) base ;; esac
	@LOCALVERSION=$(ver_$*) $(S)/build-kernel.sh $(src_$*) $(kout_$*) $(FRAGMENTS) $(frag_$*)

# kernel-patched, kernel-debug, kernel-fixes, kernel-base
kernel-%: tree
	@case $* in base|fixes) $(S)/worktree.sh $(src_$*) $* ;; esac
	@LOCALVERSION=$(ver_$*) $(S)/build-kernel.sh $(src_$*) $(kout_$*) $(FRAGMENTS) $(frag_$*)

# The selftests always come from the patched tree, so that KERNEL=base shows
# how the new tests behave on a kernel without the series.
selftests: tree
	@$(S)/build-selftests.sh $(B)/linux $(B)/kernel $(B)/selftests

initramfs: selftests
	@$(S)/initramfs.sh $(B)/selftests $(INITRD)

# 6.1's own selftests (selftests/vm, with the backport's), from its tree.
selftests-6.1: tree-6.1
	@$(S)/build-selftests.sh $(B)/linux-6.1 $(B)/kernel-6.1 $(B)/selftests-6.1 guest/tests-6.1.list

initramfs-6.1: selftests-6.1
	@$(S)/initramfs.sh $(B)/selftests-6.1 $(INITRD61) guest/tests-6.1.list

run: kernel $(call initrd_goal,$(RUN_KERNEL))
	@$(S)/qemu.sh run $(call bzimage,$(RUN_KERNEL)) $(call initrd,$(RUN_KERNEL)) $(B)/logs/$(RUN_KERNEL)

test: $(addprefix kernel-,$(TEST_KERNELS)) $(sort $(foreach k,$(TEST_KERNELS),$(call initrd_goal,$(k))))
	@$(S)/test.sh $(foreach k,$(TEST_KERNELS),$(k):$(call bzimage,$(k)):$(call initrd,$(k)))

# Overhead: base vs patched microbenchmarks, alternating boots, under
# -icount (ROUNDS=5) and plain TCG (WALL_ROUNDS=2); see scripts/bench.sh.
bench: kernel-base kernel-patched initramfs
	@$(S)/bench.sh $(INITRD) $(call bzimage,base) $(call bzimage,patched)

check: tree tree-6.1
	@$(S)/check.sh; a=$$?; LINE=6.1 $(S)/check.sh && exit $$a

# The same test booted RUNS times (default: the failslab stress on the
# debug kernel, 60 runs), each run's logs kept; stops at the first failure.
SOAK_KERNEL := $(or $(KERNEL),debug)
soak: kernel-$(SOAK_KERNEL) initramfs
	@$(S)/soak.sh $(INITRD) $(SOAK_KERNEL):$(call bzimage,$(SOAK_KERNEL)) \
		$(or $(SOAK_TEST),huge_stats_stress_slab) $(or $(RUNS),60)

walkthrough:
	@$(S)/walkthrough.sh update $(B)/logs/patched/tap.log.txt

clean:
	rm -rf $(B)/kernel $(B)/kernel-debug $(B)/kernel-fixes $(B)/kernel-base $(B)/selftests $(B)/logs $(B)/bench $(INITRD) \
		$(B)/kernel-6.1 $(B)/kernel-6.1-debug $(B)/kernel-6.1-base $(B)/selftests-6.1 $(INITRD61)

distclean:
	rm -rf $(B)
