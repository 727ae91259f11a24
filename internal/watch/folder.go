package watch

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/ingest"
)

// folderBatch bounds the files read before their articles are stored.
const folderBatch = 64

// fileKey names a version of a file: a file written again is new.
func fileKey(rel string, info fs.FileInfo) string {
	return fmt.Sprintf("%s@%d:%d", filepath.ToSlash(rel), info.ModTime().UnixNano(), info.Size())
}

// pollFolder takes the files of a folder (or one file) that are new or
// changed since they were last taken. A file that cannot be read as an
// article is taken too, and logged: reading it again would not help.
func (w *Watcher) pollFolder(ctx context.Context, src Source, stats *Stats) error {
	info, err := os.Stat(src.Target)
	if err != nil {
		return err
	}
	files := map[string]string{} // key -> path
	var keys []string
	add := func(path, rel string, info fs.FileInfo) {
		k := fileKey(rel, info)
		files[k] = path
		keys = append(keys, k)
	}
	if !info.IsDir() {
		add(src.Target, filepath.Base(src.Target), info)
	} else if err := filepath.WalkDir(src.Target, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != src.Target && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !ingest.Walkable(path) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src.Target, path)
		add(path, rel, info)
		return nil
	}); err != nil {
		return err
	}
	seen, err := w.st.SeenItems(ctx, src.Target, keys)
	if err != nil {
		return &storeError{err}
	}
	var fresh []string
	for _, k := range keys {
		if !seen[k] {
			fresh = append(fresh, k)
		}
	}
	for start := 0; start < len(fresh); start += folderBatch {
		if err := w.takeFiles(ctx, src, fresh[start:min(start+folderBatch, len(fresh))], files, stats); err != nil {
			return err
		}
	}
	return nil
}

// takeFiles reads, stores and marks one batch of new files.
func (w *Watcher) takeFiles(ctx context.Context, src Source, keys []string, files map[string]string, stats *Stats) error {
	var docs []*document.Document
	first := map[string]int{} // key -> index of its first document, if it gave any
	for _, k := range keys {
		path := files[k]
		before := len(docs)
		err := w.reader.Read(ctx, []string{path}, func(d *document.Document) error {
			docs = append(docs, d)
			return nil
		}, func(e *ingest.InputError) {
			w.log.Warn("watch: file", "source", src.Target, "err", e)
		})
		if err != nil {
			return err
		}
		if len(docs) > before {
			first[k] = before
		}
	}
	if _, err := w.keep(ctx, docs, stats); err != nil {
		return err
	}
	marks := make(map[string]string, len(keys))
	for _, k := range keys {
		marks[k] = ""
		if i, ok := first[k]; ok {
			marks[k] = docs[i].ID
		}
	}
	stats.Items += len(marks)
	return w.markSeen(ctx, src.Target, marks)
}
