//! include/picolibc.h does what its comments say: every macro it defines or
//! #undefs keeps that state through picolibc's own headers (an #undef that a
//! header turns into a default of 1 is how __OBSOLETE_MATH once built the old
//! libm), and each one has the effect it claims, checked by a probe compiled
//! with the library's own flags and by the archive's members and symbols.
mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;

const FLAVOURS: [&str; 3] = ["x86_64-unknown-none", "x86_64-unknown-linux-gnu", "aarch64-unknown-none"];

/// A macro's state as include/picolibc.h sets it.
#[derive(Debug)]
enum State {
    Defined(String), // value, possibly empty
    Undefined,
}

/// Every `#define`/`#undef` of picolibc.h, in order. Lines inside `#if`
/// blocks are conditional: they are returned with `conditional = true`.
fn config_lines() -> Vec<(String, State, bool)> {
    let text = std::fs::read_to_string(crate_root().join("include/picolibc.h")).unwrap();
    let mut depth = 0;
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap().trim();
        let mut words = code.split_whitespace();
        match words.next() {
            Some("#if" | "#ifdef" | "#ifndef") => depth += 1,
            Some("#endif") => depth -= 1,
            Some("#define") => {
                let name = words.next().unwrap().to_string();
                out.push((name, State::Defined(words.collect::<Vec<_>>().join(" ")), depth > 0));
            }
            Some("#undef") => out.push((words.next().unwrap().to_string(), State::Undefined, depth > 0)),
            _ => {}
        }
    }
    out
}

/// Headers whose derived macros the checks read: public ones, and the
/// internal ones picolibc's sources include (found through the library's
/// include directories).
const PROBE_HEADERS: &str = r#"
#include <picolibc.h>
#include <sys/cdefs.h>
#include <sys/config.h>
#include <machine/ieeefp.h>
#include <sys/lock.h>
#include <errno.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <fenv.h>
#include <complex.h>
#include "math_config.h"
#define XS_(x) #x
#define XS(x) XS_(x)
"#;

/// What each macro of picolibc.h is for, as a check. `C` is C evaluated after
/// PROBE_HEADERS (an #error or a failed _Static_assert is a failure); `Members`
/// are archive members that must be present (`+name`) or absent (`-name`);
/// `Symbols` likewise for defined symbols; `Kept` means the macro has no effect
/// of its own beyond its value (version numbers, options for other targets,
/// macros only `#ifdef`-tested), which the generic check proves.
enum Effect {
    C(&'static str),
    Members(&'static [&'static str]),
    Symbols(&'static [&'static str]),
    Kept(#[allow(dead_code)] &'static str),
}

const EFFECTS: &[(&str, Effect)] = &[
    ("_NEWLIB_VERSION", Effect::Kept("version string")),
    ("__NEWLIB_VERSION__", Effect::Kept("version string")),
    ("__NEWLIB__", Effect::Kept("version number")),
    ("__NEWLIB_MINOR__", Effect::Kept("version number")),
    ("__NEWLIB_PATCHLEVEL__", Effect::Kept("version number")),
    ("__PICOLIBC_VERSION__", Effect::Kept("version string")),
    ("__PICOLIBC__", Effect::Kept("version number")),
    ("__PICOLIBC_MINOR__", Effect::Kept("version number")),
    ("__PICOLIBC_PATCHLEVEL__", Effect::Kept("version number")),
    (
        "_SOFT_FLOAT",
        Effect::C(
            "#if defined(__x86_64__) && !defined(__SSE2__) != defined(_SOFT_FLOAT)\n#error _SOFT_FLOAT must be set exactly for soft-float x86_64\n#endif",
        ),
    ),
    ("__SINGLE_THREAD", Effect::C("_Static_assert(sizeof(XS(__lock_acquire(l))) == sizeof(\"((void)0)\"), \"locks are no-ops\");")),
    ("__GLOBAL_ERRNO", Effect::C("_Static_assert(sizeof(XS(__THREAD_LOCAL_ERRNO)) == 1, \"errno is a plain global\");")),
    // tiny stdio's FILE over put/get functions; its printf/scanf cores are ours (src/c/).
    ("__TINY_STDIO", Effect::Members(&["+libc_stdio_fdevopen.c.o", "+hyperlight_src_c_vfprintf.c.o", "+hyperlight_src_c_vfscanf.c.o"])),
    ("__IO_DEFAULT", Effect::C("#ifndef _HAS_IO_DOUBLE\n#error printf is not the double variant\n#endif")),
    ("__IO_FLOAT_EXACT", Effect::Members(&["+libc_stdio_dtoa_ryu.c.o", "+libc_stdio_atod_ryu.c.o", "-libc_stdio_dtoa_engine.c.o"])),
    ("__IO_LONG_LONG", Effect::C("#ifndef _HAS_IO_LONG_LONG\n#error no %lld\n#endif")),
    ("__IO_C99_FORMATS", Effect::C("#ifndef _HAS_IO_C99_FORMATS\n#error no C99 formats\n#endif")),
    ("__IO_SMALL_ULTOA", Effect::Kept("only read by libc/stdio/ultoa_invert.c for the integer-only printf variants")),
    (
        "__IEEE_LIBM",
        Effect::C(
            "#if (math_errhandling & MATH_ERRNO) || WANT_ERRNO\n#error libm sets errno\n#endif\n\
             _Static_assert(_LIB_VERSION == _IEEE_, \"IEEE libm\");",
        ),
    ),
    (
        "__FAST_STRCMP",
        Effect::C("#if (defined(__PREFER_SIZE_OVER_SPEED) || defined(__OPTIMIZE_SIZE__)) && !defined(__FAST_STRCMP)\n#error byte-loop strcmp\n#endif"),
    ),
    ("__ASSERT_VERBOSE", Effect::C("#if !defined(__ASSERT_VERBOSE) || defined(__ASSERT_QUIET)\n#error assert prints nothing\n#endif")),
    ("__HAVE_COMPLEX", Effect::Symbols(&["+cexp", "+csqrtf", "+cpow"])),
    ("__HAVE_BUILTIN_EXPECT", Effect::Kept("nothing in picolibc 1.8.11 reads it; defined as meson's picolibc.h does, for C code and 0.18.0's bindings")),
    ("__linux", Effect::C("#include <sys/types.h>\n_Static_assert(sizeof(dev_t) == 8 && sizeof(uid_t) == 4 && sizeof(ino_t) == 8, \"Linux-sized types\");")),
    ("__HAVE_BUILTIN_COMPLEX", Effect::C("#define __builtin_complex(r, i) 12345\n_Static_assert(CMPLX(1, 2) == 12345, \"CMPLX is __builtin_complex\");\n#undef __builtin_complex")),
    ("__HAVE_BITFIELDS_IN_PACKED_STRUCTS", Effect::C("struct __attribute__((packed)) bits_probe { unsigned a : 3, b : 5; };\n_Static_assert(sizeof(struct bits_probe) == 1, \"packed bitfields\");")),
    ("__ENABLE_MALLOC", Effect::Symbols(&["-malloc", "-free", "-calloc", "-realloc"])),
    ("__MALLOC_CLEAR_FREED", Effect::Symbols(&["-free"])),
    ("__THREAD_LOCAL_STORAGE", Effect::C("_Static_assert(sizeof(XS(__THREAD_LOCAL)) == 1, \"no TLS\");")),
    ("__THREAD_LOCAL_STORAGE_API", Effect::Symbols(&["-_set_tls", "-_init_tls"])),
    ("__THREAD_LOCAL_STORAGE_RP2040", Effect::Kept("ARM RP2040 only")),
    ("__THREAD_LOCAL_STORAGE_STACK_GUARD", Effect::Symbols(&["+__stack_chk_guard"])),
    ("__STDIO_LOCKING", Effect::Kept("only #ifdef-tested")),
    ("__ATOMIC_UNGETC", Effect::Kept("only #ifdef-tested")),
    ("__MB_CAPABLE", Effect::C("#ifdef _HAS_IO_MBCHAR\n#error multibyte printf\n#endif")),
    ("__HAVE_FCNTL", Effect::Kept("only #ifdef-tested (libc/search)")),
    ("__FSTAT_BUFSIZ", Effect::Kept("only #ifdef-tested (stdio_private.h)")),
    ("__SEMIHOST", Effect::Symbols(&["-sys_semihost"])),
    ("__ARM_SEMIHOST", Effect::Kept("ARM only")),
    ("__IO_LONG_DOUBLE", Effect::C("#ifndef _HAS_IO_LONG_DOUBLE\n#error no long double printf\n#endif")),
    ("__IO_MINIMAL_LONG_LONG", Effect::Kept("minimal printf variant only")),
    ("__IO_PERCENT_B", Effect::C("#ifdef _HAS_IO_PERCENT_B\n#error %b printf\n#endif")),
    ("__IO_PERCENT_N", Effect::Kept("only defined()-tested in vfprintf.c")),
    // The comment says the default printf has positional arguments anyway.
    ("__IO_POS_ARGS", Effect::C("#ifndef _HAS_IO_POS_ARGS\n#error the double printf has positional arguments\n#endif")),
    ("__IO_WCHAR", Effect::C("#ifdef _HAS_IO_WCHAR\n#error %ls in narrow printf\n#endif")),
    ("__FAST_BUFIO", Effect::Kept("only #ifdef-tested (fread/fwrite)")),
    ("__MATH_ERRNO", Effect::C("#if WANT_ERRNO\n#error libm sets errno\n#endif")),
    (
        "__OBSOLETE_MATH",
        Effect::Symbols(&["+__exp_data", "+__log_data", "+__pow_log_data", "+__exp2f_data", "+__logf_data", "+__sincosf_table"]),
    ),
    ("__OBSOLETE_MATH_DOUBLE", Effect::Symbols(&["+__exp_data", "+__log_data", "+__log2_data", "+__pow_log_data", "+__math_oflow"])),
    ("__OBSOLETE_MATH_FLOAT", Effect::Symbols(&["+__exp2f_data", "+__logf_data", "+__log2f_data", "+__powf_log2_data", "+__sincosf_table"])),
    (
        "__PREFER_SIZE_OVER_SPEED",
        Effect::C("#if !(!defined(__PREFER_SIZE_OVER_SPEED) && !defined(__OPTIMIZE_SIZE__))\n#error size-optimised string code\n#endif"),
    ),
    ("__IEEEFP_FUNCS", Effect::Kept("only #ifdef-tested (libm tests)")),
    ("__INIT_FINI_FUNCS", Effect::Symbols(&["-_init", "-_fini"])),
    ("__INIT_FINI_ARRAY", Effect::Symbols(&["+__libc_init_array"])),
    ("__HAVE_CC_INHIBIT_LOOP_TO_LIBCALL", Effect::Kept("only defined()-tested (sys/cdefs.h)")),
    ("_POSIX_MONOTONIC_CLOCK", Effect::C("#ifndef CLOCK_MONOTONIC\n#error no CLOCK_MONOTONIC\n#endif")),
];

/// The generic part of the probe: each macro's state after all the headers
/// is the state picolibc.h gave it.
fn generic_checks(lines: &[(String, State, bool)]) -> String {
    let mut c = String::new();
    for (name, state, conditional) in lines {
        if *conditional {
            continue; // checked by its own effect
        }
        match state {
            State::Undefined => c.push_str(&format!(
                "#ifdef {name}\n#error \"{name}: include/picolibc.h #undefs it, but picolibc's headers define it (a default?): set it explicitly\"\n#endif\n"
            )),
            State::Defined(v) if v.is_empty() || v.starts_with('"') => c.push_str(&format!(
                "#ifndef {name}\n#error \"{name}: include/picolibc.h defines it, but it is undefined after picolibc's headers\"\n#endif\n"
            )),
            State::Defined(v) => c.push_str(&format!(
                "#if !defined({name}) || ({name}) != ({v})\n#error \"{name}: include/picolibc.h sets it to {}, but picolibc's headers change it\"\n#endif\n",
                v.replace('"', "\\\"")
            )),
        }
    }
    c
}

/// Defined (T/D/B/R/W...) symbols and member names of an archive.
fn archive_contents(archive: &std::path::Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let out = run_ok(Command::new(nm()).args(["--defined-only", "--format=posix"]).arg(archive));
    let mut symbols = BTreeSet::new();
    let mut members = BTreeSet::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut parts = line.split_whitespace();
        let Some(name) = parts.next() else { continue };
        if let Some(member) = name.strip_suffix(':') {
            // posix format names members "libc.a[member]:"
            let member = member.rsplit('[').next().unwrap().trim_end_matches(']');
            members.insert(member.to_string());
        } else {
            symbols.insert(name.to_string());
        }
    }
    (symbols, members)
}

fn library_flags(triple: &str) -> Vec<String> {
    let out = run_ok(Command::new(TOOL).args(["library-flags", "--target", triple]));
    String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect()
}

#[test]
fn every_configuration_macro_has_an_effect_entry() {
    let names: BTreeSet<String> = config_lines().into_iter().map(|(n, _, _)| n).collect();
    let table: BTreeSet<String> = EFFECTS.iter().map(|(n, _)| n.to_string()).collect();
    let missing: Vec<_> = names.difference(&table).collect();
    let stale: Vec<_> = table.difference(&names).collect();
    assert!(missing.is_empty(), "macros of include/picolibc.h with no entry in EFFECTS (tests/configuration.rs): {missing:?}");
    assert!(stale.is_empty(), "EFFECTS names macros include/picolibc.h no longer sets: {stale:?}");
}

#[test]
fn picolibc_headers_keep_every_configuration_macro_and_each_has_its_effect() {
    let lines = config_lines();
    let mut probe = String::from(PROBE_HEADERS);
    probe.push_str(&generic_checks(&lines));
    for (name, effect) in EFFECTS {
        if let Effect::C(code) = effect {
            probe.push_str(&format!("/* {name} */\n{code}\n"));
        }
    }
    let file = tmp_dir().join("configuration-probe.c");
    std::fs::write(&file, &probe).unwrap();
    for triple in FLAVOURS {
        let flags: Vec<String> = library_flags(triple).into_iter().filter(|f| f != "-w").collect();
        let out = Command::new(clang()).args(&flags).args(["-fsyntax-only", "-Wno-everything"]).arg(&file).output().unwrap();
        assert!(
            out.status.success(),
            "{triple}: include/picolibc.h's configuration does not hold in picolibc's headers (probe {}):\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn configuration_macros_shape_the_archive() {
    for triple in FLAVOURS {
        let (symbols, members) = archive_contents(&prefix(triple).join("lib/libc.a"));
        let mut wrong = Vec::new();
        for (name, effect) in EFFECTS {
            let (list, set, what) = match effect {
                Effect::Members(list) => (list, &members, "member"),
                Effect::Symbols(list) => (list, &symbols, "symbol"),
                _ => continue,
            };
            for item in list.iter() {
                let (want, item) = item.split_at(1);
                if (want == "+") != set.contains(item) {
                    wrong.push(format!("{name}: {what} {item} should be {}", if want == "+" { "present" } else { "absent" }));
                }
            }
        }
        assert!(wrong.is_empty(), "{triple}: libc.a does not match include/picolibc.h:\n{}", wrong.join("\n"));
    }
}

/// The trap itself: picolibc's sources never give a macro that picolibc.h
/// #undefs a value of their own (which would silently override "off").
#[test]
fn picolibc_never_defines_a_macro_our_configuration_undefines() {
    let undefined: BTreeSet<String> =
        config_lines().into_iter().filter(|(_, s, _)| matches!(s, State::Undefined)).map(|(n, _, _)| n).collect();
    let root = crate_root().join("third_party/picolibc");
    let mut hits = Vec::new();
    let mut stack = vec![root.join("libc"), root.join("libm")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !matches!(path.extension().and_then(|e| e.to_str()), Some("h" | "c" | "S")) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for line in text.lines() {
                let t = line.trim_start();
                let Some(rest) = t.strip_prefix('#') else { continue };
                let mut words = rest.split_whitespace();
                if words.next() == Some("define") {
                    if let Some(name) = words.next().map(|n| n.split('(').next().unwrap()) {
                        if undefined.contains(name) {
                            hits.push(format!("{}: {}", path.strip_prefix(&root).unwrap().display(), t));
                        }
                    }
                }
            }
        }
    }
    assert!(hits.is_empty(), "picolibc defines macros that include/picolibc.h #undefs; set them explicitly there:\n{}", hits.join("\n"));
}
