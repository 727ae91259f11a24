package ner

import (
	"slices"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
)

// TestDocMemory: a word learns the tags its stem got elsewhere in the
// document, not its own, and only when one of them names an entity.
func TestDocMemory(t *testing.T) {
	w := func(stem string) Word { return Word{Key: stem, Stem: stem, Shape: "a"} }
	const O, bPers, iPers, bLoc = 0, 1, 2, 3
	tests := []struct {
		name string
		doc  [][]Word
		tags [][]int
		want [][]uint16
	}{
		{
			name: "surname tagged in another sentence",
			doc:  [][]Word{{w("جلال"), w("طالباني")}, {w("قال"), w("طالباني")}},
			tags: [][]int{{bPers, iPers}, {O, O}},
			want: [][]uint16{{0, 0}, {0, 1 << iPers}}, // only O elsewhere: nothing to say
		},
		{
			name: "no entity elsewhere, no memory",
			doc:  [][]Word{{w("قال"), w("قال")}},
			tags: [][]int{{O, O}},
			want: [][]uint16{{0, 0}},
		},
		{
			name: "tagged twice",
			doc:  [][]Word{{w("بغداد"), w("بغداد"), w("بغداد")}},
			tags: [][]int{{bLoc, O, bLoc}},
			want: [][]uint16{{1<<O | 1<<bLoc, 1 << bLoc, 1<<O | 1<<bLoc}},
		},
		{
			name: "punctuation carries none",
			doc:  [][]Word{{{Key: "،", Stem: "،", Shape: "p"}, {Key: "،", Stem: "،", Shape: "p"}}},
			tags: [][]int{{bLoc, bLoc}},
			want: [][]uint16{{0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			DocMemory(tt.doc, tt.tags)
			for k, ws := range tt.doc {
				for i := range ws {
					if ws[i].Doc != tt.want[k][i] {
						t.Errorf("sentence %d word %d: Doc = %b, want %b", k, i, ws[i].Doc, tt.want[k][i])
					}
				}
			}
		})
	}
}

// TestTagDocument: a document of one sentence without memory tags as Tag
// does, and the memory left on the words is the first pass's.
func TestTagDocument(t *testing.T) {
	res := &Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon()}
	exs := []Example{
		NewExample(Words(res, []string{"زار", "بوتين", "موسكو"}), []string{"O", "B-PERS", "B-LOC"}),
		NewExample(Words(res, []string{"التقى", "بوتين", "في", "بكين"}), []string{"O", "B-PERS", "O", "B-LOC"}),
	}
	m := Train(exs, Options{Epochs: 5, Seed: 3}, nil)
	one := Words(res, []string{"زار", "بوتين", "بكين"})
	want := m.Tag(one)
	got := m.TagDocument([][]Word{slices.Clone(one)})
	if len(got) != 1 || !slices.Equal(got[0], want) {
		t.Errorf("TagDocument = %v, Tag = %v", got, want)
	}
	doc := [][]Word{Words(res, []string{"زار", "بوتين", "موسكو"}), Words(res, []string{"قال", "بوتين"})}
	doc[1][1].Doc = 0xff // stale memory is cleared first
	tags := m.TagDocument(doc)
	if len(tags) != 2 || len(tags[0]) != 3 || len(tags[1]) != 2 {
		t.Fatalf("tags %v", tags)
	}
	if tags[0][1] == 1 && doc[1][1].Doc&(1<<1) == 0 {
		t.Errorf("بوتين in sentence 2 does not remember its B-PERS in sentence 1: %b", doc[1][1].Doc)
	}
}
