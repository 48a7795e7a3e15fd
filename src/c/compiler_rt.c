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
#endif
