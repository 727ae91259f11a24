package store

import (
	"context"
	"strings"
	"testing"

	"github.com/rasd-project/rasd/internal/document"
)

// conformanceCheck: Check passes a sound database and names what a broken
// one lacks; a reindex repairs it.
func conformanceCheck(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Check", func(t *testing.T) {
		ctx := context.Background()
		st := open(t)
		var docs []*document.Document
		for i := range 3 {
			d := newDoc(i, "2022-04-05", "a")
			d.Events = []document.Event{{Code: "042", Root: "04", Date: "2022-04-05",
				Source: &document.EventActor{Code: "KAZGOV"}, Target: &document.EventActor{Code: "RUS"}}}
			docs = append(docs, d)
		}
		if _, err := st.PutBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
		rep, err := st.Check(ctx, true)
		if err != nil || !rep.OK() || rep.Counts["articles"] != 3 || rep.Counts["events"] != 3 || rep.Documents != 3 {
			t.Fatalf("sound database: %+v, %v", rep, err)
		}

		db := st.(*DB)
		search := "search_docs"
		if db.pg {
			search = "search_terms"
		}
		if _, err := db.db.ExecContext(ctx, db.q(`DELETE FROM `+search+` WHERE article_id = ?`), docs[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.db.ExecContext(ctx, db.q(`DELETE FROM events WHERE article_id = ?`), docs[1].ID); err != nil {
			t.Fatal(err)
		}
		rep, err = st.Check(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		problems := strings.Join(rep.Problems, "\n")
		for _, want := range []string{"1 articles missing from the search index", "article " + docs[1].ID + ": 0 events stored, its document has 1"} {
			if !strings.Contains(problems, want) {
				t.Errorf("problems lack %q:\n%s", want, problems)
			}
		}
		if _, err := st.Reindex(ctx); err != nil {
			t.Fatal(err)
		}
		if rep, err := st.Check(ctx, true); err != nil || !rep.OK() {
			t.Errorf("after reindex: %+v, %v", rep.Problems, err)
		}
	})
}
