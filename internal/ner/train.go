package ner

import (
	"fmt"
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

// averaged returns the model with averaged weights.
func (tr *trainer) averaged(info string) *Model {
	m := &Model{index: tr.index, w: make([]float32, len(tr.w)), Info: info}
	for j := range tr.w {
		total := tr.total[j] + float64(tr.step-tr.stamp[j])*float64(tr.w[j])
		m.w[j] = float32(total / float64(max(tr.step, 1)))
	}
	m.freeze()
	return m
}

// Train learns a model from examples in epochs passes, shuffling with a
// fixed seed so that training is reproducible. progress, if not nil, is
// called after each epoch with the averaged model so far.
func Train(examples []Example, epochs int, seed uint64, progress func(epoch int, m *Model)) *Model {
	tr := &trainer{index: make(map[uint64]int32, 1<<18)}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	feats := make([]uint64, 0, 48)
	var s [numTags]float32
	for epoch := 1; epoch <= epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := examples[k]
			pred := make([]int, len(ex.Words))
			for i := range ex.Words {
				tr.step++
				prev, prev2 := 0, 0
				if i > 0 {
					prev = pred[i-1]
				}
				if i > 1 {
					prev2 = pred[i-2]
				}
				feats = features(feats[:0], ex.Words, i, prev, prev2)
				tr.scores(feats, &s)
				p := best(&s, prev)
				if gold := ex.Tags[i]; p != gold {
					for _, f := range feats {
						tr.bump(f, gold, 1)
						tr.bump(f, p, -1)
					}
				}
				pred[i] = p
			}
		}
		if progress != nil {
			progress(epoch, tr.averaged(fmt.Sprintf("epoch %d", epoch)))
		}
	}
	return tr.averaged(fmt.Sprintf("averaged perceptron, %d epochs, seed %d, %d sentences", epochs, seed, len(examples)))
}
