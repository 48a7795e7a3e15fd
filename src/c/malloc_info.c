// SPDX-License-Identifier: Apache-2.0
// <malloc.h>'s introspection and tuning calls belong to the allocator, and a
// guest's allocator (hyperlight-guest-bin's) has none of them. These weak
// fallbacks give C code that calls them the answers of an allocator with
// nothing to report or tune (README, "OS interface contract"); a guest
// allocator's strong definitions replace them. malloc_usable_size has no
// honest fallback and is not defined (docs/picolibc.md).
#include <malloc.h>
#include <string.h>

#define WEAK __attribute__((weak))

// No statistics to print.
WEAK void malloc_stats(void) {}

// All fields zero: nothing known.
WEAK struct mallinfo mallinfo(void)
{
    struct mallinfo info;
    memset(&info, 0, sizeof(info));
    return info;
}

// 0: the option is not supported (SVID mallopt returns non-zero on success).
WEAK int mallopt(int param, int value)
{
    (void)param, (void)value;
    return 0;
}

// 0: no memory was released.
WEAK int malloc_trim(size_t pad)
{
    (void)pad;
    return 0;
}
