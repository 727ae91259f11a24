package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/search"
)

// SearchHit is an article a search found, best first.
type SearchHit struct {
	Summary
	Score float64 `json:"score"` // BM25, higher is better
	Text  string  `json:"-"`     // the article text, for snippets
}

// SearchResult is a page of hits and the number of all hits.
type SearchResult struct {
	Total int         `json:"total"`
	Hits  []SearchHit `json:"hits"`
}

// Title terms weigh more than body terms in BM25.
const titleWeight, bodyWeight = 3.0, 1.0

// Search runs a parsed query: BM25 over the analysed terms when it has
// words, newest first when it has filters only.
func (s *SQLite) Search(ctx context.Context, q search.Query, limit, offset int) (SearchResult, error) {
	conds, args := searchFilters(q.Filters)
	res := SearchResult{Hits: []SearchHit{}}
	var err error
	switch {
	case q.Match == "":
		res.Total, err = s.searchCount(ctx, "", `articles a`, nil, conds, args)
	case len(conds) == 0:
		// The whole count comes from the index alone.
		res.Total, err = s.searchCount(ctx, "", `search_terms`, []any{q.Match}, []string{"search_terms MATCH ?"}, nil)
	default:
		res.Total = -1 // counted by the page query's window
	}
	if err != nil {
		return res, fmt.Errorf("search %q: count: %w", q.Match, err)
	}
	var query string
	var all []any
	switch {
	case q.Match == "":
		query = `SELECT ` + hitColumns + `, 0 FROM articles a` + whereOf(conds) +
			` ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?`
		all = append(args, limitArg(limit), max(offset, 0))
	case len(conds) == 0:
		// Rank in the index, then read only the page's articles.
		query = fmt.Sprintf(`SELECT `+hitColumns+`, m.score FROM (SELECT rowid, -bm25(search_terms, %g, %g) AS score
			FROM search_terms WHERE search_terms MATCH ? ORDER BY score DESC LIMIT ? OFFSET ?) m
			JOIN search_docs d ON d.rowid = m.rowid JOIN articles a ON a.id = d.article_id ORDER BY m.score DESC, a.id`, titleWeight, bodyWeight)
		all = []any{q.Match, limitArg(limit), max(offset, 0)}
	default:
		// Rank and count on IDs alone, then read the page's articles: the
		// sorter never carries article texts.
		query = matchWith + `SELECT ` + hitColumns + `, p.score, p.total FROM (SELECT a.id AS id, m.score AS score, COUNT(*) OVER () AS total FROM ` +
			matchFrom + whereOf(conds) + ` ORDER BY m.score DESC, a.id LIMIT ? OFFSET ?) p JOIN articles a ON a.id = p.id ORDER BY p.score DESC, a.id`
		all = append(append([]any{q.Match}, args...), limitArg(limit), max(offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, query, all...)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q.Match, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h SearchHit
		var authors, ingested string
		dest := []any{&h.ID, &h.Title, &authors, &h.Published, &h.Source, &h.URL, &h.Format, &h.Path, &ingested, &h.Text, &h.Score}
		if res.Total < 0 || len(res.Hits) > 0 && q.Match != "" && len(conds) > 0 {
			dest = append(dest, &res.Total)
		}
		if err := rows.Scan(dest...); err != nil {
			return res, err
		}
		if err := json.Unmarshal([]byte(authors), &h.Authors); err != nil {
			return res, fmt.Errorf("search: authors of %s: %w", h.ID, err)
		}
		h.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	if res.Total < 0 { // no row on this page: count apart
		res.Total, err = s.searchCount(ctx, matchWith, matchFrom, []any{q.Match}, conds, args)
	}
	return res, err
}

// matchWith ranks the matches first (MATERIALIZED keeps the planner from
// running the full-text match once per row of a filter), and matchFrom
// joins them to their articles.
var matchWith = fmt.Sprintf(`WITH m AS MATERIALIZED (SELECT rowid, -bm25(search_terms, %g, %g) AS score FROM search_terms WHERE search_terms MATCH ?) `, titleWeight, bodyWeight)

const matchFrom = `m JOIN search_docs d ON d.rowid = m.rowid JOIN articles a ON a.id = d.article_id`

// hitColumns are the columns of a hit, from articles a.
const hitColumns = `a.id, a.title, a.authors, COALESCE(a.published, ''), COALESCE(a.source, ''), COALESCE(a.url, ''),
	a.format, COALESCE(a.origin, ''), a.ingested_at, a.text`

func (s *SQLite) searchCount(ctx context.Context, with, from string, fromArgs []any, conds []string, args []any) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, with+`SELECT COUNT(*) FROM `+from+whereOf(conds), append(append([]any{}, fromArgs...), args...)...).Scan(&n)
	return n, err
}

func whereOf(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// searchFilters turns a query's filters into conditions on articles a.
func searchFilters(f search.Filters) ([]string, []any) {
	conds, args := Query{Source: f.Source, Since: f.Since, Until: f.Until}.conds("a.")
	if f.Actor != "" {
		// The unary + keeps SQLite on the primary key (the article's own
		// few entities) rather than an index of every article naming a
		// common actor.
		conds = append(conds, "EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND (+e.code = ? OR +e.country = ? OR +e.actor_id = ?))")
		args = append(args, f.Actor, f.Actor, strings.ToLower(f.Actor))
	}
	if f.Event != "" {
		if strings.Trim(f.Event, "0123456789") == "" {
			conds = append(conds, "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND +v.cameo >= ? AND +v.cameo < ?)")
			args = append(args, f.Event, f.Event+"\uffff")
		} else {
			conds = append(conds, "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND +v.plover = ?)")
			args = append(args, f.Event)
		}
	}
	return conds, args
}
