//! The SSE (hard-float) build of the example guest: it must build, with
//! hyperlight-libc's C compiled for SSE, even where it cannot run (this
//! machine's kvm-pvm rejects SSE instructions, so nothing here starts it).
//! The default guest, x86_64-unknown-none, must have no SSE at all.
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
fn the_default_guest_has_no_sse_instruction() {
    let soft = guest("x86_64-unknown-none");
    entry_is_entrypoint(&soft);
    assert_eq!(sse_instructions(&soft, None), 0, "the soft-float guest must run under kvm-pvm: no SSE");
}
