-- The request log: every attempt of every platform call a profile made, redacted before it
-- is kept (no token, secret or code is ever in it). The newest 2,000 per profile are kept.

CREATE TABLE request_log (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT,
    entry         TEXT    NOT NULL   -- JSON: the logged call (method, path, status, bodies…)
);
CREATE INDEX request_log_by_profile ON request_log (profile_id, id);
CREATE INDEX request_log_by_app ON request_log (profile_id, app_code_name, id);
