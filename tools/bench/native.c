// Native benchmark of C library functions: the same source is linked as a
// static x86_64 Linux program against each C library scripts/bench compares
// (hyperlight-libc's archives, 0.18.0's, a baseline revision's, glibc, musl).
// One run measures every case once and prints "<case>\t<picoseconds per call>".
//
//   native [--rep | --regs] [--ms N]
//     --rep   memcpy and memset cases call `rep movsb` / `rep stosb` instead
//             of the library (the reference for copies); other cases are skipped
//     --regs  the same with a loop of 8-byte register loads and stores (the
//             least a copy without vector registers costs: the soft-float
//             flavour's reference); only in a program built without SSE
//     --ms N  each timed run of a case lasts at least N ms (default 1); the
//             fastest of three runs is printed
//
// Compiled with -fno-builtin, and every call goes through a volatile function
// pointer: the compiler can neither inline nor fold a call, nor hoist a call
// of a function the headers mark pure out of its loop. The clock is read with
// a raw system call, so no library's clock_gettime is measured or needed, and
// nothing here computes in floating point except the functions measured.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(__x86_64__)
#error "the native benchmark runs on x86_64 Linux"
#endif

typedef unsigned long long u64;

static u64 now_ns(void)
{
    struct {
        long sec, nsec;
    } ts;
    long ret;
    // clock_gettime(CLOCK_MONOTONIC) = system call 228, clock 1 on x86_64 Linux.
    __asm__ volatile("syscall" : "=a"(ret) : "a"(228L), "D"(1L), "S"(&ts) : "rcx", "r11", "memory");
    if (ret != 0)
        return 0;
    return (u64)ts.sec * 1000000000ull + (u64)ts.nsec;
}

// Keeps a value (and all memory) alive: the loop cannot be removed or merged.
#define KEEP(x) __asm__ volatile("" : : "r"(x) : "memory")

static void *rep_movsb(void *dst, const void *src, size_t n)
{
    void *d = dst;
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
    return dst;
}

static void *rep_stosb(void *dst, int c, size_t n)
{
    void *d = dst;
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return dst;
}

// 8-byte moves, 32 bytes a step (the benchmark's sizes are multiples of 16).
static void *reg_copy(void *dst, const void *src, size_t n)
{
    typedef u64 __attribute__((may_alias, aligned(1))) w64;
    w64 *d = dst;
    const w64 *s = src;
    size_t i = 0;
    for (; i + 4 <= n / 8; i += 4) {
        d[i] = s[i];
        d[i + 1] = s[i + 1];
        d[i + 2] = s[i + 2];
        d[i + 3] = s[i + 3];
    }
    for (; i < n / 8; i++)
        d[i] = s[i];
    return dst;
}

static void *reg_set(void *dst, int c, size_t n)
{
    typedef u64 __attribute__((may_alias, aligned(1))) w64;
    w64 *d = dst;
    u64 v = (unsigned char)c * 0x0101010101010101ull;
    size_t i = 0;
    for (; i + 4 <= n / 8; i += 4) {
        d[i] = v;
        d[i + 1] = v;
        d[i + 2] = v;
        d[i + 3] = v;
    }
    for (; i < n / 8; i++)
        d[i] = v;
    return dst;
}

static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile p_memmove)(void *, const void *, size_t) = memmove;
static void *(*volatile p_memset)(void *, int, size_t) = memset;
static void *(*volatile p_memchr)(const void *, int, size_t) = memchr;
static int (*volatile p_memcmp)(const void *, const void *, size_t) = memcmp;
static size_t (*volatile p_strlen)(const char *) = strlen;
static char *(*volatile p_strchr)(const char *, int) = strchr;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;
static char *(*volatile p_strcpy)(char *, const char *) = strcpy;
static double (*volatile p_sqrt)(double) = sqrt;
static float (*volatile p_sqrtf)(float) = sqrtf;
static double (*volatile p_fma)(double, double, double) = fma;
static float (*volatile p_fmaf)(float, float, float) = fmaf;
static double (*volatile p_exp)(double) = exp;
static float (*volatile p_expf)(float) = expf;
static double (*volatile p_log)(double) = log;
static double (*volatile p_pow)(double, double) = pow;
static double (*volatile p_sin)(double) = sin;
static double (*volatile p_cos)(double) = cos;
static float (*volatile p_sinf)(float) = sinf;
static double (*volatile p_strtod)(const char *, char **) = strtod;
static int (*volatile p_snprintf)(char *, size_t, const char *, ...) = snprintf;

#define BUF (1u << 20)
static unsigned char src_buf[BUF + 64] __attribute__((aligned(64)));
static unsigned char dst_buf[BUF + 64] __attribute__((aligned(64)));
// The comparisons' second operand: never written after set-up.
static unsigned char cmp_buf[BUF + 64] __attribute__((aligned(64)));

enum kind { COPY, MOVE, SET, CHR, CMP, LEN, STRCHR, STRCMP, STRCPY, MATH1, MATH1F, POW, FMA3, FMA3F, STRTOD, PRINTF };

struct bench {
    const char *name;
    enum kind kind;
    size_t size;
    // COPY/SET: misalignment of destination and source; CMP, STRCMP: both
    // strings start src_off bytes later (so they stay equal); STRCPY: as COPY;
    // others: unused
    unsigned dst_off, src_off;
    const char *text; // STRTOD: the input; PRINTF: the format
    double (*volatile *math)(double);
    float (*volatile *mathf)(float);
    double lo, hi; // MATH inputs: lo..hi
};

#define KIB 1024u
#define MIB (1024u * 1024u)
static const struct bench benches[] = {
    { "memcpy 16 B", COPY, 16, 0, 0 },
    { "memcpy 16 B misaligned", COPY, 16, 1, 3 },
    { "memcpy 64 B", COPY, 64, 0, 0 },
    { "memcpy 256 B", COPY, 256, 0, 0 },
    { "memcpy 256 B misaligned", COPY, 256, 1, 3 },
    { "memcpy 4 KiB", COPY, 4 * KIB, 0, 0 },
    { "memcpy 4 KiB misaligned", COPY, 4 * KIB, 1, 3 },
    { "memcpy 1 MiB", COPY, MIB, 0, 0 },
    { "memcpy 1 MiB misaligned", COPY, MIB, 1, 3 },
    { "memmove 4 KiB overlapping", MOVE, 4 * KIB, 0, 0 },
    { "memset 16 B", SET, 16, 0, 0 },
    { "memset 256 B", SET, 256, 0, 0 },
    { "memset 4 KiB", SET, 4 * KIB, 0, 0 },
    { "memset 4 KiB misaligned", SET, 4 * KIB, 1, 0 },
    { "memset 64 KiB", SET, 64 * KIB, 0, 0 },
    { "memchr 4 KiB", CHR, 4 * KIB },
    { "memcmp 16 B", CMP, 16 },
    { "memcmp 4 KiB", CMP, 4 * KIB },
    { "memcmp 4 KiB misaligned", CMP, 4 * KIB, 0, 1 },
    { "strlen 16 B", LEN, 16 },
    { "strlen 1 KiB", LEN, KIB },
    { "strchr 1 KiB", STRCHR, KIB },
    { "strcmp 16 B", STRCMP, 16 },
    { "strcmp 1 KiB", STRCMP, KIB },
    { "strcmp 1 KiB misaligned", STRCMP, KIB, 0, 1 },
    { "strcpy 1 KiB", STRCPY, KIB },
    { "strcpy 1 KiB misaligned", STRCPY, KIB, 3, 1 },
    { "sqrt", MATH1, .math = &p_sqrt, .lo = 0.0, .hi = 1e6 },
    { "sqrtf", MATH1F, .mathf = &p_sqrtf, .lo = 0.0, .hi = 1e6 },
    { "exp", MATH1, .math = &p_exp, .lo = -10, .hi = 10 },
    { "expf", MATH1F, .mathf = &p_expf, .lo = -10, .hi = 10 },
    { "log", MATH1, .math = &p_log, .lo = 0.01, .hi = 1000 },
    { "pow", POW },
    { "fma", FMA3 },
    { "fmaf", FMA3F },
    { "sin", MATH1, .math = &p_sin, .lo = -10, .hi = 10 },
    { "cos", MATH1, .math = &p_cos, .lo = -10, .hi = 10 },
    { "sinf", MATH1F, .mathf = &p_sinf, .lo = -10, .hi = 10 },
    { "strtod(\"1.5\")", STRTOD, .text = "1.5" },
    { "strtod(\"3.14159265358979\")", STRTOD, .text = "3.14159265358979" },
    { "strtod 17 digits (\"2.2250738585072014e-308\")", STRTOD, .text = "2.2250738585072014e-308" },
    { "snprintf(\"%d\")", PRINTF, .text = "%d" },
    { "snprintf(\"%g\")", PRINTF, .text = "%g" },
    { "snprintf(\"%f\")", PRINTF, .text = "%f" },
    { "snprintf(\"%.17g\")", PRINTF, .text = "%.17g" },
};
#define NBENCH (sizeof benches / sizeof benches[0])

#define NIN 16
static double in_d[NIN], in_e[NIN], in_z[NIN];
static float in_f[NIN], in_fe[NIN], in_fz[NIN];
static const double printf_values[NIN] = {
    0.1, 3.141592653589793, 1234.5678, 2.718281828459045e-5, 6.02214076e23, 1.0 / 3, 42.0, 9.87654321e-3,
    -0.5, 1e-7, 65536.0, 299792458.0, -2.5e-3, 7.0 / 9, 123456789.125, 1.7976931348623157e10,
};

static int use_rep, use_regs;
// Each result goes to memory: no dependency chain from one call to the next.
static volatile double sink_d;
static volatile float sink_f;

static void run(const struct bench *b, u64 n)
{
    unsigned char *d = dst_buf + b->dst_off, *s = src_buf + b->src_off;
    switch (b->kind) {
    case COPY:
        for (u64 i = 0; i < n; i++) {
            void *(*f)(void *, const void *, size_t) = use_rep ? rep_movsb : use_regs ? reg_copy : p_memcpy;
            KEEP(f(d, s, b->size));
        }
        break;
    case MOVE:
        for (u64 i = 0; i < n; i++)
            KEEP(p_memmove(dst_buf + 64, dst_buf, b->size));
        break;
    case SET:
        for (u64 i = 0; i < n; i++) {
            void *(*f)(void *, int, size_t) = use_rep ? rep_stosb : use_regs ? reg_set : p_memset;
            KEEP(f(d, (int)i & 0x7f, b->size));
        }
        break;
    case CHR: // the byte is last: the whole buffer is scanned
        for (u64 i = 0; i < n; i++)
            KEEP(p_memchr(src_buf, 'Z', b->size));
        break;
    case CMP: // equal buffers: all bytes compared
        for (u64 i = 0; i < n; i++)
            KEEP(p_memcmp(s, cmp_buf + b->src_off, b->size));
        break;
    case LEN:
        for (u64 i = 0; i < n; i++)
            KEEP(p_strlen((const char *)src_buf + BUF - b->size));
        break;
    case STRCHR:
        for (u64 i = 0; i < n; i++)
            KEEP(p_strchr((const char *)src_buf + BUF - b->size, 'Z'));
        break;
    case STRCMP:
        for (u64 i = 0; i < n; i++)
            KEEP(p_strcmp((const char *)src_buf + BUF - b->size + b->src_off, (const char *)cmp_buf + BUF - b->size + b->src_off));
        break;
    case STRCPY:
        for (u64 i = 0; i < n; i++)
            KEEP(p_strcpy((char *)d, (const char *)src_buf + BUF - b->size + b->src_off));
        break;
    case MATH1:
        for (u64 i = 0; i < n; i++)
            sink_d = (*b->math)(in_d[i % NIN]);
        break;
    case MATH1F:
        for (u64 i = 0; i < n; i++)
            sink_f = (*b->mathf)(in_f[i % NIN]);
        break;
    case POW:
        for (u64 i = 0; i < n; i++)
            sink_d = p_pow(in_d[i % NIN], in_e[i % NIN]);
        break;
    case FMA3:
        for (u64 i = 0; i < n; i++)
            sink_d = p_fma(in_d[i % NIN], in_e[i % NIN], in_z[i % NIN]);
        break;
    case FMA3F:
        for (u64 i = 0; i < n; i++)
            sink_f = p_fmaf(in_f[i % NIN], in_fe[i % NIN], in_fz[i % NIN]);
        break;
    case STRTOD:
        for (u64 i = 0; i < n; i++)
            sink_d = p_strtod(b->text, NULL);
        break;
    case PRINTF: {
        char out[64];
        int is_int = b->text[1] == 'd';
        for (u64 i = 0; i < n; i++) {
            if (is_int)
                KEEP(p_snprintf(out, sizeof out, b->text, (int)(i * 2654435761u)));
            else
                KEEP(p_snprintf(out, sizeof out, b->text, printf_values[i % NIN]));
        }
        break;
    }
    }
}

static void setup(void)
{
    for (unsigned i = 0; i < BUF + 64; i++)
        src_buf[i] = dst_buf[i] = cmp_buf[i] = (unsigned char)('a' + i % 23);
    // Strings of each size end at BUF; the scanned-for byte 'Z' is the last one.
    src_buf[BUF - 1] = cmp_buf[BUF - 1] = 'Z';
    src_buf[BUF] = cmp_buf[BUF] = 0;
    src_buf[4 * KIB - 1] = 'Z';
    for (unsigned i = 0; i < NIN; i++) {
        double t = (i + 0.5) / NIN; // 0..1, no library call
        in_d[i] = t;
        in_e[i] = -5 + 10 * t;
        in_f[i] = (float)t;
    }
}

static void set_inputs(const struct bench *b)
{
    for (unsigned i = 0; i < NIN; i++) {
        double t = (i + 0.5) / NIN;
        if (b->kind == MATH1 || b->kind == MATH1F) {
            in_d[i] = b->lo + (b->hi - b->lo) * t;
            in_f[i] = (float)in_d[i];
        } else if (b->kind == POW) {
            in_d[i] = 0.5 + 9.5 * t;
            in_e[i] = -5 + 10 * t;
        } else if (b->kind == FMA3 || b->kind == FMA3F) {
            // Products of either sign, addends of either sign near them.
            in_d[i] = 0.5 + 9.5 * t;
            in_e[i] = -5 + 10 * t + 0.1;
            in_z[i] = (i & 1 ? -1 : 1) * (1 + 30 * t);
            in_f[i] = (float)in_d[i], in_fe[i] = (float)in_e[i], in_fz[i] = (float)in_z[i];
        }
    }
}

// Results a correct library gives, so a broken variant is not timed silently.
static int sane(void)
{
    char out[32];
    p_snprintf(out, sizeof out, "%.17g", 0.5);
    return p_strtod("1.5", NULL) == 1.5 && p_sqrt(4.0) == 2.0 && p_strlen("abc") == 3 && strcmp(out, "0.5") == 0 &&
           p_memcmp(src_buf, cmp_buf, 64) == 0;
}

int main(int argc, char **argv)
{
    u64 target_ns = 1000000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rep") == 0)
            use_rep = 1;
        else if (strcmp(argv[i], "--regs") == 0)
            use_regs = 1;
        else if (strcmp(argv[i], "--ms") == 0 && i + 1 < argc)
            target_ns = strtoul(argv[++i], NULL, 10) * 1000000ull;
        else {
            fprintf(stderr, "usage: %s [--rep | --regs] [--ms N]\n", argv[0]);
            return 2;
        }
    }
#ifdef __SSE__
    if (use_regs) {
        fprintf(stderr, "--regs measures general-purpose registers: use the program built without SSE (soft float)\n");
        return 2;
    }
#endif
    setup();
    if (!sane()) {
        fprintf(stderr, "this C library gives wrong results (strtod, sqrt, strlen, snprintf or memcmp): not timed\n");
        return 1;
    }
    for (unsigned k = 0; k < NBENCH; k++) {
        const struct bench *b = &benches[k];
        if ((use_rep || use_regs) && b->kind != COPY && b->kind != SET)
            continue;
        set_inputs(b);
        run(b, 1); // warm the caches and the code
        u64 n = 1, t;
        for (;;) {
            u64 start = now_ns();
            run(b, n);
            t = now_ns() - start;
            if (t >= target_ns || n >= (1ull << 40))
                break;
            // Aim just past the target from what this round took.
            n = t > 0 && target_ns / t < 8 ? n * (target_ns / t + 1) : n * 8;
        }
        // The fastest of three timed runs: a run the scheduler interrupted says nothing.
        for (int rep = 0; rep < 2; rep++) {
            u64 start = now_ns();
            run(b, n);
            u64 again = now_ns() - start;
            if (again < t)
                t = again;
        }
        printf("%s\t%llu\n", b->name, t * 1000ull / n);
    }
    return 0;
}
