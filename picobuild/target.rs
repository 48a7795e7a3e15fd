//! What we build for: architecture and float ABI, from cargo's view of the target.
use super::error::{Result, fail};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Aarch64,
}

/// The float ABI follows the Rust target so C and Rust agree on where doubles travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatAbi {
    /// No FPU registers: doubles in general registers, arithmetic via compiler_builtins.
    Soft,
    /// SSE (x86_64) or FP/NEON (aarch64) registers.
    Hard,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The Rust triple, e.g. `x86_64-unknown-none` or `x86_64-hyperlight-none`.
    pub triple: String,
    pub arch: Arch,
    pub float_abi: FloatAbi,
}

impl Arch {
    pub fn parse(name: &str) -> Result<Arch> {
        match name {
            "x86_64" => Ok(Arch::X86_64),
            "aarch64" => Ok(Arch::Aarch64),
            other => fail(format!(
                "hyperlight-libc: unsupported target architecture `{other}`; \
                 picolibc is built for Hyperlight guests on x86_64 and aarch64 only"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
        }
    }

    /// picolibc's directory name under libc/machine and libm/machine.
    pub fn picolibc_machine(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86",
            Arch::Aarch64 => "aarch64",
        }
    }
}

impl FloatAbi {
    pub fn parse(name: &str) -> Result<FloatAbi> {
        match name {
            "soft" | "softfloat" => Ok(FloatAbi::Soft),
            "hard" | "hardfloat" => Ok(FloatAbi::Hard),
            other => fail(format!("unknown float ABI `{other}`: use `soft` or `hard`")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FloatAbi::Soft => "soft",
            FloatAbi::Hard => "hard",
        }
    }
}

impl Target {
    /// From cargo's `CARGO_CFG_TARGET_ARCH` and `CARGO_CFG_TARGET_FEATURE`, so
    /// custom triples such as `x86_64-hyperlight-none` work without a table.
    pub fn from_cfg(triple: &str, arch: &str, features: &str) -> Result<Target> {
        let arch = Arch::parse(arch)?;
        let has = |f: &str| features.split(',').any(|x| x == f);
        let float_abi = match arch {
            Arch::X86_64 if has("sse2") => FloatAbi::Hard,
            Arch::X86_64 => FloatAbi::Soft,
            Arch::Aarch64 if has("neon") || has("fp-armv8") => FloatAbi::Hard,
            Arch::Aarch64 => {
                return fail(format!(
                    "hyperlight-libc: target `{triple}` is aarch64 without FP/NEON; \
                     picolibc's aarch64 string routines need NEON, so only hard-float \
                     aarch64 targets (e.g. aarch64-unknown-none) are supported"
                ));
            }
        };
        Ok(Target { triple: triple.to_string(), arch, float_abi })
    }

    /// For the standalone command: a Rust triple plus its float ABI.
    pub fn from_triple(triple: &str, float_abi: Option<FloatAbi>) -> Result<Target> {
        let arch = Arch::parse(triple.split('-').next().unwrap_or(""))?;
        let float_abi = float_abi.unwrap_or(match triple {
            // Rust's bare-metal x86_64 target is soft-float; everything else we know uses SSE/FP.
            "x86_64-unknown-none" => FloatAbi::Soft,
            _ => FloatAbi::Hard,
        });
        if arch == Arch::Aarch64 && float_abi == FloatAbi::Soft {
            return Target::from_cfg(triple, "aarch64", "");
        }
        Ok(Target { triple: triple.to_string(), arch, float_abi })
    }

    /// Clang needs a Linux-like OS for `-fstack-clash-protection`.
    pub fn clang_triple(&self) -> String {
        format!("{}-unknown-linux-none", self.arch.name())
    }

    /// Names the configuration in file names and manifests: `x86_64-softfloat`.
    pub fn flavour(&self) -> String {
        format!("{}-{}float", self.arch.name(), self.float_abi.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_abi_follows_rust_target_features() {
        let none = Target::from_cfg("x86_64-unknown-none", "x86_64", "fxsr").unwrap();
        assert_eq!(none.float_abi, FloatAbi::Soft);
        let hl = Target::from_cfg("x86_64-hyperlight-none", "x86_64", "fxsr,sse,sse2").unwrap();
        assert_eq!(hl.float_abi, FloatAbi::Hard);
        let arm = Target::from_cfg("aarch64-unknown-none", "aarch64", "neon").unwrap();
        assert_eq!((arm.arch, arm.float_abi), (Arch::Aarch64, FloatAbi::Hard));
        assert_eq!(none.clang_triple(), "x86_64-unknown-linux-none");
        assert_eq!(none.flavour(), "x86_64-softfloat");
    }

    #[test]
    fn unsupported_targets_are_named() {
        let e = Target::from_cfg("riscv64gc-unknown-none-elf", "riscv64", "").unwrap_err();
        assert!(e.0.contains("unsupported target architecture `riscv64`"), "{e}");
        let e = Target::from_cfg("aarch64-unknown-none-softfloat", "aarch64", "").unwrap_err();
        assert!(e.0.contains("only hard-float"), "{e}");
    }
}
