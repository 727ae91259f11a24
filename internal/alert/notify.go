package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/rasd-project/rasd/internal/store"
)

// Sink keeps alerts: each once, with its delivery state.
type Sink interface {
	PutAlert(ctx context.Context, a store.AlertRecord) (bool, error)
	Alerts(ctx context.Context, q store.AlertQuery) ([]store.AlertRecord, error)
	AlertDelivery(ctx context.Context, id string, delivered time.Time, errMsg string) error
}

// Headers of a webhook delivery. The signature is
// "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + body)).
const (
	HeaderSignature = "X-Rasd-Signature"
	HeaderTimestamp = "X-Rasd-Timestamp"
	HeaderAlertID   = "X-Rasd-Alert"
)

// Sign returns the signature header value of a body sent at a timestamp
// (Unix seconds, as sent in X-Rasd-Timestamp).
func Sign(secret []byte, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(timestamp))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a delivery's signature in constant time; receivers should
// also refuse timestamps far from their clock.
func Verify(secret []byte, timestamp string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, timestamp, body)), []byte(signature))
}

// Delivery sends fired alerts on: to a webhook and to a JSON-lines file.
// The zero value only stores them.
type Delivery struct {
	Webhook  string // URL to POST each alert to, as JSON
	Secret   []byte // HMAC key of the signature; empty sends none
	JSONL    string // file each alert is appended to, one JSON object a line
	Client   *http.Client
	Attempts int           // webhook tries per round; 0 means 5
	Backoff  time.Duration // wait after the first failed try, doubled after each; 0 means 1s
	Logger   *slog.Logger

	mu sync.Mutex // one writer of the JSON-lines file
}

// Fire stores each alert unless it fired before, and delivers the new
// ones; it returns those. A webhook that stays down leaves its alerts
// pending for Retry.
func (d *Delivery) Fire(ctx context.Context, sink Sink, alerts []Alert) ([]Alert, error) {
	var fired []Alert
	for _, a := range alerts {
		body, err := json.Marshal(a)
		if err != nil {
			return fired, fmt.Errorf("alert %s: %w", a.ID, err)
		}
		isNew, err := sink.PutAlert(ctx, store.AlertRecord{ID: a.ID, Rule: a.Rule, Window: a.Window, FiredAt: a.FiredAt, Alert: body})
		if err != nil {
			return fired, err
		}
		if !isNew {
			continue
		}
		fired = append(fired, a)
		if err := d.appendJSONL(body); err != nil {
			d.logger().Error("alert: JSON-lines file", "file", d.JSONL, "err", err)
		}
		if err := d.deliver(ctx, sink, a.ID, body); err != nil {
			return fired, err
		}
	}
	return fired, nil
}

// Retry delivers the alerts still pending.
func (d *Delivery) Retry(ctx context.Context, sink Sink) error {
	if d.Webhook == "" {
		return nil
	}
	pending, err := sink.Alerts(ctx, store.AlertQuery{Pending: true, Limit: 1000})
	if err != nil {
		return err
	}
	for i := len(pending) - 1; i >= 0; i-- { // oldest first
		if err := d.deliver(ctx, sink, pending[i].ID, pending[i].Alert); err != nil {
			return err
		}
	}
	return nil
}

// deliver posts one alert, retrying with backoff, and records the outcome.
// Only the store's failure or ctx's end is returned.
func (d *Delivery) deliver(ctx context.Context, sink Sink, id string, body []byte) error {
	if d.Webhook == "" {
		return sink.AlertDelivery(ctx, id, time.Now(), "")
	}
	attempts := d.Attempts
	if attempts <= 0 {
		attempts = 5
	}
	wait := d.Backoff
	if wait <= 0 {
		wait = time.Second
	}
	var err error
	for try := 1; try <= attempts; try++ {
		var retry bool
		if retry, err = d.post(ctx, id, body); err == nil {
			return sink.AlertDelivery(ctx, id, time.Now(), "")
		}
		if !retry || try == attempts {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait *= 2
	}
	d.logger().Warn("alert: webhook failed; the alert stays pending", "alert", id, "err", err)
	return sink.AlertDelivery(ctx, id, time.Time{}, err.Error())
}

// post sends one alert; retry says whether trying again may help.
func (d *Delivery) post(ctx context.Context, id string, body []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Webhook, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "rasd-alerts")
	req.Header.Set(HeaderAlertID, id)
	req.Header.Set(HeaderTimestamp, ts)
	if len(d.Secret) > 0 {
		req.Header.Set(HeaderSignature, Sign(d.Secret, ts, body))
	}
	client := d.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return ctx.Err() == nil, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("webhook: HTTP %s", resp.Status)
	}
	return false, fmt.Errorf("webhook: HTTP %s", resp.Status)
}

func (d *Delivery) appendJSONL(body []byte) error {
	if d.JSONL == "" {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	f, err := os.OpenFile(d.JSONL, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(bytes.TrimSpace(body), '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (d *Delivery) logger() *slog.Logger {
	if d.Logger != nil {
		return d.Logger
	}
	return slog.Default()
}

// Store is what a Monitor needs: events to read and a sink for alerts.
type Store interface {
	Events
	Sink
}

// Monitor checks the rules after each batch of new articles and delivers
// what fires.
type Monitor struct {
	Engine   *Engine
	Delivery *Delivery
	Store    Store
}

// Check evaluates the rules over what the articles could change, fires
// the new alerts and retries pending deliveries.
func (m *Monitor) Check(ctx context.Context, articleIDs []string) ([]Alert, error) {
	if len(articleIDs) == 0 {
		return nil, nil
	}
	scope := Scope{Articles: map[string]bool{}}
	for _, id := range articleIDs {
		scope.Articles[id] = true
	}
	past, err := m.past(ctx)
	if err != nil {
		return nil, err
	}
	alerts, err := m.Engine.Evaluate(ctx, m.Store, scope, past)
	if err != nil {
		return nil, err
	}
	fired, err := m.Delivery.Fire(ctx, m.Store, alerts)
	if err != nil {
		return fired, err
	}
	return fired, m.Delivery.Retry(ctx, m.Store)
}

// past reads the stored alerts of the dyad-shift rules, which the engine
// needs to tell an old episode from a new one.
func (m *Monitor) past(ctx context.Context) ([]Alert, error) {
	var out []Alert
	for _, r := range m.Engine.Rules {
		if r.Kind != KindDyadShift {
			continue
		}
		recs, err := m.Store.Alerts(ctx, store.AlertQuery{Rule: r.Name})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			var a Alert
			if err := json.Unmarshal(rec.Alert, &a); err != nil {
				return nil, fmt.Errorf("stored alert %s: %w", rec.ID, err)
			}
			out = append(out, a)
		}
	}
	return out, nil
}
