// exit(): atexit/on_exit handlers (last registered first, with the exit code),
// constructors through __libc_init_array, destructors, and fflush(NULL).
// The test harness checks the output and the exit status (5).
#include <stdio.h>
#include <stdlib.h>

void __libc_init_array(void);

static int constructed;
__attribute__((constructor)) static void construct(void) { constructed++; }
__attribute__((destructor)) static void destruct(void) { printf("destructor\n"); }

static void first(void) { printf("atexit first\n"); }
static void second(int code, void *arg) { printf("on_exit second code=%d arg=%s\n", code, (char *)arg); }

int main(void)
{
    __libc_init_array();
    printf("constructed=%d\n", constructed);
    atexit(first);
    on_exit(second, "x");
    fputs("buffered, flushed by exit", stdout);
    printf("\n");
    FILE *all = NULL; // a variable: the header marks fflush's argument nonnull
    fflush(all);
    exit(5);
}
