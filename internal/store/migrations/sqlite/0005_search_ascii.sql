-- The search terms are rasd's own analysed terms joined by spaces, already
-- normalised and folded in Go, so FTS5 only has to split them on spaces:
-- the ascii tokenizer does that at a fraction of unicode61's cost (which
-- looked up the Unicode category of every letter again). Queries go
-- through the same tokenizer, so both sides still agree. The table is
-- rebuilt and refilled by a reindex at open.
DROP TABLE search_terms;
CREATE VIRTUAL TABLE search_terms USING fts5(
    title, body, tags,
    content='', contentless_delete=1,
    tokenize='ascii'
);
