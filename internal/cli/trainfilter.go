package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/event"
)

// filterExamples analyses the GSR detection sentences into filter examples.
func filterExamples(shared string) ([]event.Example, []string, error) {
	an := analyze.NewWithoutFilter()
	coder, err := event.NewCoder()
	if err != nil {
		return nil, nil, err
	}
	var out []event.Example
	var texts []string
	for _, name := range []string{"assault_gsr.csv", "protest_gsr.csv"} {
		path := filepath.Join(shared, "events", "arabic_event_gsr", name)
		rows, err := corpus.ReadGSRDetection(path)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			label := strings.ToLower(strings.TrimSpace(r.Label))
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
			ex := event.Example{Type: typ, Features: feats, Positive: label == "yes", Coded: coded, TrainOnly: label == "ambiguous"}
			if votes := r.Accept + r.Reject; votes > 0 {
				ex.Agree = float64(r.Accept) / float64(votes)
			}
			out = append(out, ex)
			texts = append(texts, label+"\t"+r.Text)
		}
	}
	return out, texts, nil
}

func newTrainFilterCmd(g *globals) *cobra.Command {
	var (
		shared string
		out    string
		folds  int
		errs   bool
		cvSeed uint64
	)
	opt := event.DefaultTrainOptions()
	if opt.TypeThreshold == nil {
		opt.TypeThreshold = map[string]float64{}
	}
	cmd := &cobra.Command{
		Use:   "filter",
		Short: "Train the event filter on the GSR detection sentences (data/events/filter.bin.gz), reporting k-fold scores",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			exs, texts, err := filterExamples(shared)
			if err != nil {
				return err
			}
			// Cross-validation: the shipped filter sees all of shared/, so
			// these folds are the honest estimate of how it generalises.
			for _, typ := range []string{"ASSAULT", "PROTEST"} {
				tp, fp, fn, tn := 0, 0, 0, 0
				ctp, cfp, cfn, ctn := 0, 0, 0, 0 // the coder and the filter together
				for k := range folds {
					var train []event.Example
					var test []int
					for i, e := range exs {
						if foldOf(i, folds, cvSeed) == k {
							test = append(test, i)
						} else {
							train = append(train, e)
						}
					}
					f := event.TrainFilterWith(train, opt)
					for _, i := range test {
						e := exs[i]
						if e.TrainOnly {
							continue
						}
						if e.Type != typ {
							continue
						}
						s, _ := f.Score(typ, e.Features)
						if errs && (s > 0 && e.Coded) != e.Positive {
							fmt.Fprintf(g.stderr, "%s\t%s\t%.2f\t%v\t%s\n", typ, map[bool]string{true: "FN", false: "FP"}[e.Positive], s, e.Coded, texts[i])
						}
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
			f := event.TrainFilterWith(exs, opt)
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
	cmd.Flags().IntVar(&opt.Epochs, "epochs", opt.Epochs, "training passes")
	cmd.Flags().Uint64Var(&opt.Seed, "seed", opt.Seed, "shuffling seed")
	cmd.Flags().StringVar(&opt.Learner, "learner", opt.Learner, "perceptron, logistic, or blend (their sum, each scaled to a mean margin of one)")
	cmd.Flags().Float64Var(&opt.L2, "l2", opt.L2, "L2 regularisation of the logistic learner")
	cmd.Flags().Float64Var(&opt.PosWeight, "pos-weight", opt.PosWeight, "weight of a positive in the logistic loss (0: balance the classes)")
	cmd.Flags().BoolVar(&opt.Soft, "soft", opt.Soft, "train on the annotators' agreement (ambiguous sentences included) rather than the label")
	cmd.Flags().BoolVar(&opt.CodedOnly, "coded-only", opt.CodedOnly, "train on the sentences the patterns code only")
	cmd.Flags().BoolVar(&errs, "errors", false, "print the cross-validated misses and false alarms of the coder and filter to stderr")
	cmd.Flags().IntVar(&opt.Bag, "bag", opt.Bag, "perceptrons averaged, each shuffled with its own seed")
	cmd.Flags().Float64Var(&opt.Blend, "blend", opt.Blend, "weight of the logistic model in the blend learner")
	cmd.Flags().Float64Var(&opt.Threshold, "threshold", opt.Threshold, "margin a sentence must pass, in mean margins of the training sentences")
	cmd.Flags().BoolVar(&opt.SoftPerceptron, "soft-perceptron", opt.SoftPerceptron, "weigh a negative's perceptron update by the share of annotators who rejected it")
	cmd.Flags().Float64Var(&opt.Alpha, "alpha", opt.Alpha, "naive Bayes smoothing")
	cmd.Flags().StringVar(&opt.Second, "second", opt.Second, "the blend's second learner: logistic or nb")
	cmd.Flags().Var(thresholdFlag(opt.TypeThreshold), "type-threshold", "per-type threshold overriding --threshold, as PROTEST=-0.2 (repeatable)")
	cmd.Flags().IntVar(&folds, "folds", 5, "cross-validation folds")
	cmd.Flags().Uint64Var(&cvSeed, "cv-seed", 0, "0: folds in turn; otherwise a seed for a random split")
	return cmd
}

// foldOf assigns example i to a fold: in turn with seed 0, else by a
// seeded hash, to see how much the scores owe to one split.
func foldOf(i, folds int, seed uint64) int {
	if seed == 0 {
		return i % folds
	}
	h := (uint64(i) + seed*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	h ^= h >> 31
	return int(h % uint64(folds))
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
		if e.Type != typ || e.TrainOnly {
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

// thresholdFlag reads TYPE=MARGIN into a per-type threshold map.
type thresholdFlag map[string]float64

func (t thresholdFlag) String() string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%g", k, t[k]))
	}
	return strings.Join(parts, ",")
}

func (t thresholdFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		typ, num, ok := strings.Cut(part, "=")
		if !ok {
			return fmt.Errorf("type threshold %q: want TYPE=MARGIN", part)
		}
		x, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return fmt.Errorf("type threshold %q: %w", part, err)
		}
		t[strings.ToUpper(strings.TrimSpace(typ))] = x
	}
	return nil
}

func (t thresholdFlag) Type() string { return "TYPE=MARGIN" }
