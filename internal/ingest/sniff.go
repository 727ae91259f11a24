package ingest

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Format is the kind of an input, told from its content.
type Format string

const (
	FormatText  Format = "text"
	FormatHTML  Format = "html"
	FormatJSONL Format = "jsonl"
	FormatJSON  Format = "json" // a JSON array of article objects
	FormatFeed  Format = "feed" // RSS 2.0, RSS 1.0 or Atom
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Sniff tells the format of an input from its first bytes (512 are plenty;
// more make the HTML and feed checks surer). It looks at content only:
// a .txt file holding HTML is HTML.
func Sniff(head []byte) Format {
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return FormatText
	}
	switch head[0] {
	case '{':
		return FormatJSONL
	case '[':
		if looksJSONArray(head) {
			return FormatJSON
		}
	case '<':
		lower := bytes.ToLower(head[:min(len(head), 2048)])
		if bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) || bytes.Contains(lower, []byte("<rdf:rdf")) {
			return FormatFeed
		}
		return FormatHTML
	}
	return FormatText
}

// looksJSONArray: "[" then an object, not "[صورة] ..." prose.
func looksJSONArray(head []byte) bool {
	rest := bytes.TrimLeft(head[1:], " \t\r\n")
	return len(rest) == 0 || rest[0] == '{' || rest[0] == ']'
}

// checkText refuses binary data and invalid UTF-8, naming the line and
// offset of the first bad byte.
func checkText(path string, b []byte) *InputError {
	if len(bytes.TrimSpace(bytes.TrimPrefix(b, utf8BOM))) == 0 {
		return inputErr(path, 0, -1, ErrEmpty)
	}
	if i := bytes.IndexByte(b[:min(len(b), 8192)], 0); i >= 0 {
		return inputErr(path, 0, int64(i), fmt.Errorf("%w (NUL byte)", ErrBinary))
	}
	if utf8.Valid(b) {
		return nil
	}
	off := firstInvalid(b)
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	reason := fmt.Errorf("%w at byte %d (0x%02x)", ErrInvalidUTF, off, b[off])
	if looksWindows1256(b) {
		reason = fmt.Errorf("%w at byte %d: the file looks Windows-1256 encoded; convert it with iconv -f cp1256 -t utf-8", ErrInvalidUTF, off)
	}
	return &InputError{Path: path, Line: line, Offset: int64(off), Err: reason}
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// looksWindows1256: mostly bytes in the 0xC1-0xFE range, where that code page
// puts the Arabic letters, and few valid UTF-8 sequences.
func looksWindows1256(b []byte) bool {
	b = b[:min(len(b), 4096)]
	high, arabic := 0, 0
	for _, c := range b {
		if c >= 0x80 {
			high++
			if c >= 0xC1 && c <= 0xFE {
				arabic++
			}
		}
	}
	return high > 20 && arabic*10 >= high*8
}
