# hugeacct bench: the only entry point. See README.md.
#
#   make run     boot the patched kernel, show meminfo and the huge page stats
#                (the boot log goes to build/logs/<kernel>/console.log; V=1
#                shows it, and make's and kbuild's commands, too)
#   make test    kselftests in the guest; last line "N passed, N failed, ..."
#   make bench   overhead of the series: base vs patched microbenchmarks
#   make check   checkpatch, per-patch builds, sparse and W=1 on the series;
#                MATRIX=1 adds the test robot's build matrix (scripts/matrix.sh,
#                MATRIX_VARIANTS= picks variants; hours on 2 cores)
#   make soak    one test booted RUNS times (default: failslab stress, debug)
#   make tree    git tree to edit (build/linux), make export writes it back
#   make walkthrough  take the last patched run's walkthrough output into
#                guest/checks/walkthrough.md (what the check expects) and
#                the README
#
# Without KERNEL, `make test` runs the kernels of kernels/ that say
# default=N (the patched kernel, its debug flavour, the fixes alone, the
# 200-node guest, the hostile host, the NUMA=n kernel and the 6.1
# backport); KERNEL=<name> runs one of
# kernels/<name>.conf (base, base-6.1, stable-6.1-debug, ...), and `make
# run` boots the patched kernel. A kernel whose image, initramfs and test
# selection are unchanged since it last passed is not booted again: its
# result is shown, marked cached; FRESH=1 boots it anyway. ACCEL=kvm uses
# KVM instead of TCG; TESTS=a,b runs only those tests of the kernel's
# list; KSRC=/path uses that 6.12.y tree instead of Debian's
# linux-source-6.12.

KERNEL ?=
ACCEL ?= tcg
TESTS ?=
export ACCEL KSRC QEMU_TIMEOUT QEMU_CPU TESTS FRESH ROUNDS WALL_ROUNDS V

S := scripts
B := build

# The kernels: one file each in kernels/ (kernels/README). From them
# scripts/kernel.sh writes KERNELS, DEFAULT_KERNELS and per kernel
# image_<name>, initrd_<name>, initrd_goal_<name> (the make goal of its
# initramfs) and kernel_deps_<name> (its tree, or the kernel it boots as).
# kernels/ itself too: its time changes when a conf is removed.
$(B)/kernels.mk: kernels $(wildcard kernels/*.conf) $(S)/kernel.sh $(S)/lib.sh
	@mkdir -p $(B) && $(S)/kernel.sh mk > $@.tmp && mv $@.tmp $@
include $(B)/kernels.mk

TEST_KERNELS := $(or $(KERNEL),$(DEFAULT_KERNELS))
RUN_KERNEL := $(or $(KERNEL),patched)
# (from the files themselves: build/kernels.mk may be older than a new one)
CONFS := $(basename $(notdir $(wildcard kernels/*.conf)))
ifneq ($(filter-out $(CONFS),$(TEST_KERNELS)),)
$(error KERNEL=$(KERNEL): no kernels/$(KERNEL).conf; there are: $(CONFS))
endif
INITRD := $(B)/initramfs.cpio.gz
INITRD_CLIENTS := $(B)/initramfs-clients.cpio.gz
INITRD61 := $(B)/initramfs-6.1.cpio.gz

.PHONY: all run test bench check soak tree tree-6.1 export walkthrough deps source kernel selftests selftests-6.1 initramfs initramfs-clients initramfs-6.1 clean distclean
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

# kernel-<name> for every kernels/<name>.conf: its tree (or the kernel it
# boots as) first, then scripts/kernel.sh builds it.
$(foreach k,$(KERNELS),$(eval kernel-$(k): $(kernel_deps_$(k))))
kernel-%:
	@$(S)/kernel.sh build $*

# The selftests always come from the patched tree, so that KERNEL=base shows
# how the new tests behave on a kernel without the series.
selftests: tree
	@$(S)/build-selftests.sh $(B)/linux $(B)/kernel $(B)/selftests

initramfs: selftests
	@$(S)/initramfs.sh $(B)/selftests $(INITRD)

# The same with Debian's perf and procps' pmap (guest/checks/perf-stat,
# pmap): for the kernels whose conf says initramfs=clients. The many-node
# guest keeps the small one (node 0 must keep room for a huge page).
initramfs-clients: selftests
	@CLIENTS=1 $(S)/initramfs.sh $(B)/selftests $(INITRD_CLIENTS)

# 6.1's own selftests (selftests/vm, with the backport's), from its tree.
selftests-6.1: tree-6.1
	@$(S)/build-selftests.sh $(B)/linux-6.1 $(B)/kernel-6.1 $(B)/selftests-6.1 guest/tests-6.1.list

initramfs-6.1: selftests-6.1
	@$(S)/initramfs.sh $(B)/selftests-6.1 $(INITRD61) guest/tests-6.1.list

run: kernel $(initrd_goal_$(RUN_KERNEL))
	@$(S)/kernel.sh run $(RUN_KERNEL)

test: $(addprefix kernel-,$(TEST_KERNELS)) $(sort $(foreach k,$(TEST_KERNELS),$(initrd_goal_$(k))))
	@$(S)/test.sh $(TEST_KERNELS)

# Overhead: base vs patched microbenchmarks, alternating boots, under
# -icount (ROUNDS=5) and plain TCG (WALL_ROUNDS=2); see scripts/bench.sh.
bench: kernel-base kernel-patched initramfs
	@$(S)/bench.sh $(INITRD) $(image_base) $(image_patched)

check: tree tree-6.1
	@$(S)/walkthrough.sh check
	@$(S)/check.sh; a=$$?; LINE=6.1 $(S)/check.sh || a=1; \
	if [ -n "$(MATRIX)" ]; then $(S)/matrix.sh $(MATRIX_VARIANTS) || a=1; fi; exit $$a

# The same test booted RUNS times (default: the failslab stress on the
# debug kernel, 60 runs), each run's logs kept; stops at the first failure.
SOAK_KERNEL := $(or $(KERNEL),debug)
soak: kernel-$(SOAK_KERNEL) $(initrd_goal_$(SOAK_KERNEL))
	@$(S)/soak.sh $(SOAK_KERNEL) $(or $(SOAK_TEST),huge_stats_stress_slab) $(or $(RUNS),60)

walkthrough:
	@$(S)/walkthrough.sh update $(B)/logs/patched/tap.log.txt

clean:
	rm -rf $(KOUTS) $(B)/selftests $(B)/logs $(B)/bench $(INITRD) $(INITRD_CLIENTS) \
		$(B)/selftests-6.1 $(INITRD61) $(B)/kernels.mk $(B)/kernel-planted \
		$(B)/check $(B)/check-6.1 $(B)/soak

distclean:
	rm -rf $(B)
