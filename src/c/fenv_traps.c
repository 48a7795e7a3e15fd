// SPDX-License-Identifier: Apache-2.0
// The GNU exception-trap calls <fenv.h> declares. Hard-float x86_64 gets
// picolibc's own (libm/machine/x86/fenv.c); soft-float code raises no
// floating-point exceptions at all, so no trap can be enabled.
#include <fenv.h>

#ifdef _SOFT_FLOAT

// -1: the traps could not be enabled (0 when none was asked for).
int feenableexcept(int excepts)
{
    return excepts & FE_ALL_EXCEPT ? -1 : 0;
}

// The traps enabled before: none.
int fedisableexcept(int excepts)
{
    (void)excepts;
    return 0;
}

int fegetexcept(void)
{
    return 0;
}

#endif
