// SPDX-License-Identifier: Apache-2.0
// sqrtf: one sqrtss where the build has SSE2 (see sqrt.c); soft-float builds
// keep picolibc's software square root.
#if defined(__x86_64__) && defined(__SSE2__)
// In assembly: under -frounding-math clang would follow an inline asm
// statement with an x87 `wait`. The argument and the result are in %xmm0.
__asm__(".pushsection .text.sqrtf,\"ax\",@progbits\n"
        ".p2align 4\n"
        ".globl sqrtf\n"
        ".type sqrtf,@function\n"
        "sqrtf:\n"
        "  sqrtss %xmm0, %xmm0\n"
        "  ret\n"
        ".size sqrtf, .-sqrtf\n"
        ".popsection\n");
#elif defined(__x86_64__)
#include "libm/math/sf_sqrt.c"
#endif
