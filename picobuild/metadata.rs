//! What dependents see as `DEP_C_*` (this crate has `links = "c"`).
use std::path::Path;

use super::flags;
use super::target::Target;

/// `cargo::metadata` lines: `DEP_C_INCLUDE` (header tree), `DEP_C_LIB_DIR`
/// (directory of libc.a), `DEP_C_CFLAGS` (space-separated ABI flags that C
/// code in the same guest must use), `DEP_C_FLOAT_ABI`, `DEP_C_CLANG_TARGET`.
pub fn lines(target: &Target, include_dir: &Path, lib_dir: &Path) -> Vec<String> {
    let mut cflags = flags::abi_args(target);
    cflags.push("-nostdlibinc".into());
    cflags.push("-isystem".into());
    cflags.push(include_dir.display().to_string());
    vec![
        format!("cargo::metadata=include={}", include_dir.display()),
        format!("cargo::metadata=lib_dir={}", lib_dir.display()),
        format!("cargo::metadata=cflags={}", cflags.join(" ")),
        format!("cargo::metadata=float_abi={}", target.float_abi.name()),
        format!("cargo::metadata=clang_target={}", target.clang_triple()),
    ]
}
