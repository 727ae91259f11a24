package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
	"github.com/rasd-project/rasd/internal/pipeline"
)

type ingestSummary struct {
	pipeline.Stats
	Seconds float64       `json:"seconds"`
	PerSec  float64       `json:"articles_per_second"`
	Errors  []inputReport `json:"errors"`
}

type inputReport struct {
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"`
	Item   int    `json:"item,omitempty"`
	Offset int64  `json:"offset,omitempty"`
	Error  string `json:"error"`
}

func newIngestCmd(g *globals) *cobra.Command {
	var (
		asJSON   bool
		list     bool
		batch    int
		maxSize  int64
		queueURL string
	)
	cmd := &cobra.Command{
		Use:   "ingest PATH|URL|- ...",
		Short: "Read articles from files, directories, URLs or stdin and store them",
		Long: `Read articles and store them. Formats are told from content: plain text,
HTML, JSON lines (fields title, author, date/published, source, url, content),
a JSON array of such objects, RSS 2.0 and Atom. Directories are walked; "-"
reads standard input. An article already stored (same content hash) is
skipped. Bad inputs are reported one by one and the rest goes on; the exit
code is 1 when any input failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: g.withSaver(&queueURL, func(ctx context.Context, st pipeline.Saver, into string, args []string) error {
			sum := ingestSummary{Errors: []inputReport{}}
			flushList := func() {}
			analyse := analyze.New().Document
			if queueURL != "" {
				analyse = nil // the workers analyse
			}
			opts := pipeline.Options{
				BatchSize: batch,
				Analyze:   analyse,
				OnError: func(e *ingest.InputError) {
					sum.Errors = append(sum.Errors, inputReport{Path: e.Path, Line: e.Line, Item: e.Item, Offset: max(e.Offset, 0), Error: e.Err.Error()})
					if !asJSON {
						fmt.Fprintln(g.stderr, "rasd: ingest:", e)
					}
				},
			}
			if list && !asJSON {
				tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tPUBLISHED\tSOURCE\tDATELINE\tTITLE")
				opts.OnStored = func(d *document.Document) {
					a := d.Article
					dateline := ""
					if a.Dateline != nil {
						dateline = a.Dateline.Place
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, orDash(a.Published), orDash(truncate(a.Source, 22)), orDash(dateline), truncate(a.Title, 60))
				}
				flushList = func() { tw.Flush() }
			}
			if isTerminal(g.stdout) && !asJSON && !list {
				bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(g.stderr), progressbar.OptionSetDescription("ingesting"),
					progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
				opts.OnProgress = func(s pipeline.Stats) { bar.Set(s.Read) }
				defer bar.Finish()
			}
			r := ingest.NewReader(ingest.Options{MaxSize: maxSize, Stdin: g.stdin})
			stats, err := pipeline.Ingest(ctx, r, st, args, opts)
			sum.Stats = stats
			flushList()
			sum.Seconds = stats.Elapsed.Seconds()
			if sum.Seconds > 0 {
				sum.PerSec = float64(stats.Read) / sum.Seconds
			}
			slog.Info("ingest done", "read", stats.Read, "new", stats.New, "duplicate", stats.Duplicate, "failed", stats.Failed, "elapsed", stats.Elapsed)
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				if encErr := enc.Encode(sum); encErr != nil {
					return encErr
				}
			} else {
				fmt.Fprintf(g.stdout, "read %d, new %d, duplicate %d, failed %d (%.1fs, %.0f articles/s) into %s\n",
					stats.Read, stats.New, stats.Duplicate, stats.Failed, sum.Seconds, sum.PerSec, into)
			}
			if err != nil {
				return err
			}
			if stats.Failed > 0 {
				return ExitError{Code: 1}
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	cmd.Flags().BoolVar(&list, "list", false, "print a line for every new article")
	cmd.Flags().IntVar(&batch, "batch", pipeline.DefaultBatchSize, "articles stored per transaction")
	cmd.Flags().Int64Var(&maxSize, "max-size", ingest.DefaultMaxSize, "largest document read whole, in bytes")
	cmd.Flags().StringVar(&queueURL, "queue", "", "publish to this NATS JetStream server (nats://host:port) for `rasd worker`s, instead of analysing and storing here")
	return cmd
}
