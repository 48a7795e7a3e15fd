//! Cargo driver for the picolibc build in picobuild/ (the standalone
//! `picolibc-build` command is the other driver of the same code).
//!
//! Two paths produce the same OUT_DIR layout (lib/libc.a, include/,
//! bindings.rs) and so the same DEP_C_* metadata:
//! - prebuilt: `HYPERLIGHT_LIBC_PREBUILT[_<target>]` names a prefix from
//!   `picolibc-build build`; its manifest is checked and its files copied.
//!   No C is compiled and neither bindgen nor libclang is needed.
//! - fallback: picolibc is compiled here with clang.
use std::fs;
use std::path::{Path, PathBuf};

#[path = "picobuild/mod.rs"]
mod picobuild;

use picobuild::compile;
use picobuild::error::io_error;
use picobuild::{Result, compiler::Compiler, env::Env, headers, metadata, prebuilt, sources, target::Target};

fn main() {
    if let Err(e) = run() {
        eprintln!("\nerror: {e}\n");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let env = Env { cargo: true };
    let cargo_var = |name: &str| std::env::var(name).unwrap_or_default();
    let crate_dir = PathBuf::from(cargo_var("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(cargo_var("OUT_DIR"));
    println!("cargo:rerun-if-changed=picobuild");
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=src/c");
    println!("cargo:rerun-if-changed=src/bindings");

    let target = Target::from_cfg(
        &cargo_var("TARGET"),
        &cargo_var("CARGO_CFG_TARGET_ARCH"),
        &cargo_var("CARGO_CFG_TARGET_FEATURE"),
    )?;
    let include_dir = out_dir.join("include");
    let lib_dir = out_dir.join("lib");
    let bindings = out_dir.join("bindings.rs");

    if let Some((var, prefix)) = env.get_targeted("HYPERLIGHT_LIBC_PREBUILT", &target.triple) {
        let prefix = PathBuf::from(prefix);
        println!("cargo:rerun-if-changed={}", prefix.display());
        prebuilt::check(&prefix, &var, &target, &crate_dir)?;
        let _ = fs::remove_dir_all(&include_dir);
        headers::copy_headers(&prefix.join("include"), &include_dir)?;
        fs::create_dir_all(&lib_dir).map_err(|e| io_error("create", &lib_dir, e))?;
        copy(&prefix.join("lib/libc.a"), &lib_dir.join("libc.a"))?;
        copy(&prefix.join("bindings.rs"), &bindings)?;
    } else {
        let (src, src_var) = sources::locate(&env, &crate_dir)?;
        println!("cargo:rerun-if-changed={}", src.join("libc").display());
        println!("cargo:rerun-if-changed={}", src.join("libm").display());
        sources::check_tree(&src, &src_var, target.arch)?;
        let compiler = Compiler::find(&env, &target.triple)?;
        compile::build_archive(&compile::Inputs {
            target: &target,
            compiler: &compiler,
            src: &src,
            crate_dir: &crate_dir,
            work_dir: &out_dir.join("build"),
            lib_dir: &lib_dir,
            cargo: true,
        })?;
        headers::install(&src, &crate_dir.join("include"), &include_dir)?;
        write_bindings(&crate_dir, &include_dir, &target, &bindings)?;
    }

    link_archive(&lib_dir.join("libc.a"), &out_dir.join("link"))?;
    for line in metadata::lines(&target, &include_dir, &lib_dir) {
        println!("{line}");
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to).map(drop).map_err(|e| io_error("copy", from, e))
}

/// Links libc.a under another name: a directory holding `libc.a` on the link
/// search path would shadow the host's C library when this crate is built for
/// the host (tests), since `-lc` would find it first.
fn link_archive(archive: &Path, link_dir: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(link_dir);
    fs::create_dir_all(link_dir).map_err(|e| io_error("create", link_dir, e))?;
    let linked = link_dir.join("libhyperlight_libc.a");
    fs::hard_link(archive, &linked).or_else(|_| fs::copy(archive, &linked).map(drop)).map_err(|e| io_error("copy", archive, e))?;
    println!("cargo:rustc-link-search=native={}", link_dir.display());
    println!("cargo:rustc-link-lib=static=hyperlight_libc");
    Ok(())
}

/// Fresh bindings with `--features bindgen`, else the committed ones for this flavour.
#[cfg(feature = "bindgen")]
fn write_bindings(_crate_dir: &Path, include_dir: &Path, target: &Target, dest: &Path) -> Result<()> {
    let text = picobuild::bindings::generate(include_dir, target, true)?;
    fs::write(dest, text).map_err(|e| io_error("write", dest, e))
}

#[cfg(not(feature = "bindgen"))]
fn write_bindings(crate_dir: &Path, _include_dir: &Path, target: &Target, dest: &Path) -> Result<()> {
    copy(&picobuild::bindings_file(crate_dir, target), dest)
}
