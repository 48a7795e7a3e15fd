use std::fmt;

/// A build failure whose message tells the user what to do.
#[derive(Debug)]
pub struct Error(pub String);

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Shorthand for `Err(Error(message))`.
pub fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(Error(message.into()))
}

/// An I/O failure on `path`, named with what was being done.
pub fn io_error(what: &str, path: &std::path::Path, e: std::io::Error) -> Error {
    Error(format!("hyperlight-libc: cannot {what} {}: {e}", path.display()))
}
