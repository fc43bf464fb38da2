/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the bench's guest programs (guest/bench,
 * guest/checks): each is built on its own, static, and includes this.
 */
#ifndef HUGEACCT_GUEST_COMMON_H
#define HUGEACCT_GUEST_COMMON_H

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Write @val to the file at @path (a sysfs or procfs knob): 0 or -1. */
static inline int write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

#endif
