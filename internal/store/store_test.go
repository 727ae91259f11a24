package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// newDoc makes a small document; n varies its content.
func newDoc(n int, published, source string) *document.Document {
	text, a := article.FromParts(article.Parts{
		Title:  fmt.Sprintf("عنوان الخبر رقم %d", n),
		Body:   fmt.Sprintf("نص الخبر رقم %d عن العلاقات بين البلدين.", n),
		Date:   published,
		Source: source,
		Author: "القاهرة - رويترز",
	})
	return document.New(text, a, document.Origin{Path: "test.jsonl", Line: n, Format: "jsonl"})
}

// conformance runs the behaviour every Store must have. Each engine's test
// calls it with its own opener.
func conformance(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	t.Run("PutGetDedup", func(t *testing.T) {
		st := open(t)
		docs := []*document.Document{newDoc(1, "2022-04-05", "a"), newDoc(2, "2022-04-06", "b"), newDoc(1, "2022-04-05", "a")}
		added, err := st.PutBatch(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		if !added[0] || !added[1] || added[2] {
			t.Errorf("added = %v, want [true true false]: the third is the first again", added)
		}
		again, err := st.PutBatch(ctx, docs[:2])
		if err != nil || again[0] || again[1] {
			t.Errorf("second put = %v, %v; want nothing new", again, err)
		}
		got, err := st.Get(ctx, docs[1].ID[:6])
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != docs[1].Text || got.Article.Title != docs[1].Article.Title || got.Hash != docs[1].Hash {
			t.Errorf("round trip changed the document: %+v", got)
		}
		if got.Article.Dateline == nil || got.Article.Dateline.Agency == "" {
			t.Errorf("dateline lost in the round trip")
		}
		if _, err := st.Get(ctx, "ffffffffffffffff"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(missing) = %v, want ErrNotFound", err)
		}
		if _, err := st.Get(ctx, "'; DROP TABLE articles"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(garbage) = %v, want ErrNotFound", err)
		}
	})
	t.Run("ListFilters", func(t *testing.T) {
		st := open(t)
		var docs []*document.Document
		for i := range 10 {
			docs = append(docs, newDoc(i, fmt.Sprintf("2022-04-%02d", i+1), []string{"x", "y"}[i%2]))
		}
		if _, err := st.PutBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
		list, err := st.List(ctx, Query{Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 || list[0].Published != "2022-04-10" || list[2].Published != "2022-04-08" {
			t.Errorf("newest first, 3 rows: %+v", list)
		}
		n, err := st.Count(ctx, Query{Source: "x", Since: "2022-04-03", Until: "2022-04-07"})
		if err != nil || n != 3 {
			t.Errorf("count x in 3..7 = %d, %v; want 3 (days 3, 5, 7)", n, err)
		}
		page, err := st.List(ctx, Query{Limit: 4, Offset: 8})
		if err != nil || len(page) != 2 {
			t.Errorf("last page = %d rows, %v", len(page), err)
		}
	})
	t.Run("ConcurrentWriters", func(t *testing.T) {
		st := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range 5 {
					var batch []*document.Document
					for i := range 10 {
						batch = append(batch, newDoc(b*10+i, "2022-01-01", "s")) // every writer writes the same 50
					}
					if _, err := st.PutBatch(ctx, batch); err != nil {
						errs <- fmt.Errorf("writer %d: %w", w, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n, _ := st.Count(ctx, Query{}); n != 50 {
			t.Errorf("count = %d, want 50", n)
		}
	})
}

func TestSQLite(t *testing.T) {
	conformance(t, func(t *testing.T) Store {
		st, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	for range 2 {
		st, err := OpenSQLite(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := st.SchemaVersion(ctx)
		if err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
		st.Close()
	}
}

func TestOpenDSN(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, "postgres://rasd:secret@localhost/rasd"); err == nil || !contains(err.Error(), "***") || contains(err.Error(), "secret") {
		t.Errorf("postgres DSN: %v (want a refusal that hides the password)", err)
	}
	st, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func BenchmarkPutBatch(b *testing.B) {
	ctx := context.Background()
	st, err := OpenSQLite(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	n := 0
	for b.Loop() {
		batch := make([]*document.Document, 256)
		for i := range batch {
			batch[i] = newDoc(n, "2022-01-01", "s")
			n++
		}
		if _, err := st.PutBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
