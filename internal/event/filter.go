package event

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/document"
)

// Filter is a learned check on sentences that the patterns code as attacks
// or protests: dictionary coders over-generate ("a suspect was arrested for
// the attack" is no attack), and a perceptron over the sentence's stems,
// stem pairs and fired patterns, trained on the labelled gold standard,
// tells the event from the mention.
type Filter struct {
	weights map[string]map[uint64]float32 // PLOVER type -> feature -> weight
}

// FilterPath is the embedded filter model, built by `rasd train filter`.
const FilterPath = "events/filter.bin.gz"

// Example is a labelled sentence for the filter.
type Example struct {
	Type     string // PLOVER type: ASSAULT, PROTEST
	Features []uint64
	Positive bool
	Coded    bool // the patterns coded an event of Type in the sentence
}

func fnv(parts ...string) uint64 {
	h := uint64(14695981039346656037)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return h
}

// Features describes sentence s of d for the filter.
func (c *Coder) Features(d *document.Document, s document.Sentence) []uint64 {
	return c.features(newTokenKeys(d), s)
}

func (c *Coder) features(tk *tokenKeys, s document.Sentence) []uint64 {
	d := tk.d
	var fs []uint64
	prev := "<s>"
	for i := s.Tokens[0]; i < s.Tokens[1]; i++ {
		t := d.Tokens[i]
		stem := t.Stem
		if stem == "" {
			stem = t.Text
		}
		fs = append(fs, fnv("s", stem), fnv("b", prev, stem))
		prev = stem
		if t.Kind == "word" {
			if p, _ := c.match(tk, i, s.Tokens[1]); p != nil && !p.Reporting {
				fs = append(fs, fnv("t", p.Code[:2]), fnv("c", p.Code))
			}
		}
	}
	fs = append(fs, fnv("bias"))
	for _, e := range d.Entities {
		if e.Span != nil && e.Span.Start >= s.Span.Start && e.Span.End <= s.Span.End {
			fs = append(fs, fnv("e", e.Type))
		}
	}
	return fs
}

// Vets reports whether the filter has a model for PLOVER type typ; the
// coder builds a sentence's features only for the types it vets.
func (f *Filter) Vets(typ string) bool {
	if f == nil {
		return false
	}
	_, ok := f.weights[typ]
	return ok
}

// Score is the filter's margin for a sentence of type typ: positive keeps.
func (f *Filter) Score(typ string, feats []uint64) (float32, bool) {
	if f == nil {
		return 0, false
	}
	w, ok := f.weights[typ]
	if !ok {
		return 0, false
	}
	var s float32
	for _, x := range feats {
		s += w[x]
	}
	return s, true
}

// TrainFilter learns one averaged perceptron per type, shuffling with a
// fixed seed.
func TrainFilter(exs []Example, epochs int, seed uint64) *Filter {
	f := &Filter{weights: map[string]map[uint64]float32{}}
	byType := map[string][]Example{}
	for _, e := range exs {
		byType[e.Type] = append(byType[e.Type], e)
	}
	for typ, list := range byType {
		w, total, stamp := map[uint64]float32{}, map[uint64]float64{}, map[uint64]int{}
		step := 0
		// The gold standard holds far more negatives than positives; a
		// missed event costs as much as the negatives outnumber positives.
		pos := 0
		for _, e := range list {
			if e.Positive {
				pos++
			}
		}
		upWeight := float32(1)
		if pos > 0 {
			upWeight = float32(len(list)-pos) / float32(pos)
		}
		rng := rand.New(rand.NewPCG(seed, seed+7))
		order := make([]int, len(list))
		for i := range order {
			order[i] = i
		}
		for range epochs {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, k := range order {
				ex := list[k]
				step++
				var s float32
				for _, x := range ex.Features {
					s += w[x]
				}
				if (s > 0) != ex.Positive {
					d := upWeight
					if !ex.Positive {
						d = -1
					}
					for _, x := range ex.Features {
						total[x] += float64(step-stamp[x]) * float64(w[x])
						stamp[x] = step
						w[x] += d
					}
				}
			}
		}
		avg := map[uint64]float32{}
		for x, v := range w {
			t := total[x] + float64(step-stamp[x])*float64(v)
			if a := float32(t / float64(step)); math.Abs(float64(a)) > 1e-3 {
				avg[x] = a
			}
		}
		f.weights[typ] = avg
	}
	return f
}

// Save writes the filter: per type, sorted feature hashes and weights.
func (f *Filter) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	types := make([]string, 0, len(f.weights))
	for t := range f.weights {
		types = append(types, t)
	}
	slices.Sort(types)
	le := binary.LittleEndian
	bw.WriteString("RASDFLT1")
	binary.Write(bw, le, uint32(len(types)))
	for _, t := range types {
		ws := f.weights[t]
		keys := make([]uint64, 0, len(ws))
		for k := range ws {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		binary.Write(bw, le, uint32(len(t)))
		bw.WriteString(t)
		binary.Write(bw, le, uint32(len(keys)))
		for _, k := range keys {
			binary.Write(bw, le, k)
			binary.Write(bw, le, ws[k])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadFilter reads what Save wrote.
func ReadFilter(r io.Reader) (*Filter, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("filter: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, 8)
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != "RASDFLT1" {
		return nil, errors.New("filter: not a rasd event filter")
	}
	le := binary.LittleEndian
	var n uint32
	if err := binary.Read(br, le, &n); err != nil || n > 64 {
		return nil, errors.New("filter: corrupt header")
	}
	f := &Filter{weights: map[string]map[uint64]float32{}}
	for range n {
		var l uint32
		if err := binary.Read(br, le, &l); err != nil || l > 64 {
			return nil, errors.New("filter: corrupt type")
		}
		name := make([]byte, l)
		if _, err := io.ReadFull(br, name); err != nil {
			return nil, err
		}
		var k uint32
		if err := binary.Read(br, le, &k); err != nil || k > 1<<24 {
			return nil, errors.New("filter: corrupt size")
		}
		ws := make(map[uint64]float32, k)
		for range k {
			var key uint64
			var v float32
			if err := binary.Read(br, le, &key); err != nil {
				return nil, err
			}
			if err := binary.Read(br, le, &v); err != nil {
				return nil, err
			}
			ws[key] = v
		}
		f.weights[string(name)] = ws
	}
	return f, nil
}

var (
	filterOnce sync.Once
	filterVal  *Filter
)

// DefaultFilter returns the embedded filter, or nil when none is shipped.
func DefaultFilter() *Filter {
	filterOnce.Do(func() {
		file, err := data.FS.Open(FilterPath)
		if errors.Is(err, fs.ErrNotExist) || err != nil {
			return
		}
		defer file.Close()
		filterVal, _ = ReadFilter(file)
	})
	return filterVal
}
