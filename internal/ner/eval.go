package ner

// Span is an entity as token indexes [Start, End) and a type.
type Span struct {
	Start, End int
	Type       string
}

// Spans reads the entities of a BIO tag sequence; a stray I- opens an
// entity, as conlleval does.
func Spans(tags []int) []Span {
	var out []Span
	for i := 0; i < len(tags); {
		typ := entityType(tags[i])
		if typ == "" {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] != 0 && tags[j]%2 == 0 && entityType(tags[j]) == typ {
			j++
		}
		out = append(out, Span{Start: i, End: j, Type: typ})
		i = j
	}
	return out
}

// SpanTags writes spans back as a BIO tag sequence of n tokens.
func SpanTags(spans []Span, n int) []int {
	tags := make([]int, n)
	for _, s := range spans {
		for i := s.Start; i < s.End && i < n; i++ {
			tags[i] = tagIndex("I-" + s.Type)
		}
		if s.Start < n {
			tags[s.Start] = tagIndex("B-" + s.Type)
		}
	}
	return tags
}

// PRF is precision, recall and F1 (in percent, as CoNLL reports them).
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Score is an entity-level evaluation, exact match, micro-averaged.
type Score struct {
	Tokens    int            `json:"tokens"`
	Precision float64        `json:"precision"`
	Recall    float64        `json:"recall"`
	F1        float64        `json:"f1"`
	PerType   map[string]PRF `json:"per_type"`
}

type counts struct{ tp, pred, gold int }

func (c counts) prf() PRF {
	var p PRF
	if c.pred > 0 {
		p.Precision = 100 * float64(c.tp) / float64(c.pred)
	}
	if c.gold > 0 {
		p.Recall = 100 * float64(c.tp) / float64(c.gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// Evaluate scores predicted tag sequences against gold ones.
func Evaluate(gold, pred [][]int) Score {
	all := counts{}
	per := map[string]*counts{}
	get := func(t string) *counts {
		if per[t] == nil {
			per[t] = &counts{}
		}
		return per[t]
	}
	tokens := 0
	for k := range gold {
		tokens += len(gold[k])
		g, p := Spans(gold[k]), Spans(pred[k])
		gs := map[Span]bool{}
		for _, s := range g {
			gs[s] = true
			get(s.Type).gold++
			all.gold++
		}
		for _, s := range p {
			get(s.Type).pred++
			all.pred++
			if gs[s] {
				get(s.Type).tp++
				all.tp++
			}
		}
	}
	sc := Score{Tokens: tokens, PerType: map[string]PRF{}}
	a := all.prf()
	sc.Precision, sc.Recall, sc.F1 = a.Precision, a.Recall, a.F1
	for t, c := range per {
		sc.PerType[t] = c.prf()
	}
	return sc
}
