// SPDX-License-Identifier: Apache-2.0
// fmal for x86_64 hard-float builds, where long double is the x87 80-bit
// format: correctly rounded in the x87 rounding mode, in integer arithmetic
// (a 64x64-bit product needs 192 bits to be added exactly). picolibc's
// libm/ld/s_fmal.c returns non-canonical values for subnormal results and
// raises inexact for exact ones. Exceptions and NaNs are those of x87's
// (x*y)+z, as glibc's fmal gives them: of two NaNs the quiet one, else the
// one with the larger significand; inf*0 is invalid even when z is a NaN.
// Soft-float builds (long double is double) get fmal from src/c/fma.c;
// aarch64 keeps picolibc's binary128 code.
#if defined(__x86_64__) && defined(__SSE2__) && __SIZEOF_LONG_DOUBLE__ == 16
#include <math.h>
#include "fma_impl.h"

// A 192-bit number in three 64-bit limbs, least significant first.
struct u192 {
    uint64_t w[3];
};

static inline int clz192(const struct u192 *a) {
    if (a->w[2])
        return __builtin_clzll(a->w[2]);
    if (a->w[1])
        return 64 + __builtin_clzll(a->w[1]);
    return 128 + __builtin_clzll(a->w[0]);
}

static inline void shl192(struct u192 *a, int n) {
    while (n >= 64) {
        a->w[2] = a->w[1], a->w[1] = a->w[0], a->w[0] = 0;
        n -= 64;
    }
    if (n) {
        a->w[2] = a->w[2] << n | a->w[1] >> (64 - n);
        a->w[1] = a->w[1] << n | a->w[0] >> (64 - n);
        a->w[0] <<= n;
    }
}

// Shifts right by n, ORing the bits shifted out into bit 0.
static inline void shr192_sticky(struct u192 *a, int n) {
    uint64_t lost = 0;
    if (n >= 192) {
        lost = a->w[0] | a->w[1] | a->w[2];
        a->w[0] = a->w[1] = a->w[2] = 0;
    } else {
        while (n >= 64) {
            lost |= a->w[0];
            a->w[0] = a->w[1], a->w[1] = a->w[2], a->w[2] = 0;
            n -= 64;
        }
        if (n) {
            lost |= a->w[0] << (64 - n);
            a->w[0] = a->w[0] >> n | a->w[1] << (64 - n);
            a->w[1] = a->w[1] >> n | a->w[2] << (64 - n);
            a->w[2] >>= n;
        }
    }
    a->w[0] |= lost != 0;
}

static inline int cmp192(const struct u192 *a, const struct u192 *b) {
    for (int i = 2; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static inline void add192(struct u192 *a, const struct u192 *b) {
    fma_u128 c = 0;
    for (int i = 0; i < 3; i++) {
        c += (fma_u128)a->w[i] + b->w[i];
        a->w[i] = (uint64_t)c;
        c >>= 64;
    }
}

static inline void sub192(struct u192 *a, const struct u192 *b) {
    uint64_t borrow = 0;
    for (int i = 0; i < 3; i++) {
        uint64_t x = a->w[i], y = b->w[i];
        a->w[i] = x - y - borrow;
        borrow = x < y || (x == y && borrow);
    }
}

struct x80 {
    uint64_t m;
    unsigned se;
};

static inline struct x80 x80_of(long double x) {
    struct x80 r;
    uint16_t se;
    __builtin_memcpy(&r.m, &x, 8);
    __builtin_memcpy(&se, (char *)&x + 8, 2);
    r.se = se;
    return r;
}

static inline long double x80_to(uint64_t m, unsigned se) {
    long double x = 0;
    uint16_t s = (uint16_t)se;
    __builtin_memcpy(&x, &m, 8);
    __builtin_memcpy((char *)&x + 8, &s, 2);
    return x;
}

static inline int x87_mode(void) {
    uint16_t cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return (cw >> 10) & 3;
}

#define TOP ((uint64_t)1 << 63)
#define QUIET ((uint64_t)1 << 62)

static inline int is_nan(struct x80 a) { return (a.se & 0x7fff) == 0x7fff && a.m != TOP; }
// Signalling NaNs and the encodings x87 rejects (pseudo-NaN, pseudo-infinity).
static inline int is_snan(struct x80 a) { return is_nan(a) && (!(a.m & TOP) || !(a.m & QUIET)); }

// x87's choice between two operands of which at least one is a NaN.
static struct x80 x87_nan(struct x80 a, struct x80 b) {
    static const struct x80 indefinite = {TOP | QUIET, 0xffff};
    struct x80 r;
    if (!is_nan(b))
        r = a;
    else if (!is_nan(a))
        r = b;
    else if (is_snan(a) != is_snan(b))
        r = is_snan(a) ? b : a;
    else
        r = b.m > a.m ? b : a;
    if (!(r.m & TOP))
        return indefinite;
    r.m |= QUIET;
    return r;
}

long double fmal(long double lx, long double ly, long double lz) {
    static const struct fma_format f = {64, -16382, 0x7fff};
    struct x80 x = x80_of(lx), y = x80_of(ly), z = x80_of(lz);
    int sx = (int)(x.se >> 15), sy = (int)(y.se >> 15), sz = (int)(z.se >> 15) & 1, sp = sx ^ sy;
    int bx = (int)(x.se & 0x7fff), by = (int)(y.se & 0x7fff), bz = (int)(z.se & 0x7fff);
    int mode = x87_mode(), flags = 0;

    if (__builtin_expect(bx == 0x7fff || by == 0x7fff || bz == 0x7fff, 0)) {
        static const struct x80 indefinite = {TOP | QUIET, 0xffff};
        struct x80 r;
        if (is_snan(x) || is_snan(y) || is_snan(z))
            flags = FMA_INVALID;
        int xi = bx == 0x7fff, yi = by == 0x7fff;
        int zero_factor = (bx == 0 && x.m == 0) || (by == 0 && y.m == 0);
        if (is_nan(x) || is_nan(y))
            r = is_nan(z) ? x87_nan(x87_nan(x, y), z) : x87_nan(x, y);
        else if ((xi || yi) && zero_factor) {
            flags = FMA_INVALID;
            r = is_nan(z) ? x87_nan(indefinite, z) : indefinite;
        } else if (is_nan(z))
            r = x87_nan(z, z);
        else if (xi || yi) {
            if (bz == 0x7fff && sz != sp) {
                flags = FMA_INVALID;
                r = indefinite;
            } else
                r = (struct x80){TOP, (unsigned)sp << 15 | 0x7fff};
        } else
            r = z;
        fma_raise(flags);
        return x80_to(r.m, r.se);
    }
    int ex = (bx ? bx : 1) - 16383 - 63, ey = (by ? by : 1) - 16383 - 63, ez = (bz ? bz : 1) - 16383 - 63;
    if (x.m == 0 || y.m == 0) {
        if (z.m)
            return lz;
        return x80_to(0, (unsigned)fma_zero_sign(sp, sz, mode) << 15);
    }
    // Both operands with their leading bit at bit 187 of 192.
    fma_u128 prod = (fma_u128)x.m * y.m;
    struct u192 a = {{(uint64_t)prod, (uint64_t)(prod >> 64), 0}};
    int ea = ex + ey, sa = sp;
    int lead = 187 - (191 - clz192(&a));
    shl192(&a, lead);
    ea -= lead;
    if (z.m) {
        struct u192 b = {{z.m, 0, 0}};
        int eb = ez, sb = sz;
        lead = 187 - (191 - clz192(&b));
        shl192(&b, lead);
        eb -= lead;
        if (eb > ea || (eb == ea && cmp192(&b, &a) > 0)) {
            struct u192 t = a;
            a = b;
            b = t;
            int te = ea;
            ea = eb;
            eb = te;
            int ts = sa;
            sa = sb;
            sb = ts;
        }
        shr192_sticky(&b, ea - eb);
        if (sa == sb)
            add192(&a, &b);
        else
            sub192(&a, &b);
        if ((a.w[0] | a.w[1] | a.w[2]) == 0)
            return x80_to(0, (unsigned)fma_zero_sign(sa, sb, mode) << 15);
    }
    // Down to 128 bits, the leading bit at most at 125, the rest as a sticky bit.
    int shift = (191 - clz192(&a)) - 125;
    if (shift > 0) {
        shr192_sticky(&a, shift);
        ea += shift;
    }
    fma_u128 m = (fma_u128)a.w[1] << 64 | a.w[0];
    struct fma_result r = fma_round_sum(&f, sa, m, ea, mode, &flags);
    if (flags)
        fma_raise(flags);
    return x80_to(r.sig, (unsigned)sa << 15 | (unsigned)r.exp);
}
#elif !defined(__x86_64__)
#include "libm/ld/s_fmal.c"
#endif
