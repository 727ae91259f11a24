// Package pipeline runs the stages of rasd in order, one document at a time:
// read (ingest), analyse, store. It owns batching, counting and progress; the
// stages own their layers.
package pipeline
