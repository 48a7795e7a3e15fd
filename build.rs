//! Cargo driver for the picolibc build in build/ (the standalone
//! `picolibc-build` command is the other driver of the same code).
use std::fs;
use std::path::PathBuf;

#[path = "build/mod.rs"]
mod picobuild;

use picobuild::compile::{self, io_error};
use picobuild::{Result, compiler::Compiler, env::Env, headers, metadata, sources, target::Target};

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
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=src/bindings");

    let target = Target::from_cfg(
        &cargo_var("TARGET"),
        &cargo_var("CARGO_CFG_TARGET_ARCH"),
        &cargo_var("CARGO_CFG_TARGET_FEATURE"),
    )?;
    let (src, src_var) = sources::locate(&env, &crate_dir)?;
    println!("cargo:rerun-if-changed={}", src.join("libc").display());
    println!("cargo:rerun-if-changed={}", src.join("libm").display());
    sources::check_tree(&src, &src_var, target.arch)?;

    let config_include = crate_dir.join("include");
    let include_dir = out_dir.join("include");
    let lib_dir = out_dir.join("lib");
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
    headers::install(&src, &config_include, target.arch, &include_dir)?;
    write_bindings(&crate_dir, &include_dir, &target, &out_dir.join("bindings.rs"))?;

    link_archive(&lib_dir.join("libc.a"), &out_dir.join("link"))?;
    for line in metadata::lines(&target, &include_dir, &lib_dir) {
        println!("{line}");
    }
    Ok(())
}

/// Links libc.a under another name: a directory holding `libc.a` on the link
/// search path would shadow the host's C library when this crate is built for
/// the host (tests), since `-lc` would find it first.
fn link_archive(archive: &std::path::Path, link_dir: &std::path::Path) -> Result<()> {
    let _ = fs::remove_dir_all(link_dir);
    fs::create_dir_all(link_dir).map_err(|e| io_error("create", link_dir, e))?;
    let linked = link_dir.join("libhyperlight_libc.a");
    fs::hard_link(archive, &linked)
        .or_else(|_| fs::copy(archive, &linked).map(drop))
        .map_err(|e| io_error("copy", archive, e))?;
    println!("cargo:rustc-link-search=native={}", link_dir.display());
    println!("cargo:rustc-link-lib=static=hyperlight_libc");
    Ok(())
}

/// The committed bindings for this flavour, or fresh ones with `--features bindgen`.
fn write_bindings(crate_dir: &std::path::Path, include_dir: &std::path::Path, target: &Target, dest: &PathBuf) -> Result<()> {
    #[cfg(feature = "bindgen")]
    let text = picobuild::bindings::generate(include_dir, target, true)?;
    #[cfg(not(feature = "bindgen"))]
    let text = {
        let _ = include_dir;
        let committed = crate_dir.join("src/bindings").join(format!("{}.rs", target.flavour()));
        fs::read_to_string(&committed).map_err(|e| {
            picobuild::Error(format!(
                "hyperlight-libc: no committed bindings for {} ({}: {e}); build with \
                 `--features bindgen` to generate them (needs libclang)",
                target.flavour(),
                committed.display()
            ))
        })?
    };
    #[cfg(feature = "bindgen")]
    let _ = crate_dir;
    fs::write(dest, text).map_err(|e| io_error("write", dest, e))
}
