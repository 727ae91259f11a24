package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/export"
	"github.com/rasd-project/rasd/internal/store"
)

func newEventsCmd(g *globals) *cobra.Command {
	var (
		format string
		out    string
		f      store.EventFilter
	)
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Export the coded events of the stored articles (jsonl, csv, parquet)",
		Long: `Export stored events, newest first. jsonl uses PLOVER field names (id, date,
actor, recipient, event, mode, context, quad_code, event_text) plus rasd's
own (cameo, goldstein, article_id, sentence_span, confidence); csv has
GDELT-style columns; parquet is Apache Parquet with the jsonl fields.
Actor codes of three letters match a country (KAZ), longer ones exactly.`,
		Args: cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			if format == "parquet" && out == "" && isTerminal(g.stdout) {
				return fmt.Errorf("--format parquet is binary: give --out FILE or redirect the output")
			}
			w, closeOut, err := g.output(out)
			if err != nil {
				return err
			}
			if err := exportEvents(ctx, st, f, format, w); err != nil {
				closeOut()
				return err
			}
			return closeOut()
		}),
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "jsonl (PLOVER field names), csv (GDELT-style columns) or parquet")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	cmd.Flags().StringVar(&f.Actor, "actor", "", "events with this actor on either side (KAZ, KAZGOV)")
	cmd.Flags().StringVar(&f.Partner, "partner", "", "with --actor: events between the two")
	cmd.Flags().BoolVar(&f.Directed, "directed", false, "with --partner: only actor → partner")
	cmd.Flags().StringVar(&f.Cameo, "cameo", "", "CAMEO code prefix (19, 042)")
	cmd.Flags().StringVar(&f.Plover, "plover", "", "PLOVER event type (ASSAULT, PROTEST...)")
	cmd.Flags().StringVar(&f.Since, "since", "", "events dated on or after YYYY-MM-DD")
	cmd.Flags().StringVar(&f.Until, "until", "", "events dated on or before YYYY-MM-DD")
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "at most this many events (0: all)")
	return cmd
}

func exportEvents(ctx context.Context, st store.Store, f store.EventFilter, format string, w io.Writer) error {
	ew, err := export.NewWriter(w, format)
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	if err := st.Events(ctx, f, ew.Write); err != nil {
		return err
	}
	return ew.Close()
}
