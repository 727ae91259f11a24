package cli

import (
	"slices"
	"sync"

	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/ner"
)

// newsDocs reads the first n articles of a JSONL news file as documents of
// tokenised sentences.
func newsDocs(res *ner.Resources, path string, n int) ([][][]ner.Word, error) {
	news, err := corpus.ReadNews(path)
	if err != nil {
		return nil, err
	}
	var out [][][]ner.Word
	for _, a := range news {
		if len(out) == n {
			break
		}
		if a.Content != "" {
			out = append(out, ner.TextDocument(res, a.Content))
		}
	}
	return out, nil
}

// selfExamples labels news documents with two teachers trained on train
// (seeds apart, each with its own shuffle and dropout) and keeps, with the
// given weight, the sentences holding a name on which the two agree tag
// for tag: where two perceptrons agree the label is most often right.
func selfExamples(train []ner.Example, docs [][][]ner.Word, epochs int, seed uint64, drop float64, weight float32) []ner.Example {
	teachers := make([]*ner.Model, 2)
	var wg sync.WaitGroup
	for k := range teachers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			teachers[k] = ner.Train(train, ner.Options{Epochs: epochs, Seed: seed + 100*uint64(k+1), Dropout: drop}, nil)
		}()
	}
	wg.Wait()
	var out []ner.Example
	for _, doc := range docs {
		a := teachers[0].TagDocument(doc)
		b := teachers[1].TagDocument(doc) // the words keep this pass's document memory
		for k, ws := range doc {
			if !slices.Equal(a[k], b[k]) || !slices.ContainsFunc(a[k], func(t int) bool { return t != 0 }) {
				continue
			}
			out = append(out, ner.Example{Words: ws, Tags: b[k], Weight: weight})
		}
	}
	return out
}
