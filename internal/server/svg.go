package server

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"
)

// The chart colours of the four quad classes: verbal and material
// cooperation, verbal and material conflict.
var quadColours = [4]string{"#60a5fa", "#2563eb", "#f97316", "#dc2626"}

// quadNames are the Arabic names of the quad classes.
var quadNames = [4]string{"تعاون لفظي", "تعاون مادي", "نزاع لفظي", "نزاع مادي"}

// lineColours tell the partners apart in a line chart.
var lineColours = []string{"#dc2626", "#16a34a", "#7c3aed", "#0891b2", "#ca8a04", "#db2777"}

// chart is the frame shared by the charts: size and margins in pixels.
type chart struct {
	w, h                     float64
	left, right, top, bottom float64
}

func (c chart) plotW() float64 { return c.w - c.left - c.right }
func (c chart) plotH() float64 { return c.h - c.top - c.bottom }

// Line is one series of a line chart; NaN marks a period without data.
type Line struct {
	Name   string
	Values []float64
}

// svgEscape escapes text for an SVG text node or attribute.
func svgEscape(s string) string { return template.HTMLEscapeString(s) }

// LineChart draws lines over labelled periods, with a y range of lo..hi
// (the Goldstein scale is -10..10) and a zero line. A line joins the
// periods that have a value; each value is also a point.
func LineChart(title string, labels []string, lines []Line, lo, hi float64) template.HTML {
	c := chart{w: 900, h: 320, left: 48, right: 40, top: 34, bottom: 56}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart line-chart" role="img" aria-label="%s" viewBox="0 0 %g %g" xmlns="http://www.w3.org/2000/svg" direction="ltr">`, svgEscape(title), c.w, c.h)
	fmt.Fprintf(&b, `<text class="chart-title" x="%g" y="20" text-anchor="middle">%s</text>`, c.w/2, svgEscape(title))
	y := func(v float64) float64 { return c.top + (hi-v)/(hi-lo)*c.plotH() }
	x := func(i int) float64 {
		if len(labels) <= 1 {
			return c.left + c.plotW()/2
		}
		return c.left + float64(i)/float64(len(labels)-1)*c.plotW()
	}
	for _, v := range ticks(lo, hi) {
		cls := "grid"
		if v == 0 {
			cls = "grid zero"
		}
		fmt.Fprintf(&b, `<line class="%s" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/><text class="tick" x="%g" y="%.1f" text-anchor="end">%g</text>`,
			cls, c.left, c.w-c.right, y(v), y(v), c.left-6, y(v)+4, v)
	}
	xLabels(&b, c, labels, x)
	var names, colours []string
	for li, l := range lines {
		colour := lineColours[li%len(lineColours)]
		var path strings.Builder
		pen := false
		for i, v := range l.Values {
			if i >= len(labels) || math.IsNaN(v) {
				continue // a quiet period: the line joins its neighbours
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(i), y(clamp(v, lo, hi)))
			pen = true
		}
		fmt.Fprintf(&b, `<path class="series" data-series="%s" d="%s" fill="none" stroke="%s" stroke-width="2.5"/>`, svgEscape(l.Name), strings.TrimSpace(path.String()), colour)
		for i, v := range l.Values {
			if i < len(labels) && !math.IsNaN(v) {
				fmt.Fprintf(&b, `<circle class="point" cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s %s: %.2f</title></circle>`,
					x(i), y(clamp(v, lo, hi)), colour, svgEscape(l.Name), svgEscape(labels[i]), v)
			}
		}
		names = append(names, l.Name)
		colours = append(colours, colour)
	}
	legend(&b, c, names, colours)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// StackedBars draws, per period, the events of each quad class.
func StackedBars(title string, labels []string, stacks [][4]int) template.HTML {
	c := chart{w: 900, h: 280, left: 48, right: 40, top: 34, bottom: 56}
	top := 1
	for _, s := range stacks {
		top = max(top, s[0]+s[1]+s[2]+s[3])
	}
	hi := niceCeil(float64(top))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bar-chart" role="img" aria-label="%s" viewBox="0 0 %g %g" xmlns="http://www.w3.org/2000/svg" direction="ltr">`, svgEscape(title), c.w, c.h)
	fmt.Fprintf(&b, `<text class="chart-title" x="%g" y="20" text-anchor="middle">%s</text>`, c.w/2, svgEscape(title))
	y := func(v float64) float64 { return c.top + (hi-v)/hi*c.plotH() }
	for _, v := range ticks(0, hi) {
		fmt.Fprintf(&b, `<line class="grid" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/><text class="tick" x="%g" y="%.1f" text-anchor="end">%g</text>`,
			c.left, c.w-c.right, y(v), y(v), c.left-6, y(v)+4, v)
	}
	n := max(len(labels), 1)
	slot := c.plotW() / float64(n)
	barW := math.Max(slot*0.7, 1)
	x := func(i int) float64 { return c.left + (float64(i)+0.5)*slot }
	xLabels(&b, c, labels, x)
	for i, s := range stacks {
		if i >= len(labels) {
			break
		}
		base := 0.0
		for q := 0; q < 4; q++ {
			if s[q] == 0 {
				continue
			}
			v := float64(s[q])
			fmt.Fprintf(&b, `<rect class="bar q%d" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s — %s: %d</title></rect>`,
				q+1, x(i)-barW/2, y(base+v), barW, y(base)-y(base+v), quadColours[q], svgEscape(labels[i]), quadNames[q], s[q])
			base += v
		}
	}
	legend(&b, c, quadNames[:], quadColours[:])
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// legend writes coloured keys in a row under the plot, each as wide as
// its name needs.
func legend(b *strings.Builder, c chart, names, colours []string) {
	x := c.left
	for i, name := range names {
		fmt.Fprintf(b, `<g class="key"><rect x="%g" y="%g" width="12" height="12" fill="%s"/><text class="legend" x="%g" y="%g">%s</text></g>`,
			x, c.h-14, colours[i], x+16, c.h-3, svgEscape(name))
		x += 40 + 7.5*float64(utf8.RuneCountInString(name))
	}
}

// xLabels writes at most about 12 period labels under the plot.
func xLabels(b *strings.Builder, c chart, labels []string, x func(int) float64) {
	step := max(1, (len(labels)+11)/12)
	for i := 0; i < len(labels); i += step {
		fmt.Fprintf(b, `<text class="tick xtick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x(i), c.h-c.bottom+18, svgEscape(labels[i]))
	}
}

// GraphNode and GraphEdge are what NetworkGraph draws.
type GraphNode struct {
	ID     string
	Label  string
	Weight int
	Link   string
}

type GraphEdge struct {
	From, To  string
	Weight    int
	Goldstein float64
}

// NetworkGraph draws nodes on a circle, sized by weight, and directed
// edges between them, as thick as their weight and coloured from red
// (conflict) to green (cooperation) by mean Goldstein.
func NetworkGraph(title string, nodes []GraphNode, edges []GraphEdge) template.HTML {
	const w, h = 720.0, 560.0
	cx, cy, r := w/2, h/2+10, math.Min(w, h)/2-80
	pos := make(map[string][2]float64, len(nodes))
	maxW := 1
	for _, n := range nodes {
		maxW = max(maxW, n.Weight)
	}
	for i, n := range nodes {
		a := 2*math.Pi*float64(i)/float64(max(len(nodes), 1)) - math.Pi/2
		pos[n.ID] = [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	maxE := 1
	for _, e := range edges {
		maxE = max(maxE, e.Weight)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart network" role="img" aria-label="%s" viewBox="0 0 %g %g" xmlns="http://www.w3.org/2000/svg" direction="ltr">`, svgEscape(title), w, h)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#64748b"/></marker></defs>`)
	fmt.Fprintf(&b, `<text class="chart-title" x="%g" y="20" text-anchor="middle">%s</text>`, w/2, svgEscape(title))
	radius := func(weight int) float64 { return 8 + 22*math.Sqrt(float64(weight)/float64(maxW)) }
	weights := map[string]int{}
	for _, n := range nodes {
		weights[n.ID] = n.Weight
	}
	for _, e := range edges {
		p, q := pos[e.From], pos[e.To]
		if p == q {
			continue
		}
		dx, dy := q[0]-p[0], q[1]-p[1]
		d := math.Hypot(dx, dy)
		// Bend each edge a little so that A→B and B→A do not overlap.
		mx, my := (p[0]+q[0])/2-dy/d*18, (p[1]+q[1])/2+dx/d*18
		rt := radius(weights[e.To]) + 3
		ex, ey := q[0]-(q[0]-mx)/math.Hypot(q[0]-mx, q[1]-my)*rt, q[1]-(q[1]-my)/math.Hypot(q[0]-mx, q[1]-my)*rt
		fmt.Fprintf(&b, `<path class="edge" d="M%.1f %.1f Q%.1f %.1f %.1f %.1f" fill="none" stroke="%s" stroke-width="%.1f" stroke-opacity="0.75" marker-end="url(#arrow)"><title>%s → %s: %d (%.1f)</title></path>`,
			p[0], p[1], mx, my, ex, ey, goldsteinColour(e.Goldstein), 1+5*float64(e.Weight)/float64(maxE), svgEscape(e.From), svgEscape(e.To), e.Weight, e.Goldstein)
	}
	for _, n := range nodes {
		p := pos[n.ID]
		open, close := "", ""
		if n.Link != "" {
			open, close = fmt.Sprintf(`<a href="%s">`, svgEscape(n.Link)), "</a>"
		}
		fmt.Fprintf(&b, `%s<g class="node"><circle cx="%.1f" cy="%.1f" r="%.1f"/><text x="%.1f" y="%.1f" text-anchor="middle">%s</text><title>%s: %d</title></g>%s`,
			open, p[0], p[1], radius(n.Weight), p[0], p[1]+radius(n.Weight)+14, svgEscape(n.Label), svgEscape(n.Label), n.Weight, close)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// goldsteinColour maps -10..10 to red..grey..green.
func goldsteinColour(g float64) string {
	t := clamp(g, -10, 10) / 10
	if t < 0 {
		return fmt.Sprintf("rgb(%d,%d,%d)", 148+int(-t*72), 163-int(-t*125), 184-int(-t*146))
	}
	return fmt.Sprintf("rgb(%d,%d,%d)", 148-int(t*126), 163+int(t*0), 184-int(t*110))
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// ticks returns about five round values from lo to hi.
func ticks(lo, hi float64) []float64 {
	step := niceCeil((hi - lo) / 5)
	if step <= 0 {
		return []float64{lo}
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step/1e6; v += step {
		out = append(out, math.Round(v*1e6)/1e6)
	}
	return out
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
