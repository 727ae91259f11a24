package arabic

import (
	"unicode"
	"unicode/utf8"
)

// TokenKind classifies a token.
type TokenKind uint8

const (
	Word    TokenKind = iota + 1 // Arabic word
	Latin                        // word in Latin script
	Number                       // 1.5, 2,5, 6ر1, ١٠
	Punct                        // ، ؛ ؟ « » . ! and other marks
	Symbol                       // % $ + and other symbols
	URL                          // http://…, www.…
	Email                        // name@example.com
	Hashtag                      // #وسم
	Mention                      // @user
)

var kindNames = [...]string{Word: "word", Latin: "latin", Number: "number", Punct: "punct", Symbol: "symbol", URL: "url", Email: "email", Hashtag: "hashtag", Mention: "mention"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// MarshalText writes the kind's name.
func (k TokenKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name.
func (k *TokenKind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) && n != "" {
			*k = TokenKind(i)
			return nil
		}
	}
	*k = 0
	return nil
}

// Token is a span of the original text and its normalised form:
// NormalizeString(text[Start:End]) == Text, always.
type Token struct {
	Start, End int
	Kind       TokenKind
	Text       string
}

// IsWord reports whether the token is a word of either script.
func (t Token) IsWord() bool { return t.Kind == Word || t.Kind == Latin }

// Tokenize splits text into tokens. Spaces separate tokens and are not
// tokens; everything else belongs to exactly one token.
func Tokenize(text string) []Token {
	// News runs at about ten bytes a token and rarely below eight.
	return AppendTokens(make([]Token, 0, len(text)/8+4), text, 0, len(text))
}

// AppendTokens appends the tokens of text[start:end] to dst, with spans
// into text.
func AppendTokens(dst []Token, text string, start, end int) []Token {
	s := text[:end]
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSkippable(r, size) {
			i += size
			continue
		}
		kind, j := scanToken(s, i, r)
		if j <= i { // cannot happen; guard against a stuck scanner
			j = i + size
		}
		text := NormalizeString(s[i:j])
		if text == "" && kind == Word {
			kind = Symbol // a lone tatweel or stray harakat: no word to read
		}
		dst = append(dst, Token{Start: i, End: j, Kind: kind, Text: text})
		i = j
	}
	return dst
}

// isSkippable: spaces, invisible controls and invalid bytes separate tokens.
func isSkippable(r rune, size int) bool {
	return IsSpace(r) || IsInvisible(r) || r == utf8.RuneError && size <= 1
}

// scanToken reads one token starting at i, whose first rune is r.
func scanToken(s string, i int, r rune) (TokenKind, int) {
	switch {
	case isArabicWordRune(r):
		return Word, scanArabicWord(s, i)
	case IsDigit(r):
		return Number, scanNumber(s, i)
	case r == '#' || r == '＃':
		if j := scanWhile(s, i+utf8.RuneLen(r), isTagRune); j > i+utf8.RuneLen(r) {
			return Hashtag, j
		}
	case r == '@':
		if j := scanWhile(s, i+1, isHandleRune); j > i+1 {
			return Mention, j
		}
	case isLatinLetter(r):
		if j, ok := scanURL(s, i); ok {
			return URL, j
		}
		if j, ok := scanEmail(s, i); ok {
			return Email, j
		}
		return Latin, scanWhile(s, i, func(r rune) bool { return isLatinLetter(r) || r >= '0' && r <= '9' })
	case r == '.':
		return Punct, scanWhile(s, i, func(r rune) bool { return r == '.' }) // "..." is one mark
	case unicode.IsPunct(r):
		return Punct, i + utf8.RuneLen(r)
	}
	if j, ok := scanEmail(s, i); ok && isHandleRune(r) {
		return Email, j
	}
	return Symbol, i + utf8.RuneLen(r)
}

func scanWhile(s string, i int, ok func(rune) bool) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !ok(r) {
			break
		}
		i += size
	}
	return i
}

// scanArabicWord is scanWhile(s, i, isArabicWordRune), written out for the
// tokeniser's hottest loop: the letters of the basic Arabic block are two
// bytes, D8 or D9 then a continuation byte, and are decoded in place.
func scanArabicWord(s string, i int) int {
	for i < len(s) {
		if c := s[i]; (c == 0xD8 || c == 0xD9) && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			if r >= 0x0621 && r <= 0x063A || r >= 0x0641 && r <= 0x064A || isArabicWordRune(r) {
				i += 2
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isArabicWordRune(r) {
			break
		}
		i += size
	}
	return i
}

// isArabicWordRune: letters, harakat, tatweel and the joiners that sit
// inside Arabic words.
func isArabicWordRune(r rune) bool {
	return IsLetter(r) || IsDiacritic(r) || r == Tatweel || r == 0x200C || r == 0x200D
}

func isLatinLetter(r rune) bool {
	return r < 0x250 && unicode.IsLetter(r)
}

func isTagRune(r rune) bool {
	return isArabicWordRune(r) || isLatinLetter(r) || IsDigit(r) || r == '_'
}

func isHandleRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-' || r == '+' || r == '%')
}

// scanNumber reads digits with inner separators: 1.5, 1,000, 2,5, ١٫٥, and
// 6ر1, the Levantine press's decimal mark.
func scanNumber(s string, i int) int {
	j := scanWhile(s, i, IsDigit)
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r != '.' && r != ',' && r != '٫' && r != '٬' && r != 'ر' {
			break
		}
		next, _ := utf8.DecodeRuneInString(s[j+size:])
		if !IsDigit(next) {
			break
		}
		j = scanWhile(s, j+size, IsDigit)
	}
	return j
}

// scanURL reads http://…, https://… or www.… up to a space, dropping
// trailing punctuation that ends the sentence around it.
func scanURL(s string, i int) (int, bool) {
	rest := s[i:]
	if !hasPrefixFold(rest, "http://") && !hasPrefixFold(rest, "https://") && !hasPrefixFold(rest, "www.") {
		return 0, false
	}
	j := scanWhile(s, i, func(r rune) bool {
		return !IsSpace(r) && !IsInvisible(r) && r != '"' && r != '«' && r != '»' && r != '<' && r != '>' && r != '،' && r != utf8.RuneError
	})
	for j > i {
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if r != '.' && r != ',' && r != ')' && r != ':' && r != ';' && r != '!' && r != '?' && r != '؟' && r != '\'' {
			break
		}
		j -= size
	}
	return j, j > i+4
}

// scanEmail reads local@domain.tld.
func scanEmail(s string, i int) (int, bool) {
	at := scanWhile(s, i, func(r rune) bool { return isHandleRune(r) && r != '-' || r == '-' })
	if at >= len(s) || s[at] != '@' || at == i {
		return 0, false
	}
	j := scanWhile(s, at+1, func(r rune) bool {
		return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-')
	})
	for j > at+1 && s[j-1] == '.' {
		j--
	}
	dot := -1
	for k := at + 1; k < j; k++ {
		if s[k] == '.' {
			dot = k
		}
	}
	if dot < 0 || j-dot < 3 {
		return 0, false
	}
	return j, true
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}
