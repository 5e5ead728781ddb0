package libsql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/compass-eng/compassdb"
)

// The version table in golang-migrate's sqlite3 format, as compassdb keeps it.
const versionTable = `CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool)`
const versionIndex = `CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)`

// Status reads the migration state (as compassdb.ReadStatus does for a file).
func (d *DB) Status(ctx context.Context) (compassdb.Status, error) {
	c, err := d.pool.Conn(ctx)
	if err != nil {
		return compassdb.Status{}, err
	}
	defer c.Close()
	return status(ctx, c)
}

type querier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func status(ctx context.Context, q querier) (compassdb.Status, error) {
	st := compassdb.Status{Latest: compassdb.LatestVersion()}
	var exists int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists); err != nil {
		return st, err
	}
	if exists > 0 {
		var v int64
		err := q.QueryRowContext(ctx, `SELECT version, dirty FROM schema_migrations LIMIT 1`).Scan(&v, &st.Dirty)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return st, err
		case v > 0:
			st.Version = uint(v)
		}
	}
	pending, err := compassdb.UpMigrations(st.Version)
	if err != nil {
		return st, err
	}
	for _, m := range pending {
		st.Pending = append(st.Pending, m.Version)
	}
	return st, nil
}

func (d *DB) checkCurrent(ctx context.Context) error {
	st, err := d.Status(ctx)
	if err != nil {
		return err
	}
	return stateError(d.url, st)
}

func stateError(url string, st compassdb.Status) error {
	e := &compassdb.SchemaStateError{Path: url, Version: st.Version, Latest: st.Latest}
	switch {
	case st.Dirty:
		e.Kind = compassdb.ErrDirty
	case st.Newer():
		e.Kind = compassdb.ErrSchemaNewer
	case len(st.Pending) > 0:
		e.Kind = compassdb.ErrSchemaBehind
	default:
		return nil
	}
	return e
}

// Migrate applies every pending embedded migration in one transaction, one statement
// per call, with foreign keys off for the run (a table rebuild must not cascade) and
// PRAGMA foreign_key_check clean before COMMIT; any failure rolls the whole run back and
// names the file and statement in a *compassdb.MigrationError. Run it on the primary.
func (d *DB) Migrate(ctx context.Context) error {
	c, err := d.pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for _, stmt := range []string{versionTable, versionIndex} {
		if _, err := c.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("compassdb/libsql: %w", err)
		}
	}
	// PRAGMA foreign_keys is a no-op inside a transaction: set it on the connection
	// first, and back on afterwards.
	if _, err := c.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer c.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")

	return compassdb.TxOnConn(ctx, c, func(c *sql.Conn) error {
		st, err := status(ctx, c)
		if err != nil {
			return err
		}
		if err := stateError(d.url, st); err != nil && !errors.Is(err, compassdb.ErrSchemaBehind) {
			return err
		}
		pending, err := compassdb.UpMigrations(st.Version)
		if err != nil || len(pending) == 0 {
			return err
		}
		for _, m := range pending {
			for i, s := range m.Statements {
				if _, err := c.ExecContext(ctx, s); err != nil {
					return &compassdb.MigrationError{File: m.File, Statement: i + 1, SQL: s, Err: err}
				}
			}
		}
		if err := foreignKeyCheck(ctx, c); err != nil {
			return err
		}
		if _, err := c.ExecContext(ctx, "DELETE FROM schema_migrations"); err != nil {
			return err
		}
		_, err = c.ExecContext(ctx, "INSERT INTO schema_migrations (version, dirty) VALUES (?, 0)", pending[len(pending)-1].Version)
		return err
	})
}

func foreignKeyCheck(ctx context.Context, c *sql.Conn) error {
	rows, err := c.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		problems = append(problems, fmt.Sprintf("%s rowid %d -> %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("compassdb/libsql: foreign_key_check: %s: %w", strings.Join(problems, "; "), compassdb.ErrForeignKeyViolation)
	}
	return nil
}
