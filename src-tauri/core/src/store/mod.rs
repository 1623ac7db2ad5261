//! The encrypted local store: one SQLCipher file whose key lives in the OS keyring or is derived from a passphrase.
