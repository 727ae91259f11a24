package timex

import (
	"bufio"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/rasd-project/rasd/data"
	"github.com/rasd-project/rasd/internal/arabic"
)

// Calendar tells which calendar a month name belongs to.
type Calendar uint8

const (
	Gregorian Calendar = iota
	Hijri
)

func (c Calendar) String() string {
	if c == Hijri {
		return "hijri"
	}
	return "gregorian"
}

// monthName is one row of data/timex/months.tsv.
type monthName struct {
	words    []string // key-normalised words of the name
	month    int
	calendar Calendar
	system   string
}

// tables holds the parsed month and weekday tables.
type tables struct {
	months   map[string][]monthName // by key of the first word
	weekdays map[string]int         // by key
}

var (
	loadOnce   sync.Once
	loaded     *tables
	loadFailed error
)

// load parses the embedded tables once. The files are part of the binary,
// so an error here is a build defect that `rasd dict check` reports.
func load() (*tables, error) {
	loadOnce.Do(func() {
		loaded, loadFailed = parseTables(data.FS)
	})
	return loaded, loadFailed
}

func mustTables() *tables {
	t, err := load()
	if err != nil {
		// The tables are embedded at build time; fall back to empty tables
		// rather than panic, and let Check report the defect.
		return &tables{months: map[string][]monthName{}, weekdays: map[string]int{}}
	}
	return t
}

// Check validates the embedded month and weekday tables.
func Check() error {
	_, err := parseTables(data.FS)
	return err
}

func parseTables(fsys fs.FS) (*tables, error) {
	t := &tables{months: map[string][]monthName{}, weekdays: map[string]int{}}
	err := readTSV(fsys, "timex/months.tsv", 3, func(f []string) error {
		m, err := strconv.Atoi(f[1])
		if err != nil || m < 1 || m > 12 {
			return fmt.Errorf("month %q is not 1-12", f[1])
		}
		mn := monthName{words: arabic.Words(arabic.Key(f[0])), month: m, system: f[2]}
		switch f[2] {
		case "hijri":
			mn.calendar = Hijri
		case "levantine", "egyptian", "maghrebi", "moroccan", "english":
		default:
			return fmt.Errorf("unknown system %q", f[2])
		}
		if len(mn.words) == 0 {
			return fmt.Errorf("empty month name")
		}
		t.months[mn.words[0]] = append(t.months[mn.words[0]], mn)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(fsys, "timex/weekdays.tsv", 2, func(f []string) error {
		d, err := strconv.Atoi(f[1])
		if err != nil || d < 0 || d > 6 {
			return fmt.Errorf("weekday %q is not 0-6", f[1])
		}
		t.weekdays[arabic.Key(f[0])] = d
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// readTSV calls row for every non-comment line of a TAB-separated file with
// exactly n fields, wrapping errors with the file name and line number.
func readTSV(fsys fs.FS, name string, n int, row func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != n {
			return fmt.Errorf("data/%s:%d: want %d TAB-separated fields, got %d", name, line, n, len(fields))
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
