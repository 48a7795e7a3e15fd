//! The Nix flake's contract, proven outside Nix (no derivation can be built
//! here): the picolibc derivation's build step (nix/build-picolibc.sh) run
//! with the host clang gives a prefix that the crate links, with no C
//! compiled, in exactly the environment the dev shell sets (nix/shell.nix +
//! nix/guest-env.sh); and every variable the dev shell sets is read by
//! something in the build.
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

const TARGET: &str = "x86_64-unknown-none";

/// The prefix nix/build-picolibc.sh writes, as the derivation would.
fn derivation_prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = tmp_dir().join("nix-prefix").join(TARGET);
        let _ = std::fs::remove_dir_all(&prefix);
        run_ok(
            Command::new("bash")
                .arg(crate_root().join("nix/build-picolibc.sh"))
                .arg(TARGET)
                .arg(&prefix)
                .env("PICOLIBC_BUILD", TOOL)
                .env("CC", clang())
                .env("PICOLIBC_SRC", crate_root().join("third_party/picolibc"))
                .env("CRATE_DIR", crate_root()),
        );
        prefix
    })
}

/// The variables the dev shell sets: nix/shell.nix's and nix/guest-vars.nix's attributes, then what
/// sourcing nix/guest-env.sh (its shellHook) exports.
fn dev_shell_env(prefix: &Path) -> BTreeMap<String, String> {
    let shell_nix = ["nix/shell.nix", "nix/guest-vars.nix"].map(|f| std::fs::read_to_string(crate_root().join(f)).unwrap()).concat();
    let mut inputs: BTreeMap<String, String> = shell_nix
        .lines()
        .filter_map(|l| l.trim().split_once(" = "))
        .filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        .map(|(k, _)| (k.to_string(), String::new()))
        .collect();
    // Stand-ins for the Nix store paths: our prefix, the host clang, a libclang dir.
    for (key, value) in inputs.iter_mut() {
        *value = match key.as_str() {
            "HYPERLIGHT_LIBC_X86_64" => prefix.display().to_string(),
            k if k.starts_with("HYPERLIGHT_GUEST_CC_") => clang().display().to_string(),
            _ => "/usr/lib/llvm/lib".to_string(),
        };
    }
    // Only the soft-float x86_64 prefix is built here (the SSE and aarch64
    // prefixes are optional inputs of guest-env.sh).
    inputs.remove("HYPERLIGHT_LIBC_AARCH64");
    inputs.remove("HYPERLIGHT_LIBC_X86_64_SSE");
    let script = format!("source {} && env -0", crate_root().join("nix/guest-env.sh").display());
    let out = run_ok(Command::new("bash").arg("-c").arg(script).env_clear().envs(&inputs).env("PATH", std::env::var("PATH").unwrap()));
    let exported: BTreeMap<String, String> = out
        .stdout
        .split(|b| *b == 0)
        .filter_map(|kv| std::str::from_utf8(kv).ok()?.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .filter(|(k, _)| k != "PATH" && k != "PWD" && k != "SHLVL" && k != "_" && k != "OLDPWD")
        .collect();
    assert!(exported.contains_key("HYPERLIGHT_LIBC_PREBUILT_x86_64_unknown_none"), "{exported:?}");
    exported
}

#[test]
fn the_dev_shell_environment_links_the_derivation_prefix_without_compiling_c() {
    let prefix = derivation_prefix();
    let env = dev_shell_env(prefix);
    let dir = scratch_package("scratch-nix-shell", false);
    let target_dir = dir.join("target");
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (k.as_str(), Path::new(v))).collect();
    let out = cargo_build(&dir, &target_dir, &["--target", TARGET], &env_refs);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out_dir = out_dir(&target_dir, TARGET, "debug");
    assert!(!out_dir.join("build").exists(), "C was compiled in the dev-shell environment");
    let manifest = std::fs::read_to_string(prefix.join("hyperlight-libc.manifest")).unwrap();
    let recorded = manifest.lines().find_map(|l| l.strip_prefix("sha256:lib/libc.a=")).unwrap();
    assert_eq!(sha256(&out_dir.join("lib/libc.a")), recorded);
    // The derivation's prefix is the standalone command's prefix, byte for byte.
    assert_eq!(sha256(&prefix.join("lib/libc.a")), sha256(&common::prefix(TARGET).join("lib/libc.a")));
}

#[test]
fn every_variable_the_dev_shell_sets_is_read_by_the_build() {
    let prefix = derivation_prefix();
    let env = dev_shell_env(prefix);
    // A fallback build with bindgen, so build.rs, cc-rs, bindgen and clang-sys
    // all run and register the variables they read.
    let dir = scratch_package("scratch-nix-vars", true);
    let target_dir = dir.join("target");
    let mut build_env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (k.as_str(), Path::new(v))).collect();
    build_env.retain(|(k, _)| !k.starts_with("HYPERLIGHT_LIBC_PREBUILT"));
    build_env.retain(|(k, _)| *k != "LIBCLANG_PATH"); // a stand-in path; the real libclang is found without it
    let out = cargo_build(&dir, &target_dir, &["--target", TARGET, "--features", "bindgen"], &build_env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut read: BTreeSet<String> = BTreeSet::new();
    for build in [target_dir.join(TARGET).join("debug/build"), target_dir.join("debug/build")] {
        for entry in std::fs::read_dir(&build).into_iter().flatten() {
            let output = entry.unwrap().path().join("output");
            for line in std::fs::read_to_string(output).unwrap_or_default().lines() {
                if let Some(var) = line.strip_prefix("cargo:rerun-if-env-changed=") {
                    read.insert(var.to_string());
                }
            }
        }
    }
    // Inputs of nix/guest-env.sh itself are read by that script, not the build.
    let script_inputs = [
        "HYPERLIGHT_LIBC_X86_64",
        "HYPERLIGHT_LIBC_X86_64_SSE",
        "HYPERLIGHT_LIBC_AARCH64",
        "HYPERLIGHT_GUEST_CC_X86_64",
        "HYPERLIGHT_GUEST_CC_X86_64_SSE",
        "HYPERLIGHT_GUEST_CC_AARCH64",
    ];
    // The prebuilt variable is registered only on a build that takes the other path; checked above.
    let unread: Vec<&String> = env
        .keys()
        .filter(|k| !script_inputs.contains(&k.as_str()))
        .filter(|k| !k.starts_with("HYPERLIGHT_LIBC_PREBUILT"))
        .filter(|k| !read.contains(*k))
        .collect();
    assert!(unread.is_empty(), "the dev shell sets variables nothing reads: {unread:?}\nread: {read:?}");
    assert!(read.contains("HYPERLIGHT_LIBC_PREBUILT_x86_64_unknown_none"), "build.rs registers the prebuilt variable");
}
