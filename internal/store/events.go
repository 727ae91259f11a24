package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/rasd-project/rasd/internal/document"
)

// EventFilter selects coded events. Actor codes are matched by country when
// three letters long (KAZ: any Kazakh actor) and exactly otherwise (KAZGOV).
type EventFilter struct {
	Actor    string  // either side
	Partner  string  // with Actor: the other side (either direction unless Directed)
	Directed bool    // Actor is the source and Partner the target
	Source   string  // the source side
	Target   string  // the target side
	Cameo    string  // CAMEO code prefix: 19, 190, 1831
	Plover   string  // PLOVER type: ASSAULT, PROTEST...
	Quad     int     // quad class 1-4, 0 for any
	Since    string  // event date on or after, YYYY-MM-DD
	Until    string  // event date on or before
	Article  string  // one article's events
	MinConf  float64 // confidence at least
	Limit    int
	Offset   int
}

// EventRow is a stored event and the article it was read in.
type EventRow struct {
	ArticleID string         `json:"article_id"`
	Seq       int            `json:"seq"`
	Title     string         `json:"article_title"`
	Published string         `json:"article_published,omitempty"`
	Source    string         `json:"article_source,omitempty"`
	Evidence  string         `json:"evidence"` // the sentence the event was read in
	Event     document.Event `json:"event"`
}

// Dim is a column events can be grouped by.
type Dim string

const (
	ByDay           Dim = "day"
	ByMonth         Dim = "month"
	ByYear          Dim = "year"
	BySource        Dim = "source"
	ByTarget        Dim = "target"
	BySourceCountry Dim = "source_country"
	ByTargetCountry Dim = "target_country"
	ByCameo         Dim = "cameo"
	ByRoot          Dim = "root"
	ByPlover        Dim = "plover"
	ByQuad          Dim = "quad"
)

// dimSQL is the expression of each dimension; only these ever reach SQL.
var dimSQL = map[Dim]string{
	ByDay: "date", ByMonth: "substr(date, 1, 7)", ByYear: "substr(date, 1, 4)",
	BySource: "source_code", ByTarget: "target_code",
	BySourceCountry: "source_country", ByTargetCountry: "target_country",
	ByCameo: "cameo", ByRoot: "root", ByPlover: "plover", ByQuad: "CAST(quad AS TEXT)",
}

// dimColumn is the stored column each dimension reads.
var dimColumn = map[Dim]string{
	ByDay: "date", ByMonth: "date", ByYear: "date", BySource: "source_code", ByTarget: "target_code",
	BySourceCountry: "source_country", ByTargetCountry: "target_country",
	ByCameo: "cameo", ByRoot: "root", ByPlover: "plover", ByQuad: "quad",
}

// ParseDim checks a dimension name.
func ParseDim(s string) (Dim, error) {
	if _, ok := dimSQL[Dim(s)]; !ok {
		return "", fmt.Errorf("unknown grouping %q", s)
	}
	return Dim(s), nil
}

// Group is one row of grouped events.
type Group struct {
	Keys      []string `json:"keys"`
	Events    int      `json:"events"`
	Goldstein float64  `json:"goldstein_sum"`
}

// sideCond matches one side of an event against an actor code.
func sideCond(side, code string) (string, string) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) == 3 {
		return side + "_country = ?", code
	}
	return side + "_code = ?", code
}

// condSet is a conjunction of conditions and their arguments.
type condSet struct {
	conds []string
	args  []any
}

func (c *condSet) add(cond string, vals ...any) {
	c.conds = append(c.conds, cond)
	c.args = append(c.args, vals...)
}

func (c condSet) and() string { return strings.Join(c.conds, " AND ") }

// sides are the alternatives of the actor filters, disjoint so that the
// union of their rows counts each event once: for an undirected dyad A–B,
// A→B and B→A; for an actor alone, A as source and A as target only.
func (f EventFilter) sides() []condSet {
	switch {
	case f.Actor != "" && f.Partner != "":
		sa, va := sideCond("source", f.Actor)
		tb, vb := sideCond("target", f.Partner)
		forward := condSet{conds: []string{sa, tb}, args: []any{va, vb}}
		if f.Directed {
			return []condSet{forward}
		}
		sb, _ := sideCond("source", f.Partner)
		ta, _ := sideCond("target", f.Actor)
		back := condSet{conds: []string{sb, ta, "NOT (" + sa + " AND " + tb + ")"}, args: []any{vb, va, va, vb}}
		return []condSet{forward, back}
	case f.Actor != "":
		sa, va := sideCond("source", f.Actor)
		ta, _ := sideCond("target", f.Actor)
		return []condSet{{conds: []string{sa}, args: []any{va}}, {conds: []string{ta, "NOT (" + sa + ")"}, args: []any{va, va}}}
	}
	return nil
}

// common are the filters every side shares.
func (f EventFilter) common() condSet {
	var c condSet
	if f.Source != "" {
		cond, v := sideCond("source", f.Source)
		c.add(cond, v)
	}
	if f.Target != "" {
		cond, v := sideCond("target", f.Target)
		c.add(cond, v)
	}
	if f.Cameo != "" {
		c.add("cameo >= ? AND cameo < ?", f.Cameo, f.Cameo+"\uffff")
	}
	if f.Plover != "" {
		c.add("plover = ?", strings.ToUpper(f.Plover))
	}
	if f.Quad > 0 {
		c.add("quad = ?", f.Quad)
	}
	if f.Since != "" {
		c.add("date >= ?", f.Since)
	}
	if f.Until != "" {
		c.add("date <= ?", f.Until+"\uffff")
	}
	if f.Article != "" {
		c.add("article_id = ?", f.Article)
	}
	if f.MinConf > 0 {
		c.add("confidence >= ?", f.MinConf)
	}
	return c
}

// where is the filter as one WHERE clause, its sides joined by OR.
func (f EventFilter) where() (string, []any) {
	all := f.common()
	if sides := f.sides(); len(sides) > 0 {
		var alts []string
		var args []any
		for _, s := range sides {
			alts = append(alts, "("+s.and()+")")
			args = append(args, s.args...)
		}
		all = condSet{conds: append([]string{"(" + strings.Join(alts, " OR ") + ")"}, all.conds...), args: append(args, all.args...)}
	}
	if len(all.conds) == 0 {
		return "", nil
	}
	return " WHERE " + all.and(), all.args
}

// branches is the filter as one WHERE clause per side, for a UNION ALL:
// SQLite answers each side from one covering index, where an OR across
// two indexes must de-duplicate rows through the primary key.
func (f EventFilter) branches() ([]string, []any) {
	common := f.common()
	sides := f.sides()
	if len(sides) == 0 {
		sides = []condSet{{}}
	}
	var wheres []string
	var args []any
	for _, s := range sides {
		c := condSet{conds: append(append([]string{}, s.conds...), common.conds...), args: append(append([]any{}, s.args...), common.args...)}
		w := ""
		if len(c.conds) > 0 {
			w = " WHERE " + c.and()
		}
		wheres = append(wheres, w)
		args = append(args, c.args...)
	}
	return wheres, args
}

// Events calls fn with every event matching f, newest first.
func (s *DB) Events(ctx context.Context, f EventFilter, fn func(EventRow) error) error {
	where, args := f.where()
	args = append(args, limitArg(f.Limit), max(f.Offset, 0))
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT e.article_id, e.seq, e.event, e.evidence, a.title, COALESCE(a.published, ''), COALESCE(a.source, '')
		FROM (SELECT article_id, seq, event, evidence, date FROM events`+where+` ORDER BY date DESC, article_id, seq LIMIT ? OFFSET ?) e
		JOIN articles a ON a.id = e.article_id ORDER BY e.date DESC, e.article_id, e.seq`), args...)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r EventRow
		var raw string
		if err := rows.Scan(&r.ArticleID, &r.Seq, &raw, &r.Evidence, &r.Title, &r.Published, &r.Source); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(raw), &r.Event); err != nil {
			return fmt.Errorf("events: stored event %s/%d: %w", r.ArticleID, r.Seq, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CountEvents returns the number of events matching f (Limit and Offset
// are ignored).
func (s *DB) CountEvents(ctx context.Context, f EventFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM events`+where), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// GroupEvents counts the events matching f by the given dimensions, in
// the order of their keys.
func (s *DB) GroupEvents(ctx context.Context, f EventFilter, by ...Dim) ([]Group, error) {
	if len(by) == 0 {
		return nil, fmt.Errorf("group events: no dimension")
	}
	cols := make([]string, len(by))
	need := map[string]bool{"goldstein": true}
	for i, d := range by {
		expr, ok := dimSQL[d]
		if !ok {
			return nil, fmt.Errorf("group events: unknown dimension %q", d)
		}
		cols[i] = expr
		need[dimColumn[d]] = true
	}
	var inner []string
	for c := range need {
		inner = append(inner, c)
	}
	sort.Strings(inner)
	wheres, args := f.branches()
	parts := make([]string, len(wheres))
	for i, w := range wheres {
		parts[i] = "SELECT " + strings.Join(inner, ", ") + " FROM events" + w
	}
	list := strings.Join(cols, ", ")
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+list+`, COUNT(*), COALESCE(SUM(goldstein), 0) FROM (`+strings.Join(parts, " UNION ALL ")+`) u GROUP BY `+list+` ORDER BY `+list), args...)
	if err != nil {
		return nil, fmt.Errorf("group events: %w", err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		g := Group{Keys: make([]string, len(by))}
		dest := make([]any, 0, len(by)+2)
		for i := range g.Keys {
			dest = append(dest, &g.Keys[i])
		}
		dest = append(dest, &g.Events, &g.Goldstein)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// limitArg is a LIMIT value; 0 or less means no limit, which both engines
// read from a very large number.
func limitArg(n int) int64 {
	if n <= 0 {
		return 1 << 62
	}
	return int64(n)
}
