// SPDX-License-Identifier: Apache-2.0
// Shared by src/c/fma.c and src/c/fmal.c: correctly rounded x*y+z in integer
// arithmetic. The exact sum arrives as a sign, an unsigned __int128 M and an
// exponent E (value M * 2^E, the bits lost to alignment ORed into bit 0, far
// below the rounding position); round_sum() rounds it once to a binary format
// in the given rounding mode and reports the IEEE exceptions, with tininess
// detected after rounding as x86 does. Hard-float builds read the SSE rounding
// mode and raise the exceptions with one dedicated operation each; soft-float
// builds round to nearest and keep no flags (compiler_builtins has no other
// mode and picolibc's soft fenv reports FE_TONEAREST).
#ifndef HYPERLIGHT_FMA_IMPL_H
#define HYPERLIGHT_FMA_IMPL_H

#include <stdint.h>

typedef unsigned __int128 fma_u128;

// The x86 rounding-control encoding (MXCSR.RC, x87 CW.RC, picolibc's FE_*).
enum { FMA_RN = 0, FMA_RD = 1, FMA_RU = 2, FMA_RZ = 3 };
// The x86 exception bits (picolibc's FE_* values).
enum { FMA_INVALID = 1, FMA_OVERFLOW = 8, FMA_UNDERFLOW = 16, FMA_INEXACT = 32 };

// A binary format: p significand bits (the leading one included), emin the
// exponent of the least normal number, inf_exp the biased exponent of
// infinities and NaNs.
struct fma_format {
    int p, emin, inf_exp;
};

// A rounded result: the significand (p bits, the leading one explicit;
// fewer when subnormal) and the biased exponent (0 for subnormals and zero).
struct fma_result {
    uint64_t sig;
    int exp;
};

static inline int fma_clz128(fma_u128 v) {
    uint64_t hi = (uint64_t)(v >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)v);
}

#if defined(__x86_64__) && defined(__SSE2__)
#define FMA_HARD_FLOAT 1
static inline int fma_mode(void) { return (int)(__builtin_ia32_stmxcsr() >> 13) & 3; }

// Each exception by an operation that raises exactly it (overflow and
// underflow come with inexact, as they must). Volatile operands and results
// keep clang (under -frounding-math) from folding or dropping them.
static void fma_raise(int flags) {
    volatile double a, b, sink;
    if (flags & FMA_INVALID) {
        a = 0.0;
        sink = a / a;
    }
    if (flags & FMA_OVERFLOW) {
        a = 0x1p1023;
        sink = a * a;
    }
    if (flags & FMA_UNDERFLOW) {
        a = 0x1p-1022;
        sink = a * a;
    }
    if ((flags & (FMA_INEXACT | FMA_OVERFLOW | FMA_UNDERFLOW)) == FMA_INEXACT) {
        a = 1.0;
        b = 0x1p-100;
        sink = a + b;
    }
    (void)sink;
}
#else
#define FMA_HARD_FLOAT 0
static inline int fma_mode(void) { return FMA_RN; }
static inline void fma_raise(int flags) { (void)flags; }
#endif

// m >> sh rounded in `mode` for a number of sign `sign`; *inexact says whether
// bits were lost. sh <= 0 shifts left (exact).
static inline fma_u128 fma_round_shift(fma_u128 m, int sh, int sign, int mode, int *inexact) {
    if (sh <= 0) {
        *inexact = 0;
        return m << -sh;
    }
    fma_u128 kept;
    int half, sticky;
    if (sh >= 128) {
        kept = 0;
        half = sh == 128 && (m >> 127);
        sticky = sh == 128 ? (m << 1) != 0 : m != 0;
    } else {
        kept = m >> sh;
        half = (int)(m >> (sh - 1)) & 1;
        sticky = (m & (((fma_u128)1 << (sh - 1)) - 1)) != 0;
    }
    *inexact = half | sticky;
    int up;
    switch (mode) {
    case FMA_RN: up = half && (sticky || (kept & 1)); break;
    case FMA_RU: up = (half | sticky) && !sign; break;
    case FMA_RD: up = (half | sticky) && sign; break;
    default: up = 0; break;
    }
    return kept + (fma_u128)up;
}

// Rounds sign * m * 2^e (m != 0) to format f; adds the exceptions to *flags.
static inline struct fma_result fma_round_sum(const struct fma_format *f, int sign, fma_u128 m, int e, int mode, int *flags) {
    int p = f->p;
    int top = 127 - fma_clz128(m) + e; // exponent of the leading bit
    int lsb = top - (p - 1);
    if (lsb < f->emin - (p - 1))
        lsb = f->emin - (p - 1);
    int inexact;
    fma_u128 k = fma_round_shift(m, lsb - e, sign, mode, &inexact);
    if (k >> p) { // rounded up into the next binade: k is 2^p
        k >>= 1;
        lsb++;
    }
    struct fma_result r;
    r.sig = (uint64_t)k;
    r.exp = (k >> (p - 1)) ? lsb + (p - 1) - f->emin + 1 : 0;
    if (r.exp >= f->inf_exp) {
        *flags |= FMA_OVERFLOW | FMA_INEXACT;
        int to_inf = mode == FMA_RN || (mode == FMA_RU && !sign) || (mode == FMA_RD && sign);
        r.exp = to_inf ? f->inf_exp : f->inf_exp - 1;
        r.sig = to_inf ? (p == 64 ? (uint64_t)1 << 63 : 0) : (uint64_t)(((fma_u128)1 << p) - 1);
        return r;
    }
    if (inexact) {
        *flags |= FMA_INEXACT;
        // Tiny after rounding: below the least normal once rounded to p bits
        // with an unbounded exponent.
        int tiny = top < f->emin - 1;
        if (top == f->emin - 1) {
            int unused;
            tiny = !(fma_round_shift(m, top - (p - 1) - e, sign, mode, &unused) >> p);
        }
        if (tiny)
            *flags |= FMA_UNDERFLOW;
    }
    return r;
}

// The sign of an exact zero sum of two numbers of signs a and b.
static inline int fma_zero_sign(int a, int b, int mode) { return a == b ? a : mode == FMA_RD; }

#endif
