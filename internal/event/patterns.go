package event

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/arabic"
)

// Pattern is a line of data/events/patterns.tsv: trigger words (without
// proclitics) that code an event, perhaps only with one of the required
// words close after them.
type Pattern struct {
	Code      string
	Triggers  []string // key forms
	Requires  []string // key forms; empty: the trigger alone suffices
	Reporting bool     // a verb of saying: it introduces reported speech
	// Judgement: the trigger names what a verb of saying or judging
	// (اعتبر، وصف) calls its object (بمثابة خيانة); the judge is the
	// source and the one judged the target.
	Judgement bool
	Note      string
	Line      int
}

// Patterns indexes the pattern dictionary by trigger.
type Patterns struct {
	byTrigger map[string][]*Pattern
	all       []*Pattern
}

// PatternsPath is the embedded pattern dictionary.
const PatternsPath = "events/patterns.tsv"

var (
	patOnce sync.Once
	patVal  *Patterns
	patErr  error
)

// DefaultPatterns returns the embedded pattern dictionary.
func DefaultPatterns() (*Patterns, error) {
	patOnce.Do(func() {
		ont, err := DefaultOntology()
		if err != nil {
			patErr = err
			return
		}
		patVal, patErr = LoadPatterns(data.FS, ont)
	})
	return patVal, patErr
}

func wordKey(s string) string { return arabic.KeyOf(arabic.NormalizeString(strings.TrimSpace(s))) }

// LoadPatterns reads and checks the pattern dictionary: known CAMEO codes,
// no trigger listed twice without a requirement to tell the lines apart.
func LoadPatterns(fsys fs.FS, ont *Ontology) (*Patterns, error) {
	f, err := fsys.Open(PatternsPath)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", PatternsPath, err)
	}
	defer f.Close()
	p := &Patterns{byTrigger: map[string][]*Pattern{}}
	var errs []error
	plain := map[string]int{} // trigger with no requirement -> line
	sc := bufio.NewScanner(f)
	inReporting := false
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(t, "#") {
			if strings.Contains(strings.ToUpper(t), "REPORTING") {
				inReporting = true
			}
			continue
		}
		if strings.TrimSpace(t) == "" {
			continue
		}
		fields := strings.Split(t, "\t")
		if len(fields) < 2 {
			errs = append(errs, fmt.Errorf("data/%s:%d: want code, triggers, requires, note", PatternsPath, line))
			continue
		}
		pat := &Pattern{Code: strings.TrimSpace(fields[0]), Line: line}
		if len(fields) > 3 {
			pat.Note = fields[3]
		}
		pat.Reporting = inReporting && pat.Code == "010" || strings.Contains(strings.ToUpper(pat.Note), "REPORTING")
		pat.Judgement = strings.HasPrefix(pat.Note, "JUDGEMENT")
		if !ont.Has(pat.Code) {
			errs = append(errs, fmt.Errorf("data/%s:%d: unknown CAMEO code %q", PatternsPath, line, pat.Code))
			continue
		}
		for _, w := range strings.Split(fields[1], "|") {
			if k := wordKey(w); k != "" {
				pat.Triggers = append(pat.Triggers, k)
			}
		}
		if len(fields) > 2 && strings.TrimSpace(fields[2]) != "-" {
			for _, w := range strings.Split(fields[2], "|") {
				if k := wordKey(w); k != "" {
					pat.Requires = append(pat.Requires, k)
				}
			}
		}
		for _, k := range pat.Triggers {
			if len(pat.Requires) == 0 {
				if prev, dup := plain[k]; dup && prev != line {
					errs = append(errs, fmt.Errorf("data/%s:%d: trigger %q already on line %d", PatternsPath, line, k, prev))
				}
				plain[k] = line
			}
			if ps := p.byTrigger[k]; len(ps) == 0 || ps[len(ps)-1] != pat {
				p.byTrigger[k] = append(p.byTrigger[k], pat)
			}
		}
		p.all = append(p.all, pat)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, err)
	}
	// Patterns with requirements come first: فرض + عقوبات before فرض.
	for _, ps := range p.byTrigger {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].Requires) > 0 && len(ps[j-1].Requires) == 0; j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return p, errors.Join(errs...)
}

// Check validates the embedded ontology and pattern dictionary.
func Check() error {
	ont, err := loadOntology(data.FS)
	if err != nil {
		return err
	}
	_, err = LoadPatterns(data.FS, ont)
	return err
}

// Len is the number of patterns.
func (p *Patterns) Len() int { return len(p.all) }
