package cli

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/queue"
	"github.com/rasd-project/rasd/internal/store"
)

// workerDB is the database the workers share: a fresh PostgreSQL database
// when RASD_TEST_POSTGRES names a server, else a SQLite file.
func workerDB(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("RASD_TEST_POSTGRES")
	if admin == "" {
		t.Log("RASD_TEST_POSTGRES not set: the workers share a SQLite file")
		return filepath.Join(t.TempDir(), "workers.db")
	}
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { adm.Close() })
	name := fmt.Sprintf("rasd_workers_%d", time.Now().UnixNano()%1e9)
	if _, err := adm.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { adm.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	return u.String()
}

// workerInput is the first n articles of the news sample, or synthetic
// articles when ../shared is absent.
func workerInput(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "input.jsonl")
	f, err := os.Open(newsSample)
	if err != nil {
		t.Logf("news sample absent (%v): synthetic articles", err)
		writeSyntheticNews(t, path, n)
		return path
	}
	defer f.Close()
	var sb strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		sb.WriteString(sc.Text() + "\n")
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot is what a run stored: every article's hash and every event's
// place, code and parties.
func snapshot(t *testing.T, dsn string) []string {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out []string
	err = st.Scan(context.Background(), store.Query{}, func(d *document.Document) error {
		out = append(out, "article "+d.Hash)
		for i, e := range d.Events {
			src, tgt := "", ""
			if e.Source != nil {
				src = e.Source.Code
			}
			if e.Target != nil {
				tgt = e.Target.Code
			}
			out = append(out, fmt.Sprintf("event %s/%d %s %s %s %s", d.ID, i, e.Date, src, e.Code, tgt))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.CountEvents(context.Background(), store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, fmt.Sprintf("events table %d", n))
	slices.Sort(out)
	return out
}

// TestWorkerKilled is the scale-out fault test: three workers share the
// queue; one is SIGKILLed mid-run and restarted (and, where the test may,
// PostgreSQL restarts under them); the database ends with exactly the
// articles and events of a single-process run, none twice.
func TestWorkerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test skipped in -short mode")
	}
	input := workerInput(t, 600)
	nats, err := queue.StartServer(queue.ServerOptions{Addr: "127.0.0.1:0", StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer nats.Shutdown()
	qURL := nats.ClientURL()

	if _, stderr, code := run(t, "", "ingest", "--queue", qURL, input); code != 0 {
		t.Fatalf("ingest --queue: exit %d: %s", code, stderr)
	}
	dsn := workerDB(t)
	start := func(i int) *exec.Cmd {
		cmd := rasdCommand("--db", dsn, "worker", "--queue", qURL, "--batch", "8", "--ack-wait", "3s", "--idle", "6s")
		cmd.Stderr = &strings.Builder{}
		if err := cmd.Start(); err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
		return cmd
	}
	workers := []*exec.Cmd{start(0), start(1), start(2)}

	// Kill worker 0 once some articles are stored, then start it again.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		if n := storedCount(t, dsn); n >= 60 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the workers stored nothing within 3 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
	workers[0].Process.Signal(syscall.SIGKILL)
	workers[0].Wait()

	// With RASD_TEST_PG_RESTART (a command, such as pg_ctlcluster 15 main
	// restart; .ci/run sets it), PostgreSQL restarts under the other two
	// workers too.
	if restart := os.Getenv("RASD_TEST_PG_RESTART"); restart != "" && strings.HasPrefix(dsn, "postgres") {
		before := storedCount(t, dsn)
		if out, err := exec.Command("sh", "-c", restart).CombinedOutput(); err != nil {
			t.Fatalf("restart PostgreSQL (%s): %v\n%s", restart, err, out)
		}
		t.Logf("PostgreSQL restarted: %d articles stored before, %d after", before, storedCount(t, dsn))
	}
	workers[0] = start(3)
	for i, w := range workers {
		if err := w.Wait(); err != nil {
			t.Errorf("worker %d: %v\n%s", i, err, w.Stderr)
		}
	}

	single := filepath.Join(t.TempDir(), "single.db")
	if _, stderr, code := run(t, "", "--db", single, "ingest", input); code != 0 {
		t.Fatalf("single-process ingest: exit %d: %s", code, stderr)
	}
	got, want := snapshot(t, dsn), snapshot(t, single)
	if !slices.Equal(got, want) {
		missing, extra := diff(want, got), diff(got, want)
		t.Errorf("workers stored %d lines, single process %d; missing %d (e.g. %v), extra %d (e.g. %v)",
			len(got), len(want), len(missing), head(missing), len(extra), head(extra))
	}
}

func storedCount(t *testing.T, dsn string) int {
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		return 0
	}
	defer st.Close()
	n, _ := st.Count(context.Background(), store.Query{})
	return n
}

func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

func head(s []string) []string { return s[:min(len(s), 3)] }
