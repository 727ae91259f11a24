package analyze

import (
	"strings"
	"sync"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
)

// wordInfo is what the stages derive from one Arabic word as written,
// whatever its context: its segmentation and the labeller's word-level
// features. Entries are shared and never changed.
type wordInfo struct {
	morph  arabic.Morph
	ner    ner.Word      // without the contextual Gaz and Doc
	starts *actor.Starts // the dictionary names that may start at the word
}

// maxWords bounds the memo of analysed words.
const maxWords = 1 << 18

// wordMemo memoises wordInfo by the word as written: news repeats its
// words, and one lookup here replaces the lookups that the segmenter,
// the lexicon, the word classes and the entity lexicon would each make.
type wordMemo struct {
	mu     sync.RWMutex
	m      map[string]*wordInfo // Arabic words by the word as written
	others map[string]*wordInfo // other tokens (numbers, Latin words, punctuation) by their normalised text
}

// entry returns the memo's entry of key in the map of Arabic words, or of
// other tokens, built and added (while there is room) when missing.
func (memo *wordMemo) entry(arabicWord bool, key string, build func() *wordInfo) *wordInfo {
	m := &memo.others
	if arabicWord {
		m = &memo.m
	}
	memo.mu.RLock()
	w := (*m)[key]
	memo.mu.RUnlock()
	if w != nil {
		return w
	}
	w = build()
	memo.mu.Lock()
	defer memo.mu.Unlock()
	if *m == nil {
		*m = make(map[string]*wordInfo, 1<<14)
	}
	if len(*m) < maxWords {
		(*m)[strings.Clone(key)] = w // a clone: key points into a whole document
	}
	return w
}

// word returns the analysis of an Arabic word token (orig as written,
// normal its normalised text).
func (a *Analyzer) word(orig, normal string) *wordInfo {
	return a.memo.entry(true, orig, func() *wordInfo {
		w := &wordInfo{morph: a.words.Morph(orig, normal)}
		w.ner = a.nerWord(normal, w.morph.Stem, w.morph.Proclitics)
		w.starts = a.dict.StartsOf(actor.Token{Key: w.ner.Key, Pro: w.morph.Proclitics})
		return w
	})
}

// other returns the labeller's and the dictionary's view of a token that
// is no Arabic word (normal its normalised text); it has no morphology.
func (a *Analyzer) other(normal string) *wordInfo {
	return a.memo.entry(false, normal, func() *wordInfo {
		w := &wordInfo{ner: a.nerWord(normal, "", "")}
		w.starts = a.dict.StartsOf(actor.Token{Key: w.ner.Key})
		return w
	})
}

// nerWord is the labeller's view of one token on its own: ner.MakeWord
// and the word-level part of Resources.Enrich (the resources have no
// gazetteer, so Enrich reads nothing beyond the word).
func (a *Analyzer) nerWord(normal, stem, pro string) ner.Word {
	ws := [1]ner.Word{ner.MakeWord(a.res.Lexicon, normal, stem, pro)}
	a.res.Enrich(ws[:])
	if a.ner != nil {
		a.ner.Prepare(&ws[0])
	}
	return ws[0]
}
