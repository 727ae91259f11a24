package ner

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
)

// Word is a token as the labeller reads it. Callers fill it from the token
// layer (Words builds it from normalised token texts).
type Word struct {
	Key    string // arabic.KeyOf of the normalised token
	Stem   string // clitic-stripped light stem (key form)
	Pro    string // proclitics split off
	Shape  string // "a" Arabic, "l" Latin, "d" digits, "p" punctuation, "x" other
	Lex    string // how the lexicon sees the stem: frequency and article use
	Gaz    string // gazetteer label of the token: "LOC-B", "PERS-I", ""
	Fine   uint16 // distributional class of the stem (see Clusters), +1; 0 if none
	Coarse uint16
	Ent    string // what other annotated corpora say of the stem (see EntityLexicon)
	Doc    uint16 // tags a first pass gave the same stem elsewhere in the document (bit per tag; see DocMemory)

	scores *wordScores // the model's sums for the word, set by Model.Prepare
}

// Resources are what the labeller's features read besides the words.
type Resources struct {
	Analyzer *arabic.Analyzer
	Lexicon  *arabic.Lexicon
	Clusters *Clusters
	Entities *EntityLexicon
	Gaz      Gazetteer
}

// Words builds the labeller's view of a token sequence given as written
// texts (a CoNLL sentence or a span of the token layer).
func Words(r *Resources, texts []string) []Word {
	ws := make([]Word, len(texts))
	for i, t := range texts {
		ws[i] = word(r.Analyzer, r.Lexicon, t)
	}
	r.Enrich(ws)
	return ws
}

// TextDocument tokenises text, cuts it into sentences and builds the
// labeller's view of each: a document for Model.TagDocument.
func TextDocument(r *Resources, text string) [][]Word {
	toks := arabic.Tokenize(text)
	var doc [][]Word
	for _, s := range arabic.Sentences(text, toks, 0, len(toks)) {
		texts := make([]string, 0, s.Stop-s.First)
		for _, t := range toks[s.First:s.Stop] {
			texts = append(texts, text[t.Start:t.End])
		}
		doc = append(doc, Words(r, texts))
	}
	return doc
}

func word(an *arabic.Analyzer, lex *arabic.Lexicon, text string) Word {
	normal := arabic.NormalizeString(text)
	stem, pro := "", ""
	if shape(normal) == "a" {
		m := an.Morph(text, normal)
		stem, pro = m.Stem, m.Proclitics
	}
	return MakeWord(lex, normal, stem, pro)
}

// MakeWord builds a word from what the token layer already knows: the
// normalised text and, for Arabic words, the stem and proclitics.
func MakeWord(lex *arabic.Lexicon, normal, stem, pro string) Word {
	w := Word{Key: arabic.KeyOf(normal), Shape: shape(normal), Stem: stem, Pro: pro}
	if w.Shape == "a" {
		w.Lex = lexClass(lex, w.Key, w.Stem)
	}
	if w.Stem == "" {
		w.Stem = w.Key
	}
	return w
}

// Enrich adds the resources' word-level features (classes, entity lexicon,
// gazetteer) to words built with MakeWord.
func (r *Resources) Enrich(ws []Word) {
	for i := range ws {
		if f, c, ok := r.Clusters.Class(ws[i].Stem); ok {
			ws[i].Fine, ws[i].Coarse = f+1, c+1
		}
		ws[i].Ent = r.Entities.Class(ws[i].Stem)
	}
	if r.Gaz != nil {
		r.Gaz.Mark(ws)
	}
}

func shape(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case arabic.IsLetter(r):
		return "a"
	case r >= '0' && r <= '9':
		return "d"
	case r < 0x250 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f):
		return "l"
	case strings.ContainsRune(".,،؛:;!?؟\"'«»()[]-–—/", r):
		return "p"
	}
	return "x"
}

// lexClass sums up what the corpus lexicon says of a word: how common it
// is, and whether it takes the article (common nouns do, names do not).
func lexClass(lex *arabic.Lexicon, key, stem string) string {
	n := lex.Count(key)
	freq := "f" + string(rune('0'+min(bits.Len(uint(n)), 9)))
	bare, withArt := lex.Count(stem), lex.Known(stem)-lex.Count(stem)
	art := "u"
	switch {
	case bare+withArt == 0:
	case withArt == 0:
		art = "n" // never with ال: a name, often
	case withArt*4 < bare:
		art = "r"
	case bare*4 < withArt:
		art = "a"
	default:
		art = "m"
	}
	return freq + art
}

// Feature templates. Each feature is a hash of its template and values.
const (
	fBias = iota
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fS0
	fSm1
	fSp1
	fPro0
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fShape0
	fShapes
	fPrevTag
	fLex0
	fLexm1
	fLexp1
	fGaz0
	fGazm1
	fGazp1
	fGazLex
	fWm1W0
	fW0Wp1
	fSm1S0
	fFirst
	fPrevTagS0
	fSm2
	fSp2
	fC0
	fCc0
	fCm1
	fCp1
	fCm1C0
	fC0Cp1
	fCcm1Cc0
	fEnt0
	fEntm1
	fEntp1
	fEntm1Ent0
	fDocTag0
	fDocMask0
	fDocMaskm1
	fDocMaskp1
	fDocMaskLex0
	numTemplates
)

// hasher builds FNV-1a hashes of feature values without allocating.
type hasher uint64

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

func start(template int) hasher {
	h := hasher(fnvOffset)
	return h.byte(byte(template))
}

func (h hasher) byte(b byte) hasher {
	return (h ^ hasher(b)) * fnvPrime
}

func (h hasher) num(n uint16) hasher {
	return h.byte(byte(n)).byte(byte(n >> 8))
}

func (h hasher) str(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ hasher(s[i])) * fnvPrime
	}
	return h.byte(0xff)
}

// at returns word i, or a boundary word outside the sentence.
func at(ws []Word, i int) *Word {
	if i < 0 {
		return &bos
	}
	if i >= len(ws) {
		return &eos
	}
	return &ws[i]
}

var bos = Word{Key: "<s>", Stem: "<s>", Shape: "<s>", Lex: "<s>"}
var eos = Word{Key: "</s>", Stem: "</s>", Shape: "</s>", Lex: "</s>"}

// prefix and suffix of s in runes.
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// startTag stands for the tag before the first word in edge features.
const startTag = numTags

// tagName names tag t, or the sentence start.
func tagName(t int) string {
	if t == startTag {
		return "<s>"
	}
	return Tags[t]
}

// The features of word i that depend on the previous tag prev (startTag
// at the sentence start) are the transition itself and the transition
// with the stem, which learns that a name word continues a name. The stem
// is hashed once per word (edgeBase) and then joined with each prev.

func transFeature(prev int) uint64 { return uint64(start(fPrevTag).str(tagName(prev))) }

func edgeBase(w *Word) hasher { return start(fPrevTagS0).str(w.Stem) }

func stemEdgeFeature(base hasher, prev int) uint64 { return uint64(base.byte(byte(prev))) }

// edgeFeatures appends both edge features of word i after prev.
func edgeFeatures(dst []uint64, ws []Word, i, prev int) []uint64 {
	return append(dst, transFeature(prev), stemEdgeFeature(edgeBase(&ws[i]), prev))
}

// features appends the hashes of word i's features that do not depend on
// the tags (those are edgeFeatures): the decoder scores them once per word.
// Tagging reads the same features by word (roleFeatures, pairFeatures;
// TestRoleFeaturesAreFeatures holds them equal), but training reads them
// in this order: its feature dropout draws by position, and the shipped
// model comes out of the defaults byte for byte only in this order.
func features(dst []uint64, ws []Word, i int) []uint64 {
	w0, wm1, wp1, wm2, wp2 := at(ws, i), at(ws, i-1), at(ws, i+1), at(ws, i-2), at(ws, i+2)
	add := func(h hasher) { dst = append(dst, uint64(h)) }
	add(start(fBias))
	add(start(fW0).str(w0.Key))
	add(start(fWm1).str(wm1.Key))
	add(start(fWp1).str(wp1.Key))
	add(start(fWm2).str(wm2.Key))
	add(start(fWp2).str(wp2.Key))
	add(start(fS0).str(w0.Stem))
	add(start(fSm1).str(wm1.Stem))
	add(start(fSp1).str(wp1.Stem))
	add(start(fSm2).str(wm2.Stem))
	add(start(fSp2).str(wp2.Stem))
	if w0.Pro != "" {
		add(start(fPro0).str(w0.Pro))
	}
	add(start(fPre2).str(prefix(w0.Stem, 2)))
	add(start(fPre3).str(prefix(w0.Stem, 3)))
	add(start(fSuf1).str(suffix(w0.Key, 1)))
	add(start(fSuf2).str(suffix(w0.Key, 2)))
	add(start(fSuf3).str(suffix(w0.Key, 3)))
	add(start(fShape0).str(w0.Shape))
	add(start(fShapes).str(wm1.Shape).str(w0.Shape).str(wp1.Shape))
	add(start(fLex0).str(w0.Lex))
	add(start(fLexm1).str(wm1.Lex))
	add(start(fLexp1).str(wp1.Lex))
	// Features whose value is "none" are left out rather than sent as a
	// constant: a constant feature is a second bias that drowns the words.
	if w0.Gaz != "" {
		add(start(fGaz0).str(w0.Gaz))
		add(start(fGazLex).str(w0.Gaz).str(w0.Lex))
	}
	if wm1.Gaz != "" {
		add(start(fGazm1).str(wm1.Gaz))
	}
	if wp1.Gaz != "" {
		add(start(fGazp1).str(wp1.Gaz))
	}
	add(start(fWm1W0).str(wm1.Stem).str(w0.Stem))
	add(start(fW0Wp1).str(w0.Stem).str(wp1.Stem))
	add(start(fSm1S0).str(wm1.Key).str(w0.Key))
	if w0.Fine != 0 {
		add(start(fC0).num(w0.Fine))
		add(start(fCc0).num(w0.Coarse))
		add(start(fC0Cp1).num(w0.Fine).num(wp1.Fine))
		add(start(fCcm1Cc0).num(wm1.Coarse).num(w0.Coarse))
	}
	if wm1.Fine != 0 {
		add(start(fCm1).num(wm1.Fine))
		add(start(fCm1C0).num(wm1.Fine).num(w0.Fine))
	}
	if wp1.Fine != 0 {
		add(start(fCp1).num(wp1.Fine))
	}
	if w0.Ent != "" {
		add(start(fEnt0).str(w0.Ent))
		add(start(fEntm1Ent0).str(wm1.Ent).str(w0.Ent))
	}
	if wm1.Ent != "" {
		add(start(fEntm1).str(wm1.Ent))
	}
	if wp1.Ent != "" {
		add(start(fEntp1).str(wp1.Ent))
	}
	if i == 0 {
		add(start(fFirst))
	}
	return docFeatures(dst, ws, i)
}

// docFeatures appends the features of word i that read the document
// memory (Word.Doc): empty on a first pass, where no word has any.
func docFeatures(dst []uint64, ws []Word, i int) []uint64 {
	w0, wm1, wp1 := at(ws, i), at(ws, i-1), at(ws, i+1)
	if w0.Doc != 0 {
		for t := range numTags {
			if w0.Doc&(1<<t) != 0 {
				dst = append(dst, uint64(start(fDocTag0).byte(byte(t))))
			}
		}
		dst = append(dst, uint64(start(fDocMask0).num(w0.Doc)), uint64(start(fDocMaskLex0).num(w0.Doc).str(w0.Lex)))
	}
	if wm1.Doc != 0 {
		dst = append(dst, uint64(start(fDocMaskm1).num(wm1.Doc)))
	}
	if wp1.Doc != 0 {
		dst = append(dst, uint64(start(fDocMaskp1).num(wp1.Doc)))
	}
	return dst
}

// hasDoc reports whether word i or a neighbour carries document memory,
// that is whether docFeatures has anything to say about word i.
func hasDoc(ws []Word, i int) bool {
	return ws[i].Doc != 0 || i > 0 && ws[i-1].Doc != 0 || i+1 < len(ws) && ws[i+1].Doc != 0
}
