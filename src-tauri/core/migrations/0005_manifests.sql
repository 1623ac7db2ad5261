-- Apps as code: per profile, which platform app a manifest's app is (code names are unique
-- across the platform, so a second directory may get a derived one), and the values last
-- applied of fields the platform does not return on a read (so a plan can compare them).

CREATE TABLE manifest_apps (
    profile_id         INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    manifest_code_name TEXT    NOT NULL,
    platform_code_name TEXT    NOT NULL,
    applied            TEXT    NOT NULL DEFAULT '{}',  -- JSON: field -> value last sent
    PRIMARY KEY (profile_id, manifest_code_name)
);
