package ingest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rasd-project/rasd/internal/document"
)

// collect reads paths and returns the documents and the problems.
func collect(t *testing.T, r *Reader, paths ...string) ([]*document.Document, []*InputError) {
	t.Helper()
	var docs []*document.Document
	var errs []*InputError
	err := r.Read(context.Background(), paths,
		func(d *document.Document) error { docs = append(docs, d); return nil },
		func(e *InputError) { errs = append(errs, e) })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return docs, errs
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want Format
	}{
		{`{"title": "x"}`, FormatJSONL},
		{"\ufeff  \n{\"a\":1}", FormatJSONL},
		{`[{"title": "x"}]`, FormatJSON},
		{"[صورة] نص الخبر", FormatText},
		{`<?xml version="1.0"?><rss version="2.0">`, FormatFeed},
		{`<feed xmlns="http://www.w3.org/2005/Atom">`, FormatFeed},
		{`<!DOCTYPE html><html lang="ar">`, FormatHTML},
		{`<p>فقرة</p>`, FormatHTML},
		{"كازاخستان تخرج من المحور الروسي", FormatText},
		{"", FormatText},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q) = %s, want %s", tt.head, got, tt.want)
		}
	}
}

// TestExamples reads the team's examples/ directory: every file in every
// format becomes at least one document, and nothing fails.
func TestExamples(t *testing.T) {
	docs, errs := collect(t, NewReader(Options{}), "../../examples")
	for _, e := range errs {
		t.Errorf("unexpected input error: %v", e)
	}
	formats := map[string]int{}
	for _, d := range docs {
		formats[d.Origin.Format]++
		if d.Article.Title == "" || len(d.Article.Body) == 0 || d.Article.Published == "" {
			t.Errorf("%s: title %q, %d paragraphs, published %q", d.Origin.Path, d.Article.Title, len(d.Article.Body), d.Article.Published)
		}
		for _, p := range d.Article.Body {
			if p.Span.Text(d.Text) != p.Text {
				t.Errorf("%s: paragraph span does not hold its text", d.Origin.Path)
			}
		}
	}
	for _, f := range []Format{FormatText, FormatHTML, FormatJSONL, FormatFeed} {
		if formats[string(f)] == 0 {
			t.Errorf("no %s document read from examples/", f)
		}
	}
}

func TestHTMLPage(t *testing.T) {
	docs, errs := collect(t, NewReader(Options{}), "../../examples/13_russia_summons_kazakh_ambassador.html")
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	a := docs[0].Article
	if a.Title == "" || a.Published != "2023-04-11" || len(a.Authors) == 0 || a.Source == "" || a.URL == "" {
		t.Errorf("metadata: %+v", a)
	}
	if len(a.Body) < 3 || strings.Contains(docs[0].Text, "اقرأ أيضاً") {
		t.Errorf("body: %d paragraphs; the aside must stay out", len(a.Body))
	}
	if len(a.Captions) == 0 || a.Captions[0].Date == "" {
		t.Errorf("captions: %+v", a.Captions)
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := `{"title":"عنوان","content":"نص الخبر الأول هنا.","url":"https://example.com/1"}` + "\n"
	cases := []struct {
		name string
		data []byte
		want error
		line int
	}{
		{"empty.txt", nil, ErrEmpty, 0},
		{"blank.txt", []byte(" \n\n\t"), ErrEmpty, 0},
		{"binary.txt", []byte("PK\x03\x04\x00\x00binary"), ErrBinary, 0},
		{"latin1.txt", []byte("سطر أول\nسطر \xe9 ثان"), ErrInvalidUTF, 2},
		{"cp1256.txt", bytes.Repeat([]byte{0xC7, 0xE1, 0xD1, 0xC6, 0xED, 0xD3, 0x20}, 10), ErrInvalidUTF, 1},
		{"truncated.html", []byte("<!DOCTYPE html><html><head><title>عنوان</title></head><body><article><p>نص مقطوع"), ErrTruncated, 0},
		{"truncated.jsonl", []byte(good + `{"title":"عنوان","content":"نص مقطو`), ErrTruncated, 2},
		{"array.json", []byte(`[{"title":"عنوان","content":"نص الخبر."}, {"title": `), nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, dir, c.name, c.data)
			_, errs := collect(t, NewReader(Options{}), p)
			if len(errs) != 1 {
				t.Fatalf("got %d errors %v, want one", len(errs), errs)
			}
			e := errs[0]
			if e.Path != p {
				t.Errorf("error names %q, want %q", e.Path, p)
			}
			if c.want != nil && !errors.Is(e, c.want) {
				t.Errorf("error %v, want %v", e, c.want)
			}
			if c.line != 0 && e.Line != c.line {
				t.Errorf("error at line %d, want %d: %v", e.Line, c.line, e)
			}
		})
	}
}

// TestBatchGoesOn: one bad file or line among good ones fails alone.
func TestBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("عنوان الخبر الأول\n\nنص الخبر الأول وفيه جملة كاملة ومفيدة للقارئ.\n"))
	write(t, dir, "b.txt", []byte{0xff, 0xfe, 0x00, 0x01})
	write(t, dir, "c.jsonl", []byte(`{"title":"أ","content":"نص"}`+"\nnot json\n"+`{"title":"ب","content":"نص آخر"}`+"\n"))
	write(t, dir, "notes.md", []byte("# ignored by the walk"))
	write(t, dir, ".hidden.txt", []byte("hidden"))
	docs, errs := collect(t, NewReader(Options{}), dir)
	if len(docs) != 3 || len(errs) != 2 {
		t.Fatalf("docs %d errs %v; want 3 documents and 2 errors", len(docs), errs)
	}
	if errs[1].Line != 2 || !strings.Contains(errs[1].Error(), "c.jsonl:2:") {
		t.Errorf("JSON error should name line 2: %v", errs[1])
	}
}

func TestTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "big.txt", bytes.Repeat([]byte("كلمة "), 3000))
	_, errs := collect(t, NewReader(Options{MaxSize: 10000}), p)
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("errs %v, want ErrTooLarge", errs)
	}
	long := `{"title":"` + strings.Repeat("ب", 8000) + `"}` + "\n" + `{"title":"قصير","content":"نص"}` + "\n"
	p = write(t, dir, "long.jsonl", []byte(long))
	docs, errs := collect(t, NewReader(Options{MaxSize: 10000}), p)
	if len(docs) != 1 || len(errs) != 1 || errs[0].Line != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("docs %d errs %v, want the long line refused and the next one read", len(docs), errs)
	}
}

// TestHundredMegabytes: a 100 MB file is refused with a clear error, quickly
// and without reading it all into memory.
func TestHundredMegabytes(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // sparse: 100 MB of NUL bytes
		t.Fatal(err)
	}
	f.Close()
	_, errs := collect(t, NewReader(Options{}), p)
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("errs %v, want ErrTooLarge", errs)
	}
}

func TestStdin(t *testing.T) {
	in := strings.NewReader(`{"title":"عنوان","content":"نص الخبر.","date":"2022-04-05"}` + "\n")
	docs, errs := collect(t, NewReader(Options{Stdin: in}), "-")
	if len(errs) != 0 || len(docs) != 1 || docs[0].Origin.Path != "-" || docs[0].Article.Published != "2022-04-05" {
		t.Fatalf("docs %+v errs %v", docs, errs)
	}
}

func TestURL(t *testing.T) {
	feed, err := os.ReadFile("../../examples/15_world_politics_feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../examples/13_russia_summons_kazakh_ambassador.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { w.Write(feed) })
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	docs, errs := collect(t, NewReader(Options{}), srv.URL+"/feed", srv.URL+"/page", srv.URL+"/missing")
	if len(docs) != 4 {
		t.Errorf("got %d documents, want 3 feed items and 1 page", len(docs))
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "404") {
		t.Errorf("errs %v, want one 404", errs)
	}
}

func TestFragmentText(t *testing.T) {
	got := fragmentText("<p>فقرة <b>أولى</b></p><p>فقرة ثانية</p><script>x()</script><div>ثالثة<br>رابعة</div>")
	want := "فقرة أولى\n\nفقرة ثانية\n\nثالثة\n\nرابعة"
	if got != want {
		t.Errorf("fragmentText = %q, want %q", got, want)
	}
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{"{", "[", "<rss", "<html", "نص", "\ufeff[ {"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		switch Sniff(b) {
		case FormatText, FormatHTML, FormatJSONL, FormatJSON, FormatFeed:
		default:
			t.Fatal("unknown format")
		}
	})
}

// FuzzReadStream feeds arbitrary bytes to every reader: no panic, and every
// document's spans fit its text.
func FuzzReadStream(f *testing.F) {
	f.Add([]byte(`{"title":"عنوان","content":"نص"}` + "\n{bad\n"))
	f.Add([]byte(`[{"title":"أ"},{"title":`))
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>أ</title><description>&lt;p&gt;نص&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte("عنوان\n\n20 تموز 2022\n\nنص الخبر."))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(Options{Stdin: bytes.NewReader(b), MaxSize: 1 << 20})
		err := r.Read(context.Background(), []string{"-"}, func(d *document.Document) error {
			for _, p := range d.Article.Body {
				if p.Span.Text(d.Text) != p.Text {
					t.Fatalf("span %v does not hold %q", p.Span, p.Text)
				}
			}
			return nil
		}, func(*InputError) {})
		if err != nil {
			t.Fatal(err)
		}
	})
}
