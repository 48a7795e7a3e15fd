//! build.rs on bad input: each case fails with one clear message. The crate
//! is copied (without picolibc) into a scratch package and built with its
//! own target directory, so these runs never touch the outer build.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the package as it would be published, minus the picolibc tree.
fn scratch_package() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scratch-hyperlight-libc");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for item in ["build.rs", "build", "src", "include", "Cargo.lock"] {
            copy(&crate_root().join(item), &dir.join(item));
        }
        // Its own workspace: the test crates and tools stay behind.
        let manifest = std::fs::read_to_string(crate_root().join("Cargo.toml")).unwrap();
        let package = manifest.split("\n[workspace]").next().unwrap();
        std::fs::write(dir.join("Cargo.toml"), format!("{package}\n[workspace]\n")).unwrap();
        dir
    })
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Builds the scratch package and returns cargo's stderr, asserting failure.
fn build_fails(target: &str, env: &[(&str, &str)]) -> String {
    let dir = scratch_package();
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["build", "--offline", "--target", target])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("PICOLIBC_SRC")
        .env_remove("HYPERLIGHT_GUEST_clang");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
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
