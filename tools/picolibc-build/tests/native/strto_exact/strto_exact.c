// The C side of tests/strto_exact.rs: reads "<op>\t<subject>" lines on stdin,
// converts each subject and prints the result bits, where the conversion
// ended and whether errno became ERANGE. Built against this libc (both
// x86_64 float ABIs) and against the host's glibc; the Rust test compares.
// Only integer formatting is used for output, so a printf bug cannot hide a
// strtod one. With the argument `bench`, prints a small timing instead.
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

static char *read_all(size_t *len)
{
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        ssize_t got = read(0, buf + n, cap - n - 1);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static void put_ld(long double v)
{
#if LDBL_MANT_DIG == 64
    uint64_t m;
    uint16_t se;
    memcpy(&m, &v, 8);
    memcpy(&se, (char *)&v + 8, 2);
    printf("%04x%016llx", se, (unsigned long long)m);
#else
    printf("%016llx", (unsigned long long)dbits((double)v));
#endif
}

static wchar_t wbuf[1 << 16];

static const wchar_t *widen(const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof wbuf / sizeof wbuf[0]; i++)
        wbuf[i] = (unsigned char)s[i];
    wbuf[i] = 0;
    return wbuf;
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

// `strto_exact bench`: ns per call (the best of 7 rounds of 2000) of strtold
// on short inputs with long double's large exponents (and two very near
// halfway points) and of strtod on common double inputs (and one near a
// halfway point); a report, nothing asserts it.
static void bench(void)
{
    static const char *ld[] = { "1e-4900", "1.18973149535723176502e+4932", "3.6451995318824746025e-4951",
                                "1e4932", "6.72420628622418701e-4932", "1.2345678901234567890123e-4000",
                                "9.99999999999999999999999999999999999999e4931",
                                /* 39 digits of an 80-bit halfway point: the exact or 256-bit path */
                                "335955509063977019086393508679693613586e-4969",
                                "205341397570836608067588923294541861414e4893" };
    static const char *d[] = { "3.14159265358979", "2.2250738585072014e-308", "1.7976931348623157e308", "0.1",
                               /* 39 digits of a double halfway point: the exact path */
                               "177624265651527491090828850419761062224e-348" };
    volatile long double sink_ld = 0;
    volatile double sink_d = 0;
    for (size_t k = 0; k < sizeof ld / sizeof ld[0] + sizeof d / sizeof d[0]; k++) {
        int is_ld = k < sizeof ld / sizeof ld[0];
        const char *s = is_ld ? ld[k] : d[k - sizeof ld / sizeof ld[0]];
        double best = 1e30;
        for (int r = 0; r < 7; r++) {
            double t0 = now_ns();
            for (int i = 0; i < 2000; i++) {
                if (is_ld)
                    sink_ld += strtold(s, 0);
                else
                    sink_d += strtod(s, 0);
            }
            double dt = (now_ns() - t0) / 2000;
            if (dt < best)
                best = dt;
        }
        printf("bench %s %s %.1f\n", is_ld ? "strtold" : "strtod", s, best);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "bench") == 0) {
        bench();
        return 0;
    }
    size_t len;
    char *in = read_all(&len);
    char *line = in;
    while (*line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        char op = line[0];
        char *s = line + 2;
        char *end = s;
        wchar_t *wend;
        int n = -1, ret;
        double d = 0;
        float f = 0;
        long double ld = 0;
        errno = 0;
        switch (op) {
        case 'd':
            d = strtod(s, &end);
            printf("d %016llx %ld", (unsigned long long)dbits(d), (long)(end - s));
            break;
        case 'f':
            f = strtof(s, &end);
            printf("f %08x %ld", fbits(f), (long)(end - s));
            break;
        case 'l':
            ld = strtold(s, &end);
            printf("l ");
            put_ld(ld);
            printf(" %ld", (long)(end - s));
            break;
        case 'D': {
            const wchar_t *w = widen(s);
            d = wcstod(w, &wend);
            printf("D %016llx %ld", (unsigned long long)dbits(d), (long)(wend - w));
            break;
        }
        case 'F': {
            const wchar_t *w = widen(s);
            f = wcstof(w, &wend);
            printf("F %08x %ld", fbits(f), (long)(wend - w));
            break;
        }
        case 'L': {
            const wchar_t *w = widen(s);
            ld = wcstold(w, &wend);
            printf("L ");
            put_ld(ld);
            printf(" %ld", (long)(wend - w));
            break;
        }
        case 'a':
            d = atof(s);
            printf("a %016llx", (unsigned long long)dbits(d));
            break;
        case 's':
            ret = sscanf(s, "%lf%n", &d, &n);
            printf("s %d %016llx %d", ret, (unsigned long long)(ret == 1 ? dbits(d) : 0), ret == 1 ? n : -1);
            break;
        case 't':
            ret = sscanf(s, "%f%n", &f, &n);
            printf("t %d %08x %d", ret, ret == 1 ? fbits(f) : 0, ret == 1 ? n : -1);
            break;
        case 'u':
            ret = sscanf(s, "%Lf%n", &ld, &n);
            printf("u %d ", ret);
            put_ld(ret == 1 ? ld : 0);
            printf(" %d", ret == 1 ? n : -1);
            break;
        case 'w':
            ret = swscanf(widen(s), L"%lf%n", &d, &n);
            printf("w %d %016llx %d", ret, (unsigned long long)(ret == 1 ? dbits(d) : 0), ret == 1 ? n : -1);
            break;
        case 'i': {
            int i = 0;
            ret = sscanf(s, "%d%n", &i, &n);
            printf("i %d %d %d", ret, ret == 1 ? i : 0, ret == 1 ? n : -1);
            break;
        }
        default:
            printf("? bad op %c", op);
        }
        printf(" %d\n", errno == ERANGE);
        if (!nl)
            break;
        line = nl + 1;
    }
    return 0;
}
