// <fenv.h>: real rounding modes and exception flags in hard-float builds;
// in soft-float builds only round-to-nearest exists and no flags are kept.
#define _GNU_SOURCE // feenableexcept, FE_NOMASK_ENV
#define __STDC_WANT_IEC_60559_BFP_EXT__ // fesetexcept
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
    // No traps can be enabled, no flag set: src/c/x86_64_fenv.c.
    CHECK(feenableexcept(FE_ALL_EXCEPT) == (FE_ALL_EXCEPT ? -1 : 0));
    CHECK(feenableexcept(0) == 0 && fedisableexcept(FE_ALL_EXCEPT) == 0 && fegetexcept() == 0);
    CHECK(feenableexcept(1) == -1 && fesetround(1) != 0 && fegetround() == FE_TONEAREST);
    CHECK(feraiseexcept(0) == 0 && feraiseexcept(1) != 0);
    fenv_t env;
    fexcept_t flags = 1;
    CHECK(fegetenv(&env) == 0 && fesetenv(&env) == 0 && feholdexcept(&env) == 0 && feupdateenv(&env) == 0);
    CHECK(fesetenv(FE_DFL_ENV) == 0 && feupdateenv(FE_DFL_ENV) == 0);
    CHECK(fegetexceptflag(&flags, FE_ALL_EXCEPT) == 0 && flags == 0);
#else
    CHECK(fegetexcept() == 0);
#if defined(__x86_64__)
    // The first use of FE_DFL_ENV is an feupdateenv: the default environment
    // (all traps masked) must be filled in before it is loaded, and the flag
    // raised before must survive it. A trap enabled by mistake would kill the
    // program at the division.
    {
        volatile double q = one / three;
        (void)q;
        CHECK(feupdateenv(FE_DFL_ENV) == 0);
        CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_INEXACT && fegetexcept() == 0 && fegetround() == FE_TONEAREST);
        q = one / zero;
        CHECK(fetestexcept(FE_DIVBYZERO | FE_INEXACT) == (FE_DIVBYZERO | FE_INEXACT));
        // Bits that are no exception are ignored, not reported.
        CHECK(fetestexcept(~0) == (FE_DIVBYZERO | FE_INEXACT));
        CHECK(feclearexcept(FE_ALL_EXCEPT) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
        CHECK(feclearexcept(0x40) != 0 && feraiseexcept(0x40) != 0);
    }
    // x87 flags (long double arithmetic) are flags too: tested, saved and cleared.
    {
        volatile long double lz = 0.0L, lo = 1.0L;
        volatile long double lq = lo / lz;
        (void)lq;
        CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO);
        fexcept_t saved;
        CHECK(fegetexceptflag(&saved, FE_ALL_EXCEPT) == 0 && saved == FE_DIVBYZERO);
        CHECK(feclearexcept(FE_DIVBYZERO) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
        CHECK(fesetexceptflag(&saved, FE_DIVBYZERO | FE_INVALID) == 0 && fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO);
        CHECK(fesetexceptflag(&saved, FE_INVALID) == 0 && fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO);
        fexcept_t none = 0;
        CHECK(fesetexceptflag(&none, FE_DIVBYZERO) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
    }
    // fesetexcept sets a flag without raising it: with the trap enabled, the
    // program goes on.
    CHECK(feenableexcept(FE_INVALID) == 0 && fegetexcept() == FE_INVALID);
    CHECK(fesetexcept(FE_INVALID | FE_UNDERFLOW) == 0 && fetestexcept(FE_ALL_EXCEPT) == (FE_INVALID | FE_UNDERFLOW));
    CHECK(fedisableexcept(FE_INVALID) == FE_INVALID && fegetexcept() == 0);
    CHECK(feclearexcept(FE_ALL_EXCEPT) == 0);
    // The trap-enabling environment, and back; feholdexcept masks every trap.
    {
        fenv_t held;
        CHECK(fesetenv(FE_NOMASK_ENV) == 0 && fegetexcept() == FE_ALL_EXCEPT);
        // fegetenv leaves the traps as they are (x87 fnstenv masks them all).
        CHECK(fegetenv(&held) == 0 && fegetexcept() == FE_ALL_EXCEPT && (held._fpu._fpu_cw & FE_ALL_EXCEPT) == 0);
        CHECK(feholdexcept(&held) == 0 && fegetexcept() == 0);
        volatile double q = one / zero;
        (void)q;
        CHECK(fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO);
        CHECK(feclearexcept(FE_ALL_EXCEPT) == 0 && fesetround(FE_UPWARD) == 0);
        CHECK(feupdateenv(&held) == 0 && fegetexcept() == FE_ALL_EXCEPT && fegetround() == FE_TONEAREST);
        CHECK(fesetenv(FE_DFL_ENV) == 0 && fegetexcept() == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
        CHECK(feenableexcept(FE_OVERFLOW | FE_INEXACT) == 0 && feenableexcept(FE_INVALID) == (FE_OVERFLOW | FE_INEXACT));
        CHECK(fedisableexcept(FE_ALL_EXCEPT) == (FE_OVERFLOW | FE_INEXACT | FE_INVALID) && fegetexcept() == 0);
        CHECK(feenableexcept(0x40) == -1 && fedisableexcept(0x40) == -1);
    }
    // nearbyint leaves the flags as they were (it saves and restores the
    // environment around rint).
    CHECK(nearbyint(2.5) == 2.0 && nearbyint(-3.5) == -4.0 && fetestexcept(FE_ALL_EXCEPT) == 0);
    CHECK(fesetround(FE_UPWARD) == 0 && nearbyint(2.25) == 3.0 && fesetround(FE_TONEAREST) == 0);
    CHECK(fetestexcept(FE_ALL_EXCEPT) == 0);
    CHECK(nearbyintf(2.5f) == 2.0f && nearbyintf(-0.75f) == -1.0f && fetestexcept(FE_ALL_EXCEPT) == 0);
    CHECK(fesetround(FE_DOWNWARD) == 0 && nearbyintf(-2.25f) == -3.0f && nearbyint(2.75) == 2.0 && fegetround() == FE_DOWNWARD);
    CHECK(fesetround(FE_TONEAREST) == 0 && fetestexcept(FE_ALL_EXCEPT) == 0);
    // Flags raised before stay raised (here by SSE arithmetic: in MXCSR, which
    // nearbyint saves and restores); a quiet NaN raises nothing.
    {
        volatile double o = big * big;
        (void)o;
        CHECK(fetestexcept(FE_ALL_EXCEPT) == (FE_INEXACT | FE_OVERFLOW) && nearbyint(0.5) == 0.0);
        CHECK(fetestexcept(FE_ALL_EXCEPT) == (FE_INEXACT | FE_OVERFLOW) && feclearexcept(FE_ALL_EXCEPT) == 0);
        o = one / zero;
        CHECK(nearbyintf(7.5f) == 8.0f && fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO && feclearexcept(FE_ALL_EXCEPT) == 0);
    }
    CHECK(isnan(nearbyint(NAN)) && isnan(nearbyintf(NAN)) && fetestexcept(FE_ALL_EXCEPT) == 0);
    CHECK(nearbyint(-0.0) == 0 && signbit(nearbyint(-0.0)) && nearbyint(1e300) == 1e300 && nearbyint(-0.4) == 0 && signbit(nearbyint(-0.4)));
#endif
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
