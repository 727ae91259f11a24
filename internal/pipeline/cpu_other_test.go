//go:build !unix

package pipeline

import "time"

// cpuTime is unknown here; the benchmark then skips its CPU-time metric.
func cpuTime() time.Duration { return 0 }
