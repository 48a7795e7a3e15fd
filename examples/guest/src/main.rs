//! Example Hyperlight guest: Rust and C using hyperlight-libc, linked with
//! hyperlight-guest-bin 0.18.0. Each guest function exercises one part of
//! the C library; the host (examples/host) calls them and checks the results.
#![no_std]
#![no_main]
#![no_builtins] // keep LLVM from folding the libc calls we mean to test

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use core::ffi::{CStr, c_char, c_double, c_int};

use hyperlight_guest_bin::guest_function;
use hyperlight_guest_bin::libc;

unsafe extern "C" {
    fn c_print_table(rows: c_int) -> c_int;
    fn c_format(out: *mut c_char, len: usize, d: c_double, i: c_int, s: *const c_char) -> c_int;
    fn c_sum_doubles(n: c_int, ...) -> c_double;
    fn c_sscanf(input: *const c_char, out: *mut c_char, len: usize) -> c_int;
    fn c_strtod(input: *const c_char, out: *mut c_char, len: usize) -> c_int;
    fn c_self_test() -> c_int;
    fn c_time(out: *mut c_char, len: usize) -> c_int;
    fn c_stderr(msg: *const c_char) -> c_int;
    fn c_exit(code: c_int) -> !;
    fn bench_run(which: c_int, n: c_int) -> c_int;
}

/// One benchmark loop (see bench_run in guest.c); the host does the timing.
#[guest_function("Bench")]
fn bench(which: i32, n: i32) -> i32 {
    unsafe { bench_run(which, n) }
}

fn c_string(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    v
}

/// Calls `f` with an output buffer and returns what it wrote.
fn with_buffer(f: impl FnOnce(*mut c_char, usize) -> c_int) -> String {
    let mut buf = [0u8; 512];
    f(buf.as_mut_ptr() as *mut c_char, buf.len());
    CStr::from_bytes_until_nul(&buf).unwrap().to_string_lossy().into_owned()
}

#[guest_function("PrintTable")]
fn print_table(rows: i32) -> i32 {
    unsafe { c_print_table(rows) }
}

#[guest_function("CFormat")]
fn c_format_fn(d: f64, i: i32, s: String) -> String {
    let s = c_string(&s);
    with_buffer(|out, len| unsafe { c_format(out, len, d, i, s.as_ptr() as *const c_char) })
}

/// snprintf called from Rust: doubles travel through Rust's varargs.
#[guest_function("RustFormat")]
fn rust_format(d: f64, i: i32) -> String {
    with_buffer(|out, len| unsafe { libc::snprintf(out, len as _, c"%d %.4f %g %e".as_ptr(), i, d, d * 2.0, d) })
}

#[guest_function("SumDoubles")]
fn sum_doubles(a: f64, b: f64, c: f64) -> f64 {
    unsafe { c_sum_doubles(3, a, b, c) }
}

#[guest_function("Sscanf")]
fn sscanf_fn(input: String) -> String {
    let input = c_string(&input);
    with_buffer(|out, len| unsafe { c_sscanf(input.as_ptr() as *const c_char, out, len) })
}

/// sscanf called from Rust.
#[guest_function("RustSscanf")]
fn rust_sscanf(input: String) -> String {
    let input = c_string(&input);
    let (mut i, mut d) = (0 as c_int, 0.0f64);
    let n = unsafe { libc::sscanf(input.as_ptr() as *const c_char, c"%d %lf".as_ptr(), &raw mut i, &raw mut d) };
    alloc::format!("{n} {i} {d}")
}

#[guest_function("Strtod")]
fn strtod_fn(input: String) -> String {
    let input = c_string(&input);
    with_buffer(|out, len| unsafe { c_strtod(input.as_ptr() as *const c_char, out, len) })
}

#[guest_function("SelfTest")]
fn self_test() -> i32 {
    unsafe { c_self_test() }
}

/// libm called from Rust: float arguments and results across the boundary.
#[guest_function("RustMath")]
fn rust_math(x: f64) -> String {
    let (s, e, p, q) = unsafe { (libc::sin(x), libc::exp(x), libc::pow(x, 2.5), libc::sqrtf(x as f32)) };
    let (h, f) = unsafe { (libc::hypot(x, 4.0), libc::floor(-x)) };
    alloc::format!("{s:.12} {e:.12} {p:.12} {q:.6} {h:.12} {f}")
}

#[guest_function("Time")]
fn time_fn() -> String {
    with_buffer(|out, len| unsafe { c_time(out, len) })
}

#[guest_function("Stderr")]
fn stderr_fn(msg: String) -> i32 {
    let msg = c_string(&msg);
    unsafe { c_stderr(msg.as_ptr() as *const c_char) }
}

#[guest_function("Exit")]
fn exit_fn(code: i32) -> i32 {
    unsafe { c_exit(code) }
}

#[cfg(feature = "bzip2")]
/// bzip2 (bzip2-sys, built from its bundled C with only the flags and headers
/// hyperlight-libc exports) compresses and decompresses inside the guest.
#[guest_function("Bzip2")]
fn bzip2(text: String) -> String {
    use bzip2_sys::*;
    let input = text.repeat(50);
    let mut packed = alloc::vec![0u8; input.len() + input.len() / 100 + 600];
    let mut unpacked = alloc::vec![0u8; input.len()];
    unsafe {
        let mut s: bz_stream = core::mem::zeroed();
        if BZ2_bzCompressInit(&mut s, 1, 0, 0) != BZ_OK {
            return "BZ2_bzCompressInit failed".into();
        }
        s.next_in = input.as_ptr() as *mut c_char;
        s.avail_in = input.len() as _;
        s.next_out = packed.as_mut_ptr() as *mut c_char;
        s.avail_out = packed.len() as _;
        let rc = BZ2_bzCompress(&mut s, BZ_FINISH);
        let packed_len = s.total_out_lo32 as usize;
        BZ2_bzCompressEnd(&mut s);
        if rc != BZ_STREAM_END {
            return alloc::format!("BZ2_bzCompress: {rc}");
        }
        let mut d: bz_stream = core::mem::zeroed();
        BZ2_bzDecompressInit(&mut d, 0, 0);
        d.next_in = packed.as_mut_ptr() as *mut c_char;
        d.avail_in = packed_len as _;
        d.next_out = unpacked.as_mut_ptr() as *mut c_char;
        d.avail_out = unpacked.len() as _;
        let rc = BZ2_bzDecompress(&mut d);
        let unpacked_len = d.total_out_lo32 as usize;
        BZ2_bzDecompressEnd(&mut d);
        let ok = rc == BZ_STREAM_END && unpacked[..unpacked_len] == *input.as_bytes();
        alloc::format!("bzip2: {} -> {} bytes, round trip {}", input.len(), packed_len, if ok { "ok" } else { "FAILED" })
    }
}

/// bzip2 built with BZ_NO_STDIO reports internal errors through this hook.
#[cfg(feature = "bzip2")]
#[unsafe(no_mangle)]
extern "C" fn bz_internal_error(code: c_int) {
    panic!("bzip2 internal error {code}");
}
