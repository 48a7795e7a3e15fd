//! `example-host [GUEST]`: runs the example guest in a Hyperlight micro-VM and
//! has it print a table formatted by hyperlight-libc's printf and libm.
use std::process::ExitCode;

use hyperlight_libc_example_host::{Guest, guest_path, kvm_unavailable};

fn main() -> ExitCode {
    let guest = std::env::args_os().nth(1).map(Into::into).unwrap_or_else(guest_path);
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
