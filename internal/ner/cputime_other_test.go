//go:build !unix

package ner

import "time"

// cpuTime is unknown here: the benchmarks report wall-time speeds only.
func cpuTime() time.Duration { return 0 }
