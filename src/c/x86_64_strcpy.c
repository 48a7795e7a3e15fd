// SPDX-License-Identifier: Apache-2.0
// strcpy for x86_64. picolibc's C copied words only when both pointers were
// 8-aligned, else a byte at a time.
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

// Hard-float: the length by the SSE2 strlen, then one memcpy.
char *strcpy(char *restrict d, const char *restrict s)
{
    return memcpy(d, s, strlen(s) + 1);
}
#elif defined(__x86_64__)
#include <string.h>

#include "x86_64_words.h"

typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;

// Soft-float: the first 64 bytes by aligned words of s (stored unaligned to
// d), so a short string costs no call; a longer one then goes to strlen
// (four words a step) and memcpy (`rep movsb` when long). Aligned words never
// cross a page, and the first that holds the terminator is the last read.
char *strcpy(char *restrict d, const char *restrict s)
{
    char *r = d;
    for (; (uintptr_t)s & 7; s++, d++)
        if (!(*d = *s))
            return r;
    for (int k = 0; k < 8; k++, s += 8, d += 8) {
        uint64_t w = *(const hl_word *)s;
        if (zero_bytes(w)) {
            while ((*d++ = *s++))
                ;
            return r;
        }
        *(u64u *)d = w;
    }
    memcpy(d, s, strlen(s) + 1);
    return r;
}
#endif
