//! What the app and the CLI do to their own process before anything else ([`prepare`]).
//!
//! No core dumps. A crash must not write the store key, a directory token or a client
//! secret to a core file (which another tool, a crash reporter or a later user could read):
//! the process is made non-dumpable (which also stops other processes of the same user from
//! attaching a debugger to read its memory) and its core size limit is set to zero, a limit
//! its children (WebKit's processes) inherit.
//!
//! OpenSSL that outlives every thread. Used first by SQLCipher, OpenSSL initialises itself
//! and registers its clean-up to run at exit; that clean-up frees OpenSSL's global state
//! while another thread (a store connection's worker, still ending) may use or free it, and
//! glibc aborts with "double free or corruption": a command that did its work exited with
//! SIGABRT (seen once in CI, `intandem launches`). Initialised first without that clean-up
//! (what the `openssl` crate's own initialisation asks for), OpenSSL's memory goes back
//! with the process's.

/// Everything above, in order; the first call of `main` (the CLI) and of `run` (the app).
pub fn prepare() {
    disable_core_dumps();
    keep_openssl_until_exit();
}

/// Initialises OpenSSL without registering its clean-up at exit. Must run before anything
/// else touches OpenSSL (SQLCipher, TLS, the keyring); later calls change nothing.
pub fn keep_openssl_until_exit() {
    #[cfg(target_os = "linux")]
    openssl::init();
}

/// Turns core dumps off for this process and its children. Best effort: a failure is
/// logged, never fatal (the store is encrypted either way).
pub fn disable_core_dumps() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: prctl(PR_SET_DUMPABLE, 0) and setrlimit with a valid, initialised struct
        // have no memory-safety preconditions.
        unsafe {
            if libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 {
                tracing::warn!("could not make the process non-dumpable");
            }
        }
    }
    #[cfg(unix)]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: as above.
        if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } != 0 {
            tracing::warn!("could not set the core file size limit to 0");
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn after_it_the_process_is_not_dumpable_and_writes_no_core() {
        disable_core_dumps();
        // SAFETY: reading process attributes into valid memory.
        let dumpable = unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) };
        assert_eq!(dumpable, 0);
        let mut limit = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) }, 0);
        assert_eq!((limit.rlim_cur, limit.rlim_max), (0, 0));
    }
}
