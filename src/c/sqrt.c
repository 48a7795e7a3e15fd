// SPDX-License-Identifier: Apache-2.0
// sqrt: one sqrtsd where the build has SSE2. It is correctly rounded in the
// current rounding mode, raises invalid for negative and signalling-NaN
// inputs and returns the same NaNs as picolibc's software square root
// (__IEEE_LIBM: errno is not set). Soft-float builds keep picolibc's fdlibm
// code, included here because one source list serves both x86_64 flavours.
// aarch64 uses picolibc's libm/machine/aarch64/s_sqrt.c (fsqrt).
#if defined(__x86_64__) && defined(__SSE2__)
// In assembly: under -frounding-math clang would follow an inline asm
// statement with an x87 `wait`. The argument and the result are in %xmm0.
__asm__(".pushsection .text.sqrt,\"ax\",@progbits\n"
        ".p2align 4\n"
        ".globl sqrt\n"
        ".type sqrt,@function\n"
        "sqrt:\n"
        "  sqrtsd %xmm0, %xmm0\n"
        "  ret\n"
        ".size sqrt, .-sqrt\n"
        ".popsection\n");
#elif defined(__x86_64__)
#include "libm/math/s_sqrt.c"
#endif
