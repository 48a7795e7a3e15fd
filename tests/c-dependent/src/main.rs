//! A guest-like `no_std` binary: Rust and C linked with hyperlight-libc, the
//! OS interface and allocator supplied in Rust as hyperlight-guest-bin does.
//! It must link with nothing left undefined against compiler_builtins alone.
#![no_std]
#![no_main]

use core::ffi::{c_char, c_int, c_long, c_void};
use core::sync::atomic::{AtomicUsize, Ordering};

use hyperlight_libc as libc;

unsafe extern "C" {
    fn probe_format(buf: *mut c_char, len: usize, x: f64) -> c_int;
}

#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    let mut buf = [0 as c_char; 64];
    let n = unsafe { probe_format(buf.as_mut_ptr(), buf.len(), 2.0) };
    unsafe { libc::exit(if n > 0 { 0 } else { 1 }) }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

// The OS interface hyperlight-guest-bin provides.
#[unsafe(no_mangle)]
extern "C" fn read(_fd: c_int, _buf: *mut c_void, _n: usize) -> isize {
    0
}
#[unsafe(no_mangle)]
extern "C" fn write(_fd: c_int, _buf: *const c_void, n: usize) -> isize {
    n as isize
}
#[unsafe(no_mangle)]
extern "C" fn lseek(_fd: c_int, _off: c_long, _whence: c_int) -> c_long {
    -1
}
#[unsafe(no_mangle)]
extern "C" fn close(_fd: c_int) -> c_int {
    0
}
#[unsafe(no_mangle)]
extern "C" fn _exit(_code: c_int) -> ! {
    loop {}
}
#[unsafe(no_mangle)]
extern "C" fn abort() -> ! {
    loop {}
}
#[unsafe(no_mangle)]
extern "C" fn clock_gettime(_clock: libc::clockid_t, tp: *mut libc::timespec) -> c_int {
    unsafe { *tp = libc::timespec { tv_sec: 1, tv_nsec: 0 } };
    0
}

// A bump allocator standing in for the guest's.
static HEAP: [u8; 1 << 16] = [0; 1 << 16];
static USED: AtomicUsize = AtomicUsize::new(0);

#[unsafe(no_mangle)]
extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut c_void {
    let base = HEAP.as_ptr() as usize;
    let start = (base + USED.load(Ordering::Relaxed) + align.max(16) - 1) & !(align.max(16) - 1);
    if start + size > base + HEAP.len() {
        return core::ptr::null_mut();
    }
    USED.store(start + size - base, Ordering::Relaxed);
    start as *mut c_void
}
#[unsafe(no_mangle)]
extern "C" fn malloc(size: usize) -> *mut c_void {
    aligned_alloc(16, size)
}
#[unsafe(no_mangle)]
extern "C" fn calloc(n: usize, size: usize) -> *mut c_void {
    malloc(n.saturating_mul(size))
}
#[unsafe(no_mangle)]
extern "C" fn realloc(_p: *mut c_void, size: usize) -> *mut c_void {
    malloc(size)
}
#[unsafe(no_mangle)]
extern "C" fn free(_p: *mut c_void) {}
