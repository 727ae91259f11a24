// Package data holds rasd's dictionaries, gazetteers, ontology tables and
// models as plain files that users can read and edit. They are embedded into
// the binary; `rasd dict check` validates them.
package data

import "embed"

// FS is the embedded data tree, rooted at this directory.
//
//go:embed byline timex lexicon ner actors events ontology
var FS embed.FS
