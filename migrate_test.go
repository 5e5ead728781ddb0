package compassdb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/internal/dbtest"
	"github.com/compass-eng/compassdb/internal/schemacmp"
	"github.com/compass-eng/compassdb/migrations"
)

// schemaOf returns the normalized DDL of every table, index, view and trigger in the
// database at path, keyed by name; golang-migrate's version table and Litestream's tables
// (compassdb.ForeignTable) are left out.
func schemaOf(t *testing.T, path string) map[string]string {
	t.Helper()
	conn, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT name, sql FROM sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND tbl_name <> 'schema_migrations'
			AND tbl_name NOT LIKE '\_litestream\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	space := regexp.MustCompile(`\s+`)
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			t.Fatal(err)
		}
		out[name] = space.ReplaceAllString(ddl, " ")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func schemaByMeaning(t *testing.T, path string) *schemacmp.Schema {
	t.Helper()
	conn, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	s, err := schemacmp.Read(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func tableNames(t *testing.T, path string) []string {
	t.Helper()
	var names []string
	for name, ddl := range schemaOf(t, path) {
		if strings.HasPrefix(ddl, "CREATE TABLE") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

func status(t *testing.T, path string) compassdb.Status {
	t.Helper()
	st, err := compassdb.ReadStatus(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestSchemaMatchesMigrations is the drift check: schema/ (what sqlc reads) and
// migrations/ (what runs) must describe the same database, statement for statement.
func TestSchemaMatchesMigrations(t *testing.T) {
	migrated := dbtest.Path(t)
	if err := compassdb.Migrate(context.Background(), migrated); err != nil {
		t.Fatal(err)
	}
	fromSchema := filepath.Join(t.TempDir(), "schema.db")
	conn, err := sql.Open("sqlite3", fromSchema)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("schema/*.sql")
	if len(files) != 8 {
		t.Fatalf("schema/ has %d files, want the 8 feature groups", len(files))
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	conn.Close()

	// Compared by meaning (columns, keys, indexes, checks), not by CREATE text: a later
	// ALTER TABLE migration rewrites the stored text of a table that schema/ states whole.
	want, got := schemaByMeaning(t, fromSchema), schemaByMeaning(t, migrated)
	for _, d := range schemacmp.Diff(want, got, "schema/", "migrations/") {
		t.Error(d)
	}
	if n := len(tableNames(t, migrated)); n != 40 {
		t.Errorf("migrated database has %d tables, want 40", n)
	}
}

func TestMigrationFilesAreWellFormed(t *testing.T) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^(\d{6})_[a-z0-9_]+\.(up|down)\.sql$`)
	ups, downs := map[string]bool{}, map[string]bool{}
	forbidden := regexp.MustCompile(`(?im)^\s*(BEGIN|COMMIT|ROLLBACK|PRAGMA\s+foreign_keys)\b`)
	for _, e := range entries {
		m := name.FindStringSubmatch(e.Name())
		if m == nil {
			t.Errorf("%s: not NNNNNN_name.up.sql / .down.sql", e.Name())
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".up.sql"), ".down.sql")
		if m[2] == "up" {
			ups[base] = true
		} else {
			downs[base] = true
		}
		body, _ := fs.ReadFile(migrations.FS, e.Name())
		if forbidden.Match(body) {
			t.Errorf("%s: the runner wraps each run in a transaction with foreign keys off; remove BEGIN/COMMIT/PRAGMA foreign_keys", e.Name())
		}
	}
	i := 0
	for _, base := range slices.Sorted(func(yield func(string) bool) {
		for b := range ups {
			if !yield(b) {
				return
			}
		}
	}) {
		i++
		if !downs[base] {
			t.Errorf("%s.up.sql has no .down.sql", base)
		}
		if want := fmt.Sprintf("%06d", i); !strings.HasPrefix(base, want+"_") {
			t.Errorf("%s: versions must run 000001, 000002, … without gaps; want %s here", base, want)
		}
	}
	if len(downs) != len(ups) {
		t.Errorf("%d up files, %d down files", len(ups), len(downs))
	}
}

func TestMigrateUpDownUpOnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	first := schemaOf(t, path)
	if st := status(t, path); st.Version != compassdb.LatestVersion() || st.Dirty || len(st.Pending) != 0 {
		t.Fatalf("after up: %+v", st)
	}
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatalf("second up must be a no-op: %v", err)
	}
	if err := compassdb.MigrateTo(ctx, path, 0); err != nil {
		t.Fatal(err)
	}
	if left := tableNames(t, path); len(left) != 0 {
		t.Fatalf("down to 0 left tables %v", left)
	}
	if st := status(t, path); st.Version != 0 || len(st.Pending) != int(compassdb.LatestVersion()) {
		t.Fatalf("after down: %+v", st)
	}
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	again := schemaOf(t, path)
	if len(again) != len(first) {
		t.Fatalf("up after down: %d objects, first up had %d", len(again), len(first))
	}
	for name, ddl := range first {
		if again[name] != ddl {
			t.Errorf("%s changed after up → down → up", name)
		}
	}
}

// withExtra returns the embedded migrations plus extra files.
func withExtra(extra map[string]string) fs.FS {
	m := fstest.MapFS{}
	entries, _ := fs.ReadDir(migrations.FS, ".")
	for _, e := range entries {
		body, _ := fs.ReadFile(migrations.FS, e.Name())
		m[e.Name()] = &fstest.MapFile{Data: body}
	}
	for name, body := range extra {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

func count(t *testing.T, conn *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFailedMigrationLeavesPreviousVersionAndData(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	raw, _ := sql.Open("sqlite3", path)
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO users (id, email, created_at, updated_at) VALUES ('user-1', 'a@example.com', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	before := schemaOf(t, path)

	broken := withExtra(map[string]string{
		"000009_broken.up.sql":   "-- adds a column, then fails\nALTER TABLE users ADD COLUMN nickname TEXT;\n\nUPDATE users SET nickname = 'x';\nCREATE INDEX users_nope_idx ON users (no_such_column);\n",
		"000009_broken.down.sql": "ALTER TABLE users DROP COLUMN nickname;\n",
	})
	err := compassdb.MigrateToFS(ctx, path, broken, 9)
	var me *compassdb.MigrationError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want a *MigrationError", err)
	}
	if me.File != "000009_broken.up.sql" || me.Statement != 3 || me.Line != 5 || !strings.Contains(me.SQL, "users_nope_idx") {
		t.Errorf("error names %s statement %d line %d %q", me.File, me.Statement, me.Line, me.SQL)
	}
	if !strings.Contains(err.Error(), "000009_broken.up.sql") || !strings.Contains(err.Error(), "no_such_column") {
		t.Errorf("message lacks file or cause: %v", err)
	}
	if st := status(t, path); st.Version != 8 || st.Dirty {
		t.Fatalf("after the failure: %+v, want version 8, clean", st)
	}
	after := schemaOf(t, path)
	if after["users"] != before["users"] {
		t.Errorf("users changed although the migration failed:\n%s", after["users"])
	}
	if n := count(t, raw, "users"); n != 1 {
		t.Errorf("%d users after the failed migration, want 1", n)
	}
}

// A parent-table rebuild (SQLite's 12-step ALTER) must keep every child row: the runner's
// connection has foreign keys off, so DROP TABLE projects does not cascade.
func TestRebuildingAParentTableKeepsChildren(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	if err := compassdb.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	raw, _ := sql.Open("sqlite3", path+"?_foreign_keys=1")
	defer raw.Close()
	const ts = "'2026-01-01T00:00:00.000Z'"
	for _, stmt := range []string{
		`INSERT INTO users (id, email, created_at, updated_at) VALUES ('u1', 'u1@example.com', ` + ts + `, ` + ts + `)`,
		`INSERT INTO customers (id, name, created_at) VALUES ('c1', 'Acme', ` + ts + `)`,
		`INSERT INTO projects (id, name, created_at) VALUES ('p1', 'House', ` + ts + `)`,
		`INSERT INTO project_members (id, project_id, user_id, role, assigned_at) VALUES ('pm1', 'p1', 'u1', 'manager', ` + ts + `)`,
		`INSERT INTO schedule_tasks (id, project_id, title, start_date, workdays, end_date_calculated, phase, created_at, updated_at) VALUES
			('t1', 'p1', 'Dig', '2026-01-05', 2, '2026-01-06', 'sitework', ` + ts + `, ` + ts + `),
			('t2', 'p1', 'Pour', '2026-01-07', 1, '2026-01-07', 'foundation', ` + ts + `, ` + ts + `)`,
		`INSERT INTO task_dependencies (id, predecessor_id, successor_id) VALUES ('d1', 't1', 't2')`,
		`INSERT INTO workday_exceptions (id, project_id, title, start_date, end_date, created_at, updated_at) VALUES ('e1', 'p1', 'Holiday', '2026-01-01', '2026-01-01', ` + ts + `, ` + ts + `)`,
		`INSERT INTO schedule_baselines (id, project_id, name, snapshot_data, created_at) VALUES ('b1', 'p1', 'v1', '{"tasks":[],"dependencies":[]}', ` + ts + `)`,
		`INSERT INTO invoices (id, customer_id, project_id, issue_date, created_at, updated_at) VALUES ('i1', 'c1', 'p1', '2026-01-10', ` + ts + `, ` + ts + `)`,
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	children := []string{"project_members", "schedule_tasks", "task_dependencies", "workday_exceptions", "schedule_baselines", "invoices"}
	want := map[string]int{}
	for _, c := range children {
		want[c] = count(t, raw, c)
	}

	schemaSQL, _ := os.ReadFile("schema/001_core.sql")
	projectsDDL := regexp.MustCompile(`(?s)CREATE TABLE projects \(.*?\n\);`).FindString(string(schemaSQL))
	rebuild := strings.Replace(projectsDDL, "CREATE TABLE projects (", "CREATE TABLE projects_new (", 1)
	rebuild = strings.Replace(rebuild, "\n);", ",\n  CONSTRAINT projects_name_check CHECK (name <> '')\n);", 1)
	rebuild += `
INSERT INTO projects_new SELECT * FROM projects;
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
CREATE INDEX projects_organization_idx ON projects (organization_id);
CREATE INDEX projects_name_idx ON projects (name);
`
	down := strings.Replace(rebuild, ",\n  CONSTRAINT projects_name_check CHECK (name <> '')", "", 1)
	extra := withExtra(map[string]string{"000009_rebuild_projects.up.sql": rebuild, "000009_rebuild_projects.down.sql": down})
	if err := compassdb.MigrateToFS(ctx, path, extra, 9); err != nil {
		t.Fatal(err)
	}
	for _, c := range children {
		if got := count(t, raw, c); got != want[c] {
			t.Errorf("%s: %d rows after rebuilding projects, want %d", c, got, want[c])
		}
	}
	if !strings.Contains(schemaOf(t, path)["projects"], "projects_name_check") {
		t.Error("the rebuild did not apply")
	}
	if err := compassdb.MigrateToFS(ctx, path, extra, 8); err != nil {
		t.Fatal(err)
	}
	for _, c := range children {
		if got := count(t, raw, c); got != want[c] {
			t.Errorf("%s: %d rows after the down rebuild, want %d", c, got, want[c])
		}
	}
}

func setVersion(t *testing.T, path string, version int, dirty bool) {
	t.Helper()
	raw, _ := sql.Open("sqlite3", path)
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE schema_migrations SET version = ?, dirty = ?`, version, dirty); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesDirtyNewerAndBehindDatabases(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		prepare func(path string)
		opts    compassdb.Options
		want    error
	}{
		{"dirty", func(p string) { setVersion(t, p, 8, true) }, compassdb.Options{Migrate: true}, compassdb.ErrDirty},
		{"dirty without migrate", func(p string) { setVersion(t, p, 8, true) }, compassdb.Options{}, compassdb.ErrDirty},
		{"newer", func(p string) { setVersion(t, p, 99, false) }, compassdb.Options{Migrate: true}, compassdb.ErrSchemaNewer},
		{"behind", func(p string) {
			if err := compassdb.MigrateTo(ctx, p, 5); err != nil {
				t.Fatal(err)
			}
		}, compassdb.Options{}, compassdb.ErrSchemaBehind},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := dbtest.Path(t)
			if err := compassdb.Migrate(ctx, path); err != nil {
				t.Fatal(err)
			}
			c.prepare(path)
			h, err := compassdb.Open(ctx, path, c.opts)
			if err == nil {
				h.Close()
				t.Fatal("Open succeeded")
			}
			var se *compassdb.SchemaStateError
			if !errors.Is(err, c.want) || !errors.As(err, &se) {
				t.Fatalf("got %v, want %v as *SchemaStateError", err, c.want)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("message does not name the file: %v", err)
			}
		})
	}
}

func TestOpenWithMigrateBringsBehindDatabaseCurrent(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	if err := compassdb.MigrateTo(ctx, path, 3); err != nil {
		t.Fatal(err)
	}
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if st := status(t, path); st.Version != compassdb.LatestVersion() {
		t.Fatalf("version %d after Open with Migrate", st.Version)
	}
}

func TestSplitStatements(t *testing.T) {
	src := "-- header\nCREATE TABLE a (x TEXT DEFAULT ';');\n/* block; */\nINSERT INTO a VALUES ('it''s; fine');\n" +
		"CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 'y';\n  DELETE FROM a WHERE x = 'z';\nEND;\n-- trailing comment\n"
	got := compassdb.SplitStatements(src)
	if len(got) != 3 {
		t.Fatalf("got %d statements: %#v", len(got), got)
	}
	wantLines := []int{2, 4, 5}
	for i, s := range got {
		if s.Line != wantLines[i] {
			t.Errorf("statement %d starts on line %d, want %d: %q", i+1, s.Line, wantLines[i], s.SQL)
		}
	}
	if !strings.HasSuffix(got[2].SQL, "END") {
		t.Errorf("trigger body was cut: %q", got[2].SQL)
	}
}

// OwnObjects is ForeignTable in SQL: both must agree on every kind of name, including
// the ones an unescaped LIKE '_' would misjudge.
func TestOwnObjectsAgreesWithForeignTable(t *testing.T) {
	conn, err := sql.Open("sqlite3", dbtest.Path(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, name := range []string{"users", "sqlite_sequence", "sqliteX", "schema_migrations",
		"_litestream_seq", "_litestream_lock", "xlitestream_seq", "_litestreamXseq", "custom_themes"} {
		var own bool
		if err := conn.QueryRow(`SELECT `+compassdb.OwnObjects("n")+` FROM (SELECT ? AS n)`, name).Scan(&own); err != nil {
			t.Fatal(err)
		}
		if own == compassdb.ForeignTable(name) {
			t.Errorf("%q: OwnObjects says own=%t, ForeignTable says foreign=%t", name, own, compassdb.ForeignTable(name))
		}
	}
}
