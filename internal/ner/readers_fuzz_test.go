package ner

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"testing"
)

func gz(b []byte) *bytes.Buffer {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return &z
}

// FuzzReadModel reads arbitrary model files; the fuzzed bytes are the
// content inside the gzip layer. The row count is kept small by the seeds'
// shape, so that the fuzzer explores the format rather than allocations.
func FuzzReadModel(f *testing.F) {
	var seed bytes.Buffer
	le := binary.LittleEndian
	seed.WriteString(modelMagic)
	binary.Write(&seed, le, uint32(modelVersion))
	binary.Write(&seed, le, uint32(4))
	seed.WriteString("info")
	binary.Write(&seed, le, uint32(1))
	binary.Write(&seed, le, float32(0.01))
	binary.Write(&seed, le, uint64(42))
	seed.Write(make([]byte, 2*numTags))
	f.Add(seed.Bytes())
	f.Add([]byte(modelMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadModel(gz(b))
		if err == nil && m == nil {
			t.Fatal("no model and no error")
		}
		ReadModel(bytes.NewReader(b))
	})
}

// FuzzReadEntityLexicon reads arbitrary entity lexicons (inside gzip).
func FuzzReadEntityLexicon(f *testing.F) {
	f.Add([]byte("# stem counts\nبوتين\t10\t0\t0\t0\t1\n"))
	f.Add([]byte("x\t1\t2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ReadEntityLexicon(gz(b))
		if err == nil && e == nil {
			t.Fatal("no lexicon and no error")
		}
		e.Len()
	})
}

// FuzzReadClusters reads arbitrary word-class files (inside gzip).
func FuzzReadClusters(f *testing.F) {
	f.Add([]byte("وزير\t12\t3\nبكين\t65535\t0\n"))
	f.Add([]byte("x\t65536\t1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ReadClusters(gz(b))
		if err == nil && c == nil {
			t.Fatal("no clusters and no error")
		}
		c.Len()
	})
}
