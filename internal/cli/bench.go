package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/bench"
)

func newBenchCmd(g *globals) *cobra.Command {
	var (
		opts   bench.Options
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure every throughput and latency target in one run, beside its target",
		Long: `Measure, in one run on this machine, every throughput and latency figure the
issues ask for, each beside its target and beside bleve's Arabic analyzer
and index on the same text where that is the reference: ingest, the text
core, the temporal tagger, NER, the whole analysis, the peak memory of an
ingest, and search and dyad-page latency over a large store (the news
sample copied to --articles articles; --large-db keeps it for the next run,
building it takes minutes). Per-core figures are work per CPU-second with
the work on one goroutine. The exit code is 1 when a target is missed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			self, err := os.Executable()
			if err == nil {
				opts.Ingest = []string{self, "ingest"}
			}
			opts.Log = g.stderr
			results, err := bench.Run(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(g.stdout, results); err != nil {
					return err
				}
			} else if err := bench.Print(g.stdout, results); err != nil {
				return err
			}
			if !bench.AllMet(results) {
				if !asJSON {
					fmt.Fprintln(g.stdout, "some targets are missed")
				}
				return ExitError{Code: 1}
			}
			if !asJSON {
				fmt.Fprintln(g.stdout, "every target is met")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Shared, "shared", "../shared/data", "the shared data folder (the news sample is news/saudinewsnet_sample.jsonl)")
	cmd.Flags().IntVar(&opts.Articles, "articles", 100_000, "articles in the large store of the latency figures")
	cmd.Flags().StringVar(&opts.LargeDB, "large-db", "", "SQLite file of the large store: built if missing, reused if present")
	cmd.Flags().IntVar(&opts.Passes, "passes", 2, "passes over the data per throughput figure")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the results as JSON")
	cmd.Flags().StringSliceVar(&opts.Only, "only", nil, "run only these measures: "+strings.Join(bench.MeasureNames(), ", "))
	return cmd
}
