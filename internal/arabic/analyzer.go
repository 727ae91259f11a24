package arabic

import (
	"bufio"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
)

// Term is an index term and where it came from.
type Term struct {
	Text       string // the analysed form
	Pos        int    // position among the terms of the text, from 0
	Start, End int    // byte span of the token in the original text
}

// Analyzer turns text into search terms: normalise, tokenise, split
// clitics, light-stem, drop stop words. Arabic and Latin words and numbers
// become terms; punctuation does not. It is safe for concurrent use.
type Analyzer struct {
	seg  *Segmenter
	stop map[string]bool

	mu    sync.RWMutex
	cache map[string]Morph // word as written -> its analysis
}

// StopwordsPath is the embedded stop-word list.
const StopwordsPath = "lexicon/stopwords.txt"

// maxCache bounds the memo of analysed words.
const maxCache = 1 << 18

// NewAnalyzer returns an analyzer over the default lexicon and stop words.
func NewAnalyzer() *Analyzer {
	return &Analyzer{seg: NewSegmenter(nil), stop: DefaultStopwords(), cache: make(map[string]Morph, 1<<14)}
}

var (
	stopOnce sync.Once
	stopSet  map[string]bool
)

// DefaultStopwords returns the embedded stop words, in key form.
func DefaultStopwords() map[string]bool {
	stopOnce.Do(func() {
		stopSet = map[string]bool{}
		f, err := data.FS.Open(StopwordsPath)
		if err != nil {
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			if w == "" || strings.HasPrefix(w, "#") {
				continue
			}
			stopSet[KeyOf(NormalizeString(w))] = true
		}
	})
	return stopSet
}

// Analyze returns the terms of text.
func (a *Analyzer) Analyze(text string) []Term {
	return a.Terms(text, Tokenize(text))
}

// Terms analyses tokens already cut from text (the document's token
// layer), so that nothing is tokenised twice.
func (a *Analyzer) Terms(text string, tokens []Token) []Term {
	terms := make([]Term, 0, len(tokens))
	for _, t := range tokens {
		var term string
		switch t.Kind {
		case Word:
			term = a.word(text[t.Start:t.End], t.Text)
		case Latin, Number, Hashtag, Mention:
			if !a.stop[t.Text] {
				term = t.Text
			}
		}
		if term != "" {
			terms = append(terms, Term{Text: term, Pos: len(terms), Start: t.Start, End: t.End})
		}
	}
	return terms
}

// Morph is the analysis of one Arabic word.
type Morph struct {
	Proclitics string // key form, e.g. "وبال"
	Enclitic   string // key form, e.g. "ها"
	Stem       string // light stem, key form
	Stop       bool   // a stop word: no search term
}

// Term is the search term of the word, "" for a stop word.
func (m Morph) Term() string {
	if m.Stop {
		return ""
	}
	return m.Stem
}

// Word analyses one Arabic word (as written) into its term, "" for a stop
// word.
func (a *Analyzer) Word(word string) string {
	return a.Morph(word, NormalizeString(word)).Term()
}

func (a *Analyzer) word(orig, normal string) string {
	return a.Morph(orig, normal).Term()
}

// Morph analyses a word given as written (orig) and normalised. Results are
// memoised by the written form: two spellings with one key (الغاء، إلغاء)
// may segment differently.
func (a *Analyzer) Morph(orig, normal string) Morph {
	a.mu.RLock()
	m, ok := a.cache[orig]
	a.mu.RUnlock()
	if ok {
		return m
	}
	m = a.analyse(KeyOf(normal), orig)
	a.mu.Lock()
	if len(a.cache) < maxCache {
		a.cache[strings.Clone(orig)] = m // a clone: orig points into a whole document
	}
	a.mu.Unlock()
	return m
}

func (a *Analyzer) analyse(key, orig string) Morph {
	seg := a.seg.Segment(key, HamzaForm(orig))
	m := Morph{Proclitics: seg.Proclitics, Enclitic: seg.Enclitic, Stem: a.seg.Stem(seg.Stem, seg.TaMarbuta)}
	// Stop words are judged after segmentation (وقد is و + قد), and on the
	// whole word only when it did not split: وأوضح splits into و + أوضح.
	split := seg.Proclitics != "" || seg.Enclitic != ""
	m.Stop = a.stop[seg.Stem] && seg.Enclitic == "" || a.stop[key] && !split
	return m
}
