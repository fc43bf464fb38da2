#!/bin/bash
# planted.sh [NAME...]: show that anon_large_pages is a detector. For each
# planted bug (default: all three), check out the series' head in a scratch
# tree (build/linux-planted, never exported), break one update of
# NR_ANON_LARGE_PTEMAPPED there, build it (build/kernel-planted, the
# patched kernel's config) and boot it with the patched initramfs running
# anon_large_pages only. The run must FAIL: a planted bug the test does not
# see is reported as an error. Logs: build/logs/planted-NAME/.
#
#   pte-unmap  a PTE unmap of a large folio that no PMD maps forgets to
#              lower the counter (mm/rmap.c)
#   pmd-split  splitting a PMD mapping into PTEs counts the folio's pages
#              twice (mm/huge_memory.c)
#   migrate    migration's unmap of a PTE-mapped large folio forgets to
#              lower the counter of the old folio (mm/rmap.c,
#              try_to_migrate_one())
set -eu
. "$(dirname "$0")/lib.sh"

src=$BUILD/linux-planted out=$BUILD/kernel-planted
initrd=$BUILD/initramfs.cpio.gz
[ -f "$initrd" ] || die "no $initrd: run make test KERNEL=patched first"
[ $# -gt 0 ] || set -- pte-unmap pmd-split migrate

# plant NAME: edit the scratch tree (a perl substitution that must match
# once); die if the code to break is not found.
plant() {
	local file expr
	case $1 in
	pte-unmap)	# __folio_mod_anon_large_stat(): unmaps lower NR_ANON_MAPPED only
		file=mm/rmap.c
		expr='s/(\t\tif \(nr\)\n)(\t\t\t__lruvec_stat_mod_anon_large\(folio, nr\);\n)/\t\tif (nr < 0)\n\t\t\t__lruvec_stat_mod_folio(folio, NR_ANON_MAPPED, nr);\n\t\telse if (nr)\n$2/' ;;
	pmd-split)	# __split_huge_pmd_locked(): the PTE-mapped pages counted again
		file=mm/huge_memory.c
		expr='s/(\tif \(!pmd_migration\)\n\t\tfolio_remove_rmap_pmd\(folio, page, vma\);\n)/\tif (!pmd_migration) {\n\t\tfolio_remove_rmap_pmd(folio, page, vma);\n\t\tif (!freeze)\n\t\t\t__lruvec_stat_mod_folio(folio, NR_ANON_LARGE_PTEMAPPED, HPAGE_PMD_NR);\n\t}\n/' ;;
	migrate)	# try_to_migrate_one(): the old folio's PTE unmap not counted
		file=mm/rmap.c
		expr='s/(static bool try_to_migrate_one.*?\n\t\t\tfolio_remove_rmap_pte\(folio, subpage, vma\);\n)/$1\t\tif (!folio_test_hugetlb(folio) && folio_test_anon(folio) && folio_test_large(folio))\n\t\t\t\t__lruvec_stat_mod_folio(folio, NR_ANON_LARGE_PTEMAPPED, 1);\n/s' ;;
	*) die "planted.sh: no planted bug named '$1' (pte-unmap, pmd-split, migrate)" ;;
	esac
	EXPR=$expr perl -0pi -e 'BEGIN { $n = 0 } $n += eval $ENV{EXPR}; END { exit($n == 1 ? 0 : 3) }' \
		"$src/$file" ||
		die "planted $1: the code to break was not found once in $file (the series changed?)"
}

fails=0
for name in "$@"; do
	"$TOP/scripts/worktree.sh" "$src" HEAD
	git -C "$src" checkout -q -f HEAD -- .
	plant "$name"
	mkdir -p "$out"
	cp "$BUILD/kernel/.config" "$out/.config"
	cp "$BUILD/kernel/.hugeacct-config" "$out/.hugeacct-config"
	LOCALVERSION=-hugeacct-planted "$TOP/scripts/build-kernel.sh" "$src" "$out" \
		"$TOP/config/guest.config" "$TOP/config/mm.config"
	logs=$BUILD/logs/planted-$name
	rc=0
	QEMU_TIMEOUT=${QEMU_TIMEOUT:-900} "$TOP/scripts/qemu.sh" test \
		"$out/arch/x86/boot/bzImage" "$initrd" "$logs" \
		hugeacct.tests=anon_large_pages hugeacct.slow=1 || rc=$?
	"$TOP/scripts/report.sh" "$logs" "$rc" > "$logs/report.txt" || true
	git -C "$src" diff > "$logs/planted.diff"
	# The test's own results are the TAP lines nested under the runner's.
	grep -E '^# (not )?ok [0-9]' "$logs/tap.log.txt" > "$logs/results.txt" || true
	nfail=$(grep -c '^# not ok' "$logs/results.txt" || true)
	ncases=$(wc -l < "$logs/results.txt")
	if [ "$rc" = 1 ] && [ "$nfail" -gt 0 ]; then
		log "planted $name: anon_large_pages FAILED as it must ($nfail of $ncases cases not ok); first messages:"
		grep -E '^# # .* want ' "$logs/tap.log.txt" | head -3 >&2 || true
	else
		log "planted $name: anon_large_pages did NOT fail (exit $rc): the test misses this bug"
		fails=$((fails + 1))
	fi
done
git -C "$src" checkout -q -f HEAD -- .
[ $fails = 0 ]
