//! `example-host [GUEST]`: runs the example guest in a Hyperlight micro-VM and
//! has it print a table formatted by hyperlight-libc's printf and libm.
//! `example-host bench GUEST INCUMBENT_GUEST [ROUNDS]`: the guest libc benchmarks.
use std::path::PathBuf;
use std::process::ExitCode;

use hyperlight_libc_example_host::{Guest, bench, guest_path, kvm_unavailable};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "bench") {
        if let Some(why) = kvm_unavailable() {
            eprintln!("example-host: cannot run Hyperlight guests here: {why}.");
            return ExitCode::FAILURE;
        }
        let (Some(ours), Some(theirs)) = (args.get(1), args.get(2)) else {
            eprintln!("usage: example-host bench GUEST INCUMBENT_GUEST [ROUNDS]");
            return ExitCode::FAILURE;
        };
        let rounds = args.get(3).and_then(|r| r.to_str()?.parse().ok()).unwrap_or(5);
        return match bench::run(&PathBuf::from(ours), &PathBuf::from(theirs), rounds) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("example-host: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let guest = args.first().map(PathBuf::from).unwrap_or_else(guest_path);
    if let Some(why) = kvm_unavailable() {
        eprintln!("example-host: cannot run a Hyperlight guest here: {why}.");
        eprintln!("The guest was built ({}); running it needs KVM (or MSHV).", guest.display());
        return ExitCode::FAILURE;
    }
    let run = || -> hyperlight_libc_example_host::Result<()> {
        let mut g = Guest::start(&guest, true)?;
        println!("Guest {} in a Hyperlight micro-VM; printf and libm from hyperlight-libc:\n", guest.display());
        let rows: i32 = g.sandbox.call("PrintTable", 8)?;
        let bz: String = g.sandbox.call("Bzip2", "hyperlight-libc ".to_string())?;
        println!("\n{rows} rows; {bz}");
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("example-host: {e}");
            ExitCode::FAILURE
        }
    }
}
