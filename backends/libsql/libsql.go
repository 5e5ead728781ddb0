// Package libsql runs Compass's queries (package db) against a libSQL server (sqld) —
// a primary, or a replica that forwards writes to its primary — through the pure-Go
// driver github.com/tursodatabase/libsql-client-go. It is a separate module so that the
// library's go.mod never pulls that driver in; a service that uses a local SQLite file
// needs only package compassdb.
//
// What differs from compassdb.Open on a file:
//   - Migrations: Migrate applies the same embedded files, cut into single statements
//     (the HTTP protocol runs one statement per request), in one transaction, and
//     records them in golang-migrate's schema_migrations table as compassdb does. Run it
//     against the primary.
//   - Transactions: Tx is compassdb.WriteTx (BEGIN IMMEDIATE … COMMIT on one *sql.Conn,
//     which the driver keeps on one server stream). A plain db.Begin() is a deferred
//     transaction, and most concurrent read-then-write ones then fail with "database
//     is locked".
//   - Errors: the driver returns text, not sqlite3.Error values; the connections of
//     Open turn constraint and lock errors into *compassdb.Error values from that text,
//     so errors.Is(err, compassdb.ErrUniqueViolation) etc. work as on a file.
//   - Replicas: writes and transactions sent to a replica run on the primary; a
//     replica's reads catch up asynchronously (read your own writes from the primary).
//   - There is no busy timeout to set (the server has its own), no read/write pool split
//     and no query_only: the server decides.
package libsql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/tursodatabase/libsql-client-go/libsql"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
)

// Options configure Open.
type Options struct {
	// Migrate applies pending migrations first (point Open at the primary for this).
	// Without it, Open refuses a database that is behind this module.
	Migrate bool
}

// DB is a Compass database on a libSQL server.
type DB struct {
	url  string
	pool *sql.DB
}

// Open connects to the libSQL server at url (http://host:port, libsql://…, with
// ?authToken=… where the server wants one).
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	pool := sql.OpenDB(connector{url: url})
	d := &DB{url: url, pool: pool}
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("compassdb/libsql: connect %s: %w", url, err)
	}
	var err error
	if opts.Migrate {
		err = d.Migrate(ctx)
	} else {
		err = d.checkCurrent(ctx)
	}
	if err != nil {
		pool.Close()
		return nil, err
	}
	return d, nil
}

// Queries returns the generated queries on the pool: each statement is its own
// transaction.
func (d *DB) Queries() *db.Queries { return db.New(d.pool) }

// Pool is the database/sql pool, for hand-written SQL.
func (d *DB) Pool() *sql.DB { return d.pool }

// Close closes the pool.
func (d *DB) Close() error { return d.pool.Close() }

// maxBusyRetries bounds how often Tx re-runs a transaction that hit ErrBusy.
const maxBusyRetries = 3

// Tx runs fn in one write transaction (compassdb.WriteTx): committed if fn returns nil,
// rolled back on an error, a panic or a failed COMMIT, retried whole up to 3 times when
// the server reports the database locked, so fn must have no effects outside q.
func (d *DB) Tx(ctx context.Context, fn func(q *db.Queries) error) error {
	for attempt := 0; ; attempt++ {
		err := compassdb.WriteTx(ctx, d.pool, fn)
		if !errors.Is(err, compassdb.ErrBusy) || attempt == maxBusyRetries {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(time.Duration(attempt+1) * 50 * time.Millisecond):
		}
	}
}

// connector opens libsql-client-go connections whose errors are classified.
type connector struct{ url string }

func (c connector) Connect(context.Context) (driver.Conn, error) {
	conn, err := libsql.Driver{}.Open(c.url)
	if err != nil {
		return nil, err
	}
	return &classifyingConn{Conn: conn}, nil
}

func (c connector) Driver() driver.Driver { return libsql.Driver{} }
