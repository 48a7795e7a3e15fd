// SPDX-License-Identifier: Apache-2.0
// strchr for x86_64: SSE2 in hard-float builds, picolibc's C in soft-float
// builds (see x86_64_sse2.h).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

// Zero bytes where v holds c or NUL: v ^ c is zero where v == c.
static inline __attribute__((always_inline)) v16c hits(v16c v, v16c want)
{
    return min_u8(v ^ want, v);
}

char *strchr(const char *s, int c)
{
    v16c want = splat(c), zero = { 0 };
    const char *p = (const char *)((uintptr_t)s & ~(uintptr_t)15);
    unsigned m = mask_of(hits(load_a(p), want) == zero) >> ((uintptr_t)s & 15) << ((uintptr_t)s & 15);
    if (!m) {
        for (p += 16; (uintptr_t)p & 63; p += 16) {
            m = mask_of(hits(load_a(p), want) == zero);
            if (m)
                goto found;
        }
        for (;; p += 64) {
            v16c a = hits(load_a(p), want), b = hits(load_a(p + 16), want);
            v16c x = hits(load_a(p + 32), want), y = hits(load_a(p + 48), want);
            if (mask_of(min_u8(min_u8(a, b), min_u8(x, y)) == zero))
                break;
        }
        for (;; p += 16) {
            m = mask_of(hits(load_a(p), want) == zero);
            if (m)
                break;
        }
    }
found:;
    const char *hit = p + __builtin_ctz(m);
    return *hit == (char)c ? (char *)hit : NULL;
}
#elif defined(__x86_64__)
#include "libc/string/strchr.c"
#endif
