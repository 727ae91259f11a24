package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

// Saver stores a batch of documents atomically and says which were new.
type Saver interface {
	PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error)
}

// indexPreparer is a Saver that can do part of its indexing work ahead of
// PutBatch, on the analysis workers.
type indexPreparer interface {
	PrepareIndex(d *document.Document)
}

// Stats counts what an ingest did.
type Stats struct {
	Read      int           `json:"read"`      // articles read and analysed
	New       int           `json:"new"`       // stored for the first time
	Duplicate int           `json:"duplicate"` // already in the store
	Failed    int           `json:"failed"`    // inputs, lines or items refused
	Elapsed   time.Duration `json:"-"`
}

// Options tune an ingest run.
type Options struct {
	// BatchSize is the number of documents stored per transaction.
	BatchSize int
	// OnError is told about every refused input.
	OnError func(*ingest.InputError)
	// OnProgress is called after every stored batch.
	OnProgress func(Stats)
	// OnStored is told about every document stored for the first time.
	OnStored func(*document.Document)
	// Analyze adds the analysis layers to each document before it is
	// stored; nil stores the anatomy alone. It must be safe for concurrent
	// use.
	Analyze func(*document.Document)
	// Workers is the number of goroutines that analyse; 0 means one per
	// core.
	Workers int
}

// DefaultBatchSize balances transaction cost against work lost to a crash.
const DefaultBatchSize = 256

// Ingest reads every path, analyses each article and stores the documents in
// batches. Analysis runs on Workers goroutines (one per core by default);
// reading and storing stay on one each. When ctx is cancelled the documents
// already read are still stored before Ingest returns ctx's error, so an
// interrupted run keeps its work.
func Ingest(ctx context.Context, r *ingest.Reader, st Saver, paths []string, opts Options) (Stats, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	var stats Stats
	var read, failed atomic.Int64
	var errMu sync.Mutex // OnError is called from the reading goroutine

	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	raw := make(chan *document.Document, 4*workers)
	done := make(chan *document.Document, 4*workers)
	readErr := make(chan error, 1)
	go func() {
		defer close(raw)
		readErr <- r.Read(readCtx, paths, func(d *document.Document) error {
			select {
			case raw <- d:
				read.Add(1) // counted once handed on: a read document is a stored one
				return nil
			case <-readCtx.Done():
				return readCtx.Err()
			}
		}, func(e *ingest.InputError) {
			failed.Add(1)
			if opts.OnError != nil {
				errMu.Lock()
				opts.OnError(e)
				errMu.Unlock()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range raw {
				if opts.Analyze != nil {
					opts.Analyze(d)
				}
				if p, ok := st.(indexPreparer); ok {
					p.PrepareIndex(d)
				}
				done <- d
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Batches are gathered on their own goroutine so that the workers go on
	// analysing while the store writes the previous batch: the store is the
	// one writer, and it should never wait for a batch to fill.
	batches := make(chan []*document.Document, 1)
	go func() {
		defer close(batches)
		batch := make([]*document.Document, 0, opts.BatchSize)
		for d := range done {
			batch = append(batch, d)
			if len(batch) >= opts.BatchSize {
				batches <- batch
				batch = make([]*document.Document, 0, opts.BatchSize)
			}
		}
		if len(batch) > 0 {
			batches <- batch
		}
	}()
	// Every batch read is stored, even once ctx is cancelled: an interrupted
	// run keeps its work, and a batch is bounded in size.
	storeCtx := context.WithoutCancel(ctx)
	var storeErr error
	for batch := range batches {
		if storeErr != nil {
			continue // drain, so the goroutines above can finish
		}
		added, err := st.PutBatch(storeCtx, batch)
		if err != nil {
			storeErr = fmt.Errorf("store batch of %d (first %s from %s): %w", len(batch), batch[0].ID, batch[0].Origin.Path, err)
			stopReading()
			continue
		}
		for i, ok := range added {
			if ok {
				stats.New++
				if opts.OnStored != nil {
					opts.OnStored(batch[i])
				}
			} else {
				stats.Duplicate++
			}
		}
		if opts.OnProgress != nil {
			stats.Read, stats.Failed = int(read.Load()), int(failed.Load())
			stats.Elapsed = time.Since(start)
			opts.OnProgress(stats)
		}
	}
	err := <-readErr
	stats.Read, stats.Failed = int(read.Load()), int(failed.Load())
	stats.Elapsed = time.Since(start)
	switch {
	case storeErr != nil:
		return stats, storeErr
	case err != nil && ctx.Err() != nil:
		return stats, ctx.Err()
	}
	return stats, err
}
