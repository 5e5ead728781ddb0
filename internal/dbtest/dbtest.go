// Package dbtest gives each test its own migrated database file, opened with the same
// compassdb.Open a service uses: real SQLite through the real driver, never :memory:.
package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
)

// Path returns the path of a new, empty database file in the test's temp dir.
func Path(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "compass.db")
}

// Open migrates a new database file and opens it; it is closed when the test ends.
func Open(t testing.TB) *compassdb.DB {
	t.Helper()
	h, err := compassdb.Open(context.Background(), Path(t), compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		if err := h.Close(); err != nil {
			t.Errorf("close test database: %v", err)
		}
	})
	return h
}

// OpenSeeded is Open followed by Seed in one transaction: a migrated database holding
// the Fixture, which it returns.
func OpenSeeded(t testing.TB) (*compassdb.DB, *Fixture) {
	t.Helper()
	h := Open(t)
	var f *Fixture
	err := h.Tx(context.Background(), func(q *db.Queries) (err error) {
		f, err = Seed(context.Background(), q)
		return err
	})
	if err != nil {
		t.Fatalf("seed test database: %v", err)
	}
	return h, f
}
