package server

import (
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/rasd-project/rasd/internal/document"
)

// mark is an annotation over a byte span of the text.
type mark struct {
	start, end int
	class      string
	title      string // tooltip: actor code, event label, date value
	id         string // anchor of an event sentence
}

// Annotate renders the article text as HTML with its layers marked:
// entities by type (with their actor codes), event triggers, sentences
// that carry an event, and dates. Overlapping spans are cut at every
// boundary so that the HTML nests correctly; the text is escaped.
func Annotate(d *document.Document) template.HTML {
	marks := collectMarks(d)
	cuts := []int{0, len(d.Text)}
	for _, m := range marks {
		cuts = append(cuts, m.start, m.end)
	}
	sort.Ints(cuts)
	// Marks are taken in order of their start; the active ones (those
	// covering the current piece) are kept in their collection order, so
	// that classes come out as before. The sweep is linear in the marks
	// times the nesting depth, not in marks times pieces: a long article
	// has tens of thousands of each.
	order := make([]int, len(marks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return marks[order[a]].start < marks[order[b]].start })
	var active []int // indexes into marks, ascending
	next := 0
	var b strings.Builder
	b.Grow(len(d.Text) + len(d.Text)/2)
	anchored := map[string]bool{}
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		if lo == hi {
			continue
		}
		kept := active[:0]
		for _, m := range active {
			if marks[m].end > lo {
				kept = append(kept, m)
			}
		}
		active = kept
		for next < len(order) && marks[order[next]].start <= lo {
			if m := order[next]; marks[m].end > lo {
				at := sort.SearchInts(active, m)
				active = append(active, 0)
				copy(active[at+1:], active[at:])
				active[at] = m
			}
			next++
		}
		var classes, titles []string
		for _, mi := range active {
			m := marks[mi]
			if m.start <= lo && hi <= m.end {
				classes = append(classes, m.class)
				if m.title != "" {
					titles = append(titles, m.title)
				}
				if m.id != "" && !anchored[m.id] {
					anchored[m.id] = true
					b.WriteString(`<a id="` + m.id + `"></a>`)
				}
			}
		}
		text := template.HTMLEscapeString(d.Text[lo:hi])
		if len(classes) == 0 {
			b.WriteString(text)
			continue
		}
		b.WriteString(`<span class="` + template.HTMLEscapeString(strings.Join(classes, " ")) + `"`)
		if len(titles) > 0 {
			b.WriteString(` title="` + template.HTMLEscapeString(strings.Join(titles, " · ")) + `"`)
		}
		b.WriteString(`>` + text + `</span>`)
	}
	return template.HTML(b.String())
}

func collectMarks(d *document.Document) []mark {
	valid := func(start, end int) bool { return start >= 0 && end <= len(d.Text) && start < end }
	var marks []mark
	for _, e := range d.Events {
		if valid(e.Sentence.Start, e.Sentence.End) {
			marks = append(marks, mark{start: e.Sentence.Start, end: e.Sentence.End, class: "evs", id: "s" + strconv.Itoa(e.Sentence.Start)})
		}
		if valid(e.Trigger.Start, e.Trigger.End) {
			marks = append(marks, mark{start: e.Trigger.Start, end: e.Trigger.End, class: "trig", title: e.Code + " " + e.Label + " (" + e.Plover + ")"})
		}
	}
	for _, en := range d.Entities {
		if en.Span == nil || !valid(en.Span.Start, en.Span.End) {
			continue
		}
		title := en.Type
		if en.Actor != nil && en.Actor.Code != "" {
			title = en.Actor.Code
			if en.Actor.Name != "" {
				title = en.Actor.Name + " " + en.Actor.Code
			}
		}
		marks = append(marks, mark{start: en.Span.Start, end: en.Span.End, class: "ent ent-" + en.Type, title: title})
	}
	for _, dt := range d.Dates {
		if valid(dt.Span.Start, dt.Span.End) {
			marks = append(marks, mark{start: dt.Span.Start, end: dt.Span.End, class: "tx", title: dt.Value})
		}
	}
	return marks
}

func sortStrings(s []string) { sort.Strings(s) }
