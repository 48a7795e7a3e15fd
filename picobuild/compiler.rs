//! Which clang compiles picolibc, and whether it is new enough.
use std::path::{Path, PathBuf};
use std::process::Command;

use super::env::Env;
use super::error::{Result, fail};

/// Oldest clang we build and test with (Debian bookworm's default).
pub const MIN_CLANG_MAJOR: u32 = 14;

#[derive(Clone, Debug)]
pub struct Compiler {
    pub path: PathBuf,
    /// Where the path came from: an environment variable name or "PATH".
    pub source: String,
    /// First line of `--version`, e.g. "Debian clang version 14.0.6".
    pub identity: String,
    pub major: u32,
}

impl Compiler {
    /// `HYPERLIGHT_GUEST_clang` (the variable hyperlight-libc 0.18 read), then
    /// cc-rs's `CC_<target>` / `CC`, then `clang` on PATH.
    pub fn find(env: &Env, triple: &str) -> Result<Compiler> {
        let (path, source) = if let Some(v) = env.get("HYPERLIGHT_GUEST_clang") {
            (PathBuf::from(v), "HYPERLIGHT_GUEST_clang".to_string())
        } else if let Some((name, v)) = env.get_targeted("CC", triple) {
            (PathBuf::from(v), name)
        } else {
            (PathBuf::from("clang"), "PATH".to_string())
        };
        Compiler::probe(path, source)
    }

    pub fn probe(path: PathBuf, source: String) -> Result<Compiler> {
        let shown = if source == "PATH" { "`clang` on PATH".to_string() } else { format!("{source}={}", path.display()) };
        let output = match Command::new(&path).arg("--version").output() {
            Ok(o) => o,
            Err(e) => {
                return fail(format!(
                    "hyperlight-libc: cannot run the C compiler ({shown}): {e}. Install clang \
                     >= {MIN_CLANG_MAJOR} (Debian: apt-get install clang lld llvm) or point \
                     HYPERLIGHT_GUEST_clang at one"
                ));
            }
        };
        let text = String::from_utf8_lossy(&output.stdout);
        let identity = text.lines().next().unwrap_or("").trim().to_string();
        let Some(major) = clang_major(&identity) else {
            return fail(format!(
                "hyperlight-libc: the C compiler ({shown}) is not clang: `--version` says \
                 \"{identity}\". picolibc for Hyperlight needs clang >= {MIN_CLANG_MAJOR} \
                 (cross targets, stack-clash probes); set HYPERLIGHT_GUEST_clang or CC to a clang"
            ));
        };
        if major < MIN_CLANG_MAJOR {
            return fail(format!(
                "hyperlight-libc: clang {major} ({shown}) is too old; clang >= \
                 {MIN_CLANG_MAJOR} is required"
            ));
        }
        Ok(Compiler { path, source, identity, major })
    }

    /// An LLVM tool next to this clang (`/usr/lib/llvm-19/bin/llvm-ar`,
    /// `/usr/bin/llvm-ar-19`), falling back to the plain name on PATH.
    pub fn sibling_tool(&self, tool: &str) -> PathBuf {
        let resolved = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        let dir = resolved.parent().unwrap_or(Path::new(""));
        let versioned = format!("{tool}-{}", self.major);
        [dir.join(tool), dir.join(&versioned)]
            .into_iter()
            .find(|p| p.is_file())
            .unwrap_or_else(|| PathBuf::from(tool))
    }
}

/// "Debian clang version 14.0.6" / "clang version 19.1.7 (...)" -> major.
fn clang_major(identity: &str) -> Option<u32> {
    let rest = identity.split("clang version ").nth(1)?;
    rest.split('.').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_clang_versions() {
        assert_eq!(clang_major("Debian clang version 14.0.6"), Some(14));
        assert_eq!(clang_major("clang version 19.1.7 (https://x y)"), Some(19));
        assert_eq!(clang_major("Ubuntu clang version 16.0.6 (15)"), Some(16));
        assert_eq!(clang_major("gcc (Debian 12.2.0-14) 12.2.0"), None);
    }

    #[test]
    fn rejects_a_compiler_that_is_not_clang() {
        let e = Compiler::probe("gcc".into(), "CC".into()).unwrap_err();
        assert!(e.0.contains("is not clang"), "{e}");
        assert!(e.0.contains("CC=gcc"), "{e}");
    }
}
