package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/corpus"
)

type ceilingReport struct {
	Type      string         `json:"type"`
	Sentences int            `json:"sentences"`
	Observed  map[string]int `json:"observed"`
	// Beta is the ceiling under the best beta prior; Free under the best
	// prior of any shape, which fits the votes at least as well.
	Beta ceilingFit `json:"beta"`
	Free ceilingFit `json:"free"`
}

// ceilingFit is one prior's fit to the votes and the ceiling it gives.
type ceilingFit struct {
	Model     *corpus.VoteModel  `json:"model,omitempty"`
	Support   corpus.Prior       `json:"support,omitempty"` // the free prior's points of 1% or more
	LogLik    float64            `json:"log_likelihood"`
	Expected  map[string]float64 `json:"expected"`
	Precision float64            `json:"precision"`
	Recall    float64            `json:"recall"`
	F1        float64            `json:"f1"`
}

func fitReport(p corpus.Prior, vs []corpus.Votes) ceilingFit {
	f := ceilingFit{LogLik: p.LogLikelihood(vs)}
	y, a, n := p.ExpectedLabels(vs)
	total := float64(len(vs))
	f.Expected = map[string]float64{"yes": y * total, "ambiguous": a * total, "no": n * total}
	f.Precision, f.Recall, f.F1 = p.Ceiling(vs)
	return f
}

func newEvalCeilingCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "ceiling FILE.csv",
		Short: "Bound the detection F1 any coder can reach on a GSR file's labels",
		Long: `Read a detection CSV with the annotators' votes (columns accept and reject).
The GSR labels a sentence "yes" only when every annotator accepted it,
"ambiguous" when one rejected it and "no" when two or more did, so its labels
carry the chance of the votes as well as what the sentence says. Model the
votes: each sentence has a chance q that an annotator accepts it, drawn from a
prior over sentences, and annotators vote independently given q. Fit two
priors by maximum likelihood: "beta" (q is 0 with probability zero, else
Beta(a, b)) and "free" (any distribution on 201 points of q, by EM). For each
print JSON with its log-likelihood, the label counts it expects beside the
file's own ("observed"), and the precision, recall and F1 that a reader
knowing each sentence's q exactly would score in expectation at its best
cut-off. No coder reading the text can expect more on such labels, if the
model fits; the two priors show how much the bound rests on the prior's
shape.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rows, err := corpus.ReadGSRDetection(args[0])
			if err != nil {
				return err
			}
			vs := corpus.SentenceVotes(rows)
			if len(vs) == 0 {
				return fmt.Errorf("%s: no accept and reject votes", args[0])
			}
			rep := ceilingReport{Sentences: len(vs), Observed: map[string]int{}}
			for _, r := range rows {
				if rep.Type == "" {
					rep.Type = strings.ToUpper(strings.TrimSpace(r.EventType))
				}
				if r.Accept+r.Reject > 0 {
					rep.Observed[gsrClass(r.Label)]++
				}
			}
			beta := corpus.FitVotes(vs)
			rep.Beta = fitReport(beta.Prior(2000), vs)
			rep.Beta.Model = &beta
			free := corpus.FitPrior(vs, 200)
			rep.Free = fitReport(free, vs)
			rep.Free.Support = free.Support(0.01)
			return writeJSON(g.stdout, rep)
		},
	}
}

// gsrClass folds a GSR label into yes, ambiguous or no.
func gsrClass(label string) string {
	switch l := strings.TrimSpace(strings.ToLower(label)); l {
	case "yes", "ambiguous":
		return l
	}
	return "no"
}
