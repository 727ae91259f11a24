// Package bench measures rasd against the throughput and latency targets
// of its issues, in one run on one machine, each beside its target and,
// where one exists, beside a reference measured in the same run (bleve's
// Arabic analyzer and index on the same text). `rasd bench` prints the
// report; the Go benchmarks next to each package measure the same hot
// paths for profiling and benchstat.
//
// Per-core figures are work per CPU-second of the process (user and
// system time, the garbage collector included) with the work on one
// goroutine, so a machine shared with other jobs still gives the speed of
// one core.
package bench
