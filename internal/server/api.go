package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/analytics"
	"github.com/rasd-project/rasd/internal/export"
	"github.com/rasd-project/rasd/internal/search"
	"github.com/rasd-project/rasd/internal/store"
)

// Page sizes: the default and the most one request may ask for.
const (
	defaultLimit = 50
	maxLimit     = 1000
)

func (s *Server) apiRoutes() []route {
	return []route{
		{pattern: "GET /healthz", handler: s.healthz},
		{pattern: "GET /metrics", handler: s.metricsPage},
		{pattern: "GET /api/openapi.json", handler: s.openapi},
		{pattern: "GET /api/articles", handler: s.apiArticles},
		{pattern: "GET /api/articles/{id}", handler: s.apiArticle},
		{pattern: "GET /api/search", handler: s.apiSearch},
		{pattern: "GET /api/events", handler: s.apiEvents},
		{pattern: "GET /api/actors", handler: s.apiActors},
		{pattern: "GET /api/actors/{code}", handler: s.apiActor},
		{pattern: "GET /api/dyads", handler: s.apiDyad},
		{pattern: "GET /api/network", handler: s.apiNetwork},
		{pattern: "GET /api/alignment", handler: s.apiAlignment},
		{pattern: "GET /api/alerts", handler: s.apiAlerts},
		{pattern: "GET /api/feeds", handler: s.apiFeeds},
		{pattern: "POST /api/ingest", write: true, handler: s.apiIngest},
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.cfg.Store.SchemaVersion(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": err.Error()})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (s *Server) metricsPage(w http.ResponseWriter, r *http.Request) error {
	articles, err := s.cfg.Store.Count(r.Context(), store.Query{})
	if err != nil {
		return err
	}
	events, err := s.cfg.Store.CountEvents(r.Context(), store.EventFilter{})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w, articles, events)
	return nil
}

// page is a page of a listing.
type page[T any] struct {
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	Items  []T `json:"items"`
}

// paging reads limit and offset.
func paging(r *http.Request) (limit, offset int, err error) {
	limit, err = intParam(r, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return 0, 0, err
	}
	offset, err = intParam(r, "offset", 0, 0, 1<<31-1)
	return limit, offset, err
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func dateParam(r *http.Request, name string) (string, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, v); err == nil {
			return v, nil
		}
	}
	return "", badRequest("%s=%q: want a date YYYY-MM-DD", name, v)
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) error {
	q, err := articleQuery(r)
	if err != nil {
		return err
	}
	total, err := s.cfg.Store.Count(r.Context(), q)
	if err != nil {
		return err
	}
	items, err := s.cfg.Store.List(r.Context(), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[store.Summary]{Total: total, Limit: q.Limit, Offset: q.Offset, Items: items})
	return nil
}

func articleQuery(r *http.Request) (store.Query, error) {
	var q store.Query
	var err error
	if q.Limit, q.Offset, err = paging(r); err != nil {
		return q, err
	}
	q.Source = r.URL.Query().Get("source")
	if q.Since, err = dateParam(r, "since"); err != nil {
		return q, err
	}
	q.Until, err = dateParam(r, "until")
	return q, err
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	d, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// searchHit is a hit with its highlighted snippet.
type searchHit struct {
	store.SearchHit
	Snippet []search.Fragment `json:"snippet"`
}

// runSearch parses and runs a search and cuts a snippet for each hit.
func (s *Server) runSearch(ctx context.Context, text string, limit, offset int) (search.Query, int, []searchHit, error) {
	q, err := search.Parse(text)
	if err != nil {
		return q, 0, nil, badRequest("q: %v", err)
	}
	res, err := s.cfg.Store.Search(ctx, q, limit, offset)
	if err != nil {
		return q, 0, nil, err
	}
	hits := make([]searchHit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = searchHit{SearchHit: h}
		body := afterTitle(h.Text, h.Title)
		hits[i].Snippet = search.Snippet(body, search.Hits(body, q.Terms), 260)
	}
	return q, res.Total, hits, nil
}

// afterTitle is the text after its first line when that line holds the
// headline: snippets come from the body.
func afterTitle(text, title string) string {
	if i := strings.IndexByte(text, '\n'); i >= 0 && title != "" && strings.Contains(text[:i], title) {
		return text[i+1:]
	}
	return text
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := paging(r)
	if err != nil {
		return err
	}
	q, total, hits, err := s.runSearch(r.Context(), r.URL.Query().Get("q"), limit, offset)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Query   string          `json:"query"`
		Match   string          `json:"match"`
		Filters search.Filters  `json:"filters"`
		Page    page[searchHit] `json:"results"`
	}{r.URL.Query().Get("q"), q.Match, q.Filters, page[searchHit]{Total: total, Limit: limit, Offset: offset, Items: hits}})
	return nil
}

// eventFilter reads the event filters shared by the API and the pages.
func eventFilter(r *http.Request) (store.EventFilter, error) {
	v := r.URL.Query()
	f := store.EventFilter{
		Actor: strings.ToUpper(v.Get("actor")), Partner: strings.ToUpper(v.Get("partner")),
		Source: strings.ToUpper(v.Get("source")), Target: strings.ToUpper(v.Get("target")),
		Cameo: v.Get("cameo"), Plover: strings.ToUpper(v.Get("plover")), Article: v.Get("article"),
		Directed: v.Get("directed") == "true" || v.Get("directed") == "1",
	}
	if strings.Trim(f.Cameo, "0123456789") != "" {
		return f, badRequest("cameo=%q: want a CAMEO code prefix such as 19 or 042", f.Cameo)
	}
	var err error
	if f.Quad, err = intParam(r, "quad", 0, 0, 4); err != nil {
		return f, err
	}
	if f.Since, err = dateParam(r, "since"); err != nil {
		return f, err
	}
	if f.Until, err = dateParam(r, "until"); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	switch format {
	case "", "json":
	case "jsonl", "csv", "parquet":
		return s.exportEvents(w, r, f, format)
	default:
		return badRequest("format=%q: want json, jsonl, csv or parquet", format)
	}
	if f.Limit, f.Offset, err = paging(r); err != nil {
		return err
	}
	total, err := s.cfg.Store.CountEvents(r.Context(), f)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("merged") == "true" {
		merged, err := analytics.Merge(r.Context(), s.cfg.Store, f)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[analytics.MergedEvent]{Total: total, Limit: f.Limit, Offset: f.Offset, Items: nonNil(merged)})
		return nil
	}
	items := []store.EventRow{}
	if err := s.cfg.Store.Events(r.Context(), f, func(e store.EventRow) error { items = append(items, e); return nil }); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[store.EventRow]{Total: total, Limit: f.Limit, Offset: f.Offset, Items: items})
	return nil
}

// exportEvents streams every matching event (no paging) as a file.
func (s *Server) exportEvents(w http.ResponseWriter, r *http.Request, f store.EventFilter, format string) error {
	f.Limit, _ = intParam(r, "limit", 0, 0, 1<<31-1)
	w.Header().Set("Content-Type", export.ContentType(format))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rasd-events.%s"`, format))
	ew, err := export.NewWriter(w, format)
	if err != nil {
		return err
	}
	if err := s.cfg.Store.Events(r.Context(), f, ew.Write); err != nil {
		return err
	}
	return ew.Close()
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	top, err := analytics.TopActors(r.Context(), s.cfg.Store, f, analytics.ParseLevel(r.URL.Query().Get("level")), limit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"actors": nonNil(top)})
	return nil
}

// actorView is an actor's page: partners, timeline, recent events.
type actorView struct {
	Code     string                 `json:"code"`
	Name     string                 `json:"name,omitempty"`
	Timeline analytics.Series       `json:"timeline"`
	Partners []analytics.ActorCount `json:"partners"`
	Network  analytics.Network      `json:"network"`
	Recent   []store.EventRow       `json:"recent_events"`
}

func (s *Server) actorView(ctx context.Context, code string, iv analytics.Interval) (actorView, error) {
	code = strings.ToUpper(code)
	v := actorView{Code: code, Name: actorName(code), Recent: []store.EventRow{}}
	f := store.EventFilter{Actor: code}
	var err error
	if v.Timeline, err = analytics.Dyad(ctx, s.cfg.Store, f, iv); err != nil {
		return v, err
	}
	if v.Partners, err = analytics.TopActors(ctx, s.cfg.Store, f, analytics.Countries, 12); err != nil {
		return v, err
	}
	v.Partners = without(v.Partners, code)
	if v.Network, err = analytics.ActorNetwork(ctx, s.cfg.Store, f, analytics.Countries, 1, 40); err != nil {
		return v, err
	}
	err = s.cfg.Store.Events(ctx, store.EventFilter{Actor: code, Limit: 20}, func(e store.EventRow) error {
		v.Recent = append(v.Recent, e)
		return nil
	})
	return v, err
}

// without drops the focal actor from its own partner list.
func without(list []analytics.ActorCount, code string) []analytics.ActorCount {
	out := list[:0]
	for _, a := range list {
		if a.Code != code {
			out = append(out, a)
		}
	}
	return out
}

func (s *Server) apiActor(w http.ResponseWriter, r *http.Request) error {
	iv, err := analytics.ParseInterval(r.URL.Query().Get("interval"))
	if err != nil {
		return badRequest("%v", err)
	}
	v, err := s.actorView(r.Context(), r.PathValue("code"), iv)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) apiDyad(w http.ResponseWriter, r *http.Request) error {
	f, iv, err := dyadParams(r)
	if err != nil {
		return err
	}
	series, err := analytics.Dyad(r.Context(), s.cfg.Store, f, iv)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, series)
	return nil
}

// dyadParams reads a=, b= (or actor=, partner=), directed=, interval=.
func dyadParams(r *http.Request) (store.EventFilter, analytics.Interval, error) {
	f, err := eventFilter(r)
	if err != nil {
		return f, "", err
	}
	v := r.URL.Query()
	if a := v.Get("a"); a != "" {
		f.Actor = strings.ToUpper(a)
	}
	if b := v.Get("b"); b != "" {
		f.Partner = strings.ToUpper(b)
	}
	if f.Actor == "" {
		return f, "", badRequest("a: give an actor code such as KAZ (and b, its partner)")
	}
	iv, err := analytics.ParseInterval(v.Get("interval"))
	if err != nil {
		return f, "", badRequest("%v", err)
	}
	return f, iv, nil
}

func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r)
	if err != nil {
		return err
	}
	minEvents, err := intParam(r, "min", 1, 1, 1<<20)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 100, 1, maxLimit)
	if err != nil {
		return err
	}
	net, err := analytics.ActorNetwork(r.Context(), s.cfg.Store, f, analytics.ParseLevel(r.URL.Query().Get("level")), minEvents, limit)
	if err != nil {
		return err
	}
	net.Nodes, net.Edges = nonNil(net.Nodes), nonNil(net.Edges)
	writeJSON(w, http.StatusOK, net)
	return nil
}

// alignmentParams reads actor= and either split=DATE or the four bounds
// before_since, before_until, after_since, after_until.
func alignmentParams(r *http.Request) (string, analytics.Period, analytics.Period, int, error) {
	var before, after analytics.Period
	actor := strings.ToUpper(r.URL.Query().Get("actor"))
	if actor == "" {
		return "", before, after, 0, badRequest("actor: give the focal actor, such as KAZ")
	}
	split, err := dateParam(r, "split")
	if err != nil {
		return "", before, after, 0, err
	}
	if split != "" {
		t, err := time.Parse("2006-01-02", split)
		if err != nil {
			return "", before, after, 0, badRequest("split=%q: want a full date YYYY-MM-DD", split)
		}
		before.Until = t.AddDate(0, 0, -1).Format("2006-01-02")
		after.Since = split
	}
	for _, p := range []struct {
		dst  *string
		name string
	}{{&before.Since, "before_since"}, {&before.Until, "before_until"}, {&after.Since, "after_since"}, {&after.Until, "after_until"}} {
		v, err := dateParam(r, p.name)
		if err != nil {
			return "", before, after, 0, err
		}
		if v != "" {
			*p.dst = v
		}
	}
	if before == (analytics.Period{}) && after == (analytics.Period{}) {
		return "", before, after, 0, badRequest("give split=YYYY-MM-DD, or before_until and after_since")
	}
	minEvents, err := intParam(r, "min", 1, 1, 1<<20)
	return actor, before, after, minEvents, err
}

func (s *Server) apiAlignment(w http.ResponseWriter, r *http.Request) error {
	actor, before, after, minEvents, err := alignmentParams(r)
	if err != nil {
		return err
	}
	a, err := analytics.AlignmentShift(r.Context(), s.cfg.Store, actor, before, after, minEvents)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}
