package ner

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
)

// TestViterbi checks that decoding finds the best path, not the greedy
// one, and never breaks BIO.
func TestViterbi(t *testing.T) {
	const O, bPers, iPers, bLoc, iLoc = 0, 1, 2, 3, 4
	tests := []struct {
		name string
		emit [][numTags]float32
		edge func(p, t int) float32
		want []int
	}{
		{
			name: "best emission each word",
			emit: [][numTags]float32{{O: 1}, {bPers: 2}, {iPers: 2}},
			want: []int{O, bPers, iPers},
		},
		{
			// I-LOC wins word 1 alone but may not follow B-PERS; the path
			// B-LOC I-LOC beats B-PERS O.
			name: "BIO constraint over the sentence",
			emit: [][numTags]float32{{bPers: 2, bLoc: 1.5}, {iLoc: 3}},
			want: []int{bLoc, iLoc},
		},
		{
			name: "transition outweighs emission",
			emit: [][numTags]float32{{bPers: 1}, {O: 1, iPers: 0.5}},
			edge: func(p, t int) float32 {
				if p == bPers && t == iPers {
					return 1
				}
				return 0
			},
			want: []int{bPers, iPers},
		},
		{
			name: "stray I- at the start is not allowed",
			emit: [][numTags]float32{{iPers: 5, O: 1}},
			want: []int{O},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l lattice
			l.reset(len(tt.emit))
			copy(l.emit, tt.emit)
			for i := range l.edge {
				for p := range numTags + 1 {
					for tag := range numTags {
						if tt.edge != nil {
							l.edge[i][p][tag] = tt.edge(p, tag)
						}
					}
				}
			}
			got := make([]int, len(tt.emit))
			l.viterbi(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("viterbi = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDropout(t *testing.T) {
	feats := make([]uint64, 1000)
	for i := range feats {
		feats[i] = uint64(i + 1)
	}
	tests := []struct {
		p        float64
		min, max int
	}{
		{0, 1000, 1000},
		{0.2, 750, 850},
		{1, 1, 1}, // the bias stays
	}
	for _, tt := range tests {
		rng := rand.New(rand.NewPCG(1, 2))
		got := dropout(slices.Clone(feats), tt.p, rng)
		if len(got) < tt.min || len(got) > tt.max || got[0] != 1 {
			t.Errorf("dropout(%v) kept %d features (first %d), want %d..%d with the bias", tt.p, len(got), got[0], tt.min, tt.max)
		}
	}
}

// TestEarlyModelOutlivesTraining: a model handed to progress must stay
// whole while training goes on adding features (the best epoch is written
// after the last).
func TestEarlyModelOutlivesTraining(t *testing.T) {
	res := &Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon()}
	exs := []Example{
		NewExample(Words(res, []string{"زار", "بوتين", "موسكو"}), []string{"O", "B-PERS", "B-LOC"}),
		NewExample(Words(res, []string{"قال", "وزير", "الخارجية", "سيرغي", "لافروف"}), []string{"O", "O", "O", "B-PERS", "I-PERS"}),
	}
	var first *Model
	Train(exs, Options{Epochs: 3, Seed: 1, Dropout: 0.1}, func(epoch int, m *Model) {
		if epoch == 1 {
			first = m
		}
	})
	var buf bytes.Buffer
	if err := first.WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadModel(&buf); err != nil {
		t.Fatal(err)
	}
}
