#include "check.h"
#include <complex.h>
#include <fenv.h>
#include <float.h>
#include <math.h>

static int close_to(double got, double want) { return fabs(got - want) <= 1e-12 * (fabs(want) + 1); }
static int closef(float got, float want) { return fabsf(got - want) <= 1e-5f * (fabsf(want) + 1); }

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
    DONE();
}
