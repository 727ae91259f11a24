package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/search"
	"github.com/rasd-project/rasd/internal/store"
)

func newSearchCmd(g *globals) *cobra.Command {
	var (
		asJSON        bool
		limit, offset int
	)
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the stored articles (BM25 over analysed terms)",
		Long: `Search the stored articles. Words are analysed as the index is, so
انتخابات finds الانتخابات and وبالانتخابات. Every word must occur; "a phrase"
must occur in order; -word must not occur; OR (or أو) joins two clauses.
Filters: source:NAME, actor:CODE (KAZ, KAZGOV), event:TYPE (PLOVER type or
CAMEO prefix), since:YYYY-MM-DD, until:YYYY-MM-DD.`,
		Args: cobra.MinimumNArgs(1),
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			q, err := search.Parse(joinArgs(args))
			if err != nil {
				return err
			}
			res, err := st.Search(ctx, q, limit, offset)
			if err != nil {
				return err
			}
			type hit struct {
				store.SearchHit
				Snippet []search.Fragment `json:"snippet"`
			}
			hits := make([]hit, len(res.Hits))
			for i, h := range res.Hits {
				hits[i] = hit{h, search.Snippet(h.Text, search.Hits(h.Text, q.Terms), 200)}
			}
			if asJSON {
				return writeJSON(g.stdout, map[string]any{"total": res.Total, "match": q.Match, "hits": hits})
			}
			fmt.Fprintf(g.stdout, "%d results\n", res.Total)
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			for _, h := range hits {
				fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\n", h.ID, h.Score, orDash(h.Published), truncate(h.Title, 70))
				fmt.Fprintf(tw, "\t\t\t%s\n", truncate(search.Plain(h.Snippet, "[", "]"), 140))
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&limit, "limit", 10, "results per page")
	cmd.Flags().IntVar(&offset, "offset", 0, "results to skip")
	return cmd
}

func joinArgs(args []string) string {
	out := ""
	for i, a := range args {
		if i > 0 {
			out += " "
		}
		out += a
	}
	return out
}

func newReindexCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the derived tables (events, entities, search) from the stored documents",
		Args:  cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			n, err := st.Reindex(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "reindexed %d articles\n", n)
			return nil
		}),
	}
}
