-- A profile may point at a plain-http platform on another host only when the user opted in
-- (`--allow-insecure-http`, or the GUI's checkbox): the directory token and client secrets
-- then cross the network unencrypted. Loopback platforms (the sandbox) need no opt-in.
ALTER TABLE profiles ADD COLUMN allow_insecure_http INTEGER NOT NULL DEFAULT 0
    CHECK (allow_insecure_http IN (0, 1));
