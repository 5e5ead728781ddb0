package compassdb_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// TestStatementCache checks that cached prepared statements stay correct across a schema
// change made on another connection (SQLite re-prepares them), and that the cache can be
// turned off.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	for _, cache := range []int{0, -1, 2} {
		path := filepath.Join(t.TempDir(), "compass.db")
		h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true, StatementCache: cache, MaxReaders: 1})
		if err != nil {
			t.Fatal(err)
		}
		for i, name := range []string{"a", "b", "c"} {
			if _, err := h.Writer().CreateProject(ctx, db.CreateProjectParams{ID: name, Name: name, CreatedAt: dbtypes.Now(), Status: "OPEN"}); err != nil {
				t.Fatal(err)
			}
			// Reuse the cached statements of the one reader, then change the schema under them.
			for range 3 {
				p, err := h.Reader().GetProject(ctx, name)
				if err != nil || p.Name != name {
					t.Fatalf("cache %d: GetProject(%s) = %q, %v", cache, name, p.Name, err)
				}
			}
			if _, err := h.WriteDB().ExecContext(ctx, "CREATE INDEX projects_tmp_"+name+" ON projects (status, name)"); err != nil {
				t.Fatal(err)
			}
			ps, err := h.Reader().ListProjectsByOrganization(ctx, nil)
			if err != nil || len(ps) != 0 {
				t.Fatalf("cache %d, round %d: %d rows, %v", cache, i, len(ps), err)
			}
		}
		if err := h.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPageCache checks the page cache each pool's connections get.
func TestPageCache(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ opt, want int }{{0, -compassdb.DefaultPageCacheMiB * 1024}, {8, -8192}, {-1, -2000}} {
		h, err := compassdb.Open(ctx, filepath.Join(t.TempDir(), "compass.db"), compassdb.Options{Migrate: true, PageCacheMiB: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		for _, pool := range []*sql.DB{h.ReadDB(), h.WriteDB()} {
			var got int
			if err := pool.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got); err != nil || got != c.want {
				t.Errorf("PageCacheMiB %d: cache_size %d, %v; want %d", c.opt, got, err, c.want)
			}
		}
		h.Close()
	}
}
