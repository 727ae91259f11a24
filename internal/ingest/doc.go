// Package ingest reads articles from files, directories, standard input and
// URLs. It recognises each input's format from its content (plain text, HTML,
// JSON lines or a JSON array, RSS or Atom), reads the fields of structured
// formats and hands every article on as a document with its anatomy.
//
// Bad input never stops a batch: each problem is reported once as an
// *InputError naming the file, the line or byte offset, and the reason.
package ingest
