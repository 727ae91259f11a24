package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

// Saver stores a batch of documents atomically and says which were new.
type Saver interface {
	PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error)
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
	// stored; nil stores the anatomy alone.
	Analyze func(*document.Document)
}

// DefaultBatchSize balances transaction cost against work lost to a crash.
const DefaultBatchSize = 256

// Ingest reads every path, analyses each article and stores the documents in
// batches. When ctx is cancelled the documents already read are still
// stored before Ingest returns ctx's error, so an interrupted run keeps its
// work.
func Ingest(ctx context.Context, r *ingest.Reader, st Saver, paths []string, opts Options) (Stats, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	start := time.Now()
	var stats Stats
	batch := make([]*document.Document, 0, opts.BatchSize)
	flush := func(ctx context.Context) error {
		if len(batch) == 0 {
			return nil
		}
		added, err := st.PutBatch(ctx, batch)
		if err != nil {
			return fmt.Errorf("store batch of %d (first %s from %s): %w", len(batch), batch[0].ID, batch[0].Origin.Path, err)
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
		batch = batch[:0]
		if opts.OnProgress != nil {
			stats.Elapsed = time.Since(start)
			opts.OnProgress(stats)
		}
		return nil
	}
	yield := func(d *document.Document) error {
		stats.Read++
		if opts.Analyze != nil {
			opts.Analyze(d)
		}
		batch = append(batch, d)
		if len(batch) >= opts.BatchSize {
			return flush(ctx)
		}
		return nil
	}
	report := func(e *ingest.InputError) {
		stats.Failed++
		if opts.OnError != nil {
			opts.OnError(e)
		}
	}
	readErr := r.Read(ctx, paths, yield, report)
	// Keep what was read even when reading was interrupted.
	flushErr := flush(context.WithoutCancel(ctx))
	stats.Elapsed = time.Since(start)
	if readErr != nil {
		return stats, readErr
	}
	return stats, flushErr
}
