//! The committed bindings (src/bindings/<flavour>.rs) are exactly what
//! `picolibc-build bindings` generates from the current headers.
mod common;

use std::process::Command;

use common::*;

#[test]
fn committed_bindings_match_regenerated_ones() {
    let dir = crate_root().join("src/bindings");
    for (triple, flavour) in [
        ("x86_64-unknown-none", "x86_64-softfloat"),
        ("x86_64-unknown-linux-gnu", "x86_64-hardfloat"),
        ("aarch64-unknown-none", "aarch64-hardfloat"),
    ] {
        let fresh = tmp_dir().join(format!("bindings-{flavour}.rs"));
        run_ok(Command::new(TOOL).args(["bindings", "--target", triple, "--out"]).arg(&fresh));
        let committed = std::fs::read_to_string(dir.join(format!("{flavour}.rs"))).unwrap();
        let fresh = std::fs::read_to_string(&fresh).unwrap();
        assert!(
            committed == fresh,
            "src/bindings/{flavour}.rs is stale; regenerate with \
             `cargo run -p picolibc-build -- bindings --target {triple} --out src/bindings/{flavour}.rs`"
        );
    }
}
