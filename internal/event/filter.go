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
	// Agree, when above 0, is the share of annotators who saw an event of
	// Type in the sentence: a soft target for the logistic learner, which
	// then also learns from the sentences the annotators split on.
	Agree float64
	// TrainOnly marks a sentence the detection score leaves out
	// (ambiguous) but that the learner may read.
	TrainOnly bool
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
	first, stop := s.Tokens[0], s.Tokens[1]
	words, digits := 0, false
	for i := first; i < stop; i++ {
		t := d.Tokens[i]
		stem := t.Stem
		if stem == "" {
			stem = t.Text
		}
		fs = append(fs, fnv("s", stem), fnv("b", prev, stem))
		prev = stem
		switch t.Kind {
		case "number":
			digits = true
		case "word":
			words++
		}
		if t.Kind != "word" {
			continue
		}
		p, n := c.match(tk, i, stop)
		if p == nil || p.Reporting {
			continue
		}
		root := p.Code[:2]
		fs = append(fs, fnv("t", root), fnv("c", p.Code), fnv("p", p.Code, tk.key(i)))
		// The trigger's context: what governs it and what it governs tell
		// a report (قتل 13 شخصا، في هجوم انتحاري) from a mention (منذ
		// الهجوم، لم تهاجم، محاكمة المتهمين بالهجوم).
		before, after := "<s>", "</s>"
		if i > first {
			before = tk.key(i - 1)
		}
		if i+n < stop {
			after = tk.key(i + n)
			if d.Tokens[i+n].Kind == "number" {
				after = "<num>"
			}
		}
		form := "verb"
		if nounTrigger(t) {
			form = "noun"
		}
		fs = append(fs, fnv("tb", root, before), fnv("ta", root, after), fnv("tf", root, form))
		for k := i - 1; k >= first && k >= i-3; k-- {
			key := tk.key(k)
			switch {
			case negations[key]:
				fs = append(fs, fnv("neg", root))
			case intentWords[key] || key == "قد":
				fs = append(fs, fnv("int", root, key))
			case backgroundLead[key]:
				fs = append(fs, fnv("bg", root))
			}
		}
		i += n - 1
	}
	for k := first; k < stop && k < first+8; k++ {
		if hypothetical[tk.key(k)] {
			fs = append(fs, fnv("hyp"))
		}
	}
	if digits {
		fs = append(fs, fnv("digits"))
	}
	fs = append(fs, fnv("len", fmt.Sprint(min(words/10, 5))), fnv("bias"))
	for _, e := range d.Entities {
		if e.Span != nil && e.Span.Start >= s.Span.Start && e.Span.End <= s.Span.End {
			fs = append(fs, fnv("e", e.Type))
		}
	}
	for _, x := range d.Dates {
		if x.Span.Start >= s.Span.Start && x.Span.End <= s.Span.End {
			fs = append(fs, fnv("d", x.Type))
		}
	}
	// Binary features: a word that repeats counts once.
	slices.Sort(fs)
	return slices.Compact(fs)
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

// TrainOptions tunes the filter's training.
type TrainOptions struct {
	Epochs int
	Seed   uint64
	// Learner is "logistic" (L2-regularised logistic regression, the
	// default) or "perceptron" (averaged, positives up-weighted).
	Learner string
	// L2 is the logistic learner's regularisation per example.
	L2 float64
	// PosWeight weighs a positive against a negative in the logistic
	// loss; 0 balances the classes.
	PosWeight float64
	// CodedOnly trains on the sentences the patterns coded: the filter is
	// only asked about those.
	CodedOnly bool
	// Soft trains on the annotators' agreement rather than the label.
	Soft bool
}

// DefaultTrainOptions are the settings `rasd train filter` ships with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 20, Seed: 1, Learner: "perceptron", L2: 1e-3, PosWeight: 1.5, CodedOnly: true, Soft: true}
}

// TrainFilter learns one averaged perceptron per type, shuffling with a
// fixed seed.
func TrainFilter(exs []Example, epochs int, seed uint64) *Filter {
	return TrainFilterWith(exs, TrainOptions{Epochs: epochs, Seed: seed, Learner: "perceptron"})
}

// TrainFilterWith learns one model per type with the given options.
func TrainFilterWith(exs []Example, o TrainOptions) *Filter {
	epochs, seed := o.Epochs, o.Seed
	f := &Filter{weights: map[string]map[uint64]float32{}}
	byType := map[string][]Example{}
	for _, e := range exs {
		if o.CodedOnly && !e.Coded || o.Learner == "perceptron" && e.TrainOnly {
			continue
		}
		byType[e.Type] = append(byType[e.Type], e)
	}
	for typ, list := range byType {
		if o.Learner != "perceptron" {
			f.weights[typ] = trainLogistic(list, o)
			continue
		}
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

// trainLogistic fits L2-regularised logistic regression by stochastic
// gradient descent with a decaying rate; features are binary (a feature
// that repeats in a sentence counts once).
func trainLogistic(list []Example, o TrainOptions) map[uint64]float32 {
	pos := 0
	for _, e := range list {
		if e.Positive {
			pos++
		}
	}
	pw := o.PosWeight
	if pw <= 0 && pos > 0 {
		pw = float64(len(list)-pos) / float64(pos)
	}
	if pw <= 0 {
		pw = 1
	}
	feats := make([][]uint64, len(list))
	for k, e := range list {
		xs := slices.Clone(e.Features)
		slices.Sort(xs)
		feats[k] = slices.Compact(xs)
	}
	w := map[uint64]float64{}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed+7))
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	step := 0
	for range max(o.Epochs, 1) {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			step++
			rate := 0.5 / (1 + float64(step)/float64(len(list)))
			var z float64
			for _, x := range feats[k] {
				z += w[x]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if list[k].Positive {
				y = 1
			}
			if o.Soft && list[k].Agree > 0 {
				y = list[k].Agree
			}
			g, cw := p-y, 1+(pw-1)*y
			if !o.Soft && list[k].TrainOnly {
				continue
			}
			for _, x := range feats[k] {
				w[x] -= rate * (cw*g + o.L2*w[x])
			}
		}
	}
	out := map[uint64]float32{}
	for x, v := range w {
		if math.Abs(v) > 1e-4 {
			out[x] = float32(v)
		}
	}
	return out
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
