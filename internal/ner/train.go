package ner

import (
	"fmt"
	"maps"
	"math/rand/v2"
)

// Example is a training sentence: words and gold tag indexes.
type Example struct {
	Words []Word
	Tags  []int
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
	// The index is copied: training goes on adding rows to its own.
	m := &Model{index: maps.Clone(tr.index), w: make([]float32, len(tr.w)), Info: info}
	for j := range tr.w {
		total := tr.total[j] + float64(tr.step-tr.stamp[j])*float64(tr.w[j])
		m.w[j] = float32(total / float64(max(tr.step, 1)))
	}
	m.freeze()
	return m
}

// Options are the training settings.
type Options struct {
	Epochs  int
	Seed    uint64  // shuffling and dropout seed: training is reproducible
	Dropout float64 // share of a token's features hidden at each update
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
	var eg, ep []uint64
	for i, gold := range ex.Tags {
		p := pred[i]
		pg, pp := startTag, startTag
		if i > 0 {
			pg, pp = ex.Tags[i-1], pred[i-1]
		}
		if p != gold {
			for _, f := range feats[i] {
				tr.bump(f, gold, 1)
				tr.bump(f, p, -1)
			}
		}
		if p != gold || pg != pp {
			for _, f := range edgeFeatures(eg[:0], ex.Words, i, pg) {
				tr.bump(f, gold, 1)
			}
			for _, f := range edgeFeatures(ep[:0], ex.Words, i, pp) {
				tr.bump(f, p, -1)
			}
		}
	}
}

// Train learns a model from examples, shuffling with a fixed seed so that
// training is reproducible. progress, if not nil, is called after each
// epoch with the averaged model so far.
func Train(examples []Example, o Options, progress func(epoch int, m *Model)) *Model {
	epochs, seed := o.Epochs, o.Seed
	tr := &trainer{index: make(map[uint64]int32, 1<<18)}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	var l lattice
	for epoch := 1; epoch <= epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			tr.step++
			tr.learn(examples[k], &l, o.Dropout, rng)
		}
		if progress != nil {
			progress(epoch, tr.averaged(fmt.Sprintf("epoch %d", epoch)))
		}
	}
	return tr.averaged(fmt.Sprintf("structured averaged perceptron, %d epochs, seed %d, dropout %.2f, %d sentences", epochs, seed, o.Dropout, len(examples)))
}
