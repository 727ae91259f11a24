-- The PostgreSQL schema: the same tables as SQLite's migrations 0001 and
-- 0002. Text compared by range (IDs, dates, codes) uses the "C" collation,
-- so that byte order is the order, as in SQLite.
CREATE TABLE articles (
    id          TEXT COLLATE "C" PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    authors     TEXT NOT NULL,
    published   TEXT COLLATE "C",
    source      TEXT,
    url         TEXT,
    format      TEXT NOT NULL,
    origin      TEXT,
    text        TEXT NOT NULL,
    document    TEXT NOT NULL,
    doc_version INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published DESC, id);
CREATE INDEX articles_source ON articles(source);

CREATE TABLE events (
    article_id     TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    id             TEXT NOT NULL,
    date           TEXT COLLATE "C" NOT NULL,
    source_code    TEXT COLLATE "C" NOT NULL,
    source_country TEXT COLLATE "C" NOT NULL,
    target_code    TEXT COLLATE "C" NOT NULL,
    target_country TEXT COLLATE "C" NOT NULL,
    cameo          TEXT COLLATE "C" NOT NULL,
    root           TEXT COLLATE "C" NOT NULL,
    plover         TEXT COLLATE "C" NOT NULL,
    quad           INTEGER NOT NULL,
    goldstein      DOUBLE PRECISION NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    event          TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_country, target_country, date) INCLUDE (source_code, target_code, quad, goldstein);
CREATE INDEX events_target ON events(target_country, source_country, date) INCLUDE (source_code, target_code, quad, goldstein);
CREATE INDEX events_source_code ON events(source_code, target_code, date) INCLUDE (source_country, target_country, quad, goldstein);
CREATE INDEX events_target_code ON events(target_code, source_code, date) INCLUDE (source_country, target_country, quad, goldstein);
CREATE INDEX events_plover ON events(plover, date);

CREATE TABLE entities (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    code       TEXT NOT NULL,
    country    TEXT NOT NULL,
    type       TEXT NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX entities_actor ON entities(actor_id);
CREATE INDEX entities_code ON entities(code);
CREATE INDEX entities_country ON entities(country);

-- Search over rasd's analysed terms as a tsvector of the simple
-- configuration (headline terms weight A, body B), with a GIN index.
CREATE TABLE search_terms (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    terms      TSVECTOR NOT NULL
);
CREATE INDEX search_terms_gin ON search_terms USING GIN (terms);
