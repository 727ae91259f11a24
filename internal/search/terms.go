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
	Tags  string // actor and event tags, for filters (see Filters.Tags)
}

// Terms returns the index fields of d. It reads d's token layer when the
// document has one; a document stored without analysis is analysed here.
func Terms(d *document.Document) Fields {
	f := words(d)
	f.Tags = tags(d)
	return f
}

func words(d *document.Document) Fields {
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

// Tags put the actors and events of an article in the index as words of
// their own, so that a filter such as actor:KAZ or event:ASSAULT is one
// more term of the match rather than a join. The prefix keeps them apart
// from any word of the text.
const tagPrefix = "zz"

// ActorTag is the tag of an actor code or country (KAZGOV, KAZ).
func ActorTag(code string) string { return tagPrefix + "actor" + alnum(code) }

// EventTag is the tag of a PLOVER type (ASSAULT) or a CAMEO code prefix
// (19, 190).
func EventTag(v string) string {
	if v != "" && strings.Trim(v, "0123456789") == "" {
		return tagPrefix + "cameo" + v
	}
	return tagPrefix + "event" + alnum(v)
}

// alnum lower-cases ASCII letters and keeps digits, dropping the rest.
func alnum(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// tags lists the tags of d's actors and events, each once.
func tags(d *document.Document) string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if t != tagPrefix+"actor" && t != tagPrefix+"event" && t != tagPrefix+"cameo" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, e := range d.Entities {
		if e.Actor != nil {
			add(ActorTag(e.Actor.Code))
			add(ActorTag(e.Actor.Country))
		}
	}
	for _, e := range d.Events {
		add(EventTag(e.Plover))
		for n := 2; n <= len(e.Code); n++ {
			add(EventTag(e.Code[:n]))
		}
	}
	return strings.Join(out, " ")
}
