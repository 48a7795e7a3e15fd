// SPDX-License-Identifier: Apache-2.0
// Shared by src/c/x86_64_*.c: SSE2 helpers for the hard-float string scans.
//
// Scans of a string of unknown length read aligned 16-byte blocks, which never
// cross a page, so they read no page the string does not touch. strcmp reads
// unaligned 16-byte blocks of both strings only where neither crosses a page
// boundary, else a byte at a time up to it. memchr and memcmp read only blocks
// that hold at least one byte of [s, s + n) (memchr: aligned; memcmp: inside
// the range). Results are the ones picolibc's C gives: strcmp and memcmp
// return the difference of the first differing bytes as unsigned char.
//
// Soft-float builds (no SSE) use 8-byte words instead (x86_64_words.h):
// aligned for strlen, strchr and memchr, unaligned for memcmp, aligned and then
// strlen and memcpy for strcpy, and for strcmp aligned or, when the strings
// are not both aligned, unaligned ones that cross no page boundary.
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef char v16c __attribute__((vector_size(16)));
typedef v16c __attribute__((may_alias, aligned(16))) v16ca;
typedef v16c __attribute__((may_alias, aligned(1))) v16cu;

#define PAGE 4096

static inline __attribute__((always_inline)) unsigned mask_of(v16c v)
{
    return (unsigned)__builtin_ia32_pmovmskb128(v);
}

static inline __attribute__((always_inline)) v16c splat(int c)
{
    char b = (char)c;
    return (v16c){ b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b };
}

// 1 bits where the aligned block at p has a NUL byte.
static inline __attribute__((always_inline)) unsigned nul_mask(const char *p)
{
    return mask_of(*(const v16ca *)p == (v16c){ 0 });
}


typedef unsigned char v16u8 __attribute__((vector_size(16)));

// Bytewise unsigned minimum (clang emits pminub).
static inline __attribute__((always_inline)) v16c min_u8(v16c a, v16c b)
{
    v16c lt = (v16c)((v16u8)a < (v16u8)b);
    return (a & lt) | (b & ~lt);
}

static inline __attribute__((always_inline)) v16c load_a(const char *p)
{
    return *(const v16ca *)p;
}
