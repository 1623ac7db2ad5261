//! Shared helpers for the store's integration tests (`tests/store_*.rs`).
#![allow(dead_code)] // each test file uses a different subset

use std::path::Path;
use std::sync::Arc;

use intandem_core::platform::AppCodeName;
use intandem_core::store::{
    AppRecord, Keyring, NewCredentials, NewProfile, Profile, ProfileKind, Store, Unlock,
};
use intandem_core::Secret;
use serde_json::json;

pub const PASSPHRASE: &str = "correct horse battery staple";

/// Values that must never appear in the database files. Long and unusual, so a
/// match cannot be a coincidence.
pub const CANARY_DIRECTORY_TOKEN: &str = "canary-directory-token-5b1f0c9e7a3d42e6";
pub const CANARY_CLIENT_SECRET: &str = "canary-client-secret-8e2a4c6f1d3b5079";
pub const CANARY_APP_TOKEN: &str = "canary-app-token-c47d19e28f6a3b50";
pub const CANARY_ACCESS_TOKEN: &str = "canary-access-token-0f9e8d7c6b5a4321";
pub const CANARY_VERIFIER: &str = "canary-pkce-verifier-a1b2c3d4e5f60718";

pub fn passphrase() -> Unlock {
    Unlock::Passphrase(Secret::new(PASSPHRASE))
}

pub fn mock_keyring() -> (Keyring, Arc<keyring_core::mock::Store>) {
    let store = keyring_core::mock::Store::new().expect("the mock keyring starts");
    (Keyring::with_store(store.clone()), store)
}

pub fn sandbox_profile(name: &str, token: &str) -> NewProfile {
    NewProfile {
        name: name.to_owned(),
        kind: ProfileKind::Sandbox,
        api_base: "http://127.0.0.1:4010/".parse().unwrap(),
        brand_url: "http://127.0.0.1:4011/".parse().unwrap(),
        directory_token: Secret::new(token),
        allow_insecure_http: false,
        sandbox_admin_token: None,
    }
}

/// A store created with a passphrase, holding one current profile.
pub async fn passphrase_store_with_profile(dir: &Path) -> (Store, Profile) {
    let store = Store::create(dir, passphrase())
        .await
        .expect("create the store");
    let profile = store
        .profiles()
        .add(sandbox_profile("Sandbox", CANARY_DIRECTORY_TOKEN), "test")
        .await
        .expect("add a profile");
    let profile = store.profiles().set_current(profile.id).await.unwrap();
    (store, profile)
}

/// A code name as the platform would have assigned it.
pub fn code(name: &str) -> AppCodeName {
    AppCodeName::existing(name).expect("a valid code name")
}

pub fn app_record(code_name: &str) -> AppRecord {
    AppRecord {
        app_code_name: code(code_name),
        app_id: Some(format!("uid-{code_name}")),
        name: Some(format!("App {code_name}")),
        entity: json!({
            "uid": format!("uid-{code_name}"),
            "app_code_name": code_name,
            "name": format!("App {code_name}"),
            "redirect_uri": "https://example.com/landing",
            "url_params": ["brand_host"],
            "oauth_redirect_uris": ["http://127.0.0.1/callback"],
            "trusted": false,
        }),
    }
}

/// The entity a create call returns: it carries the client secret.
pub fn created_app_record(code_name: &str) -> AppRecord {
    let mut record = app_record(code_name);
    record.entity["client_id"] = json!("client-id-123");
    record.entity["client_secret"] = json!(CANARY_CLIENT_SECRET);
    record
}

pub fn canary_credentials() -> NewCredentials {
    NewCredentials {
        client_id: "client-id-123".to_owned(),
        client_secret: Secret::new(CANARY_CLIENT_SECRET),
    }
}

/// Whether `needle` occurs in the file's bytes (a missing file contains nothing).
pub fn file_contains(path: &Path, needle: &str) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => bytes
            .windows(needle.len())
            .any(|window| window == needle.as_bytes()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
        Err(error) => panic!("reading {}: {error}", path.display()),
    }
}

/// The database and its WAL companions.
pub fn database_files(dir: &Path) -> [std::path::PathBuf; 3] {
    [
        dir.join("store.db"),
        dir.join("store.db-wal"),
        dir.join("store.db-shm"),
    ]
}

/// The keyring account the store at `dir` keeps its key under (from its key settings).
pub fn keyring_account(dir: &Path) -> String {
    match intandem_core::store::StoreConfigFile::read(&dir.join("store.json"))
        .unwrap()
        .expect("the store wrote its key settings")
        .key
    {
        intandem_core::store::KeyConfig::Keyring { keyring_account } => keyring_account,
        other => panic!("not a keyring store: {other:?}"),
    }
}

/// The real Secret Service's entry for `account` (as the store names its entries).
#[cfg(target_os = "linux")]
pub fn os_entry(account: &str) -> keyring_core::Entry {
    use keyring_core::api::CredentialStoreApi;
    dbus_secret_service_keyring_store::Store::new()
        .unwrap()
        .build(Keyring::service_name(), account, None)
        .unwrap()
}
