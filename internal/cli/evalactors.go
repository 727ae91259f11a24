package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/corpus"
)

type accuracy struct {
	CountryN        int     `json:"country_n"`
	CountryAccuracy float64 `json:"country_accuracy"`
	RoleN           int     `json:"role_n"`
	RoleAccuracy    float64 `json:"role_accuracy"`
	NotFound        int     `json:"spans_not_found"`
	countryOK       int
	roleOK          int
}

type actorReport struct {
	Records int      `json:"records"`
	Source  accuracy `json:"source"`
	Target  accuracy `json:"target"`
}

func newEvalActorsCmd(g *globals) *cobra.Command {
	var showErrors, events bool
	cmd := &cobra.Command{
		Use:   "actors FILE.json",
		Short: "Score actor coding on GSR span files (*_spans.json)",
		Long: `Read a span file of the Arabic event gold standard (records with text and
spans of source_actor/target_actor tokens and their source_role/target_role
{main, role}); code each gold actor span in its sentence and print JSON with
country accuracy (where gold main is not None) and role accuracy (where gold
role is not None) for source and target actors. With --events, code each
whole sentence instead and score the countries of the sources and targets
of its events of the record's type against the annotators'.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			recs, err := corpus.ReadGSRSpans(args[0])
			if err != nil {
				return err
			}
			if events {
				var misses io.Writer
				if showErrors {
					misses = g.stderr
				}
				return writeJSON(g.stdout, scoreDyads(analyze.New(), recs, misses))
			}
			an, dict := arabic.NewAnalyzer(), actor.Default()
			var rep actorReport
			var miss func(side, span, gold, got string)
			if showErrors {
				miss = func(side, span, gold, got string) {
					fmt.Fprintf(g.stderr, "%s\t%s\tgold %s\tgot %s\n", side, span, gold, got)
				}
			}
			for _, rec := range recs {
				rep.Records++
				toks := actorTokens(an, rec.Text)
				for _, sp := range rec.Spans {
					scoreSpan(dict, rec.Text, toks, sp.Source, sp.SourceRole, &rep.Source, errorsOf(miss, "source"))
					scoreSpan(dict, rec.Text, toks, sp.Target, sp.TargetRole, &rep.Target, errorsOf(miss, "target"))
				}
			}
			for _, a := range []*accuracy{&rep.Source, &rep.Target} {
				if a.CountryN > 0 {
					a.CountryAccuracy = float64(a.countryOK) / float64(a.CountryN)
				}
				if a.RoleN > 0 {
					a.RoleAccuracy = float64(a.roleOK) / float64(a.RoleN)
				}
			}
			return writeJSON(g.stdout, rep)
		},
	}
	cmd.Flags().BoolVar(&showErrors, "errors", false, "print each span whose country or role is coded wrong to stderr (side, span, gold, rasd's)")
	cmd.Flags().BoolVar(&events, "events", false, "score the coded events' source and target countries instead of the gold spans' coding")
	return cmd
}

// errorsOf binds a side to the miss reporter, nil when misses are not shown.
func errorsOf(miss func(side, span, gold, got string), side string) func(span, gold, got string) {
	if miss == nil {
		return nil
	}
	return func(span, gold, got string) { miss(side, span, gold, got) }
}

// actorTokens tokenises a sentence into the tokens actor resolution reads.
func actorTokens(an *arabic.Analyzer, text string) []actor.Token {
	var out []actor.Token
	for _, t := range arabic.Tokenize(text) {
		at := actor.Token{Start: t.Start, End: t.End, Key: arabic.KeyOf(t.Text), Word: t.Kind == arabic.Word || t.Kind == arabic.Latin}
		if t.Kind == arabic.Word {
			at.Pro = an.Morph(text[t.Start:t.End], t.Text).Proclitics
		}
		out = append(out, at)
	}
	return out
}

// scoreSpan finds the gold actor tokens in the sentence and compares rasd's
// coding with the gold roles.
func scoreSpan(dict *actor.Dictionary, text string, toks []actor.Token, words []string, role map[string]string, acc *accuracy, miss func(span, gold, got string)) {
	main, sector := role["main"], role["role"]
	wantCountry := main != "" && main != "None"
	wantRole := sector != "" && sector != "None"
	if len(words) == 0 || !wantCountry && !wantRole {
		return
	}
	first, stop := locate(toks, words)
	if first < 0 {
		acc.NotFound++
		return
	}
	country, sec := dict.CodeSpan(toks, first, stop)
	if wantCountry {
		acc.CountryN++
		if country == main {
			acc.countryOK++
		}
	}
	if wantRole {
		acc.RoleN++
		if sec == sector {
			acc.roleOK++
		}
	}
	if miss != nil && (wantCountry && country != main || wantRole && sec != sector) {
		miss(text[toks[first].Start:toks[stop-1].End], main+"/"+sector, country+"/"+sec)
	}
}

// locate finds the span from the first gold word to the last one.
func locate(toks []actor.Token, words []string) (int, int) {
	find := func(w string, from int) int {
		k := arabic.KeyOf(arabic.NormalizeString(w))
		for i := from; i < len(toks); i++ {
			if toks[i].Key == k {
				return i
			}
		}
		return -1
	}
	first := find(words[0], 0)
	if first < 0 {
		return -1, -1
	}
	last := first
	for _, w := range words[1:] {
		if i := find(w, first); i >= 0 && i > last {
			last = i
		}
	}
	return first, last + 1
}
