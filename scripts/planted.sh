#!/bin/bash
# planted.sh [NAME...]: show that the series' tests are detectors. For each
# planted bug (default: all), check out the series' head in a scratch tree
# (build/linux-planted, never exported), break one thing there, build it
# (build/kernel-planted, the patched kernel's config) and boot it with the
# patched initramfs running the test that must see it. A planted bug the
# test does not see is reported as an error. Logs: build/logs/planted-NAME/.
#
# AnonLargePages (anon_large_pages must fail):
#   pte-unmap  a PTE unmap of a large folio that no PMD maps forgets to
#              lower the counter (mm/rmap.c)
#   pmd-split  splitting a PMD mapping into PTEs counts the folio's pages
#              twice (mm/huge_memory.c)
#   migrate    migration's unmap of a PTE-mapped large folio forgets to
#              lower the counter of the old folio (mm/rmap.c,
#              try_to_migrate_one())
# The hugetlb pool, each the fix of one patch taken out again: one boot
# running hugetlb_surplus_resv, which must fail, then RUNS boots (default
# 5) of the stress test, huge_stats_stress, alone (a failed case leaves
# the pool broken for whatever runs after it in the same boot), whose
# failures are reported as a rate:
#   pool-node        a shrink removes a free surplus page as a persistent
#                    one from a node whose pages are all surplus (patch 6)
#   pool-shrink      a shrink counts an in-use surplus page as persistent
#                    and keeps a page for every reservation
#                    (set_max_huge_pages(); patch 7)
#   pool-minsize     a private or MAP_NORESERVE mapping does not consume the
#                    mount's min_size= reservation it takes (patch 8)
#   pool-loser       a new surplus folio that loses the overcommit recheck
#                    is counted while hugetlb_lock is dropped (patch 9)
#   pool-temporary   temporary folios are counted in nr_huge_pages (patch 10)
set -eu
. "$(dirname "$0")/lib.sh"

# Booted as kernels/patched.conf says (its initramfs, memory, command
# line), with the planted image and a shorter timeout. (load_kernel sets
# src and out too: the scratch tree's come after it.)
load_kernel patched
src=$BUILD/linux-planted out=$BUILD/kernel-planted
# shellcheck disable=SC2034	# read by guest_test (lib.sh)
image=$out/arch/x86/boot/bzImage timeout=900
[ -f "$initrd" ] || die "no $initrd: run make test KERNEL=patched first"
[ $# -gt 0 ] || set -- pte-unmap pmd-split migrate pool-shrink pool-minsize \
	pool-loser pool-temporary pool-node

# plant NAME: edit the scratch tree (perl substitutions, each of which must
# match once); die if the code to break is not found. Sets test and runs:
# the test that must fail and how many boots to try.
plant() {
	local file expr
	local -a exprs
	test=anon_large_pages runs=1 file=mm/hugetlb.c
	case $1 in
	pte-unmap)	# __folio_mod_anon_large_stat(): unmaps lower NR_ANON_MAPPED only
		file=mm/rmap.c
		exprs=('s/(\t\tif \(nr\)\n)(\t\t\t__lruvec_stat_mod_anon_large\(folio, nr\);\n)/\t\tif (nr < 0)\n\t\t\t__lruvec_stat_mod_folio(folio, NR_ANON_MAPPED, nr);\n\t\telse if (nr)\n$2/') ;;
	pmd-split)	# __split_huge_pmd_locked(): the PTE-mapped pages counted again
		file=mm/huge_memory.c
		exprs=('s/(\tif \(!pmd_migration\)\n\t\tfolio_remove_rmap_pmd\(folio, page, vma\);\n)/\tif (!pmd_migration) {\n\t\tfolio_remove_rmap_pmd(folio, page, vma);\n\t\tif (!freeze)\n\t\t\t__lruvec_stat_mod_folio(folio, NR_ANON_LARGE_PTEMAPPED, HPAGE_PMD_NR);\n\t}\n/') ;;
	migrate)	# try_to_migrate_one(): the old folio's PTE unmap not counted
		file=mm/rmap.c
		exprs=('s/(static bool try_to_migrate_one.*?\n\t\t\tfolio_remove_rmap_pte\(folio, subpage, vma\);\n)/$1\t\tif (!folio_test_hugetlb(folio) && folio_test_anon(folio) && folio_test_large(folio))\n\t\t\t\t__lruvec_stat_mod_folio(folio, NR_ANON_LARGE_PTEMAPPED, 1);\n/s') ;;
	pool-shrink)	# min_count = resv + nr - free, as before patch 7
		exprs=('s/\tmin_count = persistent_huge_pages\(h\) - free_persistent;\n\tif \(h->resv_huge_pages > free_surplus\)\n\t\tmin_count \+= h->resv_huge_pages - free_surplus;\n/\tmin_count = h->resv_huge_pages + h->nr_huge_pages - h->free_huge_pages;\n/') ;;
	pool-minsize)	# 6.12's vma_has_reserves(): a non-owner or NORESERVE private mapping never consumes
		exprs=('s/\tif \(chg && !available_huge_pages\(h\)\)\n/\tif ((chg || !((vma->vm_flags & VM_MAYSHARE) || (!(vma->vm_flags & VM_NORESERVE) && is_vma_resv_set(vma, HPAGE_RESV_OWNER)))) && !available_huge_pages(h))\n/'
		       's/\tif \(!gbl_chg\) \{\n\t\th->resv_huge_pages--;\n/\tif (!gbl_chg && ((vma->vm_flags & VM_MAYSHARE) || (!(vma->vm_flags & VM_NORESERVE) && is_vma_resv_set(vma, HPAGE_RESV_OWNER)))) {\n\t\th->resv_huge_pages--;\n/') ;;
	pool-loser)	# counted before the recheck, uncounted after hugetlb_lock was dropped
		exprs=('s/(\tif \(h->surplus_huge_pages >= h->nr_overcommit_huge_pages\) \{\n\t\tspin_unlock_irq\(&hugetlb_lock\);\n)(\t\tupdate_and_free_hugetlb_folio\(h, folio, false\);\n\t\treturn NULL;\n\t\}\n)/\t__prep_account_new_huge_page(h, folio_nid(folio));\n$1\t\tspin_lock_irq(&hugetlb_lock);\n\t\tremove_hugetlb_folio(h, folio, false);\n\t\tspin_unlock_irq(&hugetlb_lock);\n$2/'
		       's/(\t \*\/\n)\t__prep_account_new_huge_page\(h, folio_nid\(folio\)\);\n(\th->surplus_huge_pages\+\+;\n)/$1$2/') ;;
	pool-temporary)	# temporary folios counted in nr_huge_pages, as before patch 10
		exprs=('s/(\tfolio = only_alloc_fresh_hugetlb_folio\(h, gfp_mask, nid, nmask, NULL\);\n\tif \(!folio\)\n\t\treturn NULL;\n\thugetlb_vmemmap_optimize_folio\(h, folio\);\n)/$1\tspin_lock_irq(&hugetlb_lock);\n\t__prep_account_new_huge_page(h, folio_nid(folio));\n\tspin_unlock_irq(&hugetlb_lock);\n/'
		       's/\t\tunlink_hugetlb_folio\(folio\);\n\t\} else if/\t\tremove_hugetlb_folio(h, folio, false);\n\t} else if/'
		       's/\t\t\th->nr_huge_pages_node\[old_nid\]--;\n\t\t\th->nr_huge_pages_node\[new_nid\]\+\+;\n//') ;;
	pool-node)	# remove_pool_hugetlb_folio(): persistent removals ignore the node's surplus count (patch 6)
		exprs=('s/\t\tif \(acct_surplus\) \{\n\t\t\tif \(!h->surplus_huge_pages_node\[node\]\)\n\t\t\t\tcontinue;\n\t\t\} else if \(h->nr_huge_pages_node\[node\] <=\n\t\t\t   h->surplus_huge_pages_node\[node\]\) \{\n\t\t\tcontinue;\n\t\t\}\n/\t\tif (acct_surplus && !h->surplus_huge_pages_node[node])\n\t\t\tcontinue;\n/') ;;
	*) die "planted.sh: no planted bug named '$1' (pte-unmap, pmd-split, migrate, pool-shrink, pool-minsize, pool-loser, pool-temporary, pool-node)" ;;
	esac
	case $1 in pool-*) test=huge_stats_stress runs=${RUNS:-5} ;; esac
	for expr in "${exprs[@]}"; do
		EXPR=$expr perl -0pi -e 'BEGIN { $n = 0 } $n += eval $ENV{EXPR}; END { exit($n == 1 ? 0 : 3) }' \
			"$src/$file" ||
			die "planted $1: the code to break was not found once in $file (the series changed?)"
	done
}

# boot_test LOGS TESTS: boot the planted kernel running TESTS (commas),
# its report and the tests' own TAP results (results.txt) in LOGS.
boot_test() {
	local rc=0
	mkdir -p "$1"
	guest_test "$1" "$2" > /dev/null 2>&1 || rc=$?
	"$TOP/scripts/report.sh" "$1" "$rc" > "$1/report.txt" || true
	# The test's own results are the TAP lines nested under the runner's.
	grep -E '^# (not )?ok [0-9]' "$1/tap.log.txt" > "$1/results.txt" || true
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
	mkdir -p "$logs"
	git -C "$src" diff > "$logs/planted.diff"
	cases_failed=
	case $name in
	pool-*)	# the deterministic cases first, in a boot of their own
		boot_test "$logs/cases" hugetlb_surplus_resv
		cases_failed=$(grep -c '^# not ok' "$logs/cases/results.txt" || true)
		log "planted $name: hugetlb_surplus_resv cases not ok:" \
		    "$cases_failed of $(wc -l < "$logs/cases/results.txt")"
		grep -E '^# not ok' "$logs/cases/results.txt" >&2 || true
		;;
	esac
	found=0
	for run in $(seq 1 "$runs"); do
		dir=$logs
		[ "$runs" = 1 ] || dir=$logs/run$run
		boot_test "$dir" "$test"
		if grep -q "^not ok [0-9]* selftests: mm: $test\b" "$dir/tap.log.txt"; then
			found=$((found + 1))
			log "planted $name, run $run: $test FAILED:"
		else
			log "planted $name, run $run: $test passed"
		fi
		grep -E '^# # .*(want |violated|expected|HugePages|seed )' "$dir/tap.log.txt" | head -4 >&2 || true
	done
	log "planted $name: $test failed in $found of $runs runs"
	if [ -n "$cases_failed" ]; then	# the cases are the detector
		if [ "$cases_failed" = 0 ]; then
			log "planted $name: hugetlb_surplus_resv does NOT see this bug"
			fails=$((fails + 1))
		fi
	elif [ $((2 * found)) -le "$runs" ]; then
		log "planted $name: $test does NOT see this bug in most runs"
		fails=$((fails + 1))
	fi
done
git -C "$src" checkout -q -f HEAD -- .
[ $fails = 0 ]
