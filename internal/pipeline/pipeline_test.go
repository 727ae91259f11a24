package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

// memSaver stores in memory and can cancel a context after n batches.
type memSaver struct {
	seen    map[string]bool
	batches int
	cancel  func()
	after   int
}

func (m *memSaver) PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	added := make([]bool, len(docs))
	for i, d := range docs {
		added[i] = !m.seen[d.Hash]
		m.seen[d.Hash] = true
	}
	m.batches++
	if m.cancel != nil && m.batches == m.after {
		m.cancel()
	}
	return added, nil
}

func jsonLines(n int) string {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, `{"title":"خبر %d","content":"نص الخبر رقم %d."}`+"\n", i, i)
	}
	return sb.String()
}

func TestIngestCounts(t *testing.T) {
	in := jsonLines(10) + "not json\n" + jsonLines(3) // the last three repeat the first three
	r := ingest.NewReader(ingest.Options{Stdin: strings.NewReader(in)})
	m := &memSaver{seen: map[string]bool{}}
	var failures []*ingest.InputError
	stats, err := Ingest(context.Background(), r, m, []string{"-"}, Options{BatchSize: 4, OnError: func(e *ingest.InputError) { failures = append(failures, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Read != 13 || stats.New != 10 || stats.Duplicate != 3 || stats.Failed != 1 || len(failures) != 1 {
		t.Errorf("stats %+v, failures %v", stats, failures)
	}
	if m.batches != 4 {
		t.Errorf("%d batches, want 4 (13 documents by 4)", m.batches)
	}
}

// TestCancelKeepsWork: when the context is cancelled mid-run, what was read
// is still stored and the error says why the run stopped.
func TestCancelKeepsWork(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := ingest.NewReader(ingest.Options{Stdin: strings.NewReader(jsonLines(2000))})
	m := &memSaver{seen: map[string]bool{}, cancel: cancel, after: 2}
	stats, err := Ingest(ctx, r, m, []string{"-"}, Options{BatchSize: 100})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if stats.New != stats.Read || len(m.seen) != stats.Read || stats.Read >= 2000 {
		t.Errorf("stats %+v, stored %d: everything read must be stored", stats, len(m.seen))
	}
}
