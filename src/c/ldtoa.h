// SPDX-License-Identifier: Apache-2.0
// Exact decimal digits of wide binary values, for printf's %Le %Lf %Lg
// (src/c/vfprintf.c): x87's 64-bit and binary128's 113-bit significands
// with exponents down to 2^-16494 have up to about 11,560 significant digits
// and integer parts of up to 4,933, too many to keep. So the digits are a
// stream: __hl_ldtoa_init rounds (it generates the digits once, up to the
// rounding position, and remembers where rounding carries to), then
// __hl_ldtoa_take hands them out in order, from a small cache when they fit
// or by generating them again. No heap, integer arithmetic only.
#ifndef HL_LDTOA_H
#define HL_LDTOA_H

#include <stdint.h>

#define HL_LDTOA_CACHE  120
#define HL_LDTOA_ILIMBS 550 // base-10^9 limbs of an integer below 2^16384 (4,933 digits)
#define HL_LDTOA_FLIMBS 260 // 64-bit limbs of a fraction of up to 2^-16640

struct __hl_ldtoa {
    int n;     // digits after rounding, trailing zeros dropped; 0: the value rounded to zero
    int exp10; // decimal exponent of the first digit: the value is d0.d1d2... * 10^exp10

    // private
    unsigned __int128 m;
    int  e2;
    int  bump;    // index of the digit rounding increments, or -1
    int  pos;     // digits handed out so far
    char cache[HL_LDTOA_CACHE];
    // the generator: the integer part, then the fraction
    int      phase, started, ibuilt;
    int      lead;       // the fraction's zero digits before its first non-zero one
    int      apx_next;   // the approximation's next digit, in w
    int      apx_more;   // whether the approximation goes on past its digits
    int      plen, ppos; // digits in part[], and those taken
    char     part[40];
    int      ilen, inext; // integer limbs, and the next one to print (counting down)
    int      lo, hi, L;   // fraction limbs: f[lo..hi) of f[0..L) may be non-zero
    unsigned __int128 ismall;
    union {
        uint32_t il[HL_LDTOA_ILIMBS];
        uint64_t f[HL_LDTOA_FLIMBS];
    } w;
};

// Rounds m * 2^e2 (m > 0, -16640 < e2, m * 2^e2 < 2^16384) to nearest, ties
// to even, on its exact value: with fmode 0 to ndig (>= 1) significant
// digits, with fmode 1 to ndig (>= 0) digits after the decimal point. Sets n
// and exp10.
void __hl_ldtoa_init(struct __hl_ldtoa *s, unsigned __int128 m, int e2, int fmode, int ndig);

// The next k digits (k <= n minus those taken) into out.
void __hl_ldtoa_take(struct __hl_ldtoa *s, char *out, int k);

#endif
