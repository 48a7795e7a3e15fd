//! Our build and cc-rs (which every `-sys` crate in a guest uses) must pick the
//! same compiler and archiver from one environment: both follow cc-rs's order.
#[path = "../../../picobuild/env.rs"]
mod env;

use std::path::{Path, PathBuf};

/// Sets exactly `set` of the four names for `var` (each to its own path) and
/// returns what our lookup and cc-rs choose.
fn choices(var: &str, triple: &str, host: &str, set: &[usize], tool: &Path) -> (Option<PathBuf>, PathBuf) {
    let names = env::targeted_names(var, triple, host);
    let dir = std::env::temp_dir().join(format!("hyperlight-env-order-{}", std::process::id()));
    for (i, name) in names.iter().enumerate() {
        // SAFETY: this test binary has a single test, so no other thread reads the environment.
        unsafe { std::env::remove_var(name) };
        if set.contains(&i) {
            let link = dir.join(format!("choice{i}")).join(tool.file_name().unwrap());
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(tool, &link).unwrap();
            unsafe { std::env::set_var(name, &link) };
        }
    }
    unsafe { std::env::set_var("HOST", host) };
    let ours = env::Env { cargo: false }.get_targeted(var, triple).map(|(_, v)| PathBuf::from(v));
    let mut build = cc::Build::new();
    build.target(triple).host(host).opt_level(0).cargo_metadata(false);
    let theirs = if var == "CC" { build.get_compiler().path().to_path_buf() } else { build.get_archiver().get_program().into() };
    (ours, theirs)
}

fn which(name: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} not on PATH (scripts/setup installs it)"))
}

#[test]
fn our_lookup_and_cc_rs_agree_for_every_combination() {
    let tools = [("CC", which("clang")), ("AR", which("llvm-ar"))];
    let pairs = [("x86_64-unknown-none", "x86_64-unknown-linux-gnu"), ("x86_64-unknown-linux-gnu", "x86_64-unknown-linux-gnu")];
    for (var, tool) in &tools {
        for (triple, host) in pairs {
            // Every non-empty subset of the four names.
            for mask in 1..16usize {
                let set: Vec<usize> = (0..4).filter(|i| mask & (1 << i) != 0).collect();
                let (ours, theirs) = choices(var, triple, host, &set, tool);
                assert_eq!(ours.as_deref(), Some(theirs.as_path()), "{var} for {triple} (host {host}) with {:?} set", set.iter().map(|&i| env::targeted_names(var, triple, host)[i].clone()).collect::<Vec<_>>());
            }
        }
    }
}
