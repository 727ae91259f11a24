package search

import (
	"strings"
	"sync"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/document"
)

var (
	analyzerOnce sync.Once
	analyzer     *arabic.Analyzer
)

// Analyzer is the shared analyzer of the index and of queries: one memo of
// analysed words for the whole process.
func Analyzer() *arabic.Analyzer {
	analyzerOnce.Do(func() { analyzer = arabic.NewAnalyzer() })
	return analyzer
}

// Fields are the indexed texts of an article: its terms joined by spaces,
// in order, so that phrase queries match adjacent terms.
type Fields struct {
	Title string
	Body  string // captions and body paragraphs
}

// Terms returns the index fields of d. It reads d's token layer when the
// document has one; a document stored without analysis is analysed here.
func Terms(d *document.Document) Fields {
	if len(d.Tokens) > 0 && len(d.Sentences) > 0 {
		return termsFromTokens(d)
	}
	var f Fields
	a := Analyzer()
	var title, body strings.Builder
	if s := d.Article.TitleSpan; s != nil && s.End <= len(d.Text) && s.Start <= s.End {
		appendTerms(&title, a.Analyze(d.Text[s.Start:s.End]))
	} else {
		appendTerms(&title, a.Analyze(d.Article.Title))
	}
	for _, c := range d.Article.Captions {
		appendTerms(&body, a.Analyze(c.Text))
	}
	for _, p := range d.Article.Body {
		appendTerms(&body, a.Analyze(p.Text))
	}
	f.Title, f.Body = title.String(), body.String()
	return f
}

func termsFromTokens(d *document.Document) Fields {
	a := Analyzer()
	var title, body strings.Builder
	for _, s := range d.Sentences {
		b := &body
		if s.Region == document.RegionTitle {
			b = &title
		}
		lo, hi := s.Tokens[0], s.Tokens[1]
		if lo < 0 || hi > len(d.Tokens) || lo > hi {
			continue
		}
		for _, t := range d.Tokens[lo:hi] {
			if term := tokenTerm(a, d.Text, t); term != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(term)
			}
		}
	}
	return Fields{Title: title.String(), Body: body.String()}
}

// tokenTerm is the term of one stored token, as arabic.Analyzer.Terms would
// give it.
func tokenTerm(a *arabic.Analyzer, text string, t document.Token) string {
	switch t.Kind {
	case "word":
		if t.Span.End > len(text) || t.Span.Start > t.Span.End {
			return ""
		}
		return a.Morph(text[t.Span.Start:t.Span.End], t.Text).Term()
	case "latin", "number", "hashtag", "mention":
		if arabic.DefaultStopwords()[t.Text] {
			return ""
		}
		return t.Text
	}
	return ""
}

func appendTerms(b *strings.Builder, terms []arabic.Term) {
	for _, t := range terms {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
}
