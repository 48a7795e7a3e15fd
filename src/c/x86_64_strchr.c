// SPDX-License-Identifier: Apache-2.0
// strchr for x86_64: SSE2 in hard-float builds (see x86_64_sse2.h), four
// words per step in soft-float builds (x86_64_words.h).
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
#include "x86_64_words.h"

// Marks the bytes of v that are NUL or c (cc: c in every byte).
static inline __attribute__((always_inline)) uint64_t hits(uint64_t v, uint64_t cc)
{
    return zero_bytes(v) | zero_bytes(v ^ cc);
}

// hits before the final mask.
static inline __attribute__((always_inline)) uint64_t hits_raw(uint64_t v, uint64_t cc)
{
    return zero_bytes_raw(v) | zero_bytes_raw(v ^ cc);
}

char *strchr(const char *s, int c)
{
    uint64_t cc = (uint64_t)(unsigned char)c * HL_ONES;
    unsigned skip;
    const hl_word *w = word_of(s, &skip);
    // The bytes before s are made 0xff in both tests (after the xor for the
    // c test), so they mark nothing, not even through a borrow.
    uint64_t pre = (UINT64_C(1) << skip) - 1, v = *w;
    uint64_t m = zero_bytes(v | pre) | zero_bytes((v ^ cc) | pre);
    if (m)
        goto found;
    // as strlen: single words for 32 bytes and on to a 32-byte boundary,
    // then four per step
    for (unsigned k = 0;; k++) {
        if (++w, k >= 4 && !((uintptr_t)w & 31))
            break;
        m = hits(*w, cc);
        if (m)
            goto found;
    }
    while (!((hits_raw(w[0], cc) | hits_raw(w[1], cc) | hits_raw(w[2], cc) | hits_raw(w[3], cc)) & HL_HIGHS))
        w += 4;
    while (!(m = hits(*w, cc)))
        w++;
found:;
    const char *hit = (const char *)w + first_byte(m);
    return *hit == (char)c ? (char *)hit : NULL;
}
#endif
