// Entry point of the native test programs: static Linux executables linked
// against hyperlight-libc's libc.a, with no other C library.
#include <stdlib.h>

int main(int argc, char **argv);
void __libc_init_array(void);

__attribute__((used)) static void start_c(long *sp)
{
    int    argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    // What the README asks of a guest with C constructors.
    __libc_init_array();
    exit(main(argc, argv));
}

// The kernel enters with the stack pointer at argc; keep the ABI's 16-byte alignment.
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  xor %rbp, %rbp\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call start_c\n"
        "  hlt\n");
