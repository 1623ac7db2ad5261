//! Where the store's files live inside a data directory, and what state they are in.
//!
//! `store.db` is the SQLCipher database (with its `-wal` and `-shm` companions);
//! `store.json` is the plaintext key settings file beside it. A zero-length
//! `store.db` counts as absent: `create` makes the file empty before SQLCipher
//! writes its first (encrypted) page, so a crash in between leaves nothing to unlock.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::StoreError;

pub(crate) const DATABASE_FILE: &str = "store.db";
pub(crate) const CONFIG_FILE: &str = "store.json";

/// The first 16 bytes of every plaintext SQLite database. An SQLCipher file starts
/// with its random salt instead.
const PLAINTEXT_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

#[derive(Debug, Clone)]
pub(crate) struct StorePaths {
    pub data_dir: PathBuf,
    pub database: PathBuf,
    pub config: PathBuf,
}

impl StorePaths {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            database: data_dir.join(DATABASE_FILE),
            config: data_dir.join(CONFIG_FILE),
        }
    }

    /// The database file and its WAL companions, which SQLite names by suffixing the
    /// database path.
    pub fn database_files(&self) -> [PathBuf; 3] {
        let companion = |suffix: &str| {
            let mut name = self.database.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        [self.database.clone(), companion("-wal"), companion("-shm")]
    }

    /// Whether a database with content exists (a zero-length file does not count).
    pub fn database_exists(&self) -> Result<bool, StoreError> {
        match fs::metadata(&self.database) {
            Ok(meta) => Ok(meta.len() > 0),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(error) => Err(StoreError::Io {
                context: format!("checking the database {}", self.database.display()),
                source: error,
            }),
        }
    }

    /// Whether the database file starts with the plaintext SQLite header, i.e. it
    /// was written without a key.
    pub fn database_is_plaintext(&self) -> Result<bool, StoreError> {
        let mut header = [0u8; 16];
        let mut file = fs::File::open(&self.database).map_err(StoreError::io(format!(
            "reading the header of {}",
            self.database.display()
        )))?;
        let mut filled = 0;
        while filled < header.len() {
            let read = file
                .read(&mut header[filled..])
                .map_err(StoreError::io(format!(
                    "reading the header of {}",
                    self.database.display()
                )))?;
            if read == 0 {
                return Ok(false);
            }
            filled += read;
        }
        Ok(&header == PLAINTEXT_SQLITE_HEADER)
    }

    /// Removes the database and its companions, ignoring files that are not there.
    pub fn remove_database_files(&self) -> Result<(), StoreError> {
        for path in self.database_files() {
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(StoreError::Io {
                        context: format!("removing {}", path.display()),
                        source: error,
                    })
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_are_named_by_suffixing_the_database_path() {
        let paths = StorePaths::new(Path::new("/data"));
        let [db, wal, shm] = paths.database_files();
        assert_eq!(db, Path::new("/data/store.db"));
        assert_eq!(wal, Path::new("/data/store.db-wal"));
        assert_eq!(shm, Path::new("/data/store.db-shm"));
        assert_eq!(paths.config, Path::new("/data/store.json"));
    }

    #[test]
    fn an_empty_database_file_counts_as_absent_and_a_plain_header_as_plaintext() {
        let dir = tempfile::tempdir().unwrap();
        let paths = StorePaths::new(dir.path());
        assert!(!paths.database_exists().unwrap());
        fs::write(&paths.database, b"").unwrap();
        assert!(!paths.database_exists().unwrap());
        assert!(!paths.database_is_plaintext().unwrap());
        fs::write(&paths.database, b"SQLite format 3\0rest of a page").unwrap();
        assert!(paths.database_exists().unwrap());
        assert!(paths.database_is_plaintext().unwrap());
        fs::write(&paths.database, [0x5au8; 64]).unwrap();
        assert!(!paths.database_is_plaintext().unwrap());
    }
}
