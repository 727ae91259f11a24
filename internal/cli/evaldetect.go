package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/event"
)

type detectReport struct {
	Type      string  `json:"type"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	TN        int     `json:"tn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// FalsePositiveRate is FP over all negatives (easy and difficult no).
	FalsePositiveRate float64 `json:"false_positive_rate"`
}

func newEvalDetectCmd(g *globals) *cobra.Command {
	var errs, noFilter, byPattern bool
	cmd := &cobra.Command{
		Use:   "detect FILE.csv",
		Short: "Score event detection on a GSR detection CSV",
		Long: `Read a detection CSV (columns id, event_type, label, text): positives are
label "yes", negatives "easy no" and "difficult no"; "ambiguous" is left out.
A sentence counts as predicted positive when rasd codes at least one event of
the file's PLOVER type in it. Prints JSON: type, tp, fp, fn, tn, precision,
recall, f1 and the false-positive rate on the negatives.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rows, err := corpus.ReadGSRDetection(args[0])
			if err != nil {
				return err
			}
			ont, err := event.DefaultOntology()
			if err != nil {
				return err
			}
			an := analyze.New()
			if noFilter {
				an = analyze.NewWithoutFilter()
			}
			var rep detectReport
			// per pattern line: sentences of each label it fires on
			type lineStat struct{ yes, difficult, easy int }
			lines := map[int]*lineStat{}
			for _, r := range rows {
				label := strings.TrimSpace(strings.ToLower(r.Label))
				if label == "ambiguous" {
					continue
				}
				rep.Type = strings.ToUpper(r.EventType)
				text, a := article.FromParts(article.Parts{Body: r.Text})
				d := document.New(text, a, document.Origin{Format: "text"})
				an.Document(d)
				predicted := false
				for _, e := range d.Events {
					predicted = predicted || strings.EqualFold(e.Plover, r.EventType)
				}
				positive := label == "yes"
				if byPattern {
					seen := map[int]bool{}
					for _, h := range an.PatternHits(d) {
						if c, ok := ont.Lookup(h.Code); !ok || !strings.EqualFold(c.Plover, r.EventType) || seen[h.Line] {
							continue
						}
						seen[h.Line] = true
						st := lines[h.Line]
						if st == nil {
							st = &lineStat{}
							lines[h.Line] = st
						}
						switch label {
						case "yes":
							st.yes++
						case "difficult no":
							st.difficult++
						default:
							st.easy++
						}
					}
				}
				if errs && positive != predicted {
					// the misses and false alarms, for error analysis
					fmt.Fprintf(g.stderr, "%s\t%s\t%s\n", map[bool]string{true: "FN", false: "FP"}[positive], r.Label, r.Text)
				}
				switch {
				case positive && predicted:
					rep.TP++
				case positive:
					rep.FN++
				case predicted:
					rep.FP++
				default:
					rep.TN++
				}
			}
			if byPattern {
				keys := make([]int, 0, len(lines))
				for k := range lines {
					keys = append(keys, k)
				}
				sort.Ints(keys)
				for _, k := range keys {
					st := lines[k]
					fmt.Fprintf(g.stderr, "line %d\tyes %d\tdifficult no %d\teasy no %d\n", k, st.yes, st.difficult, st.easy)
				}
			}
			if rep.TP+rep.FP > 0 {
				rep.Precision = float64(rep.TP) / float64(rep.TP+rep.FP)
			}
			if rep.TP+rep.FN > 0 {
				rep.Recall = float64(rep.TP) / float64(rep.TP+rep.FN)
			}
			if rep.Precision+rep.Recall > 0 {
				rep.F1 = 2 * rep.Precision * rep.Recall / (rep.Precision + rep.Recall)
			}
			if rep.FP+rep.TN > 0 {
				rep.FalsePositiveRate = float64(rep.FP) / float64(rep.FP+rep.TN)
			}
			return writeJSON(g.stdout, rep)
		},
	}
	cmd.Flags().BoolVar(&errs, "errors", false, "print the false negatives and false positives to stderr")
	cmd.Flags().BoolVar(&byPattern, "by-pattern", false, "print, per line of the pattern dictionary, how many sentences of each label it fires on (stderr)")
	cmd.Flags().BoolVar(&noFilter, "no-filter", false, "score the patterns alone, without the learned filter")
	return cmd
}
