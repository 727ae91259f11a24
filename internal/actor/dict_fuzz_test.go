package actor

import (
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rasd-project/rasd/data"
)

// actorTables are the files Load reads; each is optional.
var actorTables = []string{
	"actors/countries.tsv", "actors/igos.tsv", "actors/sectors.tsv", "actors/metonyms.tsv",
	"actors/organisations.tsv", "actors/places.tsv", "actors/people.tsv",
}

// FuzzLoad gives one actor table arbitrary content (the others absent):
// the dictionary loads or reports an error, and answers lookups either way.
func FuzzLoad(f *testing.F) {
	for i, name := range actorTables {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		// The head of each real table: its header and first rows.
		if len(b) > 4096 {
			b = b[:4096]
		}
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte("KAZ\tKAZ\tكازاخستان\t|\t\t\tKazakhstan\n"))
	f.Add(uint8(6), []byte("Q1\tفلان\t\tKAZ\tGOV\tpresident\t2019-13-40\t\t\n"))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		fsys := fstest.MapFS{actorTables[int(which)%len(actorTables)]: &fstest.MapFile{Data: b}}
		d, err := Load(fsys)
		if d == nil {
			t.Fatalf("nil dictionary (err %v)", err)
		}
		for _, e := range d.Entries() {
			e.CodeAt(time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC))
		}
		d.Holder("KAZ", "president", time.Date(2022, 7, 20, 0, 0, 0, 0, time.UTC))
		d.Nisba("روسي")
		d.Sector("وزير")
	})
}
