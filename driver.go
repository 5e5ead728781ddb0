package compassdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// driverName is mattn/go-sqlite3 with every error passed through classify, so that
// sqlc's generated methods, which return driver errors as they are, already return
// *Error values that errors.Is can test. Everything else is mattn's own code: the wrappers
// embed its types and only intercept the methods that return an error.
const driverName = "compassdb_sqlite3"

func init() { sql.Register(driverName, &classifyingDriver{}) }

// connSettings are the per-connection settings of every connection this package opens.
// mattnDSN is the only place that knows how mattn/go-sqlite3 spells them; nothing else in
// the package depends on driver-specific DSN options (transactions are begun with plain
// SQL, see (*DB).Tx), so a second driver needs only a second spelling.
type connSettings struct {
	foreignKeys bool
	busyTimeout time.Duration
	wal         bool // set journal_mode=WAL on connect (the writer and the migration runner)
	synchronous string
	queryOnly   bool
	stmtCache   int // prepared statements kept per connection (mattn's _stmt_cache_size); 0: none
	cacheKiB    int // page cache per connection in KiB (PRAGMA cache_size=-N); 0: SQLite's default
}

// mattnDSN builds a mattn/go-sqlite3 URI filename for path with settings s.
func mattnDSN(path string, s connSettings) string {
	fk := 0
	if s.foreignKeys {
		fk = 1
	}
	params := fmt.Sprintf("_foreign_keys=%d&_busy_timeout=%d", fk, s.busyTimeout.Milliseconds())
	if s.wal {
		params += "&_journal_mode=WAL"
	}
	if s.synchronous != "" {
		params += "&_synchronous=" + s.synchronous
	}
	if s.queryOnly {
		params += "&_query_only=1"
	}
	if s.stmtCache > 0 {
		params += fmt.Sprintf("&_stmt_cache_size=%d", s.stmtCache)
	}
	if s.cacheKiB > 0 {
		params += fmt.Sprintf("&_cache_size=-%d", s.cacheKiB)
	}
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path) + "?" + params
}

// role says how the errors of a connection are classified beyond the constraint and lock
// classes: a replica handle turns every refused write into ErrReadOnlyReplica, and a
// handle on a LiteFS mount does so for LiteFS's refusal of a write on a replica node.
type role struct {
	readOnly bool // a handle opened with Options{ReadOnly: true}: no write may pass
	liteFS   bool // the file is in a LiteFS mount
}

// openPool opens a database/sql pool on mattn/go-sqlite3 whose errors are classified
// for r.
func openPool(dsn string, r role) *sql.DB {
	return sql.OpenDB(&connector{dsn: dsn, role: r})
}

type connector struct {
	dsn  string
	role role
}

func (c *connector) Connect(context.Context) (driver.Conn, error) {
	return (&classifyingDriver{role: c.role}).Open(c.dsn)
}

func (c *connector) Driver() driver.Driver { return &classifyingDriver{role: c.role} }

type classifyingDriver struct {
	sqlite3.SQLiteDriver
	role role
}

func (d *classifyingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := d.SQLiteDriver.Open(dsn)
	if err != nil {
		return nil, d.role.classify(err)
	}
	return &classifyingConn{c.(*sqlite3.SQLiteConn), d.role}, nil
}

type classifyingConn struct {
	*sqlite3.SQLiteConn
	role role
}

func (c *classifyingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.SQLiteConn.ExecContext(ctx, query, args)
	return res, c.role.classify(err)
}

func (c *classifyingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.role.wrapRows(c.SQLiteConn.QueryContext(ctx, query, args))
}

func (c *classifyingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.SQLiteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, c.role.classify(err)
	}
	return &classifyingStmt{s.(*sqlite3.SQLiteStmt), c.role}, nil
}

func (c *classifyingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *classifyingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.SQLiteConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, c.role.classify(err)
	}
	return classifyingTx{tx, c.role}, nil
}

func (c *classifyingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

type classifyingTx struct {
	driver.Tx
	role role
}

// Commit can fail with SQLITE_BUSY or a deferred constraint.
func (t classifyingTx) Commit() error { return t.role.classify(t.Tx.Commit()) }

type classifyingStmt struct {
	*sqlite3.SQLiteStmt
	role role
}

func (s *classifyingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	res, err := s.SQLiteStmt.ExecContext(ctx, args)
	return res, s.role.classify(err)
}

func (s *classifyingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.role.wrapRows(s.SQLiteStmt.QueryContext(ctx, args))
}

// A statement that fails on a later row (INSERT … RETURNING on the first step, a
// constraint hit while stepping) reports it from Next.
type classifyingRows struct {
	*sqlite3.SQLiteRows
	role role
}

func (r classifyingRows) Next(dest []driver.Value) error {
	return r.role.classify(r.SQLiteRows.Next(dest))
}

func (r role) wrapRows(rows driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, r.classify(err)
	}
	return classifyingRows{rows.(*sqlite3.SQLiteRows), r}, nil
}
