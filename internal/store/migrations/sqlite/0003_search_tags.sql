-- Search terms gain a third column: tags for the actors and events of each
-- article (search.Terms), so that actor: and event: filters are terms of
-- the match. The table is rebuilt and refilled by a reindex at open.
DROP TABLE search_terms;
CREATE VIRTUAL TABLE search_terms USING fts5(
    title, body, tags,
    content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0'
);
