// SPDX-License-Identifier: Apache-2.0
// __f_vfprintf: picolibc's float-only printf variant (selected with
// --defsym=vfprintf=__f_vfprintf, PICOLIBC_FLOAT_PRINTF_SCANF in <stdio.h>),
// whose callers pass each floating argument as printf_float(x): the float's
// bits in a uint32_t. src/c/vfprintf.c reading them so, with its exact
// digits; replaces picolibc's libc/stdio/vffprintf.c.
#define PF_CHAR char
#define PF_NAME __f_vfprintf
#define PF_FLOAT_ARGS
#include "vfprintf.c"
