package main

import (
	"bufio"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// A result is every sample of one sub-benchmark, metric by metric.
type result struct {
	group, variant string
	samples        map[string][]float64 // unit -> values, one per -count run
}

// median of a metric, and whether it was reported.
func (r *result) median(unit string) (float64, bool) {
	v := append([]float64(nil), r.samples[unit]...)
	if len(v) == 0 {
		return 0, false
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

var procSuffix = regexp.MustCompile(`-\d+$`)

// parse reads `go test -bench` output: lines of "BenchmarkName-P  N  v unit  v unit …".
// The group is the benchmark name without its last element, the variant is the last
// element ("BenchmarkListTasks/tasks=50/library-2" -> "ListTasks/tasks=50", "library").
func parse(r io.Reader) (results []*result, machine []string, err error) {
	byName := map[string]*result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, key := range []string{"goos:", "goarch:", "cpu:"} {
			if strings.HasPrefix(line, key) && !contains(machine, line) {
				machine = append(machine, line)
			}
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		res, ok := byName[name]
		if !ok {
			group, variant := name, ""
			if i := strings.LastIndex(name, "/"); i >= 0 {
				group, variant = name[:i], name[i+1:]
			}
			res = &result{group: group, variant: variant, samples: map[string][]float64{}}
			byName[name] = res
			results = append(results, res)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			res.samples[f[i+1]] = append(res.samples[f[i+1]], v)
		}
	}
	return results, machine, sc.Err()
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// groups returns the results grouped, in first-seen order.
func groups(results []*result) (order []string, by map[string]map[string]*result) {
	by = map[string]map[string]*result{}
	for _, r := range results {
		if by[r.group] == nil {
			by[r.group] = map[string]*result{}
			order = append(order, r.group)
		}
		by[r.group][r.variant] = r
	}
	return order, by
}
