//! The SSE (hard-float) build of the example guest, built by cargo-hyperlight
//! for its `x86_64-hyperlight-none` target (scripts/build-examples): it must
//! build, with hyperlight-libc's C compiled for SSE, even where it cannot run
//! (this machine's kvm-pvm rejects SSE instructions, so nothing here starts
//! it). The default guest, x86_64-unknown-none, must have no SSE at all.
use std::path::{Path, PathBuf};
use std::process::Command;

fn guest(target: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../guest/target").join(target).join("release/example-guest");
    assert!(path.is_file(), "{} is missing: run scripts/build-examples first", path.display());
    path
}

/// Instructions of `symbol` (or the whole file) that use an SSE register.
fn sse_instructions(elf: &Path, symbol: Option<&str>) -> usize {
    let mut cmd = Command::new("llvm-objdump");
    cmd.args(["-d", "--no-show-raw-insn"]);
    if let Some(s) = symbol {
        cmd.arg(format!("--disassemble-symbols={s}"));
    }
    let out = cmd.arg(elf).output().expect("llvm-objdump (Debian: apt-get install llvm)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    if let Some(s) = symbol {
        assert!(text.contains(&format!("<{s}>:")), "{} has no {s}", elf.display());
    }
    text.lines().filter(|l| l.contains("%xmm")).count()
}

/// Instructions in `symbol` that store one of the argument registers
/// %xmm0-%xmm7: the register save area a variadic function's `va_arg(ap,
/// double)` reads under the SSE ABI, where callers pass doubles.
fn xmm_argument_spills(elf: &Path, symbol: &str) -> usize {
    let out = Command::new("llvm-objdump")
        .args(["-d", "--no-show-raw-insn", &format!("--disassemble-symbols={symbol}")])
        .arg(elf)
        .output()
        .expect("llvm-objdump (Debian: apt-get install llvm)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("<{symbol}>:")), "{} has no {symbol}", elf.display());
    (0..8).filter(|r| text.lines().any(|l| l.contains("\tmovap") && l.contains(&format!("%xmm{r}, ")) && l.contains("(%r"))).count()
}

/// The OUT_DIR of the newest hyperlight-libc build script run for `target`.
fn libc_out_dir(target: &str) -> PathBuf {
    let build = Path::new(env!("CARGO_MANIFEST_DIR")).join("../guest/target").join(target).join("release/build");
    std::fs::read_dir(&build)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/build-examples first", build.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            // hyperlight-libc-<hash>, not hyperlight-libc-example-guest-<hash>
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let hash = name.strip_prefix("hyperlight-libc-").unwrap_or("-");
            hash.chars().all(|c| c.is_ascii_hexdigit()) && p.join("output").is_file()
        })
        .max_by_key(|p| p.join("output").metadata().unwrap().modified().unwrap())
        .map(|p| p.join("out"))
        .unwrap_or_else(|| panic!("no hyperlight-libc build script output under {}", build.display()))
}

fn entry_is_entrypoint(elf: &Path) {
    let header = Command::new("llvm-readelf").arg("-h").arg(elf).output().unwrap();
    let entry = String::from_utf8_lossy(&header.stdout)
        .lines()
        .find_map(|l| l.trim().strip_prefix("Entry point address:").map(|a| a.trim().trim_start_matches("0x").to_lowercase()))
        .unwrap();
    let symbols = Command::new("llvm-nm").arg(elf).output().unwrap();
    let entrypoint = String::from_utf8_lossy(&symbols.stdout)
        .lines()
        .find_map(|l| l.strip_suffix(" T entrypoint").map(|a| a.trim_start_matches('0').to_string()))
        .unwrap_or_else(|| panic!("{} defines no entrypoint", elf.display()));
    assert_eq!(entry, entrypoint, "{}: the ELF entry must be hyperlight's entrypoint", elf.display());
}

#[test]
fn the_sse_guest_builds_with_sse_code_in_the_c_library() {
    let sse = guest("x86_64-hyperlight-none");
    entry_is_entrypoint(&sse);
    // picolibc's strtod and the guest's own C both use SSE registers for doubles.
    assert!(sse_instructions(&sse, Some("strtod")) > 0, "strtod in the SSE guest uses no SSE register");
    assert!(sse_instructions(&sse, Some("c_sum_doubles")) > 0, "guest.c in the SSE guest uses no SSE register");
}

#[test]
fn doubles_through_varargs_follow_the_sse_abi() {
    // Not runnable here, so checked in the code: variadic functions of
    // picolibc (snprintf) and of the guest's C save all eight SSE argument
    // registers, where the SSE ABI passes doubles; the soft-float guest
    // saves none (it passes doubles in general registers).
    let sse = guest("x86_64-hyperlight-none");
    for symbol in ["snprintf", "c_sum_doubles"] {
        assert_eq!(xmm_argument_spills(&sse, symbol), 8, "{symbol} in the SSE guest does not save %xmm0-7 for va_arg");
    }
    assert_eq!(xmm_argument_spills(&guest("x86_64-unknown-none"), "snprintf"), 0);
}

#[test]
fn cargo_hyperlight_built_the_hard_float_library() {
    // cargo-hyperlight's build of hyperlight-libc chose hard float from the
    // target's sse2 feature, and produced the archive of our own SSE build
    // (picolibc-build, as the Nix package runs it), byte for byte.
    let out_dir = libc_out_dir("x86_64-hyperlight-none");
    let output = std::fs::read_to_string(out_dir.parent().unwrap().join("output")).unwrap();
    assert!(
        output.lines().any(|l| l == "cargo::metadata=float_abi=hard"),
        "hyperlight-libc was not built hard-float for x86_64-hyperlight-none:\n{output}"
    );
    let built = std::fs::read(out_dir.join("lib/libc.a")).unwrap();
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/guest-libc/x86_64-hyperlight-none/lib/libc.a");
    let reference = std::fs::read(&reference).unwrap_or_else(|e| panic!("{}: {e}; run scripts/build-examples", reference.display()));
    assert!(built == reference, "cargo-hyperlight's libc.a differs from picolibc-build's for x86_64-hyperlight-none");
}

#[test]
fn the_default_guest_has_no_sse_instruction() {
    let soft = guest("x86_64-unknown-none");
    entry_is_entrypoint(&soft);
    assert_eq!(sse_instructions(&soft, None), 0, "the soft-float guest must run under kvm-pvm: no SSE");
}
