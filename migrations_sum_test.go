package compassdb_test

import (
	"os"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/internal/migsum"
)

// TestMigrationsAreAppendOnly is the guard of migrations/migrations.sum: a recorded
// migration may not be edited, removed or renumbered, and a new one must come after every
// recorded one. New files are recorded with `go run ./cmd/compassdb migrate hash`.
func TestMigrationsAreAppendOnly(t *testing.T) {
	dir := os.DirFS("migrations")
	sum, err := migsum.Read(dir)
	if err != nil {
		t.Fatalf("migrations/%s: %v", migsum.FileName, err)
	}
	if len(sum.Entries) == 0 {
		t.Fatalf("migrations/%s records no migration; run `go run ./cmd/compassdb migrate hash`", migsum.FileName)
	}
	st, err := migsum.Check(dir, sum)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range st.Problems {
		t.Errorf("migrations/%s", p)
	}
	if len(st.Unrecorded) > 0 {
		t.Logf("not recorded yet (record with `go run ./cmd/compassdb migrate hash` once final): %s", strings.Join(st.Unrecorded, ", "))
	}
}
