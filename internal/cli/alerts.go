package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/alert"
	"github.com/rasd-project/rasd/internal/store"
)

func newAlertsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "Tune alert rules on history, and list the alerts raised",
	}
	cmd.AddCommand(newAlertsTestCmd(g), newAlertsListCmd(g), newAlertsCheckCmd(g))
	return cmd
}

func newAlertsTestCmd(g *globals) *cobra.Command {
	var asJSON bool
	var baseURL string
	cmd := &cobra.Command{
		Use:   "test RULES.yaml",
		Short: "Replay the stored events against the rules and print what would have fired",
		Long: `Replay every stored event against the rules and print the alerts they would
have raised, oldest window first, without storing or sending anything. Use
it to tune thresholds on history before watching.`,
		Args: cobra.ExactArgs(1),
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			rules, err := alert.ReadRules(args[0])
			if err != nil {
				return err
			}
			eng := &alert.Engine{Rules: rules, BaseURL: baseURL}
			alerts, err := eng.Evaluate(ctx, st, alert.Scope{}, nil)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				for _, a := range alerts {
					if err := enc.Encode(a); err != nil {
						return err
					}
				}
				return nil
			}
			count := map[string]int{}
			for _, a := range alerts {
				count[a.Rule]++
				fmt.Fprintf(g.stdout, "%s\t%s\n", a.Rule, a.Summary)
				for i, e := range a.Evidence {
					if i == 3 {
						fmt.Fprintf(g.stdout, "\t… %d more\n", len(a.Evidence)-3)
						break
					}
					fmt.Fprintf(g.stdout, "\t%s %s %s>%s %s\n", e.Date, e.Link, orDash(e.Source), orDash(e.Target), truncate(e.Sentence, 80))
				}
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "\nRULE\tKIND\tWOULD FIRE")
			for _, r := range rules {
				fmt.Fprintf(tw, "%s\t%s\t%d\n", r.Name, r.Kind, count[r.Name])
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the alerts as JSON lines")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "dashboard address for evidence links")
	return cmd
}

func newAlertsCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check RULES.yaml",
		Short: "Validate a rules file",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rules, err := alert.ReadRules(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "%s: %d rules ok\n", args[0], len(rules))
			return nil
		},
	}
}

func newAlertsListCmd(g *globals) *cobra.Command {
	var (
		asJSON  bool
		pending bool
		rule    string
		limit   int
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the alerts raised, newest first",
		Args:  cobra.NoArgs,
		RunE: g.withStore(func(ctx context.Context, st store.Store, args []string) error {
			recs, err := st.Alerts(ctx, store.AlertQuery{Rule: rule, Pending: pending, Limit: limit})
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				for _, r := range recs {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FIRED\tRULE\tDELIVERED\tSUMMARY")
			for _, r := range recs {
				var a alert.Alert
				json.Unmarshal(r.Alert, &a)
				delivered := "pending"
				if !r.DeliveredAt.IsZero() {
					delivered = r.DeliveredAt.Format(time.DateTime)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.FiredAt.Format(time.DateTime), r.Rule, delivered, truncate(a.Summary, 90))
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON lines")
	cmd.Flags().BoolVar(&pending, "pending", false, "only alerts not yet delivered to the webhook")
	cmd.Flags().StringVar(&rule, "rule", "", "only this rule's alerts")
	cmd.Flags().IntVar(&limit, "limit", 50, "most alerts listed")
	return cmd
}
