//! hyperlight-libc's build.rs on bad input: each case fails with one clear
//! message. The crate is copied (without picolibc) into a scratch package and
//! built with its own target directory, so these runs never touch the outer build.
mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| scratch_package("scratch-without-picolibc", false))
}

/// Builds the scratch package and returns cargo's stderr, asserting failure.
fn build_fails(target: &str, env: &[(&str, &str)]) -> String {
    let dir = scratch();
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, Path::new(*v))).collect();
    let out = cargo_build(dir, &dir.join("target"), &["--target", target], &env);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "build unexpectedly succeeded:\n{stderr}");
    stderr
}

fn assert_one_error(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "expected \"{expected}\" in:\n{stderr}");
    assert_eq!(stderr.matches("error: hyperlight-libc:").count(), 1, "one message, not a cascade:\n{stderr}");
}

#[test]
fn missing_sources_say_how_to_get_them() {
    let stderr = build_fails("x86_64-unknown-none", &[]);
    assert_one_error(&stderr, "the picolibc sources are missing");
    assert!(stderr.contains("scripts/fetch-picolibc"), "{stderr}");
}

#[test]
fn picolibc_src_that_does_not_exist() {
    let stderr = build_fails("x86_64-unknown-none", &[("PICOLIBC_SRC", "/nonexistent/picolibc")]);
    assert_one_error(&stderr, "PICOLIBC_SRC=/nonexistent/picolibc does not exist");
}

#[test]
fn picolibc_src_that_is_not_picolibc() {
    let not_picolibc = crate_root().join("include");
    let stderr = build_fails("x86_64-unknown-none", &[("PICOLIBC_SRC", not_picolibc.to_str().unwrap())]);
    assert_one_error(&stderr, &format!("PICOLIBC_SRC={} is not a picolibc source tree", not_picolibc.display()));
}

#[test]
fn a_compiler_that_is_not_clang() {
    let picolibc = crate_root().join("third_party/picolibc");
    let stderr = build_fails(
        "x86_64-unknown-none",
        &[("PICOLIBC_SRC", picolibc.to_str().unwrap()), ("HYPERLIGHT_GUEST_clang", "gcc")],
    );
    assert_one_error(&stderr, "the C compiler (HYPERLIGHT_GUEST_clang=gcc) is not clang");
}

#[test]
fn an_unsupported_architecture() {
    let stderr = build_fails("riscv64gc-unknown-none-elf", &[]);
    assert_one_error(&stderr, "unsupported target architecture `riscv64`");
}
