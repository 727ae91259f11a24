package store

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/document"
)

// conformanceWatch is the behaviour of the watcher's memory and of the
// alerts, on every engine.
func conformanceWatch(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	t.Run("FeedState", func(t *testing.T) {
		st := open(t)
		src := "https://example.com/rss.xml"
		got, err := st.FeedState(ctx, src)
		if err != nil || got.Source != src || !got.NextPoll.IsZero() {
			t.Fatalf("unknown source = %+v, %v; want a zero state", got, err)
		}
		polled := time.Date(2026, 1, 5, 10, 0, 0, 123, time.UTC)
		want := FeedState{Source: src, ETag: `"v1"`, LastModified: "Mon, 05 Jan 2026 09:00:00 GMT",
			PolledAt: polled, NextPoll: polled.Add(15 * time.Minute), Failures: 2, LastError: "HTTP 500", Items: 7}
		for range 2 { // the second save updates in place
			if err := st.SaveFeedState(ctx, want); err != nil {
				t.Fatal(err)
			}
		}
		got, err = st.FeedState(ctx, src)
		if err != nil || got != want {
			t.Errorf("state = %+v, %v; want %+v", got, err, want)
		}
		all, err := st.FeedStates(ctx)
		if err != nil || len(all) != 1 || all[0] != want {
			t.Errorf("states = %+v, %v", all, err)
		}
	})
	t.Run("SeenItems", func(t *testing.T) {
		st := open(t)
		at := time.Now()
		if err := st.MarkSeen(ctx, "feed", map[string]string{"a": "id1", "b": ""}, at); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkSeen(ctx, "feed", map[string]string{"a": "id1"}, at); err != nil {
			t.Errorf("marking twice: %v", err)
		}
		keys := []string{"a", "b", "c", "it's"}
		for i := range 450 { // more than one chunk of parameters
			keys = append(keys, string(rune('d'+i)))
		}
		seen, err := st.SeenItems(ctx, "feed", keys)
		if err != nil {
			t.Fatal(err)
		}
		if !seen["a"] || !seen["b"] || seen["c"] || len(seen) != 2 {
			t.Errorf("seen = %v, want a and b", seen)
		}
		other, _ := st.SeenItems(ctx, "other feed", []string{"a"})
		if other["a"] {
			t.Error("items are per source")
		}
		doc := newDoc(1, "2022-04-05", "a")
		doc.Article.URL = "https://example.com/1"
		if _, err := st.PutBatch(ctx, []*document.Document{doc}); err != nil {
			t.Fatal(err)
		}
		urls, err := st.StoredURLs(ctx, []string{"https://example.com/1", "https://example.com/2", ""})
		if err != nil || !urls["https://example.com/1"] || len(urls) != 1 {
			t.Errorf("stored urls = %v, %v", urls, err)
		}
	})
	t.Run("Alerts", func(t *testing.T) {
		st := open(t)
		body, _ := json.Marshal(map[string]string{"summary": "KAZ-RUS"})
		rec := AlertRecord{ID: "x1", Rule: "shift", Window: "KAZ-RUS from 2022-04-13", FiredAt: time.Now().UTC(), Alert: body}
		if isNew, err := st.PutAlert(ctx, rec); err != nil || !isNew {
			t.Fatalf("first put = %v, %v", isNew, err)
		}
		if isNew, err := st.PutAlert(ctx, rec); err != nil || isNew {
			t.Errorf("second put = %v, %v: an alert fires once", isNew, err)
		}
		rec2 := rec
		rec2.ID, rec2.Rule, rec2.FiredAt = "x2", "event", rec.FiredAt.Add(time.Second)
		st.PutAlert(ctx, rec2)
		pending, err := st.Alerts(ctx, AlertQuery{Pending: true})
		if err != nil || len(pending) != 2 || pending[0].ID != "x2" {
			t.Fatalf("pending = %+v, %v; want both, newest first", pending, err)
		}
		if err := st.AlertDelivery(ctx, "x1", time.Now(), ""); err != nil {
			t.Fatal(err)
		}
		if err := st.AlertDelivery(ctx, "x2", time.Time{}, "HTTP 503"); err != nil {
			t.Fatal(err)
		}
		pending, _ = st.Alerts(ctx, AlertQuery{Pending: true})
		if len(pending) != 1 || pending[0].ID != "x2" || pending[0].LastError != "HTTP 503" || pending[0].Attempts != 1 {
			t.Errorf("pending after delivery = %+v", pending)
		}
		byRule, _ := st.Alerts(ctx, AlertQuery{Rule: "shift"})
		if len(byRule) != 1 || string(byRule[0].Alert) != string(body) || byRule[0].DeliveredAt.IsZero() {
			t.Errorf("shift alerts = %+v", byRule)
		}
		if n, err := st.CountAlerts(ctx); err != nil || n != 2 {
			t.Errorf("count = %d, %v", n, err)
		}
	})
}

func TestSQLiteWatch(t *testing.T) {
	open := func(t *testing.T) Store {
		st, err := OpenSQLite(context.Background(), t.TempDir()+"/test.db")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	conformanceWatch(t, open)
	conformanceCheck(t, open)
}
