//! The Nix flake's contract, proven outside Nix (no derivation can be built
//! here): the picolibc derivation's build step (nix/build-picolibc.sh) run
//! with the host clang gives a prefix that the crate links, with no C
//! compiled, in exactly the environment the dev shell sets (nix/shell.nix +
//! nix/guest-env.sh); every variable the dev shell sets is read by something
//! in the build; the flake's source filter keeps every file the builds and
//! the tests `checks.tests` runs open (derived from what they open, not
//! listed by hand); and the picolibc source the Nix builds fetch is the
//! pinned tree.
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

const TARGET: &str = "x86_64-unknown-none";

/// The prefix nix/build-picolibc.sh writes, as the derivation would. The C
/// compiler is the host clang behind a wrapper that adds `-MD`, so every file
/// a compile opens is recorded (in `depfile_dir()`).
fn derivation_prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = tmp_dir().join("nix-prefix").join(TARGET);
        let _ = std::fs::remove_dir_all(&prefix);
        let deps = depfile_dir();
        let _ = std::fs::remove_dir_all(&deps);
        std::fs::create_dir_all(&deps).unwrap();
        let wrapper = tmp_dir().join("nix-prefix/clang-md");
        let real = which(&clang());
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = -c ] && exec '{}' \"$@\" -MD -MF '{}/'$$.d; done\nexec '{}' \"$@\"\n",
                real.display(),
                deps.display(),
                real.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        run_ok(
            Command::new("bash")
                .arg(crate_root().join("nix/build-picolibc.sh"))
                .arg(TARGET)
                .arg(&prefix)
                .env("PICOLIBC_BUILD", TOOL)
                .env("CC", &wrapper)
                .env("PICOLIBC_SRC", crate_root().join("third_party/picolibc"))
                .env("CRATE_DIR", crate_root()),
        );
        prefix
    })
}

fn depfile_dir() -> PathBuf {
    tmp_dir().join("nix-prefix/depfiles")
}

fn which(program: &Path) -> PathBuf {
    if program.components().count() > 1 {
        return program.to_path_buf();
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(program)).find(|p| p.is_file()))
        .unwrap_or_else(|| panic!("{} is not on PATH; install clang (scripts/setup)", program.display()))
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

/// The files of the repository that a build or test run by the flake opens,
/// relative to the crate root, derived from what they open:
/// - every crate file the C compiles of the derivation's build step read
///   (clang's `-MD` output) and every crate header it exports into the prefix;
/// - every Rust source cargo compiled into this test and the build command
///   (their dep-info);
/// - every existing repository path named in the derivations' scripts
///   (nix/*.nix, nix/*.sh), the build code, and the test files `checks.tests`
///   runs (from its `--test` arguments in nix/checks.nix); a directory named
///   there stands for every file under it.
/// picolibc's own files come from the separately fetched tree, and the Nix
/// expressions (and nix/mock's stand-ins) are evaluated, never opened by a
/// build: none of them is listed.
pub fn files_the_nix_builds_open() -> BTreeSet<String> {
    let root = crate_root();
    let mut needed = BTreeSet::new();
    let opened_by_builds = |rel: &str| {
        let first = rel.split('/').next().unwrap_or("");
        !(rel.is_empty()
            || rel == "third_party/picolibc"
            || rel.starts_with("third_party/picolibc/")
            || first == "target"
            || first == ".git"
            || rel.ends_with(".nix")
            || rel.starts_with("nix/mock/")
            || rel == "flake.lock")
    };
    let add = |path: &Path, needed: &mut BTreeSet<String>| {
        let Ok(rel) = path.strip_prefix(&root) else { return };
        let rel = rel.to_string_lossy().to_string();
        if !opened_by_builds(&rel) {
            return;
        }
        if path.is_file() {
            needed.insert(rel);
        } else if path.is_dir() {
            needed.extend(tracked_files(path).into_iter().filter(|f| opened_by_builds(f)));
        }
    };
    let prefix = derivation_prefix();
    for entry in std::fs::read_dir(depfile_dir()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for dep in depfile_paths(&text) {
            let path = if Path::new(&dep).is_absolute() { PathBuf::from(&dep) } else { root.join(&dep) };
            add(&std::fs::canonicalize(&path).unwrap_or(path), &mut needed);
        }
    }
    for header in walk(&prefix.join("include")) {
        let rel = header.strip_prefix(prefix.join("include")).unwrap();
        add(&root.join("include").join(rel), &mut needed);
    }
    let deps_dir = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    for entry in std::fs::read_dir(&deps_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "d") {
            for dep in depfile_paths(&std::fs::read_to_string(&path).unwrap()) {
                add(Path::new(&dep), &mut needed);
            }
        }
    }
    let checks = std::fs::read_to_string(root.join("nix/checks.nix")).unwrap();
    let tests: Vec<String> = checks.split("--test ").skip(1).map(|t| t.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap().to_string()).collect();
    assert!(tests.contains(&"libc_archives".to_string()), "nix/checks.nix no longer runs libc_archives: {tests:?}");
    let mut scanned: Vec<PathBuf> = ["build.rs", "tools/picolibc-build/src/main.rs", "tools/picolibc-build/tests/common/mod.rs"].iter().map(|f| root.join(f)).collect();
    scanned.extend(tests.iter().map(|t| root.join(format!("tools/picolibc-build/tests/{t}.rs"))));
    for dir in ["nix", "picobuild"] {
        scanned.extend(std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    for file in scanned {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c))) {
            let token = token.trim_start_matches("./").trim_start_matches('/').trim_end_matches(['/', '.']);
            if (token.contains('/') || token.contains('.')) && !token.contains("..") && !token.is_empty() {
                add(&root.join(token), &mut needed);
            }
        }
    }
    needed
}

/// Paths in a make-style dependency file (`target: dep dep \`).
fn depfile_paths(text: &str) -> Vec<String> {
    text.replace("\\\n", " ")
        .lines()
        .filter_map(|l| l.split_once(": "))
        .flat_map(|(_, deps)| deps.split_whitespace().map(String::from).collect::<Vec<_>>())
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

/// Files git tracks under `dir` (relative to the crate root), or every file
/// there if git cannot say.
fn tracked_files(dir: &Path) -> Vec<String> {
    let root = crate_root();
    let out = Command::new("git").arg("-C").arg(&root).args(["ls-files", "-z", "--"]).arg(dir).output();
    match out {
        Ok(o) if o.status.success() && !o.stdout.is_empty() => {
            o.stdout.split(|b| *b == 0).filter(|f| !f.is_empty()).map(|f| String::from_utf8_lossy(f).to_string()).collect()
        }
        _ => walk(dir).iter().map(|p| p.strip_prefix(&root).unwrap().to_string_lossy().to_string()).collect(),
    }
}

fn nix_eval_json(expr: &str) -> String {
    let out = Command::new("nix-instantiate").args(["--eval", "--strict", "--json", "-E", expr]).output().unwrap_or_else(|e| {
        panic!("cannot run nix-instantiate: {e}; install Nix (Debian: apt-get install nix-bin, as scripts/setup does)")
    });
    assert!(out.status.success(), "nix-instantiate failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_nix_source_filter_keeps_every_file_the_builds_and_tests_open() {
    let needed = files_the_nix_builds_open();
    // The derivation above really is the lists' source: the C build read our
    // C files and headers, and the tests' files were found.
    for must in ["src/c/", "include/", "picobuild/sources/", "scripts/fetch-picolibc", "third_party/picolibc.digest", "README.md", "docs/picolibc.md"] {
        assert!(needed.iter().any(|f| f.starts_with(must)), "no file under {must} among what the builds open: {needed:?}");
    }
    let list = tmp_dir().join("nix-needed.json");
    let json = format!("[{}]", needed.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(","));
    std::fs::write(&list, json).unwrap();
    let eval = crate_root().join("nix/mock/eval.nix");
    let dropped = nix_eval_json(&format!("(import {}).filterDrops (builtins.fromJSON (builtins.readFile {}))", eval.display(), list.display()));
    assert_eq!(
        dropped.trim(),
        "[]",
        "nix/packages.nix's cleanSource filter drops files the Nix builds or checks.tests open; keep them in the filter"
    );
}

/// nix/picolibc-source.nix's `name = "value";` lines.
fn picolibc_source_nix(key: &str) -> String {
    let text = std::fs::read_to_string(crate_root().join("nix/picolibc-source.nix")).unwrap();
    text.lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key} = \"")).and_then(|v| v.strip_suffix("\";")).map(String::from))
        .unwrap_or_else(|| panic!("nix/picolibc-source.nix has no {key} = \"...\";"))
}

/// scripts/fetch-picolibc's `name=value` lines.
fn fetch_script(key: &str) -> String {
    let text = std::fs::read_to_string(crate_root().join("scripts/fetch-picolibc")).unwrap();
    text.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).map(String::from).unwrap_or_else(|| panic!("scripts/fetch-picolibc has no {key}="))
}

/// The .crate file cargo downloaded for `name` `version` (fetched if absent).
fn crate_file(name: &str, version: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap()).join(".cargo"));
    let find = || {
        std::fs::read_dir(home.join("registry/cache")).into_iter().flatten().map(|e| e.unwrap().path().join(format!("{name}-{version}.crate"))).find(|p| p.is_file())
    };
    if let Some(found) = find() {
        return found;
    }
    let dir = tmp_dir().join("nix-carrier");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"carrier\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n{name} = \"={version}\"\n\n[workspace]\n"),
    )
    .unwrap();
    run_ok(Command::new(env!("CARGO")).arg("fetch").arg("--manifest-path").arg(dir.join("Cargo.toml")));
    find().unwrap_or_else(|| panic!("cargo fetch gave no {name}-{version}.crate under {}", home.display()))
}

#[test]
fn the_nix_picolibc_source_is_the_pinned_tree_of_the_crate_fetch_picolibc_uses() {
    let (name, version) = (picolibc_source_nix("pname"), picolibc_source_nix("version"));
    assert_eq!((fetch_script("carrier_crate"), fetch_script("carrier_version")), (name.clone(), version.clone()), "nix/picolibc-source.nix and scripts/fetch-picolibc must use one carrier crate");
    // Unpacked as fetchCrate (fetchzip) does: the tarball's single top
    // directory becomes the output, hashed as a NAR.
    let unpack = tmp_dir().join("nix-carrier-unpacked");
    let _ = std::fs::remove_dir_all(&unpack);
    std::fs::create_dir_all(&unpack).unwrap();
    run_ok(Command::new("tar").arg("xzf").arg(crate_file(&name, &version)).arg("-C").arg(&unpack));
    let top = unpack.join(format!("{name}-{version}"));
    let out = run_ok(Command::new("nix").args(["--extra-experimental-features", "nix-command", "hash", "path", "--type", "sha256", "--sri"]).arg(&top));
    let hash = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(hash, picolibc_source_nix("hash"), "nix/picolibc-source.nix's fetchCrate hash is not {name} {version}'s; set it to {hash}");
    let digest = run_ok(Command::new("bash").arg(crate_root().join("scripts/fetch-picolibc")).arg("--digest").arg(top.join("third_party/picolibc")));
    let pinned = std::fs::read_to_string(crate_root().join("third_party/picolibc.digest")).unwrap();
    assert_eq!(String::from_utf8(digest.stdout).unwrap().trim(), pinned.split(' ').next().unwrap(), "{name} {version}'s picolibc is not the tree pinned in third_party/picolibc.digest");
}
