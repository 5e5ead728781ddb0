package compassdb

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/mattn/go-sqlite3"
)

// driverName is mattn/go-sqlite3 with every error passed through classify, so that
// sqlc's generated methods, which return driver errors as they are, already return
// *Error values that errors.Is can test. Everything else is mattn's own code: the wrappers
// embed its types and only intercept the methods that return an error.
const driverName = "compassdb_sqlite3"

func init() { sql.Register(driverName, &classifyingDriver{}) }

type classifyingDriver struct{ sqlite3.SQLiteDriver }

func (d *classifyingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := d.SQLiteDriver.Open(dsn)
	if err != nil {
		return nil, classify(err)
	}
	return &classifyingConn{c.(*sqlite3.SQLiteConn)}, nil
}

type classifyingConn struct{ *sqlite3.SQLiteConn }

func (c *classifyingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.SQLiteConn.ExecContext(ctx, query, args)
	return res, classify(err)
}

func (c *classifyingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return wrapRows(c.SQLiteConn.QueryContext(ctx, query, args))
}

func (c *classifyingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.SQLiteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, classify(err)
	}
	return &classifyingStmt{s.(*sqlite3.SQLiteStmt)}, nil
}

func (c *classifyingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *classifyingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.SQLiteConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, classify(err)
	}
	return classifyingTx{tx}, nil
}

func (c *classifyingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

type classifyingTx struct{ driver.Tx }

// Commit can fail with SQLITE_BUSY or a deferred constraint.
func (t classifyingTx) Commit() error { return classify(t.Tx.Commit()) }

type classifyingStmt struct{ *sqlite3.SQLiteStmt }

func (s *classifyingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	res, err := s.SQLiteStmt.ExecContext(ctx, args)
	return res, classify(err)
}

func (s *classifyingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return wrapRows(s.SQLiteStmt.QueryContext(ctx, args))
}

// A statement that fails on a later row (INSERT … RETURNING on the first step, a
// constraint hit while stepping) reports it from Next.
type classifyingRows struct{ *sqlite3.SQLiteRows }

func (r classifyingRows) Next(dest []driver.Value) error { return classify(r.SQLiteRows.Next(dest)) }

func wrapRows(rows driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, classify(err)
	}
	return classifyingRows{rows.(*sqlite3.SQLiteRows)}, nil
}
