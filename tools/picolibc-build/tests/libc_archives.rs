//! Tests of the built archives. Native tests of the C library: each program in tests/native/c is linked
//! statically against a libc.a from the standalone build and run on the host,
//! once for the hard-float (SSE) flavour and once for the soft-float flavour
//! that Rust's x86_64-unknown-none guests use (soft-float code is plain
//! integer code, so it runs natively too), and for the aarch64 flavour, run
//! under qemu-user.
mod common;
mod fma_exact;
mod trig_identical;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

const HARD: &str = "x86_64-unknown-linux-gnu";
const SOFT: &str = "x86_64-unknown-none";

/// Builds and runs a test program; returns its output and exit status.
fn run_program_status(triple: &str, name: &str) -> (String, String, Option<i32>) {
    let c_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native/c");
    let work = tmp_dir().join("native").join(triple).join(name);
    let exe = build_program(&work, name, triple, &c_dir.join(format!("{name}.c")), &["-I", c_dir.to_str().unwrap()]);
    let out = run_with_limit(&mut program_command(triple, &exe), Duration::from_secs(120)).unwrap_or_else(|e| panic!("{name} ({triple}): {e}"));
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

macro_rules! native_tests {
    ($($name:ident),*) => {
        mod hard_float { $( #[test] fn $name() { if super::can_run(super::HARD) { super::run_program(super::HARD, stringify!($name)); } } )* }
        mod soft_float { $( #[test] fn $name() { if super::can_run(super::SOFT) { super::run_program(super::SOFT, stringify!($name)); } } )* }
        mod aarch64 { $( #[test] fn $name() { if super::can_run(super::AARCH64) { super::run_program(super::AARCH64, stringify!($name)); } } )* }
    };
}

native_tests!(strto, string, stdlib, math, fenv, setjmp, time, ctype);

#[test]
fn stdio_output_reaches_stdout_and_stderr() {
    for triple in [HARD, SOFT, AARCH64].into_iter().filter(|t| can_run(t)) {
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


#[test]
fn no_symbol_is_defined_twice() {
    for triple in [SOFT, HARD, "aarch64-unknown-none"] {
        let archive = prefix(triple).join("lib/libc.a");
        assert_eq!(duplicate_definitions(&archive), Vec::<String>::new(), "{triple}: symbols defined twice");
    }
}

/// The archive's disassembly, one instruction a line (`  addr:\tmnemonic operands`),
/// made once per flavour for the tests that read it.
fn disassembly(triple: &str) -> &'static str {
    static MADE: std::sync::Mutex<Vec<(String, &'static str)>> = std::sync::Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, text)) = made.iter().find(|(t, _)| t == triple) {
        return text;
    }
    let text: &'static str = Box::leak(disassemble(triple).into_boxed_str());
    made.push((triple.to_string(), text));
    text
}

fn disassemble(triple: &str) -> String {
    let archive = prefix(triple).join("lib/libc.a");
    let objdump = nm().with_file_name("llvm-objdump");
    let objdump = if objdump.is_file() { objdump } else { "llvm-objdump".into() };
    let out = common::run_ok(Command::new(objdump).args(["-d", "--no-show-raw-insn"]).arg(&archive));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // The tests below look for what must not be there: make sure they see the code.
    let n = instructions(&text).count();
    assert!(n > 50_000, "{triple}: only {n} instruction lines read from the disassembly of {}", archive.display());
    text
}

/// The instruction lines of `disassembly`: `<spaces><hex address>:<spaces>\t<mnemonic>\t<operands>`
/// (llvm-objdump pads the address field with spaces where raw bytes would be).
fn instructions(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| {
        let Some((address, rest)) = l.trim_start().split_once(':') else { return false };
        l.starts_with(' ') && !address.is_empty() && address.bytes().all(|b| b.is_ascii_hexdigit()) && rest.trim_start_matches(' ').starts_with('\t')
    })
}

/// An instruction line's mnemonic and operands, past any prefix: llvm-objdump
/// prints `rep insb` as `rep\t\tinsb\t%dx, %es:(%rdi)`.
fn mnemonic_and_operands(line: &str) -> (&str, &str) {
    const PREFIXES: &[&str] = &[
        "rep", "repe", "repz", "repne", "repnz", "lock", "data16", "data32", "addr32", "cs", "ds", "es", "fs", "gs", "ss",
        "notrack", "bnd", "xacquire", "xrelease", "rex64",
    ];
    let mut fields = line.split('\t').skip(1).map(str::trim).filter(|f| !f.is_empty());
    let mut mnemonic = fields.next().unwrap_or("");
    while PREFIXES.contains(&mnemonic) {
        mnemonic = fields.next().unwrap_or("");
    }
    (mnemonic, fields.next().unwrap_or("").split('#').next().unwrap_or("").trim())
}

#[test]
fn mnemonics_are_read_past_prefixes() {
    assert_eq!(mnemonic_and_operands("      1f:      \trep\t\tinsb\t%dx, %es:(%rdi)"), ("insb", "%dx, %es:(%rdi)"));
    assert_eq!(mnemonic_and_operands("       5:      \tcvtss2sd\t%xmm0, %xmm1"), ("cvtss2sd", "%xmm0, %xmm1"));
    assert_eq!(mnemonic_and_operands("      5b:      \tmovss\t(%rdx), %xmm0           # xmm0 = mem[0]"), ("movss", "(%rdx), %xmm0"));
    assert_eq!(mnemonic_and_operands("      c3:      \tretq"), ("retq", ""));
}

#[test]
fn soft_float_archive_has_no_sse_or_x87_instructions() {
    let text = disassembly(SOFT);
    let bad: Vec<&str> = instructions(text)
        .filter(|l| l.contains("%xmm") || l.contains("%ymm") || l.contains("%st") || l.contains("mxcsr") || {
            // x87 mnemonics start with f (but not the fences), and `wait` waits for x87 exceptions.
            let insn = mnemonic_and_operands(l).0;
            (insn.starts_with('f') && !insn.starts_with("fence")) || insn == "wait"
        })
        .take(10)
        .collect();
    assert!(bad.is_empty(), "SSE/x87 instructions in the soft-float archive:\n{}", bad.join("\n"));
}

/// Instructions that leave a KVM/MSHV guest for the hypervisor on every
/// execution (picolibc's x86 fenv ran `cpuid` in every fe* call): a libc
/// function has no business with any of them.
#[test]
fn x86_archives_have_no_instruction_that_exits_the_vm() {
    const EXITING: &[&str] = &[
        "cpuid", "hlt", "rdmsr", "wrmsr", "rdpmc", "xsetbv", "invd", "wbinvd", "vmcall", "vmmcall", "inb", "inw", "inl",
        "outb", "outw", "outl", "insb", "insw", "insl", "outsb", "outsw", "outsl",
    ];
    for triple in [SOFT, HARD] {
        let text = disassembly(triple);
        let bad: Vec<&str> = instructions(text)
            .filter(|l| EXITING.contains(&mnemonic_and_operands(l).0))
            .take(10)
            .collect();
        assert!(bad.is_empty(), "{triple}: instructions that exit a VM in libc.a:\n{}", bad.join("\n"));
    }
}

/// SSE instructions that write only the low lane of their destination wait
/// for its last writer, often the caller's arithmetic, unless a zeroing
/// instruction comes first (picobuild's `flags::XMM_DEPENDENCY_BREAKING`;
/// without it 90 of them did not, `sinf`'s first instruction among them).
#[test]
fn no_partial_xmm_write_waits_for_an_old_value() {
    const PARTIAL: &[&str] = &[
        "cvtss2sd", "cvtsd2ss", "cvtsi2sd", "cvtsi2ss", "cvtsi2sdl", "cvtsi2sdq", "cvtsi2ssl", "cvtsi2ssq", "sqrtss",
        "sqrtsd", "rcpss", "rsqrtss", "roundss", "roundsd",
    ];
    let text = disassembly(HARD);
    let (mut checked, mut bad, mut prev) = (0, Vec::new(), String::new());
    for line in instructions(text) {
        let (mnemonic, operands) = mnemonic_and_operands(line);
        if PARTIAL.contains(&mnemonic) {
            // `roundss $9, %xmm1, %xmm1`: the source is the operand before the destination
            let (sources, dest) = operands.rsplit_once(", ").unwrap_or(("", operands));
            let source = sources.rsplit(", ").next().unwrap_or("");
            // A register converted into itself depends on itself anyway.
            if dest.starts_with("%xmm") && source != dest {
                checked += 1;
                if !["xorps", "xorpd", "pxor"].iter().any(|z| prev == format!("{z} {dest}, {dest}")) {
                    bad.push(format!("{line}   (after: {prev})"));
                }
            }
        }
        prev = format!("{mnemonic} {operands}");
    }
    assert!(checked > 100, "found only {checked} partial xmm writes in the hard-float archive: is the disassembly read right?");
    let first: Vec<&str> = bad.iter().take(20).map(String::as_str).collect();
    assert!(bad.is_empty(), "partial xmm writes without a zeroing first ({} of {checked}; the first 20):\n{}", bad.len(), first.join("\n"));
}

#[test]
fn exit_runs_handlers_destructors_and_flushes_in_order() {
    for triple in [HARD, SOFT, AARCH64].into_iter().filter(|t| can_run(t)) {
        let (stdout, _, code) = run_program_status(triple, "exit");
        assert_eq!(code, Some(5), "{triple}: {stdout}");
        assert_eq!(
            stdout,
            "constructed=1\nbuffered, flushed by exit\non_exit second code=5 arg=x\natexit first\ndestructor\n",
            "{triple}"
        );
    }
}

/// Symbols an archive (or rlib) defines, strongly and weakly, and needs.
#[derive(Default)]
struct Symbols {
    strong: std::collections::BTreeSet<String>,
    weak: std::collections::BTreeSet<String>,
    undefined: std::collections::BTreeSet<String>,
}

fn symbols(archive: &Path) -> Symbols {
    // --no-llvm-bc: rlibs carry bitcode newer than the system LLVM can read.
    let out = common::run_ok(Command::new(nm()).args(["--no-llvm-bc", "--format=posix"]).arg(archive));
    let mut s = Symbols::default();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut parts = line.split_whitespace();
        let (Some(name), Some(kind)) = (parts.next(), parts.next()) else { continue };
        if name.ends_with(':') || name.ends_with(']') {
            continue;
        }
        match kind {
            "U" => drop(s.undefined.insert(name.to_string())),
            "W" | "V" => drop(s.weak.insert(name.to_string())),
            "w" | "v" => {} // weak references: optional hooks such as _user_strerror
            k if k.chars().all(|c| c.is_ascii_uppercase()) => drop(s.strong.insert(name.to_string())),
            _ => {}
        }
    }
    s
}

/// The README's OS-interface table: (required, optional) function names.
fn readme_contract() -> (std::collections::BTreeSet<String>, std::collections::BTreeSet<String>) {
    let readme = std::fs::read_to_string(crate_root().join("README.md")).unwrap();
    let table = readme.split("<!-- os-contract:start -->").nth(1).unwrap().split("<!-- os-contract:end -->").next().unwrap();
    let (mut required, mut optional) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`').to_string();
        match cells[2] {
            "required" => required.insert(name),
            "optional" => optional.insert(name),
            other => panic!("README contract row {row:?}: kind {other:?}"),
        };
    }
    (required, optional)
}

#[test]
fn undefined_symbols_are_exactly_the_readme_contract() {
    let (required, optional) = readme_contract();
    for triple in [SOFT, HARD, "aarch64-unknown-none"] {
        let archive = symbols(&prefix(triple).join("lib/libc.a"));
        let builtins = symbols(&common::compiler_builtins(triple));
        let needed: std::collections::BTreeSet<String> = archive
            .undefined
            .iter()
            .filter(|s| !archive.strong.contains(*s) && !archive.weak.contains(*s))
            .filter(|s| !builtins.strong.contains(*s) && !builtins.weak.contains(*s))
            .cloned()
            .collect();
        assert_eq!(needed, required, "{triple}: what libc.a needs from the guest vs the README's required rows");
        let fallbacks: std::collections::BTreeSet<String> =
            archive.weak.iter().filter(|s| optional.contains(*s) && !archive.strong.contains(*s)).cloned().collect();
        assert_eq!(fallbacks, optional, "{triple}: weak fallbacks vs the README's optional rows");
    }
}

#[test]
fn the_whole_archive_links_with_compiler_builtins_and_the_guest_interface_only() {
    if !native_host() {
        return;
    }
    for triple in [SOFT, HARD, AARCH64] {
        let work = tmp_dir().join("whole-archive").join(triple);
        // The guest's side: syscalls.c and malloc.c (not crt0, which needs a main).
        let guest_side: Vec<_> = runtime_sources().into_iter().filter(|p| !p.ends_with("crt0.c")).collect();
        let objects = compile(triple, &guest_side, &work, &[]);
        let exe = work.join("everything");
        let out = Command::new(lld())
            .args(["-static", "--entry=0", "-o"])
            .arg(&exe)
            .args(&objects)
            .arg("--whole-archive")
            .arg(prefix(triple).join("lib/libc.a"))
            .arg("--no-whole-archive")
            .arg(common::compiler_builtins(triple))
            .output()
            .unwrap();
        assert!(out.status.success(), "{triple}: every member of libc.a must link:\n{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Functions listed in docs/picolibc.md's "Declared but not provided".
fn documented_not_provided() -> std::collections::BTreeSet<String> {
    let doc = std::fs::read_to_string(crate_root().join("docs/picolibc.md")).unwrap();
    let list = doc.split("<!-- not-provided:start -->").nth(1).unwrap().split("<!-- not-provided:end -->").next().unwrap();
    list.split('`').skip(1).step_by(2).map(String::from).collect()
}

/// Exported headers that cannot be included by C code, with the reason.
/// Headers whose file name starts with `_` are internal (included by others).
const UNINCLUDABLE_HEADERS: &[(&str, &str)] = &[
    ("dirent.h", "#error: no directories (picolibc ships it that way)"),
    ("sys/dir.h", "includes dirent.h"),
    ("sys/dirent.h", "#error: no directories"),
    ("termios.h", "includes sys/termios.h, which picolibc does not ship"),
    ("utmp.h", "includes sys/utmp.h, which picolibc does not ship"),
    ("regdef.h", "MIPS register names: includes machine/regdef.h, absent elsewhere"),
    ("sys/custom_file.h", "#error: a placeholder for a system's own stdio file"),
    ("machine/fenv-softfloat.h", "internal: included by fenv.h in soft-float builds"),
];

/// Every function the exported headers declare (not static, not inline), by
/// its link name: one translation unit includes every includable header with
/// all feature macros on, and clang's AST dump lists the declarations.
fn declared_functions(triple: &str) -> std::collections::BTreeSet<String> {
    let include = prefix(triple).join("include");
    let mut headers = Vec::new();
    collect_headers(&include, &include, &mut headers);
    headers.sort();
    let mut unit = String::from("#include <sys/types.h>\n"); // regex.h and utime.h assume it
    for header in &headers {
        let internal = header.rsplit('/').next().unwrap().starts_with('_');
        if !internal && !UNINCLUDABLE_HEADERS.iter().any(|(h, _)| h == header) {
            unit.push_str(&format!("#include <{header}>\n"));
        }
    }
    for (h, _) in UNINCLUDABLE_HEADERS {
        assert!(headers.iter().any(|x| x == h), "{triple}: UNINCLUDABLE_HEADERS names {h}, which is not exported");
    }
    let file = tmp_dir().join(format!("all-headers-{triple}.c"));
    std::fs::write(&file, unit).unwrap();
    let out = Command::new(clang())
        .args(abi_flags(triple))
        .args(["-nostdlibinc", "-isystem"])
        .arg(&include)
        .args(["-D_GNU_SOURCE", "-D_DEFAULT_SOURCE", "-Wno-#warnings", "-fsyntax-only", "-Xclang", "-ast-dump"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{triple}: the exported headers do not compile together:\n{}", String::from_utf8_lossy(&out.stderr));
    let dump = String::from_utf8_lossy(&out.stdout);
    let mut declared = std::collections::BTreeSet::new();
    let mut lines = dump.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.starts_with("|-FunctionDecl ") && !line.starts_with("`-FunctionDecl ") || line.contains(" implicit ") {
            continue;
        }
        let (head, tail) = line.split_once(" '").unwrap();
        let storage = tail.rsplit('\'').next().unwrap();
        let mut name = head.split_whitespace().last().unwrap().to_string();
        // An asm label (`__asm__("basename")`) is the name the linker sees.
        while let Some(child) = lines.next_if(|l| l.starts_with("| ") || l.starts_with("  ")) {
            if let Some(label) = child.split("AsmLabelAttr").nth(1) {
                name = label.split('"').nth(1).unwrap().to_string();
            }
        }
        if !storage.contains("static") && !storage.contains("inline") {
            declared.insert(name);
        }
    }
    declared
}

fn collect_headers(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_headers(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "h") {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
}

#[test]
fn every_declared_function_is_defined_or_documented() {
    let (required, optional) = readme_contract();
    let documented = documented_not_provided();
    let mut seen_missing = std::collections::BTreeSet::new();
    for triple in [SOFT, HARD, "aarch64-unknown-none"] {
        let declared = declared_functions(triple);
        assert!(declared.contains("printf") && declared.contains("cexp") && declared.contains("regcomp"), "{triple}: header scan found too little");
        let archive = symbols(&prefix(triple).join("lib/libc.a"));
        let missing: std::collections::BTreeSet<String> = declared
            .iter()
            .filter(|f| !archive.strong.contains(*f) && !archive.weak.contains(*f))
            .filter(|f| !required.contains(*f) && !optional.contains(*f))
            .cloned()
            .collect();
        let undocumented: Vec<&String> = missing.iter().filter(|f| !documented.contains(*f)).collect();
        assert!(undocumented.is_empty(), "{triple}: declared by the exported headers, not defined, not documented in docs/picolibc.md: {undocumented:?}");
        seen_missing.extend(missing);
    }
    let stale: Vec<&String> = documented.iter().filter(|f| !seen_missing.contains(*f)).collect();
    assert!(stale.is_empty(), "docs/picolibc.md lists functions that are now provided or not declared: {stale:?}");
}

/// A guest's own C, compiled as `DEP_C_CFLAGS` says (the ABI flags, then
/// `-nostdlibinc -isystem <include>`), keeps clang's builtins: an 8-byte
/// memcpy is a load, strlen of a constant is a constant, a small memset is
/// stores. And the host's headers stay out of reach.
#[test]
fn dep_c_cflags_keep_builtins_and_no_host_headers() {
    let unit = "#include <stdint.h>\n#include <string.h>\n\
        uint64_t load(const void *p) { uint64_t v; memcpy(&v, p, sizeof v); return v; }\n\
        size_t key(void) { return strlen(\"content-length\"); }\n\
        void clear(char *p) { memset(p, 0, 16); }\n";
    let host_only = "#include <gnu/stubs.h>\n"; // glibc's; picolibc has no such header
    for triple in [SOFT, HARD, AARCH64] {
        let include = prefix(triple).join("include");
        let dir = tmp_dir().join("dep-c-cflags").join(triple);
        std::fs::create_dir_all(&dir).unwrap();
        let (src, obj) = (dir.join("consumer.c"), dir.join("consumer.o"));
        std::fs::write(&src, unit).unwrap();
        let cc = |src: &Path, obj: &Path| {
            Command::new(clang()).args(abi_flags(triple)).args(["-O2", "-nostdlibinc", "-isystem"]).arg(&include).arg("-c").arg(src).arg("-o").arg(obj).output().unwrap()
        };
        let out = cc(&src, &obj);
        assert!(out.status.success(), "{triple}: {}", String::from_utf8_lossy(&out.stderr));
        let calls = symbols(&obj).undefined;
        assert!(calls.is_empty(), "{triple}: with DEP_C_CFLAGS clang should inline or fold these, not call {calls:?} (is -ffreestanding or -fno-builtin back among the ABI flags?)");
        let host = dir.join("host.c");
        std::fs::write(&host, host_only).unwrap();
        let out = cc(&host, &dir.join("host.o"));
        assert!(!out.status.success(), "{triple}: a host header (gnu/stubs.h) was found: DEP_C_CFLAGS must keep -nostdlibinc");
    }
}
