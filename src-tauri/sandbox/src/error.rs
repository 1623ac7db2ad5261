//! `SandboxError`: why the sandbox could not start, persist or keep serving. Request-level
//! errors are not here; they are vendor-shaped HTTP answers (see `http::api_error`).

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("binding the sandbox listener to {addr}: {source}")]
    Bind { addr: String, source: io::Error },
    #[error("reading the sandbox state file {}: {source}", path.display())]
    ReadState { path: PathBuf, source: io::Error },
    #[error(
        "the file {} is not a sandbox state file ({source}); \
         move it away or pass another --state-file",
        path.display()
    )]
    ParseState {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("writing the sandbox state file {}: {source}", path.display())]
    WriteState { path: PathBuf, source: io::Error },
    #[error("serving the sandbox: {0}")]
    Serve(io::Error),
    #[error("writing the sandbox's start line to stdout: {0}")]
    Stdout(io::Error),
    #[error("listening for Ctrl-C / SIGTERM: {0}")]
    Signal(io::Error),
}
