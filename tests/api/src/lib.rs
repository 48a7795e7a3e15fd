//! Uses every binding hyperlight-guest-bin 0.18.0 takes from hyperlight-libc, with
//! the types it expects (bindgen's u32 constants, `errno` as a `static mut`
//! c_int), as guest OS-interface functions do. Building this crate for
//! x86_64-unknown-none is the test: any change that would break
//! hyperlight-guest-bin's build breaks this one.
#![no_std]

use hyperlight_libc::{
    CLOCK_MONOTONIC, CLOCK_REALTIME, EBADF, EINVAL, EIO, ENOSYS, c_int, c_long, c_void, clockid_t, errno, timespec,
};

fn set_errno(value: u32) {
    unsafe { errno = value as _ };
}

/// A clock like a guest's: accepts exactly the two clocks guests provide.
pub extern "C" fn example_clock_gettime(clock: clockid_t, tp: *mut timespec) -> c_int {
    const REALTIME: clockid_t = CLOCK_REALTIME as _;
    const MONOTONIC: clockid_t = CLOCK_MONOTONIC as _;
    if tp.is_null() {
        set_errno(EINVAL);
        return -1;
    }
    match clock {
        REALTIME | MONOTONIC => {
            unsafe {
                (*tp).tv_sec = 1 as c_long;
                (*tp).tv_nsec = 0 as c_long;
            }
            0
        }
        _ => {
            set_errno(EINVAL);
            -1
        }
    }
}

pub extern "C" fn example_write(fd: c_int, buf: *const c_void, count: usize) -> isize {
    if buf.is_null() && count > 0 {
        set_errno(EINVAL);
        return -1;
    }
    if fd != 1 && fd != 2 {
        set_errno(EBADF);
        return -1;
    }
    let _ = EIO;
    count as isize
}

pub extern "C" fn example_lseek(_fd: c_int, _offset: c_long, _whence: c_int) -> c_long {
    set_errno(ENOSYS);
    -1
}

// The constants keep bindgen's default types, which hyperlight-guest-bin relies on.
const _: u32 = EINVAL;
const _: u32 = CLOCK_MONOTONIC;
