//! `GET /platform/v1/directory/branding` → 200 `{"data":{colors,logo,name,uid},"success":true}`
//! for the caller's directory (staff and directory tokens; the internal token gets the
//! brand host's directory). `host`, when given, must be that directory's brand host.

use crate::http::api_error::ApiError;
use crate::http::bearer::Principal;
use crate::http::views;
use crate::platform::Platform;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

pub async fn read(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let directory_uid = match &principal {
        Principal::Directory { directory_uid } | Principal::Staff { directory_uid, .. } => {
            directory_uid.clone()
        }
        Principal::Internal => platform.read(|state| state.identity.directory_uid.clone()),
        other => return Err(other.not_allowed("directory branding", "staff and directory")),
    };
    let host = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(key, value)| key == "host" && !value.is_empty())
        .map(|(_, value)| value.into_owned());
    let data = platform.read(|state| {
        // Only the first directory has a whitelabel host in the sandbox: the brand URL's.
        let brand_host = (directory_uid == state.identity.directory_uid)
            .then_some(platform.urls.brand_host.as_str());
        if let Some(host) = &host {
            if brand_host != Some(host.as_str()) {
                return Err(ApiError::NotFound(format!(
                    "No directory branding for host {host:?}"
                )));
            }
        }
        state
            .directory(&directory_uid)
            .map(views::branding)
            .ok_or_else(|| ApiError::NotFound("Resource not found".into()))
    })?;
    Ok((StatusCode::OK, Json(json!({"data": data, "success": true}))).into_response())
}
