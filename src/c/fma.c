// SPDX-License-Identifier: Apache-2.0
// fma and fmaf on x86_64: correctly rounded x*y+z in every rounding mode, in
// integer arithmetic (src/c/fma_impl.h), so the soft-float build is exact and
// touches no FP register; the hard-float fmaf takes most sums through double
// (below), ten times faster. picolibc's libm/common/s_fma.c and sf_fma.c are
// wrong for some inputs (massive cancellation, e.g. fma(-r, r, x) with
// x = 0x1.59af37c048d1ap-511) and raise inexact for exact results.
// NaNs follow x86's FMA instructions as glibc uses them: the NaN returned is
// y's, else x's, else z's, quieted; an invalid operation returns the default
// NaN. Invalid is raised for a signalling NaN operand, inf*0 and inf-inf, and
// also for inf*0 plus a quiet NaN: C11 F.10.10.1 leaves that one optional,
// picolibc's tests and glibc's fmal raise it, the FMA instructions do not. In soft-float builds long double
// is double and fmal is fma. aarch64 builds picolibc's fmadd-based files.
#if defined(__x86_64__)
#include <math.h>
#include "fma_impl.h"

// fma for the IEEE interchange format with p significand bits and an
// exponent of w bits, on raw bits.
static inline uint64_t fma_bits(uint64_t x, uint64_t y, uint64_t z, int p, int w) {
    const int fb = p - 1, sb = p - 1 + w;
    const uint64_t frac = ((uint64_t)1 << fb) - 1, quiet = (uint64_t)1 << (fb - 1);
    const int inf_exp = (1 << w) - 1, bias = (1 << (w - 1)) - 1;
    const struct fma_format f = {p, 1 - bias, inf_exp};
    int sx = (int)(x >> sb) & 1, sy = (int)(y >> sb) & 1, sz = (int)(z >> sb) & 1, sp = sx ^ sy;
    int bx = (int)(x >> fb) & inf_exp, by = (int)(y >> fb) & inf_exp, bz = (int)(z >> fb) & inf_exp;
    uint64_t fx = x & frac, fy = y & frac, fz = z & frac;
    int flags = 0;
    const uint64_t inf = (uint64_t)inf_exp << fb, default_nan = (uint64_t)1 << sb | inf | quiet;

    if (__builtin_expect(bx == inf_exp || by == inf_exp || bz == inf_exp, 0)) {
        int nx = bx == inf_exp && fx, ny = by == inf_exp && fy, nz = bz == inf_exp && fz;
        uint64_t r;
        int inf_times_zero = (bx == inf_exp && !fx && by == 0 && !fy) || (by == inf_exp && !fy && bx == 0 && !fx);
        if (nx || ny || nz) {
            if ((nx && !(fx & quiet)) || (ny && !(fy & quiet)) || (nz && !(fz & quiet)) || inf_times_zero)
                flags = FMA_INVALID;
            r = (ny ? y : nx ? x : z) | quiet;
        } else if (bx == inf_exp || by == inf_exp) {
            int zero_factor = (bx == 0 && fx == 0) || (by == 0 && fy == 0);
            if (zero_factor || (bz == inf_exp && sz != sp)) {
                flags = FMA_INVALID;
                r = default_nan;
            } else
                r = (uint64_t)sp << sb | inf;
        } else
            r = z; // finite product plus an infinity
        fma_raise(flags);
        return r;
    }
    // Finite operands: significands and exponents of their last bits.
    uint64_t mx = bx ? fx | (uint64_t)1 << fb : fx, my = by ? fy | (uint64_t)1 << fb : fy, mz = bz ? fz | (uint64_t)1 << fb : fz;
    int ex = (bx ? bx : 1) - bias - fb, ey = (by ? by : 1) - bias - fb, ez = (bz ? bz : 1) - bias - fb;
    if (mx == 0 || my == 0) {
        if (mz)
            return z;
        return (uint64_t)fma_zero_sign(sp, sz, fma_mode()) << sb;
    }
    // The product, exact, its leading bit moved to bit 125.
    fma_u128 a = (fma_u128)mx * my;
    int ea = ex + ey, sa = sp;
    int lead = 125 - (127 - fma_clz128(a));
    a <<= lead;
    ea -= lead;
    if (mz) {
        fma_u128 b = (fma_u128)mz;
        int eb = ez, sbz = sz;
        lead = 125 - (63 - __builtin_clzll(mz));
        b <<= lead;
        eb -= lead;
        // a: the operand of larger magnitude (both lead at bit 125).
        if (eb > ea || (eb == ea && b > a)) {
            fma_u128 t = a;
            a = b;
            b = t;
            int te = ea;
            ea = eb;
            eb = te;
            int ts = sa;
            sa = sbz;
            sbz = ts;
        }
        int d = ea - eb;
        if (d >= 127)
            b = 1;
        else if (d)
            b = b >> d | ((b << (128 - d)) != 0);
        if (sa == sbz)
            a += b;
        else
            a -= b;
        if (a == 0)
            return (uint64_t)fma_zero_sign(sa, sbz, fma_mode()) << sb;
    }
#if FMA_HARD_FLOAT
    if (p == 53) {
        // A normal double result (its leading bit at 2^-1022 or above) is
        // rounded by the CPU, in its mode and with its inexact flag: the top
        // 63 bits of the sum, any lower non-zero bit ORed into the last (it
        // is below the rounding bit, so the rounding is the same), signed and
        // converted from integer; the exponent field then moves to the sum's.
        // Overflow is left to the integer path.
        int t = 127 - fma_clz128(a), k = t - 62;
        if (t + ea >= -1022) {
            uint64_t w = k > 0 ? (uint64_t)(a >> k) | ((a << (128 - k)) != 0) : (uint64_t)a << -k;
            double dw = (double)(sa ? -(int64_t)w : (int64_t)w);
            uint64_t bits;
            __builtin_memcpy(&bits, &dw, 8);
            int64_t be = (int64_t)(bits >> 52 & 0x7ff) + ea + k;
            if (be <= 2046)
                return (uint64_t)sa << 63 | (uint64_t)be << 52 | (bits & frac);
        }
    }
#endif
    struct fma_result r = fma_round_sum(&f, sa, a, ea, fma_mode(), &flags);
    if (flags)
        fma_raise(flags);
    return (uint64_t)sa << sb | (uint64_t)r.exp << fb | (r.sig & frac);
}

double fma(double x, double y, double z) {
    uint64_t ux, uy, uz, r;
    __builtin_memcpy(&ux, &x, 8);
    __builtin_memcpy(&uy, &y, 8);
    __builtin_memcpy(&uz, &z, 8);
    r = fma_bits(ux, uy, uz, 53, 11);
    double d;
    __builtin_memcpy(&d, &r, 8);
    return d;
}

float fmaf(float x, float y, float z) {
    uint32_t ux, uy, uz, r;
    __builtin_memcpy(&ux, &x, 4);
    __builtin_memcpy(&uy, &y, 4);
    __builtin_memcpy(&uz, &z, 4);
#if FMA_HARD_FLOAT
    // With SSE, in double: x * y is exact there (48 bits, no flag) and adding
    // z rounds once, in the current mode, raising inexact exactly when the
    // sum is no double (then it is no float either). Rounding that double d
    // to float gives the correctly rounded sum with the right flags (in a
    // directed mode two roundings are one), except when d is halfway between
    // two floats (the sum itself may lie off that point, so to nearest may go
    // the wrong way) or near or below the least normal float (an inexact sum
    // that lands on a subnormal float would miss its underflow). Those, and
    // infinities and NaNs, take the integer path: about 1 sum in 2^29 of the
    // rest. tests/native/fma_exact has cases of each. Like glibc's fmaf (the
    // FMA instruction), this path sets x86's non-IEEE denormal-operand flag
    // for subnormal inputs and, only if a program turns MXCSR's
    // denormals-are-zero mode on, reads them as zero; the integer path
    // ignores that mode.
    if (((ux >> 23) & 0xff) != 0xff && ((uy >> 23) & 0xff) != 0xff && ((uz >> 23) & 0xff) != 0xff) {
        double d = (double)x * (double)y + (double)z;
        uint64_t ud;
        __builtin_memcpy(&ud, &d, 8);
        if ((ud & 0x1fffffff) != 0x10000000 && ((ud >> 52) & 0x7ff) > 1023 - 126)
            return (float)d;
    }
#endif
    r = (uint32_t)fma_bits(ux, uy, uz, 24, 8);
    float f;
    __builtin_memcpy(&f, &r, 4);
    return f;
}

#if __SIZEOF_LONG_DOUBLE__ == 8
long double fmal(long double x, long double y, long double z) { return fma((double)x, (double)y, (double)z); }
#endif
#endif
