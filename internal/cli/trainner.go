package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/ner"
)

// nerExamples reads CoNLL files into labeller examples.
func nerExamples(res *ner.Resources, paths ...string) ([]ner.Example, error) {
	var out []ner.Example
	for _, p := range paths {
		sents, err := corpus.ReadCoNLLFile(p)
		if err != nil {
			return nil, err
		}
		for _, s := range sents {
			texts := make([]string, len(s))
			labels := make([]string, len(s))
			for i, t := range s {
				texts[i], labels[i] = t.Text, nerLabel(t.Tag)
			}
			out = append(out, ner.NewExample(ner.Words(res, texts), labels))
		}
	}
	return out, nil
}

// wojoodTypes maps the Wojood sample's outermost types to the four NER
// types; the others (dates, numbers, occupations, nationalities...) are O.
var wojoodTypes = map[string]string{"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "EVENT": "MISC"}

// wojoodExamples reads the Wojood sample, whose lines list nested labels
// outermost first: a token keeps its outermost label.
func wojoodExamples(res *ner.Resources, paths ...string) ([]ner.Example, error) {
	var out []ner.Example
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var texts, labels []string
		flush := func() {
			if len(texts) > 0 {
				out = append(out, ner.NewExample(ner.Words(res, texts), labels))
			}
			texts, labels = nil, nil
		}
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				flush()
				continue
			}
			label := "O"
			if len(f) > 1 && len(f[1]) > 2 && f[1][1] == '-' {
				if typ, ok := wojoodTypes[f[1][2:]]; ok {
					label = f[1][:2] + typ
				}
			}
			texts, labels = append(texts, f[0]), append(labels, label)
		}
		flush()
	}
	return out, nil
}

// filterExtra keeps the examples of another corpus that teach names: with
// "names" those holding a PERS, LOC or ORG name, with "clean" those and
// no MISC (whose extent differs most between corpora); "all" keeps all.
func filterExtra(exs []ner.Example, mode string, weight float32) ([]ner.Example, error) {
	var out []ner.Example
	for _, ex := range exs {
		names, misc := false, false
		for _, t := range ex.Tags {
			switch ner.Tags[t] {
			case "B-PERS", "B-LOC", "B-ORG":
				names = true
			case "B-MISC":
				misc = true
			}
		}
		switch mode {
		case "all":
		case "names":
			if !names {
				continue
			}
		case "clean":
			if !names || misc {
				continue
			}
		default:
			return nil, fmt.Errorf("train ner: unknown extra filter %q", mode)
		}
		ex.Weight = weight
		out = append(out, ex)
	}
	return out, nil
}

// nerDocs cuts examples into documents of ner.DocSentences consecutive
// sentences: the CoNLL files keep no article boundaries.
func nerDocs(exs []ner.Example) [][]ner.Example {
	var out [][]ner.Example
	for i := 0; i < len(exs); i += ner.DocSentences {
		out = append(out, exs[i:min(i+ner.DocSentences, len(exs))])
	}
	return out
}

// docWords lists the words of a document's sentences.
func docWords(doc []ner.Example) [][]ner.Word {
	out := make([][]ner.Word, len(doc))
	for i, ex := range doc {
		out[i] = ex.Words
	}
	return out
}

// tagDocs labels examples document by document, in two passes.
func tagDocs(m *ner.Model, exs []ner.Example) [][]int {
	var pred [][]int
	for _, doc := range nerDocs(exs) {
		pred = append(pred, m.TagDocument(docWords(doc))...)
	}
	return pred
}

// docMemoryFolds gives the training words their document memory as the
// model will see it: from a first pass by models that did not train on
// them. The documents are split into folds; a model trained on the other
// folds (without document features) tags each fold.
func docMemoryFolds(train []ner.Example, folds, epochs int, seed uint64, drop float64) {
	docs := nerDocs(train)
	tags := make([][][]int, len(docs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for f := range folds {
		var in []ner.Example
		for d, doc := range docs {
			if d%folds != f {
				in = append(in, doc...)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			m := ner.Train(in, ner.Options{Epochs: epochs, Seed: seed + uint64(f), Dropout: drop}, nil)
			for d, doc := range docs {
				if d%folds == f {
					for _, ex := range doc {
						tags[d] = append(tags[d], m.Tag(ex.Words))
					}
				}
			}
		}()
	}
	wg.Wait()
	for d, doc := range docs {
		ner.DocMemory(docWords(doc), tags[d])
	}
}

// wikifaneTypes maps WikiFANE's fine classes to the four NER types.
var wikifaneTypes = map[string]string{
	"Politician": "PERS", "Religious_PER": "PERS", "Artist": "PERS", "Other_PER": "PERS", "Scientist": "PERS",
	"Athlete": "PERS", "Businessperson": "PERS", "Engineer": "PERS", "Lawyer": "PERS", "Police": "ORG",
	"Population-Center": "LOC", "Nation": "LOC", "Water-Body": "LOC", "State-or-Province": "LOC", "Building-Grounds": "LOC",
	"Celestial": "LOC", "Land-Region-Natural": "LOC", "Path": "LOC", "Continent": "LOC", "GPE-Cluster": "LOC",
	"Water": "LOC", "County-or-District": "LOC", "Airport": "LOC", "Subarea-Facility": "LOC", "Land": "LOC",
	"Group": "ORG", "Commercial": "ORG", "Non-Governmental": "ORG", "Government": "ORG", "Educational": "ORG",
	"Media": "ORG", "Sports": "ORG", "Religious_ORG": "ORG", "Medical-Science": "ORG", "Entertainment": "ORG",
}

// nerLabel maps a corpus label to the four ANERcorp types, keeping its
// B-/I- prefix: WikiFANE's fine classes fold into PERS, LOC and ORG and its
// other named things (books, software, weapons) into MISC.
func nerLabel(tag string) string {
	if len(tag) < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I') {
		return tag
	}
	typ, ok := wikifaneTypes[tag[2:]]
	switch {
	case ok:
	case tag[2:] == "PER" || tag[2:] == "PERS" || tag[2:] == "LOC" || tag[2:] == "ORG":
		return tag
	default:
		typ = "MISC"
	}
	return tag[:2] + typ
}

// buildEntityLexicon counts the stems of names in the annotated corpora
// other than ANERcorp (which trains the model itself).
func buildEntityLexicon(an *arabic.Analyzer, shared string) (*ner.EntityLexicon, error) {
	e := ner.NewEntityLexicon()
	files, _ := filepath.Glob(filepath.Join(shared, "ner", "aqmar", "*.txt"))
	files = append(files, filepath.Join(shared, "ner", "wikifane", "WikiFANE_Gold_2014_500K.txt"),
		filepath.Join(shared, "ner", "wojood_sample", "train.txt"), filepath.Join(shared, "ner", "wojood_sample", "val.txt"))
	for _, p := range files {
		sents, err := corpus.ReadCoNLLFile(p)
		if err != nil {
			return nil, err
		}
		for _, s := range sents {
			for _, t := range s {
				typ := ""
				if len(t.Tag) > 2 && (t.Tag[:2] == "B-" || t.Tag[:2] == "I-") {
					typ = t.Tag[2:]
					if m, ok := wikifaneTypes[typ]; ok {
						typ = m
					}
					switch typ {
					case "PER":
						typ = "PERS"
					case "GPE", "FAC":
						typ = "LOC"
					case "MIS0", "MIS1", "MIS2", "MIS3", "NORP", "EVENT", "PRODUCT", "LANGUAGE":
						typ = "MISC"
					}
					if typ != "PERS" && typ != "LOC" && typ != "ORG" {
						typ = "MISC"
					}
				}
				for _, tok := range arabic.Tokenize(t.Text) {
					if tok.Kind == arabic.Word {
						e.Add(an.Morph(t.Text[tok.Start:tok.End], tok.Text).Stem, typ)
					}
				}
			}
		}
	}
	return e, nil
}

// loadClusters reads word classes from path, or the embedded ones when
// path is empty.
func loadClusters(path string) (*ner.Clusters, error) {
	if path == "" {
		return ner.LoadClusters()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.ReadClusters(f)
}

func newTrainNERCmd(g *globals) *cobra.Command {
	var (
		shared string
		out    string
		epochs int
		seed   uint64
		prune  float64
		extra  []string
		drop   float64
		clPath string
		ablate []string
		folds  int
		fEpoch int
		bag    int
		shift  float64
		xw     float64
		xf     string
		selfN  int
		selfW  float64
		preEp  int
	)
	cmd := &cobra.Command{
		Use:   "ner",
		Short: "Train the NER model on ANERcorp (train), scoring dev after each epoch",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			an := arabic.NewAnalyzer()
			cl, err := loadClusters(clPath)
			if err != nil {
				return err
			}
			ents, err := buildEntityLexicon(an, shared)
			if err != nil {
				return err
			}
			var ebuf bytes.Buffer
			if err := ents.WriteTo(&ebuf, 2, "rasd entity lexicon: stem, then how often it was inside a PERS, LOC, ORG, MISC name and outside\nbuilt by `rasd train ner` from WikiFANE, AQMAR and the Wojood sample in shared/data"); err != nil {
				return err
			}
			entOut := filepath.Join(filepath.Dir(out), "entities.tsv.gz")
			if err := os.WriteFile(entOut, ebuf.Bytes(), 0o644); err != nil {
				return err
			}
			ents, err = ner.ReadEntityLexicon(bytes.NewReader(ebuf.Bytes())) // as it will be loaded
			if err != nil {
				return err
			}
			res := &ner.Resources{Analyzer: an, Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents, Gaz: actor.Default().Gazetteer()}
			for _, a := range ablate {
				switch a {
				case "gaz":
					res.Gaz = nil
				case "ents":
					res.Entities = nil
				case "clusters":
					res.Clusters = nil
				default:
					return fmt.Errorf("train ner: unknown resource %q", a)
				}
			}
			train, err := nerExamples(res, filepath.Join(shared, "ner", "anercorp", "train.txt"))
			if err != nil {
				return err
			}
			var more []ner.Example
			for _, x := range extra {
				var exs []ner.Example
				switch x {
				case "aqmar":
					aq, _ := filepath.Glob(filepath.Join(shared, "ner", "aqmar", "*.txt"))
					exs, err = nerExamples(res, aq...)
				case "wikifane":
					exs, err = nerExamples(res, filepath.Join(shared, "ner", "wikifane", "WikiFANE_Gold_2014_500K.txt"))
				case "wojood":
					exs, err = wojoodExamples(res, filepath.Join(shared, "ner", "wojood_sample", "train.txt"), filepath.Join(shared, "ner", "wojood_sample", "val.txt"))
				default:
					return fmt.Errorf("train ner: unknown extra corpus %q", x)
				}
				if err != nil {
					return err
				}
				if exs, err = filterExtra(exs, xf, float32(xw)); err != nil {
					return err
				}
				more = append(more, exs...)
			}
			dev, err := nerExamples(res, filepath.Join(shared, "ner", "anercorp", "dev.txt"))
			if err != nil {
				return err
			}
			if folds > 1 {
				docMemoryFolds(train, folds, fEpoch, seed, drop)
				fmt.Fprintf(g.stdout, "document memory from %d folds (%.0fs)\n", folds, time.Since(start).Seconds())
			}
			if selfN > 0 {
				docs, err := newsDocs(res, filepath.Join(shared, "news", "saudinewsnet_sample.jsonl"), selfN)
				if err != nil {
					return err
				}
				self := selfExamples(train, docs, fEpoch, seed, drop, float32(selfW))
				fmt.Fprintf(g.stdout, "self-training: %d agreed sentences with names from %d articles (%.0fs)\n", len(self), len(docs), time.Since(start).Seconds())
				more = append(more, self...)
			}
			// The other corpora come after the first pass: their words keep
			// no document memory, and the folds learn from ANERcorp alone.
			var pre []ner.Example
			switch {
			case len(more) > 0 && preEp > 0:
				fmt.Fprintf(g.stdout, "%d sentences to pre-train on for %d epochs\n", len(more), preEp)
				pre = more
			case len(more) > 0:
				fmt.Fprintf(g.stdout, "%d more sentences\n", len(more))
				train = append(train, more...)
			}
			var devGold [][]int
			for _, ex := range dev {
				devGold = append(devGold, ex.Tags)
			}
			score := func(m *ner.Model) ner.Score {
				return ner.Evaluate(devGold, tagDocs(m, dev))
			}
			// Keep the epoch that scores best on dev: later ones overfit.
			var (
				best   *ner.Model
				bestF1 = -1.0
			)
			ner.Train(train, ner.Options{Epochs: epochs, Seed: seed, Dropout: drop, Bag: bag, Pre: pre, PreEpochs: preEp}, func(epoch int, m *ner.Model) {
				if shift != 0 {
					m.ShiftOutside(float32(shift))
				}
				sc := score(m)
				fmt.Fprintf(g.stdout, "epoch %2d  dev P %.2f R %.2f F1 %.2f  (PERS %.1f LOC %.1f ORG %.1f MISC %.1f)\n", epoch, sc.Precision, sc.Recall, sc.F1,
					sc.PerType["PERS"].F1, sc.PerType["LOC"].F1, sc.PerType["ORG"].F1, sc.PerType["MISC"].F1)
				if sc.F1 > bestF1 {
					best, bestF1 = m, sc.F1
					best.Info = fmt.Sprintf("structured averaged perceptron, epoch %d of %d (best dev F1 %.2f), seed %d, dropout %.2f, %d sentences", epoch, epochs, sc.F1, seed, drop, len(train))
					if bag > 1 {
						best.Info += fmt.Sprintf(", mean of %d perceptrons", bag)
					}
					if shift != 0 {
						best.Info += fmt.Sprintf(", O weight lowered by %g", shift)
					}
				}
			})
			model := best
			if model == nil {
				return fmt.Errorf("train ner: no epochs")
			}
			var buf bytes.Buffer
			if err := model.WriteTo(&buf, float32(prune)); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "wrote %s: %d bytes (%s, %.0fs)\n", out, buf.Len(), model.Info, time.Since(start).Seconds())
			return nil
		},
	}
	cmd.Flags().StringVar(&shared, "shared", "../shared/data", "folder holding the corpora")
	cmd.Flags().StringVar(&out, "out", "data/ner/model.bin.gz", "output file")
	cmd.Flags().IntVar(&epochs, "epochs", 16, "training passes (the best on dev is kept)")
	cmd.Flags().Uint64Var(&seed, "seed", 2, "shuffling seed (2: the best of seeds 1-3 on dev when the dictionaries stopped indexing names without their article)")
	cmd.Flags().Float64Var(&prune, "prune", 0.3, "drop features whose weights are all smaller (0.6 costs 0.24 point of dev F1 against 0.3; tagging speed is the same since the word cache)")
	cmd.Flags().StringVar(&clPath, "clusters", "", "word classes to read instead of the embedded ones (from rasd train clusters)")
	cmd.Flags().Float64Var(&drop, "dropout", 0.25, "share of features hidden at each training update")
	cmd.Flags().StringSliceVar(&ablate, "without", nil, "leave out resources (gaz, ents, clusters) to measure what they bring")
	cmd.Flags().IntVar(&folds, "folds", 4, "folds of the first pass that gives the training words their document memory (0: none)")
	cmd.Flags().IntVar(&fEpoch, "fold-epochs", 6, "training passes of each first-pass model")
	cmd.Flags().IntVar(&bag, "bag", 4, "perceptrons trained with seeds seed, seed+1, ... and averaged into the model")
	cmd.Flags().Float64Var(&shift, "outside-shift", 6, "lower the weight of O on the bias feature by this much: trades precision for recall")
	cmd.Flags().StringSliceVar(&extra, "extra", nil, "add other corpora to the training data (aqmar, wikifane, wojood), tags mapped to the four types")
	cmd.Flags().Float64Var(&xw, "extra-weight", 0.2, "weight of an update on an --extra sentence (an ANERcorp one is 1)")
	cmd.Flags().IntVar(&selfN, "self", 0, "self-training: label this many articles of the news sample with two teachers and add the sentences they agree on")
	cmd.Flags().Float64Var(&selfW, "self-weight", 0.2, "weight of an update on a self-training sentence")
	cmd.Flags().IntVar(&preEp, "pre-epochs", 0, "learn the --extra and --self sentences for this many passes first instead of mixing them in (pre-training, then ANERcorp alone)")
	cmd.Flags().StringVar(&xf, "extra-filter", "names", "which --extra sentences to keep: all, names (holding a PERS, LOC or ORG name) or clean (names and no MISC)")
	return cmd
}
