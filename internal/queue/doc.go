// Package queue spreads analysis over machines with NATS JetStream. An
// ingest publishes each article's anatomy (the document before analysis)
// to a work-queue stream, with the content hash as the message ID so that
// JetStream drops a re-published article; workers pull batches, analyse,
// store them in one transaction and acknowledge only after the commit.
// A worker that dies before acknowledging leaves its messages to be
// redelivered to another; the store's content-hash keys make a second
// delivery of a stored article a no-op. StartServer runs an embedded
// JetStream server for one-machine use and for tests.
package queue
