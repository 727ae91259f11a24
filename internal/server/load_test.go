package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/store"
)

// TestLoadReadersWhileIngesting runs 200 concurrent readers over the API
// and the pages on loopback while one writer ingests new articles within
// the rate limit. Every response must be 200 and the test must finish; the
// deadline is a guard against a deadlock, not a speed target.
func TestLoadReadersWhileIngesting(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const readers = 200
	perReader, writes := 20, 15
	if raceEnabled {
		perReader, writes = 4, 5
	}
	ts, st := newTestServer(t, Config{Token: testToken})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	before, err := st.Count(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.List(ctx, store.Query{Limit: 10})
	if err != nil || len(ids) == 0 {
		t.Fatalf("no stored articles to read: %v", err)
	}
	paths := []string{
		"/api/search?q=" + url.QueryEscape("انتخابات"),
		"/api/events?actor=KAZ&limit=20",
		"/api/dyads?a=KAZ&b=RUS&interval=month",
		"/",
		"/search?q=" + url.QueryEscape("روسيا"),
	}
	for _, s := range ids {
		paths = append(paths, "/articles/"+s.ID, "/api/articles/"+s.ID)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: readers, MaxConnsPerHost: readers}}
	defer client.CloseIdleConnections()

	var requests, failures atomic.Int64
	var mu sync.Mutex
	var firstErrors []string
	failed := func(format string, args ...any) {
		failures.Add(1)
		mu.Lock()
		if len(firstErrors) < 10 {
			firstErrors = append(firstErrors, fmt.Sprintf(format, args...))
		}
		mu.Unlock()
	}
	do := func(req *http.Request) (int, []byte, error) {
		resp, err := client.Do(req.WithContext(ctx))
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp.StatusCode, body, err
	}

	var wg sync.WaitGroup
	start := make(chan struct{})
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range perReader {
				path := paths[(r*7+i)%len(paths)]
				req, _ := http.NewRequest("GET", ts.URL+path, nil)
				code, _, err := do(req)
				requests.Add(1)
				if err != nil || code != http.StatusOK {
					failed("GET %s: %d %v", path, code, err)
				}
			}
		}()
	}
	var stored atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		for i := range writes {
			text := fmt.Sprintf("زيارة رسمية رقم %d\n\nزار وزير الخارجية الكازاخستاني موسكو يوم الاثنين %d أيار 2022 والتقى نظيره الروسي لبحث التعاون.\n", i, i%28+1)
			req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", strings.NewReader(text))
			req.Header.Set("Authorization", "Bearer "+testToken)
			code, body, err := do(req)
			requests.Add(1)
			var res ingestResult
			if err != nil || code != http.StatusOK || json.Unmarshal(body, &res) != nil || res.New != 1 {
				failed("POST /api/ingest %d: %d %v %s", i, code, err, body)
				continue
			}
			stored.Add(1)
		}
	}()
	close(start)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("load test did not finish before its guard deadline (deadlock?): %d requests done", requests.Load())
	}
	want := int64(readers*perReader + writes)
	t.Logf("%d readers, %d requests (%d writes), %d errors", readers, requests.Load(), writes, failures.Load())
	if requests.Load() != want || failures.Load() != 0 {
		t.Errorf("%d of %d requests, %d failed: %v", requests.Load(), want, failures.Load(), firstErrors)
	}
	after, err := st.Count(ctx, store.Query{})
	if err != nil || int64(after-before) != stored.Load() {
		t.Errorf("articles %d -> %d, want %d more: %v", before, after, stored.Load(), err)
	}
	rep, err := st.Check(ctx, false)
	if err != nil || !rep.OK() {
		t.Errorf("store check after the load: %v %v", err, rep.Problems)
	}
}
