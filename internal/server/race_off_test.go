//go:build !race

package server

// raceEnabled is true when the tests run under the race detector, which
// makes each request several times slower: load tests scale down.
const raceEnabled = false
