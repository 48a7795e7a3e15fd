//! picolibc's own test suite (third_party/picolibc/test and libm/test), each
//! program built as a static Linux executable against a libc.a from the
//! standalone build and run natively: once for the hard-float flavour, once
//! for the soft-float flavour of Rust's x86_64-unknown-none guests, and once
//! for the aarch64 flavour under qemu-user. The plan
//! (which programs, with which flags, which are skipped and why) is in
//! picolibc_suite/plan.rs; the counts are in the README.
mod common;
#[path = "picolibc_suite/plan.rs"]
mod plan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use plan::{Expect, Program};

const HARD: &str = "x86_64-unknown-linux-gnu";
const SOFT: &str = "x86_64-unknown-none";

/// What picolibc's meson adds to every test compile in its default
/// configuration (test-long-double on, fortify-source 3, tests built without
/// the stack protector unless they ask for it).
const TEST_CFLAGS: &[&str] = &["-O2", "-D_TEST_LONG_DOUBLE", "-D_FORTIFY_SOURCE=3", "-fno-stack-protector"];

/// A libc bug can become an endless loop: fail instead of hanging CI.
const TIME_LIMIT: Duration = Duration::from_secs(300);

fn picolibc() -> PathBuf {
    crate_root().join("third_party/picolibc")
}

#[test]
fn plan_covers_every_meson_test() {
    let meson = plan::meson_test_names(&picolibc());
    let planned = plan::planned_names(&picolibc());
    let unplanned: Vec<_> = meson.difference(&planned).collect();
    assert!(unplanned.is_empty(), "picolibc tests neither run nor skipped (add them to picolibc_suite/plan.rs): {unplanned:?}");
    let stale: Vec<_> = planned.difference(&meson).collect();
    assert!(stale.is_empty(), "picolibc_suite/plan.rs names tests picolibc's meson files do not have: {stale:?}");
}

#[test]
fn picolibc_suite_hard_float() {
    run_suite(HARD, "hard-float");
}

#[test]
fn picolibc_suite_soft_float() {
    run_suite(SOFT, "soft-float");
}

#[test]
fn picolibc_suite_aarch64() {
    run_suite(AARCH64, "aarch64");
}

#[test]
fn docs_list_every_skipped_test() {
    let docs = std::fs::read_to_string(crate_root().join("docs/picolibc.md")).unwrap();
    let not_built: Vec<String> = plan::SKIPPED.iter().map(|(suite, name, why)| format!("- `{suite}/{name}`: {why}")).collect();
    let at_run_time: Vec<String> = plan::SKIPS_ITSELF.iter().map(|(name, why)| format!("- `{name}`: {why}")).collect();
    for (marker, lines) in [("picolibc-suite-skips", not_built), ("picolibc-suite-self-skips", at_run_time)] {
        let listed = between(&docs, &format!("<!-- {marker}:start -->"), &format!("<!-- {marker}:end -->"));
        let listed: Vec<&str> = listed.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(listed, lines, "docs/picolibc.md's {marker} list must read, from picolibc_suite/plan.rs:\n{}", lines.join("\n"));
    }
}

#[derive(Default, Clone, Copy, PartialEq, Debug)]
struct Counts {
    passed: usize,
    skipped_at_run_time: usize,
}

fn run_suite(triple: &'static str, flavour: &str) {
    if !can_run(triple) {
        return;
    }
    let work = tmp_dir().join("picolibc-suite").join(triple);
    let _ = std::fs::remove_dir_all(&work);
    let toolchain = Toolchain::new(triple, &work);
    let mut programs = plan::programs(&picolibc());
    programs.extend(plan::host_compared_programs(&picolibc()));

    let next = AtomicUsize::new(0);
    let results = Mutex::new(BTreeMap::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(program) = programs.get(i) else { break };
                    let outcome = build_and_run(&toolchain, program, &work);
                    results.lock().unwrap().insert(i, outcome);
                }
            });
        }
    });

    let results = results.into_inner().unwrap();
    let mut counts = BTreeMap::<&str, Counts>::new();
    let mut failures = Vec::new();
    for (i, outcome) in results {
        let program = &programs[i];
        let c = counts.entry(program.suite).or_default();
        match outcome {
            Ok(Outcome::Passed) => c.passed += 1,
            Ok(Outcome::SkippedItself(reason)) => {
                c.skipped_at_run_time += 1;
                eprintln!("{flavour}: {}/{} skipped itself: {reason}", program.suite, program.name);
            }
            Err(why) => failures.push(format!("{}/{}: {why}", program.suite, program.name)),
        }
    }
    let total: usize = counts.values().map(|c| c.passed).sum();
    eprintln!("{flavour}: picolibc suite: {total} passed, {} failed", failures.len());
    for (suite, c) in &counts {
        eprintln!("  {suite:16} {:4} passed {:3} skipped at run time", c.passed, c.skipped_at_run_time);
    }
    assert!(failures.is_empty(), "{flavour}: picolibc tests failed:\n\n{}", failures.join("\n\n"));
    check_readme_counts(flavour, &counts);
}

/// What every program of one flavour is built with.
struct Toolchain {
    triple: &'static str,
    abi_flags: Vec<String>,
    include: PathBuf,
    libc: PathBuf,
    compiler_builtins: PathBuf,
    runtime: Vec<PathBuf>,
}

impl Toolchain {
    fn new(triple: &'static str, work: &Path) -> Self {
        let prefix = prefix(triple);
        let abi_flags = abi_flags(triple);
        let include = prefix.join("include");
        // The native runtime (crt0, OS interface over syscalls, allocator), compiled once.
        let runtime = compile(triple, &runtime_sources(), &work.join("runtime"), &[]);
        Toolchain { triple, abi_flags, include, libc: prefix.join("lib/libc.a"), compiler_builtins: compiler_builtins(triple), runtime }
    }
}

enum Outcome {
    Passed,
    SkippedItself(&'static str),
}

/// libc-testsuite/snprintf.c expects picolibc's own float engine under
/// `#ifdef __PICOLIBC__` (digits past the 17th printed as zeros, `%#.0o` of 0
/// printing nothing); this library's printf prints exact digits (issue 12,
/// src/c/vfprintf.c), so that test is built from a copy that takes the other
/// branches, the values C requires. Other sources are used as they are.
fn exact_printf_source(program: &Program, src: &Path, dir: &Path) -> PathBuf {
    if !(program.suite == "libc-testsuite" && program.name == "snprintf") {
        return src.to_path_buf();
    }
    let text = std::fs::read_to_string(src).unwrap();
    let picolibc_only = "#ifdef __PICOLIBC__\n";
    assert_eq!(text.matches(picolibc_only).count(), 4, "{}: the picolibc-only blocks changed; review exact_printf_source", src.display());
    let copy = dir.join("snprintf-exact-printf.c");
    std::fs::write(&copy, text.replace(picolibc_only, "#if 0 // hyperlight-libc prints exact digits\n")).unwrap();
    copy
}

fn build_and_run(tc: &Toolchain, program: &Program, work: &Path) -> Result<Outcome, String> {
    let dir = work.join(program.suite).join(&program.name);
    std::fs::create_dir_all(&dir).unwrap();
    let mut objects = Vec::new();
    for (i, original) in program.sources.iter().enumerate() {
        let src = &exact_printf_source(program, original, &dir);
        let obj = dir.join(format!("{i}-{}.o", src.file_stem().unwrap().to_string_lossy()));
        let mut cmd = Command::new(clang());
        cmd.args(&tc.abi_flags)
            .args(TEST_CFLAGS)
            .arg("-nostdlibinc")
            .arg("-isystem")
            .arg(&tc.include)
            .arg(format!("-DTEST_FILE_NAME=\"{}.txt\"", program.name))
            .arg("-I")
            .arg(original.parent().unwrap())
            .args(&program.cflags)
            .arg("-c")
            .arg(src)
            .arg("-o")
            .arg(&obj);
        let out = cmd.output().map_err(|e| format!("cannot run clang: {e}"))?;
        if !out.status.success() {
            return Err(format!("compile of {} failed:\n{}", src.display(), tail(&out.stderr, 20)));
        }
        objects.push(obj);
    }
    let exe = dir.join(&program.name);
    let link = Command::new(lld())
        .args(["-static", "--gc-sections", "-o"])
        .arg(&exe)
        .args(&objects)
        .args(&tc.runtime)
        .args(&program.ldflags)
        .arg(&tc.libc)
        .arg(&tc.compiler_builtins)
        .output()
        .map_err(|e| format!("cannot run ld.lld: {e}"))?;
    if !link.status.success() {
        return Err(format!("link failed:\n{}", tail(&link.stderr, 20)));
    }
    let out = run_with_limit(program_command(tc.triple, &exe).current_dir(&dir), TIME_LIMIT)?;
    let code = out.status.code();
    let report = || format!("exit {:?}; output ends:\n{}{}", out.status, tail(&out.stdout, 15), tail(&out.stderr, 15));
    match program.expect {
        Expect::Pass if code == Some(0) => Ok(Outcome::Passed),
        Expect::Pass if plan::only_known_differences(program.suite, &program.name, &out.stdout) => Ok(Outcome::Passed),
        Expect::Fail if code != Some(0) && code != Some(77) => Ok(Outcome::Passed),
        Expect::SkipsItself(reason) if code == Some(77) => Ok(Outcome::SkippedItself(reason)),
        Expect::MatchesHost if code == Some(0) => {
            let host = host_output(program, &dir)?;
            if host == out.stdout {
                Ok(Outcome::Passed)
            } else {
                Err(format!("output differs from the host C library's ({} vs {} bytes)", out.stdout.len(), host.len()))
            }
        }
        Expect::Fail => Err(format!("meson expects this test to fail, but it did not: {}", report())),
        _ => Err(report()),
    }
}

/// The same program built with the host's compiler and C library.
fn host_output(program: &Program, dir: &Path) -> Result<Vec<u8>, String> {
    let exe = dir.join(format!("{}-host", program.name));
    let build = Command::new(clang())
        .args(["-O2", "-fno-builtin", "-o"])
        .arg(&exe)
        .args(&program.sources)
        .arg("-lm")
        .output()
        .map_err(|e| format!("cannot run clang: {e}"))?;
    if !build.status.success() {
        return Err(format!("host build failed (Debian: apt-get install libc6-dev):\n{}", tail(&build.stderr, 20)));
    }
    let out = run_with_limit(&mut Command::new(&exe), TIME_LIMIT)?;
    if !out.status.success() {
        return Err(format!("host build exited with {}", out.status));
    }
    Ok(out.stdout)
}

fn tail(bytes: &[u8], lines: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].iter().map(|l| format!("{l}\n")).collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("marker {start} missing")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("marker {end} missing")) + from;
    &text[from..to]
}

/// The README's table: `| suite | hard passed | hard skipped | soft passed | soft skipped | aarch64
/// passed | aarch64 skipped | not built |`.
fn check_readme_counts(flavour: &str, counts: &BTreeMap<&str, Counts>) {
    let readme = std::fs::read_to_string(crate_root().join("README.md")).unwrap();
    let table = between(&readme, "<!-- picolibc-suite:start -->", "<!-- picolibc-suite:end -->");
    let column = match flavour {
        "hard-float" => 1,
        "soft-float" => 3,
        _ => 5,
    };
    let mut not_built = BTreeMap::<&str, usize>::new();
    for (suite, _, _) in plan::SKIPPED {
        *not_built.entry(suite).or_default() += 1;
    }
    let mut rows = BTreeMap::new();
    for line in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let number = |i: usize| cells.get(i).and_then(|c| c.parse::<usize>().ok());
        let suite = cells[0].trim_matches('`').to_string();
        rows.insert(suite, (number(column), number(column + 1), number(7)));
    }
    let suites: BTreeSet<&str> = counts.keys().copied().chain(not_built.keys().copied()).collect();
    let mut expected = String::new();
    let mut wrong = false;
    for suite in &suites {
        let c = counts.get(suite).copied().unwrap_or_default();
        let skipped = not_built.get(suite).copied().unwrap_or(0);
        expected.push_str(&format!("| `{suite}` | {} | {} | {skipped} |\n", c.passed, c.skipped_at_run_time));
        wrong |= rows.get(*suite) != Some(&(Some(c.passed), Some(c.skipped_at_run_time), Some(skipped)));
    }
    wrong |= rows.len() != suites.len();
    assert!(!wrong, "README's picolibc-suite table is not current for {flavour}; its rows should read (suite | passed | skipped at run time | not built):\n{expected}");
}
