// SPDX-License-Identifier: Apache-2.0
// strlen for x86_64: SSE2 in hard-float builds (see x86_64_sse2.h), four
// words per step in soft-float builds (x86_64_words.h).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

size_t strlen(const char *s)
{
    const char *p = (const char *)((uintptr_t)s & ~(uintptr_t)15);
    unsigned m = nul_mask(p) >> ((uintptr_t)s & 15);
    if (m)
        return (size_t)__builtin_ctz(m);
    // The next 16 bytes on their own (most strings end there), 16-byte blocks
    // up to a 64-byte boundary, then 64 bytes per step (an aligned 64-byte
    // block never crosses a page either).
    p += 16;
    m = nul_mask(p);
    if (m)
        return (size_t)(p - s) + (size_t)__builtin_ctz(m);
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
#include "x86_64_words.h"

size_t strlen(const char *s)
{
    unsigned skip;
    const hl_word *w = word_of(s, &skip);
    // bytes before s made 0xff: never zero
    uint64_t m = zero_bytes(*w | ((UINT64_C(1) << skip) - 1));
    if (m)
        goto found;
    // Single words for the next 32 bytes (most strings end there; each is
    // read only when the one before holds no NUL) and on to a 32-byte
    // boundary, then four words per step (an aligned 32-byte block never
    // crosses a page).
    if ((m = zero_bytes(w[1])))
        return (size_t)((const char *)(w + 1) - s) + first_byte(m);
    if ((m = zero_bytes(w[2])))
        return (size_t)((const char *)(w + 2) - s) + first_byte(m);
    if ((m = zero_bytes(w[3])))
        return (size_t)((const char *)(w + 3) - s) + first_byte(m);
    if ((m = zero_bytes(w[4])))
        return (size_t)((const char *)(w + 4) - s) + first_byte(m);
    for (w += 5; (uintptr_t)w & 31; w++) {
        m = zero_bytes(*w);
        if (m)
            goto found;
    }
    while (!((zero_bytes_raw(w[0]) | zero_bytes_raw(w[1]) | zero_bytes_raw(w[2]) | zero_bytes_raw(w[3])) & HL_HIGHS))
        w += 4;
    while (!(m = zero_bytes(*w)))
        w++;
found:
    return (size_t)((const char *)w - s) + first_byte(m);
}
#endif
