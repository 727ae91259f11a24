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
// Tags weigh nothing: they filter.
const titleWeight, bodyWeight = 3.0, 1.0

// rankWindow bounds the matches a query ranks: a word in a third of the
// archive is ranked among its newest rankWindow matches (news search
// favours the recent), while the total still counts every match.
const rankWindow = 10000

// Search runs a parsed query: BM25 over the analysed terms when it has
// words, newest first when it has filters only.
func (s *DB) Search(ctx context.Context, q search.Query, limit, offset int) (SearchResult, error) {
	if s.pg && q.Match != "" {
		return s.searchPostgres(ctx, q, limit, offset)
	}
	if q.Match != "" {
		// Actor and event filters are tags of the index: more terms of the
		// match, not joins.
		for _, tag := range q.Filters.Tags() {
			q.Match = "(" + q.Match + `) AND tags : "` + tag + `"`
		}
		q.Filters.Actor, q.Filters.Event = "", ""
	}
	conds, args := searchFilters(q.Filters, s.pg)
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
		floor, err := s.rankFloor(ctx, q.Match, res.Total, max(rankWindow, offset+limit))
		if err != nil {
			return res, fmt.Errorf("search %q: %w", q.Match, err)
		}
		query = fmt.Sprintf(`SELECT `+hitColumns+`, m.score FROM (SELECT rowid, -bm25(search_terms, %g, %g, 0) AS score
			FROM search_terms WHERE search_terms MATCH ? AND rowid >= ? ORDER BY score DESC LIMIT ? OFFSET ?) m
			JOIN search_docs d ON d.rowid = m.rowid JOIN articles a ON a.id = d.article_id ORDER BY m.score DESC, a.id`, titleWeight, bodyWeight)
		all = []any{q.Match, floor, limitArg(limit), max(offset, 0)}
	default:
		// Rank and count on IDs alone, then read the page's articles: the
		// sorter never carries article texts.
		query = matchWith + `SELECT ` + hitColumns + `, p.score, p.total FROM (SELECT a.id AS id, m.score AS score, COUNT(*) OVER () AS total FROM ` +
			matchFrom + whereOf(conds) + ` ORDER BY m.score DESC, a.id LIMIT ? OFFSET ?) p JOIN articles a ON a.id = p.id ORDER BY p.score DESC, a.id`
		all = append(append([]any{q.Match}, args...), limitArg(limit), max(offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), all...)
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

// rankFloor is the lowest index key among the newest window matches, 0
// when there are no more than window.
func (s *DB) rankFloor(ctx context.Context, match string, total, window int) (int64, error) {
	if total <= window {
		return 0, nil
	}
	var floor int64
	err := s.db.QueryRowContext(ctx, `SELECT rowid FROM search_terms WHERE search_terms MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, window-1).Scan(&floor)
	return floor, err
}

// matchWith ranks the matches first (MATERIALIZED keeps the planner from
// running the full-text match once per row of a filter), and matchFrom
// joins them to their articles.
var matchWith = fmt.Sprintf(`WITH m AS MATERIALIZED (SELECT rowid, -bm25(search_terms, %g, %g, 0) AS score FROM search_terms WHERE search_terms MATCH ?) `, titleWeight, bodyWeight)

const matchFrom = `m JOIN search_docs d ON d.rowid = m.rowid JOIN articles a ON a.id = d.article_id`

// hitColumns are the columns of a hit, from articles a.
const hitColumns = `a.id, a.title, a.authors, COALESCE(a.published, ''), COALESCE(a.source, ''), COALESCE(a.url, ''),
	a.format, COALESCE(a.origin, ''), a.ingested_at, a.text`

func (s *DB) searchCount(ctx context.Context, with, from string, fromArgs []any, conds []string, args []any) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(with+`SELECT COUNT(*) FROM `+from+whereOf(conds)), append(append([]any{}, fromArgs...), args...)...).Scan(&n)
	return n, err
}

func whereOf(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// searchFilters turns a query's filters into conditions on articles a.
func searchFilters(f search.Filters, pg bool) ([]string, []any) {
	// The unary + keeps SQLite on the primary key (the article's own few
	// entities or events) rather than an index of every article naming a
	// common actor; PostgreSQL plans this well without it.
	plus := "+"
	if pg {
		plus = ""
	}
	conds, args := Query{Source: f.Source, Since: f.Since, Until: f.Until}.conds("a.")
	if f.Actor != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND ("+plus+"e.code = ? OR "+plus+"e.country = ? OR "+plus+"e.actor_id = ?))")
		args = append(args, f.Actor, f.Actor, strings.ToLower(f.Actor))
	}
	if f.Event != "" {
		if strings.Trim(f.Event, "0123456789") == "" {
			conds = append(conds, "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND "+plus+"v.cameo >= ? AND "+plus+"v.cameo < ?)")
			args = append(args, f.Event, f.Event+"\uffff")
		} else {
			conds = append(conds, "EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND "+plus+"v.plover = ?)")
			args = append(args, f.Event)
		}
	}
	return conds, args
}

// searchPostgres ranks with ts_rank over the simple-configuration tsvector
// of rasd's terms (headline terms weigh A, body terms B).
func (s *DB) searchPostgres(ctx context.Context, q search.Query, limit, offset int) (SearchResult, error) {
	res := SearchResult{Hits: []SearchHit{}}
	conds, args := searchFilters(q.Filters, true)
	conds = append([]string{"st.terms @@ to_tsquery('simple', ?)"}, conds...)
	args = append([]any{q.TSQuery}, args...)
	from := ` search_terms st JOIN articles a ON a.id = st.article_id` + whereOf(conds)
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM`+from), args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("search %q: count: %w", q.TSQuery, err)
	}
	query := `SELECT ` + hitColumns + `, p.score FROM (SELECT a.id AS id, ts_rank('{0.1, 0.2, 0.33, 1.0}', st.terms, to_tsquery('simple', ?)) AS score FROM` +
		from + ` ORDER BY score DESC, a.id LIMIT ? OFFSET ?) p JOIN articles a ON a.id = p.id ORDER BY p.score DESC, a.id`
	rows, err := s.db.QueryContext(ctx, s.q(query), append(append([]any{q.TSQuery}, args...), limitArg(limit), max(offset, 0))...)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q.TSQuery, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h SearchHit
		var authors, ingested string
		if err := rows.Scan(&h.ID, &h.Title, &authors, &h.Published, &h.Source, &h.URL, &h.Format, &h.Path, &ingested, &h.Text, &h.Score); err != nil {
			return res, err
		}
		if err := json.Unmarshal([]byte(authors), &h.Authors); err != nil {
			return res, fmt.Errorf("search: authors of %s: %w", h.ID, err)
		}
		h.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
		res.Hits = append(res.Hits, h)
	}
	return res, rows.Err()
}
