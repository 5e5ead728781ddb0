package compassdb_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/migrations"
)

// UpMigrations gives another driver the same statements the runner executes.
func TestUpMigrations(t *testing.T) {
	all, err := compassdb.UpMigrations(0)
	if err != nil {
		t.Fatal(err)
	}
	var versions []uint
	for _, m := range all {
		versions = append(versions, m.Version)
		body, err := fs.ReadFile(migrations.FS, m.File)
		if err != nil || !strings.HasSuffix(m.File, ".up.sql") {
			t.Fatalf("%s: %v", m.File, err)
		}
		var want []string
		for _, s := range compassdb.SplitStatements(string(body)) {
			want = append(want, s.SQL)
		}
		if !slices.Equal(m.Statements, want) || len(want) == 0 {
			t.Errorf("%s: %d statements, the runner splits %d", m.File, len(m.Statements), len(want))
		}
	}
	if latest := compassdb.LatestVersion(); len(versions) != int(latest) || versions[len(versions)-1] != latest || !slices.IsSorted(versions) {
		t.Fatalf("versions %v, want 1..%d", versions, latest)
	}
	rest, err := compassdb.UpMigrations(5)
	if err != nil || len(rest) != len(all)-5 || rest[0].Version != 6 {
		t.Fatalf("after version 5: %d migrations from %v (%v)", len(rest), rest[0].Version, err)
	}
	if none, err := compassdb.UpMigrations(compassdb.LatestVersion()); err != nil || len(none) != 0 {
		t.Fatalf("at the latest version: %d pending (%v)", len(none), err)
	}
}
