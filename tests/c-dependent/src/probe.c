// C code of a guest: uses the exported headers and the library through them.
#include <complex.h>
#include <errno.h>
#include <fenv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef CLOCK_MONOTONIC
#error "CLOCK_MONOTONIC must be visible to C code"
#endif

static double average(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += va_arg(ap, double);
    va_end(ap);
    return sum / n;
}

int probe_format(char *buf, size_t len, double x)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double complex z = csqrt(-x);
    return snprintf(buf, len, "%.3f %g %s %.1f %d", sin(x), average(2, x, 3.0), strerror(ERANGE) ? "ok" : "",
                    cimag(z), fegetround() == FE_TONEAREST);
}
