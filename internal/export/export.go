package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/rasd-project/rasd/internal/store"
)

// Formats are the names Writer accepts.
var Formats = []string{"jsonl", "csv", "parquet"}

// ContentType is the media type of a format.
func ContentType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "parquet":
		return "application/vnd.apache.parquet"
	}
	return "application/x-ndjson; charset=utf-8"
}

// Event is an event as exported: PLOVER field names, then rasd's own.
type Event struct {
	ID         string  `json:"id" parquet:"id"`
	Date       string  `json:"date" parquet:"date"`
	Actor      string  `json:"actor" parquet:"actor"`
	Recipient  string  `json:"recipient" parquet:"recipient"`
	Event      string  `json:"event" parquet:"event"`
	Mode       string  `json:"mode" parquet:"mode"`
	Context    string  `json:"context" parquet:"context"`
	QuadCode   int     `json:"quad_code" parquet:"quad_code"`
	EventText  string  `json:"event_text" parquet:"event_text"`
	Cameo      string  `json:"cameo" parquet:"cameo"`
	Goldstein  float64 `json:"goldstein" parquet:"goldstein"`
	ArticleID  string  `json:"article_id" parquet:"article_id"`
	Sentence   [2]int  `json:"sentence_span" parquet:"-"`
	Trigger    [2]int  `json:"trigger_span" parquet:"-"`
	ActorText  string  `json:"actor_text,omitempty" parquet:"actor_text"`
	TargetText string  `json:"recipient_text,omitempty" parquet:"recipient_text"`
	Location   string  `json:"location,omitempty" parquet:"location"`
	Confidence float64 `json:"confidence" parquet:"confidence"`
	// Flat copies of the spans for Parquet, which has no fixed arrays.
	SentenceStart int `json:"-" parquet:"sentence_start"`
	SentenceEnd   int `json:"-" parquet:"sentence_end"`
	TriggerStart  int `json:"-" parquet:"trigger_start"`
	TriggerEnd    int `json:"-" parquet:"trigger_end"`
}

// FromRow flattens a stored event.
func FromRow(r store.EventRow) Event {
	e := r.Event
	p := Event{ID: e.ID, Date: e.Date, Event: e.Plover, Mode: e.Mode, Context: e.Context, QuadCode: e.Quad,
		EventText: strings.TrimSpace(r.Evidence), Cameo: e.Code, Goldstein: e.Goldstein, ArticleID: r.ArticleID,
		Sentence: [2]int{e.Sentence.Start, e.Sentence.End}, Trigger: [2]int{e.Trigger.Start, e.Trigger.End},
		Location: e.Location, Confidence: e.Confidence,
		SentenceStart: e.Sentence.Start, SentenceEnd: e.Sentence.End, TriggerStart: e.Trigger.Start, TriggerEnd: e.Trigger.End}
	if e.Source != nil {
		p.Actor, p.ActorText = e.Source.Code, e.Source.Text
	}
	if e.Target != nil {
		p.Recipient, p.TargetText = e.Target.Code, e.Target.Text
	}
	return p
}

// Writer writes events in one format; Close finishes the file.
type Writer interface {
	Write(store.EventRow) error
	Close() error
}

// NewWriter returns a writer of format (jsonl, csv or parquet) to w.
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "", "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{enc: enc}, nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(GDELTHeader); err != nil {
			return nil, err
		}
		return &csvWriter{w: cw}, nil
	case "parquet":
		return &parquetWriter{w: parquet.NewGenericWriter[Event](w, parquet.Compression(&parquet.Zstd))}, nil
	}
	return nil, fmt.Errorf("format %q: want jsonl, csv or parquet", format)
}

type jsonlWriter struct{ enc *json.Encoder }

func (j *jsonlWriter) Write(r store.EventRow) error { return j.enc.Encode(FromRow(r)) }
func (j *jsonlWriter) Close() error                 { return nil }

// GDELTHeader are the CSV columns, after GDELT's event table.
var GDELTHeader = []string{"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor2Code", "Actor2Name", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "PloverEvent", "PloverMode", "ActionGeo_FullName", "ArticleID", "SentenceStart", "SentenceEnd", "Confidence", "EventText"}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) Write(r store.EventRow) error {
	e, p := r.Event, FromRow(r)
	base := e.Code
	if len(base) > 3 {
		base = base[:3]
	}
	return c.w.Write([]string{p.ID, DateDigits(p.Date), p.Actor, p.ActorText, p.Recipient, p.TargetText, e.Code, base, e.Root,
		strconv.Itoa(e.Quad), strconv.FormatFloat(e.Goldstein, 'f', 1, 64), e.Plover, e.Mode, e.Location, r.ArticleID,
		strconv.Itoa(e.Sentence.Start), strconv.Itoa(e.Sentence.End), strconv.FormatFloat(e.Confidence, 'f', 2, 64), p.EventText})
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// parquetWriter buffers rows into row groups of parquetGroup events.
type parquetWriter struct {
	w   *parquet.GenericWriter[Event]
	buf []Event
}

const parquetGroup = 4096

func (p *parquetWriter) Write(r store.EventRow) error {
	p.buf = append(p.buf, FromRow(r))
	if len(p.buf) >= parquetGroup {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if len(p.buf) == 0 {
		return nil
	}
	_, err := p.w.Write(p.buf)
	p.buf = p.buf[:0]
	return err
}

func (p *parquetWriter) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.w.Close()
}

// DateDigits writes 2022-07-06 as GDELT's 20220706.
func DateDigits(date string) string {
	out := make([]byte, 0, 8)
	for i := 0; i < len(date); i++ {
		if date[i] >= '0' && date[i] <= '9' {
			out = append(out, date[i])
		}
	}
	return string(out)
}
