package server

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/alert"
	"github.com/rasd-project/rasd/internal/store"
)

// TestAlertsPage shows a stored alert, escaped, with its evidence links,
// and the API lists it.
func TestAlertsPage(t *testing.T) {
	ts, st := newTestServer(t, Config{Token: testToken})
	ctx := context.Background()
	a := alert.Alert{ID: "a1", Rule: "kaz-rus-cooling", Kind: alert.KindDyadShift, Window: "KAZ-RUS from 2022-04-13",
		FiredAt: time.Now().UTC(), Summary: `KAZ-RUS <script>alert(1)</script>`,
		Evidence: []alert.Evidence{{ArticleID: "abc", Date: "2022-03-16", Cameo: "128", Sentence: "رفضت كازاخستان <b>الطلب</b>", Offset: 42}}}
	body, _ := json.Marshal(a)
	if _, err := st.PutAlert(ctx, store.AlertRecord{ID: a.ID, Rule: a.Rule, Window: a.Window, FiredAt: a.FiredAt, Alert: body}); err != nil {
		t.Fatal(err)
	}
	st.SaveFeedState(ctx, store.FeedState{Source: "https://example.com/rss.xml", Failures: 2, LastError: "HTTP 500"})

	resp, page := get(t, ts.URL+"/alerts")
	if resp.StatusCode != 200 {
		t.Fatalf("/alerts: status %d", resp.StatusCode)
	}
	for _, want := range []string{`id="alert-a1"`, `href="/articles/abc#s42"`, "&lt;script&gt;", "&lt;b&gt;", "https://example.com/rss.xml", "HTTP 500"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("/alerts lacks %s", want)
		}
	}
	if bytes.Contains(page, []byte("<script>alert(1)")) {
		t.Error("/alerts renders alert text unescaped")
	}

	_, api := get(t, ts.URL+"/api/alerts")
	var list struct {
		Total  int                 `json:"total"`
		Alerts []store.AlertRecord `json:"alerts"`
	}
	if err := json.Unmarshal(api, &list); err != nil || list.Total != 1 || len(list.Alerts) != 1 || list.Alerts[0].Rule != "kaz-rus-cooling" {
		t.Errorf("/api/alerts = %s (err %v)", api, err)
	}
	_, feeds := get(t, ts.URL+"/api/feeds")
	if !bytes.Contains(feeds, []byte(`"failures": 2`)) && !bytes.Contains(feeds, []byte(`"failures":2`)) {
		t.Errorf("/api/feeds = %s", feeds)
	}
}
