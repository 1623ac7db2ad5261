//! A platform that answers with 100 MB: the CLI refuses it in one sentence and stays
//! small. Alone in its own test binary, so the peak RSS of this process's children
//! (`getrusage(RUSAGE_CHILDREN)`) is the CLI's own.

use std::time::Duration;

use assert_cmd::Command;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const HUNDRED_MB: usize = 100 * 1024 * 1024;

/// Answers every connection with a 100 MB JSON-looking body, chunked (no length given).
async fn flood() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut request = vec![0u8; 16 * 1024];
                let _ = socket.read(&mut request).await;
                let head = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\
                            Transfer-Encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let block = format!("{:x}\r\n{}\r\n", 64 * 1024, "7".repeat(64 * 1024));
                for _ in 0..HUNDRED_MB / (64 * 1024) {
                    if socket.write_all(block.as_bytes()).await.is_err() {
                        return;
                    }
                }
                let _ = socket.write_all(b"0\r\n\r\n").await;
            });
        }
    });
    base
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100_mb_answer_fails_in_one_sentence_and_the_cli_stays_under_150_mb() {
    let base = flood().await;
    let data_dir = tempfile::tempdir().unwrap();
    let mut command = Command::cargo_bin("intandem").unwrap();
    command
        .args([
            "profile",
            "add",
            "Flood",
            "--api-base",
            &base,
            "--brand-url",
            &base,
        ])
        .env("INTANDEM_DATA_DIR", data_dir.path())
        .env("INTANDEM_PASSPHRASE", "correct horse battery staple")
        .env_remove("INTANDEM_REQUIRE_KEYRING")
        .write_stdin("directory-token-for-the-flood-test\n")
        .timeout(Duration::from_secs(60));
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let sentence = stderr
        .lines()
        .find(|line| line.starts_with("intandem: "))
        .unwrap_or_else(|| panic!("no error sentence: {stderr}"));
    assert!(
        sentence.contains("past the 16.0 MiB") && sentence.contains("not saved"),
        "{sentence}"
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("intandem: "))
            .count(),
        1
    );

    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) },
        0
    );
    let peak_kib = unsafe { usage.assume_init() }.ru_maxrss;
    eprintln!("peak RSS of the CLI: {} MiB", peak_kib / 1024);
    assert!(peak_kib < 150 * 1024, "peak RSS {peak_kib} KiB");
}
