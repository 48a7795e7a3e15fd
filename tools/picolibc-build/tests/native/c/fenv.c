// <fenv.h>: real rounding modes and exception flags in hard-float builds;
// in soft-float builds only round-to-nearest exists and no flags are kept.
#include "check.h"
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <wchar.h>

// Keeps a floating-point operation between the fesetround calls around it:
// picolibc's aarch64 fesetround is an inline FPCR write, and clang 14 neither
// honours FENV_ACCESS nor -frounding-math on aarch64, so it moves arithmetic
// across that write. Routing the operands and the result through memory with
// a volatile asm (kept in order with the FPCR asm) pins the operation.
#define FP_ORDER(x) __asm__ volatile("" : "+m"(x))

static double divide(double a, double b)
{
    FP_ORDER(a);
    FP_ORDER(b);
    double q = a / b;
    FP_ORDER(q);
    return q;
}

int main(void)
{
    volatile double one = 1.0, three = 3.0, zero = 0.0, big = DBL_MAX;
    CHECK(fegetround() == FE_TONEAREST);
#ifdef _SOFT_FLOAT
    CHECK(fesetround(FE_TONEAREST) == 0);
    CHECK(FE_ALL_EXCEPT == 0 || fetestexcept(FE_ALL_EXCEPT) == 0);
    // No traps can be enabled: src/c/fenv_traps.c.
    CHECK(feenableexcept(FE_ALL_EXCEPT) == (FE_ALL_EXCEPT ? -1 : 0));
    CHECK(feenableexcept(0) == 0 && fedisableexcept(FE_ALL_EXCEPT) == 0 && fegetexcept() == 0);
#else
    CHECK(fegetexcept() == 0);
    CHECK(FE_DOWNWARD != FE_UPWARD && FE_TOWARDZERO != FE_TONEAREST);
    CHECK(fesetround(FE_UPWARD) == 0 && fegetround() == FE_UPWARD);
    double up = divide(one, three);
    CHECK(fesetround(FE_DOWNWARD) == 0 && fegetround() == FE_DOWNWARD);
    double down = divide(one, three);
    CHECK(up > down);
    CHECK(fesetround(FE_TOWARDZERO) == 0 && fegetround() == FE_TOWARDZERO);
    CHECK(divide(-one, three) == -down);
    CHECK(fesetround(FE_TONEAREST) == 0);
    CHECK(feclearexcept(FE_ALL_EXCEPT) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
    volatile double r = one / zero;
    (void)r;
    CHECK(fetestexcept(FE_DIVBYZERO) == FE_DIVBYZERO);
    r = big * big;
    CHECK(fetestexcept(FE_OVERFLOW) && fetestexcept(FE_INEXACT));
    CHECK(feclearexcept(FE_ALL_EXCEPT) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
    CHECK(feraiseexcept(FE_INVALID) == 0 && fetestexcept(FE_INVALID) == FE_INVALID);
    fenv_t env;
    CHECK(fegetenv(&env) == 0 && fesetround(FE_UPWARD) == 0 && fesetenv(&env) == 0 && fegetround() == FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
#endif
    // swprintf returns a negative value when the output is truncated (C11 7.29.2.3).
    wchar_t w[8];
    CHECK(swprintf(w, 8, L"%d", 1234567) == 7 && wcscmp(w, L"1234567") == 0);
    CHECK(swprintf(w, 4, L"%d", 1234567) < 0);
    CHECK(swprintf(w, 8, L"%ls", L"wide") == 4);
    DONE();
}
