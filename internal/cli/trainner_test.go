package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
)

// TestWojoodExamples: a token keeps its outermost label, mapped to the four
// types; types without a counterpart are O; blank lines cut sentences.
func TestWojoodExamples(t *testing.T) {
	p := filepath.Join(t.TempDir(), "w.txt")
	data := "زار O\nجامعة B-ORG\nالقاهرة I-ORG B-GPE\nأمس B-DATE\n\nفي O\nمصر B-GPE\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	res := &ner.Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon()}
	exs, err := wojoodExamples(res, p)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"O", "B-ORG", "I-ORG", "O"}, {"O", "B-LOC"}}
	if len(exs) != len(want) {
		t.Fatalf("%d sentences, want %d", len(exs), len(want))
	}
	for k, ex := range exs {
		for i, tag := range ex.Tags {
			if ner.Tags[tag] != want[k][i] {
				t.Errorf("sentence %d word %d: %s, want %s", k, i, ner.Tags[tag], want[k][i])
			}
		}
	}
	// filterExtra: "names" drops the sentence without a PERS, LOC or ORG
	// name, "clean" also the one with a MISC.
	misc := ner.NewExample(exs[1].Words, []string{"B-MISC", "B-LOC"})
	all := append(exs, misc, ner.NewExample(exs[1].Words, []string{"O", "O"}))
	for mode, n := range map[string]int{"all": 4, "names": 3, "clean": 2} {
		got, err := filterExtra(all, mode, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Errorf("%s: kept %d, want %d", mode, len(got), n)
		}
		for _, ex := range got {
			if ex.Weight != 0.5 {
				t.Errorf("%s: weight %v", mode, ex.Weight)
			}
		}
	}
	if _, err := filterExtra(all, "some", 1); err == nil {
		t.Error("unknown filter accepted")
	}
}

// TestSelfExamples: the news documents' sentences come back with the
// teachers' tags and the given weight, only when they hold a name.
func TestSelfExamples(t *testing.T) {
	res := &ner.Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon()}
	var train []ner.Example
	for range 5 {
		train = append(train,
			ner.NewExample(ner.Words(res, []string{"زار", "الرئيس", "بوتين", "موسكو"}), []string{"O", "O", "B-PERS", "B-LOC"}),
			ner.NewExample(ner.Words(res, []string{"قال", "إنه", "سعيد"}), []string{"O", "O", "O"}))
	}
	p := filepath.Join(t.TempDir(), "news.jsonl")
	if err := os.WriteFile(p, []byte(`{"content":"زار الرئيس بوتين موسكو. قال إنه سعيد."}`+"\n"+`{"content":"ثانية"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := newsDocs(res, p, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0]) != 2 {
		t.Fatalf("docs %d, sentences %v", len(docs), docs)
	}
	self := selfExamples(train, docs, 4, 1, 0, 0.25)
	if len(self) != 1 {
		t.Fatalf("%d self-training sentences, want the one with names", len(self))
	}
	if got := self[0].Tags; ner.Tags[got[2]] != "B-PERS" || ner.Tags[got[3]] != "B-LOC" || self[0].Weight != 0.25 {
		t.Errorf("tags %v weight %v", got, self[0].Weight)
	}
}
