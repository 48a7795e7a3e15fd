// SPDX-License-Identifier: Apache-2.0
// Shared by src/c/x86_64_*.c: word-at-a-time helpers for the soft-float string
// scans (no SSE there): strlen and strchr test four 8-byte words per step,
// memchr two.
//
// Only aligned words are read, and an aligned word never crosses a page, so a
// scan reads no page the string (or [s, s + n) for memchr) does not touch.
// Bytes before the start are masked off; a scan stops in the word holding the
// end. zero_bytes(v) has the top bit of each byte set where v has a zero byte,
// exactly for the lowest such byte (a borrow can only mark bytes above a zero
// one), so the lowest set bit of zero_bytes(a) | zero_bytes(b) is the first hit.
#pragma once
#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias)) hl_word;

#define HL_ONES  UINT64_C(0x0101010101010101)
#define HL_HIGHS UINT64_C(0x8080808080808080)

static inline __attribute__((always_inline)) uint64_t zero_bytes(uint64_t v)
{
    return (v - HL_ONES) & ~v & HL_HIGHS;
}

// zero_bytes before its final mask: loops test (raw(a) | raw(b)) & HL_HIGHS,
// one mask for two words.
static inline __attribute__((always_inline)) uint64_t zero_bytes_raw(uint64_t v)
{
    return (v - HL_ONES) & ~v;
}

// The aligned word holding s; *skip: how many of its bits come before s (the
// callers make those bytes 0xff before testing, so that no borrow from them
// marks a byte of the string).
static inline __attribute__((always_inline)) const hl_word *word_of(const void *s, unsigned *skip)
{
    *skip = (unsigned)((uintptr_t)s & 7) * 8;
    return (const hl_word *)((uintptr_t)s & ~(uintptr_t)7);
}

// Byte index of the lowest marked byte of a non-zero mask.
static inline __attribute__((always_inline)) unsigned first_byte(uint64_t m)
{
    return (unsigned)__builtin_ctzll(m) / 8;
}
