// SPDX-License-Identifier: Apache-2.0
// The strtod subject sequence (C11 7.22.1.3), included by src/c/strtod.c once
// for char and once for wchar_t (CHAR, SFX, ISSPACE, WIDE defined there).
// Always the longest valid prefix: "0x" is the subject "0", "1e+" is "1",
// "nan(" is "nan", "infin" is "inf"; exponent digits are read to the end
// and saturate.

static inline unsigned SFX(hexval)(unsigned c)
{
    if (c - '0' < 10)
        return c - '0';
    if ((c | 32) - 'a' < 6)
        return (c | 32) - 'a' + 10;
    return 16;
}

/* Exponent digits at s (after e/p): sign, then at least one digit. Returns
   the position after them, or s when there are none (*out untouched). */
static const CHAR *SFX(scan_exp)(const CHAR *s, long *out)
{
    const CHAR *p = s;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    } else if (*p == '+') {
        p++;
    }
    if ((unsigned)*p - '0' >= 10)
        return s;
    long v = 0;
    for (unsigned d; (d = (unsigned)*p - '0') < 10; p++)
        if (v < 1000000000)
            v = v * 10 + d;
    *out = neg ? -v : v;
    return p;
}

static size_t SFX(scan_num)(const CHAR *s0, struct hl_num *num)
{
    const CHAR *s = s0;
    while (ISSPACE(*s))
        s++;
    num->kind = HL_NONE;
    num->neg = 0;
    num->trunc = 0;
    num->wide = WIDE;
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    } else if (*s == '+') {
        s++;
    }
    unsigned c = (unsigned)*s | 32;
    if (c == 'i') {
        if (((unsigned)s[1] | 32) != 'n' || ((unsigned)s[2] | 32) != 'f')
            return 0;
        s += 3;
        if (((unsigned)s[0] | 32) == 'i' && ((unsigned)s[1] | 32) == 'n' && ((unsigned)s[2] | 32) == 'i'
            && ((unsigned)s[3] | 32) == 't' && ((unsigned)s[4] | 32) == 'y')
            s += 5;
        num->kind = HL_INF;
        num->neg = neg;
        return (size_t)(s - s0);
    }
    if (c == 'n') {
        if (((unsigned)s[1] | 32) != 'a' || ((unsigned)s[2] | 32) != 'n')
            return 0;
        s += 3;
        uint64_t payload = 0;
        if (*s == '(') {
            const CHAR *p = s + 1;
            for (;; p++) {
                unsigned ch = (unsigned)*p;
                if (ch - '0' < 10 || (ch | 32) - 'a' < 26 || ch == '_')
                    continue;
                break;
            }
            if (*p == ')') {
                /* as glibc: a sequence that is all one integer (base as
                   strtoull's 0) gives the payload */
                const CHAR *q = s + 1;
                unsigned base = 10, d;
                int ok = 1;
                if (*q == '0' && ((unsigned)q[1] | 32) == 'x') {
                    base = 16;
                    q += 2;
                    ok = q < p;
                } else if (*q == '0') {
                    base = 8;
                }
                for (; ok && q < p; q++) {
                    if ((d = SFX(hexval)((unsigned)*q)) >= base)
                        ok = 0;
                    else if (payload > (~0ull - d) / base)
                        payload = ~0ull;
                    else
                        payload = payload * base + d;
                }
                if (!ok)
                    payload = 0;
                s = p + 1;
            }
        }
        num->w = payload;
        num->kind = HL_NAN;
        num->neg = neg;
        return (size_t)(s - s0);
    }
    if (*s == '0' && ((unsigned)s[1] | 32) == 'x') {
        const CHAR *h = s + 2;
        unsigned __int128 w = 0;
        long e = 0;
        int nd = 0, any = 0, trunc = 0;
        unsigned d;
        for (; (d = SFX(hexval)((unsigned)*h)) < 16; h++) {
            any = 1;
            if (!nd && !d)
                continue;
            if (nd < 31) {
                w = (w << 4) | d;
                nd++;
            } else {
                e += 4;
                trunc |= d != 0;
            }
        }
        if (*h == '.') {
            const CHAR *dot = h++;
            for (; (d = SFX(hexval)((unsigned)*h)) < 16; h++) {
                any = 1;
                if (nd < 31) {
                    if (nd || d) {
                        w = (w << 4) | d;
                        nd++;
                    }
                    e -= 4;
                } else {
                    trunc |= d != 0;
                }
            }
            if (!any)
                h = dot;
        }
        if (!any) { /* "0x" not followed by a hex digit: the subject is "0" */
            num->kind = HL_ZERO;
            num->neg = neg;
            return (size_t)(s + 1 - s0);
        }
        if (((unsigned)*h | 32) == 'p') {
            long pe = 0;
            const CHAR *after = SFX(scan_exp)(h + 1, &pe);
            if (after != h + 1) {
                h = after;
                e += pe;
            }
        }
        num->neg = neg;
        num->kind = w ? HL_HEX : HL_ZERO;
        num->w128 = w;
        num->q = e;
        num->trunc = trunc;
        return (size_t)(h - s0);
    }

    const CHAR *p = s;
    const CHAR *sig = 0;
    uint64_t w = 0;
    long n = 0, dp = 0, last_nz = 0;
    int any = 0;
    unsigned d;
    for (; (d = (unsigned)*p - '0') < 10; p++) {
        any = 1;
        if (!n) {
            if (!d)
                continue;
            sig = p;
        }
        if (n < 19)
            w = w * 10 + d;
        else if (d)
            last_nz = n;
        n++;
    }
    if (*p == '.') {
        const CHAR *dot = p++;
        for (; (d = (unsigned)*p - '0') < 10; p++) {
            any = 1;
            dp--;
            if (!n) {
                if (!d)
                    continue;
                sig = p;
            }
            if (n < 19)
                w = w * 10 + d;
            else if (d)
                last_nz = n;
            n++;
        }
        if (!any)
            p = dot;
    }
    if (!any)
        return 0;
    if (((unsigned)*p | 32) == 'e') {
        long ex = 0;
        const CHAR *after = SFX(scan_exp)(p + 1, &ex);
        if (after != p + 1) {
            p = after;
            dp += ex;
        }
    }
    num->neg = neg;
    num->kind = n ? HL_DEC : HL_ZERO;
    num->w = w;
    num->n = n;
    num->q = dp;
    num->trunc = last_nz != 0;
    num->last_nz = last_nz;
    num->sig = sig;
    return (size_t)(p - s0);
}
