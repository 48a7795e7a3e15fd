//! Environment lookups in the -sys crate convention: `<VAR>_<target>` first, then
//! `<VAR>`. Under cargo every name looked at is registered with
//! `cargo:rerun-if-env-changed`, so changing any of them rebuilds.
use std::ffi::OsString;

#[derive(Clone, Copy)]
pub struct Env {
    /// Print `cargo:rerun-if-env-changed` lines (true under build.rs).
    pub cargo: bool,
}

impl Env {
    pub fn get(&self, name: &str) -> Option<OsString> {
        if self.cargo {
            println!("cargo:rerun-if-env-changed={name}");
        }
        std::env::var_os(name).filter(|v| !v.is_empty())
    }

    /// `<VAR>_<target with - as _>`, `<VAR>_<target>`, then `<VAR>`; returns the
    /// name that was set along with its value, so errors can name it.
    pub fn get_targeted(&self, var: &str, triple: &str) -> Option<(String, OsString)> {
        let names = [format!("{var}_{}", triple.replace('-', "_")), format!("{var}_{triple}"), var.to_string()];
        names.into_iter().find_map(|name| self.get(&name).map(|value| (name, value)))
    }
}
