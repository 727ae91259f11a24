package server

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Defaults of the ingest rate limit: a client may send DefaultIngestBurst
// ingests at once, then DefaultIngestRate per second.
const (
	DefaultIngestRate  = 5.0
	DefaultIngestBurst = 20
)

// maxLimiterClients bounds the table of per-client buckets; past it, the
// buckets that are full again (idle clients) are dropped.
const maxLimiterClients = 10000

// ipLimiter is a token bucket per client address. A client is its remote IP
// address as the connection shows it: X-Forwarded-For is not trusted, so
// behind a reverse proxy every client shares the proxy's bucket.
type ipLimiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	clients map[string]*rate.Limiter
}

// newIPLimiter returns the limiter of a configured rate and burst: zero
// takes the default, a negative rate disables the limit (nil).
func newIPLimiter(perSecond float64, burst int) *ipLimiter {
	if perSecond < 0 {
		return nil
	}
	if perSecond == 0 {
		perSecond = DefaultIngestRate
	}
	if burst <= 0 {
		burst = DefaultIngestBurst
	}
	return &ipLimiter{limit: rate.Limit(perSecond), burst: burst, clients: map[string]*rate.Limiter{}}
}

// allow takes a token from the client's bucket at now. When the bucket is
// empty it returns false and how long until a token is there.
func (l *ipLimiter) allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	lim, ok := l.clients[client]
	if !ok {
		if len(l.clients) >= maxLimiterClients {
			l.sweep(now)
		}
		lim = rate.NewLimiter(l.limit, l.burst)
		l.clients[client] = lim
	}
	l.mu.Unlock()
	res := lim.ReserveN(now, 1)
	if !res.OK() {
		return false, time.Second
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now) // the request is refused: give the token back
		return false, d
	}
	return true, 0
}

// sweep drops the buckets that have refilled: their clients have been idle
// long enough that forgetting them changes nothing. Called with l.mu held.
func (l *ipLimiter) sweep(now time.Time) {
	for k, lim := range l.clients {
		if lim.TokensAt(now) >= float64(l.burst) {
			delete(l.clients, k)
		}
	}
}

// clientIP is the address a request came from, without its port. IPv6
// clients are counted by their /64 network, which one host usually holds
// whole.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// limited answers 429 when the request's client has used up its ingest
// bucket, and reports whether it did.
func (s *Server) limited(w http.ResponseWriter, r *http.Request) bool {
	if s.limiter == nil {
		return false
	}
	ok, wait := s.limiter.allow(clientIP(r), time.Now())
	if ok {
		return false
	}
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	s.fail(w, r, httpError{http.StatusTooManyRequests, "too many ingest requests from this address; retry after " + strconv.Itoa(max(secs, 1)) + " s"})
	return true
}
