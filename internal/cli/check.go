package cli

import (
	"context"
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/store"
)

func newCheckCmd(g *globals) *cobra.Command {
	var asJSON, deep bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the database: integrity, counts, orphans, search index consistency",
		Long: `Verify the database named by --db: the engine's own integrity check (SQLite
quick_check and the full-text index's integrity-check), the size of every
table, derived rows (events, entities, search rows) whose article is gone,
articles missing from the search index, and with --deep that every stored
document decodes and matches its derived rows. The exit code is 1 when a
problem is found; rasd reindex rebuilds what is derived.`,
		Args: cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			rep, err := st.Check(ctx, deep)
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(g.stdout, rep); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(g.stdout, "%s, schema version %d\n", rep.Engine, rep.SchemaVersion)
				tables := make([]string, 0, len(rep.Counts))
				for t := range rep.Counts {
					tables = append(tables, t)
				}
				sort.Strings(tables)
				for _, t := range tables {
					fmt.Fprintf(g.stdout, "  %-13s %d\n", t, rep.Counts[t])
				}
				if deep {
					fmt.Fprintf(g.stdout, "  %d documents decoded and compared\n", rep.Documents)
				}
				for _, p := range rep.Problems {
					fmt.Fprintln(g.stdout, "problem:", p)
				}
				if rep.OK() {
					fmt.Fprintln(g.stdout, "ok")
				}
			}
			if !rep.OK() {
				return ExitError{Code: 1}
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&deep, "deep", false, "also decode every document and compare it with its derived rows")
	return cmd
}
