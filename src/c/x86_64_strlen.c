// SPDX-License-Identifier: Apache-2.0
// strlen for x86_64: SSE2 in hard-float builds, picolibc's C in soft-float
// builds (see x86_64_sse2.h).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

size_t strlen(const char *s)
{
    const char *p = (const char *)((uintptr_t)s & ~(uintptr_t)15);
    unsigned m = nul_mask(p) >> ((uintptr_t)s & 15);
    if (m)
        return (size_t)__builtin_ctz(m);
    // 16-byte blocks up to a 64-byte boundary, then 64 bytes per step (an
    // aligned 64-byte block never crosses a page either).
    for (p += 16; (uintptr_t)p & 63; p += 16) {
        m = nul_mask(p);
        if (m)
            return (size_t)(p - s) + (size_t)__builtin_ctz(m);
    }
    for (;; p += 64) {
        v16c a = load_a(p), b = load_a(p + 16), c = load_a(p + 32), d = load_a(p + 48);
        if (mask_of(min_u8(min_u8(a, b), min_u8(c, d)) == (v16c){ 0 }))
            break;
    }
    for (;; p += 16) {
        m = nul_mask(p);
        if (m)
            return (size_t)(p - s) + (size_t)__builtin_ctz(m);
    }
}
#elif defined(__x86_64__)
#include "libc/string/strlen.c"
#endif
