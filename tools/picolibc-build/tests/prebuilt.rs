//! The prebuilt interface: build.rs takes a prefix from `picolibc-build build`
//! through HYPERLIGHT_LIBC_PREBUILT[_<target>], checks its manifest, compiles
//! no C, and exports the same DEP_C_* metadata as a fallback build.
mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const TARGET: &str = "x86_64-unknown-none";
const VAR: &str = "HYPERLIGHT_LIBC_PREBUILT_x86_64_unknown_none";

fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| scratch_package("scratch-prebuilt", false))
}

/// A copy of the soft-float prefix with `edit` applied, for the bad-input cases.
fn altered_prefix(name: &str, edit: impl FnOnce(&Path)) -> PathBuf {
    let dir = tmp_dir().join("altered").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    run_ok(std::process::Command::new("cp").arg("-a").arg(prefix(TARGET)).arg(&dir));
    edit(&dir);
    dir
}

fn edit_manifest(prefix: &Path, key: &str, value: &str) {
    let path = prefix.join("hyperlight-libc.manifest");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited: String = text
        .lines()
        .map(|l| if l.split_once('=').is_some_and(|(k, _)| k == key) { format!("{key}={value}\n") } else { format!("{l}\n") })
        .collect();
    assert_ne!(text, edited, "no {key} in the manifest");
    std::fs::write(path, edited).unwrap();
}

fn build_with(prefix: &Path) -> std::process::Output {
    let dir = scratch();
    cargo_build(dir, &dir.join("target"), &["--target", TARGET], &[(VAR, prefix)])
}

fn fails_with(prefix: &Path, expected: &str) {
    let out = build_with(prefix);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "build with {} succeeded", prefix.display());
    assert!(stderr.contains(expected), "expected \"{expected}\" in:\n{stderr}");
    assert!(stderr.contains(VAR), "the error names the variable:\n{stderr}");
    assert_eq!(stderr.matches("error: hyperlight-libc:").count(), 1, "{stderr}");
}

#[test]
fn a_matching_prefix_is_linked_without_compiling_c_and_exports_the_same_metadata() {
    let prefix = prefix(TARGET);
    // Its own target dir, so the fallback and prebuilt builds share one OUT_DIR.
    let dir = scratch_package("scratch-prebuilt-metadata", false);
    let target_dir = dir.join("target");
    let picolibc = crate_root().join("third_party/picolibc");
    let fallback = cargo_build(&dir, &target_dir, &["--target", TARGET], &[("PICOLIBC_SRC", &picolibc)]);
    assert!(fallback.status.success(), "{}", String::from_utf8_lossy(&fallback.stderr));
    let out = out_dir(&target_dir, TARGET, "debug");
    let fallback_metadata = metadata_lines(&out);
    assert!(out.join("build/members").is_dir(), "the fallback build compiled picolibc");

    let _ = std::fs::remove_dir_all(out.join("build"));
    let prebuilt = cargo_build(&dir, &target_dir, &["--target", TARGET], &[(VAR, &prefix)]);
    assert!(prebuilt.status.success(), "{}", String::from_utf8_lossy(&prebuilt.stderr));
    assert!(!out.join("build").exists(), "the prebuilt path compiled C");
    assert_eq!(metadata_lines(&out), fallback_metadata, "DEP_C_* differ between the two modes");
    assert_eq!(sha256(&out.join("lib/libc.a")), sha256(&prefix.join("lib/libc.a")));
    let manifest = std::fs::read_to_string(prefix.join("hyperlight-libc.manifest")).unwrap();
    assert!(manifest.contains(&format!("sha256:lib/libc.a={}", sha256(&out.join("lib/libc.a")))), "{manifest}");
}

#[test]
fn the_generic_variable_is_read_too() {
    let dir = scratch();
    let out = cargo_build(dir, &dir.join("target"), &["--target", TARGET], &[("HYPERLIGHT_LIBC_PREBUILT", Path::new("/nonexistent"))]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("HYPERLIGHT_LIBC_PREBUILT=/nonexistent does not exist"));
}

#[test]
fn a_missing_directory() {
    fails_with(Path::new("/nonexistent/prefix"), &format!("{VAR}=/nonexistent/prefix does not exist"));
}

#[test]
fn a_prefix_for_the_other_arch() {
    let p = altered_prefix("other-arch", |p| {
        edit_manifest(p, "flavour", "aarch64-hardfloat");
        edit_manifest(p, "arch", "aarch64");
    });
    fails_with(&p, "was built for aarch64-hardfloat but target x86_64-unknown-none needs x86_64-softfloat");
}

#[test]
fn a_prefix_with_the_other_float_abi() {
    let p = altered_prefix("other-float-abi", |p| edit_manifest(p, "float_abi", "hard"));
    fails_with(&p, "has float ABI `hard` but target x86_64-unknown-none uses the soft float ABI");
}

#[test]
fn a_prefix_with_another_configuration() {
    let p = altered_prefix("other-config", |p| edit_manifest(p, "config_digest", "0000"));
    fails_with(&p, "was built with another configuration");
}

#[test]
fn a_prefix_with_another_picolibc() {
    let p = altered_prefix("other-picolibc", |p| edit_manifest(p, "picolibc_version", "1.8.10"));
    fails_with(&p, "holds picolibc 1.8.10, this crate builds picolibc 1.8.11");
}

#[test]
fn a_tampered_archive() {
    let p = altered_prefix("tampered", |p| {
        let archive = p.join("lib/libc.a");
        let mut bytes = std::fs::read(&archive).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(archive, bytes).unwrap();
    });
    fails_with(&p, "lib/libc.a does not match the manifest");
}
