package article

import (
	"strings"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/timex"
)

// parseHeader fills title, authors, date, source, dateline and header
// captions from the lines before the body, and returns the index of the
// first body line.
func parseHeader(a *Article, text string, lines []line) int {
	var texts []int // header text lines, by index
	body := len(lines)
	metaSeen := false // a date, source, caption or byline line after the header text
	for i, l := range lines {
		if l.kind != lineText {
			metaSeen = metaSeen || len(texts) > 0 && l.kind != lineBlank && l.kind != lineNoise
			continue
		}
		if len(texts) > 0 && (metaSeen || isBodyLine(l)) || len(texts) == 0 && isLeadParagraph(l) {
			body = i
			break
		}
		texts = append(texts, i)
		if len(texts) == 3 { // headers are short: kicker, author, title at most
			body = nextTextAfter(lines, i)
			break
		}
	}
	assignHeaderText(a, text, lines, texts)
	for _, l := range lines[:body] {
		switch l.kind {
		case lineNoise:
			a.Extras = append(a.Extras, extra(ExtraNoise, l))
		case lineDate:
			if a.Published == "" {
				setPublished(a, l)
			} else {
				a.Extras = append(a.Extras, extra(ExtraDate, l))
			}
		case lineSource:
			if a.Source == "" {
				a.Source = strings.TrimSpace(l.payload.Text(text))
				a.SourceSpan = &Span{l.payload.Start, l.payload.End}
			}
		case lineCaption:
			a.Captions = append(a.Captions, caption(l))
		case lineCredit, lineByline:
			applyByline(a, l)
		}
	}
	return body
}

// isLeadParagraph: text with no headline at all starts with a paragraph.
func isLeadParagraph(l line) bool {
	return l.words >= 25 || l.words >= 12 && endsSentence(l.text)
}

// isBodyLine reports whether a text line after the first one starts the body.
// Headlines run long in Arabic (ten words and more) but rarely end with a
// full stop.
func isBodyLine(l line) bool {
	return l.words >= 20 || endsSentence(l.text) && l.words >= 6
}

func endsSentence(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "؟") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "…") || strings.HasSuffix(s, ".\"") || strings.HasSuffix(s, ".»")
}

func nextTextAfter(lines []line, i int) int {
	for j := i + 1; j < len(lines); j++ {
		if lines[j].kind == lineText {
			return j
		}
	}
	return len(lines)
}

// assignHeaderText decides which header lines are the title and authors: a
// short name-like line before a longer one is the author (the magazine
// layout), the first remaining line is the title, and any others are kept as
// header extras.
func assignHeaderText(a *Article, text string, lines []line, texts []int) {
	if len(texts) == 0 {
		return
	}
	title := 0
	if len(texts) >= 2 && isNameLike(lines[texts[0]]) && lines[texts[1]].words > lines[texts[0]].words {
		title = 1
		l := lines[texts[0]]
		for _, name := range splitNames(l.text) {
			k := strings.Index(l.text, name)
			a.Authors = append(a.Authors, name)
			if k >= 0 {
				a.AuthorSpans = append(a.AuthorSpans, Span{l.start + k, l.start + k + len(name)})
			}
		}
	}
	t := lines[texts[title]]
	a.Title = t.text
	a.TitleSpan = &Span{t.start, t.end}
	for k, i := range texts {
		if k != title && !(k == 0 && title == 1) {
			a.Extras = append(a.Extras, extra(ExtraHeader, lines[i]))
		}
	}
}

// isNameLike: 2 to 5 words, no digits, no sentence punctuation.
func isNameLike(l line) bool {
	return l.words >= 2 && l.words <= 5 && !hasDigit(l.text) && !strings.ContainsAny(l.text, ".,،:؛!؟?\"«»()")
}

func setPublished(a *Article, l line) {
	d := pickPublished(l.dates)
	a.Published = d.Value()
	a.PublishedText = d.Text
	a.PublishedSpan = &Span{l.start + d.Start, l.start + d.End}
	for _, h := range l.dates {
		if h.Calendar == timex.Hijri && h.Hijri != "" {
			a.PublishedHijri = h.Hijri
		}
	}
	// "القاهرة، الأحد ٣ يوليو ٢٠٢٢": a place before the date is the dateline.
	if a.Dateline == nil && l.dates[0].Start > 0 {
		lead := strings.Trim(l.text[:l.dates[0].Start], " ،,-:")
		if lead != "" {
			if b := ParseByline(lead); b.Country != "" {
				s := l.start + strings.Index(l.text, lead)
				a.Dateline = &Dateline{Place: b.Place, Country: b.Country, Text: lead, Span: &Span{s, s + len(lead)}}
			}
		}
	}
}

// pickPublished prefers a Gregorian full date over a Hijri one on a line
// that carries both, and a full date over a month.
func pickPublished(ds []timex.Date) timex.Date {
	best := ds[0]
	for _, d := range ds[1:] {
		if d.Year == 0 {
			continue
		}
		if best.Calendar == timex.Hijri && d.Calendar == timex.Gregorian || best.Day == 0 && d.Day != 0 {
			best = d
		}
	}
	return best
}

func caption(l line) Caption {
	c := Caption{Span: &Span{l.start, l.end}}
	c.Text = l.text[l.payload.Start-l.start : l.payload.End-l.start]
	if len(l.dates) > 0 {
		d := l.dates[0]
		c.Date = d.Value()
		c.DateSpan = &Span{l.start + d.Start, l.start + d.End}
	}
	return c
}

func extra(kind string, l line) Extra {
	return Extra{Kind: kind, Text: l.text, Span: Span{l.start, l.end}}
}

// applyByline merges a byline or credit line into the article.
func applyByline(a *Article, l line) {
	b := l.byline
	for i, name := range b.Authors {
		a.Authors = append(a.Authors, name)
		a.AuthorSpans = append(a.AuthorSpans, Span{l.start + b.AuthorSpans[i].Start, l.start + b.AuthorSpans[i].End})
	}
	if b.Agency != "" || b.PlaceText != "" {
		if a.Dateline == nil {
			a.Dateline = &Dateline{Place: b.Place, Country: b.Country, Agency: b.Agency, Text: l.text, Span: &Span{l.start, l.end}}
		} else if a.Dateline.Agency == "" {
			a.Dateline.Agency = b.Agency
		}
	}
	if a.Source == "" && b.Agency != "" {
		a.Source = b.Agency
	}
	if a.Published == "" && b.Date != nil && b.Date.Year != 0 {
		a.Published = b.Date.Value()
		a.PublishedText = b.Date.Text
		a.PublishedSpan = &Span{l.start + b.Date.Start, l.start + b.Date.End}
	}
}

// parseBody turns the remaining lines into paragraphs, captions and extras,
// and reads a dateline at the start of the first paragraph.
func parseBody(a *Article, text string, lines []line) {
	for _, l := range lines {
		switch l.kind {
		case lineBlank:
		case lineNoise:
			a.Extras = append(a.Extras, extra(ExtraNoise, l))
		case lineCaption:
			a.Captions = append(a.Captions, caption(l))
		case lineSource:
			if a.Source == "" {
				a.Source = strings.TrimSpace(l.payload.Text(text))
				a.SourceSpan = &Span{l.payload.Start, l.payload.End}
			} else {
				a.Extras = append(a.Extras, extra(ExtraCredit, l))
			}
		case lineCredit:
			if len(a.Body) == 0 {
				applyByline(a, l)
			} else {
				a.Extras = append(a.Extras, extra(ExtraCredit, l))
			}
		case lineByline:
			if len(a.Body) == 0 {
				applyByline(a, l)
			} else {
				a.Body = append(a.Body, Paragraph{Kind: KindParagraph, Text: l.text, Span: Span{l.start, l.end}})
			}
		case lineDate:
			if a.Published == "" && len(a.Body) == 0 {
				setPublished(a, l)
			} else {
				a.Extras = append(a.Extras, extra(ExtraDate, l))
			}
		default:
			kind := KindParagraph
			if l.words <= 6 && !endsSentence(l.text) && !strings.ContainsAny(l.text, "،,:") {
				kind = KindHeading
			}
			if len(a.Body) == 0 && a.Dateline == nil {
				a.Dateline = leadDateline(l)
			}
			a.Body = append(a.Body, Paragraph{Kind: kind, Text: l.text, Span: Span{l.start, l.end}})
		}
	}
	if a.Source == "" && a.Dateline != nil && a.Dateline.Agency != "" {
		a.Source = a.Dateline.Agency
	}
}

// leadDateline reads "القاهرة - رويترز: ..." or "موسكو - (أ ف ب) - ..." at
// the start of a paragraph. It tries cut points in the first words and keeps
// the longest prefix that is a clean byline naming a known place or agency.
func leadDateline(l line) *Dateline {
	limit := min(len(l.text), 120)
	var best *Dateline
	for i, r := range l.text[:limit] {
		if r != ':' && r != '-' && r != '–' && r != '—' && r != ')' {
			continue
		}
		prefix := strings.TrimSpace(l.text[:i+len(string(r))])
		if arabic.CountWords(prefix) > 7 {
			break
		}
		b := ParseByline(prefix)
		if b.Unknown > 0 || b.Country == "" && b.Agency == "" {
			continue
		}
		if len(b.Authors) > 0 && r != ':' {
			continue // a name is only safe before a colon: "جدة: محمد العتيبي"
		}
		best = &Dateline{Place: b.Place, Country: b.Country, Agency: b.Agency, Text: prefix, Span: &Span{l.start, l.start + len(prefix)}}
	}
	return best
}
