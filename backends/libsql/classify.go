package libsql

import (
	"context"
	"database/sql/driver"
	"strings"

	"github.com/compass-eng/compassdb"
)

// classifyingConn passes every error of a libsql-client-go connection through classify.
// The driver's connection implements the context methods below; each is forwarded.
type classifyingConn struct{ driver.Conn }

func (c *classifyingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	res, err := e.ExecContext(ctx, query, args)
	return res, classify(err)
}

func (c *classifyingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	rows, err := q.QueryContext(ctx, query, args)
	if err != nil {
		return nil, classify(err)
	}
	return classifyingRows{rows}, nil
}

func (c *classifyingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		s, err := p.PrepareContext(ctx, query)
		return s, classify(err)
	}
	s, err := c.Conn.Prepare(query)
	return s, classify(err)
}

func (c *classifyingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		tx, err := b.BeginTx(ctx, opts)
		return tx, classify(err)
	}
	tx, err := c.Conn.Begin() //nolint:staticcheck // the driver's fallback
	return tx, classify(err)
}

func (c *classifyingConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *classifyingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

type classifyingRows struct{ driver.Rows }

func (r classifyingRows) Next(dest []driver.Value) error { return classify(r.Rows.Next(dest)) }

// classify reads SQLite's message out of the driver's error text (e.g. "failed to
// execute SQL: SQLite error: UNIQUE constraint failed: users.email", or "error
// executing a request on the primary: …" from a replica) and returns a
// *compassdb.Error of the matching class; every other error is returned as it is.
func classify(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	e := &compassdb.Error{Err: err}
	if rest, ok := after(msg, "UNIQUE constraint failed: "); ok {
		e.Kind = compassdb.ErrUniqueViolation
		e.Table, e.Columns = columns(rest)
	} else if rest, ok := after(msg, "NOT NULL constraint failed: "); ok {
		e.Kind = compassdb.ErrNotNullViolation
		e.Table, e.Columns = columns(rest)
	} else if rest, ok := after(msg, "CHECK constraint failed: "); ok {
		e.Kind = compassdb.ErrCheckViolation
		e.Constraint = rest
	} else if strings.Contains(msg, "FOREIGN KEY constraint failed") {
		e.Kind = compassdb.ErrForeignKeyViolation
	} else if strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY") {
		e.Kind = compassdb.ErrBusy
	} else {
		return err
	}
	return e
}

// after returns the rest of the line that follows prefix in msg.
func after(msg, prefix string) (string, bool) {
	i := strings.Index(msg, prefix)
	if i < 0 {
		return "", false
	}
	rest := msg[i+len(prefix):]
	if j := strings.IndexAny(rest, "\n\r"); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(rest), true
}

// columns reads "t.c1, t.c2" into the table and its columns.
func columns(list string) (table string, cols []string) {
	for _, q := range strings.Split(list, ", ") {
		if t, c, ok := strings.Cut(q, "."); ok {
			table = t
			cols = append(cols, c)
		}
	}
	return table, cols
}
