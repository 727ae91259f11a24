package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/rasd-project/rasd/internal/document"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// DB is the store over a SQL engine: embedded SQLite by default, or a
// PostgreSQL server. The engines share the schema's shape and the SQL
// below; where they differ (placeholders, full-text search, storage
// options) the engine says.
type DB struct {
	db   *sql.DB
	path string // the file or the redacted URL, for messages
	pg   bool   // PostgreSQL rather than SQLite

	// prepared holds search terms computed by PrepareIndex ahead of
	// PutBatch, by document.
	prepared sync.Map
}

// q rewrites a query's ? placeholders as PostgreSQL's $1, $2... Queries
// hold no literal question marks.
func (s *DB) q(query string) string {
	if !s.pg {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// engine names the migrations folder of the engine.
func (s *DB) engine() string {
	if s.pg {
		return "postgres"
	}
	return "sqlite"
}

// OpenSQLite opens or creates the database file at path and brings its
// schema up to date. WAL journaling with synchronous=NORMAL keeps every
// committed batch across a process crash. A 64 MiB page cache and memory
// mapping keep analytics queries off the read system call.
func OpenSQLite(ctx context.Context, file string) (*DB, error) {
	if file == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	dsn := "file:" + file + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_pragma=cache_size(-8192)&_pragma=mmap_size(268435456)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises writes anyway
	s := &DB{db: db, path: file}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	return s, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// DB exposes the handle for tests and maintenance commands.
func (s *DB) DB() *sql.DB { return s.db }

func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, s.q(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/"+s.engine()+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	reindex := false
	for _, name := range names {
		base := path.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		if v <= current {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if err := s.apply(ctx, v, base, string(body)); err != nil {
			return err
		}
		if rebuildsDerived[s.engine()][v] && current > 0 {
			reindex = true
		}
	}
	if reindex {
		// An older database gets its events, entities and search terms
		// from the documents it already holds.
		if _, err := s.Reindex(ctx); err != nil {
			return fmt.Errorf("migrations: reindex: %w", err)
		}
	}
	return nil
}

// rebuildsDerived are the migrations after which the derived tables must
// be filled again from the documents.
var rebuildsDerived = map[string]map[int]bool{"sqlite": {2: true, 3: true, 5: true}}

func (s *DB) apply(ctx context.Context, version int, name, body string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`), version, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	return tx.Commit()
}

// SchemaVersion returns the last migration applied, 0 for a new database.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT MAX(version) FROM schema_migrations`)).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return int(v.Int64), nil
}

// PutBatch inserts docs in one transaction; duplicates by hash are skipped.
func (s *DB) PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error) {
	added := make([]bool, len(docs))
	if len(docs) == 0 {
		return added, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO articles
		(id, hash, title, authors, published, source, url, format, origin, text, document, doc_version, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`))
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	defer stmt.Close()
	defer s.forgetPrepared(docs)
	ix, err := s.prepareIndexer(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer ix.close()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for i, d := range docs {
		p, err := s.takePrepared(d)
		if err != nil {
			return nil, err
		}
		row := p.row
		res, err := stmt.ExecContext(ctx, d.ID, d.Hash, d.Article.Title, row.authors, nullIfEmpty(d.Article.Published),
			nullIfEmpty(d.Article.Source), nullIfEmpty(d.Article.URL), d.Origin.Format, nullIfEmpty(d.Origin.Path),
			d.Text, row.document, d.Version, now)
		if err != nil {
			return nil, fmt.Errorf("insert %s: %w", d.ID, err)
		}
		n, _ := res.RowsAffected()
		added[i] = n == 1
		if added[i] {
			if err := ix.add(ctx, d, p); err != nil {
				return nil, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return added, nil
}

type encodedRow struct {
	authors, document string
}

// encodeRow serialises the document without its text, which has its own
// column.
func encodeRow(d *document.Document) (encodedRow, error) {
	authors, err := json.Marshal(d.Article.Authors)
	if err != nil {
		return encodedRow{}, err
	}
	shallow := *d
	shallow.Text = ""
	shallow.Tokens = nil // remade from the text when needed
	doc, err := json.Marshal(&shallow)
	if err != nil {
		return encodedRow{}, fmt.Errorf("encode %s: %w", d.ID, err)
	}
	return encodedRow{authors: string(authors), document: string(doc)}, nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Get returns the document with the given ID or unique ID prefix.
func (s *DB) Get(ctx context.Context, id string) (*document.Document, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" || strings.Trim(id, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("%w: %q is not a hexadecimal ID", ErrNotFound, id)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT text, document FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`), id, id+"g")
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	var docs []*document.Document
	if err := eachDocument(rows, func(d *document.Document) error { docs = append(docs, d); return nil }); err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	switch len(docs) {
	case 0:
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	case 1:
		return docs[0], nil
	}
	return nil, fmt.Errorf("%w: %s", ErrAmbiguous, id)
}

func (q Query) where() (string, []any) {
	conds, args := q.conds("")
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// conds are the query's conditions on the articles table, its columns
// prefixed (such as "a.") when the table has an alias.
func (q Query) conds(prefix string) ([]string, []any) {
	var conds []string
	var args []any
	if q.Source != "" {
		conds = append(conds, prefix+"source = ?")
		args = append(args, q.Source)
	}
	if q.Since != "" {
		conds = append(conds, prefix+"published >= ?")
		args = append(args, q.Since)
	}
	if q.Until != "" {
		conds = append(conds, prefix+"published <= ?")
		args = append(args, q.Until+"\uffff")
	}
	return conds, args
}

// List returns summaries, newest first; articles without a date come last.
func (s *DB) List(ctx context.Context, q Query) ([]Summary, error) {
	where, args := q.where()
	args = append(args, limitArg(q.Limit), max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, title, authors, COALESCE(published, ''), COALESCE(source, ''), COALESCE(url, ''), format, COALESCE(origin, ''), ingested_at
		FROM articles`+where+` ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("list: %w", err)
	}
	defer rows.Close()
	out := []Summary{}
	for rows.Next() {
		var sm Summary
		var authors, ingested string
		if err := rows.Scan(&sm.ID, &sm.Title, &authors, &sm.Published, &sm.Source, &sm.URL, &sm.Format, &sm.Path, &ingested); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(authors), &sm.Authors); err != nil {
			return nil, fmt.Errorf("list: authors of %s: %w", sm.ID, err)
		}
		sm.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
		out = append(out, sm)
	}
	return out, rows.Err()
}

// Count returns the number of articles matching q.
func (s *DB) Count(ctx context.Context, q Query) (int, error) {
	where, args := q.where()
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM articles`+where), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// Scan calls fn with every document matching q, newest first.
func (s *DB) Scan(ctx context.Context, q Query, fn func(*document.Document) error) error {
	where, args := q.where()
	args = append(args, limitArg(q.Limit), max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT text, document FROM articles`+where+` ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?`), args...)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	if err := eachDocument(rows, fn); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}
