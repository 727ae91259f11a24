package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// FeedState is what the watcher remembers of one source between polls:
// the HTTP validators of its last answer and its schedule.
type FeedState struct {
	Source       string    `json:"source"` // feed URL or folder path
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	PolledAt     time.Time `json:"polled_at,omitzero"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Failures     int       `json:"failures"` // consecutive failed polls
	LastError    string    `json:"last_error,omitempty"`
	Items        int       `json:"items"` // items taken from it so far
}

// FeedState returns the state of a source; a source never polled has a
// zero state with its name.
func (s *DB) FeedState(ctx context.Context, source string) (FeedState, error) {
	st := FeedState{Source: source}
	var polled, next string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT etag, last_modified, polled_at, next_poll, failures, last_error, items FROM feeds WHERE source = ?`), source).
		Scan(&st.ETag, &st.LastModified, &polled, &next, &st.Failures, &st.LastError, &st.Items)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return st, nil
	case err != nil:
		return st, fmt.Errorf("feed state of %s: %w", source, err)
	}
	st.PolledAt, st.NextPoll = parseStamp(polled), parseStamp(next)
	return st, nil
}

// FeedStates returns the state of every source polled so far.
func (s *DB) FeedStates(ctx context.Context) ([]FeedState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT source, etag, last_modified, polled_at, next_poll, failures, last_error, items FROM feeds ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	var out []FeedState
	for rows.Next() {
		var st FeedState
		var polled, next string
		if err := rows.Scan(&st.Source, &st.ETag, &st.LastModified, &polled, &next, &st.Failures, &st.LastError, &st.Items); err != nil {
			return nil, fmt.Errorf("feed states: %w", err)
		}
		st.PolledAt, st.NextPoll = parseStamp(polled), parseStamp(next)
		out = append(out, st)
	}
	return out, rows.Err()
}

// SaveFeedState records the state of a source after a poll.
func (s *DB) SaveFeedState(ctx context.Context, st FeedState) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO feeds(source, etag, last_modified, polled_at, next_poll, failures, last_error, items)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(source) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			polled_at = excluded.polled_at, next_poll = excluded.next_poll, failures = excluded.failures,
			last_error = excluded.last_error, items = excluded.items`),
		st.Source, st.ETag, st.LastModified, stamp(st.PolledAt), stamp(st.NextPoll), st.Failures, st.LastError, st.Items)
	if err != nil {
		return fmt.Errorf("save feed state of %s: %w", st.Source, err)
	}
	return nil
}

// SeenItems says which of a source's items were taken already.
func (s *DB) SeenItems(ctx context.Context, source string, items []string) (map[string]bool, error) {
	seen := make(map[string]bool, len(items))
	const chunk = 200 // well under every engine's bound on parameters
	for start := 0; start < len(items); start += chunk {
		part := items[start:min(start+chunk, len(items))]
		args := []any{source}
		for _, it := range part {
			args = append(args, it)
		}
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT item FROM feed_items WHERE source = ? AND item IN (?`+strings.Repeat(", ?", len(part)-1)+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("seen items of %s: %w", source, err)
		}
		for rows.Next() {
			var it string
			if err := rows.Scan(&it); err != nil {
				rows.Close()
				return nil, fmt.Errorf("seen items of %s: %w", source, err)
			}
			seen[it] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

// MarkSeen records items of a source as taken, each with the article it
// gave ("" when it gave none: a duplicate, or an item without text).
func (s *DB) MarkSeen(ctx context.Context, source string, items map[string]string, at time.Time) error {
	if len(items) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, s.q(`INSERT INTO feed_items(source, item, article_id, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT(source, item) DO NOTHING`))
	if err != nil {
		return fmt.Errorf("mark seen: %w", err)
	}
	defer stmt.Close()
	for item, article := range items {
		if _, err := stmt.ExecContext(ctx, source, item, article, stamp(at)); err != nil {
			return fmt.Errorf("mark seen %s of %s: %w", item, source, err)
		}
	}
	return tx.Commit()
}

// StoredURLs says which of the addresses belong to a stored article.
func (s *DB) StoredURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	found := make(map[string]bool)
	for _, u := range urls {
		if u == "" || found[u] {
			continue
		}
		var one int
		err := s.db.QueryRowContext(ctx, s.q(`SELECT 1 FROM articles WHERE url = ? LIMIT 1`), u).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, fmt.Errorf("stored urls: %w", err)
		default:
			found[u] = true
		}
	}
	return found, nil
}

// AlertRecord is a stored alert: the alert itself as JSON, and whether it
// reached its receivers.
type AlertRecord struct {
	ID          string          `json:"id"` // a hash of rule and window: the same alert never fires twice
	Rule        string          `json:"rule"`
	Window      string          `json:"window"`
	FiredAt     time.Time       `json:"fired_at"`
	Alert       json.RawMessage `json:"alert"`
	DeliveredAt time.Time       `json:"delivered_at,omitzero"`
	Attempts    int             `json:"attempts"`
	LastError   string          `json:"last_error,omitempty"`
}

// AlertQuery pages the alerts; Pending keeps those not yet delivered.
type AlertQuery struct {
	Rule    string
	Pending bool
	Limit   int
	Offset  int
}

// PutAlert stores an alert unless one with its ID exists, and says
// whether it was new: an alert fires once.
func (s *DB) PutAlert(ctx context.Context, a AlertRecord) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO alerts(id, rule, window_key, fired_at, alert) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`),
		a.ID, a.Rule, a.Window, stamp(a.FiredAt), string(a.Alert))
	if err != nil {
		return false, fmt.Errorf("put alert %s: %w", a.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("put alert %s: %w", a.ID, err)
	}
	return n == 1, nil
}

// Alerts returns stored alerts, newest first.
func (s *DB) Alerts(ctx context.Context, q AlertQuery) ([]AlertRecord, error) {
	var conds []string
	var args []any
	if q.Rule != "" {
		conds, args = append(conds, "rule = ?"), append(args, q.Rule)
	}
	if q.Pending {
		conds = append(conds, "delivered_at = ''")
	}
	args = append(args, limitArg(q.Limit), max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, rule, window_key, fired_at, alert, delivered_at, attempts, last_error FROM alerts`+
		whereOf(conds)+` ORDER BY fired_at DESC, id LIMIT ? OFFSET ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	defer rows.Close()
	out := []AlertRecord{}
	for rows.Next() {
		var a AlertRecord
		var fired, delivered, body string
		if err := rows.Scan(&a.ID, &a.Rule, &a.Window, &fired, &body, &delivered, &a.Attempts, &a.LastError); err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		a.FiredAt, a.DeliveredAt, a.Alert = parseStamp(fired), parseStamp(delivered), json.RawMessage(body)
		out = append(out, a)
	}
	return out, rows.Err()
}

// CountAlerts counts the stored alerts.
func (s *DB) CountAlerts(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count alerts: %w", err)
	}
	return n, nil
}

// AlertDelivery records a delivery attempt: delivered (at is its time) or
// failed with errMsg.
func (s *DB) AlertDelivery(ctx context.Context, id string, delivered time.Time, errMsg string) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE alerts SET delivered_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?`), stamp(delivered), errMsg, id)
	if err != nil {
		return fmt.Errorf("alert %s delivery: %w", id, err)
	}
	return nil
}

// stamp writes a time for the TEXT columns, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
