//! The brand host's HTML: the login page, the consent page and the error page. Small,
//! self-contained (inline CSS, no external resources), with stable element ids for
//! automation: `#email`, `#password`, `#login`, `#approve`, `#deny`, and `#error` on the
//! error page. Every interpolated value is HTML-escaped.

use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, X_FRAME_OPTIONS};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The brand's look: the directory name and its primary colour.
pub struct Brand<'a> {
    pub name: &'a str,
    pub primary_color: &'a str,
}

const STYLE: &str = "\
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;\
background:#f3f4f7;color:#1d2433}header{padding:14px 24px;color:#fff;font-weight:600}\
main{max-width:420px;margin:48px auto;background:#fff;border-radius:10px;padding:28px;\
box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:20px;margin:0 0 6px}p.lead{margin:0 0 20px;color:#555}\
label{display:block;font-weight:600;margin:14px 0 4px}input{width:100%;padding:9px 10px;\
border:1px solid #c5cad3;border-radius:6px;font:inherit}button{font:inherit;font-weight:600;\
padding:10px 16px;border-radius:6px;border:1px solid transparent;cursor:pointer}\
.primary{color:#fff;width:100%;margin-top:20px}.row{display:flex;gap:10px;margin-top:20px}\
.row button{flex:1}.secondary{background:#fff;border-color:#c5cad3;color:#1d2433}\
.error{background:#fdecea;color:#8a1c12;border-radius:6px;padding:10px 12px;margin:0 0 14px}\
ul{padding-left:20px}code{background:#f0f1f4;padding:1px 4px;border-radius:4px;word-break:break-all}\
small{color:#666}";

fn document(title: &str, brand: &Brand<'_>, body: &str) -> String {
    let color = escape(brand.primary_color);
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} · {brand_name}</title><style>{STYLE}\
         .brand{{background:{color}}}.primary{{background:{color}}}</style></head>\
         <body><header class=\"brand\" id=\"brand\">{brand_name}</header><main>{body}</main></body></html>",
        title = escape(title),
        brand_name = escape(brand.name),
    )
}

/// Wraps a page with the headers every brand page carries: never cached, never framed.
pub fn page_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (CACHE_CONTROL, "no-store"),
            (X_FRAME_OPTIONS, "DENY"),
            (
                CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ),
        ],
        Html(html),
    )
        .into_response()
}

pub struct LoginPage<'a> {
    pub brand: Brand<'a>,
    pub app_name: &'a str,
    pub csrf_token: &'a str,
    /// The authorize query to resume after login.
    pub return_to: &'a str,
    /// Or the app launch to resume (`/app/launch/{id}`).
    pub launch: Option<&'a str>,
    pub email: &'a str,
    pub error: Option<&'a str>,
}

impl LoginPage<'_> {
    pub fn render(&self) -> String {
        let error = self
            .error
            .map(|e| {
                format!(
                    "<p class=\"error\" id=\"error\" role=\"alert\">{}</p>",
                    escape(e)
                )
            })
            .unwrap_or_default();
        let body = format!(
            "<h1>Sign in to {brand}</h1><p class=\"lead\">to continue to <strong id=\"app-name\">{app}</strong></p>\
             {error}<form method=\"post\" action=\"/app/oauth/login\" id=\"login-form\">\
             <input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"return_to\" value=\"{return_to}\">{launch}\
             <label for=\"email\">Email</label>\
             <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"{email}\">\
             <label for=\"password\">Password</label>\
             <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
             <button id=\"login\" class=\"primary\" type=\"submit\">Sign in</button></form>",
            brand = escape(self.brand.name),
            app = escape(self.app_name),
            csrf = escape(self.csrf_token),
            return_to = escape(self.return_to),
            launch = self
                .launch
                .map(|id| format!(
                    "<input type=\"hidden\" name=\"launch\" value=\"{}\">",
                    escape(id)
                ))
                .unwrap_or_default(),
            email = escape(self.email),
        );
        document("Sign in", &self.brand, &body)
    }
}

pub struct ConsentPage<'a> {
    pub brand: Brand<'a>,
    pub app_name: &'a str,
    pub business_name: &'a str,
    pub user_email: &'a str,
    pub scope: Option<&'a str>,
    pub csrf_token: &'a str,
    pub request_id: &'a str,
}

impl ConsentPage<'_> {
    pub fn render(&self) -> String {
        let scopes = match self.scope.map(str::split_whitespace) {
            Some(scopes) => scopes
                .map(|s| format!("<li><code>{}</code></li>", escape(s)))
                .collect::<String>(),
            None => String::new(),
        };
        let scopes = if scopes.is_empty() {
            "<li>Read your business details and act on its behalf</li>".to_string()
        } else {
            scopes
        };
        let body = format!(
            "<h1><span id=\"app-name\">{app}</span> wants access to {business}</h1>\
             <p class=\"lead\">Signed in as {email}</p><p>It will be able to:</p><ul id=\"scopes\">{scopes}</ul>\
             <form method=\"post\" action=\"/app/oauth/consent\" id=\"consent-form\">\
             <input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"request_id\" value=\"{request}\">\
             <div class=\"row\"><button id=\"deny\" class=\"secondary\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
             <button id=\"approve\" class=\"primary\" style=\"margin-top:0\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button></div>\
             </form>",
            app = escape(self.app_name),
            business = escape(self.business_name),
            email = escape(self.user_email),
            csrf = escape(self.csrf_token),
            request = escape(self.request_id),
        );
        document("Authorize", &self.brand, &body)
    }
}

/// An error shown to the user instead of redirecting anywhere.
#[derive(Debug)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub title: String,
    pub detail: String,
    /// Extra lines, shown as a list of `code` items (e.g. the registered redirect URIs).
    pub items: Vec<String>,
    pub brand_name: String,
}

impl ErrorPage {
    pub fn new(status: StatusCode, title: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            status,
            title: title.into(),
            detail: detail.into(),
            items: Vec::new(),
            brand_name: "inTandem".into(),
        }
    }

    pub fn with_brand(mut self, brand_name: &str) -> Self {
        self.brand_name = brand_name.to_string();
        self
    }

    pub fn with_items(mut self, heading_items: Vec<String>) -> Self {
        self.items = heading_items;
        self
    }

    pub fn render(&self) -> String {
        let items = if self.items.is_empty() {
            String::new()
        } else {
            let list: String = self
                .items
                .iter()
                .map(|i| format!("<li><code>{}</code></li>", escape(i)))
                .collect();
            format!("<ul id=\"details\">{list}</ul>")
        };
        let body = format!(
            "<h1>{title}</h1><p class=\"error\" id=\"error\" role=\"alert\">{detail}</p>{items}\
             <p><small>You were not redirected. Close this window and start again from the app.</small></p>",
            title = escape(&self.title),
            detail = escape(&self.detail),
        );
        let brand = Brand {
            name: &self.brand_name,
            primary_color: "#374766",
        };
        document(&self.title, &brand, &body)
    }
}

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        page_response(self.status, self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markup_and_attribute_breaks() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn the_login_page_has_the_automation_ids_the_brand_name_and_the_csrf_token() {
        let html = LoginPage {
            brand: Brand {
                name: "Tandem <Sandbox>",
                primary_color: "#123456",
            },
            app_name: "My app",
            csrf_token: "tok123",
            return_to: "client_id=a&state=b",
            launch: None,
            email: "",
            error: None,
        }
        .render();
        for needle in [
            "id=\"email\"",
            "id=\"password\"",
            "id=\"login\"",
            "name=\"csrf_token\" value=\"tok123\"",
            "Tandem &lt;Sandbox&gt;",
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }
        assert!(html.contains("value=\"client_id=a&amp;state=b\""));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "pages load nothing external"
        );
    }

    #[test]
    fn the_consent_page_has_approve_and_deny_buttons() {
        let html = ConsentPage {
            brand: Brand {
                name: "B",
                primary_color: "#000",
            },
            app_name: "App",
            business_name: "Biz",
            user_email: "a@b.c",
            scope: Some("openid business/clients"),
            csrf_token: "c",
            request_id: "r",
        }
        .render();
        assert!(html.contains("id=\"approve\"") && html.contains("id=\"deny\""));
        assert!(html.contains("<code>business/clients</code>"));
    }
}
