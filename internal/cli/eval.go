package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
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
	cmd.AddCommand(timexCmd, newEvalNERCmd(g), newEvalActorsCmd(g), newEvalDetectCmd(g), newEvalCeilingCmd(g))
	return cmd
}

func newEvalNERCmd(g *globals) *cobra.Command {
	var showErrors, withDict bool
	cmd := &cobra.Command{
		Use:   "ner FILE",
		Short: "Score the NER model on a CoNLL file (token TAG lines, BIO tags)",
		Long: `Read a CoNLL file (token and tag per line, blank line between sentences),
label its tokens with the embedded model and print JSON: tokens, precision,
recall, f1 and per_type scores, entity-level exact match, micro-averaged
(conlleval's definition), in percent. Runs of consecutive sentences are
read as one document, as in training (the labeller reads a document twice).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := ner.LoadModel()
			if err != nil {
				return err
			}
			res, err := nerResources()
			if err != nil {
				return err
			}
			exs, err := nerExamples(res, args[0])
			if err != nil {
				return err
			}
			var gold [][]int
			for _, ex := range exs {
				gold = append(gold, ex.Tags)
			}
			pred := tagDocs(m, exs)
			if withDict {
				pred = withDictionary(actor.Default(), exs, pred)
			}
			if showErrors {
				printNERErrors(g.stderr, exs, pred)
			}
			return writeJSON(g.stdout, ner.Evaluate(gold, pred))
		},
	}
	cmd.Flags().BoolVar(&withDict, "with-dictionary", false, "score the names as rasd extract finds them: the actor dictionary's names stand over the model's where they overlap")
	cmd.Flags().BoolVar(&showErrors, "errors", false, "print each missed (FN) and wrong (FP) name with its sentence to stderr, as TSV")
	return cmd
}

// withDictionary merges the model's names with the actor dictionary's as
// the entity layer does (actor.Merge).
func withDictionary(d *actor.Dictionary, exs []ner.Example, pred [][]int) [][]int {
	out := make([][]int, len(pred))
	for k, ex := range exs {
		toks := actor.TokensOf(ex.Words)
		var model []actor.Mention
		for _, sp := range ner.Spans(pred[k]) {
			model = append(model, actor.Mention{First: sp.Start, Stop: sp.End, Type: sp.Type, Source: "model"})
		}
		spans := make([]ner.Span, 0, len(model))
		for _, m := range actor.Merge(d.Mentions(toks), model) {
			spans = append(spans, ner.Span{Start: m.First, End: m.Stop, Type: m.Type})
		}
		out[k] = ner.SpanTags(spans, len(ex.Words))
	}
	return out
}

// printNERErrors writes one line per name the labeller missed (FN) or made
// up (FP): kind, type, the name's words and the sentence, in key form.
func printNERErrors(w io.Writer, exs []ner.Example, pred [][]int) {
	for k, ex := range exs {
		words := make([]string, len(ex.Words))
		for i, wd := range ex.Words {
			words[i] = wd.Key
		}
		name := func(s ner.Span) string { return strings.Join(words[s.Start:s.End], " ") }
		sentence := strings.Join(words, " ")
		goldSpans := ner.Spans(ex.Tags)
		gold, got := map[ner.Span]bool{}, map[ner.Span]bool{}
		for _, s := range goldSpans {
			gold[s] = true
		}
		for _, s := range ner.Spans(pred[k]) {
			got[s] = true
			if !gold[s] {
				fmt.Fprintf(w, "FP\t%s\t%s\t%s\n", s.Type, name(s), sentence)
			}
		}
		for _, s := range goldSpans {
			if !got[s] {
				fmt.Fprintf(w, "FN\t%s\t%s\t%s\n", s.Type, name(s), sentence)
			}
		}
	}
}

// nerResources loads what the NER features read.
func nerResources() (*ner.Resources, error) {
	cl, err := ner.LoadClusters()
	if err != nil {
		return nil, err
	}
	ents, err := ner.LoadEntities()
	if err != nil {
		return nil, err
	}
	return &ner.Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents, Gaz: actor.Default().Gazetteer()}, nil
}
