//! sin, cos and sincos (src/c/sin_cos.c) give bit-identical results and
//! exception flags to picolibc's own s_sin.c, s_cos.c and s_sincos.c, which
//! they replace for speed: tests/native/trig_identical/trig_identical.c runs
//! seeded inputs of every class the reduction treats differently (|x| < pi/4,
//! [-10, 10], pi/4 to past 2^19 pi/2, a few ulps from k pi/2, the method
//! boundaries, NaNs and infinities, Payne-Hanek sizes) in every rounding mode
//! the flavour accepts. It is linked once against the archive and once with
//! picolibc's three files, compiled with the archive's own flags, in front of
//! it; both must print the same digests. Every flavour, aarch64 under qemu.
//! A module of tests/libc_archives.rs, so it shares that test's prefixes.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::common::*;
use super::{HARD, SOFT};

const PICOLIBC_FILES: [&str; 3] = ["libm/math/s_sin.c", "libm/math/s_cos.c", "libm/math/s_sincos.c"];

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/trig_identical/trig_identical.c")
}

/// picolibc's files compiled as the archive compiled them before
/// src/c/sin_cos.c replaced them: the library flags, and -fno-rounding-math
/// (flags.rs: WITHOUT_ROUNDING_MATH).
fn picolibc_objects(triple: &str, work: &Path) -> Vec<PathBuf> {
    let out = run_ok(Command::new(TOOL).args(["library-flags", "--target", triple]));
    let flags: Vec<String> = String::from_utf8(out.stdout).unwrap().split_whitespace().map(String::from).collect();
    std::fs::create_dir_all(work).unwrap();
    PICOLIBC_FILES
        .iter()
        .map(|file| {
            let obj = work.join(Path::new(file).file_name().unwrap()).with_extension("o");
            run_ok(Command::new(clang()).args(&flags).arg("-fno-rounding-math").arg("-c").arg(crate_root().join("third_party/picolibc").join(file)).arg("-o").arg(&obj));
            obj
        })
        .collect()
}

/// The program linked against the archive alone, or with picolibc's files first.
fn program(triple: &str, with_picolibc: bool) -> PathBuf {
    let variant = if with_picolibc { "picolibc" } else { "ours" };
    let work = tmp_dir().join("trig_identical").join(triple).join(variant);
    let mut sources = runtime_sources();
    sources.push(source());
    let mut objects = compile(triple, &sources, &work, &[]);
    if with_picolibc {
        objects.extend(picolibc_objects(triple, &work.join("picolibc")));
    }
    let exe = work.join("trig_identical");
    // lld reports which object defines sin.
    let out = link_with(triple, &objects, &exe, &["--trace-symbol=sin"]);
    let trace = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "link of trig_identical ({triple}, {variant}) failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let definer = if with_picolibc { "s_sin.o: definition of sin" } else { "sin_cos.c.o): definition of sin" };
    assert!(trace.contains(definer), "{triple} {variant}: sin should come from {definer:?}, lld says:\n{trace}");
    exe
}

fn run(triple: &str, exe: &Path, args: &[&str]) -> String {
    let out = run_with_limit(program_command(triple, exe).args(args), Duration::from_secs(300)).unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
    assert!(out.status.success(), "{} failed ({}):\n{}", exe.display(), out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn check(triple: &str, modes: usize) {
    let (ours, picolibc) = (program(triple, false), program(triple, true));
    let (a, b) = (run(triple, &ours, &[]), run(triple, &picolibc, &[]));
    assert!(a.ends_with(&format!("modes {modes}\n")), "{triple}: expected {modes} rounding modes:\n{a}");
    if a != b {
        // Find the first input that differs, for the failure message.
        let (da, db) = (run(triple, &ours, &["--dump"]), run(triple, &picolibc, &["--dump"]));
        let first = da.lines().zip(db.lines()).find(|(x, y)| x != y);
        panic!(
            "{triple}: src/c/sin_cos.c differs from picolibc's sin/cos/sincos\n(class mode x  sin cos sincos-sin sincos-cos flags)\nfirst: ours     {}\n       picolibc {}\ndigests ours:\n{a}digests picolibc:\n{b}",
            first.map_or("-", |f| f.0),
            first.map_or("-", |f| f.1)
        );
    }
    println!("{triple}: {} digests equal", a.lines().count() - 1);
}

#[test]
fn sin_cos_are_bit_identical_to_picolibc() {
    if !native_host() {
        return;
    }
    check(HARD, 4);
    // The soft-float flavour rounds to nearest only.
    check(SOFT, 1);
    if can_run(AARCH64) {
        check(AARCH64, 4);
    }
}
