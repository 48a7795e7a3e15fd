//! Environment lookups in cc-rs's order, so this build and cc-rs in a `-sys`
//! crate never pick different tools from one environment. Under cargo every
//! name looked at is registered with `cargo:rerun-if-env-changed`, so changing
//! any of them rebuilds.
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

    /// cc-rs's order: `<VAR>_<target>`, `<VAR>_<target with - as _>`, then
    /// `TARGET_<VAR>` (`HOST_<VAR>` when building for the host itself), then
    /// `<VAR>`. Returns the name that was set along with its value, so errors
    /// can name it.
    pub fn get_targeted(&self, var: &str, triple: &str) -> Option<(String, OsString)> {
        targeted_names(var, triple, &host_triple(triple))
            .into_iter()
            .find_map(|name| self.get(&name).map(|value| (name, value)))
    }
}

/// The names [`Env::get_targeted`] tries, in order.
pub fn targeted_names(var: &str, triple: &str, host: &str) -> [String; 4] {
    // cc-rs: a cross compile reads TARGET_<VAR>, a host compile HOST_<VAR>.
    let kind = if triple == host { "HOST" } else { "TARGET" };
    [format!("{var}_{triple}"), format!("{var}_{}", triple.replace('-', "_")), format!("{kind}_{var}"), var.to_string()]
}

/// cargo's `HOST`; the standalone command has none and, like cc-rs without
/// one, treats the target as the host (compile.rs gives cc-rs the same host).
pub fn host_triple(triple: &str) -> String {
    std::env::var("HOST").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| triple.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_order_is_cc_rs_order() {
        assert_eq!(
            targeted_names("CC", "x86_64-unknown-none", "x86_64-unknown-linux-gnu"),
            ["CC_x86_64-unknown-none", "CC_x86_64_unknown_none", "TARGET_CC", "CC"]
        );
        assert_eq!(
            targeted_names("AR", "x86_64-unknown-linux-gnu", "x86_64-unknown-linux-gnu"),
            ["AR_x86_64-unknown-linux-gnu", "AR_x86_64_unknown_linux_gnu", "HOST_AR", "AR"]
        );
    }
}
