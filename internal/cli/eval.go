package cli

import (
	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/timex"
)

func newEvalCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "eval", Short: "Score rasd against annotated corpora"}
	var errorsToo bool
	timexCmd := &cobra.Command{
		Use:   "timex DIR",
		Short: "Score the temporal tagger on TimeML files (*.tml)",
		Long: `Read every *.tml file of DIR (inline TIMEX3 tags, inside <TEXT> where there is
one; the document date from <DCT>; files without a DCT run as undated text),
tag the plain text and print JSON: docs, gold, predicted, strict and relaxed
precision/recall/F1, and type and value accuracy over the relaxed matches.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := timex.ReadTimeMLDir(args[0])
			if err != nil {
				return err
			}
			return writeJSON(g.stdout, timex.Evaluate(docs, errorsToo))
		},
	}
	timexCmd.Flags().BoolVar(&errorsToo, "errors", false, "list every disagreement with the gold standard")
	cmd.AddCommand(timexCmd)
	return cmd
}
