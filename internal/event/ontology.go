package event

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
)

// Code is one CAMEO event code and what goes with it.
type Code struct {
	Code      string
	Label     string
	Goldstein float64
	Quad      int    // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Plover    string // PLOVER event type; "" for CAMEO 01 and 02
	Mode      string
	Context   string
}

// Ontology is the CAMEO table.
type Ontology struct {
	codes map[string]*Code
}

// OntologyPath is the embedded table built by `rasd train ontology`.
const OntologyPath = "ontology/cameo.tsv"

var (
	ontOnce sync.Once
	ontVal  *Ontology
	ontErr  error
)

// DefaultOntology returns the embedded CAMEO table.
func DefaultOntology() (*Ontology, error) {
	ontOnce.Do(func() { ontVal, ontErr = loadOntology(data.FS) })
	return ontVal, ontErr
}

// Lookup returns a code's entry; an unknown finer code falls back to its
// parents (1823 to 182 to 18).
func (o *Ontology) Lookup(code string) (*Code, bool) {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if e, ok := o.codes[c]; ok {
			return e, true
		}
	}
	return nil, false
}

// Has reports whether code is in the table exactly.
func (o *Ontology) Has(code string) bool { _, ok := o.codes[code]; return ok }

// QuadClass follows CAMEO: roots 01-05 verbal cooperation, 06-08 material
// cooperation, 09-13 verbal conflict, 14-20 material conflict.
func QuadClass(code string) int {
	if len(code) < 2 {
		return 0
	}
	root, _ := strconv.Atoi(code[:2])
	switch {
	case root >= 1 && root <= 5:
		return 1
	case root <= 8:
		return 2
	case root <= 13:
		return 3
	case root <= 20:
		return 4
	}
	return 0
}

func loadOntology(fsys fs.FS) (*Ontology, error) {
	f, err := fsys.Open(OntologyPath)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w (run rasd train ontology)", OntologyPath, err)
	}
	defer f.Close()
	o := &Ontology{codes: map[string]*Code{}}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fs := strings.Split(t, "\t")
		if len(fs) != 7 {
			return nil, fmt.Errorf("data/%s:%d: want 7 fields", OntologyPath, line)
		}
		g, err := strconv.ParseFloat(fs[2], 64)
		if err != nil {
			return nil, fmt.Errorf("data/%s:%d: goldstein: %w", OntologyPath, line, err)
		}
		q, _ := strconv.Atoi(fs[3])
		o.codes[fs[0]] = &Code{Code: fs[0], Label: fs[1], Goldstein: g, Quad: q, Plover: fs[4], Mode: fs[5], Context: fs[6]}
	}
	return o, sc.Err()
}

var (
	labelLine  = regexp.MustCompile(`^LABEL:\s*(\d+)=\s*(.+)$`)
	ploverLine = regexp.MustCompile(`^(\d+):\s*([A-Z_]+)\s*(?:,([^,#]*))?(?:,([^#]*))?`)
)

// BuildOntology joins the CAMEO code list, the Goldstein table and the
// CAMEO-to-PLOVER table into rasd's table, written to w. Choices over the
// PLOVER draft: a code the draft does not list takes the mapping of its
// nearest parent (191 and 192 under 19 are ASSAULT); CAMEO 20 maps to
// ASSAULT as the draft says; 01 and 02 have no PLOVER type.
func BuildOntology(codesPath, goldsteinPath, ploverPath string, w io.Writer) (int, error) {
	labels := map[string]string{}
	if err := eachLine(codesPath, func(t string) {
		if m := labelLine.FindStringSubmatch(t); m != nil {
			labels[m[1]] = strings.TrimSpace(m[2])
		}
	}); err != nil {
		return 0, err
	}
	gold := map[string]float64{}
	if err := eachLine(goldsteinPath, func(t string) {
		f := strings.Split(t, "\t")
		if len(f) == 2 {
			if g, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64); err == nil {
				gold[strings.TrimSpace(f[0])] = g
			}
		}
	}); err != nil {
		return 0, err
	}
	type pl struct{ event, mode, context string }
	plover := map[string]pl{}
	if err := eachLine(ploverPath, func(t string) {
		t = strings.TrimSpace(t)
		if m := ploverLine.FindStringSubmatch(t); m != nil {
			if _, seen := plover[m[1]]; !seen {
				plover[m[1]] = pl{m[2], strings.TrimSpace(m[3]), strings.TrimSpace(m[4])}
			}
		}
	}); err != nil {
		return 0, err
	}
	codes := make([]string, 0, len(labels))
	for c := range labels {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# rasd CAMEO table, built by `rasd train ontology` from the CAMEO 0.7b5 code list,")
	fmt.Fprintln(bw, "# the GDELT Goldstein table and the CAMEO-to-PLOVER draft 0.8 table (see NOTICE).")
	fmt.Fprintln(bw, "# Columns: code, label, goldstein, quad class, PLOVER event, mode, context.")
	fmt.Fprintln(bw, "# A code missing from the PLOVER draft takes its nearest parent's mapping;")
	fmt.Fprintln(bw, "# a code missing from the Goldstein table takes its nearest parent's score.")
	n := 0
	for _, c := range codes {
		g, ok := inherit(gold, c)
		if !ok {
			continue
		}
		p, _ := inherit(plover, c)
		root, _ := strconv.Atoi(c[:2])
		if root <= 2 {
			p = pl{}
		}
		fmt.Fprintf(bw, "%s\t%s\t%.1f\t%d\t%s\t%s\t%s\n", c, labels[c], g, QuadClass(c), p.event, p.mode, p.context)
		n++
	}
	return n, bw.Flush()
}

func inherit[V any](m map[string]V, code string) (V, bool) {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if v, ok := m[c]; ok {
			return v, true
		}
	}
	var zero V
	return zero, false
}

func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fn(strings.TrimRight(sc.Text(), "\r"))
	}
	return sc.Err()
}
