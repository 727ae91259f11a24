package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/pipeline"
	"github.com/rasd-project/rasd/internal/queue"
	"github.com/rasd-project/rasd/internal/store"
)

// withSaver runs an ingest body against the store named by --db or, when
// *queueURL is set, against the NATS queue.
func (g *globals) withSaver(queueURL *string, run func(ctx context.Context, st pipeline.Saver, into string, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		if *queueURL == "" {
			return g.withStore(func(ctx context.Context, st store.Store, args []string) error {
				return run(ctx, st, store.Redact(g.dsn), args)
			})(cmd, args)
		}
		q, err := queue.Connect(ctx, *queueURL)
		if err != nil {
			return err
		}
		defer q.Close()
		pub := publisher{q}
		if err := run(ctx, pub, store.Redact(*queueURL), args); err != nil {
			return err
		}
		return q.Flush(ctx)
	}
}

// publisher is the ingest pipeline's Saver over the queue: a batch is
// "stored" once the server holds it. Whether an article is new is for the
// workers to find out, so every article counts as new here.
type publisher struct{ q *queue.Queue }

func (p publisher) PutBatch(ctx context.Context, docs []*document.Document) ([]bool, error) {
	added := make([]bool, len(docs))
	for i, d := range docs {
		if err := p.q.Publish(ctx, d); err != nil {
			return nil, err
		}
		added[i] = true
	}
	return added, p.q.Flush(ctx)
}

func newWorkerCmd(g *globals) *cobra.Command {
	var (
		queueURL string
		batch    int
		ackWait  time.Duration
		idle     time.Duration
	)
	cmd := &cobra.Command{
		Use:   "worker --queue nats://HOST:PORT",
		Short: "Pull queued articles, analyse them and store them in --db",
		Long: `Pull articles that rasd ingest --queue published, analyse them and store
them in the database named by --db (SQLite file or postgres:// URL), a
batch per transaction, acknowledging each batch only after its commit. Run
as many workers as you like, on as many machines, against one NATS server
(or cluster) and one PostgreSQL database. SIGTERM finishes the batch in hand
and stops; a worker killed outright has its batch redelivered to another
after --ack-wait.`,
		Args: cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			if queueURL == "" {
				return fmt.Errorf("worker: give --queue nats://HOST:PORT")
			}
			q, err := queue.Connect(ctx, queueURL)
			if err != nil {
				return err
			}
			defer q.Close()
			q.AckWait = ackWait
			var stored, dup atomic.Int64
			err = q.Work(ctx, st, queue.WorkerOptions{Analyze: analyze.New().Document, Batch: batch, Idle: idle, Logger: slog.Default(),
				OnBatch: func(n, d int) {
					stored.Add(int64(n))
					dup.Add(int64(d))
					slog.Info("worker: batch stored", "new", n, "duplicate", d)
				}})
			fmt.Fprintf(g.stderr, "rasd worker: stored %d new articles, %d already stored\n", stored.Load(), dup.Load())
			return err
		}),
	}
	cmd.Flags().StringVar(&queueURL, "queue", os.Getenv("RASD_QUEUE"), "NATS server URL (env RASD_QUEUE)")
	cmd.Flags().IntVar(&batch, "batch", 32, "articles per pull and per transaction")
	cmd.Flags().DurationVar(&ackWait, "ack-wait", time.Minute, "time before an unacknowledged batch goes to another worker")
	cmd.Flags().DurationVar(&idle, "idle", 0, "stop once the queue has been empty this long (0: run until stopped)")
	return cmd
}

func newNATSCmd(g *globals) *cobra.Command {
	var addr, dir string
	cmd := &cobra.Command{
		Use:   "nats",
		Short: "Run a local NATS server with JetStream for the queue",
		Long: `Run a NATS server with JetStream in this process, for one-machine use of
rasd ingest --queue and rasd worker. Its messages are kept under --store.
For several machines, run nats-server (go install github.com/nats-io/nats-server/v2@latest)
as a cluster instead; see docs/scale.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				dir = filepath.Join(os.TempDir(), "rasd-nats")
			}
			s, err := queue.StartServer(queue.ServerOptions{Addr: addr, StoreDir: dir})
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "rasd: NATS JetStream on %s (store %s); Ctrl-C stops it\n", s.ClientURL(), dir)
			<-cmd.Context().Done()
			s.Shutdown()
			s.WaitForShutdown()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:4222", "address to listen on")
	cmd.Flags().StringVar(&dir, "store", "", "JetStream storage folder (default: a rasd-nats folder in the temp dir)")
	return cmd
}
