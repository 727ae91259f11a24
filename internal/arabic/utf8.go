package arabic

import "unicode/utf8"

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the two-byte sequences
// that Arabic text is made of decoded inline: the standard function takes
// its slow path for every rune above ASCII, and the tokeniser and the
// normaliser decode every rune of the news.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	} else if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return decodeLongRune(s, i)
}

// decodeLongRune decodes the rest: three- and four-byte sequences and
// invalid bytes.
func decodeLongRune(s string, i int) (rune, int) {
	return utf8.DecodeRuneInString(s[i:])
}
