package analyze

import (
	"slices"
	"time"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/event"
	"github.com/rasd-project/rasd/internal/ner"
	"github.com/rasd-project/rasd/internal/timex"
)

// Analyzer holds what the stages need (lexicon, models); it is safe for
// concurrent use.
type Analyzer struct {
	words *arabic.Analyzer
	ner   *ner.Model // nil when no model is shipped: dictionaries alone
	res   *ner.Resources
	dict  *actor.Dictionary
	coder *event.Coder // nil when the event dictionaries are missing
	memo  wordMemo
}

// New returns an analyzer with rasd's embedded data.
func New() *Analyzer {
	a := &Analyzer{words: arabic.NewAnalyzer(), dict: actor.Default()}
	if c, err := event.NewCoder(); err == nil {
		c.Nisba = a.dict.NisbaOrDual
		c.Capital = a.dict.Capital
		a.coder = c
	}
	a.ner, _ = ner.LoadModel()
	cl, _ := ner.LoadClusters()
	ents, _ := ner.LoadEntities()
	// No Gaz: the entity layer marks gazetteer hits from the dictionary
	// mentions it has already found, rather than match names twice.
	a.res = &ner.Resources{Analyzer: a.words, Lexicon: arabic.DefaultLexicon(), Clusters: cl, Entities: ents}
	return a
}

// NewWithoutFilter is New with the learned event filter switched off: the
// filter's own training reads what the patterns alone code.
func NewWithoutFilter() *Analyzer {
	a := New()
	if a.coder != nil {
		a.coder.Filter = nil
	}
	return a
}

// Document runs every stage on d.
func (a *Analyzer) Document(d *document.Document) {
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	toks, words := a.textLayer(d, sc)
	a.dateLayer(d, toks)
	a.entityLayer(d, words, sc)
	if a.coder != nil {
		a.coder.Document(d)
	}
}

// dateLayer tags the temporal expressions of the token layer against the
// article date, and adds the photo captions' own dates.
func (a *Analyzer) dateLayer(d *document.Document, toks []arabic.Token) {
	dct, _ := time.Parse("2006-01-02", d.Article.Published)
	d.Dates = d.Dates[:0]
	for _, x := range timex.Tag(d.Text, toks, dct) {
		d.Dates = append(d.Dates, document.Date{
			Span: article.Span{Start: x.Start, End: x.End}, Text: x.Text, Type: x.Type,
			Value: x.Value, Mod: x.Mod, Hijri: x.Hijri, Anchor: x.Anchor,
		})
	}
	for _, c := range d.Article.Captions {
		if c.DateSpan != nil && c.Date != "" {
			d.Dates = append(d.Dates, document.Date{Span: *c.DateSpan, Text: c.DateSpan.Text(d.Text), Type: "DATE", Value: c.Date})
		}
	}
	slices.SortStableFunc(d.Dates, func(x, y document.Date) int { return x.Span.Start - y.Span.Start })
}

// region is a stretch of the text the text layer reads.
type region struct {
	span  article.Span
	name  string
	block int
}

func regions(d *document.Document) []region {
	var out []region
	if s := d.Article.TitleSpan; s != nil {
		out = append(out, region{*s, document.RegionTitle, 0})
	}
	for i, c := range d.Article.Captions {
		if c.Span != nil { // the caption text starts its line
			out = append(out, region{article.Span{Start: c.Span.Start, End: c.Span.Start + len(c.Text)}, document.RegionCaption, i})
		}
	}
	for i, p := range d.Article.Body {
		out = append(out, region{p.Span, document.RegionBody, i})
	}
	return out
}

// textLayer tokenises each region, cuts sentences and segments the words.
// It returns the tokens for the later stages, and the memo's entry of each
// token.
func (a *Analyzer) textLayer(d *document.Document, sc *scratch) ([]arabic.Token, []*wordInfo) {
	toks := sc.textTokens[:0]
	d.Sentences = d.Sentences[:0]
	for _, r := range regions(d) {
		if r.span.Start < 0 || r.span.End > len(d.Text) || r.span.Start > r.span.End {
			continue
		}
		first := len(toks)
		toks = arabic.AppendTokens(toks, d.Text, r.span.Start, r.span.End)
		for _, s := range arabic.Sentences(d.Text, toks, first, len(toks)) {
			d.Sentences = append(d.Sentences, document.Sentence{
				Span:   article.Span{Start: s.Start, End: s.End},
				Tokens: [2]int{s.First, s.Stop},
				Region: r.name,
				Block:  r.block,
			})
		}
	}
	sc.textTokens = toks // keep the grown slice for the next document
	d.Tokens = make([]document.Token, len(toks))
	words := sc.wordInfos(len(toks))
	for i, t := range toks {
		dt := document.Token{Span: article.Span{Start: t.Start, End: t.End}, Kind: t.Kind.String(), Text: t.Text}
		if t.Kind == arabic.Word {
			w := a.word(d.Text[t.Start:t.End], t.Text)
			m := w.morph
			dt.Pro, dt.Enc, dt.Stem = m.Proclitics, m.Enclitic, m.Stem
			words[i] = w
		} else {
			words[i] = a.other(t.Text)
		}
		d.Tokens[i] = dt
	}
	return toks, words
}

// PatternHits lists the event patterns that fire on an analysed document,
// before the coder weighs them (see event.Coder.Hits).
func (a *Analyzer) PatternHits(d *document.Document) []event.Hit {
	if a.coder == nil {
		return nil
	}
	return a.coder.Hits(d)
}

// FilterScore is the learned filter's margin for events of PLOVER type
// plover in the sentence of d holding byte offset at (see
// event.Coder.FilterScore).
func (a *Analyzer) FilterScore(d *document.Document, at int, plover string) (float32, bool) {
	if a.coder == nil {
		return 0, false
	}
	return a.coder.FilterScore(d, at, plover)
}
