package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

// Config sets up a Server.
type Config struct {
	Store store.Store
	// Analyze adds the analysis layers to an ingested document; nil stores
	// the anatomy alone.
	Analyze func(*document.Document)
	// Token guards writes (POST /api/ingest); "" refuses every write.
	Token string
	// ProtectReads asks for the token on reads too (API and pages).
	ProtectReads bool
	// MaxBody bounds a request body; 0 means DefaultMaxBody.
	MaxBody int64
	// IngestRate is how many ingest requests (POST /api/ingest and the
	// dashboard's form) one client address may send per second, after a
	// first IngestBurst at once; more are answered 429 with Retry-After.
	// Zero means DefaultIngestRate and DefaultIngestBurst; a negative
	// rate turns the limit off.
	IngestRate  float64
	IngestBurst int
	Logger      *slog.Logger
}

// DefaultMaxBody is the largest request body accepted by default.
const DefaultMaxBody = 32 << 20

// Server answers the API and the dashboard.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	metrics *metrics
	log     *slog.Logger
	ingest  sync.Mutex // one ingest at a time: SQLite has one writer
	limiter *ipLimiter // per-client bucket on writes; nil when off
}

// New returns a server over cfg.Store.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.ProtectReads && cfg.Token == "" {
		return nil, errors.New("server: protecting reads needs a token")
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics(), log: cfg.Logger, limiter: newIPLimiter(cfg.IngestRate, cfg.IngestBurst)}
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// route is one endpoint: its pattern, whether it writes, and its handler.
type route struct {
	pattern string
	write   bool
	handler func(http.ResponseWriter, *http.Request) error
}

func (s *Server) routes() error {
	for _, rt := range append(s.apiRoutes(), s.pageRoutes()...) {
		s.mux.Handle(rt.pattern, s.wrap(rt))
	}
	return nil
}

// ServeHTTP serves every request, counted in the metrics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	pattern := r.Pattern
	if pattern == "" {
		pattern = "unmatched"
	}
	s.metrics.observe(pattern, r.Method, rec.code, time.Since(start))
}

// wrap adds auth, body limits and error handling to a handler.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("panic serving request", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		// Writes are rate limited before the token is checked, which
		// also slows down guessing it.
		if rt.write && s.limited(w, r) {
			return
		}
		public := rt.pattern == "GET /healthz" || strings.HasPrefix(rt.pattern, "GET /static/")
		if (rt.write || s.cfg.ProtectReads && !public) && !s.authorised(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="rasd"`)
			s.fail(w, r, httpError{http.StatusUnauthorized, "missing or wrong bearer token"})
			return
		}
		if err := rt.handler(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// authorised checks the bearer token (or the rasd_token cookie or form
// field the dashboard sends) in constant time.
func (s *Server) authorised(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	given := ""
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		given = strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	} else if c, err := r.Cookie("rasd_token"); err == nil {
		given = c.Value
	} else if r.Method == http.MethodPost && !strings.HasPrefix(r.URL.Path, "/api/") {
		given = r.FormValue("token") // the dashboard's ingest form
	}
	// Hashing first makes the comparison length-independent too.
	a, b := sha256.Sum256([]byte(given)), sha256.Sum256([]byte(s.cfg.Token))
	return given != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// httpError is an error with a status code for the client.
type httpError struct {
	code int
	msg  string
}

func (e httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// fail answers an error as JSON on the API and as a page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusInternalServerError
	msg := "internal error"
	var he httpError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		code, msg = he.code, he.msg
	case errors.As(err, &tooBig):
		code, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", tooBig.Limit)
	case errors.Is(err, store.ErrNotFound):
		code, msg = http.StatusNotFound, "not found"
	case errors.Is(err, store.ErrAmbiguous):
		code, msg = http.StatusBadRequest, err.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		code, msg = http.StatusServiceUnavailable, "request cancelled or timed out"
	default:
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	s.renderError(w, code, msg)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// statusRecorder remembers the status code written.
type statusRecorder struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.code, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer's own methods.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
