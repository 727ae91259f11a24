package article

import (
	"encoding/json"
	"fmt"
)

// Span is a half-open byte range [Start, End) into an article's text. It is
// written in JSON as a two-element array.
type Span struct {
	Start, End int
}

// MarshalJSON writes the span as [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, "[%d,%d]", s.Start, s.End), nil
}

// UnmarshalJSON reads [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var a [2]int
	if err := json.Unmarshal(b, &a); err != nil {
		return fmt.Errorf("span: %w", err)
	}
	s.Start, s.End = a[0], a[1]
	return nil
}

// Text returns the text at the span, or "" if the span does not fit text.
func (s Span) Text(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Article is the anatomy layer of an analysed document.
type Article struct {
	Title     string `json:"title"`
	TitleSpan *Span  `json:"title_span,omitempty"`

	Authors     []string `json:"authors"`
	AuthorSpans []Span   `json:"author_spans,omitempty"`

	// Published is the TIMEX3 date of publication (2022-07-20), or "" when
	// unknown. PublishedTime adds the clock time when the input had one.
	Published     string `json:"published,omitempty"`
	PublishedTime string `json:"published_time,omitempty"`
	PublishedText string `json:"published_text,omitempty"`
	PublishedSpan *Span  `json:"published_span,omitempty"`
	// PublishedHijri keeps a Hijri date line's own value (1443-09-14).
	PublishedHijri string `json:"published_hijri,omitempty"`

	Source     string `json:"source,omitempty"`
	SourceSpan *Span  `json:"source_span,omitempty"`
	URL        string `json:"url,omitempty"`

	Dateline *Dateline   `json:"dateline,omitempty"`
	Captions []Caption   `json:"captions"`
	Body     []Paragraph `json:"body"`
	Extras   []Extra     `json:"extras,omitempty"`
}

// Dateline is the place and agency that open a wire story: القاهرة - رويترز.
type Dateline struct {
	Place   string `json:"place,omitempty"`
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-3 of Place
	Agency  string `json:"agency,omitempty"`
	Text    string `json:"text"`
	Span    *Span  `json:"span,omitempty"`
}

// Caption is a photo caption with the photo's own date. Span is nil for a
// caption found outside the text (an HTML <figcaption> beside the article).
type Caption struct {
	Text     string `json:"text"`
	Date     string `json:"date,omitempty"`
	Span     *Span  `json:"span,omitempty"`
	DateSpan *Span  `json:"date_span,omitempty"`
}

// Paragraph kinds.
const (
	KindParagraph = "paragraph"
	KindHeading   = "heading"
)

// Paragraph is one block of body text.
type Paragraph struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// Extra kinds.
const (
	ExtraNoise  = "noise"  // clock times, page markers, share buttons
	ExtraHeader = "header" // kicker or standfirst lines around the headline
	ExtraCredit = "credit" // translator, editor or desk credits
	ExtraDate   = "date"   // a date line that is not the publication date
)

// Extra is a line that belongs to no other part of the article.
type Extra struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	Span Span   `json:"span"`
}

// BodyText returns the body paragraphs joined by blank lines.
func (a *Article) BodyText() string {
	n := 0
	for _, p := range a.Body {
		n += len(p.Text) + 2
	}
	b := make([]byte, 0, n)
	for i, p := range a.Body {
		if i > 0 {
			b = append(b, '\n', '\n')
		}
		b = append(b, p.Text...)
	}
	return string(b)
}
