package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/event"
	"github.com/rasd-project/rasd/internal/timex"
)

// dictionaries are the embedded data files and the functions that validate
// them; later layers add their own.
var dictionaries = []struct {
	name  string
	files string
	check func() error
}{
	{"timex", "data/timex/*.tsv", timex.Check},
	{"byline", "data/byline/*.tsv", article.CheckData},
	{"lexicon", "data/lexicon/*", arabic.CheckLexicon},
	{"actors", "data/actors/*.tsv", actor.Check},
	{"events", "data/events, data/ontology", event.Check},
}

type dictResult struct {
	Name  string `json:"name"`
	Files string `json:"files"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

func newDictCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "dict", Short: "Inspect and validate rasd's dictionaries"}
	var asJSON bool
	check := &cobra.Command{
		Use:   "check",
		Short: "Validate every embedded dictionary and table",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var results []dictResult
			failed := 0
			for _, d := range dictionaries {
				r := dictResult{Name: d.name, Files: d.files, OK: true}
				if err := d.check(); err != nil {
					r.OK, r.Error = false, err.Error()
					failed++
				}
				results = append(results, r)
			}
			if asJSON {
				if err := json.NewEncoder(g.stdout).Encode(results); err != nil {
					return err
				}
			} else {
				for _, r := range results {
					status := "ok"
					if !r.OK {
						status = "FAIL: " + r.Error
					}
					fmt.Fprintf(g.stdout, "%-8s %-22s %s\n", r.Name, r.Files, status)
				}
			}
			if failed > 0 {
				return ExitError{Code: 1}
			}
			return nil
		},
	}
	check.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.AddCommand(check, newDictTestCmd(g))
	return cmd
}
