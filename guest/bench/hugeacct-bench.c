// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugeacct-bench: microbenchmarks of the paths the hugeacct series adds
 * accounting to, run in the guest on the base and on the patched kernel
 * with the same binary. For each benchmark and repetition it prints
 *
 *	<benchmark> <repetition> <nanoseconds per operation>
 *
 * and "<benchmark> skip <why>" when the kernel lacks what it needs.
 * Under QEMU -icount the guest clock counts executed instructions, so
 * the numbers are repeatable; scripts/bench.sh compares the kernels.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "../common.h"

#define REPS 5
#define THP "/sys/kernel/mm/transparent_hugepage"
#define HSTATE "/sys/kernel/mm/hugepages/hugepages-2048kB"
#define HPAGE (2UL << 20)

static long pagesize;
static sigjmp_buf sigbus_jmp;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* A mapping of @size bytes aligned to @align. */
static char *map_aligned(size_t size, size_t align)
{
	char *p = mmap(NULL, size + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	a = (char *)(((uintptr_t)p + align - 1) & ~(align - 1));
	if (a > p)
		munmap(p, a - p);
	munmap(a + size, p + align - a);
	return a;
}

/* Only anonymous THPs of @kb (0: none) may be used, on madvise. */
static void thp_only(unsigned long kb)
{
	char path[512], *end;
	struct dirent *d;
	DIR *dir = opendir(THP);

	write_str(THP "/enabled", kb ? "madvise" : "never");
	while (dir && (d = readdir(dir))) {
		unsigned long size;

		if (strncmp(d->d_name, "hugepages-", 10))
			continue;
		size = strtoul(d->d_name + 10, &end, 10);
		snprintf(path, sizeof(path), THP "/%s/enabled", d->d_name);
		write_str(path, size == kb ? "madvise" : "never");
	}
	if (dir)
		closedir(dir);
}

struct bench {
	const char *name;
	int ops;
	void (*setup)(const struct bench *b);
	void (*op)(const struct bench *b);
	unsigned long arg;
};

/*
 * The folio benchmarks map their folio into the same hole every time: an
 * aligned gap of b->arg bytes between two PROT_NONE guards, which no
 * mapping can merge with.  A fresh mmap() per op lands next to whatever
 * the address space layout of this boot put there, and whether it merges
 * with a neighbour changed the cost of the 16K op by 7,000 instructions
 * from one boot to the next (the A/A floor of that row was 1.12).
 */
static char *slot;
static size_t slot_size;

static void setup_anon(const struct bench *b)
{
	char *g;

	thp_only(b->arg / 1024);
	if (slot)
		munmap(slot - slot_size, 3 * slot_size);
	g = map_aligned(3 * b->arg, b->arg);
	if (mprotect(g, 3 * b->arg, PROT_NONE) || munmap(g + b->arg, b->arg)) {
		perror("guard");
		exit(1);
	}
	slot = g + b->arg;
	slot_size = b->arg;
}

/* Fault one folio of b->arg bytes (with only that THP size) and unmap it. */
static void op_anon_folio(const struct bench *b)
{
	char *p = mmap(slot, b->arg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != slot) {
		perror("mmap slot");
		exit(1);
	}
	madvise(p, b->arg, MADV_HUGEPAGE);
	p[0] = 1;
	munmap(p, b->arg);
}

/* 64 small-page faults and the unmap, THP off. */
static void op_anon_small(const struct bench *b)
{
	size_t len = 64 * pagesize, off;
	char *p = map_aligned(len, pagesize);

	for (off = 0; off < len; off += pagesize)
		p[off] = 1;
	munmap(p, len);
}

static void setup_small(const struct bench *b)
{
	thp_only(0);
}

static void pool(const char *persistent, const char *overcommit)
{
	write_str(HSTATE "/nr_overcommit_hugepages", overcommit);
	write_str(HSTATE "/nr_hugepages", persistent);
}

static void setup_pool(const struct bench *b)
{
	pool("2", "0");
}

static void setup_surplus(const struct bench *b)
{
	pool("0", "2");
}

static void setup_fail(const struct bench *b)
{
	pool("0", "0");
}

static void on_sigbus(int sig)
{
	siglongjmp(sigbus_jmp, 1);
}

/* Map a huge page, fault it (or get SIGBUS), unmap it. */
static void op_hugetlb(const struct bench *b)
{
	char *p = mmap(NULL, HPAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | b->arg,
		       -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap hugetlb");
		exit(1);
	}
	if (!sigsetjmp(sigbus_jmp, 1))
		*(volatile char *)p = 1;
	munmap(p, HPAGE);
}

static char read_buf[16384];

static void op_read(const struct bench *b)
{
	int fd = open((const char *)b->arg, O_RDONLY);

	if (fd < 0 || read(fd, read_buf, sizeof(read_buf)) <= 0) {
		perror((const char *)b->arg);
		exit(1);
	}
	close(fd);
}

static char *thp_mem;

static void setup_fork(const struct bench *b)
{
	thp_only(HPAGE / 1024);
	if (!thp_mem) {
		thp_mem = map_aligned(b->arg, HPAGE);
		madvise(thp_mem, b->arg, MADV_HUGEPAGE);
		memset(thp_mem, 1, b->arg);
	}
}

/* fork() copies the THP mappings (rmap), the child's exit drops them. */
static void op_fork(const struct bench *b)
{
	pid_t pid = fork();

	if (!pid)
		_exit(0);
	waitpid(pid, NULL, 0);
}

static void run(const struct bench *b)
{
	int rep, i;

	if (b->setup)
		b->setup(b);
	b->op(b);	/* warm up */
	for (rep = 0; rep < REPS; rep++) {
		uint64_t t0 = now_ns();

		for (i = 0; i < b->ops; i++)
			b->op(b);
		printf("%s %d %.1f\n", b->name, rep,
		       (double)(now_ns() - t0) / b->ops);
		fflush(stdout);
	}
}

int main(void)
{
	static const struct bench fixed[] = {
		{ "anon_fault_4k_x64", 20, setup_small, op_anon_small },
		{ "hugetlb_fault_pool", 100, setup_pool, op_hugetlb, 0 },
		{ "hugetlb_fault_surplus", 100, setup_surplus, op_hugetlb,
		  MAP_NORESERVE },
		{ "hugetlb_fault_fail", 100, setup_fail, op_hugetlb,
		  MAP_NORESERVE },
		{ "read_meminfo", 500, NULL, op_read,
		  (unsigned long)"/proc/meminfo" },
		{ "read_node_meminfo", 500, NULL, op_read,
		  (unsigned long)"/sys/devices/system/node/node0/meminfo" },
		{ "read_hugetlb_stat", 500, NULL, op_read,
		  (unsigned long)HSTATE "/stats/alloc_pool" },
		{ "fork_exit_thp_16m", 30, setup_fork, op_fork, 16 * HPAGE / 2 },
	};
	struct sigaction sa = { .sa_handler = on_sigbus };
	unsigned long kb;
	char name[64], path[256];
	int i;

	pagesize = getpagesize();
	sigaction(SIGBUS, &sa, NULL);

	/* Every anonymous THP size the kernel offers, smallest first. */
	for (kb = 16; kb <= HPAGE / 1024; kb *= 2) {
		/*
		 * Small folios get more operations per repetition (from 800
		 * at 16K down to 50 from 512K on), so that every repetition
		 * runs long enough for interrupts and kworkers to average out.
		 */
		int ops = 50 * 2048 / 4 / kb;
		struct bench b = { name, ops < 50 ? 50 : ops > 800 ? 800 : ops,
				   setup_anon, op_anon_folio, kb * 1024 };

		snprintf(path, sizeof(path), THP "/hugepages-%lukB/stats/anon_fault_alloc", kb);
		if (access(path, F_OK))
			continue;
		snprintf(name, sizeof(name), "anon_fault_thp_%lukb", kb);
		run(&b);
	}
	for (i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])); i++) {
		if (fixed[i].op == op_read &&
		    access((const char *)fixed[i].arg, R_OK)) {
			printf("%s skip %s missing\n", fixed[i].name,
			       (const char *)fixed[i].arg);
			continue;
		}
		run(&fixed[i]);
	}
	return 0;
}
