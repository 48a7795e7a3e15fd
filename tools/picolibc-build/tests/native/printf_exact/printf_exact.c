// Differential printf test program (tests/printf_exact.rs): prints one line
// per case, "<format>\t<argument bits>\t<snprintf result>", for a seeded
// stream of inputs. Built once against hyperlight-libc's archive and once
// against the host's glibc; the test compares the two outputs line by line.
//
// Inputs: random bit patterns over every exponent, subnormals, powers of ten,
// exact halfway cases for %f and %e at their precision, integers; formats:
// %e %f %g %a and their upper-case forms with random flags, width and
// precision (up to 1100 digits), integer conversions with every length
// modifier. Every 8th float case is also printed with swprintf and must give
// the same text (a line "WIDE <format>" says it did not).
//
// `printf_exact long` (x87 long double: x86_64 hard float and glibc) prints
// the same lines for long double arguments of every class and exponent,
// their bits as 20 hex digits (sign and exponent, then the significand).
//
// `printf_exact bench` instead times snprintf of common formats (`bench
// long`: of x87 long doubles, common and extreme), and
// `printf_exact calls FORMAT KIND` makes 20000 calls for instruction counts.
#include <inttypes.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "../seeded.h"

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    // splitmix64
    uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
    return (unsigned)(next() % n);
}


static char out[8192];
static wchar_t wout[20000];
static wchar_t wfmt[64];

// A random conversion specification for conv with random flags, width and
// precision; prec_hint >= 0 suggests a precision.
static void make_format(char *fmt, char conv, int prec_hint, const char *len)
{
    char *p = fmt;
    *p++ = '%';
    static const char flags[] = "-+ #0";
    for (int i = 0; i < 5; i++)
        if (below(4) == 0)
            *p++ = flags[i];
    if (below(3) == 0)
        p += sprintf(p, "%u", below(40));
    unsigned r = below(10);
    if (prec_hint >= 0)
        p += sprintf(p, ".%d", prec_hint);
    else if (r < 3)
        ; // default precision
    else if (r < 8)
        p += sprintf(p, ".%u", below(25));
    else if (r < 9)
        p += sprintf(p, ".%u", below(80));
    else
        p += sprintf(p, ".%u", below(1100));
    p += sprintf(p, "%s%c", len, conv);
}

// swprintf of fmt and the arguments must give text's characters: a line
// "WIDE <format>" says it did not.
static void check_wide(const char *text, const char *fmt, ...)
{
    size_t i = 0;
    for (; fmt[i]; i++)
        wfmt[i] = (unsigned char)fmt[i];
    wfmt[i] = 0;
    va_list ap;
    va_start(ap, fmt);
    int wn = vswprintf(wout, sizeof wout / sizeof wout[0], wfmt, ap);
    va_end(ap);
    int same = wn == (int)strlen(text);
    for (int k = 0; same && k < wn; k++)
        same = wout[k] == (wchar_t)(unsigned char)text[k];
    if (!same)
        printf("WIDE %s\n", fmt);
}

static void float_case(const char *fmt, double x, int n)
{
    snprintf(out, sizeof out, fmt, x);
    printf("%s\t%016" PRIx64 "\t%s\n", fmt, to_bits(x), out);
    if (n % 8 == 0)
        check_wide(out, fmt, x);
}

static double random_double(unsigned kind)
{
    switch (kind) {
    case 0: // any bit pattern (inf and nan included)
        return from_bits(next());
    case 1: // subnormal
        return from_bits((next() & 0x800fffffffffffffu));
    case 2: { // near a power of ten
        double p = 1;
        int    k = (int)below(300);
        for (int i = 0; i < k; i++)
            p *= 10;
        if (below(2))
            p = 1 / p;
        uint64_t b = to_bits(p) + below(5) - 2;
        return from_bits(b);
    }
    case 3: { // m / 2^j: exactly j decimals, a tie at j - 1
        uint64_t m = (next() >> (11 + below(40))) | 1;
        int      j = 1 + (int)below(60);
        double   x = (double)m;
        for (int i = 0; i < j; i++)
            x /= 2;
        return below(2) ? -x : x;
    }
    case 4: { // d5 * 10^k: a tie for %e at the digit before the 5
        uint64_t d = next() % 100000000u;
        double   x = (double)(d * 10 + 5);
        int      k = (int)below(7);
        for (int i = 0; i < k; i++)
            x *= 10;
        return x;
    }
    default: // ordinary magnitudes
        return from_bits((next() & 0x800fffffffffffffu) | ((uint64_t)(1023 - 30 + below(60)) << 52));
    }
}

static int decimals_of(double x)
{
    // digits after the point of a value m / 2^j: j
    int j = 0;
    while (x != (double)(int64_t)x && j < 80) {
        x *= 2;
        j++;
    }
    return j;
}

static void float_cases(int count)
{
    static const char convs[] = "eEfFgGaA";
    char              fmt[64];
    for (int n = 0; n < count; n++) {
        unsigned kind = below(6);
        double   x = random_double(kind);
        char     conv = convs[below(8)];
        int      hint = -1;
        if (kind == 3 && below(2)) {
            int j = decimals_of(x);
            hint = j - 1 + (int)below(3) - 1;
            if (hint < 0)
                hint = 0;
            conv = below(2) ? 'f' : 'F';
        } else if (kind == 4 && below(2)) {
            int digits = 0;
            for (double y = x; y >= 1; y /= 10)
                digits++;
            hint = digits - 2 - (int)below(2);
            if (hint < 0)
                hint = 0;
            conv = below(2) ? 'e' : 'g';
            if (conv == 'g')
                hint++;
        }
        // long double arguments (of double values; not %La, whose x87 form
        // the soft-float flavour, where long double is double, lacks)
        make_format(fmt, conv, hint, below(8) == 0 && (conv | 0x20) != 'a' ? "L" : "");
        if (fmt[strlen(fmt) - 2] == 'L')
            snprintf(out, sizeof out, fmt, (long double)x), printf("%s\t%016" PRIx64 "\t%s\n", fmt, to_bits(x), out);
        else
            float_case(fmt, x, n);
    }
}

static void int_cases(int count)
{
    static const char  convs[] = "diouxX";
    static const char *lens[] = { "hh", "h", "", "l", "ll", "j", "z", "t" };
    char               fmt[64];
    for (int n = 0; n < count; n++) {
        uint64_t v = next();
        unsigned shape = below(6);
        if (shape == 0)
            v = 0;
        else if (shape == 1)
            v >>= below(64);
        else if (shape == 2)
            v = (uint64_t)1 << 63 | (below(2) ? 0 : (uint64_t)1 << 31);
        const char *len = lens[below(8)];
        char        conv = convs[below(6)];
        int         hint = below(3) == 0 ? (int)below(3) : -1;
        make_format(fmt, conv, hint, len);
        // the precision suggestion may have given a huge one: keep it small
        char *dot = strchr(fmt, '.');
        if (dot && atoi(dot + 1) > 40)
            sprintf(dot, ".%u%s%c", below(40), len, conv);
        if (strcmp(len, "ll") == 0 || strcmp(len, "j") == 0)
            snprintf(out, sizeof out, fmt, (long long)v);
        else if (strcmp(len, "l") == 0 || strcmp(len, "z") == 0 || strcmp(len, "t") == 0)
            snprintf(out, sizeof out, fmt, (long)v);
        else
            snprintf(out, sizeof out, fmt, (int)v);
        printf("%s\t%016" PRIx64 "\t%s\n", fmt, v, out);
    }
}

// The table and other fixed cases.
static void fixed_cases(void)
{
    static const struct {
        const char *fmt;
        uint64_t    bits;
    } cases[] = {
        { "%.17g", 0x3fb999999999999au },        // 0.1
        { "%.17e", 0xc71f5539cfe5ac7au },        // -4.0679657400634082e34
        { "%.20f", 0xbf9182a9930be0dfu },        // -0.0171
        { "%e", 0x0000000000000001u },           // 4.9406564584124654e-324
        { "%E", 0x0000c5c4b5a0ee2fu },           // 9.99993838e-319
        { "%.30f", 0x3fb999999999999au },        // 0.1
        { "%.14a", 0x3fb999999999999au },
        { "%#g", 0x412e847f00000000u },          // 999999.5
        { "%.0f", 0x3fe0000000000000u },         // 0.5
        { "%.0f", 0x3ff8000000000000u },         // 1.5
        { "%.0f", 0x4004000000000000u },         // 2.5
        { "%.1074f", 0x0000000000000001u },
        { "%.1100e", 0x0000000000000001u },
        { "%.767g", 0x000fffffffffffffu },
        { "%f", 0x7fefffffffffffffu },           // DBL_MAX
        { "%.0a", 0x3ff8000000000000u },         // 1.5
        { "%.0a", 0x3ff0000000000000u },
        { "%.1a", 0x3ff0800000000000u },
        { "%.1a", 0x3ff1800000000000u },
        { "%a", 0x0000000000000001u },
        { "%a", 0x0000000000000000u },
        { "%#.0a", 0x0000000000000000u },
        { "%.3a", 0x000fffffffffffffu },
        { "%g", 0x0000000000000000u },
        { "%#g", 0x0000000000000000u },
        { "%g", 0x3f1a36e2eb1c432du },           // 1e-4
        { "%g", 0x3ee4f8b588e368f1u },           // 1e-5
        { "%g", 0x412e848000000000u },           // 1e6
        { "%+08.2f", 0xc00921fb54442d18u },
        { "%-12.3e|", 0x400921fb54442d18u },
        { "% 010.3G", 0x7ff0000000000000u },
        { "%-8F|", 0xfff8000000000000u },
        { "%010f", 0x7ff8000000000000u },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        float_case(cases[i].fmt, from_bits(cases[i].bits), 0);
    static const struct {
        const char *fmt;
        long long   v;
    } ints[] = {
        { "%#.0o", 0 }, { "%#o", 0 }, { "%#x", 0 }, { "%#.0x", 0 }, { "%.0d", 0 }, { "%#5o", 8 },
        { "%#.3o", 8 }, { "%+.0d", 0 }, { "% 05d", -42 }, { "%-+6d|", 7 },
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        snprintf(out, sizeof out, ints[i].fmt, (int)ints[i].v);
        printf("%s\t%016llx\t%s\n", ints[i].fmt, ints[i].v, out);
    }
    snprintf(out, sizeof out, "%d %lld %hd %hhd %ld", (int)-2147483647 - 1, -9223372036854775807LL - 1, (short)-32768, (signed char)-128, -9223372036854775807L - 1);
    printf("mins\t0\t%s\n", out);
    snprintf(out, sizeof out, "%2$s %1$d %3$.*4$f", 5, "pos", 2.5, 3);
    printf("positional\t0\t%s\n", out);
}

#if __LDBL_MANT_DIG__ == 64
static char lout[20000];

static long double x87(uint16_t se, uint64_t m)
{
    long double v = 0;
    memcpy(&v, &m, 8);
    memcpy((char *)&v + 8, &se, 2);
    return v;
}

static void long_case(const char *fmt, uint16_t se, uint64_t m, int n)
{
    long double v = x87(se, m);
    snprintf(lout, sizeof lout, fmt, v);
    // A pseudo-denormal (exponent 0, leading bit set) is what the x87 loads:
    // m * 2^-16445, the normal with exponent 1. glibc 2.36's %e %f %g
    // misprint most (as if the leading bit were not there; its %a does not),
    // so the line is followed by that normal's, which the test compares it with.
    int pseudo = (se & 0x7fff) == 0 && m >> 63 && (fmt[strlen(fmt) - 1] | 0x20) != 'a';
    printf("%s%s\t%04x%016" PRIx64 "\t%s\n", pseudo ? "PSEUDO " : "", fmt, se, m, lout);
    if (pseudo)
        long_case(fmt, se | 1, m, 1);
    // (glibc's swprintf prints some pseudo-denormals unlike its snprintf)
    if (n % 8 == 0 && !pseudo)
        check_wide(lout, fmt, v);
}

// Seeded x87 values of every kind, in random formats, then fixed ones.
// (`%#g` is left to the fixed cases: glibc 2.36 drops its zeros when
// rounding carries into the exponent form, see tests/printf_exact.rs.)
static void long_cases(int count)
{
    static const char convs[] = "eEfFgGaA";
    char              fmt[64];
    for (int n = 0; n < count; n++) {
        uint64_t m = next() | (uint64_t)1 << 63;
        uint16_t se = (uint16_t)next();
        unsigned kind = below(8);
        int      hint = -1;
        char     conv = convs[below(8)];
        if (kind == 0) { // subnormal (pseudo-denormals too)
            se &= 0x8000;
            m >>= below(64);
        } else if (kind == 1) { // near 1
            se = (uint16_t)((se & 0x8000) | (16383 - 40 + below(80)));
        } else if (kind == 2) { // m / 2^j with j decimals: a tie at j - 1
            int j = 1 + (int)below(120), top = (int)below(64);
            m = (next() | 1) << top | (uint64_t)1 << 63;
            int tz = __builtin_ctzll(m);
            se = (uint16_t)(16383 + 63 - tz - j);
            hint = j - 1;
            conv = below(2) ? 'f' : 'F';
        } else if (kind == 3) { // huge or tiny
            se = (uint16_t)((se & 0x8000) | (below(2) ? 0x7ffe - below(200) : 1 + below(200)));
        } else if (kind == 4) { // few significant bits: short exact expansions, ties for %e
            m &= ~(uint64_t)0 << (40 + below(24));
            se = (uint16_t)((se & 0x8000) | (16383 - 60 + below(120)));
            if (below(2)) {
                hint = (int)below(30);
                conv = below(2) ? 'e' : 'E';
            }
        } else if (kind == 5) { // infinities, NaNs, unnormals, pseudo-NaNs
            se |= 0x7fff;
            if (below(3) == 0)
                se = (uint16_t)(se & 0x8000) | (uint16_t)below(0x7fff);
            m = below(2) ? (uint64_t)1 << 63 : m >> below(2);
        }
        make_format(fmt, conv, hint, "L");
        if ((conv | 0x20) == 'g')
            for (char *f = fmt; *f; f++)
                if (*f == '#')
                    *f = '+';
        long_case(fmt, se, m, n);
    }
    static const struct {
        const char *fmt;
        uint16_t    se;
        uint64_t    m;
    } fixed[] = {
        { "%Lf", 0x7ffe, 0xffffffffffffffffu },      // LDBL_MAX, all 4,933 digits
        { "%.16500Le", 0x0000, 0x0000000000000001u }, // the smallest subnormal, to its last digit
        { "%.16445Lf", 0x0000, 0x0000000000000001u },
        { "%.11500Lg", 0x0000, 0x7fffffffffffffffu },
        { "%La", 0x3fff, 0x8000000000000000u },       // 1: 0x8p-3
        { "%.0La", 0x3fff, 0xf800000000000000u },     // carries into 0x1p+1
        { "%.1La", 0x7ffe, 0xffffffffffffffffu },     // 0x1.0p+16384
        { "%.0La", 0x3fff, 0x8800000000000000u },     // a tie, to even
        { "%.0La", 0x3fff, 0x9800000000000000u },
        { "%La", 0x0000, 0x0000000000000001u },
        { "%La", 0x0000, 0x8000000000000000u },       // pseudo-denormal
        { "%.30Le", 0x0000, 0xc460a4554970e398u },
        { "%La", 0x0000, 0x0000000000000000u },
        { "%La", 0x8000, 0x0000000000000000u },
        { "%#.0La", 0x3fff, 0xc000000000000000u },
        { "%Lg", 0x3fff, 0x0000000000000001u },       // unnormal: nan
        { "%Lf", 0x7fff, 0x0000000000000000u },       // pseudo-infinity: nan
        { "%Le", 0xffff, 0x8000000000000000u },       // -inf
        { "%#Lg", 0x3fff, 0x8000000000000000u },
        { "%#.3Lg", 0x4005, 0xc800000000000000u },    // 100.
        { "%.0Lf", 0x3ffe, 0x8000000000000000u },     // 0.5 -> 0
        { "%.0Lf", 0x3fff, 0xc000000000000000u },     // 1.5 -> 2
        { "%.0Lf", 0x4000, 0xa000000000000000u },     // 2.5 -> 2
        { "%Le", 0x43fe, 0xde0b6b3a76400000u },
        { "%.30Le", 0x3ffb, 0xcccccccccccccccdu },    // 0.1L
        { "%.70Lf", 0x3ffb, 0xcccccccccccccccdu },
        { "%+025.4Le", 0xc000, 0xc90fdaa22168c235u },
        { "%-30.20Lg|", 0x4000, 0xadf85458a2bb4a9au },
        { "%Le", 0x0001, 0x8000000000000000u },       // LDBL_MIN: exponent -4932
        { "%LE", 0x7ffe, 0x8000000000000000u },
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        long_case(fixed[i].fmt, fixed[i].se, fixed[i].m, 0);
    snprintf(lout, sizeof lout, "%3$.*2$Lf %1$Le %4$La", (long double)1.5, 5, (long double)0.1L, (long double)3);
    printf("positional long\t0\t%s\n", lout);
}
#endif

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void bench(void)
{
    static const char *fmts[] = { "%.17g", "%g", "%f", "%.6e", "%.3f" };
    enum { N = 2048, ROUNDS = 100 };
    static double vals[N];
    for (int i = 0; i < N; i++)
        vals[i] = random_double(5);
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        double   t0 = now();
        unsigned sink = 0;
        for (int r = 0; r < ROUNDS; r++)
            for (int i = 0; i < N; i++)
                sink += (unsigned)snprintf(out, sizeof out, fmts[f], vals[i]);
        double dt = now() - t0;
        printf("bench\t%s\t%.1f ns\t%u\n", fmts[f], dt / (N * ROUNDS) * 1e9, sink);
    }
    // the slowest inputs: the smallest subnormals at full precision
    static const char *slow[] = { "%.17g", "%.1074f", "%.800e" };
    for (size_t f = 0; f < sizeof slow / sizeof slow[0]; f++) {
        double t0 = now();
        for (int r = 0; r < 2000; r++)
            snprintf(out, sizeof out, slow[f], from_bits(0x000fffffffffffffu - (uint64_t)r));
        printf("bench\t%s of subnormals\t%.1f ns\n", slow[f], (now() - t0) / 2000 * 1e9);
    }
}

#if __LDBL_MANT_DIG__ == 64
static void bench_long(void)
{
    static const struct {
        const char *fmt, *name;
        uint16_t    se;
        uint64_t    m;
        int         reps;
    } rows[] = {
        { "%Lg", "0.1L", 0x3ffb, 0xcccccccccccccccdu, 20000 },
        { "%.17Lg", "0.1L", 0x3ffb, 0xcccccccccccccccdu, 20000 },
        { "%.30Le", "0.1L", 0x3ffb, 0xcccccccccccccccdu, 20000 },
        { "%Lf", "1.5L", 0x3fff, 0xc000000000000000u, 20000 },
        { "%Le", "1e100L", 0x414b, 0x924d692ca61be758u, 20000 },
        { "%Le", "1e-4000L", 0x0c17, 0x9c3d73864f3805c0u, 2000 },
        { "%Le", "LDBL_MAX", 0x7ffe, 0xffffffffffffffffu, 2000 },
        { "%Lg", "LDBL_TRUE_MIN", 0x0000, 0x0000000000000001u, 2000 },
        { "%Lf", "1e300L", 0x43e3, 0xbf21e44003acdd2du, 2000 },
        { "%Lf", "LDBL_MAX (4,940 characters)", 0x7ffe, 0xffffffffffffffffu, 20 },
        { "%.16500Le", "LDBL_TRUE_MIN (11,495 digits)", 0x0000, 0x0000000000000001u, 10 },
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        long double v = x87(rows[r].se, rows[r].m);
        double      best = 1e30;
        for (int round = 0; round < 5; round++) {
            double t0 = now();
            for (int i = 0; i < rows[r].reps; i++)
                snprintf(lout, sizeof lout, rows[r].fmt, v);
            double dt = (now() - t0) / rows[r].reps;
            if (dt < best)
                best = dt;
        }
        printf("bench\t%s of %s\t%.1f ns\n", rows[r].fmt, rows[r].name, best * 1e9);
    }
}
#endif

// `printf_exact calls FORMAT KIND`: 20000 snprintf calls of FORMAT on inputs
// of random_double(KIND), for instruction counts (valgrind) without timing noise.
static void calls(const char *fmt, unsigned kind)
{
    unsigned sink = 0;
    for (int i = 0; i < 20000; i++) {
        double x = random_double(kind);
        sink += (unsigned)snprintf(out, sizeof out, fmt, x);
    }
    printf("%u\n", sink);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "bench") == 0) {
#if __LDBL_MANT_DIG__ == 64
        if (argc > 2 && strcmp(argv[2], "long") == 0) {
            bench_long();
            return 0;
        }
#endif
        bench();
        return 0;
    }
    if (argc > 3 && strcmp(argv[1], "calls") == 0) {
        calls(argv[2], (unsigned)atoi(argv[3]));
        return 0;
    }
    if (argc > 2 && strcmp(argv[1], "floats") == 0) {
        // a longer run by hand: `printf_exact floats 2000000`
        float_cases(atoi(argv[2]));
        return 0;
    }
#if __LDBL_MANT_DIG__ == 64
    if (argc > 1 && strcmp(argv[1], "long") == 0) {
        long_cases(argc > 2 ? atoi(argv[2]) : 30000);
        printf("done\n");
        return 0;
    }
#endif
    fixed_cases();
    float_cases(120000);
    int_cases(30000);
    printf("done\n");
    return 0;
}
