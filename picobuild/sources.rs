//! The picolibc source list: generated from picolibc's meson.build files by
//! `tools/gen-sources` and committed under picobuild/sources/.
use std::path::{Path, PathBuf};

use super::error::{Result, fail};
use super::target::Arch;

const X86_64: &str = include_str!("sources/x86_64.txt");
const AARCH64: &str = include_str!("sources/aarch64.txt");

/// This crate's own C sources (relative to the crate root), compiled into the
/// same archive with the same flags.
pub const CRATE_SOURCES: &[&str] = &[
    "src/c/aligned_alloc.c",
    "src/c/c11.c",
    "src/c/compiler_rt.c",
    "src/c/exit.c",
    "src/c/fflush.c",
    "src/c/fma.c",
    "src/c/fmal.c",
    "src/c/initfini.c",
    "src/c/ldtoa.c",
    "src/c/malloc_info.c",
    "src/c/os_fallbacks.c",
    "src/c/sin_cos.c",
    "src/c/sqrt.c",
    "src/c/sqrtf.c",
    "src/c/strtod.c",
    "src/c/swprintf.c",
    "src/c/vffprintf.c",
    "src/c/vfprintf.c",
    "src/c/vfprintf_s.c",
    "src/c/vfscanf.c",
    "src/c/vfwprintf.c",
    "src/c/x86_64_fenv.c",
    "src/c/x86_64_mem.c",
    "src/c/x86_64_memchr.c",
    "src/c/x86_64_memcmp.c",
    "src/c/x86_64_nearbyint.c",
    "src/c/x86_64_strchr.c",
    "src/c/x86_64_strcmp.c",
    "src/c/x86_64_strcpy.c",
    "src/c/x86_64_strlen.c",
];

/// Headers that CRATE_SOURCES include (part of the prebuilt configuration digest).
pub const CRATE_HEADERS: &[&str] = &[
    "src/c/fma_impl.h",
    "src/c/strtod_impl.h",
    "src/c/strtod_pow5.h",
    "src/c/strtod_scan.h",
    "src/c/vfscanf_body.h",
    "src/c/x86_64_mxcsr.h",
    "src/c/x86_64_sse2.h",
    "src/c/x86_64_words.h",
];

/// Paths relative to the picolibc root, in the committed order.
pub fn list(arch: Arch) -> Vec<&'static str> {
    list_text(arch)
        .lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The committed list text, for the manifest's file-list digest.
pub fn list_text(arch: Arch) -> &'static str {
    match arch {
        Arch::X86_64 => X86_64,
        Arch::Aarch64 => AARCH64,
    }
}

/// Checks that `dir` is a picolibc tree with every file we compile.
pub fn check_tree(dir: &Path, var: &str, arch: Arch) -> Result<()> {
    if !dir.join("COPYING.picolibc").is_file() || !dir.join("libc/include/stdio.h").is_file() {
        return fail(format!(
            "hyperlight-libc: {var}={} is not a picolibc source tree (no COPYING.picolibc \
             or libc/include/stdio.h). Point {var} at a picolibc-bsd 1.8.11-bsd checkout, or \
             unset it to use third_party/picolibc",
            dir.display()
        ));
    }
    let missing: Vec<&str> = list(arch).into_iter().filter(|f| !dir.join(f).is_file()).collect();
    if let Some(first) = missing.first() {
        return fail(format!(
            "hyperlight-libc: {var}={} lacks {} of the {} files in picobuild/sources/{}.txt \
             (first: {first}); it is not picolibc-bsd 1.8.11-bsd",
            dir.display(),
            missing.len(),
            list(arch).len(),
            arch.name()
        ));
    }
    Ok(())
}

/// Where the picolibc sources are: `PICOLIBC_SRC`, else `third_party/picolibc`.
pub fn locate(env: &super::env::Env, crate_dir: &Path) -> Result<(PathBuf, String)> {
    if let Some(dir) = env.get("PICOLIBC_SRC") {
        let dir = PathBuf::from(dir);
        if !dir.is_dir() {
            return fail(format!(
                "hyperlight-libc: PICOLIBC_SRC={} does not exist. Point it at a picolibc-bsd \
                 source tree or unset it to use third_party/picolibc",
                dir.display()
            ));
        }
        return Ok((dir, "PICOLIBC_SRC".to_string()));
    }
    let dir = crate_dir.join("third_party/picolibc");
    if !dir.join("COPYING.picolibc").is_file() {
        return fail(format!(
            "hyperlight-libc: the picolibc sources are missing ({} is empty). In a git \
             checkout run `scripts/fetch-picolibc` (it tries `git submodule update --init` \
             and falls back to a verified copy), or set PICOLIBC_SRC to a picolibc-bsd \
             1.8.11-bsd tree",
            dir.display()
        ));
    }
    Ok((dir, "third_party/picolibc".to_string()))
}
