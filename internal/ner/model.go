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
)

// Model is a trained labeller: for each feature hash, one weight per tag.
type Model struct {
	index map[uint64]int32 // feature -> row
	w     []float32        // len(index) rows of numTags weights
	Info  string           // how the model was trained

	// table is an open-addressing copy of index for fast lookups: keys and
	// rows in slots, linear probing, 0 as the empty key.
	keys []uint64
	rows []int32
	mask uint64

	trans [numTags + 1][numTags]float32 // transition weights, looked up once
}

// lattices are reused across Tag calls: a sentence's lattice is most of
// what tagging allocates.
var lattices = sync.Pool{New: func() any { return new(lattice) }}

// freeze builds the lookup table from index.
func (m *Model) freeze() {
	size := uint64(1)
	for size < uint64(2*len(m.index)+1) {
		size <<= 1
	}
	m.keys, m.rows, m.mask = make([]uint64, size), make([]int32, size), size-1
	for k, r := range m.index {
		if k == 0 {
			k = 1 // 0 marks an empty slot; a feature hashing to 0 shares slot 1's fate
		}
		i := (k * 0x9E3779B97F4A7C15) >> 20 & m.mask
		for m.keys[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.keys[i], m.rows[i] = k, r
	}
	for p := range m.trans {
		m.trans[p] = [numTags]float32{}
		m.scores([]uint64{transFeature(p)}, &m.trans[p])
	}
}

func (m *Model) addTransition(prev int, s *[numTags]float32) {
	for t, v := range m.trans[prev] {
		s[t] += v
	}
}

func (m *Model) lookup(f uint64) (int32, bool) {
	if f == 0 {
		f = 1
	}
	i := (f * 0x9E3779B97F4A7C15) >> 20 & m.mask
	for {
		k := m.keys[i]
		if k == f {
			return m.rows[i], true
		}
		if k == 0 {
			return 0, false
		}
		i = (i + 1) & m.mask
	}
}

// scores adds the weights of feats into s.
func (m *Model) scores(feats []uint64, s *[numTags]float32) {
	*s = [numTags]float32{}
	for _, f := range feats {
		row, ok := m.lookup(f)
		if !ok {
			continue
		}
		ws := (*[numTags]float32)(m.w[int(row)*numTags:])
		for t, v := range ws {
			s[t] += v
		}
	}
}

// Tag labels a sentence with its best tag sequence under BIO (Viterbi
// over the first-order lattice).
func (m *Model) Tag(ws []Word) []int {
	l := lattices.Get().(*lattice)
	defer lattices.Put(l)
	l.reset(len(ws))
	for i := range ws {
		l.feats = features(l.feats[:0], ws, i)
		l.fill(m, ws, i, l.feats)
	}
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
	m := &Model{index: make(map[uint64]int32, n), w: make([]float32, n*numTags), Info: string(info)}
	for i := range n {
		m.index[le.Uint64(keys[8*i:])] = int32(i)
	}
	for i := range m.w {
		m.w[i] = float32(int16(le.Uint16(raw[2*i:]))) * scale
	}
	m.freeze()
	return m, nil
}

// Rows is the number of features the model keeps.
func (m *Model) Rows() int { return len(m.index) }
