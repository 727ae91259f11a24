package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/event"
)

func newTrainOntologyCmd(g *globals) *cobra.Command {
	var shared, out string
	cmd := &cobra.Command{
		Use:   "ontology",
		Short: "Build data/ontology/cameo.tsv from the CAMEO, Goldstein and PLOVER tables",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := filepath.Join(shared, "ontology")
			var buf bytes.Buffer
			n, err := event.BuildOntology(filepath.Join(dir, "cameo_codes.txt"), filepath.Join(dir, "cameo_goldstein.tsv"), filepath.Join(dir, "cameo2plover.txt"), &buf)
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "wrote %s: %d codes\n", out, n)
			return nil
		},
	}
	cmd.Flags().StringVar(&shared, "shared", "../shared/data", "folder holding the corpora")
	cmd.Flags().StringVar(&out, "out", "data/ontology/cameo.tsv", "output file")
	return cmd
}
