// SPDX-License-Identifier: Apache-2.0
// memchr for x86_64: SSE2 in hard-float builds, picolibc's C in soft-float
// builds (see x86_64_sse2.h). Reads aligned 16-byte blocks that hold at least
// one byte of [s, s + n).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

void *memchr(const void *src, int c, size_t n)
{
    if (!n)
        return NULL;
    const char *s = src;
    v16c want = splat(c);
    uintptr_t off = (uintptr_t)s & 15;
    const char *p = s - off;
    // Bytes from p to the end of the range; n near SIZE_MAX scans until found.
    size_t left = n + off < n ? SIZE_MAX : n + off;
    unsigned m = mask_of(load_a(p) == want) >> off << off;
    if (left <= 16)
        goto last;
    if (m)
        return (void *)(p + __builtin_ctz(m));
    p += 16;
    left -= 16;
    while (left > 64) {
        v16c a = load_a(p) == want, b = load_a(p + 16) == want;
        v16c x = load_a(p + 32) == want, y = load_a(p + 48) == want;
        if (mask_of(a | b | x | y))
            break;
        p += 64;
        left -= 64;
    }
    for (;;) {
        m = mask_of(load_a(p) == want);
        if (left <= 16)
            break;
        if (m)
            return (void *)(p + __builtin_ctz(m));
        p += 16;
        left -= 16;
    }
last:
    m &= (unsigned)((1ul << left) - 1);
    return m ? (void *)(p + __builtin_ctz(m)) : NULL;
}
#elif defined(__x86_64__)
#include "libc/string/memchr.c"
#endif
