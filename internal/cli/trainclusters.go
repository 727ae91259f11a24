package cli

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
)

func newTrainClustersCmd(g *globals) *cobra.Command {
	var (
		shared       string
		out          string
		fine, coarse int
		minCount     int
		contextWords int
		seed         uint64
	)
	cmd := &cobra.Command{
		Use:   "clusters",
		Short: "Learn word classes from the unlabeled news and NER corpora into data/ner/clusters.tsv.gz",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			an := arabic.NewAnalyzer()
			b := ner.NewClusterBuilder()
			addText := func(text string) {
				toks := arabic.Tokenize(text)
				for _, s := range arabic.Sentences(text, toks, 0, len(toks)) {
					b.Add(stems(an, text, toks[s.First:s.Stop]))
				}
			}
			c, err := readTrainingCorpora(shared)
			if err != nil {
				return err
			}
			for _, a := range c.news {
				addText(a.Title)
				addText(a.Content)
			}
			for _, s := range c.conll {
				var stemmed []string
				for _, t := range s {
					for _, tok := range arabic.Tokenize(t.Text) {
						stemmed = append(stemmed, stemOf(an, t.Text[tok.Start:tok.End], tok))
					}
				}
				b.Add(stemmed)
			}
			cl := b.Build(fine, coarse, minCount, contextWords, seed)
			var buf bytes.Buffer
			header := fmt.Sprintf("rasd word classes: stem, fine class (of %d), coarse class (of %d)\nbuilt by `rasd train clusters` (spherical k-means over neighbour counts, seed %d) from the news sample and NER corpora of shared/data", fine, coarse, seed)
			if err := cl.WriteTo(&buf, header); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "wrote %s: %d stems, %d bytes (%.0fs)\n", out, cl.Len(), buf.Len(), time.Since(start).Seconds())
			return nil
		},
	}
	cmd.Flags().StringVar(&shared, "shared", "../shared/data", "folder holding the corpora")
	cmd.Flags().StringVar(&out, "out", "data/ner/clusters.tsv.gz", "output file")
	cmd.Flags().IntVar(&fine, "fine", 512, "number of fine classes")
	cmd.Flags().IntVar(&coarse, "coarse", 64, "number of coarse classes")
	cmd.Flags().IntVar(&minCount, "min-count", 4, "leave out rarer stems")
	cmd.Flags().IntVar(&contextWords, "context", 800, "number of frequent stems used as contexts")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "k-means seed")
	return cmd
}

// stems returns the stem (key form) of each token.
func stems(an *arabic.Analyzer, text string, toks []arabic.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = stemOf(an, text[t.Start:t.End], t)
	}
	return out
}

func stemOf(an *arabic.Analyzer, orig string, t arabic.Token) string {
	switch t.Kind {
	case arabic.Word:
		return an.Morph(orig, t.Text).Stem
	case arabic.Number:
		return "<num>"
	}
	return arabic.KeyOf(t.Text)
}
