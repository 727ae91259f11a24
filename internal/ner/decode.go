package ner

import "math"

// scorer sums the weights of features per tag: the trained model, or the
// trainer's current weights.
type scorer interface {
	scores(feats []uint64, s *[numTags]float32)
	addTransition(prev int, s *[numTags]float32)
}

// lattice holds the scores of one sentence: emit[i][t] for tag t at word
// i, and edge[i][p][t] for tag t at word i after tag p (startTag at i=0).
type lattice struct {
	emit  [][numTags]float32
	edge  [][numTags + 1][numTags]float32
	delta [][numTags]float32 // best path score ending in each tag
	back  [][numTags]int8    // its previous tag
	feats []uint64           // scratch for a word's features
	one   [1]uint64          // scratch for a single edge feature
	words []*wordScores      // scratch for fillSentence: the scores of each word and two either side
	doc   docCounter         // scratch for TagDocument
}

// reset sizes the lattice for n words, reusing its memory.
func (l *lattice) reset(n int) {
	if cap(l.emit) < n {
		l.emit = make([][numTags]float32, n)
		l.edge = make([][numTags + 1][numTags]float32, n)
		l.delta = make([][numTags]float32, n)
		l.back = make([][numTags]int8, n)
	}
	l.emit, l.edge, l.delta, l.back = l.emit[:n], l.edge[:n], l.delta[:n], l.back[:n]
}

// view is the part of a document lattice that holds words [a, b).
func (l *lattice) view(a, b int) lattice {
	return lattice{emit: l.emit[a:b], edge: l.edge[a:b], delta: l.delta[a:b], back: l.back[a:b]}
}

// prevTags is the range of tags that may precede word i.
func prevTags(i int) (lo, hi int) {
	if i == 0 {
		return startTag, startTag + 1
	}
	return 0, numTags
}

// fill scores word i of ws: feats are its tag-free features.
func (l *lattice) fill(sc scorer, ws []Word, i int, feats []uint64) {
	sc.scores(feats, &l.emit[i])
	base := edgeBase(&ws[i])
	lo, hi := prevTags(i)
	for p := lo; p < hi; p++ {
		e := &l.edge[i][p]
		l.one[0] = stemEdgeFeature(base, p)
		sc.scores(l.one[:], e)
		sc.addTransition(p, e)
	}
}

// viterbi returns the best tag sequence that keeps to BIO into tags.
func (l *lattice) viterbi(tags []int) {
	n := len(l.emit)
	if n == 0 {
		return
	}
	neg := float32(math.Inf(-1))
	delta, back := l.delta, l.back
	for t := range numTags {
		delta[0][t] = neg
		if allowed(0, t) {
			delta[0][t] = l.emit[0][t] + l.edge[0][startTag][t]
		}
	}
	for i := 1; i < n; i++ {
		prev, edge := &delta[i-1], &l.edge[i]
		for t := range numTags {
			// An I- tag continues its B- or itself; O and B- follow any
			// tag. Ties go to the lower previous tag. An unreachable
			// previous tag scores -Inf and never wins.
			var bs float32
			var bp int
			if t != 0 && t%2 == 0 {
				bs, bp = prev[t-1]+edge[t-1][t], t-1
				if s := prev[t] + edge[t][t]; s > bs {
					bs, bp = s, t
				}
			} else {
				bs, bp = prev[0]+edge[0][t], 0
				for p := 1; p < numTags; p++ {
					if s := prev[p] + edge[p][t]; s > bs {
						bs, bp = s, p
					}
				}
			}
			delta[i][t], back[i][t] = bs+l.emit[i][t], int8(bp)
		}
	}
	bt := 0
	for t := range numTags {
		if delta[n-1][t] > delta[n-1][bt] {
			bt = t
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = bt
		bt = int(back[i][bt])
	}
}
