package ingest

import (
	"github.com/rasd-project/rasd/internal/article"
	"github.com/rasd-project/rasd/internal/document"
)

// readText reads one plain-text article.
func readText(path string, b []byte, yield Yield, report Report) error {
	text := string(b)
	a := article.Parse(text)
	if a.Title == "" && len(a.Body) == 0 {
		report(inputErr(path, 0, -1, ErrNoText))
		return nil
	}
	return yield(document.New(text, a, document.Origin{Path: path, Format: string(FormatText)}))
}

// fromParts makes the document of a structured record, or reports why not.
// A record with an address but no text (a video or photo page) is kept: the
// item exists, and its address is its identity.
func fromParts(p article.Parts, origin document.Origin, report Report, ierr *InputError) (*document.Document, bool) {
	doc, ok := Document(p, origin)
	if !ok {
		ierr.Err = ErrNoText
		report(ierr)
	}
	return doc, ok
}
