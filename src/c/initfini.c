// SPDX-License-Identifier: Apache-2.0
// C constructors and destructors without picolibc's linker script. The
// linker (lld, GNU ld) defines these bounds of .preinit_array, .init_array
// and .fini_array for any executable that references them; weak, so a link
// without such sections still resolves.
//
// A guest with C constructors calls __libc_init_array() once at start-up
// (from Rust: hyperlight_libc::__libc_init_array()); exit() runs the
// destructors.
typedef void (*initfini_fn)(void);

extern initfini_fn __preinit_array_start[] __attribute__((weak, visibility("hidden")));
extern initfini_fn __preinit_array_end[] __attribute__((weak, visibility("hidden")));
extern initfini_fn __init_array_start[] __attribute__((weak, visibility("hidden")));
extern initfini_fn __init_array_end[] __attribute__((weak, visibility("hidden")));
extern initfini_fn __fini_array_start[] __attribute__((weak, visibility("hidden")));
extern initfini_fn __fini_array_end[] __attribute__((weak, visibility("hidden")));

void __libc_init_array(void);
void __libc_fini_array(void);

void __libc_init_array(void)
{
    for (initfini_fn *fn = __preinit_array_start; fn < __preinit_array_end; fn++)
        (*fn)();
    for (initfini_fn *fn = __init_array_start; fn < __init_array_end; fn++)
        (*fn)();
}

void __libc_fini_array(void)
{
    for (initfini_fn *fn = __fini_array_end; fn > __fini_array_start;)
        (*--fn)();
}
