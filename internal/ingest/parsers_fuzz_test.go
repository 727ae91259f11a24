package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// checkSpans fails when a document's spans do not index its text: body
// paragraphs hold their text, and every span lies on rune boundaries.
func checkSpans(t *testing.T, d *document.Document) {
	t.Helper()
	fits := func(s article.Span) bool {
		return s.Start >= 0 && s.End <= len(d.Text) && s.Start <= s.End &&
			(s.Start == len(d.Text) || utf8.RuneStart(d.Text[s.Start])) && (s.End == len(d.Text) || utf8.RuneStart(d.Text[s.End]))
	}
	for _, p := range d.Article.Body {
		if !fits(p.Span) || p.Span.Text(d.Text) != p.Text {
			t.Fatalf("span %v does not hold %q", p.Span, p.Text)
		}
	}
	for _, c := range d.Article.Captions {
		if c.Span != nil && !fits(*c.Span) {
			t.Fatalf("caption span %v outside the text", *c.Span)
		}
	}
	if s := d.Article.TitleSpan; s != nil && !fits(*s) {
		t.Fatalf("title span %v outside the text", *s)
	}
}

// FuzzParseFeed: any bytes give items or an "invalid feed" error, and every
// item makes a document whose spans fit its text.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>وكالة</title><item><title>أ</title><link>https://x.example/1</link><guid>1</guid><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>&lt;p&gt;نص&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>ت</title><entry><id>urn:1</id><title>ع</title><updated>2022-07-20T10:00:00Z</updated><content type="html">&lt;div&gt;نص&lt;/div&gt;</content><author><name>كاتب</name></author></entry></feed>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>أ</title></item></rdf:RDF>`))
	f.Add([]byte(`<rss><channel><item><title>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		items, err := ParseFeed(b)
		if err != nil {
			if items != nil {
				t.Fatal("items with an error")
			}
			return
		}
		for i, it := range items {
			if d, ok := Document(it.Parts, document.Origin{Format: string(FormatFeed), Item: i + 1}); ok {
				checkSpans(t, d)
			}
		}
	})
}

// FuzzPageParts: any bytes give the parts of a page or an error; a page
// without an error has text.
func FuzzPageParts(f *testing.F) {
	f.Add([]byte(`<html><head><title>عنوان</title><meta name="author" content="كاتب"></head><body><article><h1>عنوان</h1><p>فقرة أولى من الخبر تكفي للاستخراج.</p><figure><figcaption>صورة</figcaption></figure><script>alert(1)</script></article></body></html>`), "https://example.com/a")
	f.Add([]byte(`<html><body><div><div><div><p>نص</p></div></div></div>`), "")
	f.Add([]byte(`<p>فقرة</p>`), "::not a url")
	f.Fuzz(func(t *testing.T, b []byte, pageURL string) {
		p, err := PageParts(b, pageURL)
		if err != nil {
			return
		}
		if p.Body == "" {
			t.Fatal("no error and no text")
		}
		if d, ok := Document(p, document.Origin{Format: string(FormatHTML)}); ok {
			checkSpans(t, d)
		}
	})
}

// FuzzJSONLines drives the JSON-lines reader alone with a small line limit:
// lines are numbered in order, offsets stay inside the input, every error
// has a reason, and documents' spans fit their text.
func FuzzJSONLines(f *testing.F) {
	f.Add([]byte(`{"title":"عنوان","content":"نص","date":"2022-07-20"}` + "\n\n{bad\n" + `{"title":"` + string(bytes.Repeat([]byte("ط"), 200)) + `"}` + "\n"))
	f.Add([]byte("\ufeff{\"headline\":\"أ\",\"authors\":[\"ب\",\"ج\"],\"published\":1658300000}\r\n{\"text\":\"\xff\"}"))
	f.Add([]byte(`{"title":"x","captions":"not a list"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(Options{MaxSize: 256})
		lastLine := 0
		err := r.readJSONLines(context.Background(), "fuzz", bufio.NewReaderSize(bytes.NewReader(b), 16), func(d *document.Document) error {
			if d.Origin.Line <= lastLine {
				t.Fatalf("line %d after %d", d.Origin.Line, lastLine)
			}
			lastLine = d.Origin.Line
			checkSpans(t, d)
			return nil
		}, func(e *InputError) {
			if e.Err == nil || e.Line < 1 || e.Offset < 0 || e.Offset > int64(len(b)) {
				t.Fatalf("bad report %+v", e)
			}
			if errors.Is(e.Err, ErrTooLarge) && e.Line <= lastLine {
				t.Fatalf("too-long line %d reported after line %d", e.Line, lastLine)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzReadText reads any valid UTF-8 as a plain-text article.
func FuzzReadText(f *testing.F) {
	f.Add("كتب: محمد\nعنوان الخبر\n20 تموز 2022\nالمصدر: رويترز\n\nالقاهرة - رويترز: نص الخبر.\n\nصورة | 20 تموز 2022\n")
	f.Add("\u202bعنوان\u202c\u200f\n\nنص\u200d\u200c الخبر\u2066.")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		readText("fuzz", []byte(s), func(d *document.Document) error {
			checkSpans(t, d)
			return nil
		}, func(*InputError) {})
	})
}
