package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// postgresURL is the admin URL of a PostgreSQL server for the tests, from
// RASD_TEST_POSTGRES (.ci/run starts one). Without it the tests skip,
// unless RASD_TEST_POSTGRES_REQUIRED is set.
func postgresURL(t testing.TB) string {
	u := os.Getenv("RASD_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("RASD_TEST_POSTGRES_REQUIRED") != "" {
			t.Fatal("RASD_TEST_POSTGRES is not set, and the PostgreSQL tests are required")
		}
		t.Skip("RASD_TEST_POSTGRES is not set: no PostgreSQL server for the tests (.ci/run starts one)")
	}
	return u
}

var testDBs atomic.Int64

// openTestPostgres creates a fresh database on the server, opens the store
// on it and drops it when the test ends.
func openTestPostgres(t *testing.T) Store {
	t.Helper()
	admin := postgresURL(t)
	ctx := context.Background()
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { adm.Close() })
	name := fmt.Sprintf("rasd_test_%d_%d", time.Now().UnixNano()%1e9, testDBs.Add(1))
	if _, err := adm.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { adm.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	st, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestPostgres runs the conformance suites that SQLite passes against
// PostgreSQL.
func TestPostgres(t *testing.T) {
	postgresURL(t)
	conformance(t, openTestPostgres)
	conformanceIndex(t, openTestPostgres)
	conformanceWatch(t, openTestPostgres)
	conformanceCheck(t, openTestPostgres)
}
