package erd_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/internal/erd"
	_ "github.com/mattn/go-sqlite3"
)

// TestERDiagramIsCurrent fails when docs/schema.md differs from the diagrams of the
// migrated schema.
func TestERDiagramIsCurrent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	groups, err := erd.GroupsFromSchemaDir("../../schema")
	if err != nil {
		t.Fatal(err)
	}
	want, err := erd.Markdown(ctx, db, groups, erd.Header)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(want, "## other") {
		t.Error("some tables belong to no schema/ file")
	}
	got, err := os.ReadFile("../../docs/schema.md")
	if err != nil {
		t.Fatalf("%v: run `go run ./cmd/compassdb schema --er docs/schema.md`", err)
	}
	if string(got) != want {
		t.Error("docs/schema.md is stale: run `go run ./cmd/compassdb schema --er docs/schema.md` and commit it")
	}
}
