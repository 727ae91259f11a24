package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/rasd-project/rasd/internal/analyze"
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/corpus"
	"github.com/rasd-project/rasd/internal/document"
)

// dyadReport scores who-did-what-to-whom on the GSR span records: the
// coder runs on each whole sentence, and the countries of the sources and
// targets of its events of the record's type are checked against the
// annotators' (any annotator's country counts: they often split).
type dyadReport struct {
	Records    int     `json:"records"`
	WithEvent  int     `json:"records_with_event"`
	SourceN    int     `json:"source_n"`
	SourceAcc  float64 `json:"source_country_accuracy"`
	TargetN    int     `json:"target_n"`
	TargetAcc  float64 `json:"target_country_accuracy"`
	sourceOK   int
	targetOK   int
	missReport io.Writer
}

// scoreDyads codes each record and compares the event actors' countries.
func scoreDyads(an *analyze.Analyzer, recs []corpus.GSRRecord, misses io.Writer) dyadReport {
	rep := dyadReport{missReport: misses}
	for _, rec := range recs {
		rep.Records++
		text, a := article.FromParts(article.Parts{Body: rec.Text})
		d := document.New(text, a, document.Origin{Format: "text"})
		an.Document(d)
		var sources, targets []string
		for _, e := range d.Events {
			if !strings.EqualFold(e.Plover, rec.EventType) {
				continue
			}
			sources = append(sources, countryOf(e.Source))
			targets = append(targets, countryOf(e.Target))
		}
		if len(sources) == 0 {
			continue
		}
		rep.WithEvent++
		goldSources, goldTargets := map[string]bool{}, map[string]bool{}
		for _, sp := range rec.Spans {
			addCountry(goldSources, sp.SourceRole)
			addCountry(goldTargets, sp.TargetRole)
		}
		rep.score("source", rec.Text, goldSources, sources, &rep.SourceN, &rep.sourceOK)
		rep.score("target", rec.Text, goldTargets, targets, &rep.TargetN, &rep.targetOK)
	}
	if rep.SourceN > 0 {
		rep.SourceAcc = float64(rep.sourceOK) / float64(rep.SourceN)
	}
	if rep.TargetN > 0 {
		rep.TargetAcc = float64(rep.targetOK) / float64(rep.TargetN)
	}
	return rep
}

// score counts one side of a record: right when any coded country is one
// the annotators gave.
func (r *dyadReport) score(side, text string, gold map[string]bool, got []string, n, ok *int) {
	if len(gold) == 0 {
		return
	}
	*n++
	for _, c := range got {
		if gold[c] {
			*ok++
			return
		}
	}
	if r.missReport != nil {
		fmt.Fprintf(r.missReport, "%s\tgold %s\tgot %s\t%s\n", side, strings.Join(slices.Sorted(maps.Keys(gold)), ","), strings.Join(got, ","), text)
	}
}

// addCountry adds an annotator's country for one side, when there is one.
func addCountry(set map[string]bool, role corpus.GSRRole) {
	if c := role["main"]; c != "" && c != "None" {
		set[c] = true
	}
}

// countryOf is the country part of an event actor's code ("" for none): the
// first three letters, the GSR's IGO for organisations.
func countryOf(a *document.EventActor) string {
	if a == nil || len(a.Code) < 3 {
		return ""
	}
	return a.Code[:3]
}
