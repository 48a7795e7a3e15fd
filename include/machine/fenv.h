// SPDX-License-Identifier: Apache-2.0
// hyperlight-libc's <machine/fenv.h>: the floating-point environment types and
// constants libc.a is built with, for every C compile against this library.
//
// picolibc keeps the x86 and aarch64 versions of this header in its
// libc/machine/<arch> directories. C compiled by cargo-hyperlight never sees
// those: its sysroot holds libc/include, libc/stdio and this include/ folder
// only, and the generic header there would give a 4-byte fenv_t, no
// FE_DIVBYZERO and inline stubs in place of libc.a's functions. So this header
// states the architecture's ABI itself, and declares no inline functions: the fe*
// functions are libc.a's in every flavour. picolibc's own compile (_LIBC) takes
// picolibc's header, which has the same ABI plus the inline helpers its fenv
// code is built from; the ABI probe test (tools/picolibc-build/tests/abi_probe.rs)
// checks the two agree in every flavour.
#if defined(_LIBC) && __has_include_next(<machine/fenv.h>)
#include_next <machine/fenv.h>
#elif !defined(_HYPERLIGHT_MACHINE_FENV_H)
#define _HYPERLIGHT_MACHINE_FENV_H
#include <sys/cdefs.h>
#include <sys/_types.h>

_BEGIN_STD_C

#if defined(__x86_64__) && !defined(_SOFT_FLOAT)
// SSE and x87: fnstenv's 28-byte x87 environment, then MXCSR.
typedef struct _fenv_t {
    struct _fpu_env_info {
        unsigned int _fpu_cw;
        unsigned int _fpu_sw;
        unsigned int _fpu_tagw;
        unsigned int _fpu_ipoff;
        unsigned int _fpu_ipsel;
        unsigned int _fpu_opoff;
        unsigned int _fpu_opsel;
    } _fpu;
    unsigned int _sse_mxcsr;
} fenv_t;
typedef __uint32_t fexcept_t;

// The x87 status word / MXCSR flag bits (the denormal flag is never reported).
#define FE_INVALID    0x01
#define FE_DIVBYZERO  0x04
#define FE_OVERFLOW   0x08
#define FE_UNDERFLOW  0x10
#define FE_INEXACT    0x20
#define FE_ALL_EXCEPT (FE_INEXACT | FE_UNDERFLOW | FE_OVERFLOW | FE_DIVBYZERO | FE_INVALID)

// The x87 control word's rounding-control field.
#define FE_TONEAREST  0
#define FE_DOWNWARD   1
#define FE_UPWARD     2
#define FE_TOWARDZERO 3

#if __MISC_VISIBLE
// x87 precision control (Solaris' fegetprec/fesetprec values).
#define FE_FLTPREC  0
#define FE_DBLPREC  2
#define FE_LDBLPREC 3
#endif

#if __GNU_VISIBLE
extern const fenv_t *const _fe_nomask_env;
#define FE_NOMASK_ENV (_fe_nomask_env)
#endif

#elif defined(__aarch64__) && defined(__ARM_FP)
// FPCR and FPSR, one 64-bit word each.
typedef __uint64_t fenv_t;
typedef __uint64_t fexcept_t;

// Which types have no rounding modes or exception flags, as picolibc states
// them for libm and its tests: long double (binary128) is software under
// clang, and so are double/float when __ARM_FP lacks them.
#if defined(__clang__)
#define __LONG_DOUBLE_NOROUND
#define __LONG_DOUBLE_NOEXCEPT
#if (__ARM_FP & 0x8) == 0
#define __DOUBLE_NOROUND
#define __DOUBLE_NOEXCEPT
#endif
#if (__ARM_FP & 0x4) == 0
#define __FLOAT_NOROUND
#define __FLOAT_NOEXCEPT
#endif
#endif

// FPSR cumulative flag bits.
#define FE_INVALID    0x01
#define FE_DIVBYZERO  0x02
#define FE_OVERFLOW   0x04
#define FE_UNDERFLOW  0x08
#define FE_INEXACT    0x10
#define FE_ALL_EXCEPT (FE_DIVBYZERO | FE_INEXACT | FE_INVALID | FE_OVERFLOW | FE_UNDERFLOW)

// FPCR's RMode field values.
#define FE_TONEAREST  0x0
#define FE_UPWARD     0x1
#define FE_DOWNWARD   0x2
#define FE_TOWARDZERO 0x3

#else
// Soft float (x86_64-unknown-none): round to nearest only, no exception flags
// (fenv.h then sets FE_ALL_EXCEPT to 0). libc.a has picolibc's soft fenv functions.
typedef int fenv_t;
typedef int fexcept_t;
#define FE_TONEAREST 0
#endif

_END_STD_C

// picolibc's soft-float header would also make the fe* functions inline
// stubs; here they stay calls into libc.a, which defines them in every flavour,
// so every flavour's C and Rust bindings see the same functions.

#endif
