//! What the app and the CLI do to their own process before anything else: no core dumps.
//! A crash must not write the store key, a directory token or a client secret to a core
//! file (which another tool, a crash reporter or a later user could read): the process is
//! made non-dumpable (which also stops other processes of the same user from attaching a
//! debugger to read its memory) and its core size limit is set to zero, a limit its
//! children (WebKit's processes) inherit.

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
