// SPDX-License-Identifier: Apache-2.0
// hyperlight-libc's picolibc configuration. picolibc's meson build would
// generate this file; we write it by hand so every choice has a reason.
// tools/gen-sources passes the matching meson options when it derives the
// source list; docs/picolibc.md has the table.
#pragma once

// Version of the picolibc-bsd tree in third_party/picolibc.
#define _NEWLIB_VERSION "4.3.0"
#define __NEWLIB_VERSION__ "4.3.0"
#define __NEWLIB__ 4
#define __NEWLIB_MINOR__ 3
#define __NEWLIB_PATCHLEVEL__ 0
#define __PICOLIBC_VERSION__ "1.8.11"
#define __PICOLIBC__ 1
#define __PICOLIBC_MINOR__ 8
#define __PICOLIBC_PATCHLEVEL__ 11

// One type ABI whatever the compile flags: picolibc's headers size dev_t, ino_t,
// uid_t, gid_t and struct stat the Linux way under __linux. clang's
// *-unknown-linux-none triple defines it, cargo-hyperlight's flags keep it (they
// only undefine __linux__), hyperlight-libc 0.18.0's bindings were made with it
// (__dev_t = u64), and libc.a is built with it; define it for any compile that
// undefined it, so C code, libc.a and the Rust bindings never disagree.
#ifndef __linux
#define __linux 1
#endif

// Float ABI follows the compile flags: without SSE (Rust's x86_64-unknown-none)
// picolibc uses its soft fenv and soft-float code paths.
#if defined(__x86_64__) && !defined(__SSE2__) && !defined(_SOFT_FLOAT)
#define _SOFT_FLOAT 1
#endif

// Enabled.
#define __SINGLE_THREAD      // a guest runs one thread: no locks
#define __GLOBAL_ERRNO       // errno is a plain global, bound as `errno` in Rust
#define __TINY_STDIO         // picolibc's only stdio
#define __IO_DEFAULT 'd'     // printf/scanf default to the full double variant
#define __IO_FLOAT_EXACT     // correctly rounded float printing and parsing
#define __IO_LONG_LONG       // %lld and friends
#define __IO_C99_FORMATS     // %a, %j, %z, %t, %hh, hex floats in strtod
#define __IO_LONG_DOUBLE     // %Le %Lf %Lg %La: exact long double printf (src/c/vfprintf.c)
#define __IO_SMALL_ULTOA     // integer formatting without 64-bit division
#define __IEEE_LIBM          // libm returns IEEE results and does not set errno
#define __FAST_STRCMP        // word-at-a-time strcmp
#define __ASSERT_VERBOSE     // assert() prints file, line and expression
#define __HAVE_COMPLEX 1     // clang supports _Complex: build libm/complex
#define __HAVE_BUILTIN_EXPECT 1 // meson's picolibc.h has it for clang; nothing in 1.8.11 reads
                         // it, but C code may, and 0.18.0's bindings had it
#define __HAVE_BUILTIN_COMPLEX 1
#define __HAVE_BITFIELDS_IN_PACKED_STRUCTS

// Disabled.
#undef __ENABLE_MALLOC       // the guest (hyperlight-guest-bin) provides malloc & co.
#undef __MALLOC_CLEAR_FREED  // no picolibc malloc
#undef __THREAD_LOCAL_STORAGE // no TLS: single thread, and no TLS set-up in guests
#undef __THREAD_LOCAL_STORAGE_API
#undef __THREAD_LOCAL_STORAGE_RP2040
#undef __THREAD_LOCAL_STORAGE_STACK_GUARD
#undef __STDIO_LOCKING       // single thread
#undef __ATOMIC_UNGETC       // single thread
#undef __MB_CAPABLE          // C locale only; multibyte locales cost tables guests rarely need
#undef __HAVE_FCNTL          // no file system
#undef __FSTAT_BUFSIZ        // no file system
#undef __SEMIHOST            // no semihosting in a micro-VM
#undef __ARM_SEMIHOST
#undef __IO_MINIMAL_LONG_LONG
#undef __IO_PERCENT_B        // %b is not C17
#undef __IO_PERCENT_N        // %n is a classic exploit vector
#undef __IO_POS_ARGS         // %1$d in picolibc's integer-only printf code, not built: the
                             // default printf (and the __i_/__l_/__m_ aliases) always has it
#undef __IO_WCHAR            // %lc/%ls in narrow printf: off (the wchar functions have them)
#undef __FAST_BUFIO
#undef __MATH_ERRNO          // see __IEEE_LIBM
#undef __PREFER_SIZE_OVER_SPEED // guests care about speed more than a few KiB
#undef __IEEEFP_FUNCS
#undef __INIT_FINI_FUNCS     // .init_array only, no _init/_fini
#undef __INIT_FINI_ARRAY     // picolibc's init/fini need its linker script: src/c/initfini.c
                             // and src/c/exit.c use the linker's standard symbols instead
#undef __HAVE_CC_INHIBIT_LOOP_TO_LIBCALL

// Set to 0, not #undef: picolibc's machine/ieeefp.h turns an undefined
// __OBSOLETE_MATH into 1, which builds the old fdlibm exp/log/pow/sinf/cosf.
#define __OBSOLETE_MATH 0        // the newer, faster libm code (exp, log, pow, ...)
#define __OBSOLETE_MATH_DOUBLE 0 // ... for double
#define __OBSOLETE_MATH_FLOAT 0  // ... and for float

// Hyperlight guests have a monotonic clock (clock_gettime(CLOCK_MONOTONIC)):
// make CLOCK_MONOTONIC visible in <time.h> for C code as it is for Rust.
#ifndef _POSIX_MONOTONIC_CLOCK
#define _POSIX_MONOTONIC_CLOCK 200112L
#endif
