package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/corpus"
)

type ceilingReport struct {
	Type      string             `json:"type"`
	Sentences int                `json:"sentences"`
	Model     corpus.VoteModel   `json:"model"`
	LogLik    float64            `json:"log_likelihood"`
	Observed  map[string]int     `json:"observed"`
	Expected  map[string]float64 `json:"expected"`
	Precision float64            `json:"precision"`
	Recall    float64            `json:"recall"`
	F1        float64            `json:"f1"`
}

func newEvalCeilingCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "ceiling FILE.csv",
		Short: "Bound the detection F1 any coder can reach on a GSR file's labels",
		Long: `Read a detection CSV with the annotators' votes (columns accept and reject).
The GSR labels a sentence "yes" only when every annotator accepted it,
"ambiguous" when one rejected it and "no" when two or more did, so its labels
carry the chance of the votes as well as what the sentence says. Fit a
beta-binomial model of the votes (each sentence has a chance q that an
annotator accepts it: 0 with probability zero, else Beta(a, b)), and print
JSON: the fitted model, the label counts it expects beside the file's own,
and the precision, recall and F1 that a reader knowing each sentence's q
exactly would score in expectation at its best cut-off. No coder reading the
text can expect more on such labels, if the model fits.`,
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
			rep.Model = corpus.FitVotes(vs)
			rep.LogLik = rep.Model.LogLikelihood(vs)
			y, a, n := rep.Model.ExpectedLabels(vs)
			total := float64(len(vs))
			rep.Expected = map[string]float64{"yes": y * total, "ambiguous": a * total, "no": n * total}
			rep.Precision, rep.Recall, rep.F1 = rep.Model.Ceiling(vs)
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
