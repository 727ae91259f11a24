package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/search"
)

// indexer writes the derived rows of a document (events, entities, search
// terms) inside the transaction that stores it.
type indexer struct {
	event, entity, docKey, terms *sql.Stmt
	oldKey                       *sql.Stmt // the key of a document indexed before
	pg                           bool
}

func (s *DB) prepareIndexer(ctx context.Context, tx *sql.Tx) (*indexer, error) {
	ix := indexer{pg: s.pg}
	var err error
	prep := func(dst **sql.Stmt, query string) {
		if err == nil && query != "" {
			*dst, err = tx.PrepareContext(ctx, s.q(query))
		}
	}
	prep(&ix.event, `INSERT INTO events (article_id, seq, id, date, source_code, source_country, target_code, target_country,
		cameo, root, plover, quad, goldstein, confidence, event, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	prep(&ix.entity, `INSERT INTO entities (article_id, seq, actor_id, code, country, type, text) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if s.pg {
		// PostgreSQL keeps the terms as a tsvector of the simple
		// configuration: rasd's stems, not PostgreSQL's arabic stemmer.
		prep(&ix.terms, `INSERT INTO search_terms (article_id, terms) VALUES (?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')
			|| setweight(to_tsvector('simple', ?), 'D')) ON CONFLICT (article_id) DO UPDATE SET terms = excluded.terms`)
	} else {
		prep(&ix.docKey, `INSERT INTO search_docs (article_id) VALUES (?) ON CONFLICT(article_id) DO NOTHING`)
		prep(&ix.oldKey, `SELECT rowid FROM search_docs WHERE article_id = ?`)
		prep(&ix.terms, `INSERT OR REPLACE INTO search_terms (rowid, title, body, tags) VALUES (?, ?, ?, ?)`)
	}
	if err != nil {
		ix.close()
		return nil, fmt.Errorf("prepare index: %w", err)
	}
	return &ix, nil
}

func (ix *indexer) close() {
	for _, st := range []*sql.Stmt{ix.event, ix.entity, ix.docKey, ix.oldKey, ix.terms} {
		if st != nil {
			st.Close()
		}
	}
}

// add writes the derived rows of d, from p when PrepareIndex made them.
func (ix *indexer) add(ctx context.Context, d *document.Document, p *preparedDoc) error {
	if p == nil {
		var err error
		if p, err = prepareDerived(d); err != nil {
			return err
		}
	}
	for i, e := range d.Events {
		src, tgt := partyCode(e.Source), partyCode(e.Target)
		if _, err := ix.event.ExecContext(ctx, d.ID, i, e.ID, eventDate(d, e), src, actor.CountryOf(src), tgt, actor.CountryOf(tgt),
			e.Code, e.Root, e.Plover, e.Quad, e.Goldstein, e.Confidence, p.events[i], spanText(d.Text, e.Sentence.Start, e.Sentence.End)); err != nil {
			return fmt.Errorf("index %s: event %d: %w", d.ID, i, err)
		}
	}
	for i, en := range d.Entities {
		if en.Actor == nil {
			continue
		}
		country := en.Actor.Country
		if country == "" {
			country = actor.CountryOf(en.Actor.Code)
		}
		if _, err := ix.entity.ExecContext(ctx, d.ID, i, en.Actor.ID, en.Actor.Code, country, en.Type, en.Text); err != nil {
			return fmt.Errorf("index %s: entity %d: %w", d.ID, i, err)
		}
	}
	f := p.fields
	if ix.pg {
		if _, err := ix.terms.ExecContext(ctx, d.ID, f.Title, f.Body, f.Tags); err != nil {
			return fmt.Errorf("index %s: search terms: %w", d.ID, err)
		}
		return nil
	}
	key, err := ix.searchKey(ctx, d.ID)
	if err != nil {
		return fmt.Errorf("index %s: search key: %w", d.ID, err)
	}
	if _, err := ix.terms.ExecContext(ctx, key, f.Title, f.Body, f.Tags); err != nil {
		return fmt.Errorf("index %s: search terms: %w", d.ID, err)
	}
	return nil
}

// searchKey is the full-text row of an article: a new one (an insert
// without RETURNING is the cheap path), or the one it has.
func (ix *indexer) searchKey(ctx context.Context, id string) (int64, error) {
	res, err := ix.docKey.ExecContext(ctx, id)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err == nil && n == 1 {
		return res.LastInsertId()
	}
	var key int64
	err = ix.oldKey.QueryRowContext(ctx, id).Scan(&key)
	return key, err
}

func partyCode(a *document.EventActor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// eventDate is the event's date, else its article's.
func eventDate(d *document.Document, e document.Event) string {
	if e.Date != "" {
		return e.Date
	}
	return d.Article.Published
}

// preparedDoc is what storing a document needs besides the writes: its
// encoded row, its events as JSON and its search terms.
type preparedDoc struct {
	row    encodedRow
	events []string
	fields search.Fields
}

// prepare encodes d for storing.
func prepare(d *document.Document) (*preparedDoc, error) {
	row, err := encodeRow(d)
	if err != nil {
		return nil, err
	}
	p, err := prepareDerived(d)
	if err != nil {
		return nil, err
	}
	p.row = row
	return p, nil
}

// prepareDerived makes the parts of the derived rows: events and terms.
func prepareDerived(d *document.Document) (*preparedDoc, error) {
	p := &preparedDoc{events: make([]string, len(d.Events)), fields: search.Terms(d)}
	for i, e := range d.Events {
		raw, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("index %s: event %d: %w", d.ID, i, err)
		}
		p.events[i] = string(raw)
	}
	return p, nil
}

// takePrepared returns what PrepareIndex made for d, or makes it now.
func (s *DB) takePrepared(d *document.Document) (*preparedDoc, error) {
	if v, ok := s.prepared.LoadAndDelete(d); ok {
		return v.(*preparedDoc), nil
	}
	return prepare(d)
}

// PrepareIndex encodes a document and computes its search terms ahead of
// PutBatch, on the caller's goroutine: ingest's analysis workers call it,
// so that the one goroutine that writes only writes. It must not be called
// on a document that is changed before it is stored. A document that
// fails to encode is left for PutBatch, which reports the error.
func (s *DB) PrepareIndex(d *document.Document) {
	if p, err := prepare(d); err == nil {
		s.prepared.Store(d, p)
	}
}

// forgetPrepared drops what PrepareIndex kept for documents not indexed
// (duplicates, a failed batch).
func (s *DB) forgetPrepared(docs []*document.Document) {
	for _, d := range docs {
		s.prepared.Delete(d)
	}
}

// Reindex rebuilds the derived tables (events, entities, search terms)
// from the stored documents, in one transaction: readers see the old
// index or the new one, never half of it.
func (s *DB) Reindex(ctx context.Context) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	defer tx.Rollback()
	derived := []string{`DELETE FROM events`, `DELETE FROM entities`, `DELETE FROM search_terms`}
	if !s.pg {
		derived = append(derived, `DELETE FROM search_docs`)
	}
	for _, q := range derived {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return 0, fmt.Errorf("reindex: %s: %w", q, err)
		}
	}
	ix, err := s.prepareIndexer(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer ix.close()
	n, after := 0, ""
	for {
		docs, err := s.readPage(ctx, tx, after, 256)
		if err != nil {
			return 0, fmt.Errorf("reindex: %w", err)
		}
		if len(docs) == 0 {
			break
		}
		for _, d := range docs {
			if err := ix.add(ctx, d, nil); err != nil {
				return 0, err
			}
		}
		n += len(docs)
		after = docs[len(docs)-1].ID
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("reindex: commit: %w", err)
	}
	return n, nil
}

func decodeDocument(text, raw string) (*document.Document, error) {
	var d document.Document
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return nil, fmt.Errorf("stored document: %w", err)
	}
	d.Text = text
	return &d, nil
}

// readPage reads up to limit documents with IDs after the given one. Pages
// are read in full before writing: one connection cannot interleave a read
// cursor with writes.
func (s *DB) readPage(ctx context.Context, tx *sql.Tx, after string, limit int) ([]*document.Document, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT text, document FROM articles WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, err
	}
	var docs []*document.Document
	err = eachDocument(rows, func(d *document.Document) error { docs = append(docs, d); return nil })
	return docs, err
}

// eachDocument calls fn with the document of every (text, document) row,
// and closes rows.
func eachDocument(rows *sql.Rows, fn func(*document.Document) error) error {
	defer rows.Close()
	for rows.Next() {
		var text, raw string
		if err := rows.Scan(&text, &raw); err != nil {
			return err
		}
		d, err := decodeDocument(text, raw)
		if err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// spanText is text[start:end], "" for a span outside the text.
func spanText(text string, start, end int) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	return text[start:end]
}
