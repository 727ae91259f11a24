package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

func newExtractCmd(g *globals) *cobra.Command {
	var (
		asJSON  bool
		tokens  bool
		maxSize int64
	)
	cmd := &cobra.Command{
		Use:   "extract FILE|URL|-",
		Short: "Analyse one input and print the result, without a database",
		Long: `Analyse an input and print its analysis document. With --json, one article
prints one JSON document (docs/schema.md); an input holding several articles
(JSON lines, a feed) prints one compact JSON document per line.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, failed, err := extractAll(cmd.Context(), g, args[0], maxSize)
			if err != nil {
				return err
			}
			if !tokens {
				for _, d := range docs {
					d.Tokens = nil
				}
			}
			if err := printExtracted(g, docs, asJSON); err != nil {
				return err
			}
			if failed > 0 || len(docs) == 0 {
				return ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the JSON document")
	cmd.Flags().BoolVar(&tokens, "tokens", false, "include the token layer in the JSON")
	cmd.Flags().Int64Var(&maxSize, "max-size", ingest.DefaultMaxSize, "largest document read whole, in bytes")
	return cmd
}

func extractAll(ctx context.Context, g *globals, path string, maxSize int64) ([]*document.Document, int, error) {
	var docs []*document.Document
	failed := 0
	r := ingest.NewReader(ingest.Options{MaxSize: maxSize, Stdin: g.stdin})
	an := analyze.New()
	err := r.Read(ctx, []string{path},
		func(d *document.Document) error { an.Document(d); docs = append(docs, d); return nil },
		func(e *ingest.InputError) { failed++; fmt.Fprintln(g.stderr, "rasd: extract:", e) })
	return docs, failed, err
}

func printExtracted(g *globals, docs []*document.Document, asJSON bool) error {
	switch {
	case asJSON && len(docs) == 1:
		return writeJSON(g.stdout, docs[0])
	case asJSON:
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		for _, d := range docs {
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		return nil
	}
	for i, d := range docs {
		if i > 0 {
			fmt.Fprintln(g.stdout, strings.Repeat("─", 40))
		}
		printDocument(g.stdout, d)
	}
	return nil
}
