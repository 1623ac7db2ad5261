//! The launch policy: a keyring store opens without a question; a passphrase store asks,
//! unless the passphrase was given up front; keyring-only never makes a passphrase store.

use intandem_core::store::{
    open_with_passphrase, open_with_policy, open_without_prompt_using, AccessPolicy, KeySource,
    Keyring, Store, StoreAccess, StoreState, Unlock,
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

#[tokio::test]
async fn a_passphrase_given_up_front_makes_a_passphrase_store_and_later_opens_it_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = Secret::new("correct horse battery");
    let given = || AccessPolicy {
        passphrase: Some(passphrase.clone()),
        keyring_only: false,
    };
    // The keyring is reachable: the given passphrase is the explicit choice over it.
    let StoreAccess::Open(store) = open_with_policy(dir.path(), mock_keyring(), given())
        .await
        .unwrap()
    else {
        panic!("a given passphrase needs no question");
    };
    assert_eq!(store.key_source(), KeySource::Passphrase);
    store.close().await;
    let StoreAccess::Open(reopened) = open_with_policy(dir.path(), mock_keyring(), given())
        .await
        .unwrap()
    else {
        panic!("a given passphrase opens its store without a question");
    };
    reopened.integrity_check().await.unwrap();
    reopened.close().await;
    let wrong = open_with_policy(
        dir.path(),
        mock_keyring(),
        AccessPolicy {
            passphrase: Some(Secret::new("not the passphrase")),
            keyring_only: false,
        },
    )
    .await;
    assert_eq!(wrong.err().map(|e| e.code()), Some("wrong_key"));
}

#[tokio::test]
async fn keyring_only_makes_a_keyring_store_and_never_opens_a_passphrase_store_by_itself() {
    let fresh = tempfile::tempdir().unwrap();
    let keyring_only = || AccessPolicy {
        passphrase: None,
        keyring_only: true,
    };
    let StoreAccess::Open(store) = open_with_policy(fresh.path(), mock_keyring(), keyring_only())
        .await
        .unwrap()
    else {
        panic!("keyring-only makes a keyring store");
    };
    assert_eq!(store.key_source(), KeySource::Keyring);

    let protected = tempfile::tempdir().unwrap();
    Store::create(
        protected.path(),
        Unlock::Passphrase(Secret::new("correct horse battery")),
    )
    .await
    .unwrap()
    .close()
    .await;
    let access = open_with_policy(protected.path(), mock_keyring(), keyring_only())
        .await
        .unwrap();
    assert!(
        matches!(access, StoreAccess::NeedsPassphrase(ref prompt) if !prompt.first_run),
        "a passphrase store still needs its passphrase (the CLI refuses under keyring-only)"
    );
}
