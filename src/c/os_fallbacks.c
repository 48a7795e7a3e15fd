// SPDX-License-Identifier: Apache-2.0
// Weak fallbacks for the optional parts of the OS interface (README, "OS
// interface contract"): a guest without files, process times or an entropy
// source still links fopen, remove, clock, arc4random and the dbopen hash
// tables, and they fail at run time instead. A guest's own (strong)
// definition replaces any of these. Nothing here is defined by
// hyperlight-guest-bin.
#define _DEFAULT_SOURCE // POSIX declarations under -std=c18
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>

#define WEAK __attribute__((weak))

// fopen, freopen, mkstemp, dbopen: no file system.
WEAK int open(const char *path, int flags, ...)
{
    (void)path, (void)flags;
    errno = ENOSYS;
    return -1;
}

// remove: no file system.
WEAK int unlink(const char *path)
{
    (void)path;
    errno = ENOSYS;
    return -1;
}

WEAK int stat(const char *restrict path, struct stat *restrict st)
{
    (void)path, (void)st;
    errno = ENOSYS;
    return -1;
}

WEAK int fstat(int fd, struct stat *st)
{
    (void)fd, (void)st;
    errno = ENOSYS;
    return -1;
}

// clock(): returns (clock_t)-1, "processor time not available" (C17 7.27.2.1).
WEAK clock_t times(struct tms *buf)
{
    (void)buf;
    errno = ENOSYS;
    return (clock_t)-1;
}

// A guest has one thread and no asynchronous signals: there is nothing to
// block, so succeed and report an empty old mask.
WEAK int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    (void)how, (void)set;
    if (old)
        sigemptyset(old);
    return 0;
}

// No entropy source: arc4random then stops the guest (picolibc raises
// SIGKILL) rather than hand out predictable numbers.
WEAK int getentropy(void *buf, size_t len)
{
    (void)buf, (void)len;
    errno = ENOSYS;
    return -1;
}
