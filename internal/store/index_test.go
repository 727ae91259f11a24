package store

import (
	"context"
	"testing"

	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
	"github.com/rasd-project/rasd/internal/search"
)

// eventDoc makes a document with one coded event between two actors.
func eventDoc(n int, date, src, tgt, cameo string, quad int, goldstein float64, body string) *document.Document {
	d := newDoc(n, date, "src")
	if body != "" {
		text, a := article.FromParts(article.Parts{Title: d.Article.Title, Body: body, Date: date, Source: "src"})
		d = document.New(text, a, d.Origin)
	}
	d.Events = []document.Event{{
		ID: d.ID[:8] + "-0", Date: date, Code: cameo, Root: cameo[:2], Plover: "ASSAULT", Quad: quad, Goldstein: goldstein,
		Source: &document.EventActor{Code: src, Text: src}, Target: &document.EventActor{Code: tgt, Text: tgt},
	}}
	d.Entities = []document.Entity{{Text: "كازاخستان", Type: "LOC", Actor: &document.Actor{ID: "country:KAZ", Code: "KAZ", Country: "KAZ"}}}
	return d
}

// conformanceIndex checks the derived tables every Store keeps: events,
// entities and search terms.
func conformanceIndex(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	t.Run("SearchVariants", func(t *testing.T) {
		st := open(t)
		docs := []*document.Document{
			eventDoc(1, "2022-01-05", "KAZGOV", "RUS", "190", 4, -10, "جرت الانتخابات في كازاخستان أمس."),
			eventDoc(2, "2022-02-05", "CHN", "KAZGOV", "036", 1, 4, "وبالانتخابات البرلمانية تبدأ مرحلة جديدة."),
			eventDoc(3, "2022-03-05", "RUS", "UKR", "190", 4, -10, "لا شيء عن ذلك هنا."),
		}
		if _, err := st.PutBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			query string
			want  int
		}{
			{"انتخابات", 2},
			{"الانتخابات", 2},
			{`"الانتخابات البرلمانية"`, 1},
			{"انتخابات -البرلمانية", 1},
			{"انتخابات actor:KAZ", 2},
			{"event:ASSAULT since:2022-02-01", 2},
			{"event:19", 2},
			{"كازاخستان OR البرلمانية", 2},
			{"موسكو", 0},
		} {
			q, err := search.Parse(tc.query)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.query, err)
			}
			res, err := st.Search(ctx, q, 10, 0)
			if err != nil {
				t.Fatalf("Search(%q): %v", tc.query, err)
			}
			if res.Total != tc.want || len(res.Hits) != tc.want {
				t.Errorf("Search(%q) = %d hits (total %d), want %d", tc.query, len(res.Hits), res.Total, tc.want)
			}
		}
	})
	t.Run("EventsAndGroups", func(t *testing.T) {
		st := open(t)
		docs := []*document.Document{
			eventDoc(1, "2022-01-05", "KAZGOV", "RUS", "190", 4, -10, ""),
			eventDoc(2, "2022-01-20", "RUSGOV", "KAZ", "042", 1, 1.9, ""),
			eventDoc(3, "2022-03-05", "KAZ", "CHNMIL", "036", 1, 4, ""),
		}
		if _, err := st.PutBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
		n, err := st.CountEvents(ctx, EventFilter{Actor: "KAZ", Partner: "RUS"})
		if err != nil || n != 2 {
			t.Errorf("KAZ-RUS undirected = %d, %v; want 2", n, err)
		}
		n, _ = st.CountEvents(ctx, EventFilter{Actor: "KAZ", Partner: "RUS", Directed: true})
		if n != 1 {
			t.Errorf("KAZ->RUS directed = %d, want 1", n)
		}
		n, _ = st.CountEvents(ctx, EventFilter{Target: "CHNMIL", Cameo: "03"})
		if n != 1 {
			t.Errorf("target CHNMIL, cameo 03* = %d, want 1", n)
		}
		groups, err := st.GroupEvents(ctx, EventFilter{Actor: "KAZ"}, ByMonth, ByQuad)
		if err != nil {
			t.Fatal(err)
		}
		want := []Group{{Keys: []string{"2022-01", "1"}, Events: 1, Goldstein: 1.9},
			{Keys: []string{"2022-01", "4"}, Events: 1, Goldstein: -10},
			{Keys: []string{"2022-03", "1"}, Events: 1, Goldstein: 4}}
		if len(groups) != len(want) {
			t.Fatalf("groups = %+v, want %+v", groups, want)
		}
		for i := range want {
			g, w := groups[i], want[i]
			if g.Keys[0] != w.Keys[0] || g.Keys[1] != w.Keys[1] || g.Events != w.Events || g.Goldstein != w.Goldstein {
				t.Errorf("group %d = %+v, want %+v", i, g, w)
			}
		}
		var rows []EventRow
		if err := st.Events(ctx, EventFilter{Actor: "KAZ", Limit: 2}, func(r EventRow) error { rows = append(rows, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0].Event.Date != "2022-03-05" || rows[0].Title == "" {
			t.Errorf("events page = %+v, want the two newest with their article titles", rows)
		}
		if _, err := groupByUnknownDim(st); err == nil {
			t.Errorf("an unknown dimension was accepted")
		}
	})
	t.Run("ReindexKeepsTheIndex", func(t *testing.T) {
		st := open(t)
		if _, err := st.PutBatch(ctx, []*document.Document{eventDoc(1, "2022-01-05", "KAZGOV", "RUS", "190", 4, -10, "جرت الانتخابات في كازاخستان أمس.")}); err != nil {
			t.Fatal(err)
		}
		n, err := st.Reindex(ctx)
		if err != nil || n != 1 {
			t.Fatalf("Reindex = %d, %v; want 1 document", n, err)
		}
		q, _ := search.Parse("انتخابات")
		res, err := st.Search(ctx, q, 10, 0)
		if err != nil || res.Total != 1 {
			t.Errorf("search after reindex = %+v, %v; want 1 hit", res, err)
		}
		if c, _ := st.CountEvents(ctx, EventFilter{}); c != 1 {
			t.Errorf("events after reindex = %d, want 1", c)
		}
	})
}

// groupByUnknownDim asks for a dimension that does not exist.
func groupByUnknownDim(st Store) ([]Group, error) {
	return st.GroupEvents(context.Background(), EventFilter{}, Dim("date; DROP TABLE events"))
}

func TestSQLiteIndex(t *testing.T) {
	conformanceIndex(t, func(t *testing.T) Store {
		st, err := OpenSQLite(context.Background(), t.TempDir()+"/rasd.db")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}
