#define _GNU_SOURCE // memrchr
#include "check.h"
#include <stdlib.h>
#include <strings.h>
#include <wchar.h>

// Exhaustive checks of the x86_64 memory and string routines (src/c/x86_64_*.c)
// over every size 0..300 and every alignment 0..15 of source and destination,
// overlaps for memmove, and reads next to an inaccessible page. References
// use volatile byte accesses so the compiler cannot turn them into the very
// calls under test.
#include <stdint.h>

#define MAXN 300
#define PAD 64
static unsigned char src_buf[MAXN + 2 * PAD], dst_buf[MAXN + 2 * PAD], want_buf[MAXN + 2 * PAD];
static int reported;

static void vcopy(unsigned char *d, const unsigned char *s, size_t n)
{
    volatile unsigned char *vd = d;
    const volatile unsigned char *vs = s;
    for (size_t i = 0; i < n; i++)
        vd[i] = vs[i];
}

static int vsame(const unsigned char *a, const unsigned char *b, size_t n)
{
    const volatile unsigned char *va = a, *vb = b;
    for (size_t i = 0; i < n; i++)
        if (va[i] != vb[i])
            return 0;
    return 1;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    volatile unsigned char *v = p;
    for (size_t i = 0; i < n; i++)
        v[i] = (unsigned char)((i * 131u + seed * 7u + (i >> 3)) | 1u); // never 0
}

#define EXPECT(cond, ...)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            if (reported++ < 20) {                                             \
                printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);         \
                printf(__VA_ARGS__);                                           \
                printf("\n");                                                  \
            }                                                                  \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static void check_copies(void)
{
    for (size_t n = 0; n <= MAXN; n++)
        for (unsigned sa = 0; sa < 16; sa++)
            for (unsigned da = 0; da < 16; da++) {
                fill(src_buf, sizeof src_buf, (unsigned)n);
                fill(dst_buf, sizeof dst_buf, (unsigned)n + 1);
                vcopy(want_buf, dst_buf, sizeof dst_buf);
                vcopy(want_buf + PAD + da, src_buf + PAD + sa, n);
                void *r = memcpy(dst_buf + PAD + da, src_buf + PAD + sa, n);
                EXPECT(r == dst_buf + PAD + da && vsame(dst_buf, want_buf, sizeof dst_buf), "memcpy n=%zu sa=%u da=%u", n, sa, da);
                vcopy(dst_buf, want_buf, sizeof dst_buf); // restore, then the same with memmove
                fill(dst_buf + PAD + da, n, 99);
                r = memmove(dst_buf + PAD + da, src_buf + PAD + sa, n);
                EXPECT(r == dst_buf + PAD + da && vsame(dst_buf, want_buf, sizeof dst_buf), "memmove n=%zu sa=%u da=%u", n, sa, da);
                int c = (int)(n * 37 + sa) | 0x100; // only the low byte counts
                fill(dst_buf, sizeof dst_buf, (unsigned)n);
                vcopy(want_buf, dst_buf, sizeof dst_buf);
                volatile unsigned char *w = want_buf + PAD + da;
                for (size_t i = 0; i < n; i++)
                    w[i] = (unsigned char)c;
                r = memset(dst_buf + PAD + da, c, n);
                EXPECT(r == dst_buf + PAD + da && vsame(dst_buf, want_buf, sizeof dst_buf), "memset n=%zu a=%u", n, da);
            }
}

// memmove between overlapping ranges of one buffer, both directions.
static void check_overlaps(void)
{
    static unsigned char buf[MAXN + 2 * PAD], ref[MAXN + 2 * PAD];
    for (size_t n = 0; n <= MAXN; n++)
        for (int shift = -40; shift <= 40; shift++)
            for (unsigned sa = 0; sa < 16; sa += (n > 100 ? 5 : 1)) {
                size_t from = PAD + sa, to = (size_t)((long)from + shift);
                fill(buf, sizeof buf, (unsigned)n + (unsigned)shift);
                vcopy(ref, buf, sizeof buf);
                volatile unsigned char *vr = ref;
                if (to < from)
                    for (size_t i = 0; i < n; i++)
                        vr[to + i] = vr[from + i];
                else
                    for (size_t i = n; i-- > 0;)
                        vr[to + i] = vr[from + i];
                memmove(buf + to, buf + from, n);
                EXPECT(vsame(buf, ref, sizeof buf), "memmove overlap n=%zu shift=%d sa=%u", n, shift, sa);
            }
    // Large overlapping moves take the string-instruction and block paths.
    static unsigned char big[3 * 8192];
    static unsigned char bigref[3 * 8192];
    size_t sizes[] = { 511, 512, 2047, 2048, 4096, 5000, 8192 };
    int shifts[] = { -4097, -65, -64, -63, -17, -16, -1, 1, 15, 16, 17, 63, 64, 65, 4097 };
    for (unsigned k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (unsigned j = 0; j < sizeof shifts / sizeof *shifts; j++) {
            size_t n = sizes[k], from = 8192 + 3;
            size_t to = (size_t)((long)from + shifts[j]);
            fill(big, sizeof big, (unsigned)(k * 31 + j));
            vcopy(bigref, big, sizeof big);
            volatile unsigned char *vr = bigref;
            if (to < from)
                for (size_t i = 0; i < n; i++)
                    vr[to + i] = vr[from + i];
            else
                for (size_t i = n; i-- > 0;)
                    vr[to + i] = vr[from + i];
            memmove(big + to, big + from, n);
            EXPECT(vsame(big, bigref, sizeof big), "memmove large n=%zu shift=%d", n, shifts[j]);
        }
    // Large copies and sets, misaligned.
    for (unsigned k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (unsigned a = 0; a < 16; a += 3) {
            size_t n = sizes[k];
            fill(big, sizeof big, (unsigned)k);
            vcopy(bigref, big, sizeof big);
            vcopy(bigref + 9000 + a, big + 100 + (15 - a), n);
            memcpy(big + 9000 + a, big + 100 + (15 - a), n);
            EXPECT(vsame(big, bigref, sizeof big), "memcpy large n=%zu a=%u", n, a);
            volatile unsigned char *vr = bigref + 50 + a;
            for (size_t i = 0; i < n; i++)
                vr[i] = 0x5a;
            memset(big + 50 + a, 0x5a, n);
            EXPECT(vsame(big, bigref, sizeof big), "memset large n=%zu a=%u", n, a);
        }
}

static int sign(int x) { return (x > 0) - (x < 0); }

// Scans: every alignment 0..15 and length 0..MAXN; found/not-found positions.
static void check_scans(void)
{
    static char s[MAXN + 2 * PAD], t[MAXN + 2 * PAD];
    for (unsigned a = 0; a < 16; a++)
        for (size_t len = 0; len <= MAXN; len++) {
            char *p = s + PAD + a;
            fill((unsigned char *)s, sizeof s, (unsigned)len);
            p[len] = 0;
            EXPECT(strlen(p) == len, "strlen len=%zu a=%u", len, a);
            // strchr/memchr of a byte absent from the string, and of NUL.
            EXPECT(strchr(p, 0) == p + len, "strchr NUL len=%zu a=%u", len, a);
            EXPECT(strchr(p, 2) == NULL, "strchr absent len=%zu a=%u", len, a); // fill() makes odd bytes only
            EXPECT(memchr(p, 2, len) == NULL, "memchr absent len=%zu a=%u", len, a);
            EXPECT(memchr(p, 0, len + 1) == p + len, "memchr NUL len=%zu a=%u", len, a);
            EXPECT(len == 0 || memchr(p, 0, len) == NULL, "memchr stops at n len=%zu a=%u", len, a);
            // Bytes before the string that are NUL (then 2, the byte looked
            // for), followed by bytes one above them: a word-at-a-time scan
            // must not let a borrow from them mark a byte of the string.
            for (int pre = 0; pre <= 2; pre += 2) {
                for (int k = 1; k <= 16; k++)
                    p[-k] = (char)pre;
                for (size_t i = 0; i < len; i++)
                    p[i] = (char)(pre + 1);
                p[len] = 0;
                EXPECT(strlen(p) == len, "strlen after %d bytes len=%zu a=%u", pre, len, a);
                EXPECT(strchr(p, 2) == NULL && memchr(p, 2, len) == NULL && memchr(p, 0, len) == NULL,
                       "strchr/memchr after %d bytes len=%zu a=%u", pre, len, a);
                EXPECT(strchr(p, 0) == p + len, "strchr NUL after %d bytes len=%zu a=%u", pre, len, a);
            }
            fill((unsigned char *)s, sizeof s, (unsigned)len);
            p[len] = 0;
            size_t step = len < 48 ? 1 : 7;
            for (size_t i = 0; i < len; i += step) {
                char saved = p[i];
                p[i] = 2;
                EXPECT(strchr(p, 2) == p + i && strchr(p, 2 + 256) == p + i, "strchr len=%zu a=%u i=%zu", len, a, i);
                EXPECT(memchr(p, 2, len) == p + i && memchr(p, 2, i) == NULL, "memchr len=%zu a=%u i=%zu", len, a, i);
                p[i] = saved;
            }
            // strcmp/memcmp/strcpy against a copy at every other alignment.
            for (unsigned b = 0; b < 16; b += (len > 64 ? 5 : 1)) {
                char *q = t + PAD + b;
                vcopy((unsigned char *)t, (unsigned char *)s, sizeof t); // unequal alignment contents too
                vcopy((unsigned char *)q, (unsigned char *)p, len + 1);
                EXPECT(strcmp(p, q) == 0 && memcmp(p, q, len) == 0, "equal len=%zu a=%u b=%u", len, a, b);
                for (size_t i = 0; i < len; i += (len < 40 ? 1 : 9)) {
                    unsigned char x = (unsigned char)p[i], y = (unsigned char)(x ^ 0x80);
                    q[i] = (char)y;
                    int want = (int)x - (int)y;
#if defined(__x86_64__)
                    // x86_64 keeps picolibc's C results: the byte difference.
                    EXPECT(strcmp(p, q) == want && strcmp(q, p) == -want, "strcmp len=%zu a=%u b=%u i=%zu", len, a, b, i);
                    EXPECT(memcmp(p, q, len) == want && memcmp(q, p, len) == -want && memcmp(p, q, i) == 0,
                           "memcmp len=%zu a=%u b=%u i=%zu", len, a, b, i);
#else
                    // picolibc's aarch64 assembly returns other magnitudes; C fixes the sign only.
                    EXPECT(sign(strcmp(p, q)) == sign(want) && sign(strcmp(q, p)) == -sign(want), "strcmp len=%zu a=%u b=%u i=%zu", len, a, b, i);
                    EXPECT(sign(memcmp(p, q, len)) == sign(want) && sign(memcmp(q, p, len)) == -sign(want) && memcmp(p, q, i) == 0,
                           "memcmp len=%zu a=%u b=%u i=%zu", len, a, b, i);
#endif
                    q[i] = 0; // q is a prefix of p
                    EXPECT(sign(strcmp(p, q)) == 1 && sign(strcmp(q, p)) == -1, "strcmp prefix len=%zu i=%zu", len, i);
                    q[i] = (char)x;
                }
                fill((unsigned char *)t, sizeof t, 5);
                unsigned char after = (unsigned char)q[len + 1];
                char *r = strcpy(q, p);
                EXPECT(r == q && vsame((unsigned char *)q, (unsigned char *)p, len + 1) && (unsigned char)q[len + 1] == after,
                       "strcpy len=%zu a=%u b=%u", len, a, b);
            }
        }
}

// Linux system calls for the guard-page checks (the test runs as a static
// Linux program, natively on x86_64 or under qemu-aarch64-static).
#if defined(__x86_64__)
#define SYS_MMAP 9
#define SYS_MPROTECT 10
static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
    return ret;
}
#elif defined(__aarch64__)
#define SYS_MMAP 222
#define SYS_MPROTECT 226
static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}
#else
#error "no Linux system calls for this architecture"
#endif

// Strings and ranges that end at the last byte before an inaccessible page,
// or start at the first byte after one: a read past what C allows faults.
static void check_page_ends(void)
{
    const long page = 4096;
    // mmap(NULL, 3 pages, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
    long m = sys6(SYS_MMAP, 0, 3 * page, 3, 0x22, -1, 0);
    if (m < 0 && m > -4096) {
        printf("FAIL: mmap failed (%ld)\n", m);
        failures++;
        return;
    }
    unsigned char *lo = (unsigned char *)m, *mid = lo + page, *hi = lo + 2 * page;
    // mprotect(PROT_NONE) the first and the last page.
    if (sys6(SYS_MPROTECT, (long)lo, page, 0, 0, 0, 0) != 0 || sys6(SYS_MPROTECT, (long)hi, page, 0, 0, 0, 0) != 0) {
        printf("FAIL: mprotect failed\n");
        failures++;
        return;
    }
    static unsigned char other[4096 + 64];
    for (size_t len = 0; len <= 200; len++) {
        // A string whose NUL is the page's last byte.
        char *p = (char *)hi - len - 1;
        fill(mid, (size_t)page, (unsigned)len);
        p[len] = 0;
        EXPECT(strlen(p) == len, "strlen at page end len=%zu", len);
        EXPECT(strchr(p, 2) == NULL && strchr(p, 0) == p + len, "strchr at page end len=%zu", len);
        EXPECT(memchr(p, 2, len + 1) == NULL, "memchr at page end len=%zu", len);
        for (unsigned b = 0; b < 16; b++) {
            char *q = (char *)other + b;
            vcopy((unsigned char *)q, (unsigned char *)p, len + 1);
            EXPECT(strcmp(p, q) == 0 && strcmp(q, p) == 0 && memcmp(p, q, len + 1) == 0, "compare at page end len=%zu b=%u", len, b);
            EXPECT(memcmp(p, p, len + 1) == 0, "memcmp of a range ending at the page end len=%zu", len);
        }
        vcopy((unsigned char *)other, (unsigned char *)p, len + 1);
        char *c = strcpy((char *)other + 1, p);
        EXPECT(c == (char *)other + 1 && strcmp(c, p) == 0, "strcpy from page end len=%zu", len);
        // Ranges at the start of the page after the guard.
        unsigned char *start = mid;
        fill(start, len, 3);
        EXPECT(memchr(start, 2, len) == NULL, "memchr at page start len=%zu", len);
        memcpy(other, start, len);
        EXPECT(memcmp(other, start, len) == 0 && memcmp(start, other, len) == 0, "memcmp at page start len=%zu", len);
        memset(start, 7, len);
        memcpy(hi - len, start, len);
        memmove(start + (len > 3 ? 3 : 0), start, len > 3 ? len - 3 : 0);
        memmove(hi - len, hi - len + (len > 3 ? 3 : 0), len > 3 ? len - 3 : 0);
        EXPECT(len == 0 || (hi[-1] == 7 && start[0] == 7), "copies at page edges len=%zu", len);
    }
    // Two strings, both ending at their page ends, compared at every pair of
    // alignments (strcmp's page-crossing path).
    for (size_t len = 0; len <= 64; len++)
        for (unsigned d = 0; d < 32; d++) {
            char *p = (char *)hi - len - 1;
            char *q = (char *)mid + 64 + d; // ends well inside the page
            fill(mid, (size_t)page, 9);
            p[len] = 0;
            vcopy((unsigned char *)q, (unsigned char *)p, len + 1);
            EXPECT(strcmp(p, q) == 0 && strcmp(q, p) == 0, "strcmp page end len=%zu d=%u", len, d);
        }
}

int main(void)
{
    char a[64], big[4096], big2[4096];
    CHECK(strlen("") == 0 && strlen("hello") == 5);
    CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0);
    CHECK(strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("abc", "abd", 3) < 0);
    CHECK(strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABx", "aby", 2) == 0);
    strcpy(a, "foo");
    strcat(a, "bar");
    CHECK_STR(a, "foobar");
    strncpy(a, "xy", 5);
    CHECK(a[0] == 'x' && a[2] == 0 && a[4] == 0);
    CHECK(strchr("hello", 'l') == (char *)"hello" + 2 || strcmp(strchr("hello", 'l'), "llo") == 0);
    CHECK_STR(strrchr("hello", 'l'), "lo");
    CHECK_STR(strstr("haystack needle", "needle"), "needle");
    CHECK(strstr("abc", "zz") == NULL);
    CHECK(strspn("aabbc", "ab") == 4 && strcspn("hello", "lo") == 2);
    CHECK_STR(strpbrk("hello", "ol"), "llo");
    char tok[] = "a,b,,c";
    char *save, *t1 = strtok_r(tok, ",", &save), *t2 = strtok_r(NULL, ",", &save), *t3 = strtok_r(NULL, ",", &save);
    CHECK(strcmp(t1, "a") == 0 && strcmp(t2, "b") == 0 && strcmp(t3, "c") == 0 && strtok_r(NULL, ",", &save) == NULL);
    char *dup = strdup("copy");
    CHECK(dup && strcmp(dup, "copy") == 0);
    free(dup);
    CHECK(strnlen("abcdef", 3) == 3);
    CHECK(strlen(strerror(34)) > 0);

    for (int i = 0; i < 4096; i++)
        big[i] = (char)(i * 7);
    memcpy(big2, big, sizeof big);
    CHECK(memcmp(big, big2, sizeof big) == 0);
    big2[4000]++;
    CHECK(memcmp(big, big2, sizeof big) != 0);
    memset(big2, 0xAB, 1000);
    CHECK((unsigned char)big2[0] == 0xAB && (unsigned char)big2[999] == 0xAB && big2[1000] == big[1000]);
    memmove(big + 1, big, 100); // overlapping
    CHECK(big[1] == 0 && big[2] == 7 && big[100] == (char)(99 * 7));
    CHECK(memchr("abcdef", 'd', 6) != NULL && memchr("abcdef", 'z', 6) == NULL);
    CHECK(memrchr("abcabc", 'a', 6) == (const char *)"abcabc" + 3 || *(char *)memrchr("abcabc", 'b', 6) == 'b');
    CHECK(ffs(0x10) == 5 && ffs(0) == 0);
    CHECK(wcslen(L"wide") == 4 && wcscmp(L"a", L"b") < 0);
    check_copies();
    check_overlaps();
    check_scans();
    check_page_ends();
    DONE();
}
