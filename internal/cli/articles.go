package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/store"
)

func newArticlesCmd(g *globals) *cobra.Command {
	var (
		asJSON bool
		q      store.Query
	)
	cmd := &cobra.Command{
		Use:   "articles",
		Short: "List stored articles, newest first",
		Args:  cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			list, err := st.List(ctx, q)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(g.stdout).Encode(list)
			}
			total, err := st.Count(ctx, q)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPUBLISHED\tSOURCE\tTITLE")
			for _, a := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ID, orDash(a.Published), orDash(truncate(a.Source, 24)), truncate(a.Title, 70))
			}
			tw.Flush()
			fmt.Fprintf(g.stdout, "%d of %d articles\n", len(list), total)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&q.Limit, "limit", 50, "most articles to list (0: all)")
	cmd.Flags().IntVar(&q.Offset, "offset", 0, "articles to skip")
	cmd.Flags().StringVar(&q.Source, "source", "", "only this source")
	cmd.Flags().StringVar(&q.Since, "since", "", "published on or after YYYY-MM-DD")
	cmd.Flags().StringVar(&q.Until, "until", "", "published on or before YYYY-MM-DD")
	return cmd
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
