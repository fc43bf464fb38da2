// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugetlb-provoke: one hugetlb reservation failure and one allocation
 * failure of the default huge page size, for the client checks
 * (guest/checks/trace-cmd). The caller empties the pool and sets
 * nr_overcommit_hugepages to 0 first, so that
 *  - mmap(MAP_HUGETLB) of one page cannot reserve it: ENOMEM
 *    (reserve_fail_pool), and
 *  - a MAP_NORESERVE mapping's first touch finds no page and no surplus
 *    allowed: SIGBUS (alloc_fail_overcommit).
 * Exit 0 when both happened as expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define HPAGE (2UL << 20)

static sigjmp_buf jmp;

static void on_sigbus(int sig)
{
	siglongjmp(jmp, 1);
}

int main(void)
{
	volatile char *p;
	int ok = 1;

	p = mmap(NULL, HPAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (p != MAP_FAILED || errno != ENOMEM) {
		printf("reserving mmap: %s, want ENOMEM\n",
		       p == MAP_FAILED ? strerror(errno) : "succeeded");
		ok = 0;
	} else {
		printf("reserving mmap: ENOMEM\n");
	}

	p = mmap(NULL, HPAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_NORESERVE,
		 -1, 0);
	if (p == MAP_FAILED) {
		printf("MAP_NORESERVE mmap: %s\n", strerror(errno));
		return 1;
	}
	signal(SIGBUS, on_sigbus);
	if (sigsetjmp(jmp, 1)) {
		printf("first touch: SIGBUS\n");
	} else {
		p[0] = 1;
		printf("first touch succeeded, want SIGBUS\n");
		ok = 0;
	}
	munmap((void *)p, HPAGE);
	return ok ? 0 : 1;
}
