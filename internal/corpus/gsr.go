package corpus

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// GSRRecord is a sentence of the Arabic event gold standard with its coded
// spans: actors and verbs as token lists, roles as {main country, role}.
type GSRRecord struct {
	ID        string    `json:"source"`
	Text      string    `json:"text"`
	EventType string    `json:"event_type"`
	Spans     []GSRSpan `json:"spans"`
}

// GSRSpan is one coded event of a sentence.
type GSRSpan struct {
	Source     []string `json:"source_actor"`
	Verb       []string `json:"verb"`
	Target     []string `json:"target_actor"`
	SourceRole GSRRole  `json:"source_role"`
	TargetRole GSRRole  `json:"target_role"`
}

// GSRRole is a coded actor: main (country) and role (sector). Annotators
// wrote a bare "UNKNOWN" for some: it reads as an empty role.
type GSRRole map[string]string

// UnmarshalJSON reads an object or a bare string.
func (r *GSRRole) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err == nil {
		*r = m
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("role: %w", err)
	}
	*r = GSRRole{}
	return nil
}

// ReadGSRSpans reads a *_spans.json file.
func ReadGSRSpans(path string) ([]GSRRecord, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var recs []GSRRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

// GSRSentence is a row of a *_gsr.csv detection file.
type GSRSentence struct {
	ID, EventType, Label, Text string
	// Accept and Reject are the annotators' votes, where the file has
	// those columns (0 and 0 otherwise).
	Accept, Reject int
}

// ReadGSRDetection reads a detection CSV with columns id, event_type,
// label, ..., text.
func ReadGSRDetection(path string) ([]GSRSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, need := range []string{"id", "event_type", "label", "text"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no %q column", path, need)
		}
	}
	var out []GSRSentence
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if len(rec) <= col["text"] {
			return nil, fmt.Errorf("%s:%d: short row", path, line)
		}
		row := GSRSentence{ID: rec[col["id"]], EventType: rec[col["event_type"]], Label: rec[col["label"]], Text: rec[col["text"]]}
		row.Accept, row.Reject = vote(rec, col, "accept"), vote(rec, col, "reject")
		out = append(out, row)
	}
	return out, nil
}

// vote is a row's count in a votes column, 0 when the column is missing
// or not a number.
func vote(rec []string, col map[string]int, name string) int {
	i, ok := col[name]
	if !ok || i >= len(rec) {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(rec[i]))
	return n
}
