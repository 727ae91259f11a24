package analyze

import (
	"strings"
	"sync"

	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
)

// wordInfo is what the stages derive from one Arabic word as written,
// whatever its context: its segmentation and the labeller's word-level
// features. Entries are shared and never changed.
type wordInfo struct {
	morph arabic.Morph
	ner   ner.Word // without the contextual Gaz and Doc
}

// maxWords bounds the memo of analysed words.
const maxWords = 1 << 18

// wordMemo memoises wordInfo by the word as written: news repeats its
// words, and one lookup here replaces the lookups that the segmenter,
// the lexicon, the word classes and the entity lexicon would each make.
type wordMemo struct {
	mu sync.RWMutex
	m  map[string]*wordInfo
}

// word returns the analysis of an Arabic word token (orig as written,
// normal its normalised text).
func (a *Analyzer) word(orig, normal string) *wordInfo {
	a.memo.mu.RLock()
	w, ok := a.memo.m[orig]
	a.memo.mu.RUnlock()
	if ok {
		return w
	}
	w = &wordInfo{morph: a.words.Morph(orig, normal)}
	w.ner = a.nerWord(normal, w.morph.Stem, w.morph.Proclitics)
	a.memo.mu.Lock()
	if a.memo.m == nil {
		a.memo.m = make(map[string]*wordInfo, 1<<14)
	}
	if len(a.memo.m) < maxWords {
		a.memo.m[strings.Clone(orig)] = w // orig points into a whole document
	}
	a.memo.mu.Unlock()
	return w
}

// nerWord is the labeller's view of one token on its own: ner.MakeWord
// and the word-level part of Resources.Enrich (the resources have no
// gazetteer, so Enrich reads nothing beyond the word).
func (a *Analyzer) nerWord(normal, stem, pro string) ner.Word {
	ws := [1]ner.Word{ner.MakeWord(a.res.Lexicon, normal, stem, pro)}
	a.res.Enrich(ws[:])
	return ws[0]
}
