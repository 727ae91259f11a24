package server

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/analytics"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

//go:embed web/templates.html web/static
var webFS embed.FS

// pageNames are the dashboard's pages, each a "NAME-content" template.
var pageNames = []string{"home", "search", "article", "events", "dyads", "actors", "actor", "ingest", "alerts", "error"}

var pages = parsePages()

func parsePages() map[string]*template.Template {
	base := template.Must(template.New("base").Funcs(template.FuncMap{
		"actorLabel": actorLabel,
		"goldClass":  goldClass,
		"shorten":    shorten,
		"inc":        func(i int) int { return i + 1 },
	}).ParseFS(webFS, "web/templates.html"))
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t := template.Must(base.Clone())
		template.Must(t.New("content").Parse(`{{template "` + name + `-content" .}}`))
		out[name] = t
	}
	return out
}

// view is what every page template gets.
type view struct {
	Title string
	Query string
	Data  any
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, code int, name string, v view) error {
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, err := buf.WriteTo(w)
	return err
}

func (s *Server) renderError(w http.ResponseWriter, code int, msg string) {
	if err := s.render(w, code, "error", view{Title: http.StatusText(code), Data: msg}); err != nil {
		http.Error(w, msg, code)
	}
}

func (s *Server) pageRoutes() []route {
	static, _ := fs.Sub(webFS, "web")
	files := http.FileServerFS(static)
	return []route{
		{pattern: "GET /{$}", handler: s.homePage},
		{pattern: "GET /search", handler: s.searchPage},
		{pattern: "GET /articles/{id}", handler: s.articlePage},
		{pattern: "GET /events", handler: s.eventsPage},
		{pattern: "GET /dyads", handler: s.dyadsPage},
		{pattern: "GET /actors", handler: s.actorsPage},
		{pattern: "GET /actors/{code}", handler: s.actorPage},
		{pattern: "GET /ingest", handler: s.ingestPage},
		{pattern: "GET /alerts", handler: s.alertsPage},
		{pattern: "POST /ingest", write: true, handler: s.ingestForm},
		{pattern: "GET /static/", handler: func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Cache-Control", "public, max-age=3600")
			files.ServeHTTP(w, r)
			return nil
		}},
	}
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var data struct {
		Articles, Events int
		Top              []analytics.ActorCount
		Recent           []store.Summary
	}
	var err error
	if data.Articles, err = s.cfg.Store.Count(ctx, store.Query{}); err != nil {
		return err
	}
	if data.Events, err = s.cfg.Store.CountEvents(ctx, store.EventFilter{}); err != nil {
		return err
	}
	if data.Top, err = analytics.TopActors(ctx, s.cfg.Store, store.EventFilter{}, analytics.Countries, 12); err != nil {
		return err
	}
	if data.Recent, err = s.cfg.Store.List(ctx, store.Query{Limit: 12}); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "home", view{Title: "الرئيسية", Data: data})
}

// pager links the pages of a listing.
type pager struct {
	Prev, Next      template.URL
	From, To, Total int
}

func makePager(r *http.Request, total, limit, offset, shown int) pager {
	p := pager{From: offset + 1, To: offset + shown, Total: total}
	if shown == 0 {
		p.From = offset
	}
	link := func(off int) template.URL {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(off))
		return template.URL(q.Encode())
	}
	if offset > 0 {
		p.Prev = link(max(offset-limit, 0))
	}
	if offset+shown < total {
		p.Next = link(offset + limit)
	}
	return p
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	var data struct {
		Asked bool
		Error string
		Total int
		Hits  []searchHit
		Pager pager
	}
	if strings.TrimSpace(q) != "" {
		limit, offset, err := paging(r)
		if err != nil {
			return err
		}
		data.Asked = true
		_, total, hits, err := s.runSearch(r.Context(), q, min(limit, 20), offset)
		if he, ok := err.(httpError); ok {
			data.Error, data.Asked = he.msg, false
		} else if err != nil {
			return err
		}
		data.Total, data.Hits = total, hits
		data.Pager = makePager(r, total, min(limit, 20), offset, len(hits))
	}
	return s.render(w, http.StatusOK, "search", view{Title: "بحث", Query: q, Data: data})
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	rows := make([]store.EventRow, len(d.Events))
	for i, e := range d.Events {
		rows[i] = store.EventRow{ArticleID: d.ID, Seq: i, Title: d.Article.Title, Event: e, Evidence: spanText(d.Text, e.Sentence.Start, e.Sentence.End)}
	}
	data := struct {
		Doc       *document.Document
		Annotated template.HTML
		Events    []store.EventRow
	}{d, Annotate(d), rows}
	return s.render(w, http.StatusOK, "article", view{Title: d.Article.Title, Data: data})
}

func spanText(text string, start, end int) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	return text[start:end]
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r)
	if err != nil {
		return err
	}
	if f.Limit, f.Offset, err = paging(r); err != nil {
		return err
	}
	total, err := s.cfg.Store.CountEvents(r.Context(), f)
	if err != nil {
		return err
	}
	merged := r.URL.Query().Get("merged") == "true"
	rows := []store.EventRow{}
	var mergedRows []analytics.MergedEvent
	if merged {
		// Reports of one event are merged within the page's events.
		if mergedRows, err = analytics.Merge(r.Context(), s.cfg.Store, f); err != nil {
			return err
		}
	} else if err := s.cfg.Store.Events(r.Context(), f, func(e store.EventRow) error { rows = append(rows, e); return nil }); err != nil {
		return err
	}
	export := r.URL.Query()
	for _, k := range []string{"offset", "limit", "merged"} {
		export.Del(k)
	}
	shown := len(rows)
	for _, m := range mergedRows {
		shown += m.NumMentions
	}
	data := struct {
		F          store.EventFilter
		Total      int
		Merged     bool
		Rows       []store.EventRow
		MergedRows []analytics.MergedEvent
		Pager      pager
		Export     template.URL
	}{f, total, merged, rows, mergedRows, makePager(r, total, f.Limit, f.Offset, shown), template.URL(export.Encode())}
	return s.render(w, http.StatusOK, "events", view{Title: "الأحداث", Data: data})
}

// dyadPage is the data of the dyad page.
type dyadPage struct {
	Actor, PartnerList, Split string
	Partners                  []string
	Interval                  analytics.Interval
	Intervals                 []analytics.Interval
	Directed                  bool
	Series                    []analytics.Series
	Trend                     template.HTML
	Bars                      []template.HTML
	Alignment                 *analytics.Alignment
}

// maxPartners bounds the lines of one dyad chart.
const maxPartners = 6

func (s *Server) dyadsPage(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	p := dyadPage{Actor: strings.ToUpper(firstNonEmpty(v.Get("a"), "KAZ")), PartnerList: strings.ToUpper(firstNonEmpty(v.Get("b"), "RUS,CHN")),
		Directed: v.Get("directed") == "true", Intervals: []analytics.Interval{analytics.Month, analytics.Week, analytics.Day}}
	var err error
	if p.Interval, err = analytics.ParseInterval(v.Get("interval")); err != nil {
		return badRequest("%v", err)
	}
	for _, b := range strings.Split(p.PartnerList, ",") {
		if b = strings.TrimSpace(b); b != "" && len(p.Partners) < maxPartners {
			p.Partners = append(p.Partners, b)
		}
	}
	if p.Split, err = dateParam(r, "split"); err != nil {
		return err
	}
	ctx := r.Context()
	for _, b := range p.Partners {
		sr, err := analytics.Dyad(ctx, s.cfg.Store, store.EventFilter{Actor: p.Actor, Partner: b, Directed: p.Directed}, p.Interval)
		if err != nil {
			return err
		}
		p.Series = append(p.Series, sr)
	}
	labels, lines := alignSeries(p.Series)
	p.Trend = LineChart("متوسط مقياس غولدستين لكل فترة", labels, lines, -10, 10)
	for _, sr := range p.Series {
		stacks := make([][4]int, len(sr.Points))
		names := make([]string, len(sr.Points))
		for i, pt := range sr.Points {
			stacks[i], names[i] = pt.Quad, pt.Period
		}
		p.Bars = append(p.Bars, StackedBars(fmt.Sprintf("الأحداث بين %s و%s حسب الفئة", actorLabel(sr.Actor), actorLabel(sr.Partner)), names, stacks))
	}
	if p.Split == "" {
		p.Split = s.defaultSplit(ctx, p.Actor)
	}
	if t, err := time.Parse("2006-01-02", p.Split); err == nil {
		a, err := analytics.AlignmentShift(ctx, s.cfg.Store, p.Actor,
			analytics.Period{Until: t.AddDate(0, 0, -1).Format("2006-01-02")}, analytics.Period{Since: p.Split}, 1)
		if err != nil {
			return err
		}
		p.Alignment = &a
	}
	return s.render(w, http.StatusOK, "dyads", view{Title: "الثنائيات", Data: p})
}

// defaultSplit is the middle day of the actor's dated events.
func (s *Server) defaultSplit(ctx context.Context, code string) string {
	groups, err := s.cfg.Store.GroupEvents(ctx, store.EventFilter{Actor: code}, store.ByDay)
	if err != nil {
		return ""
	}
	var days []string
	for _, g := range groups {
		if len(g.Keys[0]) == 10 {
			days = append(days, g.Keys[0])
		}
	}
	if len(days) < 2 {
		return ""
	}
	return days[len(days)/2]
}

// alignSeries puts several series on one axis of periods: the union of
// their periods, in order, with NaN where a series has no events.
func alignSeries(series []analytics.Series) ([]string, []Line) {
	set := map[string]bool{}
	for _, sr := range series {
		for _, p := range sr.Points {
			set[p.Period] = true
		}
	}
	labels := make([]string, 0, len(set))
	for p := range set {
		labels = append(labels, p)
	}
	sortStrings(labels)
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	lines := make([]Line, len(series))
	for i, sr := range series {
		vals := make([]float64, len(labels))
		for j := range vals {
			vals[j] = math.NaN()
		}
		for _, p := range sr.Points {
			if p.Events > 0 {
				vals[index[p.Period]] = p.GoldsteinMean
			}
		}
		lines[i] = Line{Name: actorLabel(sr.Actor) + " – " + actorLabel(sr.Partner), Values: vals}
	}
	return labels, lines
}

func (s *Server) actorsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	top, err := analytics.TopActors(ctx, s.cfg.Store, store.EventFilter{}, analytics.Countries, 40)
	if err != nil {
		return err
	}
	net, err := analytics.ActorNetwork(ctx, s.cfg.Store, store.EventFilter{}, analytics.Countries, 1, 60)
	if err != nil {
		return err
	}
	data := struct {
		Top   []analytics.ActorCount
		Graph template.HTML
	}{top, networkSVG("شبكة الفاعلين: من يفعل بمن", net)}
	return s.render(w, http.StatusOK, "actors", view{Title: "الفاعلون", Data: data})
}

func networkSVG(title string, net analytics.Network) template.HTML {
	nodes := make([]GraphNode, len(net.Nodes))
	for i, n := range net.Nodes {
		nodes[i] = GraphNode{ID: n.Code, Label: actorLabel(n.Code), Weight: n.Events, Link: "/actors/" + url.PathEscape(n.Code)}
	}
	edges := make([]GraphEdge, len(net.Edges))
	for i, e := range net.Edges {
		edges[i] = GraphEdge{From: e.Source, To: e.Target, Weight: e.Events, Goldstein: e.GoldsteinMean}
	}
	return NetworkGraph(title, nodes, edges)
}

func (s *Server) actorPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.actorView(r.Context(), r.PathValue("code"), analytics.Month)
	if err != nil {
		return err
	}
	stacks := make([][4]int, len(v.Timeline.Points))
	labels := make([]string, len(v.Timeline.Points))
	for i, p := range v.Timeline.Points {
		stacks[i], labels[i] = p.Quad, p.Period
	}
	data := struct {
		View     actorView
		Timeline template.HTML
		Graph    template.HTML
	}{v, StackedBars("أحداث "+actorLabel(v.Code)+" شهريًا", labels, stacks), networkSVG("شبكة "+actorLabel(v.Code), v.Network)}
	return s.render(w, http.StatusOK, "actor", view{Title: actorLabel(v.Code), Data: data})
}

func (s *Server) ingestPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "ingest", view{Title: "إدخال", Data: struct {
		Result *ingestResult
		Error  string
	}{}})
}

func (s *Server) ingestForm(w http.ResponseWriter, r *http.Request) error {
	res, err := s.ingestRequest(r)
	data := struct {
		Result *ingestResult
		Error  string
	}{Result: &res}
	code := http.StatusOK
	if he, ok := err.(httpError); ok {
		data.Result, data.Error, code = nil, he.msg, he.code
	} else if err != nil {
		return err
	}
	return s.render(w, code, "ingest", view{Title: "إدخال", Data: data})
}

// actorLabel names an actor code in Arabic where the code is a country:
// "روسيا (RUS)", "كازاخستان · GOV (KAZGOV)".
func actorLabel(code string) string {
	name := actorName(code)
	if name == "" {
		return code
	}
	return name + " (" + code + ")"
}

func actorName(code string) string {
	if len(code) < 3 {
		return ""
	}
	return actor.CountryName(code[:3])
}

// goldClass is the CSS class of a Goldstein value.
func goldClass(g float64) string {
	switch {
	case g >= 1:
		return "coop"
	case g <= -1:
		return "conf"
	}
	return "neutral"
}

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
