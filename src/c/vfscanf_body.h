// SPDX-License-Identifier: Apache-2.0
// The scanf engine, included by src/c/vfscanf.c once for char streams and
// formats and once for wide ones (CHAR, UCHAR, INT, IS_EOF, GETC, UNGETC,
// ISSPACE, SFX, WIDE defined there).

struct SFX(ctx) {
    FILE *f;
    int len; /* characters consumed, for %n */
    INT unget;
};

static INT SFX(get)(struct SFX(ctx) *x)
{
    INT i;
#if WIDE
    i = x->unget;
    x->unget = WEOF;
    if (IS_EOF(i))
#endif
        i = GETC(x->f);
    if (!IS_EOF(i))
        x->len++;
    return i;
}

static void SFX(unget)(struct SFX(ctx) *x, INT i)
{
    if (IS_EOF(i))
        return;
    x->len--;
#if WIDE
    x->unget = i;
#else
    UNGETC(i, x->f);
#endif
}

static INT SFX(skip_spaces)(struct SFX(ctx) *x)
{
    INT i;
    do {
        if (IS_EOF(i = SFX(get)(x)))
            return i;
    } while (ISSPACE(i));
    SFX(unget)(x, i);
    return i;
}

static void *SFX(put_char)(void *addr, INT c, uint16_t flags)
{
    if (!addr)
        return addr;
    if (flags & FL_LONG) {
        *(wchar_t *)addr = (wchar_t)c;
        return (wchar_t *)addr + 1;
    }
    *(char *)addr = (char)c;
    return (char *)addr + 1;
}

static int SFX(conv_int)(struct SFX(ctx) *x, unsigned width, void *addr, uint16_t flags, unsigned base)
{
    unsigned long long val = 0;
    INT i = SFX(get)(x);
    if (i == '-' || i == '+') {
        if (i == '-')
            flags |= FL_MINUS;
        if (!--width || IS_EOF(i = SFX(get)(x)))
            return 0;
    }
    if (i == '0') {
        if (!--width || IS_EOF(i = SFX(get)(x)))
            goto put;
        flags |= FL_ANY;
        if (((unsigned)i | 32) == 'x' && (base == 0 || base == 16)) {
            base = 16;
            if (!--width || IS_EOF(i = SFX(get)(x)))
                goto put;
        } else if (base == 0 || base == 8) {
            base = 8;
        }
    } else if (base == 0) {
        base = 10;
    }
    do {
        unsigned d = digit_value((unsigned)i);
        if (d >= base) {
            SFX(unget)(x, i);
            break;
        }
        flags |= FL_ANY;
        val = val * base + d;
        if (!--width)
            goto put;
    } while (!IS_EOF(i = SFX(get)(x)));
    if (!(flags & FL_ANY))
        return 0;
put:
    if (flags & FL_MINUS)
        val = -val;
    putval(addr, (long long)val, flags);
    return 1;
}

/* %[...]: returns the format after ']' or NULL; *eof_first when the input
   ended before the first character. */
static const CHAR *SFX(conv_brk)(struct SFX(ctx) *x, unsigned width, void *addr, const CHAR *set,
                                 uint16_t flags, int *eof_first)
{
    const CHAR *fmt;
    int negate = 0, any = 0;
    if (*set == '^') {
        negate = 1;
        set++;
    }
    do {
        INT i = SFX(get)(x);
        UCHAR below, above = 0;
        int match = 0, range = 0;
        for (fmt = set;;) {
            UCHAR f = (UCHAR)*fmt++;
            if (!f)
                return NULL;
            if (fmt != set + 1) {
                if (f == ']')
                    break;
                if (f == '-' && !range) {
                    range = 1;
                    continue;
                }
            }
            below = f;
            if (range) {
                below = above;
                range = 0;
            }
            above = f;
            if (!IS_EOF(i) && (UCHAR)below <= (UCHAR)i && (UCHAR)i <= above)
                match = 1;
        }
        if (IS_EOF(i)) {
            if (!any)
                *eof_first = 1;
            break;
        }
        if (match == negate) {
            SFX(unget)(x, i);
            break;
        }
        any = 1;
        addr = SFX(put_char)(addr, i, flags);
    } while (--width);
    if (!any)
        return NULL;
    SFX(put_char)(addr, 0, flags);
    return fmt;
}

/* Feeds the float item to fx; returns 1, leaving the rest to be read, where
   a long double item has FLEX_DIGITS significant digits and fx no room for
   more (see SFX(conv_flt_long)), else 0. */
static int SFX(read_flt)(struct SFX(ctx) *x, unsigned *width, uint16_t flags, struct flex *fx)
{
    (void)flags;
    while (*width) {
#if __LDBL_MANT_DIG__ > 53
        if (fx->nsig == FLEX_DIGITS && !fx->packed && (flags & FL_LONGLONG) && (fx->st == X_INT || fx->st == X_FRAC))
            return 1;
#endif
        INT i = SFX(get)(x);
        if (IS_EOF(i))
            break;
        if (!flex_feed(fx, (unsigned)i)) {
            SFX(unget)(x, i);
            break;
        }
        --*width;
    }
    return 0;
}

#if __LDBL_MANT_DIG__ > 53
/* The rest of a long double item past FLEX_DIGITS significant digits, with
   room for the digits it needs to round exactly: this frame (about 5.8 KiB)
   only exists for such items. */
static int __attribute__((noinline)) SFX(conv_flt_long)(struct SFX(ctx) *x, unsigned width, void *addr, uint16_t flags,
                                                        struct flex *fx)
{
    uint8_t packed[(FLEX_LONG_DIGITS + 2) / 2];
    for (int i = 0; i < FLEX_DIGITS; i += 2)
        packed[i / 2] = (uint8_t)((fx->text[FLEX_PRE + i] - '0') | (fx->text[FLEX_PRE + i + 1] - '0') << 4);
    fx->packed = packed;
    fx->npacked = FLEX_DIGITS;
    SFX(read_flt)(x, &width, flags, fx);
    return flex_store(fx, addr, flags);
}
#endif

static int SFX(conv_flt)(struct SFX(ctx) *x, unsigned width, void *addr, uint16_t flags)
{
    struct flex fx;
    fx.st = X_START;
    fx.neg = fx.matched = fx.sticky = fx.exneg = fx.nsig = 0;
    fx.adj = fx.ex = 0;
    fx.packed = NULL;
    fx.npacked = fx.packed_nz = 0;
#if __LDBL_MANT_DIG__ > 53
    if (SFX(read_flt)(x, &width, flags, &fx))
        return SFX(conv_flt_long)(x, width, addr, flags, &fx);
#else
    SFX(read_flt)(x, &width, flags, &fx);
#endif
    return flex_store(&fx, addr, flags);
}

static int SFX(scan)(FILE *stream, const CHAR *fmt, va_list ap_orig)
{
    struct SFX(ctx) x = { stream, 0, (INT)-1 };
    int nconvs = 0;
    va_list ap;
    va_copy(ap, ap_orig);
    UCHAR c;
    while ((c = (UCHAR)*fmt++) != 0) {
        if (ISSPACE(c)) {
            SFX(skip_spaces)(&x);
            continue;
        }
        if (c != '%' || (c = (UCHAR)*fmt++) == '%') {
            INT i = SFX(get)(&x);
            if (IS_EOF(i))
                goto eof;
            if ((UCHAR)i != c) {
                SFX(unget)(&x, i);
                break;
            }
            continue;
        }
        uint16_t flags = 0;
        unsigned width;
        if (c == '*') {
            flags = FL_STAR;
            c = (UCHAR)*fmt++;
        }
        for (;;) {
            width = 0;
            while ((c -= '0') < 10) {
                flags |= FL_WIDTH;
                width = width * 10 + c;
                c = (UCHAR)*fmt++;
            }
            c += '0';
            if (flags & FL_WIDTH) {
                if (c == '$') { /* positional: the width was an argument number */
                    flags &= ~FL_WIDTH;
                    va_end(ap);
                    va_copy(ap, ap_orig);
                    for (unsigned n = 1; n < width; n++)
                        (void)va_arg(ap, void *);
                    c = (UCHAR)*fmt++;
                    continue;
                }
            } else {
                width = ~0u;
            }
            break;
        }
        switch (c) {
        case 'h':
            flags |= FL_SHORT;
            c = (UCHAR)*fmt++;
            if (c == 'h') {
                flags |= FL_CHAR;
                c = (UCHAR)*fmt++;
            }
            break;
        case 'l':
            flags |= FL_LONG;
            c = (UCHAR)*fmt++;
            if (c == 'l') {
                flags |= FL_LONGLONG;
                c = (UCHAR)*fmt++;
            }
            break;
        case 'L':
            flags |= FL_LONG | FL_LONGLONG;
            c = (UCHAR)*fmt++;
            break;
        case 'j':
            flags |= sizeof(intmax_t) == sizeof(long) ? FL_LONG : FL_LONGLONG;
            c = (UCHAR)*fmt++;
            break;
        case 'z':
        case 't':
            flags |= sizeof(size_t) == sizeof(long) ? FL_LONG : 0;
            c = (UCHAR)*fmt++;
            break;
        }
        if (!c || c > 127 || !strchr("cdinopsuxX[aefgAEFG", (int)c))
            break;
        void *addr = (flags & FL_STAR) ? 0 : va_arg(ap, void *);
        int ok, eof_first = 0;
        if (c == 'n') {
            putval(addr, (unsigned)x.len, flags);
            continue;
        }
        if (c == 'c') {
            if (!(flags & FL_WIDTH))
                width = 1;
            int have = 0;
            do {
                INT i = SFX(get)(&x);
                if (IS_EOF(i)) {
                    if (have)
                        break;
                    goto eof;
                }
                addr = SFX(put_char)(addr, i, flags);
                have = 1;
            } while (--width);
            ok = 1;
        } else if (c == '[') {
            fmt = SFX(conv_brk)(&x, width, addr, fmt, flags, &eof_first);
            ok = fmt != NULL;
        } else {
            if (IS_EOF(SFX(skip_spaces)(&x)))
                goto eof;
            switch (c) {
            case 's':
                do {
                    INT i = SFX(get)(&x);
                    if (IS_EOF(i))
                        break;
                    if (ISSPACE(i)) {
                        SFX(unget)(&x, i);
                        break;
                    }
                    addr = SFX(put_char)(addr, i, flags);
                } while (--width);
                SFX(put_char)(addr, 0, flags);
                ok = 1;
                break;
            case 'p':
                if (sizeof(void *) > sizeof(int))
                    flags |= FL_LONG;
                __fallthrough;
            case 'x':
            case 'X':
                ok = SFX(conv_int)(&x, width, addr, flags, 16);
                break;
            case 'd':
            case 'u':
                ok = SFX(conv_int)(&x, width, addr, flags, 10);
                break;
            case 'o':
                ok = SFX(conv_int)(&x, width, addr, flags, 8);
                break;
            case 'i':
                ok = SFX(conv_int)(&x, width, addr, flags, 0);
                break;
            default: /* a e f g A E F G */
                ok = SFX(conv_flt)(&x, width, addr, flags);
                break;
            }
        }
        if (!ok) {
            /* an input failure (end of input before the item, a read error)
               before the first conversion is EOF; a matching failure is not */
            if ((stream->flags & __SERR) || eof_first)
                goto eof;
            break;
        }
        if (!(flags & FL_STAR))
            nconvs++;
    }
    va_end(ap);
#if WIDE
    if (!IS_EOF(x.unget))
        UNGETC(x.unget, stream);
#endif
    return nconvs;
eof:
    va_end(ap);
#if WIDE
    if (!IS_EOF(x.unget))
        UNGETC(x.unget, stream);
#endif
    return nconvs ? nconvs : EOF;
}
