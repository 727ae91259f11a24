package alert

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/store"
)

const testRules = `
rules:
  - name: kaz-rus-cooling
    kind: dyad_shift
    description: Kazakhstan and Russia, half a year against the half year before
    actors: [KAZ, RUS]
    days: 180
    delta: 3
    direction: down
    min_events: 2
  - name: shelling
    kind: event
    types: [ASSAULT, "19"]
  - name: kaz-new-partner
    kind: first_seen
    actors: [KAZ]
    context: partner
    learn_days: 60
`

// receiver is a webhook endpoint that checks signatures and fails its
// first request, as a flaky receiver would.
type receiver struct {
	t      *testing.T
	secret []byte
	mu     sync.Mutex
	calls  int
	got    []Alert
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls++
	if rc.calls == 1 {
		http.Error(w, "warming up", http.StatusServiceUnavailable)
		return
	}
	if !Verify(rc.secret, r.Header.Get(HeaderTimestamp), body, r.Header.Get(HeaderSignature)) {
		rc.t.Errorf("alert %s: bad signature %q", r.Header.Get(HeaderAlertID), r.Header.Get(HeaderSignature))
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var a Alert
	if err := json.Unmarshal(body, &a); err != nil {
		rc.t.Errorf("alert body: %v", err)
	}
	rc.got = append(rc.got, a)
}

// exampleDocs reads and analyses the bundled examples, oldest first.
func exampleDocs(t *testing.T) []*document.Document {
	var docs []*document.Document
	err := ingest.NewReader(ingest.Options{}).Read(context.Background(), []string{filepath.Join("..", "..", "examples")},
		func(d *document.Document) error { docs = append(docs, d); return nil },
		func(e *ingest.InputError) { t.Errorf("example: %v", e) })
	if err != nil {
		t.Fatal(err)
	}
	an := analyze.New()
	for _, d := range docs {
		an.Document(d)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Article.Published < docs[j].Article.Published })
	return docs
}

// TestReplayFiresOnce replays the examples' history article by article, as
// a watcher would meet them, checking the rules after each: the dyad
// shift rule fires exactly once, and the webhook gets it signed.
func TestReplayFiresOnce(t *testing.T) {
	rules, err := ParseRules([]byte(testRules), "rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rc := &receiver{t: t, secret: []byte("s3cret")}
	hook := httptest.NewServer(rc)
	defer hook.Close()
	jsonl := filepath.Join(t.TempDir(), "alerts.jsonl")
	m := &Monitor{
		Engine:   &Engine{Rules: rules, BaseURL: "http://rasd.example"},
		Delivery: &Delivery{Webhook: hook.URL, Secret: rc.secret, JSONL: jsonl, Backoff: 10 * time.Millisecond},
		Store:    st,
	}
	fired := map[string]int{}
	for _, d := range exampleDocs(t) {
		if _, err := st.PutBatch(ctx, []*document.Document{d}); err != nil {
			t.Fatal(err)
		}
		alerts, err := m.Check(ctx, []string{d.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range alerts {
			fired[a.Rule]++
			t.Logf("after %s %s: %s %s", d.Article.Published, d.ID, a.Rule, a.Summary)
		}
	}
	if fired["kaz-rus-cooling"] != 1 {
		t.Fatalf("dyad shift fired %d times, want once", fired["kaz-rus-cooling"])
	}
	if fired["shelling"] == 0 {
		t.Error("no assault event fired (the examples hold Turkish shelling)")
	}
	// Checking again with nothing new, or with an old article, fires nothing.
	again, err := m.Check(ctx, []string{"no-such-article"})
	if err != nil || len(again) != 0 {
		t.Errorf("a second check fired %d alerts (err %v)", len(again), err)
	}

	var shift *Alert
	for i, a := range rc.got {
		if a.Rule == "kaz-rus-cooling" {
			if shift != nil {
				t.Fatal("the webhook got the dyad shift twice")
			}
			shift = &rc.got[i]
		}
	}
	if shift == nil {
		t.Fatal("the webhook did not get the dyad shift")
	}
	if change, _ := shift.Figures["change"].(float64); change > -3 {
		t.Errorf("shift change %v, want a fall of at least 3", shift.Figures["change"])
	}
	if len(shift.Evidence) == 0 || !strings.HasPrefix(shift.Evidence[0].Link, "http://rasd.example/articles/") || shift.Evidence[0].Sentence == "" {
		t.Errorf("shift evidence %+v: want links to sentences", shift.Evidence)
	}
	total := 0
	for _, n := range fired {
		total += n
	}
	if len(rc.got) != total {
		t.Errorf("webhook got %d alerts, %d fired", len(rc.got), total)
	}
	pending, _ := st.Alerts(ctx, store.AlertQuery{Pending: true})
	if len(pending) != 0 {
		t.Errorf("%d alerts still pending after the receiver recovered", len(pending))
	}
	b, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(b), "\n"); lines != total {
		t.Errorf("JSON-lines file has %d alerts, %d fired", lines, total)
	}

	// A replay of the whole history (rasd alerts test) sees the same one
	// episode.
	replayed, err := m.Engine.Evaluate(ctx, st, Scope{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range replayed {
		if a.Rule == "kaz-rus-cooling" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("replay: dyad shift fires %d times, want once", n)
	}
}
