package article

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/timex"
)

// lineKind is what a line of a plain-text article is, judged on its own.
type lineKind uint8

const (
	lineBlank lineKind = iota
	lineText
	lineNoise
	lineDate
	lineSource
	lineCredit // كتب: NAME, بقلم NAME
	lineByline // الرياض - واس, د ب أ - برلين
	lineCaption
)

// line is one trimmed line of the text with its byte span.
type line struct {
	start, end int
	text       string
	words      int
	kind       lineKind

	dates   []timex.Date // for lineDate and lineCaption, spans relative to text
	byline  Byline       // for lineCredit and lineByline
	payload Span         // source name or caption text, absolute
}

var (
	sourceLine = regexp.MustCompile(`^(?i:المصدر|مصدر|source)\s*[:：]\s*(\S.*)$`)
	// clockOrCounter matches the stray lines of scraped pages: 02 : 00, 3/5, 12.
	clockOrCounter = regexp.MustCompile(`^[\d٠-٩۰-۹\s:：./|-]+$`)
)

// boilerplate are lines of page furniture, compared by arabic.Key.
var boilerplate = map[string]bool{
	"اقرا ايضا": true, "اقرا ايضا:": true, "اقرا المزيد": true, "اعلان": true, "اعلانات": true,
	"شارك": true, "شارك المقال": true, "شارك الخبر": true, "طباعه": true, "تابعونا": true,
	"المزيد": true, "اضف تعليق": true, "مواضيع ذات صله": true, "اخبار ذات صله": true,
	"تابعونا علي": true, "حمل التطبيق": true, "الصفحه الرئيسيه": true, "التعليقات": true,
}

// Parse reads a plain-text article and returns its anatomy. It never fails:
// text it cannot place stays in the body, so nothing is lost.
func Parse(text string) Article {
	a := Article{Authors: []string{}, Captions: []Caption{}, Body: []Paragraph{}}
	lines := splitLines(text)
	for i := range lines {
		classifyLine(&lines[i])
	}
	bodyStart := parseHeader(&a, text, lines)
	parseBody(&a, text, lines[bodyStart:])
	return a
}

// splitLines cuts text at line breaks and trims each line, keeping spans.
func splitLines(text string) []line {
	var out []line
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimSpan(text, start, end)
		l := line{start: s, end: e, text: text[s:e]}
		l.words = arabic.CountWords(l.text)
		out = append(out, l)
		start = end + 1
	}
	return out
}

// trimSpan narrows [s, e) past spaces, invisible controls and a BOM.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !arabic.IsSpace(r) && !arabic.IsInvisible(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !arabic.IsSpace(r) && !arabic.IsInvisible(r) {
			break
		}
		e -= n
	}
	return s, e
}

func classifyLine(l *line) {
	switch {
	case l.text == "":
		l.kind = lineBlank
	case isNoise(l.text, l.words):
		l.kind = lineNoise
	case sourceLine.MatchString(l.text):
		l.kind = lineSource
		m := sourceLine.FindStringSubmatchIndex(l.text)
		l.payload = Span{l.start + m[2], l.start + m[3]}
	case isCaption(l):
		l.kind = lineCaption
	case isDateLine(l):
		l.kind = lineDate
	case isCreditLine(l):
		l.kind = lineCredit
	case isBylineLine(l):
		l.kind = lineByline
	default:
		l.kind = lineText
	}
}

// isNoise: lines with no words worth reading, such as "02 : 00", "MISS 3",
// "12", or share buttons.
func isNoise(text string, words int) bool {
	if words <= 4 && boilerplate[strings.TrimRight(arabic.Key(text), ": ")] {
		return true
	}
	ar, lat := arabic.CountLetters(text)
	switch {
	case ar == 0 && lat == 0:
		return clockOrCounter.MatchString(text) || words <= 3
	case ar == 0 && words <= 3 && !strings.ContainsAny(text, ".!?"):
		return true // "MISS 3", "Advertisement"
	}
	return false
}

// isCaption: "TEXT | DATE", where DATE covers what follows the last pipe.
func isCaption(l *line) bool {
	k := strings.LastIndexByte(l.text, '|')
	if w := strings.LastIndex(l.text, "｜"); w > k {
		k = w
	}
	if k <= 0 {
		return false
	}
	before := strings.TrimSpace(l.text[:k])
	_, size := utf8.DecodeRuneInString(l.text[k:])
	after := l.text[k+size:]
	ds := timex.Find(after)
	if before == "" || len(ds) == 0 || !mostlyCovered(after, ds, 1) {
		return false
	}
	for i := range ds {
		ds[i].Start += k + size
		ds[i].End += k + size
	}
	l.dates = ds
	s, e := trimSpan(l.text, 0, k)
	l.payload = Span{l.start + s, l.start + e}
	return true
}

// isDateLine: a line that is a date, perhaps with a weekday, a place and
// both calendars: "الأحد 14 رمضان 1443 هـ - 15 أبريل 2022 م".
func isDateLine(l *line) bool {
	if l.words > 14 {
		return false
	}
	ds := timex.Find(l.text)
	if len(ds) == 0 || ds[0].Year == 0 {
		return false
	}
	if !mostlyCovered(l.text, ds, 2) {
		return false
	}
	l.dates = ds
	return true
}

// mostlyCovered reports whether at most slack words of text lie outside the
// dates (a place, a clock time, "نشر في").
func mostlyCovered(text string, ds []timex.Date, slack int) bool {
	rest := []byte(text)
	for _, d := range ds {
		for i := d.Start; i < d.End; i++ {
			rest[i] = ' '
		}
	}
	left := 0
	for _, w := range strings.FieldsFunc(string(rest), func(r rune) bool {
		return arabic.IsSpace(r) || isBylineSeparator(r) || r == '.'
	}) {
		if ar, lat := arabic.CountLetters(w); ar+lat > 0 && !isClockWord(w) {
			left++
		}
	}
	return left <= slack
}

func isClockWord(w string) bool {
	switch strings.ToLower(w) {
	case "am", "pm", "ص", "م", "gmt", "utc":
		return true
	}
	return false
}

// isCreditLine: "كتب: أحمد علي", "بقلم أحمد علي", "كتب - علاء سعيد:".
func isCreditLine(l *line) bool {
	if l.words > 10 {
		return false
	}
	words := arabic.Words(arabic.Key(l.text))
	if len(words) == 0 {
		return false
	}
	first := strings.TrimRight(words[0], ":：-")
	role, ok := bylineTables().markers[first]
	if !ok || role == "bureau" || role == "exclusive" {
		return false
	}
	b := ParseByline(l.text)
	if len(b.Authors) == 0 && b.Agency == "" {
		return false
	}
	l.byline = b
	return true
}

// isBylineLine: a short line made only of places, agencies and names, with
// at least one place or agency from the tables and a separator between them.
func isBylineLine(l *line) bool {
	if l.words > 8 || l.words == 0 || strings.ContainsAny(l.text, ".؟?!") {
		return false
	}
	b := ParseByline(l.text)
	if b.Unknown > 0 || (b.Agency == "" && b.Country == "") {
		return false
	}
	if b.Agency == "" && len(b.Authors) == 0 {
		return false // a lone place name is a heading, not a byline
	}
	l.byline = b
	return true
}
