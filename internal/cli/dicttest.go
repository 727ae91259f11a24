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
	// Vetoed are the events the coder's rules coded and the learned
	// filter then dropped, with the filter's margin for each (at most 0).
	Vetoed []vetoedEvent `json:"vetoed"`
}

type vetoedEvent struct {
	document.Event
	FilterScore float32 `json:"filter_score"`
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
			rules := document.New(full, a, document.Origin{Path: "-", Format: "text"})
			analyze.NewWithoutFilter().Document(rules)
			for _, e := range vetoed(rules.Events, d.Events) {
				score, _ := an.FilterScore(d, e.Trigger.Start, e.Plover)
				res.Vetoed = append(res.Vetoed, vetoedEvent{e, score})
			}
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
	printEvents(w, d, res.Events)
	if len(res.Vetoed) > 0 {
		fmt.Fprintln(w, "vetoed by the learned filter (its margin must be above 0):")
		for _, v := range res.Vetoed {
			printEvents(w, d, []document.Event{v.Event})
			fmt.Fprintf(w, "      filter margin %.3f for %s\n", v.FilterScore, v.Plover)
		}
	}
}

// vetoed lists the events of all (coded by the rules alone) that kept
// (coded with the filter) lacks.
func vetoed(all, kept []document.Event) []document.Event {
	key := func(e document.Event) string {
		return fmt.Sprintf("%s|%d|%s|%s", e.Code, e.Trigger.Start, actorCode(e.Source), actorCode(e.Target))
	}
	in := map[string]bool{}
	for _, e := range kept {
		in[key(e)] = true
	}
	var out []document.Event
	for _, e := range all {
		if !in[key(e)] {
			out = append(out, e)
		}
	}
	return out
}

func printEvents(w io.Writer, d *document.Document, evs []document.Event) {
	for _, e := range evs {
		src, tgt := actorCode(e.Source), actorCode(e.Target)
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

// actorCode is an event actor's code, "-" for none.
func actorCode(a *document.EventActor) string {
	if a == nil || a.Code == "" {
		return "-"
	}
	return a.Code
}
