package article

import (
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/timex"
)

// Parts are the fields of a structured input: a JSON line, an HTML page's
// metadata, a feed item.
type Parts struct {
	Title    string
	Author   string // a byline as the outlet wrote it: "جدة - واس", "عبدالله الهاجري"
	Date     string // any of the layouts ParseTime knows
	Source   string
	URL      string
	Body     string
	Captions []string // photo captions the reader found outside the body
}

// FromParts builds the text of an article from its parts (the title, a
// blank line, then the body) and its anatomy from the fields and the body.
// The returned text is what the anatomy's spans point into.
func FromParts(p Parts) (string, Article) {
	title := strings.Join(strings.Fields(p.Title), " ")
	body := normaliseNewlines(p.Body)
	var sb strings.Builder
	sb.Grow(len(title) + len(body) + 2)
	sb.WriteString(title)
	offset := 0
	if title != "" {
		sb.WriteString("\n\n")
		offset = len(title) + 2
	}
	sb.WriteString(body)
	text := sb.String()

	a := Article{Authors: []string{}, Captions: []Caption{}, Body: []Paragraph{}}
	if title != "" {
		a.Title = title
		a.TitleSpan = &Span{0, len(title)}
	}
	lines := splitLines(text[offset:])
	for i := range lines {
		lines[i].start += offset
		lines[i].end += offset
		classifyLine(&lines[i])
	}
	parseBody(&a, text, lines)

	if p.Author != "" {
		b := ParseByline(p.Author)
		a.Authors = append(a.Authors, b.Authors...)
		if a.Dateline == nil && (b.PlaceText != "" || b.Agency != "") {
			a.Dateline = &Dateline{Place: b.Place, Country: b.Country, Agency: b.Agency, Text: strings.TrimSpace(p.Author)}
		}
		if a.Published == "" && b.Date != nil && b.Date.Year != 0 {
			a.Published = b.Date.Value()
		}
	}
	if t, ok := ParseTime(p.Date); ok {
		a.Published = t.Format("2006-01-02")
		if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
			a.PublishedTime = t.Format(time.RFC3339)
		}
		a.PublishedText = strings.TrimSpace(p.Date)
		a.PublishedSpan = nil
	}
	if s := strings.TrimSpace(p.Source); s != "" {
		a.Source, a.SourceSpan = s, nil
	}
	a.URL = strings.TrimSpace(p.URL)
	for _, c := range p.Captions {
		if c = strings.TrimSpace(c); c != "" {
			a.Captions = append(a.Captions, captionFromText(c))
		}
	}
	return text, a
}

// captionFromText reads a caption that is not part of the text: its span is
// empty, its date comes from a trailing "| DATE" when there is one.
func captionFromText(c string) Caption {
	l := line{text: c}
	if isCaption(&l) {
		d := l.dates[0]
		return Caption{Text: c[l.payload.Start:l.payload.End], Date: d.Value()}
	}
	return Caption{Text: c}
}

func normaliseNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
}

// timeLayouts are the machine date formats of feeds, JSON and HTML metadata.
var timeLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04",
	"2006-01-02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006", "2006/01/02", "02/01/2006",
}

// ParseTime reads a publication time from a structured field: the machine
// layouts of feeds and metadata first, then Arabic dates as people write
// them (٣ يوليو ٢٠٢٢).
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, !t.IsZero() // 0001-01-01: Go's zero time, which means no date
		}
	}
	for _, d := range timex.Find(s) {
		if d.Year != 0 && d.Day != 0 {
			return d.Time(), true
		}
	}
	return time.Time{}, false
}
