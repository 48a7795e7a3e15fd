#include "check.h"
#include <setjmp.h>

static jmp_buf env;
static int depth;

static void dive(int n)
{
    depth = n;
    if (n == 10)
        longjmp(env, n);
    dive(n + 1);
}

int main(void)
{
    volatile int rounds = 0;
    int r = setjmp(env);
    if (r == 0) {
        dive(0);
        CHECK(0); // not reached
    }
    CHECK(r == 10 && depth == 10);
    rounds++;
    if (rounds < 3)
        longjmp(env, 0 + 10); // jumping again works; 0 would become 1
    CHECK(rounds == 3);
    jmp_buf e2;
    if (setjmp(e2) == 0)
        longjmp(e2, 0);
    else
        CHECK(1);
    DONE();
}
