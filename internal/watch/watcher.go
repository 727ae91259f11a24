package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/store"
)

// State is what the watcher needs of the store: its memory of sources and
// items, and a place for articles.
type State interface {
	FeedState(ctx context.Context, source string) (store.FeedState, error)
	SaveFeedState(ctx context.Context, st store.FeedState) error
	SeenItems(ctx context.Context, source string, items []string) (map[string]bool, error)
	MarkSeen(ctx context.Context, source string, items map[string]string, at time.Time) error
	StoredURLs(ctx context.Context, urls []string) (map[string]bool, error)
	PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error)
}

// Defaults of Options.
const (
	DefaultEvery       = 15 * time.Minute
	DefaultTimeout     = 30 * time.Second
	DefaultHostGap     = time.Second
	DefaultBackoffBase = time.Minute
	DefaultBackoffMax  = 6 * time.Hour
	DefaultParallel    = 4
)

// Options tune a Watcher. Zero values take the defaults above.
type Options struct {
	Every       time.Duration // interval of sources that give none
	Timeout     time.Duration // bound on each HTTP request, headers to body
	HostGap     time.Duration // least time between two requests to a host; <0: none
	BackoffBase time.Duration // wait after a first failure, doubled after each next one
	BackoffMax  time.Duration // longest wait after failures
	MaxSize     int64         // largest feed, page or file read
	Parallel    int           // sources polled at once
	Transport   http.RoundTripper
	// Analyze adds the analysis layers to each new article before it is
	// stored; nil stores the anatomy alone.
	Analyze func(*document.Document)
	// OnStored hears of the articles each poll stored for the first time;
	// calls never overlap.
	OnStored func(ctx context.Context, docs []*document.Document)
	// Now is the clock of the schedule; nil means time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Stats counts what polls did.
type Stats struct {
	Polled      int `json:"polled"`       // sources polled
	NotModified int `json:"not_modified"` // feeds that answered 304
	Failed      int `json:"failed"`       // polls that failed
	Items       int `json:"items"`        // new items taken
	New         int `json:"new"`          // articles stored for the first time
	Duplicate   int `json:"duplicate"`    // items whose article was stored already
}

func (s *Stats) add(o Stats) {
	s.Polled += o.Polled
	s.NotModified += o.NotModified
	s.Failed += o.Failed
	s.Items += o.Items
	s.New += o.New
	s.Duplicate += o.Duplicate
}

// Watcher polls its sources on their schedules.
type Watcher struct {
	st      State
	sources []Source
	opts    Options
	client  *http.Client
	reader  *ingest.Reader
	log     *slog.Logger
	onStore sync.Mutex // OnStored calls never overlap
}

// New returns a watcher of sources that keeps its memory in st.
func New(st State, sources []Source, opts Options) *Watcher {
	if opts.Every <= 0 {
		opts.Every = DefaultEvery
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.HostGap == 0 {
		opts.HostGap = DefaultHostGap
	}
	if opts.BackoffBase <= 0 {
		opts.BackoffBase = DefaultBackoffBase
	}
	if opts.BackoffMax <= 0 {
		opts.BackoffMax = DefaultBackoffMax
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = ingest.DefaultMaxSize
	}
	if opts.Parallel <= 0 {
		opts.Parallel = DefaultParallel
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	client := &http.Client{Timeout: opts.Timeout, Transport: newHostLimiter(opts.Transport, max(opts.HostGap, 0))}
	return &Watcher{
		st: st, sources: sources, opts: opts, client: client,
		reader: ingest.NewReader(ingest.Options{MaxSize: opts.MaxSize, HTTPClient: client}),
		log:    opts.Logger,
	}
}

// Run polls every source when it is due until ctx is done, and returns
// ctx's error.
func (w *Watcher) Run(ctx context.Context) error {
	for {
		if _, err := w.PollDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("watch: poll", "err", err)
		}
		wait, err := w.untilNextDue(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Error("watch: schedule", "err", err)
			wait = time.Minute
		}
		t := time.NewTimer(min(wait, time.Minute)) // a short nap notices sources added by hand
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// untilNextDue is the time until the first source is due.
func (w *Watcher) untilNextDue(ctx context.Context) (time.Duration, error) {
	now := w.opts.Now()
	next := time.Duration(1<<62 - 1)
	for _, src := range w.sources {
		st, err := w.st.FeedState(ctx, src.Target)
		if err != nil {
			return 0, err
		}
		next = min(next, max(st.NextPoll.Sub(now), 0))
	}
	return next, nil
}

// PollDue polls each source whose time has come, a few at a time, and
// returns what they gave. A source's failure is counted and scheduled for
// a retry, not returned; the error is ctx's or the store's.
func (w *Watcher) PollDue(ctx context.Context) (Stats, error) {
	var (
		total Stats
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		slots = make(chan struct{}, w.opts.Parallel)
	)
	for _, src := range w.sources {
		st, err := w.st.FeedState(ctx, src.Target)
		if err != nil {
			wg.Wait() // the polls under way still add to total
			return total, err
		}
		if !st.NextPoll.IsZero() && w.opts.Now().Before(st.NextPoll) {
			continue
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return total, ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			stats, err := w.poll(ctx, src, st)
			mu.Lock()
			defer mu.Unlock()
			total.add(stats)
			if err != nil && first == nil {
				first = err
			}
		}()
	}
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return total, first
}

// poll polls one source and records the outcome in its state.
func (w *Watcher) poll(ctx context.Context, src Source, st store.FeedState) (Stats, error) {
	var stats Stats
	var err error
	var v validators
	if src.IsFeed() {
		v, err = w.pollFeed(ctx, src, st, &stats)
	} else {
		err = w.pollFolder(ctx, src, &stats)
	}
	if ctx.Err() != nil {
		return stats, ctx.Err() // interrupted, not failed: the next run polls again
	}
	now := w.opts.Now()
	stats.Polled++
	st.PolledAt = now
	st.Items += stats.Items
	var storeErr *storeError
	switch {
	case errors.As(err, &storeErr):
		return stats, err
	case err != nil:
		stats.Failed++
		st.Failures++
		st.LastError = err.Error()
		st.NextPoll = now.Add(w.backoff(st.Failures, err))
		w.log.Warn("watch: poll failed", "source", src.Target, "failures", st.Failures, "retry_at", st.NextPoll, "err", err)
	default:
		st.Failures, st.LastError = 0, ""
		st.ETag, st.LastModified = v.ETag, v.LastModified
		st.NextPoll = now.Add(w.every(src))
		w.log.Info("watch: polled", "source", src.Target, "new_items", stats.Items, "new_articles", stats.New, "not_modified", stats.NotModified > 0)
	}
	if err := w.st.SaveFeedState(context.WithoutCancel(ctx), st); err != nil {
		return stats, err
	}
	return stats, nil
}

func (w *Watcher) every(src Source) time.Duration {
	if src.Every > 0 {
		return src.Every
	}
	return w.opts.Every
}

// backoff is the wait after the n-th failure in a row: doubling from
// BackoffBase up to BackoffMax, with a tenth of jitter so that sources
// failing together spread out, and never less than a server's Retry-After.
func (w *Watcher) backoff(n int, err error) time.Duration {
	d := w.opts.BackoffMax
	if n < 30 {
		d = min(w.opts.BackoffBase<<(n-1), w.opts.BackoffMax)
	}
	d += time.Duration(rand.Int64N(int64(d)/10 + 1))
	var se *statusError
	if errors.As(err, &se) && se.RetryAfter > d {
		d = se.RetryAfter
	}
	return d
}

// storeError is a failure of the store rather than of a source: it stops
// the poll instead of scheduling a retry.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// keep analyses the new documents, stores them in one transaction, and
// returns, for each, whether it was new.
func (w *Watcher) keep(ctx context.Context, docs []*document.Document, stats *Stats) ([]bool, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	if w.opts.Analyze != nil {
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			w.opts.Analyze(d)
		}
	}
	added, err := w.st.PutBatch(ctx, docs)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &storeError{fmt.Errorf("store %d articles: %w", len(docs), err)}
	}
	var fresh []*document.Document
	for i, ok := range added {
		if ok {
			stats.New++
			fresh = append(fresh, docs[i])
		} else {
			stats.Duplicate++
		}
	}
	if len(fresh) > 0 && w.opts.OnStored != nil {
		w.onStore.Lock()
		w.opts.OnStored(ctx, fresh)
		w.onStore.Unlock()
	}
	return added, nil
}

// markSeen records taken items; a failure is the store's.
func (w *Watcher) markSeen(ctx context.Context, source string, marks map[string]string) error {
	if err := w.st.MarkSeen(ctx, source, marks, w.opts.Now()); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &storeError{err}
	}
	return nil
}
