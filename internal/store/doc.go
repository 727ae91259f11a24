// Package store keeps analysed documents. Store is the interface the rest of
// rasd uses; Open picks the engine from the DSN: a file path is an embedded
// SQLite database (the default, no server, no cgo), a postgres:// URL a
// PostgreSQL server. Both engines run the same SQL through database/sql
// where they can, and pass one conformance suite.
//
// Articles are keyed by their content hash, so storing an article twice is a
// no-op. Writes are batched, one transaction per batch: a crash or SIGKILL at
// any moment leaves a database that opens and holds whole articles only.
// Each batch also writes the derived tables (events, entities, search terms)
// that queries and analytics read; Reindex rebuilds them from the documents.
// Schema changes are numbered migrations under migrations/ENGINE/, applied
// in order at open.
package store
