package server

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/pipeline"
	"github.com/rasd-project/rasd/internal/store"
)

const testToken = "s3cret-token"

var (
	analyzerOnce sync.Once
	analyzer     *analyze.Analyzer
)

func sharedAnalyzer() *analyze.Analyzer {
	analyzerOnce.Do(func() { analyzer = analyze.New() })
	return analyzer
}

// repoRoot is the module root, where examples/ lives.
func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// newTestServer serves a fresh store holding the bundled examples.
func newTestServer(t testing.TB, cfg Config) (*httptest.Server, store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := ingest.NewReader(ingest.Options{})
	if _, err := pipeline.Ingest(ctx, r, st, []string{filepath.Join(repoRoot(t), "examples")}, pipeline.Options{Analyze: sharedAnalyzer().Document}); err != nil {
		t.Fatal(err)
	}
	cfg.Store = st
	if cfg.Analyze == nil {
		cfg.Analyze = sharedAnalyzer().Document
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, st
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestAPI(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken})
	n, _ := st.Count(context.Background(), store.Query{})
	for _, tc := range []struct {
		path  string
		code  int
		check func(t *testing.T, body []byte)
	}{
		{"/healthz", 200, nil},
		{"/api/articles?limit=5", 200, func(t *testing.T, body []byte) {
			var p struct {
				Total int
				Items []store.Summary
			}
			json.Unmarshal(body, &p)
			if p.Total != n || len(p.Items) != 5 {
				t.Errorf("total %d items %d, want %d and 5", p.Total, len(p.Items), n)
			}
		}},
		{"/api/search?q=انتخابات", 200, nil},
		{"/api/search?q=", 400, nil},
		{"/api/events?actor=KAZ&limit=3", 200, func(t *testing.T, body []byte) {
			var p struct {
				Total int
				Items []store.EventRow
			}
			json.Unmarshal(body, &p)
			if p.Total == 0 || len(p.Items) != 3 || p.Items[0].Evidence == "" {
				t.Errorf("KAZ events: total %d, %d items; want some, 3 with evidence", p.Total, len(p.Items))
			}
		}},
		{"/api/events?merged=true&actor=KAZ", 200, nil},
		{"/api/events?quad=9", 400, nil},
		{"/api/events?cameo=x%27--", 400, nil},
		{"/api/events?since=yesterday", 400, nil},
		{"/api/events?format=xml", 400, nil},
		{"/api/actors?limit=5", 200, nil},
		{"/api/actors/KAZ", 200, nil},
		{"/api/dyads?a=KAZ&b=RUS&interval=month", 200, func(t *testing.T, body []byte) {
			var s struct {
				Total  struct{ Events int }
				Points []struct{ Period string }
			}
			json.Unmarshal(body, &s)
			if s.Total.Events == 0 || len(s.Points) == 0 {
				t.Errorf("KAZ-RUS series is empty: %s", body)
			}
		}},
		{"/api/dyads", 400, nil},
		{"/api/network?min=1", 200, nil},
		{"/api/alignment?actor=KAZ&split=2022-06-01", 200, nil},
		{"/api/alignment?actor=KAZ", 400, nil},
		{"/api/articles/ffffffffffff", 404, nil},
		{"/api/openapi.json", 200, nil},
		{"/metrics", 200, func(t *testing.T, body []byte) {
			if !bytes.Contains(body, []byte("rasd_http_requests_total{")) || !bytes.Contains(body, []byte("rasd_articles ")) {
				t.Errorf("metrics lack the request counter or the article gauge:\n%s", body)
			}
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := get(t, ts.URL+tc.path)
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.code, body)
			}
			if strings.HasPrefix(tc.path, "/api/") && !json.Valid(body) {
				t.Errorf("body is not JSON: %s", body)
			}
			if tc.check != nil {
				tc.check(t, body)
			}
		})
	}
}

func TestEventExports(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken})
	want, _ := st.CountEvents(context.Background(), store.EventFilter{Actor: "KAZ"})
	for _, format := range []string{"jsonl", "csv", "parquet"} {
		resp, body := get(t, ts.URL+"/api/events?actor=KAZ&format="+format)
		if resp.StatusCode != 200 || len(body) == 0 {
			t.Fatalf("%s: status %d, %d bytes", format, resp.StatusCode, len(body))
		}
		switch format {
		case "jsonl":
			if got := bytes.Count(body, []byte("\n")); got != want {
				t.Errorf("jsonl has %d lines, want %d events", got, want)
			}
		case "csv":
			if got := bytes.Count(body, []byte("\n")) - 1; got < want {
				t.Errorf("csv has %d rows, want at least %d", got, want)
			}
		case "parquet":
			if !bytes.HasPrefix(body, []byte("PAR1")) || !bytes.HasSuffix(body, []byte("PAR1")) {
				t.Errorf("parquet file lacks its magic bytes")
			}
		}
	}
}

func TestIngestNeedsToken(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken})
	ctx := context.Background()
	before, _ := st.Count(ctx, store.Query{})
	text := "وزير الخارجية يزور عاصمة جديدة\n\nزار وزير الخارجية الكازاخستاني بكين يوم الاثنين والتقى نظيره الصيني.\n"
	post := func(token, contentType string, body io.Reader) *http.Response {
		req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", body)
		req.Header.Set("Content-Type", contentType)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post("", "text/plain", strings.NewReader(text)); resp.StatusCode != 401 {
		t.Errorf("no token: status %d, want 401", resp.StatusCode)
	}
	if resp := post("wrong", "text/plain", strings.NewReader(text)); resp.StatusCode != 401 {
		t.Errorf("wrong token: status %d, want 401", resp.StatusCode)
	}
	if after, _ := st.Count(ctx, store.Query{}); after != before {
		t.Fatalf("refused posts stored %d articles", after-before)
	}
	if resp := post(testToken, "text/plain", strings.NewReader(text)); resp.StatusCode != 200 {
		t.Fatalf("with token: status %d, want 200", resp.StatusCode)
	}
	if after, _ := st.Count(ctx, store.Query{}); after != before+1 {
		t.Errorf("stored %d articles, want 1", after-before)
	}
	// The dashboard's form: multipart with the token as a field.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("token", testToken)
	fw, _ := mw.CreateFormFile("file", "../../etc/passwd.txt")
	fw.Write([]byte(strings.Replace(text, "بكين", "موسكو", 1)))
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/ingest", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`id="ingest-result"`)) {
		t.Errorf("form upload: status %d, page without a result", resp.StatusCode)
	}
	// Too large a body is refused with 413 and stores nothing.
	small, _ := newTestServer(t, Config{Token: testToken, MaxBody: 1024})
	req, _ = http.NewRequest("POST", small.URL+"/api/ingest", strings.NewReader(strings.Repeat(text, 100)))
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d, want 413", resp.StatusCode)
	}
}

func TestProtectReads(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken, ProtectReads: true})
	if resp, _ := get(t, ts.URL+"/api/articles"); resp.StatusCode != 401 {
		t.Errorf("protected read without token: %d, want 401", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/healthz"); resp.StatusCode != 200 {
		t.Errorf("healthz must stay open: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/articles", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("protected read with token: %d, want 200", resp.StatusCode)
	}
}

// TestOpenAPIMatchesRoutes keeps the OpenAPI document true: every API
// route is documented with its method, and every documented path is served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var spec struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", spec.OpenAPI)
	}
	s := &Server{}
	served := map[string]bool{}
	for _, rt := range s.apiRoutes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		key := strings.ToLower(method) + " " + path
		served[key] = true
		if _, ok := spec.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %s is not in openapi.json", rt.pattern)
		}
	}
	var documented []string
	for path, ops := range spec.Paths {
		for method := range ops {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(documented)
	for _, d := range documented {
		if !served[d] {
			t.Errorf("openapi.json documents %s, which no route serves", d)
		}
	}
}

func TestPages(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken})
	var id string
	st.Events(context.Background(), store.EventFilter{Actor: "KAZ", Limit: 1}, func(r store.EventRow) error { id = r.ArticleID; return nil })
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{`dir="rtl"`, "أكثر الفاعلين"}},
		{"/search?q=انتخابات", []string{`id="result-count"`}},
		{"/articles/" + id, []string{`class="ent ent-`, `class="evs`, `class="trig`}},
		{"/events?actor=KAZ", []string{"format=parquet", `class="event"`}},
		{"/events?actor=KAZ&merged=true", []string{`class="data events merged"`}},
		{"/dyads?a=KAZ&b=RUS,CHN", []string{`class="chart line-chart"`, `class="series"`, `class="bar q`}},
		{"/actors", []string{`class="chart network"`, `class="edge"`}},
		{"/actors/KAZ", []string{`class="chart bar-chart"`}},
		{"/ingest", []string{`enctype="multipart/form-data"`}},
		{"/static/rasd.css", []string{".annotated"}},
	} {
		resp, body := get(t, ts.URL+tc.path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", tc.path, resp.StatusCode)
			continue
		}
		for _, w := range tc.want {
			if !bytes.Contains(body, []byte(w)) {
				t.Errorf("%s: page lacks %s", tc.path, w)
			}
		}
		if strings.HasSuffix(resp.Header.Get("Content-Type"), "html; charset=utf-8") {
			checkSVG(t, tc.path, body)
		}
	}
	if resp, _ := get(t, ts.URL+"/articles/ffffffffffff"); resp.StatusCode != 404 {
		t.Errorf("missing article page: %d, want 404", resp.StatusCode)
	}
}

var svgRE = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// checkSVG parses every inline chart as XML: a chart Go drew wrong breaks
// the whole figure in a browser.
func checkSVG(t *testing.T, path string, page []byte) {
	for _, svg := range svgRE.FindAll(page, -1) {
		d := xml.NewDecoder(bytes.NewReader(svg))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: chart is not well-formed XML: %v", path, err)
				break
			}
		}
	}
}

// TestArticleTextIsEscaped injects markup into an article and checks that
// every page shows it as text.
func TestArticleTextIsEscaped(t *testing.T) {
	ts, _ := newTestServer(t, Config{Token: testToken})
	// The text opens with Arabic: a text opening with "<" is read as HTML,
	// whose scripts never reach the article at all.
	evil := `العنوان <script>alert("x")</script> <img src=x onerror=alert(1)>` + "\n\n" + `قال الرئيس <script>document.title="pwned"</script> إن روسيا هاجمت أوكرانيا.` + "\n"
	req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", strings.NewReader(evil))
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res ingestResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if len(res.IDs) != 1 {
		t.Fatalf("ingest: %+v", res)
	}
	for _, path := range []string{"/articles/" + res.IDs[0], "/", "/search?q=" + "العنوان", "/search?q=<script>"} {
		_, body := get(t, ts.URL+path)
		if bytes.Contains(body, []byte("<script>alert")) || bytes.Contains(body, []byte("<script>document")) || bytes.Contains(body, []byte("<img src=x")) {
			t.Errorf("%s: injected markup reached the page unescaped", path)
		}
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
