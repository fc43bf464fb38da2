# hugeacct bench: the only entry point. See README.md.
#
#   make run     boot the patched kernel, show meminfo and the huge page stats
#   make test    kselftests in the guest; last line "N passed, N failed, ..."
#   make check   checkpatch, per-patch builds, sparse and W=1 on the series
#   make tree    git tree to edit (build/linux), make export writes it back
#
# KERNEL=base builds and boots the unpatched source instead; ACCEL=kvm uses
# KVM instead of TCG; TESTS=a,b runs only those tests of guest/tests.list;
# KSRC=/path uses that 6.12.y tree instead of Debian's linux-source-6.12.

KERNEL ?= patched
ACCEL ?= tcg
TESTS ?=
export ACCEL KSRC QEMU_TIMEOUT

S := scripts
B := build
FRAGMENTS := config/guest.config config/mm.config

ifeq ($(KERNEL),base)
SRC := $(B)/linux-base
KOUT := $(B)/kernel-base
LOCALVER :=
else ifeq ($(KERNEL),patched)
SRC := $(B)/linux
KOUT := $(B)/kernel
LOCALVER := -hugeacct
else
$(error KERNEL=$(KERNEL): use patched or base)
endif
BZIMAGE := $(KOUT)/arch/x86/boot/bzImage
INITRD := $(B)/initramfs.cpio.gz
LOGS := $(B)/logs/$(KERNEL)

.PHONY: all run test check tree export deps source kernel selftests initramfs clean distclean
all: test

deps:
	@$(S)/deps.sh

source: deps
	@$(S)/source.sh

tree: source
	@$(S)/apply.sh
	@echo "hugeacct: edit and commit in $(B)/linux, then: make export"

export:
	@$(S)/export.sh

kernel: tree
ifeq ($(KERNEL),base)
	@$(S)/worktree-base.sh
endif
	@LOCALVERSION=$(LOCALVER) $(S)/build-kernel.sh $(SRC) $(KOUT) $(FRAGMENTS)

# The selftests always come from the patched tree, so that KERNEL=base shows
# how the new tests behave on a kernel without the series.
selftests: tree
	@$(S)/build-selftests.sh $(B)/linux $(B)/kernel $(B)/selftests

initramfs: selftests
	@$(S)/initramfs.sh $(B)/selftests $(INITRD)

run: kernel initramfs
	@$(S)/qemu.sh run $(BZIMAGE) $(INITRD) $(LOGS)

test: kernel initramfs
	@rc=0; $(S)/qemu.sh test $(BZIMAGE) $(INITRD) $(LOGS) hugeacct.tests=$(TESTS) || rc=$$?; \
	 $(S)/report.sh $(LOGS) $$rc

check: tree
	@$(S)/check.sh

clean:
	rm -rf $(B)/kernel $(B)/kernel-base $(B)/selftests $(B)/logs $(INITRD)

distclean:
	rm -rf $(B)
