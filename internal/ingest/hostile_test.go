package ingest_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/pipeline"
	"github.com/rasd-project/rasd/internal/store"
)

// The hostile-input corpus: small inputs are files in testdata/hostile,
// large ones (a 100 MB line, 100,000 nested elements, 10,000 sentences, a
// gzip bomb) are generated here. Each input must give a clear error or a
// safe result; what is stored before must come out intact; memory must
// not grow with the size of what the input claims to be.

var (
	analyzerOnce sync.Once
	analyzer     *analyze.Analyzer
)

func sharedAnalyzer() *analyze.Analyzer {
	analyzerOnce.Do(func() { analyzer = analyze.New() })
	return analyzer
}

// outcome is what reading one input gave.
type outcome struct {
	docs []*document.Document
	errs []*ingest.InputError
	err  error
}

func read(t testing.TB, opts ingest.Options, path string) outcome {
	t.Helper()
	var o outcome
	o.err = ingest.NewReader(opts).Read(context.Background(), []string{path}, func(d *document.Document) error {
		o.docs = append(o.docs, d)
		return nil
	}, func(e *ingest.InputError) { o.errs = append(o.errs, e) })
	return o
}

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// spansValid checks that every span of every layer indexes the document's
// text on rune boundaries.
func spansValid(t testing.TB, d *document.Document) int {
	t.Helper()
	n := 0
	check := func(layer string, s article.Span) {
		n++
		ok := s.Start >= 0 && s.Start <= s.End && s.End <= len(d.Text) &&
			(s.Start == len(d.Text) || utf8.RuneStart(d.Text[s.Start])) &&
			(s.End == len(d.Text) || utf8.RuneStart(d.Text[s.End]))
		if !ok {
			t.Errorf("%s span %v is not on rune boundaries of the %d-byte text", layer, s, len(d.Text))
		}
	}
	for _, p := range d.Article.Body {
		check("paragraph", p.Span)
		if p.Span.Text(d.Text) != p.Text {
			t.Errorf("paragraph span %v does not hold its text", p.Span)
		}
	}
	if d.Article.TitleSpan != nil {
		check("title", *d.Article.TitleSpan)
	}
	for _, s := range d.Sentences {
		check("sentence", s.Span)
	}
	for _, tk := range d.Tokens {
		check("token", tk.Span)
	}
	for _, dt := range d.Dates {
		check("date", dt.Span)
	}
	for _, e := range d.Entities {
		if e.Span != nil {
			check("entity", *e.Span)
		}
	}
	for _, e := range d.Events {
		check("event sentence", e.Sentence)
		check("event trigger", e.Trigger)
	}
	return n
}

// memGrowth runs fn and returns how many bytes it allocated in all.
func memGrowth(fn func()) uint64 {
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	fn()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// heapPeak runs fn and returns how far the live heap grew above where it
// started, sampled every millisecond.
func heapPeak(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	// Collect often while measuring, so that the peak is the live heap
	// and not garbage that a lazy collector has yet to sweep.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := read(); v > base && v-base > peak.Load() {
				peak.Store(v - base)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// hugeLineFile writes a JSON-lines file: a good line, one line of size
// bytes, another good line. The big line is written in pieces.
func hugeLineFile(t testing.TB, dir string, size int) string {
	p := filepath.Join(dir, "huge.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, `{"title":"قبل السطر الكبير","content":"زار وزير الخارجية الروسي أستانا يوم الاثنين."}`)
	w.WriteString(`{"title":"سطر كبير","content":"`)
	piece := []byte(strings.Repeat("ك", 1<<19)) // 1 MiB
	for n := 0; n < size; n += len(piece) {
		w.Write(piece)
	}
	w.WriteString("\"}\n")
	fmt.Fprintln(w, `{"title":"بعد السطر الكبير","content":"التقى الرئيس الصيني نظيره الكازاخستاني في بكين."}`)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile corpus skipped in -short mode (writes 200 MB of temporary files)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.OpenSQLite(ctx, filepath.Join(dir, "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Prior articles, whose stored form must survive everything below.
	examples := filepath.Join("..", "..", "examples")
	if _, err := pipeline.Ingest(ctx, ingest.NewReader(ingest.Options{}), st, []string{examples}, pipeline.Options{Analyze: sharedAnalyzer().Document}); err != nil {
		t.Fatal(err)
	}
	prior := map[string]string{}
	if err := st.Scan(ctx, store.Query{}, func(d *document.Document) error {
		prior[d.ID] = d.Hash + "\x00" + d.Text
		return nil
	}); err != nil || len(prior) == 0 {
		t.Fatalf("prior articles: %d, %v", len(prior), err)
	}

	hostile := filepath.Join("testdata", "hostile")
	var bigFiles []string
	defer func() {
		for _, p := range bigFiles {
			os.Remove(p)
		}
	}()

	for _, tc := range []struct {
		name string
		// path returns the input's path (a testdata file or a generated one).
		path func(t *testing.T) string
		opts ingest.Options
		// want: errs that must be reported (errors.Is); docs: the number of
		// documents that must be read.
		want     []error
		docs     int
		maxAlloc uint64 // bytes allocated in all; 0: no bound checked
		maxPeak  uint64 // growth of the live heap at its peak; 0: not checked
		check    func(t *testing.T, o outcome)
	}{
		{
			name: "invalid UTF-8 in plain text",
			path: func(*testing.T) string { return filepath.Join(hostile, "invalid-utf8.txt") },
			want: []error{ingest.ErrInvalidUTF},
			check: func(t *testing.T, o outcome) {
				if o.errs[0].Offset <= 0 || o.errs[0].Line < 1 {
					t.Errorf("the error does not place the bad byte: %v", o.errs[0])
				}
			},
		},
		{
			name: "invalid UTF-8 in one JSON line",
			path: func(*testing.T) string { return filepath.Join(hostile, "invalid-utf8.jsonl") },
			want: []error{ingest.ErrInvalidUTF},
			docs: 2,
			check: func(t *testing.T, o outcome) {
				if o.errs[0].Line != 2 {
					t.Errorf("error on line %d, want 2", o.errs[0].Line)
				}
			},
		},
		{
			name: "NUL bytes in text",
			path: func(*testing.T) string { return filepath.Join(hostile, "nul.txt") },
			want: []error{ingest.ErrBinary},
		},
		{
			name: "NUL byte inside a JSON string",
			path: func(*testing.T) string { return filepath.Join(hostile, "nul.jsonl") },
			docs: 1,
			check: func(t *testing.T, o outcome) {
				if len(o.errs) != 1 || o.errs[0].Line != 1 || !strings.Contains(o.errs[0].Error(), "invalid JSON") {
					t.Errorf("want one invalid-JSON error on line 1, got %v", o.errs)
				}
			},
		},
		{
			name: "100 MB JSON line between two good ones",
			path: func(t *testing.T) string {
				p := hugeLineFile(t, dir, 100<<20)
				bigFiles = append(bigFiles, p)
				return p
			},
			opts:     ingest.Options{MaxSize: 1 << 20},
			want:     []error{ingest.ErrTooLarge},
			docs:     2,
			maxAlloc: 32 << 20,
			maxPeak:  16 << 20,
			check: func(t *testing.T, o outcome) {
				if o.errs[0].Line != 2 || !strings.Contains(o.errs[0].Error(), "line longer than") {
					t.Errorf("want the too-long line 2 named, got %v", o.errs[0])
				}
			},
		},
		{
			name: "100 MB JSON line, default limit",
			path: func(t *testing.T) string {
				p := hugeLineFile(t, dir, 100<<20)
				bigFiles = append(bigFiles, p)
				return p
			},
			want: []error{ingest.ErrTooLarge},
			docs: 2,
			// The line is gathered up to the 32 MiB limit, then skipped:
			// the heap holds the limit, a copy being grown and their garbage,
			// whatever the length of the line.
			maxPeak: 128 << 20,
		},
		{
			name: "100 MB single-line text file",
			path: func(t *testing.T) string {
				p := filepath.Join(dir, "huge.txt")
				f, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				piece := []byte(strings.Repeat("كلمة ", 1<<17))
				for n := 0; n < 100<<20; n += len(piece) {
					f.Write(piece)
				}
				f.Close()
				bigFiles = append(bigFiles, p)
				return p
			},
			opts:     ingest.Options{MaxSize: 1 << 20},
			want:     []error{ingest.ErrTooLarge},
			maxAlloc: 32 << 20,
			maxPeak:  16 << 20,
		},
		{
			name: "100,000 nested divs",
			path: func(t *testing.T) string {
				var b bytes.Buffer
				b.WriteString("<html><head><title>عنوان متداخل</title></head><body>")
				for range 100_000 {
					b.WriteString("<div>")
				}
				b.WriteString("<p>زار وزير الخارجية الروسي أستانا يوم الاثنين والتقى نظيره الكازاخستاني.</p>")
				for range 100_000 {
					b.WriteString("</div>")
				}
				b.WriteString("</body></html>")
				return writeFile(t, dir, "nested.html", b.Bytes())
			},
			check: func(t *testing.T, o outcome) {
				if len(o.docs)+len(o.errs) != 1 {
					t.Errorf("want one document or one error, got %d and %v", len(o.docs), o.errs)
				}
			},
		},
		{
			name: "gzip bomb file (1 GiB of zeros)",
			path: func(t *testing.T) string {
				var member bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
				zw.Write(make([]byte, 16<<20))
				zw.Close()
				var b bytes.Buffer
				for range 64 {
					b.Write(member.Bytes())
				}
				return writeFile(t, dir, "bomb.txt.gz", b.Bytes())
			},
			want:     []error{ingest.ErrBinary},
			maxAlloc: 32 << 20,
			maxPeak:  16 << 20,
		},
		{
			name: "bidi controls and zero-width characters",
			path: func(*testing.T) string { return filepath.Join(hostile, "bidi-zero-width.txt") },
			docs: 1,
			check: func(t *testing.T, o outcome) {
				d := o.docs[0]
				sharedAnalyzer().Document(d)
				if n := spansValid(t, d); n < 20 {
					t.Errorf("only %d spans checked: the analysis found little", n)
				}
				if len(d.Entities) == 0 {
					t.Errorf("no entity found through the invisible characters")
				}
			},
		},
		{
			name: "HTML with scripts",
			path: func(*testing.T) string { return filepath.Join(hostile, "scripts.html") },
			docs: 1,
			check: func(t *testing.T, o outcome) {
				d := o.docs[0]
				for _, bad := range []string{"SECRET", "alert", "document.cookie", "<script", "function"} {
					if strings.Contains(d.Text, bad) || strings.Contains(d.Article.Title, bad) {
						t.Errorf("script content %q reached the text", bad)
					}
				}
				if !strings.Contains(d.Text, "أستانا") {
					t.Errorf("the article text is lost: %q", d.Text)
				}
			},
		},
		{
			name: "feed items with scripts",
			path: func(*testing.T) string { return filepath.Join(hostile, "scripts.rss") },
			docs: 1,
			check: func(t *testing.T, o outcome) {
				if d := o.docs[0]; strings.Contains(d.Text, "SECRET") || strings.Contains(d.Text, "alert") {
					t.Errorf("script content reached the text: %q", d.Text)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			var o outcome
			var peak uint64
			grew := memGrowth(func() { peak = heapPeak(func() { o = read(t, tc.opts, path) }) })
			if o.err != nil {
				t.Fatalf("reading stopped: %v", o.err)
			}
			for i, w := range tc.want {
				if i >= len(o.errs) || !errors.Is(o.errs[i], w) {
					t.Fatalf("want error %d to be %v, got %v", i, w, o.errs)
				}
				if msg := o.errs[i].Error(); !strings.Contains(msg, filepath.Base(path)) {
					t.Errorf("the error does not name the input: %s", msg)
				}
			}
			if tc.want != nil && len(o.errs) != len(tc.want) {
				t.Errorf("want %d errors, got %v", len(tc.want), o.errs)
			}
			if tc.check == nil && len(o.docs) != tc.docs || tc.docs > 0 && len(o.docs) != tc.docs {
				t.Fatalf("read %d documents, want %d (errors %v)", len(o.docs), tc.docs, o.errs)
			}
			if tc.maxAlloc > 0 && grew > tc.maxAlloc {
				t.Errorf("reading allocated %d MB, want at most %d MB", grew>>20, tc.maxAlloc>>20)
			}
			if tc.maxPeak > 0 && peak > tc.maxPeak {
				t.Errorf("the heap grew by %d MB while reading, want at most %d MB", peak>>20, tc.maxPeak>>20)
			}
			t.Logf("%d documents, errors %v, %d MB allocated, heap peak +%d MB", len(o.docs), o.errs, grew>>20, peak>>20)
			// Store what was read: the safe results join the prior articles.
			for _, d := range o.docs {
				if d.Sentences == nil {
					sharedAnalyzer().Document(d)
				}
				spansValid(t, d)
			}
			if len(o.docs) > 0 {
				if _, err := st.PutBatch(ctx, o.docs); err != nil {
					t.Fatalf("storing: %v", err)
				}
			}
		})
	}

	t.Run("10,000-sentence article", func(t *testing.T) {
		// Analysis work must grow with the text, not with its square:
		// allocations for 10,000 sentences stay near ten times those for
		// 1,000 (a quadratic stage would make them a hundred times).
		// Under the race detector, which slows analysis many times over,
		// the same ratio is checked on a tenth of the size.
		small, large := 1000, 10_000
		if raceEnabled() {
			small, large = 200, 2000
		}
		counts := map[int]uint64{}
		var big *document.Document
		for _, n := range []int{small, large} {
			var b strings.Builder
			b.WriteString("مقال طويل جدا\n\n20 تموز 2022\n\n")
			for i := range n {
				fmt.Fprintf(&b, "زار وزير الخارجية الروسي أستانا يوم الاثنين والتقى نظيره الكازاخستاني في الجولة %d.", i+1)
				if i%20 == 19 {
					b.WriteString("\n\n")
				} else {
					b.WriteByte(' ')
				}
			}
			p := writeFile(t, dir, fmt.Sprintf("long-%d.txt", n), []byte(b.String()))
			var o outcome
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			o = read(t, ingest.Options{}, p)
			if len(o.docs) != 1 {
				t.Fatalf("%d sentences: read %d documents, errors %v", n, len(o.docs), o.errs)
			}
			sharedAnalyzer().Document(o.docs[0])
			runtime.ReadMemStats(&m1)
			counts[n] = m1.Mallocs - m0.Mallocs
			d := o.docs[0]
			if len(d.Sentences) < n {
				t.Errorf("%d sentences written, %d found", n, len(d.Sentences))
			}
			if len(d.Events) == 0 {
				t.Errorf("%d sentences with a visit, no event coded", n)
			}
			spansValid(t, d)
			big = d
		}
		ratio := float64(counts[large]) / float64(counts[small])
		t.Logf("allocations: %d for %d sentences, %d for %d (x%.1f)", counts[small], small, counts[large], large, ratio)
		if ratio > 25 {
			t.Errorf("allocations grew x%.1f for x10 sentences: a stage is quadratic", ratio)
		}
		if _, err := st.PutBatch(ctx, []*document.Document{big}); err != nil {
			t.Fatal(err)
		}
	})

	// Nothing stored before is lost or changed, and the store is sound.
	for id, want := range prior {
		d, err := st.Get(ctx, id)
		if err != nil {
			t.Errorf("prior article %s: %v", id, err)
			continue
		}
		if d.Hash+"\x00"+d.Text != want {
			t.Errorf("prior article %s changed", id)
		}
	}
	rep, err := st.Check(ctx, true)
	if err != nil || !rep.OK() {
		t.Fatalf("store check: %v %v", err, rep.Problems)
	}
	t.Logf("store after the hostile corpus: %v", rep.Counts)
}
