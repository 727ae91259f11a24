package timex

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rasd-project/rasd/internal/arabic"
)

// TimeMLDoc is a TimeML document: its plain text, the gold expressions with
// spans into that text, and the document creation time when it has one.
type TimeMLDoc struct {
	Name string
	Text string
	DCT  time.Time // zero when the document has no DCT
	Gold []Timex
}

// ReadTimeML parses a TimeML document: inline TIMEX3 tags inside <TEXT>
// (or anywhere, when there is no TEXT element) and the creation time in
// <DCT><TIMEX3 functionInDocument="CREATION_TIME" value="...">.
func ReadTimeML(r io.Reader, name string) (*TimeMLDoc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	doc := &TimeMLDoc{Name: name}
	var text strings.Builder
	var all strings.Builder // text of the whole document, for files without TEXT
	var allGold []Timex
	inText, hasText, inDCT := false, false, false
	var open *Timex
	var openAll *Timex
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: offset %d: %w", name, dec.InputOffset(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText, hasText = true, true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				x := Timex{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						x.Type = a.Value
					case "value":
						x.Value = a.Value
					case "mod":
						x.Mod = a.Value
					case "functionInDocument":
						if a.Value == "CREATION_TIME" {
							inDCT = true
						}
					}
				}
				if inDCT {
					if d, err := time.Parse("2006-01-02", firstN(x.Value, 10)); err == nil {
						doc.DCT = d
					}
					continue
				}
				if inText {
					x.Start = text.Len()
					open = &x
				} else {
					xa := x
					xa.Start = all.Len()
					openAll = &xa
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if open != nil {
					open.End = text.Len()
					doc.Gold = append(doc.Gold, *open)
					open = nil
				} else if openAll != nil {
					openAll.End = all.Len()
					allGold = append(allGold, *openAll)
					openAll = nil
				}
			}
		case xml.CharData:
			if inDCT {
				continue
			}
			if inText {
				text.Write(t)
			} else {
				all.Write(t)
			}
		}
	}
	doc.Text = text.String()
	if !hasText {
		doc.Text, doc.Gold = all.String(), allGold
	}
	for i := range doc.Gold {
		doc.Gold[i].Text = doc.Text[doc.Gold[i].Start:doc.Gold[i].End]
	}
	return doc, nil
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// ReadTimeMLDir reads every *.tml file of dir, in name order.
func ReadTimeMLDir(dir string) ([]*TimeMLDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no *.tml files", dir)
	}
	sort.Strings(paths)
	var docs []*TimeMLDoc
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		d, err := ReadTimeML(f, p)
		f.Close()
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// PRF is precision, recall and F1.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func prf(matched, predicted, gold int) PRF {
	var p PRF
	if predicted > 0 {
		p.Precision = float64(matched) / float64(predicted)
	}
	if gold > 0 {
		p.Recall = float64(matched) / float64(gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// Report is the result of an evaluation, as `rasd eval timex` prints it.
type Report struct {
	Docs          int        `json:"docs"`
	Gold          int        `json:"gold"`
	Predicted     int        `json:"predicted"`
	Strict        PRF        `json:"strict"`
	Relaxed       PRF        `json:"relaxed"`
	TypeAccuracy  float64    `json:"type_accuracy"`
	ValueAccuracy float64    `json:"value_accuracy"`
	Errors        []Mismatch `json:"errors,omitempty"`
}

// Mismatch is one disagreement with the gold standard.
type Mismatch struct {
	Doc       string `json:"doc"`
	Gold      string `json:"gold,omitempty"`      // text type value
	Predicted string `json:"predicted,omitempty"` // text type value
}

// Evaluate tags every document (with its DCT, or undated when it has none)
// and scores the result: strict for exact extents, relaxed for overlapping
// ones; type and value accuracy over the relaxed matches.
func Evaluate(docs []*TimeMLDoc, withErrors bool) Report {
	var rep Report
	var strict, relaxed, typeOK, valueOK int
	for _, d := range docs {
		pred := Tag(d.Text, arabic.Tokenize(d.Text), d.DCT)
		rep.Docs++
		rep.Gold += len(d.Gold)
		rep.Predicted += len(pred)
		usedP := make([]bool, len(pred))
		for _, g := range d.Gold {
			best, bestOverlap := -1, 0
			for k, p := range pred {
				if usedP[k] {
					continue
				}
				if o := overlap(g, p); o > bestOverlap {
					best, bestOverlap = k, o
				}
			}
			if best < 0 {
				if withErrors {
					rep.Errors = append(rep.Errors, Mismatch{Doc: filepath.Base(d.Name), Gold: describe(g)})
				}
				continue
			}
			usedP[best] = true
			p := pred[best]
			relaxed++
			if p.Start == g.Start && p.End == g.End {
				strict++
			}
			if p.Type == g.Type {
				typeOK++
			}
			if p.Value == g.Value {
				valueOK++
			}
			if withErrors && (p.Type != g.Type || p.Value != g.Value || p.Start != g.Start || p.End != g.End) {
				rep.Errors = append(rep.Errors, Mismatch{Doc: filepath.Base(d.Name), Gold: describe(g), Predicted: describe(p)})
			}
		}
		if withErrors {
			for k, p := range pred {
				if !usedP[k] {
					rep.Errors = append(rep.Errors, Mismatch{Doc: filepath.Base(d.Name), Predicted: describe(p)})
				}
			}
		}
	}
	rep.Strict = prf(strict, rep.Predicted, rep.Gold)
	rep.Relaxed = prf(relaxed, rep.Predicted, rep.Gold)
	if relaxed > 0 {
		rep.TypeAccuracy = float64(typeOK) / float64(relaxed)
		rep.ValueAccuracy = float64(valueOK) / float64(relaxed)
	}
	return rep
}

func overlap(a, b Timex) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	return max(0, hi-lo)
}

func describe(x Timex) string {
	s := fmt.Sprintf("%q %s %s", x.Text, x.Type, x.Value)
	if x.Mod != "" {
		s += " " + x.Mod
	}
	return s
}
