package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// Model is a trained labeller: for each feature hash, one weight per tag.
type Model struct {
	index map[uint64]int32 // feature -> row
	w     []float32        // len(index) rows of numTags weights (both nil in a model read from a file until WriteTo needs them)
	Info  string           // how the model was trained

	// table is an open-addressing copy of index and w for fast lookups:
	// each slot holds a feature and its weights quantised to int16 (scale
	// is the size of a step), so that a lookup reads one cache line.
	// Linear probing, 0 as the empty key.
	table []slot
	mask  uint64
	scale float32

	// seen has a bit set for each feature of the table (a one-hash Bloom
	// filter), small enough to stay in cache: most features of new text
	// are unknown, and the filter turns most of them away before a probe
	// of the large table.
	seen     []uint64
	seenMask uint64
	rows     int

	trans [numTags + 1][numTags]float32 // transition weights, looked up once

	cache wordCache // summed weights of the words tagged so far
	gen   uint64    // which build of which model's table the sums in cache and in words (Prepare) were made from
	bos   Word      // the boundary words, prepared (Prepare) at each build
	eos   Word
}

type slot struct {
	key uint64
	w   [numTags]int16
}

// lattices are reused across Tag calls: a sentence's lattice is most of
// what tagging allocates.
var lattices = sync.Pool{New: func() any { return new(lattice) }}

// freeze builds the lookup table from index and w.
func (m *Model) freeze() {
	maxAbs := float32(0)
	for _, v := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	keys := make([]uint64, 0, len(m.index))
	rows := make([]int32, 0, len(m.index))
	for k, r := range m.index {
		keys, rows = append(keys, k), append(rows, r)
	}
	m.build(keys, scale, func(i int, w *[numTags]int16) {
		for t, v := range m.w[int(rows[i])*numTags : int(rows[i])*numTags+numTags] {
			w[t] = int16(math.Round(float64(v / scale)))
		}
	})
}

// build fills the lookup table with the features keys, weights(i) giving
// the quantised weights of keys[i], and the transition table.
func (m *Model) build(keys []uint64, scale float32, weights func(i int, w *[numTags]int16)) {
	size := uint64(1)
	for size < uint64(2*len(keys)+1) {
		size <<= 1
	}
	bits := uint64(64)
	for bits < uint64(16*len(keys)) {
		bits <<= 1
	}
	m.table, m.mask, m.scale, m.rows = make([]slot, size), size-1, scale, len(keys)
	m.seen, m.seenMask = make([]uint64, bits/64), bits-1
	for n, k := range keys {
		if k == 0 {
			k = 1 // 0 marks an empty slot; a feature hashing to 0 shares slot 1's fate
		}
		i := (k * 0x9E3779B97F4A7C15) >> 20 & m.mask
		for m.table[i].key != 0 {
			i = (i + 1) & m.mask
		}
		sl := &m.table[i]
		sl.key = k
		weights(n, &sl.w)
		b := seenBit(k) & m.seenMask
		m.seen[b>>6] |= 1 << (b & 63)
	}
	for p := range m.trans {
		m.scores([]uint64{transFeature(p)}, &m.trans[p])
	}
	m.cache.reset()
	m.gen = builds.Add(1)
	m.bos, m.eos = bos, eos
	m.Prepare(&m.bos)
	m.Prepare(&m.eos)
}

// builds numbers the tables built by every model, so that a word's sums
// are never taken for another model's or another build's.
var builds atomic.Uint64

// thaw rebuilds index and w from the table of a model read from a file,
// which keeps only the table.
func (m *Model) thaw() {
	m.index = make(map[uint64]int32, m.rows)
	m.w = make([]float32, 0, m.rows*numTags)
	for i := range m.table {
		sl := &m.table[i]
		if sl.key == 0 {
			continue
		}
		m.index[sl.key] = int32(len(m.index))
		for _, v := range sl.w {
			m.w = append(m.w, float32(v)*m.scale)
		}
	}
}

func (m *Model) addTransition(prev int, s *[numTags]float32) {
	for t, v := range m.trans[prev] {
		s[t] += v
	}
}

// seenBit is the filter bit of feature f (not the bits that pick its
// table slot).
func seenBit(f uint64) uint64 { return f * 0xD6E8FEB86659FD93 >> 17 }

// lookup returns the slot of feature f, nil if the model lacks it.
func (m *Model) lookup(f uint64) *slot {
	if f == 0 {
		f = 1
	}
	if b := seenBit(f) & m.seenMask; m.seen[b>>6]&(1<<(b&63)) == 0 {
		return nil
	}
	i := (f * 0x9E3779B97F4A7C15) >> 20 & m.mask
	for {
		sl := &m.table[i]
		if sl.key == f {
			return sl
		}
		if sl.key == 0 {
			return nil
		}
		i = (i + 1) & m.mask
	}
}

// scores sets s to the summed weights of feats.
func (m *Model) scores(feats []uint64, s *[numTags]float32) {
	var acc [numTags]int32
	m.sum(feats, &acc)
	for t, v := range acc {
		s[t] = float32(v) * m.scale
	}
}

// Tag labels a sentence with its best tag sequence under BIO (Viterbi
// over the first-order lattice).
func (m *Model) Tag(ws []Word) []int {
	l := lattices.Get().(*lattice)
	defer lattices.Put(l)
	l.reset(len(ws))
	l.fillSentence(m, ws, 0)
	tags := make([]int, len(ws))
	l.viterbi(tags)
	return tags
}

// File format: magic, version, info, rows, scale, then the sorted feature
// hashes and the weights quantised to int16, all little-endian, gzipped.
const (
	modelMagic   = "RASDNER\x00"
	modelVersion = 1
)

// WriteTo writes the model, dropping rows whose weights are all below
// prune in absolute value.
func (m *Model) WriteTo(w io.Writer, prune float32) error {
	if m.index == nil {
		m.thaw()
	}
	keys := make([]uint64, 0, len(m.index))
	maxAbs := float32(0)
	for k, row := range m.index {
		keep := false
		for _, v := range m.w[int(row)*numTags : int(row)*numTags+numTags] {
			a := float32(math.Abs(float64(v)))
			keep = keep || a >= prune
			maxAbs = max(maxAbs, a)
		}
		if keep {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	le := binary.LittleEndian
	var buf [8]byte
	le.PutUint32(buf[:4], modelVersion)
	bw.Write(buf[:4])
	le.PutUint32(buf[:4], uint32(len(m.Info)))
	bw.Write(buf[:4])
	bw.WriteString(m.Info)
	le.PutUint32(buf[:4], uint32(len(keys)))
	bw.Write(buf[:4])
	le.PutUint32(buf[:4], math.Float32bits(scale))
	bw.Write(buf[:4])
	for _, k := range keys {
		le.PutUint64(buf[:], k)
		bw.Write(buf[:])
	}
	for _, k := range keys {
		row := m.index[k]
		for _, v := range m.w[int(row)*numTags : int(row)*numTags+numTags] {
			le.PutUint16(buf[:2], uint16(int16(math.Round(float64(v/scale)))))
			bw.Write(buf[:2])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	head := make([]byte, len(modelMagic)+8)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	le := binary.LittleEndian
	if string(head[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("ner model: not a rasd NER model")
	}
	if v := le.Uint32(head[len(modelMagic):]); v != modelVersion {
		return nil, fmt.Errorf("ner model: version %d, want %d", v, modelVersion)
	}
	infoLen := le.Uint32(head[len(modelMagic)+4:])
	if infoLen > 1<<16 {
		return nil, errors.New("ner model: corrupt header")
	}
	info := make([]byte, infoLen)
	if _, err := io.ReadFull(br, info); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	var nb [8]byte
	if _, err := io.ReadFull(br, nb[:]); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	n, scale := int(le.Uint32(nb[:4])), math.Float32frombits(le.Uint32(nb[4:]))
	if n > 1<<24 {
		return nil, errors.New("ner model: corrupt row count")
	}
	keys := make([]byte, 8*n)
	if _, err := io.ReadFull(br, keys); err != nil {
		return nil, fmt.Errorf("ner model: keys: %w", err)
	}
	raw := make([]byte, 2*n*numTags)
	if _, err := io.ReadFull(br, raw); err != nil {
		return nil, fmt.Errorf("ner model: weights: %w", err)
	}
	// The table is built straight from the file: a model read to tag text
	// needs neither the index nor float weights (WriteTo rebuilds them).
	m := &Model{Info: string(info)}
	ks := make([]uint64, n)
	for i := range ks {
		ks[i] = le.Uint64(keys[8*i:])
	}
	m.build(ks, scale, func(i int, w *[numTags]int16) {
		for t := range w {
			w[t] = int16(le.Uint16(raw[2*(i*numTags+t):]))
		}
	})
	return m, nil
}

// Rows is the number of features the model keeps.
func (m *Model) Rows() int { return m.rows }

// ShiftOutside lowers the weight of the tag O on the bias feature, which
// every word has, by delta: the decoder then prefers a name when it is in
// doubt. The perceptron learns more from the many O words than from the
// few names and tags too little as names (precision 80, recall 69 on
// ANERcorp dev); training picks delta on dev.
func (m *Model) ShiftOutside(delta float32) {
	if m.index == nil {
		m.thaw()
	}
	bias := uint64(start(fBias))
	row, ok := m.index[bias]
	if !ok {
		row = int32(len(m.index))
		m.index[bias] = row
		m.w = append(m.w, make([]float32, numTags)...)
	}
	m.w[int(row)*numTags] -= delta
	m.freeze()
}
