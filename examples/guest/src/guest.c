// C half of the example guest: plain C against hyperlight-libc's headers.
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#define FAIL(...) (printf("FAIL %s:%d: ", __FILE__, __LINE__), printf(__VA_ARGS__), printf("\n"), 1)

// The main job: a table formatted by printf and computed by libm.
int c_print_table(int rows)
{
    printf("%4s %10s %12s %12s %14s\n", "x", "sqrt(x)", "sin(x)", "exp(x/4)", "x^1.5");
    for (int i = 1; i <= rows; i++) {
        double x = i;
        printf("%4d %10.6f %12.8f %12.4e %14.3f\n", i, sqrt(x), sin(x), exp(x / 4), pow(x, 1.5));
    }
    return rows;
}

// snprintf with doubles passed through C varargs.
int c_format(char *out, size_t len, double d, int i, const char *s)
{
    return snprintf(out, len, "%d|%.3f|%e|%g|%s|%x|%lld|%a", i, d, d, d, s, i, (long long)i * 1000000007LL, d);
}

// A variadic function of the guest's own, reading doubles with va_arg.
double c_sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += va_arg(ap, double);
    va_end(ap);
    return sum;
}

int c_sscanf(const char *in, char *out, size_t len)
{
    int i = 0;
    double d = 0;
    char word[32] = "";
    int n = sscanf(in, "%d %lf %31s", &i, &d, word);
    return snprintf(out, len, "%d:%d:%.4f:%s", n, i, d, word);
}

int c_strtod(const char *in, char *out, size_t len)
{
    char *end;
    errno = 0;
    double d = strtod(in, &end);
    int e1 = errno;
    errno = 0;
    long l = strtol(in, NULL, 0);
    int e2 = errno;
    return snprintf(out, len, "%.15g %s %ld %s rest=[%s]", d, e1 == ERANGE ? "ERANGE" : "ok", l,
                    e2 == ERANGE ? "ERANGE" : "ok", end);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

// string, memory, qsort/bsearch, setjmp, allocator: returns the failure count.
int c_self_test(void)
{
    int failures = 0;
    char buf[64];
    strcpy(buf, "hello");
    strcat(buf, ", guest");
    failures += strcmp(buf, "hello, guest") != 0 && FAIL("strcat");
    failures += strlen(buf) != 12 && FAIL("strlen");
    failures += strstr(buf, "guest") != buf + 7 && FAIL("strstr");
    failures += strncmp("abcdef", "abcxyz", 3) != 0 && FAIL("strncmp");
    failures += strchr(buf, ',') != buf + 5 && FAIL("strchr");
    static unsigned char a[4096], b[4096];
    for (int i = 0; i < 4096; i++)
        a[i] = (unsigned char)(i * 31);
    memcpy(b, a, sizeof a);
    failures += memcmp(a, b, sizeof a) != 0 && FAIL("memcpy/memcmp");
    memmove(a + 1, a, 1000);
    failures += a[1] != 0 || a[2] != 31 && FAIL("memmove");
    memset(b, 7, 100);
    failures += b[99] != 7 || b[100] != (unsigned char)(100 * 31) && FAIL("memset");

    int v[100];
    for (int i = 0; i < 100; i++)
        v[i] = (i * 37) % 101;
    qsort(v, 100, sizeof v[0], cmp_int);
    for (int i = 1; i < 100; i++)
        failures += v[i - 1] > v[i] && FAIL("qsort at %d", i);
    int key = 50;
    int *hit = bsearch(&key, v, 100, sizeof v[0], cmp_int);
    failures += (!hit || *hit != 50) && FAIL("bsearch");

    jmp_buf env;
    volatile int jumped = 0;
    if (setjmp(env) == 0) {
        jumped = 1;
        longjmp(env, 42);
    }
    failures += jumped != 1 && FAIL("setjmp/longjmp");

    char *p = malloc(1000);
    failures += !p && FAIL("malloc");
    memset(p, 'x', 1000);
    p = realloc(p, 100000);
    failures += (!p || p[999] != 'x') && FAIL("realloc");
    int *z = calloc(1000, sizeof(int));
    failures += (!z || z[999] != 0) && FAIL("calloc");
    free(z);
    free(p);
    char *dup = strdup("duplicate");
    failures += (!dup || strcmp(dup, "duplicate") != 0) && FAIL("strdup");
    free(dup);
    return failures;
}

// time(), clock_gettime(), gettimeofday() over the guest's synthetic clock.
int c_time(char *out, size_t len)
{
    struct timespec ts;
    struct timeval tv;
    int r1 = clock_gettime(CLOCK_MONOTONIC, &ts);
    int r2 = gettimeofday(&tv, NULL);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    return snprintf(out, len, "%d %ld %d %ld %ld %s", r1, (long)ts.tv_sec, r2, (long)tv.tv_sec, (long)t, when);
}

int c_stderr(const char *msg)
{
    return fprintf(stderr, "stderr: %s\n", msg);
}

static void goodbye(void)
{
    printf("atexit handler ran\n");
    fflush(stdout);
}

void c_exit(int code)
{
    atexit(goodbye);
    printf("exiting with %d\n", code);
    exit(code);
}

// Benchmarks: bench_run(which, n) runs n iterations of one libc operation.
// The host times a call with n and one with 0 and divides the difference by
// n. No doubles pass through varargs here, so the same code is a fair test
// of hyperlight-libc 0.18.0, whose soft-float build mis-reads them.
static unsigned char bench_src[65536], bench_dst[65536];
static char          bench_text[1024], bench_text2[1024];
static int           bench_ints[1000];
volatile double      bench_x = 0.7;
volatile int         bench_sink;
// The guest's C is compiled with builtins on (DEP_C_CFLAGS), so clang would
// merge repeated memcpys, hoist strlen, drop malloc/free pairs: the measured
// calls go through volatile function pointers, which it cannot see through.
static void *(*volatile bench_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile bench_memset)(void *, int, size_t) = memset;
static size_t (*volatile bench_strlen)(const char *) = strlen;
static int (*volatile bench_strcmp)(const char *, const char *) = strcmp;
static double (*volatile bench_strtod)(const char *, char **) = strtod;
static double (*volatile bench_sin)(double) = sin;
static double (*volatile bench_exp)(double) = exp;
static double (*volatile bench_pow)(double, double) = pow;
static void *(*volatile bench_malloc)(size_t) = malloc;
static void (*volatile bench_free)(void *) = free;

int bench_run(int which, int n)
{
    char   buf[64];
    int    a, b;
    double acc = 0;
    if (bench_text[0] == 0) {
        for (int i = 0; i < 1023; i++)
            bench_text[i] = bench_text2[i] = (char)('a' + i % 26);
    }
    for (int i = 0; i < n; i++) {
        switch (which) {
        case 0: bench_memcpy(bench_dst, bench_src, sizeof bench_src); break;
        case 1: bench_memset(bench_dst, i, sizeof bench_dst); break;
        case 2: bench_sink += (int)bench_strlen(bench_text); break;
        case 3: bench_sink += bench_strcmp(bench_text, bench_text2); break;
        case 4: bench_sink += snprintf(buf, sizeof buf, "%d %s %x %5.5s", i, "text", i * 7, "padded"); break;
        case 5: acc += bench_strtod("12345.6789e-3", NULL); break;
        case 6: bench_sink += sscanf("123 456", "%d %d", &a, &b); break;
        case 7: acc += bench_sin(bench_x + i); break;
        case 8: acc += bench_exp(bench_x + i * 1e-3); break;
        case 9: acc += bench_pow(bench_x + i * 1e-3, 1.5); break;
        case 10:
            for (int k = 0; k < 1000; k++)
                bench_ints[k] = (k * 7919 + i) % 1000;
            qsort(bench_ints, 1000, sizeof bench_ints[0], cmp_int);
            break;
        case 11: {
            void *p = bench_malloc(64 + (i & 63));
            bench_sink += p != NULL;
            bench_free(p);
            break;
        }
        }
    }
    bench_sink += (int)acc;
    return bench_sink;
}
