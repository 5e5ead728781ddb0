// Command benchdata builds (or finds) the cached benchmark data sets ahead of a run, so
// that the first benchmark does not pay for generation:
//
//	go run ./cmd/benchdata -size 10k,100k,1m
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/compass-eng/compassdb/bench"
)

func main() {
	sizes := flag.String("size", "tiny", "comma-separated sizes: "+strings.Join(bench.SizeNames(), ", "))
	cache := flag.String("cache", bench.DefaultCacheDir(), "cache directory")
	flag.Parse()
	for _, name := range strings.Split(*sizes, ",") {
		s, ok := bench.Sizes[name]
		if !ok {
			log.Fatalf("unknown size %q", name)
		}
		d, err := bench.LoadOrBuild(context.Background(), *cache, s, log.Printf)
		if err != nil {
			log.Fatal(err)
		}
		for _, p := range []string{d.Library, d.Legacy} {
			st, err := os.Stat(p)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf("%s\t%s\t%d MB\n", name, p, st.Size()>>20)
		}
		fmt.Printf("%s\tbuilt %d rows per database in %s (%.0f rows/s)\n", name, d.BuildStats.Rows, d.BuildStats.Elapsed, d.BuildStats.RowsPerSec)
	}
}
