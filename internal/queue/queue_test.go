package queue

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/store"
)

// startServer runs an embedded JetStream server for one test.
func startServer(t *testing.T) string {
	t.Helper()
	s, err := StartServer(ServerOptions{Addr: "127.0.0.1:0", StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	return s.ClientURL()
}

// exampleDocs reads the bundled examples without analysis.
func exampleDocs(t *testing.T) []*document.Document {
	t.Helper()
	var docs []*document.Document
	err := ingest.NewReader(ingest.Options{}).Read(context.Background(), []string{filepath.Join("..", "..", "examples")},
		func(d *document.Document) error { docs = append(docs, d); return nil }, func(e *ingest.InputError) { t.Error(e) })
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func connect(t *testing.T, url string) *Queue {
	t.Helper()
	q, err := Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func storedIDs(t *testing.T, st store.Store) []string {
	t.Helper()
	list, err := st.List(context.Background(), store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	slices.Sort(ids)
	return ids
}

func docIDs(docs []*document.Document) []string {
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func openStore(t *testing.T) store.Store {
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestWorkersShareTheQueue: articles published twice are queued once, and
// two workers store each exactly once.
func TestWorkersShareTheQueue(t *testing.T) {
	url := startServer(t)
	ctx := context.Background()
	docs := exampleDocs(t)
	pub := connect(t, url)
	for range 2 { // the second round is dropped by the message IDs
		for _, d := range docs {
			if err := pub.Publish(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := pub.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := pub.Pending(ctx); n != uint64(len(docIDs(docs))) {
		t.Errorf("stream holds %d messages, want %d (one per article)", n, len(docIDs(docs)))
	}
	st := openStore(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := connect(t, url)
			err := w.Work(ctx, st, WorkerOptions{Batch: 4, Idle: 1500 * time.Millisecond, OnBatch: func(n, _ int) {
				mu.Lock()
				stored += n
				mu.Unlock()
			}})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got, want := storedIDs(t, st), docIDs(docs); !slices.Equal(got, want) {
		t.Errorf("stored %d articles, want the %d published", len(got), len(want))
	}
	if stored != len(docIDs(docs)) {
		t.Errorf("workers stored %d new articles, want %d", stored, len(docIDs(docs)))
	}
	if n, _ := pub.Pending(ctx); n != 0 {
		t.Errorf("%d messages left in the queue after the workers acknowledged all", n)
	}
}

// TestDeadWorkerIsRedelivered: a worker that takes a batch and dies
// without acknowledging it loses nothing; another worker gets the batch
// after AckWait.
func TestDeadWorkerIsRedelivered(t *testing.T) {
	url := startServer(t)
	ctx := context.Background()
	docs := exampleDocs(t)
	pub := connect(t, url)
	for _, d := range docs {
		if err := pub.Publish(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := pub.Flush(ctx); err != nil {
		t.Fatal(err)
	}

	// The doomed worker: it pulls a batch, then its connection dies.
	doomed, err := Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	doomed.AckWait = time.Second
	cons, err := doomed.js.CreateOrUpdateConsumer(ctx, Stream, jetstream.ConsumerConfig{Durable: Consumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: time.Second, MaxAckPending: 4096})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(5, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	taken := 0
	for range batch.Messages() {
		taken++
	}
	doomed.nc.Close() // killed: no ack, no nak
	if taken == 0 {
		t.Fatal("the doomed worker got no message")
	}

	st := openStore(t)
	survivor := connect(t, url)
	survivor.AckWait = time.Second
	if err := survivor.Work(ctx, st, WorkerOptions{Batch: 8, Idle: 3 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if got, want := storedIDs(t, st), docIDs(docs); !slices.Equal(got, want) {
		t.Errorf("stored %d articles, want all %d: the dead worker's %d were lost", len(got), len(want), taken)
	}
}

// TestGracefulStop: cancelling a worker's context ends Work without error.
func TestGracefulStop(t *testing.T) {
	url := startServer(t)
	w := connect(t, url)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Work(ctx, openStore(t), WorkerOptions{}) }()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Work after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("worker did not stop within 10s of cancellation")
	}
}
