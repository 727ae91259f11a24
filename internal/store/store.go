package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/search"
)

// ErrNotFound is returned when no article has the requested ID.
var ErrNotFound = errors.New("article not found")

// ErrAmbiguous is returned when an ID prefix matches several articles.
var ErrAmbiguous = errors.New("ID prefix matches several articles")

// Store keeps documents.
type Store interface {
	// PutBatch stores docs in one transaction and reports, for each, whether
	// it was new (false: an article with the same hash was there already).
	PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error)
	// Get returns the document with the given ID or unique ID prefix.
	Get(ctx context.Context, id string) (*document.Document, error)
	// List returns article summaries, newest publication first.
	List(ctx context.Context, q Query) ([]Summary, error)
	// Count returns the number of articles that match q (Limit and Offset
	// are ignored).
	Count(ctx context.Context, q Query) (int, error)
	// Scan calls fn with every document matching q, newest first.
	Scan(ctx context.Context, q Query, fn func(*document.Document) error) error
	// Search finds articles by a parsed query, best first.
	Search(ctx context.Context, q search.Query, limit, offset int) (SearchResult, error)
	// Events calls fn with every stored event matching f, newest first.
	Events(ctx context.Context, f EventFilter, fn func(EventRow) error) error
	// CountEvents counts the events matching f.
	CountEvents(ctx context.Context, f EventFilter) (int, error)
	// GroupEvents counts the events matching f by the given dimensions.
	GroupEvents(ctx context.Context, f EventFilter, by ...Dim) ([]Group, error)
	// Reindex rebuilds the derived tables (events, entities, search) from
	// the stored documents and returns the number of documents read.
	Reindex(ctx context.Context) (int, error)
	// SchemaVersion is the number of the last migration applied.
	SchemaVersion(ctx context.Context) (int, error)
	// Check verifies the database's integrity; deep decodes every document.
	Check(ctx context.Context, deep bool) (CheckReport, error)

	// The watcher's memory of its sources (rasd watch).
	FeedState(ctx context.Context, source string) (FeedState, error)
	FeedStates(ctx context.Context) ([]FeedState, error)
	SaveFeedState(ctx context.Context, st FeedState) error
	SeenItems(ctx context.Context, source string, items []string) (map[string]bool, error)
	MarkSeen(ctx context.Context, source string, items map[string]string, at time.Time) error
	StoredURLs(ctx context.Context, urls []string) (map[string]bool, error)

	// Alerts, each stored once (rasd alerts).
	PutAlert(ctx context.Context, a AlertRecord) (bool, error)
	Alerts(ctx context.Context, q AlertQuery) ([]AlertRecord, error)
	CountAlerts(ctx context.Context) (int, error)
	AlertDelivery(ctx context.Context, id string, delivered time.Time, errMsg string) error
	Close() error
}

// Query filters and pages a listing. Zero values mean no filter.
type Query struct {
	Source string // exact source name
	Since  string // published on or after, YYYY-MM-DD
	Until  string // published on or before, YYYY-MM-DD
	Limit  int
	Offset int
}

// Summary is the listing row of an article.
type Summary struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Authors    []string  `json:"authors"`
	Published  string    `json:"published,omitempty"`
	Source     string    `json:"source,omitempty"`
	URL        string    `json:"url,omitempty"`
	Format     string    `json:"format"`
	Path       string    `json:"path,omitempty"`
	IngestedAt time.Time `json:"ingested_at"`
}

// Open opens the store a DSN names: a file path (or sqlite:PATH) for
// SQLite, a postgres:// or postgresql:// URL for PostgreSQL.
func Open(ctx context.Context, dsn string) (Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return OpenPostgres(ctx, dsn)
	case strings.HasPrefix(dsn, "sqlite://"):
		return OpenSQLite(ctx, strings.TrimPrefix(dsn, "sqlite://"))
	case strings.HasPrefix(dsn, "sqlite:"):
		return OpenSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	}
	return OpenSQLite(ctx, dsn)
}

// Redact hides the password of a URL DSN, for messages and logs.
func Redact(dsn string) string {
	at := strings.LastIndexByte(dsn, '@')
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	user := dsn[scheme+3 : at]
	if i := strings.IndexByte(user, ':'); i >= 0 {
		user = user[:i] + ":***"
	}
	return dsn[:scheme+3] + user + dsn[at:]
}
