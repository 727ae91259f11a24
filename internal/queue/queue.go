package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/rasd-project/rasd/internal/document"
)

// Names of the stream, its subject and the workers' durable consumer.
const (
	Stream   = "RASD_ARTICLES"
	Subject  = "rasd.articles"
	Consumer = "rasd-workers"
)

// Queue is a connection to the JetStream work queue.
type Queue struct {
	nc *nats.Conn
	js jetstream.JetStream
	// AckWait is how long a worker may hold a message before JetStream
	// gives it to another; a worker that dies loses its batch for this long.
	AckWait time.Duration
}

// maxPending bounds the publishes awaiting their acknowledgement: an
// ingest faster than the server waits rather than fill memory.
const maxPending = 256

// Connect connects to the NATS server at url (nats://host:port) and makes
// sure the stream exists.
func Connect(ctx context.Context, url string) (*Queue, error) {
	nc, err := nats.Connect(url, nats.Name("rasd"), nats.MaxReconnects(-1), nats.ReconnectWait(500*time.Millisecond))
	if err != nil {
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(maxPending))
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	q := &Queue{nc: nc, js: js, AckWait: time.Minute}
	if err := ensureStream(ctx, js); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: stream %s: %w", url, Stream, err)
	}
	return q, nil
}

// ensureStream creates the stream unless it exists. An existing stream is
// left as it is rather than updated: workers connect together, and a
// stream update racing a consumer's creation trips a data race inside the
// NATS server.
func ensureStream(ctx context.Context, js jetstream.JetStream) error {
	_, err := js.Stream(ctx, Stream)
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return err
	}
	_, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name:       Stream,
		Subjects:   []string{Subject},
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Duplicates: 24 * time.Hour, // a re-published article within a day is dropped
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		return nil // another worker made it first
	}
	return err
}

// Close drains pending publishes and closes the connection.
func (q *Queue) Close() error {
	err := q.nc.Drain()
	if errors.Is(err, nats.ErrConnectionClosed) {
		return nil
	}
	return err
}

// MaxPayload is the largest message the server takes.
func (q *Queue) MaxPayload() int64 { return q.nc.MaxPayload() }

// Publish queues one article. The content hash is the message ID, so the
// stream keeps one copy of an article published twice. It returns once
// the server has the message, or an error.
func (q *Queue) Publish(ctx context.Context, d *document.Document) error {
	body, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("publish %s: %w", d.ID, err)
	}
	if int64(len(body)) > q.nc.MaxPayload() {
		return fmt.Errorf("publish %s: %d bytes, over the server's max_payload of %d", d.ID, len(body), q.nc.MaxPayload())
	}
	if _, err := q.js.PublishMsgAsync(&nats.Msg{Subject: Subject, Data: body}, jetstream.WithMsgID(d.Hash)); err != nil {
		return fmt.Errorf("publish %s: %w", d.ID, err)
	}
	return nil
}

// Flush waits until the server has acknowledged every publish.
func (q *Queue) Flush(ctx context.Context) error {
	select {
	case <-q.js.PublishAsyncComplete():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Pending returns the number of messages in the stream not yet
// acknowledged by a worker.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	s, err := q.js.Stream(ctx, Stream)
	if err != nil {
		return 0, err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.State.Msgs, nil
}
