// SPDX-License-Identifier: Apache-2.0
// <stdarg.h> for Hyperlight guests: clang's, plus a fix for soft-float x86_64.
//
// Under soft-float (Rust's x86_64-unknown-none; no SSE) callers pass double
// varargs in general registers, but clang still lowers va_arg(ap, double)
// from the SSE register save area, so printf("%f", x) would print garbage.
// Here va_arg of double (and of long double, which is double-sized with
// -mlong-double-64) reads the 64 bits from the general-register area instead.
// Any C file that includes <stdarg.h> from this tree gets the fix.
#include_next <stdarg.h>

#if defined(__x86_64__) && !defined(__SSE2__) && !defined(__cplusplus)
#undef va_arg
#define __hyperlight_va_is_double(type)                                        \
    (__builtin_types_compatible_p(type, double) ||                             \
     (__builtin_types_compatible_p(type, long double) &&                       \
      sizeof(long double) == sizeof(double)))
#define __hyperlight_va_arg_double(ap)                                         \
    __extension__({                                                            \
        unsigned long long __hyperlight_bits =                                 \
            __builtin_va_arg(ap, unsigned long long);                          \
        double __hyperlight_value;                                             \
        __builtin_memcpy(&__hyperlight_value, &__hyperlight_bits,              \
                         sizeof __hyperlight_value);                           \
        __hyperlight_value;                                                    \
    })
#define va_arg(ap, type)                                                       \
    __builtin_choose_expr(__hyperlight_va_is_double(type),                     \
                          __hyperlight_va_arg_double(ap),                      \
                          __builtin_va_arg(ap, type))
#endif
