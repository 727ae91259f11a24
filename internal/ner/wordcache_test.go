package ner

import (
	"slices"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
)

// cacheTestSentences are sentences with names, clitics, digits, Latin
// words, gazetteer labels, and words with document memory.
func cacheTestSentences(t *testing.T) [][]Word {
	t.Helper()
	cl, _ := LoadClusters()
	ents, _ := LoadEntities()
	res := &Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents}
	texts := []string{
		"التقى الرئيس الكازاخستاني قاسم جومارت توكاييف في أستانا نظيره الروسي فلاديمير بوتين يوم 12 مارس 2024 .",
		"وقال توكاييف إن منظمة شنغهاي للتعاون ( SCO ) ستعقد قمتها في موسكو وبكين .",
		"نور",
		"",
	}
	var doc [][]Word
	for _, text := range texts {
		toks := arabic.Tokenize(text)
		words := make([]string, len(toks))
		for i, tok := range toks {
			words[i] = text[tok.Start:tok.End]
		}
		doc = append(doc, Words(res, words))
	}
	doc[0][4].Gaz, doc[0][5].Gaz = "PERS-B", "PERS-I"
	doc[1][1].Doc, doc[1][2].Doc = 1<<1, 1<<0|1<<3
	return doc
}

// TestRoleFeaturesAreFeatures: the features a word gives in its roles and
// the pair features are exactly features, so that the cached scores are
// the model's.
func TestRoleFeaturesAreFeatures(t *testing.T) {
	for _, ws := range cacheTestSentences(t) {
		for i := range ws {
			want := features(nil, ws, i)
			var got []uint64
			for r, off := range roleOffset {
				got = roleFeatures(got, at(ws, i+off), r)
			}
			got = pairFeatures(got, ws, i)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("word %d %q: %d role and pair features, %d features", i, ws[i].Key, len(got), len(want))
			}
		}
	}
}

// TestCachedScoresExact: the lattice filled from cached word scores holds
// the same numbers as the lattice filled feature by feature, on a cold and
// on a warm cache.
func TestCachedScoresExact(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Skipf("no model shipped: %v", err)
	}
	for pass := range 2 {
		for k, ws := range cacheTestSentences(t) {
			var slow, fast lattice
			slow.reset(len(ws))
			for i := range ws {
				slow.feats = features(slow.feats[:0], ws, i)
				slow.fill(m, ws, i, slow.feats)
			}
			fast.reset(len(ws))
			fast.fillSentence(m, ws, 0)
			for i := range ws {
				if slow.emit[i] != fast.emit[i] {
					t.Errorf("pass %d, sentence %d, word %d: emit %v, want %v", pass, k, i, fast.emit[i], slow.emit[i])
				}
				lo, hi := prevTags(i)
				for p := lo; p < hi; p++ {
					if slow.edge[i][p] != fast.edge[i][p] {
						t.Errorf("pass %d, sentence %d, word %d after %d: edge %v, want %v", pass, k, i, p, fast.edge[i][p], slow.edge[i][p])
					}
				}
			}
		}
	}
	m.ResetCache()
	if got := m.cache.get(&wordKey{key: bos.Key, stem: bos.Stem, shape: bos.Shape, lex: bos.Lex}); got != nil {
		t.Error("ResetCache kept a word")
	}
}

// TestPrepareBelongsToItsModel: sums attached by one model are not read by
// another, nor by the same model after its weights change.
func TestPrepareBelongsToItsModel(t *testing.T) {
	shipped, err := LoadModel()
	if err != nil {
		t.Skipf("no model shipped: %v", err)
	}
	exs := tinyExamples()
	tiny := Train(exs, Options{Epochs: 5, Seed: 7}, nil)
	for _, ex := range exs {
		want := tiny.Tag(ex.Words)
		prepared := slices.Clone(ex.Words)
		for i := range prepared {
			shipped.Prepare(&prepared[i])
		}
		if got := tiny.Tag(prepared); !slices.Equal(got, want) {
			t.Errorf("tags %v with the shipped model's sums attached, want %v", got, want)
		}
		for i := range prepared {
			tiny.Prepare(&prepared[i])
		}
		tiny.ShiftOutside(50) // new weights: the attached sums are stale
		if got, want := tiny.Tag(prepared), tiny.Tag(ex.Words); !slices.Equal(got, want) {
			t.Errorf("tags %v with stale sums attached, want %v", got, want)
		}
		tiny.ShiftOutside(-50)
	}
}
