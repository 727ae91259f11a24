package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/event"
)

// dictTestResult is what `rasd dict test --json` prints.
type dictTestResult struct {
	Text     string            `json:"text"`
	Entities []document.Entity `json:"entities"`
	Hits     []event.Hit       `json:"patterns"`
	Events   []document.Event  `json:"events"`
}

func newDictTestCmd(g *globals) *cobra.Command {
	var asJSON bool
	var date string
	cmd := &cobra.Command{
		Use:   "test SENTENCE|-",
		Short: "Show which event patterns fire on a sentence, and the events coded",
		Long: `Analyse a sentence (or a short text; - reads standard input) and show the
actors found, every pattern of data/events/patterns.tsv that fires (its line,
CAMEO code and trigger words), and the events the coder keeps once it has
weighed negation, intent, hypotheticals, actors and the learned filter.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[0]
			if text == "-" {
				b, err := io.ReadAll(g.stdin)
				if err != nil {
					return err
				}
				text = string(b)
			}
			if strings.TrimSpace(text) == "" {
				return fmt.Errorf("dict test: empty sentence")
			}
			full, a := article.FromParts(article.Parts{Body: text, Date: date})
			d := document.New(full, a, document.Origin{Path: "-", Format: "text"})
			an := analyze.New()
			an.Document(d)
			res := dictTestResult{Text: text, Entities: d.Entities, Hits: an.PatternHits(d), Events: d.Events}
			if asJSON {
				return writeJSON(g.stdout, res)
			}
			printDictTest(g.stdout, d, res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&date, "date", "", "article date YYYY-MM-DD, for relative dates and roles")
	return cmd
}

func printDictTest(w io.Writer, d *document.Document, res dictTestResult) {
	fmt.Fprintln(w, "actors:")
	for _, e := range res.Entities {
		code := "-"
		if e.Actor != nil && e.Actor.Code != "" {
			code = e.Actor.Code
		}
		fmt.Fprintf(w, "  %-28s %-5s %s\n", e.Text, e.Type, code)
	}
	fmt.Fprintln(w, "patterns fired:")
	if len(res.Hits) == 0 {
		fmt.Fprintln(w, "  none: no trigger of data/events/patterns.tsv in the text")
	}
	for _, h := range res.Hits {
		kind := h.Code + " " + h.Label
		if h.Reporting {
			kind = "reporting verb (introduces reported speech)"
		}
		req := ""
		if len(h.Requires) > 0 {
			req = " (with one of: " + strings.Join(h.Requires, " ") + ")"
		}
		fmt.Fprintf(w, "  %q  line %d  %s%s\n", h.Text, h.Line, kind, req)
	}
	fmt.Fprintln(w, "events coded:")
	if len(res.Events) == 0 {
		fmt.Fprintln(w, "  none (a trigger without actors, negated, hypothetical, a question, or vetoed by the filter)")
	}
	for _, e := range res.Events {
		src, tgt := "-", "-"
		if e.Source != nil {
			src = e.Source.Code
		}
		if e.Target != nil {
			tgt = e.Target.Code
		}
		flags := ""
		if e.Negated {
			flags += " negated"
		}
		if e.Intent {
			flags += " intent"
		}
		if e.Speaker != nil {
			flags += " said-by:" + e.Speaker.Code
		}
		fmt.Fprintf(w, "  %s → %s  %s %s  %s  goldstein %.1f  %q%s\n", src, tgt, e.Code, e.Label, e.Plover, e.Goldstein, e.Trigger.Text(d.Text), flags)
	}
}
