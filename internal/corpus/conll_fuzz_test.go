package corpus

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadCoNLL: any input gives sentences of non-empty tokens and tags
// without blanks, or an error naming the line.
func FuzzReadCoNLL(f *testing.F) {
	f.Add([]byte("\ufeffزار O\nبوتين B-PERS\n\nموسكو\tB-LOC\n"))
	f.Add([]byte("\u200eكلمة\u200f\n \t\nB-LOC\n"))
	f.Add([]byte("a b c d\n\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sents, err := ReadCoNLL(bytes.NewReader(b), "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		for _, s := range sents {
			if len(s) == 0 {
				t.Fatal("empty sentence")
			}
			for _, tok := range s {
				if tok.Text == "" || strings.TrimSpace(tok.Tag) != tok.Tag {
					t.Fatalf("bad token %+v", tok)
				}
			}
		}
	})
}
