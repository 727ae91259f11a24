package analyze

import (
	"sync"

	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/arabic"
	"github.com/rasd-project/rasd/internal/ner"
)

// scratch holds a document's per-token working slices, which no stage
// keeps once Document returns, for the next document: they are most of
// what the analysis allocates besides its output.
type scratch struct {
	textTokens []arabic.Token
	words      []*wordInfo
	toks       []actor.Token
	nerWords   []ner.Word
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// wordInfos returns n nil memo entries.
func (sc *scratch) wordInfos(n int) []*wordInfo {
	if cap(sc.words) < n {
		sc.words = make([]*wordInfo, n)
	}
	sc.words = sc.words[:n]
	clear(sc.words)
	return sc.words
}

// tokens returns n zero tokens: tokens outside every sentence stay zero.
func (sc *scratch) tokens(n int) []actor.Token {
	if cap(sc.toks) < n {
		sc.toks = make([]actor.Token, n)
	}
	sc.toks = sc.toks[:n]
	clear(sc.toks)
	return sc.toks
}

// nerWordsFor returns an empty slice with room for n words.
func (sc *scratch) nerWordsFor(n int) []ner.Word {
	if cap(sc.nerWords) < n {
		sc.nerWords = make([]ner.Word, 0, n)
	}
	return sc.nerWords[:0]
}
