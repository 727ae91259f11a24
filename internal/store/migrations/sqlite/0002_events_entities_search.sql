-- Derived tables, rebuilt from the stored documents by `rasd reindex`.

-- Events, one row per coded event of an article. The event column holds
-- the event's JSON (docs/schema.md); the other columns are what queries
-- filter and group by.
CREATE TABLE events (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,       -- index in the document's events
    id             TEXT NOT NULL,
    date           TEXT NOT NULL,          -- YYYY-MM-DD
    source_code    TEXT NOT NULL,          -- KAZGOV, '' when unknown
    source_country TEXT NOT NULL,          -- KAZ, '' for IGOs and unknowns
    target_code    TEXT NOT NULL,
    target_country TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT NOT NULL,
    quad           INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    confidence     REAL NOT NULL,
    event          TEXT NOT NULL,          -- JSON
    evidence       TEXT NOT NULL,          -- the sentence, from the article text
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
-- The dyad, actor and network queries read these indexes alone: each
-- holds every column they filter or group by (and, as an index of a
-- WITHOUT ROWID table, the primary key), so no row is looked up.
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_country, target_country, date, source_code, target_code, quad, goldstein);
CREATE INDEX events_target ON events(target_country, source_country, date, source_code, target_code, quad, goldstein);
CREATE INDEX events_source_code ON events(source_code, target_code, date, source_country, target_country, quad, goldstein);
CREATE INDEX events_target_code ON events(target_code, source_code, date, source_country, target_country, quad, goldstein);
CREATE INDEX events_plover ON events(plover, date);

-- Entities resolved to actors, for actor filters and actor pages.
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    code       TEXT NOT NULL,
    country    TEXT NOT NULL,
    type       TEXT NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX entities_actor ON entities(actor_id);
CREATE INDEX entities_code ON entities(code);
CREATE INDEX entities_country ON entities(country);

-- Full-text search over the rasd analyzer's terms. search_docs gives each
-- article a stable integer key for the contentless FTS5 table.
CREATE TABLE search_docs (
    rowid      INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE search_terms USING fts5(
    title, body,
    content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0'
);
