// Package adopt brings a database created by the existing TypeScript application (its
// tables and columns, without schema_migrations and without this module's indexes and
// constraints) to the current compassdb schema without losing a row.
//
// How: the original file is only ever read (opened read-only) until the very end.
//  1. Its shape is checked against the legacy schema, which is what migrations up to
//     LegacyVersion produce (the existing system's tables and columns; a test compares
//     them with the reference schema): every table and column must be there, and tables
//     or columns the new schema has no place for are reported, since they would be lost.
//  2. A staging copy is made with VACUUM INTO; the chosen --fix rules run on it.
//  3. Every row of the staging copy is checked against the constraints of the current
//     schema (NOT NULL, CHECK, UNIQUE and partial unique indexes, foreign keys), read
//     from a freshly migrated database, and read through the Go types of the typed
//     queries. Any problem is reported by table and id, and nothing is changed.
//  4. Otherwise a backup is written with VACUUM INTO, a new file is migrated to the
//     current version next to the original, the rows are copied table by table, counts,
//     foreign_key_check and integrity_check are verified, and the new file is renamed
//     over the original (an atomic swap on one file system).
//
// Rebuilding into a fresh file was chosen over renaming the old tables in place and
// migrating around them: SQLite's ALTER TABLE RENAME rewrites the foreign keys of other
// tables to follow the renamed table, the existing tables would keep their old DDL, and a
// failure half way would leave the original modified. Here the original is untouched
// until a verified replacement exists.
package adopt

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/internal/schemacmp"
	_ "github.com/mattn/go-sqlite3" // the plain "sqlite3" driver for read-only and staging connections
)

// LegacyVersion is the migration version whose tables and columns are the existing
// system's: migrations 1–8 create its 40 tables with the same columns.
const LegacyVersion = 8

// bookkeeping tables of the existing system that are not data and are not carried over.
var bookkeeping = []string{"d1_migrations", "__drizzle_migrations", "_cf_KV", "_cf_METADATA"}

// Problem is one thing that stops the adoption, named by table and row id.
type Problem struct {
	Table string
	ID    string // the row's primary key; empty for a problem of the table or column
	Rule  string // e.g. "missing-column", "check organization_type_check", "unique organization_members_org_user_unique", "foreign-key", "type"
	Msg   string
}

func (p Problem) String() string {
	if p.ID == "" {
		return fmt.Sprintf("%s: %s: %s", p.Table, p.Rule, p.Msg)
	}
	return fmt.Sprintf("%s %s: %s: %s", p.Table, p.ID, p.Rule, p.Msg)
}

// Fix is a repair rule chosen explicitly with --fix.
type Fix struct {
	Name, Doc string
	apply     func(ctx context.Context, db *sql.DB) ([]string, error)
}

// Fixes are the available repair rules.
var Fixes = []Fix{
	{"merge-duplicate-members", "keep the earliest membership row of each (organization|team|group|project, user) pair and drop the later duplicates", mergeDuplicateMembers},
	{"drop-self-dependencies", "drop task dependencies whose predecessor is the task itself", dropSelfDependencies},
	{"drop-duplicate-dependencies", "keep the first of several dependencies between the same two tasks", dropDuplicateDependencies},
	{"clear-duplicate-netsuite-ids", "keep a netsuite_id shared by several rows of a table on the earliest row only and set it to NULL on the others (the next NetSuite sync links them again)", clearDuplicateNetsuiteIDs},
}

// Options configure Run.
type Options struct {
	Fixes  []string  // names from Fixes
	Backup string    // backup file; default PATH.before-adopt-YYYYMMDDTHHMMSS
	Check  bool      // report only, never change the file
	Log    io.Writer // progress and what the fixes did
	// Confirm is asked before the file is changed; nil means yes.
	Confirm func(summary string) error
}

// Result is what Run found and did.
type Result struct {
	Problems []Problem
	Notes    []string         // tables not carried over (bookkeeping), fixes applied
	Rows     map[string]int64 // rows per table in the adopted database
	Backup   string
	Adopted  bool
}

// Run checks the database at path and, when nothing stands in the way and opts.Check is
// not set, adopts it. A non-empty Result.Problems means nothing was changed.
func Run(ctx context.Context, path string, opts Options) (*Result, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	for _, f := range opts.Fixes {
		if !slices.ContainsFunc(Fixes, func(x Fix) bool { return x.Name == f }) {
			return nil, fmt.Errorf("unknown --fix rule %q", f)
		}
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return nil, fmt.Errorf("%s has un-checkpointed changes in %s-wal: stop the application using it (or run `PRAGMA wal_checkpoint(TRUNCATE)`) first", path, path)
	}
	before, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	src, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_foreign_keys=0")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	var n int
	if err := src.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if n > 0 {
		return nil, fmt.Errorf("%s already has schema_migrations: it is managed by compassdb migrations; use `compassdb migrate status`", path)
	}

	tmp, err := os.MkdirTemp("", "compassdb-adopt-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	legacy, err := migrated(ctx, filepath.Join(tmp, "legacy.db"), LegacyVersion)
	if err != nil {
		return nil, err
	}
	defer legacy.Close()
	target, err := migrated(ctx, filepath.Join(tmp, "target.db"), compassdb.LatestVersion())
	if err != nil {
		return nil, err
	}
	defer target.Close()

	res := &Result{}
	if res.Problems, res.Notes, err = checkShape(ctx, src, legacy, target); err != nil {
		return nil, err
	}
	if len(res.Problems) > 0 {
		return res, nil // rows cannot be checked against tables or columns that are missing
	}

	stagingPath := filepath.Join(tmp, "staging.db")
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, stagingPath); err != nil {
		return nil, fmt.Errorf("copying %s: %w", path, err)
	}
	staging, err := sql.Open("sqlite3", "file:"+stagingPath+"?_foreign_keys=0")
	if err != nil {
		return nil, err
	}
	defer staging.Close()
	staging.SetMaxOpenConns(1)
	for _, f := range Fixes {
		if !slices.Contains(opts.Fixes, f.Name) {
			continue
		}
		done, err := f.apply(ctx, staging)
		if err != nil {
			return nil, fmt.Errorf("--fix %s: %w", f.Name, err)
		}
		for _, d := range done {
			res.Notes = append(res.Notes, f.Name+": "+d)
		}
		if len(done) == 0 {
			res.Notes = append(res.Notes, f.Name+": nothing to do")
		}
	}
	if res.Problems, err = checkRows(ctx, staging, target); err != nil {
		return nil, err
	}
	if len(res.Problems) > 0 || opts.Check {
		return res, nil
	}

	backup := opts.Backup
	if backup == "" {
		backup = path + ".before-adopt-" + time.Now().UTC().Format("20060102T150405")
	}
	if opts.Confirm != nil {
		if err := opts.Confirm(fmt.Sprintf("%s will be backed up to %s and replaced by a database at version %d with the same rows.", path, backup, compassdb.LatestVersion())); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(backup); err == nil {
		return nil, fmt.Errorf("backup file %s exists already", backup)
	}
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, backup); err != nil {
		return nil, fmt.Errorf("backup with VACUUM INTO %s: %w", backup, err)
	}
	res.Backup = backup
	fmt.Fprintf(opts.Log, "backup written to %s\n", backup)

	newPath := path + ".adopting"
	os.Remove(newPath)
	if res.Rows, err = build(ctx, newPath, stagingPath); err != nil {
		os.Remove(newPath)
		os.Remove(newPath + "-wal")
		os.Remove(newPath + "-shm")
		return nil, err
	}
	src.Close()
	if after, err := os.Stat(path); err != nil || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		os.Remove(newPath)
		return nil, fmt.Errorf("%s changed while it was being adopted: stop the application and run adopt again (the backup %s is kept)", path, backup)
	}
	if err := os.Chmod(newPath, before.Mode().Perm()); err != nil {
		return nil, err
	}
	if err := os.Rename(newPath, path); err != nil {
		return nil, err
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	res.Adopted = true
	return res, nil
}

func migrated(ctx context.Context, path string, v uint) (*sql.DB, error) {
	if err := compassdb.MigrateTo(ctx, path, v); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

type column struct {
	name, typ string
	notNull   bool
	pk        int
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func columns(ctx context.Context, db querier, table string) ([]column, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.pk); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func tables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND `+compassdb.OwnObjects("name")+` ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func quote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

// checkShape compares the tables and columns of src with the legacy schema, and reports
// what the target schema would not keep.
func checkShape(ctx context.Context, src, legacy, target *sql.DB) (problems []Problem, notes []string, err error) {
	have, err := tables(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	want, err := tables(ctx, legacy)
	if err != nil {
		return nil, nil, err
	}
	targetTables, err := tables(ctx, target)
	if err != nil {
		return nil, nil, err
	}
	for _, t := range want {
		if !slices.Contains(have, t) {
			problems = append(problems, Problem{Table: t, Rule: "missing-table", Msg: "the existing system's table is not in the database"})
			continue
		}
		wc, err := columns(ctx, legacy, t)
		if err != nil {
			return nil, nil, err
		}
		hc, err := columns(ctx, src, t)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range wc {
			if !slices.ContainsFunc(hc, func(h column) bool { return h.name == c.name }) {
				problems = append(problems, Problem{Table: t, Rule: "missing-column", Msg: fmt.Sprintf("column %s is not in the database", c.name)})
			}
		}
	}
	for _, t := range have {
		if slices.Contains(bookkeeping, t) {
			notes = append(notes, fmt.Sprintf("%s: the existing system's migration bookkeeping, not carried over", t))
			continue
		}
		if !slices.Contains(targetTables, t) {
			var n int64
			src.QueryRowContext(ctx, `SELECT count(*) FROM `+quote(t)).Scan(&n)
			problems = append(problems, Problem{Table: t, Rule: "unknown-table", Msg: fmt.Sprintf("not part of the schema: its %d row(s) would be lost; export or drop it first", n)})
			continue
		}
		hc, err := columns(ctx, src, t)
		if err != nil {
			return nil, nil, err
		}
		tc, err := columns(ctx, target, t)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range hc {
			if !slices.ContainsFunc(tc, func(x column) bool { return x.name == c.name }) {
				problems = append(problems, Problem{Table: t, Rule: "unknown-column", Msg: fmt.Sprintf("column %s is not part of the schema: its values would be lost", c.name)})
			}
		}
	}
	return problems, notes, nil
}

// pkExpr is the SQL expression that names a row of table in reports.
func pkExpr(cols []column) string {
	var pks []string
	for _, c := range cols {
		if c.pk > 0 {
			pks = append(pks, quote(c.name))
		}
	}
	if len(pks) == 0 {
		return "rowid"
	}
	return strings.Join(pks, " || '/' || ")
}

// checkRows checks every row of staging against the constraints of target's schema.
func checkRows(ctx context.Context, staging, target *sql.DB) ([]Problem, error) {
	names, err := tables(ctx, target)
	if err != nil {
		return nil, err
	}
	var out []Problem
	add := func(table, rule, msg, query string, args ...any) error {
		rows, err := staging.QueryContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("%s %s: %w", table, rule, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, detail sql.NullString
			if err := rows.Scan(&id, &detail); err != nil {
				return err
			}
			m := msg
			if detail.Valid && detail.String != "" {
				m += ": " + detail.String
			}
			out = append(out, Problem{Table: table, ID: id.String, Rule: rule, Msg: m})
		}
		return rows.Err()
	}
	for _, t := range names {
		cols, err := columns(ctx, target, t)
		if err != nil {
			return nil, err
		}
		id := pkExpr(cols)
		qt := quote(t)
		for _, c := range cols {
			if c.notNull {
				if err := add(t, "not-null "+c.name, c.name+" is NULL", `SELECT `+id+`, NULL FROM `+qt+` WHERE `+quote(c.name)+` IS NULL`); err != nil {
					return nil, err
				}
			}
		}
		var ddl string
		if err := target.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, t).Scan(&ddl); err != nil {
			return nil, err
		}
		for _, ck := range schemacmp.CheckExprs(ddl) {
			// A CHECK fails when its expression is false, not when it is NULL.
			vals := checkedColumns(cols, ck.Expr)
			if err := add(t, "check "+ck.Name, "fails CHECK ("+ck.Expr+")", `SELECT `+id+`, `+vals+` FROM `+qt+` WHERE NOT (`+ck.Expr+`)`); err != nil {
				return nil, err
			}
		}
		if err := uniqueProblems(ctx, target, t, id, add); err != nil {
			return nil, err
		}
		fks, err := target.QueryContext(ctx, `SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`, t)
		if err != nil {
			return nil, err
		}
		type fk struct{ parent, from, to string }
		var list []fk
		for fks.Next() {
			var f fk
			var to sql.NullString
			if err := fks.Scan(&f.parent, &f.from, &to); err != nil {
				fks.Close()
				return nil, err
			}
			f.to = to.String
			if f.to == "" {
				f.to = "id"
			}
			list = append(list, f)
		}
		fks.Close()
		for _, f := range list {
			q := fmt.Sprintf(`SELECT %s, %s FROM %s c WHERE %s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s p WHERE p.%s = c.%s)`,
				id, quote(f.from), qt, quote(f.from), quote(f.parent), quote(f.to), quote(f.from))
			if err := add(t, "foreign-key "+f.from, fmt.Sprintf("%s points to no row of %s", f.from, f.parent), q); err != nil {
				return nil, err
			}
		}
		typed, err := typedProblems(ctx, staging, t, cols, id)
		if err != nil {
			return nil, err
		}
		out = append(out, typed...)
	}
	slices.SortStableFunc(out, func(a, b Problem) int {
		return strings.Compare(a.Table+"\x00"+a.ID, b.Table+"\x00"+b.ID)
	})
	return out, nil
}

// checkedColumns renders the values of the columns a CHECK mentions, for the report.
func checkedColumns(cols []column, expr string) string {
	var parts []string
	for _, c := range cols {
		if strings.Contains(expr, c.name) {
			parts = append(parts, fmt.Sprintf(`'%s=' || quote(%s)`, c.name, quote(c.name)))
		}
	}
	if len(parts) == 0 {
		return "NULL"
	}
	return strings.Join(parts, " || ', ' || ")
}

func uniqueProblems(ctx context.Context, target *sql.DB, t, id string, add func(table, rule, msg, query string, args ...any) error) error {
	rows, err := target.QueryContext(ctx, `SELECT il.name, il.partial, coalesce(m.sql, '') FROM pragma_index_list(?) il LEFT JOIN sqlite_schema m ON m.name = il.name
		WHERE il."unique" = 1 AND il.origin <> 'pk'`, t)
	if err != nil {
		return err
	}
	type idx struct {
		name, ddl string
		partial   bool
	}
	var list []idx
	for rows.Next() {
		var i idx
		if err := rows.Scan(&i.name, &i.partial, &i.ddl); err != nil {
			rows.Close()
			return err
		}
		list = append(list, i)
	}
	rows.Close()
	for _, i := range list {
		var cols []string
		r, err := target.QueryContext(ctx, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, i.name)
		if err != nil {
			return err
		}
		for r.Next() {
			var c sql.NullString
			r.Scan(&c)
			cols = append(cols, c.String)
		}
		r.Close()
		if slices.Contains(cols, "") {
			continue // an expression index: left to the copy, which fails clearly
		}
		var quoted, notNull []string
		for _, c := range cols {
			quoted = append(quoted, quote(c))
			notNull = append(notNull, quote(c)+" IS NOT NULL")
		}
		where := strings.Join(notNull, " AND ")
		if i.partial {
			if k := strings.LastIndex(strings.ToUpper(i.ddl), " WHERE "); k >= 0 {
				where += " AND (" + strings.TrimSuffix(strings.TrimSpace(i.ddl[k+7:]), ";") + ")"
			}
		}
		key := strings.Join(quoted, ", ")
		keyText := strings.Join(quoted, " || ', ' || ")
		q := fmt.Sprintf(`SELECT %s, '(%s) = (' || %s || ')' FROM %s WHERE %s AND (%s) IN (SELECT %s FROM %s WHERE %s GROUP BY %s HAVING count(*) > 1)`,
			id, strings.Join(cols, ", "), keyText, quote(t), where, key, key, quote(t), where, key)
		if err := add(t, "unique "+i.name, "duplicate", q); err != nil {
			return err
		}
	}
	return nil
}

// typedProblems scans every row of table into the sqlc model's field types, as the typed
// queries will: an unknown enum value, a malformed date or timestamp, money that is not a
// whole cent or JSON of the wrong shape is reported.
func typedProblems(ctx context.Context, staging *sql.DB, table string, cols []column, id string) ([]Problem, error) {
	model, ok := models[table]
	if !ok {
		return []Problem{{Table: table, Rule: "type", Msg: "no Go model known for this table (internal/adopt/models.go)"}}, nil
	}
	if model.NumField() != len(cols) {
		return []Problem{{Table: table, Rule: "type", Msg: fmt.Sprintf("the Go model has %d fields for %d columns: regenerate db/", model.NumField(), len(cols))}}, nil
	}
	var names []string
	for _, c := range cols {
		names = append(names, quote(c.name))
	}
	rows, err := staging.QueryContext(ctx, `SELECT `+id+`, `+strings.Join(names, ", ")+` FROM `+quote(table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	raw := make([]any, len(cols)+1)
	for i := range raw {
		raw[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(raw...); err != nil {
			return nil, err
		}
		rowID := fmt.Sprint(*(raw[0].(*any)))
		for i, c := range cols {
			v := *(raw[i+1].(*any))
			dst := reflect.New(model.Field(i).Type)
			if err := convertAssign(dst.Interface(), v); err != nil {
				out = append(out, Problem{Table: table, ID: rowID, Rule: "type " + c.name, Msg: fmt.Sprintf("%v cannot be read as %s: %v", short(v), model.Field(i).Type, err)})
			}
		}
	}
	return out, rows.Err()
}

func short(v any) string {
	s := fmt.Sprintf("%q", v)
	if b, ok := v.([]byte); ok {
		s = fmt.Sprintf("%q", b)
	}
	if len(s) > 60 {
		s = s[:57] + "…\""
	}
	return s
}

// convertAssign stores a driver value into dst the way database/sql's Scan does, through
// a one-row query on nothing: it reuses database/sql's own conversion rules.
func convertAssign(dst, src any) error {
	if sc, ok := dst.(interface{ Scan(any) error }); ok {
		return sc.Scan(src)
	}
	elem := reflect.ValueOf(dst).Elem()
	if elem.Kind() == reflect.Pointer { // a nullable column
		if src == nil {
			return nil
		}
		inner := reflect.New(elem.Type().Elem())
		if err := convertAssign(inner.Interface(), src); err != nil {
			return err
		}
		elem.Set(inner)
		return nil
	}
	return scanBasic(elem, src)
}

func scanBasic(dst reflect.Value, src any) error {
	switch dst.Kind() {
	case reflect.String:
		switch s := src.(type) {
		case string:
			dst.SetString(s)
		case []byte:
			dst.SetString(string(s))
		default:
			return fmt.Errorf("want text, have %T", src)
		}
	case reflect.Int64, reflect.Int:
		switch n := src.(type) {
		case int64:
			dst.SetInt(n)
		default:
			return fmt.Errorf("want an integer, have %T", src)
		}
	case reflect.Float64:
		switch n := src.(type) {
		case float64:
			dst.SetFloat(n)
		case int64:
			dst.SetFloat(float64(n))
		default:
			return fmt.Errorf("want a number, have %T", src)
		}
	case reflect.Bool:
		switch n := src.(type) {
		case int64:
			if n != 0 && n != 1 {
				return fmt.Errorf("want 0 or 1, have %d", n)
			}
			dst.SetBool(n == 1)
		case bool:
			dst.SetBool(n)
		default:
			return fmt.Errorf("want 0 or 1, have %T", src)
		}
	default:
		return fmt.Errorf("unsupported Go type %s", dst.Type())
	}
	return nil
}

// build creates the adopted database at path: migrated to the current version, then
// every table copied from staging, verified.
func build(ctx context.Context, path, stagingPath string) (map[string]int64, error) {
	if err := compassdb.Migrate(ctx, path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=0")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `ATTACH DATABASE ? AS src`, stagingPath); err != nil {
		return nil, err
	}
	names, err := tables(ctx, db)
	if err != nil {
		return nil, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	counts := map[string]int64{}
	for _, t := range names {
		cols, err := columns(ctx, tx, t)
		if err != nil {
			return nil, err
		}
		var list []string
		for _, c := range cols {
			list = append(list, quote(c.name))
		}
		l := strings.Join(list, ", ")
		res, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO main.%s (%s) SELECT %s FROM src.%s`, quote(t), l, l, quote(t)))
		if err != nil {
			return nil, fmt.Errorf("copying %s: %w", t, err)
		}
		n, _ := res.RowsAffected()
		var want int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM src.`+quote(t)).Scan(&want); err != nil {
			return nil, err
		}
		if n != want {
			return nil, fmt.Errorf("copying %s: %d of %d rows", t, n, want)
		}
		counts[t] = n
	}
	rows, err := tx.QueryContext(ctx, `PRAGMA main.foreign_key_check`)
	if err != nil {
		return nil, err
	}
	orphan := rows.Next()
	rows.Close()
	if orphan {
		return nil, errors.New("foreign_key_check fails on the adopted database")
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, `DETACH DATABASE src`); err != nil {
		return nil, err
	}
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		return nil, fmt.Errorf("integrity_check on the adopted database: %s %v", ok, err)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return nil, err
	}
	db.Close()
	st, err := compassdb.ReadStatus(ctx, path)
	if err != nil {
		return nil, err
	}
	if st.Version != compassdb.LatestVersion() || st.Dirty {
		return nil, fmt.Errorf("adopted database reports version %d (dirty=%t)", st.Version, st.Dirty)
	}
	for t, n := range counts {
		var got int64
		h, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
		if err != nil {
			return nil, err
		}
		err = h.QueryRowContext(ctx, `SELECT count(*) FROM `+quote(t)).Scan(&got)
		h.Close()
		if err != nil || got != n {
			return nil, fmt.Errorf("%s has %d rows after the copy, want %d (%v)", t, got, n, err)
		}
	}
	return counts, nil
}
