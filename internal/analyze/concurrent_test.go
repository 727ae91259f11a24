package analyze

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// TestConcurrentDocuments: one analyzer used by several goroutines at once
// (its memo, the NER caches, the pooled scratch) gives each document the
// analysis a fresh analyzer gives it alone, whatever ran before it.
func TestConcurrentDocuments(t *testing.T) {
	paths, err := filepath.Glob("../../examples/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	analyse := func(an *Analyzer, text string) []byte {
		d := document.New(text, article.Parse(text), document.Origin{Format: "text"})
		an.Document(d)
		out, err := json.Marshal(d)
		if err != nil {
			t.Error(err)
		}
		return out
	}
	want := make([][]byte, len(texts))
	for i, text := range texts {
		want[i] = analyse(New(), text)
	}
	shared := New()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 3 * len(texts) {
				i := (k + g) % len(texts) // each goroutine in its own order
				if got := analyse(shared, texts[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("goroutine %d: %s analysed differently", g, paths[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
