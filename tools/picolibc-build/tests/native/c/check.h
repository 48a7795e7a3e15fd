// Assertions for the native libc tests: print what failed, keep going, and
// make main's return value the failure count.
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);             \
            failures++;                                                        \
        }                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if (strcmp(g_, w_) != 0) {                                             \
            printf("FAIL %s:%d: got \"%s\", want \"%s\"\n", __FILE__,          \
                   __LINE__, g_, w_);                                          \
            failures++;                                                        \
        }                                                                      \
    } while (0)

#define DONE()                                                                 \
    do {                                                                       \
        printf("%s: %d failures\n", __FILE__, failures);                       \
        return failures;                                                       \
    } while (0)
