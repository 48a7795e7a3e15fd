// SPDX-License-Identifier: Apache-2.0
// fma, fmaf and fmal on seeded inputs from the hard classes (products that
// cancel with the addend, addends far below or above the product, subnormal
// inputs and results, overflow, ties, signed zeros, infinities and NaNs), in
// every rounding mode the build can select. One line per case: the inputs,
// then per mode the result and the exception flags ("-" where fesetround
// refuses the mode). tests/fma_exact.rs links this against our archives and
// against glibc and compares the lines. Inputs come from integer arithmetic
// plus correctly rounded products, so every build generates the same cases.
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Soft-float builds have round-to-nearest only and keep no flags: the other
// modes get values fesetround refuses, the flags read as none.
#ifndef FE_UPWARD
#define FE_UPWARD (-1)
#define FE_DOWNWARD (-2)
#define FE_TOWARDZERO (-3)
#endif
#ifndef FE_INVALID
#define FE_INVALID 0
#define FE_DIVBYZERO 0
#define FE_OVERFLOW 0
#define FE_UNDERFLOW 0
#define FE_INEXACT 0
#endif

#define FLAGS (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

static const int modes[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};

#if defined(__x86_64__) && defined(__SSE2__)
// The state fesetround and fetestexcept use, set and read directly: picolibc's
// x86 fenv functions probe the CPU on every call, which costs microseconds
// under a hypervisor (and tests/native/c/fenv.c tests them).
// Mode i of modes[] as x86 rounding-control bits.
static const unsigned rc[4] = {0, 2, 1, 3};
static int set_round(int i) {
    unsigned mode = rc[i], csr = __builtin_ia32_stmxcsr();
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw)::"memory");
    cw = (unsigned short)((cw & ~0xc00u) | mode << 10);
    __asm__ volatile("fldcw %0" ::"m"(cw) : "memory");
    __builtin_ia32_ldmxcsr((csr & ~0x6000u) | mode << 13);
    return 0;
}
static void clear_flags(void) {
    __builtin_ia32_ldmxcsr(__builtin_ia32_stmxcsr() & ~0x3fu);
    __asm__ volatile("fnclex" ::: "memory");
}
static int test_flags(void) {
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw)::"memory");
    return (int)((__builtin_ia32_stmxcsr() | sw) & FLAGS);
}
#else
static int set_round(int i) { return fesetround(modes[i]) != 0 || fegetround() != modes[i]; }
static void clear_flags(void) { feclearexcept(FLAGS); }
static int test_flags(void) { return fetestexcept(FLAGS); }
#endif


static uint64_t state = 0x243f6a8885a308d3u;

static uint64_t rnd(void) {
    uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int64_t range(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }

// Output: a buffer flushed with fwrite.
static char out[1 << 16];
static size_t used;

static void flush(void) {
    fwrite(out, 1, used, stdout);
    used = 0;
}

static void put(char c) {
    if (used == sizeof out)
        flush();
    out[used++] = c;
}

static void hex(uint64_t v, int digits) {
    for (int i = digits - 1; i >= 0; i--)
        put("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

// A binary format: `mant` explicit fraction bits, `exp` exponent bits.
struct format {
    int mant, exp;
};

static const struct format F64 = {52, 11}, F32 = {23, 8};

static uint64_t mask(int n) { return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1; }

// A fraction: random, sparse (one to three bits, so sums land on ties and
// exact results), all ones, or zero.
static uint64_t fraction(int mant) {
    switch (rnd() % 6) {
    case 0: {
        uint64_t f = 0;
        for (int n = (int)range(1, 3); n > 0; n--)
            f |= (uint64_t)1 << range(0, mant - 1);
        return f;
    }
    case 1: return mask(mant) & (rnd() % 3 == 0 ? ~(uint64_t)0 : ~mask((int)range(0, mant)));
    case 2: return rnd() % 2 ? 0 : (uint64_t)1 << (mant - 1);
    default: return rnd() & mask(mant);
    }
}

// Bits of a value with unbiased exponent `e` (clamped into the format: below
// the normal range it becomes subnormal, above it infinite).
static uint64_t make(const struct format *f, uint64_t sign, int64_t e, uint64_t frac) {
    int64_t bias = (int64_t)mask(f->exp - 1), be = e + bias;
    uint64_t s = sign << (f->mant + f->exp);
    if (be >= (int64_t)mask(f->exp))
        return s | mask(f->exp) << f->mant;
    if (be <= 0) {
        int64_t shift = 1 - be;
        uint64_t m = frac | (uint64_t)1 << f->mant;
        m = shift > f->mant ? (rnd() % 2 ? 1 : 0) : m >> shift;
        return s | m;
    }
    return s | (uint64_t)be << f->mant | frac;
}

static uint64_t special(const struct format *f) {
    uint64_t s = rnd() & 1, top = mask(f->exp) << f->mant, q = (uint64_t)1 << (f->mant - 1);
    int sh = f->mant + f->exp;
    switch (rnd() % 12) {
    case 0: return s << sh;                                     // zero
    case 1: return s << sh | top;                               // infinity
    case 2: return s << sh | top | q | (rnd() & mask(f->mant - 1)); // quiet NaN
    case 3: return s << sh | top | ((rnd() & mask(f->mant - 1)) | 1); // signalling NaN
    case 4: return s << sh | 1;                                 // least subnormal
    case 5: return s << sh | mask(f->mant);                     // greatest subnormal
    case 6: return s << sh | (uint64_t)1 << f->mant;            // least normal
    case 7: return s << sh | (top - 1);                         // greatest finite
    case 8: return s << sh | mask(f->exp - 1) << f->mant;       // one
    default: return rnd() & mask(sh + 1);
    }
}

static double as_d(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }
static uint64_t of_d(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static float as_f(uint64_t b) { uint32_t w = (uint32_t)b; float x; memcpy(&x, &w, 4); return x; }
static uint64_t of_f(float x) { uint32_t w; memcpy(&w, &x, 4); return w; }

// The correctly rounded product (round to nearest), in the format.
static uint64_t product(const struct format *f, uint64_t x, uint64_t y) {
    if (f == &F64)
        return of_d(as_d(x) * as_d(y));
    return of_f(as_f(x) * as_f(y));
}

// One case of class `c`; the exponents are unbiased.
static void gen(const struct format *f, int c, uint64_t v[3]) {
    int64_t emax = (int64_t)mask(f->exp - 1), emin = 1 - emax, p = f->mant + 1;
    uint64_t sx = rnd() & 1, sy = rnd() & 1, sz = rnd() & 1;
    int64_t ex, ey, ez;
    switch (c) {
    case 0: // anything, specials included
        for (int i = 0; i < 3; i++)
            v[i] = special(f);
        return;
    case 1: // moderate exponents, the addend anywhere near the product
        ex = range(-40, 40), ey = range(-40, 40), ez = ex + ey + range(-3 * p, 3 * p);
        break;
    case 2: // the addend far below or far above the product
        ex = range(-40, 40), ey = range(-40, 40);
        ez = ex + ey + (rnd() % 2 ? range(2 * p, 8 * p) : -range(2 * p, 8 * p));
        break;
    case 3: // products near or below the least normal, subnormal inputs
        ex = range(emin - p, emin + p), ey = range(-2 * p, p);
        if (rnd() % 2) { int64_t t = ex; ex = ey; ey = t; }
        ez = rnd() % 3 ? ex + ey + range(-p, p) : range(emin - p, emin + 2);
        break;
    case 4: // products near the overflow threshold
        ex = range(emax / 2 - 2, emax / 2 + 2), ey = emax - ex + range(-3, 2);
        ez = rnd() % 2 ? range(emax - p, emax) : range(-p, p);
        break;
    default: // the addend cancels the product (within a few units in the last place)
        if (c == 5)
            ex = range(-40, 40), ey = range(-40, 40);
        else if (c == 6)
            ex = range(emin / 2 - p, emin / 2 + p), ey = range(emin / 2 - p, emin / 2 + p);
        else
            ex = range(emax / 2 - 2, emax / 2 + 1), ey = range(emax / 2 - 2, emax / 2);
        v[0] = make(f, sx, ex, fraction(f->mant));
        v[1] = make(f, sy, ey, fraction(f->mant));
        v[2] = product(f, v[0], v[1]) ^ (uint64_t)1 << (f->mant + f->exp);
        if (rnd() % 4)
            v[2] += (uint64_t)range(-4, 4);
        if ((v[2] & mask(f->mant + f->exp)) > (mask(f->exp) << f->mant))
            v[2] = product(f, v[0], v[1]);
        return;
    }
    v[0] = make(f, sx, ex, fraction(f->mant));
    v[1] = make(f, sy, ey, fraction(f->mant));
    v[2] = rnd() % 16 ? make(f, sz, ez, fraction(f->mant)) : sz << (f->mant + f->exp);
}

// fmaf cases whose sum, rounded to double, is exactly halfway between two
// floats while the exact sum is not (src/c/fma.c's hard-float fmaf computes
// in double and must notice): x * y just above or below a power of two 2^L,
// as (2^23 + a)(2^23 - a + k) = 2^46 + k 2^23 - a (a - k) is within 2^17 of
// 2^46 for a near the root of k 2^23 (a = 4097, k = 2 gives 2^46 + 1), and z
// has a half unit in the last place of about 2^L.
static void gen_midpoint_f32(uint64_t v[3]) {
    static const int64_t root[3] = {2896, 4096, 5016}; // floor(sqrt(k 2^23))
    int64_t k = range(1, 3), a = root[k - 1] + range(-24, 24);
    int64_t X = ((int64_t)1 << 23) + a, Y = ((int64_t)1 << 23) - a + k; // Y < 2^23: y's significand is 2Y
    int64_t ex = range(-50, 50), ey = range(-50, 50);
    int64_t L = ex + ey + (X * Y >= (int64_t)1 << 46);
    v[0] = make(&F32, rnd() & 1, ex, (uint64_t)X & mask(23));
    v[1] = make(&F32, rnd() & 1, ey, (uint64_t)(2 * Y) & mask(23));
    v[2] = make(&F32, rnd() & 1, L + 24 + (rnd() % 4 ? 0 : range(-1, 1)), fraction(23));
}

static double (*volatile fma_p)(double, double, double) = fma;
static float (*volatile fmaf_p)(float, float, float) = fmaf;
static long double (*volatile fmal_p)(long double, long double, long double) = fmal;

static int mismatches;

static void run(const struct format *f, const uint64_t v[3], int fmal_too) {
    int digits = f == &F64 ? 16 : 8;
    for (int i = 0; i < 3; i++) {
        hex(v[i], digits);
        put(' ');
    }
    for (int m = 0; m < 4; m++) {
        put(' ');
        if (set_round(m)) {
            put('-');
            continue;
        }
        clear_flags();
        uint64_t r;
        if (f == &F64)
            r = of_d(fma_p(as_d(v[0]), as_d(v[1]), as_d(v[2])));
        else
            r = of_f(fmaf_p(as_f(v[0]), as_f(v[1]), as_f(v[2])));
        int flags = test_flags();
        set_round(0);
        hex(r, digits);
        put(':');
        hex((unsigned)flags, 2);
        if (fmal_too && m == 0) {
            // long double is double here: fmal must be fma.
            double l = (double)fmal_p(as_d(v[0]), as_d(v[1]), as_d(v[2]));
            if (of_d(l) != r && !(isnan(l) && isnan(as_d(r))))
                mismatches++;
        }
    }
    put('\n');
}

#if LDBL_MANT_DIG == 64
// x87 80-bit extended: 64-bit significand with its integer bit, 15-bit exponent.
struct ld {
    uint64_t m;
    uint16_t se;
};

static long double as_ld(struct ld b) {
    long double x = 0;
    memcpy(&x, &b.m, 8);
    memcpy((char *)&x + 8, &b.se, 2);
    return x;
}

static struct ld of_ld(long double x) {
    struct ld b;
    memcpy(&b.m, &x, 8);
    memcpy(&b.se, (char *)&x + 8, 2);
    return b;
}

static struct ld make_ld(unsigned s, int64_t e, uint64_t frac) {
    int64_t be = e + 16383;
    struct ld b;
    frac |= (uint64_t)1 << 63;
    if (be >= 0x7fff)
        be = 0x7fff, frac = (uint64_t)1 << 63;
    if (be <= 0) {
        frac = 1 - be > 63 ? 1 : frac >> (1 - be);
        be = 0;
    }
    b.m = frac;
    b.se = (uint16_t)(s << 15 | (unsigned)be);
    return b;
}

static struct ld special_ld(void) {
    unsigned s = rnd() & 1;
    uint64_t top = (uint64_t)1 << 63;
    switch (rnd() % 10) {
    case 0: return (struct ld){0, (uint16_t)(s << 15)};
    case 1: return (struct ld){top, (uint16_t)(s << 15 | 0x7fff)};
    case 2: return (struct ld){top | top >> 1 | (rnd() & mask(62)), (uint16_t)(s << 15 | 0x7fff)};
    case 3: return (struct ld){top | (rnd() & mask(62)) | 1, (uint16_t)(s << 15 | 0x7fff)};
    case 4: return (struct ld){1, (uint16_t)(s << 15)};
    case 5: return (struct ld){~(uint64_t)0, (uint16_t)(s << 15 | 0x7ffe)};
    case 6: return (struct ld){top, (uint16_t)(s << 15 | 1)};
    default: return make_ld(s, range(-16445, 16383), rnd());
    }
}

static void gen_ld(int c, struct ld v[3]) {
    unsigned sx = rnd() & 1, sy = rnd() & 1, sz = rnd() & 1;
    int64_t ex, ey, ez;
    switch (c) {
    case 0:
        for (int i = 0; i < 3; i++)
            v[i] = special_ld();
        return;
    case 1: ex = range(-40, 40), ey = range(-40, 40), ez = ex + ey + range(-200, 200); break;
    case 2: ex = range(-16382 - 64, -16382 + 64), ey = range(-128, 64), ez = rnd() % 2 ? ex + ey + range(-64, 64) : range(-16382 - 64, -16380); break;
    case 3: ex = range(8189, 8193), ey = 16383 - ex + range(-3, 2), ez = rnd() % 2 ? range(16383 - 64, 16383) : range(-64, 64); break;
    default:
        ex = range(-40, 40), ey = range(-40, 40);
        v[0] = make_ld(sx, ex, fraction(63));
        v[1] = make_ld(sy, ey, fraction(63));
        v[2] = of_ld(-(as_ld(v[0]) * as_ld(v[1])));
        if (rnd() % 4)
            v[2].m = (v[2].m + (uint64_t)range(-4, 4)) | (uint64_t)1 << 63;
        return;
    }
    v[0] = make_ld(sx, ex, fraction(63));
    v[1] = make_ld(sy, ey, fraction(63));
    v[2] = rnd() % 16 ? make_ld(sz, ez, fraction(63)) : (struct ld){0, (uint16_t)(sz << 15)};
}

static void hex_ld(struct ld b) {
    hex(b.se, 4);
    hex(b.m, 16);
}

static void run_ld(const struct ld v[3]) {
    for (int i = 0; i < 3; i++) {
        hex_ld(v[i]);
        put(' ');
    }
    for (int m = 0; m < 4; m++) {
        put(' ');
        if (set_round(m)) {
            put('-');
            continue;
        }
        clear_flags();
        long double r = fmal_p(as_ld(v[0]), as_ld(v[1]), as_ld(v[2]));
        int flags = test_flags();
        set_round(0);
        hex_ld(of_ld(r));
        put(':');
        hex((unsigned)flags, 2);
    }
    put('\n');
}
#endif

int main(int argc, char **argv) {
    (void)argv;
    long n = argc > 1 ? 2000 : 40000; // cases per class
    uint64_t v[3];
    // The brief's example: fma(-r, r, x) with r near the square root of x.
    const double x0 = 0x1.59af37c048d1ap-511;
    for (long i = -64; i <= 64; i++) {
        double r = as_d(of_d(sqrt(x0)) + (uint64_t)i);
        v[0] = of_d(-r), v[1] = of_d(r), v[2] = of_d(x0);
        run(&F64, v, LDBL_MANT_DIG == 53);
    }
    for (int c = 0; c < 8; c++)
        for (long i = 0; i < n; i++) {
            gen(&F64, c, v);
            run(&F64, v, LDBL_MANT_DIG == 53);
        }
    for (int c = 0; c < 8; c++)
        for (long i = 0; i < n / 2; i++) {
            gen(&F32, c, v);
            run(&F32, v, 0);
        }
    for (long i = 0; i < n / 2; i++) {
        gen_midpoint_f32(v);
        run(&F32, v, 0);
    }
#if LDBL_MANT_DIG == 64
    for (int c = 0; c < 5; c++)
        for (long i = 0; i < n / 4; i++) {
            struct ld w[3];
            gen_ld(c, w);
            run_ld(w);
        }
#endif
    flush();
    printf("fmal mismatches %d\ndone\n", mismatches);
    return 0;
}
