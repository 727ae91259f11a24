package article

import (
	"strings"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/timex"
)

// Byline is what a byline or dateline says: who wrote, from where, for which
// agency or outlet. Bylines come in many shapes: "جدة: محمد العتيبي",
// "د ب أ - برلين", "القاهرة - رويترز", "«الاقتصادية» من الرياض",
// "كتب - علاء سعيد:", "عكاظ (جدة)".
type Byline struct {
	Authors     []string
	AuthorSpans []Span // into the parsed string
	Place       string // as written
	PlaceText   string // as written, also when the place is not in the tables
	Country     string
	Agency      string // canonical name of the agency or outlet
	Wire        bool   // Agency is a wire agency rather than a publication
	Date        *timex.Date
	Unknown     int // segments that are neither person-like nor in the tables
}

// Empty reports whether the byline says nothing.
func (b Byline) Empty() bool {
	return len(b.Authors) == 0 && b.Place == "" && b.PlaceText == "" && b.Agency == "" && b.Date == nil
}

// segment is one part of a byline between separators.
type segment struct {
	text       string
	start, end int
	key        string
	outlet     *outlet
	place      *place
	marker     string
	markerOnly bool // the segment is the marker word alone: "كتب"
	person     bool
}

// ParseByline reads a byline. It never fails: parts it cannot place are
// counted in Unknown so that callers can judge how much to trust it.
func ParseByline(s string) Byline {
	var b Byline
	g := bylineTables()
	// Dates first, so that "Tuesday, 11 August 2015 - 00:00" is not split.
	masked := s
	if ds := timex.Find(s); len(ds) > 0 {
		d := ds[0]
		b.Date = &d
		masked = maskSpans(s, ds)
	}
	segs := splitByline(masked, s)
	for i := range segs {
		classify(g, &segs[i])
	}
	resolve(&b, segs)
	return b
}

// maskSpans replaces the dates in s by spaces, keeping byte offsets.
func maskSpans(s string, ds []timex.Date) string {
	b := []byte(s)
	for _, d := range ds {
		for i := d.Start; i < d.End; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

func isBylineSeparator(r rune) bool {
	switch r {
	case '-', '–', '—', ':', '：', '|', '،', ',', '(', ')', '«', '»', '"', '“', '”', '/', '[', ']', '؛', ';':
		return true
	}
	return false
}

// splitByline cuts masked at separators and at the standalone word "من"
// (from); text is the unmasked string the spans refer to.
func splitByline(masked, text string) []segment {
	var segs []segment
	add := func(start, end int) {
		for start < end {
			r, n := utf8.DecodeRuneInString(text[start:])
			if !arabic.IsSpace(r) && !arabic.IsInvisible(r) {
				break
			}
			start += n
		}
		for end > start {
			r, n := utf8.DecodeLastRuneInString(text[:end])
			if !arabic.IsSpace(r) && !arabic.IsInvisible(r) {
				break
			}
			end -= n
		}
		if start < end && strings.TrimSpace(masked[start:end]) != "" {
			segs = append(segs, segment{text: text[start:end], start: start, end: end})
		}
	}
	start := 0
	for i, r := range masked {
		if isBylineSeparator(r) {
			add(start, i)
			start = i + utf8.RuneLen(r)
		}
	}
	add(start, len(masked))
	// Split "X من Y" (outlet from place).
	var out []segment
	for _, sg := range segs {
		if rest, ok := strings.CutPrefix(sg.text, "من "); ok { // "«الاقتصادية» من الرياض"
			sg.start += len(sg.text) - len(rest)
			sg.text = rest
		}
		if k := strings.Index(sg.text, " من "); k > 0 {
			out = append(out, segment{text: sg.text[:k], start: sg.start, end: sg.start + k})
			rest := sg.start + k + len(" من ")
			out = append(out, segment{text: text[rest:sg.end], start: rest, end: sg.end})
			continue
		}
		out = append(out, sg)
	}
	return out
}

func classify(g *gazetteer, sg *segment) {
	sg.key = arabic.Key(sg.text)
	key := strings.TrimPrefix(sg.key, "مكتب ")
	if o, ok := g.outlets[key]; ok {
		sg.outlet = &o
	}
	if p, ok := g.places[key]; ok {
		sg.place = &p
	}
	words := strings.Fields(key)
	if len(words) > 0 {
		if role, ok := g.markers[words[0]]; ok {
			sg.marker = role
			if len(words) > 1 { // "كتب أحمد علي": marker and name in one segment
				rest := strings.TrimSpace(sg.text[strings.IndexFunc(sg.text, arabic.IsSpace):])
				sg.start = sg.end - len(rest)
				sg.text = rest
				sg.key = arabic.Key(rest)
				words = words[1:]
			} else {
				sg.markerOnly = true
				return
			}
		}
	}
	ar, lat := arabic.CountLetters(sg.text)
	names := splitNames(sg.text)
	sg.person = sg.outlet == nil && sg.place == nil && ar+lat >= 4 && !hasDigit(sg.text) && len(words) >= 2 &&
		(len(words) <= 5 || len(names) > 1 && len(words) <= 10)
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, arabic.IsDigit) >= 0
}

// resolve assigns segments to roles. A name that is both a place and an
// outlet (الرياض, المدينة, اليوم) is the outlet when another segment names a
// place, and the place otherwise.
func resolve(b *Byline, segs []segment) {
	hasPlace, hasOutlet := false, false
	for _, sg := range segs {
		hasPlace = hasPlace || sg.place != nil && sg.outlet == nil
		hasOutlet = hasOutlet || sg.outlet != nil && sg.place == nil
	}
	setPlace := func(sg segment) {
		if b.PlaceText == "" {
			b.PlaceText, b.Place = sg.text, sg.text
			if sg.place != nil {
				b.Country = sg.place.country
			}
		}
	}
	setOutlet := func(sg segment) {
		// A wire agency outranks the outlet that relays it only when no
		// outlet was named first: "الوئام - رويترز" is Al-Weeam's story.
		if b.Agency == "" {
			b.Agency, b.Wire = sg.outlet.name, sg.outlet.agency
		}
	}
	for i, sg := range segs {
		switch {
		case sg.markerOnly:
		case sg.marker != "" && sg.marker != "author" && sg.marker != "correspondent":
			// متابعة, ترجمة: a desk or credit, not an author
		case sg.outlet != nil && sg.place != nil:
			if hasPlace && !hasOutlet {
				setOutlet(sg)
			} else {
				setPlace(sg)
			}
		case sg.outlet != nil:
			setOutlet(sg)
		case sg.place != nil:
			setPlace(sg)
		case sg.person || sg.marker != "":
			from := 0
			for _, name := range splitNames(sg.text) {
				k := strings.Index(sg.text[from:], name)
				if k < 0 {
					continue
				}
				b.Authors = append(b.Authors, name)
				b.AuthorSpans = append(b.AuthorSpans, Span{sg.start + from + k, sg.start + from + k + len(name)})
				from += k + len(name)
			}
		case len(strings.Fields(sg.key)) == 1 && i == 0 && len(segs) > 1 && b.PlaceText == "":
			setPlace(sg) // "حائل - خالد العميم": an unlisted town opens the line
		default:
			if ar, _ := arabic.CountLetters(sg.text); ar > 0 && len(strings.Fields(sg.key)) == 1 && len(segs) == 1 {
				b.Agency = sg.text // a lone unlisted word is an outlet's name more often than a person's
				b.Unknown++
				continue
			}
			if strings.IndexFunc(sg.text, func(r rune) bool { return arabic.IsLetter(r) || r < 0x250 && r > 0x40 }) >= 0 {
				b.Unknown++
			}
		}
	}
}

// splitNames splits "أحمد علي ومحمد حسن" or "أحمد علي، محمد حسن" into names.
func splitNames(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '،' || r == ',' }) {
		words := strings.Fields(part)
		start := 0
		for i := 2; i < len(words)-1; i++ {
			if strings.HasPrefix(words[i], "و") && !waw[arabic.Key(words[i])] && i-start >= 2 && len(words)-i >= 2 {
				out = append(out, strings.Join(words[start:i], " "))
				words[i] = strings.TrimPrefix(words[i], "و")
				start = i
			}
		}
		if start < len(words) {
			out = append(out, strings.Join(words[start:], " "))
		}
	}
	return out
}

// waw lists given names that begin with و, which must not be read as "and".
var waw = map[string]bool{
	"وليد": true, "وائل": true, "وسام": true, "وفاء": true, "وداد": true, "وجدي": true, "وحيد": true,
	"وديع": true, "وهبه": true, "وهيب": true, "وصفي": true, "وفيق": true, "ولاء": true, "وعد": true,
	"ورد": true, "ورده": true, "وسيم": true, "وضاح": true, "وهاب": true, "ولي": true, "وجيه": true,
	"وصال": true, "وحيده": true, "ودود": true, "وافي": true, "واصف": true, "واصل": true, "وارف": true,
	"وجدان": true, "وسن": true, "ولید": true, "والي": true, "وهبي": true, "وديعه": true, "وهيبه": true,
}
