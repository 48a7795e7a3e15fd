// SPDX-License-Identifier: Apache-2.0
// vfprintf, and the engine behind src/c/vfwprintf.c and src/c/vfprintf_s.c,
// which include this file with the macros below set. Compiled on its own it
// is vfprintf and __d_vfprintf (picolibc's name for its full variant, which
// printf, snprintf and friends call) plus the exact digit generator.
//
// It replaces picolibc's vfprintf.c for the full ("d") variant, whose float
// conversions printed only the shortest round-trip digits padded with zeros.
// Here %e %f %g print the exact value rounded to nearest, ties to even, at
// every precision (__hl_dtoa_exact below), %a is exact at every precision, and the
// integer conversions follow C11 7.21.6.1 (`%#.0o` of 0 prints `0`).
// Long double (x87's 80 bits on x86_64, binary128 on aarch64) is exact too:
// %Le %Lf %Lg through src/c/ldtoa.c's digit stream, %La as glibc prints it
// (x87: the first hex digit is the significand's top four bits, 0x8p-3 for
// 1; binary128: 0x1p+0). What stays as picolibc's full variant has it:
// positional arguments (`%2$d`, `*3$`, up to NL_ARGMAX), `%n` off (printed
// as is; an error in vfprintf_s), `%ls`/`%lc` only in the wide functions,
// C locale.
//
// Macros set by the including files (the defaults give vfprintf):
//   PF_CHAR  the format and output character type (char or wchar_t)
//   PF_NAME  the function's name
//   PF_WIDE  defined for the wide function (output through putwc)
//   PF_S     defined for vfprintf_s (runtime-constraint checks)
//   PF_FLOAT_ARGS  defined for picolibc's float-only variant (__f_vfprintf):
//            every floating argument is a float's bits in a uint32_t, as
//            <stdio.h>'s printf_float() packs it
#ifndef PF_NAME
#define PF_CHAR    char
#define PF_NAME    vfprintf
#define PF_DTOA_HERE
#endif

#include "stdio_private.h"
#include <stdint.h>
#include <string.h>

#ifdef PF_FLOAT_ARGS
static double pf_packed_float(uint32_t u)
{
    float f;
    __builtin_memcpy(&f, &u, sizeof f);
    return (double)f;
}
#define PF_FLOAT_ARG(ap, big) ((void)(big), pf_packed_float(va_arg(ap, uint32_t)))
#else
#define PF_FLOAT_ARG(ap, big) ((big) ? (double)va_arg(ap, long double) : va_arg(ap, double))
#if __LDBL_MANT_DIG__ == 64 || __LDBL_MANT_DIG__ == 113
// long double is wider than double: its own digits (the soft-float flavour's
// long double is double)
#define PF_LDBL
#include "ldtoa.h"
#endif
#endif

// Exact decimal digits of a double, for %e %f %g.

// A double has at most 767 significant decimal digits (2^-1074 * (2^53 - 1));
// digit generation works in chunks of up to 19, so it may overshoot by 18.
#define HL_DTOA_BUF 800

// Precisions beyond this are exact without rounding: the formatter prints
// the rest as zeros.
#define HL_DTOA_MAX_PREC 1200

#define HL_DTOA_FINITE 0
#define HL_DTOA_ZERO   1
#define HL_DTOA_INF    2
#define HL_DTOA_NAN    3

struct __hl_dtoa {
    int  kind;   // HL_DTOA_*
    int  neg;    // sign bit
    int  exp10;  // decimal exponent of digits[0]: the value is d0.d1d2... * 10^exp10
    int  n;      // digits in digits[] (no trailing zeros); 0: the value rounded to zero
    char digits[HL_DTOA_BUF];
};

// Rounds the double whose bits are `bits` to nearest, ties to even, on its
// exact binary value: with fmode 0 to `ndig` (>= 1) significant digits, with
// fmode 1 to `ndig` (>= 0) digits after the decimal point. No heap, about
// 400 bytes of stack besides *out, no floating-point instructions.
void __hl_dtoa_exact(uint64_t bits, int fmode, int ndig, struct __hl_dtoa *out);

#ifdef PF_DTOA_HERE
// Exact decimal digits of a double for printf (%e %f %g), rounded to nearest,
// ties to even, on the exact binary value at any precision (C11 7.21.6.1).
//
// A finite double is m * 2^e with an integer m < 2^53. Its integer part is
// printed from a 64-bit integer, or, above 2^64, from a base-10^9 big integer
// built by doubling m e times (at most 35 limbs). Its fraction f / 2^k is kept
// as a base-2^64 big fraction (at most 17 limbs); multiplying it by 10^19
// pushes the next nineteen decimal digits out of the top limb. Digits are only
// generated up to the rounding position (plus one chunk), zero limbs at both
// ends are skipped, and everything is integer arithmetic, so the soft-float
// and the hard-float builds give the same text. No heap. Stack (clang
// -fstack-usage, x86_64 and aarch64): vfprintf's frame is 1.4-1.9 KiB (the
// 800-byte digit buffer, the positional argument table), this function's
// about 300 bytes (the limbs), the deepest path through both under 2.3 KiB
// (docs/printf.md).

#define FRAC_LIMBS 17 // ceil(1074 / 64)
#define TEN19      UINT64_C(10000000000000000000)
#define INT_LIMBS  36 // ceil(309 / 9) + 1
#define BILLION    1000000000u

#include "decimal_digits.h"

// Fast path for results of at most 17 significant digits (most calls): the
// value scaled by 10^s in 128-bit fixed point, from a 128-bit 5^s that is
// rounded down (relative error below 2^-126), so the scaled value is known
// to within 2^-61 from below. When that leaves the rounding direction in
// doubt (the fraction within 2^-58 of one half: every exact tie lands there),
// the exact big-number path below decides instead.
struct pow5_entry {
    uint64_t hi, lo;
    int      e; // 5^(27q) or 5^(-27q) is about (hi * 2^64 + lo) * 2^e
};

// floor(5^(27q) * 2^-e) and floor(5^(-27q) * 2^-e), 128 bits with the top bit set
static const struct pow5_entry pow5_pos[13] = {
    { 0x8000000000000000u, 0x0000000000000000u, -127 },
    { 0xcecb8f27f4200f3au, 0x0000000000000000u, -65 },
    { 0xa70c3c40a64e6c51u, 0x999090b65f67d924u, -2 },
    { 0x86f0ac99b4e8dafdu, 0x69a028bb3ded71a3u, 61 },
    { 0xda01ee641a708de9u, 0xe80e6f4820cc9495u, 123 },
    { 0xb01ae745b101e9e4u, 0x5ec05dcff72e7f8fu, 186 },
    { 0x8e41ade9fbebc27du, 0x14588f13be847307u, 249 },
    { 0xe5d3ef282a242e81u, 0x8f1668c8a86da5fau, 311 },
    { 0xb9a74a0637ce2ee1u, 0x6d953e2bd7173692u, 374 },
    { 0x95f83d0a1fb69cd9u, 0x4abdaf101564f98eu, 437 },
    { 0xf24a01a73cf2dccfu, 0xbc633b39673c8cecu, 499 },
    { 0xc3b8358109e84f07u, 0x0a862f80ec4700c8u, 562 },
    { 0x9e19db92b4e31ba9u, 0x6c07a2c26a8346d1u, 625 },
};
static const struct pow5_entry pow5_neg[13] = {
    { 0x8000000000000000u, 0x0000000000000000u, -127 },
    { 0x9e74d1b791e07e48u, 0x775ea264cf55347du, -190 },
    { 0xc428d05aa4751e4cu, 0xaa97e14c3c26b886u, -253 },
    { 0xf2d56790ab41c2a2u, 0xfae27299423fb9c3u, -316 },
    { 0x964e858c91ba2655u, 0x3a6a07f8d510f86fu, -378 },
    { 0xba121a4650e4ddebu, 0x92f34d62616ce413u, -441 },
    { 0xe65829b3046b0afau, 0x0cb4a5a3112a5112u, -504 },
    { 0x8e938662882af53eu, 0x547eb47b7282ee9cu, -566 },
    { 0xb080392cc4349decu, 0xbd8d794d96aacfb3u, -629 },
    { 0xda7f5bf590966848u, 0xaf39a475506a899eu, -692 },
    { 0x873e4f75e2224e68u, 0x5a7744a6e804a291u, -754 },
    { 0xa76c582338ed2621u, 0xaf2af2b80af6f24eu, -817 },
    { 0xcf42894a5dce35eau, 0x52064cac828675b9u, -880 },
};

#define POW5_MAX 350  // 12 * 27 + 26
#define POW5_MIN -324 // -12 * 27

typedef unsigned __int128 u128;

// Bits [k, k+64) of the 192-bit w (w[0] least significant).
static uint64_t bits64(const uint64_t w[3], int k)
{
    if (k >= 192)
        return 0;
    int      i = k / 64, b = k % 64;
    uint64_t v = w[i] >> b;
    if (b && i < 2)
        v |= w[i + 1] << (64 - b);
    return v;
}

// 5^s, POW5_MIN <= s <= POW5_MAX, as hi:lo * 2^e, rounded down.
static void pow5(int s, uint64_t *hi, uint64_t *lo, int *e)
{
    const struct pow5_entry *t;
    int                      r;
    if (s >= 0) {
        t = &pow5_pos[s / 27];
        r = s % 27;
    } else {
        int q = (26 - s) / 27;
        t = &pow5_neg[q];
        r = 27 * q + s;
    }
    uint64_t p = 1, b = 5;
    for (; r; r >>= 1, b *= b)
        if (r & 1)
            p *= b;
    u128     a = (u128)t->lo * p;
    u128     c = (u128)t->hi * p + (uint64_t)(a >> 64);
    uint64_t w[3] = { (uint64_t)a, (uint64_t)c, (uint64_t)(c >> 64) };
    int      lz = w[2] ? __builtin_clzll(w[2]) : 64;
    *hi = bits64(w, 128 - lz);
    *lo = lz == 64 ? w[0] : bits64(w, 64 - lz);
    *e = t->e + 64 - lz;
}

// m * 2^e2 * 10^s as an integer part *ip and 64 fraction bits *fr, both
// rounded down (together less than 2^-61 below the exact value); 0 if the
// integer part does not fit in 64 bits.
static int scaled(uint64_t m, int e2, int s, uint64_t *ip, uint64_t *fr)
{
    uint64_t hi, lo;
    int      e;
    pow5(s, &hi, &lo, &e);
    u128     a = (u128)lo * m;
    u128     c = (u128)hi * m + (uint64_t)(a >> 64);
    uint64_t w[3] = { (uint64_t)a, (uint64_t)c, (uint64_t)(c >> 64) };
    int      sh = -(e + e2 + s); // fraction bits in w
    if (sh < 64)
        return 0;
    *ip = bits64(w, sh);
    if (bits64(w, sh + 64))
        return 0;
    *fr = bits64(w, sh - 64);
    return 1;
}

// Rounds ip + fr/2^64 to an integer; 0 if the direction is in doubt.
static int round_scaled(uint64_t ip, uint64_t fr, uint64_t *d)
{
    const uint64_t half = UINT64_C(1) << 63;
    if ((fr >= half - 64 && fr <= half + 64) || (ip == UINT64_MAX && fr > half))
        return 0;
    *d = ip + (fr > half);
    return 1;
}


// The digits of d > 0 into out, without trailing zeros.
static void fast_store(uint64_t d, int exp10, struct __hl_dtoa *out)
{
    int n = u64_digits(d, out->digits);
    while (n > 0 && out->digits[n - 1] == '0')
        n--;
    out->n = n;
    out->exp10 = exp10;
}

// The fast path of __hl_dtoa_exact; 0 when the exact path must decide.
static int dtoa_fast(uint64_t m, int e2, int fmode, int ndig, struct __hl_dtoa *out)
{
    uint64_t ip, fr, d;
    if (fmode) {
        if (ndig > POW5_MAX || !scaled(m, e2, ndig, &ip, &fr) || !round_scaled(ip, fr, &d))
            return 0;
        if (d == 0) {
            out->n = 0;
            return 1;
        }
        int nd = 1;
        while (nd < 19 && d >= pow10_u64[nd])
            nd++;
        if (nd == 19 && d / 10 >= pow10_u64[18])
            nd = 20;
        fast_store(d, nd - 1 - ndig, out);
        return 1;
    }
    if (ndig > 17)
        return 0;
    // E: the decimal exponent of the value estimated from its binary one b,
    // never above the true one and at most 2 below: floor(b * log10(2)) with
    // 78913 / 2^18 just below log10(2) for b >= 0 and 78914 / 2^18 just
    // above it for b < 0.
    int b = 63 - __builtin_clzll(m) + e2;
    int E = b >= 0 ? (b * 78913) >> 18 : -((-b * 78914 + 262143) >> 18);
    int s = ndig - 1 - E;
    if (s > POW5_MAX || s < POW5_MIN || !scaled(m, e2, s, &ip, &fr) || ip < pow10_u64[ndig - 1])
        return 0;
    while (ip >= pow10_u64[ndig]) {
        // one digit too many: divide ip + fr / 2^64 by 10 (2^64 = 10 A + 6)
        const uint64_t A = UINT64_C(1844674407370955161);
        uint64_t       r = ip % 10;
        ip /= 10;
        fr = r * A + fr / 10 + (fr % 10 + 6 * r) / 10;
        E++;
    }
    if (!round_scaled(ip, fr, &d))
        return 0;
    if (d == pow10_u64[ndig]) {
        d = pow10_u64[ndig - 1];
        E++;
    }
    fast_store(d, E, out);
    return 1;
}

// Decimal digits of m * 2^e2 (e2 > 0, the value >= 2^64): the first ones,
// at least `need` of them, go to out (*stored says how many; *rest is set if
// a digit after them is not zero); returns how many digits the value has.
static int big_int_digits(uint64_t m, int e2, char *out, int need, int *stored, int *rest)
{
    uint32_t l[INT_LIMBS];
    int      len = 0;
    while (m) {
        l[len++] = (uint32_t)(m % BILLION);
        m /= BILLION;
    }
    while (e2 > 0) {
        // l[i] < 10^9 < 2^30: shifted by up to 33 bits it stays below 2^63
        int      sh = e2 > 33 ? 33 : e2;
        uint64_t carry = 0;
        for (int i = 0; i < len; i++) {
            uint64_t t = ((uint64_t)l[i] << sh) + carry;
            l[i] = (uint32_t)(t % BILLION);
            carry = t / BILLION;
        }
        while (carry) {
            l[len++] = (uint32_t)(carry % BILLION);
            carry /= BILLION;
        }
        e2 -= sh;
    }
    int top = u64_digits(l[len - 1], out);
    int n = top, i = len - 2;
    for (; i >= 0 && n < need; i--, n += 9)
        chunk9(l[i], out + n);
    *stored = n;
    *rest = 0;
    for (; i >= 0; i--)
        *rest |= l[i] != 0;
    return top + 9 * (len - 1);
}

void __hl_dtoa_exact(uint64_t bits, int fmode, int ndig, struct __hl_dtoa *out)
{
    uint32_t be = (uint32_t)(bits >> 52) & 0x7ff;
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    int      e2;

    out->neg = (int)(bits >> 63);
    out->exp10 = 0;
    out->n = 0;
    if (be == 0x7ff) {
        out->kind = m ? HL_DTOA_NAN : HL_DTOA_INF;
        return;
    }
    if (be == 0 && m == 0) {
        out->kind = HL_DTOA_ZERO;
        return;
    }
    out->kind = HL_DTOA_FINITE;
    if (be) {
        m |= UINT64_C(1) << 52;
        e2 = (int)be - 1075;
    } else {
        e2 = -1074;
    }
    int tz = __builtin_ctzll(m);
    m >>= tz;
    e2 += tz;

    if (ndig > HL_DTOA_MAX_PREC)
        ndig = HL_DTOA_MAX_PREC;
    if (dtoa_fast(m, e2, fmode, ndig, out))
        return;

    char    *buf = out->digits;
    int      n = 0;         // significant digits in buf
    int      fd = 0;        // fraction digits produced (leading zeros included)
    int      lead = 0;      // leading zeros of the fraction before digits[0]
    uint64_t f[FRAC_LIMBS]; // the fraction, f[L-1] most significant
    int      lo = 0, hi = 0, L = 0;
    int      intdigits = 0, int_rest = 0;

    if (e2 >= 0) {
        int bitlen = 64 - __builtin_clzll(m);
        if (bitlen + e2 <= 64)
            n = u64_digits(m << e2, buf);
        else
            intdigits = big_int_digits(m, e2, buf, fmode ? INT_MAX : ndig + 1, &n, &int_rest);
    } else {
        int      k = -e2; // the value is m / 2^k
        uint64_t ip = k < 64 ? m >> k : 0;
        uint64_t fr = k < 64 ? m & ((UINT64_C(1) << k) - 1) : m;
        if (ip)
            n = u64_digits(ip, buf);
        if (fr) {
            // fr / 2^k as fr * 2^(64L - k) / 2^(64L): fr < 2^53 shifted by
            // less than 64 bits fills at most the two lowest limbs
            L = (k + 63) / 64;
            int sh = 64 * L - k;
            memset(f, 0, sizeof(f[0]) * (size_t)L);
            f[0] = fr << sh;
            if (L > 1)
                f[1] = sh ? fr >> (64 - sh) : 0;
            lo = 0;
            hi = L > 1 ? 2 : 1;
            while (hi > lo && f[hi - 1] == 0)
                hi--;
        }
    }
    if (!intdigits)
        intdigits = n;

    // Fraction digits, 19 at a time, until the digit after the rounding
    // position is known.
    while (lo < hi) {
        if (fmode ? fd > ndig : n > ndig)
            break;
        uint64_t c = 0;
        for (int i = lo; i < hi; i++) {
            u128 t = (u128)f[i] * TEN19 + c;
            f[i] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        uint64_t chunk = 0;
        if (hi < L) {
            if (c)
                f[hi++] = c;
        } else {
            chunk = c;
        }
        while (lo < hi && f[lo] == 0)
            lo++;
        if (n) {
            chunk19(chunk, buf + n);
            n += 19;
        } else if (chunk) {
            char tmp[19];
            chunk19(chunk, tmp);
            int z = 0;
            while (tmp[z] == '0')
                z++;
            memcpy(buf, tmp + z, (size_t)(19 - z));
            n = 19 - z;
            lead = fd + z;
        }
        fd += 19;
    }
    int sticky = lo < hi || int_rest; // digits left beyond buf are not all zero

    if (n == 0) {
        // Only in f mode: the value is below 10^-(ndig+1), it rounds to zero.
        out->n = 0;
        return;
    }
    int exp10 = intdigits ? intdigits - 1 : -(lead + 1);

    // Number of digits kept: ndig significant, or those at positions >= -ndig.
    int keep = fmode ? exp10 + ndig + 1 : ndig;
    if (keep < n) {
        if (keep < 0) {
            out->n = 0;
            return;
        }
        char r = buf[keep];
        for (int i = keep + 1; i < n && !sticky; i++)
            sticky = buf[i] != '0';
        int up = r > '5' || (r == '5' && (sticky || (keep > 0 && ((buf[keep - 1] - '0') & 1))));
        n = keep;
        if (up) {
            int i = keep - 1;
            while (i >= 0 && buf[i] == '9')
                i--;
            if (i >= 0) {
                buf[i]++;
                n = i + 1;
            } else {
                buf[0] = '1';
                n = 1;
                exp10++;
            }
        }
    }
    while (n > 0 && buf[n - 1] == '0')
        n--;
    out->n = n;
    out->exp10 = exp10;
}
#endif // PF_DTOA_HERE

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#ifdef PF_S
#include "../stdlib/local_s.h"
#endif

#ifndef NL_ARGMAX
#define NL_ARGMAX 32
#endif

#define PF_LEFT  0x01 // '-'
#define PF_PLUS  0x02 // '+'
#define PF_SPACE 0x04 // ' '
#define PF_ALT   0x08 // '#'
#define PF_ZERO  0x10 // '0'
#define PF_PREC  0x20 // a precision was given

enum pf_len { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };
enum pf_type { T_NONE, T_INT, T_LONG, T_LLONG, T_PTR, T_DBL, T_LDBL };

struct pf_spec {
    unsigned flags;
    int      width, prec;
    int      width_arg, prec_arg; // positional index of a `*m$`, or -1 for `*`, 0 for none
    int      argno;               // positional index of the value, 0 if none
    int      len;
    unsigned conv;
};

union pf_arg {
    long long   i;
    void       *p;
    double      d;
#ifdef PF_LDBL
    long double ld;
#endif
};

#ifndef PF_COMMON_DEFINED
#define PF_COMMON_DEFINED

static inline int pf_is_float(unsigned c)
{
    c |= 0x20;
    return c == 'e' || c == 'f' || c == 'g' || c == 'a';
}

static inline enum pf_type pf_int_type(int len)
{
    switch (len) {
    case LEN_L:
        return sizeof(long) == sizeof(int) ? T_INT : T_LONG;
    case LEN_LL:
    case LEN_BIG_L:
        return T_LLONG;
    case LEN_J:
        return sizeof(intmax_t) == sizeof(long long) ? T_LLONG : T_LONG;
    case LEN_Z:
        return sizeof(size_t) == sizeof(long long) ? T_LLONG : sizeof(size_t) == sizeof(long) ? T_LONG : T_INT;
    case LEN_T:
        return sizeof(ptrdiff_t) == sizeof(long long) ? T_LLONG : sizeof(ptrdiff_t) == sizeof(long) ? T_LONG : T_INT;
    default:
        return T_INT;
    }
}

// The argument type a conversion consumes.
static inline enum pf_type pf_conv_type(const struct pf_spec *s)
{
    unsigned c = s->conv;
    if (pf_is_float(c))
        return s->len == LEN_BIG_L ? T_LDBL : T_DBL;
    if (c == 's' || c == 'p')
        return T_PTR;
    if (c == 'c')
        return T_INT;
    if (c == 'd' || c == 'i' || c == 'u' || c == 'o' || c == 'x' || c == 'X')
        return pf_int_type(s->len);
    return T_NONE;
}

// Truncates an integer argument to the type its length modifier names.
static inline unsigned long long pf_unsigned(long long v, int len)
{
    switch (len) {
    case LEN_HH:
        return (unsigned char)v;
    case LEN_H:
        return (unsigned short)v;
    case LEN_NONE:
        return (unsigned int)v;
    case LEN_L:
        return (unsigned long)v;
    case LEN_Z:
        return (size_t)v;
    case LEN_T:
        return (unsigned long long)(ptrdiff_t)v;
    default:
        return (unsigned long long)v;
    }
}

static inline long long pf_signed(long long v, int len)
{
    switch (len) {
    case LEN_HH:
        return (signed char)v;
    case LEN_H:
        return (short)v;
    case LEN_NONE:
        return (int)v;
    case LEN_L:
        return (long)v;
    case LEN_Z:
        return (long long)(ptrdiff_t)(size_t)v;
    case LEN_T:
        return (ptrdiff_t)v;
    default:
        return v;
    }
}

static inline uint64_t pf_double_bits(double d)
{
    uint64_t b;
    __builtin_memcpy(&b, &d, sizeof(b));
    return b;
}

// Hex digits for %a: lead digit, fraction nibbles, binary exponent.
struct pf_hex {
    unsigned          lead;
    unsigned __int128 frac; // ndig nibbles
    int               ndig; // fraction hex digits to print from frac
    int               exp2;
};

// Rounds h (frac holding nd nibbles) to prec fraction digits, ties to even,
// or without a precision drops its trailing zero nibbles. A lead digit that
// carries to 0x10 (x87's, whose lead digit is four bits) becomes 0x1 and
// the exponent grows by 4, as glibc prints it.
static void pf_hex_round(struct pf_hex *h, int nd, int has_prec, int prec)
{
    unsigned __int128 frac = h->frac;
    if (!has_prec || prec >= nd) {
        while (!has_prec && nd > 0 && (frac & 0xf) == 0) {
            frac >>= 4;
            nd--;
        }
        h->frac = frac;
        h->ndig = nd;
        return;
    }
    int               sh = 4 * (nd - prec);
    unsigned __int128 rem = frac & (((unsigned __int128)1 << sh) - 1);
    unsigned __int128 half = (unsigned __int128)1 << (sh - 1);
    frac >>= sh;
    if (rem > half || (rem == half && ((prec ? (unsigned)frac : h->lead) & 1))) {
        frac++;
        if (frac >> (4 * prec)) {
            frac = 0;
            if (++h->lead == 16) {
                h->lead = 1;
                h->exp2 += 4;
            }
        }
    }
    h->frac = frac;
    h->ndig = prec;
}

static void pf_hex_digits(uint64_t bits, int has_prec, int prec, struct pf_hex *h)
{
    uint32_t be = (uint32_t)(bits >> 52) & 0x7ff;
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    h->lead = be != 0;
    h->exp2 = be ? (int)be - 1023 : (frac ? -1022 : 0);
    h->frac = frac;
    pf_hex_round(h, 13, has_prec, prec);
}

#ifdef PF_LDBL
// A long double: sign, class (0 finite, 1 infinity, 2 NaN), its value
// m * 2^e2 (m = 0 for zero) and its %a digits before rounding (hexnd nibbles).
struct pf_ld {
    int               neg, special, hexnd, e2;
    unsigned __int128 m;
    struct pf_hex     hex;
};

static void pf_ld_decode(long double v, struct pf_ld *r)
{
    unsigned char b[sizeof(long double)];
    __builtin_memcpy(b, &v, sizeof b);
#if __LDBL_MANT_DIG__ == 64
    // x87: a 64-bit significand with its leading bit, then sign and exponent
    uint64_t m;
    uint16_t se;
    __builtin_memcpy(&m, b, 8);
    __builtin_memcpy(&se, b + 8, 2);
    unsigned be = se & 0x7fff;
    r->neg = se >> 15;
    // infinity has only the leading bit; NaNs, pseudo-NaNs, pseudo-infinities
    // and unnormals (no leading bit, exponent not zero) print as nan, as glibc does
    r->special = be == 0x7fff ? (m == UINT64_C(1) << 63 ? 1 : 2) : (be && !(m >> 63)) ? 2 : 0;
    r->m = m;
    r->e2 = (be ? (int)be : 1) - 16383 - 63;
    r->hex.lead = (unsigned)(m >> 60);
    r->hex.frac = m & ((UINT64_C(1) << 60) - 1);
    r->hex.exp2 = m ? r->e2 + 60 : 0;
    r->hexnd = 15;
#else
    // binary128: sign, 15 exponent bits, 112 fraction bits
    unsigned __int128 bits;
    __builtin_memcpy(&bits, b, 16);
    unsigned          be = (unsigned)(bits >> 112) & 0x7fff;
    unsigned __int128 frac = bits & (((unsigned __int128)1 << 112) - 1);
    r->neg = (int)(bits >> 127);
    r->special = be == 0x7fff ? (frac ? 2 : 1) : 0;
    r->m = be ? frac | (unsigned __int128)1 << 112 : frac;
    r->e2 = (be ? (int)be : 1) - 16383 - 112;
    r->hex.lead = be != 0;
    r->hex.frac = frac;
    r->hex.exp2 = be ? (int)be - 16383 : (frac ? -16382 : 0);
    r->hexnd = 28;
#endif
}
#endif

#endif // PF_COMMON_DEFINED

// Parses one conversion specification after its '%'; *pp moves past it.
// Returns 0 when the format ends inside it.
static int pf_parse(const PF_CHAR **pp, struct pf_spec *s)
{
    const PF_CHAR *p = *pp;
    unsigned       c;
    __builtin_memset(s, 0, sizeof(*s));

#define PF_NUM(v)                                        \
    do {                                                 \
        v = 0;                                           \
        while (*p >= '0' && *p <= '9') {                 \
            if (v < INT_MAX / 10)                        \
                v = v * 10 + (int)(*p - '0');            \
            p++;                                         \
        }                                                \
    } while (0)

    // argno$
    if (*p >= '1' && *p <= '9') {
        const PF_CHAR *q = p;
        int            v;
        PF_NUM(v);
        if (*p == '$') {
            s->argno = v;
            p++;
        } else {
            p = q;
        }
    }
    for (;; p++) {
        c = (unsigned)*p;
        if (c == '-')
            s->flags |= PF_LEFT;
        else if (c == '+')
            s->flags |= PF_PLUS;
        else if (c == ' ')
            s->flags |= PF_SPACE;
        else if (c == '#')
            s->flags |= PF_ALT;
        else if (c == '0')
            s->flags |= PF_ZERO;
        else if (c == '\'')
            ; // the C locale has no thousands separator
        else
            break;
    }
    if (*p == '*') {
        p++;
        s->width_arg = -1;
        if (*p >= '1' && *p <= '9') {
            const PF_CHAR *q = p;
            int            v;
            PF_NUM(v);
            if (*p == '$') {
                s->width_arg = v;
                p++;
            } else {
                p = q;
            }
        }
    } else {
        PF_NUM(s->width);
    }
    if (*p == '.') {
        p++;
        s->flags |= PF_PREC;
        if (*p == '*') {
            p++;
            s->prec_arg = -1;
            if (*p >= '1' && *p <= '9') {
                const PF_CHAR *q = p;
                int            v;
                PF_NUM(v);
                if (*p == '$') {
                    s->prec_arg = v;
                    p++;
                } else {
                    p = q;
                }
            }
        } else {
            PF_NUM(s->prec);
        }
    }
#undef PF_NUM
    switch (*p) {
    case 'h':
        p++;
        s->len = LEN_H;
        if (*p == 'h') {
            p++;
            s->len = LEN_HH;
        }
        break;
    case 'l':
        p++;
        s->len = LEN_L;
        if (*p == 'l') {
            p++;
            s->len = LEN_LL;
        }
        break;
    case 'j':
        p++;
        s->len = LEN_J;
        break;
    case 'z':
        p++;
        s->len = LEN_Z;
        break;
    case 't':
        p++;
        s->len = LEN_T;
        break;
    case 'L':
        p++;
        s->len = LEN_BIG_L;
        break;
    }
    if (*p == 0) {
        *pp = p;
        return 0;
    }
    s->conv = (unsigned)*p++;
    *pp = p;
    return 1;
}

// Positional arguments (the first conversion has `n$`): reads them all, in
// order, with the types the whole format gives them. -1 if an index is
// beyond NL_ARGMAX.
static int pf_load_args(const PF_CHAR *fmt, va_list *ap, union pf_arg *args)
{
    unsigned char  types[NL_ARGMAX + 1];
    int            max = 0;
    struct pf_spec s;
    memset(types, T_NONE, sizeof(types));
    args[0].i = 0;
    for (const PF_CHAR *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        const PF_CHAR *q = p + 1;
        if (!pf_parse(&q, &s))
            break;
        p = q - 1;
        int idx[3] = { s.argno, s.width_arg, s.prec_arg };
        int typ[3] = { pf_conv_type(&s), T_INT, T_INT };
        for (int i = 0; i < 3; i++) {
            if (idx[i] <= 0)
                continue;
            if (idx[i] > NL_ARGMAX)
                return -1;
            if (typ[i] != T_NONE)
                types[idx[i]] = (unsigned char)typ[i];
            if (idx[i] > max)
                max = idx[i];
        }
    }
    for (int i = 1; i <= max; i++) {
        switch (types[i]) {
        case T_LONG:
            args[i].i = va_arg(*ap, long);
            break;
        case T_LLONG:
            args[i].i = va_arg(*ap, long long);
            break;
        case T_PTR:
            args[i].p = va_arg(*ap, void *);
            break;
        case T_DBL:
            args[i].d = PF_FLOAT_ARG(*ap, 0);
            break;
        case T_LDBL:
#ifdef PF_LDBL
            args[i].ld = va_arg(*ap, long double);
#else
            args[i].d = PF_FLOAT_ARG(*ap, 1);
#endif
            break;
        default:
            args[i].i = va_arg(*ap, int);
            break;
        }
    }
    return 0;
}

#ifdef PF_S
int PF_NAME(FILE *__restrict stream, const PF_CHAR *__restrict fmt, va_list ap_orig)
#else
int PF_NAME(FILE *stream, const PF_CHAR *fmt, va_list ap_orig)
#endif
{
    int            count = 0;
    va_list        ap;
    union pf_arg   args[NL_ARGMAX + 1];
    int            positional = 0, converted = 0;
    struct pf_spec s;
    const PF_CHAR *p;
    struct __hl_dtoa dig;
#ifdef PF_LDBL
    // long double's digit stream (2.5 KiB), on the stack only once a call
    // converts one: other calls keep vfprintf's frame as small as before
    struct __hl_ldtoa *ldig = NULL;
#endif
#ifdef PF_S
    int         copied = 0;
    const char *msg;
    if (stream == NULL) {
        msg = "output stream is null";
        goto handle_error;
    }
    if (fmt == NULL) {
        msg = "null format string";
        goto handle_error;
    }
#endif

#ifdef PF_WIDE
#define PF_PUTC(ch)                                   \
    do {                                              \
        if (putwc((wchar_t)(ch), stream) == WEOF)     \
            goto fail;                                \
        ++count;                                      \
    } while (0)
#else
    int (*put)(char, FILE *) = stream->put;
    // snprintf and sprintf write to a string FILE: store as __file_str_put
    // would (up to the end, then count only) without a call per character.
    struct __file_str *out_str = put == __file_str_put ? (struct __file_str *)stream : NULL;
#define PF_PUTC(ch)                                   \
    do {                                              \
        char putc_ch_ = (char)(ch); /* once, always */ \
        if (out_str) {                                \
            if (out_str->pos != out_str->end)         \
                *out_str->pos++ = putc_ch_;           \
        } else if (put(putc_ch_, stream) < 0) {       \
            goto fail;                                \
        }                                             \
        ++count;                                      \
    } while (0)
#endif
#ifdef PF_WIDE
#define PF_PAD(ch, k)                                 \
    do {                                              \
        for (long long pad_i_ = 0; pad_i_ < (long long)(k); pad_i_++)  \
            PF_PUTC(ch);                              \
    } while (0)
#define PF_PUTS(s, k)                                 \
    do {                                              \
        for (long long put_i_ = 0; put_i_ < (long long)(k); put_i_++)  \
            PF_PUTC((s)[put_i_]);                     \
    } while (0)
#else
// k characters: ch repeated (PF_PAD) or from s (PF_PUTS); into a string FILE
// in one go, as far as it has room.
#define PF_RUN(k, next)                                                \
    do {                                                               \
        long long run_k_ = (k);                                        \
        if (run_k_ <= 0)                                               \
            break;                                                     \
        if (out_str) {                                                 \
            char     *run_p_ = out_str->pos;                           \
            /* unsigned: sprintf's end is NULL (no end) */             \
            uintptr_t run_room_ = (uintptr_t)out_str->end - (uintptr_t)run_p_; \
            long long run_n_ = (unsigned long long)run_k_ < run_room_ ? run_k_ : (long long)run_room_; \
            for (long long run_i_ = 0; run_i_ < run_n_; run_i_++)      \
                run_p_[run_i_] = (next);                               \
            out_str->pos = run_p_ + run_n_;                            \
            count += (int)run_k_;                                      \
        } else {                                                       \
            for (long long run_i_ = 0; run_i_ < run_k_; run_i_++)      \
                PF_PUTC(next);                                         \
        }                                                              \
    } while (0)
#define PF_PAD(ch, k) PF_RUN(k, (char)(ch))
#define PF_PUTS(s, k) PF_RUN(k, (s)[run_i_])
#endif
// The rounded digits: PF_EXACT makes them, PF_DIGITS prints k of them from
// index `first` (in order: a long double's come from a stream).
#ifdef PF_LDBL
#define PF_EXACT(fmode, nd)                                             \
    do {                                                                \
        if (!ldbl) {                                                    \
            __hl_dtoa_exact(bits, fmode, nd, &dig);                     \
            dn = dig.n;                                                 \
            dx = dig.exp10;                                             \
        } else if (ld.m) {                                              \
            if (!ldig)                                                  \
                ldig = __builtin_alloca(sizeof(*ldig));                 \
            __hl_ldtoa_init(ldig, ld.m, ld.e2, fmode, nd);              \
            dn = ldig->n;                                               \
            dx = ldig->exp10;                                           \
        } else {                                                        \
            dn = dx = 0;                                                \
        }                                                               \
    } while (0)
#define PF_DIGITS(first, k)                                             \
    do {                                                                \
        long long   dk_ = (k);                                          \
        char        dt_[64];                                            \
        const char *dp_ = ldbl ? dt_ : dig.digits + (first);            \
        while (dk_ > 0) {                                               \
            long long dn_ = dk_;                                        \
            if (ldbl) {                                                 \
                dn_ = dk_ < 64 ? dk_ : 64;                              \
                __hl_ldtoa_take(ldig, dt_, (int)dn_);                   \
                dp_ = dt_;                                              \
            }                                                           \
            PF_PUTS(dp_, dn_);                                          \
            dk_ -= dn_;                                                 \
            dp_ += dn_;                                                 \
        }                                                               \
    } while (0)
#else
#define PF_EXACT(fmode, nd)                                             \
    do {                                                                \
        __hl_dtoa_exact(bits, fmode, nd, &dig);                         \
        dn = dig.n;                                                     \
        dx = dig.exp10;                                                 \
    } while (0)
#define PF_DIGITS(first, k) PF_PUTS(dig.digits + (first), k)
#endif

    __flockfile(stream);
    if ((stream->flags & __SWR) == 0)
        __funlock_return(stream, EOF);
    va_copy(ap, ap_orig);
#ifdef PF_S
    copied = 1;
#endif

    p = fmt;
    for (;;) {
        unsigned c = (unsigned)*p++;
        if (c == 0)
            break;
        if (c != '%') {
            PF_PUTC(c);
            continue;
        }
        if (*p == '%') {
            p++;
            PF_PUTC('%');
            continue;
        }
        if (!pf_parse(&p, &s))
            break;
        if (s.argno && !positional && !converted) {
            if (pf_load_args(fmt, &ap, args) < 0) {
                errno = EINVAL;
                goto fail;
            }
            positional = 1;
        }
        converted = 1;
        if (!positional)
            s.argno = 0;

        int      width = s.width, prec = s.prec;
        unsigned flags = s.flags;
        if (s.width_arg) {
            width = s.width_arg > 0 ? (positional ? (int)args[s.width_arg].i : 0) : va_arg(ap, int);
            if (width < 0) {
                flags |= PF_LEFT;
                width = width == INT_MIN ? INT_MAX : -width;
            }
        }
        if (s.prec_arg) {
            prec = s.prec_arg > 0 ? (positional ? (int)args[s.prec_arg].i : 0) : va_arg(ap, int);
            if (prec < 0) {
                prec = 0;
                flags &= ~PF_PREC;
            }
        }
        if (flags & PF_LEFT)
            flags &= ~PF_ZERO;
        if (flags & PF_PLUS)
            flags &= ~PF_SPACE;
        c = s.conv;

#define PF_ARG_INT(type)  (positional ? (type)args[s.argno].i : (type)va_arg(ap, type))
        if (pf_is_float(c)) {
            unsigned lc = c | 0x20;
            int      upper = c != lc;
            uint64_t bits = 0;
            int      neg, special; // special: 1 infinity, 2 NaN
#ifdef PF_LDBL
            int          ldbl = s.len == LEN_BIG_L;
            struct pf_ld ld;
            if (ldbl) {
                pf_ld_decode(positional ? args[s.argno].ld : va_arg(ap, long double), &ld);
                neg = ld.neg;
                special = ld.special;
            } else
#endif
            {
                double d = positional ? args[s.argno].d : PF_FLOAT_ARG(ap, s.len == LEN_BIG_L);
                bits = pf_double_bits(d);
                neg = (int)(bits >> 63);
                special = ((bits >> 52) & 0x7ff) != 0x7ff ? 0 : (bits & ((UINT64_C(1) << 52) - 1)) ? 2 : 1;
            }
            char sign = neg ? '-' : (flags & PF_PLUS) ? '+' : (flags & PF_SPACE) ? ' ' : 0;
            if (special) {
                const char *t = special == 2 ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
                int         len = 3 + (sign != 0);
                if (!(flags & PF_LEFT))
                    PF_PAD(' ', width - len);
                if (sign)
                    PF_PUTC(sign);
                for (int i = 0; i < 3; i++)
                    PF_PUTC(t[i]);
                if (flags & PF_LEFT)
                    PF_PAD(' ', width - len);
                continue;
            }
            if (lc == 'a') {
                struct pf_hex h;
#ifdef PF_LDBL
                if (ldbl) {
                    h = ld.hex;
                    pf_hex_round(&h, ld.hexnd, (flags & PF_PREC) != 0, prec);
                } else
#endif
                    pf_hex_digits(bits, (flags & PF_PREC) != 0, prec, &h);
                int fz = (flags & PF_PREC) && prec > h.ndig ? prec - h.ndig : 0; // zeros after the digits
                int point = h.ndig || fz || (flags & PF_ALT);
                int e = h.exp2 < 0 ? -h.exp2 : h.exp2;
                int elen = e >= 10000 ? 5 : e >= 1000 ? 4 : e >= 100 ? 3 : e >= 10 ? 2 : 1;
                long long len = (sign != 0) + 2 + 1 + point + h.ndig + (long long)fz + 2 + elen;
                long long padn = width > len ? width - len : 0;
                if (!(flags & (PF_LEFT | PF_ZERO)))
                    PF_PAD(' ', padn);
                if (sign)
                    PF_PUTC(sign);
                PF_PUTC('0');
                PF_PUTC(upper ? 'X' : 'x');
                if (flags & PF_ZERO)
                    PF_PAD('0', padn);
                PF_PUTC(h.lead < 10 ? '0' + h.lead : (upper ? 'A' : 'a') + h.lead - 10);
                if (point)
                    PF_PUTC('.');
                for (int i = h.ndig - 1; i >= 0; i--) {
                    unsigned nib = (unsigned)(h.frac >> (4 * i)) & 0xf;
                    PF_PUTC(nib < 10 ? '0' + nib : (upper ? 'A' : 'a') + nib - 10);
                }
                PF_PAD('0', fz);
                PF_PUTC(upper ? 'P' : 'p');
                PF_PUTC(h.exp2 < 0 ? '-' : '+');
                char eb[5];
                for (int i = elen - 1; i >= 0; i--) {
                    eb[i] = (char)('0' + e % 10);
                    e /= 10;
                }
                for (int i = 0; i < elen; i++)
                    PF_PUTC(eb[i]);
                if (flags & PF_LEFT)
                    PF_PAD(' ', padn);
                continue;
            }

            if (!(flags & PF_PREC))
                prec = 6;
            // fixed: 1 for f layout, 0 for e; fprec: digits after the point
            int fixed, fprec, gstrip = 0;
            int dn, dx; // the rounded digits' count and the exponent of the first
            if (lc == 'f') {
                PF_EXACT(1, prec);
                fixed = 1;
                fprec = prec;
            } else {
                int P = lc == 'g' ? (prec ? prec : 1) : prec + 1;
                PF_EXACT(0, P);
                int x = dn ? dx : 0;
                if (lc == 'g' && x < P && x >= -4) {
                    fixed = 1;
                    fprec = P - 1 - x;
                } else {
                    fixed = 0;
                    fprec = P - 1;
                }
                gstrip = lc == 'g' && !(flags & PF_ALT);
            }
            int x = dn ? dx : 0; // exponent of the first digit
            if (gstrip) {
                // %g without '#': no trailing zeros, no lone point
                int have = fixed ? dn - (x + 1) : dn - 1;
                if (have < 0)
                    have = 0;
                if (fprec > have)
                    fprec = have;
            }
            int  point = fprec > 0 || (flags & PF_ALT);
            int  e = x < 0 ? -x : x, elen = 0;
            long long len = (sign != 0) + (long long)fprec + point;
            if (fixed)
                len += x >= 0 ? x + 1 : 1;
            else {
                elen = e >= 1000 ? 4 : e >= 100 ? 3 : 2;
                len += 1 + 2 + elen;
            }
            long long padn = width > len ? width - len : 0;
            if (!(flags & (PF_LEFT | PF_ZERO)))
                PF_PAD(' ', padn);
            if (sign)
                PF_PUTC(sign);
            if (flags & PF_ZERO)
                PF_PAD('0', padn);
            if (fixed) {
                // digit i (0 = the first) has the place value 10^(x - i)
                if (x >= 0) {
                    int k = dn < x + 1 ? dn : x + 1;
                    PF_DIGITS(0, k);
                    PF_PAD('0', x + 1 - k);
                } else {
                    PF_PUTC('0');
                }
                if (point)
                    PF_PUTC('.');
                // fraction places 1..fprec are digits x+1 .. x+fprec
                long long lead = x < -1 ? -(long long)x - 1 : 0;
                if (lead > fprec)
                    lead = fprec;
                PF_PAD('0', lead);
                long long first = x + 1 + lead, end = (long long)x + 1 + fprec;
                long long last = end < dn ? end : dn;
                if (last > first)
                    PF_DIGITS(first, last - first);
                PF_PAD('0', end - (last > first ? last : first));
            } else {
                if (dn)
                    PF_DIGITS(0, 1);
                else
                    PF_PUTC('0');
                if (point)
                    PF_PUTC('.');
                long long k = dn - 1 < fprec ? dn - 1 : fprec;
                if (k < 0)
                    k = 0;
                PF_DIGITS(1, k);
                PF_PAD('0', fprec - k);
                PF_PUTC(upper ? 'E' : 'e');
                PF_PUTC(x < 0 ? '-' : '+');
                if (elen == 4) {
                    PF_PUTC('0' + e / 1000);
                    e %= 1000;
                }
                if (elen >= 3) {
                    PF_PUTC('0' + e / 100);
                    e %= 100;
                }
                PF_PUTC('0' + e / 10);
                PF_PUTC('0' + e % 10);
            }
            if (flags & PF_LEFT)
                PF_PAD(' ', padn);
            continue;
        }

        if (c == 'c' || c == 's') {
            const char    *str = NULL;
#ifdef PF_WIDE
            const wchar_t *wstr = NULL;
            wchar_t        wc[1];
#endif
            char           ch[1];
            size_t         n;
            if (c == 'c') {
#ifdef PF_WIDE
                if (s.len == LEN_L) {
                    wc[0] = (wchar_t)(positional ? (wint_t)args[s.argno].i : va_arg(ap, wint_t));
                    wstr = wc;
                } else
#endif
                {
                    ch[0] = (char)PF_ARG_INT(int);
                    str = ch;
                }
                n = 1;
            } else {
                void *ptr = positional ? args[s.argno].p : va_arg(ap, void *);
                if (!ptr) {
#ifdef PF_S
                    msg = "arg corresponding to '%s' is null";
                    goto handle_error;
#endif
                    ptr = (void *)"(null)";
#ifdef PF_WIDE
                    s.len = LEN_NONE;
#endif
                }
                size_t maxn = (flags & PF_PREC) ? (size_t)prec : SIZE_MAX;
#ifdef PF_WIDE
                if (s.len == LEN_L) {
                    wstr = ptr;
                    n = wcsnlen(wstr, maxn);
                } else
#endif
                {
                    str = ptr;
                    n = strnlen(str, maxn);
                }
            }
            size_t padn = (size_t)width > n ? (size_t)width - n : 0;
            if (!(flags & PF_LEFT))
                PF_PAD(' ', padn);
#ifdef PF_WIDE
            if (wstr)
                for (size_t i = 0; i < n; i++)
                    PF_PUTC(wstr[i]);
            else
                for (size_t i = 0; i < n; i++)
                    PF_PUTC((unsigned char)str[i]);
#else
            PF_PUTS(str, n);
#endif
            if (flags & PF_LEFT)
                PF_PAD(' ', padn);
            continue;
        }

        if (c == 'd' || c == 'i' || c == 'u' || c == 'o' || c == 'x' || c == 'X' || c == 'p') {
            unsigned long long v;
            char               sign = 0;
            unsigned           base = 10;
            int                len = s.len;
            if (c == 'p') {
                v = (uintptr_t)(positional ? args[s.argno].p : va_arg(ap, void *));
                base = 16;
                if (v)
                    flags |= PF_ALT;
                else
                    flags &= ~PF_ALT;
            } else {
                long long raw;
                switch (pf_int_type(len)) {
                case T_LONG:
                    raw = PF_ARG_INT(long);
                    break;
                case T_LLONG:
                    raw = PF_ARG_INT(long long);
                    break;
                default:
                    raw = PF_ARG_INT(int);
                    break;
                }
                if (c == 'd' || c == 'i') {
                    long long sv = pf_signed(raw, len);
                    v = sv < 0 ? 0 - (unsigned long long)sv : (unsigned long long)sv;
                    sign = sv < 0 ? '-' : (flags & PF_PLUS) ? '+' : (flags & PF_SPACE) ? ' ' : 0;
                } else {
                    v = pf_unsigned(raw, len);
                    base = c == 'o' ? 8 : c == 'u' ? 10 : 16;
                }
            }
            char        buf[24];
            int         nd = 0;
            const char *hex = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            if (!(v == 0 && (flags & PF_PREC) && prec == 0)) {
                do {
                    buf[nd++] = hex[v % base];
                    v /= base;
                } while (v);
            }
            int zeros = (flags & PF_PREC) && prec > nd ? prec - nd : 0;
            const char *prefix = "";
            if (c == 'o' && (flags & PF_ALT) && zeros == 0 && (nd == 0 || buf[nd - 1] != '0'))
                zeros = 1;
            if ((c == 'x' || c == 'X' || c == 'p') && (flags & PF_ALT) && nd && !(nd == 1 && buf[0] == '0'))
                prefix = c == 'X' ? "0X" : "0x";
            int plen = (int)strlen(prefix) + (sign != 0);
            long long total = (long long)plen + zeros + nd;
            long long padn = width > total ? width - total : 0;
            if ((flags & PF_ZERO) && !(flags & PF_PREC)) {
                zeros += (int)padn;
                padn = 0;
            }
            if (!(flags & PF_LEFT))
                PF_PAD(' ', padn);
            if (sign)
                PF_PUTC(sign);
            for (const char *q = prefix; *q; q++)
                PF_PUTC(*q);
            PF_PAD('0', zeros);
            while (nd)
                PF_PUTC(buf[--nd]);
            if (flags & PF_LEFT)
                PF_PAD(' ', padn);
            continue;
        }
#undef PF_ARG_INT

#ifdef PF_S
        if (c == 'n') {
            msg = "format string contains percent-n";
            goto handle_error;
        }
#endif
        // %n (disabled) and unknown conversions are printed as they are.
        PF_PUTC('%');
        PF_PUTC(c);
    }

ret:
    va_end(ap);
    __funlock_return(stream, count);
fail:
    stream->flags |= __SERR;
    count = -1;
    goto ret;
#ifdef PF_S
handle_error:
    if (copied)
        va_end(ap);
    if (__cur_handler != NULL)
        __cur_handler(msg, NULL, -1);
    if (stream)
        stream->flags |= __SERR;
    return -1;
#endif
#undef PF_PUTC
#undef PF_PAD
#undef PF_PUTS
#undef PF_RUN
#undef PF_EXACT
#undef PF_DIGITS
}

#ifdef PF_DTOA_HERE
int __d_vfprintf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfprintf")));
// picolibc's smaller variants (integer-only, long long, minimal) take the same
// arguments and convert a subset: they are this one, so that code linked to
// them (--defsym=vfprintf=__i_vfprintf) gets C11's results too. The float-only
// __f_vfprintf is src/c/vffprintf.c: its floats arrive packed by printf_float().
int __i_vfprintf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfprintf")));
int __l_vfprintf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfprintf")));
int __m_vfprintf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfprintf")));
#endif
