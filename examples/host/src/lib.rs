//! Running the example guest: a sandbox whose guest output is captured.
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use hyperlight_host::{Sandbox, SandboxBuilder};

pub use hyperlight_host::{HyperlightError, Result};

pub mod bench;

/// Where scripts/build-guest puts the guest unless `EXAMPLE_GUEST` says otherwise.
pub fn guest_path() -> PathBuf {
    std::env::var_os("EXAMPLE_GUEST").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../guest/target/x86_64-unknown-none/release/example-guest")
    })
}

/// Why guests cannot run here, if they cannot: no /dev/kvm, or no usable hypervisor.
pub fn kvm_unavailable() -> Option<String> {
    if !Path::new("/dev/kvm").exists() {
        return Some("/dev/kvm does not exist".into());
    }
    if let Err(e) = std::fs::OpenOptions::new().read(true).write(true).open("/dev/kvm") {
        return Some(format!("/dev/kvm cannot be opened: {e}"));
    }
    if !hyperlight_host::is_hypervisor_present() {
        return Some("hyperlight-host finds no usable hypervisor behind /dev/kvm".into());
    }
    None
}

/// A sandbox running `guest`, with everything it prints collected in `output`.
pub struct Guest {
    pub sandbox: Sandbox,
    output: Arc<Mutex<String>>,
}

impl Guest {
    pub fn start(guest: &Path, echo: bool) -> Result<Guest> {
        let output = Arc::new(Mutex::new(String::new()));
        let sink = output.clone();
        let sandbox = SandboxBuilder::from_file(guest)
            .heap_size(8 << 20)
            .host_print(move |text: String| {
                if echo {
                    print!("{text}");
                }
                sink.lock().unwrap().push_str(&text);
                text.len() as i32
            })
            .build()?;
        Ok(Guest { sandbox, output })
    }

    /// Everything printed since the last call.
    pub fn take_output(&self) -> String {
        std::mem::take(&mut *self.output.lock().unwrap())
    }
}
