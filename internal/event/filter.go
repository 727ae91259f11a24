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
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/actor"
	"github.com/rasd-project/rasd/internal/document"
)

// Filter is a learned check on sentences that the patterns code as attacks
// or protests: dictionary coders over-generate ("a suspect was arrested for
// the attack" is no attack), and a linear model over the sentence's stems,
// stem pairs, fired patterns, each trigger's context and a few cue
// classes, trained on the labelled gold standard, tells the event from the
// mention. One weight per feature, whatever the learner: vetting a
// sentence is a sum.
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
		bare := tk.of(i)[0] // والهجوم، للهجوم and هجوم are one trigger
		fs = append(fs, fnv("t", root), fnv("c", p.Code), fnv("p", p.Code, tk.key(i)), fnv("pb", bare))
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
		fs = append(fs, triggerShape(tk, i, n, first, stop, root, form, bare)...)
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
	fs = append(fs, cueClasses(tk, first, stop)...)
	fs = append(fs, fnv("len", fmt.Sprint(min(words/10, 5))), fnv("bias"))
	for _, e := range d.Entities {
		if e.Actor != nil && actor.Bare(e.Actor.Code) {
			continue // a bare sector noun (مسلحون، المتظاهرون): its words are features already
		}
		if e.Span != nil && e.Span.Start >= s.Span.Start && e.Span.End <= s.Span.End {
			fs = append(fs, fnv("e", e.Type))
			if e.Actor != nil && len(e.Actor.Code) >= 6 {
				fs = append(fs, fnv("er", e.Actor.Code[3:6])) // MIL, REB, COP, CVL: who is in the sentence
			}
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

// triggerShape describes how a trigger sits in its sentence: a past verb
// near the start with a count after it (قتل أمس سبعة) reports an act; a
// present verb (يقتلون) or a trigger deep in a long sentence more often
// generalises or recalls one.
func triggerShape(tk *tokenKeys, i, n, first, stop int, root, form, bare string) []uint64 {
	d := tk.d
	var fs []uint64
	tense := form
	if form == "verb" && (strings.HasPrefix(bare, "ي") || strings.HasPrefix(bare, "ت")) {
		tense = "present"
	}
	fs = append(fs, fnv("tt", root, tense), fnv("tpos", root, fmt.Sprint(min((i-first)/4, 4))))
	// The three words on either side, proclitics off: an attack report's
	// syntax is local (قتل 13 شخصا في هجوم، أسفر عن مقتل).
	for k := max(first, i-3); k < stop && k < i+n+3; k++ {
		if k < i || k >= i+n {
			fs = append(fs, fnv("tw", tk.of(k)[0]))
		}
	}
	for k := i + n; k < stop && k <= i+n+3; k++ {
		if d.Tokens[k].Kind == "number" || numberWords[tk.of(k)[0]] {
			fs = append(fs, fnv("tnum", root)) // a count of victims or of attackers
			break
		}
	}
	return fs
}

// cueClasses are word classes the annotators' judgement turns on, as
// features that generalise beyond the words seen in training: a fresh
// report (أمس، الاثنين), a condemnation, a threat, a trial, an attempt or
// plot, statistics, an anniversary, a year (a chronology).
func cueClasses(tk *tokenKeys, first, stop int) []uint64 {
	var fs []uint64
	for k := first; k < stop; k++ {
		t := tk.d.Tokens[k]
		if t.Kind == "number" && len(t.Text) == 4 && (strings.HasPrefix(t.Text, "19") || strings.HasPrefix(t.Text, "20")) {
			fs = append(fs, fnv("cue", "year"))
			continue
		}
		if t.Kind != "word" {
			continue
		}
		if c, ok := cueWords[tk.of(k)[0]]; ok {
			fs = append(fs, fnv("cue", c))
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

// TrainOptions tunes the filter's training.
type TrainOptions struct {
	Epochs int
	Seed   uint64
	// Learner is "blend" (the default: averaged perceptrons plus a second
	// learner, each scaled to a mean margin of one), "perceptron"
	// (averaged, positives up-weighted), "logistic" (L2-regularised) or
	// "nb" (naive Bayes log-count ratios).
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
	// Bag is how many perceptrons, shuffled differently, are averaged.
	Bag int
	// Blend weighs the logistic model against the perceptrons in the
	// "blend" learner (both scaled to a mean margin of one).
	Blend float64
	// Threshold is the margin, in units of the mean margin on the training
	// sentences, a sentence must pass to be kept.
	Threshold float64
	// TypeThreshold overrides Threshold for a PLOVER type.
	TypeThreshold map[string]float64
	// SoftPerceptron weighs a negative's update by the share of annotators
	// who rejected it.
	SoftPerceptron bool
	// Alpha smooths the naive Bayes counts.
	Alpha float64
	// Second is the blend's second learner: logistic or nb.
	Second string
}

// DefaultTrainOptions are the settings `rasd train filter` ships with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 20, Seed: 1, Learner: "blend", L2: 1e-3, PosWeight: 1.5, CodedOnly: true, Soft: true,
		Bag: 5, Blend: 1, Second: "nb", Alpha: 0.3, SoftPerceptron: true}
}

// TrainFilter learns one averaged perceptron per type, shuffling with a
// fixed seed.
func TrainFilter(exs []Example, epochs int, seed uint64) *Filter {
	return TrainFilterWith(exs, TrainOptions{Epochs: epochs, Seed: seed, Learner: "perceptron"})
}

// TrainFilterWith learns one model per type with the given options.
func TrainFilterWith(exs []Example, o TrainOptions) *Filter {
	f := &Filter{weights: map[string]map[uint64]float32{}}
	byType := map[string][]Example{}
	for _, e := range exs {
		if o.CodedOnly && !e.Coded || o.Learner == "perceptron" && e.TrainOnly {
			continue
		}
		byType[e.Type] = append(byType[e.Type], e)
	}
	for typ, list := range byType {
		// Scaled to a mean margin of one, the threshold reads the same
		// whatever the learner; it moves the bias.
		w := normalised(trainOne(list, o), list)
		t := o.Threshold
		if v, ok := o.TypeThreshold[typ]; ok {
			t = v
		}
		if t != 0 {
			w[fnv("bias")] -= float32(t)
		}
		f.weights[typ] = w
	}
	return f
}

// trainOne fits one type's model. "blend" sums the perceptrons and the
// logistic regression, each scaled to a mean margin of one on the
// training sentences: the two err on different sentences, and a sum of
// linear models is still one linear model, so vetting costs the same.
func trainOne(list []Example, o TrainOptions) map[uint64]float32 {
	switch o.Learner {
	case "perceptron":
		return trainPerceptrons(list, o)
	case "blend":
		var hard []Example
		for _, e := range list {
			if !e.TrainOnly {
				hard = append(hard, e)
			}
		}
		p := normalised(trainPerceptrons(hard, o), list)
		var l map[uint64]float32
		if o.Second == "nb" {
			l = normalised(trainNaiveBayes(list, o), list)
		} else {
			l = normalised(trainLogistic(list, o), list)
		}
		for x, v := range l {
			p[x] += float32(o.Blend) * v
		}
		return p
	case "nb":
		return trainNaiveBayes(list, o)
	default:
		return trainLogistic(list, o)
	}
}

// trainNaiveBayes fits the log-count ratios of binary features between
// positives and negatives (add-alpha smoothing), as in NBSVM: with a few
// dozen positives, counting is steadier than descending a gradient.
func trainNaiveBayes(list []Example, o TrainOptions) map[uint64]float32 {
	alpha := 1.0
	if o.Alpha > 0 {
		alpha = o.Alpha
	}
	pos, neg := map[uint64]float64{}, map[uint64]float64{}
	var np, nn float64
	for _, e := range list {
		if e.TrainOnly {
			continue
		}
		m, n := pos, &np
		if !e.Positive {
			m, n = neg, &nn
		}
		*n++
		for _, x := range e.Features {
			m[x]++
		}
	}
	out := map[uint64]float32{}
	var sp, sn float64
	for x := range union(pos, neg) {
		sp += pos[x] + alpha
		sn += neg[x] + alpha
	}
	for x := range union(pos, neg) {
		out[x] = float32(math.Log((pos[x]+alpha)/sp) - math.Log((neg[x]+alpha)/sn))
	}
	return out
}

func union(a, b map[uint64]float64) map[uint64]bool {
	out := make(map[uint64]bool, len(a)+len(b))
	for x := range a {
		out[x] = true
	}
	for x := range b {
		out[x] = true
	}
	return out
}

// normalised scales w so that the mean absolute margin over list is one.
func normalised(w map[uint64]float32, list []Example) map[uint64]float32 {
	var sum float64
	for _, e := range list {
		var s float32
		for _, x := range e.Features {
			s += w[x]
		}
		sum += math.Abs(float64(s))
	}
	if sum == 0 {
		return w
	}
	k := float32(float64(len(list)) / sum)
	for x := range w {
		w[x] *= k
	}
	return w
}

// trainPerceptrons averages o.Bag averaged perceptrons shuffled with
// seeds o.Seed, o.Seed+1, ...: with a few hundred sentences one order of
// updates decides too much.
func trainPerceptrons(list []Example, o TrainOptions) map[uint64]float32 {
	out := map[uint64]float32{}
	bag := max(o.Bag, 1)
	for b := range bag {
		for x, v := range trainPerceptron(list, o.Epochs, o.Seed+uint64(b), o.SoftPerceptron) {
			out[x] += v / float32(bag)
		}
	}
	return out
}

// trainPerceptron is one averaged perceptron, positives up-weighted by
// how far the negatives outnumber them.
func trainPerceptron(list []Example, epochs int, seed uint64, soft bool) map[uint64]float32 {
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
					if soft && ex.Agree > 0 {
						d = -float32(1 - ex.Agree) // a "difficult no" some annotators accepted counts less
					}
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
	return avg
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

// numberWords are counts written out (ثلاثة أشخاص، عشرات الجنود).
var numberWords = keySet("واحد", "اثنين", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة",
	"عشرات", "مئات", "آلاف", "عشرين", "ثلاثين", "أربعين", "خمسين", "مئة", "مائة", "ألف", "شخصا", "أشخاص")

// cueWords maps a word (key form, proclitics off) to its cue class.
var cueWords = cueSet(map[string][]string{
	"fresh":      {"أمس", "اليوم", "الليلة", "صباح", "مساء", "ليل", "ليلا", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
	"condemn":    {"أدان", "أدانت", "يدين", "تدين", "إدانة", "ندد", "نددت", "تنديد", "استنكر", "استنكرت", "استنكار", "شجب", "الإدانات"},
	"threat":     {"هدد", "هددت", "يهدد", "تهدد", "تهديد", "تهديدات", "توعد", "توعدت"},
	"trial":      {"محاكمة", "المحكمة", "محكمة", "متهم", "متهمين", "المتهمين", "اتهام", "اتهامات", "تهمة", "تهم", "المشتبه", "مشتبه", "القضاء", "حكم"},
	"attempt":    {"محاولة", "إحباط", "أحبطت", "أحبط", "مخطط", "مؤامرة", "يخطط", "خطة", "التخطيط"},
	"stats":      {"عدد", "حصيلة", "بلغ", "ارتفع", "نسبة", "معدل", "إجمالي", "السنوات", "الأعوام", "الماضية"},
	"memory":     {"ذكرى", "الذكرى", "إحياء", "ذكراه"},
	"fear":       {"مخاوف", "خشية", "تحسبا", "إجراءات", "احتمال", "محتمل", "خطر"},
	"claim":      {"تبنت", "تبنى", "مسؤوليتها", "المسؤولية", "مسؤولية"},
	"casualty":   {"قتيلا", "قتلى", "جرحى", "مصرع", "حتفهم", "حتفه", "أصيب", "أصيبوا", "جريحا", "بجروح"},
	"crowd":      {"آلاف", "الآلاف", "مئات", "المئات", "عشرات", "العشرات", "حشود", "الحشود", "حشد", "جموع", "الجماهير"},
	"onset":      {"خرج", "خرجت", "خرجوا", "نزل", "نزلت", "نزلوا", "انطلقت", "انطلق", "اندلعت", "اندلع", "تجمع", "تجمعوا", "احتشد", "احتشدوا", "نظم", "نظمت", "نظموا", "شارك", "شاركوا"},
	"solidarity": {"تضامنا", "تضامن", "احتجاجا", "تنديدا", "للمطالبة", "رافعين", "مرددين", "هتافات", "لافتات", "شعارات"},
})

func keySet(words ...string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[wordKey(w)] = true
	}
	return out
}

func cueSet(classes map[string][]string) map[string]string {
	out := map[string]string{}
	for c, words := range classes {
		for _, w := range words {
			out[wordKey(w)] = c
		}
	}
	return out
}
