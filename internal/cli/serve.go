package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/server"
	"github.com/rasd-project/rasd/internal/store"
)

func newServeCmd(g *globals) *cobra.Command {
	var (
		addr         string
		token        string
		protectReads bool
		maxBody      int64
		ingestRate   float64
		ingestBurst  int
		watchFile    string
		wf           watchFlags
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the web dashboard",
		Long: `Serve the JSON API (/api/..., described at /api/openapi.json), Prometheus
metrics (/metrics), a health check (/healthz) and the dashboard (/) over the
store. Writes (POST /api/ingest, the ingest page) need the bearer token given
by --token or RASD_TOKEN; without one every write is refused. With
--protect-reads every read needs it too. SIGINT or SIGTERM stops the server
gracefully: requests in flight finish first.

With --watch FILE the server also runs the feed watcher of rasd watch (same
flags: --every, --rules, --webhook, --alerts-jsonl...) and the dashboard's
alerts page shows what it raised.`,
		Args: cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			if token == "" {
				token = os.Getenv("RASD_TOKEN")
			}
			analyse := analyze.New().Document
			srv, err := server.New(server.Config{Store: st, Analyze: analyse, Token: token,
				ProtectReads: protectReads, MaxBody: maxBody, IngestRate: ingestRate, IngestBurst: ingestBurst, Logger: slog.Default()})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "rasd: serving %s on http://%s/\n", store.Redact(g.dsn), ln.Addr())
			if token == "" {
				fmt.Fprintln(g.stderr, "rasd: no --token or RASD_TOKEN: ingest over HTTP is refused")
			}
			if watchFile != "" {
				if wf.baseURL == "" {
					wf.baseURL = "http://" + ln.Addr().String()
				}
				w, _, err := wf.setup(st, watchFile, analyse)
				if err != nil {
					ln.Close()
					return err
				}
				wctx, stop := context.WithCancel(ctx)
				done := make(chan error, 1)
				go func() { done <- w.Run(wctx) }()
				defer func() { stop(); <-done }() // the watcher stops with the server
				fmt.Fprintf(g.stderr, "rasd: watching the sources of %s\n", watchFile)
			}
			return serve(ctx, srv, ln)
		}),
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&token, "token", "", "bearer token for writes (default $RASD_TOKEN)")
	cmd.Flags().BoolVar(&protectReads, "protect-reads", false, "ask for the token on reads too")
	cmd.Flags().Int64Var(&maxBody, "max-body", server.DefaultMaxBody, "largest request body in bytes")
	cmd.Flags().Float64Var(&ingestRate, "ingest-rate", 0, "ingest requests per second per client address (0: the default of 5, negative: no limit)")
	cmd.Flags().IntVar(&ingestBurst, "ingest-burst", 0, "ingest requests a client may send at once before the rate applies (0: the default of 20)")
	cmd.Flags().StringVar(&watchFile, "watch", "", "also watch the sources of this feeds file (see rasd watch)")
	wf.register(cmd.Flags())
	return cmd
}

// serve runs the HTTP server until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, h http.Handler, ln net.Listener) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
