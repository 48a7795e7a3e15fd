// SPDX-License-Identifier: Apache-2.0
// memcpy, memmove and memset for x86_64, replacing picolibc's assembly (which
// uses non-temporal stores from 256 bytes up, so even a hot copy goes to
// memory) and its byte/word C loops.
//
// Small sizes use overlapping loads and stores: a copy of n bytes, 8 <= n <= 16,
// is the first 8 and the last 8 bytes, so there is no loop and no branch per
// byte. Medium sizes loop over blocks (64 bytes in SSE registers, 32 in
// general-purpose ones). Large sizes use `rep movsb` / `rep stosb`, which the
// CPU runs with its fastest cache-resident strategy (ERMS), except where its
// source and destination are too close for it (below). The hard-float flavour
// (SSE2) moves 16 bytes per register; the soft-float flavour
// (x86_64-unknown-none: no SSE/x87/MMX state) moves 8 bytes per
// general-purpose register and hands large sizes to the string instructions
// sooner. No non-temporal stores: `rep movsb` already matches glibc at 1 MiB.
//
// memmove copies forward when the destination does not start inside the
// source, else backward; in either direction every load of a block happens
// before its stores, so overlapping buffers come out right.
#if defined(__x86_64__)
#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;
typedef uint32_t __attribute__((may_alias, aligned(1))) u32u;
typedef uint16_t __attribute__((may_alias, aligned(1))) u16u;

#ifdef __SSE2__
typedef long long v16 __attribute__((vector_size(16)));
typedef v16 __attribute__((may_alias, aligned(1))) v16u;
typedef v16 __attribute__((may_alias, aligned(16))) v16a;
typedef v16 block;
static inline __attribute__((always_inline)) block load16(const unsigned char *p) { return *(const v16u *)p; }
static inline __attribute__((always_inline)) void store16(unsigned char *p, block v) { *(v16u *)p = v; }
static inline __attribute__((always_inline)) void store16a(unsigned char *p, block v) { *(v16a *)p = v; }
static inline __attribute__((always_inline)) block splat16(uint64_t w) { return (block){ (long long)w, (long long)w }; }
// Sizes from which the string instructions beat the 64-byte loop (measured on
// AMD EPYC (Zen 4) with ERMS and FSRM; the crossovers are similar on Intel).
#define MEMCPY_REP_MIN 1024
#define MEMSET_REP_MIN 1024
#else
typedef struct { uint64_t a, b; } block;
static inline __attribute__((always_inline)) block load16(const unsigned char *p) { return (block){ *(const u64u *)p, *(const u64u *)(p + 8) }; }
static inline __attribute__((always_inline)) void store16(unsigned char *p, block v) { *(u64u *)p = v.a; *(u64u *)(p + 8) = v.b; }
static inline __attribute__((always_inline)) void store16a(unsigned char *p, block v) { store16(p, v); }
static inline __attribute__((always_inline)) block splat16(uint64_t w) { return (block){ w, w }; }
#define MEMCPY_REP_MIN 512
#define MEMSET_REP_MIN 384
#endif

// n <= 16, any overlap: every load before any store.
static inline __attribute__((always_inline)) void copy_small(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n >= 8) {
        uint64_t a = *(const u64u *)s, b = *(const u64u *)(s + n - 8);
        *(u64u *)d = a;
        *(u64u *)(d + n - 8) = b;
    } else if (n >= 4) {
        uint32_t a = *(const u32u *)s, b = *(const u32u *)(s + n - 4);
        *(u32u *)d = a;
        *(u32u *)(d + n - 4) = b;
    } else if (n >= 2) {
        uint16_t a = *(const u16u *)s, b = *(const u16u *)(s + n - 2);
        *(u16u *)d = a;
        *(u16u *)(d + n - 2) = b;
    } else if (n) {
        *d = *s;
    }
}

// 16 < n <= 64, any overlap: every load before any store.
static inline __attribute__((always_inline)) void copy_medium(unsigned char *d, const unsigned char *s, size_t n)
{
    block a = load16(s), b = load16(s + n - 16);
    if (n > 32) {
        block c = load16(s + 16), e = load16(s + n - 32);
        store16(d + 16, c);
        store16(d + n - 32, e);
    }
    store16(d, a);
    store16(d + n - 16, b);
}

// The string instructions, out of line: under -frounding-math clang follows
// every inline asm statement in a function with an x87 `wait`, which has no
// place in the soft-float flavour. Each returns its first argument.
void *__hl_rep_movsb(void *d, const void *s, size_t n);
void *__hl_rep_stosb(void *d, int c, size_t n);
__asm__(".pushsection .text.__hl_rep_movsb,\"ax\",@progbits\n"
        ".p2align 4\n"
        ".local __hl_rep_movsb\n"
        ".type __hl_rep_movsb,@function\n"
        "__hl_rep_movsb:\n"
        "  movq %rdi, %rax\n"
        "  movq %rdx, %rcx\n"
        "  rep movsb\n"
        "  ret\n"
        ".size __hl_rep_movsb, .-__hl_rep_movsb\n"
        ".popsection\n"
        ".pushsection .text.__hl_rep_stosb,\"ax\",@progbits\n"
        ".p2align 4\n"
        ".local __hl_rep_stosb\n"
        ".type __hl_rep_stosb,@function\n"
        "__hl_rep_stosb:\n"
        "  movq %rdi, %r8\n"
        "  movl %esi, %eax\n"
        "  movq %rdx, %rcx\n"
        "  rep stosb\n"
        "  movq %r8, %rax\n"
        "  ret\n"
        ".size __hl_rep_stosb, .-__hl_rep_stosb\n"
        ".popsection\n");

#ifdef __SSE2__
// n > 64, copying forward: safe unless d starts inside [s, s + n).
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    // The last 64 bytes and the first 16 are loaded before the loop, so the
    // loop can store to 16-aligned destinations and stop early.
    block t0 = load16(s + n - 64), t1 = load16(s + n - 48), t2 = load16(s + n - 32), t3 = load16(s + n - 16);
    block h = load16(s);
    size_t skip = 16 - ((uintptr_t)d & 15);
    unsigned char *p = d + skip;
    const unsigned char *q = s + skip;
    unsigned char *end = d + n - 64;
    while (p < end) {
        block a = load16(q), b = load16(q + 16), c = load16(q + 32), e = load16(q + 48);
        store16a(p, a);
        store16a(p + 16, b);
        store16a(p + 32, c);
        store16a(p + 48, e);
        p += 64;
        q += 64;
    }
    store16(d, h);
    store16(d + n - 64, t0);
    store16(d + n - 48, t1);
    store16(d + n - 32, t2);
    store16(d + n - 16, t3);
}

// n > 64, copying backward, for d inside (s, s + n).
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    block h0 = load16(s), h1 = load16(s + 16), h2 = load16(s + 32), h3 = load16(s + 48);
    block t0 = load16(s + n - 32), t1 = load16(s + n - 16);
    // The loop's stores end at 16-aligned addresses, from i (n - 31 <= i <= n - 16)
    // down; the last 32 and the first 64 bytes are stored from the loads above.
    size_t i = n - 16;
    i -= (uintptr_t)(d + i) & 15;
    while (i > 64) {
        block a = load16(s + i - 16), b = load16(s + i - 32), c = load16(s + i - 48), e = load16(s + i - 64);
        store16a(d + i - 16, a);
        store16a(d + i - 32, b);
        store16a(d + i - 48, c);
        store16a(d + i - 64, e);
        i -= 64;
    }
    store16(d + n - 16, t1);
    store16(d + n - 32, t0);
    store16(d + 48, h3);
    store16(d + 32, h2);
    store16(d + 16, h1);
    store16(d, h0);
}

static void copy_disjoint(unsigned char *d, const unsigned char *s, size_t n)
{
    copy_forward(d, s, n);
}
#define copy_medium_disjoint copy_medium
#else
// Soft-float: 8-byte registers only. Each step loads 32 bytes and then stores
// them; with d < s (or no overlap) a step's stores never reach bytes a later
// step loads, so the forward copy is right for memmove too. The remainder is
// copied the same way in 8-byte and then 1-byte steps.
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; n - i >= 32; i += 32) {
        uint64_t a = *(const u64u *)(s + i), b = *(const u64u *)(s + i + 8);
        uint64_t c = *(const u64u *)(s + i + 16), e = *(const u64u *)(s + i + 24);
        *(u64u *)(d + i) = a;
        *(u64u *)(d + i + 8) = b;
        *(u64u *)(d + i + 16) = c;
        *(u64u *)(d + i + 24) = e;
    }
    for (; n - i >= 8; i += 8)
        *(u64u *)(d + i) = *(const u64u *)(s + i);
    for (; i < n; i++)
        d[i] = s[i];
}

// The mirror image, for d inside (s, s + n): from the end down.
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t i = n;
    for (; i >= 32; i -= 32) {
        uint64_t a = *(const u64u *)(s + i - 8), b = *(const u64u *)(s + i - 16);
        uint64_t c = *(const u64u *)(s + i - 24), e = *(const u64u *)(s + i - 32);
        *(u64u *)(d + i - 8) = a;
        *(u64u *)(d + i - 16) = b;
        *(u64u *)(d + i - 24) = c;
        *(u64u *)(d + i - 32) = e;
    }
    for (; i >= 8; i -= 8)
        *(u64u *)(d + i - 8) = *(const u64u *)(s + i - 8);
    while (i--)
        d[i] = s[i];
}

// memcpy's ranges do not overlap, so each load can go straight to its store:
// few scratch registers, none callee-saved to push and pop on every call
// (holding 64 bytes at once cost each small copy four pushes and pops).
// 32 bytes per step, then the last 32 bytes (overlapping the last step).
static void copy_disjoint(unsigned char *d, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n - 32; i += 32) {
        *(u64u *)(d + i) = *(const u64u *)(s + i);
        *(u64u *)(d + i + 8) = *(const u64u *)(s + i + 8);
        *(u64u *)(d + i + 16) = *(const u64u *)(s + i + 16);
        *(u64u *)(d + i + 24) = *(const u64u *)(s + i + 24);
    }
    const unsigned char *t = s + n - 32;
    unsigned char *u = d + n - 32;
    *(u64u *)u = *(const u64u *)t;
    *(u64u *)(u + 8) = *(const u64u *)(t + 8);
    *(u64u *)(u + 16) = *(const u64u *)(t + 16);
    *(u64u *)(u + 24) = *(const u64u *)(t + 24);
}

// 16 < n <= 64 for memcpy: copy_medium's bytes, each load straight to its store.
static inline __attribute__((always_inline)) void copy_medium_disjoint(unsigned char *d, const unsigned char *s, size_t n)
{
    *(u64u *)d = *(const u64u *)s;
    *(u64u *)(d + 8) = *(const u64u *)(s + 8);
    if (n > 32) {
        *(u64u *)(d + 16) = *(const u64u *)(s + 16);
        *(u64u *)(d + 24) = *(const u64u *)(s + 24);
        *(u64u *)(d + n - 32) = *(const u64u *)(s + n - 32);
        *(u64u *)(d + n - 24) = *(const u64u *)(s + n - 24);
    }
    *(u64u *)(d + n - 16) = *(const u64u *)(s + n - 16);
    *(u64u *)(d + n - 8) = *(const u64u *)(s + n - 8);
}
#endif

// `rep movsb` slows down up to a hundredfold when the destination is 1 to 15
// bytes past the source modulo 4 KiB, and 2.4-fold at 16 to 31 (its loads wait
// on its own recent stores; measured on AMD EPYC, Zen 4); the loop has no such
// cliff.
static inline __attribute__((always_inline)) int rep_distance_ok(const void *d, const void *s)
{
    return (((uintptr_t)d - (uintptr_t)s) & 4095) - 1 >= 31;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n <= 16)
        copy_small(d, s, n);
    else if (n <= 64)
        copy_medium_disjoint(d, s, n);
    else if (n >= MEMCPY_REP_MIN && rep_distance_ok(d, s))
        return __hl_rep_movsb(d, s, n);
    else
        copy_disjoint(d, s, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n <= 16)
        copy_small(d, s, n);
    else if (n <= 64)
        copy_medium(d, s, n);
    else if ((uintptr_t)d - (uintptr_t)s >= n) {
        // d before s or past its end: forward. `rep movsb` copies byte by
        // byte in effect, so it is right for d < s too.
        if (n >= MEMCPY_REP_MIN && (uintptr_t)s - (uintptr_t)d >= 64 && rep_distance_ok(d, s))
            return __hl_rep_movsb(d, s, n);
        else
            copy_forward(d, s, n);
    } else
        copy_backward(d, s, n);
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint64_t w = (uint64_t)(unsigned char)c * 0x0101010101010101ull;
    if (n <= 16) {
        if (n >= 8) {
            *(u64u *)d = w;
            *(u64u *)(d + n - 8) = w;
        } else if (n >= 4) {
            *(u32u *)d = (uint32_t)w;
            *(u32u *)(d + n - 4) = (uint32_t)w;
        } else if (n >= 2) {
            *(u16u *)d = (uint16_t)w;
            *(u16u *)(d + n - 2) = (uint16_t)w;
        } else if (n) {
            *d = (unsigned char)c;
        }
        return dst;
    }
    block v = splat16(w);
    if (n <= 64) {
        store16(d, v);
        store16(d + n - 16, v);
        if (n > 32) {
            store16(d + 16, v);
            store16(d + n - 32, v);
        }
        return dst;
    }
    if (n >= MEMSET_REP_MIN)
        return __hl_rep_stosb(d, c, n);
    store16(d, v);
    unsigned char *p = d + 16 - ((uintptr_t)d & 15);
    unsigned char *end = d + n - 64;
    while (p < end) {
        store16a(p, v);
        store16a(p + 16, v);
        store16a(p + 32, v);
        store16a(p + 48, v);
        p += 64;
    }
    store16(end, v);
    store16(end + 16, v);
    store16(end + 32, v);
    store16(end + 48, v);
    return dst;
}
#endif
