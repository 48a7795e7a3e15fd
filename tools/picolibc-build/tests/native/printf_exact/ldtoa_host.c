// src/c/ldtoa.c's digits against glibc, natively: x87 long double through
// snprintf("%.*Le"/"%.*Lf"), binary128 through strfromf128. Seeded values
// over the whole exponent range (random bit patterns, subnormals, values
// with few significant bits), precisions from 0 to past every digit, and
// exact ties: a value with k fraction bits printed to k - 1 places, or to
// one digit fewer than it has. Prints "ldtoa <format>: <bad> of <total>"
// per format and exits non-zero on a difference.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldtoa.h"
#include "../seeded.h"

typedef unsigned __int128 u128;
int strfromf128(char *, size_t, const char *, __float128);

static uint64_t seed = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void)
{
    return xorshift64(&seed);
}

static struct __hl_ldtoa st;
static char ours[40000], want[40000];
static int bad, total;

// Our digits as %.<prec>e or %.<prec>f would print them (no sign).
static void render(int fmode, int prec)
{
    char *o = ours;
    int   n = st.n, x = st.exp10;
    char  d[40000];
    __hl_ldtoa_take(&st, d, n);
    if (!fmode) {
        *o++ = n ? d[0] : '0';
        if (prec)
            *o++ = '.';
        for (int i = 1; i <= prec; i++)
            *o++ = i < n ? d[i] : '0';
        o += sprintf(o, "e%c%02d", n && x < 0 ? '-' : '+', n ? abs(x) : 0);
    } else {
        if (!n || x < 0)
            *o++ = '0';
        else
            for (int i = 0; i <= x; i++)
                *o++ = i < n ? d[i] : '0';
        if (prec)
            *o++ = '.';
        for (int p = 1; p <= prec; p++) {
            int i = n ? x + p : -1; // the digit with place value 10^-p
            *o++ = i >= 0 && i < n ? d[i] : '0';
        }
    }
    *o = 0;
}

// m * 2^e2 exactly as each format holds it: 0 if it does not.
static int x87_of(u128 m, int e2, long double *v)
{
    // normalise to a 64-bit significand with exponent field be
    if (m >> 64)
        return 0;
    uint64_t s = (uint64_t)m;
    int      top = 63 - __builtin_clzll(s), be = top + e2 + 16383;
    if (be >= 0x7fff)
        return 0;
    if (be < 1) {
        // subnormal: s * 2^(e2) with e2 >= -16445
        int sh = e2 + 16445;
        if (sh < 0 || top + sh > 62)
            return 0;
        s <<= sh;
        be = 0;
    } else {
        s <<= 63 - top;
    }
    uint16_t se = (uint16_t)be;
    memset(v, 0, sizeof *v);
    memcpy(v, &s, 8);
    memcpy((char *)v + 8, &se, 2);
    return 1;
}

static int b128_of(u128 m, int e2, __float128 *v)
{
    int top = m >> 64 ? 127 - __builtin_clzll((uint64_t)(m >> 64)) : 63 - __builtin_clzll((uint64_t)m);
    if (top > 112)
        return 0;
    int  be = top + e2 + 16383;
    u128 bits;
    if (be >= 0x7fff)
        return 0;
    if (be < 1) {
        int sh = e2 + 16494;
        if (sh < 0 || top + sh > 111)
            return 0;
        bits = m << sh;
    } else {
        bits = ((u128)be << 112) | ((m << (112 - top)) & (((u128)1 << 112) - 1));
    }
    memcpy(v, &bits, 16);
    return 1;
}

static void check(int b128, u128 m, int e2, int fmode, int prec)
{
    char fmt[32];
    if (b128) {
        __float128 v;
        if (!b128_of(m, e2, &v))
            return;
        snprintf(fmt, sizeof fmt, "%%.%d%c", prec, fmode ? 'f' : 'e');
        strfromf128(want, sizeof want, fmt, v);
    } else {
        long double v;
        if (!x87_of(m, e2, &v))
            return;
        snprintf(want, sizeof want, fmode ? "%.*Lf" : "%.*Le", prec, v);
    }
    __hl_ldtoa_init(&st, m, e2, fmode, fmode ? prec : prec + 1);
    render(fmode, prec);
    total++;
    if (strcmp(ours, want)) {
        if (bad++ < 10)
            printf("%s %%.%d%c of %016llx%016llx * 2^%d:\n  ours  %.200s\n  glibc %.200s\n", b128 ? "binary128" : "x87", prec,
                   fmode ? 'f' : 'e', (unsigned long long)(m >> 64), (unsigned long long)m, e2, ours, want);
    }
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 3000;
    for (int b128 = 0; b128 < 2; b128++) {
        int p = b128 ? 113 : 64, emin = b128 ? -16494 : -16445;
        for (int fmode = 0; fmode < 2; fmode++) {
            bad = total = 0;
            for (int i = 0; i < rounds; i++) {
                u128 m = ((u128)rnd() << 64 | rnd()) >> (128 - p);
                m |= (u128)1 << (p - 1);
                int e2;
                switch (i % 6) {
                case 0: // anywhere
                    e2 = emin + (int)(rnd() % (16383 - emin - p));
                    break;
                case 1: // subnormal
                    m >>= rnd() % p;
                    e2 = emin;
                    break;
                case 2: // few significant bits, small exponents
                    m >>= p - 1 - rnd() % 20;
                    e2 = (int)(rnd() % 200) - 150;
                    break;
                case 3: // near 1
                    e2 = -(int)(p - 1) + (int)(rnd() % 40) - 20;
                    break;
                default: // large or tiny
                    e2 = rnd() & 1 ? 16383 - p - (int)(rnd() % 300) : emin + (int)(rnd() % 300);
                    break;
                }
                if (!m)
                    m = 1;
                int prec;
                if (i % 5 == 0) {
                    // an exact tie where the value has a fraction: all but its last digit
                    int k = -e2 - __builtin_ctzll((uint64_t)m | (uint64_t)1 << 63);
                    prec = k > 1 ? k - 1 : 0;
                    if (!fmode) {
                        __hl_ldtoa_init(&st, m, e2, 0, 17000);
                        prec = st.n > 1 ? st.n - 2 : 0;
                    }
                } else if (i % 7 == 0) {
                    prec = (int)(rnd() % 12000);
                } else {
                    prec = (int)(rnd() % 45);
                }
                if (fmode && prec > 20000)
                    prec = 20000;
                check(b128, m, e2, fmode, prec);
            }
            printf("ldtoa %s %%.*%c: %d of %d\n", b128 ? "binary128" : "x87", fmode ? 'f' : 'e', bad, total);
            if (bad)
                return 1;
        }
    }
    return 0;
}
