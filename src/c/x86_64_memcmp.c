// SPDX-License-Identifier: Apache-2.0
// memcmp for x86_64: SSE2 in hard-float builds, unaligned 8-byte words in
// soft-float builds (see x86_64_sse2.h).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

int memcmp(const void *pa, const void *pb, size_t n)
{
    const unsigned char *a = pa, *b = pb;
    if (n <= 32) {
        if (n >= 16) {
            // the first 16 bytes and the last 16 (overlapping them below 32)
            unsigned m = mask_of(*(const v16cu *)a == *(const v16cu *)b) ^ 0xffff;
            if (m) {
                unsigned i = (unsigned)__builtin_ctz(m);
                return a[i] - b[i];
            }
            size_t k = n - 16;
            m = mask_of(*(const v16cu *)(a + k) == *(const v16cu *)(b + k)) ^ 0xffff;
            if (m) {
                k += (unsigned)__builtin_ctz(m);
                return a[k] - b[k];
            }
            return 0;
        }
        if (n >= 8) {
            uint64_t x, y;
            __builtin_memcpy(&x, a, 8);
            __builtin_memcpy(&y, b, 8);
            if (x == y) {
                size_t k = n - 8;
                __builtin_memcpy(&x, a + k, 8);
                __builtin_memcpy(&y, b + k, 8);
                if (x == y)
                    return 0;
                unsigned i = (unsigned)__builtin_ctzll(x ^ y) / 8;
                return a[k + i] - b[k + i];
            }
            unsigned i = (unsigned)__builtin_ctzll(x ^ y) / 8;
            return a[i] - b[i];
        }
        for (size_t i = 0; i < n; i++) {
            if (a[i] != b[i])
                return a[i] - b[i];
        }
        return 0;
    }
    size_t i = 0;
    // 64 bytes per step while they are equal, then 16 to find the difference.
    while (n - i >= 64) {
        v16c e0 = *(const v16cu *)(a + i) == *(const v16cu *)(b + i);
        v16c e1 = *(const v16cu *)(a + i + 16) == *(const v16cu *)(b + i + 16);
        v16c e2 = *(const v16cu *)(a + i + 32) == *(const v16cu *)(b + i + 32);
        v16c e3 = *(const v16cu *)(a + i + 48) == *(const v16cu *)(b + i + 48);
        if (mask_of(e0 & e1 & e2 & e3) != 0xffff)
            break;
        i += 64;
    }
    if (i == n)
        return 0;
    for (;;) {
        if (i > n - 16)
            i = n - 16; // the last block overlaps the one before
        unsigned m = mask_of(*(const v16cu *)(a + i) != *(const v16cu *)(b + i));
        if (m) {
            i += (unsigned)__builtin_ctz(m);
            return a[i] - b[i];
        }
        if (i == n - 16)
            return 0;
        i += 16;
    }
}
#elif defined(__x86_64__)
// Soft-float: 8-byte words, unaligned (x86 loads them at full speed; picolibc's
// C compares words only when both pointers are aligned, else byte by byte),
// two words a step, then the last word of the range, overlapping the one
// before it. Every load is inside [a, a + n) and [b, b + n).
#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;

// The difference of the first differing bytes of the words at a and b.
static inline __attribute__((always_inline)) int word_diff(const unsigned char *a, const unsigned char *b, uint64_t x, uint64_t y)
{
    unsigned i = (unsigned)__builtin_ctzll(x ^ y) / 8; // little-endian: the lowest byte comes first
    return a[i] - b[i];
}

int memcmp(const void *pa, const void *pb, size_t n)
{
    const unsigned char *a = pa, *b = pb;
    if (n < 8) {
        for (size_t i = 0; i < n; i++) {
            if (a[i] != b[i])
                return a[i] - b[i];
        }
        return 0;
    }
    size_t i = 0;
    for (; n - i > 16; i += 16) {
        uint64_t x0 = *(const u64u *)(a + i), y0 = *(const u64u *)(b + i);
        uint64_t x1 = *(const u64u *)(a + i + 8), y1 = *(const u64u *)(b + i + 8);
        if ((x0 ^ y0) | (x1 ^ y1)) {
            if (x0 != y0)
                return word_diff(a + i, b + i, x0, y0);
            return word_diff(a + i + 8, b + i + 8, x1, y1);
        }
    }
    if (n - i > 8) {
        uint64_t x = *(const u64u *)(a + i), y = *(const u64u *)(b + i);
        if (x != y)
            return word_diff(a + i, b + i, x, y);
    }
    i = n - 8;
    uint64_t x = *(const u64u *)(a + i), y = *(const u64u *)(b + i);
    return x != y ? word_diff(a + i, b + i, x, y) : 0;
}
#endif
