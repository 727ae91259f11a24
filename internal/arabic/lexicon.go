package arabic

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
)

// Lexicon counts how often word forms occur in running text, by key form
// (KeyOf of the normalised word). The segmenter asks it whether a stem is a
// word before it splits a clitic off: بكين stays whole because كين is rare
// and بكين is not.
type Lexicon struct {
	counts      map[string]uint32 // by key form
	withArticle map[string]uint32 // count of ال+x, by the key form of x
	hamzaAL     map[string]uint32 // count of words spelled أل/إل/آل+x, by key form of the whole word
}

func newLexicon() *Lexicon {
	return &Lexicon{counts: make(map[string]uint32, 1<<16), withArticle: make(map[string]uint32, 1<<15), hamzaAL: map[string]uint32{}}
}

// add counts one word form given in hamza form.
func (l *Lexicon) add(hform string, n uint32) {
	key := KeyOf(foldAlef(hform))
	l.counts[key] += n
	if rest, ok := strings.CutPrefix(key, "ال"); ok && len(rest) >= 4 {
		if strings.HasPrefix(hform, "ال") {
			l.withArticle[rest] += n
		} else {
			l.hamzaAL[key] += n
		}
	}
}

// foldAlef maps أ إ آ to ا.
func foldAlef(s string) string {
	if !strings.ContainsAny(s, "أإآ") {
		return s
	}
	return alefReplacer.Replace(s)
}

var alefReplacer = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا")

// LexiconPath is the embedded lexicon, built by `rasd train lexicon`.
const LexiconPath = "lexicon/words.tsv.gz"

// ExtraLexiconPath lists words that users add by hand, one per line
// (optionally with a count after a TAB): names the corpora lack.
const ExtraLexiconPath = "lexicon/extra.tsv"

var (
	defaultLexOnce sync.Once
	defaultLex     *Lexicon
	defaultLexErr  error
)

// DefaultLexicon returns the embedded lexicon. If the data files are broken
// (a build defect `rasd dict check` reports) it returns an empty lexicon:
// segmentation then only strips the article.
func DefaultLexicon() *Lexicon {
	defaultLexOnce.Do(func() { defaultLex, defaultLexErr = loadDefaultLexicon() })
	if defaultLexErr != nil {
		return newLexicon()
	}
	return defaultLex
}

// CheckLexicon validates the embedded lexicon files.
func CheckLexicon() error {
	_, err := loadDefaultLexicon()
	return err
}

func loadDefaultLexicon() (*Lexicon, error) {
	f, err := data.FS.Open(LexiconPath)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", LexiconPath, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", LexiconPath, err)
	}
	lex, err := ReadLexicon(zr, "data/"+LexiconPath)
	if err != nil {
		return nil, err
	}
	extra, err := data.FS.Open(ExtraLexiconPath)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", ExtraLexiconPath, err)
	}
	defer extra.Close()
	if err := lex.read(extra, "data/"+ExtraLexiconPath, 1000); err != nil {
		return nil, err
	}
	return lex, nil
}

// ReadLexicon reads "word<TAB>count" lines; '#' starts a comment line.
func ReadLexicon(r io.Reader, name string) (*Lexicon, error) {
	lex := newLexicon()
	return lex, lex.read(r, name, 0)
}

// read adds the lines of r; a line without a count gets defaultCount.
func (l *Lexicon) read(r io.Reader, name string, defaultCount uint32) error {
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		word, count, hasCount := strings.Cut(text, "\t")
		n := uint64(defaultCount)
		if hasCount {
			var err error
			if n, err = strconv.ParseUint(strings.TrimSpace(count), 10, 32); err != nil {
				return fmt.Errorf("%s:%d: count %q: %w", name, line, count, err)
			}
		} else if defaultCount == 0 {
			return fmt.Errorf("%s:%d: want word<TAB>count", name, line)
		}
		hform := HamzaForm(strings.TrimSpace(word))
		if hform == "" {
			return fmt.Errorf("%s:%d: empty word", name, line)
		}
		l.add(hform, uint32(n))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Count returns how often the key form occurred.
func (l *Lexicon) Count(key string) int { return int(l.counts[key]) }

// Known returns how often the key form occurred bare or with the article:
// الصين vouches for صين, which news never writes alone.
func (l *Lexicon) Known(key string) int {
	return int(l.counts[key] + l.withArticle[key])
}

// Lexical returns how often the key form itself carried a clitic: ال, و or
// ب before it. A word that does (وزير in الوزير) is a word in its own
// right; و + قال never shows up as الوقال.
func (l *Lexicon) Lexical(key string) int {
	n := l.withArticle[key]
	var buf [96]byte
	if len(key)+2 > len(buf) {
		return int(n)
	}
	// Not ل: ل + لاتحاد is the contraction of ل + الاتحاد, no evidence.
	for _, p := range [...]string{"و", "ب"} {
		n += l.counts[string(append(append(buf[:0], p...), key...))]
	}
	return int(n)
}

// HamzaSpelled returns how often the key form (which begins with ال) was
// written with a hamza on its alef: إلغاء, ألمانيا. When that outnumbers the
// bare spelling, a bare ال on this word is a dropped hamza, not the article.
func (l *Lexicon) HamzaSpelled(key string) int { return int(l.hamzaAL[key]) }

// Len returns the number of word forms.
func (l *Lexicon) Len() int { return len(l.counts) }

// LexiconBuilder counts word forms in running text.
type LexiconBuilder struct {
	counts map[string]uint32
}

// NewLexiconBuilder returns an empty builder.
func NewLexiconBuilder() *LexiconBuilder {
	return &LexiconBuilder{counts: make(map[string]uint32, 1<<18)}
}

// AddText counts the Arabic words of text, in hamza form.
func (b *LexiconBuilder) AddText(text string) {
	for _, t := range Tokenize(text) {
		if t.Kind == Word {
			b.counts[HamzaForm(text[t.Start:t.End])]++
		}
	}
}

// WriteTo writes the forms seen at least minCount times, most frequent
// first, as gzip-compressed "word<TAB>count" lines with a header comment.
func (b *LexiconBuilder) WriteTo(w io.Writer, minCount int, header string) (int, error) {
	type entry struct {
		word  string
		count uint32
	}
	var entries []entry
	for word, n := range b.counts {
		if int(n) >= minCount {
			entries = append(entries, entry{word, n})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return strings.Compare(a.word, b.word)
	})
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	for _, line := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", line)
	}
	for _, e := range entries {
		fmt.Fprintf(bw, "%s\t%d\n", e.word, e.count)
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return len(entries), zw.Close()
}
