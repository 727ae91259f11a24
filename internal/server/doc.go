// Package server is rasd's HTTP face: a JSON API over the store (articles,
// events with filters, pagination and CSV/JSONL/Parquet export, actors,
// dyads, network, alignment, search, and token-protected ingest), its
// OpenAPI 3 document, Prometheus metrics and health, and the web dashboard
// in Arabic, right to left, that works offline: server-rendered HTML with
// charts drawn as SVG by Go code and a few lines of hand-written JS.
package server
