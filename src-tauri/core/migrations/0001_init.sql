-- The console's local state, in one SQLCipher-encrypted file.
--
-- Columns marked (secret) hold values the Rust side only ever carries in `Secret`;
-- the file itself is encrypted, which is what protects them at rest. No other
-- column may hold a secret: JSON columns are redacted before they are written.
-- Timestamps are UTC RFC 3339 text with six fractional digits (text order = time order).

CREATE TABLE profiles (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('sandbox', 'production', 'custom')),
    api_base        TEXT    NOT NULL,
    brand_url       TEXT    NOT NULL,
    directory_token TEXT    NOT NULL,            -- (secret)
    token_tail      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    is_current      INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
);
-- At most one current profile.
CREATE UNIQUE INDEX profiles_one_current ON profiles (is_current) WHERE is_current = 1;

-- The apps of a profile as last listed or fetched from the platform.
CREATE TABLE apps_cache (
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT    NOT NULL,
    app_id        TEXT,
    name          TEXT,                          -- absent from some list entries
    json          TEXT    NOT NULL,              -- the entity as returned, secrets removed
    synced_at     TEXT    NOT NULL,
    PRIMARY KEY (profile_id, app_code_name)
) WITHOUT ROWID;

CREATE TABLE sync_state (
    profile_id      INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    last_synced_at  TEXT,                        -- the last sync that succeeded
    last_attempt_at TEXT    NOT NULL,
    last_error      TEXT                         -- NULL when the last attempt succeeded
);

-- Not tied to apps_cache: a sync that no longer lists an app must not take its
-- credentials with it.
CREATE TABLE app_credentials (
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT    NOT NULL,
    app_id        TEXT,
    client_id     TEXT    NOT NULL,
    client_secret TEXT    NOT NULL,              -- (secret)
    created_at    TEXT    NOT NULL,
    source        TEXT    NOT NULL CHECK (source IN ('created_here', 'imported')),
    PRIMARY KEY (profile_id, app_code_name)
) WITHOUT ROWID;

CREATE TABLE app_tokens (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT    NOT NULL,
    token         TEXT    NOT NULL,              -- (secret)
    token_tail    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX app_tokens_by_app ON app_tokens (profile_id, app_code_name);

CREATE TABLE oauth_runs (
    id            INTEGER PRIMARY KEY,
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT,
    outcome       TEXT    CHECK (outcome IN ('succeeded', 'failed', 'cancelled')),
    error         TEXT,                          -- what went wrong, for a failed run
    state         TEXT    NOT NULL,              -- (secret) the 256-bit state nonce
    pkce_verifier TEXT,                          -- (secret)
    redirect_uri  TEXT    NOT NULL,
    timeline_json TEXT    NOT NULL DEFAULT '[]', -- redacted by the OAuth flow
    access_token  TEXT,                          -- (secret)
    userinfo_json TEXT,
    CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX oauth_runs_by_app ON oauth_runs (profile_id, app_code_name, started_at);

-- Every change made through the console. Kept when its profile is removed, so
-- profile_id is not a foreign key and the profile's name is copied.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    profile_id    INTEGER,
    profile_name  TEXT,
    app_code_name TEXT,
    action        TEXT    NOT NULL,
    before_json   TEXT,                          -- never a secret
    after_json    TEXT                           -- never a secret
);
CREATE INDEX audit_log_by_profile ON audit_log (profile_id, id);
