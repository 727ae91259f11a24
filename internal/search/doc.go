// Package search owns what the full-text index holds and how a query reads
// it: the index terms of a document (the rasd analyzer's stems, taken from
// the document's token layer, stop words left out), the query language
// (words, "phrases", -exclusions, OR, and field filters such as source: or
// actor:), the FTS5 match expression a query becomes, and highlighted
// snippets cut from the original text.
//
// The store runs the expression; this package never touches a database, so
// every engine indexes and queries the same terms.
package search
