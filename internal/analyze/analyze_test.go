package analyze

import (
	"os"
	"strings"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

func TestTextLayer(t *testing.T) {
	b, err := os.ReadFile("../../examples/01_kazakhstan_russia_drift_analysis.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	d := document.New(text, article.Parse(text), document.Origin{Format: "text"})
	New().Document(d)
	if len(d.Sentences) < 10 || len(d.Tokens) < 200 {
		t.Fatalf("%d sentences, %d tokens", len(d.Sentences), len(d.Tokens))
	}
	if d.Sentences[0].Region != document.RegionTitle {
		t.Errorf("first sentence is in %s, want the title", d.Sentences[0].Region)
	}
	prev := 0
	for _, s := range d.Sentences {
		if s.Tokens[0] != prev || s.Tokens[1] <= s.Tokens[0] {
			t.Fatalf("sentence tokens %v after %d", s.Tokens, prev)
		}
		prev = s.Tokens[1]
		first, last := d.Tokens[s.Tokens[0]], d.Tokens[s.Tokens[1]-1]
		if first.Span.Start != s.Span.Start || last.Span.End != s.Span.End {
			t.Errorf("sentence span %v does not match its tokens", s.Span)
		}
	}
	for _, tok := range d.Tokens {
		if got := arabic.NormalizeString(tok.Span.Text(text)); got != tok.Text {
			t.Fatalf("token %q: span normalises to %q", tok.Text, got)
		}
		if tok.Kind == "word" && tok.Stem == "" {
			t.Errorf("word %q has no stem", tok.Text)
		}
	}
	// No token comes from the header lines that are not regions.
	for _, tok := range d.Tokens {
		if d.Article.PublishedSpan != nil && tok.Span.Start >= d.Article.PublishedSpan.Start && tok.Span.End <= d.Article.PublishedSpan.End {
			t.Errorf("token %q comes from the date line", tok.Text)
		}
	}
	if !strings.Contains(d.Sentences[0].Span.Text(text), "كازاخستان") {
		t.Errorf("title sentence: %q", d.Sentences[0].Span.Text(text))
	}
}

func BenchmarkDocument(b *testing.B) {
	raw, err := os.ReadFile("../../examples/01_kazakhstan_russia_drift_analysis.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	a := article.Parse(text)
	an := New()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		an.Document(document.New(text, a, document.Origin{Format: "text"}))
	}
}
