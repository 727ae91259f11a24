package server

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"html/template"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// The markers injected into an article; none may reach a page unescaped.
const (
	evilTitle = `عنوان خبيث <script>alert("title")</script> <img src=x onerror=alert(1)>`
	evilBody  = `<script>alert("body")</script>`
	evilActor = `<script>alert("actor")</script>`
	evilLabel = `<script>alert("label")</script>`
	evilWho   = `<script>alert("source")</script>`
)

// evilAnalyze analyses a document, then adds an entity and an event whose
// texts carry markup, as a poisoned dictionary or model might.
func evilAnalyze(d *document.Document) {
	sharedAnalyzer().Document(d)
	i := strings.Index(d.Text, evilBody)
	if i < 0 {
		return
	}
	span := article.Span{Start: i, End: i + len(evilBody)}
	sentence := span
	for _, p := range d.Article.Body {
		if p.Span.Start <= i && i < p.Span.End {
			sentence = p.Span
		}
	}
	d.Entities = append(d.Entities, document.Entity{Span: &span, Text: d.Text[span.Start:span.End], Type: "PERS",
		Actor: &document.Actor{ID: "person:evil", Name: evilActor, Code: "KAZGOV", Country: "KAZ", Sector: "GOV"}, Confidence: 1, Source: "model"})
	d.Events = append(d.Events, document.Event{ID: d.ID + "-evil", Date: "2030-01-01",
		Source: &document.EventActor{Code: "KAZGOV", Name: evilWho, Text: evilWho},
		Target: &document.EventActor{Code: "RUS", Name: evilWho, Text: evilWho},
		Code:   "190", Root: "19", Label: evilLabel, Plover: "ASSAULT", Mode: evilLabel, Goldstein: -10, Quad: 4,
		Location: evilWho, Sentence: sentence, Trigger: span, Confidence: 1})
}

// TestInjectedMarkupIsEscaped puts <script> into an article's title, text,
// entity and event fields through POST /api/ingest, then reads every page
// that shows them: each shows the markup as text, never as markup.
func TestInjectedMarkupIsEscaped(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken, Analyze: evilAnalyze})
	text := evilTitle + "\n\n" + "قال الرئيس الكازاخستاني " + evilBody + " إن روسيا هاجمت أوكرانيا يوم الاثنين.\n"
	req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", strings.NewReader(text))
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res ingestResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if len(res.IDs) != 1 || res.New != 1 {
		t.Fatalf("ingest: %+v", res)
	}
	d, err := st.Get(context.Background(), res.IDs[0])
	if err != nil || d.Origin.Format != "text" || !strings.Contains(d.Article.Title, "<script>") || len(d.Events) == 0 {
		t.Fatalf("the article was not read as text with its markup: %v %+v", err, d)
	}
	raw := []string{"<script>alert(", "<img src=x", `<script>document`}
	for _, tc := range []struct {
		path string
		want []string // escaped forms the page must show
	}{
		{"/articles/" + res.IDs[0], []string{template.HTMLEscapeString(evilBody), template.HTMLEscapeString(evilActor), template.HTMLEscapeString(evilLabel)}},
		{"/", nil},
		{"/search?q=" + url.QueryEscape("خبيث"), []string{template.HTMLEscapeString(`<script>alert("title")`)}},
		{"/search?q=" + url.QueryEscape(`<script>alert(1)</script>`), nil},
		{"/events?actor=KAZ", []string{template.HTMLEscapeString(evilBody)}},
		{"/events?actor=KAZ&merged=true", nil},
		{"/events?cameo=" + url.QueryEscape(`<script>`), nil},
		{"/dyads?a=" + url.QueryEscape(`<script>alert(1)</script>`), nil},
		{"/actors/" + url.PathEscape(`<script>alert(1)</script>`), nil},
		{"/actors/KAZ", nil},
		{"/ingest?x=" + url.QueryEscape(`"><script>alert(1)</script>`), nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := get(t, ts.URL+tc.path)
			if resp.StatusCode >= 500 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, r := range raw {
				if bytes.Contains(body, []byte(r)) {
					i := bytes.Index(body, []byte(r))
					t.Errorf("unescaped %q on the page: …%s…", r, body[max(0, i-80):min(len(body), i+80)])
				}
			}
			for _, w := range tc.want {
				// html/template escapes quotes as &#34;, HTMLEscapeString
				// as &#34; too; accept either form of the quote.
				if !bytes.Contains(body, []byte(w)) && !bytes.Contains(body, []byte(strings.ReplaceAll(w, "&#34;", "&quot;"))) {
					t.Errorf("page lacks the escaped text %s", w)
				}
			}
		})
	}
}

// naiveAnnotate is the first Annotate: every mark tested against every
// piece. The sweep must render the same HTML.
func naiveAnnotate(d *document.Document) string {
	marks := collectMarks(d)
	cuts := []int{0, len(d.Text)}
	for _, m := range marks {
		cuts = append(cuts, m.start, m.end)
	}
	sort.Ints(cuts)
	var b strings.Builder
	anchored := map[string]bool{}
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		if lo == hi {
			continue
		}
		var classes, titles []string
		for _, m := range marks {
			if m.start <= lo && hi <= m.end {
				classes = append(classes, m.class)
				if m.title != "" {
					titles = append(titles, m.title)
				}
				if m.id != "" && !anchored[m.id] {
					anchored[m.id] = true
					b.WriteString(`<a id="` + m.id + `"></a>`)
				}
			}
		}
		text := template.HTMLEscapeString(d.Text[lo:hi])
		if len(classes) == 0 {
			b.WriteString(text)
			continue
		}
		b.WriteString(`<span class="` + template.HTMLEscapeString(strings.Join(classes, " ")) + `"`)
		if len(titles) > 0 {
			b.WriteString(` title="` + template.HTMLEscapeString(strings.Join(titles, " · ")) + `"`)
		}
		b.WriteString(`>` + text + `</span>`)
	}
	return b.String()
}

func TestAnnotateMatchesNaive(t *testing.T) {
	_, st := newTestServer(t, Config{Token: testToken})
	n := 0
	err := st.Scan(context.Background(), store.Query{}, func(d *document.Document) error {
		n++
		if got, want := string(Annotate(d)), naiveAnnotate(d); got != want {
			t.Errorf("%s: Annotate differs from the naive rendering", d.ID)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("scanned %d documents: %v", n, err)
	}
	// Nested and overlapping marks, out-of-range spans dropped.
	d := &document.Document{Text: "أبجد هوز حطي كلمن"}
	sp := func(a, b int) *article.Span { return &article.Span{Start: a, End: b} }
	d.Entities = []document.Entity{{Span: sp(0, 8), Type: "PERS"}, {Span: sp(2, 12), Type: "LOC"}, {Span: sp(2, 4), Type: "ORG"}, {Span: sp(5, 500), Type: "MISC"}, {Span: sp(-1, 3), Type: "MISC"}}
	d.Events = []document.Event{{Sentence: article.Span{Start: 0, End: len(d.Text)}, Trigger: article.Span{Start: 9, End: 15}, Code: "010"}}
	d.Dates = []document.Date{{Span: article.Span{Start: 2, End: 8}, Value: "2022"}}
	if got, want := string(Annotate(d)), naiveAnnotate(d); got != want {
		t.Errorf("overlapping marks:\n got %s\nwant %s", got, want)
	}
}

// TestIngestRateLimit: a client gets its burst, then 429 with Retry-After;
// another address has its own bucket; a negative rate turns the limit off.
// The limit comes before the token check, so requests without a token
// (answered 401, storing nothing) use up the bucket too.
func TestIngestRateLimit(t *testing.T) {
	_, st := newTestServer(t, Config{Token: testToken})
	for _, tc := range []struct {
		name       string
		rate       float64
		burst      int
		requests   int
		wantPassed int // answered 401 rather than 429
	}{
		{"slow bucket of 3", 0.001, 3, 10, 3},
		{"burst of 1", 0.0001, 1, 4, 1},
		{"off", -1, 0, 50, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := New(Config{Store: st, Token: testToken, IngestRate: tc.rate, IngestBurst: tc.burst})
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/api/ingest", "/ingest"} {
				passed := 0
				for i := range tc.requests {
					rec := httptest.NewRecorder()
					req := httptest.NewRequest("POST", path, strings.NewReader("نص"))
					req.RemoteAddr = "192.0.2." + strconv.Itoa(len(path)) + ":" + strconv.Itoa(40000+i)
					srv.ServeHTTP(rec, req)
					switch rec.Code {
					case http.StatusUnauthorized:
						passed++
					case http.StatusTooManyRequests:
						ra, err := strconv.Atoi(rec.Header().Get("Retry-After"))
						if err != nil || ra < 1 {
							t.Errorf("%s: 429 with Retry-After %q", path, rec.Header().Get("Retry-After"))
						}
						if path == "/api/ingest" && !json.Valid(rec.Body.Bytes()) {
							t.Errorf("%s: 429 body is not JSON: %s", path, rec.Body)
						}
					default:
						t.Errorf("%s: status %d", path, rec.Code)
					}
				}
				if passed != tc.wantPassed {
					t.Errorf("%s: %d of %d requests passed the limit, want %d", path, passed, tc.requests, tc.wantPassed)
				}
			}
			// Reads are never limited, and another address is not slowed
			// by this one.
			for range 5 {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("GET", "/api/articles?limit=1", nil)
				req.RemoteAddr = "192.0.2.11:1"
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					t.Errorf("read after the burst: %d", rec.Code)
				}
			}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("POST", "/api/ingest", strings.NewReader("نص"))
			req.RemoteAddr = "198.51.100.7:5"
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("another client: status %d, want 401 (not limited)", rec.Code)
			}
		})
	}
}

// TestIPLimiter checks the bucket arithmetic on a fixed clock.
func TestIPLimiter(t *testing.T) {
	if l := newIPLimiter(0, 0); l == nil || float64(l.limit) != DefaultIngestRate || l.burst != DefaultIngestBurst {
		t.Fatalf("zero config: %+v, want the defaults", l)
	}
	if l := newIPLimiter(-1, 5); l != nil {
		t.Fatal("a negative rate must turn the limit off")
	}
	l := newIPLimiter(2, 4) // 4 at once, then one every 500 ms
	now := time.Unix(1_700_000_000, 0)
	for i := range 4 {
		if ok, _ := l.allow("a", now); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a", now)
	if ok || wait <= 0 || wait > 500*time.Millisecond {
		t.Fatalf("past the burst: ok %v wait %v, want refused with a wait up to 500ms", ok, wait)
	}
	// Refused requests do not use tokens: half a second later, one passes.
	if ok, _ := l.allow("a", now.Add(500*time.Millisecond)); !ok {
		t.Error("a token should have come back after 500ms")
	}
	if ok, _ := l.allow("b", now); !ok {
		t.Error("another client shares the bucket")
	}
	// Idle clients are forgotten when the table is full.
	l.clients = map[string]*rate.Limiter{}
	for i := range maxLimiterClients {
		l.allow("c"+strconv.Itoa(i), now)
	}
	l.allow("new", now.Add(time.Hour))
	if len(l.clients) != 1 {
		t.Errorf("after the sweep %d clients are kept, want 1", len(l.clients))
	}
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.1:1234", "192.0.2.1"},
		{"[2001:db8:1:2:3:4:5:6]:80", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:80", "2001:db8:1:2::/64"},
		{"garbage", "garbage"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if got := clientIP(r); got != tc.want {
			t.Errorf("clientIP(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// multipartBody builds a form with one file part.
func multipartBody(t testing.TB, filename string, content []byte, fields map[string]string) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// TestUploadNamesAreNotPaths sends files whose names are paths: nothing is
// written there, and errors and stored origins name the base name only.
func TestUploadNamesAreNotPaths(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken, IngestRate: -1})
	dir := t.TempDir()
	target := filepath.Join(dir, "pwned.txt")
	article := "خبر عن زيارة\n\nزار وزير الخارجية الكازاخستاني أنقرة يوم الثلاثاء %d.\n"
	for i, name := range []string{
		"../../../../../../" + strings.TrimPrefix(target, "/"),
		target,
		`..\..\..\windows\system32\pwned.txt`,
		`C:\Users\x\pwned.txt`,
		"a/../../pwned.txt",
		"pwned.txt\x00.html",
	} {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			for _, content := range [][]byte{{0x1f, 0x8b, 0x08, 0x00, 0x00}, []byte(strings.Replace(article, "%d", strconv.Itoa(i), 1))} {
				body, ct := multipartBody(t, name, content, nil)
				req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", body)
				req.Header.Set("Content-Type", ct)
				req.Header.Set("Authorization", "Bearer "+testToken)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				var res struct {
					ingestResult
					Error string `json:"error"`
				}
				json.NewDecoder(resp.Body).Decode(&res)
				resp.Body.Close()
				if resp.StatusCode >= 500 {
					t.Fatalf("status %d", resp.StatusCode)
				}
				if res.Error != "" { // a name the form parser refuses
					if resp.StatusCode != http.StatusBadRequest {
						t.Errorf("upload %q: status %d %s", name, resp.StatusCode, res.Error)
					}
					continue
				}
				if binary := content[0] == 0x1f; binary && (res.Failed != 1 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error, "binary")) ||
					!binary && len(res.IDs) != 1 {
					t.Errorf("upload %q: %+v", name, res)
				}
				for _, e := range res.Errors {
					if strings.ContainsAny(strings.TrimPrefix(e.Input, "upload:"), `/\`) {
						t.Errorf("error names a path: %q", e.Input)
					}
				}
				for _, id := range res.IDs {
					d, err := st.Get(context.Background(), id)
					if err != nil {
						t.Fatal(err)
					}
					if strings.ContainsAny(strings.TrimPrefix(d.Origin.Path, "upload:"), `/\`) {
						t.Errorf("stored origin names a path: %q", d.Origin.Path)
					}
				}
			}
			if _, err := os.Stat(target); err == nil {
				t.Fatalf("an upload wrote %s", target)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("the upload directory target holds %d files", len(entries))
	}
}

// gzipBomb returns a gzip stream of size bytes of zeros, built from
// concatenated members so that it costs little to make.
func gzipBomb(t testing.TB, size int64) []byte {
	const chunk = 16 << 20
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, chunk))
	zw.Close()
	var out bytes.Buffer
	for n := int64(0); n < size; n += chunk {
		out.Write(member.Bytes())
	}
	return out.Bytes()
}

func zipBomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("news.txt")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 16 {
		w.Write(zeros)
	}
	zw.Close()
	return buf.Bytes()
}

// TestCompressedUploadsAreNotInflated sends a gzip bomb (1 GiB of zeros
// in about 1 MB) as a compressed body and as .gz and .zip files: each is
// refused with a clear error, memory does not grow with the inflated size,
// and what was stored stays intact.
func TestCompressedUploadsAreNotInflated(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken, IngestRate: -1})
	ctx := context.Background()
	before, _ := st.Count(ctx, store.Query{})
	bomb := gzipBomb(t, 1<<30)
	zbomb := zipBomb(t)
	for _, tc := range []struct {
		name     string
		encoding string
		file     string // multipart file name; "" sends the raw body
		body     []byte
		code     int
		reason   string
	}{
		{"gzip content-encoding", "gzip", "", bomb, http.StatusUnsupportedMediaType, "Content-Encoding"},
		{"deflate content-encoding", "deflate", "", zbomb, http.StatusUnsupportedMediaType, "Content-Encoding"},
		{"raw gzip body", "", "", bomb, http.StatusBadRequest, "binary"},
		{".gz upload", "", "news.txt.gz", bomb, http.StatusBadRequest, "binary"},
		{".zip upload", "", "news.zip", zbomb, http.StatusBadRequest, "binary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(tc.body)
			ct := "application/octet-stream"
			if tc.file != "" {
				b, c := multipartBody(t, tc.file, tc.body, nil)
				body, ct = b, c
			}
			req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", body)
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+testToken)
			if tc.encoding != "" {
				req.Header.Set("Content-Encoding", tc.encoding)
			}
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			msg, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			runtime.ReadMemStats(&m1)
			if resp.StatusCode != tc.code || !bytes.Contains(msg, []byte(tc.reason)) {
				t.Errorf("status %d %s, want %d with %q", resp.StatusCode, msg, tc.code, tc.reason)
			}
			// The body is about a megabyte; reading it whole a few times
			// over is fine, inflating it (1 GiB) is not.
			if grew := m1.TotalAlloc - m0.TotalAlloc; grew > 128<<20 {
				t.Errorf("the request allocated %d MB", grew>>20)
			}
		})
	}
	if after, _ := st.Count(ctx, store.Query{}); after != before {
		t.Errorf("articles %d -> %d", before, after)
	}
	rep, err := st.Check(ctx, true)
	if err != nil || !rep.OK() {
		t.Errorf("store check: %v %v", err, rep.Problems)
	}
}

// TestLongArticlePage ingests an article of thousands of sentences through
// the API and renders its page: the annotation sweep handles every mark.
func TestLongArticlePage(t *testing.T) {
	n := 2000
	if raceEnabled {
		n = 300
	}
	ts, _ := newTestServer(t, Config{Token: testToken})
	var b strings.Builder
	b.WriteString("مقال طويل جدا\n\n20 تموز 2022\n\n")
	for i := range n {
		b.WriteString("زار وزير الخارجية الروسي أستانا يوم الاثنين والتقى نظيره الكازاخستاني في الجولة " + strconv.Itoa(i+1) + ".")
		if i%20 == 19 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", strings.NewReader(b.String()))
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res ingestResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if len(res.IDs) != 1 {
		t.Fatalf("ingest: %d %+v", resp.StatusCode, res)
	}
	resp, page := get(t, ts.URL+"/articles/"+res.IDs[0])
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte("الجولة "+strconv.Itoa(n))) {
		t.Fatalf("article page: status %d, %d bytes, last sentence missing", resp.StatusCode, len(page))
	}
	if marks := bytes.Count(page, []byte(`class="ent ent-`)); marks < n {
		t.Errorf("%d entity marks on the page of %d sentences naming three actors each", marks, n)
	}
}
