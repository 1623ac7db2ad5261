//! The launch policy: a keyring store opens without a question; a passphrase store asks.

use intandem_core::store::{
    open_with_passphrase, open_without_prompt_using, KeySource, Keyring, Store, StoreAccess,
    StoreState, Unlock,
};
use intandem_core::Secret;

fn mock_keyring() -> Keyring {
    Keyring::with_store(keyring_core::mock::Store::new().expect("the mock keyring starts"))
}

#[tokio::test]
async fn a_first_run_with_a_keyring_creates_the_store_without_asking_and_reopens_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let keyring = mock_keyring();
    let StoreAccess::Open(store) = open_without_prompt_using(dir.path(), keyring.clone())
        .await
        .unwrap()
    else {
        panic!("a reachable keyring needs no passphrase");
    };
    assert_eq!(store.key_source(), KeySource::Keyring);
    store.close().await;
    assert_eq!(
        Store::inspect(dir.path()).unwrap(),
        StoreState::Locked {
            key_source: KeySource::Keyring
        }
    );
    let StoreAccess::Open(reopened) = open_without_prompt_using(dir.path(), keyring)
        .await
        .unwrap()
    else {
        panic!("a keyring store reopens without a question");
    };
    reopened.integrity_check().await.unwrap();
}

#[tokio::test]
async fn a_passphrase_store_asks_for_its_passphrase_and_opens_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = Secret::new("correct horse battery");
    Store::create(dir.path(), Unlock::Passphrase(passphrase.clone()))
        .await
        .unwrap()
        .close()
        .await;
    let access = open_without_prompt_using(dir.path(), mock_keyring())
        .await
        .unwrap();
    let StoreAccess::NeedsPassphrase(prompt) = access else {
        panic!("a passphrase store must ask");
    };
    assert!(!prompt.first_run);
    let wrong = open_with_passphrase(dir.path(), Secret::new("wrong passphrase!"), false).await;
    assert_eq!(wrong.unwrap_err().code(), "wrong_key");
    let store = open_with_passphrase(dir.path(), passphrase, false)
        .await
        .unwrap();
    assert_eq!(store.key_source(), KeySource::Passphrase);
}
