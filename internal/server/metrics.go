package server

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"
	"time"
)

// metrics counts requests in the Prometheus text format, without a
// client library: a few counters and one histogram are all rasd needs.
type metrics struct {
	mu        sync.Mutex
	requests  map[reqKey]int64
	durations map[string]*histogram
	ingested  int64
	start     time.Time
}

type reqKey struct {
	route, method string
	code          int
}

// buckets are the histogram's upper bounds, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []int64 // per bucket, not cumulative
	sum    float64
	n      int64
}

func newMetrics() *metrics {
	return &metrics{requests: map[reqKey]int64{}, durations: map[string]*histogram{}, start: time.Now()}
}

func (m *metrics) observe(route, method string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, method, code}]++
	h := m.durations[route]
	if h == nil {
		h = &histogram{counts: make([]int64, len(buckets))}
		m.durations[route] = h
	}
	s := d.Seconds()
	for i, b := range buckets {
		if s <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += s
	h.n++
}

func (m *metrics) addIngested(n int) {
	m.mu.Lock()
	m.ingested += int64(n)
	m.mu.Unlock()
}

// write prints every metric; articles and events are the store's counts.
func (m *metrics) write(w io.Writer, articles, events int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP rasd_http_requests_total HTTP requests by route, method and status code.")
	fmt.Fprintln(w, "# TYPE rasd_http_requests_total counter")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.route != b.route {
			return a.route < b.route
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.code < b.code
	})
	for _, k := range keys {
		fmt.Fprintf(w, "rasd_http_requests_total{route=%q,method=%q,code=\"%d\"} %d\n", k.route, k.method, k.code, m.requests[k])
	}
	fmt.Fprintln(w, "# HELP rasd_http_request_duration_seconds Time to answer a request, by route.")
	fmt.Fprintln(w, "# TYPE rasd_http_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.durations))
	for r := range m.durations {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h := m.durations[r]
		var cum int64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "rasd_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", r, strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "rasd_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", r, h.n)
		fmt.Fprintf(w, "rasd_http_request_duration_seconds_sum{route=%q} %g\n", r, h.sum)
		fmt.Fprintf(w, "rasd_http_request_duration_seconds_count{route=%q} %d\n", r, h.n)
	}
	fmt.Fprintln(w, "# HELP rasd_ingested_articles_total Articles stored through the API since start.")
	fmt.Fprintln(w, "# TYPE rasd_ingested_articles_total counter")
	fmt.Fprintf(w, "rasd_ingested_articles_total %d\n", m.ingested)
	fmt.Fprintln(w, "# HELP rasd_articles Articles in the store.")
	fmt.Fprintln(w, "# TYPE rasd_articles gauge")
	fmt.Fprintf(w, "rasd_articles %d\n", articles)
	fmt.Fprintln(w, "# HELP rasd_events Coded events in the store.")
	fmt.Fprintln(w, "# TYPE rasd_events gauge")
	fmt.Fprintf(w, "rasd_events %d\n", events)
	fmt.Fprintln(w, "# HELP rasd_uptime_seconds Seconds since the server started.")
	fmt.Fprintln(w, "# TYPE rasd_uptime_seconds gauge")
	fmt.Fprintf(w, "rasd_uptime_seconds %g\n", time.Since(m.start).Seconds())
}
