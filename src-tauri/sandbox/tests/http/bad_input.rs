//! Bad input never panics and never answers 500: malformed JSON is 400, an oversized body
//! 413, a wrong content type 415, all vendor-shaped; a request for another host name
//! (DNS rebinding) is refused with 421.

use crate::support::start;
use reqwest::header::CONTENT_TYPE;
use serde_json::json;

async fn raw_post(
    running: &crate::support::Running,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (u16, String) {
    let mut request = running
        .http
        .post(running.url(path))
        .bearer_auth(running.token())
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn assert_vendor_error(text: &str) {
    let body: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    assert_eq!(body["status"], "Error", "{text}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{text}"
    );
}

#[tokio::test]
async fn malformed_json_is_a_vendor_shaped_400() {
    let running = start().await;
    for body in [&b"{\"name\": "[..], b"", b"[1, 2]", b"\xff\xfe", b"null"] {
        let (status, text) = raw_post(
            &running,
            "/platform/v1/apps",
            Some("application/json"),
            body.to_vec(),
        )
        .await;
        assert_eq!(status, 400, "{body:?}: {text}");
        assert_vendor_error(&text);
    }
}

#[tokio::test]
async fn an_oversized_body_is_a_vendor_shaped_413() {
    let running = start().await;
    let mut body = b"{\"name\": \"".to_vec();
    body.extend(std::iter::repeat_n(b'a', 300 * 1024));
    body.extend(b"\"}");
    let (status, text) = raw_post(
        &running,
        "/platform/v1/apps",
        Some("application/json"),
        body,
    )
    .await;
    assert_eq!(status, 413, "{text}");
    assert_vendor_error(&text);
}

#[tokio::test]
async fn a_wrong_content_type_is_a_vendor_shaped_415() {
    let running = start().await;
    let body = br#"{"name": "Typed", "redirect_uri": "https://a.example/x"}"#.to_vec();
    for content_type in [
        Some("text/plain"),
        None,
        Some("application/x-www-form-urlencoded"),
    ] {
        let (status, text) =
            raw_post(&running, "/platform/v1/apps", content_type, body.clone()).await;
        assert_eq!(status, 415, "{content_type:?}: {text}");
        assert_vendor_error(&text);
    }
    let (status, _) = raw_post(
        &running,
        "/platform/v1/apps",
        Some("application/json; charset=utf-8"),
        body,
    )
    .await;
    assert_eq!(status, 201, "a charset parameter is fine");

    let (status, text) =
        raw_post(&running, "/oauth/token", Some("text/plain"), b"x".to_vec()).await;
    assert_eq!(status, 415);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["error"],
        "invalid_request"
    );
}

#[tokio::test]
async fn wrongly_typed_fields_are_422_naming_the_field() {
    let running = start().await;
    let cases = [
        (
            json!({"name": 12, "redirect_uri": "https://a.example/x"}),
            "name",
        ),
        (
            json!({"name": "Typed", "redirect_uri": "https://a.example/x", "url_params": "brand_host"}),
            "url_params",
        ),
        (
            json!({"name": "Typed", "redirect_uri": "https://a.example/x", "open_in_new_tab": "maybe"}),
            "open_in_new_tab",
        ),
        (
            json!({"name": "Typed", "redirect_uri": ["https://a.example/x"]}),
            "redirect_uri",
        ),
    ];
    for (body, field) in cases {
        let answer = running
            .post("/platform/v1/apps", &running.token(), body)
            .await;
        assert_eq!(answer.status, 422, "{}", answer.text);
        assert!(
            answer.json()["message"]
                .as_str()
                .unwrap()
                .starts_with(field),
            "{}",
            answer.text
        );
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_are_vendor_shaped() {
    let running = start().await;
    let missing = running.get("/platform/v1/nothing", &running.token()).await;
    assert_eq!(missing.status, 404);
    assert_vendor_error(&missing.text);
    let method = running
        .call(
            reqwest::Method::DELETE,
            "/platform/v1/apps",
            Some(&running.token()),
            None,
        )
        .await;
    assert_eq!(method.status, 405);
    assert_vendor_error(&method.text);
}

#[tokio::test]
async fn odd_paths_and_headers_never_cause_a_500() {
    let running = start().await;
    let token = running.token();
    for path in [
        "/platform/v1/apps/%FF%FE",
        "/platform/v1/apps/%00",
        "/platform/v1/apps/a%2Fb",
        "/app/oauth/authorize?%zz=%ff",
    ] {
        let answer = running.get(path, &token).await;
        assert!(answer.status < 500, "{path}: {}", answer.status);
    }
    let weird = running
        .http
        .get(running.url("/platform/v1/apps"))
        .header(
            "authorization",
            reqwest::header::HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(weird.status(), 401);
}

#[tokio::test]
async fn a_request_for_another_host_name_is_refused_before_any_route() {
    let running = start().await;
    let port = url::Url::parse(&running.info().base_url)
        .unwrap()
        .port()
        .unwrap();
    let send = |host: String| {
        let running = &running;
        async move {
            let answer = running
                .http
                .get(running.url("/platform/v1/apps"))
                .header(reqwest::header::HOST, host)
                .bearer_auth(running.token())
                .send()
                .await
                .unwrap();
            let status = answer.status().as_u16();
            (status, answer.text().await.unwrap())
        }
    };
    let (status, text) = send("evil.example".to_owned()).await;
    assert_eq!(status, 421, "{text}");
    assert!(
        !text.contains("app_code_name"),
        "no data for a foreign name: {text}"
    );
    let (status, _) = send(format!("evil.example:{port}")).await;
    assert_eq!(status, 421);
    for own in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, text) = send(own.clone()).await;
        assert_eq!(status, 201, "{own}: {text}");
    }
    let log = running.sandbox.admin().request_log().await.unwrap();
    assert!(
        log.iter().all(|entry| entry.status != 421),
        "refused requests are not logged as the platform's"
    );
}
