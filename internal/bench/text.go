package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
	"github.com/rasd-project/rasd/internal/timex"
)

// texts are the titles and bodies of the news sample, and their size.
func (e *env) texts() ([]string, int) {
	var out []string
	size := 0
	for _, a := range e.news {
		out = append(out, a.Title, a.Content)
		size += len(a.Title) + len(a.Content)
	}
	return out, size
}

// mbPerCore runs fn over the texts for the run's passes on one goroutine
// and returns MB per CPU-second.
func (e *env) mbPerCore(size int, fn func()) float64 {
	cpu := perCore(func() {
		for range e.opts.Passes {
			fn()
		}
	})
	return float64(size) * float64(e.opts.Passes) / 1e6 / cpu.Seconds()
}

// measureText is issue 3: normalise and tokenise, and the full analyzer,
// beside bleve's Arabic analyzer on the same text.
func measureText(ctx context.Context, e *env) ([]Result, error) {
	texts, size := e.texts()
	tok := e.mbPerCore(size, func() {
		for _, t := range texts {
			arabic.Tokenize(t)
		}
	})
	an := arabic.NewAnalyzer()
	full := e.mbPerCore(size, func() {
		for _, t := range texts {
			an.Analyze(t)
		}
	})
	bl, err := registry.NewCache().AnalyzerNamed(ar.AnalyzerName)
	if err != nil {
		return nil, err
	}
	bleve := e.mbPerCore(size, func() {
		for _, t := range texts {
			bl.Analyze([]byte(t))
		}
	})
	ref := fmt.Sprintf("bleve ar analyzer %.1f MB/s; rasd %.1f×", bleve, full/bleve)
	return []Result{
		{Issue: 3, Name: "normalise+tokenise, news sample", Value: tok, Unit: "MB/s per core", Target: 50},
		{Issue: 3, Name: "full analyzer, news sample", Value: full, Unit: "MB/s per core", Target: 15, Reference: ref},
	}, nil
}

// measureTimex is issue 4: the temporal tagger over the token layer.
func measureTimex(ctx context.Context, e *env) ([]Result, error) {
	type doc struct {
		text string
		toks []arabic.Token
	}
	var docs []doc
	size := 0
	for _, a := range e.news {
		docs = append(docs, doc{a.Content, arabic.Tokenize(a.Content)})
		size += len(a.Content)
	}
	dct := time.Date(2015, 7, 21, 0, 0, 0, 0, time.UTC)
	v := e.mbPerCore(size, func() {
		for _, d := range docs {
			timex.Tag(d.text, d.toks, dct)
		}
	})
	return []Result{{Issue: 4, Name: "temporal tagger, news sample", Value: v, Unit: "MB/s per core", Target: 20}}, nil
}

// measureNER is issue 5: the sequence labeller on the news sample's
// sentences (features prepared outside the timing), and the model's load
// time.
func measureNER(ctx context.Context, e *env) ([]Result, error) {
	raw, err := data.FS.ReadFile("ner/model.bin.gz")
	if err != nil {
		return nil, err
	}
	start := time.Now()
	m, err := ner.ReadModel(bytesReader(raw))
	if err != nil {
		return nil, err
	}
	load := time.Since(start)
	cl, _ := ner.LoadClusters()
	ents, _ := ner.LoadEntities()
	res := &ner.Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents}
	var docs [][][]ner.Word
	tokens := 0
	for _, a := range e.news {
		doc := ner.TextDocument(res, a.Content)
		for _, s := range doc {
			tokens += len(s)
		}
		docs = append(docs, doc)
	}
	cpu := perCore(func() {
		for range e.opts.Passes {
			for _, d := range docs {
				m.TagDocument(d)
			}
		}
	})
	return []Result{
		{Issue: 5, Name: "NER tagging, news sample", Value: float64(tokens*e.opts.Passes) / cpu.Seconds(), Unit: "tokens/s per core", Target: 300_000},
		{Issue: 5, Name: "NER model load", Value: float64(load.Microseconds()) / 1000, Unit: "ms", Target: 200, AtMost: true,
			Reference: fmt.Sprintf("model file %.2f MB", float64(len(raw))/1e6)},
	}, nil
}

// measureAnalysis is issue 6: every analysis stage (text, dates,
// entities, actors, events) on the parsed news sample, one goroutine.
func measureAnalysis(ctx context.Context, e *env) ([]Result, error) {
	an := analyze.New()
	sentences := 0
	cpu := perCore(func() {
		for range e.opts.Passes {
			for _, d := range e.docs {
				an.Document(d)
				sentences += len(d.Sentences)
			}
		}
	})
	arts := len(e.docs) * e.opts.Passes
	return []Result{{Issue: 6, Name: "whole analysis, news sample", Value: float64(sentences) / cpu.Seconds(), Unit: "sentences/s per core", Target: 5000,
		Reference: fmt.Sprintf("%.0f articles/s per core", float64(arts)/cpu.Seconds())}}, nil
}
