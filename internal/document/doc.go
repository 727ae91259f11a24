// Package document defines the analysis document: one per article, flowing
// through every stage of rasd. Each stage adds a layer (article anatomy now;
// sentences, tokens, dates, entities and events later) as spans into the
// original text, which no stage changes or re-reads.
//
// The JSON form is versioned; docs/schema.md and docs/rasd-document.schema.json
// describe it.
package document
