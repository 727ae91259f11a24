package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// EntityLexicon records, for each stem, how often annotated corpora other
// than the training set (WikiFANE, AQMAR, Wojood) put it inside a person,
// place, organisation or other name, and outside any. محمد is nearly always
// inside a person's name; the labeller reads that as a feature.
type EntityLexicon struct {
	counts map[string][5]uint32 // PERS, LOC, ORG, MISC, O
}

var entityTypes = [...]string{"PERS", "LOC", "ORG", "MISC"}

// NewEntityLexicon returns an empty lexicon to fill with Add.
func NewEntityLexicon() *EntityLexicon {
	return &EntityLexicon{counts: map[string][5]uint32{}}
}

// Add counts one token stem with its entity type ("" for outside).
func (e *EntityLexicon) Add(stem, typ string) {
	c := e.counts[stem]
	switch typ {
	case "PERS":
		c[0]++
	case "LOC":
		c[1]++
	case "ORG":
		c[2]++
	case "MISC":
		c[3]++
	default:
		c[4]++
	}
	e.counts[stem] = c
}

// Class sums up a stem: its most frequent entity type and the share of its
// occurrences inside names, in tenths ("PERS9"); "" when unseen or rare.
func (e *EntityLexicon) Class(stem string) string {
	if e == nil {
		return ""
	}
	c, ok := e.counts[stem]
	if !ok {
		return ""
	}
	inside := c[0] + c[1] + c[2] + c[3]
	total := inside + c[4]
	if total < 2 || inside == 0 {
		if total >= 2 {
			return "O"
		}
		return ""
	}
	top := 0
	for t := 1; t < 4; t++ {
		if c[t] > c[top] {
			top = t
		}
	}
	return entityTypes[top] + strconv.Itoa(int(10*inside/total))
}

// Each calls fn with every stem, how often it was inside a person's and a
// place's name, and how often it was seen.
func (e *EntityLexicon) Each(fn func(stem string, pers, loc, total int)) {
	for stem, c := range e.counts {
		fn(stem, int(c[0]), int(c[1]), int(c[0]+c[1]+c[2]+c[3]+c[4]))
	}
}

// WriteTo writes sorted, gzipped "stem PERS LOC ORG MISC O" lines, leaving
// out stems seen fewer than minCount times or never inside a name.
func (e *EntityLexicon) WriteTo(w io.Writer, minCount int, header string) error {
	keys := make([]string, 0, len(e.counts))
	for k, c := range e.counts {
		inside := c[0] + c[1] + c[2] + c[3]
		if inside > 0 && int(inside+c[4]) >= minCount {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return writeGzipTable(w, header, func(bw *bufio.Writer) {
		for _, k := range keys {
			c := e.counts[k]
			fmt.Fprintf(bw, "%s\t%d\t%d\t%d\t%d\t%d\n", k, c[0], c[1], c[2], c[3], c[4])
		}
	})
}

// ReadEntityLexicon reads what WriteTo wrote.
func ReadEntityLexicon(r io.Reader) (*EntityLexicon, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("entity lexicon: %w", err)
	}
	e := NewEntityLexicon()
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("entity lexicon:%d: want 6 fields", line)
		}
		var c [5]uint32
		for i := range 5 {
			n, err := strconv.ParseUint(f[i+1], 10, 32)
			if err != nil {
				return nil, fmt.Errorf("entity lexicon:%d: %w", line, err)
			}
			c[i] = uint32(n)
		}
		e.counts[f[0]] = c
	}
	return e, sc.Err()
}

// Len is the number of stems.
func (e *EntityLexicon) Len() int {
	if e == nil {
		return 0
	}
	return len(e.counts)
}
