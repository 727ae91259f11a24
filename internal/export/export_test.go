package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/store"
)

func rows() []store.EventRow {
	return []store.EventRow{
		{ArticleID: "a1", Evidence: "قصفت القوات الروسية مواقع أوكرانية.", Event: document.Event{ID: "a1-1", Date: "2022-03-01", Code: "190", Root: "19",
			Plover: "ASSAULT", Quad: 4, Goldstein: -10, Sentence: article.Span{Start: 0, End: 60}, Trigger: article.Span{Start: 0, End: 10},
			Source: &document.EventActor{Code: "RUSMIL", Text: "القوات الروسية"}, Target: &document.EventActor{Code: "UKR", Text: "أوكرانية"}}},
		{ArticleID: "a2", Event: document.Event{ID: "a2-1", Date: "2022-03-02", Code: "042", Root: "04", Plover: "CONSULT", Quad: 1, Goldstein: 1.9}},
	}
}

// TestFormatsRoundTrip writes the events in each format and reads them back.
func TestFormatsRoundTrip(t *testing.T) {
	for _, format := range Formats {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, format)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows() {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var ids, actors []string
		switch format {
		case "jsonl":
			dec := json.NewDecoder(&buf)
			for dec.More() {
				var e Event
				if err := dec.Decode(&e); err != nil {
					t.Fatal(err)
				}
				ids, actors = append(ids, e.ID), append(actors, e.Actor)
			}
		case "csv":
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if recs[0][0] != "GLOBALEVENTID" || recs[1][1] != "20220301" {
				t.Errorf("csv header or SQLDATE wrong: %v", recs[:2])
			}
			for _, r := range recs[1:] {
				ids, actors = append(ids, r[0]), append(actors, r[2])
			}
		case "parquet":
			got, err := parquet.Read[Event](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range got {
				ids, actors = append(ids, e.ID), append(actors, e.Actor)
				if e.ID == "a1-1" && (e.SentenceEnd != 60 || e.Goldstein != -10 || e.EventText == "") {
					t.Errorf("parquet row lost fields: %+v", e)
				}
			}
		}
		if len(ids) != 2 || ids[0] != "a1-1" || actors[0] != "RUSMIL" || actors[1] != "" {
			t.Errorf("%s: ids %v actors %v", format, ids, actors)
		}
	}
	if _, err := NewWriter(&bytes.Buffer{}, "xml"); err == nil {
		t.Error("an unknown format was accepted")
	}
}
