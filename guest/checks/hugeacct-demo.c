// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugeacct-demo: the program of the README walkthrough (guest/checks/
 * walkthrough), also run by the trace-cmd and node-exporter checks. Its
 * output is part of the README, so it prints nothing that changes from
 * run to run: mappings go to fixed addresses.
 *
 *   hugeacct-demo touch N [noreserve] [FILE]
 *	map N huge pages of the default size (2 MiB), anonymous and private,
 *	or shared from FILE (on hugetlbfs), reserved at mmap() unless
 *	"noreserve", and write to each page in turn; say how each write went.
 *   hugeacct-demo anon
 *	bound to node 0, with MADV_HUGEPAGE: enable PMD THP (only) and fault
 *	in 8 MiB, then enable 64K mTHP (only) and fault in 64 MiB; print
 *	"ready PID" and wait to be killed. The caller saves and restores the
 *	THP settings.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/mempolicy.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define HPAGE		(2UL << 20)
#define HUGETLB_ADDR	0x7f0000000000UL
#define ANON_ADDR	0x7e0000000000UL
#define ANON_MTHP	(64UL << 20)
#define ANON_PMD	(8UL << 20)
#define THP		"/sys/kernel/mm/transparent_hugepage"

static sigjmp_buf jmp;
static volatile siginfo_t fault;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	fault = *si;
	siglongjmp(jmp, 1);
}

static const char *bus_code(int code)
{
	switch (code) {
	case BUS_ADRERR:
		return "BUS_ADRERR";
	case BUS_ADRALN:
		return "BUS_ADRALN";
	case BUS_OBJERR:
		return "BUS_OBJERR";
	default:
		return "?";
	}
}

static int touch(int n, int noreserve, const char *file)
{
	int flags = MAP_FIXED_NOREPLACE | (noreserve ? MAP_NORESERVE : 0);
	struct sigaction sa = { .sa_sigaction = on_sigbus,
				.sa_flags = SA_SIGINFO };
	volatile char *p;
	volatile int i;
	int fd = -1;

	if (file) {
		fd = open(file, O_CREAT | O_RDWR, 0600);
		if (fd < 0 || ftruncate(fd, n * HPAGE)) {
			printf("%s: %s\n", file, strerror(errno));
			return 1;
		}
		flags |= MAP_SHARED;
	} else {
		flags |= MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB;
	}
	p = mmap((void *)HUGETLB_ADDR, n * HPAGE, PROT_READ | PROT_WRITE,
		 flags, fd, 0);
	if (p == MAP_FAILED) {
		printf("mmap of %d huge pages: %s\n", n, strerror(errno));
		return 0;
	}
	printf("mmap of %d huge pages at %p: ok\n", n, p);
	sigaction(SIGBUS, &sa, NULL);
	for (i = 0; i < n; i++) {
		if (sigsetjmp(jmp, 1)) {
			printf("write to page %d: SIGBUS (%s at %p)\n", i,
			       bus_code(fault.si_code), fault.si_addr);
			break;
		}
		p[i * HPAGE] = 1;
		printf("write to page %d: ok\n", i);
	}
	munmap((void *)p, n * HPAGE);
	if (fd >= 0)
		close(fd);
	return 0;
}

static int write_knob(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, val, strlen(val)) == (ssize_t)strlen(val);

	if (fd >= 0)
		close(fd);
	if (!ok)
		printf("%s: %s\n", path, strerror(errno));
	return ok;
}

static char *fault_in(unsigned long addr, unsigned long len)
{
	char *p = mmap((void *)addr, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		exit(1);
	}
	madvise(p, len, MADV_HUGEPAGE);
	memset(p, 1, len);
	return p;
}

static int anon(void)
{
	unsigned long node0 = 1;

	if (syscall(__NR_set_mempolicy, MPOL_BIND, &node0, 8 * sizeof(node0))) {
		printf("set_mempolicy: %s\n", strerror(errno));
		return 1;
	}
	/*
	 * PMD THPs first, then 64K mTHPs: with PMD THP off again by the time
	 * the 64K folios exist, khugepaged cannot collapse them meanwhile.
	 */
	if (!write_knob(THP "/hugepages-2048kB/enabled", "madvise"))
		return 1;
	fault_in(ANON_ADDR, ANON_PMD);
	if (!write_knob(THP "/hugepages-2048kB/enabled", "never") ||
	    !write_knob(THP "/hugepages-64kB/enabled", "madvise"))
		return 1;
	fault_in(ANON_ADDR + ANON_PMD, ANON_MTHP);
	printf("ready %d\n", getpid());
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && !strcmp(argv[1], "touch")) {
		int noreserve = argc >= 4 && !strcmp(argv[3], "noreserve");

		return touch(atoi(argv[2]), noreserve,
			     argc > 3 + noreserve ? argv[3 + noreserve] : NULL);
	}
	if (argc == 2 && !strcmp(argv[1], "anon"))
		return anon();
	fprintf(stderr, "usage: %s touch N [noreserve] [FILE] | anon\n", argv[0]);
	return 2;
}
