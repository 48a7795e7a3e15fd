//! The header tree exported to Rust bindings and to dependents' C code, laid
//! out as meson installs it: libc/include, then the architecture's machine/
//! and sys/ headers over the generic ones, then this crate's include/.
use std::fs;
use std::path::Path;

use super::error::{Result, io_error};
use super::target::Arch;

pub fn install(src: &Path, config_include: &Path, arch: Arch, dest: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(dest);
    let machine = src.join("libc/machine").join(arch.picolibc_machine());
    copy_headers(&src.join("libc/include"), dest)?;
    copy_headers(&machine.join("machine"), &dest.join("machine"))?;
    copy_headers(&machine.join("sys"), &dest.join("sys"))?;
    copy_headers(config_include, dest)
}

/// Copies every `.h` below `from` into `to`, keeping subdirectories.
pub fn copy_headers(from: &Path, to: &Path) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(to).map_err(|e| io_error("create", to, e))?;
    let mut entries: Vec<_> = fs::read_dir(from)
        .map_err(|e| io_error("read", from, e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| io_error("read", from, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_headers(&path, &dest)?;
        } else if path.extension().is_some_and(|x| x == "h") {
            fs::copy(&path, &dest).map_err(|e| io_error("copy", &path, e))?;
        }
    }
    Ok(())
}
