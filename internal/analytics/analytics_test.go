package analytics

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/pipeline"
	"github.com/rasd-project/rasd/internal/store"
)

func TestBucket(t *testing.T) {
	for _, tc := range []struct {
		date string
		iv   Interval
		want string
		ok   bool
	}{
		{"2022-07-20", Day, "2022-07-20", true},
		{"2022-07-20", Week, "2022-W29", true},
		{"2022-01-02", Week, "2021-W52", true}, // ISO week of the year before
		{"2022-07-20", Month, "2022-07", true},
		{"2022-07", Month, "2022-07", true},
		{"2022-07", Day, "", false},
		{"2022", Month, "", false},
	} {
		got, ok := bucket(tc.date, tc.iv)
		if got != tc.want || ok != tc.ok {
			t.Errorf("bucket(%s, %s) = %q, %v; want %q, %v", tc.date, tc.iv, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPeriodsFillGaps(t *testing.T) {
	got := periods("2021-11", "2022-02", Month, 100)
	want := []string{"2021-11", "2021-12", "2022-01", "2022-02"}
	if len(got) != len(want) {
		t.Fatalf("periods = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("periods[%d] = %s, want %s", i, got[i], want[i])
		}
	}
	if w := periods("2021-W52", "2022-W02", Week, 100); len(w) != 3 || w[1] != "2022-W01" {
		t.Errorf("weeks = %v, want 2021-W52 2022-W01 2022-W02", w)
	}
	if p := periods("1900-01-01", "2100-01-01", Day, 1000); p != nil {
		t.Errorf("a range over the bound gave %d periods, want nil", len(p))
	}
}

func TestPartnerOf(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want string
	}{
		{[]string{"KAZ", "RUS", "KAZGOV", "RUSGOV"}, "RUS"},
		{[]string{"CHN", "KAZ", "CHNMIL", "KAZGOV"}, "CHN"},
		{[]string{"KAZ", "", "KAZGOV", "IGOCST"}, "IGOCST"},
		{[]string{"KAZ", "KAZ", "KAZGOV", "KAZELI"}, ""},
		{[]string{"KAZ", "", "KAZGOV", ""}, ""},
	} {
		if got := partnerOf("KAZ", tc.keys); got != tc.want {
			t.Errorf("partnerOf(KAZ, %v) = %q, want %q", tc.keys, got, tc.want)
		}
	}
}

// exampleStore ingests the bundled examples, and the seed article when
// ../shared is there, with the full analysis.
func exampleStore(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	paths := []string{filepath.Join("..", "..", "examples")}
	seed := filepath.Join("..", "..", "..", "shared", "data", "seed", "000_9e9e8f35e5b5ed32.txt")
	if _, err := os.Stat(seed); err == nil {
		paths = append(paths, seed)
	} else {
		t.Logf("seed article absent (%v): examples only", err)
	}
	if _, err := pipeline.Ingest(ctx, ingest.NewReader(ingest.Options{}), st, paths, pipeline.Options{Analyze: analyze.New().Document}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestKazakhstanRealigns is the storyline of the examples: around Russia's
// invasion of Ukraine, Kazakhstan moves away from Russia and towards China.
func TestKazakhstanRealigns(t *testing.T) {
	st := exampleStore(t)
	a, err := AlignmentShift(context.Background(), st, "KAZ", Period{Until: "2022-02-23"}, Period{Since: "2022-02-24"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	delta := map[string]float64{}
	for _, s := range a.Shifts {
		delta[s.Partner] = s.Delta
		t.Logf("%s: %d events, mean %.2f -> %d events, mean %.2f (%+.2f)", s.Partner, s.Before.Events, s.Before.GoldsteinMean, s.After.Events, s.After.GoldsteinMean, s.Delta)
	}
	if d, ok := delta["RUS"]; !ok || d >= 0 {
		t.Errorf("KAZ towards RUS: %+.2f (ranked: %v), want a move away", d, ok)
	}
	if d, ok := delta["CHN"]; !ok || d <= 0 {
		t.Errorf("KAZ towards CHN: %+.2f (ranked: %v), want a move towards", d, ok)
	}
}

func TestDyadSeries(t *testing.T) {
	st := exampleStore(t)
	ctx := context.Background()
	s, err := Dyad(ctx, st, store.EventFilter{Actor: "KAZ", Partner: "RUS"}, Month)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := st.CountEvents(ctx, store.EventFilter{Actor: "KAZ", Partner: "RUS"})
	sum := s.Coarse
	for i, p := range s.Points {
		sum += p.Events
		if p.Quad[0]+p.Quad[1]+p.Quad[2]+p.Quad[3] != p.Events {
			t.Errorf("%s: quad classes add up to %v, not %d events", p.Period, p.Quad, p.Events)
		}
		if i > 0 && s.Points[i-1].Period >= p.Period {
			t.Errorf("periods out of order: %s then %s", s.Points[i-1].Period, p.Period)
		}
	}
	if n == 0 || sum != n || s.Total.Events != n {
		t.Errorf("series holds %d events (total %d), store has %d", sum, s.Total.Events, n)
	}
	directed, _ := Dyad(ctx, st, store.EventFilter{Actor: "KAZ", Partner: "RUS", Directed: true}, Month)
	reverse, _ := Dyad(ctx, st, store.EventFilter{Actor: "RUS", Partner: "KAZ", Directed: true}, Month)
	if directed.Total.Events+reverse.Total.Events != n {
		t.Errorf("KAZ→RUS %d + RUS→KAZ %d != undirected %d", directed.Total.Events, reverse.Total.Events, n)
	}
}

// fakeEvents serves fixed rows to Merge.
type fakeEvents []store.EventRow

func (f fakeEvents) GroupEvents(context.Context, store.EventFilter, ...store.Dim) ([]store.Group, error) {
	return nil, nil
}

func (f fakeEvents) Events(_ context.Context, _ store.EventFilter, fn func(store.EventRow) error) error {
	for _, r := range f {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func TestMergeReports(t *testing.T) {
	ev := func(article, date, src, tgt, code string) store.EventRow {
		return store.EventRow{ArticleID: article, Event: document.Event{Date: date, Code: code,
			Source: &document.EventActor{Code: src}, Target: &document.EventActor{Code: tgt}}}
	}
	rows := fakeEvents{
		ev("a1", "2022-07-20", "RUSLEG", "KAZGOV", "120"),
		ev("a2", "2022-07-20", "RUSLEG", "KAZGOV", "120"),
		ev("a2", "2022-07-20", "RUSLEG", "KAZGOV", "120"), // a second sentence of a2
		ev("a3", "2022-07-21", "RUSLEG", "KAZGOV", "120"), // another day
		ev("a3", "2022-07-20", "KAZGOV", "RUSLEG", "120"), // the other direction
	}
	merged, err := Merge(context.Background(), rows, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != 3 {
		t.Fatalf("merged into %d events, want 3: %+v", len(merged), merged)
	}
	m := merged[0]
	if m.NumArticles != 2 || m.NumMentions != 3 || len(m.Evidence) != 3 {
		t.Errorf("first event: %d articles, %d mentions, %d links; want 2, 3, 3", m.NumArticles, m.NumMentions, len(m.Evidence))
	}
}
