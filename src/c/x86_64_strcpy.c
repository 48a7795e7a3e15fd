// SPDX-License-Identifier: Apache-2.0
// strcpy for x86_64: SSE2 in hard-float builds, picolibc's C in soft-float
// builds (see x86_64_sse2.h).
#if defined(__x86_64__) && defined(__SSE2__)
#include "x86_64_sse2.h"

char *strcpy(char *restrict d, const char *restrict s)
{
    memcpy(d, s, strlen(s) + 1);
    return d;
}
#elif defined(__x86_64__)
#include "libc/string/strcpy.c"
#endif
