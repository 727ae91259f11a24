package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analytics"
	"github.com/rasd-project/rasd/internal/store"
)

func newDyadCmd(g *globals) *cobra.Command {
	var (
		asJSON   bool
		interval string
		directed bool
	)
	cmd := &cobra.Command{
		Use:   "dyad ACTOR [PARTNER]",
		Short: "Print the event series of an actor pair (or of one actor) per day, week or month",
		Long: `Print, per period, the events between ACTOR and PARTNER (either direction
unless --directed): counts per quad class (verbal and material cooperation,
verbal and material conflict), Goldstein sum and mean. Codes of three
letters are countries (KAZ), longer ones exact actor codes (KAZGOV).`,
		Args: cobra.RangeArgs(1, 2),
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			iv, err := analytics.ParseInterval(interval)
			if err != nil {
				return err
			}
			f := store.EventFilter{Actor: strings.ToUpper(args[0]), Directed: directed}
			if len(args) == 2 {
				f.Partner = strings.ToUpper(args[1])
			}
			s, err := analytics.Dyad(ctx, st, f, iv)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, s)
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "PERIOD\tEVENTS\tVERB.COOP\tMAT.COOP\tVERB.CONF\tMAT.CONF\tGOLDSTEIN\tMEAN\t")
			for _, p := range append(s.Points, s.Total) {
				if p.Period == "" {
					p.Period = "total"
				}
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.2f\t\n", p.Period, p.Events, p.Quad[0], p.Quad[1], p.Quad[2], p.Quad[3], p.GoldsteinSum, p.GoldsteinMean)
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&interval, "interval", "month", "day, week or month")
	cmd.Flags().BoolVar(&directed, "directed", false, "only ACTOR → PARTNER")
	return cmd
}

func newAlignmentCmd(g *globals) *cobra.Command {
	var (
		asJSON    bool
		split     string
		minEvents int
	)
	cmd := &cobra.Command{
		Use:   "alignment ACTOR --split YYYY-MM-DD",
		Short: "Rank how an actor's relations to each partner changed between two periods",
		Long: `Compare ACTOR's mean Goldstein score towards each partner country before
and after --split (events in both directions). A positive change is a move
towards the partner, a negative one away from it; biggest changes first.`,
		Args: cobra.ExactArgs(1),
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			t, err := time.Parse("2006-01-02", split)
			if err != nil {
				return fmt.Errorf("--split %q: want a date YYYY-MM-DD", split)
			}
			a, err := analytics.AlignmentShift(ctx, st, strings.ToUpper(args[0]),
				analytics.Period{Until: t.AddDate(0, 0, -1).Format("2006-01-02")}, analytics.Period{Since: split}, minEvents)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, a)
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "PARTNER\tBEFORE\tMEAN\tAFTER\tMEAN\tCHANGE\t")
			for _, s := range a.Shifts {
				fmt.Fprintf(tw, "%s\t%d\t%.2f\t%d\t%.2f\t%+.2f\t\n", s.Partner, s.Before.Events, s.Before.GoldsteinMean, s.After.Events, s.After.GoldsteinMean, s.Delta)
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&split, "split", "", "first day of the second period (required)")
	cmd.Flags().IntVar(&minEvents, "min", 1, "least events with a partner in each period")
	cmd.MarkFlagRequired("split")
	return cmd
}
