package document

import (
	"testing"

	"github.com/rasd-project/rasd/internal/article"
)

func TestContentHash(t *testing.T) {
	parts := article.Parts{Title: "روسيا تطرد دبلوماسيين", Body: "أعلنت موسكو طرد عشرة دبلوماسيين.", URL: "https://example.com/1"}
	_, a := article.FromParts(parts)
	base := ContentHash(a)

	same := parts
	same.Title = "روسيا تطرُد دبلوماسيين"          // with a damma
	same.Body = "اعلنت موسكو طرد عشرة دبلوماسيين." // without hamza
	_, b := article.FromParts(same)
	if ContentHash(b) != base {
		t.Error("harakat and hamza spelling changed the hash")
	}

	other := parts
	other.URL = "https://example.com/2"
	_, c := article.FromParts(other)
	if ContentHash(c) == base {
		t.Error("a different URL should be a different article")
	}

	d := New("text", a, Origin{Format: "jsonl"})
	if d.ID != base[:16] || d.Hash != base || d.Schema != Schema || d.Version != Version {
		t.Errorf("New: %+v", d)
	}
}
