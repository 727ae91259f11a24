package search

import (
	"strings"
	"unicode/utf8"
)

// Fragment is a piece of a snippet; Hit marks a word that matched.
type Fragment struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// Span is a byte range of the original text.
type Span struct{ Start, End int }

// Hits returns the spans of text whose terms are among terms.
func Hits(text string, terms []string) []Span {
	if len(terms) == 0 {
		return nil
	}
	want := make(map[string]bool, len(terms))
	for _, t := range terms {
		want[t] = true
	}
	var out []Span
	for _, t := range Analyzer().Analyze(text) {
		if want[t.Text] {
			out = append(out, Span{t.Start, t.End})
		}
	}
	return out
}

// Snippet cuts about width bytes of text around its densest run of hits
// and splits it into fragments, hits marked. Without hits it is the start
// of text.
func Snippet(text string, hits []Span, width int) []Fragment {
	if width <= 0 {
		width = 240
	}
	start := bestWindow(hits, width)
	lo := max(start-width/4, 0)
	hi := min(lo+width, len(text))
	lo, hi = wordBoundary(text, lo, false), wordBoundary(text, hi, true)
	var out []Fragment
	if lo > 0 {
		out = append(out, Fragment{Text: "… "})
	}
	pos := lo
	for _, h := range hits {
		if h.Start < pos || h.End > hi {
			continue
		}
		if h.Start > pos {
			out = append(out, Fragment{Text: text[pos:h.Start]})
		}
		out = append(out, Fragment{Text: text[h.Start:h.End], Hit: true})
		pos = h.End
	}
	if pos < hi {
		out = append(out, Fragment{Text: text[pos:hi]})
	}
	if hi < len(text) {
		out = append(out, Fragment{Text: " …"})
	}
	return out
}

// bestWindow returns the start of the hit that begins the window of width
// bytes holding most hits.
func bestWindow(hits []Span, width int) int {
	best, bestN := 0, 0
	j := 0
	for i, h := range hits {
		for j < len(hits) && hits[j].End <= h.Start+width {
			j++
		}
		if j-i > bestN {
			best, bestN = h.Start, j-i
		}
	}
	return best
}

// wordBoundary moves i to a space (forward or back) and a rune start, so
// that no word is cut.
func wordBoundary(text string, i int, forward bool) int {
	if i <= 0 || i >= len(text) {
		return min(max(i, 0), len(text))
	}
	limit := 40
	for n := 0; n < limit; n++ {
		j := i + n
		if !forward {
			j = i - n
		}
		if j <= 0 || j >= len(text) {
			break
		}
		if text[j] == ' ' || text[j] == '\n' {
			if forward {
				return j
			}
			return j + 1
		}
	}
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// Plain joins fragments into text, hits wrapped in mark.
func Plain(frags []Fragment, open, close string) string {
	var b strings.Builder
	for _, f := range frags {
		if f.Hit {
			b.WriteString(open + f.Text + close)
		} else {
			b.WriteString(f.Text)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
