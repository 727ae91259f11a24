package corpus

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// simulateVotes draws n sentences' votes from Beta(2, 3) (the second
// smallest of four uniforms) with q = 0 for a share zero of them.
func simulateVotes(rng *rand.Rand, n, annotators int, zero float64) []Votes {
	out := make([]Votes, n)
	for i := range out {
		q := 0.0
		if rng.Float64() >= zero {
			u := []float64{rng.Float64(), rng.Float64(), rng.Float64(), rng.Float64()}
			slices.Sort(u)
			q = u[1]
		}
		k := 0
		for range annotators {
			if rng.Float64() < q {
				k++
			}
		}
		out[i] = Votes{k, annotators}
	}
	return out
}

func TestFitVotesRecoversTheModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vs := simulateVotes(rng, 20000, 5, 0.4)
	m := FitVotes(vs)
	if math.Abs(m.Zero-0.4) > 0.05 || math.Abs(m.A-2) > 0.4 || math.Abs(m.B-3) > 0.6 {
		t.Errorf("fit %+v, want about zero 0.4, a 2, b 3", m)
	}
	if want := (VoteModel{Zero: 0.4, A: 2, B: 3}); m.LogLikelihood(vs) < want.LogLikelihood(vs) {
		t.Errorf("fit likelihood %.2f below the true model's %.2f", m.LogLikelihood(vs), want.LogLikelihood(vs))
	}
}

func TestExpectedLabelsMatchSimulation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vs := simulateVotes(rng, 50000, 3, 0.2)
	var yes, amb float64
	for _, v := range vs {
		switch v.Total - v.Accept {
		case 0:
			yes++
		case 1:
			amb++
		}
	}
	y, a, n := VoteModel{Zero: 0.2, A: 2, B: 3}.Prior(4000).ExpectedLabels(vs)
	if math.Abs(y+a+n-1) > 1e-9 {
		t.Errorf("shares sum to %v", y+a+n)
	}
	if got, want := y, yes/float64(len(vs)); math.Abs(got-want) > 0.01 {
		t.Errorf("expected yes share %.4f, simulated %.4f", got, want)
	}
	if got, want := a, amb/float64(len(vs)); math.Abs(got-want) > 0.01 {
		t.Errorf("expected ambiguous share %.4f, simulated %.4f", got, want)
	}
}

func TestCeiling(t *testing.T) {
	three := []Votes{{0, 3}, {3, 3}}
	// Annotators who always agree leave nothing to chance: a reader of q
	// scores perfectly.
	if _, _, f1 := (VoteModel{Zero: 0.5, A: 0.01, B: 0.01}).Prior(4000).Ceiling(three); f1 < 0.97 {
		t.Errorf("near-unanimous annotators: ceiling F1 %.3f, want about 1", f1)
	}
	// When each annotator tosses a fair coin-like q, unanimity is mostly
	// luck and the ceiling falls well short of 1, but stays above the F1 of
	// calling every sentence yes.
	uniform := VoteModel{A: 1, B: 1}.Prior(4000)
	p, r, f1 := uniform.Ceiling(three)
	yes, _, no := uniform.ExpectedLabels(three)
	allYes := 2 * yes / (2*yes + no)
	if f1 >= 0.9 || f1 <= allYes {
		t.Errorf("uniform q: ceiling F1 %.3f, want between %.3f (all yes) and 0.9", f1, allYes)
	}
	if math.Abs(f1-2*p*r/(p+r)) > 1e-9 {
		t.Errorf("F1 %.4f is not the harmonic mean of P %.4f and R %.4f", f1, p, r)
	}
	if _, _, f := (Prior{}).Ceiling(nil); f != 0 {
		t.Errorf("no votes: ceiling %v", f)
	}
}

// TestFitPrior checks the free fit on votes from a prior of three points.
// Three votes a sentence tell only the first three moments of the prior, so
// the fit need not find the points; it must fit the votes at least as well
// as the true prior and the best beta one, and expect the labels they gave.
func TestFitPrior(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	truth := Prior{{0, 0.5}, {0.4, 0.3}, {1, 0.2}}
	var vs []Votes
	yes := 0
	for range 5000 {
		u, q := rng.Float64(), 0.0
		switch {
		case u < 0.3:
			q = 0.4
		case u < 0.5:
			q = 1
		}
		k := 0
		for range 3 {
			if rng.Float64() < q {
				k++
			}
		}
		if k == 3 {
			yes++
		}
		vs = append(vs, Votes{k, 3})
	}
	free := FitPrior(vs, 100)
	sum := 0.0
	for _, pt := range free {
		sum += pt.Mass
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("free prior sums to %v", sum)
	}
	lf := free.LogLikelihood(vs)
	if lt := truth.LogLikelihood(vs); lf < lt-0.01 {
		t.Errorf("free fit log-likelihood %.3f below the true prior's %.3f", lf, lt)
	}
	if lb := FitVotes(vs).LogLikelihood(vs); lf < lb-1e-6 {
		t.Errorf("free fit log-likelihood %.3f below the beta fit's %.3f", lf, lb)
	}
	if y, _, _ := free.ExpectedLabels(vs); math.Abs(y-float64(yes)/5000) > 0.005 {
		t.Errorf("free fit expects a yes share of %.4f, the votes gave %.4f", y, float64(yes)/5000)
	}
	_, _, ct := truth.Ceiling(vs)
	_, _, cf := free.Ceiling(vs)
	if math.Abs(cf-ct) > 0.03 {
		t.Errorf("ceiling F1: free fit %.3f, true prior %.3f", cf, ct)
	}
}
