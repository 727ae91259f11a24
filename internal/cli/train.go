package cli

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/arabic"
)

func newTrainCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Build rasd's data files and models from the corpora",
		Long: `Build the data files and models that rasd embeds, from the development
corpora laid out as in the project's shared/ folder. The outputs are
committed under data/; training is reproducible (no randomness, or a fixed
seed).`,
	}
	cmd.AddCommand(newTrainLexiconCmd(g), newTrainNERCmd(g), newTrainClustersCmd(g), newTrainOntologyCmd(g), newTrainFilterCmd(g))
	return cmd
}

func newTrainLexiconCmd(g *globals) *cobra.Command {
	var (
		shared   string
		out      string
		minCount int
	)
	cmd := &cobra.Command{
		Use:   "lexicon",
		Short: "Count word forms in the corpora into data/lexicon/words.tsv.gz",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			b := arabic.NewLexiconBuilder()
			c, err := readTrainingCorpora(shared)
			if err != nil {
				return err
			}
			for _, a := range c.news {
				b.AddText(a.Title)
				b.AddText(a.Content)
			}
			for _, s := range c.conll {
				for _, t := range s {
					b.AddText(t.Text)
				}
			}
			if seed, err := os.ReadFile(filepath.Join(shared, "seed", "000_9e9e8f35e5b5ed32.txt")); err == nil {
				b.AddText(string(seed))
			}
			var buf bytes.Buffer
			header := fmt.Sprintf("rasd lexicon: word forms (normalised, hamza on alef kept) and their counts\nbuilt by `rasd train lexicon` from the news sample and the NER corpora of shared/data\nforms seen fewer than %d times are left out", minCount)
			n, err := b.WriteTo(&buf, minCount, header)
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			slog.Info("lexicon built", "forms", n, "bytes", buf.Len(), "elapsed", time.Since(start))
			fmt.Fprintf(g.stdout, "wrote %s: %d word forms, %d bytes (%d news articles, %d CoNLL files)\n", out, n, buf.Len(), len(c.news), c.files)
			return nil
		},
	}
	cmd.Flags().StringVar(&shared, "shared", "../shared/data", "folder holding the corpora")
	cmd.Flags().StringVar(&out, "out", "data/lexicon/words.tsv.gz", "output file")
	cmd.Flags().IntVar(&minCount, "min-count", 2, "leave out forms seen fewer times")
	return cmd
}
