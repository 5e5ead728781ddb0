package bench

import (
	"syscall"
	"testing"
	"time"
)

// cpuNow is this process's user + system CPU time, all threads.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs op in the benchmark loop and reports, besides ns/op (wall time), the
// process CPU time per op. On a shared machine wall time mostly measures how long the
// benchmark waited for a core; CPU time measures the work, so the comparisons in
// docs/benchmarks.md use both.
func measure(b *testing.B, op func() error) {
	b.Helper()
	b.ReportAllocs()
	c0 := cpuNow()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuNow()-c0)/float64(b.N), "cpu-ns/op")
}
