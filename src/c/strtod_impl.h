// SPDX-License-Identifier: Apache-2.0
// Shared by src/c/strtod.c and src/c/vfscanf.c: a scanned number, before
// rounding to a format.
#ifndef HL_STRTOD_IMPL_H
#define HL_STRTOD_IMPL_H
#include <stddef.h>
#include <stdint.h>

enum { HL_NONE, HL_ZERO, HL_DEC, HL_HEX, HL_INF, HL_NAN };

/* hl_num.wide for digits packed two a byte (low nibble first), no '.': scanf
   keeps a long double item's digits so when they outgrow its text buffer. */
#define HL_PACKED 2

struct hl_num {
    int kind;
    int neg;
    int trunc;      /* HL_DEC: a non-zero digit after the first 19; HL_HEX: after w128 */
    int wide;       /* sig points at char (0), wchar_t (1) or HL_PACKED digits */
    uint64_t w;     /* HL_DEC: the first (up to) 19 significant digits */
    unsigned __int128 w128; /* HL_HEX: the leading significant bits */
    long n;         /* HL_DEC: number of significant digits */
    long last_nz;   /* HL_DEC: index of the last non-zero digit after the 19th, else 0 */
    long q;         /* HL_DEC: value = (all n digits) * 10^q; HL_HEX: w128 * 2^q */
    const void *sig; /* HL_DEC: the first significant digit (a '.' may follow among them) */
};

/* Scans the subject sequence of strtod at s (after white space); returns its
   length, 0 when there is none (num->kind is then HL_NONE). */
size_t __hl_scan_num(const char *s, struct hl_num *num);
double __hl_num_to_double(const struct hl_num *num, int set_errno);
float __hl_num_to_float(const struct hl_num *num, int set_errno);
long double __hl_num_to_ldouble(const struct hl_num *num, int set_errno);
#endif
