package ner

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
)

// Example is a training sentence: words and gold tag indexes.
type Example struct {
	Words []Word
	Tags  []int
	// Weight scales the example's updates (0 counts as 1): sentences from
	// corpora annotated unlike ANERcorp teach less than its own.
	Weight float32
}

// NewExample converts CoNLL labels to tag indexes.
func NewExample(ws []Word, labels []string) Example {
	tags := make([]int, len(labels))
	for i, l := range labels {
		tags[i] = tagIndex(l)
	}
	return Example{Words: ws, Tags: tags}
}

// trainer is an averaged perceptron with lazy averaging: each weight keeps
// the running sum of its past values, brought up to date when it changes.
type trainer struct {
	index map[uint64]int32
	w     []float32
	total []float64
	stamp []int64
	step  int64
	step0 int64 // the step the averages start from (after pre-training)
}

func (tr *trainer) row(f uint64) int {
	r, ok := tr.index[f]
	if !ok {
		r = int32(len(tr.index))
		tr.index[f] = r
		tr.w = append(tr.w, make([]float32, numTags)...)
		tr.total = append(tr.total, make([]float64, numTags)...)
		tr.stamp = append(tr.stamp, make([]int64, numTags)...)
	}
	return int(r)
}

func (tr *trainer) bump(f uint64, tag int, delta float32) {
	j := tr.row(f)*numTags + tag
	tr.total[j] += float64(tr.step-tr.stamp[j]) * float64(tr.w[j])
	tr.stamp[j] = tr.step
	tr.w[j] += delta
}

func (tr *trainer) scores(feats []uint64, s *[numTags]float32) {
	*s = [numTags]float32{}
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			continue
		}
		for t := range numTags {
			s[t] += tr.w[int(r)*numTags+t]
		}
	}
}

func (tr *trainer) addTransition(prev int, s *[numTags]float32) {
	var t [numTags]float32
	tr.scores([]uint64{transFeature(prev)}, &t)
	for i, v := range t {
		s[i] += v
	}
}

// averaged returns the model with averaged weights.
func (tr *trainer) averaged(info string) *Model {
	m := tr.averagedWeights(info)
	m.freeze()
	return m
}

// averagedWeights is averaged without the lookup table, for models that
// are only summed into a mean.
func (tr *trainer) averagedWeights(info string) *Model {
	// The index is copied: training goes on adding rows to its own.
	m := &Model{index: maps.Clone(tr.index), w: make([]float32, len(tr.w)), Info: info}
	for j := range tr.w {
		total := tr.total[j] + float64(tr.step-tr.stamp[j])*float64(tr.w[j])
		m.w[j] = float32(total / float64(max(tr.step-tr.step0, 1)))
	}
	return m
}

// restartAverage forgets the running sums: the averages start from the
// current weights, as if training began here from them.
func (tr *trainer) restartAverage() {
	for j := range tr.total {
		tr.total[j], tr.stamp[j] = 0, tr.step
	}
	tr.step0 = tr.step
}

// Options are the training settings.
type Options struct {
	Epochs  int
	Seed    uint64  // shuffling and dropout seed: training is reproducible
	Dropout float64 // share of a token's features hidden at each update
	Bag     int     // perceptrons trained on their own shuffles and dropouts, then averaged (0 or 1: one)
	// Pre are examples learned for PreEpochs passes before the others
	// (pre-training on other corpora); the averages start after them.
	Pre       []Example
	PreEpochs int
}

// dropout removes each feature but the bias with probability p: the model
// cannot lean on the word alone when it is missing, and learns from the
// context and classes too, which is what carries over to unseen names.
func dropout(feats []uint64, p float64, rng *rand.Rand) []uint64 {
	if p <= 0 {
		return feats
	}
	kept := feats[:1]
	for _, f := range feats[1:] {
		if rng.Float64() >= p {
			kept = append(kept, f)
		}
	}
	return kept
}

// learn decodes one example with the current weights and, where the best
// path strays from the gold one, moves weight from the predicted tags and
// transitions to the gold ones (the structured perceptron update).
func (tr *trainer) learn(ex Example, l *lattice, drop float64, rng *rand.Rand) {
	n := len(ex.Words)
	l.reset(n)
	feats := make([][]uint64, n)
	for i := range ex.Words {
		feats[i] = dropout(features(nil, ex.Words, i), drop, rng)
		l.fill(tr, ex.Words, i, feats[i])
	}
	pred := make([]int, n)
	l.viterbi(pred)
	w := ex.Weight
	if w == 0 {
		w = 1
	}
	var eg, ep []uint64
	for i, gold := range ex.Tags {
		p := pred[i]
		pg, pp := startTag, startTag
		if i > 0 {
			pg, pp = ex.Tags[i-1], pred[i-1]
		}
		if p != gold {
			for _, f := range feats[i] {
				tr.bump(f, gold, w)
				tr.bump(f, p, -w)
			}
		}
		if p != gold || pg != pp {
			for _, f := range edgeFeatures(eg[:0], ex.Words, i, pg) {
				tr.bump(f, gold, w)
			}
			for _, f := range edgeFeatures(ep[:0], ex.Words, i, pp) {
				tr.bump(f, p, -w)
			}
		}
	}
}

// Train learns a model from examples, shuffling with a fixed seed so that
// training is reproducible. progress, if not nil, is called after each
// epoch with the averaged model so far.
//
// With o.Bag > 1, that many perceptrons learn side by side, each with its
// own order and dropout (seeds seed, seed+1, ...), and the model is the
// mean of their averaged weights: one perceptron's result swings with the
// order it saw the sentences in, and the mean keeps what they agree on.
func Train(examples []Example, o Options, progress func(epoch int, m *Model)) *Model {
	bag := max(o.Bag, 1)
	runs := make([]*run, bag)
	for k := range runs {
		runs[k] = newRun(examples, o.Seed+uint64(k), o.Dropout)
	}
	combined := func(info string) *Model {
		if bag == 1 {
			return runs[0].tr.averaged(info)
		}
		ms := make([]*Model, bag)
		for k, r := range runs {
			ms[k] = r.tr.averagedWeights(info)
		}
		return meanModel(ms, info)
	}
	if len(o.Pre) > 0 && o.PreEpochs > 0 {
		eachRun(runs, func(r *run) {
			main := r.examples
			r.setExamples(o.Pre)
			for range o.PreEpochs {
				r.epoch()
			}
			r.setExamples(main)
			r.tr.restartAverage()
		})
	}
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		eachRun(runs, (*run).epoch)
		if progress != nil {
			progress(epoch, combined(fmt.Sprintf("epoch %d", epoch)))
		}
	}
	return combined(fmt.Sprintf("structured averaged perceptron, %d epochs, seed %d, dropout %.2f, bag %d, %d sentences", o.Epochs, o.Seed, o.Dropout, bag, len(examples)))
}

// eachRun calls fn on every run, two at a time: the machine's cores, not
// one goroutine per run.
func eachRun(runs []*run, fn func(*run)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			fn(r)
		}()
	}
	wg.Wait()
}

// run is one perceptron's training: its weights, order and random source.
type run struct {
	tr       *trainer
	rng      *rand.Rand
	order    []int
	examples []Example
	drop     float64
	l        lattice
}

func newRun(examples []Example, seed uint64, drop float64) *run {
	r := &run{
		tr:   &trainer{index: make(map[uint64]int32, 1<<18)},
		rng:  rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		drop: drop,
	}
	r.setExamples(examples)
	return r
}

// setExamples makes exs the examples of the next epochs, in their order.
func (r *run) setExamples(exs []Example) {
	r.examples, r.order = exs, make([]int, len(exs))
	for i := range r.order {
		r.order[i] = i
	}
}

// epoch makes one shuffled pass over the examples.
func (r *run) epoch() {
	r.rng.Shuffle(len(r.order), func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })
	for _, k := range r.order {
		r.tr.step++
		r.tr.learn(r.examples[k], &r.l, r.drop, r.rng)
	}
}

// meanModel averages the weights of models (a feature missing from one
// counts as 0 there).
func meanModel(ms []*Model, info string) *Model {
	keys := make(map[uint64]struct{})
	for _, m := range ms {
		for k := range m.index {
			keys[k] = struct{}{}
		}
	}
	// Rows in sorted key order, so that the model does not depend on map order.
	sorted := slices.Sorted(maps.Keys(keys))
	out := &Model{index: make(map[uint64]int32, len(sorted)), w: make([]float32, len(sorted)*numTags), Info: info}
	inv := 1 / float32(len(ms))
	for r, k := range sorted {
		out.index[k] = int32(r)
		for _, m := range ms {
			row, ok := m.index[k]
			if !ok {
				continue
			}
			for t := range numTags {
				out.w[r*numTags+t] += m.w[int(row)*numTags+t] * inv
			}
		}
	}
	out.freeze()
	return out
}
