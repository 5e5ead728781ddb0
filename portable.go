package compassdb

import (
	"context"
	"database/sql"
	"io/fs"
	"strings"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/migrations"
)

// The pieces of this package that do not depend on the SQLite driver, for a service
// that reaches the Compass database through another database/sql driver (e.g. a libSQL
// server through libsql-client-go; see backends/libsql and docs/operations.md).

// WriteTx runs fn in one write transaction on pool, as (*DB).Tx does on the write
// connection: BEGIN IMMEDIATE … COMMIT on one *sql.Conn, ROLLBACK on an error, a panic
// or a failed COMMIT. It does not retry: the busy classification is mattn's. Read-then-
// write transactions need the IMMEDIATE: a plain db.Begin() starts a deferred
// transaction that fails with "database is locked" when another writer got in between
// its read and its first write.
func WriteTx(ctx context.Context, pool *sql.DB, fn func(q *db.Queries) error) error {
	return writeTx(ctx, pool, func(c *sql.Conn) error { return fn(db.New(c)) })
}

// Migration is one embedded up migration, cut into statements the way the migration
// runner executes them (for drivers that run one statement per call).
type Migration struct {
	Version    uint
	File       string // e.g. "000003_plugins.up.sql"
	Statements []string
}

// UpMigrations lists the embedded up migrations newer than version, oldest first.
func UpMigrations(version uint) ([]Migration, error) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, v := range versionsOf(migrations.FS) {
		if v <= version {
			continue
		}
		for _, e := range entries {
			var n uint
			if !strings.HasSuffix(e.Name(), ".up.sql") || !parseVersion(e.Name(), &n) || n != v {
				continue
			}
			body, err := fs.ReadFile(migrations.FS, e.Name())
			if err != nil {
				return nil, err
			}
			m := Migration{Version: v, File: e.Name()}
			for _, s := range splitStatements(string(body)) {
				m.Statements = append(m.Statements, s.SQL)
			}
			out = append(out, m)
		}
	}
	return out, nil
}

// parseVersion reads the leading number of a migration file name.
func parseVersion(name string, v *uint) bool {
	i := strings.IndexByte(name, '_')
	if i <= 0 {
		return false
	}
	var n uint
	for _, c := range name[:i] {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + uint(c-'0')
	}
	*v = n
	return true
}
