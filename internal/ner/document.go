package ner

// A name is written the same way each time an article mentions it, but
// the context that gives it away (الرئيس before it, the full name with
// the first name) is often in one sentence only. The labeller therefore
// reads a document twice: a first pass tags every sentence alone, then
// each word learns which tags the first pass gave its stem elsewhere in
// the document (Word.Doc), and the sentences where that says something are
// decoded again with the document features added.

// DocSentences is how many consecutive sentences of a CoNLL file, which
// keeps no document boundaries, are read as one document in training and
// evaluation.
const DocSentences = 20

// DocMemory sets each word's Doc to the set of tags that tags (a first
// pass over doc) gave the same stem elsewhere in the document, when one of
// them is an entity tag; other words get 0.
func DocMemory(doc [][]Word, tags [][]int) {
	var c docCounter
	c.memory(doc, tags)
}

// docCounter counts the tags of each stem of a document; it is kept with
// the pooled lattices so that its memory is reused.
type docCounter struct {
	row    map[string]int32
	counts [][numTags]int32
	ents   []int32 // occurrences tagged as an entity, per row
}

func (c *docCounter) memory(doc [][]Word, tags [][]int) {
	if c.row == nil {
		c.row = make(map[string]int32)
	}
	clear(c.row)
	c.counts, c.ents = c.counts[:0], c.ents[:0]
	for k, ws := range doc {
		for i := range ws {
			if !nameShape(&ws[i]) {
				continue
			}
			r, ok := c.row[ws[i].Stem]
			if !ok {
				r = int32(len(c.counts))
				c.row[ws[i].Stem] = r
				c.counts = append(c.counts, [numTags]int32{})
				c.ents = append(c.ents, 0)
			}
			c.counts[r][tags[k][i]]++
			if tags[k][i] != 0 {
				c.ents[r]++
			}
		}
	}
	for k, ws := range doc {
		for i := range ws {
			ws[i].Doc = 0
			if !nameShape(&ws[i]) {
				continue
			}
			r := c.row[ws[i].Stem]
			own := int32(0)
			if tags[k][i] != 0 {
				own = 1
			}
			if c.ents[r]-own == 0 {
				continue // no entity tag elsewhere
			}
			cs := &c.counts[r]
			var mask uint16
			entity := false
			for t, n := range cs {
				if t == tags[k][i] {
					n-- // this occurrence is not "elsewhere"
				}
				if n > 0 {
					mask |= 1 << t
					entity = entity || t != 0
				}
			}
			if entity {
				ws[i].Doc = mask
			}
		}
	}
}

// nameShape: only words (Arabic or Latin) carry document memory.
func nameShape(w *Word) bool { return w.Shape == "a" || w.Shape == "l" }

// ClearDoc removes the document memory of every word.
func ClearDoc(doc [][]Word) {
	for _, ws := range doc {
		for i := range ws {
			ws[i].Doc = 0
		}
	}
}

// TagDocument labels the sentences of one document in two passes (see
// DocMemory); it sets the words' Doc fields. The second pass only adds the
// weights of the document features to the first pass's scores and decodes
// again the sentences they touch.
func (m *Model) TagDocument(doc [][]Word) [][]int {
	ClearDoc(doc)
	n := 0
	for _, ws := range doc {
		n += len(ws)
	}
	l := lattices.Get().(*lattice)
	defer lattices.Put(l)
	l.reset(n)
	out := make([][]int, len(doc))
	flat := make([]int, n)
	off := 0
	for k, ws := range doc {
		l.fillSentence(m, ws, off)
		v := l.view(off, off+len(ws))
		out[k] = flat[off : off+len(ws) : off+len(ws)]
		v.viterbi(out[k])
		off += len(ws)
	}
	l.doc.memory(doc, out)
	off = 0
	var s [numTags]float32
	for k, ws := range doc {
		v := l.view(off, off+len(ws))
		again := false
		for i := range ws {
			if !hasDoc(ws, i) {
				continue
			}
			l.feats = docFeatures(l.feats[:0], ws, i)
			m.scores(l.feats, &s)
			for t, x := range s {
				v.emit[i][t] += x
			}
			again = true
		}
		if again {
			v.viterbi(out[k])
		}
		off += len(ws)
	}
	return out
}
