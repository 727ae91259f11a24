package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/rasd-project/rasd/internal/document"
)

// Saver stores a batch of documents in one transaction.
type Saver interface {
	PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error)
}

// WorkerOptions tune a worker.
type WorkerOptions struct {
	// Analyze adds the analysis layers; nil stores the anatomy alone.
	Analyze func(*document.Document)
	// Batch is the number of messages pulled, analysed and stored at once.
	Batch int
	// OnBatch is told the counts of every stored batch.
	OnBatch func(stored, duplicate int)
	Logger  *slog.Logger
	// Idle, when positive, stops the worker once the queue has been empty
	// for this long (for batch jobs and tests); zero works until ctx ends.
	Idle time.Duration
}

// Work pulls articles until ctx is cancelled (or the queue stays idle),
// analysing and storing each batch and acknowledging it only after the
// commit. On cancellation the batch in hand is finished first, so a
// SIGTERM loses nothing; a SIGKILL leaves the batch unacknowledged, and
// JetStream redelivers it after AckWait.
func (q *Queue) Work(ctx context.Context, st Saver, opts WorkerOptions) error {
	if opts.Batch <= 0 {
		opts.Batch = 32
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	cons, err := q.js.CreateOrUpdateConsumer(ctx, Stream, jetstream.ConsumerConfig{
		Durable:       Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.AckWait,
		MaxAckPending: 4096,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped before it started: nothing in hand
		}
		return fmt.Errorf("worker: consumer: %w", err)
	}
	idleSince := time.Now()
	for ctx.Err() == nil {
		batch, err := cons.Fetch(opts.Batch, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			opts.Logger.Warn("worker: fetch failed; retrying", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if len(msgs) == 0 {
			if opts.Idle > 0 && time.Since(idleSince) > opts.Idle {
				return nil
			}
			continue
		}
		idleSince = time.Now()
		// The batch is finished even when ctx ends now: it is in hand.
		if err := q.process(context.WithoutCancel(ctx), st, msgs, opts); err != nil {
			opts.Logger.Error("worker: batch not stored; it will be redelivered", "err", err)
			sleep(ctx, time.Second)
		}
	}
	return nil
}

// process decodes, analyses and stores msgs, then acknowledges them.
func (q *Queue) process(ctx context.Context, st Saver, msgs []jetstream.Msg, opts WorkerOptions) error {
	docs := make([]*document.Document, 0, len(msgs))
	kept := make([]jetstream.Msg, 0, len(msgs))
	for _, m := range msgs {
		var d document.Document
		if err := json.Unmarshal(m.Data(), &d); err != nil || d.Hash == "" {
			// A message that cannot be an article never will be: drop it.
			opts.Logger.Error("worker: not an article; dropped", "err", err)
			m.Term()
			continue
		}
		if opts.Analyze != nil {
			opts.Analyze(&d)
		}
		docs = append(docs, &d)
		kept = append(kept, m)
	}
	if len(docs) == 0 {
		return nil
	}
	added, err := st.PutBatch(ctx, docs)
	if err != nil {
		for _, m := range kept {
			m.NakWithDelay(2 * time.Second)
		}
		return err
	}
	stored := 0
	for i, m := range kept {
		if added[i] {
			stored++
		}
		if err := m.DoubleAck(ctx); err != nil && !errors.Is(err, context.Canceled) {
			// Stored but not acknowledged: a redelivery finds it stored.
			opts.Logger.Warn("worker: ack failed", "err", err)
		}
	}
	if opts.OnBatch != nil {
		opts.OnBatch(stored, len(kept)-stored)
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
