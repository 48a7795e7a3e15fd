//! `picolibc-build`: the standalone driver of hyperlight-libc's picolibc build.
//!
//! It runs the same code as the crate's build.rs (picobuild/ in the crate root),
//! outside cargo, so the Nix derivation and the tests can build a prefix with
//! any clang:
//!
//!   picolibc-build build --target <rust-triple> --prefix <dir> [--float-abi soft|hard]
//!                        [--src <picolibc>] [--cc <clang>] [--crate-dir <hyperlight-libc>]
//!   picolibc-build bindings --target <rust-triple> --out <file> [--float-abi ..] [--src ..]
//!   picolibc-build flags --target <rust-triple> [--float-abi soft|hard]
//!   picolibc-build headers --target <rust-triple> --prefix <dir>   (only <dir>/include)
//!   picolibc-build library-flags --target <rust-triple> [--float-abi ..] [--src ..]
//!                        (the flags and include folders picolibc itself is compiled with)
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "../../../picobuild/mod.rs"]
mod picobuild;

use picobuild::compiler::Compiler;
use picobuild::env::Env;
use picobuild::error::{Error, Result, fail};
use picobuild::target::{FloatAbi, Target};
use picobuild::{compile, flags, headers, prebuilt, sources};

const USAGE: &str = "usage: picolibc-build <build|headers|bindings|flags|library-flags> --target <rust-triple> \
[--float-abi soft|hard] [--prefix <dir>] [--out <file>] [--src <picolibc>] [--cc <clang>] \
[--crate-dir <hyperlight-libc sources>]";

struct Args {
    command: String,
    target: Target,
    prefix: Option<PathBuf>,
    out: Option<PathBuf>,
    src: Option<PathBuf>,
    cc: Option<PathBuf>,
    /// hyperlight-libc's sources (include/, src/c/, src/bindings/); by default
    /// the checkout this command was built from.
    crate_dir: PathBuf,
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args() -> Result<Args> {
    let mut argv = std::env::args().skip(1);
    let command = argv.next().ok_or_else(|| Error(USAGE.into()))?;
    let (mut triple, mut float_abi, mut prefix, mut out, mut src, mut cc) = (None, None, None, None, None, None);
    let mut crate_dir = default_crate_dir();
    while let Some(flag) = argv.next() {
        let value = argv.next().ok_or_else(|| Error(format!("{flag} needs a value\n{USAGE}")))?;
        match flag.as_str() {
            "--target" => triple = Some(value),
            "--float-abi" => float_abi = Some(FloatAbi::parse(&value)?),
            "--prefix" => prefix = Some(PathBuf::from(value)),
            "--out" => out = Some(PathBuf::from(value)),
            "--src" => src = Some(PathBuf::from(value)),
            "--cc" => cc = Some(PathBuf::from(value)),
            "--crate-dir" => crate_dir = PathBuf::from(value),
            _ => return fail(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    let triple = triple.ok_or_else(|| Error(format!("--target is required\n{USAGE}")))?;
    let target = Target::from_triple(&triple, float_abi)?;
    Ok(Args { command, target, prefix, out, src, cc, crate_dir })
}

/// The hyperlight-libc crate root, canonical so paths match build.rs's (for
/// -ffile-prefix-map).
fn default_crate_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn run(args: &Args) -> Result<()> {
    match args.command.as_str() {
        "flags" => {
            println!("{}", flags::abi_args(&args.target).join(" "));
            Ok(())
        }
        "library-flags" => {
            // What picolibc's own files are compiled with (ABI, library flags,
            // include directories): for probes of the configuration.
            let src = source_dir(args)?;
            let mut all = flags::abi_args(&args.target);
            all.extend(flags::library_args(&args.target));
            for dir in flags::library_include_dirs(&src, &args.crate_dir.join("include"), args.target.arch) {
                all.push(format!("-I{}", dir.display()));
            }
            println!("{}", all.join("\n"));
            Ok(())
        }
        "build" => build(args),
        "bindings" => bindings(args),
        "headers" => {
            let prefix = args.prefix.as_ref().ok_or_else(|| Error(format!("headers needs --prefix\n{USAGE}")))?;
            headers::install(&source_dir(args)?, &args.crate_dir.join("include"), &prefix.join("include"))
        }
        other => fail(format!("unknown command {other}\n{USAGE}")),
    }
}

fn source_dir(args: &Args) -> Result<PathBuf> {
    let env = Env { cargo: false };
    let (src, var) = match &args.src {
        Some(dir) => (dir.clone(), "--src".to_string()),
        None => sources::locate(&env, &args.crate_dir)?,
    };
    sources::check_tree(&src, &var, args.target.arch)?;
    Ok(src)
}

fn compiler(args: &Args) -> Result<Compiler> {
    match &args.cc {
        Some(cc) => Compiler::probe(cc.clone(), "--cc".into()),
        None => Compiler::find(&Env { cargo: false }, &args.target.triple),
    }
}

fn build(args: &Args) -> Result<()> {
    let prefix = args.prefix.as_ref().ok_or_else(|| Error(format!("build needs --prefix\n{USAGE}")))?;
    let src = source_dir(args)?;
    let compiler = compiler(args)?;
    let crate_dir = &args.crate_dir;
    let config_include = crate_dir.join("include");
    let work = prefix.join(".build");
    let lib_dir = prefix.join("lib");
    let archive = compile::build_archive(&compile::Inputs {
        target: &args.target,
        compiler: &compiler,
        src: &src,
        crate_dir,
        work_dir: &work,
        lib_dir: &lib_dir,
        cargo: false,
    })?;
    let _ = std::fs::remove_dir_all(&work);
    let include_dir = prefix.join("include");
    headers::install(&src, &config_include, &include_dir)?;
    let bindings = prefix.join("bindings.rs");
    #[cfg(feature = "bindgen")]
    {
        let text = picobuild::bindings::generate(&include_dir, &args.target, false)?;
        std::fs::write(&bindings, text).map_err(|e| picobuild::error::io_error("write", &bindings, e))?;
    }
    #[cfg(not(feature = "bindgen"))]
    std::fs::copy(picobuild::bindings_file(crate_dir, &args.target), &bindings)
        .map_err(|e| picobuild::error::io_error("copy", &bindings, e))?;
    // The ABI flags C code in the same guest must use (the Nix wrappers and
    // nix/guest-env.sh read them from here).
    let abi_flags = prefix.join("abi-flags");
    std::fs::write(&abi_flags, flags::abi_args(&args.target).join(" ") + "\n")
        .map_err(|e| picobuild::error::io_error("write", &abi_flags, e))?;
    let manifest = prebuilt::write(prefix, &args.target, crate_dir, &compiler)?;
    print!("{manifest}");
    println!("{}", archive.display());
    Ok(())
}

fn bindings(args: &Args) -> Result<()> {
    #[cfg(not(feature = "bindgen"))]
    return fail("this picolibc-build was built without the bindgen feature");
    #[cfg(feature = "bindgen")]
    {
        let out = args.out.as_ref().ok_or_else(|| Error(format!("bindings needs --out\n{USAGE}")))?;
        let src = source_dir(args)?;
        let tmp = std::env::temp_dir().join(format!("picolibc-bindings-{}", std::process::id()));
        let include_dir = tmp.join("include");
        headers::install(&src, &args.crate_dir.join("include"), &include_dir)?;
        let text = picobuild::bindings::generate(&include_dir, &args.target, false);
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::write(out, text?).map_err(|e| picobuild::error::io_error("write", out, e))
    }
}
