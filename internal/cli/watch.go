package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rasd-project/rasd/internal/alert"
	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
	"github.com/rasd-project/rasd/internal/watch"
)

// watchFlags set up a watcher and its alerts, for rasd watch and rasd
// serve --watch.
type watchFlags struct {
	every     time.Duration
	timeout   time.Duration
	hostGap   time.Duration
	rules     string
	webhook   string
	secretEnv string
	jsonl     string
	baseURL   string
}

func (f *watchFlags) register(fs *pflag.FlagSet) {
	fs.DurationVar(&f.every, "every", watch.DefaultEvery, "polling interval of sources whose line gives none")
	fs.DurationVar(&f.timeout, "timeout", watch.DefaultTimeout, "bound on each HTTP request")
	fs.DurationVar(&f.hostGap, "host-gap", watch.DefaultHostGap, "least time between two requests to one host")
	fs.StringVar(&f.rules, "rules", "", "alert rules file (YAML, docs/alerts.md)")
	fs.StringVar(&f.webhook, "webhook", "", "POST each alert as JSON to this URL")
	fs.StringVar(&f.secretEnv, "webhook-secret-env", "RASD_WEBHOOK_SECRET", "environment variable holding the webhook's HMAC secret")
	fs.StringVar(&f.jsonl, "alerts-jsonl", "", "append each alert to this JSON-lines file")
	fs.StringVar(&f.baseURL, "base-url", "", "dashboard address for evidence links in alerts (http://host:port)")
}

// setup reads the feeds and rules files and returns the watcher, with the
// monitor (nil without rules) hooked to every stored batch.
func (f *watchFlags) setup(st store.Store, feeds string, analyse func(*document.Document)) (*watch.Watcher, *alert.Monitor, error) {
	sources, err := watch.ReadSources(feeds)
	if err != nil {
		return nil, nil, err
	}
	var mon *alert.Monitor
	if f.rules != "" {
		rules, err := alert.ReadRules(f.rules)
		if err != nil {
			return nil, nil, err
		}
		mon = &alert.Monitor{
			Engine: &alert.Engine{Rules: rules, BaseURL: f.baseURL},
			Delivery: &alert.Delivery{Webhook: f.webhook, Secret: []byte(os.Getenv(f.secretEnv)), JSONL: f.jsonl,
				Logger: slog.Default()},
			Store: st,
		}
		if f.webhook != "" && len(mon.Delivery.Secret) == 0 {
			slog.Warn("watch: the webhook's alerts go unsigned: $" + f.secretEnv + " is empty")
		}
	} else if f.webhook != "" || f.jsonl != "" {
		return nil, nil, fmt.Errorf("--webhook and --alerts-jsonl need --rules")
	}
	opts := watch.Options{Every: f.every, Timeout: f.timeout, HostGap: f.hostGap, Analyze: analyse, Logger: slog.Default()}
	if f.hostGap == 0 {
		opts.HostGap = -1 // asked for none
	}
	if mon != nil {
		opts.OnStored = func(ctx context.Context, docs []*document.Document) {
			ids := make([]string, len(docs))
			for i, d := range docs {
				ids[i] = d.ID
			}
			fired, err := mon.Check(ctx, ids)
			if err != nil && ctx.Err() == nil {
				slog.Error("alerts", "err", err)
			}
			for _, a := range fired {
				slog.Info("alert", "rule", a.Rule, "window", a.Window, "summary", a.Summary)
			}
		}
	}
	return watch.New(st, sources, opts), mon, nil
}

func newWatchCmd(g *globals) *cobra.Command {
	var (
		flags  watchFlags
		feeds  string
		once   bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "watch --feeds FILE",
		Short: "Poll RSS/Atom feeds and folders continuously, store new articles, raise alerts",
		Long: `Poll the sources listed in the feeds file (one RSS/Atom URL or local folder a
line, with an optional interval: "https://example.com/rss.xml every=30m"),
analyse every new article and store it. Feeds are fetched with conditional
GET (ETag, Last-Modified), at most one request per --host-gap to a host, and
retried with exponential backoff after errors; an item that carries only a
summary is read from its linked page. Items are known by GUID or link and
articles by content hash and URL, and what was seen lives in the store: a
restarted watcher resumes without re-ingesting or missing items.

With --rules, the alert rules are checked after every stored batch; alerts
go to the store (the dashboard's alerts page), to --alerts-jsonl and to
--webhook (POSTed as JSON, signed with HMAC-SHA256 of the secret in
$RASD_WEBHOOK_SECRET, retried with backoff). SIGINT or SIGTERM stops it.`,
		Args: cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			if feeds == "" {
				return fmt.Errorf("--feeds FILE is required")
			}
			w, _, err := flags.setup(st, feeds, analyze.New().Document)
			if err != nil {
				return err
			}
			if !once {
				fmt.Fprintf(g.stderr, "rasd: watching the sources of %s into %s\n", feeds, store.Redact(g.dsn))
				if err := w.Run(ctx); ctx.Err() == nil {
					return err
				}
				return nil
			}
			stats, err := w.PollDue(ctx)
			if asJSON {
				if encErr := writeJSON(g.stdout, stats); encErr != nil {
					return encErr
				}
			} else {
				fmt.Fprintf(g.stdout, "polled %d sources (%d not modified, %d failed): %d new items, %d new articles, %d duplicates\n",
					stats.Polled, stats.NotModified, stats.Failed, stats.Items, stats.New, stats.Duplicate)
			}
			return err
		}),
	}
	cmd.Flags().StringVar(&feeds, "feeds", "", "file listing the sources, one a line")
	cmd.Flags().BoolVar(&once, "once", false, "poll the sources that are due once, then exit")
	cmd.Flags().BoolVar(&asJSON, "json", false, "with --once, print the counts as JSON")
	flags.register(cmd.Flags())
	return cmd
}
