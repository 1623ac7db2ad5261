-- Unsaved edits, per profile and app part: what a person typed into the console's page and
-- has not saved to the platform yet, kept so a page that dies or a console that is killed
-- loses nothing. A row exists only while the edit is unsaved. Nothing secret is kept here.

CREATE TABLE drafts (
    profile_id    INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    app_code_name TEXT    NOT NULL,
    part          TEXT    NOT NULL,   -- settings | redirect_uris
    body          TEXT    NOT NULL,   -- JSON: the page's draft, as it sent it
    PRIMARY KEY (profile_id, app_code_name, part)
);
