//! The prebuilt prefix: what the standalone command (and the Nix derivation)
//! writes and what build.rs accepts instead of compiling.
//!
//! ```text
//! <prefix>/lib/libc.a
//! <prefix>/include/...
//! <prefix>/bindings.rs
//! <prefix>/hyperlight-libc.manifest   key=value lines, see `expected`
//! ```
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::compiler::Compiler;
use super::error::{Result, fail, io_error};
use super::target::Target;
use super::{flags, sha256, sources};

pub const MANIFEST: &str = "hyperlight-libc.manifest";
pub const FORMAT: &str = "hyperlight-libc-prebuilt-1";
/// Archives listed (with their sha256) in the manifest.
pub const ARCHIVES: &[&str] = &["lib/libc.a"];

/// The manifest fields that must match what this crate would build for `target`.
pub fn expected(target: &Target, crate_dir: &Path) -> Result<Vec<(&'static str, String)>> {
    let picolibc_h = read(&crate_dir.join("include/picolibc.h"))?;
    let version = picolibc_h
        .lines()
        .find_map(|l| l.strip_prefix("#define __PICOLIBC_VERSION__ "))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    // Everything that decides the archive's bytes besides the sources themselves.
    let mut config = sha256::Sha256::default();
    for arg in flags::abi_args(target).iter().chain(&flags::library_args(target)) {
        config.update(arg.as_bytes());
        config.update(b"\n");
    }
    for file in flags::WITHOUT_ROUNDING_MATH {
        config.update(format!("{file}: {}\n", flags::file_args(file).join(" ")).as_bytes());
    }
    let ours = ["include/picolibc.h", "include/stdarg.h", "include/machine/fenv.h"].iter().chain(sources::CRATE_SOURCES).chain(sources::CRATE_HEADERS);
    for file in ours {
        config.update(file.as_bytes());
        config.update(read(&crate_dir.join(file))?.as_bytes());
    }
    Ok(vec![
        ("format", FORMAT.to_string()),
        ("picolibc_version", version),
        ("flavour", target.flavour()),
        ("arch", target.arch.name().to_string()),
        ("float_abi", target.float_abi.name().to_string()),
        ("config_digest", config.hex()),
        ("file_list_digest", sha256::hex(sources::list_text(target.arch).as_bytes())),
    ])
}

pub fn write(prefix: &Path, target: &Target, crate_dir: &Path, compiler: &Compiler) -> Result<String> {
    let mut text = String::new();
    for (key, value) in expected(target, crate_dir)? {
        text += &format!("{key}={value}\n");
    }
    text += &format!("compiler={}\n", compiler.identity);
    for archive in ARCHIVES {
        let path = prefix.join(archive);
        let digest = sha256::file_hex(&path).map_err(|e| io_error("read", &path, e))?;
        text += &format!("sha256:{archive}={digest}\n");
    }
    let path = prefix.join(MANIFEST);
    fs::write(&path, &text).map_err(|e| io_error("write", &path, e))?;
    Ok(text)
}

/// Checks `prefix` (named by variable `var`) against what this crate would build.
pub fn check(prefix: &Path, var: &str, target: &Target, crate_dir: &Path) -> Result<()> {
    let shown = format!("{var}={}", prefix.display());
    if !prefix.is_dir() {
        return fail(format!(
            "hyperlight-libc: {shown} does not exist. Point it at a prefix written by \
             `picolibc-build build` (or the Nix picolibc package), or unset it to compile picolibc"
        ));
    }
    let manifest_path = prefix.join(MANIFEST);
    let Ok(text) = fs::read_to_string(&manifest_path) else {
        return fail(format!(
            "hyperlight-libc: {shown} has no {MANIFEST}; it is not a prefix written by \
             `picolibc-build build`"
        ));
    };
    let found: BTreeMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).collect();
    let rebuild = format!(
        "rebuild the prefix with `picolibc-build build --target {} --prefix <dir>` from this \
         version of hyperlight-libc, or unset {var} to compile picolibc",
        target.triple
    );
    for (key, want) in expected(target, crate_dir)? {
        let got = found.get(key).copied().unwrap_or("(missing)");
        if got == want {
            continue;
        }
        let what = match key {
            "arch" | "flavour" => format!(
                "was built for {} but target {} needs {}",
                found.get("flavour").unwrap_or(&got),
                target.triple,
                target.flavour()
            ),
            "float_abi" => format!(
                "has float ABI `{got}` but target {} uses the {} float ABI",
                target.triple,
                target.float_abi.name()
            ),
            "picolibc_version" => format!("holds picolibc {got}, this crate builds picolibc {want}"),
            "config_digest" => "was built with another configuration (flags, picolibc.h or our C sources)".into(),
            "file_list_digest" => "was built from another source list".into(),
            _ => format!("has {key}={got}, expected {want}"),
        };
        return fail(format!("hyperlight-libc: {shown} {what}; {rebuild}"));
    }
    for archive in ARCHIVES {
        let path = prefix.join(archive);
        let want = found.get(format!("sha256:{archive}").as_str()).copied().unwrap_or("(missing)");
        let got = match sha256::file_hex(&path) {
            Ok(got) => got,
            Err(e) => return fail(format!("hyperlight-libc: {shown}: cannot read {archive}: {e}; {rebuild}")),
        };
        if got != want {
            return fail(format!(
                "hyperlight-libc: {shown}: {archive} does not match the manifest (sha256 {got}, \
                 manifest says {want}); the archive was modified or replaced. {rebuild}"
            ));
        }
    }
    for needed in ["include/stdio.h", "bindings.rs"] {
        if !prefix.join(needed).is_file() {
            return fail(format!("hyperlight-libc: {shown} lacks {needed}; {rebuild}"));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| io_error("read", path, e))
}
