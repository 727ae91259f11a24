package alert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// Alert is one firing of a rule: what, the figures behind it, and every
// evidence sentence.
type Alert struct {
	ID       string         `json:"id"`
	Rule     string         `json:"rule"`
	Kind     string         `json:"kind"`
	Window   string         `json:"window"` // what the alert is about: one event, one episode, one day
	FiredAt  time.Time      `json:"fired_at"`
	Summary  string         `json:"summary"`
	Figures  map[string]any `json:"figures"`
	Evidence []Evidence     `json:"evidence"`
}

// Evidence is one reported event behind an alert, with a link to its
// sentence in the dashboard.
type Evidence struct {
	ArticleID string  `json:"article_id"`
	Title     string  `json:"article_title"`
	Published string  `json:"article_published,omitempty"`
	Date      string  `json:"date"`
	Source    string  `json:"source,omitempty"`
	Target    string  `json:"target,omitempty"`
	Cameo     string  `json:"cameo"`
	Label     string  `json:"label,omitempty"`
	Goldstein float64 `json:"goldstein"`
	Sentence  string  `json:"sentence"`
	Offset    int     `json:"sentence_start"` // byte offset of the sentence in the article text
	Link      string  `json:"link"`
}

// maxEvidence bounds the evidence an aggregate alert carries.
const maxEvidence = 50

// Events is what the engine reads of the store.
type Events interface {
	Events(ctx context.Context, f store.EventFilter, fn func(store.EventRow) error) error
}

// Scope limits an evaluation to what some new articles could change: the
// alerts whose window holds an event of theirs. Nil Articles means all
// of history (a replay).
type Scope struct {
	Articles map[string]bool
}

func (s Scope) holds(articleID string) bool { return s.Articles == nil || s.Articles[articleID] }

// Engine evaluates rules over stored events.
type Engine struct {
	Rules []Rule
	// BaseURL prefixes the evidence links (http://host:port); "" leaves
	// them relative to the dashboard.
	BaseURL string
	// Now stamps alerts and ends the days a window can reach; nil means
	// time.Now.
	Now func() time.Time
}

// Evaluate returns the alerts the rules raise within scope. past are
// alerts fired before, so that an episode already told of (a dyad shift
// whose days grew as reports came in) is not told again.
func (e *Engine) Evaluate(ctx context.Context, es Events, scope Scope, past []Alert) ([]Alert, error) {
	var out []Alert
	for _, r := range e.Rules {
		var alerts []Alert
		var err error
		switch r.Kind {
		case KindEvent:
			alerts, err = e.eventAlerts(ctx, es, r, scope)
		case KindDyadShift:
			alerts, err = e.shiftAlerts(ctx, es, r, scope, past)
		case KindFirstSeen:
			alerts, err = e.firstSeenAlerts(ctx, es, r, scope)
		case KindVolumeSpike:
			alerts, err = e.spikeAlerts(ctx, es, r, scope)
		}
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.Name, err)
		}
		out = append(out, alerts...)
	}
	return out, nil
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// newAlert fills in what every alert has.
func (e *Engine) newAlert(r Rule, window, summary string, figures map[string]any, rows []store.EventRow) Alert {
	h := sha256.Sum256([]byte(r.Name + "\x00" + window))
	a := Alert{ID: hex.EncodeToString(h[:10]), Rule: r.Name, Kind: r.Kind, Window: window, FiredAt: e.now().UTC(),
		Summary: summary, Figures: figures, Evidence: []Evidence{}}
	for _, row := range rows {
		a.Evidence = append(a.Evidence, e.evidence(row))
	}
	return a
}

func (e *Engine) evidence(row store.EventRow) Evidence {
	ev := row.Event
	return Evidence{
		ArticleID: row.ArticleID, Title: row.Title, Published: row.Published, Date: eventDay(row),
		Source: actorCode(ev.Source), Target: actorCode(ev.Target), Cameo: ev.Code, Label: ev.Label,
		Goldstein: ev.Goldstein, Sentence: row.Evidence, Offset: ev.Sentence.Start,
		Link: e.BaseURL + "/articles/" + row.ArticleID + "#s" + strconv.Itoa(ev.Sentence.Start),
	}
}

func actorCode(a *document.EventActor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// eventDay is an event's date, else its article's.
func eventDay(row store.EventRow) string {
	if row.Event.Date != "" {
		return row.Event.Date
	}
	return row.Published
}

// matchesActor reports whether an actor code is the rule's actor: a
// country (three letters) takes all its sectors.
func matchesActor(rule, code string) bool {
	if code == "" {
		return false
	}
	if len(rule) == 3 {
		return strings.HasPrefix(code, rule)
	}
	return code == rule
}

// matchesType reports whether an event is of one of the types (PLOVER
// types or CAMEO prefixes); no types match every event.
func matchesType(types []string, ev document.Event) bool {
	if len(types) == 0 {
		return true
	}
	for _, t := range types {
		if t == ev.Plover || (t[0] >= '0' && t[0] <= '9' && strings.HasPrefix(ev.Code, t)) {
			return true
		}
	}
	return false
}

// rows reads the events a rule looks at, oldest first, each once: those
// involving any of its actors (or all events when it names none), of its
// types, at its confidence, dated on or after since.
func rows(ctx context.Context, es Events, r Rule, since string) ([]store.EventRow, error) {
	base := store.EventFilter{MinConf: r.MinConfidence, Since: since}
	if len(r.Types) == 1 {
		if t := r.Types[0]; t[0] >= '0' && t[0] <= '9' {
			base.Cameo = t
		} else {
			base.Plover = t
		}
	}
	var filters []store.EventFilter
	switch {
	case r.Kind == KindDyadShift:
		f := base
		f.Actor, f.Partner, f.Directed = r.Actors[0], r.Actors[1], r.Directed
		filters = append(filters, f)
	case len(r.Actors) == 0:
		filters = append(filters, base)
	default:
		for _, a := range r.Actors {
			f := base
			f.Actor = a
			filters = append(filters, f)
		}
	}
	type key struct {
		article string
		seq     int
	}
	seen := map[key]bool{}
	var out []store.EventRow
	for _, f := range filters {
		err := es.Events(ctx, f, func(row store.EventRow) error {
			k := key{row.ArticleID, row.Seq}
			if seen[k] || !matchesType(r.Types, row.Event) {
				return nil
			}
			seen[k] = true
			out = append(out, row)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if da, db := eventDay(a), eventDay(b); da != db {
			return da < db
		}
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		return a.Seq < b.Seq
	})
	return out, nil
}

// scopeSince is the first date of the rule's events in the scope's
// articles, "" for a replay of all history; ok is false when those
// articles hold none of the rule's events.
func scopeSince(ctx context.Context, es Events, r Rule, scope Scope) (since string, ok bool, err error) {
	if scope.Articles == nil {
		return "", true, nil
	}
	for id := range scope.Articles {
		err := es.Events(ctx, store.EventFilter{Article: id, MinConf: r.MinConfidence}, func(row store.EventRow) error {
			if !matchesType(r.Types, row.Event) || !involves(r.Actors, row.Event) {
				return nil
			}
			if d := eventDay(row); !ok || d < since {
				since, ok = d, true
			}
			return nil
		})
		if err != nil {
			return "", false, err
		}
	}
	return since, ok, nil
}

// involves reports whether an event has one of the actors on either side;
// no actors means any event.
func involves(actors []string, ev document.Event) bool {
	if len(actors) == 0 {
		return true
	}
	for _, a := range actors {
		if matchesActor(a, actorCode(ev.Source)) || matchesActor(a, actorCode(ev.Target)) {
			return true
		}
	}
	return false
}

// eventAlerts fires once per event (date, source, target and code), with
// every article that reports it.
func (e *Engine) eventAlerts(ctx context.Context, es Events, r Rule, scope Scope) ([]Alert, error) {
	// An event's reports share its date: history before the first date in
	// scope cannot touch an alert, so a watcher's check reads only the days
	// its new articles speak of, not the whole archive.
	since, ok, err := scopeSince(ctx, es, r, scope)
	if err != nil || !ok {
		return nil, err
	}
	all, err := rows(ctx, es, r, since)
	if err != nil {
		return nil, err
	}
	type key struct{ date, source, target, cameo string }
	groups := map[key][]store.EventRow{}
	var order []key
	touched := map[key]bool{}
	for _, row := range all {
		k := key{eventDay(row), actorCode(row.Event.Source), actorCode(row.Event.Target), row.Event.Code}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], row)
		if scope.holds(row.ArticleID) {
			touched[k] = true
		}
	}
	var out []Alert
	for _, k := range order {
		if !touched[k] {
			continue
		}
		g := groups[k]
		ev := g[0].Event
		articles := map[string]bool{}
		for _, row := range g {
			articles[row.ArticleID] = true
		}
		window := fmt.Sprintf("%s %s>%s %s", k.date, orDash(k.source), orDash(k.target), k.cameo)
		summary := fmt.Sprintf("%s → %s: %s %s on %s (%d articles)", orDash(k.source), orDash(k.target), ev.Code, ev.Label, k.date, len(articles))
		figures := map[string]any{"date": k.date, "source": k.source, "target": k.target, "cameo": ev.Code, "label": ev.Label,
			"plover": ev.Plover, "goldstein": ev.Goldstein, "quad_class": ev.Quad, "num_articles": len(articles), "num_mentions": len(g)}
		out = append(out, e.newAlert(r, window, summary, figures, g[:min(len(g), maxEvidence)]))
	}
	return out, nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// day is a calendar day as a number, for window arithmetic.
type day int

const dayLayout = "2006-01-02"

func parseDay(s string) (day, bool) {
	if len(s) < 10 {
		return 0, false
	}
	t, err := time.Parse(dayLayout, s[:10])
	if err != nil {
		return 0, false
	}
	return day(t.Unix() / 86400), true
}

func (d day) String() string { return time.Unix(int64(d)*86400, 0).UTC().Format(dayLayout) }

// daily groups rows by their day; rows without a full date are left out.
func daily(all []store.EventRow) (map[day][]store.EventRow, day, day) {
	by := map[day][]store.EventRow{}
	first, last := day(math.MaxInt32), day(math.MinInt32)
	for _, row := range all {
		d, ok := parseDay(eventDay(row))
		if !ok {
			continue
		}
		by[d] = append(by[d], row)
		first, last = min(first, d), max(last, d)
	}
	return by, first, last
}

// scopeStart is the first day of a rule's events that come from the
// scope's articles; ok is false when none do.
func scopeStart(all []store.EventRow, scope Scope) (day, bool) {
	start, ok := day(math.MaxInt32), false
	for _, row := range all {
		if !scope.holds(row.ArticleID) {
			continue
		}
		if d, good := parseDay(eventDay(row)); good {
			start, ok = min(start, d), true
		}
	}
	return start, ok
}

// newest returns up to maxEvidence rows, newest first.
func newest(rows []store.EventRow) []store.EventRow {
	out := make([]store.EventRow, 0, min(len(rows), maxEvidence))
	for i := len(rows) - 1; i >= 0 && len(out) < maxEvidence; i-- {
		out = append(out, rows[i])
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
