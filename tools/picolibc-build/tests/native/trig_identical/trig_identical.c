// sin, cos and sincos of seeded inputs in every rounding mode the flavour
// accepts. Prints per input class and mode an FNV-1a digest of the result
// bits and exception flags, or with --dump every input and result.
// tests/trig_identical links it once against the archive (src/c/sin_cos.c)
// and once with picolibc's own s_sin.c, s_cos.c and s_sincos.c in front of
// the archive: the two programs must print the same.
#define _GNU_SOURCE // sincos
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../seeded.h"

#define PER_CLASS 20000

static uint64_t state = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
    return xorshift64(&state);
}

static uint64_t random_sign(void)
{
    return (rnd() & 1) << 63;
}

static uint64_t with_exponent(uint64_t e)
{
    return random_sign() | e << 52 | (rnd() & ((1ull << 52) - 1));
}

// High words where the reduction changes its method: pi/4, 3pi/4, pi/2
// (two pieces of pi/2), 2^19 pi/2 (Payne-Hanek above), infinity, and the
// multiples n pi/2 (n <= 32) whose high word asks for the cancellation test.
static const uint32_t edge_words[] = {
    0x3fe921fb, 0x3fe921fc, 0x3ff921fb, 0x3ff921fa, 0x3ff921fc, 0x4002d97b, 0x4002d97c,
    0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
    0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb,
    0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c,
    0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb,
    0x40478fdb, 0x404858eb, 0x404921fb, 0x413921fb, 0x413921fc, 0x7fefffff, 0x7ff00000,
};

static const uint64_t specials[] = {
    0, 1ull << 63, 1, 0x000fffffffffffffull, 0x0010000000000000ull, 0x3e40000000000000ull,
    0x3e3fffffffffffffull, 0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000123ull, 0x7ff0000000000001ull, 0x7ff4000000000abcull,
};

enum { SMALL, MEDIUM, WIDE, NEAR, HALFWAY, EDGES, LARGE, CLASSES };
static const char *const class_names[CLASSES] = { "small", "medium", "wide", "near", "halfway", "edges", "large" };
static double inputs[CLASSES][PER_CLASS];

// Computed before any rounding mode changes, so every program sees the same.
static void make_inputs(void)
{
    for (int i = 0; i < PER_CLASS; i++) {
        // |x| < 1, every exponent down to the subnormals.
        inputs[SMALL][i] = from_bits(with_exponent(rnd() % 0x3ff));
        inputs[MEDIUM][i] = -10.0 + 20.0 * (double)(rnd() >> 11) / 9007199254740992.0;
        // pi/4 up to past 2^19 pi/2: the inline reduction's whole range.
        inputs[WIDE][i] = from_bits(with_exponent(0x3fe + rnd() % 0x17));
        // Within a few ulps of k pi/2 (k < 2^20): the cancellation cases.
        // k * 0x1.921fb544p+0 is exact; the tail makes the sum ~1 ulp close.
        double k = (double)(1 + rnd() % ((1u << 20) - 1));
        double near = k * 0x1.921fb544p+0 + k * 0x1.0b4611a626331p-34;
        int64_t off = (int64_t)(rnd() % 17) - 8;
        inputs[NEAR][i] = from_bits((to_bits(near) + (uint64_t)off) | random_sign());
        // Within a few ulps of (k + 1/2) pi/2: where n is decided by rounding.
        double odd = (double)(2 * (1 + rnd() % ((1u << 20) - 1)) + 1);
        double halfway = odd * 0x1.921fb544p-1 + odd * 0x1.0b4611a626331p-35;
        off = (int64_t)(rnd() % 17) - 8;
        inputs[HALFWAY][i] = from_bits((to_bits(halfway) + (uint64_t)off) | random_sign());
        uint64_t word = edge_words[rnd() % (sizeof edge_words / sizeof edge_words[0])];
        uint64_t low = rnd() % 4 == 0 ? rnd() % 4 : (uint32_t)rnd();
        // Half of the rest: within 64 ulps of k pi/2 for k <= 32 (pi/2 itself
        // takes two pieces; the table's multiples the cancellation test).
        double small_k = (double)(1 + rnd() % 32);
        double multiple = small_k * 0x1.921fb544p+0 + small_k * 0x1.0b4611a626331p-34;
        uint64_t close = (to_bits(multiple) + rnd() % 129 - 64) | random_sign();
        uint64_t edge = rnd() % 2 ? close : random_sign() | word << 32 | low;
        inputs[EDGES][i] = from_bits(i < (int)(sizeof specials / sizeof specials[0]) ? specials[i] : edge);
        inputs[LARGE][i] = from_bits(with_exponent(0x414 + rnd() % (0x7ff - 0x414)));
    }
}

static double (*volatile sin_fn)(double) = sin;
static double (*volatile cos_fn)(double) = cos;
static void (*volatile sincos_fn)(double, double *, double *) = sincos;

static uint64_t digest;

static void mix(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        digest ^= (v >> (8 * i)) & 0xff;
        digest *= 0x100000001b3ull;
    }
}

static int take_flags(void)
{
    int flags = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    return flags;
}

int main(int argc, char **argv)
{
    int dump = argc > 1 && strcmp(argv[1], "--dump") == 0;
    make_inputs();
    static const struct { int mode; const char *name; } modes[] = {
        { FE_TONEAREST, "nearest" },
#ifdef FE_UPWARD
        { FE_UPWARD, "upward" },
#endif
#ifdef FE_DOWNWARD
        { FE_DOWNWARD, "downward" },
#endif
#ifdef FE_TOWARDZERO
        { FE_TOWARDZERO, "towardzero" },
#endif
    };
    int ran = 0;
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        if (fesetround(modes[m].mode) != 0 || fegetround() != modes[m].mode) {
            printf("%s: not supported\n", modes[m].name);
            continue;
        }
        ran++;
        for (int c = 0; c < CLASSES; c++) {
            digest = 0xcbf29ce484222325ull;
            for (int i = 0; i < PER_CLASS; i++) {
                double x = inputs[c][i], s, co, ss, sc;
                take_flags();
                s = sin_fn(x);
                int fs = take_flags();
                co = cos_fn(x);
                int fc = take_flags();
                sincos_fn(x, &ss, &sc);
                int fsc = take_flags();
                uint64_t flags = (uint64_t)fs | (uint64_t)fc << 16 | (uint64_t)fsc << 32;
                mix(to_bits(s));
                mix(to_bits(co));
                mix(to_bits(ss));
                mix(to_bits(sc));
                mix(flags);
                if (dump)
                    printf("%s %s %016llx  %016llx %016llx %016llx %016llx %012llx\n", class_names[c], modes[m].name,
                           (unsigned long long)to_bits(x), (unsigned long long)to_bits(s), (unsigned long long)to_bits(co),
                           (unsigned long long)to_bits(ss), (unsigned long long)to_bits(sc), (unsigned long long)flags);
            }
            printf("%s %s %d %016llx\n", class_names[c], modes[m].name, PER_CLASS, (unsigned long long)digest);
        }
    }
    fesetround(FE_TONEAREST);
    printf("modes %d\n", ran);
    return 0;
}
