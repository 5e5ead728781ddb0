package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/cmd/compassdb/internal/schemadiff"
	"github.com/compass-eng/compassdb/internal/schemacmp"
)

const newHelp = `Writes the next migration pair (NNNNNN_NAME.up.sql and .down.sql in DIR/migrations) that
turns the schema the existing migrations produce into the schema DIR/schema/*.sql
describes. Both schemas are built in temporary SQLite files and compared with Atlas;
changes SQLite cannot ALTER rebuild the table (create new, copy every row, drop, rename,
recreate indexes). Before writing, the pair is verified in temporary files: up must give
exactly schema/'s schema, down must give back the previous one, and on a database filled
with demo data no table may lose a row. When nothing differs it says so and writes nothing.`

var migrationFile = regexp.MustCompile(`^(\d+)_([a-z0-9_]+)\.(up|down)\.sql$`)

// repoFiles lists a repository directory's schema files and migrations.
type repoFiles struct {
	schema   []string        // DIR/schema/*.sql, in name order
	migDir   string          // DIR/migrations
	versions []uint          // versions of the up files, ascending
	names    map[uint]string // version -> NNNNNN_name
}

func readRepo(dir string) (*repoFiles, error) {
	r := &repoFiles{migDir: filepath.Join(dir, "migrations"), names: map[uint]string{}}
	var err error
	if r.schema, err = filepath.Glob(filepath.Join(dir, "schema", "*.sql")); err != nil {
		return nil, err
	}
	if len(r.schema) == 0 {
		return nil, fmt.Errorf("%s: no schema files (want schema/*.sql; set --dir to the repository)", filepath.Join(dir, "schema"))
	}
	slices.Sort(r.schema)
	entries, err := os.ReadDir(r.migDir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (set --dir to the repository)", r.migDir, err)
	}
	for _, e := range entries {
		m := migrationFile.FindStringSubmatch(e.Name())
		if m == nil || m[3] != "up" {
			continue
		}
		v, _ := strconv.ParseUint(m[1], 10, 32)
		if _, dup := r.names[uint(v)]; dup {
			return nil, fmt.Errorf("%s: two migrations have version %d", r.migDir, v)
		}
		r.names[uint(v)] = m[1] + "_" + m[2]
		r.versions = append(r.versions, uint(v))
	}
	slices.Sort(r.versions)
	return r, nil
}

func (r *repoFiles) latest() uint {
	if len(r.versions) == 0 {
		return 0
	}
	return r.versions[len(r.versions)-1]
}

// buildMigrated applies every migration of the repository to a new file with the
// library's runner.
func (r *repoFiles) buildMigrated(ctx context.Context, path string) error {
	return migrateDirTo(ctx, path, r.migDir, r.latest())
}

func migrateDirTo(ctx context.Context, path, migDir string, v uint) error {
	if v == 0 {
		db, err := schemadiff.Open(path)
		if err != nil {
			return err
		}
		return db.Close()
	}
	return compassdb.MigrateFS(ctx, path, os.DirFS(migDir), v)
}

// buildSchema executes the schema files, in order, in a new file.
func (r *repoFiles) buildSchema(ctx context.Context, path string) error {
	db, err := schemadiff.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, f := range r.schema {
		body, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

func (e *env) migrateNew(ctx context.Context, args []string) error {
	fs := e.newFlags("new", "compassdb migrate new NAME [--dir DIR]", newHelp)
	dir := fs.String("dir", ".", "repository `directory` holding schema/ and migrations/")
	pos, err := parse(fs, args, 1, 1)
	if err != nil {
		return err
	}
	name := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(pos[0]), "_"), "_")
	if name == "" {
		return usageErr("NAME must contain letters or digits, got %q", pos[0])
	}
	repo, err := readRepo(*dir)
	if err != nil {
		return err
	}
	res, err := generate(ctx, repo, name)
	if err != nil {
		return err
	}
	if res == nil {
		fmt.Fprintf(e.stdout, "No changes: schema/ describes the schema that migrations/ produce (version %d); nothing written.\n", repo.latest())
		return nil
	}
	for _, f := range []struct{ name, body string }{{res.base + ".up.sql", res.up}, {res.base + ".down.sql", res.down}} {
		p := filepath.Join(repo.migDir, f.name)
		if err := os.WriteFile(p, []byte(f.body), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", p)
	}
	fmt.Fprintln(e.stdout, "changes:")
	for _, c := range res.summary {
		fmt.Fprintf(e.stdout, "  %s\n", c)
	}
	for _, n := range res.notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	verified := "verified: up gives schema/'s schema, down gives the previous one"
	if res.rowsChecked {
		verified += ", and on a database with demo data no table loses a row"
	} else {
		verified += " (the demo-data row check was skipped: this binary was built for another schema version)"
	}
	fmt.Fprintln(e.stdout, verified+".")
	fmt.Fprintln(e.stdout, "next: review the files, `compassdb migrate lint`, apply locally with `compassdb migrate up` after a rebuild of the binary (migrations are embedded), then `compassdb migrate hash` to record them.")
	return nil
}

// generated is a verified migration pair.
type generated struct {
	base, up, down string
	summary, notes []string
	rowsChecked    bool
}

// generate plans and verifies the next migration; nil when nothing differs.
func generate(ctx context.Context, repo *repoFiles, name string) (*generated, error) {
	tmp, err := os.MkdirTemp("", "compassdb-new-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	curPath, wantPath := filepath.Join(tmp, "migrations.db"), filepath.Join(tmp, "schema.db")
	if err := repo.buildMigrated(ctx, curPath); err != nil {
		return nil, fmt.Errorf("applying migrations/: %w", err)
	}
	if err := repo.buildSchema(ctx, wantPath); err != nil {
		return nil, fmt.Errorf("building schema/: %w", err)
	}
	cur, err := schemadiff.Open(curPath)
	if err != nil {
		return nil, err
	}
	defer cur.Close()
	want, err := schemadiff.Open(wantPath)
	if err != nil {
		return nil, err
	}
	defer want.Close()
	plan, err := schemadiff.Compute(ctx, cur, want)
	if err != nil {
		return nil, err
	}
	if plan.Empty() {
		if diffs, err := compareDBs(ctx, cur, want); err != nil || len(diffs) > 0 {
			return nil, errors.Join(err, fmt.Errorf("Atlas finds no change but schema/ and migrations/ still differ (a change its SQLite differ cannot see; write this migration by hand):\n  %s", strings.Join(diffs, "\n  ")))
		}
		return nil, nil
	}
	prev, next := repo.latest(), repo.latest()+1
	g := &generated{base: fmt.Sprintf("%06d_%s", next, name), summary: schemadiff.Describe(plan.Changes)}
	g.up = render(g.base+".up.sql", prev, g.summary, plan.Rebuilt, plan.Up, true)
	g.down = render(g.base+".down.sql", prev, g.summary, nil, plan.Down, false)
	for _, t := range plan.Rebuilt {
		if refs := referencing(ctx, cur, t); len(refs) > 0 {
			g.notes = append(g.notes, fmt.Sprintf("%s is rebuilt and referenced by %s: safe under compassdb's runner (foreign keys off, foreign_key_check before commit); `compassdb migrate lint` flags it until the file carries `-- compassdb:allow rebuild-referenced`", t, strings.Join(refs, ", ")))
		}
	}
	if err := verify(ctx, repo, g, tmp, cur, want, prev, next); err != nil {
		return nil, fmt.Errorf("the planned migration failed verification, nothing written: %w", err)
	}
	return g, nil
}

func render(file string, prev uint, summary, rebuilt []string, stmts []schemadiff.Stmt, up bool) string {
	var b strings.Builder
	dir := "turns the schema of migrations up to %06d into the one schema/ describes"
	if !up {
		dir = "reverts the matching .up.sql: back to the schema of migrations up to %06d"
	}
	fmt.Fprintf(&b, "-- %s: generated by `compassdb migrate new`; it "+dir+".\n", file, prev)
	b.WriteString("-- Planned with Atlas (see the README); review it, then record it with `compassdb migrate hash`.\n--\n-- Changes (up):\n")
	for _, s := range summary {
		fmt.Fprintf(&b, "--   %s\n", s)
	}
	if len(rebuilt) > 0 {
		fmt.Fprintf(&b, "--\n-- SQLite cannot ALTER these changes, so %s: created as new_<table>,\n", plural(rebuilt, "this table is rebuilt", "these tables are rebuilt"))
		b.WriteString("-- every row copied, the old table dropped, the new one renamed and its indexes recreated.\n")
		b.WriteString("-- The runner applies the file in one transaction with foreign keys off, so dropping the\n")
		b.WriteString("-- old table deletes no child row, and PRAGMA foreign_key_check must pass before commit.\n")
	}
	for _, s := range stmts {
		fmt.Fprintf(&b, "\n-- %s\n%s;\n", s.Comment, s.SQL)
	}
	return b.String()
}

func plural(items []string, one, many string) string {
	if len(items) == 1 {
		return one + " (" + items[0] + ")"
	}
	return many + " (" + strings.Join(items, ", ") + ")"
}

// referencing lists the other tables with a foreign key to table.
func referencing(ctx context.Context, db *sql.DB, table string) []string {
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT m.name FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = ? AND m.name <> ? ORDER BY m.name`, table, table)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			out = append(out, n)
		}
	}
	return out
}

func compareDBs(ctx context.Context, a, b *sql.DB) ([]string, error) {
	sa, err := schemacmp.Read(ctx, a)
	if err != nil {
		return nil, err
	}
	sb, err := schemacmp.Read(ctx, b)
	if err != nil {
		return nil, err
	}
	return schemacmp.Diff(sa, sb, "migrations/", "schema/"), nil
}

// verify applies the pair to fresh databases built with the library's runner.
func verify(ctx context.Context, repo *repoFiles, g *generated, tmp string, cur, want *sql.DB, prev, next uint) error {
	migs := filepath.Join(tmp, "migrations")
	if err := os.MkdirAll(migs, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(repo.migDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if migrationFile.MatchString(e.Name()) {
			if err := copyFile(filepath.Join(repo.migDir, e.Name()), filepath.Join(migs, e.Name())); err != nil {
				return err
			}
		}
	}
	if err := os.WriteFile(filepath.Join(migs, g.base+".up.sql"), []byte(g.up), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(migs, g.base+".down.sql"), []byte(g.down), 0o644); err != nil {
		return err
	}

	fresh := filepath.Join(tmp, "verify.db")
	if err := migrateDirTo(ctx, fresh, migs, next); err != nil {
		return fmt.Errorf("applying every migration with the new one: %w", err)
	}
	fdb, err := schemadiff.Open(fresh)
	if err != nil {
		return err
	}
	defer fdb.Close()
	if diffs, err := compareDBs(ctx, fdb, want); err != nil || len(diffs) > 0 {
		return errors.Join(err, fmt.Errorf("after the up migration the schema still differs from schema/:\n  %s", strings.Join(diffs, "\n  ")))
	}
	if sf, err := schemacmp.Read(ctx, fdb); err == nil {
		if sw, err := schemacmp.Read(ctx, want); err == nil {
			for _, n := range schemacmp.OrderNotes(sf, sw) {
				g.notes = append(g.notes, "column order differs from schema/ (harmless: queries name their columns; ALTER TABLE ADD COLUMN appends): "+n)
			}
		}
	}
	if changes, err := schemadiff.Diff(ctx, fdb, want); err != nil || len(changes) > 0 {
		return errors.Join(err, fmt.Errorf("after the up migration Atlas still sees changes: %s", strings.Join(schemadiff.Describe(changes), "; ")))
	}
	if err := migrateDirTo(ctx, fresh, migs, prev); err != nil {
		return fmt.Errorf("the down migration: %w", err)
	}
	if diffs, err := compareDBs(ctx, fdb, cur); err != nil || len(diffs) > 0 {
		return errors.Join(err, fmt.Errorf("after the down migration the schema differs from the previous one:\n  %s", strings.Join(diffs, "\n  ")))
	}
	if fillDemo != nil {
		ran, err := verifyRows(ctx, tmp, migs, prev, next)
		if err != nil {
			return err
		}
		g.rowsChecked = ran
	}
	return nil
}

// fillDemo writes demo data into a database at the previous version (set by seed.go).
var fillDemo func(ctx context.Context, path string) error

// verifyRows fills a database at the previous version with demo data, applies the new
// migration and checks that no table lost a row (a table the migration drops excepted).
func verifyRows(ctx context.Context, tmp, migs string, prev, next uint) (bool, error) {
	path := filepath.Join(tmp, "rows.db")
	if err := migrateDirTo(ctx, path, migs, prev); err != nil {
		return false, err
	}
	if err := fillDemo(ctx, path); err != nil {
		// This binary's queries and embedded migrations belong to another version of
		// the schema than the folder's: skip the check rather than guess.
		return false, nil
	}
	before, err := rowCounts(ctx, path)
	if err != nil {
		return false, err
	}
	if err := migrateDirTo(ctx, path, migs, next); err != nil {
		return false, fmt.Errorf("applying the new migration to a database with demo data: %w", err)
	}
	after, err := rowCounts(ctx, path)
	if err != nil {
		return false, err
	}
	for t, n := range before {
		if m, ok := after[t]; ok && m != n {
			return false, fmt.Errorf("on demo data, %s had %d rows before the up migration and %d after", t, n, m)
		}
	}
	return true, nil
}

func rowCounts(ctx context.Context, path string) (map[string]int64, error) {
	db, err := schemadiff.Open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND `+compassdb.OwnObjects("name"))
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int64{}
	for _, n := range names {
		var c int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+n+`"`).Scan(&c); err != nil {
			return nil, err
		}
		out[n] = c
	}
	return out, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
