package article

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// expectedExample is one record of testdata/examples_expected.json, written
// by hand for the team's examples/ articles.
type expectedExample struct {
	File      string   `json:"file"`
	Title     string   `json:"title"`
	Authors   []string `json:"authors"`
	Published string   `json:"published"`
	Source    string   `json:"source"`
	Dateline  *struct {
		Place  string `json:"place"`
		Agency string `json:"agency"`
	} `json:"dateline"`
	Captions []struct {
		Text string `json:"text"`
		Date string `json:"date"`
	} `json:"captions"`
	Noise []string `json:"noise"`
}

func TestExamplesAnatomy(t *testing.T) {
	raw, err := os.ReadFile("testdata/examples_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []expectedExample
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		t.Run(w.File, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "examples", w.File))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			a := Parse(text)
			checkAnatomy(t, text, a, w)
		})
	}
}

func checkAnatomy(t *testing.T, text string, a Article, w expectedExample) {
	t.Helper()
	if a.Title != w.Title {
		t.Errorf("title = %q, want %q", a.Title, w.Title)
	}
	if !slices.Equal(a.Authors, w.Authors) && !(len(a.Authors) == 0 && len(w.Authors) == 0) {
		t.Errorf("authors = %q, want %q", a.Authors, w.Authors)
	}
	if a.Published != w.Published {
		t.Errorf("published = %q, want %q", a.Published, w.Published)
	}
	if a.Source != w.Source {
		t.Errorf("source = %q, want %q", a.Source, w.Source)
	}
	switch {
	case w.Dateline == nil && a.Dateline != nil:
		t.Errorf("dateline = %+v, want none", *a.Dateline)
	case w.Dateline != nil && a.Dateline == nil:
		t.Errorf("no dateline, want %+v", *w.Dateline)
	case w.Dateline != nil && (a.Dateline.Place != w.Dateline.Place || a.Dateline.Agency != w.Dateline.Agency):
		t.Errorf("dateline = %q/%q, want %q/%q", a.Dateline.Place, a.Dateline.Agency, w.Dateline.Place, w.Dateline.Agency)
	}
	if len(a.Captions) != len(w.Captions) {
		t.Errorf("captions = %+v, want %+v", a.Captions, w.Captions)
	} else {
		for i, c := range w.Captions {
			if a.Captions[i].Text != c.Text || a.Captions[i].Date != c.Date {
				t.Errorf("caption %d = %q %q, want %q %q", i, a.Captions[i].Text, a.Captions[i].Date, c.Text, c.Date)
			}
		}
	}
	for _, n := range w.Noise {
		for _, p := range a.Body {
			if strings.Contains(p.Text, n) {
				t.Errorf("noise line %q is in the body", n)
			}
		}
		found := false
		for _, e := range a.Extras {
			found = found || e.Text == n
		}
		if !found {
			t.Errorf("noise line %q is not kept in extras", n)
		}
	}
	checkSpans(t, text, a)
}

// checkSpans asserts that every span points at the text it claims.
func checkSpans(t *testing.T, text string, a Article) {
	t.Helper()
	if a.TitleSpan != nil && a.TitleSpan.Text(text) != a.Title {
		t.Errorf("title span %v holds %q", *a.TitleSpan, a.TitleSpan.Text(text))
	}
	for i, s := range a.AuthorSpans {
		if s.Text(text) != a.Authors[i] {
			t.Errorf("author span %v holds %q, want %q", s, s.Text(text), a.Authors[i])
		}
	}
	if a.SourceSpan != nil && a.SourceSpan.Text(text) != a.Source {
		t.Errorf("source span holds %q", a.SourceSpan.Text(text))
	}
	if a.PublishedSpan != nil && a.PublishedSpan.Text(text) != a.PublishedText {
		t.Errorf("published span holds %q, want %q", a.PublishedSpan.Text(text), a.PublishedText)
	}
	for _, p := range a.Body {
		if p.Span.Text(text) != p.Text {
			t.Errorf("paragraph span %v holds %q", p.Span, p.Span.Text(text))
		}
	}
	for _, c := range a.Captions {
		if c.Span != nil && !strings.Contains(c.Span.Text(text), c.Text) {
			t.Errorf("caption span %v does not hold %q", c.Span, c.Text)
		}
	}
}
