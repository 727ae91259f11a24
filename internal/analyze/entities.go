package analyze

import (
	"slices"
	"time"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ner"
)

// entityLayer finds names with the dictionaries and the NER model, sentence
// by sentence over the token layer, and resolves them to actors at the
// article's date. words are the text layer's memo entries of the tokens.
func (a *Analyzer) entityLayer(d *document.Document, words []*wordInfo, sc *scratch) {
	toks := sc.tokens(len(d.Tokens))
	for si, s := range d.Sentences {
		for i := s.Tokens[0]; i < s.Tokens[1]; i++ {
			t, w := d.Tokens[i], words[i]
			toks[i] = actor.Token{Start: t.Span.Start, End: t.Span.End, Key: w.ner.Key, Pro: t.Pro,
				Word: t.Kind == "word" || t.Kind == "latin", Sentence: si, Starts: w.starts}
		}
	}
	dict := a.dict.Mentions(toks)
	gaz := a.dict.GazLabels(toks, dict)
	var model []actor.Mention
	if a.ner != nil {
		// The whole article is one document: the labeller reads it twice,
		// the second time knowing how it tagged each name elsewhere.
		nw := sc.nerWordsFor(len(d.Tokens))
		doc := make([][]ner.Word, len(d.Sentences))
		for si, s := range d.Sentences {
			first := len(nw)
			for i := s.Tokens[0]; i < s.Tokens[1]; i++ {
				w := words[i].ner
				w.Gaz = gaz[i]
				nw = append(nw, w)
			}
			doc[si] = nw[first:len(nw):len(nw)]
		}
		for si, tags := range a.ner.TagDocument(doc) {
			s := d.Sentences[si]
			for _, sp := range ner.Spans(tags) {
				model = append(model, actor.Mention{First: s.Tokens[0] + sp.Start, Stop: s.Tokens[0] + sp.End, Type: sp.Type, Source: "model"})
			}
		}
	}
	taken := make([]bool, len(toks))
	for _, ms := range [2][]actor.Mention{dict, model} {
		for _, m := range ms {
			for i := m.First; i < m.Stop; i++ {
				taken[i] = true
			}
		}
	}
	model = append(model, a.titleMentions(d, toks, taken)...)
	date, _ := time.Parse("2006-01-02", d.Article.Published)
	r := &actor.Resolver{Dict: a.dict, Date: date}
	resolved := r.Resolve(d.Text, toks, actor.Merge(dict, model))
	d.Entities = slices.Grow(d.Entities[:0], len(d.Article.Authors)+len(resolved))
	for i, name := range d.Article.Authors {
		e := document.Entity{Text: name, Type: "PERS", Role: "author", Confidence: 1, Source: "metadata"}
		if i < len(d.Article.AuthorSpans) {
			sp := d.Article.AuthorSpans[i]
			e.Span = &sp
		}
		d.Entities = append(d.Entities, e)
	}
	for _, e := range resolved {
		de := document.Entity{Span: &article.Span{Start: e.Start, End: e.End}, Text: e.Text, Type: e.Type, Confidence: e.Confidence, Source: e.Source}
		if e.ActorID != "" || e.Code != "" {
			de.Actor = &document.Actor{ID: e.ActorID, Name: e.ActorName, Code: e.Code, Country: e.Country, Sector: e.Sector, Wikidata: e.Wikidata}
		}
		d.Entities = append(d.Entities, de)
	}
}
