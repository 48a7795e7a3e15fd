// SPDX-License-Identifier: Apache-2.0
// vfprintf_s (C11 Annex K): src/c/vfprintf.c with its runtime-constraint
// checks (null stream, format or %s argument, and %n, go to the constraint
// handler). Replaces picolibc's libc/stdio/vfprintf_s.c.
#define __STDC_WANT_LIB_EXT1__ 1
#include "stdio_private.h"
#include <stdio.h>
#define PF_CHAR char
#define PF_NAME vfprintf_s
#define PF_S
#include "vfprintf.c"
