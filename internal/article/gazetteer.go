package article

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/arabic"
)

// outlet is a news agency or publication named in bylines.
type outlet struct {
	name   string
	agency bool // a wire agency rather than a publication
}

// place is a dateline place.
type place struct {
	name    string
	country string
}

// gazetteer holds the byline tables of data/byline, keyed by arabic.Key.
type gazetteer struct {
	outlets  map[string]outlet
	places   map[string]place
	markers  map[string]string // marker word -> role
	maxWords int               // longest variant, in words
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
	gazErr  error
)

func bylineTables() *gazetteer {
	gazOnce.Do(func() { gaz, gazErr = loadGazetteer(data.FS) })
	if gazErr != nil {
		return &gazetteer{outlets: map[string]outlet{}, places: map[string]place{}, markers: map[string]string{}}
	}
	return gaz
}

// CheckData validates the embedded byline tables: field counts, kinds,
// country codes and variants listed twice.
func CheckData() error {
	_, err := loadGazetteer(data.FS)
	return err
}

func loadGazetteer(fsys fs.FS) (*gazetteer, error) {
	g := &gazetteer{outlets: map[string]outlet{}, places: map[string]place{}, markers: map[string]string{}}
	seen := map[string]string{}
	addVariants := func(canonical, variants string) ([]string, error) {
		var keys []string
		for _, v := range append([]string{canonical}, strings.Split(variants, "|")...) {
			k := arabic.Key(strings.TrimSpace(v))
			if k == "" {
				continue
			}
			if prev, dup := seen[k]; dup && prev != canonical {
				return nil, fmt.Errorf("variant %q is listed under %q and %q", v, prev, canonical)
			}
			seen[k] = canonical
			keys = append(keys, k)
			g.maxWords = max(g.maxWords, len(strings.Fields(k)))
		}
		return keys, nil
	}
	err := readTable(fsys, "byline/agencies.tsv", 3, func(f []string) error {
		if f[1] != "agency" && f[1] != "outlet" {
			return fmt.Errorf("kind %q is neither agency nor outlet", f[1])
		}
		keys, err := addVariants(f[0], f[2])
		for _, k := range keys {
			g.outlets[k] = outlet{name: f[0], agency: f[1] == "agency"}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	clear(seen) // a place may share a name with an outlet: الرياض, المدينة
	err = readTable(fsys, "byline/places.tsv", 3, func(f []string) error {
		if len(f[1]) != 3 || strings.ToUpper(f[1]) != f[1] {
			return fmt.Errorf("country %q is not an ISO 3166 alpha-3 code", f[1])
		}
		keys, err := addVariants(f[0], f[2])
		for _, k := range keys {
			g.places[k] = place{name: f[0], country: f[1]}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = readTable(fsys, "byline/markers.tsv", 2, func(f []string) error {
		g.markers[arabic.Key(f[0])] = f[1]
		return nil
	})
	return g, err
}

// readTable calls row for each data line of a TAB-separated table with n
// fields; errors name the file and line.
func readTable(fsys fs.FS, name string, n int, row func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("data/%s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != n {
			return fmt.Errorf("data/%s:%d: want %d TAB-separated fields, got %d", name, line, n, len(fields))
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if err := row(fields); err != nil {
			return fmt.Errorf("data/%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("data/%s: %w", name, err)
	}
	return nil
}
