// SPDX-License-Identifier: Apache-2.0
// vfscanf and vfwscanf. Replaces picolibc's vfscanf.c/vfwscanf.c for two
// reasons (C11 7.21.6.2):
// - the return value: EOF only for an input failure (end of input or a read
//   error) before the first conversion; a matching failure, such as "-" for
//   %d or "0x" for %lf, returns the number of conversions so far. picolibc
//   returned EOF for a matching failure at the end of the input.
// - float conversions: the input item is the longest prefix of a strtod
//   subject sequence within the field width (one character of look-ahead);
//   an item that is only a prefix ("0x", "1e+", "nan(", "infin") is a
//   matching failure. The value is rounded exactly as strtod rounds
//   (src/c/strtod.c); %Lf stores a long double.
// Everything else is as picolibc's double variant (the default) behaves:
// %d %i %o %u %x %X %p %n %c %s %[ with * and widths, hh h l ll L j z t,
// positional %n$ arguments, %lc/%ls/%l[ storing wchar_t without multibyte
// conversion (picolibc is built without __MB_CAPABLE), integer parsing
// (e.g. "0x" for %x is 0).
#include "stdio_private.h"
#include <wctype.h>

#include "strtod_impl.h"

#define FL_STAR     0x01
#define FL_WIDTH    0x02
#define FL_LONG     0x04
#define FL_LONGLONG 0x08
#define FL_CHAR     0x10
#define FL_SHORT    0x20
#define FL_MINUS    0x40
#define FL_ANY      0x80

/* ---- the float input item: a strtod subject, fed one character at a time ---- */

#define FLEX_DIGITS 800 /* significant decimal digits kept; src/c/strtod.c uses as many */
/* A long double item (where it is wider than double) needs more: the digits
   of a halfway point between two long doubles run to about 11,560 (binary128's
   below 2^-16494; x87's end near 11,515), and past 800 digits strtod compares
   them all. Digits past this many only count as non-zero or not. */
#define FLEX_LONG_DIGITS 11600
#define FLEX_HEX    31  /* significant hex digits kept, as src/c/strtod.c */
#define FLEX_PRE    5

enum {
    X_START, X_SIGN, X_ZERO, X_INT, X_DOT0, X_FRAC, X_E0, X_E1, X_E2,
    X_HEX0, X_HINT, X_HDOT0, X_HFRAC, X_P0, X_P1, X_P2,
    X_INF, X_INF3, X_INFI, X_INF8, X_NAN, X_NAN3, X_NANP, X_NANE,
};

struct flex {
    int st;
    int neg;
    int matched; /* letters of "infinity"/"nan" matched */
    int sticky;
    int exneg;
    int nsig;
    long adj; /* decimal: power of ten; hex: power of two */
    long ex;
    /* a long item's digits, all kept ones packed (see FLEX_LONG_DIGITS), or NULL */
    uint8_t *packed;
    long npacked;
    long packed_nz; /* 1 + the index of the last non-zero digit past FLEX_DIGITS, or 0 */
    /* the canonical subject is built here: up to FLEX_PRE characters of
       "-0x" or "-nan(", the significant digits (or the n-char sequence), a
       sticky digit, the exponent */
    char text[FLEX_PRE + FLEX_DIGITS + 1 + 24];
};

static int flex_accepting(const struct flex *x)
{
    switch (x->st) {
    case X_ZERO: case X_INT: case X_FRAC: case X_E2: case X_HINT: case X_HFRAC: case X_P2:
    case X_INF3: case X_INF8: case X_NAN3: case X_NANE:
        return 1;
    default:
        return 0;
    }
}

static void flex_digit(struct flex *x, unsigned d, int frac, int hex)
{
    int limit = hex ? FLEX_HEX : FLEX_DIGITS;
    long step = hex ? 4 : 1;
    if (!x->nsig && !d) {
        if (frac)
            x->adj -= step;
        return;
    }
    if (x->nsig < limit) {
        x->text[FLEX_PRE + x->nsig++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        if (frac)
            x->adj -= step;
    } else if (x->packed && x->npacked < FLEX_LONG_DIGITS) {
        x->packed[x->npacked >> 1] = (uint8_t)(x->npacked & 1 ? x->packed[x->npacked >> 1] | d << 4 : d);
        if (d)
            x->packed_nz = x->npacked + 1;
        x->npacked++;
        if (frac)
            x->adj--;
    } else {
        x->sticky |= d != 0;
        if (!frac)
            x->adj += step;
    }
}

static unsigned flex_hexval(unsigned c)
{
    if (c - '0' < 10)
        return c - '0';
    if ((c | 32) - 'a' < 6)
        return (c | 32) - 'a' + 10;
    return 16;
}

/* Takes c if the item stays a prefix of a subject sequence. */
static int flex_feed(struct flex *x, unsigned c)
{
    static const char inf[] = "infinity", nan[] = "nan";
    unsigned lc = c | 32, d = c - '0';
    switch (x->st) {
    case X_START:
        if (c == '-' || c == '+') {
            x->neg = c == '-';
            x->st = X_SIGN;
            return 1;
        }
        __fallthrough;
    case X_SIGN:
        if (c == '0') {
            x->st = X_ZERO;
            return 1;
        }
        if (d < 10) {
            flex_digit(x, d, 0, 0);
            x->st = X_INT;
            return 1;
        }
        if (c == '.') {
            x->st = X_DOT0;
            return 1;
        }
        if (lc == 'i') {
            x->st = X_INF;
            x->matched = 1;
            return 1;
        }
        if (lc == 'n') {
            x->st = X_NAN;
            x->matched = 1;
            return 1;
        }
        return 0;
    case X_ZERO:
        if (lc == 'x') {
            x->st = X_HEX0;
            return 1;
        }
        __fallthrough;
    case X_INT:
        if (d < 10) {
            flex_digit(x, d, 0, 0);
            x->st = X_INT;
            return 1;
        }
        if (c == '.') {
            x->st = X_FRAC;
            return 1;
        }
        if (lc == 'e') {
            x->st = X_E0;
            return 1;
        }
        return 0;
    case X_DOT0:
    case X_FRAC:
        if (d < 10) {
            flex_digit(x, d, 1, 0);
            x->st = X_FRAC;
            return 1;
        }
        if (x->st == X_FRAC && lc == 'e') {
            x->st = X_E0;
            return 1;
        }
        return 0;
    case X_E0:
    case X_P0:
        if (c == '-' || c == '+') {
            x->exneg = c == '-';
            x->st++; /* X_E1 / X_P1 */
            return 1;
        }
        __fallthrough;
    case X_E1:
    case X_E2:
    case X_P1:
    case X_P2:
        if (d < 10) {
            if (x->ex < 1000000000)
                x->ex = x->ex * 10 + d;
            x->st = (x->st >= X_P0) ? X_P2 : X_E2;
            return 1;
        }
        return 0;
    case X_HEX0:
    case X_HINT:
        if (flex_hexval(c) < 16) {
            flex_digit(x, flex_hexval(c), 0, 1);
            x->st = X_HINT;
            return 1;
        }
        if (c == '.') {
            x->st = x->st == X_HEX0 ? X_HDOT0 : X_HFRAC;
            return 1;
        }
        if (x->st == X_HINT && lc == 'p') {
            x->st = X_P0;
            return 1;
        }
        return 0;
    case X_HDOT0:
    case X_HFRAC:
        if (flex_hexval(c) < 16) {
            flex_digit(x, flex_hexval(c), 1, 1);
            x->st = X_HFRAC;
            return 1;
        }
        if (x->st == X_HFRAC && lc == 'p') {
            x->st = X_P0;
            return 1;
        }
        return 0;
    case X_INF:
    case X_INF3:
    case X_INFI:
        if (x->matched < 8 && lc == (unsigned)inf[x->matched]) {
            x->matched++;
            x->st = x->matched == 3 ? X_INF3 : x->matched == 8 ? X_INF8 : x->matched > 3 ? X_INFI : X_INF;
            return 1;
        }
        return 0;
    case X_NAN:
        if (lc == (unsigned)nan[x->matched]) {
            if (++x->matched == 3)
                x->st = X_NAN3;
            return 1;
        }
        return 0;
    case X_NAN3:
        if (c == '(') {
            x->st = X_NANP;
            return 1;
        }
        return 0;
    case X_NANP:
        if (d < 10 || lc - 'a' < 26 || c == '_') {
            if (x->nsig < FLEX_DIGITS)
                x->text[FLEX_PRE + x->nsig++] = (char)c;
            else
                x->sticky = 1;
            return 1;
        }
        if (c == ')') {
            x->st = X_NANE;
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* Stores the item's value at addr (float, double or long double by flags);
   0 if the item is not a whole subject sequence. */
static int flex_store(struct flex *x, void *addr, uint16_t flags)
{
    if (!flex_accepting(x))
        return 0;
    char *text = x->text + FLEX_PRE, *p = text + x->nsig;
    if (x->st == X_INF3 || x->st == X_INF8) {
        __builtin_memcpy(text, "inf", 4);
    } else if (x->st == X_NAN3 || x->st == X_NANE) {
        /* the n-char sequence, for its payload as strtod reads it */
        if (x->st == X_NANE && !x->sticky) {
            *p++ = ')';
            *p = 0;
            __builtin_memcpy(text -= 4, "nan(", 4);
        } else {
            __builtin_memcpy(text, "nan", 4);
        }
    } else {
        int hex = x->st >= X_HEX0;
        /* a long item: the text has its first FLEX_DIGITS, the rest counts
           as one more non-zero digit here, and below the whole is handed on */
        int more = x->packed && x->npacked > FLEX_DIGITS;
        long adj = x->adj + (more ? x->npacked - FLEX_DIGITS : 0);
        if (!x->nsig)
            *p++ = '0';
        if (x->sticky || (more && x->packed_nz)) { /* one more non-zero digit: the same rounding as all of them */
            *p++ = '1';
            adj -= hex ? 4 : 1;
        }
        if (hex) {
            *--text = 'x';
            *--text = '0';
        }
        long e = adj + (x->exneg ? -x->ex : x->ex);
        *p++ = hex ? 'p' : 'e';
        if (e < 0) {
            *p++ = '-';
            e = -e;
        }
        char rev[24];
        int n = 0;
        do {
            rev[n++] = (char)('0' + e % 10);
            e /= 10;
        } while (e);
        while (n)
            *p++ = rev[--n];
        *p = 0;
    }
    if (x->neg)
        *--text = '-';
    struct hl_num num;
    __hl_scan_num(text, &num);
    if (!addr)
        return 1;
    if (x->packed && num.kind == HL_DEC && (x->sticky || x->packed_nz)) {
        /* all the kept digits, then a non-zero one for any dropped; the
           magnitude (q + n) is the text's */
        long n = x->npacked, last_nz = x->packed_nz - 1;
        if (x->sticky) {
            x->packed[n >> 1] = (uint8_t)(n & 1 ? x->packed[n >> 1] | 1 << 4 : 1);
            last_nz = n++;
        }
        num.q += num.n - n;
        num.n = n;
        num.last_nz = last_nz;
        num.sig = x->packed;
        num.wide = HL_PACKED;
    }
    if (flags & FL_LONGLONG) {
#if __LDBL_MANT_DIG__ == 53
        *(long double *)addr = (long double)__hl_num_to_double(&num, 1);
#else
        *(long double *)addr = __hl_num_to_ldouble(&num, 1);
#endif
    } else if (flags & FL_LONG) {
        *(double *)addr = __hl_num_to_double(&num, 1);
    } else {
        *(float *)addr = __hl_num_to_float(&num, 1);
    }
    return 1;
}

static void putval(void *addr, long long val, uint16_t flags)
{
    if (!addr)
        return;
    if (flags & FL_CHAR)
        *(char *)addr = (char)val;
    else if (flags & FL_LONGLONG)
        *(long long *)addr = val;
    else if (flags & FL_LONG)
        *(long *)addr = (long)val;
    else if (flags & FL_SHORT)
        *(short *)addr = (short)val;
    else
        *(int *)addr = (int)val;
}

static unsigned digit_value(unsigned c)
{
    if (c - '0' < 10)
        return c - '0';
    if ((c | 32) - 'a' < 26)
        return (c | 32) - 'a' + 10;
    return 99;
}

#define CHAR     char
#define UCHAR    unsigned char
#define INT      int
#define IS_EOF(c) ((c) < 0)
#define GETC(f)  getc(f)
#define UNGETC(c, f) ungetc(c, f)
#define ISSPACE(c) isspace(c)
#define SFX(n)   n##_narrow
#define WIDE     0
#include "vfscanf_body.h"
#undef CHAR
#undef UCHAR
#undef INT
#undef IS_EOF
#undef GETC
#undef UNGETC
#undef ISSPACE
#undef SFX
#undef WIDE

#define CHAR     wchar_t
#define UCHAR    uint32_t
#define INT      wint_t
#define IS_EOF(c) ((c) == WEOF)
#define GETC(f)  getwc(f)
#define UNGETC(c, f) ungetwc(c, f)
#define ISSPACE(c) iswspace(c)
#define SFX(n)   n##_wide
#define WIDE     1
#include "vfscanf_body.h"

int vfscanf(FILE *stream, const char *fmt, va_list ap)
{
    return scan_narrow(stream, fmt, ap);
}

int __d_vfscanf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfscanf")));
// As in src/c/vfprintf.c: picolibc's integer-only, long long, minimal and
// float-only variants are this one (same arguments, a superset of their
// conversions; picolibc's float-only one stored a float even for %lf).
int __f_vfscanf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfscanf")));
int __i_vfscanf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfscanf")));
int __l_vfscanf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfscanf")));
int __m_vfscanf(FILE *stream, const char *fmt, va_list ap) __attribute__((alias("vfscanf")));

int vfwscanf(FILE *stream, const wchar_t *fmt, va_list ap)
{
    return scan_wide(stream, fmt, ap);
}
