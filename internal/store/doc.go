// Package store keeps analysed documents. Store is the interface the rest of
// rasd uses; Open picks the engine from the DSN: a file path is an embedded
// SQLite database (the default, no server, no cgo).
//
// Articles are keyed by their content hash, so storing an article twice is a
// no-op. Writes are batched, one transaction per batch: a crash or SIGKILL at
// any moment leaves a database that opens and holds whole articles only.
// Schema changes are numbered migrations under migrations/, applied in order
// at open.
package store
