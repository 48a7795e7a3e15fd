// SPDX-License-Identifier: Apache-2.0
// memchr for x86_64: SSE2 in hard-float builds (see x86_64_sse2.h), two
// words per step in soft-float builds (x86_64_words.h). Reads aligned 16-byte
// blocks (8-byte words) that hold at least one byte of [s, s + n).
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
#include "x86_64_words.h"

void *memchr(const void *src, int c, size_t n)
{
    if (!n)
        return NULL;
    uint64_t cc = (uint64_t)(unsigned char)c * HL_ONES;
    unsigned skip;
    const hl_word *w = word_of(src, &skip);
    // left: bytes from the start of w to the end of the range (n may be
    // SIZE_MAX, "no bound": then it stays huge)
    size_t left = n > SIZE_MAX - 8 ? SIZE_MAX : n + skip / 8;
    uint64_t m = zero_bytes((*w ^ cc) | ((UINT64_C(1) << skip) - 1));
    if (m)
        goto found;
    if (left <= 8)
        return NULL;
    left -= 8;
    w++;
    for (; left > 16; left -= 16, w += 2) {
        if ((zero_bytes_raw(w[0] ^ cc) | zero_bytes_raw(w[1] ^ cc)) & HL_HIGHS) {
            m = zero_bytes(w[0] ^ cc);
            if (!m) {
                m = zero_bytes(w[1] ^ cc);
                w++;
                left -= 8;
            }
            goto found;
        }
    }
    // 1 to 16 bytes left: one or two words
    m = zero_bytes(*w ^ cc);
    if (!m && left > 8) {
        w++;
        left -= 8;
        m = zero_bytes(*w ^ cc);
    }
    if (!m)
        return NULL;
found:;
    unsigned i = first_byte(m);
    return i < left ? (void *)((const char *)w + i) : NULL;
}
#endif
