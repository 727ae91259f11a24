package ner

import "sync"

// Most of a word's features read one word only: the word itself, or one
// of its neighbours seen from the word being tagged (the word before, the
// word after, two before, two after), and the stem-edge features read the
// word's stem and the previous tag. What such features add to the scores
// depends on that one word, and news repeats its words: the model sums
// them once per distinct word and keeps the sums (wordScores), so that
// tagging a word costs one cache lookup and the few features that join
// two words (pairFeatures). Sums of quantised weights are exact integers,
// so a cached sum scores exactly as the features one by one.

// Roles of a word in the features of the word being tagged.
const (
	roleSelf = iota
	roleBefore
	roleAfter
	roleBefore2
	roleAfter2
	numRoles
)

// roleOffset is where a word in each role stands from the tagged word.
var roleOffset = [numRoles]int{0, -1, 1, -2, 2}

// neighbourTemplates are the templates of the word before and of the word
// after the tagged word.
var neighbourTemplates = [2]struct{ word, stem, lex, gaz, class, ent int }{
	{fWm1, fSm1, fLexm1, fGazm1, fCm1, fEntm1},
	{fWp1, fSp1, fLexp1, fGazp1, fCp1, fEntp1},
}

// roleFeatures appends the features that word w gives the word it stands
// in role to. Their union over the roles, with pairFeatures, is features.
func roleFeatures(dst []uint64, w *Word, role int) []uint64 {
	add := func(h hasher) { dst = append(dst, uint64(h)) }
	switch role {
	case roleSelf:
		add(start(fBias))
		add(start(fW0).str(w.Key))
		add(start(fS0).str(w.Stem))
		if w.Pro != "" {
			add(start(fPro0).str(w.Pro))
		}
		add(start(fPre2).str(prefix(w.Stem, 2)))
		add(start(fPre3).str(prefix(w.Stem, 3)))
		add(start(fSuf1).str(suffix(w.Key, 1)))
		add(start(fSuf2).str(suffix(w.Key, 2)))
		add(start(fSuf3).str(suffix(w.Key, 3)))
		add(start(fShape0).str(w.Shape))
		add(start(fLex0).str(w.Lex))
		if w.Gaz != "" {
			add(start(fGaz0).str(w.Gaz))
			add(start(fGazLex).str(w.Gaz).str(w.Lex))
		}
		if w.Fine != 0 {
			add(start(fC0).num(w.Fine))
			add(start(fCc0).num(w.Coarse))
		}
		if w.Ent != "" {
			add(start(fEnt0).str(w.Ent))
		}
	case roleBefore, roleAfter:
		tm := neighbourTemplates[role-roleBefore]
		add(start(tm.word).str(w.Key))
		add(start(tm.stem).str(w.Stem))
		add(start(tm.lex).str(w.Lex))
		if w.Gaz != "" {
			add(start(tm.gaz).str(w.Gaz))
		}
		if w.Fine != 0 {
			add(start(tm.class).num(w.Fine))
		}
		if w.Ent != "" {
			add(start(tm.ent).str(w.Ent))
		}
	case roleBefore2:
		add(start(fWm2).str(w.Key))
		add(start(fSm2).str(w.Stem))
	case roleAfter2:
		add(start(fWp2).str(w.Key))
		add(start(fSp2).str(w.Stem))
	}
	return dst
}

// pairFeatures appends the features of word i that join two or more
// words, the sentence start and the document memory.
func pairFeatures(dst []uint64, ws []Word, i int) []uint64 {
	w0, wm1, wp1 := at(ws, i), at(ws, i-1), at(ws, i+1)
	add := func(h hasher) { dst = append(dst, uint64(h)) }
	add(start(fShapes).str(wm1.Shape).str(w0.Shape).str(wp1.Shape))
	add(start(fWm1W0).str(wm1.Stem).str(w0.Stem))
	add(start(fW0Wp1).str(w0.Stem).str(wp1.Stem))
	add(start(fSm1S0).str(wm1.Key).str(w0.Key))
	if w0.Fine != 0 {
		add(start(fC0Cp1).num(w0.Fine).num(wp1.Fine))
		add(start(fCcm1Cc0).num(wm1.Coarse).num(w0.Coarse))
	}
	if wm1.Fine != 0 {
		add(start(fCm1C0).num(wm1.Fine).num(w0.Fine))
	}
	if w0.Ent != "" {
		add(start(fEntm1Ent0).str(wm1.Ent).str(w0.Ent))
	}
	if i == 0 {
		add(start(fFirst))
	}
	return docFeatures(dst, ws, i)
}

// wordKey is everything of a word that its role and edge features read.
type wordKey struct {
	key, stem, pro, shape, lex, gaz, ent string
	fine, coarse                         uint16
}

func keyOf(w *Word) wordKey {
	return wordKey{w.Key, w.Stem, w.Pro, w.Shape, w.Lex, w.Gaz, w.Ent, w.Fine, w.Coarse}
}

// wordScores are a word's summed weights in each role, and its edge
// scores after each previous tag (startTag included).
type wordScores struct {
	gen  uint64 // the model's weights they were summed from (Model.gen)
	key  wordKey
	next *wordScores // another word of the same Key (another stem, gazetteer label...)
	role [numRoles][numTags]int32
	// edge are the scores of the word's tags after each previous tag
	// (startTag included): the transition weights, plus the stem-edge
	// weights for a word that has any (else edge is the model's trans).
	edge *[numTags + 1][numTags]float32
}

// wordCache maps words to their scores. It is shared by the goroutines
// that tag with one model; it is emptied when it grows past maxWords, so
// that a long stream of new words does not grow it without end. It is
// keyed by the word's Key alone, which is cheaper to hash than all of
// wordKey; the few words that share a Key are chained.
type wordCache struct {
	mu    sync.RWMutex
	words map[string]*wordScores
}

// maxWords bounds the cache: at 300 to 700 bytes a word (the edge scores
// are a word's own only when it has stem-edge weights), 40 to 90 MB.
const maxWords = 1 << 17

func (c *wordCache) get(k *wordKey) *wordScores {
	c.mu.RLock()
	s := c.words[k.key]
	c.mu.RUnlock()
	for ; s != nil; s = s.next {
		if s.key == *k {
			return s
		}
	}
	return nil
}

// put adds s, whose next is not yet set.
func (c *wordCache) put(s *wordScores) {
	c.mu.Lock()
	if c.words == nil || len(c.words) >= maxWords {
		c.words = make(map[string]*wordScores, 1024)
	}
	s.next = c.words[s.key.key]
	c.words[s.key.key] = s
	c.mu.Unlock()
}

// reset empties the cache: the weights changed, or a benchmark wants to
// measure from a cold start.
func (c *wordCache) reset() {
	c.mu.Lock()
	c.words = nil
	c.mu.Unlock()
}

// ResetCache forgets the cached sums of the words tagged so far; tagging
// then costs what it costs on words never seen.
func (m *Model) ResetCache() { m.cache.reset() }

// Prepare attaches w's summed weights to w, so that tagging w needs no
// cache lookup while its fields stay as they are (a word whose gazetteer
// label is set afterwards is looked up as usual): for callers that keep
// their own memo of words, built once and copied into many sentences.
func (m *Model) Prepare(w *Word) {
	w.scores, _ = m.wordScoresOf(w, nil)
}

// wordScoresOf returns w's scores: attached by Prepare, from the cache or
// summed now.
func (m *Model) wordScoresOf(w *Word, scratch []uint64) (*wordScores, []uint64) {
	switch w {
	case &bos:
		w = &m.bos
	case &eos:
		w = &m.eos
	}
	k := keyOf(w)
	if s := w.scores; s != nil && s.gen == m.gen && s.key == k {
		return s, scratch
	}
	if s := m.cache.get(&k); s != nil {
		return s, scratch
	}
	s := &wordScores{gen: m.gen, key: k}
	for r := range numRoles {
		scratch = roleFeatures(scratch[:0], w, r)
		m.sum(scratch, &s.role[r])
	}
	s.edge = &m.trans
	base := edgeBase(w)
	for p := range numTags + 1 {
		sl := m.lookup(stemEdgeFeature(base, p))
		if sl == nil {
			continue
		}
		if s.edge == &m.trans {
			s.edge = new([numTags + 1][numTags]float32)
			*s.edge = m.trans
		}
		for t, v := range sl.w {
			// as fill: the stem-edge weight, rounded, plus the transition
			s.edge[p][t] = float32(float32(v)*m.scale) + m.trans[p][t]
		}
	}
	m.cache.put(s)
	return s, scratch
}

// sum adds the quantised weights of feats to acc.
func (m *Model) sum(feats []uint64, acc *[numTags]int32) {
	for _, f := range feats {
		sl := m.lookup(f)
		if sl == nil {
			continue
		}
		for t, v := range sl.w {
			acc[t] += int32(v)
		}
	}
}

// fillSentence scores every word of ws into the lattice, whose words
// from off on hold the sentence, from the cached word scores and the pair
// features.
func (l *lattice) fillSentence(m *Model, ws []Word, off int) {
	l.words = l.words[:0]
	for i := -2; i < len(ws)+2; i++ {
		var s *wordScores
		s, l.feats = m.wordScoresOf(at(ws, i), l.feats)
		l.words = append(l.words, s)
	}
	for i := range ws {
		var acc [numTags]int32
		for r, off := range roleOffset {
			for t, v := range l.words[i+2+off].role[r] {
				acc[t] += v
			}
		}
		l.feats = pairFeatures(l.feats[:0], ws, i)
		m.sum(l.feats, &acc)
		for t, v := range acc {
			l.emit[off+i][t] = float32(v) * m.scale
		}
		l.edge[off+i] = *l.words[i+2].edge
	}
}
