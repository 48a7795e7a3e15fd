// SPDX-License-Identifier: Apache-2.0
// Decimal digit writing shared by printf's digit generators (src/c/vfprintf.c
// for doubles, src/c/ldtoa.c for long doubles): two digits per table load.
#ifndef HL_DECIMAL_DIGITS_H
#define HL_DECIMAL_DIGITS_H

#include <stdint.h>

static const char digit_pairs[201] =
    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849"
    "5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

static const uint64_t pow10_u64[19] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
};

// The library is compiled with -fno-builtin, where memcpy(dst, src, 2) is a
// call: the digit pairs are copied as two stores instead.
static inline void put_pair(char *out, unsigned r)
{
    out[0] = digit_pairs[2 * r];
    out[1] = digit_pairs[2 * r + 1];
}

// Writes the decimal digits of v > 0 to out; returns how many.
__attribute__((unused)) static int u64_digits(uint64_t v, char *out)
{
    int n = 1;
    while (n < 19 && v >= pow10_u64[n])
        n++;
    if (n == 19 && v / 10 >= pow10_u64[18])
        n = 20;
    int i = n;
    while (v >= 100) {
        i -= 2;
        put_pair(out + i, (unsigned)(v % 100));
        v /= 100;
    }
    if (v >= 10)
        put_pair(out, (unsigned)v);
    else
        out[0] = (char)('0' + v);
    return n;
}

// Nine digits of a chunk < 10^9, leading zeros included.
__attribute__((unused)) static void chunk9(uint32_t c, char *out)
{
    out[0] = (char)('0' + c / 100000000);
    c %= 100000000;
    for (int i = 7; i > 0; i -= 2) {
        put_pair(out + i, c % 100);
        c /= 100;
    }
}

// Nineteen digits of a chunk < 10^19, leading zeros included.
__attribute__((unused)) static void chunk19(uint64_t c, char *out)
{
    uint64_t hi = c / 10000000000u; // < 10^9
    uint64_t lo = c % 10000000000u;
    chunk9((uint32_t)hi, out);
    chunk9((uint32_t)(lo / 10), out + 9);
    out[18] = (char)('0' + lo % 10);
}

#endif
