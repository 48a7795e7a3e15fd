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
pub mod sha256;
pub mod sources;
pub mod target;

#[cfg(feature = "bindgen")]
pub mod bindings;

pub use error::{Error, Result};
