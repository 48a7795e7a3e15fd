// SPDX-License-Identifier: Apache-2.0
// vfwprintf: the wide form of src/c/vfprintf.c (replaces picolibc's
// libc/stdio/vfwprintf.c, which includes its vfprintf.c).
#define PF_CHAR wchar_t
#define PF_NAME vfwprintf
#define PF_WIDE
#include "vfprintf.c"
