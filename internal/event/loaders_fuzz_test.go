package event

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/rasd-project/rasd/data"
)

// FuzzLoadOntology: any CAMEO table loads or fails with an error.
func FuzzLoadOntology(f *testing.F) {
	b, err := fs.ReadFile(data.FS, OntologyPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b[:min(len(b), 4096)])
	f.Add([]byte("190\tuse force\tNaN\t4\tASSAULT\t\t\n"))
	f.Add([]byte("x\ty\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := loadOntology(fstest.MapFS{OntologyPath: &fstest.MapFile{Data: b}})
		if err == nil && o == nil {
			t.Fatal("no ontology and no error")
		}
	})
}

// FuzzLoadPatterns: any pattern dictionary, checked against the real
// ontology, loads or fails with errors naming lines.
func FuzzLoadPatterns(f *testing.F) {
	ont, err := DefaultOntology()
	if err != nil {
		f.Fatal(err)
	}
	b, err := fs.ReadFile(data.FS, PatternsPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b[:min(len(b), 4096)])
	f.Add([]byte("# REPORTING\n010\tقال|أعلن\t-\tREPORTING\n042\tزار\tموسكو|\t\n042\tزار\t\t\n"))
	f.Add([]byte("999\tx\n\t\n042\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, _ := LoadPatterns(fstest.MapFS{PatternsPath: &fstest.MapFile{Data: b}}, ont)
		if p == nil {
			t.Fatal("nil patterns")
		}
		for _, pat := range p.all {
			if !ont.Has(pat.Code) {
				t.Fatalf("pattern with unknown code %q kept", pat.Code)
			}
		}
	})
}

// FuzzReadFilter reads arbitrary filter files; the fuzzed bytes are the
// content inside the gzip layer, where the format's own fields are.
func FuzzReadFilter(f *testing.F) {
	var seed bytes.Buffer
	seed.WriteString("RASDFLT1")
	le := binary.LittleEndian
	binary.Write(&seed, le, uint32(1))
	binary.Write(&seed, le, uint32(6))
	seed.WriteString("ASSAUL")
	binary.Write(&seed, le, uint32(2))
	binary.Write(&seed, le, []uint64{7})
	binary.Write(&seed, le, []float32{0.5})
	binary.Write(&seed, le, []uint64{9})
	binary.Write(&seed, le, []float32{-1})
	f.Add(seed.Bytes())
	f.Add([]byte("RASDFLT1\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(b)
		zw.Close()
		flt, err := ReadFilter(&z)
		if err == nil && flt == nil {
			t.Fatal("no filter and no error")
		}
		// Not gzip at all is an error, not a panic.
		ReadFilter(bytes.NewReader(b))
	})
}
