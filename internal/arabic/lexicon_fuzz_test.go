package arabic

import (
	"bytes"
	"testing"
)

// FuzzReadLexicon: any word list loads or fails with an error naming the
// line; a loaded word answers its count.
func FuzzReadLexicon(f *testing.F) {
	f.Add([]byte("# comment\nمفاوضات\t12\nبكين\t3\n"))
	f.Add([]byte("كلمة\t4294967296\n"))
	f.Add([]byte("\t5\n\xff\t1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		lex, err := ReadLexicon(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		lex.Count("مفاوضات")
		lex.Known("صين")
		lex.Lexical("وزير")
	})
}
