package compassdb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

var bg = context.Background()

func ptr[T any](v T) *T { return &v }

// readSchema reads the migrated schema of h.
func readSchema(t testing.TB, h *compassdb.DB) *dbtest.Schema {
	t.Helper()
	s, err := dbtest.ReadSchema(bg, h.ReadDB())
	if err != nil {
		t.Fatalf("read schema: %v", err)
	}
	return s
}

// goName is sqlc's Go name for a column: snake_case to CamelCase, with the initialisms
// of sqlc.yaml (id, url, ip, api, json) in capitals.
func goName(column string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(column, "_") {
		switch part {
		case "id", "url", "ip", "api", "json":
			b.WriteString(strings.ToUpper(part))
		default:
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// fieldOf returns the field of struct value row that holds column.
func fieldOf(row any, column string) reflect.Value {
	return reflect.ValueOf(row).FieldByName(goName(column))
}

// primaryKey returns the single primary-key column of table and the fixture row's value
// of it.
func primaryKey(t testing.TB, s *dbtest.Schema, f *dbtest.Fixture, table string) (column, value string) {
	t.Helper()
	tbl := s.Table(table)
	if tbl == nil {
		t.Fatalf("no table %s in the schema", table)
	}
	pk := tbl.PrimaryKey()
	if len(pk) != 1 {
		t.Fatalf("%s: want a one-column primary key, have %q", table, pk)
	}
	row := f.Row(table)
	if row == nil {
		t.Fatalf("the fixture has no %s row", table)
	}
	v := fieldOf(row, pk[0])
	if !v.IsValid() || v.Kind() != reflect.String {
		t.Fatalf("%s: fixture row has no string field for %s", table, pk[0])
	}
	return pk[0], v.String()
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// snapshot is every row of every table: table → primary key → the row as SQL literals
// (quote() keeps the storage class visible: 'text', 1, 1.0, NULL).
type snapshot map[string]map[string]string

// testDB is a migrated database holding the fixture, with its schema.
type testDB struct {
	h    *compassdb.DB
	f    *dbtest.Fixture
	s    *dbtest.Schema
	snap *sql.Stmt // snapshotQuery, prepared on the write connection
}

func openTestDB(t testing.TB) *testDB {
	t.Helper()
	h, f := dbtest.OpenSeeded(t)
	s := readSchema(t, h)
	stmt, err := h.WriteDB().PrepareContext(bg, snapshotQuery(s))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stmt.Close() })
	return &testDB{h: h, f: f, s: s, snap: stmt}
}

// inTx runs fn in a write transaction on the handle's write pool and rolls it back.
func (d *testDB) inTx(t testing.TB, fn func(tx *sql.Tx, c *copier)) {
	t.Helper()
	tx, err := d.h.WriteDB().BeginTx(bg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := tx.Rollback(); err != nil {
			t.Errorf("rollback: %v", err)
		}
	}()
	fn(tx, &copier{t: t, q: tx, s: d.s})
}

// snapshot takes a snapshot inside tx.
func (d *testDB) snapshot(t testing.TB, tx *sql.Tx) snapshot {
	t.Helper()
	rows, err := tx.StmtContext(bg, d.snap).QueryContext(bg)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	defer rows.Close()
	snap := snapshot{}
	for _, tbl := range d.s.Tables {
		snap[tbl.Name] = map[string]string{}
	}
	for rows.Next() {
		var table, pk, row string
		if err := rows.Scan(&table, &pk, &row); err != nil {
			t.Fatal(err)
		}
		snap[table][pk] = row
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return snap
}

// primaryKey returns table's primary-key column and the fixture row's value of it.
func (d *testDB) primaryKey(t testing.TB, table string) (column, value string) {
	t.Helper()
	return primaryKey(t, d.s, d.f, table)
}

// snapshotQuery selects table name, primary key and row text from every table.
func snapshotQuery(s *dbtest.Schema) string {
	var parts []string
	for _, tbl := range s.Tables {
		cols := make([]string, len(tbl.Columns))
		for i, c := range tbl.Columns {
			cols[i] = "quote(" + quoteIdent(c.Name) + ")"
		}
		parts = append(parts, fmt.Sprintf("SELECT '%s', %s, %s FROM %s", tbl.Name,
			quoteIdent(tbl.PrimaryKey()[0]), strings.Join(cols, " || ',' || "), quoteIdent(tbl.Name)))
	}
	return strings.Join(parts, " UNION ALL ")
}

// without returns a copy of s without the given rows ("table", pk pairs).
func (s snapshot) without(rows ...[2]string) snapshot {
	out := snapshot{}
	for table, m := range s {
		out[table] = maps.Clone(m)
	}
	for _, r := range rows {
		delete(out[r[0]], r[1])
	}
	return out
}

// diff describes how got differs from want, or returns "".
func (want snapshot) diff(got snapshot) string {
	var out []string
	for _, table := range slices.Sorted(maps.Keys(want)) {
		for _, pk := range slices.Sorted(maps.Keys(want[table])) {
			g, ok := got[table][pk]
			switch {
			case !ok:
				out = append(out, fmt.Sprintf("%s %s: missing", table, pk))
			case g != want[table][pk]:
				out = append(out, fmt.Sprintf("%s %s: %s, want %s", table, pk, g, want[table][pk]))
			}
		}
		for _, pk := range slices.Sorted(maps.Keys(got[table])) {
			if _, ok := want[table][pk]; !ok {
				out = append(out, fmt.Sprintf("%s %s: unexpected row %s", table, pk, got[table][pk]))
			}
		}
	}
	return strings.Join(out, "\n")
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// singletonTables can hold one row only (agent_config_singleton_check: id = 'global'); a
// copy of their row replaces it instead of getting a new primary key.
var singletonTables = map[string]bool{"agent_config": true}

// copier writes copies of existing rows through raw SQL, so tests can make a row that
// differs from a valid one in exactly the way they mean to.
type copier struct {
	t testing.TB
	q querier
	s *dbtest.Schema
	n int
}

// insert is a prepared INSERT of one row.
type insert struct {
	table string
	cols  []string
	vals  []any
	pk    string // the new row's primary key value
}

func (in insert) exec(q querier) (sql.Result, error) {
	marks := strings.Repeat("?, ", len(in.cols))
	quoted := make([]string, len(in.cols))
	for i, c := range in.cols {
		quoted[i] = quoteIdent(c)
	}
	return q.ExecContext(bg, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)",
		quoteIdent(in.table), strings.Join(quoted, ", "), marks[:len(marks)-2]), in.vals...)
}

// values reads the row of table whose primary key is pk, as column → driver value.
func (c *copier) values(table, pk string) map[string]any {
	c.t.Helper()
	tbl := c.s.Table(table)
	rows, err := c.q.QueryContext(bg, fmt.Sprintf("SELECT * FROM %s WHERE %s = ?",
		quoteIdent(table), quoteIdent(tbl.PrimaryKey()[0])), pk)
	if err != nil {
		c.t.Fatalf("read %s %s: %v", table, pk, err)
	}
	defer rows.Close()
	if !rows.Next() {
		c.t.Fatalf("read %s %s: no such row (%v)", table, pk, rows.Err())
	}
	vals := make([]any, len(tbl.Columns))
	dest := make([]any, len(vals))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := rows.Scan(dest...); err != nil {
		c.t.Fatal(err)
	}
	out := map[string]any{}
	for i, col := range tbl.Columns {
		if b, ok := vals[i].([]byte); ok { // keep TEXT as TEXT when it is bound again
			vals[i] = string(b)
		}
		out[col.Name] = vals[i]
	}
	return out
}

// prepare builds a copy of the row of table whose primary key is pk: set's columns take
// set's values, keep's columns stay as they are, and every other unique index (the
// primary key's included) is made distinct from the source row so that it cannot be
// what fails: by changing a column that no foreign key or CHECK involves, else by
// pointing a foreign-key column at a new copy of its parent row (written at once). A
// singleton table's source row is deleted at once instead. Run prepare's writes before
// taking the snapshot that the prepared statement is judged against.
func (c *copier) prepare(table, pk string, set map[string]any, keep ...string) insert {
	c.t.Helper()
	tbl := c.s.Table(table)
	vals := c.values(table, pk)
	maps.Copy(vals, set)
	pkCol := tbl.PrimaryKey()[0]
	for _, ix := range tbl.UniqueIndexes() {
		if subset(ix.Columns, keep) || slices.ContainsFunc(ix.Columns, func(col string) bool { _, ok := set[col]; return ok }) {
			continue
		}
		if singletonTables[table] && slices.Equal(ix.Columns, []string{pkCol}) {
			if _, err := c.q.ExecContext(bg, fmt.Sprintf("DELETE FROM %s WHERE %s = ?", quoteIdent(table), quoteIdent(pkCol)), pk); err != nil {
				c.t.Fatalf("replace singleton %s: %v", table, err)
			}
			continue
		}
		c.distinguish(tbl, ix, vals, keep)
	}
	in := insert{table: table}
	for _, col := range tbl.Columns {
		in.cols = append(in.cols, col.Name)
		in.vals = append(in.vals, vals[col.Name])
	}
	in.pk = fmt.Sprint(vals[pkCol])
	return in
}

// copy writes a copy of the row (see prepare) and returns its primary key value.
func (c *copier) copy(table, pk string, set map[string]any) string {
	c.t.Helper()
	in := c.prepare(table, pk, set)
	if _, err := in.exec(c.q); err != nil {
		c.t.Fatalf("copy %s %s: %v", table, pk, err)
	}
	return in.pk
}

// distinguish changes one column of ix in vals so that the copy's key differs.
func (c *copier) distinguish(tbl *dbtest.Table, ix dbtest.Index, vals map[string]any, keep []string) {
	c.t.Helper()
	cols := slices.Clone(ix.Columns)
	slices.Reverse(cols)
	for _, col := range cols { // a column that nothing else constrains
		if slices.Contains(keep, col) || tbl.ForeignKey(col) != nil || tbl.InCheck(col) {
			continue
		}
		c.n++
		switch v := vals[col].(type) {
		case string:
			vals[col] = fmt.Sprintf("%s-copy%d", v, c.n)
			return
		case int64:
			vals[col] = v + 1_000_000 + int64(c.n)
			return
		}
	}
	for _, col := range cols { // else a new parent row for a foreign-key column
		fk := tbl.ForeignKey(col)
		if slices.Contains(keep, col) || fk == nil || vals[col] == nil {
			continue
		}
		vals[col] = c.copy(fk.Parent, fmt.Sprint(vals[col]), nil)
		return
	}
	c.t.Fatalf("%s: cannot make a copy distinct on unique index %s %q", tbl.Name, ix.Name, ix.Columns)
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return len(a) > 0
}

// wantClassified checks that err is of class kind and is a *compassdb.Error.
func wantClassified(t testing.TB, err, kind error) *compassdb.Error {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("error = %v, want %v", err, kind)
		return nil
	}
	var ce *compassdb.Error
	if !errors.As(err, &ce) {
		t.Errorf("error %v is not a *compassdb.Error", err)
		return nil
	}
	return ce
}

// isNullable reports whether a model field type can hold SQL NULL.
func isNullable(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer || t == reflect.TypeFor[dbtypes.NullDate]()
}
