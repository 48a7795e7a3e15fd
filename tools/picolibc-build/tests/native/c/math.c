#include "check.h"
#include <complex.h>
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>

static int close_to(double got, double want) { return fabs(got - want) <= 1e-12 * (fabs(want) + 1); }
static int closef(float got, float want) { return fabsf(got - want) <= 1e-5f * (fabsf(want) + 1); }

#include <stdint.h>
#include <string.h>

static uint64_t bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static double from_bits(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }
static uint32_t bitsf(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
static float from_bitsf(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }

// sqrt and sqrtf (sqrtsd/sqrtss in hard-float x86_64, fsqrt on aarch64,
// fdlibm's integer code in soft-float): correctly rounded, the same bits in
// every flavour, IEEE special cases, no errno (__IEEE_LIBM).
static void check_sqrt(void)
{
    CHECK(bits(sqrt(2.0)) == 0x3ff6a09e667f3bcdull);
    CHECK(bits(sqrt(from_bits(1))) == 0x1e60000000000000ull); // sqrt of the smallest subnormal = 2^-537
    CHECK(bits(sqrt(DBL_MAX)) == 0x5fefffffffffffffull);
    CHECK(bits(sqrt(3.0)) == 0x3ffbb67ae8584caaull && sqrt(1e300 * 1e8) > 0);
    CHECK(bits(sqrt(-0.0)) == 0x8000000000000000ull && bits(sqrt(0.0)) == 0);
    CHECK(isinf(sqrt(INFINITY)) && sqrt(INFINITY) > 0);
    CHECK(isnan(sqrt(-INFINITY)) && isnan(sqrt(-1e-300)) && isnan(sqrt(NAN)));
    CHECK(bitsf(sqrtf(2.0f)) == 0x3fb504f3u && bitsf(sqrtf(from_bitsf(1))) == 0x1a3504f3u);
    CHECK(bitsf(sqrtf(-0.0f)) == 0x80000000u && isnan(sqrtf(-1.0f)) && isinf(sqrtf(INFINITY)));
    errno = 0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double neg = -4.0;
    CHECK(isnan(sqrt(neg)) && errno == 0);
#ifdef FE_INVALID
    CHECK(fetestexcept(FE_INVALID));
#endif
    // sqrtf(x) == (float)sqrt((double)x) for every float (double rounding is
    // harmless for sqrt at these precisions): a sample of all bit patterns.
    int bad = 0;
    for (uint32_t u = 0; u < 0x7f800000u && bad < 5; u += 7919) {
        float x = from_bitsf(u);
        if (bitsf(sqrtf(x)) != bitsf((float)sqrt((double)x))) {
            printf("FAIL sqrtf(%a) = %a, want %a\n", (double)x, (double)sqrtf(x), sqrt((double)x));
            bad++;
        }
    }
    // sqrt(x) is correctly rounded: with x = M 2^E and r = Q 2^F (53-bit M, Q),
    // (2Q - 1)^2 < 4 M 2^(E - 2F) < (2Q + 1)^2, in exact 128-bit integers.
    for (uint64_t u = 0x0010000000000000ull; u < 0x7ff0000000000000ull && bad < 10; u += 0x00002a3456789abdull) {
        double x = from_bits(u), r = sqrt(x);
        int ex, er;
        uint64_t m = (uint64_t)ldexp(frexp(x, &ex), 53), q = (uint64_t)ldexp(frexp(r, &er), 53);
        int k = (ex - 53) - 2 * (er - 53) + 2;
        unsigned __int128 x4 = (unsigned __int128)m << k;
        if (k < 0 || k > 70 || !((unsigned __int128)(2 * q - 1) * (2 * q - 1) < x4 && x4 < (unsigned __int128)(2 * q + 1) * (2 * q + 1))) {
            printf("FAIL sqrt(%a) = %a is not correctly rounded\n", x, r);
            bad++;
        }
    }
    failures += bad;
}

int main(void)
{
    CHECK(close_to(sin(1.0), 0.8414709848078965));
    CHECK(close_to(cos(1.0), 0.5403023058681398));
    CHECK(close_to(tan(0.5), 0.5463024898437905));
    CHECK(close_to(exp(1.0), 2.718281828459045));
    CHECK(close_to(log(10.0), 2.302585092994046));
    CHECK(close_to(log10(1000.0), 3.0) && close_to(log2(8.0), 3.0));
    CHECK(pow(2.0, 10.0) == 1024.0 && close_to(pow(2.0, 0.5), M_SQRT2));
    CHECK(sqrt(2.0) == M_SQRT2 && sqrt(16.0) == 4.0);
    CHECK(close_to(atan2(1.0, 1.0), M_PI_4) && close_to(asin(1.0), M_PI_2));
    CHECK(close_to(sinh(1.0), 1.1752011936438014) && close_to(tanh(0.5), 0.46211715726000974));
    CHECK(floor(-1.5) == -2.0 && ceil(-1.5) == -1.0 && round(2.5) == 3.0 && trunc(-2.7) == -2.0);
    CHECK(fmod(10.0, 3.0) == 1.0 && remainder(10.0, 3.0) == 1.0);
    CHECK(fabs(-3.0) == 3.0 && copysign(1.0, -0.0) == -1.0);
    CHECK(hypot(3.0, 4.0) == 5.0 && cbrt(27.0) == 3.0);
    CHECK(fmax(1.0, 2.0) == 2.0 && fmin(1.0, 2.0) == 1.0 && fma(2.0, 3.0, 1.0) == 7.0);
    int e;
    CHECK(frexp(8.0, &e) == 0.5 && e == 4 && ldexp(0.5, 4) == 8.0);
    double ip;
    CHECK(modf(3.25, &ip) == 0.25 && ip == 3.0);
    CHECK(lround(2.5) == 3 && llrint(2.0) == 2 && lrint(3.0) == 3);
    CHECK(isnan(sqrt(-1.0)) && isinf(log(0.0)) && isinf(exp(1000.0)));
    CHECK(signbit(-0.0) && !signbit(0.0) && fpclassify(1.0) == FP_NORMAL && fpclassify(0.0) == FP_ZERO);
    CHECK(close_to(erf(0.5), 0.5204998778130465) && close_to(tgamma(5.0), 24.0) && close_to(lgamma(10.0), 12.801827480081469));
    CHECK(close_to(expm1(1e-10), 1e-10) && close_to(log1p(1e-10), 1e-10));
    CHECK(closef(sinf(1.0f), 0.84147098f) && closef(expf(2.0f), 7.3890561f) && closef(powf(3.0f, 4.0f), 81.0f));
    CHECK(closef(sqrtf(9.0f), 3.0f) && closef(logf(2.0f), 0.69314718f) && closef(atanf(1.0f), 0.78539816f));
    CHECK(close_to((double)sinl(1.0L), 0.8414709848078965) && close_to((double)sqrtl(4.0L), 2.0));

    double complex z = 1.0 + 2.0 * I;
    CHECK(creal(z) == 1.0 && cimag(z) == 2.0 && close_to(cabs(3.0 + 4.0 * I), 5.0));
    double complex w = cexp(I * M_PI);
    CHECK(close_to(creal(w), -1.0) && fabs(cimag(w)) < 1e-15);
    CHECK(close_to(creal(csqrt(-4.0)), 0.0) && close_to(cimag(csqrt(-4.0)), 2.0));
    volatile long double re = 1, im = 2; // long double complex multiply: __mulxc3 on x87
    long double complex zl = (re + im * I) * (3.0L + 4.0L * I);
    CHECK(creall(zl) == -5.0L && cimagl(zl) == 10.0L);
    CHECK(fegetround() == FE_TONEAREST);
    check_sqrt();
    DONE();
}
