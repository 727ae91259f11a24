package article

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/rasd-project/rasd/data"
)

// FuzzLoadGazetteer replaces one of the byline tables (agencies, places,
// markers) with arbitrary bytes: it loads or fails with an error.
func FuzzLoadGazetteer(f *testing.F) {
	files := []string{"byline/agencies.tsv", "byline/places.tsv", "byline/markers.tsv"}
	base := fstest.MapFS{}
	for i, name := range files {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: b}
		if len(b) > 2048 {
			b = b[:2048]
		}
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte("رويترز\tagency\tرويترز|رويتر\nرويترز\toutlet\t\n"))
	f.Add(uint8(1), []byte("القاهرة\tegy\t\n"))
	f.Add(uint8(2), []byte("كتب\n"))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[files[int(which)%len(files)]] = &fstest.MapFile{Data: b}
		g, err := loadGazetteer(fsys)
		if err == nil && g == nil {
			t.Fatal("no gazetteer and no error")
		}
	})
}
