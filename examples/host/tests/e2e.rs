//! End-to-end: the example guest runs in a Hyperlight micro-VM (KVM) and
//! exercises hyperlight-libc from C and from Rust. Where formatting must
//! follow C, the expected text comes from the host's own C library.
//! Skips, saying why, where /dev/kvm is missing or unusable.
//!
//! Doubles are printed with at most 17 significant digits here; exact digits at
//! every precision are tested natively against glibc (tools/picolibc-build/tests/printf_exact.rs).
use std::ffi::CString;

use hyperlight_libc_example_host::{Guest, HyperlightError, guest_path, kvm_unavailable};

fn guest() -> Option<Guest> {
    if let Some(why) = kvm_unavailable() {
        eprintln!("skipped: {why}; end-to-end tests need KVM");
        return None;
    }
    let path = guest_path();
    assert!(path.is_file(), "{} is missing: run scripts/build-examples first", path.display());
    Some(Guest::start(&path, false).expect("sandbox starts"))
}

/// The host C library's snprintf, for expectations.
macro_rules! host_format {
    ($fmt:expr $(, $arg:expr)*) => {{
        let fmt = CString::new($fmt).unwrap();
        let mut buf = vec![0u8; 512];
        let n = unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, buf.len(), fmt.as_ptr() $(, $arg)*) };
        buf.truncate(n as usize);
        String::from_utf8(buf).unwrap()
    }};
}

#[test]
fn printf_table_reaches_the_host_exactly() {
    let Some(mut g) = guest() else { return };
    let rows: i32 = g.sandbox.call("PrintTable", 5).unwrap();
    assert_eq!(rows, 5);
    let mut want = host_format!("%4s %10s %12s %12s %14s\n", c"x".as_ptr(), c"sqrt(x)".as_ptr(), c"sin(x)".as_ptr(), c"exp(x/4)".as_ptr(), c"x^1.5".as_ptr());
    for i in 1..=5 {
        let x = i as f64;
        want += &host_format!("%4d %10.6f %12.8f %12.4e %14.3f\n", i, x.sqrt(), x.sin(), (x / 4.0).exp(), x.powf(1.5));
    }
    assert_eq!(g.take_output(), want);
}

#[test]
fn snprintf_with_doubles_through_c_varargs_matches_the_host_libc() {
    let Some(mut g) = guest() else { return };
    for (d, i, s) in [(3.14159, 42, "hi"), (-0.000123, -7, "neg"), (123456789.125, 0, ""), (2.5, 255, "x")] {
        let got: String = g.sandbox.call("CFormat", (d, i, s.to_string())).unwrap();
        let cs = CString::new(s).unwrap();
        let want = host_format!("%d|%.3f|%e|%g|%s|%x|%lld|%a", i, d, d, d, cs.as_ptr(), i, i as i64 * 1000000007, d);
        assert_eq!(got, want, "CFormat({d}, {i}, {s:?})");
    }
}

#[test]
fn snprintf_with_doubles_through_rust_varargs_matches_the_host_libc() {
    let Some(mut g) = guest() else { return };
    for (d, i) in [(2.5, 7), (-1234.5678, -1), (0.1, 0)] {
        let got: String = g.sandbox.call("RustFormat", (d, i)).unwrap();
        assert_eq!(got, host_format!("%d %.4f %g %e", i, d, d * 2.0, d));
    }
}

#[test]
fn va_arg_of_double_in_guest_c_code() {
    let Some(mut g) = guest() else { return };
    let sum: f64 = g.sandbox.call("SumDoubles", (1.5, 2.25, -0.75)).unwrap();
    assert_eq!(sum, 3.0);
}

#[test]
fn sscanf_of_integers_doubles_and_strings() {
    let Some(mut g) = guest() else { return };
    let got: String = g.sandbox.call("Sscanf", "42 3.25 word".to_string()).unwrap();
    assert_eq!(got, "3:42:3.2500:word");
    let got: String = g.sandbox.call("Sscanf", "x".to_string()).unwrap();
    assert_eq!(got, "0:0:0.0000:");
    let got: String = g.sandbox.call("RustSscanf", "17 2.5e-1".to_string()).unwrap();
    assert_eq!(got, "2 17 0.25");
}

#[test]
fn strtod_and_strtol_with_errno_match_the_host_libc() {
    let Some(mut g) = guest() else { return };
    for input in ["1e400", "0x1p4", "99999999999999999999", "-2.5e-3xyz", "1e-400", "123"] {
        let got: String = g.sandbox.call("Strtod", input.to_string()).unwrap();
        let c = CString::new(input).unwrap();
        let mut end = std::ptr::null_mut();
        unsafe { *libc::__errno_location() = 0 };
        let d = unsafe { libc::strtod(c.as_ptr(), &mut end) };
        let e1 = unsafe { *libc::__errno_location() } == libc::ERANGE;
        unsafe { *libc::__errno_location() = 0 };
        let l = unsafe { libc::strtol(c.as_ptr(), std::ptr::null_mut(), 0) };
        let e2 = unsafe { *libc::__errno_location() } == libc::ERANGE;
        let flag = |e| if e { c"ERANGE".as_ptr() } else { c"ok".as_ptr() };
        let want = host_format!("%.15g %s %ld %s rest=[%s]", d, flag(e1), l, flag(e2), end);
        assert_eq!(got, want, "input {input:?}");
    }
}

#[test]
fn strings_memory_qsort_bsearch_setjmp_and_the_guest_allocator() {
    let Some(mut g) = guest() else { return };
    let failures: i32 = g.sandbox.call("SelfTest", ()).unwrap();
    assert_eq!(failures, 0, "guest reported:\n{}", g.take_output());
}

#[test]
fn libm_called_from_rust_with_float_arguments() {
    let Some(mut g) = guest() else { return };
    for x in [0.75f64, 2.0, 10.5] {
        let got: String = g.sandbox.call("RustMath", x).unwrap();
        let want = format!(
            "{:.12} {:.12} {:.12} {:.6} {:.12} {}",
            x.sin(),
            x.exp(),
            x.powf(2.5),
            (x as f32).sqrt(),
            x.hypot(4.0),
            (-x).floor()
        );
        assert_eq!(got, want, "RustMath({x})");
    }
}

#[test]
fn time_clock_gettime_and_gettimeofday_over_the_guest_clock() {
    let Some(mut g) = guest() else { return };
    // hyperlight-guest-bin's clock is synthetic: +1 s per clock_gettime call.
    let got: String = g.sandbox.call("Time", ()).unwrap();
    assert_eq!(got, "0 1 0 2 3 1970-01-01 00:00:03");
}

#[test]
fn stderr_reaches_the_host() {
    let Some(mut g) = guest() else { return };
    let n: i32 = g.sandbox.call("Stderr", "to stderr".to_string()).unwrap();
    assert_eq!(n, 18);
    assert_eq!(g.take_output(), "stderr: to stderr\n");
}

#[test]
fn exit_code_reaches_the_host_after_atexit_handlers_run() {
    let Some(mut g) = guest() else { return };
    let snapshot = g.sandbox.snapshot().unwrap();
    match g.sandbox.call::<i32>("Exit", 3) {
        Err(HyperlightError::GuestAborted(code, _)) => assert_eq!(code, 3),
        other => panic!("expected GuestAborted(3, _), got {other:?}"),
    }
    assert_eq!(g.take_output(), "exiting with 3\natexit handler ran\n");
    g.sandbox.restore(snapshot).unwrap();
    let failures: i32 = g.sandbox.call("SelfTest", ()).unwrap();
    assert_eq!(failures, 0, "the guest works again after restore");
}

#[test]
fn a_c_library_from_crates_io_works_in_the_guest() {
    let Some(mut g) = guest() else { return };
    let got: String = g.sandbox.call("Bzip2", "hyperlight ".to_string()).unwrap();
    assert!(got.starts_with("bzip2: 550 -> ") && got.ends_with("round trip ok"), "{got}");
}
