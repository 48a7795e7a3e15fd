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
// `printf_exact bench` instead times snprintf of common formats, and
// `printf_exact calls FORMAT KIND` makes 20000 calls for instruction counts.
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

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

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static uint64_t to_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static char out[8192];
static wchar_t wout[8192];
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

static void float_case(const char *fmt, double x, int n)
{
    snprintf(out, sizeof out, fmt, x);
    printf("%s\t%016" PRIx64 "\t%s\n", fmt, to_bits(x), out);
    if (n % 8 == 0) {
        size_t i = 0;
        for (; fmt[i]; i++)
            wfmt[i] = (unsigned char)fmt[i];
        wfmt[i] = 0;
        int wn = swprintf(wout, sizeof wout / sizeof wout[0], wfmt, x);
        int same = wn == (int)strlen(out);
        for (int k = 0; same && k < wn; k++)
            same = wout[k] == (wchar_t)(unsigned char)out[k];
        if (!same)
            printf("WIDE %s\n", fmt);
    }
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
        // long double arguments (of double values; %La differs by design)
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
    fixed_cases();
    float_cases(120000);
    int_cases(30000);
    printf("done\n");
    return 0;
}
