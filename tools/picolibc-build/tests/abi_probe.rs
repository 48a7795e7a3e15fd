//! One type ABI for every way C and Rust meet this library. For each flavour a
//! C probe with the `sizeof` of every struct, union and typedef the committed
//! bindings have, the `offsetof` of every field bindgen checks, and the value
//! of every small integer constant, is compiled (never run, so aarch64 works
//! too: each number is the size of a global array, read back with llvm-nm) in
//! each view of the headers:
//! - `libc.a`: the flags and include folders picolibc itself is compiled with;
//! - `DEP_C_CFLAGS`: the exported flags against the exported header tree;
//! - cargo-hyperlight 0.1.14: its CFLAGS against the sysroot it assembles from
//!   this crate's folders (x86_64 SSE and aarch64, its two targets).
//!
//! Every view must give the same numbers, and those must be the bindings' own
//! (bindgen's layout assertions, and type aliases resolved to their sizes).
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// cargo-hyperlight 0.1.14's `toolchain_flags::cflags` for the C of `-sys` crates, less its
/// `-isystem <sysroot>/include`, which [`cargo_hyperlight_sysroot`] stands for.
fn cargo_hyperlight_cflags(arch: &str) -> Vec<String> {
    let mut flags = vec![
        format!("--target={arch}-unknown-linux-none"),
        "-U__linux__".into(),
        "-fPIC".into(),
        "-fno-stack-protector".into(),
        "-fstack-clash-protection".into(),
        "-mstack-probe-size=4096".into(),
        "-nostdlibinc".into(),
        "-DHYPERLIGHT=1".into(),
        "-D__HYPERLIGHT__=1".into(),
        "-Wno-unused-command-line-argument".into(),
    ];
    match arch {
        "x86_64" => flags.push("-mno-red-zone".into()),
        _ => flags.extend(["-mstrict-align".into(), "-march=armv8.1-a+fp+simd".into()]),
    }
    flags
}

/// The include folder cargo-hyperlight 0.1.14 assembles from the hyperlight-libc package it
/// finds through `cargo metadata`: every `*.h` of these folders, later ones over earlier ones.
fn cargo_hyperlight_sysroot(name: &str) -> PathBuf {
    let dest = tmp_dir().join("cargo-hyperlight-sysroot").join(name).join("include");
    let _ = std::fs::remove_dir_all(&dest);
    for dir in ["third_party/picolibc/libc/include", "third_party/picolibc/libc/stdio", "include"] {
        copy_headers(&crate_root().join(dir), &dest);
    }
    dest
}

fn copy_headers(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_headers(&path, &dest);
        } else if path.extension().is_some_and(|x| x == "h") {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

/// What the committed bindings say.
#[derive(Default)]
struct Bindings {
    /// Struct/union sizes from bindgen's layout assertions.
    sizes: BTreeMap<String, u64>,
    /// (record, field) -> offset.
    offsets: BTreeMap<(String, String), u64>,
    /// Type alias -> its right-hand side.
    aliases: BTreeMap<String, String>,
    /// Integer constants.
    constants: BTreeMap<String, u64>,
}

fn number_before_usize(s: &str) -> Option<u64> {
    let tail = s.split(" - ").last()?;
    tail.trim().strip_suffix("usize];")?.parse().ok()
}

fn parse_bindings(text: &str) -> Bindings {
    let mut b = Bindings::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        // prettyplease may wrap an assertion over several lines.
        let mut joined = line.to_string();
        while (joined.starts_with("[\"Size of") || joined.starts_with("[\"Offset of")) && !joined.ends_with("];") && i + 1 < lines.len() {
            i += 1;
            joined.push(' ');
            joined.push_str(lines[i].trim());
        }
        let line = joined.as_str();
        if let Some(rest) = line.strip_prefix("[\"Size of ") {
            let name = rest.split('"').next().unwrap();
            if let Some(n) = number_before_usize(line) {
                b.sizes.insert(name.to_string(), n);
            }
        } else if let Some(rest) = line.strip_prefix("[\"Offset of field: ") {
            let path = rest.split('"').next().unwrap();
            if let (Some((record, field)), Some(n)) = (path.split_once("::"), number_before_usize(line)) {
                b.offsets.insert((record.to_string(), field.to_string()), n);
            }
        } else if let Some(rest) = line.strip_prefix("pub type ") {
            let mut decl = rest.to_string();
            while !decl.ends_with(';') && i + 1 < lines.len() {
                i += 1;
                decl.push(' ');
                decl.push_str(lines[i].trim());
            }
            if let Some((name, rhs)) = decl.trim_end_matches(';').split_once(" = ") {
                b.aliases.insert(name.trim().to_string(), rhs.trim().to_string());
            }
        } else if let Some(rest) = line.strip_prefix("pub const ") {
            // pub const FE_DIVBYZERO: u32 = 4;
            if let Some((name, rest)) = rest.split_once(':') {
                if let Some((ty, value)) = rest.split_once(" = ") {
                    let ty = ty.trim();
                    if matches!(ty, "u32" | "i32" | "u64" | "i64" | "u8" | "u16") {
                        if let Ok(v) = value.trim_end_matches(';').trim().parse::<u64>() {
                            b.constants.insert(name.trim().to_string(), v);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    b
}

/// The size of a Rust type as the bindings spell it (LP64 targets), if it can be told.
fn rust_size(b: &Bindings, ty: &str, depth: usize) -> Option<u64> {
    let ty = ty.trim();
    if depth > 16 {
        return None;
    }
    let prim = match ty.trim_start_matches("core::ffi::").trim_start_matches("::core::ffi::") {
        "c_char" | "c_schar" | "c_uchar" | "u8" | "i8" | "bool" => Some(1),
        "c_short" | "c_ushort" | "u16" | "i16" => Some(2),
        "c_int" | "c_uint" | "u32" | "i32" | "f32" | "c_float" => Some(4),
        "c_long" | "c_ulong" | "c_longlong" | "c_ulonglong" | "u64" | "i64" | "f64" | "c_double" | "usize" | "isize" => Some(8),
        "u128" | "i128" => Some(16),
        _ => None,
    };
    if prim.is_some() {
        return prim;
    }
    if ty.starts_with("*mut") || ty.starts_with("*const") || ty.starts_with("::core::option::Option<") {
        return Some(8);
    }
    if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let (elem, n) = inner.rsplit_once(';')?;
        let n: u64 = n.trim().trim_end_matches("usize").parse().ok()?;
        return Some(n * rust_size(b, elem, depth + 1)?);
    }
    if let Some(n) = b.sizes.get(ty) {
        return Some(*n);
    }
    b.aliases.get(ty).and_then(|rhs| rust_size(b, rhs, depth + 1))
}

/// The names the headers declare: typedef names, and struct/union/enum tags.
struct HeaderNames {
    typedefs: BTreeSet<String>,
    tags: BTreeSet<(String, String)>,
}

fn header_names(text: &str) -> HeaderNames {
    let mut typedefs = BTreeSet::new();
    // `typedef <anything without ; { }> name;` and `} name;` closing a typedef'd body.
    for re in [r"typedef[^;{}]*?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[[^;{}]*\])?\s*;", r"\}\s*([A-Za-z_][A-Za-z0-9_]*)\s*;"] {
        for c in regex::Regex::new(re).unwrap().captures_iter(text) {
            typedefs.insert(c[1].to_string());
        }
    }
    let tags = regex::Regex::new(r"\b(struct|union|enum)\s+([A-Za-z_][A-Za-z0-9_]*)")
        .unwrap()
        .captures_iter(text)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    HeaderNames { typedefs, tags }
}

/// How C spells a name the bindings have: a typedef name, `struct x`, `union x`,
/// `enum x`, or nothing we can probe (bindgen's own names for anonymous parts).
fn c_spelling(names: &HeaderNames, name: &str) -> Option<String> {
    if name.contains("__bindgen") || name.starts_with("_bindgen") {
        return None;
    }
    if names.typedefs.contains(name) {
        return Some(name.to_string());
    }
    ["struct", "union", "enum"]
        .into_iter()
        .find(|kind| names.tags.contains(&(kind.to_string(), name.to_string())))
        .map(|kind| format!("{kind} {name}"))
}

fn all_header_text(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_header_text(&path, out);
        } else if path.extension().is_some_and(|x| x == "h") {
            out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            out.push('\n');
        }
    }
}

/// A probe: a symbol name, the C expression whose value it records, and the
/// bindings' value when they state one.
struct Probe {
    symbol: String,
    what: String,
    expr: String,
    expected: Option<u64>,
    guard: Option<String>,
}

fn probes(b: &Bindings, headers: &str) -> Vec<Probe> {
    let headers = header_names(headers);
    let mut out = Vec::new();
    let mut spelled = BTreeMap::new();
    for name in b.sizes.keys().chain(b.aliases.keys()) {
        if let Some(c) = c_spelling(&headers, name) {
            spelled.insert(name.clone(), c);
        }
    }
    for (name, c) in &spelled {
        let expected = b.sizes.get(name).copied().or_else(|| rust_size(b, name, 0));
        let rhs = b.aliases.get(name).map(String::as_str).unwrap_or("");
        if rhs.contains("fn(") || rhs.contains("extern \"C\" fn") {
            continue; // function types: sizeof is not C
        }
        out.push(Probe { symbol: format!("p{}", out.len()), what: format!("sizeof({c})"), expr: format!("sizeof({c})"), expected, guard: None });
    }
    for ((record, field), offset) in &b.offsets {
        if let Some(c) = spelled.get(record) {
            if field.contains("__bindgen") || field.starts_with("_bindgen") {
                continue;
            }
            let expr = format!("__builtin_offsetof({c}, {field})");
            out.push(Probe { symbol: format!("p{}", out.len()), what: format!("offsetof({c}, {field})"), expr, expected: Some(*offset), guard: None });
        }
    }
    for (name, value) in &b.constants {
        if *value < (1 << 24) && !name.starts_with("__") && !name.starts_with("_bindgen") {
            out.push(Probe {
                symbol: format!("p{}", out.len()),
                what: format!("value of {name}"),
                expr: format!("(unsigned long)({name})"),
                expected: Some(*value),
                guard: Some(name.clone()),
            });
        }
    }
    // C-only: the struct a -sys crate's fstat() fills (not in the bindings' headers).
    out.push(Probe { symbol: format!("p{}", out.len()), what: "sizeof(struct stat)".into(), expr: "sizeof(struct stat)".into(), expected: None, guard: None });
    out
}

fn probe_source(headers: &[&str], probes: &[Probe]) -> String {
    // The bindings' headers in their order first (as bindgen sees them), then the rest.
    // picolibc's own compile is strict C18 (-std=c18): ask for the default POSIX/BSD
    // visibility every other view has, so the same declarations are there to measure.
    let mut c = String::from("#define _DEFAULT_SOURCE 1\n");
    for h in headers {
        c.push_str(&format!("#include <{h}>\n"));
    }
    c.push_str("#include <stddef.h>\n#include <sys/stat.h>\n");
    for p in probes {
        // Sizes as array lengths (+1, so 0 is representable); a macro a view lacks
        // becomes a one-byte marker instead of a compile error.
        match &p.guard {
            Some(g) => c.push_str(&format!(
                "#ifdef {g}\n__attribute__((used)) char {s}[{e} + 2];\n#else\n__attribute__((used)) char {s}[1];\n#endif\n",
                s = p.symbol,
                e = p.expr
            )),
            None => c.push_str(&format!("__attribute__((used)) char {}[{} + 2];\n", p.symbol, p.expr)),
        }
    }
    c
}

/// Compiles the probe with `flags` and returns symbol -> recorded value (None: macro missing).
fn measure(source: &Path, flags: &[String], obj: &Path) -> BTreeMap<String, Option<u64>> {
    let out = Command::new(clang()).args(flags).args(["-O0", "-fno-common", "-w", "-c"]).arg(source).arg("-o").arg(obj).output().unwrap();
    assert!(out.status.success(), "probe failed to compile with {flags:?}:\n{}", String::from_utf8_lossy(&out.stderr));
    let nm = run_ok(Command::new(nm()).args(["-S", "--defined-only"]).arg(obj));
    let mut values = BTreeMap::new();
    for line in String::from_utf8_lossy(&nm.stdout).lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() == 4 {
            let size = u64::from_str_radix(parts[1], 16).unwrap();
            values.insert(parts[3].to_string(), size.checked_sub(2));
        }
    }
    values
}


fn check_flavour(triple: &str, flavour: &str, arch: &str, cargo_hyperlight: bool) -> Vec<String> {
    let bindings = parse_bindings(&std::fs::read_to_string(crate_root().join(format!("src/bindings/{flavour}.rs"))).unwrap());
    // Only the exported header tree is needed: the probe is compiled, never linked.
    let prefix = tmp_dir().join("abi-probe-headers").join(flavour);
    run_ok(Command::new(TOOL).args(["headers", "--target", triple, "--prefix"]).arg(&prefix));
    let mut headers = String::new();
    all_header_text(&prefix.join("include"), &mut headers);
    let probes = probes(&bindings, &headers);
    assert!(probes.len() > 100, "{flavour}: only {} probes: the bindings parser lost its way", probes.len());
    let work = tmp_dir().join("abi-probe").join(flavour);
    std::fs::create_dir_all(&work).unwrap();
    let source = work.join("probe.c");
    std::fs::write(&source, probe_source(HEADERS, &probes)).unwrap();

    let library: Vec<String> = String::from_utf8(run_ok(Command::new(TOOL).args(["library-flags", "--target", triple])).stdout)
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    let mut dep_c = abi_flags(triple);
    dep_c.extend(["-nostdlibinc".into(), "-isystem".into(), prefix.join("include").display().to_string()]);
    let mut views = vec![("libc.a", library), ("DEP_C_CFLAGS", dep_c)];
    if cargo_hyperlight {
        let mut flags = cargo_hyperlight_cflags(arch);
        flags.extend(["-isystem".into(), cargo_hyperlight_sysroot(flavour).display().to_string()]);
        views.push(("cargo-hyperlight", flags));
    }
    let measured: Vec<(&str, BTreeMap<String, Option<u64>>)> = views
        .iter()
        .enumerate()
        .map(|(i, (name, flags))| (*name, measure(&source, flags, &work.join(format!("view{i}.o")))))
        .collect();

    let mut problems = Vec::new();
    for p in &probes {
        let values: Vec<Option<u64>> = measured.iter().map(|(_, m)| m.get(&p.symbol).copied().flatten()).collect();
        let shown = measured.iter().zip(&values).map(|((v, _), x)| format!("{v}={}", x.map_or("missing".into(), |n| n.to_string()))).collect::<Vec<_>>().join(", ");
        if values.windows(2).any(|w| w[0] != w[1]) {
            problems.push(format!("{flavour}: {} differs between views: {shown}", p.what));
        } else if let (Some(expected), Some(got)) = (p.expected, values[0]) {
            if expected != got {
                problems.push(format!("{flavour}: {} is {got} in C but {expected} in the bindings", p.what));
            }
        } else if values[0].is_none() {
            problems.push(format!("{flavour}: {} is missing in C ({shown}) though the bindings have it", p.what));
        }
    }
    eprintln!("{flavour}: {} probes over {} views", probes.len(), measured.len());
    problems
}

/// The headers the bindings are generated from (picobuild/bindings.rs HEADERS).
const HEADERS: &[&str] = &[
    "stdlib.h", "stdio.h", "string.h", "strings.h", "math.h", "complex.h", "stdint.h", "ctype.h", "errno.h", "time.h",
    "limits.h", "signal.h", "setjmp.h", "locale.h", "wchar.h", "wctype.h", "fenv.h", "inttypes.h", "sys/time.h",
    "assert.h", "unistd.h",
];

#[test]
fn every_view_of_the_headers_has_the_bindings_type_abi() {
    let mut problems = Vec::new();
    problems.extend(check_flavour("x86_64-unknown-none", "x86_64-softfloat", "x86_64", false));
    problems.extend(check_flavour("x86_64-unknown-linux-gnu", "x86_64-hardfloat", "x86_64", true));
    problems.extend(check_flavour("aarch64-unknown-none", "aarch64-hardfloat", "aarch64", true));
    assert!(problems.is_empty(), "{} ABI differences:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_header_list_is_the_bindings_list() {
    let text = std::fs::read_to_string(crate_root().join("picobuild/bindings.rs")).unwrap();
    for h in HEADERS {
        assert!(text.contains(&format!("\"{h}\"")), "{h} is not in picobuild/bindings.rs HEADERS");
    }
    let listed = text.split("pub const HEADERS").nth(1).unwrap().split("];").next().unwrap().matches(".h\"").count();
    assert_eq!(listed, HEADERS.len(), "picobuild/bindings.rs HEADERS has headers this probe does not include");
}
