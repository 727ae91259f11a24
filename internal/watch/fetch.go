package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// userAgent names rasd to the servers it polls.
const userAgent = "rasd-watch (+https://github.com/rasd-project/rasd)"

// hostLimiter spaces the requests to each host by at least gap: a
// RoundTripper, so that feeds and the pages they link share one budget.
type hostLimiter struct {
	base http.RoundTripper
	gap  time.Duration

	mu   sync.Mutex
	next map[string]time.Time // each host's next free slot
}

func newHostLimiter(base http.RoundTripper, gap time.Duration) *hostLimiter {
	if base == nil {
		base = http.DefaultTransport
	}
	return &hostLimiter{base: base, gap: gap, next: map[string]time.Time{}}
}

// RoundTrip waits for the host's next slot, then sends the request.
func (l *hostLimiter) RoundTrip(req *http.Request) (*http.Response, error) {
	if l.gap > 0 {
		if err := l.wait(req.Context(), req.URL.Host); err != nil {
			return nil, err
		}
	}
	return l.base.RoundTrip(req)
}

func (l *hostLimiter) wait(ctx context.Context, host string) error {
	l.mu.Lock()
	now := time.Now()
	slot := l.next[host]
	if slot.Before(now) {
		slot = now
	}
	l.next[host] = slot.Add(l.gap)
	l.mu.Unlock()
	if d := slot.Sub(now); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// validators are a feed's conditional GET headers.
type validators struct {
	ETag, LastModified string
}

// fetched is the answer to a poll.
type fetched struct {
	NotModified bool
	Body        []byte
	Validators  validators
	RetryAfter  time.Duration // a 429 or 503 asked to wait this long
}

// statusError is an HTTP answer other than 200 and 304.
type statusError struct {
	Code       int
	Status     string
	RetryAfter time.Duration
}

func (e *statusError) Error() string { return "HTTP " + e.Status }

// permanent reports whether asking again cannot help: the page is gone or
// forbidden.
func (e *statusError) permanent() bool {
	switch e.Code {
	case http.StatusNotFound, http.StatusGone, http.StatusForbidden, http.StatusUnauthorized:
		return true
	}
	return false
}

// errTooLarge is an answer longer than the size bound.
var errTooLarge = errors.New("answer larger than the size limit")

// get fetches u, conditionally when v holds validators, and reads up to
// maxSize bytes of the answer.
func get(ctx context.Context, client *http.Client, u string, v validators, maxSize int64) (fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fetched{}, err
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return fetched{}, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return fetched{NotModified: true, Validators: v}, nil
	case http.StatusOK:
	default:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return fetched{}, &statusError{Code: resp.StatusCode, Status: resp.Status, RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxSize+1))
	if err != nil {
		return fetched{}, fmt.Errorf("read answer: %w", err)
	}
	if int64(len(body)) > maxSize {
		return fetched{}, fmt.Errorf("%w (%d bytes)", errTooLarge, maxSize)
	}
	return fetched{Body: body, Validators: validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}
