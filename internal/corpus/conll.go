package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// TaggedToken is a token and its tag from a CoNLL-style file.
type TaggedToken struct {
	Text string
	Tag  string
}

// ReadCoNLL reads "token TAG" or "token<TAB>TAG" lines, blank lines between
// sentences. A BOM and the left-to-right marks some corpora carry are
// dropped. Lines with a single field get the tag "O".
func ReadCoNLL(r io.Reader, name string) ([][]TaggedToken, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var sents [][]TaggedToken
	var cur []TaggedToken
	for line := 1; sc.Scan(); line++ {
		text := strings.Map(dropMarks, sc.Text())
		text = strings.TrimSpace(text)
		if text == "" {
			if len(cur) > 0 {
				sents = append(sents, cur)
				cur = nil
			}
			continue
		}
		tok, tag := splitTokenTag(text)
		if tok == "" {
			return nil, fmt.Errorf("%s:%d: no token", name, line)
		}
		cur = append(cur, TaggedToken{Text: tok, Tag: tag})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(cur) > 0 {
		sents = append(sents, cur)
	}
	return sents, nil
}

// ReadCoNLLFile reads a CoNLL-style file.
func ReadCoNLLFile(path string) ([][]TaggedToken, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLL(f, path)
}

func splitTokenTag(line string) (string, string) {
	if i := strings.LastIndexAny(line, "\t "); i > 0 {
		return strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
	}
	return line, "O"
}

func dropMarks(r rune) rune {
	switch r {
	case '\ufeff', '\u200e', '\u200f':
		return -1
	}
	return r
}
