-- App launches ("Open app") and their verdicts, beside OAuth tests in an app's history; and
-- the sandbox's admin token, which a sandbox profile needs to read its launch traces.

ALTER TABLE profiles ADD COLUMN sandbox_admin_token TEXT;  -- (secret) sandbox profiles only

CREATE TABLE launch_runs (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT    NOT NULL,
    business_uid  TEXT    NOT NULL,
    staff_uid     TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT    NOT NULL,
    verdict       TEXT    NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail')),
    checks        TEXT    NOT NULL,                -- JSON: the checks, nothing secret
    notes         TEXT    NOT NULL DEFAULT '[]',   -- JSON: what was done on the way (an install…)
    sandbox       INTEGER NOT NULL CHECK (sandbox IN (0, 1))
);
CREATE INDEX launch_runs_by_app ON launch_runs (profile_id, app_code_name, id);
