package watch

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Source is one line of a feeds file: a feed URL or a local folder (or
// file), with its own polling interval when the line gives one.
type Source struct {
	Target string        // an http(s) URL, or an absolute path
	Every  time.Duration // 0: the watcher's default
	Line   int           // its line in the feeds file
}

// IsFeed reports whether the source is fetched over HTTP.
func (s Source) IsFeed() bool {
	return strings.HasPrefix(s.Target, "http://") || strings.HasPrefix(s.Target, "https://")
}

// MinEvery is the shortest interval a source may ask for.
const MinEvery = time.Second

// ReadSources reads a feeds file: one source a line, "#" starts a comment,
// and an optional interval follows the target ("every=30m" or "30m").
// Relative paths are taken from the file's folder.
func ReadSources(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feeds file: %w", err)
	}
	defer f.Close()
	return ParseSources(f, path)
}

// ParseSources reads a feeds file from r; name is used in errors and to
// resolve relative paths.
func ParseSources(r io.Reader, name string) ([]Source, error) {
	var sources []Source
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		src, err := parseSource(fields, name)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if first, dup := seen[src.Target]; dup {
			return nil, fmt.Errorf("%s:%d: %s is listed already on line %d", name, n, src.Target, first)
		}
		src.Line = n
		seen[src.Target] = n
		sources = append(sources, src)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("%s: no sources (one feed URL or folder a line)", name)
	}
	return sources, nil
}

func parseSource(fields []string, name string) (Source, error) {
	if len(fields) > 2 {
		return Source{}, fmt.Errorf("want a URL or folder and at most an interval, got %d fields", len(fields))
	}
	src := Source{Target: fields[0]}
	if len(fields) == 2 {
		d, err := time.ParseDuration(strings.TrimPrefix(fields[1], "every="))
		if err != nil {
			return Source{}, fmt.Errorf("interval %q: want a duration such as 15m or every=2h", fields[1])
		}
		if d < MinEvery {
			return Source{}, fmt.Errorf("interval %s is shorter than %s", d, MinEvery)
		}
		src.Every = d
	}
	if strings.Contains(src.Target, "://") {
		u, err := url.Parse(src.Target)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Source{}, fmt.Errorf("%q is not an http(s) feed URL", src.Target)
		}
		return src, nil
	}
	if !filepath.IsAbs(src.Target) && name != "" {
		src.Target = filepath.Join(filepath.Dir(name), src.Target)
	}
	src.Target = filepath.Clean(src.Target)
	return src, nil
}
