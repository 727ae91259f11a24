package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// TestMain lets the test binary act as the rasd command, so that tests can
// run it as a child process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("RASD_TEST_EXEC") == "1" {
		os.Exit(Execute(context.Background()))
	}
	os.Exit(m.Run())
}

func rasdCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "RASD_TEST_EXEC=1")
	return cmd
}

// writeSyntheticNews writes n distinct JSON-lines articles.
func writeSyntheticNews(t *testing.T, path string, n int) {
	t.Helper()
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	for i := range n {
		enc.Encode(map[string]string{
			"title":   fmt.Sprintf("وزير الخارجية يلتقي نظيره في الجولة رقم %d", i),
			"author":  "الرياض - واس",
			"date":    fmt.Sprintf("2022-%02d-%02d 10:00:00", 1+i%12, 1+i%28),
			"source":  "synthetic",
			"url":     fmt.Sprintf("https://example.com/news/%d", i),
			"content": strings.Repeat(fmt.Sprintf("بحث الجانبان في اللقاء رقم %d العلاقات الثنائية وسبل تعزيزها في مختلف المجالات. ", i), 6),
		})
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func storedIDs(t *testing.T, db string) []string {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatalf("open %s after the kill: %v", db, err)
	}
	defer st.Close()
	var ok string
	if err := st.DB().QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	rows, err := st.DB().Query(`SELECT id, hash, text, document FROM articles ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id, hash, text, raw string
		if err := rows.Scan(&id, &hash, &text, &raw); err != nil {
			t.Fatal(err)
		}
		var d document.Document
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			t.Fatalf("article %s: stored document is not whole: %v", id, err)
		}
		if document.ContentHash(d.Article) != hash || text == "" || len(d.Article.Body) == 0 {
			t.Fatalf("article %s is not whole: hash or text mismatch", id)
		}
		ids = append(ids, id)
	}
	return ids
}

func countArticles(db string) int {
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		return -1
	}
	defer st.Close()
	n, err := st.Count(context.Background(), store.Query{})
	if err != nil {
		return -1
	}
	return n
}

// TestSIGKILLMidIngest kills an ingest at several points, checks that the
// database opens and holds whole batches of whole articles only, then
// re-runs the ingest and finds the same article set as an uninterrupted run.
func TestSIGKILLMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several ingests of a few thousand articles")
	}
	const total, batch = 3000, 25
	dir := t.TempDir()
	input := filepath.Join(dir, "news.jsonl")
	writeSyntheticNews(t, input, total)

	refDB := filepath.Join(dir, "reference.db")
	if out, err := rasdCommand("--db", refDB, "ingest", "--batch", fmt.Sprint(batch), input).CombinedOutput(); err != nil {
		t.Fatalf("reference ingest: %v\n%s", err, out)
	}
	want := storedIDs(t, refDB)
	if len(want) != total {
		t.Fatalf("reference run stored %d, want %d", len(want), total)
	}

	for _, killAt := range []int{batch, total / 3, 2 * total / 3} {
		t.Run(fmt.Sprintf("kill_after_%d", killAt), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "killed.db")
			cmd := rasdCommand("--db", db, "ingest", "--batch", fmt.Sprint(batch), input)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			killed := false
			deadline := time.Now().Add(2 * time.Minute)
			for !killed && time.Now().Before(deadline) {
				select {
				case <-done:
					t.Skipf("the ingest finished before it could be killed at %d articles", killAt)
				case <-time.After(5 * time.Millisecond):
				}
				if countArticles(db) >= killAt {
					cmd.Process.Signal(syscall.SIGKILL)
					killed = true
				}
			}
			if !killed {
				t.Fatal("the ingest never reached the kill point")
			}
			<-done
			partial := storedIDs(t, db)
			if len(partial) == 0 || len(partial) >= total {
				t.Fatalf("killed run stored %d of %d: the kill was not mid-run", len(partial), total)
			}
			if len(partial)%batch != 0 {
				t.Errorf("killed run stored %d articles: not a whole number of batches of %d", len(partial), batch)
			}
			if out, err := rasdCommand("--db", db, "ingest", "--batch", fmt.Sprint(batch), input).CombinedOutput(); err != nil {
				t.Fatalf("re-run: %v\n%s", err, out)
			} else if !strings.Contains(string(out), fmt.Sprintf("new %d, duplicate %d", total-len(partial), len(partial))) {
				t.Errorf("re-run summary %q: want the rest new and the stored ones duplicate", out)
			}
			if got := storedIDs(t, db); !slices.Equal(got, want) {
				t.Errorf("after the re-run: %d articles, want the reference's %d", len(got), len(want))
			}
		})
	}
}
