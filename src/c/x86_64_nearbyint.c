// SPDX-License-Identifier: Apache-2.0
// nearbyint and nearbyintf for x86_64: rint without the inexact flag.
// picolibc's (libm/common/s_nearbyint.c) saves and restores the whole x87 and
// SSE environment around rint, about 70 ns; rint's arithmetic is SSE, so
// saving and restoring MXCSR (its flags and rounding mode) alone keeps every
// flag as it was. Soft float has no flags: rint itself.
#if defined(__x86_64__)
#include <math.h>

#ifndef _SOFT_FLOAT
#include "x86_64_mxcsr.h"

double nearbyint(double x)
{
    if (isnan(x))
        return x + x; // a signalling NaN raises invalid, as from rint
    unsigned int m = get_mxcsr();
    double r = rint(x);
    set_mxcsr(m);
    return r;
}

float nearbyintf(float x)
{
    if (isnan(x))
        return x + x;
    unsigned int m = get_mxcsr();
    float r = rintf(x);
    set_mxcsr(m);
    return r;
}

#else

double nearbyint(double x)
{
    if (isnan(x))
        return x + x;
    return rint(x);
}

float nearbyintf(float x)
{
    if (isnan(x))
        return x + x;
    return rintf(x);
}

// long double is double here (picolibc's file made the same alias).
long double nearbyintl(long double x) __attribute__((alias("nearbyint")));

#endif
#endif
