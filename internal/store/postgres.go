package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// OpenPostgres connects to the PostgreSQL database a URL names
// (postgres://user:pass@host:port/db?sslmode=disable) and brings its schema
// up to date. Migrations run under an advisory lock, so that workers
// starting together do not race to create the tables.
func OpenPostgres(ctx context.Context, url string) (*DB, error) {
	name := Redact(url)
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	ping, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(ping); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	s := &DB{db: db, path: name, pg: true}
	if err := s.migrateLocked(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	return s, nil
}

// migrationLock is the advisory lock key of rasd's migrations ("rasd").
const migrationLock = 0x72617364

func (s *DB) migrateLocked(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
	return s.migrate(ctx)
}
