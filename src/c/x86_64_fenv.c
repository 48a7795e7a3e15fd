// SPDX-License-Identifier: Apache-2.0
// <fenv.h> for x86_64, replacing picolibc's libm/machine/x86/fenv.c.
//
// Hard float: x86_64 always has SSE, but picolibc's file asks `cpuid` before
// every MXCSR access (it also serves i386), and in a guest each `cpuid` is a
// VM exit; nearbyint alone made two. Here the state is the x87 control and
// status words plus MXCSR, as picolibc keeps it (fenv_t is its layout, see
// include/machine/fenv.h), and only the x87 accesses that something needs are
// made: compiled code does its double/float arithmetic in SSE, so the x87
// status word is read with the cheap `fnstsw` and rewritten (fnstenv/fldenv)
// only when it holds a flag to clear.
//
// Soft float (x86_64-unknown-none): arithmetic is integer code, so there are
// no flags, no traps and only round-to-nearest.
#if defined(__x86_64__)
#define _GNU_SOURCE // FE_NOMASK_ENV
#include <errno.h>
#include <fenv.h>

#ifndef _SOFT_FLOAT
#include "x86_64_mxcsr.h"

// MXCSR: the flags sit in the x87 status-word positions, the trap masks seven
// bits higher, the rounding field at bits 13-14 (x87 control word: 10-11).
#define MXCSR_MASK_SHIFT 7
#define MXCSR_ROUND_SHIFT 13
#define CW_ROUND_SHIFT 10
#define ROUND_FIELD 3u
// The x87 denormal-operand bit: masked by default, never reported.
#define X87_DENORMAL 0x02

struct x87_env {
    unsigned int cw, sw, tag, ipoff, ipsel, opoff, opsel;
};

static inline unsigned short get_cw(void)
{
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return cw;
}

static inline void set_cw(unsigned short cw)
{
    __asm__ volatile("fldcw %0" ::"m"(cw));
}

static inline unsigned short get_sw(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return sw;
}

// Clears x87 status flags: the status word can only be written whole, through
// the environment (fnstenv also masks every x87 trap; fldenv puts them back).
static void clear_x87_flags(unsigned int excepts)
{
    if ((get_sw() & excepts) == 0)
        return;
    struct x87_env env;
    __asm__ volatile("fnstenv %0" : "=m"(env));
    env.sw &= ~excepts;
    __asm__ volatile("fldenv %0" ::"m"(env));
}

static fenv_t nomask_env;
const fenv_t *const _fe_nomask_env = &nomask_env;

// FE_DFL_ENV (libm/fenv/fe_dfl_env.c's _fe_dfl_env) and FE_NOMASK_ENV are
// filled on first use, as picolibc does: what fnstenv stores in the reserved
// halves of its words is the CPU's business, so the environments are taken
// from the CPU rather than written down. An x87 control word is never 0.
static void init_environments(void)
{
    __asm__ volatile("fninit"); // x87: extended precision, flags clear, all masked
    set_mxcsr((FE_ALL_EXCEPT | X87_DENORMAL) << MXCSR_MASK_SHIFT);
    fegetenv(&_fe_dfl_env);
    nomask_env = _fe_dfl_env;
    nomask_env._fpu._fpu_cw &= ~FE_ALL_EXCEPT; // the denormal trap stays masked
    nomask_env._sse_mxcsr &= ~(FE_ALL_EXCEPT << MXCSR_MASK_SHIFT);
}

int feclearexcept(int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return EINVAL;
    unsigned int m = get_mxcsr();
    if (m & excepts)
        set_mxcsr(m & ~(unsigned int)excepts);
    clear_x87_flags((unsigned int)excepts);
    return 0;
}

int fegetexceptflag(fexcept_t *flagp, int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return EINVAL;
    *flagp = (get_sw() | get_mxcsr()) & (unsigned int)excepts;
    return 0;
}

// Raises through the x87 unit, whose pending flags trap at the `fwait` if
// enabled (setting MXCSR flags never traps).
int feraiseexcept(int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return EINVAL;
    if (excepts == 0)
        return 0;
    struct x87_env env;
    __asm__ volatile("fnstenv %0" : "=m"(env));
    env.sw |= (unsigned int)excepts;
    __asm__ volatile("fldenv %0\n\tfwait" ::"m"(env));
    return 0;
}

// Sets flags without raising (C23 7.6.4.4): in MXCSR, where a set flag is
// only a flag.
int fesetexcept(int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return EINVAL;
    if (excepts)
        set_mxcsr(get_mxcsr() | (unsigned int)excepts);
    return 0;
}

int fesetexceptflag(const fexcept_t *flagp, int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return EINVAL;
    unsigned int set = *flagp & (unsigned int)excepts;
    unsigned int m = get_mxcsr();
    unsigned int n = (m & ~(unsigned int)excepts) | set;
    if (n != m)
        set_mxcsr(n);
    clear_x87_flags((unsigned int)excepts & ~set);
    return 0;
}

// Which of `excepts` are set, in either unit. Bits that are no exception are
// ignored (picolibc returned EINVAL, which reads as a set of flags).
int fetestexcept(int excepts)
{
    return (int)((get_sw() | get_mxcsr()) & (unsigned int)excepts & FE_ALL_EXCEPT);
}

// The x87 control word's rounding field; fesetround keeps MXCSR's the same.
int fegetround(void)
{
    return (int)((get_cw() >> CW_ROUND_SHIFT) & ROUND_FIELD);
}

int fesetround(int round)
{
    if (round < FE_TONEAREST || round > FE_TOWARDZERO)
        return EINVAL;
    unsigned int r = (unsigned int)round;
    set_cw((unsigned short)((get_cw() & ~(ROUND_FIELD << CW_ROUND_SHIFT)) | r << CW_ROUND_SHIFT));
    set_mxcsr((get_mxcsr() & ~(ROUND_FIELD << MXCSR_ROUND_SHIFT)) | r << MXCSR_ROUND_SHIFT);
    return 0;
}

int fegetenv(fenv_t *envp)
{
    // fnstenv masks every x87 trap after storing (its only change); loading
    // the stored control word undoes that at a fraction of fldenv's cost
    // (about 2 against 30 ns here).
    __asm__ volatile("fnstenv %0\n\tfldcw %0" : "+m"(envp->_fpu));
    envp->_sse_mxcsr = get_mxcsr();
    return 0;
}

// Saves the environment, clears the flags and masks every trap.
int feholdexcept(fenv_t *envp)
{
    fegetenv(envp);
    set_mxcsr((envp->_sse_mxcsr & ~(unsigned int)FE_ALL_EXCEPT) | FE_ALL_EXCEPT << MXCSR_MASK_SHIFT);
    __asm__ volatile("fnclex");
    set_cw((unsigned short)(envp->_fpu._fpu_cw | FE_ALL_EXCEPT));
    return 0;
}

static void load_env(const fenv_t *envp)
{
    if ((envp == FE_DFL_ENV || envp == FE_NOMASK_ENV) && envp->_fpu._fpu_cw == 0)
        init_environments();
    __asm__ volatile("fldenv %0" ::"m"(envp->_fpu));
    set_mxcsr(envp->_sse_mxcsr);
}

int fesetenv(const fenv_t *envp)
{
    load_env(envp);
    return 0;
}

// fesetenv, then raises the flags that were raised before (C11 7.6.4.4: so
// traps the new environment enables do fire). picolibc's merged the flags into
// a copy of FE_DFL_ENV before that was filled in, so a first
// feupdateenv(FE_DFL_ENV) loaded a zero x87 control word: every trap enabled.
int feupdateenv(const fenv_t *envp)
{
    unsigned int raised = (get_sw() | get_mxcsr()) & FE_ALL_EXCEPT;
    load_env(envp);
    return feraiseexcept((int)raised);
}

// GNU trap control: unmasks (enable) or masks (disable) in both units and
// returns the traps enabled before, -1 for a bit that is no exception.
int feenableexcept(int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return -1;
    unsigned short cw = get_cw();
    set_cw((unsigned short)(cw & ~excepts));
    set_mxcsr(get_mxcsr() & ~((unsigned int)excepts << MXCSR_MASK_SHIFT));
    return ~cw & FE_ALL_EXCEPT;
}

int fedisableexcept(int excepts)
{
    if (excepts & ~FE_ALL_EXCEPT)
        return -1;
    unsigned short cw = get_cw();
    set_cw((unsigned short)(cw | excepts));
    set_mxcsr(get_mxcsr() | (unsigned int)excepts << MXCSR_MASK_SHIFT);
    return ~cw & FE_ALL_EXCEPT;
}

int fegetexcept(void)
{
    return ~get_cw() & FE_ALL_EXCEPT;
}

#else // _SOFT_FLOAT

// Soft float: no flags (FE_ALL_EXCEPT is 0), so any exception named is one
// that cannot be raised, set or trapped; only round-to-nearest exists.

int feclearexcept(int excepts)
{
    (void)excepts;
    return 0;
}

int fegetexceptflag(fexcept_t *flagp, int excepts)
{
    (void)excepts;
    *flagp = 0;
    return 0;
}

int fesetexceptflag(const fexcept_t *flagp, int excepts)
{
    (void)flagp;
    (void)excepts;
    return 0;
}

int feraiseexcept(int excepts)
{
    return excepts != 0;
}

int fesetexcept(int excepts)
{
    return excepts != 0;
}

int fetestexcept(int excepts)
{
    (void)excepts;
    return 0;
}

int fegetround(void)
{
    return FE_TONEAREST;
}

int fesetround(int round)
{
    return round != FE_TONEAREST;
}

int fegetenv(fenv_t *envp)
{
    *envp = 0;
    return 0;
}

int feholdexcept(fenv_t *envp)
{
    *envp = 0;
    return 0;
}

int fesetenv(const fenv_t *envp)
{
    (void)envp;
    return 0;
}

int feupdateenv(const fenv_t *envp)
{
    (void)envp;
    return 0;
}

// -1: the traps could not be enabled (0 when none was asked for).
int feenableexcept(int excepts)
{
    return excepts ? -1 : 0;
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

#endif // _SOFT_FLOAT
#endif // __x86_64__
