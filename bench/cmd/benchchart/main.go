// Command benchchart turns `go test -bench` output of the compassdb benchmarks into the
// tables and the chart of docs/benchmarks.md. It uses the standard library only.
//
//	go run ./cmd/benchchart -in results.txt -md tables.md -png ../docs/benchmarks.png
//
// Each benchmark's sub-benchmarks are its variants (library, handwritten, gorm, legacy,
// c-floor, …); medians are taken over the -count samples of each, and every ratio is a
// ratio of medians from the same run.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
)

func main() {
	in := flag.String("in", "-", "benchmark output to read (- for stdin)")
	md := flag.String("md", "-", "where to write the markdown tables (- for stdout, empty for none)")
	png := flag.String("png", "", "where to write the chart (empty for none)")
	metric := flag.String("metric", "cpu-ns/op", "the per-op metric of the ratios and the chart (falls back to ns/op)")
	flag.Parse()

	var r io.Reader = os.Stdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		r = f
	}
	results, machine, err := parse(r)
	if err != nil {
		log.Fatal(err)
	}
	if len(results) == 0 {
		log.Fatal("no benchmark results in the input")
	}
	allResults = results
	order, by := groups(results)
	if *md != "" {
		var w io.Writer = os.Stdout
		if *md != "-" {
			f, err := os.Create(*md)
			if err != nil {
				log.Fatal(err)
			}
			defer f.Close()
			w = f
		}
		writeTables(w, order, by, machine, *metric)
	}
	if *png != "" {
		f, err := os.Create(*png)
		if err != nil {
			log.Fatal(err)
		}
		if err := drawChart(f, order, by, *metric); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

// value is the median of metric for r, falling back to ns/op.
func value(r *result, metric string) (float64, bool) {
	if v, ok := r.median(metric); ok && v > 0 {
		return v, true
	}
	return r.median("ns/op")
}

// reference is the variant the others are compared with: "library", or else the first.
func reference(group map[string]*result, order []*result) *result {
	if r, ok := group["library"]; ok {
		return r
	}
	return order[0]
}

// allResults keeps the benchmark output's order for the tables and the chart.
var allResults []*result

func fmtNs(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2f s", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.2f ms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f µs", v/1e3)
	}
	return fmt.Sprintf("%.0f ns", v)
}

func fmtRatio(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f×", v)
	case v >= 10:
		return fmt.Sprintf("%.1f×", v)
	}
	return fmt.Sprintf("%.2f×", v)
}

func writeTables(w io.Writer, order []string, by map[string]map[string]*result, machine []string, metric string) {
	fmt.Fprintf(w, "Machine: %s\n\n", strings.Join(machine, ", "))
	fmt.Fprintf(w, "Ratios are of medians of %s (process CPU time per op); wall-clock ns/op ratios in brackets.\n\n", metric)
	fmt.Fprintln(w, "| operation | library ns/op | library CPU/op | allocs/op | library ÷ handwritten | gorm ÷ library | legacy ÷ library | library ÷ C floor |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	ratio := func(num, den *result) string {
		if num == nil || den == nil {
			return "–"
		}
		a, ok1 := value(num, metric)
		b, ok2 := value(den, metric)
		wa, _ := num.median("ns/op")
		wb, _ := den.median("ns/op")
		if !ok1 || !ok2 || b == 0 || wb == 0 {
			return "–"
		}
		return fmt.Sprintf("%s (%s)", fmtRatio(a/b), fmtRatio(wa/wb))
	}
	for _, g := range order {
		vs := by[g]
		lib := vs["library"]
		if lib == nil {
			continue
		}
		ns, _ := lib.median("ns/op")
		cpuS := "–"
		if cpu, ok := lib.median("cpu-ns/op"); ok {
			cpuS = fmtNs(cpu)
		}
		allocs, _ := lib.median("allocs/op")
		fmt.Fprintf(w, "| %s | %s | %s | %.0f | %s | %s | %s | %s |\n", g, fmtNs(ns), cpuS, allocs,
			ratio(lib, vs["handwritten"]), ratio(vs["gorm"], lib), ratio(vs["legacy"], lib), ratio(lib, vs["c-floor"]))
	}

	fmt.Fprintf(w, "\nEvery variant (medians; \"× ref\" is %s relative to the library, or to the first variant):\n\n", metric)
	fmt.Fprintln(w, "| benchmark | variant | ns/op | CPU/op | × ref | B/op | allocs/op | other metrics |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---|")
	for _, g := range order {
		var vs []*result
		for _, r := range allResults {
			if r.group == g {
				vs = append(vs, r)
			}
		}
		ref := reference(by[g], vs)
		rv, _ := value(ref, metric)
		for _, r := range vs {
			ns, _ := r.median("ns/op")
			cpu, okc := r.median("cpu-ns/op")
			bop, _ := r.median("B/op")
			allocs, _ := r.median("allocs/op")
			v, _ := value(r, metric)
			var other []string
			for _, unit := range []string{"rows/s", "rows/cpu-s", "reads/s", "writes/s", "busy-errors"} {
				if m, ok := r.median(unit); ok {
					other = append(other, fmt.Sprintf("%.0f %s", m, unit))
				}
			}
			cpuS := "–"
			if okc {
				cpuS = fmtNs(cpu)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %.0f | %.0f | %s |\n", g, r.variant, fmtNs(ns), cpuS, fmtRatio(v/rv), bop, allocs, strings.Join(other, ", "))
		}
	}
}
