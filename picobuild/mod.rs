//! The one build of picolibc for Hyperlight guests.
//!
//! Both drivers use this module: `build.rs` (through cargo) and the standalone
//! `picolibc-build` command (which the Nix derivation runs). Whatever decides
//! the archive's bytes (file list, flags, configuration) lives here and only here.
#![allow(dead_code, unused_imports)] // each driver uses a different subset

pub mod compile;
pub mod compiler;
pub mod env;
pub mod error;
pub mod flags;
pub mod headers;
pub mod metadata;
pub mod prebuilt;
pub mod sha256;
pub mod sources;
pub mod target;

#[cfg(feature = "bindgen")]
pub mod bindings;

pub use error::{Error, Result};

/// The committed bindings for `target`'s flavour.
pub fn bindings_file(crate_dir: &std::path::Path, target: &target::Target) -> std::path::PathBuf {
    crate_dir.join("src/bindings").join(format!("{}.rs", target.flavour()))
}
