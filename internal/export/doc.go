// Package export writes stored events in the formats other tools read:
// JSON lines with PLOVER field names, CSV with GDELT-style columns, and
// Apache Parquet. The CLI (`rasd events`) and the HTTP API share it.
package export
