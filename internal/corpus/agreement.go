package corpus

import (
	"maps"
	"math"
	"slices"
)

// The GSR calls a sentence "yes" only when every annotator accepted it,
// "ambiguous" when exactly one rejected it, and "no" when two or more did.
// So its labels hold the chance of the annotators' draws as well as what
// the sentence says. A Prior describes that chance (a beta one, VoteModel,
// or the best fit of any shape, FitPrior), and Ceiling bounds what any
// reader of the text alone can score against such labels.

// VoteModel is a beta-binomial model of the annotators: each sentence has
// a chance q that an annotator accepts it; q is 0 with probability Zero,
// otherwise it is drawn from Beta(A, B). Annotators vote independently
// given q.
type VoteModel struct {
	Zero float64 `json:"zero"`
	A    float64 `json:"a"`
	B    float64 `json:"b"`
}

// Votes is a sentence's accept count out of its annotators.
type Votes struct{ Accept, Total int }

// SentenceVotes lists the votes of the rows that have any.
func SentenceVotes(rows []GSRSentence) []Votes {
	var out []Votes
	for _, r := range rows {
		if n := r.Accept + r.Reject; n > 0 && r.Accept >= 0 && r.Reject >= 0 {
			out = append(out, Votes{r.Accept, n})
		}
	}
	return out
}

// LogLikelihood is the log probability of the votes under m.
func (m VoteModel) LogLikelihood(vs []Votes) float64 {
	return m.logLikelihood(countVotes(vs))
}

// voteCount is how many sentences had one accept count out of one total.
type voteCount struct {
	Votes
	sentences int
}

// countVotes groups equal votes, in a fixed order: the likelihood is a
// sum over a few dozen groups, not over every sentence.
func countVotes(vs []Votes) []voteCount {
	counts := map[Votes]int{}
	for _, v := range vs {
		counts[v]++
	}
	out := make([]voteCount, 0, len(counts))
	for v, c := range counts {
		out = append(out, voteCount{v, c})
	}
	slices.SortFunc(out, func(x, y voteCount) int {
		if x.Total != y.Total {
			return x.Total - y.Total
		}
		return x.Accept - y.Accept
	})
	return out
}

func (m VoteModel) logLikelihood(counts []voteCount) float64 {
	lbAB := lbeta(m.A, m.B)
	sum := 0.0
	for _, c := range counts {
		k, n := float64(c.Accept), float64(c.Total)
		lchoose := lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)
		p := (1 - m.Zero) * math.Exp(lchoose+lbeta(m.A+k, m.B+n-k)-lbAB)
		if c.Accept == 0 {
			p += m.Zero
		}
		sum += float64(c.sentences) * math.Log(max(p, 1e-300))
	}
	return sum
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

func lbeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// FitVotes finds the model of greatest likelihood: a grid search, then
// coordinate steps that halve until they no longer help.
func FitVotes(vs []Votes) VoteModel {
	counts := countVotes(vs)
	best, bestLL := VoteModel{Zero: 0.5, A: 1, B: 1}, math.Inf(-1)
	for z := 0.0; z < 0.99; z += 0.05 {
		for la := -3.0; la <= 3; la += 0.25 {
			for lb := -3.0; lb <= 3; lb += 0.25 {
				m := VoteModel{Zero: z, A: math.Exp(la), B: math.Exp(lb)}
				if ll := m.logLikelihood(counts); ll > bestLL {
					best, bestLL = m, ll
				}
			}
		}
	}
	steps := [3]float64{0.025, 0.125, 0.125} // Zero, then log A and log B
	for range 200 {
		improved := false
		for i := range steps {
			for _, sign := range [2]float64{1, -1} {
				m := best
				switch i {
				case 0:
					m.Zero = min(max(m.Zero+sign*steps[0], 0), 0.999)
				case 1:
					m.A *= math.Exp(sign * steps[1])
				case 2:
					m.B *= math.Exp(sign * steps[2])
				}
				if ll := m.logLikelihood(counts); ll > bestLL+1e-9 {
					best, bestLL, improved = m, ll, true
				}
			}
		}
		if !improved {
			for i := range steps {
				steps[i] /= 2
			}
			if steps[1] < 1e-4 {
				break
			}
		}
	}
	return best
}

// Prior is a distribution of the acceptance chance q over sentences, as
// points of q and their probabilities (summing to 1).
type Prior []PriorPoint

// PriorPoint is one value of q and its probability.
type PriorPoint struct {
	Q    float64 `json:"q"`
	Mass float64 `json:"mass"`
}

// Prior is m as k points of equal spacing, plus a point at 0 for Zero.
func (m VoteModel) Prior(k int) Prior {
	out := Prior{{0, m.Zero}}
	for _, c := range m.cells(k) {
		out = append(out, PriorPoint{c.q, c.mass * (1 - m.Zero)})
	}
	return out
}

// FitPrior is the nonparametric maximum-likelihood prior on k+1 points of
// q from 0 to 1 (EM from a uniform start, until the log-likelihood gains
// less than 1e-10 per pass, or for 20,000 passes): the best fit to the votes of any prior, not
// only of beta ones.
func FitPrior(vs []Votes, k int) Prior {
	counts := countVotes(vs)
	p := make(Prior, k+1)
	for j := range p {
		p[j] = PriorPoint{float64(j) / float64(k), 1 / float64(k+1)}
	}
	lik := make([][]float64, len(counts)) // lik[c][j]: chance of votes c at point j
	for c, vc := range counts {
		lik[c] = make([]float64, len(p))
		for j, pt := range p {
			lik[c][j] = binomial(vc.Accept, vc.Total, pt.Q)
		}
	}
	next := make([]float64, len(p))
	prev := math.Inf(-1)
	for range 20000 {
		clear(next)
		ll := 0.0
		for c, vc := range counts {
			s := 0.0
			for j, pt := range p {
				s += pt.Mass * lik[c][j]
			}
			ll += float64(vc.sentences) * math.Log(s)
			for j, pt := range p {
				next[j] += float64(vc.sentences) * pt.Mass * lik[c][j] / s
			}
		}
		for j := range p {
			p[j].Mass = next[j] / float64(len(vs))
		}
		if ll-prev < 1e-10 {
			break
		}
		prev = ll
	}
	return p
}

func binomial(k, n int, q float64) float64 {
	lchoose := lgamma(float64(n+1)) - lgamma(float64(k+1)) - lgamma(float64(n-k+1))
	return math.Exp(lchoose) * math.Pow(q, float64(k)) * math.Pow(1-q, float64(n-k))
}

// LogLikelihood is the log probability of the votes under p.
func (p Prior) LogLikelihood(vs []Votes) float64 {
	ll := 0.0
	for _, vc := range countVotes(vs) {
		s := 0.0
		for _, pt := range p {
			s += pt.Mass * binomial(vc.Accept, vc.Total, pt.Q)
		}
		ll += float64(vc.sentences) * math.Log(max(s, 1e-300))
	}
	return ll
}

// Support is the points of p that hold at least min of its mass.
func (p Prior) Support(min float64) Prior {
	var out Prior
	for _, pt := range p {
		if pt.Mass >= min {
			out = append(out, pt)
		}
	}
	return out
}

// Ceiling is what a reader that knew each sentence's q exactly could
// score, in expectation, against labels drawn from p with as many
// annotators per sentence as vs has: precision, recall and F1 of "yes"
// among the sentences not left out as ambiguous, at the best cut-off. No
// classifier of the text can do better on such labels, since the text
// tells at most q.
func (p Prior) Ceiling(vs []Votes) (precision, recall, f1 float64) {
	// One item per point and annotator count: y is the chance that the
	// sentence is "yes" given that it is scored, w the chance mass of
	// scored sentences it stands for.
	type item struct{ y, w float64 }
	var items []item
	ts := totals(vs)
	for _, pt := range p {
		for _, t := range ts {
			yes, amb, _ := labelChances(pt.Q, t.n)
			if scored := 1 - amb; scored > 1e-12 {
				items = append(items, item{yes / scored, pt.Mass * t.share * scored})
			}
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmpDesc(a.y, b.y) })
	positives := 0.0
	for _, it := range items {
		positives += it.y * it.w
	}
	tp, fp := 0.0, 0.0
	for _, it := range items {
		tp, fp = tp+it.y*it.w, fp+(1-it.y)*it.w
		if f := 2 * tp / (2*tp + fp + (positives - tp)); f > f1 {
			precision, recall, f1 = tp/(tp+fp), tp/positives, f
		}
	}
	return precision, recall, f1
}

// labelChances are the chances that n annotators who each accept with
// chance q make a sentence "yes" (none rejects), "ambiguous" (one does)
// and "no".
func labelChances(q float64, n int) (yes, ambiguous, no float64) {
	yes = math.Pow(q, float64(n))
	ambiguous = float64(n) * math.Pow(q, float64(n-1)) * (1 - q)
	return yes, ambiguous, max(1-yes-ambiguous, 0)
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// ExpectedLabels is the share of sentences p expects to be "yes",
// "ambiguous" and "no" with the annotator counts of vs: a check of the
// fit against the file's own labels.
func (p Prior) ExpectedLabels(vs []Votes) (yes, ambiguous, no float64) {
	for _, t := range totals(vs) {
		for _, pt := range p {
			y, a, n := labelChances(pt.Q, t.n)
			w := pt.Mass * t.share
			yes, ambiguous, no = yes+w*y, ambiguous+w*a, no+w*n
		}
	}
	return yes, ambiguous, no
}

// annotators is a number of annotators and the share of sentences that
// had that many.
type annotators struct {
	n     int
	share float64
}

// totals lists the numbers of annotators of vs, fewest first.
func totals(vs []Votes) []annotators {
	share := map[int]float64{}
	for _, v := range vs {
		share[v.Total] += 1 / float64(len(vs))
	}
	var out []annotators
	for _, n := range slices.Sorted(maps.Keys(share)) {
		out = append(out, annotators{n, share[n]})
	}
	return out
}

// cell is a slice of the Beta(A, B) distribution: its midpoint and mass.
type cell struct{ q, mass float64 }

// cells cuts Beta(A, B) into k slices of equal width. The density may be
// infinite at 0 and 1, so each slice's mass integrates the factor that is
// singular on its side exactly and holds the other at its midpoint.
func (m VoteModel) cells(k int) []cell {
	out := make([]cell, k)
	total := 0.0
	for i := range out {
		lo, hi := float64(i)/float64(k), float64(i+1)/float64(k)
		mid := (lo + hi) / 2
		var mass float64
		if mid < 0.5 {
			mass = math.Pow(1-mid, m.B-1) * (math.Pow(hi, m.A) - math.Pow(lo, m.A)) / m.A
		} else {
			mass = math.Pow(mid, m.A-1) * (math.Pow(1-lo, m.B) - math.Pow(1-hi, m.B)) / m.B
		}
		out[i] = cell{mid, mass}
		total += mass
	}
	for i := range out {
		out[i].mass /= total
	}
	return out
}
