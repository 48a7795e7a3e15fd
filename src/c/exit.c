// SPDX-License-Identifier: Apache-2.0
// exit() for guests linked without picolibc's linker script (all Hyperlight
// guests): picolibc's own exit runs atexit handlers only through a
// .fini_array_onexit section that just its linker script merges, so in a
// guest they would never run.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// In exitprocs.c, linked only when atexit/on_exit/__cxa_atexit are used.
void __call_exitprocs(int code, void *param) __attribute__((weak));
void __libc_fini_array(void);

void exit(int code)
{
    // atexit/on_exit/__cxa_atexit handlers, last registered first, with the real code.
    if (__call_exitprocs)
        __call_exitprocs(code, NULL);
    // C destructors (.fini_array).
    __libc_fini_array();
    FILE *all = NULL; // fflush(NULL), past <stdio.h>'s nonnull attribute
    __asm__("" : "+r"(all));
    fflush(all);
    _exit(code);
}
