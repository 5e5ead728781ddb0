package compassdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"
)

// driverName is mattn/go-sqlite3 with every error passed through classify, so that
// sqlc's generated methods, which return driver errors as they are, already return
// *Error values that errors.Is can test. Everything else is mattn's own code: the wrappers
// embed its types and only intercept the methods that return an error, plus the
// argument check of CheckNamedValue (ErrInvalidText) and the length limit set on each new
// connection (ErrTooLarge).
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
// for r. Its connections keep SQLite's own length limit.
func openPool(dsn string, r role) *sql.DB { return openPoolLimited(dsn, r, 0) }

// openPoolLimited is openPool whose connections refuse strings, blobs and rows longer
// than maxValueBytes with ErrTooLarge (SQLITE_LIMIT_LENGTH); 0 keeps SQLite's limit.
func openPoolLimited(dsn string, r role, maxValueBytes int) *sql.DB {
	return sql.OpenDB(&connector{dsn: dsn, role: r, maxValueBytes: maxValueBytes})
}

type connector struct {
	dsn           string
	role          role
	maxValueBytes int
}

func (c *connector) Connect(context.Context) (driver.Conn, error) {
	return c.driver().Open(c.dsn)
}

func (c *connector) Driver() driver.Driver { return c.driver() }

func (c *connector) driver() *classifyingDriver {
	return &classifyingDriver{role: c.role, maxValueBytes: c.maxValueBytes}
}

type classifyingDriver struct {
	sqlite3.SQLiteDriver
	role          role
	maxValueBytes int // SQLITE_LIMIT_LENGTH of every connection; 0: SQLite's default
}

func (d *classifyingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := d.SQLiteDriver.Open(dsn)
	if err != nil {
		return nil, d.role.classify(err)
	}
	sc := c.(*sqlite3.SQLiteConn)
	if d.maxValueBytes > 0 {
		// SQLite clamps the value to its compile-time maximum (1e9 bytes in mattn's build).
		sc.SetLimit(sqlite3.SQLITE_LIMIT_LENGTH, d.maxValueBytes)
	}
	return &classifyingConn{sc, d.role}, nil
}

type classifyingConn struct {
	*sqlite3.SQLiteConn
	role role
}

// CheckNamedValue implements driver.NamedValueChecker: before a statement runs,
// database/sql hands it every argument. Text that is not valid UTF-8 or that contains
// NUL is refused with ErrInvalidText, naming the argument's position; everything else
// returns driver.ErrSkip, which keeps database/sql's default conversion (including
// calling a driver.Valuer) exactly as without this check.
func (c *classifyingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if s, ok := textArgument(nv.Value); ok {
		if reason := invalidText(s); reason != "" {
			return &Error{Kind: ErrInvalidText, Argument: nv.Ordinal, Err: errors.New(reason)}
		}
	}
	return driver.ErrSkip
}

// textArgument returns the text an argument binds as: a string, a non-nil *string, a
// named string type (or a pointer to one), or the string a driver.Valuer returns. A
// Valuer's error is left to the default conversion, which reports it.
func textArgument(v any) (string, bool) {
	switch x := v.(type) {
	case nil, []byte:
		return "", false
	case string:
		return x, true
	case *string:
		if x == nil {
			return "", false
		}
		return *x, true
	case driver.Valuer:
		// A nil pointer whose Value method has a value receiver would panic; the default
		// conversion binds it as NULL.
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return "", false
		}
		dv, err := x.Value()
		if err != nil {
			return "", false
		}
		s, ok := dv.(string)
		return s, ok
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "", false
		}
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

// invalidText says what is wrong with s as stored text ("" if nothing), by byte offset
// only: the message must never carry the text, which may be a secret.
func invalidText(s string) string {
	if !utf8.ValidString(s) {
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				return fmt.Sprintf("invalid UTF-8 at byte %d of %d", i, len(s))
			}
			i += size
		}
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Sprintf("NUL character at byte %d of %d", i, len(s))
	}
	return ""
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
