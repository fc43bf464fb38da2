// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a PMD THP fault and its zap do to the global anon vmstat counters,
 * seen from /proc/vmstat without vm.stat_refresh.
 *
 * A node stat update that passes the per-cpu threshold (at most 125
 * pages) goes straight to the global atomic (node_page_state_add()), so a
 * counter that moves by 512 pages (x86-64) in the read right after one
 * fault was updated with a global atomic by that fault; one that only
 * moves after vm.stat_refresh was updated per-cpu; one that moves in
 * neither was not updated at all.  Pinned to one CPU, nothing else in the
 * guest maps anonymous memory meanwhile.
 *
 * Prints, per counter of /proc/vmstat that exists, how many of the faults
 * and zaps moved it globally at once, and its change after a final
 * stat_refresh.  On a kernel with nr_anon_large_ptemapped (the hugeacct
 * series) that counter must not move at all: exit 1 if it does.  Exit 4
 * when no PMD THP could be had (not a failure, not a pass).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "../common.h"

#define FAULTS 8
#define THP_DIR "/sys/kernel/mm/transparent_hugepage"

static const char * const names[] = {
	"nr_anon_pages", "nr_anon_transparent_hugepages",
	"nr_anon_large_ptemapped", "nr_anon_large",
};
#define NR_NAMES (sizeof(names) / sizeof(names[0]))

static unsigned long hpage;	/* pages in a PMD THP */

/* Values of names[] from one read of /proc/vmstat; -1 if missing. */
static void read_vmstat(long *v)
{
	char line[256], key[128];
	long val;
	size_t i;
	FILE *f = fopen("/proc/vmstat", "r");

	for (i = 0; i < NR_NAMES; i++)
		v[i] = -1;
	if (!f) {
		perror("/proc/vmstat");
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %ld", key, &val) == 2)
			for (i = 0; i < NR_NAMES; i++)
				if (!strcmp(key, names[i]))
					v[i] = val;
	fclose(f);
	/* Counted in PMD-sized THPs, not in pages */
	if (v[1] >= 0)
		v[1] *= hpage;
}

static void refresh(void)
{
	if (write_str("/proc/sys/vm/stat_refresh", "1")) {
		perror("/proc/sys/vm/stat_refresh");
		exit(1);
	}
}

static int read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* The [selected] word of a THP choice file, into @word. */
static int selected(const char *path, char *word, size_t len)
{
	char buf[256], *a, *b;

	if (read_str(path, buf, sizeof(buf)))
		return -1;
	a = strchr(buf, '[');
	b = a ? strchr(a, ']') : NULL;
	if (!b || (size_t)(b - a) >= len)
		return -1;
	memcpy(word, a + 1, b - a - 1);
	word[b - a - 1] = '\0';
	return 0;
}

int main(void)
{
	long before[NR_NAMES], after[NR_NAMES], start[NR_NAMES];
	int moved_fault[NR_NAMES] = { 0 }, moved_zap[NR_NAMES] = { 0 };
	char enabled[32], pmd_enabled[32] = "", pmd_path[128];
	unsigned long pmdsize = 2UL << 20;
	int i, got = 0, ret = 0;
	size_t n;
	cpu_set_t set;
	char *p, *a;

	if (!read_str(THP_DIR "/hpage_pmd_size", enabled, sizeof(enabled)))
		pmdsize = strtoul(enabled, NULL, 10);
	hpage = pmdsize / getpagesize();
	if (selected(THP_DIR "/enabled", enabled, sizeof(enabled))) {
		printf("no transparent hugepages\n");
		return 4;
	}
	snprintf(pmd_path, sizeof(pmd_path), THP_DIR "/hugepages-%lukB/enabled",
		 pmdsize >> 10);
	selected(pmd_path, pmd_enabled, sizeof(pmd_enabled));
	if (write_str(THP_DIR "/enabled", "madvise") ||
	    (pmd_enabled[0] && write_str(pmd_path, "inherit"))) {
		printf("cannot set THP to madvise\n");
		return 4;
	}
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);

	refresh();
	read_vmstat(start);
	for (i = 0; i < FAULTS; i++) {
		p = mmap(NULL, 2 * pmdsize, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		a = (char *)(((unsigned long)p + pmdsize - 1) & ~(pmdsize - 1));
		madvise(a, pmdsize, MADV_HUGEPAGE);
		read_vmstat(before);
		*a = 1;			/* one PMD THP fault */
		read_vmstat(after);
		got += after[1] - before[1] == (long)hpage;
		for (n = 0; n < NR_NAMES; n++)
			moved_fault[n] += before[n] >= 0 &&
					  after[n] - before[n] >= (long)hpage;
		read_vmstat(before);
		munmap(p, 2 * pmdsize);	/* its zap */
		read_vmstat(after);
		for (n = 0; n < NR_NAMES; n++)
			moved_zap[n] += before[n] >= 0 &&
					before[n] - after[n] >= (long)hpage;
	}
	refresh();
	read_vmstat(after);

	write_str(THP_DIR "/enabled", enabled);
	if (pmd_enabled[0])
		write_str(pmd_path, pmd_enabled);

	printf("%d PMD THP faults and zaps on CPU 0 (%lu pages each), %d got a PMD THP\n",
	       FAULTS, hpage, got);
	printf("%-32s %14s %14s %20s\n", "counter", "faults moved", "zaps moved",
	       "change after refresh");
	for (n = 0; n < NR_NAMES; n++) {
		if (start[n] < 0)
			continue;
		printf("%-32s %9d of %d %9d of %d %20ld\n", names[n],
		       moved_fault[n], FAULTS, moved_zap[n], FAULTS,
		       after[n] - start[n]);
	}
	if (got != FAULTS) {
		printf("not every fault got a PMD THP: nothing to judge\n");
		return 4;
	}
	/* nr_anon_large_ptemapped: no update on the PMD fault or zap path */
	if (start[2] >= 0 && (moved_fault[2] || moved_zap[2] ||
			      after[2] != start[2])) {
		printf("nr_anon_large_ptemapped moved on a PMD fault or zap\n");
		ret = 1;
	} else if (start[2] >= 0) {
		printf("nr_anon_large_ptemapped: not updated by PMD faults and zaps\n");
	}
	return ret;
}
