package ner

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"github.com/rasd-project/rasd/data"
)

// Paths of the embedded model files.
const (
	ModelPath    = "ner/model.bin.gz"
	ClustersPath = "ner/clusters.tsv.gz"
	EntitiesPath = "ner/entities.tsv.gz"
)

// lazy loads an embedded file once; a missing optional file gives nil.
type lazy[T any] struct {
	once     sync.Once
	val      *T
	err      error
	path     string
	optional bool
	read     func(io.Reader) (*T, error)
}

func (l *lazy[T]) get() (*T, error) {
	l.once.Do(func() {
		f, err := data.FS.Open(l.path)
		if l.optional && errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			l.err = fmt.Errorf("data/%s: %w", l.path, err)
			return
		}
		defer f.Close()
		if l.val, l.err = l.read(f); l.err != nil {
			l.err = fmt.Errorf("data/%s: %w", l.path, l.err)
		}
	})
	return l.val, l.err
}

var (
	clusters = lazy[Clusters]{path: ClustersPath, optional: true, read: ReadClusters}
	entities = lazy[EntityLexicon]{path: EntitiesPath, optional: true, read: ReadEntityLexicon}
	model    = lazy[Model]{path: ModelPath, read: ReadModel}
)

// LoadClusters returns the embedded word classes (nil, without error, when
// none are shipped).
func LoadClusters() (*Clusters, error) { return clusters.get() }

// LoadEntities returns the embedded entity lexicon (nil when none).
func LoadEntities() (*EntityLexicon, error) { return entities.get() }

// LoadModel returns the embedded NER model (run rasd train ner to make it).
func LoadModel() (*Model, error) { return model.get() }
