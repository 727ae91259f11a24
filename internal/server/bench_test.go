package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/search"
	"github.com/rasd-project/rasd/internal/store"
)

const newsSample = "../../../shared/data/news/saudinewsnet_sample.jsonl"

var (
	benchOnce  sync.Once
	benchStore store.Store
	benchErr   error
)

// benchArticles is the size of the benchmark corpus: the news sample
// replicated with varied IDs (RASD_BENCH_ARTICLES, default 100,000).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("RASD_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// largeStore builds (or opens $RASD_BENCH_DB), once per run, a store of benchArticles analysed
// articles: the news sample analysed once, then copied with a suffix on
// the title and URL so that every copy is a new article.
func largeStore(b *testing.B) store.Store {
	if _, err := os.Stat(newsSample); err != nil {
		b.Skipf("news sample not found at %s (../shared is absent): %v", newsSample, err)
	}
	benchOnce.Do(func() {
		ctx := context.Background()
		if path := os.Getenv("RASD_BENCH_DB"); path != "" {
			// A store built by an earlier run: rebuilding takes minutes.
			benchStore, benchErr = store.OpenSQLite(ctx, path)
			return
		}
		dir, err := os.MkdirTemp("", "rasd-bench-")
		if err != nil {
			benchErr = err
			return
		}
		st, err := store.OpenSQLite(ctx, filepath.Join(dir, "rasd.db"))
		if err != nil {
			benchErr = err
			return
		}
		var docs []*document.Document
		err = ingest.NewReader(ingest.Options{}).Read(ctx, []string{newsSample}, func(d *document.Document) error {
			sharedAnalyzer().Document(d)
			docs = append(docs, d)
			return nil
		}, func(*ingest.InputError) {})
		if err != nil {
			benchErr = err
			return
		}
		start, n := time.Now(), benchArticles()
		batch := make([]*document.Document, 0, 512)
		for i := 0; i < n; i++ {
			d := *docs[i%len(docs)]
			if copyNo := i / len(docs); copyNo > 0 {
				d.Article.URL = fmt.Sprintf("%s#copy-%d", d.Article.URL, copyNo)
				d.Hash = document.ContentHash(d.Article)
				d.ID = d.Hash[:16]
			}
			batch = append(batch, &d)
			if len(batch) == cap(batch) || i == n-1 {
				if _, err := st.PutBatch(ctx, batch); err != nil {
					benchErr = err
					return
				}
				batch = batch[:0]
			}
		}
		events, _ := st.CountEvents(ctx, store.EventFilter{})
		fmt.Fprintf(os.Stderr, "bench store: %d articles, %d events, built in %s (%s)\n", n, events, time.Since(start).Round(time.Second), dir)
		benchStore = st
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// benchQueries are searches an analyst would type: common and rare words,
// a phrase, a filter.
var benchQueries = []string{"السعودية", "وزير الخارجية", `"ولي العهد"`, "انتخابات", "النفط أسعار", "إيران -العراق", "مجلس الأمن", "اليمن actor:SAU"}

// BenchmarkSearch100k reports the latency of a search (BM25 page of 20
// and its snippets) over the large store, with p50 and p99.
func BenchmarkSearch100k(b *testing.B) {
	st := largeStore(b)
	srv, err := New(Config{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range benchQueries { // warm the page cache
		pq, _ := search.Parse(q)
		st.Search(ctx, pq, 20, 0)
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := benchQueries[i%len(benchQueries)]
		t0 := time.Now()
		if _, _, _, err := srv.runSearch(ctx, q, 20, 0); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportPercentiles(b, lat)
}

// BenchmarkDyadPage100k reports the latency of the dashboard's dyad page
// (two dyad series, the charts, the alignment table) over the large store.
func BenchmarkDyadPage100k(b *testing.B) {
	st := largeStore(b)
	srv, err := New(Config{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	pairs := [][2]string{{"SAU", "USA,IRN"}, {"USA", "IRN,SAU"}, {"SAU", "YEM,QAT"}}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pairs[i%len(pairs)]
		req := httptest.NewRequest("GET", "/dyads?a="+p[0]+"&b="+url.QueryEscape(p[1])+"&split=2016-01-01", nil)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		srv.ServeHTTP(rec, req)
		lat = append(lat, time.Since(t0))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
