package server

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/rasd-project/rasd/internal/store"
)

// ingestContentTypes are what FuzzIngestAPI sends a body as; the last one
// wraps the body as a file of a multipart form.
var ingestContentTypes = []string{
	"text/plain; charset=utf-8", "application/json", "application/x-ndjson", "text/html",
	"application/rss+xml", "application/x-www-form-urlencoded", "", "multipart/form-data",
}

// FuzzIngestAPI posts arbitrary bodies to POST /api/ingest with a valid
// token: no answer is a 5xx (a panic is answered 500), a 200 says what it
// stored, and the store counts exactly the new articles it reports.
func FuzzIngestAPI(f *testing.F) {
	f.Add(uint8(0), []byte("عنوان\n\nزار وزير الخارجية الروسي أستانا يوم الاثنين."))
	f.Add(uint8(1), []byte(`{"title":"عنوان","content":"نص الخبر","date":"2022-07-20"}`+"\n{bad\n"))
	f.Add(uint8(1), []byte(`[{"title":"أ","content":"ب"},{"title":`))
	f.Add(uint8(3), []byte(`<html><body><article><h1>عنوان</h1><p>نص <script>x()</script></p></article></body></html>`))
	f.Add(uint8(4), []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>و</title><item><title>أ</title><description>نص</description></item></channel></rss>`))
	f.Add(uint8(5), []byte("text=%D9%86%D8%B5&token=x"))
	f.Add(uint8(7), []byte("\x1f\x8b\x08\x00\x00\x00"))
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	srv, err := New(Config{Store: st, Token: testToken, IngestRate: -1, MaxBody: 1 << 20, Analyze: sharedAnalyzer().Document})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		ct := ingestContentTypes[int(kind)%len(ingestContentTypes)]
		payload := body
		if ct == "multipart/form-data" {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "fuzz.txt")
			fw.Write(body)
			mw.Close()
			payload, ct = buf.Bytes(), mw.FormDataContentType()
		}
		before, err := st.Count(ctx, store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("POST", "/api/ingest", bytes.NewReader(payload))
		req.Header.Set("Authorization", "Bearer "+testToken)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("status %d, body is not JSON: %q", rec.Code, rec.Body)
		}
		after, err := st.Count(ctx, store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		var res ingestResult
		if rec.Code == http.StatusOK {
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			if res.Read != len(res.IDs) || res.New+res.Duplicate != res.Read {
				t.Fatalf("inconsistent result %+v", res)
			}
			for _, id := range res.IDs {
				if _, err := st.Get(ctx, id); err != nil {
					t.Fatalf("reported id %s is not stored: %v", id, err)
				}
			}
		}
		if after-before != res.New {
			t.Fatalf("status %d reported %d new articles, the store grew by %d", rec.Code, res.New, after-before)
		}
	})
}

// TestFuzzSeedsLeaveStoreConsistent runs the fuzz seeds through the server and
// then checks the store deeply: whatever was refused left no trace.
func TestFuzzSeedsLeaveStoreConsistent(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "seeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := New(Config{Store: st, Token: testToken, IngestRate: -1, Analyze: sharedAnalyzer().Document})
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		"عنوان\n\nزار وزير الخارجية الروسي أستانا يوم الاثنين.",
		`{"title":"عنوان","content":"نص الخبر"}` + "\n{bad\n",
		`[{"title":"أ","content":"ب"},{"title":`,
		"\x00\x01binary",
		"\xff\xfe invalid",
	} {
		req := httptest.NewRequest("POST", "/api/ingest", bytes.NewReader([]byte(body)))
		req.Header.Set("Authorization", "Bearer "+testToken)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Errorf("%q: status %d", body, rec.Code)
		}
	}
	rep, err := st.Check(ctx, true)
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
	if rep.Counts["articles"] != 3 {
		t.Errorf("stored %d articles, want 3 (text, JSON line, array item)", rep.Counts["articles"])
	}
}
