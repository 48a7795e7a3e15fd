//! fma, fmaf and fmal against the host's glibc, whose fma is correctly rounded:
//! tests/native/fma_exact/fma_exact.c runs seeded cases of the hard classes
//! (cancellation with the addend, addends far from the product, subnormal
//! inputs and results, overflow, ties, signed zeros, infinities, NaNs) and
//! prints per case the inputs and, per rounding mode, the result bits and the
//! exception flags. Linked against the hard-float archive every line must
//! equal glibc's (four modes, flags, NaN payloads, x87 fmal included); the
//! soft-float archive has round-to-nearest only and keeps no flags, so there
//! its nearest result must equal glibc's, and fmal (long double is double)
//! must equal fma, which the program checks itself.
//! A module of tests/libc_archives.rs, so it shares that test's prefixes.
use std::path::{Path, PathBuf};

use super::common::*;
use super::{HARD, SOFT};

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/fma_exact/fma_exact.c")
}

fn ours(triple: &str) -> String {
    let exe = build_program(&tmp_dir().join("fma_exact").join(triple), "fma_exact", triple, &source(), &[]);
    program_stdout(&exe, None)
}

fn glibc() -> String {
    program_stdout(&build_glibc_program("fma_exact", &source(), &["-O1", "-fno-builtin", "-w"], &["-lm"]), None)
}

/// "x y z" and the per-mode "result:flags" fields of a case line.
fn split(line: &str) -> Option<(&str, Vec<&str>)> {
    let (inputs, results) = line.split_once("  ")?;
    Some((inputs, results.split(' ').collect()))
}

fn width(inputs: &str) -> &'static str {
    match inputs.split(' ').next().map(str::len) {
        Some(16) => "fma",
        Some(8) => "fmaf",
        _ => "fmal",
    }
}

/// Whether a "bits:flags" field's result is a NaN (16, 8 or 20 hex digits).
fn is_nan(field: &str) -> bool {
    let bits = field.split(':').next().unwrap();
    let v = u128::from_str_radix(bits, 16).unwrap_or(0);
    match bits.len() {
        16 => (v >> 52) & 0x7ff == 0x7ff && v & ((1 << 52) - 1) != 0,
        8 => (v >> 23) & 0xff == 0xff && v & ((1 << 23) - 1) != 0,
        _ => (v >> 64) & 0x7fff == 0x7fff && (v as u64) << 1 != 0,
    }
}

/// fma/fmaf inputs x y z where one factor is infinite, the other zero and z a quiet NaN.
fn inf_times_zero_plus_quiet_nan(inputs: &str) -> bool {
    let v: Vec<u64> = inputs.split(' ').map(|f| u64::from_str_radix(f, 16).unwrap_or(0)).collect();
    let (exp, frac) = match inputs.split(' ').next().map(str::len) {
        Some(16) => (0x7ffu64 << 52, (1u64 << 52) - 1),
        Some(8) => (0xffu64 << 23, (1u64 << 23) - 1),
        _ => return false,
    };
    let mag = |b: u64| b & (exp | frac);
    let (inf, zero) = (|b: u64| mag(b) == exp, |b: u64| mag(b) == 0);
    let quiet_nan = mag(v[2]) > exp && v[2] & (frac + 1) >> 1 != 0;
    ((inf(v[0]) && zero(v[1])) || (zero(v[0]) && inf(v[1]))) && quiet_nan
}

/// glibc's fma/fmaf use the FMA instructions when the CPU has them (the NaN
/// rules and invalid cases ours follow); its software fallback picks NaNs
/// and signals inf*0+NaN differently.
fn host_has_fma() -> bool {
    std::fs::read_to_string("/proc/cpuinfo").is_ok_and(|c| c.lines().any(|l| l.starts_with("flags") && l.split_whitespace().any(|f| f == "fma")))
}

fn compare(triple: &str, ours: &str, glibc: &str, soft: bool) {
    let loose_nans = !host_has_fma();
    if loose_nans {
        println!("{triple}: this CPU has no FMA instructions, so glibc's fma uses other NaN rules: NaN results are only checked to be NaNs");
    }
    let glibc: Vec<&str> = glibc.lines().filter(|l| split(l).is_some()).collect();
    let ours_cases: Vec<&str> = ours.lines().filter(|l| split(l).is_some()).collect();
    assert!(ours.ends_with("fmal mismatches 0\ndone\n"), "{triple}: the program did not finish, or fmal differs from fma:\n{}", &ours[ours.len().saturating_sub(300)..]);
    // The soft-float program has no x87 fmal cases; every other case is shared.
    let glibc: Vec<&str> = if soft { glibc.into_iter().filter(|l| width(l) != "fmal").collect() } else { glibc };
    assert_eq!(ours_cases.len(), glibc.len(), "{triple}: case counts differ");
    let mut wrong = Vec::new();
    let mut directed_differ = 0;
    for (o, g) in ours_cases.iter().zip(&glibc) {
        let ((oi, or), (gi, gr)) = (split(o).unwrap(), split(g).unwrap());
        assert_eq!(oi, gi, "{triple}: the input streams differ");
        assert_eq!(gr.len(), 4, "glibc: {g}");
        assert!(gr.iter().all(|r| *r != "-"), "glibc refused a rounding mode: {g}");
        if gr[1].split(':').next() != gr[2].split(':').next() {
            directed_differ += 1;
        }
        let nan_case = loose_nans && width(oi) != "fmal" && is_nan(gr[0]);
        let ok = if nan_case {
            or.iter().zip(&gr).all(|(o, g)| *o == "-" || is_nan(o) == is_nan(g))
        } else if !soft && inf_times_zero_plus_quiet_nan(oi) {
            // Ours raises invalid here too (C11 F.10.10.1 makes it optional;
            // picolibc's test-math_errhandling wants it), the FMA instructions don't.
            or.iter().zip(&gr).all(|(o, g)| {
                let ((ob, of), (gb, gf)) = (o.split_once(':').unwrap(), g.split_once(':').unwrap());
                ob == gb && u8::from_str_radix(of, 16).unwrap() == (u8::from_str_radix(gf, 16).unwrap() | 1)
            })
        } else if soft {
            assert!(or[1..].iter().all(|r| *r == "-"), "{triple}: a directed rounding mode was accepted: {o}");
            or[0].split(':').next() == gr[0].split(':').next()
        } else {
            or == gr
        };
        if !ok {
            wrong.push(format!("{} of {oi}: ours {}, glibc {}", width(oi), or.join(" "), gr.join(" ")));
        }
    }
    println!("{triple}: {} cases, {directed_differ} with different upward and downward results", glibc.len());
    assert!(directed_differ > glibc.len() / 4, "the rounding modes barely changed glibc's results: is fesetround effective?");
    assert!(
        wrong.is_empty(),
        "{triple}: {} of {} cases differ from glibc (fields per mode: nearest, upward, downward, toward zero; result bits:flags), first ones:\n{}",
        wrong.len(),
        glibc.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
}

#[test]
fn fma_matches_glibc_in_every_rounding_mode() {
    if !native_host() {
        return;
    }
    let reference = glibc();
    compare(HARD, &ours(HARD), &reference, false);
    compare(SOFT, &ours(SOFT), &reference, true);
}
