// SPDX-License-Identifier: Apache-2.0
// swprintf/vswprintf that return a negative value when the output does not
// fit (C11 7.29.2.3, 7.29.2.7): picolibc's return the untruncated length, as
// snprintf does, so callers could not tell a truncated string from a whole one.
#include "stdio_private.h"

int vswprintf(wchar_t *s, size_t n, const wchar_t *fmt, va_list ap)
{
    struct __file_str f = FDEV_SETUP_STRING_WRITE((char *)s, (char *)FDEV_STRING_WRITE_END(s, n));
    f.file.flags |= __SWIDE;
    int len = vfwprintf(&f.file, fmt, ap);
    if (n)
        memset(f.pos, 0, sizeof(wchar_t));
    if (len >= 0 && (size_t)len >= n) {
        errno = EOVERFLOW;
        return -1;
    }
    return len;
}

int swprintf(wchar_t *s, size_t n, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vswprintf(s, n, fmt, ap);
    va_end(ap);
    return len;
}
