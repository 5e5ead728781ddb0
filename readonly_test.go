package compassdb_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// TestReadOnlyHandle: Options{ReadOnly: true} reads, refuses every write with
// ErrReadOnlyReplica (Tx before fn runs, Writer and WriteDB at the statement), and
// changes nothing in the file.
func TestReadOnlyHandle(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Tx(ctx, func(q *db.Queries) error { return createUser(ctx, q, "u-1") }); err != nil {
		t.Fatal(err)
	}
	h.Close()
	before, _ := os.ReadFile(path)

	ro, err := compassdb.Open(ctx, path, compassdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	if _, err := ro.Reader().GetUser(ctx, "u-1"); err != nil {
		t.Fatalf("read on the replica: %v", err)
	}
	ran := false
	err = ro.Tx(ctx, func(q *db.Queries) error { ran = true; return createUser(ctx, q, "u-2") })
	if !errors.Is(err, compassdb.ErrReadOnlyReplica) || ran {
		t.Fatalf("Tx on a read-only handle: %v (fn ran: %t), want ErrReadOnlyReplica before fn", err, ran)
	}
	if err := createUser(ctx, ro.Writer(), "u-3"); !errors.Is(err, compassdb.ErrReadOnlyReplica) {
		t.Fatalf("Writer on a read-only handle: %v, want ErrReadOnlyReplica", err)
	}
	if _, err := ro.WriteDB().ExecContext(ctx, "DELETE FROM users"); !errors.Is(err, compassdb.ErrReadOnlyReplica) {
		t.Fatalf("WriteDB on a read-only handle: %v, want ErrReadOnlyReplica", err)
	}
	var ce *compassdb.Error
	if _, err := ro.WriteDB().ExecContext(ctx, "DELETE FROM users"); !errors.As(err, &ce) {
		t.Fatalf("the refusal is not a *compassdb.Error: %T", err)
	}
	if primary, err := ro.Primary(); err != nil || primary != "" {
		t.Errorf("Primary() outside LiteFS = %q, %v; want \"\" (this node)", primary, err)
	}
	ro.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the database file changed under a read-only handle")
	}

	// A primary's read pool is query-only too, but a refused write there is not a replica.
	h, err = compassdb.Open(ctx, path, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if err := createUser(ctx, h.Reader(), "u-4"); err == nil || errors.Is(err, compassdb.ErrReadOnlyReplica) {
		t.Errorf("a write on the primary's read pool: %v, want a plain query_only refusal", err)
	}
}

func TestReadOnlyOpenRefusals(t *testing.T) {
	ctx := context.Background()
	missing := dbtest.Path(t)
	if _, err := compassdb.Open(ctx, missing, compassdb.Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing replica file: %v, want not-exist", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("opening a missing replica file created it")
	}
	if _, err := compassdb.Open(ctx, missing, compassdb.Options{ReadOnly: true, Migrate: true}); !errors.Is(err, compassdb.ErrReadOnlyReplica) {
		t.Errorf("ReadOnly with Migrate: %v, want ErrReadOnlyReplica", err)
	}
	behind := dbtest.Path(t)
	if err := compassdb.MigrateTo(ctx, behind, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := compassdb.Open(ctx, behind, compassdb.Options{ReadOnly: true}); !errors.Is(err, compassdb.ErrSchemaBehind) {
		t.Errorf("a replica behind the module: %v, want ErrSchemaBehind", err)
	}
}

// TestPrimaryReadsLiteFSPrimaryFile: LiteFS puts the primary's hostname in .primary in
// the mount on a replica and no such file on the primary.
func TestPrimaryReadsLiteFSPrimaryFile(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), ".primary"), []byte("node-a\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	h, err := compassdb.Open(ctx, path, compassdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if p, err := h.Primary(); err != nil || p != "node-a" {
		t.Fatalf("Primary() = %q, %v; want node-a", p, err)
	}
	if err := h.Tx(ctx, func(*db.Queries) error { return nil }); !errors.Is(err, compassdb.ErrReadOnlyReplica) || !strings.Contains(err.Error(), "node-a") {
		t.Errorf("the refusal does not name the primary: %v", err)
	}
}

// TestClassifyLiteFSRefusal: LiteFS answers a write on a replica with EACCES, which
// SQLite reports as SQLITE_IOERR "disk I/O error: permission denied". It is
// ErrReadOnlyReplica on a LiteFS mount or a read-only handle, and stays an I/O error
// elsewhere (a real permission problem on a plain file is not a replica).
func TestClassifyLiteFSRefusal(t *testing.T) {
	refusal := sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrWrite, SystemErrno: syscall.EACCES}
	if refusal.Error() != "disk I/O error: permission denied" {
		t.Fatalf("the constructed error reads %q", refusal.Error())
	}
	other := sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrWrite, SystemErrno: syscall.ENOSPC}
	readonly := sqlite3.Error{Code: sqlite3.ErrReadonly, ExtendedCode: sqlite3.ErrNoExtended(sqlite3.ErrReadonly)}
	for _, c := range []struct {
		name             string
		err              error
		readOnly, liteFS bool
		want             bool
	}{
		{"refusal on a LiteFS primary handle", refusal, false, true, true},
		{"refusal on a read-only handle", refusal, true, false, true},
		{"EACCES on a plain file", refusal, false, false, false},
		{"ENOSPC on LiteFS", other, false, true, false},
		{"query_only on a read-only handle", readonly, true, false, true},
		{"query_only on a primary's read pool", readonly, false, true, false},
	} {
		got := compassdb.ClassifyFor(c.err, c.readOnly, c.liteFS)
		if errors.Is(got, compassdb.ErrReadOnlyReplica) != c.want {
			t.Errorf("%s: %v, ErrReadOnlyReplica = %t, want %t", c.name, got, !c.want, c.want)
		}
		var se sqlite3.Error
		if !errors.As(got, &se) {
			t.Errorf("%s: the driver error is no longer reachable", c.name)
		}
	}
}

// TestLitestreamTablesAreNotSchema: Litestream creates _litestream_seq and
// _litestream_lock in the database it replicates. They change neither the migration
// state nor what the schema tooling compares, and migrating down and up again keeps them.
func TestLitestreamTablesAreNotSchema(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	clean := schemaOf(t, path)
	h, err := compassdb.Open(ctx, path, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Litestream's own statements (v0.5).
	for _, stmt := range []string{
		`CREATE TABLE IF NOT EXISTS _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);`,
		`CREATE TABLE IF NOT EXISTS _litestream_lock (id INTEGER);`,
		`INSERT INTO _litestream_seq (id, seq) VALUES (1, 1)`,
	} {
		if _, err := h.WriteDB().ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	h.Close()
	if st := status(t, path); st.Version != compassdb.LatestVersion() || len(st.Pending) > 0 || st.Dirty {
		t.Fatalf("status with Litestream's tables: %+v", st)
	}
	if got := schemaOf(t, path); len(got) != len(clean) {
		t.Fatalf("schemaOf counts Litestream's tables: %d objects, %d without them", len(got), len(clean))
	}
	if err := compassdb.MigrateTo(ctx, path, 0); err != nil {
		t.Fatal(err)
	}
	if left := tableNames(t, path); len(left) != 0 {
		t.Fatalf("down to 0 left %v", left)
	}
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	h, err = compassdb.Open(ctx, path, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var seq int
	if err := h.ReadDB().QueryRowContext(ctx, "SELECT seq FROM _litestream_seq WHERE id = 1").Scan(&seq); err != nil || seq != 1 {
		t.Fatalf("Litestream's table did not survive the migrations: %d %v", seq, err)
	}
	for name, want := range map[string]bool{
		"_litestream_seq": true, "_litestream_lock": true, "schema_migrations": true, "sqlite_sequence": true,
		"users": false, "xlitestream_seq": false, "litestream": false,
	} {
		if got := compassdb.ForeignTable(name); got != want {
			t.Errorf("ForeignTable(%q) = %t, want %t", name, got, want)
		}
	}
}
