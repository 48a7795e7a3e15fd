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
#if defined(__x86_64__)
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  xor %rbp, %rbp\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call start_c\n"
        "  hlt\n");
#elif defined(__aarch64__)
// (Linux already aligns sp to 16 bytes on aarch64; the frame and link registers start at 0.)
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  mov x29, #0\n"
        "  mov x30, #0\n"
        "  mov x0, sp\n"
        "  bl start_c\n"
        "  brk #0\n");
#else
#error "native runtime: add this architecture's entry point"
#endif
