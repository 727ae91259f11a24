package store

import (
	"context"
	"fmt"
)

// CheckReport is what Check found: the size of every table and each
// inconsistency, in words.
type CheckReport struct {
	Engine        string         `json:"engine"`
	SchemaVersion int            `json:"schema_version"`
	Counts        map[string]int `json:"counts"`
	Documents     int            `json:"documents_checked"` // documents decoded and compared with their derived rows (deep)
	Problems      []string       `json:"problems"`
}

// OK reports whether no problem was found.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Check verifies the database: the engine's own integrity check, row
// counts, derived rows without an article, articles missing from the
// search index, and with deep, that every stored document decodes and
// matches its events, entities and search rows. `rasd reindex` repairs
// what is derived.
func (s *DB) Check(ctx context.Context, deep bool) (CheckReport, error) {
	rep := CheckReport{Engine: s.engine(), Counts: map[string]int{}, Problems: []string{}}
	var err error
	if rep.SchemaVersion, err = s.SchemaVersion(ctx); err != nil {
		return rep, err
	}
	if !s.pg {
		var res string
		if err := s.db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&res); err != nil {
			return rep, fmt.Errorf("check: quick_check: %w", err)
		}
		if res != "ok" {
			rep.Problems = append(rep.Problems, "SQLite quick_check: "+res)
		}
		if _, err := s.db.ExecContext(ctx, `INSERT INTO search_terms(search_terms, rank) VALUES ('integrity-check', 0)`); err != nil {
			rep.Problems = append(rep.Problems, "full-text index integrity-check: "+err.Error())
		}
	}
	search := "search_terms" // one row per indexed article on PostgreSQL
	if !s.pg {
		search = "search_docs"
	}
	for _, t := range []string{"articles", "events", "entities", search, "feeds", "feed_items", "alerts"} {
		n, err := s.count(ctx, `SELECT COUNT(*) FROM `+t)
		if err != nil {
			return rep, err
		}
		rep.Counts[t] = n
	}
	if !s.pg {
		n, err := s.count(ctx, `SELECT COUNT(*) FROM search_terms`)
		if err != nil {
			return rep, err
		}
		rep.Counts["search_terms"] = n
		if n != rep.Counts["search_docs"] {
			rep.Problems = append(rep.Problems, fmt.Sprintf("full-text index holds %d rows for %d indexed articles", n, rep.Counts["search_docs"]))
		}
	}
	checks := []struct{ what, query string }{
		{"events without their article", `SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)`},
		{"entities without their article", `SELECT COUNT(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)`},
		{"search rows without their article", `SELECT COUNT(*) FROM ` + search + ` d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id)`},
		{"articles missing from the search index", `SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM ` + search + ` d WHERE d.article_id = a.id)`},
		{"feed items naming a missing article", `SELECT COUNT(*) FROM feed_items f WHERE f.article_id <> '' AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.article_id)`},
	}
	for _, c := range checks {
		n, err := s.count(ctx, c.query)
		if err != nil {
			return rep, err
		}
		if n > 0 {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	if deep {
		if err := s.checkDocuments(ctx, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func (s *DB) count(ctx context.Context, query string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, query).Scan(&n); err != nil {
		return 0, fmt.Errorf("check: %s: %w", query, err)
	}
	return n, nil
}

// maxReported bounds the per-article problems listed.
const maxReported = 20

// checkDocuments decodes every stored document and compares its layers
// with the derived rows.
func (s *DB) checkDocuments(ctx context.Context, rep *CheckReport) error {
	events, err := s.perArticle(ctx, `SELECT article_id, COUNT(*) FROM events GROUP BY article_id`)
	if err != nil {
		return err
	}
	entities, err := s.perArticle(ctx, `SELECT article_id, COUNT(*) FROM entities GROUP BY article_id`)
	if err != nil {
		return err
	}
	reported := 0
	report := func(format string, args ...any) {
		if reported < maxReported {
			rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...))
		}
		reported++
	}
	after := ""
	for {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, hash, text, document FROM articles WHERE id > ? ORDER BY id LIMIT 256`), after)
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		n := 0
		for rows.Next() {
			var id, hash, text, raw string
			if err := rows.Scan(&id, &hash, &text, &raw); err != nil {
				rows.Close()
				return fmt.Errorf("check: %w", err)
			}
			n++
			after = id
			rep.Documents++
			d, err := decodeDocument(text, raw)
			if err != nil {
				report("article %s: %v", id, err)
				continue
			}
			if d.ID != id || d.Hash != hash {
				report("article %s: its document says id %s, hash %.16s", id, d.ID, d.Hash)
			}
			if got := events[id]; got != len(d.Events) {
				report("article %s: %d events stored, its document has %d", id, got, len(d.Events))
			}
			want := 0
			for _, en := range d.Entities {
				if en.Actor != nil {
					want++
				}
			}
			if got := entities[id]; got != want {
				report("article %s: %d entities stored, its document resolves %d", id, got, want)
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	if reported > maxReported {
		rep.Problems = append(rep.Problems, fmt.Sprintf("... and %d more article problems", reported-maxReported))
	}
	return nil
}

func (s *DB) perArticle(ctx context.Context, query string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
