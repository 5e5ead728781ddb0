package bench

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/compass-eng/compassdb"
)

// Schema selects which schema a database is built with.
type Schema int

const (
	// LibrarySchema is this module's schema, applied by its own migrations.
	LibrarySchema Schema = iota
	// LegacySchema is the existing system's schema (LegacyDDL): no secondary indexes.
	LegacySchema
)

func (s Schema) String() string {
	if s == LegacySchema {
		return "legacy"
	}
	return "library"
}

// buildPragmas make a one-off bulk load fast: the file is discarded if the build fails,
// so durability during it buys nothing.
const buildPragmas = "_foreign_keys=0&_journal_mode=OFF&_synchronous=OFF&_cache_size=-1048576&_locking_mode=EXCLUSIVE"

// Build creates the database file at path with the given schema and fills it with the
// data set of size s. It returns the manifest of the generated rows.
func Build(ctx context.Context, path string, schema Schema, s Size) (Manifest, error) {
	switch schema {
	case LibrarySchema:
		if err := compassdb.Migrate(ctx, path); err != nil {
			return Manifest{}, err
		}
	case LegacySchema:
		ddl, err := LegacyDDL()
		if err != nil {
			return Manifest{}, err
		}
		conn, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=0")
		if err != nil {
			return Manifest{}, err
		}
		for _, stmt := range ddl {
			if _, err := conn.ExecContext(ctx, stmt); err != nil {
				conn.Close()
				return Manifest{}, fmt.Errorf("legacy DDL: %w\n%s", err, stmt)
			}
		}
		if err := conn.Close(); err != nil {
			return Manifest{}, err
		}
	}

	conn, err := sql.Open("sqlite3", "file:"+path+"?"+buildPragmas)
	if err != nil {
		return Manifest{}, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return Manifest{}, err
	}
	defer tx.Rollback()
	w := newBulkWriter(ctx, tx)
	m, err := Generate(s, w.add)
	if err == nil {
		err = w.flushAll()
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return Manifest{}, fmt.Errorf("build %s database: %w", schema, err)
	}
	// Services run the file in WAL mode; set it now so that read-only benchmark pools
	// never need to change the journal mode.
	if _, err := conn.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// bulkWriter batches rows of each table into multi-row INSERT statements.
type bulkWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	rows   map[string][]any // pending values per table
	stmts  map[string]*sql.Stmt
	counts map[string]int
}

// maxParams bounds the bound parameters of one INSERT (SQLite's default limit is 32766).
const maxParams = 999

func newBulkWriter(ctx context.Context, tx *sql.Tx) *bulkWriter {
	return &bulkWriter{ctx: ctx, tx: tx, rows: map[string][]any{}, stmts: map[string]*sql.Stmt{}, counts: map[string]int{}}
}

func (w *bulkWriter) add(table string, vals []any) error {
	cols := tableColumns[table]
	if len(vals) != len(cols) {
		return fmt.Errorf("generator: %s row has %d values for %d columns", table, len(vals), len(cols))
	}
	w.rows[table] = append(w.rows[table], vals...)
	if len(w.rows[table]) >= (maxParams/len(cols))*len(cols) {
		return w.flush(table)
	}
	return nil
}

func (w *bulkWriter) flush(table string) error {
	vals := w.rows[table]
	if len(vals) == 0 {
		return nil
	}
	cols := tableColumns[table]
	n := len(vals) / len(cols)
	key := fmt.Sprintf("%s/%d", table, n)
	stmt, ok := w.stmts[key]
	if !ok {
		var err error
		stmt, err = w.tx.PrepareContext(w.ctx, MultiRowInsert(table, cols, n))
		if err != nil {
			return err
		}
		w.stmts[key] = stmt
	}
	if _, err := stmt.ExecContext(w.ctx, vals...); err != nil {
		return fmt.Errorf("insert %d rows into %s: %w", n, table, err)
	}
	w.counts[table] += n
	w.rows[table] = vals[:0]
	return nil
}

func (w *bulkWriter) flushAll() error {
	for table := range w.rows {
		if err := w.flush(table); err != nil {
			return err
		}
	}
	return nil
}

// MultiRowInsert returns INSERT INTO table (cols) VALUES (?, …), … with n rows.
func MultiRowInsert(table string, cols []string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
