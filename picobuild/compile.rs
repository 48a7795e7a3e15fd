//! Compiles the source list with clang through cc-rs (in parallel) and packs a
//! deterministic `libc.a`.
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::compiler::Compiler;
use super::env::Env;
use super::error::{Error, Result, fail, io_error};
use super::{flags, sources, target::Target};

pub struct Inputs<'a> {
    pub target: &'a Target,
    pub compiler: &'a Compiler,
    /// The picolibc tree.
    pub src: &'a Path,
    /// The crate root: include/ (picolibc.h, ABI fix-up headers) and src/c/.
    pub crate_dir: &'a Path,
    /// Scratch space for objects; the archive goes to `<lib_dir>/libc.a`.
    pub work_dir: &'a Path,
    pub lib_dir: &'a Path,
    /// Running under cargo: report progress and warnings the cargo way.
    pub cargo: bool,
}

/// Builds `<lib_dir>/libc.a` and returns its path.
pub fn build_archive(inputs: &Inputs) -> Result<PathBuf> {
    let config_include = inputs.crate_dir.join("include");
    // (path as named in the archive, path on disk)
    let files: Vec<(String, PathBuf)> = sources::list(inputs.target.arch)
        .into_iter()
        .map(|f| (f.to_string(), inputs.src.join(f)))
        .chain(sources::CRATE_SOURCES.iter().map(|f| (format!("hyperlight/{f}"), inputs.crate_dir.join(f))))
        .collect();
    let obj_dir = inputs.work_dir.join("obj");
    // Stale objects from another configuration must never reach the archive.
    let _ = fs::remove_dir_all(&obj_dir);
    fs::create_dir_all(&obj_dir).map_err(|e| io_error("create", &obj_dir, e))?;
    fs::create_dir_all(inputs.lib_dir).map_err(|e| io_error("create", inputs.lib_dir, e))?;

    let mut build = cc::Build::new();
    build
        .compiler(&inputs.compiler.path)
        .target(&inputs.target.triple)
        .host(&super::env::host_triple(&inputs.target.triple))
        .opt_level(2)
        .debug(false)
        // Every flag is ours (see flags.rs): no cc-rs defaults, nothing inherited
        // from RUSTFLAGS, so cargo and the standalone command produce equal bytes.
        .no_default_flags(true)
        .inherit_rustflags(false)
        .warnings(false)
        .extra_warnings(false)
        // Under cargo: warnings and cc-rs's rerun-if-env-changed lines (CFLAGS_<target>, ...);
        // compile_intermediates prints no link lines.
        .cargo_metadata(inputs.cargo)
        .cargo_warnings(inputs.cargo)
        .emit_rerun_if_env_changed(inputs.cargo)
        .out_dir(&obj_dir);
    let args = flags::abi_args(inputs.target)
        .into_iter()
        .chain(flags::library_args(inputs.target))
        .chain(flags::prefix_map_args(inputs.src, inputs.crate_dir, inputs.work_dir));
    for arg in args {
        build.flag(arg);
    }
    for dir in flags::library_include_dirs(inputs.src, &config_include, inputs.target.arch) {
        build.include(dir);
    }
    // One cc-rs batch per distinct set of per-file flags (flags::file_args);
    // objects go back into list order.
    let mut batches: Vec<(&[&str], Vec<usize>)> = Vec::new();
    for (i, (file, _)) in files.iter().enumerate() {
        let extra = flags::file_args(file);
        match batches.iter_mut().find(|(e, _)| *e == extra) {
            Some((_, members)) => members.push(i),
            None => batches.push((extra, vec![i])),
        }
    }
    let mut objects: Vec<Option<PathBuf>> = vec![None; files.len()];
    for (extra, members) in &batches {
        let mut batch = build.clone();
        for arg in extra.iter() {
            batch.flag(arg);
        }
        for &i in members {
            batch.file(&files[i].1);
        }
        let compiled = batch.try_compile_intermediates().map_err(|e| {
            Error(format!(
                "hyperlight-libc: compiling picolibc with {} ({}) failed: {e}",
                inputs.compiler.path.display(),
                inputs.compiler.identity
            ))
        })?;
        if compiled.len() != members.len() {
            return fail(format!("hyperlight-libc: cc-rs returned {} objects for {} sources", compiled.len(), members.len()));
        }
        for (&i, object) in members.iter().zip(compiled) {
            objects[i] = Some(object);
        }
    }
    let objects: Vec<PathBuf> = objects.into_iter().map(|o| o.expect("every file is in one batch")).collect();

    // Member names come from the source path, not cc-rs's hashed names, and
    // members go in list order, so the archive is the same wherever it is built.
    let members_dir = inputs.work_dir.join("members");
    let _ = fs::remove_dir_all(&members_dir);
    fs::create_dir_all(&members_dir).map_err(|e| io_error("create", &members_dir, e))?;
    let mut members = Vec::with_capacity(files.len());
    for ((file, _), object) in files.iter().zip(&objects) {
        let name = member_name(file);
        let dest = members_dir.join(&name);
        fs::rename(object, &dest).map_err(|e| io_error("move", object, e))?;
        members.push(name);
    }

    let archive = inputs.lib_dir.join("libc.a");
    let _ = fs::remove_file(&archive);
    let ar = archiver(&Env { cargo: inputs.cargo }, &inputs.target.triple, inputs.compiler);
    // One invocation per chunk keeps the command line short; `D` zeroes
    // timestamps, owners and modes.
    for chunk in members.chunks(256) {
        run(Command::new(&ar).arg("qD").arg(&archive).args(chunk).current_dir(&members_dir), &ar)?;
    }
    run(Command::new(&ar).arg("sD").arg(&archive), &ar)?;
    Ok(archive)
}

/// `libc/stdio/vfprintf.c` -> `libc_stdio_vfprintf.c.o`: unique, since
/// `memchr.S` and `memchr.c` can sit side by side.
pub fn member_name(source: &str) -> String {
    format!("{}.o", source.replace('/', "_"))
}

/// cc-rs's `AR_<target>` / `AR` if set, else the llvm-ar next to clang (GNU
/// ar cannot index objects for another architecture).
fn archiver(env: &Env, triple: &str, compiler: &Compiler) -> PathBuf {
    match env.get_targeted("AR", triple) {
        Some((_, ar)) => PathBuf::from(ar),
        None => compiler.sibling_tool("llvm-ar"),
    }
}

fn run(cmd: &mut Command, tool: &Path) -> Result<()> {
    let status = cmd.status().map_err(|e| {
        Error(format!(
            "hyperlight-libc: cannot run {}: {e}. Install LLVM's binutils (Debian: apt-get install llvm)",
            tool.display()
        ))
    })?;
    if !status.success() {
        return fail(format!("hyperlight-libc: {:?} failed with {status}", cmd));
    }
    Ok(())
}
