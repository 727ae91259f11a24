package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/arabic"
)

type analyzedToken struct {
	Text       string `json:"text"`
	Kind       string `json:"kind"`
	Span       [2]int `json:"span"`
	Proclitics string `json:"proclitics,omitempty"`
	Stem       string `json:"stem,omitempty"`
	Enclitic   string `json:"enclitic,omitempty"`
	Term       string `json:"term,omitempty"`
}

type analyzedSentence struct {
	Text   string          `json:"text"`
	Span   [2]int          `json:"span"`
	Tokens []analyzedToken `json:"tokens"`
}

func newAnalyzeCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "analyze TEXT|-",
		Short: "Show how rasd reads a text: sentences, tokens, clitics, stems, search terms",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text := args[0]
			if text == "-" {
				b, err := io.ReadAll(io.LimitReader(g.stdin, 16<<20))
				if err != nil {
					return err
				}
				text = string(b)
			}
			sents := analyzeText(text)
			if asJSON {
				return writeJSON(g.stdout, sents)
			}
			for i, s := range sents {
				fmt.Fprintf(g.stdout, "[%d] %s\n", i+1, s.Text)
				tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				for _, t := range s.Tokens {
					fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\t%s\n", t.Text, t.Kind, orDash(t.Proclitics), orDash(t.Stem), orDash(t.Enclitic), orDash(t.Term))
				}
				tw.Flush()
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func analyzeText(text string) []analyzedSentence {
	an := arabic.NewAnalyzer()
	toks := arabic.Tokenize(text)
	var out []analyzedSentence
	for _, s := range arabic.Sentences(text, toks, 0, len(toks)) {
		as := analyzedSentence{Text: strings.TrimSpace(text[s.Start:s.End]), Span: [2]int{s.Start, s.End}}
		for _, t := range toks[s.First:s.Stop] {
			at := analyzedToken{Text: t.Text, Kind: t.Kind.String(), Span: [2]int{t.Start, t.End}}
			switch t.Kind {
			case arabic.Word:
				m := an.Morph(text[t.Start:t.End], t.Text)
				at.Proclitics, at.Stem, at.Enclitic, at.Term = m.Proclitics, m.Stem, m.Enclitic, m.Term()
			case arabic.Latin, arabic.Number, arabic.Hashtag, arabic.Mention:
				at.Term = t.Text
			}
			as.Tokens = append(as.Tokens, at)
		}
		out = append(out, as)
	}
	return out
}
