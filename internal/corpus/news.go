package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// NewsArticle is a record of a JSON-lines news corpus.
type NewsArticle struct {
	Title   string `json:"title"`
	Author  string `json:"author"`
	Date    string `json:"date_extracted"`
	Source  string `json:"source"`
	URL     string `json:"url"`
	Content string `json:"content"`
}

// ReadNews reads every record of a JSON-lines news file.
func ReadNews(path string) ([]NewsArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []NewsArticle
	for line := 1; sc.Scan(); line++ {
		var a NewsArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, a)
	}
	return out, sc.Err()
}
