//! Which of picolibc's own test programs run against hyperlight-libc, built
//! from which sources with which flags, and which are skipped and why.
//!
//! Test names come from picolibc's meson.build files (the lists the meson
//! build iterates over), so a test added upstream makes
//! `plan_covers_every_meson_test` fail until it is classified here.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What a program must do to count as passed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expect {
    /// Exit 0.
    Pass,
    /// Exit non-zero: meson's `should_fail` (abort, exit(1), a trapping test).
    Fail,
    /// Exit 77, meson's "skipped", for the reason given: the program itself
    /// decides the feature is absent in this configuration.
    SkipsItself(&'static str),
    /// Exit 0 with the same standard output as the program built natively
    /// against the host's C library (meson's `diff` tests in test-ctype).
    MatchesHost,
}

/// One test program of picolibc's suite.
#[derive(Clone, Debug)]
pub struct Program {
    /// meson's suite name.
    pub suite: &'static str,
    pub name: String,
    /// The name meson's lists give it (one name covers several variants).
    pub meson_name: String,
    pub sources: Vec<PathBuf>,
    pub cflags: Vec<String>,
    /// Extra linker arguments (the printf/scanf variant aliases).
    pub ldflags: Vec<String>,
    pub expect: Expect,
}

/// A directory whose meson.build builds one program per name in `lists`.
struct Suite {
    name: &'static str,
    dir: &'static str,
    /// meson variables holding test names.
    lists: &'static [&'static str],
    /// A helper source every program of the suite links with.
    helper: Option<&'static str>,
    cflags: &'static [&'static str],
}

const NEWLIB_FLAGS: &[&str] = &["-D_XOPEN_SOURCE=700", "-D_GNU_SOURCE", "-I{picolibc}/test/testsuite/include"];

const SUITES: &[Suite] = &[
    Suite {
        name: "test",
        dir: "test",
        lists: &["plain_tests_common", "math_tests_common", "math_tests", "plain_tests"],
        helper: Some("lock-valid.c"),
        cflags: &[],
    },
    Suite {
        name: "test-stdio",
        dir: "test/test-stdio",
        lists: &["tests", "tests_failure", "tests_printf"],
        helper: Some("../lock-valid.c"),
        cflags: &[],
    },
    Suite { name: "test-string", dir: "test/test-string", lists: &["tests_mem"], helper: None, cflags: &[] },
    Suite {
        name: "libc-testsuite",
        dir: "test/libc-testsuite",
        lists: &["libc_tests_common", "libc_tests_picolibc"],
        helper: None,
        cflags: &[],
    },
    Suite {
        name: "test-math",
        dir: "test/test-math",
        lists: &[
            "tests_real_trig",
            "tests_real_exp",
            "tests_real_other",
            "tests_complex_trig",
            "tests_complex_exp",
            "tests_complex_other",
        ],
        helper: None,
        cflags: &[],
    },
    Suite { name: "test-ctype", dir: "test/test-ctype", lists: &["tests_ctype"], helper: None, cflags: &[] },
    Suite { name: "test-iconv", dir: "test/test-iconv", lists: &["tests_iconv"], helper: None, cflags: &[] },
    Suite { name: "test-monetary", dir: "test/test-monetary", lists: &["tests_monetary"], helper: None, cflags: &[] },
    Suite { name: "newlib.iconv", dir: "test/testsuite/newlib.iconv", lists: &["tests"], helper: None, cflags: NEWLIB_FLAGS },
    Suite {
        name: "newlib.locale",
        dir: "test/testsuite/newlib.locale",
        lists: &["tests", "mb_tests"],
        helper: None,
        cflags: NEWLIB_FLAGS,
    },
    Suite { name: "newlib.search", dir: "test/testsuite/newlib.search", lists: &["tests"], helper: None, cflags: NEWLIB_FLAGS },
    Suite { name: "newlib.stdio", dir: "test/testsuite/newlib.stdio", lists: &["tests"], helper: None, cflags: NEWLIB_FLAGS },
    Suite { name: "newlib.stdlib", dir: "test/testsuite/newlib.stdlib", lists: &["tests"], helper: None, cflags: NEWLIB_FLAGS },
    Suite { name: "newlib.string", dir: "test/testsuite/newlib.string", lists: &["tests"], helper: None, cflags: NEWLIB_FLAGS },
    Suite { name: "newlib.time", dir: "test/testsuite/newlib.time", lists: &["tests"], helper: None, cflags: NEWLIB_FLAGS },
    Suite {
        name: "newlib.wctype",
        dir: "test/testsuite/newlib.wctype",
        lists: &["tests", "cygwin_tests"],
        helper: None,
        cflags: NEWLIB_FLAGS,
    },
];

/// test-stdio builds `tests_printf` once per printf/scanf variant; all but
/// the default are selected at link time, as picolibc's meson does.
const PRINTF_VARIANTS: &[(&str, char)] = &[("", 'd'), ("-float", 'f'), ("-long", 'l'), ("-int", 'i')];

/// Tests not run, with the reason. A name covers every variant of it.
pub const SKIPPED: &[(&str, &str, &str)] = &[
    ("test", "constructor-skip", "needs picolibc's minimal crt0, which skips constructors; guests run them (README: __libc_init_array)"),
    ("test", "tls-init", "thread-local storage is off (single-threaded guests have no TLS set-up)"),
    ("test", "test-hello-raw", "needs picolibc's raw semihosting library (QEMU only)"),
    ("test", "test-ubsan", "built only when picolibc's sanitize option is set; the library is built without -fsanitize"),
    ("test-stdio", "test-printf", "removed from picolibc-bsd (GPL), though its meson.build still lists it"),
    ("test-stdio", "test-gets", "needs standard input fed by the test runner (meson option test-stdin, off upstream too)"),
    ("test-stdio", "test-posix-io", "needs a file system (guests have none: open() is a weak ENOSYS fallback)"),
    ("test-stdio", "test-dprintf", "needs a file system"),
    ("test-stdio", "test-fgetc", "needs a file system"),
    ("test-stdio", "test-fgets-eof", "needs a file system"),
    ("test-stdio", "test-fopen", "needs a file system"),
    ("test-stdio", "test-fread-fwrite", "needs a file system"),
    ("test-stdio", "test-mktemp", "needs a file system"),
    ("test-stdio", "test-setvbuf", "needs a file system"),
    ("test-stdio", "test-tmpnam", "needs a file system"),
    ("test-stdio", "test-ungetc-ftell", "needs a file system"),
    ("test-stdio", "test-wchar", "needs a file system"),
    ("test-monetary", "test-strfmon", "its static initialisers need clang >= 15 (Debian bookworm's clang is 14)"),
    ("newlib.locale", "UTF-8", "multibyte locales are off (__MB_CAPABLE undefined)"),
    ("newlib.wctype", "twctype", "Cygwin only (uses __MB_LEN_MAX from Cygwin's headers)"),
    ("math", "test_ieee.c", "ieeefp functions are off (__IEEEFP_FUNCS undefined), as upstream's default"),
];

/// Programs that exit 77 in this configuration, with the reason.
pub const SKIPS_ITSELF: &[(&str, &str)] = &[
    ("test-scmpu", "tests Renesas RX string instructions, which x86_64 and aarch64 lack"),
    ("test-argv", "Hexagon-only argv test"),
    ("test-flockfile", "single-threaded configuration: no stream locks"),
    ("test-sprintf-percent-n", "%n is off (__IO_PERCENT_N undefined)"),
    ("test-freopen", "needs a file system (POSIX I/O tests off)"),
    ("iconvjp", "multibyte converters are off (__MB_CAPABLE undefined)"),
];

/// Programs whose only failing checks assert picolibc's old number parsing,
/// which C11 (and glibc) decide otherwise and this crate now follows (issue
/// 12, docs/strtod.md). They count as passed when every failure line they
/// print, including their error-count line, is one of these.
pub const KNOWN_DIFFERENCES: &[(&str, &str, &[&str], &str)] = &[
    (
        "libc-testsuite",
        "sscanf",
        &["sscanf(\"NaN(abcdefg\", \"%lf%c\", &d, a) failed (got 0 fields, expected -1)", "sscanf test failed, 1 error(s)"],
        "expects EOF for the matching failure \"NaN(abcdefg\"; C11 7.21.6.2 and glibc return 0",
    ),
    (
        "math",
        "math_test",
        &[
            "strtod:3706, bad errno answer: (0 should be 34)",
            "strtod:3709, bad errno answer: (0 should be 34)",
            "strtod:3713, bad errno answer: (0 should be 34)",
            "strtold:3706, bad errno answer: (0 should be 34)",
            "strtold:3709, bad errno answer: (0 should be 34)",
            "strtold:3713, bad errno answer: (0 should be 34)",
            "Tested 76404 functions, 3 errors detected",
            "Tested 76404 functions, 6 errors detected",
        ],
        "expects ERANGE for the exactly representable subnormals 0x1.8p-1040, 0x1p-1040 and 0x1.8p-1050, which are no underflow (C11 7.12.1)",
    ),
];

/// Whether a failed run of `suite/name` failed only on its KNOWN_DIFFERENCES.
pub fn only_known_differences(suite: &str, name: &str, stdout: &[u8]) -> bool {
    let Some((_, _, accepted, _)) = KNOWN_DIFFERENCES.iter().find(|(s, n, _, _)| *s == suite && *n == name) else {
        return false;
    };
    let text = String::from_utf8_lossy(stdout);
    let reported: Vec<&str> =
        text.lines().filter(|l| l.contains("failed") || l.contains(" bad ") || l.contains("errors detected")).collect();
    !reported.is_empty() && reported.iter().all(|l| accepted.iter().any(|a| l.ends_with(a)))
}

/// Programs meson expects to fail (should_fail).
const SHOULD_FAIL: &[&str] = &["abort", "hosted-exit-fail", "test-except"];

fn skip_reason(suite: &str, name: &str) -> Option<&'static str> {
    SKIPPED.iter().find(|(s, n, _)| *s == suite && *n == name).map(|(_, _, reason)| *reason)
}

fn expectation(name: &str) -> Expect {
    if SHOULD_FAIL.contains(&name) {
        return Expect::Fail;
    }
    match SKIPS_ITSELF.iter().find(|(n, _)| *n == name) {
        Some((_, reason)) => Expect::SkipsItself(reason),
        None => Expect::Pass,
    }
}

/// Every test program to build and run, in a stable order.
pub fn programs(picolibc: &Path) -> Vec<Program> {
    let mut programs = Vec::new();
    special_programs(picolibc, &mut programs);
    // test/meson.build's lists name some of those too; they keep their own sources and flags.
    let special: BTreeSet<String> = programs.iter().map(|p| p.meson_name.clone()).collect();
    let mut add = |suite: &'static str, meson_name: &str, name: String, sources: Vec<PathBuf>, cflags: Vec<String>, ldflags: Vec<String>| {
        push(&mut programs, suite, meson_name, name, sources, cflags, ldflags);
    };
    for suite in SUITES {
        let dir = picolibc.join(suite.dir);
        let cflags: Vec<String> =
            suite.cflags.iter().map(|f| f.replace("{picolibc}", &picolibc.display().to_string())).collect();
        let meson = dir.join("meson.build");
        for list in suite.lists {
            for name in meson_list(&meson, list) {
                if skip_reason(suite.name, &name).is_some() || (suite.name == "test" && special.contains(&name)) {
                    continue;
                }
                let mut sources = vec![dir.join(format!("{name}.c"))];
                sources.extend(suite.helper.map(|h| dir.join(h)));
                let mut extra = cflags.clone();
                if name == "test-sprintf-time" {
                    extra.push("-fno-builtin".into());
                }
                if *list == "tests_printf" {
                    for (suffix, variant) in PRINTF_VARIANTS {
                        let (c, l) = printf_variant(*variant);
                        let cflags = extra.iter().cloned().chain(c).collect();
                        add(suite.name, &name, format!("{name}{suffix}"), sources.clone(), cflags, l);
                    }
                } else if *list == "tests_failure" {
                    add(suite.name, &name, format!("{name}-failure"), sources, extra, vec![]);
                } else {
                    add(suite.name, &name, name.clone(), sources, extra, vec![]);
                }
            }
        }
    }
    programs.sort_by(|a, b| (a.suite, &a.name).cmp(&(b.suite, &b.name)));
    programs.dedup_by(|a, b| a.suite == b.suite && a.name == b.name);
    programs
}

/// `-D_PICOLIBC_PRINTF` selects the variant's declarations; the linker
/// aliases point vfprintf/vfscanf at it, as meson's printf_link_args_* do.
fn printf_variant(variant: char) -> (Vec<String>, Vec<String>) {
    let cflags = vec![format!("-D_PICOLIBC_PRINTF='{variant}'"), format!("-D_PICOLIBC_SCANF='{variant}'")];
    let ldflags = if variant == 'd' {
        vec![]
    } else {
        vec![format!("--defsym=vfprintf=__{variant}_vfprintf"), format!("--defsym=vfscanf=__{variant}_vfscanf")]
    };
    (cflags, ldflags)
}

fn push(
    programs: &mut Vec<Program>,
    suite: &'static str,
    meson_name: &str,
    name: String,
    sources: Vec<PathBuf>,
    cflags: Vec<String>,
    ldflags: Vec<String>,
) {
    let expect = expectation(&name);
    programs.push(Program { suite, name, meson_name: meson_name.to_string(), sources, cflags, ldflags, expect });
}

/// The programs test/meson.build and libm/test/meson.build build one by one,
/// with their own sources and flags.
fn special_programs(picolibc: &Path, programs: &mut Vec<Program>) {
    let mut add = |suite, meson_name, name, sources, cflags, ldflags| push(programs, suite, meson_name, name, sources, cflags, ldflags);
    let test = picolibc.join("test");
    let src = |files: &[&str]| files.iter().map(|f| test.join(f)).collect::<Vec<_>>();
    let flags = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    add("test", "try-ilp32", "try-ilp32".into(), src(&["try-ilp32.c", "try-ilp32-sub.c", "lock-valid.c"]), vec![], vec![]);
    add("test", "hosted-exit", "hosted-exit".into(), src(&["hosted-exit.c", "lock-valid.c"]), vec![], vec![]);
    add("test", "hosted-exit", "hosted-exit-fail".into(), src(&["hosted-exit.c", "lock-valid.c"]), flags(&["-DRETVAL=1"]), vec![]);
    add("test", "abort", "abort".into(), src(&["abort.c", "lock-valid.c"]), vec![], vec![]);
    add("test", "math_errhandling", "math_errhandling".into(), src(&["math_errhandling.c"]), flags(&["-fno-builtin"]), vec![]);
    add("test", "rounding-mode", "rounding-mode".into(), src(&["rounding-mode.c", "rounding-mode-sub.c"]), flags(&["-fno-builtin"]), vec![]);
    add("test", "test-except", "test-except".into(), src(&["test-except.c", "lock-valid.c"]), flags(&["-fno-builtin"]), vec![]);
    add("test", "long_double", "long_double".into(), src(&["long_double.c"]), vec![], vec![]);
    add("test", "test-argv", "test-argv".into(), src(&["test-argv.c", "lock-valid.c"]), flags(&["-DEXPECT_PROG=\"test-argv\""]), vec![]);
    // Guests have no TLS, so no %fs-relative canary: a global guard, as C
    // code that enables the stack protector in a guest must use.
    add(
        "test",
        "stack-smash",
        "stack-smash".into(),
        src(&["stack-smash.c", "lock-valid.c"]),
        flags(&["-fstack-protector-all", "-fstack-protector-strong", "-mstack-protector-guard=global", "-DTESTS_ENABLE_STACK_PROTECTOR"]),
        vec![],
    );
    add("test", "test-cplusplus", "test-cplusplus".into(), src(&["test-cplusplus.cpp"]), flags(&["-fno-exceptions", "-fno-rtti"]), vec![]);

    // libm's own test: one program from every source meson lists.
    let libm_test = picolibc.join("libm/test");
    let sources = meson_list(&libm_test.join("meson.build"), "math_test_src")
        .into_iter()
        .filter(|f| skip_reason("math", f).is_none())
        .map(|f| libm_test.join(f))
        .collect();
    add("math", "math_test", "math_test".into(), sources, flags(&["-DTEST_PART=-1"]), vec![]);
}

/// test-ctype's `diff` tests: the output must equal the host C library's.
pub fn host_compared_programs(picolibc: &Path) -> Vec<Program> {
    let dir = picolibc.join("test/test-ctype");
    meson_list(&dir.join("meson.build"), "tests_ctype_diff")
        .into_iter()
        .map(|name| Program {
            suite: "test-ctype",
            sources: vec![dir.join(format!("{name}.c"))],
            name: format!("{name}-compare"),
            meson_name: name.clone(),
            cflags: vec![],
            ldflags: vec![],
            expect: Expect::MatchesHost,
        })
        .collect()
}

/// Names picolibc's meson files give tests this plan must account for.
pub fn meson_test_names(picolibc: &Path) -> BTreeSet<(String, String)> {
    let mut names = BTreeSet::new();
    for suite in SUITES {
        for list in suite.lists {
            for name in meson_list(&picolibc.join(suite.dir).join("meson.build"), list) {
                names.insert((suite.name.to_string(), name));
            }
        }
    }
    for name in meson_list(&picolibc.join("test/test-ctype/meson.build"), "tests_ctype_diff") {
        names.insert(("test-ctype".into(), name));
    }
    for name in meson_list(&picolibc.join("test/meson.build"), "t1") {
        names.insert(("test".into(), name));
    }
    for name in meson_list(&picolibc.join("libm/test/meson.build"), "math_test_src") {
        names.insert(("math".into(), name));
    }
    names
}

/// Names the plan runs or skips, in the terms of `meson_test_names`.
pub fn planned_names(picolibc: &Path) -> BTreeSet<(String, String)> {
    let mut names = BTreeSet::new();
    for p in programs(picolibc).iter().chain(&host_compared_programs(picolibc)) {
        if p.name == "math_test" {
            // One program from many sources: meson lists the sources.
            for s in &p.sources {
                names.insert(("math".into(), s.file_name().unwrap().to_string_lossy().into_owned()));
            }
        } else {
            names.insert((p.suite.to_string(), p.meson_name.clone()));
        }
    }
    for (suite, name, _) in SKIPPED {
        names.insert((suite.to_string(), name.to_string()));
    }
    names
}

/// The quoted strings assigned to meson variable `var` in `file`: every
/// `var = ...` and `var += ...` statement, conditional or not (the plan
/// decides what applies). Comments are ignored.
pub fn meson_list(file: &Path, var: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let lines: Vec<&str> = text.lines().map(|l| l.split('#').next().unwrap()).collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start();
        let rest = line.strip_prefix(var).map(str::trim_start);
        let value = rest.and_then(|r| r.strip_prefix("+=").or_else(|| r.strip_prefix('=').filter(|r| !r.starts_with('='))));
        let Some(value) = value else {
            i += 1;
            continue;
        };
        // The statement runs until its brackets close.
        let mut statement = value.to_string();
        while statement.matches('[').count() > statement.matches(']').count() && i + 1 < lines.len() {
            i += 1;
            statement.push_str(lines[i]);
        }
        names.extend(statement.split('\'').skip(1).step_by(2).map(String::from));
        i += 1;
    }
    names
}
