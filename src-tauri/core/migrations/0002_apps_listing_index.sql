-- The apps list (the first screen) reads only code name, id and name. apps_cache keeps
-- each app's JSON in its rows, so reading those three columns from the table walks every
-- page of it; this covering index holds just them, in the table's own order.
CREATE INDEX apps_cache_listing ON apps_cache (profile_id, app_code_name, app_id, name);
