//! Businesses, staff and app installs against the vendor's lifecycle reference, `app_host`
//! resolved as the vendor documents it, and an app launch with the trace of what the app
//! did afterwards (played here over HTTP by the test, in the app's place).

use crate::support::{assert_same_shape, query_param, start, Running};
use intandem_sandbox::{browse, Person, SandboxInfo};
use serde_json::{json, Value};

fn lifecycle_reference() -> Value {
    serde_json::from_str(include_str!(
        "../../../../vendor-reference/lifecycle-examples.json"
    ))
    .unwrap()
}

fn example(path: &str, method: &str, status: &str) -> Value {
    lifecycle_reference()["paths"][path][method]["responses"][status]["content"]["application/json"]
        ["example"]
        .clone()
}

fn first_business(info: &SandboxInfo) -> (&str, &str, &str) {
    let business = &info.businesses[0];
    let owner = business.staff.iter().find(|s| s.role == "owner").unwrap();
    (&business.uid, &owner.uid, &owner.email)
}

#[tokio::test]
async fn businesses_and_staff_answer_with_the_references_statuses_and_shapes() {
    let running = start().await;
    let token = running.token();
    let info = running.info().clone();

    let listed = running.get("/platform/v1/businesses", &token).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert_same_shape(
        &listed.json(),
        &example("/platform/v1/businesses", "get", "200"),
        "GET businesses",
    );
    let uids: Vec<String> = listed.json()["data"]["businesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    for seeded in &info.businesses {
        assert!(uids.contains(&seeded.uid), "{} listed", seeded.name);
    }
    let others = running
        .get("/platform/v1/businesses", &running.other_token())
        .await
        .json();
    for seeded in &info.businesses {
        assert!(
            !others.to_string().contains(&seeded.uid),
            "another directory's businesses are not listed to it"
        );
    }

    let (business, owner, email) = first_business(&info);
    let read = running
        .get(&format!("/platform/v1/businesses/{business}"), &token)
        .await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_same_shape(
        &read.json(),
        &example("/platform/v1/businesses/{business_uid}", "get", "200"),
        "GET business",
    );
    let shown = &read.json()["data"]["business"];
    assert_eq!(shown["admin_account"]["staff_uid"], owner);
    assert_eq!(shown["admin_account"]["email"], email);
    assert_eq!(
        shown["meta"]["auth_token"],
        Value::Null,
        "no business token is handed out with a read"
    );
    let other = running
        .get(
            &format!("/platform/v1/businesses/{business}"),
            &running.other_token(),
        )
        .await;
    assert_eq!(
        other.status, 404,
        "another directory's business does not exist for it"
    );

    let staff = running
        .get(
            &format!("/platform/v1/businesses/{business}/staffs"),
            &token,
        )
        .await;
    assert_eq!(staff.status, 200);
    assert_same_shape(
        &staff.json(),
        &example(
            "/platform/v1/businesses/{business_uid}/staffs",
            "get",
            "200",
        ),
        "GET staffs",
    );
    assert!(staff.json()["data"]["staff"].as_array().unwrap().len() >= 2);

    let path = format!("/platform/v1/businesses/{business}/staffs");
    let missing = running
        .post(&path, &token, json!({"email": "x@example.com"}))
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["message"], "staff parameters are missing");
    let bad = running
        .post(
            &path,
            &token,
            json!({"staff": {"email": "nope", "role": "boss"}}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json()["data"],
        json!([
            "staff.email must be valid",
            "staff.display_name is a mandatory field",
            "staff.role must be valid"
        ])
    );
    let taken = running
        .post(
            &path,
            &token,
            json!({"staff": {"email": email, "display_name": "Twin"}}),
        )
        .await;
    assert_eq!(taken.json()["data"], json!(["staff.email already in use"]));
    let created = running
        .post(
            &path,
            &token,
            json!({"staff": {"email": "new.staff@example.com", "display_name": "New Staff", "role": "manager"}}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert_eq!(created.json()["data"]["staff"][0]["role"], "manager");

    let new_business = running
        .post(
            "/platform/v1/businesses",
            &token,
            json!({"admin_account": {"email": "owner@new.example.com", "password": "opensesame"}, "business": {"name": "New Studio"}}),
        )
        .await;
    assert_eq!(new_business.status, 200, "{}", new_business.text);
    assert_eq!(
        new_business.json()["data"]["business"]["business"]["name"],
        "New Studio"
    );
    let again = running
        .post(
            "/platform/v1/businesses",
            &token,
            json!({"admin_account": {"email": "owner@new.example.com"}}),
        )
        .await;
    assert_eq!(again.status, 400);
    assert_eq!(
        again.json()["message"],
        "admin_account.email already in use"
    );
}

async fn install(running: &Running, business: &str, app: &str) -> crate::support::Answer {
    running
        .post(
            "/v3/apps/business_app_installs",
            &running.token(),
            json!({"business_uid": business, "app_code_name": app}),
        )
        .await
}

#[tokio::test]
async fn installs_use_the_v3_envelope_and_refuse_unknown_or_blocked_businesses() {
    let running = start().await;
    let info = running.info().clone();
    let (business, _, _) = first_business(&info);
    running
        .create_app(json!({"name": "Installable", "app_code_name": "installable", "redirect_uri": "https://i.example/app"}))
        .await;
    let created = install(&running, business, "installable").await;
    assert_eq!(created.status, 201, "{}", created.text);
    let body = created.json();
    assert_eq!(body["success"], true);
    let uid = body["data"]["uid"].as_str().unwrap().to_owned();
    for key in [
        "uid",
        "business_uid",
        "app_code_name",
        "created_at",
        "updated_at",
    ] {
        assert!(body["data"].get(key).is_some(), "{key} in {body}");
    }
    let listed = running
        .get(
            &format!(
                "/v3/apps/business_app_installs?business_uid={business}&app_code_name=installable"
            ),
            &running.token(),
        )
        .await;
    assert_eq!(
        listed.json()["data"]["business_app_installs"][0]["uid"],
        uid.as_str()
    );
    let read = running
        .get(
            &format!("/v3/apps/business_app_installs/{uid}"),
            &running.token(),
        )
        .await;
    assert_eq!(read.status, 200);

    let blocked = info.businesses.iter().find(|b| b.blocked).unwrap();
    let refused = install(&running, &blocked.uid, "installable").await;
    assert_eq!(refused.status, 422);
    assert!(refused.text.contains("blocked"), "{}", refused.text);
    let unknown = install(&running, business, "nosuchapp").await;
    assert_eq!(unknown.status, 422);
    assert_eq!(
        unknown.json()["message"],
        "business_uid or app_code_name not found"
    );
    let foreign = running
        .post(
            "/v3/apps/business_app_installs",
            &running.other_token(),
            json!({"business_uid": business, "app_code_name": "installable"}),
        )
        .await;
    assert_eq!(
        foreign.status, 422,
        "another directory's business is not found"
    );

    let deleted = running
        .call(
            reqwest::Method::DELETE,
            &format!("/v3/apps/business_app_installs/{uid}"),
            Some(&running.token()),
            None,
        )
        .await;
    assert_eq!(deleted.status, 200);
    let gone = running
        .get(
            &format!("/v3/apps/business_app_installs/{uid}"),
            &running.token(),
        )
        .await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn a_launch_signs_the_staff_member_in_sends_the_browser_to_app_host_and_traces_the_flow() {
    let running = start().await;
    let info = running.info().clone();
    let (business, owner_uid, owner_email) = first_business(&info);
    let owner_password = info.businesses[0]
        .staff
        .iter()
        .find(|s| s.uid == owner_uid)
        .unwrap()
        .password
        .clone();
    // The app lives on a port nothing listens on: the browser stops at its door.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let app_base = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let created = running
        .create_app(json!({
            "name": "Launched app",
            "app_code_name": "launched",
            "redirect_uri": format!("{app_base}/app"),
            "url_params": ["brand_host", "business_uid", "staff_uid", "staff_role", "language"],
        }))
        .await;
    let callback = format!("{app_base}/callback");
    let update = running
        .put(
            "/platform/v1/apps/launched",
            &running.token(),
            json!({"oauth_redirect_uris": [callback]}),
        )
        .await;
    assert_eq!(update.status, 200, "{}", update.text);
    let admin = running.sandbox.admin();

    let refused = admin
        .create_launch("launched", business, owner_uid)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("not installed"), "{refused}");
    assert_eq!(install(&running, business, "launched").await.status, 201);
    let launch = admin
        .create_launch("launched", business, owner_uid)
        .await
        .unwrap();
    let brand_host = url::Url::parse(&info.brand_url).unwrap();
    let brand_host = format!(
        "{}:{}",
        brand_host.host_str().unwrap(),
        brand_host.port().unwrap()
    );
    for (param, value) in [
        ("brand_host", brand_host.as_str()),
        ("business_uid", business),
        ("staff_uid", owner_uid),
        ("staff_role", "owner"),
        ("language", "en"),
    ] {
        assert_eq!(
            query_param(&launch.app_host, param).as_deref(),
            Some(value),
            "{param}"
        );
    }
    let person = Person {
        email: owner_email,
        password: &owner_password,
        approve: true,
    };
    let opened = browse(&launch.launch_url, &person).await;
    assert_eq!(
        opened.visited.last().unwrap().as_str(),
        launch.app_host,
        "signed in, the launch page sent the browser to app_host: {opened:?}"
    );

    // The test plays the app: authorize on the brand host, then the back end's exchange.
    let client_id = created["client_id"].as_str().unwrap();
    let secret = created["client_secret"].as_str().unwrap();
    let authorize = format!(
        "{}/app/oauth/authorize?response_type=code&client_id={client_id}&redirect_uri={}&state=short",
        info.brand_url,
        url::form_urlencoded::byte_serialize(callback.as_bytes()).collect::<String>()
    );
    let flow = browse(&authorize, &person).await;
    let back = flow.visited.last().unwrap().to_string();
    let code = query_param(&back, "code").expect("the browser came back with a code");
    let exchanged = running
        .call(
            reqwest::Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "authorization_code", "code": code, "client_id": client_id, "client_secret": secret, "redirect_uri": callback})),
        )
        .await;
    assert_eq!(exchanged.status, 200, "{}", exchanged.text);
    let access = exchanged.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(running.get("/oauth/userinfo", &access).await.status, 200);
    assert_eq!(running.get("/platform/v1/apps", &access).await.status, 201);

    let trace = admin.launch_trace(&launch.launch_id).await.unwrap();
    let kinds: Vec<&str> = trace["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "login_shown",
            "launched",
            "authorize",
            "authorize",
            "decision",
            "code_issued",
            "exchange",
            "userinfo",
            "api_call"
        ],
        "{trace}"
    );
    let authorize = &trace["events"][3];
    assert_eq!(authorize["host"], brand_host.as_str());
    assert_eq!(authorize["redirect_uri_registered"], true);
    assert_eq!(authorize["state"]["chars"], 5);
    assert_eq!(authorize["outcome"], "consent");
    let exchange = &trace["events"][6];
    assert_eq!(exchange["outcome"], "ok");
    assert_eq!(exchange["same_redirect_uri"], true);
    assert_eq!(exchange["reused"], false);
    assert!(exchange["code_age_secs"].as_i64().unwrap() <= 1);

    // The console's probe: a fresh code for the same user and redirect URI.
    let probe = admin.launch_probe(&launch.launch_id).await.unwrap();
    assert_eq!(probe["redirect_uri"], callback.as_str());
    let probe_code = probe["code"].as_str().unwrap();
    let replay = running
        .call(
            reqwest::Method::POST,
            "/oauth/token",
            None,
            Some(json!({"grant_type": "authorization_code", "code": probe_code, "client_id": client_id, "client_secret": secret, "redirect_uri": callback})),
        )
        .await;
    assert_eq!(replay.status, 200);
    let trace = admin.launch_trace(&launch.launch_id).await.unwrap();
    let last = trace["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "exchange");
    assert_eq!(last["probe"], true);
}
