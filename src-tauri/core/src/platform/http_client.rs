//! The start of every HTTP client the console builds: one TLS set-up, shared.
//!
//! A reqwest client on the system's OpenSSL reads and parses the system's CA bundle when it
//! is built (~40 ms on the 2-core bench machine), and the console builds a client per
//! command (each with its profile's own settings): an OAuth test's redirect-to-userinfo took
//! 45 ms instead of 2 (issue 21's benchmark). The TLS connector is built once, on first use,
//! and every client takes a clone of it (a reference-counted handle). It is the one reqwest
//! would build: certificate and host-name verification, SNI, the system's roots.

use std::sync::OnceLock;

/// `reqwest::Client::builder()` with the shared TLS connector in it.
pub(crate) fn builder() -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder();
    match shared_tls() {
        Some(tls) => builder.use_preconfigured_tls(tls.clone()),
        // OpenSSL could not start: reqwest tries again and reports it from `build`.
        None => builder,
    }
}

/// Builds the shared TLS connector now, if it is not built yet: the desktop app does it
/// on a spare thread at start-up, before its first platform call needs it.
pub fn warm() {
    let _ = shared_tls();
}

fn shared_tls() -> Option<&'static native_tls::TlsConnector> {
    static TLS: OnceLock<Option<native_tls::TlsConnector>> = OnceLock::new();
    TLS.get_or_init(|| native_tls::TlsConnector::new().ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::x509::extension::SubjectAlternativeName;
    use openssl::x509::{X509NameBuilder, X509};
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// A certificate for 127.0.0.1 that nobody vouches for, and its key (PEM).
    fn self_signed() -> (Vec<u8>, Vec<u8>) {
        let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let mut name = X509NameBuilder::new().unwrap();
        name.append_entry_by_text("CN", "127.0.0.1").unwrap();
        let name = name.build();
        let mut cert = X509::builder().unwrap();
        cert.set_version(2).unwrap();
        cert.set_subject_name(&name).unwrap();
        cert.set_issuer_name(&name).unwrap();
        cert.set_pubkey(&key).unwrap();
        cert.set_not_before(&Asn1Time::days_from_now(0).unwrap())
            .unwrap();
        cert.set_not_after(&Asn1Time::days_from_now(1).unwrap())
            .unwrap();
        let san = SubjectAlternativeName::new()
            .ip("127.0.0.1")
            .build(&cert.x509v3_context(None, None))
            .unwrap();
        cert.append_extension(san).unwrap();
        cert.sign(&key, MessageDigest::sha256()).unwrap();
        (
            cert.build().to_pem().unwrap(),
            key.private_key_to_pem_pkcs8().unwrap(),
        )
    }

    /// An HTTPS server on loopback with `cert`, answering 200 to whoever completes a
    /// handshake; its port.
    fn https_server(cert: &[u8], key: &[u8]) -> u16 {
        let identity = native_tls::Identity::from_pkcs8(cert, key).unwrap();
        let acceptor = native_tls::TlsAcceptor::new(identity).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Ok(mut tls) = acceptor.accept(stream) {
                    let mut request = [0u8; 4096];
                    let _ = tls.read(&mut request);
                    let _ = tls.write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok",
                    );
                }
            }
        });
        port
    }

    #[tokio::test]
    async fn clients_on_the_shared_tls_still_refuse_a_certificate_nobody_vouches_for() {
        let (cert, key) = self_signed();
        let port = https_server(&cert, &key);
        let url = format!("https://127.0.0.1:{port}/");
        for _ in 0..2 {
            let error = builder()
                .no_proxy()
                .build()
                .unwrap()
                .get(&url)
                .send()
                .await
                .expect_err("an untrusted certificate must end the call");
            let chain =
                std::iter::successors(Some(&error as &dyn std::error::Error), |e| e.source())
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join(": ");
            assert!(chain.contains("certificate verify failed"), "{chain}");
        }

        // The same server is reachable once its certificate is trusted: the refusal above
        // was the verification, not a broken server.
        let trusting = reqwest::Client::builder()
            .no_proxy()
            .add_root_certificate(reqwest::Certificate::from_pem(&cert).unwrap())
            .build()
            .unwrap();
        let answer = trusting.get(&url).send().await.unwrap();
        assert_eq!(answer.status(), 200);
    }

    #[test]
    fn every_client_shares_one_tls_connector() {
        let first = shared_tls().expect("OpenSSL starts") as *const _;
        let second = shared_tls().unwrap() as *const _;
        assert_eq!(first, second);
    }
}
