package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWatchOnceAndAlerts watches a folder of examples once, with rules:
// the articles are stored, the alerts raised and listed, and a second
// poll finds nothing new.
func TestWatchOnceAndAlerts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "rasd.db")
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	feeds := filepath.Join(dir, "feeds.txt")
	os.WriteFile(feeds, []byte("# the bundled examples\n"+examples+" every=1h\n"), 0o644)
	rules := filepath.Join("..", "..", "docs", "alerts.example.yaml")
	jsonl := filepath.Join(dir, "alerts.jsonl")

	out, errOut, code := run(t, "", "--db", db, "watch", "--once", "--json", "--feeds", feeds, "--rules", rules, "--alerts-jsonl", jsonl)
	if code != 0 {
		t.Fatalf("watch --once: exit %d: %s", code, errOut)
	}
	var stats struct{ Polled, New, Failed int }
	if err := json.Unmarshal([]byte(out), &stats); err != nil || stats.Polled != 1 || stats.New < 20 || stats.Failed != 0 {
		t.Fatalf("watch --once = %s (err %v): want one source polled and the examples stored", out, err)
	}
	lines, _ := os.ReadFile(jsonl)
	if !strings.Contains(string(lines), `"rule":"kaz-rus-cooling"`) {
		t.Errorf("alerts file lacks the dyad shift:\n%s", lines)
	}

	// Not due yet: nothing polled. Then the alerts as stored and replayed.
	out, _, _ = run(t, "", "--db", db, "watch", "--once", "--json", "--feeds", feeds)
	if !strings.Contains(out, `"polled": 0`) {
		t.Errorf("second watch --once polled again before the hour: %s", out)
	}
	out, _, code = run(t, "", "--db", db, "alerts", "list", "--json", "--rule", "kaz-rus-cooling")
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("alerts list: want one dyad-shift alert, got (exit %d):\n%s", code, out)
	}
	out, _, code = run(t, "", "--db", db, "alerts", "test", rules)
	if code != 0 || !strings.Contains(out, "kaz-rus-cooling  dyad_shift    1") {
		t.Errorf("alerts test (exit %d):\n%s", code, out)
	}
	if _, errOut, code := run(t, "", "--db", db, "watch", "--feeds", feeds, "--webhook", "http://127.0.0.1:1/"); code == 0 || !strings.Contains(errOut, "need --rules") {
		t.Errorf("a webhook without rules: exit %d, %s", code, errOut)
	}
}
