// The OS interface hyperlight-guest-bin gives a guest, implemented over Linux
// system calls so the tests can run natively. picolibc's errno and clockid
// numbers differ from Linux's; both are translated here.
#include <errno.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

// Linux system call numbers differ per architecture; the calls do not.
#if defined(__x86_64__)
#define SYS_read           0
#define SYS_write          1
#define SYS_close          3
#define SYS_lseek          8
#define SYS_clock_gettime  228
#define SYS_exit_group     231
#elif defined(__aarch64__)
// The generic table (asm-generic/unistd.h) that aarch64 Linux uses.
#define SYS_read           63
#define SYS_write          64
#define SYS_close          57
#define SYS_lseek          62
#define SYS_clock_gettime  113
#define SYS_exit_group     94
#else
#error "native runtime: add this architecture's Linux system call numbers"
#endif
#define LINUX_CLOCK_MONOTONIC 1

static long syscall3(long n, long a, long b, long c)
{
#if defined(__x86_64__)
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
#else
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
#endif
}

// Linux's errno numbers past ERANGE (the generic numbers, which x86_64 and
// aarch64 share) and picolibc's for the same
// error; numbers up to ERANGE (34) agree.
static const struct {
    short linux_errno, picolibc_errno;
} errno_map[] = {
    { 35, EDEADLK },      { 36, ENAMETOOLONG }, { 37, ENOLCK },       { 38, ENOSYS },
    { 39, ENOTEMPTY },    { 40, ELOOP },        { 42, ENOMSG },       { 43, EIDRM },
    { 61, ENODATA },      { 62, ETIME },        { 71, EPROTO },       { 74, EBADMSG },
    { 75, EOVERFLOW },    { 84, EILSEQ },       { 95, EOPNOTSUPP },   { 104, ECONNRESET },
    { 110, ETIMEDOUT },   { 111, ECONNREFUSED }, { 122, EDQUOT },     { 125, ECANCELED },
};

// Linux returns -errno.
static long result(long ret)
{
    if (ret >= 0 || ret < -4095)
        return ret;
    long e = -ret;
    int mapped = e <= ERANGE ? (int)e : EIO;
    for (unsigned i = 0; i < sizeof errno_map / sizeof errno_map[0]; i++)
        if (errno_map[i].linux_errno == e)
            mapped = errno_map[i].picolibc_errno;
    errno = mapped;
    return -1;
}

ssize_t read(int fd, void *buf, size_t n) { return result(syscall3(SYS_read, fd, (long)buf, (long)n)); }
ssize_t write(int fd, const void *buf, size_t n) { return result(syscall3(SYS_write, fd, (long)buf, (long)n)); }
off_t lseek(int fd, off_t off, int whence) { return result(syscall3(SYS_lseek, fd, off, whence)); }
int close(int fd) { return (int)result(syscall3(SYS_close, fd, 0, 0)); }

void _exit(int status)
{
    for (;;)
        syscall3(SYS_exit_group, status, 0, 0);
}

// hyperlight-guest defines abort() for guests; here it is the usual 128+SIGABRT.
void abort(void)
{
    _exit(134);
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
    long linux_clock;
    if (clock == CLOCK_REALTIME)
        linux_clock = 0;
    else if (clock == CLOCK_MONOTONIC)
        linux_clock = LINUX_CLOCK_MONOTONIC;
    else {
        errno = EINVAL;
        return -1;
    }
    return (int)result(syscall3(SYS_clock_gettime, linux_clock, (long)ts, 0));
}

// hyperlight-libc's Rust side defines this for guests; the native tests have no Rust.
int gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return -1;
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}
