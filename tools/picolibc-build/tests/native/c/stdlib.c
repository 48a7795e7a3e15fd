#include "check.h"
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int exit_order[2], exit_count;
static void at_exit_handler(void) { exit_order[exit_count++] = 1; }

int main(void)
{
    int v[200];
    for (int i = 0; i < 200; i++)
        v[i] = (i * 7919) % 211 - 100;
    qsort(v, 200, sizeof v[0], cmp_int);
    int sorted = 1;
    for (int i = 1; i < 200; i++)
        sorted &= v[i - 1] <= v[i];
    CHECK(sorted);
    int key = v[123];
    int *hit = bsearch(&key, v, 200, sizeof v[0], cmp_int);
    CHECK(hit && *hit == key);
    key = 1000;
    CHECK(bsearch(&key, v, 200, sizeof v[0], cmp_int) == NULL);

    div_t d = div(-7, 2);
    CHECK(d.quot == -3 && d.rem == -1);
    ldiv_t ld = ldiv(100000000000L, 7);
    CHECK(ld.quot == 14285714285L && ld.rem == 5);
    CHECK(abs(-5) == 5 && labs(-5L) == 5 && llabs(-5LL) == 5);

    char *p = malloc(100);
    CHECK(p != NULL);
    for (int i = 0; i < 100; i++)
        p[i] = (char)i;
    p = realloc(p, 1000);
    CHECK(p && p[99] == 99);
    int *z = calloc(10, sizeof(int));
    CHECK(z && z[0] == 0 && z[9] == 0);
    free(z);
    free(p);

    srand(1);
    int r1 = rand();
    srand(1);
    CHECK(rand() == r1 && r1 >= 0 && r1 <= RAND_MAX);
    CHECK(atexit(at_exit_handler) == 0);
    CHECK(getenv("HOME") == NULL || 1);

    // <malloc.h> introspection: the weak fallbacks of src/c/malloc_info.c.
    struct mallinfo info = mallinfo();
    CHECK(info.arena == 0 && info.uordblks == 0 && info.fordblks == 0);
    CHECK(mallopt(M_TRIM_THRESHOLD, 4096) == 0 && malloc_trim(0) == 0);
    malloc_stats();
    DONE();
}
