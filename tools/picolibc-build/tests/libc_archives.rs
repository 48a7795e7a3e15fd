//! Tests of the built archives. Native tests of the C library: each program in tests/native/c is linked
//! statically against a libc.a from the standalone build and run on the host,
//! once for the hard-float (SSE) flavour and once for the soft-float flavour
//! that Rust's x86_64-unknown-none guests use (soft-float code is plain
//! integer code, so it runs natively too).
mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

const HARD: &str = "x86_64-unknown-linux-gnu";
const SOFT: &str = "x86_64-unknown-none";

/// Builds and runs a test program; returns its output and exit status.
fn run_program_status(triple: &str, name: &str) -> (String, String, Option<i32>) {
    let c_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/c");
    let work = tmp_dir().join("native").join(triple).join(name);
    let mut sources = runtime_sources();
    sources.push(c_dir.join(format!("{name}.c")));
    let objects = compile(triple, &sources, &work, &["-I", c_dir.to_str().unwrap()]);
    let exe = work.join(name);
    let link = link(triple, &objects, &exe);
    assert!(link.status.success(), "link of {name} ({triple}) failed:\n{}", String::from_utf8_lossy(&link.stderr));
    let out = run_with_timeout(Command::new(&exe), Duration::from_secs(120));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (stdout, stderr, out.status.code())
}

/// Runs a test program that reports "<file>: 0 failures" and exits 0.
fn run_program(triple: &str, name: &str) -> (String, String) {
    let (stdout, stderr, code) = run_program_status(triple, name);
    assert!(code == Some(0), "{name} ({triple}) failed with {code:?}:\n{stdout}{stderr}");
    assert!(stdout.contains(": 0 failures"), "{name} ({triple}) did not finish:\n{stdout}{stderr}");
    (stdout, stderr)
}

/// A libc bug can turn into an endless loop; fail instead of hanging CI.
fn run_with_timeout(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("{cmd:?} still running after {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

macro_rules! native_tests {
    ($($name:ident),*) => {
        mod hard_float { $( #[test] fn $name() { if super::native_host() { super::run_program(super::HARD, stringify!($name)); } } )* }
        mod soft_float { $( #[test] fn $name() { if super::native_host() { super::run_program(super::SOFT, stringify!($name)); } } )* }
    };
}

native_tests!(strto, string, stdlib, math, setjmp, time, ctype);

#[test]
fn stdio_output_reaches_stdout_and_stderr() {
    if !native_host() {
        return;
    }
    for triple in [HARD, SOFT] {
        let (stdout, stderr) = run_program(triple, "stdio");
        assert!(stdout.contains("puts reaches stdout\nprintf 2.5\n"), "{triple}: {stdout}");
        assert_eq!(stderr, "stderr works 7\n", "{triple}");
    }
}

/// Defined (non-weak) symbols that more than one archive member defines.
fn duplicate_definitions(archive: &Path) -> Vec<String> {
    let out = common::run_ok(Command::new(nm()).args(["--defined-only", "--format=posix"]).arg(archive));
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut parts = line.split_whitespace();
        if let (Some(name), Some(kind)) = (parts.next(), parts.next()) {
            if !name.ends_with(':') && matches!(kind, "T" | "D" | "B" | "R") {
                *seen.entry(name.to_string()).or_default() += 1;
            }
        }
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(s, _)| s).collect()
}

fn nm() -> std::path::PathBuf {
    let lld = common::lld();
    lld.parent().map(|d| d.join("llvm-nm")).filter(|p| p.is_file()).unwrap_or_else(|| "llvm-nm".into())
}

#[test]
fn no_symbol_is_defined_twice() {
    for triple in [SOFT, HARD, "aarch64-unknown-none"] {
        let archive = prefix(triple).join("lib/libc.a");
        assert_eq!(duplicate_definitions(&archive), Vec::<String>::new(), "{triple}: symbols defined twice");
    }
}

#[test]
fn soft_float_archive_has_no_sse_or_x87_instructions() {
    let archive = prefix(SOFT).join("lib/libc.a");
    let objdump = nm().with_file_name("llvm-objdump");
    let objdump = if objdump.is_file() { objdump } else { "llvm-objdump".into() };
    let out = common::run_ok(Command::new(objdump).args(["-d", "--no-show-raw-insn"]).arg(&archive));
    let text = String::from_utf8_lossy(&out.stdout);
    let bad: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(' ') && l.contains(":\t"))
        .filter(|l| l.contains("%xmm") || l.contains("%ymm") || l.contains("%st") || l.contains("mxcsr") || {
            let insn = l.split('\t').nth(1).unwrap_or("");
            insn.starts_with('f') && !insn.starts_with("fence")
        })
        .take(10)
        .collect();
    assert!(bad.is_empty(), "SSE/x87 instructions in the soft-float archive:\n{}", bad.join("\n"));
}

#[test]
fn exit_runs_handlers_destructors_and_flushes_in_order() {
    if !native_host() {
        return;
    }
    for triple in [HARD, SOFT] {
        let (stdout, _, code) = run_program_status(triple, "exit");
        assert_eq!(code, Some(5), "{triple}: {stdout}");
        assert_eq!(
            stdout,
            "constructed=1\nbuffered, flushed by exit\non_exit second code=5 arg=x\natexit first\ndestructor\n",
            "{triple}"
        );
    }
}
