package ner

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Clusters maps word stems to distributional classes learnt from unlabeled
// news: words used in the same contexts (names of people, of places,
// titles) fall into the same class, which lets the labeller generalise
// from the few names of its training data to the many of the news.
type Clusters struct {
	fine, coarse map[string]uint16
}

// Class returns the fine and coarse classes of a stem, and false if the
// stem was too rare to be clustered.
func (c *Clusters) Class(stem string) (uint16, uint16, bool) {
	if c == nil {
		return 0, 0, false
	}
	f, ok := c.fine[stem]
	return f, c.coarse[stem], ok
}

// Len is the number of clustered stems.
func (c *Clusters) Len() int {
	if c == nil {
		return 0
	}
	return len(c.fine)
}

// ReadClusters reads "stem<TAB>fine<TAB>coarse" lines, gzipped.
func ReadClusters(r io.Reader) (*Clusters, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	c := &Clusters{fine: map[string]uint16{}, coarse: map[string]uint16{}}
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("clusters:%d: want 3 fields", line)
		}
		fine, err1 := strconv.ParseUint(f[1], 10, 16)
		coarse, err2 := strconv.ParseUint(f[2], 10, 16)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("clusters:%d: bad class", line)
		}
		c.fine[f[0]], c.coarse[f[0]] = uint16(fine), uint16(coarse)
	}
	return c, sc.Err()
}

// ClusterBuilder counts the contexts of stems in running text.
type ClusterBuilder struct {
	freq  map[string]int
	sents [][]string
}

// NewClusterBuilder returns an empty builder.
func NewClusterBuilder() *ClusterBuilder {
	return &ClusterBuilder{freq: map[string]int{}}
}

// Add records a sentence given as stems.
func (b *ClusterBuilder) Add(stems []string) {
	b.sents = append(b.sents, stems)
	for _, s := range stems {
		b.freq[s]++
	}
}

// Build clusters every stem seen at least minCount times into fine and
// coarse classes by spherical k-means over the counts of its left and
// right neighbours among the most frequent stems. Deterministic for a seed.
func (b *ClusterBuilder) Build(fine, coarse, minCount, contextWords int, seed uint64) *Clusters {
	type wc struct {
		w string
		n int
	}
	var words []wc
	for w, n := range b.freq {
		if n >= minCount {
			words = append(words, wc{w, n})
		}
	}
	slices.SortFunc(words, func(a, b wc) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.w, b.w)
	})
	ctx := map[string]int{}
	for i := 0; i < len(words) && i < contextWords; i++ {
		ctx[words[i].w] = i
	}
	row := map[string]int{}
	for i, w := range words {
		row[w.w] = i
	}
	// Sparse context vectors: left neighbours in [0, contextWords), right
	// ones in [contextWords, 2*contextWords).
	vecs := make([]map[int32]float32, len(words))
	for i := range vecs {
		vecs[i] = map[int32]float32{}
	}
	for _, s := range b.sents {
		for i, w := range s {
			r, ok := row[w]
			if !ok {
				continue
			}
			if i > 0 {
				if c, ok := ctx[s[i-1]]; ok {
					vecs[r][int32(c)]++
				}
			}
			if i+1 < len(s) {
				if c, ok := ctx[s[i+1]]; ok {
					vecs[r][int32(contextWords+c)]++
				}
			}
		}
	}
	sparse := make([]sparseVec, len(vecs))
	for i, v := range vecs {
		sparse[i] = normalise(v)
	}
	dim := 2 * contextWords
	rng := rand.New(rand.NewPCG(seed, seed+1))
	fineOf := kmeans(sparse, fine, dim, 12, rng)
	coarseOf := kmeans(sparse, coarse, dim, 12, rng)
	c := &Clusters{fine: map[string]uint16{}, coarse: map[string]uint16{}}
	for i, w := range words {
		c.fine[w.w], c.coarse[w.w] = uint16(fineOf[i]), uint16(coarseOf[i])
	}
	return c
}

type sparseVec struct {
	idx []int32
	val []float32
}

// normalise turns counts into an L2-normalised vector of log counts.
func normalise(v map[int32]float32) sparseVec {
	var s sparseVec
	keys := make([]int32, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	norm := 0.0
	for _, k := range keys {
		x := float32(math.Log1p(float64(v[k])))
		s.idx, s.val = append(s.idx, k), append(s.val, x)
		norm += float64(x * x)
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range s.val {
			s.val[i] *= inv
		}
	}
	return s
}

// kmeans is spherical k-means: assign each vector to the centroid of
// highest cosine, recompute and renormalise centroids.
func kmeans(vs []sparseVec, k, dim, iters int, rng *rand.Rand) []int {
	k = min(k, len(vs))
	cent := make([][]float32, k)
	perm := rng.Perm(len(vs))
	for c := range cent {
		cent[c] = make([]float32, dim)
		v := vs[perm[c]]
		for i, ix := range v.idx {
			cent[c][ix] = v.val[i]
		}
	}
	assign := make([]int, len(vs))
	for it := 0; it < iters; it++ {
		for i, v := range vs {
			best, bs := 0, float32(-2)
			for c := range cent {
				var dot float32
				cc := cent[c]
				for j, ix := range v.idx {
					dot += cc[ix] * v.val[j]
				}
				if dot > bs {
					best, bs = c, dot
				}
			}
			assign[i] = best
		}
		for c := range cent {
			clear(cent[c])
		}
		for i, v := range vs {
			cc := cent[assign[i]]
			for j, ix := range v.idx {
				cc[ix] += v.val[j]
			}
		}
		for c := range cent {
			norm := 0.0
			for _, x := range cent[c] {
				norm += float64(x * x)
			}
			if norm == 0 { // an empty cluster takes a random vector
				v := vs[rng.IntN(len(vs))]
				for j, ix := range v.idx {
					cent[c][ix] = v.val[j]
				}
				continue
			}
			inv := float32(1 / math.Sqrt(norm))
			for i := range cent[c] {
				cent[c][i] *= inv
			}
		}
	}
	return assign
}

// WriteTo writes the clusters as sorted, gzipped "stem fine coarse" lines.
func (c *Clusters) WriteTo(w io.Writer, header string) error {
	keys := make([]string, 0, len(c.fine))
	for k := range c.fine {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return writeGzipTable(w, header, func(bw *bufio.Writer) {
		for _, k := range keys {
			fmt.Fprintf(bw, "%s\t%d\t%d\n", k, c.fine[k], c.coarse[k])
		}
	})
}

// writeGzipTable writes a gzipped table: '#' header lines, then the rows.
func writeGzipTable(w io.Writer, header string, rows func(*bufio.Writer)) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, l := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", l)
	}
	rows(bw)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
