package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/schemacmp"
	"github.com/compass-eng/compassdb/internal/seed"
)

// cli runs one command line in-process and returns its exit code and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func expect(t *testing.T, code int, out, errs string, want int, contains ...string) {
	t.Helper()
	if code != want {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, want, out, errs)
	}
	for _, c := range contains {
		if !strings.Contains(out+errs, c) {
			t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", c, out, errs)
		}
	}
}

// repo copies the repository's schema/ and migrations/ into a temp dir for edits.
func repo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"schema", "migrations"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(filepath.Join("..", "..", sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".sql") || strings.HasSuffix(e.Name(), ".sum") {
				if err := copyFile(filepath.Join("..", "..", sub, e.Name()), filepath.Join(dir, sub, e.Name())); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return dir
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readSchema(t *testing.T, path string) *schemacmp.Schema {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
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

// schemaDB builds the database that dir/schema/*.sql describe.
func schemaDB(t *testing.T, dir string) string {
	t.Helper()
	r, err := readRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "schema.db")
	if err := r.buildSchema(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHelpAndUsage(t *testing.T) {
	code, out, _ := cli(t, "", "--help")
	expect(t, code, out, "", exitOK, "Exit codes")
	for _, args := range [][]string{{"migrate", "status", "--help"}, {"migrate", "new", "-h"}, {"adopt", "--help"}, {"seed", "--help"}, {"schema", "--help"}, {"migrate", "lint", "--help"}, {"migrate", "force", "--help"}} {
		code, out, errs := cli(t, "", args...)
		expect(t, code, out, errs, exitOK, "Usage: compassdb")
	}
	code, out, errs := cli(t, "", "frobnicate")
	expect(t, code, out, errs, exitUsage, "unknown command")
	code, out, errs = cli(t, "", "migrate", "down")
	expect(t, code, out, errs, exitUsage)
	code, out, errs = cli(t, "", "migrate", "status", "--no-such-flag")
	expect(t, code, out, errs, exitUsage)
}

func TestStatusErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	code, out, errs := cli(t, "", "migrate", "status", "--db", missing)
	expect(t, code, out, errs, exitError, "no such database file")
	if _, err := os.Stat(missing); err == nil {
		t.Error("status created the missing file")
	}
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello, this is not a database at all"), 0o644)
	code, out, errs = cli(t, "", "migrate", "status", "--db", text)
	expect(t, code, out, errs, exitError, "not a SQLite database")

	path := filepath.Join(dir, "c.db")
	code, out, errs = cli(t, "", "migrate", "up", "--db", path)
	expect(t, code, out, errs, exitOK, "migrated from version 0")
	code, out, errs = cli(t, "", "migrate", "status", "--db", path)
	expect(t, code, out, errs, exitOK, "up to date")

	code, out, errs = cli(t, "", "migrate", "down", "2", "--db", path)
	expect(t, code, out, errs, exitError, "aborted")
	code, out, errs = cli(t, "y\n", "migrate", "down", "2", "--db", path)
	expect(t, code, out, errs, exitOK, "000008_dashboards.down.sql", "to 6")
	code, out, errs = cli(t, "", "migrate", "status", "--db", path)
	expect(t, code, out, errs, exitAttention, "pending:  2", "000007_google")
	code, out, errs = cli(t, "", "migrate", "goto", "8", "--db", path)
	expect(t, code, out, errs, exitOK)

	// Dirty (as another tool leaves it) and newer than the binary: exit code 3.
	conn, _ := sql.Open("sqlite3", path)
	conn.Exec(`UPDATE schema_migrations SET dirty = 1`)
	conn.Close()
	code, out, errs = cli(t, "", "migrate", "status", "--db", path)
	expect(t, code, out, errs, exitAttention, "dirty:    true", "migrate force")
	code, out, errs = cli(t, "", "migrate", "up", "--db", path)
	expect(t, code, out, errs, exitAttention, "dirty")
	code, out, errs = cli(t, "no\n", "migrate", "force", "8", "--db", path)
	expect(t, code, out, errs, exitError, "force will record version 8", "aborted")
	code, out, errs = cli(t, "yes\n", "migrate", "force", "8", "--db", path)
	expect(t, code, out, errs, exitOK, "dirty flag cleared")
	code, out, errs = cli(t, "", "migrate", "status", "--db", path)
	expect(t, code, out, errs, exitOK)

	conn, _ = sql.Open("sqlite3", path)
	conn.Exec(`UPDATE schema_migrations SET version = 99`)
	conn.Close()
	code, out, errs = cli(t, "", "migrate", "status", "--db", path)
	expect(t, code, out, errs, exitAttention, "newer than this binary")
	code, out, errs = cli(t, "", "migrate", "down", "1", "--db", path, "--yes")
	expect(t, code, out, errs, exitAttention, "newer")
}

// TestMigrateNewTurnsSchemaEditsIntoAMigration: a column with a default, an index and a
// NOT NULL change made only in schema/ become one migration; applied, the schema matches
// schema/ again; down restores the previous one; a second run finds nothing to do.
func TestMigrateNewTurnsSchemaEditsIntoAMigration(t *testing.T) {
	dir := repo(t)
	core := filepath.Join(dir, "schema", "001_core.sql")
	edit(t, core, "  netsuite_job_id TEXT,\n  organization_id TEXT REFERENCES organizations (id)\n);",
		"  netsuite_job_id TEXT,\n  organization_id TEXT REFERENCES organizations (id),\n  budget REAL NOT NULL DEFAULT 0\n);")
	edit(t, core, "CREATE INDEX vendors_name_idx ON vendors (name, id);", "CREATE INDEX vendors_name_idx ON vendors (name, id);\nCREATE INDEX vendors_category_idx ON vendors (category);")
	edit(t, core, "  platform TEXT NOT NULL,\n  created_at", "  platform TEXT NOT NULL,\n  created_at")
	edit(t, core, "  tags TEXT,\n  importance", "  tags TEXT NOT NULL DEFAULT '',\n  importance")

	code, out, errs := cli(t, "", "migrate", "new", "budget index tags", "--dir", dir)
	expect(t, code, out, errs, exitOK, "000009_budget_index_tags.up.sql", "projects: add column budget",
		"vendors: add index vendors_category_idx", "slab_memories: modify column tags (set NOT NULL, change default)", "no table loses a row")
	up, err := os.ReadFile(filepath.Join(dir, "migrations", "000009_budget_index_tags.up.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ALTER TABLE `projects` ADD COLUMN `budget` real NOT NULL DEFAULT 0",
		"CREATE INDEX vendors_category_idx ON vendors (category)", "CREATE TABLE new_slab_memories", "IFNULL(`tags`, '')",
		"DROP TABLE `slab_memories`", "ALTER TABLE `new_slab_memories` RENAME TO `slab_memories`", "CREATE INDEX slab_memories_user_created_idx"} {
		if !strings.Contains(string(up), want) {
			t.Errorf("up migration lacks %q:\n%s", want, up)
		}
	}
	if strings.Contains(strings.ToUpper(string(up)), "\nPRAGMA") {
		t.Errorf("up migration has a PRAGMA:\n%s", up)
	}

	// Drift back to none: all migrations applied give schema/'s schema.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "all.db")
	if err := compassdb.MigrateFS(ctx, path, os.DirFS(filepath.Join(dir, "migrations")), 9); err != nil {
		t.Fatal(err)
	}
	if d := schemacmp.Diff(readSchema(t, path), readSchema(t, schemaDB(t, dir)), "migrations", "schema"); len(d) > 0 {
		t.Errorf("drift after the new migration: %v", d)
	}
	code, out, errs = cli(t, "", "migrate", "new", "again", "--dir", dir)
	expect(t, code, out, errs, exitOK, "No changes")
	if m, _ := filepath.Glob(filepath.Join(dir, "migrations", "000010_*")); len(m) > 0 {
		t.Errorf("wrote %v without changes", m)
	}
}

// TestRebuildOfProjectsKeepsChildren: changing the foreign key action of projects
// (which ALTER TABLE cannot do) rebuilds the table; every row of projects and of the
// tables that reference it survives, and with foreign keys on (the application's pools)
// the children still belong to their project.
func TestRebuildOfProjectsKeepsChildren(t *testing.T) {
	ctx := context.Background()
	dir := repo(t)
	edit(t, filepath.Join(dir, "schema", "001_core.sql"), "  organization_id TEXT REFERENCES organizations (id)\n);",
		"  organization_id TEXT REFERENCES organizations (id) ON DELETE SET NULL\n);")
	code, out, errs := cli(t, "", "migrate", "new", "projects_org_set_null", "--dir", dir)
	expect(t, code, out, errs, exitOK, "projects: modify foreign key", "rebuild-referenced")
	up, _ := os.ReadFile(filepath.Join(dir, "migrations", "000009_projects_org_set_null.up.sql"))
	if !strings.Contains(string(up), "CREATE TABLE new_projects") || !strings.Contains(string(up), "CREATE INDEX projects_name_idx") {
		t.Fatalf("not a rebuild with its indexes:\n%s", up)
	}

	path := filepath.Join(t.TempDir(), "c.db")
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Tx(ctx, func(q *db.Queries) error {
		_, err := seed.Fill(ctx, q, seed.Options{Projects: 3, TasksPerProject: 10, Users: 5})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	h.Close()
	children := []string{"projects", "schedule_tasks", "task_dependencies", "project_members", "workday_exceptions", "schedule_baselines", "invoices", "vendor_bills", "payments", "credit_memos"}
	before, err := rowCounts(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := compassdb.MigrateFS(ctx, path, os.DirFS(filepath.Join(dir, "migrations")), 9); err != nil {
		t.Fatal(err)
	}
	after, err := rowCounts(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range children {
		if before[c] == 0 || before[c] != after[c] {
			t.Errorf("%s: %d rows before the rebuild, %d after", c, before[c], after[c])
		}
	}
	// Foreign keys on, as in the application: no orphans, and a project's deletion still
	// cascades to its tasks through the rebuilt table.
	conn, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=1")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var orphans int
	if err := conn.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&orphans); err != nil || orphans != 0 {
		t.Fatalf("foreign_key_check: %d %v", orphans, err)
	}
	var pid string
	var tasks int
	conn.QueryRow(`SELECT project_id, count(*) FROM schedule_tasks GROUP BY project_id LIMIT 1`).Scan(&pid, &tasks)
	for _, stmt := range []string{`DELETE FROM invoices WHERE project_id = ?`, `DELETE FROM vendor_bills WHERE project_id = ?`, `DELETE FROM payments WHERE project_id = ?`, `DELETE FROM credit_memos WHERE project_id = ?`, `DELETE FROM projects WHERE id = ?`} {
		if _, err := conn.Exec(stmt, pid); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	var left int
	conn.QueryRow(`SELECT count(*) FROM schedule_tasks WHERE project_id = ?`, pid).Scan(&left)
	if tasks == 0 || left != 0 {
		t.Errorf("deleting a project left %d of its %d tasks", left, tasks)
	}
}

// TestHashAndLint: new files are linted before they are recorded, annotations allow a
// risky change, and a recorded file that is edited is refused by name.
func TestHashAndLint(t *testing.T) {
	dir := repo(t)
	mig := filepath.Join(dir, "migrations")
	code, out, errs := cli(t, "", "migrate", "lint", "--dir", dir)
	expect(t, code, out, errs, exitOK, "no unrecorded migrations")

	risky := `ALTER TABLE feedback DROP COLUMN github_issue_url;
DROP TABLE google_starred_files;
CREATE TABLE new_vendors (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, category INTEGER NOT NULL DEFAULT 0, email TEXT, phone TEXT, address TEXT, created_at TEXT NOT NULL, netsuite_id TEXT, updated_at TEXT);
INSERT INTO new_vendors SELECT id, name, 0, email, phone, address, created_at, netsuite_id, updated_at FROM vendors;
DROP TABLE vendors;
ALTER TABLE new_vendors RENAME TO vendors;
CREATE UNIQUE INDEX vendors_name_unique ON vendors (name);
ALTER TABLE customers ADD COLUMN tier TEXT;
`
	os.WriteFile(filepath.Join(mig, "000009_risky.up.sql"), []byte(risky), 0o644)
	os.WriteFile(filepath.Join(mig, "000009_risky.down.sql"), []byte("SELECT 1;\n"), 0o644)
	code, out, errs = cli(t, "", "migrate", "lint", "--dir", dir)
	expect(t, code, out, errs, exitAttention, "drop-column", "drop-table", "add-unique", "narrow-type", "rebuild-referenced", "000009_risky.up.sql:1:")
	code, out, errs = cli(t, "", "migrate", "hash", "--dir", dir)
	expect(t, code, out, errs, exitAttention, "not recording")

	annotated := "-- compassdb:allow drop-column, drop-table, add-unique, narrow-type, rebuild-referenced — demo\n" + risky
	os.WriteFile(filepath.Join(mig, "000009_risky.up.sql"), []byte(annotated), 0o644)
	code, out, errs = cli(t, "", "migrate", "lint", "--dir", dir)
	expect(t, code, out, errs, exitOK, "no risky changes")
	code, out, errs = cli(t, "", "migrate", "hash", "--dir", dir)
	expect(t, code, out, errs, exitOK, "recorded 000009_risky.up.sql")

	edit(t, filepath.Join(mig, "000003_plugins.up.sql"), "CREATE TABLE plugins", "CREATE TABLE IF NOT EXISTS plugins")
	code, out, errs = cli(t, "", "migrate", "hash", "--dir", dir)
	expect(t, code, out, errs, exitError, "000003_plugins.up.sql: recorded migration was edited")

	// NOT NULL without a default.
	dir2 := repo(t)
	os.WriteFile(filepath.Join(dir2, "migrations", "000009_nn.up.sql"), []byte("CREATE TABLE new_teams (id TEXT PRIMARY KEY NOT NULL, organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE, name TEXT NOT NULL, description TEXT NOT NULL, created_at TEXT NOT NULL);\nINSERT INTO new_teams SELECT * FROM teams;\nDROP TABLE teams;\nALTER TABLE new_teams RENAME TO teams;\n"), 0o644)
	code, out, errs = cli(t, "", "migrate", "lint", "--dir", dir2)
	expect(t, code, out, errs, exitAttention, "add-not-null")
}

func TestSeedAndSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := cli(t, "", "seed", "--db", path, "--projects", "2", "--tasks-per-project", "5", "--users", "3")
	expect(t, code, out, errs, exitOK, "in 40 tables", "schedule_tasks")
	code, out, errs = cli(t, "", "migrate", "status", "--db", path)
	expect(t, code, out, errs, exitOK, "up to date")
	code, out, errs = cli(t, "", "schema")
	expect(t, code, out, errs, exitOK, "CREATE TABLE custom_dashboards")
	er := filepath.Join(t.TempDir(), "docs", "schema.md")
	code, out, errs = cli(t, "", "schema", "--er", er, "--dir", "../..")
	expect(t, code, out, errs, exitOK)
	want, _ := os.ReadFile("../../docs/schema.md")
	got, _ := os.ReadFile(er)
	if !bytes.Equal(want, got) {
		t.Error("schema --er output differs from docs/schema.md")
	}
}

func TestAdoptCommandReportsAndExits3(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "legacy.db")
	conn, _ := sql.Open("sqlite3", path)
	conn.Exec("CREATE TABLE users (id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL)")
	conn.Close()
	before, _ := os.ReadFile(path)
	code, out, errs := cli(t, "", "adopt", "--db", path)
	expect(t, code, out, errs, exitAttention, "missing-table", "organizations", "missing-column", "nothing was changed")
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("adopt changed a database it refused")
	}
	_ = io.Discard
}
