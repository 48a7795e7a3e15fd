#include "check.h"
#include <inttypes.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

static char buf[256];
#define FMT(...) (snprintf(buf, sizeof buf, __VA_ARGS__), buf)

// A variadic function of our own reading doubles: the soft-float va_arg trap.
static double sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double);
    va_end(ap);
    return s;
}

// picolibc's smaller printf/scanf variants, reachable with --defsym.
int __i_vfprintf(FILE *, const char *, va_list), __l_vfprintf(FILE *, const char *, va_list), __m_vfprintf(FILE *, const char *, va_list);
int __i_vfscanf(FILE *, const char *, va_list), __l_vfscanf(FILE *, const char *, va_list), __m_vfscanf(FILE *, const char *, va_list);
int __f_vfprintf(FILE *, const char *, va_list), __f_vfscanf(FILE *, const char *, va_list);

// The float-only variant's text, through a memory FILE: its floating
// arguments are printf_float()'s, a float's bits in a uint32_t.
static uint32_t packed(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static const char *fmt_f(const char *fmt, ...)
{
    static char out[128];
    memset(out, 0, sizeof out);
    FILE *m = fmemopen(out, sizeof out - 1, "w");
    if (!m)
        return "(fmemopen failed)";
    va_list ap;
    va_start(ap, fmt);
    __f_vfprintf(m, fmt, ap);
    va_end(ap);
    fclose(m);
    return out;
}

// Whether a long conversion has length len and ends with want (24 characters).
static int tail_is(int len, const char *want, const char *fmt, ...)
{
    static char big[12000];
    va_list     ap;
    va_start(ap, fmt);
    int n = vsnprintf(big, sizeof big, fmt, ap);
    va_end(ap);
    return n == len && (int)strlen(big) == len && strcmp(big + n - 24, want) == 0;
}

// %Le %Lf %Lg %La in every flavour: x87 on hard-float x86_64 (as glibc
// prints it), binary128 on aarch64 (as glibc's strfromf128 does), double in
// the soft-float flavour. Exact to the last digit: the smallest subnormal's
// 11,495 / 11,529 / 751 digits, and one digit fewer, a tie to even.
static void long_double_printf(void)
{
    long double third = 1.0L / 3, tenth = 0.1L;
#if LDBL_MANT_DIG == 64
    CHECK_STR(FMT("%La %.0La %LA", 1.0L, 1.9375L, LDBL_MAX), "0x8p-3 0x1p+1 0XF.FFFFFFFFFFFFFFFP+16380");
    CHECK_STR(FMT("%.30Le %Le %Lg", tenth, LDBL_TRUE_MIN, LDBL_MAX), "1.000000000000000000013552527156e-01 3.645200e-4951 1.18973e+4932");
    CHECK_STR(FMT("%.40Lf|%.36Lg", third, LDBL_MIN), "0.3333333333333333333423683514373792036167|3.3621031431120935062626778173217526e-4932");
    CHECK(tail_is(4940, "52086811989770240.000000", "%Lf", LDBL_MAX));
    CHECK(tail_is(11502, "953479766845703125e-4951", "%.11494Le", LDBL_TRUE_MIN));
    CHECK(tail_is(11501, "995347976684570312e-4951", "%.11493Le", LDBL_TRUE_MIN));
#elif LDBL_MANT_DIG == 113
    CHECK_STR(FMT("%La %.0La %LA", 1.0L, 1.9375L, LDBL_MAX), "0x1p+0 0x2p+0 0X1.FFFFFFFFFFFFFFFFFFFFFFFFFFFFP+16383");
    CHECK_STR(FMT("%.30Le %Le %Lg", tenth, LDBL_TRUE_MIN, LDBL_MAX), "1.000000000000000000000000000000e-01 6.475175e-4966 1.18973e+4932");
    CHECK_STR(FMT("%.40Lf|%.36Lg", third, LDBL_MIN), "0.3333333333333333333333333333333333172839|3.3621031431120935062626778173217526e-4932");
    CHECK_STR(FMT("%La", LDBL_TRUE_MIN), "0x0.0000000000000000000000000001p-16382");
    CHECK(tail_is(4940, "81760403137363968.000000", "%Lf", LDBL_MAX));
    CHECK(tail_is(11536, "301822662353515625e-4966", "%.11528Le", LDBL_TRUE_MIN));
    CHECK(tail_is(11535, "130182266235351562e-4966", "%.11527Le", LDBL_TRUE_MIN));
#else
    CHECK_STR(FMT("%La %.0La %LA", 1.0L, 1.9375L, LDBL_MAX), "0x1p+0 0x2p+0 0X1.FFFFFFFFFFFFFP+1023");
    CHECK_STR(FMT("%.30Le %Le %Lg", tenth, LDBL_TRUE_MIN, LDBL_MAX), "1.000000000000000055511151231258e-01 4.940656e-324 1.79769e+308");
    CHECK_STR(FMT("%.40Lf|%.36Lg", third, LDBL_MIN), "0.3333333333333333148296162562473909929395|2.22507385850720138309023271733240406e-308");
    CHECK(tail_is(316, "04026184124858368.000000", "%Lf", LDBL_MAX));
    CHECK(tail_is(757, "9718265533447265625e-324", "%.750Le", LDBL_TRUE_MIN));
    CHECK(tail_is(756, "1971826553344726562e-324", "%.749Le", LDBL_TRUE_MIN));
#endif
    CHECK_STR(FMT("%.0Lf %.0Lf %.0Lf %Lg %Lg", 0.5L, 1.5L, 2.5L, -0.0L, 100.0L), "0 2 2 -0 100");
    CHECK_STR(FMT("%2$.3Lf %1$Le|%3$+09.2Lf", 2.0L, 0.125L, -1.5L), "0.125 2.000000e+00|-00001.50");
    CHECK_STR(FMT("%Lf %LE", (long double)INFINITY, -(long double)NAN), "inf -NAN");
}

int main(void)
{
    // Those with vfprintf's arguments are vfprintf (and vfscanf) itself, C11 results included.
    // (Through volatile pointers: the compiler takes distinct functions to differ.)
    int (*volatile pf[])(FILE *, const char *, va_list) = { vfprintf, __i_vfprintf, __l_vfprintf, __m_vfprintf };
    int (*volatile sf[])(FILE *, const char *, va_list) = { vfscanf, __i_vfscanf, __l_vfscanf, __m_vfscanf };
    CHECK(pf[1] == pf[0] && pf[2] == pf[0] && pf[3] == pf[0]);
    CHECK(sf[1] == sf[0] && sf[2] == sf[0] && sf[3] == sf[0]);
    int (*volatile fsf)(FILE *, const char *, va_list) = __f_vfscanf;
    CHECK(fsf == sf[0]);
    // __f_vfprintf prints the float exactly (0.1f is 0.100000001490116119384765625).
    CHECK_STR(fmt_f("%.27f|%g|%d|%s|%e", packed(0.1f), packed(-2.5f), 42, "s", packed(1e30f)),
              "0.100000001490116119384765625|-2.5|42|s|1.000000e+30");
    CHECK_STR(fmt_f("%2$.3f %1$a", packed(1.0f), packed(0.3333333f)), "0.333 0x1p+0");
    CHECK_STR(FMT("%d|%5d|%-5d|%05d|%+d", 42, 42, 42, 42, 42), "42|   42|42   |00042|+42");
    CHECK_STR(FMT("%u %x %X %o %#x", 3000000000u, 255, 255, 8, 255), "3000000000 ff FF 10 0xff");
    CHECK_STR(FMT("%lld %llu", -9223372036854775807LL - 1, 18446744073709551615ULL),
              "-9223372036854775808 18446744073709551615");
    CHECK_STR(FMT("%jd %zu %td %hhd", (intmax_t)-5, (size_t)7, (ptrdiff_t)-3, (char)300), "-5 7 -3 44");
    CHECK_STR(FMT("%" PRIu64 " %" PRIx32, (uint64_t)1 << 40, (uint32_t)0xdeadbeef), "1099511627776 deadbeef");
    CHECK_STR(FMT("%s|%.3s|%10s|%c", "hello", "hello", "hi", 'z'), "hello|hel|        hi|z");
    CHECK_STR(FMT("%f %.2f %.0f %e %g %g", 3.14159, 2.675, 0.5, 12345.678, 0.0001, 1e20),
              "3.141590 2.67 0 1.234568e+04 0.0001 1e+20");
    CHECK_STR(FMT("%a %A", 1.0, 0.5), "0x1p+0 0X1P-1");
    CHECK_STR(FMT("%f %f %f", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0), "inf -inf nan");
    CHECK_STR(FMT("%.17g", 0.1 + 0.2), "0.30000000000000004");
    CHECK_STR(FMT("%8.3f|%-8.2e|", -1.5, 1234.5), "  -1.500|1.23e+03|");
    CHECK_STR(FMT("%g %g %g", 100000.0, 1000000.0, 1.5e-5), "100000 1e+06 1.5e-05");
    CHECK(sum_doubles(3, 1.5, 2.25, -0.75) == 3.0);
    CHECK(snprintf(buf, 4, "%s", "truncated") == 9 && strcmp(buf, "tru") == 0);
    CHECK(snprintf(NULL, 0, "%d", 123456) == 6);
    // Truncation inside every kind of conversion still counts every character.
    CHECK(snprintf(buf, 3, "%d|%5.2f|%s|%e|%x", 12345, 1.5, "str", 2.0, 255u) == 31 && strcmp(buf, "12") == 0);
    CHECK(snprintf(buf, 9, "%-6d|%06.1f", -42, 2.25) == 13 && strcmp(buf, "-42   |0") == 0);

    int i, n;
    unsigned u;
    long long ll;
    double d;
    float f;
    char s[32], c;
    CHECK(sscanf("  -17 4000000000 x", "%d %u %c", &i, &u, &c) == 3 && i == -17 && u == 4000000000u && c == 'x');
    CHECK(sscanf("123456789012345", "%lld", &ll) == 1 && ll == 123456789012345LL);
    CHECK(sscanf("2.5e3 0.125", "%lf %f", &d, &f) == 2 && d == 2500.0 && f == 0.125f);
    CHECK(sscanf("0x1.8p1", "%lf", &d) == 1 && d == 3.0);
    CHECK(sscanf("word rest", "%31s%n", s, &n) == 1 && strcmp(s, "word") == 0 && n == 4);
    CHECK(sscanf("ff 777", "%x %o", &i, &u) == 2 && i == 255 && u == 511);
    CHECK(sscanf("abc", "%d", &i) == 0);
    CHECK(sscanf("", "%d", &i) == EOF);

    long_double_printf();

    CHECK(puts("puts reaches stdout") >= 0);
    CHECK(fprintf(stderr, "stderr works %d\n", 7) == 15);
    CHECK(printf("%s %.1f\n", "printf", 2.5) == 11);
    DONE();
}
