//! OpenSSL initialised once without its clean-up at exit, before the store first uses it.
//!
//! Two parts of the store use the system's OpenSSL: SQLCipher (its page crypto) and, on
//! Linux, the Secret Service session that carries the store key (its key exchange). Left
//! to initialise itself, OpenSSL registers a clean-up that runs at exit and frees its
//! global state while a store connection's worker thread may still be ending: a finished
//! `intandem launches` aborted with "double free or corruption", and a SQLite worker still
//! decrypting a page would use OpenSSL's freed locks. A keyring store reads its key
//! before it opens the database, so the keyring's crypto may be the first to touch
//! OpenSSL: both call this first (tests/openssl_exit.rs checks each way in).
//! TLS goes through the `openssl` crate too, which initialises the same way.

/// Initialises OpenSSL without its exit-time clean-up (once; later calls cost nothing).
pub(crate) fn init_openssl() {
    #[cfg(target_os = "linux")]
    openssl::init();
}
