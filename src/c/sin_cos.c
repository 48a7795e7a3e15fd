// SPDX-License-Identifier: Apache-2.0
// sin, cos and sincos for double, bit-identical to picolibc's s_sin.c,
// s_cos.c and s_sincos.c in every rounding mode, and about a quarter faster
// (docs/benchmarks.md). Those call __rem_pio2 for every |x| > pi/4, which
// calls fabs (a real call under -fno-builtin) and sets up a stack frame for
// its large-argument path each time. Here the reduction by pi/2 for
// |x| < 2^19 * pi/2 is inline and does exactly __rem_pio2's arithmetic
// (Cody-Waite with pi/2 in three 33-bit pieces and 53-bit tails, the same
// tests for when a second or third piece is needed); larger arguments still
// go through __rem_pio2 (Payne-Hanek), and the polynomials are picolibc's
// __kernel_sin and __kernel_cos. Not inlined: this file is compiled without
// -frounding-math, as they are, and clang then rearranges an inlined kernel's
// negations (-(x * z) into (-x) * z), which changes results rounding upward
// or downward. tests/trig_identical checks the identity against picolibc's
// own files in every flavour and rounding mode.

#define _GNU_SOURCE // sincos and sincosl
#include <math.h>

#include "fdlibm.h"

#ifdef _NEED_FLOAT64

// pi/2 = PIO2_1 + PIO2_2 + PIO2_3 + PIO2_3T: each of the first three has 33
// significant bits, so n * PIO2_k is exact for the n used here (n < 2^20).
// PIO2_kT is pi/2 - (PIO2_1 + ... + PIO2_k) rounded to double.
#define TWO_OVER_PI 0x1.45f306dc9c883p-1
#define PIO2_1 0x1.921fb544p+0
#define PIO2_1T 0x1.0b4611a626331p-34
#define PIO2_2 0x1.0b4611a6p-34
#define PIO2_2T 0x1.3198a2e037073p-69
#define PIO2_3 0x1.3198a2ep-69
#define PIO2_3T 0x1.b839a252049c1p-104

// High 32 bits of n * pi/2 (correctly rounded to double) for n = 1..32: an
// argument whose high word differs from its multiple's cannot lose more
// than a few bits to cancellation, so one piece of pi/2 is enough there.
static const uint32_t npio2_high[32] = {
    0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
    0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb,
    0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
    0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
};

// The biased exponent of x (picolibc's asuint64, as its fdlibm code uses).
static inline int32_t exponent_field(__float64 x)
{
    return (int32_t)(asuint64(x) >> 52 & 0x7ff);
}

// x - n * pi/2 = hi + lo (|lo| below half an ulp of hi), and n.
struct reduced {
    __float64 hi, lo;
    int32_t n;
};

// The reduction of finite x with |x| > ~pi/4 (hx is x's high word): inline
// up to 2^19 * pi/2, by picolibc's __rem_pio2 above.
static inline __attribute__((always_inline)) struct reduced reduce(__float64 x, uint32_t hx)
{
    uint32_t ix = hx & 0x7fffffff;
    int negative = hx >> 31;
    struct reduced res;
    if (ix < 0x4002d97c) { // |x| < 3pi/4: n = +-1
        __float64 z;
        if (!negative) {
            z = x - PIO2_1;
            if (ix != 0x3ff921fb) {
                res.hi = z - PIO2_1T;
                res.lo = (z - res.hi) - PIO2_1T;
            } else { // x near pi/2: two pieces
                z -= PIO2_2;
                res.hi = z - PIO2_2T;
                res.lo = (z - res.hi) - PIO2_2T;
            }
            res.n = 1;
        } else {
            z = x + PIO2_1;
            if (ix != 0x3ff921fb) {
                res.hi = z + PIO2_1T;
                res.lo = (z - res.hi) + PIO2_1T;
            } else {
                z += PIO2_2;
                res.hi = z + PIO2_2T;
                res.lo = (z - res.hi) + PIO2_2T;
            }
            res.n = -1;
        }
        return res;
    }
    if (__builtin_expect(ix > 0x413921fb, 0)) {
        __float64 y[2];
        res.n = __rem_pio2(x, y);
        res.hi = y[0];
        res.lo = y[1];
        return res;
    }
    __float64 t = __builtin_fabs(x);
    int32_t n = (int32_t)(t * TWO_OVER_PI + 0.5);
    __float64 fn = (__float64)n;
    __float64 r = t - fn * PIO2_1;
    __float64 w = fn * PIO2_1T; // good to 85 bits
    __float64 hi = r - w;
    if (n >= 32 || ix == npio2_high[n - 1]) {
        int32_t e = (int32_t)(ix >> 20);
        if (e - exponent_field(hi) > 16) { // cancellation: 118 bits
            t = r;
            w = fn * PIO2_2;
            r = t - w;
            w = fn * PIO2_2T - ((t - r) - w);
            hi = r - w;
            if (e - exponent_field(hi) > 49) { // 151 bits
                t = r;
                w = fn * PIO2_3;
                r = t - w;
                w = fn * PIO2_3T - ((t - r) - w);
                hi = r - w;
            }
        }
    }
    __float64 lo = (r - hi) - w;
    if (negative) {
        res.hi = -hi;
        res.lo = -lo;
        res.n = -n;
    } else {
        res.hi = hi;
        res.lo = lo;
        res.n = n;
    }
    return res;
}

__float64 _NAME_64(sin)(__float64 x)
{
    uint32_t hx = (uint32_t)(asuint64(x) >> 32), ix = hx & 0x7fffffff;
    if (ix <= 0x3fe921fb) // |x| <= ~pi/4
        return __kernel_sin(x, _F_64(0.0), 0);
    if (ix >= 0x7ff00000)
        return __math_invalid(x);
    struct reduced y = reduce(x, hx);
    switch (y.n & 3) {
    case 0:
        return __kernel_sin(y.hi, y.lo, 1);
    case 1:
        return __kernel_cos(y.hi, y.lo);
    case 2:
        return -__kernel_sin(y.hi, y.lo, 1);
    default:
        return -__kernel_cos(y.hi, y.lo);
    }
}

__float64 _NAME_64(cos)(__float64 x)
{
    uint32_t hx = (uint32_t)(asuint64(x) >> 32), ix = hx & 0x7fffffff;
    if (ix <= 0x3fe921fb)
        return __kernel_cos(x, _F_64(0.0));
    if (ix >= 0x7ff00000)
        return __math_invalid(x);
    struct reduced y = reduce(x, hx);
    switch (y.n & 3) {
    case 0:
        return __kernel_cos(y.hi, y.lo);
    case 1:
        return -__kernel_sin(y.hi, y.lo, 1);
    case 2:
        return -__kernel_cos(y.hi, y.lo);
    default:
        return __kernel_sin(y.hi, y.lo, 1);
    }
}

void _NAME_64(sincos)(__float64 x, __float64 *sinx, __float64 *cosx)
{
    uint32_t hx = (uint32_t)(asuint64(x) >> 32), ix = hx & 0x7fffffff;
    if (ix <= 0x3fe921fb) {
        *sinx = __kernel_sin(x, _F_64(0.0), 0);
        *cosx = __kernel_cos(x, _F_64(0.0));
        return;
    }
    if (ix >= 0x7ff00000) {
        *sinx = *cosx = __math_invalid(x);
        return;
    }
    struct reduced y = reduce(x, hx);
    __float64 s = __kernel_sin(y.hi, y.lo, 1);
    __float64 c = __kernel_cos(y.hi, y.lo);
    switch (y.n & 3) {
    case 0:
        *sinx = s;
        *cosx = c;
        break;
    case 1:
        *sinx = c;
        *cosx = -s;
        break;
    case 2:
        *sinx = -s;
        *cosx = -c;
        break;
    default:
        *sinx = -c;
        *cosx = s;
        break;
    }
}

// The same names picolibc's s_sin.c, s_cos.c and s_sincos.c define: _sin and
// _cos, and sinl, cosl and sincosl where long double is double.
#ifdef __strong_reference
__strong_reference(_NAME_64(sin), _NAME_64(_sin));
__strong_reference(_NAME_64(cos), _NAME_64(_cos));
#endif
_MATH_ALIAS_d_d(sin)
_MATH_ALIAS_d_d(cos)
_MATH_ALIAS_v_dDD(sincos)

#endif // _NEED_FLOAT64
