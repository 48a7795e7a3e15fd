//! The header tree exported to Rust bindings and to dependents' C code:
//! libc/include with this crate's include/ over it. cargo-hyperlight assembles
//! the same tree from this crate for the C it compiles (plus libc/stdio's four
//! private headers, which no public header includes), so C built either way
//! sees the same public headers. picolibc's per-architecture machine/ headers
//! are not in it: the one that fixes an ABI, machine/fenv.h, is stated by
//! include/machine/fenv.h for both architectures.
use std::fs;
use std::path::Path;

use super::error::{Result, io_error};

pub fn install(src: &Path, config_include: &Path, dest: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(dest);
    for dir in exported_dirs(src, config_include) {
        copy_headers(&dir, dest)?;
    }
    Ok(())
}

/// The folders whose headers make up the exported tree, later ones over earlier ones.
pub fn exported_dirs(src: &Path, config_include: &Path) -> Vec<std::path::PathBuf> {
    vec![src.join("libc/include"), config_include.to_path_buf()]
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
