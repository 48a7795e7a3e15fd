// aarch64's long double is IEEE binary128; this checks src/c/strtod.c's
// binary128 strtold natively: compiled for the host with -mlong-double-128
// (and its symbols renamed to hl_*), against glibc's strtof128 on seeded
// inputs and on the subjects (one a line) in the file named by its
// argument, if any. Prints "binary128: <bad> of <total>" and exits non-zero on a
// difference.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../seeded.h"

long double hl_strtold(const char *, char **);
__float128 strtof128(const char *, char **);

static uint64_t seed = 88172645463325252ull;
static uint64_t rnd(void)
{
    return xorshift64(&seed);
}

static int bad, total;

static void check(const char *b)
{
    char *e1, *e2;
    errno = 0;
    long double a = hl_strtold(b, &e1);
    int r1 = errno;
    errno = 0;
    __float128 g = strtof128(b, &e2);
    int r2 = errno;
    total++;
    if (memcmp(&a, &g, 16) || e1 != e2 || r1 != r2) {
        uint64_t x[2], y[2];
        memcpy(x, &a, 16);
        memcpy(y, &g, 16);
        if (bad++ < 10)
            printf("%.100s (%zu chars): ours %016llx%016llx end %ld erange %d, glibc %016llx%016llx end %ld erange %d\n", b, strlen(b),
                   (unsigned long long)x[1], (unsigned long long)x[0], (long)(e1 - b), r1 == ERANGE,
                   (unsigned long long)y[1], (unsigned long long)y[0], (long)(e2 - b), r2 == ERANGE);
    }
}

int main(int argc, char **argv)
{
    static char b[4096];
    if (argc > 1) { /* one subject a line */
        FILE *in = fopen(argv[1], "r");
        if (!in) {
            printf("binary128: cannot open %s\n", argv[1]);
            return 2;
        }
        char *line = 0;
        size_t cap = 0;
        ssize_t got;
        while ((got = getline(&line, &cap, in)) > 0) {
            if (line[got - 1] == '\n')
                line[got - 1] = 0;
            check(line);
        }
        free(line);
        fclose(in);
    }
    for (int i = 0; i < 20000; i++) {
        uint64_t u = rnd();
        double d;
        memcpy(&d, &u, 8);
        if (d != d)
            continue;
        snprintf(b, sizeof b, "%.17g", d);
        check(b);
        snprintf(b, sizeof b, "%.40e", d);
        check(b);
        int len = 1 + (int)(rnd() % 60), k = 0;
        for (int j = 0; j < len; j++)
            b[k++] = (char)('0' + rnd() % 10);
        sprintf(b + k, "e%d", (int)(rnd() % 9900) - 4950);
        check(b);
        sprintf(b, "0x%llx.%llxp%d", (unsigned long long)(rnd() >> (rnd() % 64)), (unsigned long long)rnd(),
                (int)(rnd() % 33000) - 16500);
        check(b);
        if (i % 50 == 0) {
            len = 100 + (int)(rnd() % 700);
            k = 0;
            b[k++] = '0';
            b[k++] = '.';
            for (int j = 0; j < len; j++)
                b[k++] = (char)('0' + rnd() % 10);
            sprintf(b + k, "e%d", (int)(rnd() % 9900) - 4950);
            check(b);
        }
    }
    printf("binary128: %d of %d differ\n", bad, total);
    return bad != 0;
}
