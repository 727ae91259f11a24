package queue

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerOptions configure an embedded NATS server.
type ServerOptions struct {
	Addr     string // host:port to listen on; port 0 picks one
	StoreDir string // JetStream's files
	// MaxPayload is the largest message; articles are sent whole.
	MaxPayload int32
}

// DefaultMaxPayload fits any article the readers accept by default.
const DefaultMaxPayload = 8 << 20

// StartServer starts a NATS server with JetStream in this process and
// waits until it takes connections. Shutdown stops it.
func StartServer(opts ServerOptions) (*server.Server, error) {
	host, portStr, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("nats server: address %q: %w", opts.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("nats server: port %q: %w", portStr, err)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	}
	if opts.MaxPayload <= 0 {
		opts.MaxPayload = DefaultMaxPayload
	}
	s, err := server.NewServer(&server.Options{
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   opts.StoreDir,
		MaxPayload: opts.MaxPayload,
		NoSigs:     true,
		NoLog:      true,
	})
	if err != nil {
		return nil, fmt.Errorf("nats server: %w", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("nats server: not ready after 10s")
	}
	return s, nil
}
