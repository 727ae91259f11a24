package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/pipeline"
	"github.com/rasd-project/rasd/internal/server"
	"github.com/rasd-project/rasd/internal/store"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// measureIngest is issue 2: parse and store the news sample into a new
// SQLite file, before the analysis (the whole machine).
func measureIngest(ctx context.Context, e *env) ([]Result, error) {
	var n int
	var took time.Duration
	for pass := range e.opts.Passes {
		st, err := store.OpenSQLite(ctx, filepath.Join(e.tmp, fmt.Sprintf("ingest-%d.db", pass)))
		if err != nil {
			return nil, err
		}
		start := time.Now()
		stats, err := pipeline.Ingest(ctx, ingest.NewReader(ingest.Options{}), st, []string{e.sample}, pipeline.Options{})
		took += time.Since(start)
		st.Close()
		if err != nil {
			return nil, err
		}
		n += stats.New
	}
	return []Result{{Issue: 2, Name: "ingest: parse and store, news sample", Value: float64(n) / took.Seconds(), Unit: "articles/s", Target: 2000}}, nil
}

// measureMemory is issue 10: the peak resident memory of a `rasd ingest`
// of the whole news sample with the full analysis, in a child process.
func measureMemory(ctx context.Context, e *env) ([]Result, error) {
	r := Result{Issue: 10, Name: "peak RSS, rasd ingest of the news sample", Unit: "MiB", Target: 1024, AtMost: true}
	if len(e.opts.Ingest) == 0 {
		r.Skipped = "no rasd binary to run"
		return []Result{r}, nil
	}
	args := append(slices.Clone(e.opts.Ingest[1:]), e.sample)
	cmd := exec.CommandContext(ctx, e.opts.Ingest[0], args...)
	cmd.Env = append(os.Environ(), "RASD_DB="+filepath.Join(e.tmp, "memory.db"))
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%v: %w\n%s", cmd.Args, err, out)
	}
	r.Value = float64(peakRSS(cmd.ProcessState)) / (1 << 20)
	r.Reference = fmt.Sprintf("%d articles analysed and stored in %s", len(e.news), time.Since(start).Round(time.Second))
	if r.Value == 0 {
		r.Skipped = "peak RSS unknown on this system"
	}
	return []Result{r}, nil
}

// searchQueries are what an analyst types: common and rare words, a
// phrase, an exclusion, a filter.
var searchQueries = []string{"السعودية", "وزير الخارجية", `"ولي العهد"`, "انتخابات", "النفط أسعار", "إيران -العراق", "مجلس الأمن", "اليمن actor:SAU"}

// measureLatency is issue 7: search and the dyad page over the large
// store, with bleve's index of the news sample beside rasd's.
func measureLatency(ctx context.Context, e *env) ([]Result, error) {
	st, err := e.largeStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	// The analysed sample served only to build the store: a server holds
	// no such heap, and collecting it mid-measure would time the bench.
	e.docs = nil
	runtime.GC()
	srv, err := server.New(server.Config{Store: st})
	if err != nil {
		return nil, err
	}
	get := func(path string) error {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("GET %s: status %d: %.200s", path, rec.Code, rec.Body)
		}
		return nil
	}
	const rounds = 25
	var searchLat, dyadLat []time.Duration
	for _, q := range searchQueries { // warm the page cache
		if err := get("/api/search?limit=20&q=" + url.QueryEscape(q)); err != nil {
			return nil, err
		}
	}
	for i := range rounds * len(searchQueries) {
		t0 := time.Now()
		if err := get("/api/search?limit=20&q=" + url.QueryEscape(searchQueries[i%len(searchQueries)])); err != nil {
			return nil, err
		}
		searchLat = append(searchLat, time.Since(t0))
	}
	pairs := [][2]string{{"SAU", "USA,IRN"}, {"USA", "IRN,SAU"}, {"SAU", "YEM,QAT"}}
	dyadPage := func(p [2]string) string {
		return "/dyads?a=" + p[0] + "&b=" + url.QueryEscape(p[1]) + "&split=2016-01-01"
	}
	for _, p := range pairs { // warm the page cache, as for search
		if err := get(dyadPage(p)); err != nil {
			return nil, err
		}
	}
	for i := range rounds * 4 {
		t0 := time.Now()
		if err := get(dyadPage(pairs[i%len(pairs)])); err != nil {
			return nil, err
		}
		dyadLat = append(dyadLat, time.Since(t0))
	}
	bleveRef, err := e.bleveSearch(ctx)
	if err != nil {
		return nil, err
	}
	events, _ := st.CountEvents(ctx, store.EventFilter{})
	size := fmt.Sprintf("%d articles, %d events", e.opts.Articles, events)
	return []Result{
		{Issue: 7, Name: "search p99 (" + size + ")", Value: ms(percentile(searchLat, 0.99)), Unit: "ms", Target: 50, AtMost: true,
			Reference: fmt.Sprintf("p50 %.1f ms; %s", ms(percentile(searchLat, 0.5)), bleveRef)},
		{Issue: 7, Name: "dyad page p99 (" + size + ")", Value: ms(percentile(dyadLat, 0.99)), Unit: "ms", Target: 100, AtMost: true,
			Reference: fmt.Sprintf("p50 %.1f ms", ms(percentile(dyadLat, 0.5)))},
	}, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// largeStore opens or builds the store of the latency figures: the news
// sample analysed once, then copied with a suffix on the URL so that
// every copy is a new article.
func (e *env) largeStore(ctx context.Context) (*store.DB, error) {
	path := e.opts.LargeDB
	if path == "" {
		path = filepath.Join(e.tmp, "large.db")
	}
	st, err := store.OpenSQLite(ctx, path)
	if err != nil {
		return nil, err
	}
	if n, err := st.Count(ctx, store.Query{}); err != nil || n >= e.opts.Articles {
		return st, err
	}
	if len(e.docs) > 0 && len(e.docs[0].Sentences) == 0 {
		// The analysis measure did not run (bench --only): analyse here.
		an := analyze.New()
		for _, d := range e.docs {
			an.Document(d)
		}
	}
	start := time.Now()
	batch := make([]*document.Document, 0, 512)
	for i := range e.opts.Articles {
		d := *e.docs[i%len(e.docs)]
		if copyNo := i / len(e.docs); copyNo > 0 {
			d.Article.URL = fmt.Sprintf("%s#copy-%d", d.Article.URL, copyNo)
			d.Hash = document.ContentHash(d.Article)
			d.ID = d.Hash[:16]
		}
		batch = append(batch, &d)
		if len(batch) == cap(batch) || i == e.opts.Articles-1 {
			if _, err := st.PutBatch(ctx, batch); err != nil {
				st.Close()
				return nil, err
			}
			batch = batch[:0]
		}
	}
	e.logf("large store: %d articles built in %s at %s", e.opts.Articles, time.Since(start).Round(time.Second), path)
	return st, nil
}

// bleveSearch indexes the news sample with bleve's Arabic analyzer (its
// default scorch index, on disk) and times the same queries' words, for
// reference.
func (e *env) bleveSearch(ctx context.Context) (string, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = ar.AnalyzerName
	m.DefaultMapping = bleve.NewDocumentMapping()
	text := mapping.NewTextFieldMapping()
	text.Analyzer = ar.AnalyzerName
	text.Store = false
	m.DefaultMapping.AddFieldMappingsAt("title", text)
	m.DefaultMapping.AddFieldMappingsAt("body", text)
	idx, err := bleve.New(filepath.Join(e.tmp, "bleve"), m)
	if err != nil {
		return "", err
	}
	defer idx.Close()
	start := time.Now()
	b := idx.NewBatch()
	for i, a := range e.news {
		if err := b.Index(fmt.Sprint(i), map[string]string{"title": a.Title, "body": a.Content}); err != nil {
			return "", err
		}
		if b.Size() == 500 || i == len(e.news)-1 {
			if err := idx.Batch(b); err != nil {
				return "", err
			}
			b = idx.NewBatch()
		}
	}
	indexRate := float64(len(e.news)) / time.Since(start).Seconds()
	var lat []time.Duration
	words := []string{"السعودية", "وزير الخارجية", "ولي العهد", "انتخابات", "النفط أسعار", "إيران", "مجلس الأمن", "اليمن"}
	for i := range 25 * len(words) {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(words[i%len(words)]), 20, 0, false)
		t0 := time.Now()
		if _, err := idx.SearchInContext(ctx, req); err != nil {
			return "", err
		}
		lat = append(lat, time.Since(t0))
	}
	return fmt.Sprintf("bleve (ar analyzer, scorch) over the %d-article sample: index %.0f articles/s, search p99 %.1f ms", len(e.news), indexRate, ms(percentile(lat, 0.99))), nil
}
