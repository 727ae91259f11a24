package queue

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/store"
)

const newsSample = "../../../shared/data/news/saudinewsnet_sample.jsonl"

// BenchmarkWorkers reports the throughput of 1 and 2 workers draining the
// queue of the news sample into one SQLite store, analysis included, the
// workers as goroutines of one process. Compare the two articles/s
// figures of one run for the scaling ratio.
func BenchmarkWorkers(b *testing.B) {
	if _, err := os.Stat(newsSample); err != nil {
		b.Skipf("news sample absent: %v", err)
	}
	var docs []*document.Document
	err := ingest.NewReader(ingest.Options{}).Read(context.Background(), []string{newsSample},
		func(d *document.Document) error { docs = append(docs, d); return nil }, func(*ingest.InputError) {})
	if err != nil {
		b.Fatal(err)
	}
	an := analyze.New()
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "1worker", 2: "2workers"}[workers], func(b *testing.B) {
			for range b.N {
				benchDrain(b, docs, workers, an)
			}
		})
	}
}

func benchDrain(b *testing.B, docs []*document.Document, workers int, an *analyze.Analyzer) {
	b.StopTimer()
	ctx := context.Background()
	srv, err := StartServer(ServerOptions{Addr: "127.0.0.1:0", StoreDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Shutdown()
	q, err := Connect(ctx, srv.ClientURL())
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	for _, d := range docs {
		if err := q.Publish(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	if err := q.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	st, err := store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "rasd.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.StartTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, err := Connect(ctx, srv.ClientURL())
			if err != nil {
				b.Error(err)
				return
			}
			defer w.Close()
			w.Work(ctx, st, WorkerOptions{Analyze: an.Document, Batch: 32, Idle: 500 * time.Millisecond})
		}()
	}
	wg.Wait()
	elapsed := time.Since(start) - 500*time.Millisecond // the idle wait at the end
	b.ReportMetric(float64(len(docs))/elapsed.Seconds(), "articles/s")
}
