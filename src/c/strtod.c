// SPDX-License-Identifier: Apache-2.0
// strtod, strtof, strtold and the wcsto* forms, correctly rounded for every
// input length, with the subject-sequence grammar of C11 7.22.1.3 and ERANGE
// exactly on overflow or an inexact subnormal/zero result. Replaces picolibc's
// conv_flt.c-based ones, which kept only 17 (or 9) digits and rounded twice.
//
// Decimal input: the first 19 significant digits go through a 128-bit
// multiplication by a truncated power of five (src/c/strtod_pow5.h: 5^q for
// the double range; long double's larger exponents multiply two entries, one
// from a 16-entry table of 5^(650k), with the error bound widened to match);
// long double inputs of more than 19 digits use their first 38 the same way
// (a 128 x 128-bit product), and decide the subnormal range too when the
// value cannot be exactly representable there (see fast_ld). When the error
// interval could straddle a rounding boundary, float and double use an exact
// big-number computation (no heap, bounded stack) on the first HL_SIG_DIGITS
// significant digits plus a sticky flag for any non-zero digit after them,
// which is exact for them (a halfway point between two doubles has at most
// 768 significant digits). For long double (after 256-bit arithmetic on up
// to 77 digits, see ld_256), the rounded lower bound r of the first 38 digits
// is the answer or its predecessor, and the value is compared with the
// rounding boundary above r, h = H * 2^k (see slow_big): with 5^|q| to a few
// limbs more than the first HL_SIG_DIGITS digits have (cmp_near), unless the
// value equals h or its expansion to all those digits. Then the whole digit
// string is compared with h exactly and incrementally (a long double halfway
// point has up to about 11,500 digits): with B the denominator of
// h / 10^(q+n), X = B * (h's scaled prefix - the digits' prefix) stays an
// integer below B while the digits agree with h's expansion, so the memory is
// bounded by h's size (under 11,700 bits, in slow_big's buffers), not the
// input's (see cmp_halfway).
// Rounding is always to nearest, ties to even, in integer arithmetic only (as
// picolibc's was), so the soft-float and hard-float builds agree bit for bit.
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "strtod_impl.h"

// The library is compiled with -fno-builtin, where even an 8-byte memcpy is a
// call: the fixed-size copies below are spelled __builtin_memcpy/memset.

#if __LDBL_MANT_DIG__ > 53
#define HL_LD_BIG
#endif
#include "strtod_pow5.h"

typedef unsigned __int128 u128;

/* A binary floating-point format. */
struct fmt {
    int p;       /* significand bits, including the leading one */
    int emin;    /* exponent of the leading bit of the smallest normal */
    int emax;    /* exponent of the leading bit of the largest finite */
    int max10;   /* values of >= 10^max10 overflow */
    int zero10;  /* values below 10^zero10 round to zero */
};

static const struct fmt F32 = { 24, -126, 127, 39, -46 };
static const struct fmt F64 = { 53, -1022, 1023, 309, -324 };
#if __LDBL_MANT_DIG__ == 64
static const struct fmt FLD = { 64, -16382, 16383, 4933, -4951 };
#elif __LDBL_MANT_DIG__ == 113
static const struct fmt FLD = { 113, -16382, 16383, 4933, -4966 };
#endif

enum { K_ZERO, K_FINITE, K_INF };

/* A rounded result: m * 2^(x - p + 1) for normals (leading bit of m at p-1);
   subnormals have x == emin - 1 and m < 2^(p-1). */
struct res {
    int kind;
    int inexact;
    int x;
    u128 m;
};

enum { EXACT, STICKY, APPROX, APPROX_SUB };

/* Rounds W * 2^e (W has bit 127 set) to f. mode EXACT: the value is W*2^e;
   STICKY: slightly more than that, less than (W+1)*2^e; APPROX: in
   [W, W+err) * 2^e; APPROX_SUB: the same, and the value is not exactly
   representable if subnormal (APPROX gives up on subnormals, whose ERANGE
   depends on exactness). Returns 0 when APPROX cannot decide. */
static int round_window(u128 W, long e, int mode, unsigned err, const struct fmt *f, struct res *r)
{
    long x = e + 127;
    r->x = 0; /* m and x are compared for equal kinds (fast_ld, convert) */
    r->m = 0;
    if (x > f->emax) {
        r->kind = K_INF;
        r->inexact = 1;
        return 1;
    }
    long shift;
    if (x >= f->emin) {
        shift = 128 - f->p;
    } else {
        if (mode == APPROX)
            return 0;
        shift = (long)(f->emin - f->p + 1) - e;
        if (mode == APPROX_SUB && shift == 129 && W > ~(u128)0 - err)
            return 0; /* might reach half the smallest subnormal */
        if (shift > 128) {
            r->kind = K_ZERO;
            r->inexact = 1;
            return 1;
        }
        x = f->emin - 1;
    }
    u128 m, rem, half;
    if (shift == 128) {
        m = 0;
        rem = W;
        half = (u128)1 << 127;
    } else {
        m = W >> shift;
        rem = W & (((u128)1 << shift) - 1);
        half = (u128)1 << (shift - 1);
    }
    int up;
    if (mode == EXACT) {
        up = rem > half || (rem == half && (m & 1));
        r->inexact = rem != 0;
    } else if (mode == STICKY) {
        up = rem >= half;
        r->inexact = 1;
    } else { /* APPROX, APPROX_SUB */
        if (rem <= half && half < rem + err)
            return 0;
        up = rem > half;
        r->inexact = 1;
    }
    m += up;
    if (x >= f->emin) {
        if (m >> f->p) {
            m >>= 1;
            x++;
            if (x > f->emax) {
                r->kind = K_INF;
                return 1;
            }
        }
    } else if (m >> (f->p - 1)) {
        x = f->emin;
    }
    r->kind = m ? K_FINITE : K_ZERO;
    r->x = (int)x;
    r->m = m;
    return 1;
}

static inline int clz64(uint64_t v) { return __builtin_clzll(v); }

/* floor(q * log2(5)), exact for |q| < 4004. */
static inline long pow5_exp2(long q) { return (q * 1217359) >> 19; }

#ifdef HL_LD_BIG
/* a * b = *hi * 2^128 + returned low half */
static inline u128 mul128(u128 a, u128 b, u128 *hi)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64), b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 ll = (u128)a0 * b0, lh = (u128)a0 * b1, hl = (u128)a1 * b0, hh = (u128)a1 * b1;
    u128 mid = (ll >> 64) + (uint64_t)lh + (uint64_t)hl;
    *hi = hh + (lh >> 64) + (hl >> 64) + (mid >> 64);
    return (mid << 64) | (uint64_t)ll;
}

static int pow5_wide(long q, u128 *t, long *e2, unsigned *terr);

/* 5^q as T * 2^*e2 with T (bit 127 set) within [T, T + *terr) of the true
   value; 0 when q is out of range (it never is for the formats' ranges). */
static inline __attribute__((always_inline)) int pow5_get(long q, u128 *t, long *e2, unsigned *terr)
{
    if (__builtin_expect(q >= POW5_QMIN && q <= POW5_QMAX, 1)) {
        const uint64_t *p = pow5_128[q - POW5_QMIN];
        *t = ((u128)p[0] << 64) | p[1];
        *e2 = pow5_exp2(q) - 127;
        *terr = 1;
        return 1;
    }
    return pow5_wide(q, t, e2, terr);
}

static int __attribute__((noinline)) pow5_wide(long q, u128 *t, long *e2, unsigned *terr)
{
    /* long double's exponents beyond the table: 5^a * 5^(STEP k), a in the
       table; the product of the two truncated significands (each within 1
       unit, so within 3 units of the top 128 bits; 6 after a one-bit
       normalising shift) */
    long k = q > POW5_QMAX ? (q - POW5_QMAX + POW5_STEP - 1) / POW5_STEP
                           : -((POW5_QMIN - q + POW5_STEP - 1) / POW5_STEP);
    if (k < -POW5_KMAX || k > POW5_KMAX)
        return 0;
    long a = q - k * POW5_STEP;
    const uint64_t *p = pow5_128[a - POW5_QMIN];
    int c = k < 0 ? (int)k + POW5_KMAX : (int)k + POW5_KMAX - 1;
    u128 hi, lo = mul128(((u128)p[0] << 64) | p[1], ((u128)pow5_coarse[c].hi << 64) | pow5_coarse[c].lo, &hi);
    long e = pow5_exp2(a) - 127 + pow5_coarse[c].e + 128;
    if (!(hi >> 127)) {
        hi = (hi << 1) | (lo >> 127);
        e--;
        *terr = 7;
    } else {
        *terr = 4;
    }
    *t = hi;
    *e2 = e;
    return 1;
}
#endif

/* w * 10^q by one 128-bit power of five; 0 if it cannot decide. sub_ok: the
   value is known not to be exactly representable in the subnormal range
   (so ERANGE's inexactness is certain there). */
static inline __attribute__((always_inline)) int fast_mul(uint64_t w, long q, u128 t, long te, unsigned terr,
                                                         int sub_ok, const struct fmt *f, struct res *r)
{
    int lz = clz64(w);
    uint64_t wn = w << lz;
    u128 lo = (u128)wn * (uint64_t)t;
    u128 hi = (u128)wn * (uint64_t)(t >> 64);
    u128 top = hi + (lo >> 64);
    uint64_t low = (uint64_t)lo;
    long e = te + q - lz + 64;
    unsigned err = terr + 1;
    if (!(top >> 127)) {
        top = (top << 1) | (low >> 63);
        low <<= 1;
        e--;
        err = 2 * terr + 1;
    }
    if (q >= 0 && q <= 55) /* 5^q fits in 128 bits: the product is exact */
        return round_window(top, e, low ? STICKY : EXACT, 0, f, r);
    return round_window(top, e, sub_ok ? APPROX_SUB : APPROX, err, f, r);
}

#ifdef HL_LD_BIG
static int __attribute__((noinline)) fast_dec_wide(uint64_t w, long q, int sub_ok, const struct fmt *f,
                                                   struct res *r)
{
    u128 t;
    long te;
    unsigned terr;
    if (!pow5_wide(q, &t, &te, &terr))
        return 0;
    return fast_mul(w, q, t, te, terr, sub_ok, f, r);
}
#endif

static inline __attribute__((always_inline)) int fast_dec(uint64_t w, long q, int sub_ok, const struct fmt *f,
                                                         struct res *r)
{
    if (__builtin_expect(q < POW5_QMIN || q > POW5_QMAX, 0)) {
#ifdef HL_LD_BIG
        return fast_dec_wide(w, q, sub_ok, f, r);
#else
        return 0; /* never for float and double */
#endif
    }
    const uint64_t *p = pow5_128[q - POW5_QMIN];
    return fast_mul(w, q, ((u128)p[0] << 64) | p[1], pow5_exp2(q) - 127, 1, sub_ok, f, r);
}

/* fast_dec for float and double, which leave the subnormal range to the
   exact path (for ERANGE's sake; see fast_ld for why long double need not) */
static int fast_dec_fd(uint64_t w, long q, const struct fmt *f, struct res *r)
{
    return fast_dec(w, q, 0, f, r);
}

/* The character at pos of the digit text at num->sig. */
static inline unsigned sig_char(const struct hl_num *num, long pos)
{
    if (num->wide == HL_PACKED)
        return '0' + (((const uint8_t *)num->sig)[pos >> 1] >> (pos & 1) * 4 & 15);
    return num->wide ? (unsigned)((const wchar_t *)num->sig)[pos] : ((const unsigned char *)num->sig)[pos];
}

#ifdef HL_LD_BIG
/* w * 10^q (w of up to 38 digits, non-zero) as *top * 2^*e, top with bit
   127 set: at most the value, and above it by less than *err units when
   *err is non-zero (it is 0 when the product is exact: then *low holds the
   bits below top). 0 if q is out of range. */
static inline __attribute__((always_inline)) int dec128_window(u128 w, long q, u128 *top, long *e, u128 *low, unsigned *err)
{
    u128 t;
    long te;
    unsigned terr;
    if (!pow5_get(q, &t, &te, &terr))
        return 0;
    int lz = (w >> 64) ? clz64((uint64_t)(w >> 64)) : 64 + clz64((uint64_t)w);
    *low = mul128(w << lz, t, top);
    *e = te + q - lz + 128;
    *err = terr + 1;
    if (!(*top >> 127)) {
        *top = (*top << 1) | (*low >> 127);
        *low <<= 1;
        --*e;
        *err = 2 * terr + 1;
    }
    if (q >= 0 && q <= 55) /* 5^q fits in 128 bits: the product is exact */
        *err = 0;
    return 1;
}

/* w * 10^q for a w of up to 38 digits (long double's fast path); as
   fast_dec. */
static int fast_dec128(u128 w, long q, int sub_ok, const struct fmt *f, struct res *r)
{
    u128 top, low;
    long e;
    unsigned err;
    if (!dec128_window(w, q, &top, &e, &low, &err))
        return 0;
    if (!err)
        return round_window(top, e, low ? STICKY : EXACT, 0, f, r);
    return round_window(top, e, sub_ok ? APPROX_SUB : APPROX, err, f, r);
}

/* The first nd (<= 38) significant digits of num. */
static u128 first_digits(const struct hl_num *num, long nd)
{
    u128 w = num->w;
    for (long i = 0, pos = 0; i < nd; pos++) {
        unsigned c = sig_char(num, pos);
        if (c == '.')
            continue;
        if (i++ >= 19)
            w = w * 10 + (c - '0');
    }
    return w;
}

/* ---- long double's second try: 256-bit arithmetic ---- */

/* A 256-bit significand, least significant word first, bit 255 set; with
   an exponent, m * 2^e. Every value here is truncated (so at most the true
   one) with a relative error bound tracked in the comments. */
struct u256 {
    uint64_t w[4];
};

/* *a = top 256 bits of a * b, *e the exponent of the product (given the sum
   of theirs); a relative error of at most 2^-255 more. */
static void mul256(struct u256 *a, const struct u256 *b, long *e)
{
    uint64_t p[8] = { 0 };
    for (int i = 0; i < 4; i++) {
        u128 carry = 0;
        for (int j = 0; j < 4; j++) {
            u128 t = (u128)a->w[i] * b->w[j] + p[i + j] + carry;
            p[i + j] = (uint64_t)t;
            carry = t >> 64;
        }
        p[i + 4] = (uint64_t)carry;
    }
    if (p[7] >> 63) {
        __builtin_memcpy(a->w, p + 4, 32);
        *e += 256;
    } else {
        for (int k = 0; k < 4; k++)
            a->w[k] = (p[4 + k] << 1) | (p[3 + k] >> 63);
        *e += 255;
    }
}

/* v (non-zero) as a u256 and its exponent, exactly */
static long u256_of(u128 v, struct u256 *m)
{
    int lz = (v >> 64) ? clz64((uint64_t)(v >> 64)) : 64 + clz64((uint64_t)v);
    v <<= lz;
    m->w[0] = m->w[1] = 0;
    m->w[2] = (uint64_t)v;
    m->w[3] = (uint64_t)(v >> 64);
    return -lz - 128;
}

/* d * 2^de * 10^q to 256 bits (d exact), rounded to f; 0 when that cannot
   decide. 5^q is
   (5^27)^j * 5^r (q >= 0) or (1/5^27)^j * 5^r (q < 0, r = 27j - |q|),
   the power by left-to-right squaring: with j < 256, at most 7 squarings
   and 7 multiplications, so the relative error stays below 2^9 * 2^-255;
   times 5^r and d, below 2^-245, i.e. under 2^11 units of the result's last
   bit. When the result's low 128 bits are not within that of a multiple of
   2^128, the value lies strictly between W and W + 1 (W its top 128 bits),
   which STICKY rounding decides; the value must not be exactly
   representable in the subnormal range (the caller's condition). */
static int __attribute__((minsize)) ld_256(const struct u256 *d, long de, long q, const struct fmt *f, struct res *r)
{
    struct u256 base, acc, t;
    long be, ae, te;
    long a = q < 0 ? -q : q, j = q < 0 ? (a + 26) / 27 : a / 27, rr = q < 0 ? 27 * j - a : a % 27;
    if (q < 0) {
        __builtin_memcpy(base.w, pow5_inv27, 32);
        be = -318;
    } else {
        be = u256_of(7450580596923828125ull, &base); /* 5^27 */
    }
    if (j) {
        acc = base;
        ae = be;
        int top = 63 - clz64((uint64_t)j);
        for (int b = top - 1; b >= 0; b--) {
            t = acc;
            ae += ae;
            mul256(&acc, &t, &ae);
            if ((j >> b) & 1) {
                ae += be;
                mul256(&acc, &base, &ae);
            }
        }
    } else {
        ae = u256_of(1, &acc);
    }
    uint64_t p5 = 1;
    while (rr--)
        p5 *= 5;
    te = u256_of(p5, &t);
    ae += te;
    mul256(&acc, &t, &ae);
    ae += de;
    mul256(&acc, d, &ae);
    u128 hi = ((u128)acc.w[3] << 64) | acc.w[2], lo = ((u128)acc.w[1] << 64) | acc.w[0];
    if (lo < 2048 || lo > ~(u128)0 - 2048)
        return 0;
    return round_window(hi, ae + q + 128, STICKY, 0, f, r);
}

/* The first nd (<= 77) digits, exactly, as a u256 times 2^(returned). */
static long __attribute__((minsize)) digits256(const struct hl_num *num, long nd, struct u256 *m)
{
    uint64_t w[4] = { 0 };
    for (long i = 0, pos = 0; i < nd; pos++) {
        unsigned c = sig_char(num, pos);
        if (c == '.')
            continue;
        u128 carry = c - '0';
        for (int k = 0; k < 4; k++) {
            u128 t = (u128)w[k] * 10 + carry;
            w[k] = (uint64_t)t;
            carry = t >> 64;
        }
        i++;
    }
    int top = 3;
    while (!w[top]) /* the first digit is not 0 */
        top--;
    int ws = 3 - top, bs = clz64(w[top]);
    for (int k = 3; k >= 0; k--) {
        int from = k - ws;
        uint64_t hi = from >= 0 ? w[from] : 0, lo = from >= 1 ? w[from - 1] : 0;
        m->w[k] = bs ? (hi << bs) | (lo >> (64 - bs)) : hi;
    }
    return -(long)(64 * ws + bs);
}

/* ld_256 on all the digits, when at most 77 are not trailing zeros. */
static int __attribute__((noinline, minsize)) ld_256_digits(const struct hl_num *num, const struct fmt *f, struct res *r)
{
    if (num->last_nz >= 77)
        return 0;
    long nd = num->n < 77 ? num->n : 77;
    struct u256 d;
    long de = digits256(num, nd, &d);
    return ld_256(&d, de, num->q + num->n - nd, f, r);
}

/* The fast path for long double: w * 10^q for up to 19 digits, else the
   first 38 digits (the value is between w and w + 1 of them when more
   follow); when 128 bits do not decide, all of up to 77 digits to 256 bits
   (ld_256). A subnormal value of at most 85 significant digits is never
   exactly representable (it is below 2^-126 < 10^-37, so D * 10^(mag - n)
   with D < 10^n, and a dyadic value needs 5^(n - mag) >= 5^(n + 37) to
   divide D, which needs n > 85), so its ERANGE is certain and the
   approximation can decide it. */
static int __attribute__((noinline)) fast_ld(const struct hl_num *num, long q19, const struct fmt *f,
                                             struct res *r)
{
    int sub_ok = num->n <= 80;
    if (!num->trunc)
        return fast_dec(num->w, q19, sub_ok, f, r) || ld_256_digits(num, f, r);
    long nd = num->n < 38 ? num->n : 38;
    u128 w = first_digits(num, nd);
    long q = num->q + num->n - nd;
    if (num->last_nz < 38)
        return fast_dec128(w, q, sub_ok, f, r) || ld_256_digits(num, f, r);
    struct res r2;
    if (fast_dec128(w, q, sub_ok, f, r) && fast_dec128(w + 1, q, sub_ok, f, &r2) && r->kind == r2.kind
        && r->m == r2.m && r->x == r2.x) {
        r->inexact = 1;
        return 1;
    }
    return ld_256_digits(num, f, r);
}
#endif

/* ---- big numbers: little-endian 32-bit limbs ---- */

struct bn {
    uint32_t *d;
    int n;
};

/* a = a * m + add, two limbs at a time (the limbs are little-endian, as the
   64-bit words holding them) */
static void bn_mul_add(struct bn *a, uint64_t m, uint64_t add)
{
    uint32_t *d = a->d; /* locals: the limb stores could alias a->n */
    int n = a->n;
    if (n & 1)
        d[n++] = 0;
    u128 carry = add;
    for (int i = 0; i < n; i += 2) {
        uint64_t x;
        __builtin_memcpy(&x, d + i, 8);
        u128 v = (u128)x * m + carry;
        x = (uint64_t)v;
        __builtin_memcpy(d + i, &x, 8);
        carry = v >> 64;
    }
    while (carry) {
        d[n++] = (uint32_t)carry;
        carry >>= 32;
    }
    while (n && !d[n - 1])
        n--;
    a->n = n;
}

static void bn_mul_pow5(struct bn *a, long e)
{
    uint64_t p = 1;
    for (; e >= 27; e -= 27)
        bn_mul_add(a, 7450580596923828125ull, 0); /* 5^27 */
    while (e--)
        p *= 5;
    if (p > 1)
        bn_mul_add(a, p, 0);
}

static long bn_bits(const struct bn *a)
{
    return a->n ? (long)a->n * 32 - __builtin_clz(a->d[a->n - 1]) : 0;
}

static void bn_shl(struct bn *a, long s)
{
    if (!a->n || !s)
        return;
    int limbs = (int)(s / 32), bits = (int)(s % 32);
    int n = a->n;
    if (bits) {
        uint32_t carry = 0;
        for (int i = 0; i < n; i++) {
            uint32_t v = a->d[i];
            a->d[i] = (v << bits) | carry;
            carry = v >> (32 - bits);
        }
        if (carry)
            a->d[n++] = carry;
    }
    if (limbs) {
        memmove(a->d + limbs, a->d, (size_t)n * 4);
        __builtin_memset(a->d, 0, (size_t)limbs * 4);
        n += limbs;
    }
    a->n = n;
}

/* The top 128 bits of a (bit 127 set) and whether any bit below them is set. */
static u128 bn_top128(const struct bn *a, long *drop, int *sticky)
{
    long bits = bn_bits(a);
    u128 w = 0;
    *sticky = 0;
    *drop = bits - 128;
    for (long i = 0; i < 128; i++) {
        long b = bits - 1 - i;
        w <<= 1;
        if (b >= 0)
            w |= (a->d[b / 32] >> (b % 32)) & 1;
    }
    for (long b = 0; b < bits - 128; b += 32) {
        if (b + 32 <= bits - 128) {
            if (a->d[b / 32]) {
                *sticky = 1;
                break;
            }
        } else if (a->d[b / 32] & ((1u << ((bits - 128) - b)) - 1)) {
            *sticky = 1;
            break;
        }
    }
    return w;
}

/* q = floor(a / b) (below 2^128), *rem = whether a remainder is left; a and
   b are clobbered (a needs a spare limb). Knuth's algorithm D, base 2^32. */
static u128 bn_divmod(struct bn *a, struct bn *b, int *rem)
{
    int s = __builtin_clz(b->d[b->n - 1]);
    bn_shl(a, s);
    bn_shl(b, s);
    int n = b->n, m = a->n - n;
    u128 q = 0;
    if (m < 0) {
        *rem = a->n != 0;
        return 0;
    }
    a->d[a->n] = 0;
    uint32_t btop = b->d[n - 1], bnext = n >= 2 ? b->d[n - 2] : 0;
    for (int j = m; j >= 0; j--) {
        uint64_t num = ((uint64_t)a->d[j + n] << 32) | a->d[j + n - 1];
        uint64_t qhat = num / btop, rhat = num % btop;
        while (qhat >> 32 || (n >= 2 && qhat * bnext > ((rhat << 32) | a->d[j + n - 2]))) {
            qhat--;
            rhat += btop;
            if (rhat >> 32)
                break;
        }
        uint64_t carry = 0;
        int64_t borrow = 0;
        for (int i = 0; i < n; i++) {
            uint64_t prod = qhat * b->d[i] + carry;
            carry = prod >> 32;
            int64_t t = (int64_t)a->d[i + j] - (int64_t)(uint32_t)prod - borrow;
            a->d[i + j] = (uint32_t)t;
            borrow = t < 0;
        }
        int64_t t = (int64_t)a->d[j + n] - (int64_t)carry - borrow;
        a->d[j + n] = (uint32_t)t;
        if (t < 0) { /* qhat was one too large: add b back */
            qhat--;
            uint64_t c = 0;
            for (int i = 0; i < n; i++) {
                uint64_t v = (uint64_t)a->d[i + j] + b->d[i] + c;
                a->d[i + j] = (uint32_t)v;
                c = v >> 32;
            }
            a->d[j + n] += (uint32_t)c;
        }
        q = (q << 32) | qhat;
    }
    int any = 0;
    for (int i = 0; i < n; i++)
        any |= a->d[i] != 0;
    *rem = any;
    return q;
}

/* Exact: D * 10^E, D in a (capacity for the products), b scratch. */
static void slow_core(struct bn *a, struct bn *b, long E, int sticky_in, const struct fmt *f,
                      struct res *r)
{
    long drop;
    int sticky;
    if (E >= 0) {
        bn_mul_pow5(a, E);
        u128 W = bn_top128(a, &drop, &sticky);
        round_window(W, E + drop, (sticky || sticky_in) ? STICKY : EXACT, 0, f, r);
        return;
    }
    b->d[0] = 1;
    b->n = 1;
    bn_mul_pow5(b, -E);
    int p = f->p;
    long t = bn_bits(b) + p + 2 - bn_bits(a), t0 = t; /* value = (D * 2^t0 / 5^-E) * 2^(E - t0) */
    if (t < 0) {
        bn_shl(b, -t);
        t = 0;
    }
    bn_shl(a, t);
    int rem;
    u128 q = bn_divmod(a, b, &rem);
    int lz = (q >> 64) ? __builtin_clzll((uint64_t)(q >> 64)) : 64 + __builtin_clzll((uint64_t)q);
    u128 W = q << lz;
    round_window(W, E - t0 - lz, (rem || sticky_in) ? STICKY : EXACT, 0, f, r);
}

#define HL_SIG_DIGITS 800

/* D from the first nk significant digits of num, skipping the decimal point. */
static void build_digits(struct bn *a, const struct hl_num *num_in, long nk)
{
    const struct hl_num local = *num_in, *num = &local; /* not reloaded after each bn_mul_add */
    long i = 0, pos = 0;
    uint64_t chunk = 0, scale = 1;
    int cl = 0;
    a->n = 0;
    while (i < nk) {
        if (!num->wide && cl <= 11 && nk - i >= 8) {
            /* eight digits at once when the next eight characters are digits
               (at least eight digits follow, so they lie in the text) */
            uint64_t v;
            __builtin_memcpy(&v, (const unsigned char *)num->sig + pos, 8);
            v -= 0x3030303030303030u;
            if (!(((v + 0x7676767676767676u) | v) & 0x8080808080808080u)) {
                v = v * 10 + (v >> 8); /* the first character is the lowest byte */
                v = ((v & 0x000000ff000000ffu) * (100 + (1000000ull << 32))
                     + ((v >> 16) & 0x000000ff000000ffu) * (1 + (10000ull << 32))) >> 32;
                chunk = chunk * 100000000u + v;
                scale *= 100000000u;
                pos += 8;
                i += 8;
                if ((cl += 8) == 19) {
                    bn_mul_add(a, scale, chunk);
                    chunk = 0;
                    scale = 1;
                    cl = 0;
                }
                continue;
            }
        }
        unsigned c = sig_char(num, pos);
        pos++;
        if (c == '.')
            continue;
        chunk = chunk * 10 + (c - '0');
        scale *= 10;
        if (++cl == 19) {
            bn_mul_add(a, scale, chunk);
            chunk = 0;
            scale = 1;
            cl = 0;
        }
        i++;
    }
    if (cl)
        bn_mul_add(a, scale, chunk);
}

#define SMALL_LIMBS 92  /* 2944 bits: D of 800 digits; slow_small's 5^1124 * 2^58 */
#define LD_LIMBS    376 /* cmp_halfway's X and B: below 2^11700, and the limbs bn_mul_sub adds */

static void __attribute__((noinline)) slow_small(const struct hl_num *num, const struct fmt *f,
                                                 struct res *r)
{
    uint32_t da[SMALL_LIMBS], db[SMALL_LIMBS];
    struct bn a = { da, 0 }, b = { db, 0 };
    long nk = num->n < HL_SIG_DIGITS ? num->n : HL_SIG_DIGITS;
    build_digits(&a, num, nk);
    slow_core(&a, &b, num->q + num->n - nk, num->last_nz >= nk, f, r);
}

#ifdef HL_LD_BIG
static int bn_cmp(const struct bn *a, const struct bn *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static void bn_of128(struct bn *x, u128 v)
{
    x->n = 0;
    for (int i = 0; i < 4; i++) {
        x->d[i] = (uint32_t)(v >> (32 * i));
        if (x->d[i])
            x->n = i + 1;
    }
}

/* xd[from..to) = xd[from..to) * m + carry, 64 bits at a time; the carry out */
static inline __attribute__((always_inline)) __int128 mul_words(uint32_t *xd, int from, int to, uint64_t m,
                                                                __int128 carry)
{
    for (int i = from; i < to; i += 2) {
        uint64_t xi;
        __builtin_memcpy(&xi, xd + i, 8);
        __int128 acc = (__int128)((u128)xi * m) + carry;
        xi = (uint64_t)acc;
        __builtin_memcpy(xd + i, &xi, 8);
        carry = acc >> 64; /* floor: arithmetic shift */
    }
    return carry;
}

/* x = x * m - c * b (m, c < 2^60), 64 bits at a time, b's limbs below bz
   (even) being zero and a zero limb above an odd top; returns 0, leaving x
   clobbered, if that is negative, else 1. */
static int __attribute__((noinline)) bn_mul_sub(struct bn *x, uint64_t m, uint64_t c, const struct bn *b, int bz)
{
    uint32_t *xd = x->d; /* locals: the limb stores could alias the counts */
    const uint32_t *bd = b->d;
    int n = x->n > b->n ? x->n : b->n, nb = b->n + (b->n & 1);
    for (int i = x->n; i <= n; i++)
        xd[i] = 0;
    int lo = bz < n ? bz : n, hi = nb < n ? nb : n;
    __int128 carry = mul_words(xd, 0, lo, m, 0); /* B = 2^j 5^E: often low zeros */
    for (int i = lo; i < hi; i += 2) {
        uint64_t xi, bi;
        __builtin_memcpy(&xi, xd + i, 8);
        __builtin_memcpy(&bi, bd + i, 8);
        __int128 acc = (__int128)((u128)xi * m) - (__int128)((u128)bi * c) + carry; /* |acc| < 2^125 */
        xi = (uint64_t)acc;
        __builtin_memcpy(xd + i, &xi, 8);
        carry = acc >> 64;
    }
    carry = mul_words(xd, hi, n, m, carry);
    if (carry < 0)
        return 0;
    n += n & 1;
    x->n = n;
    x->d[x->n++] = (uint32_t)carry;
    x->d[x->n++] = (uint32_t)((uint64_t)carry >> 32);
    while (x->n && !x->d[x->n - 1])
        x->n--;
    return 1;
}

/* Sign of value - h, value being all num->n digits times 10^num->q and
   h = H * 2^k. With E0 = q + n and D_j the first j digits,
   X_j = (h * 10^j / 10^E0 - D_j) * B is an integer for
   B = 2^max(E0 - k, 0) * 5^max(E0, 0), and X_{j+c} = 10^c X_j - C B for the
   next c digits C. While X_j is in [0, B) the first j digits are h's; once
   it is below 0, value > h; at or above B, value < h; all digits read, the
   sign of -X_n decides (18 digits a step). B (and X) stay below 2^11700
   for the long double formats (5^4933, or 2^(E0 - k) for the tiniest
   values). */
static int __attribute__((noinline)) cmp_halfway(const struct hl_num *num, u128 H, long k, struct bn *x, struct bn *b)
{
    long E0 = num->q + num->n;
    b->d[0] = 1;
    b->n = 1;
    if (E0 > 0)
        bn_mul_pow5(b, E0);
    if (E0 - k > 0)
        bn_shl(b, E0 - k);
    bn_of128(x, H);
    if (E0 < 0)
        bn_mul_pow5(x, -E0);
    if (k - E0 > 0)
        bn_shl(x, k - E0);
    if (bn_cmp(x, b) >= 0)
        return -1;
    b->d[b->n] = 0; /* bn_mul_sub reads b in pairs of limbs */
    int bz = 0;
    while (!b->d[bz] && !b->d[bz + 1])
        bz += 2;
    long i = 0, pos = 0;
    while (i < num->n) {
        uint64_t c = 0, m = 1;
        for (int j = 0; j < 18 && i < num->n; pos++) {
            unsigned ch = sig_char(num, pos);
            if (ch == '.')
                continue;
            c = c * 10 + (ch - '0');
            m *= 10;
            j++;
            i++;
        }
        if (!bn_mul_sub(x, m, c, b, bz))
            return 1;
        if (bn_cmp(x, b) >= 0)
            return -1;
        if (!x->n) { /* h's digits end here: any later non-zero digit is above */
            for (; i < num->n; pos++) {
                unsigned ch = sig_char(num, pos);
                if (ch == '.')
                    continue;
                if (ch != '0')
                    return 1;
                i++;
            }
            return 0;
        }
    }
    return -1;
}

/* Whether a digit at index i or later is non-zero. */
static int nonzero_from(const struct hl_num *num, long i)
{
    for (long d = 0, pos = 0; d < num->n; pos++) {
        unsigned ch = sig_char(num, pos);
        if (ch == '.')
            continue;
        if (d++ >= i && ch != '0')
            return 1;
    }
    return 0;
}

/* Sign of value - H * 2^k for an integer h (k >= 0), exactly: the value's
   integer part I (its first E0 = q + n digits, padded with zeros) against
   h, then any non-zero digit after them. I < 10^4933 fits in buf
   (2 * LD_LIMBS limbs); building it costs one pass over I's words per 19
   digits, against cmp_halfway's two per 18 over 5^E0. */
static int __attribute__((noinline)) cmp_integer(const struct hl_num *num, u128 H, long k, uint32_t *buf)
{
    long E0 = num->q + num->n, m = num->n < E0 ? num->n : E0, z = E0 - m;
    struct bn I = { buf, 0 };
    build_digits(&I, num, m);
    if (z > 0)
        bn_mul_pow5(&I, z); /* I * 10^z = (I * 5^z) * 2^z */
    long s = k - z;         /* compare I with H * 2^s */
    if (s < 0) {
        bn_shl(&I, -s);
        s = 0;
    }
    int hb = 128 - ((H >> 64) ? clz64((uint64_t)(H >> 64)) : 64 + clz64((uint64_t)H));
    long ib = bn_bits(&I);
    if (ib != hb + s)
        return ib < hb + s ? -1 : 1;
    long drop;
    int sticky;
    u128 top = bn_top128(&I, &drop, &sticky), hn = H << (128 - hb);
    if (top != hn)
        return top < hn ? -1 : 1; /* below h, an integer: below by a whole unit */
    if (sticky)
        return 1;
    return nonzero_from(num, m); /* I is h: the fraction decides */
}

/* ---- long double near a rounding boundary: approximate big numbers ----
   Whether the value is above or below a boundary h = H * 2^k needs the
   value's digits D (up to HL_SIG_DIGITS) against h exactly only when they
   agree with h's expansion to the last of them. Otherwise 5^|q| to a few
   limbs more than D has decides: D * 5^q against H * 2^(k - q) (q >= 0), or
   D * 2^q against H * 5^-q * 2^k (q < 0). 5^|q| by squaring (below 5^433,
   by 5^27 at a time), truncated to L limbs once it outgrows them:
   t <= 5^|q| < t (1 + c 2^-32(L-1)), c counting the truncations and left-out
   products (each squaring doubles it). */

#define APX_ALIGNED (2 * SMALL_LIMBS + 24)
struct apx_work {
    uint32_t d[SMALL_LIMBS + 4]; /* D, later D + 1 */
    uint32_t p[SMALL_LIMBS + 8]; /* 5^|q| */
    uint32_t t[2 * SMALL_LIMBS + 16]; /* products */
    uint32_t x[APX_ALIGNED], y[APX_ALIGNED]; /* aligned operands */
};

/* dst = the top L limbs of src (which may be dst), *e += the bits dropped;
   returns whether a dropped limb was non-zero */
static int __attribute__((minsize)) bn_keep(struct bn *dst, const struct bn *src, int L, long *e)
{
    int drop = src->n > L ? src->n - L : 0, lost = 0;
    for (int i = 0; i < drop; i++)
        lost |= src->d[i] != 0;
    memmove(dst->d, src->d + drop, (size_t)(src->n - drop) * 4);
    dst->n = src->n - drop;
    *e += 32L * drop;
    return lost;
}

/* out = a * b to its top L limbs, *e += the bits below them; the word
   products a_i b_j with i + j < T are left out (a, b get a zero limb above
   an odd top). They add less than T 2^(64T + 65), at most one unit of the
   last kept limb for T <= (32 drop - 73) / 64, drop being the limbs cut off
   (a and b have non-zero tops, so the product at least a->n + b->n - 1
   limbs, the sum computed one fewer at worst), so the result is within
   [P - 2 units, P]: a relative error below 2u. Returns 0 only if the result
   is the exact product. */
static int bn_mul_keep(struct bn *a, struct bn *b, struct bn *out, int L, long *e)
{
    long drop = (long)a->n + b->n - 2 - L;
    int T = drop > 3 ? (int)((32 * drop - 73) / 64) : 0;
    a->d[a->n] = b->d[b->n] = 0;
    const uint32_t *ad = a->d, *bd = b->d;
    uint32_t *od = out->d;
    int na = (a->n + 1) / 2, nb = (b->n + 1) / 2;
    __builtin_memset(od, 0, (size_t)(na + nb) * 8);
    for (long i = 0; i < na; i++) {
        uint64_t ai, o;
        __builtin_memcpy(&ai, ad + 2 * i, 8);
        u128 carry = 0;
        long j0 = T > i ? T - i : 0;
        const uint32_t *bp = bd + 2 * j0, *bend = bd + 2 * nb;
        uint32_t *op = od + 2 * (i + j0);
        for (; bp < bend; bp += 2, op += 2) {
            uint64_t bj;
            __builtin_memcpy(&bj, bp, 8);
            __builtin_memcpy(&o, op, 8);
            u128 v = (u128)ai * bj + o + carry;
            o = (uint64_t)v;
            __builtin_memcpy(op, &o, 8);
            carry = v >> 64;
        }
        o = (uint64_t)carry;
        __builtin_memcpy(od + 2 * (i + nb), &o, 8);
    }
    out->n = 2 * (na + nb);
    while (out->n && !out->d[out->n - 1])
        out->n--;
    return bn_keep(out, out, L, e) || T;
}

/* p * 2^*e = 5^b truncated as above; *c the error count */
static void __attribute__((minsize)) pow5_apx(long b, int L, struct bn *p, struct bn *t, long *e, uint64_t *c)
{
    p->d[0] = 1;
    p->n = 1;
    *e = 0;
    *c = 0;
    if (b <= 16 * 27) { /* at most 16 passes of 5^27: fewer steps than squaring */
        bn_mul_pow5(p, b);
        *c = bn_keep(p, p, L, e);
        return;
    }
    for (int i = 63 - clz64((uint64_t)b); i >= 0; i--) {
        /* (1 + cu)^2 (1 + 2u) <= 1 + (2c + 4)u while c^2 u is tiny */
        *e *= 2;
        int lost = bn_mul_keep(p, p, t, L, e);
        __builtin_memcpy(p->d, t->d, (size_t)t->n * 4);
        p->n = t->n;
        *c = (*c ? 2 * *c + 1 : 0) + (lost ? 3 : 0);
        if ((b >> i) & 1) {
            bn_mul_add(p, 5, 0);
            if (bn_keep(p, p, L, e))
                *c += *c ? 2 : 1;
        }
    }
}

/* dst = src * 2^s, if that fits in APX_ALIGNED limbs */
static int __attribute__((minsize)) bn_copy_shl(struct bn *dst, const struct bn *src, long s)
{
    if (src->n + s / 32 + 2 > APX_ALIGNED)
        return 0;
    memmove(dst->d, src->d, (size_t)src->n * 4);
    dst->n = src->n;
    bn_shl(dst, s);
    return 1;
}

/* a -= b, a >= b */
static void __attribute__((minsize)) bn_sub(struct bn *a, const struct bn *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t v = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        a->d[i] = (uint32_t)v;
        borrow = v < 0;
    }
    while (a->n && !a->d[a->n - 1])
        a->n--;
}

/* a += b (a has room for the carry) */
static void __attribute__((minsize)) bn_add(struct bn *a, const struct bn *b)
{
    uint64_t carry = 0;
    int n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) {
        carry += (uint64_t)(i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        a->d[i] = (uint32_t)carry;
        carry >>= 32;
    }
    a->n = n;
    if (carry)
        a->d[a->n++] = (uint32_t)carry;
}

/* Sign of A 2^ea - B 2^eb for an exact A and a B known as bt * 2^eb with
   bt <= B < bt (1 + c 2^-ue); 2 when that cannot decide. */
static int __attribute__((noinline, minsize)) apx_sign(const struct bn *A, long ea, const struct bn *bt, long eb, uint64_t c, long ue,
                    struct apx_work *w)
{
    struct bn x = { w->x, 0 }, y = { w->y, 0 };
    long e0 = ea < eb ? ea : eb;
    if (!bn_copy_shl(&x, A, ea - e0) || !bn_copy_shl(&y, bt, eb - e0))
        return 2;
    int s = bn_cmp(&x, &y);
    if (s < 0)
        return -1;
    if (!c)
        return s;
    if (s == 0)
        return 2;
    bn_sub(&x, &y); /* B - y < y c 2^-ue < 2^need */
    long need = bn_bits(&y) + (64 - clz64(c)) - ue;
    return bn_bits(&x) - 1 >= need ? 1 : 2;
}

static int neg_sign(int s) { return s == 2 ? 2 : -s; }

/* Sign of D 10^q - h (h = H 2^k in h), with 5^|q| ~ p 2^e to L limbs, error
   count c; 2 when the approximation cannot tell. */
static int d_sign(struct bn *d, long q, struct bn *h, long k, struct bn *p, long e, uint64_t c, int L,
                  struct apx_work *w)
{
    struct bn t = { w->t, 0 };
    long ue = 32L * (L - 1);
    if (q >= 0) { /* D 10^q - h = 2^q (D 5^q - H 2^(k - q)) */
        uint64_t cx = c + (bn_mul_keep(d, p, &t, L, &e) ? 3 : 0);
        return neg_sign(apx_sign(h, k - q, &t, e, cx, ue, w));
    }
    bn_mul_keep(h, p, &t, L + 8, &e); /* exact: 4 limbs more than p */
    return apx_sign(d, q, &t, e + k, c, ue, w); /* multiplied by 5^-q: D 2^q - H 5^-q 2^k */
}

/* Sign of value - H * 2^k as cmp_halfway, or 2 when approximations cannot
   tell (the first HL_SIG_DIGITS digits are h's, or the value is h). */
static int __attribute__((noinline, minsize)) cmp_near(const struct hl_num *num, u128 H, long k, struct apx_work *w)
{
    uint32_t hd[6];
    struct bn d = { w->d, 0 }, p = { w->p, 0 }, t = { w->t, 0 }, h = { hd, 0 };
    long nk = num->n < HL_SIG_DIGITS ? num->n : HL_SIG_DIGITS, q = num->q + num->n - nk, e;
    int tail = num->last_nz >= nk;
    uint64_t c;
    build_digits(&d, num, nk);
    int L = d.n + 4;
    pow5_apx(q < 0 ? -q : q, L, &p, &t, &e, &c);
    bn_of128(&h, H);
    /* with a tail, the value lies strictly between D 10^q and (D + 1) 10^q:
       above h if D 10^q >= h, below if (D + 1) 10^q <= h */
    int s = d_sign(&d, q, &h, k, &p, e, c, L, w);
    if (!tail || s == 2)
        return s;
    if (s >= 0)
        return 1;
    uint32_t one = 1;
    bn_add(&d, &(struct bn){ &one, 1 });
    s = d_sign(&d, q, &h, k, &p, e, c, L, w);
    return s <= 0 ? -1 : 2;
}

/* Some long double subnormal is exactly D * 10^(mag - nD) only if 5^(nD -
   mag) divides D < 10^nD, so nD > -mag log2(5): about 11,450 digits. */
static int may_be_exact_sub(const struct hl_num *num)
{
    long mag = num->q + num->n;
    return num->n * 10000 > -mag * 23219;
}

/* Long double when 128 and 256 bits did not decide. r is first the rounded
   lower bound of the value from its first 38 digits: the correct result or
   its predecessor, as the value exceeds that bound by far less than a unit
   in the last place. Then the value is compared with the rounding boundary
   above r, h = (2m + 1) * 2^(u - 1) for r = m * 2^u, and r moves up when
   the value is above it (or on it with m odd). */
static void __attribute__((noinline, minsize)) slow_big(const struct hl_num *num, const struct fmt *f,
                                               struct res *r)
{
    union {
        struct apx_work apx;
        uint32_t exact[2 * LD_LIMBS];
    } w;
    struct bn x = { w.exact, 0 }, b = { w.exact + LD_LIMBS, 0 };
    long nd = num->n < 38 ? num->n : 38;
    u128 top, low;
    long e;
    unsigned err;
    if (!dec128_window(first_digits(num, nd), num->q + num->n - nd, &top, &e, &low, &err))
        return; /* never: the caller checked the range */
    round_window(top, e, EXACT, 0, f, r);
    r->inexact = 1;
    if (r->kind == K_INF)
        return;
    u128 m = r->kind == K_ZERO ? 0 : r->m;
    long u = (r->kind == K_FINITE && r->x >= f->emin) ? r->x - f->p + 1 : f->emin - f->p + 1;
    int c = cmp_near(num, 2 * m + 1, u - 1, &w.apx);
    if (c == 2)
        c = u - 1 >= 0 ? cmp_integer(num, 2 * m + 1, u - 1, w.exact) : cmp_halfway(num, 2 * m + 1, u - 1, &x, &b);
    if (c > 0 || (c == 0 && (m & 1))) {
        if (r->kind == K_ZERO) {
            r->kind = K_FINITE;
            r->x = f->emin - 1;
            r->m = 1;
        } else {
            r->m++;
            if (r->x < f->emin) {
                if (r->m >> (f->p - 1))
                    r->x = f->emin;
            } else if (r->m >> f->p) {
                r->m >>= 1;
                if (++r->x > f->emax)
                    r->kind = K_INF;
            }
        }
    }
    /* ERANGE needs the exactness of a subnormal result */
    if (r->kind == K_FINITE && r->x < f->emin && may_be_exact_sub(num))
        r->inexact = cmp_halfway(num, 2 * r->m, f->emin - f->p, &x, &b) != 0;
}
#endif

/* Rounds a parsed number to f. */
static void convert(const struct hl_num *num, const struct fmt *f, struct res *r)
{
    r->inexact = 0;
    if (num->kind == HL_ZERO || num->kind == HL_NONE) {
        r->kind = K_ZERO;
        return;
    }
    if (num->kind == HL_HEX) {
        u128 h = num->w128;
        long e = num->q;
        int lz = 0;
        while (!(h >> 127)) { /* at most 127 steps, once per call */
            int s = (h >> 64) ? __builtin_clzll((uint64_t)(h >> 64)) : 64 + __builtin_clzll((uint64_t)h);
            h <<= s;
            lz += s;
        }
        e -= lz;
        if (e + 127 > f->emax + 1) {
            r->kind = K_INF;
            r->inexact = 1;
        } else if (e + 128 < f->emin - f->p - 1) {
            r->kind = K_ZERO;
            r->inexact = 1;
        } else {
            round_window(h, e, num->trunc ? STICKY : EXACT, 0, f, r);
        }
        return;
    }
    long mag = num->q + num->n; /* value in [10^(mag-1), 10^mag) */
    if (mag > f->max10) {
        r->kind = K_INF;
        r->inexact = 1;
        return;
    }
    if (mag <= f->zero10) {
        r->kind = K_ZERO;
        r->inexact = 1;
        return;
    }
    long n19 = num->n < 19 ? num->n : 19;
    long q = num->q + num->n - n19;
#ifdef HL_LD_BIG
    if (f->p > 53) {
        if (!fast_ld(num, q, f, r))
            slow_big(num, f, r);
        return;
    }
#endif
    if (!num->trunc) {
        if (fast_dec_fd(num->w, q, f, r))
            return;
    } else {
        struct res r2;
        if (fast_dec_fd(num->w, q, f, r) && fast_dec_fd(num->w + 1, q, f, &r2) && r->kind == r2.kind
            && r->m == r2.m && r->x == r2.x) {
            r->inexact = 1;
            return;
        }
    }
    slow_small(num, f, r);
}

static void set_errno(const struct hl_num *num, const struct res *r, const struct fmt *f)
{
    if (num->kind == HL_INF || num->kind == HL_NAN)
        return;
    if (r->kind == K_INF || (r->inexact && (r->kind == K_ZERO || r->x < f->emin)))
        errno = ERANGE;
}

static inline __attribute__((always_inline)) double num_to_double(const struct hl_num *num, int set_err)
{
    uint64_t bits;
    struct res r;
    if (num->kind == HL_INF) {
        bits = 0x7ffull << 52;
    } else if (num->kind == HL_NAN) {
        bits = (0x7ff8ull << 48) | (num->w & ((1ull << 51) - 1));
    } else {
        convert(num, &F64, &r);
        if (set_err)
            set_errno(num, &r, &F64);
        if (r.kind == K_INF)
            bits = 0x7ffull << 52;
        else if (r.kind == K_ZERO)
            bits = 0;
        else
            bits = ((uint64_t)(r.x - F64.emin + 1) << 52) + ((uint64_t)r.m & ((1ull << 52) - 1));
        if (r.kind == K_FINITE && r.x < F64.emin)
            bits = (uint64_t)r.m;
    }
    bits |= (uint64_t)num->neg << 63;
    double d;
    __builtin_memcpy(&d, &bits, sizeof d);
    return d;
}

static inline __attribute__((always_inline)) float num_to_float(const struct hl_num *num, int set_err)
{
    uint32_t bits;
    struct res r;
    if (num->kind == HL_INF) {
        bits = 0xffu << 23;
    } else if (num->kind == HL_NAN) {
        bits = 0x7fc00000u | ((uint32_t)num->w & ((1u << 22) - 1));
    } else {
        convert(num, &F32, &r);
        if (set_err)
            set_errno(num, &r, &F32);
        if (r.kind == K_INF)
            bits = 0xffu << 23;
        else if (r.kind == K_ZERO)
            bits = 0;
        else if (r.x < F32.emin)
            bits = (uint32_t)r.m;
        else
            bits = ((uint32_t)(r.x - F32.emin + 1) << 23) + ((uint32_t)r.m & ((1u << 23) - 1));
    }
    bits |= (uint32_t)num->neg << 31;
    float v;
    __builtin_memcpy(&v, &bits, sizeof v);
    return v;
}

#if __LDBL_MANT_DIG__ == 64 || __LDBL_MANT_DIG__ == 113
long double __hl_num_to_ldouble(const struct hl_num *num, int set_err)
{
    struct res r;
    uint64_t se; /* sign and biased exponent */
    u128 m;
    if (num->kind == HL_INF) {
        se = 0x7fff;
        m = 0;
    } else if (num->kind == HL_NAN) {
        se = 0x7fff;
        m = ((u128)1 << (FLD.p - 2)) | (num->w & ((((u128)1) << (FLD.p - 2)) - 1));
    } else {
        convert(num, &FLD, &r);
        if (set_err)
            set_errno(num, &r, &FLD);
        if (r.kind == K_INF) {
            se = 0x7fff;
            m = 0;
        } else if (r.kind == K_ZERO) {
            se = 0;
            m = 0;
        } else if (r.x < FLD.emin) {
            se = 0;
            m = r.m;
        } else {
            se = (uint64_t)(r.x - FLD.emin + 1);
            m = r.m;
        }
    }
    se |= (uint64_t)num->neg << 15;
    long double v;
    __builtin_memset(&v, 0, sizeof v);
#if __LDBL_MANT_DIG__ == 64
    if (se & 0x7fff) /* x87: explicit integer bit, set for inf/nan/normal */
        m |= (u128)1 << 63;
    uint64_t m64 = (uint64_t)m;
    uint16_t se16 = (uint16_t)se;
    __builtin_memcpy(&v, &m64, 8);
    __builtin_memcpy((char *)&v + 8, &se16, 2);
#else
    u128 bits = (m & (((u128)1 << 112) - 1)) | ((u128)se << 112);
    __builtin_memcpy(&v, &bits, 16);
#endif
    return v;
}
#endif

double __hl_num_to_double(const struct hl_num *num, int set_err) { return num_to_double(num, set_err); }

float __hl_num_to_float(const struct hl_num *num, int set_err) { return num_to_float(num, set_err); }

/* ---- the subject sequence (C11 7.22.1.3), narrow and wide ---- */

#define CHAR      unsigned char
#define SFX(name) name##_narrow
#define ISSPACE   isspace
#define WIDE      0
#include "strtod_scan.h"
#undef CHAR
#undef SFX
#undef ISSPACE
#undef WIDE

#define CHAR      wchar_t
#define SFX(name) name##_wide
#define ISSPACE   iswspace
#define WIDE      1
#include "strtod_scan.h"
#undef CHAR
#undef SFX
#undef ISSPACE
#undef WIDE

size_t __hl_scan_num(const char *s, struct hl_num *num)
{
    return scan_num_narrow((const unsigned char *)s, num);
}

double strtod(const char *restrict s, char **restrict end)
{
    struct hl_num num;
    size_t len = scan_num_narrow((const unsigned char *)s, &num);
    if (end)
        *end = (char *)s + len;
    return num_to_double(&num, 1);
}

float strtof(const char *restrict s, char **restrict end)
{
    struct hl_num num;
    size_t len = scan_num_narrow((const unsigned char *)s, &num);
    if (end)
        *end = (char *)s + len;
    return num_to_float(&num, 1);
}

double wcstod(const wchar_t *restrict s, wchar_t **restrict end)
{
    struct hl_num num;
    size_t len = scan_num_wide(s, &num);
    if (end)
        *end = (wchar_t *)s + len;
    return num_to_double(&num, 1);
}

float wcstof(const wchar_t *restrict s, wchar_t **restrict end)
{
    struct hl_num num;
    size_t len = scan_num_wide(s, &num);
    if (end)
        *end = (wchar_t *)s + len;
    return num_to_float(&num, 1);
}

#if __LDBL_MANT_DIG__ == 53
long double strtold(const char *restrict s, char **restrict end) __attribute__((alias("strtod")));
long double wcstold(const wchar_t *restrict s, wchar_t **restrict end) __attribute__((alias("wcstod")));
#else
long double strtold(const char *restrict s, char **restrict end)
{
    struct hl_num num;
    size_t len = scan_num_narrow((const unsigned char *)s, &num);
    if (end)
        *end = (char *)s + len;
    return __hl_num_to_ldouble(&num, 1);
}

long double wcstold(const wchar_t *restrict s, wchar_t **restrict end)
{
    struct hl_num num;
    size_t len = scan_num_wide(s, &num);
    if (end)
        *end = (wchar_t *)s + len;
    return __hl_num_to_ldouble(&num, 1);
}
#endif
