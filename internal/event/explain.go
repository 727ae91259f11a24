package event

import (
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// Hit is a pattern that fired on a document: which line of the pattern
// dictionary, on which words.
type Hit struct {
	Sentence  int          `json:"sentence"`
	Trigger   article.Span `json:"trigger"`
	Text      string       `json:"text"`
	Line      int          `json:"line"` // line of data/events/patterns.tsv
	Code      string       `json:"cameo"`
	Label     string       `json:"label"`
	Requires  []string     `json:"requires,omitempty"`
	Reporting bool         `json:"reporting,omitempty"`
	Note      string       `json:"note,omitempty"`
}

// Hits lists every pattern that fires on d's tokens, in text order, as the
// coder sees them before it weighs negation, intent, actors or the filter:
// what `rasd dict test` shows next to the events coded.
func (c *Coder) Hits(d *document.Document) []Hit {
	tk := newTokenKeys(d)
	var out []Hit
	for si, s := range d.Sentences {
		first, stop := s.Tokens[0], s.Tokens[1]
		for i := first; i < stop; i++ {
			if d.Tokens[i].Kind != "word" {
				continue
			}
			pat, n := c.match(tk, i, stop)
			if pat == nil {
				continue
			}
			span := article.Span{Start: d.Tokens[i].Span.Start, End: d.Tokens[i+n-1].Span.End}
			h := Hit{Sentence: si, Trigger: span, Text: span.Text(d.Text), Line: pat.Line, Code: pat.Code,
				Requires: pat.Requires, Reporting: pat.Reporting, Note: pat.Note}
			if code, ok := c.Ontology.Lookup(pat.Code); ok {
				h.Label = code.Label
			}
			out = append(out, h)
			i += n - 1
		}
	}
	return out
}

// FilterScore is the learned filter's margin for an event of PLOVER type
// plover in the sentence holding byte offset at: above 0 the filter keeps
// the sentence's events of that type. ok is false when the filter does
// not judge that type, or no sentence holds at.
func (c *Coder) FilterScore(d *document.Document, at int, plover string) (score float32, ok bool) {
	if !c.Filter.Vets(plover) {
		return 0, false
	}
	for _, s := range d.Sentences {
		if s.Span.Start <= at && at < s.Span.End {
			tk := newTokenKeys(d)
			defer tk.release()
			return c.Filter.Score(plover, c.features(tk, s))
		}
	}
	return 0, false
}
