// SPDX-License-Identifier: Apache-2.0
// C11 functions picolibc declares but does not implement.
#define _DEFAULT_SOURCE // clock_gettime under -std=c18
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

// timespec_get (C11 7.27.2.5) over the guest's clock_gettime.
int timespec_get(struct timespec *ts, int base)
{
    if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) != 0)
        return 0;
    return base;
}

// at_quick_exit / quick_exit (C11 7.22.4.3, 7.22.4.7): at least 32 handlers,
// run last registered first, then _Exit without atexit handlers or flushing.
#define QUICK_EXIT_MAX 32
static void (*quick_exit_handlers[QUICK_EXIT_MAX])(void);
static int quick_exit_count;

int at_quick_exit(void (*func)(void))
{
    if (quick_exit_count == QUICK_EXIT_MAX)
        return -1;
    quick_exit_handlers[quick_exit_count++] = func;
    return 0;
}

void quick_exit(int code)
{
    while (quick_exit_count > 0)
        quick_exit_handlers[--quick_exit_count]();
    _exit(code);
}
