// A guest's own C code, as a -sys crate compiles it with DEP_C_CFLAGS:
// scripts/bench builds it twice, with today's flags and with -ffreestanding
// added (what DEP_C_CFLAGS held before, which implies -fno-builtin), links
// both against the hard-float archive and times them. With builtins on, the
// memcpy idiom for an unaligned load is one instruction and strlen of a
// constant is a constant; with -fno-builtin each is a library call.
//
//   consumer [--ms N]   prints "<case>\t<picoseconds per call>"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long u64;

static u64 now_ns(void)
{
    struct {
        long sec, nsec;
    } ts;
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(228L), "D"(1L), "S"(&ts) : "rcx", "r11", "memory");
    return ret ? 0 : (u64)ts.sec * 1000000000ull + (u64)ts.nsec;
}

#define KEEP(x) __asm__ volatile("" : : "r"(x) : "memory")

static unsigned char buf[4096 + 8];

// The portable unaligned 8-byte load (bzip2, zlib, flatbuffers readers use it).
static uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

__attribute__((noinline)) static uint64_t sum_words(const unsigned char *p, size_t n)
{
    uint64_t s = 0;
    for (size_t i = 0; i + 8 <= n; i += 8)
        s += load64(p + i + 1);
    return s;
}

__attribute__((noinline)) static size_t header_len(const char *value)
{
    // strlen of a constant, as header and key handling code does.
    return strlen("Content-Length: ") + strlen(value);
}

__attribute__((noinline)) static void clear_small(unsigned char *p)
{
    memset(p, 0, 32);
}

static u64 time_case(int which, u64 n)
{
    u64 start = now_ns();
    for (u64 i = 0; i < n; i++) {
        if (which == 0)
            KEEP(sum_words(buf, 4096));
        else if (which == 1)
            KEEP(header_len("42"));
        else {
            clear_small(buf + (i & 7));
            KEEP(buf);
        }
    }
    return now_ns() - start;
}

int main(int argc, char **argv)
{
    u64 target = argc == 3 && strcmp(argv[1], "--ms") == 0 ? strtoul(argv[2], NULL, 10) * 1000000ull : 1000000ull;
    static const char *names[] = { "8-byte loads via memcpy, 4 KiB", "strlen of a constant (+ a short strlen)",
                                   "memset 32 B" };
    for (int k = 0; k < 3; k++) {
        u64 n = 1, t;
        time_case(k, 1);
        while ((t = time_case(k, n)) < target)
            n *= 2;
        for (int r = 0; r < 2; r++) {
            u64 again = time_case(k, n);
            if (again < t)
                t = again;
        }
        printf("%s\t%llu\n", names[k], t * 1000ull / n);
    }
    return 0;
}
