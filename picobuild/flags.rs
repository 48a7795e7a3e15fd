//! Every compiler flag and define, in one place.
//!
//! `abi_args` is what C code linked into the same guest must also use (it is
//! exported to dependents as `DEP_C_CFLAGS`); `library_args` only matters for
//! compiling picolibc itself.
use std::path::{Path, PathBuf};

use super::target::{Arch, FloatAbi, Target};

/// Flags that fix the ABI and the code model of guest C code.
pub fn abi_args(target: &Target) -> Vec<String> {
    let mut args: Vec<String> = vec![
        format!("--target={}", target.clang_triple()),
        // The Linux triple is only for stack-clash probes; guests are not Linux,
        // so code testing __linux__ must not take Linux paths. cargo-hyperlight
        // undefines the same one macro; __linux (which picks picolibc's type
        // sizes) is settled by include/picolibc.h for every compile.
        "-U__linux__".into(),
        "-fno-stack-protector".into(),
        "-fstack-clash-protection".into(),
        "-fno-common".into(),
        "-fPIC".into(),
        // clang < 16 ignores stack-clash protection on aarch64, with a warning.
        "-Wno-unused-command-line-argument".into(),
    ];
    if target.arch == Arch::X86_64 {
        args.push("-mstack-probe-size=4096".into());
        // Hyperlight's exception handling does not keep a red zone.
        args.push("-mno-red-zone".into());
    }
    if target.arch == Arch::Aarch64 {
        // clang turns outline atomics (calls to __aarch64_ldadd8_acq_rel & co.) on
        // whenever it finds an aarch64 GCC on the build machine: choose explicitly,
        // so what is installed never changes the code.
        args.push("-mno-outline-atomics".into());
    }
    if target.float_abi == FloatAbi::Soft {
        // Match Rust's x86_64-unknown-none: no vector/x87 state, doubles in GPRs.
        args.extend(["-mno-sse", "-mno-sse2", "-mno-mmx"].map(String::from));
        args.extend(["-Xclang", "-target-feature", "-Xclang", "+soft-float"].map(String::from));
        // long double == double, so no x87 code and no 80-bit helpers.
        args.push("-mlong-double-64".into());
        // picolibc's soft fenv and soft-float paths (some files test it before
        // any header, so picolibc.h's own detection is too late for them).
        args.push("-D_SOFT_FLOAT".into());
        // Without SSE clang assumes x87 evaluation (FLT_EVAL_METHOD 2), but soft-float
        // code computes in the source type; picolibc's fma would otherwise call fmal,
        // which is fma itself when long double is double. (-ffp-eval-method=source
        // does this too, but clang 14 lacks it.)
        args.extend(["-U__FLT_EVAL_METHOD__", "-D__FLT_EVAL_METHOD__=0", "-Wno-builtin-macro-redefined"].map(String::from));
    }
    args
}

/// Flags for compiling picolibc's own sources.
pub fn library_args(target: &Target) -> Vec<String> {
    let mut args: Vec<String> = [
        "-std=c18",
        "-O2",
        "-nostdlibinc",
        // picolibc is the C library itself: no hosted assumptions, and no call
        // turned back into a call of itself (memset's loop into memset). Not in
        // abi_args: a guest's own C has a full C library, so builtins stay on there.
        "-ffreestanding",
        "-fno-builtin",
        "-frounding-math",
        "-fno-builtin-copysignl",
        "-ffunction-sections",
        "-fdata-sections",
        "-D_LIBC",
        "-D_FILE_OFFSET_BITS=64",
        "-U_FORTIFY_SOURCE",
        // hyperlight-guest defines abort(); picolibc's would be a duplicate.
        "-DABORT_PROVIDED=1",
        // picolibc is not our code: keep its build quiet, but never let a
        // configuration mistake hide behind an implicit declaration.
        "-w",
        "-Werror=implicit-function-declaration",
        "-Werror=int-conversion",
    ]
    .map(String::from)
    .to_vec();
    if target.arch == Arch::X86_64 && target.float_abi == FloatAbi::Hard {
        args.extend(XMM_DEPENDENCY_BREAKING.map(String::from));
    }
    args
}

/// SSE's scalar conversions and square roots (`cvtss2sd`, `cvtsi2sd`,
/// `sqrtsd`, ...) write only the low lane of their destination, so they wait
/// for whatever last wrote the rest of it. LLVM puts a dependency-breaking
/// `xorps` in front only when it saw that register written within 64
/// instructions, and it counts a register the caller wrote as never written:
/// `sinf`'s first instruction, `cvtss2sd %xmm0,%xmm1`, waited for the previous
/// call's arithmetic in xmm1 (8.6 ns a call instead of 3.2). A distance beyond
/// any function (LLVM's "never" is 2^20 instructions in LLVM 14, 2^21 in newer ones) puts
/// the `xorps` before every such instruction whose destination holds nothing
/// live, as GCC does; a zeroing `xorps` costs no execution unit.
/// (tools/picolibc-build/tests/libc_archives.rs: `no_partial_xmm_write_waits_for_an_old_value`.)
pub const XMM_DEPENDENCY_BREAKING: [&str; 2] = ["-mllvm", "-partial-reg-update-clearance=16777216"];

/// Files compiled without `-frounding-math` (it stays on for the rest), named as
/// `compile.rs` names them: picolibc's relative to its root, ours as
/// `hyperlight/src/c/...`.
///
/// The trigonometric code (src/c/sin_cos.c holds sin, cos and sincos, with
/// the reduction of picolibc's s_rem_pio2.c inline): under `-frounding-math` clang 14 emits constrained
/// floating-point operations and schedules them badly (scripts/bench --native,
/// docs/benchmarks.md: sin 10.5 -> 7.7 ns, cos 9.1 -> 8.4 ns). These files
/// fold no inexact constant expression (their invalid and underflow cases go
/// through picolibc's `__math_*` and `force_eval` helpers), so results stay
/// bit-identical in all four rounding modes (checked over 1.2 million inputs);
/// the one change is that sinf, cosf and sincosf no longer raise a spurious
/// FE_INEXACT for +-0 and +-inf (and none for |x| < 2^-12, where C11 F.10
/// leaves inexact unspecified).
///
/// memset_explicit and memset_s: no floating point at all, but LLVM puts an x87
/// `wait` after every inline asm statement (their compiler barriers) of a
/// function compiled with `-frounding-math`: in the soft-float archive that is
/// an x87 instruction.
pub const WITHOUT_ROUNDING_MATH: &[&str] = &[
    "libm/math/k_cos.c",
    "libm/math/k_rem_pio2.c",
    "libm/math/k_sin.c",
    "libm/math/k_tan.c",
    "libm/math/s_rem_pio2.c",
    "libm/math/s_tan.c",
    "libm/math/sf_cos.c",
    "libm/math/sf_sin.c",
    "libm/math/sf_sincos.c",
    "libc/string/memset_explicit.c",
    "libc/string/memset_s.c",
    "hyperlight/src/c/sin_cos.c",
];

/// Flags for one picolibc file, after `library_args` (the last one wins).
pub fn file_args(picolibc_file: &str) -> &'static [&'static str] {
    if WITHOUT_ROUNDING_MATH.contains(&picolibc_file) { &["-fno-rounding-math"] } else { &[] }
}

/// Include directories for compiling picolibc, in meson's order, after ours.
pub fn library_include_dirs(src: &Path, config_include: &Path, arch: Arch) -> Vec<PathBuf> {
    let machine = arch.picolibc_machine();
    vec![
        config_include.to_path_buf(),
        src.to_path_buf(),
        src.join("libm/common"),
        src.join("libc/machine").join(machine),
        src.join("libc/stdio"),
        src.join("libc/locale"),
        src.join("libc/include"),
    ]
}

/// Rewrites build-machine paths out of objects, so archives do not depend on
/// where the checkout or the target directory is.
pub fn prefix_map_args(src: &Path, crate_dir: &Path, out_dir: &Path) -> Vec<String> {
    let map = |from: &Path, to: &str| format!("-ffile-prefix-map={}={to}", from.display());
    // Most specific first: src may sit inside crate_dir (third_party/picolibc).
    vec![map(src, "/picolibc"), map(out_dir, "/build"), map(crate_dir, "/hyperlight-libc")]
}

#[cfg(test)]
mod tests {
    use super::super::{sources, target::Arch};
    use super::*;

    #[test]
    fn files_without_rounding_math_are_built_for_every_arch() {
        for arch in [Arch::X86_64, Arch::Aarch64] {
            let list = sources::list(arch);
            for file in WITHOUT_ROUNDING_MATH {
                let listed = match file.strip_prefix("hyperlight/") {
                    Some(ours) => sources::CRATE_SOURCES.contains(&ours),
                    None => list.contains(file),
                };
                assert!(listed, "flags::WITHOUT_ROUNDING_MATH names {file}, which the {arch:?} source list lacks");
                assert_eq!(file_args(file), ["-fno-rounding-math"]);
            }
        }
        assert!(file_args("libm/math/s_exp.c").is_empty());
        // The flag it overrides must still be there, before it.
        let target = Target::from_triple("x86_64-unknown-none", None).unwrap();
        assert!(library_args(&target).iter().any(|a| a == "-frounding-math"));
    }
}
