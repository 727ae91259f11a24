package timex

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/rasd-project/rasd/data"
)

// FuzzParseTables replaces one of the month and weekday tables with
// arbitrary bytes: the tables load or fail with an error, never panic.
func FuzzParseTables(f *testing.F) {
	files := []string{"timex/months.tsv", "timex/weekdays.tsv"}
	base := fstest.MapFS{}
	for _, name := range files {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: b}
		f.Add(uint8(len(base)-1), b)
	}
	f.Add(uint8(0), []byte("كانون الثاني\t13\tlevantine\n"))
	f.Add(uint8(0), []byte("\t1\thijri\n#\n\r\n"))
	f.Add(uint8(1), []byte("الأحد\t-1\n"))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[files[int(which)%len(files)]] = &fstest.MapFile{Data: b}
		tb, err := parseTables(fsys)
		if err != nil {
			return
		}
		for first, ms := range tb.months {
			for _, m := range ms {
				if m.month < 1 || m.month > 12 || len(m.words) == 0 || m.words[0] != first {
					t.Fatalf("month entry %+v under %q", m, first)
				}
			}
		}
		for _, d := range tb.weekdays {
			if d < 0 || d > 6 {
				t.Fatalf("weekday %d", d)
			}
		}
	})
}
