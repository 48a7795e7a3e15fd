//! Shared by the integration tests: build prefixes with the standalone command,
//! compile and link native test programs against them.
#![allow(dead_code)]
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub const TOOL: &str = env!("CARGO_BIN_EXE_picolibc-build");

pub fn crate_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

pub fn tmp_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `cmd` with no input, collecting its output; a libc bug can become an
/// endless loop, so it is killed after `limit`.
pub fn run_with_limit(cmd: &mut Command, limit: Duration) -> Result<Output, String> {
    run_with_limit_on(cmd, limit, Stdio::null())
}

/// run_with_limit with `stdin` as the program's input.
pub fn run_with_limit_on(cmd: &mut Command, limit: Duration, stdin: Stdio) -> Result<Output, String> {
    let mut child = cmd.stdin(stdin).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    // Drain the pipes while waiting, or a chatty test blocks on a full pipe.
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let (out, err) = (read(Box::new(stdout)), read(Box::new(stderr)));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {limit:?}: killed"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok(Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() })
}

/// The picolibc-build prefix for `triple`, built once per test process, or
/// taken as an earlier test process left it when everything it is built from
/// is unchanged (`prefix_inputs`): each test binary used to rebuild every
/// archive it needs, about 40 s each on two cores.
pub fn prefix(triple: &str) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    let mut built = built.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = built.get(triple) {
        return p.clone();
    }
    let prefix = tmp_dir().join("prefix").join(triple);
    let stamp = tmp_dir().join("prefix").join(format!("{triple}.inputs"));
    let inputs = format!("{:016x}", prefix_inputs(triple));
    let fresh = std::fs::read_to_string(&stamp).is_ok_and(|s| s == inputs) && prefix.join("lib/libc.a").is_file();
    if !fresh {
        let _ = std::fs::remove_file(&stamp);
        run_ok(Command::new(TOOL).args(["build", "--target", triple, "--prefix"]).arg(&prefix));
        std::fs::write(&stamp, &inputs).unwrap();
    }
    built.insert(triple.to_string(), prefix.clone());
    prefix
}

/// A hash of what a prefix is built from: the tool (the source list and the
/// flags are compiled into it), this crate's C sources and headers, every
/// picolibc source file (path, size, modification time) and the environment
/// variables the build reads (compiler, archiver and flag variables, PATH).
fn prefix_inputs(triple: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    triple.hash(&mut h);
    std::fs::read(TOOL).unwrap().hash(&mut h);
    let root = crate_root();
    let mut list = Vec::new();
    for dir in ["src/c", "include"] {
        files(&root.join(dir), &mut list);
    }
    list.sort();
    for path in &list {
        path.hash(&mut h);
        std::fs::read(path).unwrap().hash(&mut h);
    }
    let mut list = Vec::new();
    files(&root.join("third_party/picolibc"), &mut list);
    list.sort();
    for path in &list {
        let meta = std::fs::metadata(path).unwrap();
        (path, meta.len(), meta.modified().ok()).hash(&mut h);
    }
    let mut vars: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| ["CC", "AR", "CFLAGS", "HYPERLIGHT", "PICOLIBC", "PATH", "TARGET", "HOST", "clang"].iter().any(|w| k.contains(w)))
        .collect();
    vars.sort();
    vars.hash(&mut h);
    h.finish()
}

pub fn abi_flags(triple: &str) -> Vec<String> {
    let out = run_ok(Command::new(TOOL).args(["flags", "--target", triple]));
    String::from_utf8(out.stdout).unwrap().split_whitespace().map(String::from).collect()
}

pub fn clang() -> PathBuf {
    std::env::var_os("HYPERLIGHT_GUEST_clang").map(PathBuf::from).unwrap_or_else(|| "clang".into())
}

/// ld.lld next to clang (or on PATH).
pub fn lld() -> PathBuf {
    let clang = std::fs::canonicalize(which(&clang())).unwrap_or_else(|_| clang());
    let sibling = clang.parent().map(|d| d.join("ld.lld"));
    sibling.filter(|p| p.is_file()).unwrap_or_else(|| "ld.lld".into())
}

/// llvm-nm next to ld.lld (or on PATH).
pub fn nm() -> PathBuf {
    lld().parent().map(|d| d.join("llvm-nm")).filter(|p| p.is_file()).unwrap_or_else(|| "llvm-nm".into())
}

fn which(program: &Path) -> PathBuf {
    if program.components().count() > 1 {
        return program.to_path_buf();
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(program)).find(|p| p.is_file()))
        .unwrap_or_else(|| program.to_path_buf())
}

/// Rust's compiler_builtins for `triple`: the only compiler runtime a guest has.
pub fn compiler_builtins(triple: &str) -> PathBuf {
    let sysroot = run_ok(Command::new("rustc").arg("--print").arg("sysroot"));
    let dir = PathBuf::from(String::from_utf8(sysroot.stdout).unwrap().trim()).join("lib/rustlib").join(triple).join("lib");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run `rustup target add {triple}`", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("libcompiler_builtins-") && name.ends_with(".rlib")
        })
        .unwrap_or_else(|| panic!("no compiler_builtins rlib in {}", dir.display()))
}

/// Compiles `sources` for `triple` against its prefix.
pub fn compile(triple: &str, sources: &[PathBuf], out_dir: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let prefix = prefix(triple);
    let flags = abi_flags(triple);
    std::fs::create_dir_all(out_dir).unwrap();
    sources
        .iter()
        .map(|src| {
            let obj = out_dir.join(src.file_name().unwrap()).with_extension("o");
            run_ok(
                Command::new(clang())
                    .args(&flags)
                    // -fno-builtin: the tests check the library, not clang's folding of
                    // library calls, and the runtime's calloc must stay a malloc and a memset.
                    .args(["-O1", "-fno-builtin", "-nostdlibinc", "-isystem"])
                    .arg(prefix.join("include"))
                    .args(extra)
                    .arg("-c")
                    .arg(src)
                    .arg("-o")
                    .arg(&obj),
            );
            obj
        })
        .collect()
}

/// The runtime a native test program needs in place of a guest's: entry
/// point, OS interface over Linux syscalls, allocator.
pub fn runtime_sources() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/runtime");
    ["crt0.c", "syscalls.c", "malloc.c"].iter().map(|f| dir.join(f)).collect()
}

/// Links a static Linux executable from `objects`, libc.a and compiler_builtins.
pub fn link(triple: &str, objects: &[PathBuf], exe: &Path) -> Output {
    link_with(triple, objects, exe, &[])
}

/// `link` with extra ld.lld options (before the inputs).
pub fn link_with(triple: &str, objects: &[PathBuf], exe: &Path, options: &[&str]) -> Output {
    Command::new(lld())
        .args(["-static", "--gc-sections"])
        .args(options)
        .arg("-o")
        .arg(exe)
        .args(objects)
        .arg(prefix(triple).join("lib/libc.a"))
        .arg(compiler_builtins(triple))
        .output()
        .expect("cannot run ld.lld (Debian: apt-get install lld)")
}

/// Runs `build`, which makes `exe`, once per test process. Tests run in
/// parallel, and two of them needing the same program rebuilt it at the same
/// path, one linking while the other ran it ("Permission denied"); the second
/// now waits for the first build and runs that. `inputs` says what the program
/// is made from: two different ones at one path are a mistake in the tests.
fn built_once(exe: PathBuf, inputs: String, build: impl FnOnce()) -> PathBuf {
    type Builds = Mutex<HashMap<PathBuf, (String, std::sync::Arc<OnceLock<()>>)>>;
    static BUILDS: OnceLock<Builds> = OnceLock::new();
    let once = {
        let mut builds = BUILDS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        let (known, once) = builds.entry(exe.clone()).or_insert_with(|| (inputs.clone(), Default::default()));
        assert_eq!(*known, inputs, "{} is built from two different sets of inputs", exe.display());
        once.clone()
    };
    once.get_or_init(build);
    exe
}

/// A test program from `source` plus the native runtime, linked against the
/// archive for `triple` as `<work>/<name>`.
pub fn build_program(work: &Path, name: &str, triple: &str, source: &Path, extra: &[&str]) -> PathBuf {
    let exe = work.join(name);
    built_once(exe.clone(), format!("{triple} {} {extra:?}", source.display()), || {
        let mut sources = runtime_sources();
        sources.push(source.to_path_buf());
        let objects = compile(triple, &sources, work, extra);
        let out = link(triple, &objects, &exe);
        assert!(out.status.success(), "link of {name} ({triple}) failed:\n{}", String::from_utf8_lossy(&out.stderr));
    })
}

/// The same test program against the host's glibc, as `tmp/<name>/glibc/<name>`:
/// clang `flags` before the source, `libs` after it.
pub fn build_glibc_program(name: &str, source: &Path, flags: &[&str], libs: &[&str]) -> PathBuf {
    let work = tmp_dir().join(name).join("glibc");
    let exe = work.join(name);
    built_once(exe.clone(), format!("{} {flags:?} {libs:?}", source.display()), || {
        std::fs::create_dir_all(&work).unwrap();
        run_ok(Command::new(clang()).args(flags).arg("-o").arg(&exe).arg(source).args(libs));
    })
}

/// The standard output of a program that must exit 0 within two minutes,
/// with `stdin` (a file) as its input if given.
pub fn program_stdout(exe: &Path, stdin: Option<&Path>) -> String {
    let input = match stdin {
        Some(file) => Stdio::from(std::fs::File::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))),
        None => Stdio::null(),
    };
    let out = run_with_limit_on(&mut Command::new(exe), Duration::from_secs(120), input).unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
    assert!(out.status.success(), "{} failed ({}):\n{}", exe.display(), out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap_or_else(|_| panic!("{} printed invalid UTF-8", exe.display()))
}

/// Native programs need an x86_64 Linux host.
pub fn native_host() -> bool {
    let ok = cfg!(all(target_os = "linux", target_arch = "x86_64"));
    if !ok {
        eprintln!("skipped: native libc tests run only on x86_64 Linux hosts");
    }
    ok
}

/// The aarch64 flavour's Rust target; its test programs run under qemu-user.
pub const AARCH64: &str = "aarch64-unknown-none";

/// qemu-user for aarch64: Debian's static build, which needs no aarch64 libraries.
pub const QEMU_AARCH64: &str = "qemu-aarch64-static";

/// Whether programs built for `triple` can run here (x86_64 Linux: natively, or
/// for aarch64 under qemu-user, which must then be installed).
pub fn can_run(triple: &str) -> bool {
    if !native_host() {
        return false;
    }
    if triple.starts_with("aarch64") {
        let found = std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(QEMU_AARCH64).is_file()));
        assert!(found, "{QEMU_AARCH64} not found on PATH: the aarch64 tests run under it (Debian: apt-get install qemu-user-static; scripts/setup installs it)");
    }
    true
}

/// The command that runs a static Linux program built for `triple`.
pub fn program_command(triple: &str, exe: &Path) -> Command {
    if triple.starts_with("aarch64") {
        let mut cmd = Command::new(QEMU_AARCH64);
        cmd.arg(exe);
        cmd
    } else {
        Command::new(exe)
    }
}

/// A copy of the hyperlight-libc package as it would be published, in its own
/// workspace at `CARGO_TARGET_TMPDIR/<name>`; `with_picolibc` hard-links the
/// picolibc tree in (a second checkout in another directory).
pub fn scratch_package(name: &str, with_picolibc: bool) -> PathBuf {
    let dir = tmp_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for item in ["build.rs", "picobuild", "src", "include", "Cargo.lock"] {
        copy_tree(&crate_root().join(item), &dir.join(item), false);
    }
    if with_picolibc {
        copy_tree(&crate_root().join("third_party/picolibc"), &dir.join("third_party/picolibc"), true);
    }
    let manifest = std::fs::read_to_string(crate_root().join("Cargo.toml")).unwrap();
    let package = manifest.split("\n[workspace]").next().unwrap();
    std::fs::write(dir.join("Cargo.toml"), format!("{package}\n[workspace]\n")).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path, hard_link: bool) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()), hard_link);
        }
    } else if !(hard_link && std::fs::hard_link(from, to).is_ok()) {
        std::fs::copy(from, to).unwrap();
    }
}

/// `cargo build` of a scratch package with a clean set of our variables plus `env`.
pub fn cargo_build(dir: &Path, target_dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["build", "--offline"]).args(args).current_dir(dir).env("CARGO_TARGET_DIR", target_dir);
    for (key, _) in std::env::vars() {
        if key.starts_with("HYPERLIGHT_LIBC_PREBUILT") || key == "PICOLIBC_SRC" || key == "HYPERLIGHT_GUEST_clang" {
            cmd.env_remove(key);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// The OUT_DIR of hyperlight-libc's build script under `target_dir`.
pub fn out_dir(target_dir: &Path, triple: &str, profile: &str) -> PathBuf {
    let build = target_dir.join(triple).join(profile).join("build");
    std::fs::read_dir(&build)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("hyperlight-libc-"))
        .map(|p| p.join("out"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| panic!("no hyperlight-libc OUT_DIR under {}", build.display()))
}

pub fn sha256(path: &Path) -> String {
    let out = run_ok(Command::new("sha256sum").arg(path));
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
}

/// The `cargo::metadata=` lines hyperlight-libc's build script printed.
pub fn metadata_lines(out_dir: &Path) -> Vec<String> {
    let output = std::fs::read_to_string(out_dir.parent().unwrap().join("output")).unwrap();
    output.lines().filter(|l| l.starts_with("cargo::metadata=")).map(String::from).collect()
}
