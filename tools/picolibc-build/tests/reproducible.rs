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
