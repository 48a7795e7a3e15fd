//! libc.a and bindings.rs are byte-identical wherever and however they are
//! built: two checkouts in different directories, different CARGO_TARGET_DIRs,
//! debug and release profiles, build.rs and the standalone command.
mod common;

use common::*;

const TARGET: &str = "x86_64-unknown-none";

#[test]
fn archive_and_bindings_do_not_depend_on_directories_profile_or_driver() {
    let a = scratch_package("checkout-a", true);
    let b = scratch_package("checkout-b", true);
    let debug = cargo_build(&a, &tmp_dir().join("target-a"), &["--target", TARGET], &[]);
    assert!(debug.status.success(), "{}", String::from_utf8_lossy(&debug.stderr));
    let release = cargo_build(&b, &tmp_dir().join("target-b"), &["--release", "--target", TARGET], &[]);
    assert!(release.status.success(), "{}", String::from_utf8_lossy(&release.stderr));
    let out_a = out_dir(&tmp_dir().join("target-a"), TARGET, "debug");
    let out_b = out_dir(&tmp_dir().join("target-b"), TARGET, "release");
    let standalone = prefix(TARGET);

    let archive = sha256(&standalone.join("lib/libc.a"));
    assert_eq!(sha256(&out_a.join("lib/libc.a")), archive, "checkout A (debug) vs the standalone command");
    assert_eq!(sha256(&out_b.join("lib/libc.a")), archive, "checkout B (release) vs the standalone command");
    let bindings = sha256(&standalone.join("bindings.rs"));
    assert_eq!(sha256(&out_a.join("bindings.rs")), bindings);
    assert_eq!(sha256(&out_b.join("bindings.rs")), bindings);
    eprintln!("libc.a sha256 {archive} in all three builds");
}

/// An aarch64 GCC on the build machine makes clang default to outline atomics
/// (`__aarch64_ldadd8_acq_rel` & co.); the archive must not change with it.
/// scripts/setup installs one (Debian's libgcc-12-dev-arm64-cross), so the
/// default build here is the build "with GCC", and `--gcc-toolchain=/nonexistent`
/// hides it for the second build.
#[test]
fn aarch64_archive_does_not_depend_on_an_installed_gcc() {
    const AARCH64: &str = "aarch64-unknown-none";
    let gcc = std::path::Path::new("/usr/lib/gcc-cross/aarch64-linux-gnu");
    assert!(gcc.is_dir(), "no aarch64 GCC installed at {}: run scripts/setup (it installs libgcc-12-dev-arm64-cross) so this test compares a build with one against a build without", gcc.display());
    let with_gcc = prefix(AARCH64);
    let a = scratch_package("checkout-aarch64", true);
    let target_dir = tmp_dir().join("target-aarch64-no-gcc");
    let hide = std::path::PathBuf::from("--gcc-toolchain=/nonexistent");
    let out = cargo_build(&a, &target_dir, &["--release", "--target", AARCH64], &[("CFLAGS_aarch64_unknown_none", &hide)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let without_gcc = out_dir(&target_dir, AARCH64, "release");
    assert_eq!(
        sha256(&without_gcc.join("lib/libc.a")),
        sha256(&with_gcc.join("lib/libc.a")),
        "the aarch64 libc.a differs when the build machine's aarch64 GCC is hidden"
    );
    let nm = std::process::Command::new(nm()).args(["-u"]).arg(with_gcc.join("lib/libc.a")).output().unwrap();
    let undefined = String::from_utf8_lossy(&nm.stdout);
    assert!(!undefined.contains("__aarch64_"), "outline-atomics helpers referenced:\n{}",
        undefined.lines().filter(|l| l.contains("__aarch64_")).collect::<Vec<_>>().join("\n"));
}
