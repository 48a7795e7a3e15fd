// SPDX-License-Identifier: Apache-2.0
// MXCSR, the SSE control and status register (flags, trap masks, rounding),
// for src/c/x86_64_fenv.c and src/c/x86_64_nearbyint.c (hard float only).
#ifndef HL_X86_64_MXCSR_H
#define HL_X86_64_MXCSR_H

static inline unsigned int get_mxcsr(void)
{
    unsigned int m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

// A compiler barrier too: no memory access moves across a change of mode.
static inline void set_mxcsr(unsigned int m)
{
    __asm__ volatile("ldmxcsr %0" ::"m"(m) : "memory");
}

#endif
