// SPDX-License-Identifier: Apache-2.0
// Compiler-runtime helpers that picolibc needs and Rust's compiler_builtins
// deliberately omits, so a guest links with compiler_builtins alone.
#include <picolibc.h>

#if defined(__x86_64__) && !defined(_SOFT_FLOAT) && __SIZEOF_LONG_DOUBLE__ > 8
// x87 80-bit long double from 128-bit integers (strtold, the long double
// scanf engine). Each 64-bit half converts exactly into the 64-bit x87
// significand and the scaling is exact, so the one rounding is in the sum.
long double __floatuntixf(unsigned __int128 a);
long double __floattixf(__int128 a);

long double __floatuntixf(unsigned __int128 a)
{
    return (long double)(unsigned long long)(a >> 64) * 0x1p64L + (long double)(unsigned long long)a;
}

long double __floattixf(__int128 a)
{
    unsigned __int128 magnitude = a < 0 ? -(unsigned __int128)a : (unsigned __int128)a;
    long double r = __floatuntixf(magnitude);
    return a < 0 ? -r : r;
}

// long double _Complex multiplication (libm/complex's *l functions), with the
// infinity recovery of C17 Annex G.5.1: a product with an infinite factor is
// infinite even where the plain formula gives NaN.
long double _Complex __mulxc3(long double a, long double b, long double c, long double d);

static long double box(long double v) // 1 or 0 with v's sign, for infinities
{
    return __builtin_copysignl(__builtin_isinf(v) ? 1.0L : 0.0L, v);
}

static long double unnan(long double v) // a NaN becomes 0 with its sign
{
    return __builtin_isnan(v) ? __builtin_copysignl(0, v) : v;
}

long double _Complex __mulxc3(long double a, long double b, long double c, long double d)
{
    long double ac = a * c, bd = b * d, ad = a * d, bc = b * c;
    long double x = ac - bd, y = ad + bc;
    if (__builtin_isnan(x) && __builtin_isnan(y)) {
        int recalc = 0;
        if (__builtin_isinf(a) || __builtin_isinf(b)) {
            a = box(a), b = box(b), c = unnan(c), d = unnan(d);
            recalc = 1;
        }
        if (__builtin_isinf(c) || __builtin_isinf(d)) {
            c = box(c), d = box(d), a = unnan(a), b = unnan(b);
            recalc = 1;
        }
        if (!recalc && (__builtin_isinf(ac) || __builtin_isinf(bd) || __builtin_isinf(ad) || __builtin_isinf(bc))) {
            a = unnan(a), b = unnan(b), c = unnan(c), d = unnan(d);
            recalc = 1;
        }
        if (recalc) {
            x = __builtin_infl() * (a * c - b * d);
            y = __builtin_infl() * (a * d + b * c);
        }
    }
    return __builtin_complex(x, y);
}
#endif
