package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Query is a parsed search: an FTS5 match expression over analysed terms,
// the terms to highlight, and the field filters it carried.
type Query struct {
	Match   string // FTS5 expression; "" when the query has filters only
	TSQuery string // the same as a PostgreSQL tsquery

	Terms   []string // analysed terms of the positive words, for snippets
	Filters Filters
}

// Filters narrow a search by article metadata and by the actors and events
// coded in the article.
type Filters struct {
	Source string // exact source name
	Actor  string // actor code (KAZGOV), country (KAZ) or actor id
	Event  string // PLOVER type (ASSAULT) or CAMEO code prefix (19)
	Since  string // published on or after, YYYY-MM-DD
	Until  string // published on or before, YYYY-MM-DD
}

// Tags are the index tags a match must also hold for the actor and event
// filters.
func (f Filters) Tags() []string {
	var out []string
	if f.Actor != "" {
		out = append(out, ActorTag(f.Actor))
	}
	if f.Event != "" {
		out = append(out, EventTag(f.Event))
	}
	return out
}

// ErrEmptyQuery is returned for a query with nothing to find.
var ErrEmptyQuery = errors.New("empty query: give a word, a \"phrase\" or a filter such as actor:KAZ")

// item is one positive or negative clause of a query.
type item struct {
	expr string // FTS5
	ts   string // tsquery
	neg  bool
	or   bool // joined to the previous item by OR
}

// Parse reads a query string. Words are analysed as the index is, so
// انتخابات finds الانتخابات and وبالانتخابات. Syntax: words (all must occur),
// "a phrase", -word or -"phrase" (must not occur), OR (or أو) between two
// clauses, and filters source:, actor:, event:, since:, until:.
func Parse(s string) (Query, error) {
	var q Query
	var items []item
	pendingOr := false
	for _, f := range fields(s) {
		text, quoted, neg := f.text, f.quoted, f.neg
		if !quoted && !neg && (text == "OR" || text == "أو" || text == "|") {
			pendingOr = len(items) > 0
			continue
		}
		if !quoted && !neg {
			if ok, err := q.Filters.set(text); ok || err != nil {
				if err != nil {
					return Query{}, err
				}
				continue
			}
		}
		terms := analyse(text)
		if len(terms) == 0 {
			continue // a stop word or punctuation alone
		}
		it := item{expr: phrase(terms), ts: tsPhrase(terms), neg: neg, or: pendingOr && !neg}
		pendingOr = false
		items = append(items, it)
		if !neg {
			q.Terms = append(q.Terms, terms...)
		}
	}
	q.Match = expression(items, ftsSyntax)
	q.TSQuery = expression(items, tsSyntax)
	if q.Match == "" && q.Filters == (Filters{}) {
		if hasNegative(items) {
			return Query{}, errors.New("a query needs a word to find, not only words to leave out")
		}
		return Query{}, ErrEmptyQuery
	}
	return q, nil
}

func analyse(text string) []string {
	var out []string
	for _, t := range Analyzer().Analyze(text) {
		out = append(out, t.Text)
	}
	return out
}

// phrase quotes terms for FTS5: one term is a string, several a phrase.
func phrase(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted, " + ")
}

// syntax is how an engine writes the operators of a query.
type syntax struct {
	and, or, not string
	clause       func(item) string
}

var (
	ftsSyntax = syntax{and: " AND ", or: " OR ", not: " NOT ", clause: func(it item) string { return it.expr }}
	tsSyntax  = syntax{and: " & ", or: " | ", not: " & !", clause: func(it item) string { return it.ts }}
)

// tsPhrase quotes terms for a tsquery: 'term', several joined by <->.
func tsPhrase(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = "'" + strings.ReplaceAll(strings.ReplaceAll(t, `\`, `\\`), "'", "''") + "'"
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return "(" + strings.Join(quoted, " <-> ") + ")"
}

// expression joins positive clauses (AND, or OR where asked) and appends
// the negative ones. Without a positive clause it is "".
func expression(items []item, sx syntax) string {
	var groups [][]string
	var negs []string
	for _, it := range items {
		switch {
		case it.neg:
			negs = append(negs, sx.clause(it))
		case it.or && len(groups) > 0:
			g := &groups[len(groups)-1]
			*g = append(*g, sx.clause(it))
		default:
			groups = append(groups, []string{sx.clause(it)})
		}
	}
	if len(groups) == 0 {
		return ""
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = g[0]
		if len(g) > 1 {
			parts[i] = "(" + strings.Join(g, sx.or) + ")"
		}
	}
	expr := strings.Join(parts, sx.and)
	for _, n := range negs {
		expr = "(" + expr + ")" + sx.not + n
	}
	return expr
}

func hasNegative(items []item) bool {
	for _, it := range items {
		if it.neg {
			return true
		}
	}
	return false
}

// set applies a field:value filter. ok is false when text is no filter.
func (f *Filters) set(text string) (ok bool, err error) {
	name, value, found := strings.Cut(text, ":")
	if !found || value == "" {
		return false, nil
	}
	switch strings.ToLower(name) {
	case "source", "مصدر":
		f.Source = value
	case "actor", "فاعل":
		f.Actor = strings.ToUpper(value)
	case "event", "type", "حدث":
		f.Event = strings.ToUpper(value)
	case "since", "from", "من":
		if !isDate(value) {
			return true, fmt.Errorf("since:%s: want a date YYYY-MM-DD", value)
		}
		f.Since = value
	case "until", "to", "إلى":
		if !isDate(value) {
			return true, fmt.Errorf("until:%s: want a date YYYY-MM-DD", value)
		}
		f.Until = value
	default:
		return false, nil
	}
	return true, nil
}

// isDate accepts YYYY, YYYY-MM and YYYY-MM-DD.
func isDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

type field struct {
	text   string
	quoted bool
	neg    bool
}

// fields splits a query at spaces, keeping "quoted phrases" (also «...»
// and “...”) whole and reading a leading minus as exclusion.
func fields(s string) []field {
	var out []field
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			neg = true
			i++
		}
		if closing, ok := quoteClose(rs[i]); ok {
			j := i + 1
			for j < len(rs) && rs[j] != closing {
				j++
			}
			out = append(out, field{text: string(rs[i+1 : j]), quoted: true, neg: neg})
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			j++
		}
		out = append(out, field{text: string(rs[i:j]), neg: neg})
		i = j
	}
	return out
}

func quoteClose(r rune) (rune, bool) {
	switch r {
	case '"':
		return '"', true
	case '«':
		return '»', true
	case '“':
		return '”', true
	}
	return 0, false
}
