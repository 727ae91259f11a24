-- Articles, keyed by content hash. The document column holds the JSON
-- document without its text, which is kept apart in text.
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    authors     TEXT NOT NULL,           -- JSON array of names
    published   TEXT,                    -- YYYY-MM-DD
    source      TEXT,
    url         TEXT,
    format      TEXT NOT NULL,
    origin      TEXT,                    -- file path, URL or "-"
    text        TEXT NOT NULL,
    document    TEXT NOT NULL,           -- JSON, schema in docs/schema.md
    doc_version INTEGER NOT NULL,
    ingested_at TEXT NOT NULL            -- RFC 3339, UTC
);
CREATE INDEX articles_published ON articles(published DESC, id);
CREATE INDEX articles_source ON articles(source);
