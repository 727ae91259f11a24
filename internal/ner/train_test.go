package ner

import (
	"bytes"
	"slices"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
)

func tinyExamples() []Example {
	res := &Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon()}
	sents := [][2][]string{
		{{"زار", "الرئيس", "بوتين", "موسكو"}, {"O", "O", "B-PERS", "B-LOC"}},
		{{"التقى", "بوتين", "في", "بكين"}, {"O", "B-PERS", "O", "B-LOC"}},
		{{"أعلنت", "الأمم", "المتحدة", "ذلك"}, {"O", "B-ORG", "I-ORG", "O"}},
	}
	var exs []Example
	for _, s := range sents {
		exs = append(exs, NewExample(Words(res, s[0]), s[1]))
	}
	return exs
}

// assertLearns checks that m tags every training example as annotated.
func assertLearns(t *testing.T, m *Model, exs []Example) {
	t.Helper()
	for _, ex := range exs {
		if got := m.Tag(ex.Words); !slices.Equal(got, ex.Tags) {
			t.Errorf("tags %v, want %v", got, ex.Tags)
		}
	}
}

func modelBytes(t *testing.T, m *Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBagIsDeterministic: perceptrons trained side by side on several
// goroutines still give the same bytes each time, and learn the examples.
func TestBagIsDeterministic(t *testing.T) {
	exs := tinyExamples()
	o := Options{Epochs: 4, Seed: 3, Dropout: 0.1, Bag: 3}
	a, b := Train(exs, o, nil), Train(exs, o, nil)
	if !bytes.Equal(modelBytes(t, a), modelBytes(t, b)) {
		t.Fatal("two bagged trainings on the same data differ")
	}
	assertLearns(t, a, exs)
}

// TestShiftOutside: lowering O on the bias feature lowers the O score of
// every word by that much and leaves the other tags alone.
func TestShiftOutside(t *testing.T) {
	exs := tinyExamples()
	m := Train(exs, Options{Epochs: 3, Seed: 1}, nil)
	feats := features(nil, exs[0].Words, 1)
	var before, after [numTags]float32
	m.scores(feats, &before)
	m.ShiftOutside(2)
	m.scores(feats, &after)
	if d := before[0] - after[0]; d < 1.99 || d > 2.01 {
		t.Errorf("O score moved by %v, want 2", d)
	}
	for tag := 1; tag < numTags; tag++ {
		if d := before[tag] - after[tag]; d < -0.01 || d > 0.01 {
			t.Errorf("tag %s moved by %v", Tags[tag], d)
		}
	}
}

// TestExampleWeight: an example of weight 1 trains as one without a
// weight, and a weight of one half halves every learned weight (the
// perceptron's updates are linear in it).
func TestExampleWeight(t *testing.T) {
	exs := tinyExamples()
	o := Options{Epochs: 3, Seed: 2}
	plain := modelBytes(t, Train(exs, o, nil))
	one := make([]Example, len(exs))
	half := make([]Example, len(exs))
	for i, ex := range exs {
		one[i], half[i] = ex, ex
		one[i].Weight, half[i].Weight = 1, 0.5
	}
	if !bytes.Equal(plain, modelBytes(t, Train(one, o, nil))) {
		t.Error("weight 1 trains differently from no weight")
	}
	a, b := Train(exs, o, nil), Train(half, o, nil)
	for k, r := range a.index {
		for tag := range numTags {
			x, y := a.w[int(r)*numTags+tag], b.w[int(b.index[k])*numTags+tag]
			if d := x/2 - y; d < -1e-4 || d > 1e-4 {
				t.Fatalf("feature %x tag %s: %v at weight 1, %v at weight 0.5", k, Tags[tag], x, y)
			}
		}
	}
}

// TestPreTraining: pre-training passes are deterministic and the model
// still learns the main examples; without pre-training examples the
// PreEpochs setting changes nothing.
func TestPreTraining(t *testing.T) {
	exs := tinyExamples()
	pre := []Example{exs[0]}
	pre[0].Weight = 0.5
	o := Options{Epochs: 4, Seed: 5, Dropout: 0.1, Bag: 2, Pre: pre, PreEpochs: 2}
	a, b := Train(exs, o, nil), Train(exs, o, nil)
	if !bytes.Equal(modelBytes(t, a), modelBytes(t, b)) {
		t.Fatal("two pre-trained trainings differ")
	}
	assertLearns(t, a, exs)
	o.Pre = nil
	plain := Options{Epochs: 4, Seed: 5, Dropout: 0.1, Bag: 2}
	if !bytes.Equal(modelBytes(t, Train(exs, o, nil)), modelBytes(t, Train(exs, plain, nil))) {
		t.Error("PreEpochs without Pre changed the model")
	}
}
