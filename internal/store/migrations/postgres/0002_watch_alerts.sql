-- The watcher's memory and the alerts it raised (rasd watch, rasd alerts).
-- feeds: each watched source's validators and schedule; feed_items: every
-- item already taken from a source; alerts: each alert once, by rule and
-- window, with its delivery state.
CREATE TABLE feeds (
    source        TEXT PRIMARY KEY,      -- feed URL or folder path
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    polled_at     TEXT NOT NULL DEFAULT '', -- RFC 3339, UTC
    next_poll     TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    items         INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feed_items (
    source     TEXT NOT NULL,
    item       TEXT NOT NULL,            -- GUID, link, or a file's path@mtime
    article_id TEXT NOT NULL DEFAULT '',
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (source, item)
);
CREATE INDEX articles_url ON articles(url);
CREATE TABLE alerts (
    id           TEXT PRIMARY KEY,       -- hash of rule and window
    rule         TEXT NOT NULL,
    window_key   TEXT NOT NULL,
    fired_at     TEXT NOT NULL,
    alert        TEXT NOT NULL,          -- JSON, docs/alerts.md
    delivered_at TEXT NOT NULL DEFAULT '',
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_fired ON alerts(fired_at DESC, id);
