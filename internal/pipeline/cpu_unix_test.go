//go:build unix

package pipeline

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user and system, GC
// included): on a shared machine it gives a per-core rate that wall time,
// stretched by other jobs, does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
