package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/event"
)

// filterExamples analyses the GSR detection sentences into filter examples.
func filterExamples(shared string) ([]event.Example, error) {
	an := analyze.NewWithoutFilter()
	coder, err := event.NewCoder()
	if err != nil {
		return nil, err
	}
	var out []event.Example
	for _, name := range []string{"assault_gsr.csv", "protest_gsr.csv"} {
		rows, err := corpus.ReadGSRDetection(filepath.Join(shared, "events", "arabic_event_gsr", name))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			label := strings.ToLower(strings.TrimSpace(r.Label))
			if label == "ambiguous" {
				continue
			}
			text, a := article.FromParts(article.Parts{Body: r.Text})
			d := document.New(text, a, document.Origin{Format: "text"})
			an.Document(d)
			var feats []uint64
			for _, s := range d.Sentences {
				feats = append(feats, coder.Features(d, s)...)
			}
			typ := strings.ToUpper(r.EventType)
			coded := false
			for _, e := range d.Events {
				coded = coded || e.Plover == typ
			}
			out = append(out, event.Example{Type: typ, Features: feats, Positive: label == "yes", Coded: coded})
		}
	}
	return out, nil
}

func newTrainFilterCmd(g *globals) *cobra.Command {
	var (
		shared string
		out    string
		epochs int
		seed   uint64
		folds  int
	)
	cmd := &cobra.Command{
		Use:   "filter",
		Short: "Train the event filter on the GSR detection sentences (data/events/filter.bin.gz), reporting k-fold scores",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			exs, err := filterExamples(shared)
			if err != nil {
				return err
			}
			// Cross-validation: the shipped filter sees all of shared/, so
			// these folds are the honest estimate of how it generalises.
			for _, typ := range []string{"ASSAULT", "PROTEST"} {
				tp, fp, fn, tn := 0, 0, 0, 0
				ctp, cfp, cfn, ctn := 0, 0, 0, 0 // the coder and the filter together
				for k := range folds {
					var train, test []event.Example
					for i, e := range exs {
						if i%folds == k {
							test = append(test, e)
						} else {
							train = append(train, e)
						}
					}
					f := event.TrainFilter(train, epochs, seed)
					for _, e := range test {
						if e.Type != typ {
							continue
						}
						s, _ := f.Score(typ, e.Features)
						switch both := s > 0 && e.Coded; {
						case both && e.Positive:
							ctp++
						case both:
							cfp++
						case e.Positive:
							cfn++
						default:
							ctn++
						}
						switch {
						case s > 0 && e.Positive:
							tp++
						case s > 0:
							fp++
						case e.Positive:
							fn++
						default:
							tn++
						}
					}
				}
				p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
				printCoderAlone(g, typ, exs)
				fmt.Fprintf(g.stdout, "%s %d-fold: tp %d fp %d fn %d tn %d  precision %.3f recall %.3f F1 %.3f  false-positive rate %.3f\n",
					typ, folds, tp, fp, fn, tn, p, r, 2*p*r/max(p+r, 1e-9), ratio(fp, fp+tn))
				p, r = ratio(ctp, ctp+cfp), ratio(ctp, ctp+cfn)
				fmt.Fprintf(g.stdout, "%s %d-fold, coder and filter: tp %d fp %d fn %d tn %d  precision %.3f recall %.3f F1 %.3f  false-positive rate %.3f\n",
					typ, folds, ctp, cfp, cfn, ctn, p, r, 2*p*r/max(p+r, 1e-9), ratio(cfp, cfp+ctn))
			}
			f := event.TrainFilter(exs, epochs, seed)
			var buf bytes.Buffer
			if err := f.Save(&buf); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "wrote %s: %d bytes from %d sentences\n", out, buf.Len(), len(exs))
			return nil
		},
	}
	cmd.Flags().StringVar(&shared, "shared", "../shared/data", "folder holding the corpora")
	cmd.Flags().StringVar(&out, "out", "data/events/filter.bin.gz", "output file")
	cmd.Flags().IntVar(&epochs, "epochs", 10, "training passes")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "shuffling seed")
	cmd.Flags().IntVar(&folds, "folds", 5, "cross-validation folds")
	return cmd
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// printCoderAlone scores the patterns without the filter: no training, so
// no folds are needed.
func printCoderAlone(g *globals, typ string, exs []event.Example) {
	tp, fp, fn, tn := 0, 0, 0, 0
	for _, e := range exs {
		if e.Type != typ {
			continue
		}
		switch {
		case e.Coded && e.Positive:
			tp++
		case e.Coded:
			fp++
		case e.Positive:
			fn++
		default:
			tn++
		}
	}
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	fmt.Fprintf(g.stdout, "%s coder alone: tp %d fp %d fn %d tn %d  precision %.3f recall %.3f F1 %.3f  false-positive rate %.3f\n",
		typ, tp, fp, fn, tn, p, r, 2*p*r/max(p+r, 1e-9), ratio(fp, fp+tn))
}
