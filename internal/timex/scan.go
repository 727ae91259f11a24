package timex

import (
	"unicode"
	"unicode/utf8"

	"github.com/rasd-project/rasd/internal/arabic"
)

type tokenKind uint8

const (
	wordToken tokenKind = iota
	numberToken
	punctToken
)

// token is a word, a run of digits or one punctuation mark, with its byte
// span in the scanned text.
type token struct {
	start, end int
	kind       tokenKind
	key        string // arabic.Key of a word; the mark itself for punctuation
	num        int    // value of a number
	digits     int    // number of digits of a number
}

// scan splits s into tokens. It is deliberately simple: dates need words,
// digit runs and the few marks between them.
func scan(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case arabic.IsSpace(r) || arabic.IsInvisible(r) || r == utf8.RuneError:
			i += size
		case arabic.IsDigit(r):
			j, n, digits := i, 0, 0
			for j < len(s) {
				r, sz := utf8.DecodeRuneInString(s[j:])
				d, ok := arabic.DigitValue(r)
				if !ok {
					break
				}
				if digits < 9 {
					n = n*10 + d
				}
				digits++
				j += sz
			}
			toks = append(toks, token{start: i, end: j, kind: numberToken, num: n, digits: digits})
			i = j
		case isWordRune(r):
			j := i
			for j < len(s) {
				r, sz := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				j += sz
			}
			toks = append(toks, token{start: i, end: j, kind: wordToken, key: arabic.Key(s[i:j])})
			i = j
		default:
			toks = append(toks, token{start: i, end: i + size, kind: punctToken, key: s[i : i+size]})
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	return arabic.IsLetter(r) || arabic.IsDiacritic(r) || r == arabic.Tatweel || (r < 0x250 && unicode.IsLetter(r))
}
