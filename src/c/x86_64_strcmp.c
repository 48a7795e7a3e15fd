// SPDX-License-Identifier: Apache-2.0
// strcmp for x86_64: SSE2 in hard-float builds, picolibc's C in soft-float
// builds (see x86_64_sse2.h).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

int strcmp(const char *a, const char *b)
{
    for (;;) {
        // Bytes until the nearer of the two strings' page ends: that many can
        // be read in unaligned 16-byte blocks without touching the next page.
        size_t ra = PAGE - ((uintptr_t)a & (PAGE - 1)), rb = PAGE - ((uintptr_t)b & (PAGE - 1));
        size_t room = ra < rb ? ra : rb;
        if (room < 16) {
            for (; room; room--, a++, b++) {
                if (*a != *b || !*a)
                    return (unsigned char)*a - (unsigned char)*b;
            }
            continue;
        }
        for (size_t k = room / 16; k; k--, a += 16, b += 16) {
            v16c va = *(const v16cu *)a, vb = *(const v16cu *)b;
            // Zero bytes where the strings differ or end.
            unsigned m = mask_of(min_u8(va, (v16c)(va == vb)) == (v16c){ 0 });
            if (m) {
                unsigned i = (unsigned)__builtin_ctz(m);
                return (unsigned char)a[i] - (unsigned char)b[i];
            }
        }
    }
}
#elif defined(__x86_64__)
#include "libc/string/strcmp.c"
#endif
