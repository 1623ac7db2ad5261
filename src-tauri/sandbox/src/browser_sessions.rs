//! Login sessions on the brand host, keyed by the session cookie: the CSRF token every
//! form carries, the logged-in user, and the authorization requests waiting for consent.
//! Kept in memory only; a restart logs everyone out, as a real deploy would.

use crate::ids;
use std::collections::HashMap;

pub const SESSION_COOKIE: &str = "intandem_sandbox_session";
const MAX_SESSIONS: usize = 10_000;

#[derive(Debug)]
pub struct BrowserSession {
    pub csrf_token: String,
    pub user_uid: Option<String>,
    pub pending: HashMap<String, PendingAuthorization>,
}

/// An authorize request that passed validation and waits for the user's decision.
#[derive(Clone, Debug)]
pub struct PendingAuthorization {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub scope: Option<String>,
    pub code_challenge: Option<String>,
}

#[derive(Default)]
pub struct BrowserSessions {
    sessions: HashMap<String, BrowserSession>,
}

impl BrowserSessions {
    /// The session for `cookie`, or a new one; returns its id and whether it is new.
    pub fn get_or_create(&mut self, cookie: Option<&str>) -> (String, bool) {
        if let Some(id) = cookie.filter(|id| self.sessions.contains_key(*id)) {
            return (id.to_string(), false);
        }
        if self.sessions.len() >= MAX_SESSIONS {
            // A test tool, not a login server: forgetting everyone beats growing forever.
            self.sessions.clear();
        }
        let id = ids::credential();
        self.sessions.insert(
            id.clone(),
            BrowserSession {
                csrf_token: ids::credential(),
                user_uid: None,
                pending: HashMap::new(),
            },
        );
        (id, true)
    }

    /// Logs `user_uid` in: the old session is replaced by a new one with a new id and a
    /// new CSRF token (so an id planted before login is worthless after it).
    pub fn log_in(&mut self, old_id: &str, user_uid: &str) -> String {
        self.sessions.remove(old_id);
        let (id, _) = self.get_or_create(None);
        if let Some(session) = self.sessions.get_mut(&id) {
            session.user_uid = Some(user_uid.to_string());
        }
        id
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut BrowserSession> {
        self.sessions.get_mut(id)
    }

    pub fn clear(&mut self) {
        self.sessions.clear();
    }
}
